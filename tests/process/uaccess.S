/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uaccess.S -- user-permission accesses from the kernel: LDRT, LDRBT,
 * STRT, STRBT (ARM ARM A4.1.27/25/102/100), post-indexed with writeback.
 *
 * Each function is
 *	void name(struct ua_result *res, uint32_t base, uint32_t rd,
 *		  uint32_t rm)
 * with the access on r1 (base), r2 (Rd) and r3 (offset register).  The
 * access runs with CPSR = UA_CPSR so that SPSR_abt has a known value.  If
 * it faults, the data abort handler finds name_insn in __ex_table and
 * resumes at its fixup, which returns -EFAULT, as Linux's
 * get_user/put_user do.  res = {err, base, rd, cpsr after}.
 */
#include "kern.h"

	.text
	.arm

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

ua_access ua_ldrt_post4,	ldrt	r2, [r1], #4
ua_access ua_ldrt_reg,		ldrt	r2, [r1], r3, lsl #2
ua_access ua_ldrbt_post1,	ldrbt	r2, [r1], #1
ua_access ua_ldrbt_neg3,	ldrbt	r2, [r1], #-3
ua_access ua_strt_post4,	strt	r2, [r1], #4
ua_access ua_strbt_neg1,	strbt	r2, [r1], #-1
ua_access ua_strbt_negreg,	strbt	r2, [r1], -r3

	.ltorg
