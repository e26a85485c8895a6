/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the boot test guest's entry: keep r0-r2 as the boot loader
 * left them, read the CPSR (rewritten: under armpv-bm the MRS traps and
 * reads the virtual CPSR) and SCTLR (CP15: emulated under armpv-bm),
 * clear .bss, then boot_main(r0, r1, r2, cpsr, sctlr).  Console and exit
 * are the board's (UART0, system controller), as tasks-guest's: the same
 * code runs natively and under armpv-bm.
 */
#include "kern.h"
#include "guest-start.h"

	.section .text.start, "ax"
	.arm
	.global _start
_start:
	mov	r5, r0
	mov	r6, r1
	mov	r7, r2
	mrs	r8, cpsr
	mrc	p15, 0, r9, c1, c0, 0
	clear_bss
	ldr	sp, =stack_top
	sub	sp, sp, #8
	str	r9, [sp]		@ fifth argument (AAPCS: on the stack)
	mov	r0, r5
	mov	r1, r6
	mov	r2, r7
	mov	r3, r8
	bl	boot_main
	b	plat_exit

/* plat_exit, plat_putc: the board's (guest-start.h). */
	guest_board

	.ltorg

	.bss
	.align	3
	.space	8192
stack_top:
