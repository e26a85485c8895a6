/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * boot.c -- what the boot loader passed: the machine type in r1 and, at
 * the physical address in r2, an ATAG list (Linux's
 * Documentation/arm/booting.rst, arch/arm/include/uapi/asm/setup.h).  The
 * guest image is the initrd (ATAG_INITRD2: physical start and size), as
 * QEMU's -initrd puts it.
 *
 * A flattened device tree (magic 0xd00dfeed, what QEMU passes with -dtb
 * and U-Boot with bootm/bootz and a DTB) is recognised and refused with a
 * report: its /chosen linux,initrd-start/-end would name the guest, but
 * slice 1 reads ATAGs only.
 */
#include "bm.h"

#define ATAG_NONE 0x00000000
#define ATAG_CORE 0x54410001
#define ATAG_MEM 0x54410002
#define ATAG_INITRD2 0x54420005
#define ATAG_CMDLINE 0x54410009
#define FDT_MAGIC_LE 0xedfe0dd0u /* 0xd00dfeed, stored big-endian */
#define ATAG_MAX_WORDS 4096	 /* a list longer than this is garbage */

void *bm_pa_to_va(uint32_t pa)
{
	return (void *)(uintptr_t)(pa + BM_LINEAR_VA);
}

static bool pa_range_ok(uint32_t pa, uint32_t size)
{
	return pa < BM_LINEAR_SIZE && size <= BM_LINEAR_SIZE - pa;
}

/* Is 'word' one of the space-separated words of the command line (at
 * most 'len' bytes, NUL-terminated or not)? */
static bool cmdline_has(const char *line, uint32_t len, const char *word)
{
	uint32_t i = 0;

	while (i < len && line[i]) {
		uint32_t k = 0;

		while (i < len && line[i] == ' ')
			i++;
		while (word[k] && i + k < len && line[i + k] == word[k])
			k++;
		if (!word[k] && (i + k == len || line[i + k] == ' ' ||
				 line[i + k] == '\0'))
			return true;
		while (i < len && line[i] && line[i] != ' ')
			i++;
	}
	return false;
}

void bm_boot_parse(uint32_t machine, uint32_t tags_pa,
		   struct bm_boot_info *info)
{
	const uint32_t *tag;
	uint32_t words = 0;

	*info = (struct bm_boot_info){ .machine = machine };
	if (!pa_range_ok(tags_pa, 8) || (tags_pa & 3)) {
		bm_report("boot: r2 = %08x is not in RAM: no ATAGs", tags_pa);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	tag = bm_pa_to_va(tags_pa);
	if (tag[0] == FDT_MAGIC_LE) {
		bm_report("boot: r2 = %08x is a device tree; this monitor "
			  "reads ATAGs only (slice 1): boot it as a raw image "
			  "without -dtb", tags_pa);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	if (tag[1] != ATAG_CORE) {
		bm_report("boot: r2 = %08x holds no ATAG list (first tag "
			  "%08x)", tags_pa, tag[1]);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	/* Each tag: size in words (header included), tag, data. */
	for (;;) {
		uint32_t size, id;

		if (words > ATAG_MAX_WORDS - 2 ||
		    !pa_range_ok(tags_pa + words * 4, 8)) {
			bm_report("boot: ATAG list at %08x has no end", tags_pa);
			bm_halt(BM_EXIT_NO_INPUT);
		}
		size = tag[0];
		id = tag[1];

		if (id == ATAG_NONE)
			break;
		if (size < 2 || size > ATAG_MAX_WORDS - words ||
		    !pa_range_ok(tags_pa + words * 4, size * 4)) {
			bm_report("boot: ATAG %08x at %08x has a bad size %u",
				  id, tags_pa + words * 4, size);
			bm_halt(BM_EXIT_NO_INPUT);
		}
		if (id == ATAG_MEM && size >= 4 && tag[3] == 0)
			info->ram_size = tag[2];
		if (id == ATAG_CMDLINE && size >= 3)
			info->profile = cmdline_has((const char *)&tag[2],
						    (size - 2) * 4,
						    "armpv.profile");
		if (id == ATAG_INITRD2 && size >= 4) {
			info->initrd_pa = tag[2];
			info->initrd_size = tag[3];
		}
		words += size;
		tag += size;
	}
}
