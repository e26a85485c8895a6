/* SPDX-License-Identifier: GPL-2.0-or-later */
/* disasm.h -- one ARM word to text with GNU libopcodes. */
#ifndef ARMPV_DISASM_H
#define ARMPV_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Disassemble the ARM-state word 'word' at address 'addr' for an
 * ARMPV_ARCH_* architecture into 'out' (always NUL-terminated), exactly as
 * libopcodes prints it (a tab between mnemonic and operands).  False if
 * libopcodes could not decode it (out then holds ".word 0x...").  Used by
 * armpv-rewrite's listings and by the libopcodes agreement test. */
bool rw_disasm(uint32_t word, uint32_t addr, unsigned arch, char *out, size_t len);

#endif
