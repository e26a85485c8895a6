/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * banks.S -- the banked registers (ARM ARM A2.3, Figure A2-1).
 *
 * bank_test(out) visits FIQ, IRQ, ABT, UND and SYS mode twice from SVC.
 * The first round switches with MSR immediate and writes each mode's SP,
 * LR and SPSR (and r8-r12 in FIQ) with values unique to the mode.  The
 * second round switches with MSR register (ARMv5) or CPS (ARMv6) and reads
 * everything back into out[] (byte offsets BK_* in kern.h), with MRS of
 * CPSR and SPSR.  It also reads the User bank with STM^ from SVC and from
 * FIQ mode, and writes it with LDM^.  Runs with IRQ and FIQ masked and
 * before the exception modes have stacks: nothing may trap.
 */
#include "kern.h"

	.text
	.arm

/* Round one: MSR CPSR_c, #imm. */
.macro to_mode_imm m
	msr	cpsr_c, #(\m | PSR_I | PSR_F)
.endm

/* Round two: MSR CPSR_c, Rm on ARMv5; CPS #mode on ARMv6 (the I and F
 * bits stay set).  The UND visit uses CPSID if, #mode: imod and mode at
 * once. */
.macro to_mode_2 m
#ifdef KERN_V6
	cps	#\m
#else
	mov	r1, #(\m | PSR_I | PSR_F)
	msr	cpsr_c, r1
#endif
.endm

.macro write_bank m, spsr
	to_mode_imm \m
	ldr	sp, =PAT_SP(\m)
	ldr	lr, =PAT_LR(\m)
	ldr	r1, =\spsr
	msr	spsr_fsxc, r1
.endm

.macro read_bank idx, spsr=1
	mrs	r1, cpsr
	str	r1, [r0, #(BK_CPSR + 4 * \idx)]
	str	sp, [r0, #(BK_SP + 4 * \idx)]
	str	lr, [r0, #(BK_LR + 4 * \idx)]
	.if \spsr
	mrs	r1, spsr
	str	r1, [r0, #(BK_SPSR + 4 * \idx)]
	.endif
.endm

ENTRY(bank_test)			@ r0 = out (r0-r7 are not banked)
	push	{r4-r11, lr}
	mov	r7, sp
	str	r7, [r0, #BK_SVC_SP_BEFORE]
	ldr	r8, =PAT_USR_R8		@ the User bank's r8-r12
	ldr	r9, =PAT_USR_R8 + 1
	ldr	r10, =PAT_USR_R8 + 2
	ldr	r11, =PAT_USR_R8 + 3
	ldr	r12, =PAT_USR_R8 + 4

	@ Round one: write.
	write_bank FIQ_MODE, SPSR_VAL_FIQ
	ldr	r8, =PAT_FIQ_R8		@ FIQ's own r8-r12
	ldr	r9, =PAT_FIQ_R8 + 1
	ldr	r10, =PAT_FIQ_R8 + 2
	ldr	r11, =PAT_FIQ_R8 + 3
	ldr	r12, =PAT_FIQ_R8 + 4
	write_bank IRQ_MODE, SPSR_VAL_IRQ
	write_bank ABT_MODE, SPSR_VAL_ABT
	write_bank UND_MODE, SPSR_VAL_UND
	to_mode_imm SYS_MODE		@ SYS has the User bank, no SPSR
	ldr	sp, =PAT_SP(SYS_MODE)
	ldr	lr, =PAT_LR(SYS_MODE)
	to_mode_imm SVC_MODE
	ldr	lr, =PAT_LR(SVC_MODE)	@ SVC keeps its stack pointer
	ldr	r1, =SPSR_VAL_SVC
	msr	spsr_fsxc, r1

	@ Round two: read back.
	to_mode_2 FIQ_MODE
	read_bank IDX_FIQ
	add	r1, r0, #BK_FIQ_R8
	stmia	r1, {r8-r12}
	add	r1, r0, #BK_FIQ_STM_USR
	stmia	r1, {r8-r14}^		@ User r8-r14, not FIQ's
	nop
	to_mode_2 IRQ_MODE
	read_bank IDX_IRQ
	to_mode_2 ABT_MODE
	read_bank IDX_ABT
#ifdef KERN_V6
	cpsid	if, #UND_MODE
#else
	to_mode_2 UND_MODE
#endif
	read_bank IDX_UND
	to_mode_2 SYS_MODE
	read_bank IDX_SYS, 0
	to_mode_2 SVC_MODE
	read_bank IDX_SVC
	add	r1, r0, #BK_SVC_R8
	stmia	r1, {r8-r12}
	add	r1, r0, #BK_USR_STM
	stmia	r1, {sp, lr}^		@ User sp, lr: what SYS wrote
	nop
	add	r1, r0, #BK_LDM_SRC
	ldmia	r1, {sp, lr}^		@ load the User sp, lr
	nop				@ ARMv5: no banked access next
	to_mode_2 SYS_MODE
	str	sp, [r0, #BK_SYS_AFTER_LDM]
	str	lr, [r0, #(BK_SYS_AFTER_LDM + 4)]
	to_mode_2 SVC_MODE
	mov	sp, r7
	pop	{r4-r11, pc}

#ifdef KERN_V6
/*
 * srs_test(top, lr, spsr): from SVC, with IRQ's SP = top, LR_svc = lr and
 * SPSR_svc = spsr, SRSDB sp!, #IRQ_MODE must store {lr, spsr} at top - 8
 * and write back IRQ's SP; then SRSDB sp, #IRQ_MODE (no writeback) stores
 * them again at top - 16 (ARM ARM A4.1.90).  Returns IRQ's SP after.
 */
ENTRY(srs_test)
	push	{r4, lr}
	cps	#IRQ_MODE
	mov	r4, sp
	mov	sp, r0
	cps	#SVC_MODE
	msr	spsr_fsxc, r2
	mov	lr, r1
	srsdb	sp!, #IRQ_MODE
	srsdb	sp, #IRQ_MODE		@ no writeback: {lr, spsr} 8 bytes lower
	cps	#IRQ_MODE
	mov	r0, sp
	mov	sp, r4
	cps	#SVC_MODE
	pop	{r4, pc}

/*
 * rfe_test(pair, out): RFEIA pair! with pair[1] the CPSR to load; pair[0]
 * is set to rfe_target.  out[0] = the CPSR there, out[1] = the written
 * back base (ARM ARM A4.1.59).
 */
ENTRY(rfe_test)
	push	{r4, lr}
	mov	r4, r1
	ldr	r1, =rfe_target
	str	r1, [r0]
	rfeia	r0!
	b	.
rfe_target:
	mrs	r1, cpsr
	str	r1, [r4]
	str	r0, [r4, #4]
	pop	{r4, pc}
#endif
