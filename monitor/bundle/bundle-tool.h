/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bundle-tool.h -- what armpv-bundle's files share: an input file read
 * whole, the error report, the exit statuses (docs/bundle.md), and the
 * raw kernel proof (raw-kernel.c).
 */
#ifndef ARMPV_BUNDLE_TOOL_H
#define ARMPV_BUNDLE_TOOL_H

#include <stdint.h>
#include <sys/stat.h>

/* Exit statuses; scripts branch on them (docs/bundle.md). */
enum bundle_status {
	BN_OK = 0,
	BN_USAGE = 2,	      /* bad command line */
	BN_BAD_INPUT = 3,     /* an input (or a listed bundle) is malformed */
	BN_NOT_REWRITTEN = 4, /* no usable armpv-rewrite record, or a
			       * sensitive instruction in a decompressor */
	BN_IO = 5,	      /* cannot read or write a file */
	BN_MISMATCH = 6,      /* a raw kernel is not its --vmlinux's bytes */
};

struct input {
	const char *path;
	uint8_t *data;
	uint32_t size;
	struct stat st;
};

void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* What the rewritten vmlinux says, and what the raw kernel proof gives
 * the bundle header. */
struct raw_kernel {
	uint32_t format;   /* enum armpv_bundle_format */
	uint32_t load;	   /* guest physical: the image's first byte */
	uint32_t end;	   /* guest physical: end of image and bss */
	unsigned archs;	   /* ARMPV_ARCH_* of the vmlinux's record */
};

/* Prove that 'kernel' (an Image or a zImage) is the rewritten 'vmlinux'
 * (already checked by check_kernel(), its record for 'archs'), loaded
 * with 'offset'; a zImage also needs its decompressor ELF 'decomp'
 * (arch/arm/boot/compressed/vmlinux).  Fills 'rk' and returns BN_OK, or
 * reports and returns a status. */
int raw_kernel_prove(const struct input *kernel, const struct input *vmlinux,
		     const struct input *decomp, uint32_t offset,
		     struct raw_kernel *rk);

/* The kind of kernel file: ARMPV_BUNDLE_ELF, _ZIMAGE (the zImage magic
 * at 0x24), else _IMAGE (a raw Image has no header on 32-bit ARM). */
uint32_t raw_kernel_format(const struct input *kernel);

#endif /* ARMPV_BUNDLE_TOOL_H */
