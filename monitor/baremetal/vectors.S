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
#include "armpv_tables_gen.h"

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

	.global	bm_vec_undef_slow
bm_vec_undef_slow:
		trap_entry BM_EXC_UNDEF, bm_und_stack
	.global	bm_vec_swi_slow
bm_vec_swi_slow:
		trap_entry BM_EXC_SWI, bm_svc_stack
vec_pabt:	trap_entry BM_EXC_PABT, bm_abt_stack

/*
 * uaccess_read (r0 = va), uaccess_rw: r0 = 1 if the guest's word at 'va'
 * can be read, or read and written, with the real User permissions of
 * the shadow root loaded (the guest's at its virtual privilege: the
 * system-call fast path's user_block, below), else 0; they use r0, r1
 * and LR only.  An LDRT, and an STRT of what it read (nothing changes);
 * if either aborts, vec_dabt resumes at uaccess_fault, which returns 0.
 */
uaccess_read:
uaccess_first:
	ldrt	r1, [r0]
	mov	r0, #1
	bx	lr
uaccess_rw:
	ldrt	r1, [r0]
	strt	r1, [r0]
uaccess_end:
	mov	r0, #1
	bx	lr
uaccess_fault:
	mov	r0, #0
	bx	lr

/*
 * Data abort.  From the guest (SPSR USR mode), a trap (trap_entry).  From
 * the monitor, an LDRT or STRT of uaccess_read or uaccess_rw
 * resumes at uaccess_fault in the monitor's mode (CPSR = SPSR_abt; its
 * r0-r12, SP and LR untouched: only SP_abt is used, and set back to
 * bm_vcpu.r[15]); any other is the monitor's own exception (reported).
 * The guest's path pays three instructions for the test.
 */
vec_dabt:
	mrs	sp, spsr
	tst	sp, #0xf		@ USR mode is 0x10: the only one with 0
	ldr	sp, =bm_vcpu + BM_VCPU_R + 15 * 4
	bne	dabt_monitor
dabt_trap:
	trap_entry BM_EXC_DABT, bm_abt_stack
dabt_monitor:
	ldr	sp, =uaccess_first + 8
	sub	sp, lr, sp		@ the aborted instruction - uaccess_first
	cmp	sp, #uaccess_end - uaccess_first
	ldr	sp, =bm_vcpu + BM_VCPU_R + 15 * 4
	bhs	dabt_trap		@ not ours: reported there
	ldr	lr, =uaccess_fault
	movs	pc, lr
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
/*
 * The SWI fast path (docs/baremetal-monitor.md "The SWI fast path"): the
 * trap words of MRS Rd, CPSR; MSR CPSR_c, Rm and (ARMv6) CPSIE/CPSID,
 * the instructions of every irq save, disable, enable and restore, and
 * those of a kernel's entry and exit (Linux's vector_swi, vector_stub,
 * ret_fast_syscall): MSR CPSR_c and CPSR_cx, #imm, MRS Rd, SPSR, MSR
 * SPSR_fields, Rm or #imm, emulated here in a few dozen instructions
 * where the C path takes about two hundred.  Each does exactly what the
 * core does for the same word, or leaves the word to it (vec_swi_slow:
 * nothing is written before the decision), or to the system-call fast
 * path below (a guest in virtual USR mode: its own SWI, swi_user; a
 * payload of 0x040000 and above, swi_sys): in Thumb state, Rd or Rm =
 * PC (UNPREDICTABLE), an MSR
 * or CPS that changes the mode (a bank switch) or lets in a virtual
 * interrupt line that is high (the core enters the exception).  The payload constants come from
 * the tables' trap templates (armpv_tables_gen.h); the #if lines check
 * what this code assumes of them.
 *
 * Invariant (run.c, vcpu_leave()): while the guest runs, bm_vcpu.cpsr
 * holds only the virtual bits, its user bits (flags, Q, GE, E, T) zero:
 * those are in the real CPSR, and at the trap in SPSR_svc, which holds
 * nothing else but USR mode 0x10, a bit every mode number has.  So the
 * virtual CPSR is bm_vcpu.cpsr | SPSR, one ORR.
 *
 * The shared page (armpv_pv.h, docs/plugin.md): a guest kernel built
 * with the armpv_irqflags plugin masks and unmasks by storing I and F in
 * the page's word 0, so, as bm_trap() does, the stub first takes I and F
 * from there into the virtual CPSR (r3), and an MSR or CPS it emulates
 * writes the new bits 7:0 back there (the lines, word 1, are unchanged:
 * only C changes them, and publishes them).  Five instructions for the
 * merge, two for the write-back.  An MRS does not deliver a line that
 * the page unmasked: the guest's own sequence makes the ARMPV_HC_PV_SYNC
 * hypercall for that, and any C entry delivers it.
 *
 * Per-site profiling (armpv.profile) counts every trap in C: bm_main()
 * then points the SWI vector at bm_vec_swi_slow.
 */
#define PAYLOAD(w) ((w) & 0x00ffffff)
#if (ARMPV_TRAP_MRS_FIXED | ARMPV_TRAP_MRS_FIELD_COND | \
     ARMPV_TRAP_MRS_FIELD_SPSR | ARMPV_TRAP_MRS_FIELD_RD) != 0xffffffff || \
    (ARMPV_TRAP_MRS_FIXED_VALUE & 0x0f000000) != 0x0f000000 || \
    ARMPV_TRAP_MRS_FIELD_RD != 0xf
#error "SWI fast path: MRS trap word is not SWI cond, fixed, R, Rd in 3:0"
#endif
#if (ARMPV_TRAP_MSR_REG_FIXED | ARMPV_TRAP_MSR_REG_FIELD_COND | \
     ARMPV_TRAP_MSR_REG_FIELD_SPSR | ARMPV_TRAP_MSR_REG_FIELD_MASK | \
     ARMPV_TRAP_MSR_REG_FIELD_RM) != 0xffffffff || \
    (ARMPV_TRAP_MSR_REG_FIXED_VALUE & 0x0f000000) != 0x0f000000 || \
    ARMPV_TRAP_MSR_REG_FIELD_RM != 0xf
#error "SWI fast path: MSR (register) trap word is not SWI cond, fixed, R, fields, Rm in 3:0"
#endif
#if (ARMPV_TRAP_MSR_IMM_FIXED | ARMPV_TRAP_MSR_IMM_FIELD_COND | \
     ARMPV_TRAP_MSR_IMM_FIELD_SPSR | ARMPV_TRAP_MSR_IMM_FIELD_MASK | \
     ARMPV_TRAP_MSR_IMM_FIELD_ROTATE | ARMPV_TRAP_MSR_IMM_FIELD_IMM) != 0xffffffff || \
    (ARMPV_TRAP_MSR_IMM_FIXED_VALUE & 0x0f000000) != 0x0f000000 || \
    ARMPV_TRAP_MSR_IMM_FIELD_SPSR != 0x10000 || \
    ARMPV_TRAP_MSR_IMM_FIELD_MASK != 0xf000 || \
    ARMPV_TRAP_MSR_IMM_FIELD_ROTATE != 0xf00 || \
    ARMPV_TRAP_MSR_IMM_FIELD_IMM != 0xff
#error "SWI fast path: MSR (immediate) trap word is not SWI cond, fixed 23:17, R 16, fields 15:12, rotation 11:8, immediate 7:0"
#endif
#if ARMPV_TRAP_MSR_REG_FIELD_SPSR != 0x100 || ARMPV_TRAP_MSR_REG_FIELD_MASK != 0xf0 || \
    (ARMPV_TRAP_MSR_REG_FIXED_VALUE & 0xff00) != 0x0200 || \
    ARMPV_TRAP_MRS_FIELD_SPSR != 0x10
#error "SWI fast path: MSR (register) is not R 8, fields 7:4 in 0x0200, or MRS not R 4"
#endif
#if ARMPV_TRAP_CPS_FIXED != 0xfffff800 || \
    (ARMPV_TRAP_CPS_FIXED_VALUE >> 24) != 0xef || \
    ARMPV_TRAP_CPS_FIELD_IMOD != 0x600 || ARMPV_TRAP_CPS_FIELD_MMOD != 0x100 || \
    ARMPV_TRAP_CPS_FIELD_AIF != 0xe0
#error "SWI fast path: CPS trap word is not SWI AL, fixed 23:11, imod 10:9, M 8, A I F 7:5"
#endif
/* The shared page's address + 0xfff in one MVN (as the plugin's code
 * makes it), and its word 0 as an offset from there. */
#if (~(BM_PV_VA + 0xfff) & 0xffffffff) != 0x00400000
#error "SWI fast path: the shared page's address is not one MVN away"
#endif
#define PV_MVN 0x00400000
#define PV_CPSR (ARMPV_PV_CPSR - 0xfff)
/* MRS Rd, CPSR and MSR CPSR_c, Rm: the payloads with Rd or Rm = 0. */
#define MRS_CPSR PAYLOAD(ARMPV_TRAP_MRS_FIXED_VALUE)
#define MSR_CPSR_C (PAYLOAD(ARMPV_TRAP_MSR_REG_FIXED_VALUE) | \
		    1 << ARMPV_TRAP_MSR_REG_FIELD_MASK_SHIFT)
/* MSR CPSR_cx, Rm (ARMv6 Linux's v6_flush_icache_all restores so). */
#define MSR_CPSR_CX (PAYLOAD(ARMPV_TRAP_MSR_REG_FIXED_VALUE) | \
		     3 << ARMPV_TRAP_MSR_REG_FIELD_MASK_SHIFT)
/* MRS Rd, SPSR with Rd = 0. */
#define MRS_SPSR (MRS_CPSR | ARMPV_TRAP_MRS_FIELD_SPSR)
/* MSR SPSR_fields, Rm (bits 23:8 of the payload) and MSR CPSR_fields,
 * #imm and MSR SPSR_fields, #imm (bits 23:16). */
#define MSR_SPSR_REG_HI ((PAYLOAD(ARMPV_TRAP_MSR_REG_FIXED_VALUE) | \
			  ARMPV_TRAP_MSR_REG_FIELD_SPSR) >> 8)
#define MSR_CPSR_IMM_HI (PAYLOAD(ARMPV_TRAP_MSR_IMM_FIXED_VALUE) >> 16)
#define MSR_SPSR_IMM_HI ((PAYLOAD(ARMPV_TRAP_MSR_IMM_FIXED_VALUE) | \
			  ARMPV_TRAP_MSR_IMM_FIELD_SPSR) >> 16)
/* Every payload of the forms the SWI fast path takes lies below this
 * (the MSR SPSR_fields, #imm payloads are the highest): a trap word of
 * another form (LDM^, data processing to PC, LDRT, a hypercall, ...)
 * goes to C after the MRS, MSR and CPS tests and one comparison, which the
 * payload EORed with MRS_CPSR and MSR_CPSR_C (both below it) passes as
 * the payload would. */
#define FAST_PAYLOAD_END ((PAYLOAD(ARMPV_TRAP_MSR_IMM_FIXED_VALUE) | \
			   ARMPV_TRAP_MSR_IMM_FIELD_SPSR | \
			   ARMPV_TRAP_MSR_IMM_FIELD_MASK | \
			   ARMPV_TRAP_MSR_IMM_FIELD_ROTATE | \
			   ARMPV_TRAP_MSR_IMM_FIELD_IMM) + 1)
#if FAST_PAYLOAD_END != 0x040000 || \
    PAYLOAD(ARMPV_TRAP_MRS_FIXED_VALUE) >= FAST_PAYLOAD_END || \
    PAYLOAD(ARMPV_TRAP_MSR_REG_FIXED_VALUE) >= FAST_PAYLOAD_END || \
    PAYLOAD(ARMPV_TRAP_CPS_FIXED_VALUE) >= FAST_PAYLOAD_END
#error "SWI fast path: its payloads are not all below 0x040000"
#endif
/* CPS with imod 1x, M 0 (the mode field then ignored, as in the core),
 * bit 9 (imod's low bit) clear, as bits 31:8 of the word. */
#define CPS_IE_ID ((ARMPV_TRAP_CPS_FIXED_VALUE | 0x400) >> 8)

/* Offsets from SP = &bm_vcpu.r[15] (trap_entry). */
#define V_R0 (-15 * 4)
#define V_CPSR (BM_VCPU_CPSR - BM_VCPU_R - 15 * 4)
#define V_SPSR (BM_VCPU_SPSR - BM_VCPU_R - 15 * 4)
#define V_SCTLR (BM_VCPU_SCTLR - BM_VCPU_R - 15 * 4)
#define V_IRQ (BM_VCPU_IRQ_LINE - BM_VCPU_R - 15 * 4)
#define V_FIQ (BM_VCPU_FIQ_LINE - BM_VCPU_R - 15 * 4)
#define V_FCSE (BM_VCPU_FCSE_PID - BM_VCPU_R - 15 * 4)

/* One more in the 64-bit counter at r12 (bm_fast_traps[class]); uses
 * r2 and r3.  LDRD/STRD: ARMv5TE, doubleword-aligned (a uint64_t). */
.macro fast_count
	ldrd	r2, r3, [r12]
	adds	r2, r2, #1
	adc	r3, r3, #0
	strd	r2, r3, [r12]
.endm

/* Back into the guest at LR_svc (the word after the trap word), with
 * its real CPSR unchanged (SPSR_svc) and r0-r14 as bm_vcpu.r holds them. */
.macro fast_return
	ldmdb	sp, {r0-r14}^
	nop				@ no banked access right after LDM^
	movs	pc, lr
.endm

/* A fast path's entry: as trap_entry, then the guest's word into r0
 * (guest_fetched_word()), and r1 = SPSR; to 'other' when the guest was
 * not in USR mode and ARM state. */
.macro fast_entry other
	stmdb	sp, {r0-r14}^
	nop
	mrs	r1, spsr
	tst	r1, #0x2f		@ USR mode (0x10) and T clear
	bne	\other
	ldr	r0, [lr, #-4]
.endm

/* A fast path's way out to C: 'other' (from fast_entry) sends a USR
 * Thumb word to 'slow', the C path (r1 = SPSR), and any other mode to
 * 'monitor', the monitor's own exception. */
.macro fast_exits exc, stack, other, slow, monitor
\other:
	tst	r1, #0xf
	bne	\monitor
\slow:
	str	lr, [sp]
	ldr	sp, =\stack + BM_STACK_SIZE
	mov	r0, #\exc
	bl	bm_trap
	guest_return
\monitor:
	monitor_exception \exc
.endm

/* To swi_slow if a virtual interrupt line is high that the virtual
 * CPSR in r3 lets in (armpv_vcpu_check_irq(): FIQ line and F clear, or
 * IRQ line and I clear), where the C path would enter the exception
 * (bm_trap(), or the core after an MSR); uses r2 and r12. */
.macro deliverable_to_slow
	ldrb	r2, [sp, #V_IRQ]
	ldrb	r12, [sp, #V_FIQ]
	bic	r2, r2, r3, lsr #7	@ IRQ line high and I clear?
	bic	r12, r12, r3, lsr #6	@ FIQ line high and F clear?
	orrs	r2, r2, r12
	bne	swi_slow
.endm

vec_swi:
	fast_entry swi_not_arm_usr	@ r0 = the trap word
	ldr	r3, [sp, #V_CPSR]	@ the virtual bits (invariant above)
	mov	r2, r0, lsl #8		@ the payload, in bits 31:8
	tst	r3, #0xf		@ virtual USR mode (0x10): its own SWI
	beq	swi_user
	mvn	r4, #PV_MVN		@ the shared page + 0xfff (r4 is free:
	ldr	r12, [r4, #PV_CPSR]	@ fast_return reloads r0-r14)
	bic	r3, r3, #BM_PSR_I | BM_PSR_F
	and	r12, r12, #BM_PSR_I | BM_PSR_F
	orr	r3, r3, r12		@ the page's I and F (bm_trap: pv_merge)
	eor	r2, r2, #MRS_CPSR << 8
	cmp	r2, #15 << 8		@ MRS Rd, CPSR with Rd < 15
	blo	fast_mrs
	eor	r2, r2, #(MRS_CPSR ^ MSR_CPSR_C) << 8
	cmp	r2, #15 << 8		@ MSR CPSR_c, Rm with Rm < 15
	blo	fast_msr
	mov	r12, r0, lsr #8		@ bits 31:8: cond, SWI, fixed, imod, M
	bic	r12, r12, #(1 << ARMPV_TRAP_CPS_FIELD_IMOD_SHIFT) >> 8
	sub	r12, r12, #CPS_IE_ID & 0xff0000
	cmp	r12, #CPS_IE_ID & 0xffff
	beq	fast_cps
	cmp	r2, #FAST_PAYLOAD_END << 8	@ (the EORs left bits 31:26)
	bhs	swi_sys			@ none of the forms below: LDM^, MOVS
					@ pc, ... (swi_sys) or C
	eor	r2, r2, #(MSR_CPSR_C ^ MSR_CPSR_CX) << 8
	cmp	r2, #15 << 8		@ MSR CPSR_cx, Rm with Rm < 15
	blo	fast_msr_cx
	mov	r2, r0, lsl #8
	mov	r12, r2, lsr #24	@ payload bits 23:16
	teq	r12, #MSR_CPSR_IMM_HI	@ MSR CPSR_fields, #imm
	beq	fast_msr_imm
	teq	r12, #MSR_SPSR_IMM_HI	@ MSR SPSR_fields, #imm
	beq	fast_msr_spsr_imm
	mov	r12, r2, lsr #16	@ payload bits 23:8
	teq	r12, #MSR_SPSR_REG_HI	@ MSR SPSR_fields, Rm
	beq	fast_msr_spsr
	eor	r2, r2, #MRS_SPSR << 8
	cmp	r2, #15 << 8		@ MRS Rd, SPSR with Rd < 15
	blo	fast_mrs_spsr
	b	swi_slow

fast_mrs:				@ r[Rd] = virtual CPSR
	orr	r3, r3, r1
fast_mrs_value:				@ r[Rd] = r3
	and	r2, r0, #ARMPV_TRAP_MRS_FIELD_RD
	sub	r12, sp, #-V_R0
	str	r3, [r12, r2, lsl #2]
	ldr	r12, =bm_fast_traps + 8 * BM_FAST_MRS
	fast_count
	fast_return

fast_msr_cx:				@ CPSR_cx = Rm, bits 15:9 unchanged
	and	r2, r0, #ARMPV_TRAP_MSR_REG_FIELD_RM
	sub	r12, sp, #-V_R0
	ldr	r2, [r12, r2, lsl #2]
fast_msr_cx_value:			@ r2 = the operand
	orr	r12, r3, r1		@ the virtual CPSR
	eor	r12, r12, r2
	tst	r12, #0xfe00		@ ARMv6 E (SPSR) written, or bits
	bne	swi_slow		@ neither CPU has: the C path
	tst	r12, #BM_PSR_A
	beq	1f
	ldr	r12, =bm_fast_cps	@ ARMv6: A from Rm (virtual, as CPS's);
	ldr	r12, [r12]		@ ARMv5 has no A, bit 8 is not written
	teq	r12, #0
	eorne	r3, r3, #BM_PSR_A
	b	1f
fast_msr:				@ CPSR_c = Rm, the mode unchanged
	and	r2, r0, #ARMPV_TRAP_MSR_REG_FIELD_RM
	sub	r12, sp, #-V_R0
	ldr	r2, [r12, r2, lsl #2]
fast_msr_c_value:			@ r2 = the operand
1:	eor	r2, r2, r3
	tst	r2, #0x1f		@ a mode change: the core switches banks
	bne	swi_slow
	and	r2, r2, #BM_PSR_I | BM_PSR_F	@ T: never written by MSR
	eor	r3, r3, r2
	mov	r0, #BM_FAST_MSR
	b	fast_psr

fast_cps:				@ CPSIE/CPSID: A, I, F set or cleared
	ldr	r12, =bm_fast_cps
	ldr	r12, [r12]
	cmp	r12, #0			@ ARMv5: not a trap word for this CPU
	beq	swi_slow
	and	r2, r0, #ARMPV_TRAP_CPS_FIELD_AIF
	tst	r0, #1 << ARMPV_TRAP_CPS_FIELD_IMOD_SHIFT	@ 11: disable
	orrne	r3, r3, r2, lsl #1	@ A I F: CPSR bits 8:6
	biceq	r3, r3, r2, lsl #1
	mov	r0, #BM_FAST_CPS
	/* fall through */
fast_psr:				@ r3 = the new virtual bits, r0 = class
	deliverable_to_slow		@ the core enters the exception
	str	r3, [sp, #V_CPSR]
	and	r2, r3, #0xff		@ the page's word 0 (bm_trap: pv_publish)
	str	r2, [r4, #PV_CPSR]
	ldr	r12, =bm_fast_traps
	add	r12, r12, r0, lsl #3
	fast_count
	fast_return

fast_msr_imm:				@ MSR CPSR_fields, #imm
	and	r12, r0, #ARMPV_TRAP_MSR_IMM_FIELD_MASK
	teq	r12, #1 << ARMPV_TRAP_MSR_IMM_FIELD_MASK_SHIFT
	teqne	r12, #3 << ARMPV_TRAP_MSR_IMM_FIELD_MASK_SHIFT
	bne	swi_slow		@ other than c and cx: the C path
	and	r2, r0, #ARMPV_TRAP_MSR_IMM_FIELD_IMM
	and	r5, r0, #ARMPV_TRAP_MSR_IMM_FIELD_ROTATE
	mov	r5, r5, lsr #ARMPV_TRAP_MSR_IMM_FIELD_ROTATE_SHIFT - 1
	mov	r2, r2, ror r5		@ the immediate, rotated right by 2 rot
	teq	r12, #1 << ARMPV_TRAP_MSR_IMM_FIELD_MASK_SHIFT
	beq	fast_msr_c_value
	b	fast_msr_cx_value

/*
 * The SPSR forms: MRS Rd, SPSR (Rd < 15) and MSR SPSR_fields, Rm (Rm <
 * 15) or #imm, as emu_mrs() and emu_msr() do them: the SPSR is
 * bm_vcpu.spsr[bank of the virtual mode] (bm_mode_bank[], the core's
 * armpv_mode_bank(): USR and SYS, which have none, share the slot the
 * core uses for them), an MSR writes the bits bm_spsr_write_mask[fields]
 * says (0: field mask 0, not a trap word, or no bit this CPU has: the
 * C path).  The CPSR does not change, but a line the shared page let in
 * would be taken by bm_trap(): then the C path.
 */
.macro spsr_slot			@ r12 = &SPSR of r3's mode; uses r2
	and	r2, r3, #0x1f		@ the virtual mode
	ldr	r12, =bm_mode_bank
	ldrb	r2, [r12, r2]
	add	r12, sp, #V_SPSR
	add	r12, r12, r2, lsl #2
.endm
fast_mrs_spsr:
	deliverable_to_slow
	spsr_slot
	ldr	r3, [r12]
	b	fast_mrs_value

fast_msr_spsr_imm:			@ MSR SPSR_fields, #imm
	and	r2, r0, #ARMPV_TRAP_MSR_IMM_FIELD_IMM
	and	r5, r0, #ARMPV_TRAP_MSR_IMM_FIELD_ROTATE
	mov	r5, r5, lsr #ARMPV_TRAP_MSR_IMM_FIELD_ROTATE_SHIFT - 1
	mov	r5, r2, ror r5		@ the operand
	and	r6, r0, #ARMPV_TRAP_MSR_IMM_FIELD_MASK
	mov	r6, r6, lsr #ARMPV_TRAP_MSR_IMM_FIELD_MASK_SHIFT
	b	1f
fast_msr_spsr:				@ MSR SPSR_fields, Rm
	and	r2, r0, #ARMPV_TRAP_MSR_REG_FIELD_RM
	cmp	r2, #15			@ Rm = PC: UNPREDICTABLE, the core's
	beq	swi_slow
	sub	r12, sp, #-V_R0
	ldr	r5, [r12, r2, lsl #2]	@ the operand
	and	r6, r0, #ARMPV_TRAP_MSR_REG_FIELD_MASK
	mov	r6, r6, lsr #ARMPV_TRAP_MSR_REG_FIELD_MASK_SHIFT
1:	ldr	r12, =bm_spsr_write_mask
	ldr	r6, [r12, r6, lsl #2]	@ the bits written
	teq	r6, #0
	beq	swi_slow
	deliverable_to_slow
	spsr_slot
	ldr	r3, [r12]
	bic	r3, r3, r6
	and	r5, r5, r6
	orr	r3, r3, r5
	str	r3, [r12]
	ldr	r12, =bm_fast_traps + 8 * BM_FAST_MSR
	fast_count
	fast_return

/* The system-call fast path's user accesses (run.c bm_fast_undef()):
 * \fn(r0 = the word, r1 = SPSR) in C on \stack, LR kept in r[15]; its
 * result, the CPSR to resume with, into the guest, or if 0 (nothing
 * written), \slow with SP, LR and r1 as they were. */
.macro lean_call fn, stack, slow
	str	lr, [sp]
	ldr	sp, =\stack + BM_STACK_SIZE
	bl	\fn
	teq	r0, #0
	beq	1f
	guest_return
1:	ldr	sp, =bm_vcpu + BM_VCPU_R + 15 * 4
	ldr	lr, [sp]
	mrs	r1, spsr
	b	\slow
.endm

/*
 * The system-call fast path in assembly (docs/baremetal-monitor.md "The
 * system-call fast path"): the two traps of a system call that change
 * the virtual privilege, done here as run.c did them in C
 * (armpv_vcpu_exception(), armpv_vcpu_write_cpsr()'s bank switch), the
 * rest of shadow_sync() in C (bm_fast_sys_sync(): the shadow root of
 * the new privilege, the alignment and VFP access for it):
 *
 *   swi_user   the guest's own SWI from virtual USR mode (any SWI word:
 *              armpv_vcpu_trap() reads none there): the virtual SWI
 *              exception at LR_svc - 4, in ARM state (fast_entry
 *              checked);
 *   fast_movs  MOVS pc, Rm (LSL #0, Rm < 15; its condition passed: the
 *              CPU takes an SWI trap word only then) from a
 *              virtual mode with an SPSR and without banked r8-r12
 *              (IRQ, SVC, ABT, UND) whose SPSR is USR mode in ARM state
 *              (T and J clear): emu_dataproc()'s exception return.
 *
 * Both to swi_slow, nothing written, with a virtual interrupt line high
 * (the C path decides when it is taken, at the same points as before;
 * after either with both low nothing is taken: the SWI entry sets I and
 * leaves F as it was, USR mode takes nothing with both lines low) and
 * for every other case of the word (MOVS pc to a privileged mode, to
 * Thumb state, from SYS or FIQ mode).  Of the other payloads of 0x040000
 * and above, LDM^ without PC (ldm_user, 0xa00000 to 0xbfffff) goes to
 * user_block (swi_ldm_user, below), and every other to swi_slow at once:
 * LDM^ with PC (ldm_ret, 0xc00000 and above: an exception return to any
 * mode, from its stack), the hypercalls, the other data processing to
 * PC, the register forms of LDRT.
 */
#if ARMPV_TRAP_DP_SHIMM_FIXED != 0x0ff80000 || \
    ARMPV_TRAP_DP_SHIMM_FIXED_VALUE != 0x0f200000 || \
    ARMPV_TRAP_DP_SHIMM_FIELD_OPCODE_SHIFT != 15 || \
    ARMPV_TRAP_DP_SHIMM_FIELD_RM != 0xf
#error "system-call fast path: the dp_shimm trap word is not cond, 1111 0010 0, opcode 18:15, Rn 14:11, shift 10:4, Rm 3:0"
#endif
#if ARMPV_TRAP_LDM_RET_FIXED != 0x0fc00000 || \
    ARMPV_TRAP_LDM_RET_FIXED_VALUE != 0x0fc00000
#error "system-call fast path: the ldm_ret trap words are not payloads 0xc00000 and above"
#endif
/* MOVS pc, r0 (MOV, Rn 0, LSL #0) as a trap word, condition 0. */
#define MOVS_PC (ARMPV_TRAP_DP_SHIMM_FIXED_VALUE | \
		 0xd << ARMPV_TRAP_DP_SHIMM_FIELD_OPCODE_SHIFT)
#define V_R13 (-2 * 4)
#define V_R14 (-1 * 4)
#define V_R13_BANK (BM_VCPU_R13_BANK - BM_VCPU_R - 15 * 4)
#define V_R14_BANK (BM_VCPU_R14_BANK - BM_VCPU_R - 15 * 4)
#define PV_PENDING (ARMPV_PV_PENDING - 0xfff)

/* Return into the guest in USR mode with the virtual CPSR r5 (the
 * registers in bm_vcpu.r): bm_vcpu.cpsr its virtual bits (vcpu_leave()),
 * the count of class \cls, shadow_sync()'s root switch; uses r0-r3, r8,
 * r12. */
.macro sys_leave cls
	ldr	r12, =BM_USER_PSR
	bic	r2, r5, r12
	str	r2, [sp, #V_CPSR]
	and	r8, r5, r12
	orr	r8, r8, #BM_MODE_USR	@ the real CPSR to resume with
	ldr	r12, =bm_fast_traps + 8 * \cls
	fast_count
	ldr	sp, =bm_svc_stack + BM_STACK_SIZE
	bl	bm_fast_sys_sync
.endm

/*
 * STM^ (\load 0, the Undefined stub's stm_user words) and LDM^ without
 * PC (\load 1, the SWI stub's ldm_user words) of the User registers
 * (ARM ARM A4.1.98 STM(2), A4.1.22 LDM(2): no writeback, W = 0 in both
 * trap formats), done here as the core's emu_stm_user() and emu_ldm() do them
 * for this case, where the C path takes about 400 instructions; r0 = the
 * word, r1 = SPSR (the guest's real CPSR).  To \slow with nothing
 * written (SP, LR and r1 as they came) for: a condition that fails
 * (only the Undefined words: the CPU took the SWI, so its condition
 * passed) or 1111; a virtual mode whose bank is USR (USR, SYS: no SPSR)
 * or FIQ (banked r8-r12); a virtual interrupt line high (the C path
 * decides when it is taken); CPSR.E set (ARMv6 big-endian data: the
 * core swaps); an empty list, Rn = PC, PC in an STM^ list
 * (UNPREDICTABLE, the core's value); a first address not word-aligned
 * (bits 1:0 are ignored with A clear and an alignment fault with A set:
 * the core's); a range that wraps past 0xffffffff; and a first or last
 * word that the shadow root loaded does not map with the real User
 * permission the access needs (uaccess_read, uaccess_rw: an LDRT, and
 * an STRT of what it read, whose abort vec_dabt turns into a return of
 * 0; counted in bm_fast_sys_probe_failed).  Those real User permissions
 * are the guest's at its virtual privilege ("Shadow paging"), and a
 * transfer is at most 60 bytes, so the two words lie in the one or two
 * 1 KiB subpages (the shadow's smallest permission granule) it touches:
 * every word between is allowed too.  The words then move with
 * privileged LDR and STR at the guest's VA (allowed wherever User is).
 * The User registers from the current virtual mode (neither FIQ nor USR
 * bank): r0-r12 are bm_vcpu.r[0..12], r13 and r14 the core's
 * r13_bank[USR] and r14_bank[USR].  Around the transfer, the shared
 * page as bm_trap() has it (pv_merge(): the page's I and F into
 * bm_vcpu.cpsr; pv_publish(): bits 7:0 back, no line pending), and the
 * count of class \cls, folded into the core's statistics as
 * armpv_vcpu_trap() counts the word.
 */
#if ARMPV_TRAP_STM_USER_FIXED != 0x0f000c00 || \
    ARMPV_TRAP_STM_USER_FIXED_VALUE != 0x0d000400 || \
    ARMPV_TRAP_STM_USER_FIELD_P != 0x00800000 || \
    ARMPV_TRAP_STM_USER_FIELD_U != 0x00400000 || \
    ARMPV_TRAP_STM_USER_FIELD_RN != 0x003c0000 || \
    ARMPV_TRAP_STM_USER_FIELD_REGLIST != 0x0003f3ff
#error "user_block: the stm_user trap word is not cond, 1101, P 23, U 22, Rn 21:18, list 15:10 in 17:12, 01 in 11:10, list 9:0"
#endif
#if ARMPV_TRAP_LDM_USER_FIXED != 0x0fe00000 || \
    ARMPV_TRAP_LDM_USER_FIXED_VALUE != 0x0fa00000 || \
    ARMPV_TRAP_LDM_USER_FIELD_P != 0x00100000 || \
    ARMPV_TRAP_LDM_USER_FIELD_U != 0x00080000 || \
    ARMPV_TRAP_LDM_USER_FIELD_RN != 0x00078000 || \
    ARMPV_TRAP_LDM_USER_FIELD_REGLIST != 0x00007fff
#error "user_block: the ldm_user trap word is not cond, SWI, 101, P 20, U 19, Rn 18:15, list 14:0"
#endif
.macro user_block load, cls, slow
.if \load
	P_BIT = ARMPV_TRAP_LDM_USER_FIELD_P
	U_BIT = ARMPV_TRAP_LDM_USER_FIELD_U
.else
	P_BIT = ARMPV_TRAP_STM_USER_FIELD_P
	U_BIT = ARMPV_TRAP_STM_USER_FIELD_U
	mov	r2, r0, lsr #28		@ the condition (an SWI's passed)
	cmp	r2, #0xe
	beq	1f
	bhi	\slow			@ 1111: not this form (the core's)
	ldr	r3, =armpv_cond_pass	@ bit NZCV set if it passes
	add	r3, r3, r2, lsl #1
	ldrh	r3, [r3]
	mov	r2, r1, lsr #28
	mov	r3, r3, lsr r2
	tst	r3, #1
	beq	\slow			@ failed: the C path counts it
.endif
1:	ldr	r3, [sp, #V_CPSR]	@ the virtual mode's bank
	and	r2, r3, #0x1f
	ldr	r12, =bm_mode_bank
	ldrb	r2, [r12, r2]
	cmp	r2, #BM_BANK_IRQ
	blo	\slow			@ USR, SYS (User bank), FIQ (r8-r12)
	ldrh	r2, [sp, #V_IRQ]	@ irq_line and fiq_line
	teq	r2, #0
	bne	\slow
	tst	r1, #BM_PSR_E		@ big-endian data: the core swaps
	bne	\slow
.if \load
	mov	r4, r0, lsl #17		@ the list, r0-r14
	mov	r4, r4, lsr #17
	mov	r5, r0, lsr #ARMPV_TRAP_LDM_USER_FIELD_RN_SHIFT
.else
	and	r4, r0, #0x3f000	@ list bits 15:10
	mov	r4, r4, lsr #2
	mov	r2, r0, lsl #22		@ list bits 9:0
	orr	r4, r4, r2, lsr #22
	tst	r4, #0x8000		@ PC: the C path
	bne	\slow
	mov	r5, r0, lsr #ARMPV_TRAP_STM_USER_FIELD_RN_SHIFT
.endif
	and	r5, r5, #0xf		@ Rn
	teq	r4, #0			@ an empty list: the C path
	cmpne	r5, #15			@ Rn = PC: the C path
	beq	\slow
	sub	r12, sp, #-V_R0
	ldr	r6, [r12, r5, lsl #2]	@ the base, the current mode's Rn
	ldr	r12, =0x5555		@ the number of registers: r5
	and	r2, r12, r4, lsr #1
	sub	r5, r4, r2		@ 2-bit sums
	ldr	r12, =0x3333
	and	r2, r12, r5, lsr #2
	and	r5, r5, r12
	add	r5, r5, r2		@ 4-bit sums (at most 4 each)
	add	r5, r5, r5, lsr #8	@ nibbles 0 and 1: at most 8 each
	and	r2, r5, #0xf0
	and	r5, r5, #0x0f
	add	r5, r5, r2, lsr #4
	tst	r0, #U_BIT		@ the first address (emu_block_start())
	subeq	r6, r6, r5, lsl #2	@ DA: Rn - 4 * count + 4
	addeq	r6, r6, #4
	tst	r0, #P_BIT
	beq	2f
	tst	r0, #U_BIT
	addne	r6, r6, #4		@ IB: Rn + 4
	subeq	r6, r6, #4		@ DB: Rn - 4 * count
2:	tst	r6, #3			@ not word-aligned: the C path
	bne	\slow
	add	r7, r6, r5, lsl #2
	sub	r7, r7, #4		@ the last word's address
	cmp	r7, r6
	blo	\slow			@ the range wraps: the C path
	str	lr, [sp]		@ r[15] = LR over the probes
	mov	r0, r6
.if \load
	bl	uaccess_read
.else
	bl	uaccess_rw
.endif
	teq	r0, #0
	movne	r0, r7
.if \load
	blne	uaccess_read
.else
	blne	uaccess_rw
.endif
	teq	r0, #0
	beq	3f
	mvn	r8, #PV_MVN		@ pv_merge(): the page's I and F
	ldr	r12, [r8, #PV_CPSR]
	ldr	r3, [sp, #V_CPSR]
	bic	r3, r3, #BM_PSR_I | BM_PSR_F
	and	r12, r12, #BM_PSR_I | BM_PSR_F
	orr	r3, r3, r12
	str	r3, [sp, #V_CPSR]
	movs	r2, r4, lsl #19		@ r0-r12 in the list?
	beq	4f
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
	tst	r4, #1 << \i
.if \load
	ldrne	r2, [r6], #4
	strne	r2, [sp, #V_R0 + 4 * \i]
.else
	ldrne	r2, [sp, #V_R0 + 4 * \i]
	strne	r2, [r6], #4
.endif
	.endr
4:	tst	r4, #1 << 13		@ the User r13 and r14: the core's banks
.if \load
	ldrne	r2, [r6], #4
	strne	r2, [sp, #V_R13_BANK + 4 * BM_BANK_USR]
	tst	r4, #1 << 14
	ldrne	r2, [r6], #4
	strne	r2, [sp, #V_R14_BANK + 4 * BM_BANK_USR]
.else
	ldrne	r2, [sp, #V_R13_BANK + 4 * BM_BANK_USR]
	strne	r2, [r6], #4
	tst	r4, #1 << 14
	ldrne	r2, [sp, #V_R14_BANK + 4 * BM_BANK_USR]
	strne	r2, [r6], #4
.endif
	and	r2, r3, #0xff		@ pv_publish(): bits 7:0, no line
	mov	r3, #0
	str	r2, [r8, #PV_CPSR]
	str	r3, [r8, #PV_PENDING]
	ldr	r12, =bm_fast_traps + 8 * \cls
	fast_count
	ldr	lr, [sp]
	fast_return
3:	ldr	r12, =bm_fast_sys_probe_failed	@ left to C by a probe
	fast_count
	ldr	lr, [sp]
	mrs	r1, spsr
	b	\slow
	.ltorg
.endm

swi_user:				@ r1 = SPSR, r3 = the virtual bits
	ldrh	r2, [sp, #V_IRQ]	@ irq_line and fiq_line
	teq	r2, #0
	bne	swi_slow
	orr	r4, r3, r1		@ the virtual CPSR (invariant above)
	bic	r5, r4, #0x3f		@ SVC mode, ARM state, J clear, I set
	bic	r5, r5, #BM_PSR_J
	orr	r5, r5, #BM_MODE_SVC | BM_PSR_I
	ldr	r6, [sp, #V_SCTLR]
	ldr	r12, =bm_fast_cps	@ nonzero: ARMv6
	ldr	r12, [r12]
	teq	r12, #0
	bicne	r5, r5, #BM_PSR_E	@ ARMv6: E = SCTLR.EE
	tstne	r6, #BM_SCTLR_EE
	orrne	r5, r5, #BM_PSR_E
	ldr	r12, =bm_psr_valid_mask
	ldr	r12, [r12]
	and	r5, r5, r12
	ldr	r7, [sp, #V_R13]	@ the bank switch, USR to SVC
	ldr	r8, [sp, #V_R14]
	str	r7, [sp, #V_R13_BANK + 4 * BM_BANK_USR]
	str	r8, [sp, #V_R14_BANK + 4 * BM_BANK_USR]
	ldr	r7, [sp, #V_R13_BANK + 4 * BM_BANK_SVC]
	str	r7, [sp, #V_R13]
	str	lr, [sp, #V_R14]	@ LR = the SWI + 4: LR_svc
	str	r4, [sp, #V_SPSR + 4 * BM_BANK_SVC]
	tst	r6, #BM_SCTLR_V		@ the vector: 0x08 or 0xffff0008
	mov	r7, #0x08
	orrne	r7, r7, #0xff000000
	orrne	r7, r7, #0x00ff0000
	str	r7, [sp]
	sys_leave BM_FAST_SYS_SWI
	mvn	r4, #PV_MVN		@ the shared page, now mapped: bits
	and	r2, r5, #0xff		@ 7:0, no line pending (pv_publish)
	mov	r3, #0
	str	r2, [r4, #PV_CPSR]
	str	r3, [r4, #PV_PENDING]
	mov	r0, r8
	guest_return

swi_sys:				@ a payload of 0x040000 and above
	and	r2, r0, #0x00e00000
	teq	r2, #0x00a00000		@ ldm_user: user_block below
	beq	swi_ldm_user
	bic	r2, r0, #0xf000000f	@ the condition (passed: an SWI) and Rm
	ldr	r12, =MOVS_PC
	teq	r2, r12
	bne	swi_slow		@ LDM^ with PC, a hypercall, ...: C
fast_movs:				@ r3 = the virtual bits (privileged)
	and	r2, r0, #ARMPV_TRAP_DP_SHIMM_FIELD_RM
	cmp	r2, #15			@ Rm = PC: C
	beq	swi_slow
	ldrh	r12, [sp, #V_IRQ]	@ irq_line and fiq_line
	teq	r12, #0
	bne	swi_slow
	and	r12, r3, #0x1f		@ the virtual mode's bank
	ldr	r6, =bm_mode_bank
	ldrb	r6, [r6, r12]
	cmp	r6, #BM_BANK_IRQ
	blo	swi_slow		@ SYS (no SPSR) or FIQ (r8-r12 banked)
	add	r12, sp, #V_SPSR
	ldr	r5, [r12, r6, lsl #2]	@ its SPSR, the new CPSR
	ldr	r12, =bm_psr_valid_mask
	ldr	r12, [r12]
	and	r5, r5, r12
	and	r12, r5, #0x3f		@ to USR mode in ARM state
	tst	r5, #BM_PSR_J
	teqeq	r12, #BM_MODE_USR
	bne	swi_slow		@ to a privileged mode, Thumb, Jazelle
	sub	r12, sp, #-V_R0
	ldr	r7, [r12, r2, lsl #2]	@ Rm, read in the old mode
	bic	r7, r7, #3
	ldr	r8, [sp, #V_R13]	@ the bank switch to USR
	ldr	r9, [sp, #V_R14]
	add	r12, sp, #V_R13_BANK
	str	r8, [r12, r6, lsl #2]
	add	r12, sp, #V_R14_BANK
	str	r9, [r12, r6, lsl #2]
	ldr	r8, [sp, #V_R13_BANK + 4 * BM_BANK_USR]
	ldr	r9, [sp, #V_R14_BANK + 4 * BM_BANK_USR]
	str	r8, [sp, #V_R13]
	str	r9, [sp, #V_R14]
	str	r7, [sp]		@ PC
	sys_leave BM_FAST_SYS_MOVS
	mov	r0, r8
	guest_return

swi_ldm_user:				@ LDM^ without PC
	user_block 1, BM_FAST_SYS_LDM, swi_slow

	/* The monitor's own SVC (bm_halt()), or a bug: swi_monitor. */
	fast_exits BM_EXC_SWI, bm_svc_stack, swi_not_arm_usr, swi_slow, \
		swi_monitor

	.ltorg

/*
 * The CP15 fast path (docs/baremetal-monitor.md "The CP15 fast path"):
 * a guest kernel's cache and TLB maintenance, one Undefined trap per
 * cache line or page, and the SCTLR and DACR accesses of every kernel
 * entry and exit, done here where the C path takes about 330 to 480
 * instructions.  bm_cp15_fast[] (run.c, from the core's
 * armpv_cp15_fast_class() for the guest's CPU) says what the word is:
 *   NOP         a cache, branch predictor, prefetch or barrier operation
 *               (or a write ignored) while guest pages are uncached
 *               (cache.c), so nothing to do but the PC;
 *   TLB_MVA     TLB invalidate by MVA: bm_fast_tlb_mva(Rd) (C, on the
 *               UND stack), what shadow_sync() does for it, without the
 *               rest of a trap;
 * and, the monitor's own classes (run.c cp15_fast_init(), each where a
 * scratch vCPU shows the core's row doing what is assumed here):
 *   DACR        bm_fast_dacr(Rd): the field, then shadow_sync();
 *   SCTLR       a write that changes none of the bits the core writes
 *               (bm_sctlr_wmask): nothing to do but the PC; any other
 *               as CORE;
 *   CORE        an MCR the core emulates whose effects are the
 *               shadow's: bm_fast_cp15_core(word), the core's emulation
 *               and shadow_sync() without the rest of a trap;
 *   CACHE       while guest pages are cached, a c7 operation run for
 *               real: one by MVA here (und_cache), the others by
 *               bm_fast_cache(word, Rd) (cache.c);
 * and 0 for everything else, left to the C path (und_slow) as is the
 * word of a guest in virtual USR mode (its own Undefined exception),
 * one in Thumb state, a virtual interrupt line high (bm_trap() delivers
 * it if the shared page lets it in), condition 1111 (MCR2/MRC2,
 * Undefined), Rd = r15 (UNPREDICTABLE: the core's value).  Of the MRCs
 * only the SCTLR read is taken (und_mrc).  The condition is the core's
 * test (armpv_cond_pass[], against the guest's flags in SPSR_und).  A
 * coprocessor instruction whose condition fails is a no-op on the
 * ARM926EJ-S and the ARM1176, not an Undefined trap (QEMU alike:
 * tests/baremetal/robust.sh), so a trapped MCRNE passed; a failed one,
 * should a CPU trap it, goes to the C path, which counts it as such.
 * Nothing is written before the decision.  Counts: bm_fast_traps[], folded into the
 * core's statistics as if armpv_vcpu_trap() had counted (run.c).
 * Per-site profiling (armpv.profile) counts every trap in C: bm_main()
 * then points the vector at bm_vec_undef_slow.
 */
#if BM_VCPU_FIQ_LINE != BM_VCPU_IRQ_LINE + 1 || (BM_VCPU_IRQ_LINE & 1)
#error "CP15 fast path: irq_line and fiq_line are not one aligned halfword"
#endif
/* \fn(r0) in C on the UND stack, LR_und kept in r[15] over the call,
 * then back into the guest. */
.macro und_call fn
	str	lr, [sp]
	ldr	sp, =bm_und_stack + BM_STACK_SIZE
	bl	\fn
	ldr	sp, =bm_vcpu + BM_VCPU_R + 15 * 4
	ldr	lr, [sp]
	fast_return
.endm

/* To und_slow unless r12 (the class) is not 0, the virtual mode (r3: the
 * virtual bits, vec_swi's invariant) privileged and both virtual
 * interrupt lines low; uses r2. */
.macro und_gate
	ldr	r3, [sp, #V_CPSR]
	teq	r12, #0
	tstne	r3, #0xf		@ virtual USR mode (0x10): its own
	beq	und_slow
	ldrh	r2, [sp, #V_IRQ]	@ irq_line and fiq_line
	teq	r2, #0
	bne	und_slow
.endm

vec_undef:
	fast_entry und_not_arm_usr	@ r0 = the undefined word
	and	r2, r0, #0x0ff00000	@ 1110, opcode_1 0, L 0: MCR
	and	r3, r0, #0x00000f10	@ coprocessor 15, bit 4 set
	teq	r2, #0x0e000000
	teqeq	r3, #0x00000f10
	bne	und_mrc
	and	r2, r0, #0x000f0000	@ CRn
	and	r3, r0, #0x000000ff	@ opcode_2, 1, CRm
	orr	r2, r3, r2, lsr #8
	ldr	r3, =bm_cp15_fast
	ldrb	r12, [r3, r2]		@ the class, 0: the C path
	und_gate
	mov	r2, r0, lsr #28
	cmp	r2, #0xe
	bne	und_cond
und_passed:				@ r12 = the class, 1 to 6 (und_gate)
	ldr	pc, [pc, r12, lsl #2]	@ its handler (PC reads 8 ahead)
	nop
	.word	und_slow		@ 0: never
	.word	und_nop			@ BM_CP15_FAST_NOP
	.word	und_tlb_mva		@ BM_CP15_FAST_TLB_MVA
	.word	und_core		@ BM_CP15_FAST_CORE
	.word	und_sctlr		@ BM_CP15_FAST_SCTLR
	.word	und_dacr		@ BM_CP15_FAST_DACR
	.word	und_cache		@ BM_CP15_FAST_CACHE
#if BM_CP15_FAST_NOP != 1 || BM_CP15_FAST_TLB_MVA != 2 || \
    BM_CP15_FAST_CORE != 3 || BM_CP15_FAST_SCTLR != 4 || \
    BM_CP15_FAST_DACR != 5 || BM_CP15_FAST_CACHE != 6
#error "CP15 fast path: the classes are not the handler table's order"
#endif

und_nop:
	ldr	r12, =bm_fast_traps + 8 * BM_FAST_CP15
	fast_count
	fast_return

und_cond:				@ r2 = the condition, not AL
	bhi	und_slow		@ 1111: MCR2/MRC2, Undefined for CP15
	ldr	r3, =armpv_cond_pass	@ the core's: bit NZCV set if it passes
	add	r3, r3, r2, lsl #1
	ldrh	r3, [r3]
	mov	r2, r1, lsr #28
	mov	r3, r3, lsr r2
	tst	r3, #1
	bne	und_passed
	b	und_slow		@ failed: never trapped (above)

/* r2 = Rd << 12, r3 = &r[0]; Rd = r15 to und_slow (its value
 * UNPREDICTABLE: the core's). */
.macro und_rd
	and	r2, r0, #0xf000
	cmp	r2, #0xf000
	beq	und_slow
	sub	r3, sp, #-V_R0
.endm

und_tlb_mva:
	und_rd
	ldr	r0, [r3, r2, lsr #10]	@ r[Rd]
	und_call bm_fast_tlb_mva
und_dacr:
	und_rd
	ldr	r0, [r3, r2, lsr #10]	@ r[Rd]
	und_call bm_fast_dacr
/* A c7 operation while guest pages are cached.  The four by MVA, one a
 * cache line and so the bulk of a guest's maintenance (Linux's page
 * clearing and copying, its flushes of user ranges), run here: the
 * guest's MVA is the VA with no FCSE PID, and its shadow root is loaded.
 * An invalidation of a line in a MiB the monitor may own, an FCSE PID
 * and every other operation: bm_fast_cache() (cache.c), which does the
 * same for these four and says why. */
und_cache:				@ r0 = the MCR
	und_rd
	ldr	r1, [r3, r2, lsr #10]	@ r[Rd]
	ldr	r3, [sp, #V_FCSE]
	and	r2, r0, #0xff		@ opcode_2, 1, CRm
	cmp	r3, #0x02000000		@ an FCSE PID (bits 31:25): two MVAs
	bhs	und_cache_c
	teq	r2, #0x3a		@ c10, 1: clean D line
	mcreq	p15, 0, r1, c7, c10, 1
	beq	und_cache_mva
	teq	r2, #0x35		@ c5, 1: invalidate I line
	mcreq	p15, 0, r1, c7, c5, 1
	beq	und_cache_mva
	teq	r2, #0x3e		@ c14, 1: clean and invalidate D line
	mcreq	p15, 0, r1, c7, c14, 1
	beq	und_cache_mva
	teq	r2, #0x36		@ c6, 1: invalidate D line
	bne	und_cache_c
	ldr	r3, =bm_l1_table	@ a MiB of the monitor's: C
	mov	r2, r1, lsr #20
	ldr	r3, [r3, r2, lsl #2]
	teq	r3, #0
	bne	und_cache_c
	mcr	p15, 0, r1, c7, c6, 1
und_cache_mva:
	ldr	r12, =bm_cache_stats + BM_CACHE_OPS_MVA
	fast_count
	ldr	r12, =bm_fast_traps + 8 * BM_FAST_CP15
	fast_count
	fast_return
und_cache_c:				@ r0 = the MCR, r1 = r[Rd]
	und_call bm_fast_cache
und_core:
	und_rd
und_core_call:				@ r0 = the MCR
	und_call bm_fast_cp15_core
und_sctlr:
	und_rd
	ldr	r3, [r3, r2, lsr #10]	@ r[Rd]
	ldr	r2, [sp, #V_SCTLR]
	eor	r2, r2, r3
	ldr	r3, =bm_sctlr_wmask	@ the bits the core writes
	ldr	r3, [r3]
	tst	r2, r3
	bne	und_core_call		@ a change: the core and shadow_sync()
	ldr	r12, =bm_fast_traps + 8 * BM_FAST_CP15
	fast_count
	fast_return

/* MRC p15, 0, Rd, c1, c0, 0 (SCTLR), condition AL, Rd not r15 (whose
 * flags the C path writes), when the core reads the field as it is
 * (bm_sctlr_read_fast): r[Rd] = bm_vcpu.cp15.sctlr.  Linux's
 * alignment_trap reads it at every kernel entry. */
und_mrc:
	bic	r2, r0, #0xf000		@ all but Rd
	ldr	r3, =0xee110f10		@ MRC p15, 0, Rd, c1, c0, 0, AL
	teq	r2, r3
	bne	und_other
	ldr	r12, =bm_sctlr_read_fast
	ldr	r12, [r12]
	und_gate
	and	r2, r0, #0xf000		@ Rd << 12
	cmp	r2, #0xf000
	beq	und_slow
	ldr	r3, [sp, #V_SCTLR]
	sub	r12, sp, #-V_R0
	str	r3, [r12, r2, lsr #10]	@ r[Rd]
	ldr	r12, =bm_fast_traps + 8 * BM_FAST_CP15
	fast_count
	fast_return

/* An LDC/STC with P set (bits 27:24 1101) to coprocessor 4 to 7 (bits
 * 11:8 01xx): STM^, user_block (und_ldc_p).  Any other word to
 * coprocessor 4 to 7: LDRT and STRT (MCR, MRC, CDP); to 8, 9, 12 or 13
 * (1x0x): LDRBT and STRBT: bm_fast_undef() or C; any other to C. */
und_other:
	and	r2, r0, #0x0f000000
	teq	r2, #0x0d000000		@ LDC/STC with P set: STM^ if to
	beq	und_ldc_p		@ coprocessor 4 to 7
und_cp:
	and	r2, r0, #0x0c00
	teq	r2, #0x0400
	andne	r2, r0, #0x0a00
	teqne	r2, #0x0800
	bne	und_slow
	lean_call bm_fast_undef, bm_und_stack, und_slow
und_ldc_p:
	and	r2, r0, #0x0c00
	teq	r2, #0x0400
	bne	und_cp
	user_block 0, BM_FAST_SYS_STM, und_slow	@ STM^ (stm_user)

	/* The monitor's own (the VFP probe), or a bug: und_monitor. */
	fast_exits BM_EXC_UNDEF, bm_und_stack, und_not_arm_usr, und_slow, \
		und_monitor

	.ltorg

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
