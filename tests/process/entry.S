/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * entry.S -- start-up, the exception vector table and the exception
 * handlers of the test kernels.
 *
 * The image is linked at 0x8000 and starts in SVC mode with IRQ and FIQ
 * masked.  Like Linux it copies its vector table to the vector base; the
 * CPU resets with SCTLR.V = 0, so that is address 0 (ARM ARM A2.6).  The
 * table loads each handler's absolute address, so it runs from any copy.
 */
#include "kern.h"

	.section .text.start, "ax"
	.arm

ENTRY(_start)
	mrs	r4, cpsr		@ the CPSR at entry, before anything
	ldr	sp, =svc_stack_top
	clear_bss
	ldr	r0, =entry_cpsr
	str	r4, [r0]
	ldr	r0, =vectors		@ 16 words: 8 vectors, 8 addresses
	mov	r1, #0
	ldmia	r0!, {r2-r9}
	stmia	r1!, {r2-r9}
	ldmia	r0!, {r2-r9}
	stmia	r1!, {r2-r9}
	bl	kmain
	b	plat_exit		@ r0 = exit status

/*
 * The vector table: each entry loads the address 0x20 bytes further on
 * (PC reads as the entry's address + 8, + 0x18).
 */
	.text
	.align	5
vectors:
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

/*
 * Exceptions no test expects: report on a stack of our own (the mode's
 * own SP may hold a bank-test pattern) and stop.
 */
.macro unexpected vec
	ldr	sp, =panic_stack_top
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	b	kern_unexpected		@ does not return
.endm
vec_reset:	unexpected 0
vec_undef:	unexpected 1
vec_pabt:	unexpected 3
vec_reserved:	unexpected 5

/*
 * setup_stacks(): give IRQ, FIQ, ABT and UND mode their stacks (after
 * the bank test, which fills their SPs with patterns).  Returns in SVC
 * with the CPSR it was called with.
 */
ENTRY(setup_stacks)
	mrs	r0, cpsr
	msr	cpsr_c, #(IRQ_MODE | PSR_I | PSR_F)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, #(FIQ_MODE | PSR_I | PSR_F)
	ldr	sp, =fiq_stack_top
	msr	cpsr_c, #(ABT_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(UND_MODE | PSR_I | PSR_F)
	ldr	sp, =und_stack_top
	msr	cpsr_c, r0
	bx	lr

/*
 * IRQ: irq_handler_c(lr_irq, spsr_irq, cpsr) records the entry and lowers
 * the line.  ARMv5 saves on the IRQ stack and returns with LDM^ (PC in
 * the list: CPSR = SPSR_irq); ARMv6 saves LR_irq and SPSR_irq with SRS
 * and returns with RFE, as Linux's ARMv6+ handlers can.
 */
vec_irq:
	sub	lr, lr, #4
#ifdef KERN_V6
	srsdb	sp!, #IRQ_MODE		@ {lr_irq - 4, spsr_irq} on the IRQ stack
	push	{r0-r3, r12, lr}
	ldr	r0, [sp, #24]
	add	r0, r0, #4
	ldr	r1, [sp, #28]
	mrs	r2, cpsr
	bl	irq_handler_c
	pop	{r0-r3, r12, lr}
	rfeia	sp!
#else
	push	{r0-r3, r12, lr}
	add	r0, lr, #4
	mrs	r1, spsr
	mrs	r2, cpsr
	bl	irq_handler_c
	ldmia	sp!, {r0-r3, r12, pc}^
#endif

/* FIQ: fiq_handler_c(lr_fiq, spsr_fiq, cpsr); return with SUBS pc. */
vec_fiq:
	push	{r0-r3, r12, lr}
	mov	r0, lr
	mrs	r1, spsr
	mrs	r2, cpsr
	bl	fiq_handler_c
	pop	{r0-r3, r12, lr}
	subs	pc, lr, #4

/*
 * Data abort: dabt_handler_c(info) records CPSR, SPSR_abt, LR_abt, DFSR
 * and FAR, and returns the fixup address for the faulting instruction
 * (Linux's exception table); the return is an LDM^ with PC.
 */
vec_dabt:
	push	{r0-r3, r12, lr}
	sub	sp, sp, #24		@ struct abt_info
	mrs	r0, cpsr
	str	r0, [sp, #0]
	mrs	r0, spsr
	str	r0, [sp, #4]
	str	lr, [sp, #8]
	mrc	p15, 0, r0, c5, c0, 0	@ DFSR
	str	r0, [sp, #12]
	mrc	p15, 0, r0, c6, c0, 0	@ FAR
	str	r0, [sp, #16]
	mov	r0, sp
	bl	dabt_handler_c
	add	sp, sp, #24
	str	r0, [sp, #20]		@ resume at the fixup
	ldmia	sp!, {r0-r3, r12, pc}^

/*
 * SWI: build a struct pt_regs on the SVC stack, the user sp and lr with
 * STM^ (ARM ARM A4.1.98 STM(2)); on ARMv6 LR_svc and SPSR_svc with SRS.
 * swi_dispatch(regs) returns the exception-return form to resume the
 * (possibly switched) user task with, or RET_KERNEL.
 */
vec_swi:
#ifdef KERN_V6
	sub	sp, sp, #(S_FRAME - S_PSR - 4)	@ the pad word
	srsdb	sp!, #SVC_MODE			@ S_PC, S_PSR
	sub	sp, sp, #S_PC
	stmia	sp, {r0-r12}
	add	r8, sp, #S_SP
	stmia	r8, {sp, lr}^
#else
	sub	sp, sp, #S_FRAME
	stmia	sp, {r0-r12}
	add	r8, sp, #S_SP
	stmia	r8, {sp, lr}^
	str	lr, [sp, #S_PC]
	mrs	r8, spsr
	str	r8, [sp, #S_PSR]
#endif
	mov	r0, sp
	bl	swi_dispatch
	cmp	r0, #0
	bge	ret_to_user
	@ RET_KERNEL: back to user_enter's caller, with the kernel's CPSR
	ldr	r1, =kernel_ctx_sp
	ldr	sp, [r1]
	ldr	r1, =PSR_KERNEL
	msr	cpsr_xc, r1
	pop	{r4-r11, pc}

/*
 * user_enter(regs, form): enter user mode with the registers in *regs,
 * through exception-return form 'form'.  Returns when a task makes
 * SYS_EXIT.
 */
ENTRY(user_enter)
	push	{r4-r11, lr}
	ldr	r2, =kernel_ctx_sp
	str	sp, [r2]
	sub	sp, sp, #S_FRAME
	mov	r2, sp
	ldmia	r0!, {r3-r11}		@ 18 words
	stmia	r2!, {r3-r11}
	ldmia	r0!, {r3-r11}
	stmia	r2!, {r3-r11}
	mov	r0, r1
	@ fall through

/*
 * Return to user mode from the frame at sp, r0 = form.  Every form first
 * reloads the user sp and lr with LDM^ (LDM(2)); ARMv5 forbids touching
 * a banked register in the next instruction, hence the NOPs.
 */
ret_to_user:
	cmp	r0, #FORM_SUBS
	beq	ret_subs
	cmp	r0, #FORM_LDM
	beq	ret_ldm
#ifdef KERN_V6
	cmp	r0, #FORM_RFE
	beq	ret_rfe
#endif
ret_movs:				@ MOVS pc, lr: CPSR = SPSR_svc
	ldr	r1, [sp, #S_PSR]
	msr	spsr_fsxc, r1
	ldr	lr, [sp, #S_PC]
	ldmia	sp, {r0-r14}^
	nop
	add	sp, sp, #S_FRAME
	movs	pc, lr
ret_subs:				@ SUBS pc, lr, #4
	ldr	r1, [sp, #S_PSR]
	msr	spsr_fsxc, r1
	ldr	lr, [sp, #S_PC]
	add	lr, lr, #4
	ldmia	sp, {r0-r14}^
	nop
	add	sp, sp, #S_FRAME
	subs	pc, lr, #4
ret_ldm:				@ LDM {r0-r12, pc}^ (LDM(3))
	ldr	r1, [sp, #S_PSR]
	msr	spsr_fsxc, r1
	add	r0, sp, #S_SP
	ldmia	r0, {sp, lr}^
	nop
	ldr	r0, [sp, #S_PC]		@ make r0-r12, pc contiguous
	str	r0, [sp, #S_SP]
	mov	lr, sp
	add	sp, sp, #S_FRAME
	ldmia	lr, {r0-r12, pc}^
#ifdef KERN_V6
ret_rfe:				@ RFEIA: PC and CPSR from S_PC, S_PSR
	add	r0, sp, #S_SP
	ldmia	r0, {sp, lr}^
	nop
	add	lr, sp, #S_PC
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_FRAME
	rfeia	lr
#endif

	.ltorg

/* Stacks. */
	.bss
	.align	3
	.space	8192
GLOBAL(svc_stack_top)
	.space	2048
irq_stack_top:
	.space	2048
fiq_stack_top:
	.space	2048
abt_stack_top:
	.space	1024
und_stack_top:
	.space	2048
panic_stack_top:
GLOBAL(kernel_ctx_sp)
	.space	4

	.data
	.align	2
GLOBAL(entry_cpsr)
	.long	0xdeadbeef
