/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the whole-system fuzzer's guest runtime, assembly half:
 * entry and stacks, the vector table, the exception handlers that record
 * what each exception gave (fz_record() in runtime.c) and carry on, the
 * glue that runs one generated step (fz_run_step, fz_step_done), and the
 * readers of every bank's registers and of the CP15 state for the digest.
 *
 * A step (gen.py) is straight-line code entered in SVC with I and F set
 * and r0-r12 and the flags from fz_regs (the previous step's end); it
 * may change mode among the privileged ones but never writes sp, lr
 * (but for its exception returns, which set lr first) or pc.  Its
 * epilogue (FZ_STEP_END, generated) pushes r0-r12 and CPSR on the
 * stack of the mode it ends in and branches to fz_step_done.
 */
#include "kern.h"
#include "sysfuzz.h"
#include "guest-start.h"

	guest_entry
#ifndef BOARD_SECURE_ENTRY
	nop				@ as the native raspi0 build's three
	nop				@ SCR instructions: both builds of a
	nop				@ guest have the same addresses
#endif
	/* Every banked register a value: their reset values are UNKNOWN
	 * (ARM ARM A2.6.1), and QEMU's raspi0 leaves FIQ's r8 nonzero. */
	mov	r0, #0
	mov	r1, #USR_MODE
.macro mode_init mode, stack
	msr	cpsr_c, #(\mode | PSR_I | PSR_F)
	ldr	sp, =\stack
	mov	lr, r0
	.if \mode != SYS_MODE
	msr	spsr_cxsf, r1
	.endif
.endm
	mode_init ABT_MODE, abt_stack_top
	mode_init UND_MODE, und_stack_top
	mode_init IRQ_MODE, irq_stack_top
	mode_init FIQ_MODE, fiq_stack_top
	mov	r8, r0
	mov	r9, r0
	mov	r10, r0
	mov	r11, r0
	mov	r12, r0
	mode_init SYS_MODE, usr_stack_top
	mode_init SVC_MODE, svc_stack_top
	/* The CP15 registers the digest shows or a step reads, known
	 * values: a board's loader may leave its own (QEMU's raspi0 leaves
	 * CPACR nonzero). */
	mcr	p15, 0, r0, c5, c0, 0		@ DFSR
	mcr	p15, 0, r0, c5, c0, 1		@ IFSR
	mcr	p15, 0, r0, c6, c0, 0		@ FAR
#ifdef KERN_V6
	mcr	p15, 0, r0, c1, c0, 2		@ CPACR
	mcr	p15, 0, r0, c6, c0, 2		@ IFAR
	mcr	p15, 0, r0, c13, c0, 1		@ CONTEXTIDR
	mcr	p15, 0, r0, c13, c0, 2		@ TPIDRURW
	mcr	p15, 0, r0, c13, c0, 3		@ TPIDRURO
	mcr	p15, 0, r0, c13, c0, 4		@ TPIDRPRW
#endif
	bl	kmain
	b	plat_exit		@ r0 = exit status

	guest_vectors
	.global	vectors			@ runtime.c copies them high too
	guest_board

/*
 * handler VEC, FSR, FAR: fz_record(vec, lr, spsr, fsr, far, cpsr) with
 * FSR and FAR read by the MRC given (none: 0), then the return to the
 * address it gives, CPSR = SPSR.  The frame is 8-byte aligned: six
 * words pushed, two for the arguments on the stack.
 */
.macro handler vec, fsr="", far=""
	push	{r0-r3, r12, lr}
	sub	sp, sp, #8
	mrs	r12, cpsr
	str	r12, [sp, #4]
	mov	r12, #0
	.ifnc "\far", ""
	\far
	.endif
	str	r12, [sp]
	mov	r3, #0
	.ifnc "\fsr", ""
	\fsr
	.endif
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	bl	fz_record
	add	sp, sp, #8
	.if \vec == 2
	tst	r0, #1			@ a user excursion's end: to SVC
	bic	r0, r0, #1
	mrsne	r1, spsr
	bicne	r1, r1, #(PSR_MODE_MASK | PSR_T)
	orrne	r1, r1, #(SVC_MODE | PSR_I | PSR_F)
	msrne	spsr_cxsf, r1
	.endif
	.if \vec == 3
	tst	r0, #1			@ a fetch that aborted: ARM state
	bic	r0, r0, #1
	mrsne	r1, spsr
	bicne	r1, r1, #PSR_T
	msrne	spsr_cxsf, r1
	.endif
	str	r0, [sp, #20]
	ldmia	sp!, {r0-r3, r12, pc}^
.endm

vec_reset:	handler 0
vec_undef:	handler 1
vec_swi:	handler 2
#ifdef KERN_V6
vec_pabt:	handler 3, "mrc p15, 0, r3, c5, c0, 1", "mrc p15, 0, r12, c6, c0, 2"
#else
vec_pabt:	handler 3, "mrc p15, 0, r3, c5, c0, 1"
#endif
vec_dabt:	handler 4, "mrc p15, 0, r3, c5, c0, 0", "mrc p15, 0, r12, c6, c0, 0"
vec_reserved:	handler 5
vec_irq:	handler 6
vec_fiq:	handler 7

#ifdef BOARD_BCM2835
/*
 * fz_raise_irq, fz_raise_fiq: raise the IRQ (system timer compare 1,
 * GPU interrupt 1, enabled at the armctrl) or the FIQ (compare 3, the
 * armctrl's FIQ source) now, called with I and F set (gen.py irq): Cn =
 * CLO + 200, then spin until CS bit n is set, so that the caller's
 * unmasking, the same instruction in both runs, takes it.  200
 * microseconds: under armpv-bm the read of CLO and the write of Cn are
 * two emulated accesses, more than 2 microseconds apart (with CLO + 2,
 * as tests/process/plat-bcm2835.S arms natively, Cn was always past
 * when written, and the guest re-armed forever).  When CLO passes Cn
 * by more than a millisecond unseen (the host descheduled QEMU, and Cn
 * may have been written after CLO passed it: no match then for 2^32
 * microseconds), Cn is armed again and only then the match bit
 * cleared: a match of the first arming seen after the second was
 * written would leave the second one to match later, a second
 * interrupt at a time that depends on the host (docs/fuzzing.md, the
 * raspi0 finding).  A channel has one compare: writing Cn replaces
 * the match due.  Every register but lr, and the flags, are kept.
 */
ENTRY(fz_raise_irq)
	push	{r0-r6, lr}
	mov	r0, #1
	b	1f
ENTRY(fz_raise_fiq)
	push	{r0-r6, lr}
	mov	r0, #3
1:	mrs	r5, cpsr
	ldr	r1, =ARMCTRL_BASE
	mov	r2, #SYSTMR_CS_M(1)
	str	r2, [r1, #ARMCTRL_ENABLE1]
	mov	r2, #(ARMCTRL_FIQ_ENABLE | 3)
	str	r2, [r1, #ARMCTRL_FIQ_CONTROL]
	ldr	r1, =SYSTMR_BASE
	mov	r3, #1
	mov	r3, r3, lsl r0		@ CS bit n
	add	r4, r1, #SYSTMR_C(0)
2:	ldr	r2, [r1, #SYSTMR_CLO]
	add	r2, r2, #200
	str	r2, [r4, r0, lsl #2]	@ Cn = CLO + 200
	str	r3, [r1, #SYSTMR_CS]	@ no match of an earlier arming
3:	ldr	r6, [r1, #SYSTMR_CS]
	tst	r6, r3
	bne	4f
	ldr	r6, [r1, #SYSTMR_CLO]
	sub	r6, r6, r2		@ CLO - Cn: negative until due
	cmp	r6, #1000
	blt	3b
	b	2b
4:	msr	cpsr_f, r5
	pop	{r0-r6, pc}
	.ltorg
#endif

/* fz_run_step(code): the step at code with fz_regs' flags and r0-r12;
 * returns when its epilogue reaches fz_step_done. */
ENTRY(fz_run_step)
	push	{r4-r11, lr}
	ldr	r1, =fz_kernel_sp
	str	sp, [r1]
	ldr	r1, =fz_step_pc
	str	r0, [r1]
	ldr	lr, =fz_regs
	ldr	r0, [lr], #4		@ the flags the last step ended with
	msr	cpsr_f, r0
	ldmia	lr, {r0-r12}
	ldr	lr, =fz_step_pc
	ldr	pc, [lr]

/* The epilogue's target: sp = CPSR, r0-r12 of the step's end, on the
 * stack of the mode it ended in.  Copied to fz_regs and popped, then
 * back to SVC and fz_run_step's caller. */
ENTRY(fz_step_done)
	mov	r0, sp
	ldr	r1, =fz_regs
	ldmia	r0!, {r2-r8}
	stmia	r1!, {r2-r8}
	ldmia	r0!, {r2-r8}
	stmia	r1!, {r2-r8}
	mov	sp, r0
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	ldr	r1, =fz_kernel_sp
	ldr	sp, [r1]
	pop	{r4-r11, pc}

/*
 * fz_read_banks(out): the banked registers, in this order: USR (read in
 * SYS) r13 r14; FIQ r8-r14 SPSR; IRQ, ABT, UND, SVC r13 r14 SPSR each
 * (25 words; SVC's as this function sees them, the same in every run).
 */
.macro bank mode
	msr	cpsr_c, #(\mode | PSR_I | PSR_F)
	str	sp, [r0], #4
	str	lr, [r0], #4
	mrs	r2, spsr
	str	r2, [r0], #4
.endm
ENTRY(fz_read_banks)
	push	{r4-r11, lr}
	mrs	r1, cpsr
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	str	sp, [r0], #4
	str	lr, [r0], #4
	msr	cpsr_c, #(FIQ_MODE | PSR_I | PSR_F)
	stmia	r0!, {r8-r12}
	str	sp, [r0], #4
	str	lr, [r0], #4
	mrs	r2, spsr
	str	r2, [r0], #4
	bank	IRQ_MODE
	bank	ABT_MODE
	bank	UND_MODE
	bank	SVC_MODE
	msr	cpsr_c, r1
	pop	{r4-r11, pc}

/*
 * fz_read_cp15(out): SCTLR, TTBR0, DACR, DFSR, IFSR, FAR; on ARMv6 also
 * IFAR, CONTEXTIDR, TPIDRURW, TPIDRURO, TPIDRPRW (FZ_CP15_WORDS).
 */
ENTRY(fz_read_cp15)
	mrc	p15, 0, r1, c1, c0, 0
	str	r1, [r0], #4
	mrc	p15, 0, r1, c2, c0, 0
	str	r1, [r0], #4
	mrc	p15, 0, r1, c3, c0, 0
	str	r1, [r0], #4
	mrc	p15, 0, r1, c5, c0, 0
	str	r1, [r0], #4
	mrc	p15, 0, r1, c5, c0, 1
	str	r1, [r0], #4
	mrc	p15, 0, r1, c6, c0, 0
	str	r1, [r0], #4
#ifdef KERN_V6
	mrc	p15, 0, r1, c6, c0, 2
	str	r1, [r0], #4
	mrc	p15, 0, r1, c13, c0, 1
	str	r1, [r0], #4
	mrc	p15, 0, r1, c13, c0, 2
	str	r1, [r0], #4
	mrc	p15, 0, r1, c13, c0, 3
	str	r1, [r0], #4
	mrc	p15, 0, r1, c13, c0, 4
	str	r1, [r0], #4
#endif
	bx	lr

/* fz_mmu_on(ttb, dacr, sctlr_set): DACR, TTBR0, the TLBs invalidated,
 * then SCTLR with M and sctlr_set's bits set, A, V and XP clear
 * otherwise (low vectors, the ARMv5 table format on the ARM1176). */
ENTRY(fz_mmu_on)
	mcr	p15, 0, r1, c3, c0, 0
	mcr	p15, 0, r0, c2, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #0x2
	bic	r0, r0, #0x2000
	bic	r0, r0, #0x800000
	orr	r0, r0, r2
	orr	r0, r0, #0x1
	mcr	p15, 0, r0, c1, c0, 0
	nop
	nop
	bx	lr

	.ltorg

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
abt_stack_top:
	.space	2048
und_stack_top:
	.space	1024
irq_stack_top:
	.space	1024
fiq_stack_top:
	.space	1024
usr_stack_top:
fz_kernel_sp:
	.space	4
fz_step_pc:
	.space	4
