/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plat-versatile.S -- the platform layer for a native run on QEMU's
 * versatilepb (ARM926EJ-S, or -cpu arm1176): the PL011 UART0 at
 * 0x101f1000 for the console, the PL190 VIC's soft-interrupt register for
 * the two interrupt lines (soft source 0 routed to IRQ, source 1 to FIQ),
 * and QEMU semihosting (SYS_EXIT, -semihosting) to exit with a status.
 * Used to check the test kernels' expectations on a hardware model
 * without armpv (tests/process/native.sh).
 */
#include "kern.h"

#define UART0_DR 0x101f1000
#define VIC_BASE 0x10140000
#define VIC_INTSELECT 0x0c	/* 1: FIQ */
#define VIC_INTENABLE 0x10
#define VIC_SOFTINT 0x18
#define VIC_SOFTINTCLEAR 0x1c
#define SOFT_IRQ_BIT 0x1
#define SOFT_FIQ_BIT 0x2

#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define ADP_STOPPED_RUNTIME_ERROR 0x20023

	.text
	.arm

ENTRY(plat_exit)		@ r0 = exit status: 0 or not
	cmp	r0, #0
	ldreq	r1, =ADP_STOPPED_APPLICATION_EXIT
	ldrne	r1, =ADP_STOPPED_RUNTIME_ERROR
	mov	r0, #SEMIHOSTING_SYS_EXIT
	svc	0x123456
	b	.

ENTRY(plat_putc)
	ldr	r1, =UART0_DR
	str	r0, [r1]
	bx	lr

/* Route and enable both soft sources, then set or clear one. */
.macro vic_line bit
	ldr	r1, =VIC_BASE
	mov	r2, #SOFT_FIQ_BIT
	str	r2, [r1, #VIC_INTSELECT]
	mov	r2, #(SOFT_IRQ_BIT | SOFT_FIQ_BIT)
	str	r2, [r1, #VIC_INTENABLE]
	mov	r2, #\bit
	cmp	r0, #0
	strne	r2, [r1, #VIC_SOFTINT]
	streq	r2, [r1, #VIC_SOFTINTCLEAR]
	bx	lr
.endm

ENTRY(plat_set_irq)
	vic_line SOFT_IRQ_BIT

ENTRY(plat_set_fiq)
	vic_line SOFT_FIQ_BIT

	.ltorg
