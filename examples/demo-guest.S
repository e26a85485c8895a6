@ SPDX-License-Identifier: GPL-2.0-or-later
@
@ demo-guest.S -- the built-in example: the kind of privileged code a Linux
@ ARMv5 kernel is made of, each sequence holding sensitive instructions
@ that would silently misbehave in USR mode.  Used by examples/demo.sh.

	.syntax unified
	.arch	armv5te
	.text
	.arm

@ local_irq_save / local_irq_restore, as arch/arm/include/asm/irqflags.h
@ builds them before ARMv6.
	.global	demo_irq_save
demo_irq_save:
	mrs	r0, cpsr
	orr	r1, r0, #0x80
	msr	cpsr_c, r1
	bx	lr

	.global	demo_irq_restore
demo_irq_restore:
	msr	cpsr_c, r0
	bx	lr

@ Setting a flag is not sensitive: CPSR_f behaves alike in every mode.
	.global	demo_set_carry
demo_set_carry:
	mrs	r1, cpsr
	orr	r1, r1, #0x20000000
	msr	cpsr_f, r1
	bx	lr

@ Switch to IRQ mode to set its stack, then back to SVC.
	.global	demo_setup_irq_stack
demo_setup_irq_stack:
	msr	cpsr_c, #0xd2
	mov	sp, r0
	msr	cpsr_c, #0xd3
	bx	lr

@ Return to user space, as ret_to_user does.
	.global	demo_ret_to_user
demo_ret_to_user:
	ldr	r1, [sp, #64]
	msr	spsr_cxsf, r1
	ldmia	sp, {r0 - lr}^
	mov	r0, r0
	add	sp, sp, #72
	movs	pc, lr

@ Save the user registers on exception entry.
	.global	demo_save_user_regs
demo_save_user_regs:
	sub	sp, sp, #72
	stmia	sp, {r0 - lr}^
	bx	lr

@ An IRQ handler's return.
	.global	demo_irq_return
demo_irq_return:
	subs	pc, lr, #4

@ copy_from_user's inner step: user-permission loads and stores.
	.global	demo_copy_from_user
demo_copy_from_user:
1:	ldrbt	r3, [r1], #1
	strb	r3, [r0], #1
	subs	r2, r2, #1
	bne	1b
	bx	lr

	.global	demo_put_user_word
demo_put_user_word:
	strt	r1, [r0], #4
	mov	r0, #0
	bx	lr

@ Return from an exception frame that holds pc.
	.global	demo_exception_return
demo_exception_return:
	ldmfd	sp!, {r0 - r3, pc}^
