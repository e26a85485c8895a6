/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sensitive.S -- the tasks-guest's kernel-mode phase: every ARMv5 form
 * of the sensitive instructions (the armv5te rows of tables/armpv.spec)
 * run from privileged modes, each result stored for test-sensitive.c to
 * check.  tests/process/banks.S (MRS and MSR in every mode, the banked
 * registers, STM^ of the User bank from SVC and FIQ, LDM^ from SVC) and
 * tests/process/uaccess.S (LDRT and friends) are linked in as well; this
 * file adds what they do not cover: every MSR field mask, register and
 * immediate; STM^/LDM^ in all four addressing modes; LDM^ exception
 * returns with and without writeback; the 24 data-processing exception
 * returns (12 opcodes, immediate and shifted register, every shift
 * type); the LDRT/STRT forms uaccess.S lacks; and condition-failed
 * sensitive instructions, which must do nothing.
 *
 * Natively these run in SVC; rewritten under armpv-bm they are trap
 * words the monitor emulates.  All run with IRQ and FIQ masked: no
 * exception may come in between (a data abort of an LDRT on a kernel-only
 * page is the one taken on purpose, through __ex_table).
 */
#include "sensitive.h"
#include "tasks-guest.h"

	.text
	.arm

/*
 * sn_msr_spsr(out[2 * SN_SPSR_MASKS]): for each field mask 1..15
 * (c x s f = bits 0..3), SPSR = SN_SPSR_OLD, then MSR SPSR_<mask> with
 * SN_SPSR_REG (register form), then with #SN_PSR_IMM (immediate form);
 * out = SPSR after each.  ARM ARM A4.1.39: only the bytes the mask names
 * are written.
 */
.macro msr_spsr fields, src
	msr	spsr_fsxc, r4
	msr	spsr_\fields, \src
	mrs	r1, spsr
	str	r1, [r0], #4
.endm

ENTRY(sn_msr_spsr)
	push	{r4, r5, lr}
	ldr	r4, =SN_SPSR_OLD
	ldr	r5, =SN_SPSR_REG
	.irp m, c, x, xc, s, sc, sx, sxc, f, fc, fx, fxc, fs, fsc, fsx, fsxc
	msr_spsr \m, r5
	.endr
	.irp m, c, x, xc, s, sc, sx, sxc, f, fc, fx, fxc, fs, fsc, fsx, fsxc
	msr_spsr \m, #SN_PSR_IMM
	.endr
	pop	{r4, r5, pc}

/*
 * sn_msr_cpsr(out[2 * SN_CPSR_MASKS]): the same for CPSR, with the masks
 * that hold c (the others are not sensitive on ARMv5: no privileged bit
 * outside c).  Before each write CPSR = SVC, I, F, N Z C V (its x and s
 * bytes kept); the register form writes Z, SYS, I (F clear); the
 * immediate form #0x9f, SYS, I and zero flags.  out = CPSR after, read
 * in the mode the write gave, before going back to SVC.
 */
.macro msr_cpsr fields, src
	msr	cpsr_fsxc, r4
	msr	cpsr_\fields, \src
	mrs	r1, cpsr
	msr	cpsr_fsxc, r4		@ back to SVC
	str	r1, [r0], #4
.endm

ENTRY(sn_msr_cpsr)
	push	{r4-r6, lr}
	mrs	r6, cpsr
	bic	r4, r6, #0xff000000
	bic	r4, r4, #0xff		@ keep x and s (A, E on the ARM1176)
	orr	r5, r4, #(SN_CPSR_REG_FC & 0xff)
	orr	r5, r5, #(SN_CPSR_REG_FC & 0xff000000)
	orr	r4, r4, #(SN_CPSR_OLD_FC & 0xff)
	orr	r4, r4, #(SN_CPSR_OLD_FC & 0xff000000)
	.irp m, c, xc, sc, sxc, fc, fxc, fsc, fsxc
	msr_cpsr \m, r5
	.endr
	.irp m, c, xc, sc, sxc, fc, fxc, fsc, fsxc
	msr_cpsr \m, #SN_PSR_IMM
	.endr
	msr	cpsr_fsxc, r6
	pop	{r4-r6, pc}

/*
 * sn_stm_user(out[4 * SN_LDM_MODES]): STM<mode> Rn, {r2, r13, r14}^ from
 * SVC in each addressing mode, with the User r13 and r14 set in SYS mode
 * (A4.1.98 STM(2): the User bank's registers are stored, not SVC's).
 * Slot k (4 words, prefilled with SN_SLOT_GUARD) gets the three words at
 * its words 0-2: IA from the slot, IB from slot - 4, DA from slot + 8,
 * DB from slot + 12 (A5.4.2-5).  ARMv5 forbids a banked register access
 * in the instruction after STM^/LDM^: hence the NOPs.
 */
ENTRY(sn_stm_user)
	push	{r4, r5, lr}
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	mov	r4, sp
	mov	r5, lr
	ldr	sp, =SN_USR_SP
	ldr	lr, =SN_USR_LR
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	ldr	r2, =SN_STM_R2
	stmia	r0, {r2, sp, lr}^
	nop
	add	r1, r0, #(16 - 4)
	stmib	r1, {r2, sp, lr}^
	nop
	add	r1, r0, #(32 + 8)
	stmda	r1, {r2, sp, lr}^
	nop
	add	r1, r0, #(48 + 12)
	stmdb	r1, {r2, sp, lr}^
	nop
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	mov	sp, r4			@ the User bank as it was
	mov	lr, r5
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	pop	{r4, r5, pc}

/*
 * sn_ldm_user(src[4 * SN_LDM_MODES], out[3 * SN_LDM_MODES]): LDM<mode>
 * Rn, {r2, r13, r14}^ from SVC in each addressing mode, from the slots
 * of sn_stm_user's layout (A4.1.21 LDM(2): the User bank's r13 and r14
 * are loaded, SVC's stay); then SYS mode reads them.  out per mode: r2,
 * User r13, User r14.  SVC's own sp must survive: the final pop uses it.
 */
.macro ldm_user insn, off
	mov	r2, #0
	add	r1, r0, #\off
	\insn	r1, {r2, sp, lr}^
	nop
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	str	r2, [r6], #4
	str	sp, [r6], #4
	str	lr, [r6], #4
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
.endm

ENTRY(sn_ldm_user)
	push	{r4-r6, lr}
	mov	r6, r1
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	mov	r4, sp
	mov	r5, lr
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	ldm_user ldmia, 0
	ldm_user ldmib, (16 - 4)
	ldm_user ldmda, (32 + 8)
	ldm_user ldmdb, (48 + 12)
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	mov	sp, r4
	mov	lr, r5
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	pop	{r4-r6, pc}

/*
 * sn_ldm_ret(scratch[4], out[4 * SN_RET_FORMS]): LDM<mode> Rn{!}, {r2,
 * pc}^ from SVC (A4.1.22 LDM(3): PC loaded, CPSR = SPSR_svc), each
 * addressing mode without and with writeback, the pair at scratch words
 * 2 and 3 (r2 = SN_RET_R2, PC = the continuation), each to another mode.
 * out per form: the SPSR set, Rn after (the base, or written back: +8 or
 * -8), r2, CPSR at the continuation (0 if the LDM did not branch).
 */
.macro ldm_ret psr, off, insn:vararg
	ldr	r6, =\psr
	msr	spsr_fsxc, r6
	adr	r3, 9f
	str	r3, [r4, #12]
	add	r1, r4, #\off
	mov	r2, #0
	\insn
	mov	r3, #0			@ not reached if it returned
	b	8f
9:	mrs	r3, cpsr
8:	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	stmia	r5!, {r1, r2, r3, r6}
.endm

ENTRY(sn_ldm_ret)
	push	{r4-r6, lr}
	mov	r4, r0
	mov	r5, r1
	ldr	r3, =SN_RET_R2
	str	r3, [r4, #8]
	ldm_ret SN_RET_PSR_SYS, 8, ldmia r1, {r2, pc}^
	ldm_ret SN_RET_PSR_SYS, 8, ldmia r1!, {r2, pc}^
	ldm_ret SN_RET_PSR_IRQ, 4, ldmib r1, {r2, pc}^
	ldm_ret SN_RET_PSR_IRQ, 4, ldmib r1!, {r2, pc}^
	ldm_ret SN_RET_PSR_UND, 12, ldmda r1, {r2, pc}^
	ldm_ret SN_RET_PSR_UND, 12, ldmda r1!, {r2, pc}^
	ldm_ret SN_RET_PSR_ABT, 16, ldmdb r1, {r2, pc}^
	ldm_ret SN_RET_PSR_ABT, 16, ldmdb r1!, {r2, pc}^
	pop	{r4-r6, pc}

/*
 * sn_dp_ret(out[3 * SN_DP_FORMS]): data processing with S and Rd = PC
 * from SVC: PC = the ALU result, CPSR = SPSR_svc (ARM ARM A4.1, every
 * one of the twelve: "if S == 1 and d == 15 then CPSR = SPSR").  Each
 * form's operands (Rn = r1, Rm = r2 and lr, C = 1 before: the carry ADC,
 * SBC, RSC and RRX read) make the result LAND_VA, where
 * test_dp_ret() put "bx r12" between "bx r10"s; MVNS pc, #imm can
 * only reach a high address: LAND_MVN_VA.  r12 is the continuation,
 * which reads the CPSR; r10 records a wrong landing as 0, and so does
 * falling through.  The SPSRs alternate between SYS and SVC targets.
 *
 * QEMU 7.2, the native reference, makes only SUBS and MOVS exception
 * returns; the other ten opcodes branch and set the ALU's flags
 * (docs/monitor-core.md, "dp-s-pc").  So each form first runs with Rd =
 * r3 to get those flags, and test-sensitive.c accepts either outcome,
 * counting the ARM ARM ones.  out per form: CPSR at the continuation,
 * CPSR after the same operation into r3, the SPSR set.
 */
.macro dp_ret psr, rn, rm, op, operands:vararg
	ldr	r1, =\rn
	ldr	r2, =\rm
	mov	lr, r2
	msr	cpsr_f, #PSR_C
	\op	r3, \operands
	mrs	r4, cpsr
	ldr	r6, =\psr
	msr	spsr_fsxc, r6
	adr	r12, 9f
	adr	r10, 8f
	msr	cpsr_f, #PSR_C
	\op	pc, \operands
8:	mov	r3, #0			@ a wrong landing, or no branch
	b	7f
9:	mrs	r3, cpsr
7:	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	stmia	r0!, {r3, r4, r6}
.endm

#define SYS_T SN_DP_PSR_SYS
#define SVC_T SN_DP_PSR_SVC

ENTRY(sn_dp_ret)
	push	{r4-r12, lr}
	@ Immediate operand (A5.1.3).
	dp_ret SYS_T, 0xfffffe7f, 0, ands, r1, #0x3c0
	dp_ret SVC_T, 0x2bf, 0, eors, r1, #0xff
	dp_ret SYS_T, 0x340, 0, subs, r1, #0x100
	dp_ret SVC_T, 0x1c0, 0, rsbs, r1, #0x400
	dp_ret SYS_T, 0x200, 0, adds, r1, #0x40
	dp_ret SVC_T, 0x1ff, 0, adcs, r1, #0x40	@ + C
	dp_ret SYS_T, 0x280, 0, sbcs, r1, #0x40	@ - NOT C
	dp_ret SVC_T, 0x1c0, 0, rscs, r1, #0x400	@ - NOT C
	dp_ret SYS_T, 0x200, 0, orrs, r1, #0x40
	dp_ret SVC_T, 0, 0, movs, #LAND_VA
	dp_ret SYS_T, 0xa5000240, 0, bics, r1, #0xff000000
	dp_ret SVC_T, 0, 0, mvns, #0xfc000003	@ ~ = LAND_MVN_VA
	@ Register shifted by an immediate (A5.1.4-A5.1.13): LSL, LSR,
	@ ASR, ROR and RRX each appear.
	dp_ret SYS_T, 0xffffffff, 0x24, ands, r1, r2, lsl #4
	dp_ret SVC_T, 0x363, 0x12300, eors, r1, r2, lsr #8
	dp_ret SYS_T, 0x140, 0xfffff000, subs, r1, r2, asr #4
	dp_ret SVC_T, 0x00fffdc4, 0x401, rsbs, r1, r2, ror #8
	dp_ret SYS_T, 0x800001c0, 0x100, adds, r1, r2, rrx
	dp_ret SVC_T, 0x3f, 0x100, adcs, r1, r2, lsl #1
	dp_ret SYS_T, 0x280, 0x80, sbcs, r1, r2, lsr #1
	dp_ret SVC_T, 0x1c0, 0x800, rscs, r1, r2, asr #1
	dp_ret SYS_T, 0x200, 0x400, orrs, r1, r2, ror #4
	dp_ret SVC_T, 0, LAND_VA, movs, r2
	dp_ret SYS_T, 0xa5000240, 0xff, bics, r1, r2, lsl #24
	dp_ret SVC_T, 0, 0xfffffb7e, mvns, r2, rrx
	@ The two every exception handler uses (lr = Rm here).
	dp_ret SYS_T, 0, LAND_VA, movs, lr
	dp_ret SVC_T, 0, LAND_VA + 4, subs, lr, #4
	pop	{r4-r12, pc}
	.ltorg

/*
 * More user-permission accesses (A4.1.25/27/100/102: LDRBT, LDRT, STRBT,
 * STRT), in the convention of tests/process/uaccess.S, whose macro this
 * repeats: res = {err, base, rd, cpsr}; a data abort resumes at the
 * fixup (__ex_table), which returns -EFAULT.  uaccess.S has the
 * immediate forms and LDRT/STRBT with a register offset; here are STRT
 * and LDRBT with a register offset, and the shift types it lacks.
 */
.macro ua_access name, insn:vararg
ENTRY(\name)
	push	{r4, r5, r6, lr}
	mov	r4, r0
	mrs	r5, cpsr
	ldr	r12, =UA_CPSR
	msr	cpsr_fxc, r12
GLOBAL(\name\()_insn)
	\insn
	mov	r0, #0
1:	mrs	r6, cpsr
	msr	cpsr_fxc, r5
	stmia	r4, {r0, r1, r2, r6}
	pop	{r4, r5, r6, pc}
	.pushsection .text.fixup, "ax"
2:	mvn	r0, #(EFAULT - 1)	@ -EFAULT
	b	1b
	.popsection
	.pushsection __ex_table, "a"
	.align	2
	.long	\name\()_insn, 2b
	.popsection
.endm

ua_access sn_strt_reg_lsr,	strt	r2, [r1], r3, lsr #1
ua_access sn_ldrbt_reg_asr,	ldrbt	r2, [r1], -r3, asr #2
ua_access sn_ldrt_reg_ror,	ldrt	r2, [r1], r3, ror #4
ua_access sn_ldrt_reg_rrx,	ldrt	r2, [r1], -r3, rrx	@ C = 0: Rm >> 1
ua_access sn_strbt_reg,		strbt	r2, [r1], r3
ua_access sn_strt_neg8,		strt	r2, [r1], #-8
ua_access sn_ldrt_neg4,		ldrt	r2, [r1], #-4

/*
 * sn_cond(out[SN_COND_WORDS]): sensitive instructions whose condition
 * fails do nothing at all (A3.2): with Z set, each NE form below must
 * leave its registers, memory, CPSR and SPSR alone and fall through;
 * one EQ form must execute.
 *   0 MRSNE r1, CPSR: r1 keeps SN_COND_MARK
 *   1 MRSEQ r1, CPSR: the CPSR (SVC, Z)
 *   2 CPSR after MSRNE CPSR_c, #SYS: still SVC
 *   3 SPSR after MSRNE SPSR_fsxc, r1: still SN_SPSR_OLD
 *   4 LDRTNE r2, [r1], #4: r2 keeps SN_COND_MARK
 *   5 ... and r1 - base: 0
 *   6 the word STRTNE would have written: still 0
 *   7, 8 the words STMNE {sp, lr}^ would have written: still 0
 *   9 LDMNE {r2, pc}^ fell through: 1
 *  10 MOVSNE pc, r12 fell through: 1
 *  11 SUBSNE pc, r12, #0 fell through: 1
 */
ENTRY(sn_cond)
	push	{r4-r7, lr}
	mov	r7, r0
	mov	r3, #0
	str	r3, [r7, #24]
	str	r3, [r7, #28]
	str	r3, [r7, #32]
	str	r3, [r7, #36]
	str	r3, [r7, #40]
	str	r3, [r7, #44]
	msr	cpsr_f, #PSR_Z		@ NE fails, EQ passes
	ldr	r1, =SN_COND_MARK
	mrsne	r1, cpsr
	str	r1, [r7, #0]
	mrseq	r1, cpsr
	str	r1, [r7, #4]
	msrne	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	mrs	r1, cpsr
	str	r1, [r7, #8]
	ldr	r1, =SN_SPSR_OLD
	msr	spsr_fsxc, r1
	ldr	r1, =SN_SPSR_REG
	msrne	spsr_fsxc, r1
	mrs	r1, spsr
	str	r1, [r7, #12]
	ldr	r2, =SN_COND_MARK
	mov	r1, r7
	ldrnet	r2, [r1], #4
	str	r2, [r7, #16]
	sub	r1, r1, r7
	str	r1, [r7, #20]
	add	r1, r7, #24
	strnet	r2, [r1], #4
	add	r1, r7, #28
	stmneia	r1, {sp, lr}^
	nop
	adr	r12, 1f
	adr	r3, 1f
	str	r3, [r7, #40]		@ the PC LDMNE would load (word 10
					@ is reset before its own use)
	add	r1, r7, #36
	mov	r2, #0
	ldmneia	r1, {r2, pc}^
	mov	r3, #1
	str	r3, [r7, #36]
	mov	r3, #0
	str	r3, [r7, #40]
	movnes	pc, r12
	mov	r3, #1
	str	r3, [r7, #40]
	subnes	pc, r12, #0
	mov	r3, #1
	str	r3, [r7, #44]
	pop	{r4-r7, pc}
1:	@ reached only if a condition-failed return branched
	mrs	r3, cpsr
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	pop	{r4-r7, pc}

/* The I-cache holds nothing of the landing words (caches are off), but a
 * kernel that writes code invalidates it (c7 c5 0, ARM926EJ-S TRM). */
ENTRY(sn_icache_invalidate)
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0
	bx	lr

	.ltorg
