/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * boot.c -- what the boot loader passed: the machine type in r1 and, at
 * the physical address in r2, an ATAG list (Linux's
 * Documentation/arm/booting.rst, arch/arm/include/uapi/asm/setup.h).  The
 * guest image is the initrd (ATAG_INITRD2: physical start and size), as
 * QEMU's -initrd puts it.
 *
 * Or, at that address, a flattened device tree (magic 0xd00dfeed: what
 * QEMU passes with -dtb, U-Boot with bootm/bootz and a DTB): the same
 * three facts from /memory reg, /chosen bootargs and /chosen
 * linux,initrd-start/-end (Documentation/arm/booting.rst 4b;
 * Documentation/devicetree/bindings/chosen.txt), read with fdt.c, which
 * checks every offset against the blob first.  A malformed tree is
 * reported with the offset of what is wrong (66).
 */
#include "bm.h"
#include "fdt.h"

#define ATAG_NONE 0x00000000
#define ATAG_CORE 0x54410001
#define ATAG_MEM 0x54410002
#define ATAG_INITRD2 0x54420005
#define ATAG_CMDLINE 0x54410009
#define FDT_MAGIC_LE 0xedfe0dd0u /* 0xd00dfeed, stored big-endian */
#define ATAG_MAX_WORDS 4096	 /* a list longer than this is garbage */

void *bm_pa_to_va(uint32_t pa)
{
	return (void *)(uintptr_t)(pa + BM_BOOT_VA);
}

static bool pa_range_ok(uint32_t pa, uint32_t size)
{
	return pa < BM_BOOT_EARLY && size <= BM_BOOT_EARLY - pa;
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

/* The monitor's options among the command line's words: armpv.profile
 * (docs/baremetal-monitor.md "Per-site profile"), armpv.cache=off
 * ("Caches"; armpv.cache=on, the default, is accepted too). */
static void boot_options(const char *line, uint32_t len,
			 struct bm_boot_info *info)
{
	info->profile = cmdline_has(line, len, "armpv.profile");
	info->cache_off = cmdline_has(line, len, "armpv.cache=off");
}

/* The boot loader's device tree at dtb_pa (its first word checked). */
static void boot_parse_fdt(uint32_t dtb_pa, struct bm_boot_info *info)
{
	struct fdt f;
	uint32_t where, len, start, end;
	const uint8_t *v;
	const char *err;
	int32_t root, node;
	unsigned count;

	err = fdt_open(&f, bm_pa_to_va(dtb_pa), BM_BOOT_EARLY - dtb_pa,
		       &where);
	if (err) {
		bm_report("boot: device tree at %08x: %s (at offset 0x%x)",
			  dtb_pa, err, where);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	info->dtb = true;
	root = fdt_root(&f);
	v = fdt_getprop(&f, root, "compatible", &len);
	if (v && len) {
		info->compatible = (const char *)v;
		info->compatible_len = len;
	}
	/* RAM: the first (address, size) of the first memory node, in the
	 * root's cells; like ATAG_MEM, only a bank at 0 counts. */
	node = fdt_memory_node(&f, 0, &count);
	v = node >= 0 ? fdt_getprop(&f, node, "reg", &len) : NULL;
	if (v) {
		uint32_t ac = fdt_cells(&f, root, false);
		uint32_t sc = fdt_cells(&f, root, true);

		if (ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 &&
		    len >= 4 * (ac + sc) && fdt_read_u32(v, 4 * ac, &start) &&
		    start == 0 &&
		    !fdt_read_u32(v + 4 * ac, 4 * sc, &info->ram_size))
			info->ram_size = 0xffffffffu; /* 4 GiB or more */
	}
	node = fdt_subnode(&f, root, "chosen");
	if (node < 0)
		return;
	v = fdt_getprop(&f, node, "bootargs", &len);
	if (v)
		boot_options((const char *)v, len, info);
	v = fdt_getprop(&f, node, "linux,initrd-start", &len);
	if (!v)
		return;
	if (!fdt_read_u32(v, len, &start)) {
		bm_report("boot: device tree: /chosen linux,initrd-start is "
			  "not a 32-bit address");
		bm_halt(BM_EXIT_NO_INPUT);
	}
	v = fdt_getprop(&f, node, "linux,initrd-end", &len);
	if (!v || !fdt_read_u32(v, len, &end) || end < start) {
		bm_report("boot: device tree: /chosen linux,initrd-end is "
			  "missing, not 32-bit or below linux,initrd-start "
			  "(%08x)", start);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	info->initrd_pa = start;
	info->initrd_size = end - start;
}

void bm_boot_parse(uint32_t machine, uint32_t tags_pa,
		   struct bm_boot_info *info)
{
	const uint32_t *tag;
	uint32_t words = 0;

	*info = (struct bm_boot_info){ .machine = machine };
	if (!pa_range_ok(tags_pa, 8) || (tags_pa & 3)) {
		bm_report("boot: r2 = %08x is not in RAM: no ATAGs or device "
			  "tree", tags_pa);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	tag = bm_pa_to_va(tags_pa);
	if (tag[0] == FDT_MAGIC_LE) {
		boot_parse_fdt(tags_pa, info);
		return;
	}
	if (tag[1] != ATAG_CORE) {
		bm_report("boot: r2 = %08x holds no ATAG list (first tag "
			  "%08x) and no device tree", tags_pa, tag[1]);
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
			boot_options((const char *)&tag[2], (size - 2) * 4,
				     info);
		if (id == ATAG_INITRD2 && size >= 4) {
			info->initrd_pa = tag[2];
			info->initrd_size = tag[3];
		}
		words += size;
		tag += size;
	}
}
