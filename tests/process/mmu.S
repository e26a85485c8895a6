/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmu.S -- CP15 accessors (ARM926EJ-S TRM 2.3, ARM1176JZF-S TRM 3.2).
 * Privileged: under armpv they reach the core as Undefined traps.
 */
#include "kern.h"

	.text
	.arm

ENTRY(cp15_read_sctlr)
	mrc	p15, 0, r0, c1, c0, 0
	bx	lr

ENTRY(cp15_write_sctlr)
	mcr	p15, 0, r0, c1, c0, 0
	nop				@ the MMU switch settles
	nop
	bx	lr

ENTRY(cp15_read_ttbr0)
	mrc	p15, 0, r0, c2, c0, 0
	bx	lr

ENTRY(cp15_write_ttbr0)
	mcr	p15, 0, r0, c2, c0, 0
	bx	lr

ENTRY(cp15_read_dacr)
	mrc	p15, 0, r0, c3, c0, 0
	bx	lr

ENTRY(cp15_write_dacr)
	mcr	p15, 0, r0, c3, c0, 0
	bx	lr

ENTRY(cp15_tlb_invalidate_all)
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0	@ invalidate unified TLB
	bx	lr
