/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * forms.S -- every form of the 24 sensitive instructions, in many
 * variations, and their non-sensitive neighbours.
 *
 * Assembled with -march=armv6 and read by tests/tables/opcodes_agree
 * (--cover): every form, notsens row and unpredictable row of
 * tables/armpv.spec must have a word here, on each architecture that has
 * it.  Never executed.
 *
 * The assembler emits the mapping symbols: $a before ARM code, $t before
 * the Thumb block, $d before .word data and literal pools.  The data
 * words below look sensitive when read as ARM; the checker must skip
 * them, and the Thumb block too.
 *
 * Encodings gas refuses (UNPREDICTABLE ones, SBZ/SBO violations) are
 * written with .inst, which still marks them as ARM code.  The register-
 * shifted data-processing forms with S and Rd = pc are UNPREDICTABLE too
 * (ARM ARM A5.1.5, A5.1.7, A5.1.9, A5.1.11, shifts by register:
 * "Specifying R15 as register Rd, register Rm, register Rn, or register
 * Rs has UNPREDICTABLE results"): since layout version 3 the spec refuses
 * them (its row "data processing, S=1, Rd=pc, shift by register").  gas
 * still assembles them, with a warning each, so the test assembles this
 * file with -Wa,--no-warn; they are written as instructions below, as
 * hand-written assembly would have them.
 */
	.syntax	unified
	.arm
	.text

/* Conditions: "" is AL. */
#define CONDS ,eq,ne,cs,cc,mi,pl,vs,vc,hi,ls,ge,lt,gt,le

/* The ten data-processing operations with Rn, and MOV/MVN. */
#define DP_OPS and,eor,sub,rsb,add,adc,sbc,rsc,orr,bic

/* MSR field masks, all fifteen non-empty ones. */
#define FIELDS c,x,s,f,xc,sc,fc,sx,fx,fs,sxc,fxc,fsc,fsx,fsxc

	.globl	forms_arm
	.type	forms_arm, %function
forms_arm:

/* ---- MRS: every condition, every Rd, both PSRs. */
	.irp	c, CONDS
	mrs\c	r0, CPSR
	mrs\c	r1, SPSR
	.endr
	.irp	r, r0,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,sp,lr
	mrs	\r, CPSR
	mrs	\r, SPSR
	.endr

/* ---- MSR: every field mask, both PSRs, register and immediate.  The
 * CPSR masks without c (ARMv5TE) or without c and x (ARMv6) are the
 * notsens rows: CPSR_f, CPSR_s, CPSR_fs, and CPSR_x on ARMv5TE. */
	.irp	fl, FIELDS
	msr	CPSR_\fl, r0
	msr	SPSR_\fl, r1
	msr	CPSR_\fl, #0xf0000000
	msr	SPSR_\fl, #0x1f
	.endr
	.irp	c, CONDS
	msr\c	CPSR_c, r2
	msr\c	CPSR_f, r3
	msr\c	SPSR_fsxc, #0xd3
	msr\c	CPSR_fs, #0x80000000
	.endr
	/* No field at all: writes nothing (notsens rows "SPSR with no
	 * field"; the immediate CPSR ones are ARMv6K's NOP-hint space). */
	.inst	0xe160f000		@ msr SPSR_, r0
	.inst	0xe360f000		@ msr SPSR_, #0
	.inst	0xe120f001		@ msr CPSR_, r1
	.inst	0xe320f000		@ msr CPSR_, #0 (ARMv6K: nop)
	.inst	0xe320f003		@ msr CPSR_, #3 (ARMv6K: wfi)

/* ---- CPS (ARMv6, unconditional). */
	.irp	aif, a,i,f,ai,af,if,aif
	cpsie	\aif
	cpsid	\aif
	cpsie	\aif, #0x13
	cpsid	\aif, #0x1f
	.endr
	.irp	mode, 0x10,0x11,0x12,0x13,0x17,0x1b,0x1f
	cps	#\mode
	.endr

/* ---- RFE and SRS (ARMv6, unconditional): every addressing mode, with
 * and without writeback. */
	.irp	am, ia,ib,da,db
	rfe\am	r0
	rfe\am	sp!
	rfe\am	lr
	srs\am	sp, #0x13
	srs\am	sp!, #0x1f
	srs\am	sp, #0x12
	.endr
	.irp	r, r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12
	rfeia	\r!
	.endr

/* ---- LDM/STM with ^: user registers (STM, LDM without pc) and
 * exception return (LDM with pc); every addressing mode, condition. */
	.irp	am, ia,ib,da,db
	stm\am	r0, {r1, r2}^
	stm\am	sp, {r0-lr}^
	stm\am	r3, {r0-pc}^
	ldm\am	r0, {r1, r2}^
	ldm\am	sp, {r0-lr}^
	ldm\am	sp!, {r0-r3, pc}^
	ldm\am	r4, {pc}^
	.endr
	.irp	c, CONDS
	stmdb\c	sp, {r0-r12}^
	ldmia\c	sp, {r0-r12}^
	ldmfd\c	sp!, {r0-r12, pc}^
	.endr
	.inst	0xe8d00000		@ ldmia r0, {}^ (empty list)

/* ---- LDRT, LDRBT, STRT, STRBT: immediate and every register form. */
	.irp	op, ldrt,ldrbt,strt,strbt
	\op	r0, [r1]
	\op	r0, [r1], #4
	\op	r2, [r3], #-4
	\op	r4, [r5], #4095
	\op	r6, [r7], #-4095
	\op	r0, [r1], r2
	\op	r0, [r1], -r2
	\op	r0, [r1], r2, lsl #1
	\op	r0, [r1], r2, lsl #31
	\op	r0, [r1], -r2, lsr #1
	\op	r0, [r1], r2, lsr #32
	\op	r0, [r1], r2, asr #7
	\op	r0, [r1], -r2, asr #32
	\op	r0, [r1], r2, ror #13
	\op	r0, [r1], r2, rrx
	.endr
	.irp	c, CONDS
	ldrt\c	r0, [r1], #4
	ldrbt\c	r0, [r1], -r2
	strt\c	r0, [r1], r2, lsl #2
	strbt\c	r0, [r1], #-1
	.endr

/* ---- Data processing with S and Rd = pc: immediate, every immediate
 * shift.  (The register shifts are UNPREDICTABLE: below.) */
	.irp	op, DP_OPS
	\op\()s	pc, r1, #4
	\op\()s	pc, lr, #0xff000000
	\op\()s	pc, r1, r2
	\op\()s	pc, r1, r2, lsl #3
	\op\()s	pc, r1, r2, lsr #1
	\op\()s	pc, r1, r2, lsr #32
	\op\()s	pc, r1, r2, asr #5
	\op\()s	pc, r1, r2, asr #32
	\op\()s	pc, r1, r2, ror #9
	\op\()s	pc, r1, r2, rrx
	.endr
	.irp	op, mov,mvn
	\op\()s	pc, #4
	\op\()s	pc, #0xff000000
	\op\()s	pc, lr
	\op\()s	pc, r2, lsl #3
	\op\()s	pc, r2, lsr #32
	\op\()s	pc, r2, asr #5
	\op\()s	pc, r2, ror #9
	\op\()s	pc, r2, rrx
	.endr
	.irp	c, CONDS
	subs\c	pc, lr, #4
	movs\c	pc, lr
	adds\c	pc, r0, r1, lsl #2
	mvns\c	pc, r3, asr #2
	.endr

/* ---- UNPREDICTABLE words of the sensitive spaces (SBZ/SBO bits
 * violated, writeback with user registers, the TSTP family, Rd = pc with
 * a register shift): the spec's 'unpredictable' rows, one word each at
 * least.  The rewriter refuses them; the checker fixes their should-be
 * bits and compares again, or (register shift) requires libopcodes to
 * mark them <UNPREDICTABLE>. */
	.irp	op, DP_OPS
	\op\()s	pc, r1, r2, lsl r3
	\op\()s	pc, r1, r2, lsr r3
	\op\()s	pc, r1, r2, asr r3
	\op\()s	pc, r1, r2, ror r3
	.endr
	.irp	op, mov,mvn
	\op\()s	pc, r2, lsl r3
	\op\()s	pc, r2, lsr r3
	\op\()s	pc, r2, asr r3
	\op\()s	pc, r2, ror r3
	.endr
	.irp	c, CONDS
	adds\c	pc, r0, r1, lsl r2
	.endr
	movs	pc, r2, lsl r1		@ 0xe1b0f112
	.inst	0xe19ff31f		@ orrs pc, pc, pc, lsl r3
	.inst	0xe10f0100		@ mrs r0, CPSR, SBZ bit 8 set
	.inst	0xe1000000		@ mrs r0, CPSR, SBO bits 19:16 clear
	.inst	0xe121f100		@ msr CPSR_c, r0, SBZ bit 8 set
	.inst	0xe1210000		@ msr CPSR_c, r0, SBO bits 15:12 clear
	.inst	0xe128f200		@ msr CPSR_f, r0, SBZ bit 9 (banked form)
	.inst	0xe3290000		@ msr CPSR_fc, #0, SBO bits 15:12 clear
	.inst	0xf10c0280		@ cpsid i, SBZ bit 9 set
	.inst	0xf8901a00		@ rfeia r0, SBZ bit 12 set
	.inst	0xf8bd0a01		@ rfeia sp!, SBZ bit 0 set
	.inst	0xf8cd0593		@ srsia sp, #19, SBZ bit 7 set
	.inst	0xf8c00513		@ srsia, bits 19:16 not 1101
	.inst	0xf96c8513		@ srsdb #19 with W, bits 19:16 1100, SBZ bit 15 set
	.inst	0xe8e00006		@ stmia r0!, {r1, r2}^
	.inst	0xe8f00006		@ ldmia r0!, {r1, r2}^
	.inst	0xe3f2f000		@ mvns pc, #0, SBZ Rn = r2
	.inst	0xe1b1f00e		@ movs pc, lr, SBZ Rn = r1
	.inst	0xe1b1f312		@ movs pc, r2, lsl r3, SBZ Rn = r1 (and Rd = pc)
	.inst	0xe310f000		@ tstp r0, #0
	.inst	0xe15ef004		@ cmpp lr, r4
	.inst	0xe130f112		@ teqp r0, r2, lsl r1 (Rd = 1111)

/* ---- Not sensitive: the neighbours. */
	sub	pc, lr, #4		@ no S
	subs	r0, lr, #4		@ Rd not pc
	mov	pc, lr
	movs	r0, lr
	cmp	pc, #0
	tst	r0, pc
	ldm	r0, {r1, r2}		@ no ^
	ldm	sp!, {r4, pc}
	stmdb	sp!, {r4, lr}
	ldr	r0, [r1], #4		@ post-indexed, no T
	ldr	r0, [r1, #4]!
	strb	r0, [r1], r2
	ldrh	r0, [r1], #2
	.inst	0xf10f0000		@ mrs with cond 1111
	.inst	0xf8dd8000		@ ldm sp, {pc}^ with cond 1111
	.inst	0xf1b0f00e		@ movs pc, lr with cond 1111
	.inst	0xf4b12004		@ ldrt r2, [r1], #4 with cond 1111
	.inst	0xe6b12013		@ ldrt register form with bit 4 set
	/* The RFE and SRS spaces with bits 11:8 not 1010 (RFE) or 0101 (SRS):
	 * neither (UNDEFINED on ARMv6) and not refused. */
	.inst	0xf8900b00		@ rfeia r0, bits 11:8 1011
	.inst	0xf8bd0500		@ rfeia sp!, bits 11:8 0101
	.inst	0xf96d0613		@ srsdb sp!, #19, bits 11:8 0110
	.inst	0xf8cd0a13		@ srsia sp, #19, bits 11:8 1010
	/* Register shifts with Rd not pc, or without S: ordinary. */
	adds	r0, r1, r2, lsl r3
	add	pc, r1, r2, lsl r3
	/* libopcodes reads these as MSR and MOVS pc; the ARM ARM does not
	 * (known deviations in opcodes_agree.c). */
	.inst	0xe129f150		@ QSUB space, SBZ bits 11:8 violated
	.inst	0xe1b0f295		@ extra load/store space (bits 7, 4 set)

	ldr	r0, =0xe14f0000		@ its literal pool is data
	bx	lr
	.ltorg
	.size	forms_arm, . - forms_arm

/* ---- Thumb (skipped: the spec is about ARM state). */
	.thumb
	.globl	forms_thumb
	.type	forms_thumb, %function
	.thumb_func
forms_thumb:
	cpsid	i
	cpsie	f
	mov	r0, r1
	bx	lr
	.size	forms_thumb, . - forms_thumb

/* ---- Data in a code section (skipped). */
	.arm
	.align	2
forms_data:
	.word	0xe10f0000		@ mrs r0, CPSR
	.word	0xe8fd8000		@ ldm sp!, {pc}^
	.word	0xe1b0f00e		@ movs pc, lr
	.word	0xe4b12004		@ ldrt r2, [r1], #4
