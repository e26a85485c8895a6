/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the multi-tasking test guest's entry, vectors, world switch
 * and data abort handler.  IRQ and SWI save the interrupted user task's
 * registers in a frame (tasks-guest.h TF_*) on the exception mode's
 * stack, call the C side (irq_c, swi_c), which may replace the frame
 * with another task's, and return into whatever the frame then holds.
 */
#include "tasks-guest.h"
#include "guest-start.h"

	guest_entry
	bl	setup_stacks
	bl	kmain
	b	plat_exit		@ r0 = exit status

/* setup_stacks(): the IRQ, ABT and UND stacks; again after the bank
 * test (tests/process/banks.S), which fills every mode's SP with a
 * pattern.  Called and returns in SVC with I and F set. */
ENTRY(setup_stacks)
	msr	cpsr_c, #(IRQ_MODE | PSR_I | PSR_F)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, #(ABT_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(UND_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bx	lr

	guest_vectors

.macro unexpected vec
	ldr	sp, =abt_stack_top
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	b	tg_unexpected		@ does not return
.endm
vec_reset:	unexpected 0
vec_undef:	unexpected 1
vec_pabt:	unexpected 3
vec_reserved:	unexpected 5
vec_fiq:	unexpected 7

/* Data abort: dabt_c(lr_abt, spsr_abt, dfsr, far) returns where to
 * resume: the aborted instruction again (LR - 8) once it mapped the
 * page (a user task's page fault), or the fixup of a kernel access in
 * __ex_table.  The return is an LDM^ with PC: CPSR = SPSR_abt. */
vec_dabt:
	push	{r0-r3, r12, lr}
	mov	r0, lr
	mrs	r1, spsr
	mrc	p15, 0, r2, c5, c0, 0	@ DFSR
	mrc	p15, 0, r3, c6, c0, 0	@ FAR
	bl	dabt_c
	str	r0, [sp, #20]
	ldmia	sp!, {r0-r3, r12, pc}^

/* Save the interrupted user task into a frame on this mode's stack
 * (lr: where it resumes). */
.macro save_frame
	sub	sp, sp, #TF_SIZE
	stmia	sp, {r0-r12}
	add	r0, sp, #TF_SP
	stmia	r0, {sp, lr}^		@ USR sp, lr
	nop
	str	lr, [sp, #TF_PC]
	mrs	r1, spsr
	str	r1, [sp, #TF_PSR]
.endm

/* Return into the frame at sp. */
.macro restore_frame
	ldr	r0, [sp, #TF_PSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #TF_PC]
	add	r0, sp, #TF_SP
	ldmia	r0, {sp, lr}^		@ USR sp, lr
	nop
	ldmia	sp, {r0-r12}
	add	sp, sp, #TF_SIZE
	movs	pc, lr			@ CPSR = SPSR
.endm

/* IRQ from a user task, or from the kernel in irq_window():
 * irq_c(frame). */
vec_irq:
	sub	lr, lr, #4
	save_frame
	mov	r0, sp
	bl	irq_c
	restore_frame

/* SWI from a user task: swi_c(frame, number); nonzero: every task has
 * exited, back to run_tasks()'s caller. */
vec_swi:
	save_frame
	mov	r0, sp
	ldr	r1, [lr, #-4]
	bic	r1, r1, #0xff000000
	bl	swi_c
	cmp	r0, #0
	bne	1f
	restore_frame
1:	ldr	r1, =kernel_sp
	ldr	sp, [r1]
	pop	{r4-r11, pc}

/* run_tasks(frame): enter the user task whose frame is given; returns
 * when swi_c says every task has exited. */
ENTRY(run_tasks)
	push	{r4-r11, lr}
	ldr	r2, =kernel_sp
	str	sp, [r2]
	sub	sp, sp, #TF_SIZE
	mov	r1, sp
	mov	r2, #(TF_SIZE / 4)
1:	ldr	r3, [r0], #4
	str	r3, [r1], #4
	subs	r2, r2, #1
	bne	1b
	restore_frame

/* The user side: system calls (r0 in, r0 out). */
ENTRY(sys_write)
	swi	TG_SYS_WRITE
	bx	lr
ENTRY(sys_yield)
	swi	TG_SYS_YIELD
	bx	lr
ENTRY(sys_spin)
	swi	TG_SYS_SPIN
	bx	lr
ENTRY(sys_exit)
	swi	TG_SYS_EXIT
	b	.

/* The user side of the page fault: the first access to FAULT_VA's page
 * aborts; the handler maps the page and the same instruction runs again
 * (the *_insn labels are what LR_abt - 8 must be). */
ENTRY(user_fault_load)			@ r0 = address; returns the word
GLOBAL(user_fault_load_insn)
	ldr	r0, [r0]
	bx	lr
ENTRY(user_fault_store)			@ r0 = address, r1 = value
GLOBAL(user_fault_store_insn)
	str	r1, [r0]
	bx	lr

/* Address space switch: a new first-level table, then the TLBs
 * invalidated (caches are off: nothing to clean). */
ENTRY(switch_ttb)
	mcr	p15, 0, r0, c2, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0
	bx	lr

/* irq_window(): clear I for two instructions in SVC mode, then set it
 * again; a pending IRQ is taken in between.  As Linux's
 * local_irq_enable() and local_irq_restore() do it: MSR CPSR_c from a
 * register on ARMv5, CPSIE/CPSID on ARMv6. */
ENTRY(irq_window)
#if __ARM_ARCH >= 6
	cpsie	i
	nop
	nop
	cpsid	i
#else
	mrs	r0, cpsr
	bic	r1, r0, #PSR_I
	msr	cpsr_c, r1
	nop
	nop
	msr	cpsr_c, r0
#endif
	bx	lr

/* Invalidate one TLB entry by MVA (c8 c7 1, ARM926EJ-S TRM), after the page
 * fault handler made a fault entry valid.  Only a change to a valid
 * entry strictly needs it (the TLB may hold the old entry, ARM ARM
 * B4.2); mmu-guest and Linux invalidate anyway. */
ENTRY(tlb_invalidate_mva)
	mcr	p15, 0, r0, c8, c7, 1
	bx	lr

	guest_cp15_read

	guest_mmu_enable

/* plat_exit, plat_putc: the board's (guest-start.h). */
	guest_board

	.ltorg

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
irq_stack_top:
	.space	2048
abt_stack_top:
kernel_sp:
	.space	4
