/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vectors.S -- the monitor's exception vectors and the world switch.
 *
 * The guest runs in real USR mode.  Every exception it raises comes here
 * (high vectors: bm_mmu_init() copies the table to the page mapped at
 * 0xffff0000).  A stub saves the guest's USR r0-r14 (r13/r14 with STM^,
 * ARM ARM A4.1.98 STM(2)), LR_<mode> and SPSR_<mode> into a struct
 * bm_frame on the exception mode's stack, calls bm_trap(frame, exc), and
 * returns into whatever the frame holds then: the USR registers with
 * LDM^ (LDM(2)), PC and CPSR with MOVS pc, lr (CPSR = SPSR_<mode>).
 * bm_trap() makes sure the frame's CPSR is USR mode.
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

/* Restore the frame at sp and return to it (USR mode: see bm_trap()). */
.macro guest_return
	ldr	r0, [sp, #BM_F_CPSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #BM_F_PC]
	add	r0, sp, #BM_F_R13
	ldmia	r0, {r13, r14}^		@ USR r13, r14
	nop				@ no banked access right after LDM^
	ldmia	sp, {r0-r12}
	add	sp, sp, #BM_F_SIZE
	movs	pc, lr			@ CPSR = SPSR_<mode>
.endm

.macro trap_entry exc
	sub	sp, sp, #BM_F_SIZE
	stmia	sp, {r0-r12}
	add	r0, sp, #BM_F_R13
	stmia	r0, {r13, r14}^		@ USR r13, r14
	nop				@ ARMv5: no banked access right after STM^
	str	lr, [sp, #BM_F_PC]
	mrs	r1, spsr
	str	r1, [sp, #BM_F_CPSR]
	mov	r0, sp
	mov	r1, #\exc
	bl	bm_trap
	guest_return
.endm

vec_undef:	trap_entry BM_EXC_UNDEF
vec_swi:	trap_entry BM_EXC_SWI
vec_pabt:	trap_entry BM_EXC_PABT
vec_dabt:	trap_entry BM_EXC_DABT
vec_reserved:	trap_entry BM_EXC_RESERVED
/*
 * IRQ: the real timer (board.c), the only source the VIC enables, taken
 * only while the guest runs in USR mode (the monitor always runs with I
 * set).  LR_irq is the interrupted instruction + 4: bm_trap() takes the
 * guest's PC as LR - 4 and, like for every trap, rewrites the frame's PC
 * with where the guest resumes, so the common return (MOVS pc, lr with
 * LR = frame PC) needs no adjustment here.
 * FIQ is never enabled at the VIC: bm_trap() reports it as an internal
 * error.  Taking it would need a stub of its own, since r8-r12 are banked
 * in FIQ mode and the STM of r0-r12 below would save FIQ's, not the
 * guest's.
 */
vec_irq:	trap_entry BM_EXC_IRQ
vec_fiq:	trap_entry BM_EXC_FIQ
/* A jump to the reset vector: nothing to save, report it from SVC. */
vec_reset:
	msr	cpsr_c, #(BM_MODE_SVC | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_svc_stack + BM_STACK_SIZE
	mov	r0, #70
	bl	bm_halt

/*
 * bm_guest_enter(frame): the first entry into the guest, from SVC mode.
 * The frame is copied onto a fresh SVC stack (whatever C frames were on
 * it are done with) and returned into like any trap's.
 */
	.global	bm_guest_enter
bm_guest_enter:
	msr	cpsr_c, #(BM_MODE_SVC | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_svc_stack + BM_STACK_SIZE
	sub	sp, sp, #BM_F_SIZE
	mov	r1, sp
	mov	r2, #(BM_F_SIZE / 4)
1:	ldr	r3, [r0], #4
	str	r3, [r1], #4
	subs	r2, r2, #1
	bne	1b
	guest_return

	.ltorg
