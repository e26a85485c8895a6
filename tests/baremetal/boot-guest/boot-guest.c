// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * boot-guest.c -- the boot protocol test guest (tests/baremetal/boot.sh):
 * what a Linux kernel finds at its first instruction
 * (Documentation/arm/booting.rst 6): r0 = 0, r1 = machine type, r2 = the
 * boot data, SVC mode with IRQ and FIQ masked, MMU and data cache off;
 * then the boot data itself, a device tree (4b) or an ATAG list (4a):
 * the memory it describes, the command line, the initrd, which must not
 * overlap the image or each other; and the initrd's bytes (CRC-32).
 *
 * The same binary is booted natively by QEMU's own Linux loader (a raw
 * image at 0x10000, -dtb/-initrd/-append) and, rewritten and bundled by
 * armpv-bundle, by armpv-bm.  The transcript ("ok", "cmdline:",
 * "initrd:") prints nothing that depends on where things were placed or
 * how much RAM there is, so the two runs must print the same; those
 * facts go to "info:" lines, which boot.sh checks on their own.  Its
 * device tree reader is its own, deliberately not the monitor's fdt.c.
 */
#include <stdbool.h>

#include "plat.h"
#include "tests.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define ATAG_NONE 0x00000000u
#define ATAG_CORE 0x54410001u
#define ATAG_MEM 0x54410002u
#define ATAG_INITRD2 0x54420005u
#define ATAG_CMDLINE 0x54410009u
/* The machine type QEMU's loader passes in r1 (arch/arm/tools/mach-types;
 * hw/arm/raspi.c raspi_boardid[] for raspi0: BCM2708, 3138). */
#ifdef BOARD_BCM2835
#define MACH_BOARD 3138u
#define MACH_BOARD_NAME "raspi0"
#else
#define MACH_BOARD 387u
#define MACH_BOARD_NAME "versatilepb"
#endif
#define CMDLINE_MAX 1024u

extern char __image_start[], __end[];

/* What the boot data says, for the common checks. */
static struct found {
	uint32_t mem_base, mem_size;
	uint32_t boot_end; /* end of the device tree / ATAG list */
	uint32_t initrd_start, initrd_end;
	bool have_mem, have_initrd;
	const char *cmdline;
} found;

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint32_t len_of(const char *s, uint32_t max)
{
	uint32_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static bool prefix_eq(const char *a, const char *b, uint32_t n)
{
	while (n && *a == *b)
		a++, b++, n--;
	return n == 0;
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* CRC-32 (zlib's), bit by bit: the initrd is a few KiB. */
static uint32_t crc32(const uint8_t *p, uint32_t n)
{
	uint32_t crc = 0xffffffffu;

	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* A device tree: the property 'prop' of the root ("") or of a child of
 * the root named 'node' (or node@unit).  Bounds-checked against the
 * structure block. */
struct dt {
	const uint8_t *s, *strings;
	uint32_t size_struct, size_strings;
};

static const uint8_t *dt_prop(const struct dt *d, const char *node,
			      const char *prop, uint32_t *len)
{
	uint32_t off = 0, depth = 0;
	bool in = false;

	while (off + 4 <= d->size_struct) {
		uint32_t t = be32(d->s + off);

		if (t == FDT_BEGIN_NODE) {
			const char *name = (const char *)d->s + off + 4;
			uint32_t n = len_of(name, d->size_struct - off - 4);
			uint32_t k = len_of(node, 64);

			depth++;
			in = node[0] ? depth == 2 && n >= k &&
					       prefix_eq(name, node, k) &&
					       (name[k] == 0 || name[k] == '@')
				     : depth == 1;
			off += 4 + ((n + 4) & ~3u);
		} else if (t == FDT_END_NODE) {
			depth--;
			in = false;
			off += 4;
		} else if (t == FDT_PROP) {
			uint32_t l = be32(d->s + off + 4);
			uint32_t nameoff = be32(d->s + off + 8);

			if (l > d->size_struct - off - 12 ||
			    nameoff >= d->size_strings)
				return 0;
			if (in && str_eq((const char *)d->strings + nameoff,
					 prop)) {
				*len = l;
				return d->s + off + 12;
			}
			off += 12 + ((l + 3) & ~3u);
		} else if (t == FDT_NOP) {
			off += 4;
		} else {
			return 0; /* FDT_END or garbage */
		}
	}
	return 0;
}

static void check_dtb(uint32_t r1, const uint8_t *b)
{
	struct dt d;
	const uint8_t *v;
	uint32_t len, ac = 0, sc = 0;

	check_ctx("dtb: ");
	check_eq("header version 17", be32(b + 20), 17);
	check_eq("r1 is ~0 (armpv-bm) or the " MACH_BOARD_NAME
		 " machine type (QEMU)",
		 r1 == 0xffffffffu || r1 == MACH_BOARD, 1);
	d.s = b + be32(b + 8);
	d.strings = b + be32(b + 12);
	d.size_strings = be32(b + 32);
	d.size_struct = be32(b + 36);
	found.boot_end = (uint32_t)(uintptr_t)b + be32(b + 4);

	v = dt_prop(&d, "", "#address-cells", &len);
	if (v && len == 4)
		ac = be32(v);
	check_eq("root #address-cells 1", ac, 1);
	v = dt_prop(&d, "", "#size-cells", &len);
	if (v && len == 4)
		sc = be32(v);
	check_eq("root #size-cells 1", sc, 1);
	v = dt_prop(&d, "memory", "device_type", &len);
	check_eq("/memory device_type \"memory\"",
		 v && len == 7 && str_eq((const char *)v, "memory"), 1);
	v = dt_prop(&d, "memory", "reg", &len);
	check_eq("/memory reg: one bank (base, size)", v ? len : 0, 8);
	if (v && len == 8) {
		found.have_mem = true;
		found.mem_base = be32(v);
		found.mem_size = be32(v + 4);
	}
	v = dt_prop(&d, "chosen", "bootargs", &len);
	check_eq("/chosen bootargs: a string",
		 v && len && len <= CMDLINE_MAX &&
			 len_of((const char *)v, len) == len - 1,
		 1);
	if (v && len && len_of((const char *)v, len) == len - 1)
		found.cmdline = (const char *)v;
	v = dt_prop(&d, "chosen", "linux,initrd-start", &len);
	if (v && len == 4) {
		found.initrd_start = be32(v);
		v = dt_prop(&d, "chosen", "linux,initrd-end", &len);
		if (v && len == 4) {
			found.initrd_end = be32(v);
			found.have_initrd = true;
		}
	}
	check_eq("/chosen linux,initrd-start and -end (32-bit)",
		 found.have_initrd, 1);
	v = dt_prop(&d, "armpv-test", "value", &len);
	check_eq("/armpv-test value arrives intact",
		 v && len == 4 ? be32(v) : 0, 0x12345678);
	v = dt_prop(&d, "armpv-test", "text", &len);
	check_eq("/armpv-test text arrives intact",
		 v && len == 14 && str_eq((const char *)v, "kept as it is"),
		 1);
}

static void check_atags(uint32_t r1, const uint32_t *t)
{
	bool none = false;

	check_ctx("atags: ");
	check_eq("r1 = " MACH_BOARD_NAME " machine type", r1, MACH_BOARD);
	/* At most 4 KiB of tags; each: size in words, tag, data. */
	for (uint32_t words = 0; words < 1024;) {
		uint32_t size = t[0], tag = t[1];

		if (tag == ATAG_NONE) {
			none = size == 0 || size == 2;
			found.boot_end = (uint32_t)(uintptr_t)(t + 2);
			break;
		}
		if (size < 2 || size > 1024 - words)
			break;
		if (tag == ATAG_MEM && size >= 4) {
			found.have_mem = true;
			found.mem_size = t[2];
			found.mem_base = t[3];
		}
		if (tag == ATAG_INITRD2 && size >= 4) {
			found.have_initrd = true;
			found.initrd_start = t[2];
			found.initrd_end = t[2] + t[3];
		}
		if (tag == ATAG_CMDLINE && size >= 3 &&
		    len_of((const char *)&t[2], (size - 2) * 4) <
			    (size - 2) * 4)
			found.cmdline = (const char *)&t[2];
		words += size;
		t += size;
	}
	check_eq("the list ends with ATAG_NONE", none, 1);
	check_eq("ATAG_MEM", found.have_mem, 1);
	check_eq("ATAG_INITRD2", found.have_initrd, 1);
	check_eq("ATAG_CMDLINE", found.cmdline != 0, 1);
}

int boot_main(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t cpsr,
	      uint32_t sctlr);
int boot_main(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t cpsr,
	      uint32_t sctlr)
{
	uint32_t image_start = (uint32_t)(uintptr_t)__image_start;
	uint32_t image_end = (uint32_t)(uintptr_t)__end;
	const uint32_t *w = (const uint32_t *)(uintptr_t)r2;

	put_str("# boot protocol test guest\n");
	check_ctx("entry: ");
	check_eq("r0 = 0", r0, 0);
	check_eq("SVC mode", cpsr & PSR_MODE_MASK, SVC_MODE);
	check_eq("IRQ and FIQ masked", cpsr & (PSR_I | PSR_F), PSR_I | PSR_F);
	check_eq("ARM state", cpsr & PSR_T, 0);
	check_eq("MMU and data cache off (SCTLR.M, C)", sctlr & 5, 0);
	check_ctx("boot data: ");
	check_eq("r2 8-byte aligned", r2 & 7, 0);
	check_eq("r2 outside the image and its bss",
		 r2 + 8 <= image_start || r2 >= image_end, 1);
	if (be32((const uint8_t *)w) == FDT_MAGIC) {
		check_eq("a device tree (magic 0xd00dfeed)", 1, 1);
		check_dtb(r1, (const uint8_t *)w);
	} else {
		check_eq("an ATAG list (ATAG_CORE first)", w[1], ATAG_CORE);
		if (w[1] == ATAG_CORE)
			check_atags(r1, w);
	}

	check_ctx("placement: ");
	check_eq("memory at 0", found.have_mem ? found.mem_base : 1, 0);
	check_eq("memory holds the image, the boot data and the initrd",
		 found.have_mem && image_end <= found.mem_size &&
			 found.boot_end <= found.mem_size &&
			 found.initrd_end <= found.mem_size,
		 1);
	check_eq("initrd not empty, above the image and its bss",
		 found.initrd_end > found.initrd_start &&
			 found.initrd_start >= image_end,
		 1);
	check_eq("initrd and boot data do not overlap",
		 found.initrd_end <= r2 || found.initrd_start >= found.boot_end,
		 1);
	put_str("info: r1 ");
	put_hex(r1);
	put_str(" r2 ");
	put_hex(r2);
	put_str(" memory ");
	put_hex(found.mem_size);
	put_str(" initrd ");
	put_hex(found.initrd_start);
	put_str("-");
	put_hex(found.initrd_end);
	plat_putc('\n');

	put_str("cmdline: ");
	put_str(found.cmdline ? found.cmdline : "(none)");
	plat_putc('\n');
	if (found.have_initrd && found.initrd_end > found.initrd_start &&
	    found.initrd_end <= found.mem_size) {
		put_str("initrd: ");
		put_dec(found.initrd_end - found.initrd_start);
		put_str(" bytes, crc32 ");
		put_hex(crc32((const uint8_t *)(uintptr_t)found.initrd_start,
			      found.initrd_end - found.initrd_start));
		plat_putc('\n');
	}
	return check_summary();
}
