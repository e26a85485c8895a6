/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vectors.S -- the monitor's exception vectors and the world switch.
 *
 * The guest runs in real USR mode.  Every exception it raises comes here
 * (high vectors: bm_mmu_init() copies the table to the page mapped at
 * 0xffff0000).  The guest's registers live in the core's vCPU,
 * bm_vcpu.r[0..15] (run.c), and nowhere else: a stub stores the USR
 * r0-r14 there with one STM^ (ARM ARM A4.1.98, STM(2)) and LR_<mode> in
 * r[15], calls bm_trap(exc, SPSR_<mode>) on the mode's stack, and returns
 * with what bm_vcpu.r holds then: r0-r14 with LDM^ (LDM(2)), PC and CPSR
 * with MOVS pc, lr, the CPSR being bm_trap()'s result, always USR mode.
 * No frame is copied in or out: the trap round trip is the path to keep
 * short (docs/benchmarks.md).
 */
#include "bm.h"

	.text
	.arm

/*
 * The table: each entry loads the stub's absolute address from 0x20
 * bytes further on (PC reads as the entry + 8), so any copy of these 16
 * words works.
 */
	.align	5
	.global	bm_vectors_start, bm_vectors_end
bm_vectors_start:
	ldr	pc, [pc, #0x18]		@ 0x00 reset
	ldr	pc, [pc, #0x18]		@ 0x04 undefined instruction
	ldr	pc, [pc, #0x18]		@ 0x08 SWI
	ldr	pc, [pc, #0x18]		@ 0x0c prefetch abort
	ldr	pc, [pc, #0x18]		@ 0x10 data abort
	ldr	pc, [pc, #0x18]		@ 0x14 reserved
	ldr	pc, [pc, #0x18]		@ 0x18 IRQ
	ldr	pc, [pc, #0x18]		@ 0x1c FIQ
	.long	vec_reset, vec_undef, vec_swi, vec_pabt
	.long	vec_dabt, vec_reserved, vec_irq, vec_fiq
bm_vectors_end:

/*
 * Return into the guest: r0 = the CPSR to return with (bm_trap()'s
 * result: USR mode and the guest's flags).  The guest's registers are in
 * bm_vcpu.r[0..15]; this mode's SP is left pointing at bm_vcpu.r[15]
 * for the next exception.
 */
.macro guest_return
	msr	spsr_cxsf, r0
	ldr	sp, =bm_vcpu + BM_VCPU_R + 15 * 4
	ldr	lr, [sp]		@ where the guest resumes
	ldmdb	sp, {r0-r14}^		@ USR r0-r14 (LDM(2): no writeback)
	nop				@ no banked access right after LDM^
	movs	pc, lr			@ CPSR = SPSR_<mode>
.endm

/*
 * While the guest runs, SP of SVC, UND, ABT and IRQ mode points just past
 * bm_vcpu.r[14], so one STM^ (STM(2), ARM ARM A4.1.98: the USR bank, no
 * writeback) stores the guest's r0-r14 where the core keeps them, and
 * LR_<mode> goes to r[15]: no frame to copy in or out.  An exception the
 * monitor itself raised (SPSR not USR mode: a semihosting SVC, a bug)
 * finds SP on its stack or on bm_vcpu; the STM^ then only wrote below SP,
 * and monitor_exception takes over.
 */
.macro trap_entry exc, stack
	stmdb	sp, {r0-r14}^		@ USR r0-r14 into bm_vcpu.r[0..14]
	nop				@ ARMv5: no banked access right after STM^
	mrs	r1, spsr
	tst	r1, #0xf		@ USR mode is 0x10: the only one with 0
	bne	9f
	str	lr, [sp]		@ r[15] = LR_<mode>; bm_trap() adjusts
	ldr	sp, =\stack + BM_STACK_SIZE
	mov	r0, #\exc
	bl	bm_trap			@ r0 = the CPSR to return with
	guest_return
9:	monitor_exception \exc
.endm

/*
 * An exception from the monitor (r1 = its SPSR; r0-r14 saved below SP):
 * bm_monitor_exception() reports it and halts, except for the
 * semihosting SVC of bm_halt() without -semihosting, for which it
 * returns: the monitor's r0-r12 come back and it resumes after its SVC.
 * Run on a stack of its own: SP may be anywhere here.
 */
.macro monitor_exception exc
	mov	r2, lr
	mov	r3, sp
	ldr	sp, =bm_exc_stack + BM_STACK_SIZE
	push	{r2, r3}
	mov	r0, #\exc
	bl	bm_monitor_exception
	pop	{r2, r3}
	mov	lr, r2
	mov	sp, r3
	sub	r0, sp, #15 * 4
	ldmia	r0, {r0-r12}
	movs	pc, lr
.endm

vec_undef:	trap_entry BM_EXC_UNDEF, bm_und_stack
vec_swi:	trap_entry BM_EXC_SWI, bm_svc_stack
vec_pabt:	trap_entry BM_EXC_PABT, bm_abt_stack
vec_dabt:	trap_entry BM_EXC_DABT, bm_abt_stack
/*
 * IRQ: the real timer (board.c), the only source the VIC enables, taken
 * only while the guest runs in USR mode (the monitor always runs with I
 * set).  LR_irq is the interrupted instruction + 4: bm_trap() takes the
 * guest's PC as LR - 4 and, like for every trap, sets r[15] to where the
 * guest resumes.
 */
vec_irq:	trap_entry BM_EXC_IRQ, bm_irq_stack
/*
 * FIQ is never enabled at the VIC, and the reserved vector cannot
 * happen: both are the monitor's internal errors, whatever the mode.
 * (A real FIQ from the guest would work with trap_entry too: STM^ stores
 * the USR r8-r12, not FIQ's banked ones.)
 */
vec_fiq:
	stmdb	sp, {r0-r14}^
	nop
	mrs	r1, spsr
	monitor_exception BM_EXC_FIQ
vec_reserved:
	stmdb	sp, {r0-r14}^
	nop
	mrs	r1, spsr
	monitor_exception BM_EXC_RESERVED
/* A jump to the reset vector: nothing to save, report it from SVC. */
vec_reset:
	msr	cpsr_c, #(BM_MODE_SVC | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_svc_stack + BM_STACK_SIZE
	mov	r0, #70
	bl	bm_halt

/*
 * bm_guest_enter(cpsr): the first entry into the guest, from SVC mode,
 * with its registers in bm_vcpu.r and r0 = the CPSR to enter with.  Each
 * exception mode's SP goes to bm_vcpu.r[15] (trap_entry); SVC's own C
 * frames are done with.
 */
	.global	bm_guest_enter
bm_guest_enter:
	ldr	r1, =bm_vcpu + BM_VCPU_R + 15 * 4
	msr	cpsr_c, #(BM_MODE_UND | BM_PSR_I | BM_PSR_F)
	mov	sp, r1
	msr	cpsr_c, #(BM_MODE_ABT | BM_PSR_I | BM_PSR_F)
	mov	sp, r1
	msr	cpsr_c, #(BM_MODE_IRQ | BM_PSR_I | BM_PSR_F)
	mov	sp, r1
	msr	cpsr_c, #(BM_MODE_SVC | BM_PSR_I | BM_PSR_F)
	guest_return

	.ltorg

	.bss
	.align	3
bm_exc_stack:	.space	BM_STACK_SIZE
