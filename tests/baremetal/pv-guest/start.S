/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the shared-page test guest's entry, vectors, handlers, its
 * user task, and the raw masking instructions the armpv_irqflags plugin
 * never sees (assembly: armpv-rewrite makes them trap words, which
 * armpv-bm's SWI fast path emulates against the page).
 *
 * IRQ: irq_c(spsr_irq), then back to the interrupted instruction.  Data
 * abort: dabt_c(dfsr, far) and on after the aborted instruction (the
 * user task's accesses to the page).  SWI SYS_DONE from the user task
 * returns from user_run().
 */
#include "pv-guest.h"
#include "guest-start.h"

	guest_entry
	msr	cpsr_c, #(IRQ_MODE | PSR_I | PSR_F)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, #(ABT_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(UND_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bl	kmain
	b	plat_exit		@ r0 = exit status

	guest_vectors
	guest_board
	guest_mmu_enable

.macro unexpected vec
	ldr	sp, =abt_stack_top
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	b	pv_unexpected		@ does not return
.endm
vec_reset:	unexpected 0
vec_undef:	unexpected 1
vec_pabt:	unexpected 3
vec_reserved:	unexpected 5
vec_fiq:	unexpected 7

vec_irq:
	sub	lr, lr, #4
	push	{r0-r3, r12, lr}
	mrs	r0, spsr
	bl	irq_c
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_irq

vec_dabt:
	sub	lr, lr, #4		@ the instruction after the aborted one
	push	{r0-r3, r12, lr}
	mrc	p15, 0, r0, c5, c0, 0	@ DFSR
	mrc	p15, 0, r1, c6, c0, 0	@ FAR
	mrs	r2, spsr
	bl	dabt_c
	ldmia	sp!, {r0-r3, r12, pc}^

/* SWI: only the user task's SYS_DONE; back to user_run()'s caller. */
vec_swi:
	ldr	r1, =kernel_sp
	ldr	sp, [r1]
	pop	{r4-r11, pc}

/* user_run(): the user task in USR mode (I, F clear) until SYS_DONE. */
ENTRY(user_run)
	push	{r4-r11, lr}
	ldr	r2, =kernel_sp
	str	sp, [r2]
	ldr	lr, =user_task
	mov	r2, #USR_MODE
	msr	spsr_cxsf, r2
	movs	pc, lr

/* Reads and writes the shared page's address: two data aborts. */
user_task:
	ldr	r0, =PV_PAGE_VA
	ldr	r1, [r0]
	str	r1, [r0, #4]
	swi	SYS_DONE

	.ltorg

/* The raw instructions: trap words under armpv-bm (the fast path). */
ENTRY(raw_mrs)
	mrs	r0, cpsr
	bx	lr

ENTRY(raw_msr_c)
	msr	cpsr_c, r0
	bx	lr

#if __ARM_ARCH >= 6
ENTRY(raw_cpsid_i)
	cpsid	i
	bx	lr

ENTRY(raw_cpsie_i)
	cpsie	i
	bx	lr
#endif

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
irq_stack_top:
	.space	2048
abt_stack_top:
	.space	4
kernel_sp:
	.space	4
