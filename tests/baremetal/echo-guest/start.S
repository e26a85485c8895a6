/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the UART input test guest's entry, vectors, IRQ stub and
 * board routines (UART0 output, WFI, the system controller's reset).
 * It runs in SVC mode with its MMU off: physical = virtual.
 */
#include "kern.h"
#include "guest-start.h"

	guest_entry
	msr	cpsr_c, #(IRQ_MODE | PSR_I | PSR_F)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bl	kmain
	b	plat_exit		@ r0 = exit status

	guest_vectors

.macro unexpected vec
	ldr	sp, =svc_stack_top
	mov	r0, #\vec
	mov	r1, lr
	b	eg_unexpected		@ does not return
.endm
vec_reset:	unexpected 0
vec_undef:	unexpected 1
vec_swi:	unexpected 2
vec_pabt:	unexpected 3
vec_dabt:	unexpected 4
vec_reserved:	unexpected 5
vec_fiq:	unexpected 7

/* IRQ, from SVC (the kernel waits with I clear, or opens irq_window):
 * irq_c() reads the UART; back to the interrupted instruction. */
vec_irq:
	sub	lr, lr, #4
	push	{r0-r3, r12, lr}
	bl	irq_c
	ldmia	sp!, {r0-r3, r12, pc}^

/* irq_window(): clear I for two instructions, then set it again; a
 * pending IRQ is taken in between. */
ENTRY(irq_window)
	msr	cpsr_c, #(SVC_MODE | PSR_F)
	nop
	nop
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bx	lr

ENTRY(irq_enable)
	msr	cpsr_c, #(SVC_MODE | PSR_F)
	bx	lr

ENTRY(irq_disable)
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bx	lr

/* Wait for interrupt (ARM926EJ-S TRM 2.3.8: CP15 c7, c0, 4; the
 * ARM1176 has it too): returns when an interrupt is pending, even with
 * I set. */
ENTRY(wfi)
	mov	r0, #0
	mcr	p15, 0, r0, c7, c0, 4
	bx	lr

/* plat_exit, plat_putc: the board's (guest-start.h). */
	guest_board

	.ltorg

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
irq_stack_top:
