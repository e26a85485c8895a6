/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the robustness test guest's entry, vectors and handlers,
 * its user tasks and the Thumb stubs (as halfwords: data to the
 * assembler, so armpv-rewrite leaves them, as it leaves a user task's
 * code; the kernel copies them into STUB_VA's pages).
 *
 * Handlers: the data abort is unexpected; the prefetch abort records
 * LR_abt, SPSR_abt and IFSR (pabt_c) and resumes after the BKPT; SWI
 * SYS_DONE (ARM state) returns from user_run(), any other SWI is recorded
 * (swi_c: LR_svc, SPSR_svc, the comment field) and returns after it.
 */
#include "robust-guest.h"
#include "guest-start.h"

/* The cache operations both CPUs have (926 TRM 2.3.8 Table 2-18, 1176
 * TRM 3.2.22), by MCR from r0: invalidate I-cache, I line by MVA, by
 * set/way, flush prefetch buffer; invalidate D-cache, D line by MVA, by
 * set/way; invalidate both; clean D line by MVA, by set/way; drain write
 * buffer; prefetch I line; clean and invalidate D line by MVA, by
 * set/way. */
.macro CP15_COMMON_WORDS
	.word	0xee070f15, 0xee070f35, 0xee070f55, 0xee070f95
	.word	0xee070f16, 0xee070f36, 0xee070f56, 0xee070f17
	.word	0xee070f3a, 0xee070f5a, 0xee070f9a, 0xee070f3d
	.word	0xee070f3e, 0xee070f5e
.endm
/* The ARM1176's own: flush BTAC, flush BTAC entry by MVA, clean entire
 * D-cache, DMB, stop prefetch range, clean and invalidate entire
 * D-cache; and three of its unified no-ops (c7 c7 1, c7 c11 0, c7 c15
 * 7: 1176 TRM 3.2.22 Note). */
.macro CP15_V6_WORDS
	.word	0xee070fd5, 0xee070ff5, 0xee070f1a, 0xee070fba
	.word	0xee070fbc, 0xee070f1e
	.word	0xee070f37, 0xee070f1b, 0xee070fff
.endm

	guest_entry
	msr	cpsr_c, #(ABT_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(UND_MODE | PSR_I | PSR_F)
	ldr	sp, =und_stack_top
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bl	kmain
	b	plat_exit		@ r0 = exit status

	guest_vectors

.macro unexpected vec
	ldr	sp, =und_stack_top
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	b	robust_unexpected	@ does not return
.endm
vec_reset:	unexpected 0
vec_dabt:	unexpected 4
vec_reserved:	unexpected 5
vec_irq:	unexpected 6
vec_fiq:	unexpected 7

/* Prefetch abort: pabt_c(lr_abt, spsr_abt, ifsr) returns where to
 * resume (after the BKPT: LR_abt is the BKPT + 4 in both states). */
vec_pabt:
	push	{r0-r3, r12, lr}
	mov	r0, lr
	mrs	r1, spsr
	mrc	p15, 0, r2, c5, c0, 1	@ IFSR
	bl	pabt_c
	str	r0, [sp, #20]
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_abt

/* Undefined instruction: und_c(lr_und, spsr_und) records it, and the
 * code goes on after the instruction (LR_und is the next one in both
 * states, ARM ARM A2.6.3). */
vec_undef:
	push	{r0-r3, r12, lr}
	mov	r0, lr
	mrs	r1, spsr
	bl	und_c
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_und

/* SWI: an ARM-state SYS_DONE returns from user_run(); any other one is
 * recorded, swi_c(lr_svc, spsr_svc, comment), and the task goes on
 * after it (LR_svc = the SWI + 4 in ARM state, + 2 in Thumb state). */
vec_swi:
	push	{r0-r3, r12, lr}
	mrs	r1, spsr
	tst	r1, #PSR_T
	ldrneh	r2, [lr, #-2]
	bicne	r2, r2, #0xff00
	bne	1f
	ldr	r2, [lr, #-4]
	bic	r2, r2, #0xff000000
	cmp	r2, #SYS_DONE
	beq	2f
1:	mov	r0, lr
	bl	swi_c
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_svc
2:	ldr	r1, =kernel_sp
	ldr	sp, [r1]
	pop	{r4-r11, pc}

/* user_run(n, r1): user task n in USR mode, with r1 in r1 (an address),
 * until it calls SYS_DONE; returns the task's r0. */
ENTRY(user_run)
	push	{r4-r11, lr}
	ldr	r2, =kernel_sp
	str	sp, [r2]
	msr	cpsr_c, #(SYS_MODE | PSR_I | PSR_F)
	ldr	sp, =user_stack_top
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	ldr	r2, =user_tasks
	ldr	lr, [r2, r0, lsl #2]
	mov	r2, #USR_MODE
	msr	spsr_cxsf, r2
	movs	pc, lr

/* The user tasks: each ends with SWI SYS_DONE, its result in uresult[]. */
ut_bkpt_arm:
GLOBAL(ut_bkpt_arm_insn)
	.word	0xe1200172		@ BKPT #0x12
	swi	SYS_DONE

ut_bkpt_thumb:				@ the Thumb stub at r1 (BKPT, BX LR)
	orr	r1, r1, #1
	blx	r1
	swi	SYS_DONE

ut_ldrt:				@ LDRT r0, [r1], #4 on UART0's ID
	ldr	r2, =uresult
	ldr	r0, =0x0badf00d
	.word	0xe4b10004		@ LDRT r0, [r1], #4
	stmia	r2, {r0, r1}
	swi	SYS_DONE

ut_thumb_swi:				@ the Thumb stub at r1 (SWI, BX LR)
	orr	r1, r1, #1
	msr	cpsr_f, #PSR_C
	blx	r1
	swi	SYS_DONE

ut_thumb_dev:				@ the device stub at r1
	ldr	r0, =UART0_ID
	orr	r3, r1, #1
	ldr	r1, =uresult
	blx	r3
	swi	SYS_DONE

ut_thumb_one:				@ r0 = [UART0_ID] by the stub at r1
	ldr	r0, =UART0_ID
	orr	r1, r1, #1
	blx	r1
	ldr	r2, =uresult
	str	r0, [r2]
	swi	SYS_DONE

ut_tpidr:				@ ARMv6: read TPIDRURO, write TPIDRURW
	ldr	r2, =uresult
	.word	0xee1d0f70		@ MRC p15, 0, r0, c13, c0, 3
	str	r0, [r2]
	.word	0xee0d1f50		@ MCR p15, 0, r1, c13, c0, 2
	.word	0xee1d0f50		@ MRC p15, 0, r0, c13, c0, 2
	str	r0, [r2, #4]
	swi	SYS_DONE

/* CP15 maintenance from USR mode (robust-guest.c test_cp15): every
 * encoding armpv-bm's CP15 fast path takes from the kernel, on either
 * CPU, by MCR from r0: the cache operations of both (c7), the ARM1176's
 * own and its unified no-ops, the TLB invalidations by MVA (c8) and a
 * write to c15.  Each is the task's Undefined instruction, but on the
 * ARM1176 the three it permits in User mode (c7 c5 4, c7 c10 4, c7 c10
 * 5: 1176 TRM 3.2.22).  (Not the ARM926 test and clean: QEMU 7.2 lets
 * User mode read it, TC_DCACHE PL0_R, where the ARM926EJ-S takes the
 * Undefined exception; tests/baremetal/errors.sh has it.) */
ut_cp15:
	ldr	r0, =STUB_VA + 0x7000	@ the MVA
GLOBAL(ut_cp15_words)
	CP15_COMMON_WORDS
	CP15_V6_WORDS
	.word	0xee080f35		@ c8 c5 1: invalidate I TLB by MVA
	.word	0xee080f36		@ c8 c6 1: D TLB
	.word	0xee080f37		@ c8 c7 1: unified TLB
	.word	0xee0f0f10		@ c15 c0 0 (IMPLEMENTATION DEFINED)
GLOBAL(ut_cp15_words_end)
	swi	SYS_DONE

ut_thumb_udf:				@ the Thumb stub at r1 (LSRS, UDF, BX LR)
	orr	r1, r1, #1
	mov	r3, #0			@ LSRS sets Z: the word reads as MCRLE
	blx	r1
	swi	SYS_DONE

	.ltorg

/* The same words from the kernel (the CPU's own only: QEMU treats every
 * c7 encoding as a no-op, the CPUs do not): k_cp15_common(mva) those of
 * both CPUs and the TLB invalidations by MVA, k_cp15_v6() the ARM1176's
 * own. */
ENTRY(k_cp15_common)
	CP15_COMMON_WORDS
	mcr	p15, 0, r0, c8, c5, 1
	mcr	p15, 0, r0, c8, c6, 1
	mcr	p15, 0, r0, c8, c7, 1
	bx	lr

ENTRY(k_cp15_v6)
	CP15_V6_WORDS
	bx	lr

/* k_test_clean(flags, out): ARM926 test and clean to r15 (MRC p15, 0,
 * r15, c7, c10, 3) under each condition 0-13, from N Z C V = flags
 * (bits 31:28); out[cond] = N Z C V after it.  (No trap under QEMU,
 * which lets User mode read it.) */
ENTRY(k_test_clean)
	.irp	c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
	msr	cpsr_f, r0
	.word	(\c << 28) | 0x0e17ff7a
	mrs	r2, cpsr
	mov	r2, r2, lsr #28
	str	r2, [r1, #\c * 4]
	.endr
	bx	lr

/* k_test_clean_r3(): test, clean and invalidate into r3 (MRC p15, 0, r3,
 * c7, c14, 3) with N Z C V = 1011: returns r3, and the flags after it in
 * bits 3:0. */
ENTRY(k_test_clean_r3)
	mov	r0, #0xb0000000
	msr	cpsr_f, r0
	mov	r3, #0
	.word	0xee173f7e
	mrs	r2, cpsr
	orr	r0, r3, r2, lsr #28
	bx	lr

/* k_cp15_cond_failed(): with Z set, MCRNE of an encoding neither CPU
 * has (c7 c3 0), and of a cache operation: no-ops, no exception. */
ENTRY(k_cp15_cond_failed)
	mov	r0, #PSR_Z
	msr	cpsr_f, r0
	.word	0x1e070f13		@ MCRNE p15, 0, r0, c7, c3, 0
	.word	0x1e070f3a		@ MCRNE p15, 0, r0, c7, c10, 1
	bx	lr

	.ltorg

/* The kernel's own: BKPT, the thread ID registers, SCTLR, the MMU, LDM
 * and STM of four words. */
ENTRY(k_bkpt)
GLOBAL(k_bkpt_insn)
	bkpt	#0x12
	bx	lr

	guest_cp15_read

ENTRY(cp15_write_sctlr)
	mcr	p15, 0, r0, c1, c0, 0
	bx	lr

ENTRY(cp15_read_ifar)			@ ARMv6
	mrc	p15, 0, r0, c6, c0, 2
	bx	lr

ENTRY(cp15_write_tpidruro)		@ ARMv6
	mcr	p15, 0, r0, c13, c0, 3
	bx	lr

ENTRY(cp15_read_tpidruro)
	mrc	p15, 0, r0, c13, c0, 3
	bx	lr

ENTRY(cp15_read_tpidrurw)
	mrc	p15, 0, r0, c13, c0, 2
	bx	lr

	guest_mmu_enable

ENTRY(tlb_invalidate_all)
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0
	bx	lr

ENTRY(ldm4)				@ r0 = address, r1 = 4 words out
	push	{r4-r7}
	ldmia	r0, {r4-r7}
	stmia	r1, {r4-r7}
	pop	{r4-r7}
	bx	lr

ENTRY(stm4)				@ r0 = address, r1 = 4 words in
	push	{r4-r7}
	ldmia	r1, {r4-r7}
	stmia	r0, {r4-r7}
	pop	{r4-r7}
	bx	lr

	.data
	.align	2
user_tasks:
	.long	ut_bkpt_arm, ut_bkpt_thumb, ut_ldrt, ut_thumb_swi
	.long	ut_thumb_dev, ut_thumb_one, ut_tpidr, ut_cp15
	.long	ut_thumb_udf

/* Thumb stubs, position-independent (arm-linux-gnueabi-as, objdump). */
GLOBAL(tstub_one)			@ r0 = [r0]
	.hword	0x6800			@ ldr r0, [r0, #0]
	.hword	0x4770			@ bx lr
GLOBAL(tstub_swi)
	.hword	0xdf33			@ svc #THUMB_SWI
	.hword	0x4770			@ bx lr
GLOBAL(tstub_udf)			@ a word 2 mod 4 that is no MCR
	.hword	0x0f9a			@ lsrs r2, r3, #30
	.hword	0xde07			@ udf #7: ARM-wise 0xde070f9a, MCRLE
	.hword	0x4770			@ bx lr
GLOBAL(tstub_bkpt)
	.hword	0xbe12			@ bkpt #0x12
	.hword	0x4770			@ bx lr
GLOBAL(tstub_dev)			@ r0 = UART0_ID, r1 = 7 words out
	.hword	0x6802			@ ldr r2, [r0, #0]
	.hword	0x600a			@ str r2, [r1, #0]
	.hword	0x7902			@ ldrb r2, [r0, #4]
	.hword	0x604a			@ str r2, [r1, #4]
	.hword	0x8902			@ ldrh r2, [r0, #8]
	.hword	0x608a			@ str r2, [r1, #8]
	.hword	0x230c			@ movs r3, #12
	.hword	0x58c2			@ ldr r2, [r0, r3]
	.hword	0x60ca			@ str r2, [r1, #12]
	.hword	0xc80c			@ ldmia r0!, {r2, r3}
	.hword	0x610a			@ str r2, [r1, #16]
	.hword	0x614b			@ str r3, [r1, #20]
	.hword	0x6188			@ str r0, [r1, #24]
	.hword	0x4770			@ bx lr

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
abt_stack_top:
	.space	2048
und_stack_top:
	.space	2048
GLOBAL(user_stack_top)
kernel_sp:
	.space	4
	.align	2
GLOBAL(uresult)
	.space	8 * 4
