/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the MMU test guest's entry, vectors, abort and SWI handlers,
 * the switch to its user task, and the user task itself (plain loads and
 * stores in USR mode: no sensitive instruction).
 */
#include "mmu-guest.h"
#include "guest-start.h"

	guest_entry
	msr	cpsr_c, #(ABT_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bl	kmain
	b	plat_exit		@ r0 = exit status

	guest_vectors

.macro unexpected vec
	ldr	sp, =abt_stack_top
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	b	mg_unexpected		@ does not return
.endm
vec_reset:	unexpected 0
vec_undef:	unexpected 1
vec_pabt:	unexpected 3
vec_reserved:	unexpected 5
vec_irq:	unexpected 6
vec_fiq:	unexpected 7

/* Data abort: dabt_c(lr_abt, spsr_abt, dfsr, far) returns where to
 * resume: the faulting instruction again (LR - 8) once it mapped the
 * page, or the next one (LR - 4). */
vec_dabt:
	push	{r0-r3, r12, lr}
	mov	r0, lr
	mrs	r1, spsr
	mrc	p15, 0, r2, c5, c0, 0	@ DFSR
	mrc	p15, 0, r3, c6, c0, 0	@ FAR
	bl	dabt_c
	str	r0, [sp, #20]
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_abt

/* SWI from the user task: swi_c(number) for SYS_REMAP, then back to it;
 * SYS_DONE returns from user_run() instead. */
vec_swi:
	push	{r0-r12, lr}
	ldr	r0, [lr, #-4]
	bic	r0, r0, #0xff000000
	cmp	r0, #SYS_DONE
	beq	1f
	bl	swi_c
	ldmia	sp!, {r0-r12, pc}^	@ CPSR = SPSR_svc
1:	ldr	r1, =kernel_sp
	ldr	sp, [r1]
	pop	{r4-r11, pc}

/* user_run(fn, sp): run fn in USR mode with that stack until SYS_DONE. */
ENTRY(user_run)
	push	{r4-r11, lr}
	ldr	r2, =kernel_sp
	str	sp, [r2]
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	mov	sp, r1
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	mov	r2, #USR_MODE
	msr	spsr_cxsf, r2
	mov	lr, r0
	movs	pc, lr

ENTRY(tlb_invalidate_mva)
	mcr	p15, 0, r0, c8, c7, 1
	bx	lr

/* ttbr_switch(ttb): a context switch as Linux's cpu_arm926_switch_mm
 * makes it: drain the write buffer, the new TTBR0, invalidate the TLBs. */
ENTRY(ttbr_switch)
	mov	r1, #0
	mcr	p15, 0, r1, c7, c10, 4
	mcr	p15, 0, r0, c2, c0, 0
	mcr	p15, 0, r1, c8, c7, 0
	bx	lr

/* The ARM926EJ-S cache operations of caches() (ARM926EJ-S TRM 2.3.8
 * Table 2-18): by MVA, by set/way, whole, and the test and clean loop. */
ENTRY(dcache_clean_mva)
	mcr	p15, 0, r0, c7, c10, 1
	bx	lr
ENTRY(dcache_clean_inv_mva)
	mcr	p15, 0, r0, c7, c14, 1
	bx	lr
ENTRY(dcache_inv_mva)
	mcr	p15, 0, r0, c7, c6, 1
	bx	lr
ENTRY(icache_inv_mva)
	mcr	p15, 0, r0, c7, c5, 1
	bx	lr
ENTRY(dcache_clean_setway)
	mcr	p15, 0, r0, c7, c10, 2
	mcr	p15, 0, r0, c7, c14, 2
	bx	lr
/* Clean all (test and clean until clean), then invalidate the D-cache
 * and the I-cache, and drain the write buffer: nothing dirty is lost. */
ENTRY(caches_clean_inv_all)
1:	mrc	p15, 0, r15, c7, c10, 3
	bne	1b
	mov	r0, #0
	mcr	p15, 0, r0, c7, c6, 0
	mcr	p15, 0, r0, c7, c5, 0
	mcr	p15, 0, r0, c7, c10, 4
	bx	lr
/* kstrt(va, v), kldrt(va): STRT and LDRT from the kernel (User
 * permissions). */
ENTRY(kstrt)
	strt	r1, [r0]
	bx	lr
ENTRY(kldrt)
	ldrt	r0, [r0]
	bx	lr

/*
 * The kernel's STM^ and LDM^ of the User registers (ARM ARM A4.1.98
 * STM(2), A4.1.22 LDM(2)), from SVC (mmu-guest.c user_blocks()); each
 * ends with a NOP (no banked register access right after them, ARMv5)
 * where the abort handler resumes if the transfer aborts.
 *
 * ub_stm NAME, RN, INSN: NAME(base): the User r0-r14 = UB_TAG + n, but
 * rRN = base, then INSN.  ub_ldm NAME, RN, INSN: NAME(base, out[15]): the
 * User r0-r14 = MARK, but rRN = base, then INSN; out[] the User r0-r14
 * after it.
 */
.macro ub_regs rn, value		@ r0-r12 = \value + n, but r\rn
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
	.if	\i - \rn
	ldr	r\i, =\value
	.if	\value - MARK
	add	r\i, r\i, #\i
	.endif
	.endif
	.endr
.endm
.macro ub_stm name, rn, insn:vararg
ENTRY(\name)
	push	{r4-r11, lr}
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	ldr	sp, =UB_TAG + 13
	ldr	lr, =UB_TAG + 14
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	mov	r\rn, r0
	ub_regs	\rn, UB_TAG
	\insn
	nop
	pop	{r4-r11, pc}
.endm
/* The User r0-r14 into out[] (on the stack below the saved r4-r11, lr);
 * SP_svc as at the entry. */
.macro ub_out
	push	{r0-r12}
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	mov	r0, sp
	mov	r1, lr
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	ldr	r2, [sp, #13 * 4]	@ out
	str	r0, [r2, #13 * 4]
	str	r1, [r2, #14 * 4]
	mov	r3, #0
1:	ldr	r0, [sp, r3, lsl #2]
	str	r0, [r2, r3, lsl #2]
	add	r3, r3, #1
	cmp	r3, #13
	blo	1b
	add	sp, sp, #14 * 4
	pop	{r4-r11, pc}
.endm
/* An LDM^ function's entry: out[] kept, the User sp and lr MARK. */
.macro ub_ldm_entry name
ENTRY(\name)
	push	{r4-r11, lr}
	push	{r1}			@ out
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	ldr	sp, =MARK
	ldr	lr, =MARK
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
.endm
.macro ub_ldm name, rn, insn:vararg
	ub_ldm_entry \name
	mov	r\rn, r0
	ub_regs	\rn, MARK
	\insn
	nop
	ub_out
.endm
	ub_stm	ub_stmia_all, 0, stmia r0, {r0-r14}^
	ub_stm	ub_stmib_some, 5, stmib r5, {r1, r5, r12, sp, lr}^
	ub_stm	ub_stmda_some, 12, stmda r12, {r0, r3, r7, r11}^
	ub_stm	ub_stmdb_splr, 8, stmdb r8, {sp, lr}^
	ub_ldm	ub_ldmia_all, 0, ldmia r0, {r0-r14}^
	ub_ldm	ub_ldmib_some, 4, ldmib r4, {r2, r9, lr}^
	ub_ldm	ub_ldmda_some, 11, ldmda r11, {r0-r12}^
/* ub_ldmdb_sp(base, out): Linux's restore_user_regs, LDMDB sp, {r1-r14}^
 * with SP_svc = base; r0 = MARK. */
	ub_ldm_entry ub_ldmdb_sp
	ldr	r1, =ub_sp
	str	sp, [r1]
	mov	sp, r0
	ub_regs	15, MARK
	ldmdb	sp, {r1-r14}^
	nop
	ldr	lr, =ub_sp		@ LR_svc: not loaded, saved above
	ldr	sp, [lr]
	ub_out

/* kread(va): the word at va read by the kernel, or MARK if the load
 * aborts (the handler skips it). */
ENTRY(kread)
	mov	r1, r0
	ldr	r0, =MARK
	ldr	r0, [r1]
	bx	lr

	guest_cp15_read

ENTRY(cp15_write_sctlr)
	mcr	p15, 0, r0, c1, c0, 0
	bx	lr

	guest_mmu_enable

/*
 * The user task.  Before each load r0 holds MARK, so a load skipped by
 * the abort handler leaves it.  ut_* label the accesses that abort.
 */
ENTRY(user_task)
	ldr	r4, =ures
	ldr	r1, =USER_VA		@ the user page: allowed
	ldr	r0, =MARK
	ldr	r0, [r1]
	str	r0, [r4, #UR_USER]
	ldr	r1, =KERN_VA		@ the kernel-only page: read, write
	ldr	r0, =MARK
GLOBAL(ut_kread)
	ldr	r0, [r1]
	ldr	r0, =0x5555aaaa
GLOBAL(ut_kwrite)
	str	r0, [r1]
	ldr	r1, =FAULT_VA		@ not mapped: the handler maps it
	ldr	r0, =MARK
GLOBAL(ut_fault)
	ldr	r0, [r1]
	str	r0, [r4, #UR_FAULT]
	ldr	r0, =0x12345678
	str	r0, [r1, #4]
	ldr	r1, =RO_VA		@ read-only: read, then write
	ldr	r0, =MARK
	ldr	r0, [r1]
	str	r0, [r4, #UR_RO]
	ldr	r0, =0x77777777
GLOBAL(ut_rowrite)
	str	r0, [r1]
	ldr	r1, =(USER_VA + 2)	@ unaligned, SCTLR.A set: alignment fault
	ldr	r0, =MARK
GLOBAL(ut_unaligned)
	ldr	r0, [r1]
	ldr	r1, =REMAP_VA		@ before and after SYS_REMAP
	ldr	r0, [r1]
	str	r0, [r4, #UR_REMAP_OLD]
	swi	SYS_REMAP
	ldr	r0, =MARK
	ldr	r0, [r1]
	str	r0, [r4, #UR_REMAP_NEW]
	swi	SYS_DONE
	b	.

/* user_read_words(): rs_val[i] = the word at rs_va[i], i < RS_N, in
 * USR mode, then back to the kernel. */
ENTRY(user_read_words)
	ldr	r4, =rs_va
	ldr	r5, =rs_val
	mov	r6, #RS_N
1:	ldr	r1, [r4], #4
	ldr	r0, =MARK		@ left if the load aborts
	ldr	r0, [r1]
	str	r0, [r5], #4
	subs	r6, r6, #1
	bne	1b
	swi	SYS_DONE
	b	.

	.ltorg

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
abt_stack_top:
	.space	1024
GLOBAL(user_stack_top)
kernel_sp:
	.space	4
ub_sp:
	.space	4
	.align	2
GLOBAL(ures)
	.space	UR_WORDS * 4
