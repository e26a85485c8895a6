/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * armpv_bundle.h -- the guest bundle format (docs/bundle.md): one file,
 * passed to armpv-bm as its initrd, that holds a rewritten guest kernel
 * and, optionally, the guest's device tree, initrd and command line.
 * armpv-bundle writes it, armpv-bm reads it; both include this header,
 * so the format is written down once.
 *
 * All fields are little-endian 32-bit words (the monitor is a
 * little-endian ARM program and reads them in place; the tool writes
 * them byte by byte, whatever the host).
 *
 *   offset 0   struct armpv_bundle_header
 *   offset 48  struct armpv_bundle_member[nmembers]
 *   then       the members, each at an offset that is a multiple of
 *              ARMPV_BUNDLE_ALIGN, in any order, not overlapping
 */
#ifndef ARMPV_BUNDLE_H
#define ARMPV_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define ARMPV_BUNDLE_MAGIC "ARMPVBDL" /* 8 bytes, no NUL */
#define ARMPV_BUNDLE_MAGIC_SIZE 8
/* Version 2 added the raw kernel fields (kernel_format to raw_end);
 * version 1 bundles are refused with a message saying to rebuild them. */
#define ARMPV_BUNDLE_VERSION 2
#define ARMPV_BUNDLE_ALIGN 8u /* member offsets; the ELF is read in place */
#define ARMPV_BUNDLE_MAX_MEMBERS 4
/* The least guest RAM armpv-bm gives (guest physical 0 up; BM_GUEST_MIN
 * in monitor/baremetal/bm.h, which bundle.c asserts equal): what
 * armpv-bundle checks a kernel against.  The monitor gives the board's
 * RAM less its own MiB. */
#define ARMPV_BUNDLE_GUEST_RAM 0x04000000u
/* The room armpv-bm leaves after the guest's device tree (besides the
 * command line) for its edits: /memory and /chosen nodes, reg,
 * device_type, the initrd pair and their names. */
#define ARMPV_BUNDLE_FDT_ROOM 512u
/* Linux ARM's COMMAND_LINE_SIZE (arch/arm/include/uapi/asm/setup.h),
 * terminating NUL included. */
#define ARMPV_BUNDLE_CMDLINE_MAX 1024u

struct armpv_bundle_header {
	uint8_t magic[ARMPV_BUNDLE_MAGIC_SIZE]; /* ARMPV_BUNDLE_MAGIC */
	uint32_t version;	/* ARMPV_BUNDLE_VERSION */
	uint32_t header_size;	/* 48 + 16 * nmembers: where members may start */
	uint32_t total_size;	/* bytes in the bundle (the file's size) */
	uint32_t nmembers;	/* 1 to ARMPV_BUNDLE_MAX_MEMBERS */
	/* ELF kernel: subtracted from the kernel ELF's p_paddr and from
	 * its entry (converted to a load address) to get guest physical
	 * addresses: 0 for an ELF linked at its physical addresses (the
	 * test guests), PAGE_OFFSET - PHYS_OFFSET (0xc0000000 on
	 * versatile) for a Linux vmlinux, whose load addresses are
	 * virtual.  Raw kernel: 0. */
	uint32_t kernel_offset;
	uint32_t flags; /* ARMPV_BUNDLE_F_*: only with a raw kernel */
	/*
	 * How the kernel member is booted (enum armpv_bundle_format).  For
	 * an ELF the monitor checks the ELF's own armpv-rewrite record and
	 * the raw_* fields are 0.  A raw Image or zImage carries no record:
	 * armpv-bundle proved it rewritten (its bytes are those of a
	 * rewritten vmlinux, a zImage's decompressor holds no sensitive
	 * instruction; docs/bundle.md "Raw kernels") and writes here what
	 * the vmlinux's record and program headers said, which the
	 * monitor trusts.
	 */
	uint32_t kernel_format;
	uint32_t raw_layout; /* tables layout of the vmlinux's record */
	uint32_t raw_load;   /* guest physical address of the kernel image
			      * (Image: where it loads and is entered;
			      * zImage: where it decompresses to) */
	uint32_t raw_end;    /* guest physical end of the kernel's image and
			      * bss (the vmlinux's PT_LOAD p_memsz) */
};

enum armpv_bundle_format {
	ARMPV_BUNDLE_ELF = 1,	 /* rewritten ELF with .note.armpv */
	ARMPV_BUNDLE_IMAGE = 2,	 /* arch/arm/boot/Image: objcopy -O binary */
	ARMPV_BUNDLE_ZIMAGE = 3, /* arch/arm/boot/zImage: self-decompressing */
};

/* flags: the raw kernel's record said arch=armv6 (refused on an ARMv5
 * CPU, as the loader refuses such an ELF). */
#define ARMPV_BUNDLE_F_ARMV6 0x1u
#define ARMPV_BUNDLE_FLAGS_KNOWN ARMPV_BUNDLE_F_ARMV6

struct armpv_bundle_member {
	uint32_t type;	 /* enum armpv_bundle_type */
	uint32_t offset; /* from the start of the bundle */
	uint32_t size;	 /* bytes */
	uint32_t crc32;	 /* CRC-32 of the bytes (zlib's, ISO 3309) */
};

/* At most one member of each type; the kernel is required.  An unknown
 * type is refused, not skipped: it could change how the guest boots. */
enum armpv_bundle_type {
	ARMPV_BUNDLE_KERNEL = 1,  /* kernel_format: ELF, Image or zImage */
	ARMPV_BUNDLE_DTB = 2,	  /* flattened device tree, version 17 */
	ARMPV_BUNDLE_INITRD = 3,  /* opaque bytes (initramfs, ramdisk) */
	ARMPV_BUNDLE_CMDLINE = 4, /* text, one NUL at its end and no other */
};

_Static_assert(sizeof(struct armpv_bundle_header) == 48, "bundle header");
_Static_assert(sizeof(struct armpv_bundle_member) == 16, "bundle member");

static inline const char *armpv_bundle_type_name(uint32_t type)
{
	switch (type) {
	case ARMPV_BUNDLE_KERNEL:
		return "kernel";
	case ARMPV_BUNDLE_DTB:
		return "dtb";
	case ARMPV_BUNDLE_INITRD:
		return "initrd";
	case ARMPV_BUNDLE_CMDLINE:
		return "cmdline";
	}
	return "unknown";
}

static inline const char *armpv_bundle_format_name(uint32_t format)
{
	switch (format) {
	case ARMPV_BUNDLE_ELF:
		return "ELF";
	case ARMPV_BUNDLE_IMAGE:
		return "Image";
	case ARMPV_BUNDLE_ZIMAGE:
		return "zImage";
	}
	return "unknown";
}

/*
 * CRC-32, reflected polynomial 0xedb88320, initial value and final xor
 * ~0: zlib's crc32() and gzip's trailer (RFC 1952), so any tool can
 * check a member.  Four bits at a time from a 16-entry table: no
 * division, no table to build, fast enough for the monitor to check a
 * few MiB at boot.  Start with crc = 0, feed the bytes in order.
 */
static inline uint32_t armpv_bundle_crc32(uint32_t crc, const uint8_t *p,
					  size_t n)
{
	static const uint32_t t[16] = {
		0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
		0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
		0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
		0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
	};

	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		crc = crc >> 4 ^ t[crc & 15];
		crc = crc >> 4 ^ t[crc & 15];
	}
	return ~crc;
}

#endif /* ARMPV_BUNDLE_H */
