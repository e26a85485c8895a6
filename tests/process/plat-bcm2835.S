/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plat-bcm2835.S -- the platform layer for a native run on QEMU's raspi0
 * (BCM2835, ARM1176JZF-S), plat-versatile.S's twin: the PL011 UART0 at
 * 0x20201000 for the console, QEMU semihosting (SYS_EXIT, -semihosting)
 * to exit with a status, and for the two interrupt lines two compares of
 * the system timer, whose CS bit (and GPU interrupt) stays set until
 * written 1 -- a line that can be raised and dropped at will, as the
 * PL190's soft-interrupt register is on versatilepb:
 *
 *   IRQ line  compare 1, GPU interrupt 1 enabled at the armctrl
 *   FIQ line  compare 3, GPU interrupt 3 routed to FIQ by the armctrl's
 *             FIQ control (and disabled as an IRQ)
 *
 * Raising a line arms its compare a few microseconds ahead and waits
 * with I and F set until the CS bit is set, then restores CPSR: the line
 * is high when plat_set_irq(1) returns, and taken by then if unmasked,
 * as on versatilepb.  Devices: bcm2835.h.
 */
#include "kern.h"
#include "bcm2835.h"

#define IRQ_COMPARE 1
#define FIQ_COMPARE 3
/* Re-arm a compare whose match has not come this many microseconds
 * after it was due (the host descheduled QEMU between reading CLO and
 * writing Cn, so Cn - CLO wrapped to 71 minutes ahead). */
#define ARM_SLACK_US 1000

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

ENTRY(plat_putc)		@ polled: wait while UARTFR.TXFF
	ldr	r1, =BCM2835_UART0
1:	ldr	r2, [r1, #0x18]
	tst	r2, #0x20
	bne	1b
	str	r0, [r1]
	bx	lr

/* Route both lines (IRQ: enabled; FIQ: the FIQ source, not an IRQ),
 * then r1 = the compare of the line to set (r0 = 1) or clear. */
.macro armctrl_route compare
	ldr	r1, =ARMCTRL_BASE
	mov	r2, #SYSTMR_CS_M(SYSTMR_IRQ(IRQ_COMPARE))
	str	r2, [r1, #ARMCTRL_ENABLE1]
	mov	r2, #SYSTMR_CS_M(SYSTMR_IRQ(FIQ_COMPARE))
	str	r2, [r1, #ARMCTRL_DISABLE1]
	mov	r2, #(ARMCTRL_FIQ_ENABLE | SYSTMR_IRQ(FIQ_COMPARE))
	str	r2, [r1, #ARMCTRL_FIQ_CONTROL]
	mov	r1, #\compare
	b	systmr_line
.endm

ENTRY(plat_set_irq)
	armctrl_route IRQ_COMPARE

ENTRY(plat_set_fiq)
	armctrl_route FIQ_COMPARE

/* r0 = level, r1 = compare.  0: acknowledge (CS write 1).  1: Cn = CLO
 * + 2, wait (I and F set) for CS bit n, re-arming after ARM_SLACK_US. */
systmr_line:
	ldr	r2, =SYSTMR_BASE
	mov	r3, #1
	mov	r3, r3, lsl r1		@ CS bit n
	cmp	r0, #0
	streq	r3, [r2, #SYSTMR_CS]
	bxeq	lr
	push	{r4-r6, lr}
	mrs	r6, cpsr
	orr	r4, r6, #(PSR_I | PSR_F)
	msr	cpsr_c, r4
	add	r5, r2, #SYSTMR_C(0)
1:	ldr	r4, [r2, #SYSTMR_CLO]
	add	r4, r4, #2
	str	r4, [r5, r1, lsl #2]	@ Cn = CLO + 2
2:	ldr	r12, [r2, #SYSTMR_CS]
	tst	r12, r3
	bne	3f
	ldr	r12, [r2, #SYSTMR_CLO]
	sub	r12, r12, r4		@ CLO - Cn: negative until due
	cmp	r12, #ARM_SLACK_US
	blt	2b
	b	1b
3:	msr	cpsr_c, r6		@ taken here when unmasked
	pop	{r4-r6, pc}

	.ltorg
