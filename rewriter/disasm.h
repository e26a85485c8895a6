/* SPDX-License-Identifier: GPL-2.0-or-later */
/* disasm.h -- one ARM word to text with GNU libopcodes, for listings. */
#ifndef ARMPV_DISASM_H
#define ARMPV_DISASM_H

#include <stddef.h>
#include <stdint.h>

/* Disassemble the ARM-state word 'word' at address 'addr' for an
 * ARMPV_ARCH_* architecture into 'out' (always NUL-terminated). */
void rw_disasm(uint32_t word, uint32_t addr, unsigned arch, char *out, size_t len);

#endif
