/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * traps-tramp.S -- run one word with every register chosen by the caller.
 *
 * traps.c places the word under test at the start of an executable page,
 * copies traps_epilogue right after it, and calls traps_run().  The word
 * sees exactly the registers and flags in the struct traps_regs; whatever
 * it leaves behind (if it does not trap) the epilogue stores below the sp
 * it was given, and traps_resume returns to the C caller.
 */
	.syntax	unified
	.arm
	.text

/*
 * void traps_run(const struct traps_regs *in)
 *
 * struct traps_regs is { cpsr; r0 ... r12, sp, lr, pc }: the NZCV flags
 * are set first (MSR CPSR_f is allowed in USR mode), then one LDM loads
 * every register and branches to in->pc.
 */
	.global	traps_run
	.type	traps_run, %function
traps_run:
	push	{r4-r11, lr}
	ldr	r1, =traps_host_sp
	str	sp, [r1]
	ldr	r1, [r0], #4
	msr	CPSR_f, r1
	ldm	r0, {r0-pc}
	.size	traps_run, . - traps_run

/* Back from the epilogue: every register but sp is the test's. */
	.type	traps_resume, %function
traps_resume:
	ldr	r0, =traps_host_sp
	ldr	sp, [r0]
	pop	{r4-r11, pc}
	.size	traps_resume, . - traps_resume
	.ltorg

/*
 * Copied after the word under test.  It stores, below the sp it finds,
 * { cpsr; r0 ... r14 } (struct traps_out) and jumps to traps_resume
 * through an absolute literal, so it runs from any address and changes
 * nothing the word could have left.  STMDB with sp in the list and no
 * writeback stores sp's own value (ARM ARM, STM (1)).
 */
	.global	traps_epilogue
	.global	traps_epilogue_end
	.type	traps_epilogue, %function
traps_epilogue:
	stmdb	sp, {r0-r14}
	mrs	r0, CPSR
	str	r0, [sp, #-64]
	ldr	pc, 1f
1:	.word	traps_resume
traps_epilogue_end:
	.size	traps_epilogue, . - traps_epilogue

	.bss
	.align	2
traps_host_sp:
	.space	4

	.section .note.GNU-stack, "", %progbits
