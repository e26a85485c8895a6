/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bundle.c -- what the monitor's initrd holds, and how the guest is
 * entered.
 *
 * - A bare rewritten ELF (slice 1's contract, docs/process-monitor.md):
 *   loaded at its addresses, entered with r0 = r1 = r2 = 0.
 * - An armpv bundle (monitor/bundle/armpv_bundle.h, docs/bundle.md): a
 *   rewritten kernel -- an ELF, or a raw Linux Image or zImage that
 *   armpv-bundle proved to be a rewritten vmlinux's (the header carries
 *   that vmlinux's record) -- optionally a device tree, an initrd and a
 *   command line, booted by the Linux boot protocol
 *   (Documentation/arm/booting.rst): r0 = 0, r1 = machine type (~0 with a
 *   device tree, booting.rst 3 "DT-only platforms"), r2 = guest physical
 *   address of the device tree or of an ATAG list built here (4a: CORE,
 *   MEM, INITRD2, CMDLINE, NONE); virtual SVC, I and F set, MMU off (the
 *   reset vCPU).
 *
 * Everything in the bundle is checked before anything is copied: header,
 * every member inside the bundle and not overlapping another, its CRC-32,
 * the command line's termination, the device tree's structure (fdt.c),
 * then the kernel ELF and its armpv-rewrite record (loader.c).  Any
 * failure is a "guest image:" report and status 65.
 *
 * Placement in guest RAM (guest physical 0 to bm_guest_size): the kernel
 * where its ELF says, an Image at the address its vmlinux loaded at
 * (TEXT_OFFSET, 0x8000, on versatile), a zImage just above the memory
 * the kernel it decompresses will use (raw_end: the decompressor then
 * need not move itself out of the way); the initrd at the top of guest
 * RAM, page aligned; the device tree or ATAGs in the pages just below
 * it.  Above the kernel's image and bss, as booting.rst asks, and out
 * of the way of what a kernel allocates first from just above its bss
 * (Linux: its initial page tables are below the image, at TEXT_OFFSET -
 * 16 KiB, and memblock allocates top-down but around reserved ranges,
 * which the DTB and initrd are).  The device tree is the bundle's, copied, cut down to the
 * board's devices (fdt-filter.h) and then edited in place by
 * fdt_linux_fixup(): /memory reg is the guest's RAM, /chosen
 * bootargs the bundle's command line, linux,initrd-start/-end where the
 * initrd went.  Editing here, not in armpv-bundle, because the placement
 * and the guest RAM size are the monitor's to decide at boot; the bundle
 * can carry the DTB exactly as the kernel build made it.
 */
#include "armpv_bundle.h"
#include "armpv_core.h"
#include "armpv_tables.h"
#include "bm.h"
#include "board.h"
#include "fdt-filter.h"
#include "fdt.h"

#define ATAG_NONE 0x00000000
#define ATAG_CORE 0x54410001
#define ATAG_MEM 0x54410002
#define ATAG_INITRD2 0x54420005
#define ATAG_CMDLINE 0x54410009
#define PAGE_MASK 0xfffu
/* ATAG_CORE (5 words), ATAG_MEM (4), ATAG_INITRD2 (4), ATAG_CMDLINE
 * (2 + text), ATAG_NONE (2). */
#define ATAGS_FIXED_BYTES ((5 + 4 + 4 + 2 + 2) * 4)
/* A zImage: 1 MiB aligned, and what its decompressor uses above its own
 * bytes: bss, a 4 KiB stack and a 64 KiB malloc area
 * (arch/arm/boot/compressed/vmlinux.lds.S, head.S), rounded up. */
#define ZIMAGE_ALIGN_MASK 0xfffffu
#define ZIMAGE_SCRATCH 0x20000u
/* The decompressor puts the kernel at (its own address & 0xf8000000) +
 * TEXT_OFFSET (CONFIG_AUTO_ZRELADDR, head.S). */
#define ZRELADDR_MASK 0xf8000000u

_Static_assert(BM_GUEST_MIN == ARMPV_BUNDLE_GUEST_RAM,
	       "armpv-bundle checks kernels against the least guest RAM");

struct bundle {
	const uint8_t *base;
	const struct armpv_bundle_member *kernel, *dtb, *initrd, *cmdline;
	const struct armpv_bundle_header *h;
};

static uint32_t align_up(uint32_t v, uint32_t mask)
{
	return (v + mask) & ~mask;
}

/* The header and the member table, then each member's bounds and CRC. */
static void bundle_check(const uint8_t *b, uint32_t size, struct bundle *bd)
{
	const struct armpv_bundle_header *h = (const void *)b;
	const struct armpv_bundle_member *m = (const void *)(b + sizeof(*h));
	const struct armpv_bundle_member **slot[5] = {
		NULL, &bd->kernel, &bd->dtb, &bd->initrd, &bd->cmdline
	};
	uint32_t total, n;

	*bd = (struct bundle){ .base = b, .h = h };
	if (size >= 12 && h->version == 1)
		bm_bad_guest("bundle: format version 1, written by an older "
			     "armpv-bundle: this monitor reads version %u; "
			     "write the bundle again with this armpv's "
			     "armpv-bundle", ARMPV_BUNDLE_VERSION);
	if (size < sizeof(*h))
		bm_bad_guest("bundle: truncated: %u bytes, less than its "
			     "%u-byte header", size, (unsigned)sizeof(*h));
	if (h->version != ARMPV_BUNDLE_VERSION)
		bm_bad_guest("bundle: format version %u, this monitor reads "
			     "version %u", h->version, ARMPV_BUNDLE_VERSION);
	total = h->total_size;
	if (total > size)
		bm_bad_guest("bundle: truncated: its header says %u bytes, "
			     "the initrd holds %u", total, size);
	n = h->nmembers;
	if (n < 1 || n > ARMPV_BUNDLE_MAX_MEMBERS)
		bm_bad_guest("bundle: %u members, want 1 to %u", n,
			     ARMPV_BUNDLE_MAX_MEMBERS);
	if (h->header_size != sizeof(*h) + n * sizeof(*m) ||
	    h->header_size > total)
		bm_bad_guest("bundle: header size %u, want %u for %u members "
			     "(bundle of %u bytes)", h->header_size,
			     (unsigned)(sizeof(*h) + n * sizeof(*m)), n, total);
	if (h->kernel_format < ARMPV_BUNDLE_ELF ||
	    h->kernel_format > ARMPV_BUNDLE_ZIMAGE)
		bm_bad_guest("bundle: unknown kernel format %u",
			     h->kernel_format);
	if ((h->flags & ~ARMPV_BUNDLE_FLAGS_KNOWN) ||
	    (h->flags && h->kernel_format == ARMPV_BUNDLE_ELF))
		bm_bad_guest("bundle: unknown flags 0x%x", h->flags);
	for (uint32_t i = 0; i < n; i++) {
		const char *name = armpv_bundle_type_name(m[i].type);
		uint32_t crc;

		if (m[i].type < ARMPV_BUNDLE_KERNEL ||
		    m[i].type > ARMPV_BUNDLE_CMDLINE)
			bm_bad_guest("bundle: member %u has unknown type %u "
				     "(header offset 0x%x)", i, m[i].type,
				     (unsigned)(sizeof(*h) + i * sizeof(*m)));
		if (m[i].offset < h->header_size || m[i].offset > total ||
		    m[i].size > total - m[i].offset)
			bm_bad_guest("bundle: member %u (%s) at offset 0x%x, "
				     "%u bytes, is outside the bundle "
				     "(members 0x%x-0x%x)", i, name,
				     m[i].offset, m[i].size, h->header_size,
				     total);
		if (m[i].offset & (ARMPV_BUNDLE_ALIGN - 1))
			bm_bad_guest("bundle: member %u (%s) at offset 0x%x "
				     "is not %u-byte aligned", i, name,
				     m[i].offset, ARMPV_BUNDLE_ALIGN);
		if (*slot[m[i].type])
			bm_bad_guest("bundle: two %s members", name);
		for (uint32_t j = 0; j < i; j++)
			if (m[i].offset < m[j].offset + m[j].size &&
			    m[j].offset < m[i].offset + m[i].size)
				bm_bad_guest("bundle: members %u (%s) and %u "
					     "(%s) overlap", j,
					     armpv_bundle_type_name(m[j].type),
					     i, name);
		crc = armpv_bundle_crc32(0, b + m[i].offset, m[i].size);
		if (crc != m[i].crc32)
			bm_bad_guest("bundle: member %u (%s) at offset 0x%x: "
				     "CRC-32 %08x, the header says %08x: the "
				     "bundle is corrupt", i, name, m[i].offset,
				     crc, m[i].crc32);
		*slot[m[i].type] = &m[i];
	}
	if (!bd->kernel)
		bm_bad_guest("bundle: no kernel member");
	if (bd->cmdline) {
		const char *t = (const char *)b + bd->cmdline->offset;
		uint32_t len = bd->cmdline->size;

		if (len < 1 || len > ARMPV_BUNDLE_CMDLINE_MAX ||
		    bm_strnlen(t, len) != len - 1)
			bm_bad_guest("bundle: cmdline member at offset 0x%x "
				     "(%u bytes): must be text ending in its "
				     "only NUL, at most %u bytes",
				     bd->cmdline->offset, len,
				     ARMPV_BUNDLE_CMDLINE_MAX);
	}
	if (bd->initrd && bd->initrd->size > bm_guest_size)
		bm_bad_guest("bundle: initrd of %u bytes is larger than guest "
			     "RAM (%u MiB)", bd->initrd->size,
			     bm_guest_size >> 20);
}

/* An ATAG list at 'at' (guest RAM, word aligned): returns its bytes. */
static uint32_t atags_build(uint32_t *at, uint32_t initrd_pa,
			    uint32_t initrd_size, const char *cmdline,
			    uint32_t cmdline_size)
{
	uint32_t *t = at;

	*t++ = 5; /* ATAG_CORE: flags (1: read-only root), page size, root */
	*t++ = ATAG_CORE;
	*t++ = 1;
	*t++ = 4096;
	*t++ = 0;
	*t++ = 4; /* ATAG_MEM: size, start */
	*t++ = ATAG_MEM;
	*t++ = bm_guest_size;
	*t++ = 0;
	if (initrd_size) {
		*t++ = 4; /* ATAG_INITRD2: physical start, size */
		*t++ = ATAG_INITRD2;
		*t++ = initrd_pa;
		*t++ = initrd_size;
	}
	if (cmdline) {
		uint32_t words = (cmdline_size + 3) >> 2;

		*t++ = 2 + words;
		*t++ = ATAG_CMDLINE;
		memset(t, 0, words * 4);
		memcpy(t, cmdline, cmdline_size);
		t += words;
	}
	*t++ = 0; /* ATAG_NONE: size 0 (booting.rst 4a) */
	*t++ = ATAG_NONE;
	return (uint32_t)((uint8_t *)t - (uint8_t *)at);
}

/* The guest's tree describes the board's devices only (fdt-filter.h):
 * the kernel build's DTB lists the whole board, whose other devices are
 * absent hardware here. */
static void bundle_filter_fdt(struct fdt *g)
{
	struct fdt_filter_stats st;
	unsigned n;
	const struct dev_region *regions = bm_board_regions(&n);

	fdt_filter_devices(g, regions, n, &st);
	if (st.nodes || st.links || st.paths)
		bm_report("guest device tree: dropped %u nodes of devices the "
			  "board does not have, %u nodes linked to them, %u "
			  "aliases or stdout paths to them", st.nodes,
			  st.links, st.paths);
	if (bm_board->fdt_fixup)
		bm_board->fdt_fixup(g);
}

/*
 * A raw kernel (Image or zImage): no ELF record to check here.  The
 * bundle's header is armpv-bundle's word that the bytes are those of a
 * vmlinux rewritten with raw_layout, checked by the CRC-32 of the member
 * (docs/bundle.md "Raw kernels": why that is enough); the monitor checks
 * the layout and the architecture as loader.c checks an ELF's record.
 * Returns the entry (guest physical); *kend the end of what the kernel
 * (and a zImage's decompressor) will use.
 */
static uint32_t bundle_load_raw(struct armpv_vm *vm, const struct bundle *bd,
				uint8_t *ram, uint32_t *kend)
{
	const struct armpv_bundle_header *h = bd->h;
	const char *fmt = armpv_bundle_format_name(h->kernel_format);
	uint32_t size = bd->kernel->size, pa;

	if (h->raw_layout != ARMPV_TABLES_LAYOUT_HASH)
		bm_bad_guest("bundle: its %s was rewritten with tables layout "
			     "0x%08x, this monitor decodes layout 0x%08x: "
			     "rewrite the kernel again with this armpv",
			     fmt, h->raw_layout, ARMPV_TABLES_LAYOUT_HASH);
	if ((h->flags & ARMPV_BUNDLE_F_ARMV6) &&
	    vm->arch != ARMPV_ARCH_ARMV6)
		bm_bad_guest("bundle: its %s was rewritten for armv6, but the "
			     "CPU is %s", fmt, armpv_arch_name(vm->arch));
	if (h->kernel_offset || (h->raw_load & 3) ||
	    h->raw_end < h->raw_load || h->raw_end > bm_guest_size ||
	    (h->kernel_format == ARMPV_BUNDLE_IMAGE &&
	     size > h->raw_end - h->raw_load))
		bm_bad_guest("bundle: %s of %u bytes for guest physical "
			     "%08x-%08x (kernel offset 0x%x): not inside guest "
			     "RAM (%u MiB)", fmt, size, h->raw_load,
			     h->raw_end, h->kernel_offset,
			     bm_guest_size >> 20);
	if (h->kernel_format == ARMPV_BUNDLE_IMAGE) {
		bm_guest_claim(h->raw_load, h->raw_end - h->raw_load,
			       "the kernel Image and its bss");
		memcpy(ram + h->raw_load, bd->base + bd->kernel->offset, size);
		*kend = h->raw_end;
		return h->raw_load; /* an Image is entered at its start */
	}
	/* zImage: above the kernel's memory, in the kernel's 128 MiB. */
	pa = (h->raw_end + ZIMAGE_ALIGN_MASK) & ~ZIMAGE_ALIGN_MASK;
	if (pa > bm_guest_size || size + ZIMAGE_SCRATCH > bm_guest_size - pa ||
	    (pa & ZRELADDR_MASK) != (h->raw_load & ZRELADDR_MASK))
		bm_bad_guest("bundle: zImage of %u bytes does not fit in guest "
			     "RAM (%u MiB) above its kernel (up to %08x)",
			     size, bm_guest_size >> 20, h->raw_end);
	bm_guest_claim(h->raw_load, pa + size + ZIMAGE_SCRATCH - h->raw_load,
		       "the zImage and the kernel it decompresses");
	memcpy(ram + pa, bd->base + bd->kernel->offset, size);
	*kend = pa + size + ZIMAGE_SCRATCH;
	return pa; /* a zImage is entered at its start */
}

static void bundle_boot(struct armpv_vm *vm, const uint8_t *b, uint32_t size,
			uint8_t *ram, uint32_t machine,
			struct bm_guest_entry *e)
{
	struct bundle bd;
	struct fdt src;
	const char *cmdline = NULL, *err;
	uint32_t cmdline_size = 0, initrd_size = 0, initrd_pa = bm_guest_size;
	uint32_t boot_size, boot_pa, kend, where;

	bundle_check(b, size, &bd);
	if (bd.cmdline) {
		cmdline = (const char *)b + bd.cmdline->offset;
		cmdline_size = bd.cmdline->size;
	}
	if (bd.dtb) {
		err = fdt_open(&src, b + bd.dtb->offset, bd.dtb->size, &where);
		if (err)
			bm_bad_guest("bundle: dtb member at offset 0x%x: %s "
				     "(at byte 0x%x of the device tree)",
				     bd.dtb->offset, err, where);
		boot_size = align_up(bd.dtb->size + cmdline_size +
					     ARMPV_BUNDLE_FDT_ROOM, 7);
	} else {
		boot_size = ATAGS_FIXED_BYTES + align_up(cmdline_size, 3);
	}
	bm_report("guest bundle: kernel (%s) %u bytes, device tree %u bytes%s, "
		  "initrd %u bytes, command line %u bytes",
		  armpv_bundle_format_name(bd.h->kernel_format), bd.kernel->size,
		  bd.dtb ? bd.dtb->size : 0, bd.dtb ? "" : " (ATAGs then)",
		  bd.initrd ? bd.initrd->size : 0,
		  cmdline_size ? cmdline_size - 1 : 0);
	if (bd.h->kernel_format == ARMPV_BUNDLE_ELF &&
	    (bd.kernel->size < 4 || memcmp(b + bd.kernel->offset, "\177ELF", 4)))
		bm_bad_guest("bundle: kernel member at offset 0x%x is not an "
			     "ELF file: the bundle carries the rewritten ELF "
			     "(vmlinux), whose armpv-rewrite record the "
			     "monitor checks", bd.kernel->offset);
	if (bd.h->kernel_format == ARMPV_BUNDLE_ELF)
		e->pc = bm_guest_load(vm, b + bd.kernel->offset,
				      bd.kernel->size, ram,
				      bd.h->kernel_offset, &kend);
	else
		e->pc = bundle_load_raw(vm, &bd, ram, &kend);

	/* From the top of guest RAM down: initrd, then the boot data. */
	if (bd.initrd) {
		initrd_size = bd.initrd->size;
		initrd_pa = (bm_guest_size - initrd_size) & ~PAGE_MASK;
	}
	if (initrd_pa < boot_size ||
	    ((initrd_pa - boot_size) & ~PAGE_MASK) < kend)
		bm_bad_guest("bundle: the kernel (guest physical up to "
			     "0x%08x), the boot data (%u bytes) and the "
			     "initrd (%u bytes) do not fit in guest RAM "
			     "(%u MiB)", kend, boot_size, initrd_size,
			     bm_guest_size >> 20);
	boot_pa = (initrd_pa - boot_size) & ~PAGE_MASK;
	bm_guest_claim(initrd_pa, initrd_size, "the initrd");
	bm_guest_claim(boot_pa, boot_size, "the boot data");
	if (initrd_size)
		memcpy(ram + initrd_pa, b + bd.initrd->offset, initrd_size);

	e->r[0] = 0;
	e->r[2] = boot_pa;
	if (bd.dtb) {
		struct fdt g;

		err = fdt_open_into(&g, ram + boot_pa, boot_size, &src);
		if (!err) {
			bundle_filter_fdt(&g);
			err = fdt_linux_fixup(&g, 0, bm_guest_size, cmdline,
					      initrd_pa,
					      initrd_pa + initrd_size);
		}
		if (err)
			bm_bad_guest("bundle: guest device tree: %s", err);
		e->r[1] = 0xffffffffu;
		boot_size = g.size;
	} else {
		e->r[1] = machine;
		boot_size = atags_build((uint32_t *)(void *)(ram + boot_pa),
					initrd_pa, initrd_size, cmdline,
					cmdline_size);
	}
	bm_report("guest: kernel up to %08x, entry %08x; %s at %08x (%u "
		  "bytes); initrd %08x-%08x; r1 = %08x", kend, e->pc,
		  bd.dtb ? "device tree" : "ATAGs", boot_pa, boot_size,
		  initrd_size ? initrd_pa : 0,
		  initrd_size ? initrd_pa + initrd_size : 0, e->r[1]);
}

void bm_guest_boot(struct armpv_vm *vm, const uint8_t *image, uint32_t size,
		   uint8_t *ram, uint32_t machine, struct bm_guest_entry *e)
{
	uint32_t end;

	/* The ELF headers and the bundle's are read in place. */
	if ((uintptr_t)image & 3)
		bm_bad_guest("the initrd is at an address that is not 4-byte "
			     "aligned");
	if (size >= ARMPV_BUNDLE_MAGIC_SIZE &&
	    !memcmp(image, ARMPV_BUNDLE_MAGIC, ARMPV_BUNDLE_MAGIC_SIZE)) {
		bundle_boot(vm, image, size, ram, machine, e);
		return;
	}
	if (size >= 4 && memcmp(image, "\177ELF", 4))
		bm_bad_guest("not an ELF file, nor an armpv bundle (first "
			     "bytes %02x %02x %02x %02x)", image[0], image[1],
			     image[2], image[3]);
	/* Slice 1's contract: a bare rewritten ELF, registers zero. */
	e->pc = bm_guest_load(vm, image, size, ram, 0, &end);
	e->r[0] = e->r[1] = e->r[2] = 0;
}
