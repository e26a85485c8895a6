// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * disasm.c -- GNU libopcodes' ARM disassembler, one word at a time.
 *
 * libopcodes prints through fprintf-like callbacks; they append to the
 * caller's buffer.  The architecture picks the feature set through the BFD
 * machine number: ARMv5TE (ARM926EJ-S) or ARMv6KZ (ARM1176JZF-S).  Two
 * quirks of arm-dis.c (binutils 2.40) matter:
 *  - without USER_SPECIFIED_MACHINE_TYPE it ignores the machine and
 *    decodes every architecture (objdump's default);
 *  - it computes the feature set only while info->private_data is NULL and
 *    keeps it in one static shared by every disassemble_info, so it is
 *    cleared before each call, or a call for one architecture would use
 *    the features of the previous call's.
 */
#include <dis-asm.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "armpv_tables.h"
#include "disasm.h"

struct sink {
	char *buf;
	size_t len, used;
};

static void sink_vappend(struct sink *s, const char *fmt, va_list ap)
{
	int n;

	if (s->used + 1 >= s->len)
		return;
	n = vsnprintf(s->buf + s->used, s->len - s->used, fmt, ap);
	if (n > 0)
		s->used = s->used + (size_t)n < s->len ? s->used + (size_t)n : s->len - 1;
}

static int sink_printf(void *stream, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sink_vappend(stream, fmt, ap);
	va_end(ap);
	return 0;
}

static int sink_styled_printf(void *stream, enum disassembler_style style,
			      const char *fmt, ...)
{
	va_list ap;

	(void)style;
	va_start(ap, fmt);
	sink_vappend(stream, fmt, ap);
	va_end(ap);
	return 0;
}

/* Branch targets print as plain addresses. */
static void print_address(bfd_vma addr, struct disassemble_info *info)
{
	info->fprintf_func(info->stream, "0x%08lx", (unsigned long)addr);
}

bool rw_disasm(uint32_t word, uint32_t addr, unsigned arch, char *out, size_t len)
{
	unsigned long mach = arch == ARMPV_ARCH_ARMV6 ? bfd_mach_arm_6KZ : bfd_mach_arm_5TE;
	struct sink s = { out, len, 0 };
	struct disassemble_info info;
	bfd_byte bytes[4] = { (bfd_byte)word, (bfd_byte)(word >> 8),
			      (bfd_byte)(word >> 16), (bfd_byte)(word >> 24) };
	disassembler_ftype fn;

	if (!len)
		return false;
	out[0] = 0;
	init_disassemble_info(&info, &s, sink_printf, sink_styled_printf);
	info.arch = bfd_arch_arm;
	info.mach = mach;
	info.flags |= USER_SPECIFIED_MACHINE_TYPE;
	info.endian = info.endian_code = BFD_ENDIAN_LITTLE;
	info.buffer = bytes;
	info.buffer_length = 4;
	info.buffer_vma = addr;
	info.print_address_func = print_address;
	disassemble_init_for_target(&info);
	info.private_data = NULL;
	fn = disassembler(bfd_arch_arm, false, mach, NULL);
	if (!fn || fn(addr, &info) != 4) {
		snprintf(out, len, ".word 0x%08x", word);
		return false;
	}
	return true;
}
