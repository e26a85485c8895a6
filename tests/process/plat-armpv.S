/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plat-armpv.S -- the platform layer on armpv: hypercalls are SWIs with a
 * payload in 0x280000-0x3fffff issued from a virtual privileged mode.
 * They change no register (guest contract of armpv-run).
 */
#include "kern.h"

	.text
	.arm

ENTRY(plat_exit)		@ r0 = exit status
	swi	0x280000
	b	.

ENTRY(plat_putc)		@ r0 = character
	swi	0x280001
	bx	lr

ENTRY(plat_set_irq)		@ r0 = level of the virtual IRQ line
	swi	0x280002
	bx	lr

ENTRY(plat_set_fiq)		@ r0 = level of the virtual FIQ line
	swi	0x280003
	bx	lr

@ plat_hypercall_loop(n): n >= 1 ARMPV_HC_PV_SYNC hypercalls with no
@ interrupt to deliver, the cheapest there is: entry into the monitor,
@ the page's I and F merged, nothing to deliver, back (the bare-metal
@ benchmark's "hypercall" row; the native platforms have none: the
@ benchmark takes the symbol weak).
ENTRY(plat_hypercall_loop)
1:	swi	0x280004
	subs	r0, r0, #1
	bne	1b
	bx	lr
