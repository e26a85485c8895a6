/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the benchmark guest's entry, vectors, exception handlers and
 * its measured loops.  Each loop runs N iterations of one operation;
 * bench.c reads the Versatile 24 MHz counter around it (raspi0: the
 * system timer's 1 MHz CLO).  Under QEMU -icount shift=0 one
 * instruction is one nanosecond of virtual time, so counter ticks are
 * executed instructions (1000 / 24 per tick; raspi0: 1000).
 *
 * The kernel loops (loop_*) run in SVC.  The user loops (user_*) run in
 * USR mode, entered by user_run() and left by their final SWI
 * BG_SYS_DONE; their operations go through the handlers below, which do
 * what a kernel's do and no more: the null system call returns at once,
 * the yield saves the task's registers and switches to the other task,
 * the data abort maps the page, the IRQ acknowledges the timer.
 */
#include "bench-guest.h"
#include "guest-start.h"

	guest_entry
	msr	cpsr_c, #(IRQ_MODE | PSR_I | PSR_F)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, #(ABT_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(UND_MODE | PSR_I | PSR_F)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	bl	bmain
	b	plat_exit		@ r0 = exit status

	guest_vectors

.macro unexpected vec
	ldr	sp, =abt_stack_top
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	b	bg_unexpected		@ does not return
.endm
vec_reset:	unexpected 0
vec_undef:	unexpected 1
vec_pabt:	unexpected 3
vec_reserved:	unexpected 5
vec_fiq:	unexpected 7

/* Return into the world-switch frame at sp. */
.macro restore_frame
	ldr	r0, [sp, #TF_PSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #TF_PC]
	add	r0, sp, #TF_SP
	ldmia	r0, {sp, lr}^		@ USR sp, lr
	nop				@ no banked register right after LDM^
	ldmia	sp, {r0-r12}
	add	sp, sp, #TF_SIZE
	movs	pc, lr			@ CPSR = SPSR_svc
.endm

/*
 * SWI from a user task.  The caller's r0-r12 go on the SVC stack first,
 * as a kernel's entry saves them; the SWI number is read from the
 * instruction (LR_svc - 4, ARM ARM A2.6.4).  BG_SYS_NULL goes straight
 * back with MOVS pc, lr (CPSR = SPSR_svc): the null system call.  The
 * others complete the frame (USR sp and lr by STM^, the return address,
 * SPSR) and call swi_c(frame, number), which may replace the frame with
 * the other task's; nonzero: the loop is over, back to user_run()'s
 * caller.
 */
vec_swi:
	sub	sp, sp, #TF_SIZE
	stmia	sp, {r0-r12}
	ldr	r4, [lr, #-4]
	bic	r4, r4, #0xff000000
	cmp	r4, #BG_SYS_NULL
	bne	1f
	ldmia	sp, {r0-r12}
	add	sp, sp, #TF_SIZE
	movs	pc, lr
1:	add	r0, sp, #TF_SP
	stmia	r0, {sp, lr}^		@ USR sp, lr
	nop				@ no banked register right after STM^
	str	lr, [sp, #TF_PC]
	mrs	r1, spsr
	str	r1, [sp, #TF_PSR]
	mov	r0, sp
	mov	r1, r4
	bl	swi_c
	cmp	r0, #0
	bne	2f
	restore_frame
2:	ldr	r1, =kernel_sp
	ldr	sp, [r1]
	pop	{r4-r11, pc}

/*
 * Data abort from the page-fault loop: dabt_c(DFSR, FAR, LR_abt - 8)
 * maps the page (or stops the guest: anything else is unexpected), then
 * LDM^ returns to the aborted load, LR_abt - 8 (ARM ARM A2.6.6), which
 * runs again and now finds its page.
 */
vec_dabt:
	sub	lr, lr, #8
	push	{r0-r3, r12, lr}
	mrc	p15, 0, r0, c5, c0, 0	@ DFSR
	mrc	p15, 0, r1, c6, c0, 0	@ FAR
	mov	r2, lr
	bl	dabt_c
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_abt

/*
 * IRQ: irq_c() reads the interrupt controller's status and clears the
 * timer's interrupt (raspi0: and re-arms it); back to the interrupted
 * instruction, LR_irq - 4 (ARM ARM A2.6.8).
 */
vec_irq:
	sub	lr, lr, #4
	push	{r0-r3, r12, lr}
	bl	irq_c
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_irq

/* user_run(frame): enter the user task whose frame is given; returns
 * when it (or the task it switched to) makes BG_SYS_DONE. */
ENTRY(user_run)
	push	{r4-r11, lr}
	ldr	r2, =kernel_sp
	str	sp, [r2]
	sub	sp, sp, #TF_SIZE
	mov	r1, sp
	mov	r2, #(TF_SIZE / 4)
1:	ldr	r3, [r0], #4
	str	r3, [r1], #4
	subs	r2, r2, #1
	bne	1b
	restore_frame

/*
 * The user loops: r0 = N iterations.  Each iteration is its operation
 * plus SUBS and BNE, the two instructions user_empty (the baseline)
 * runs per iteration.
 */
ENTRY(user_empty)
1:	subs	r0, r0, #1
	bne	1b
	swi	BG_SYS_DONE
	b	.

ENTRY(user_null_syscall)
1:	swi	BG_SYS_NULL
	subs	r0, r0, #1
	bne	1b
	swi	BG_SYS_DONE
	b	.

ENTRY(user_yield)
1:	swi	BG_SYS_YIELD
	subs	r0, r0, #1
	bne	1b
	swi	BG_SYS_DONE
	b	.

@ r1 = FAULT_VA: the load takes turns at the two pages, each unmapped
@ when it runs (dabt_c unmaps the other page as it maps this one).
ENTRY(user_fault)
1:	ldr	r2, [r1]
	eor	r1, r1, #PAGE_SIZE
	subs	r0, r0, #1
	bne	1b
	swi	BG_SYS_DONE
	b	.

/* frame_copy(dst, src): one world-switch frame, TF_SIZE bytes, as a
 * kernel moves register sets: LDM/STM, not byte by byte. */
ENTRY(frame_copy)
	push	{r4-r9}
	ldmia	r1!, {r2-r9}
	stmia	r0!, {r2-r9}
	ldmia	r1!, {r2-r9}
	stmia	r0!, {r2-r9}
	ldmia	r1, {r2-r3}
	stmia	r0, {r2-r3}
	pop	{r4-r9}
	bx	lr

/* Address space switch: a new first-level table, then the TLBs
 * invalidated (caches are off: nothing to clean). */
ENTRY(switch_ttb)
	mcr	p15, 0, r0, c2, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0
	bx	lr

ENTRY(tlb_invalidate_mva)
	mcr	p15, 0, r0, c8, c7, 1
	bx	lr

	guest_mmu_enable

@ The kernel loops: r0 = N iterations, in SVC.
@ loop_empty(n): the loop alone (the baseline).
ENTRY(loop_empty)
1:	subs	r0, r0, #1
	bne	1b
	bx	lr

#if __ARM_ARCH >= 6
@ loop_irq(n): Linux's local_irq_save() + local_irq_restore() on ARMv6
@ (arch/arm/include/asm/irqflags.h): MRS, CPSID i, MSR (restore) per
@ iteration (one CPSID where ARMv5 has ORR and MSR).
ENTRY(loop_irq)
1:	mrs	r1, cpsr
	cpsid	i
	msr	cpsr_c, r1
	subs	r0, r0, #1
	bne	1b
	bx	lr

@ loop_cpsid(n): one CPSID i per iteration, in SVC with I already set (a
@ lone trap that changes nothing: local_irq_disable() with interrupts
@ off).
ENTRY(loop_cpsid)
1:	cpsid	i
	subs	r0, r0, #1
	bne	1b
	bx	lr
#else
@ loop_irq(n): Linux's local_irq_save() + local_irq_restore() on
@ ARMv5: MRS, MSR (I set), MSR (restore) per iteration.
ENTRY(loop_irq)
1:	mrs	r1, cpsr
	orr	r2, r1, #0x80
	msr	cpsr_c, r2
	msr	cpsr_c, r1
	subs	r0, r0, #1
	bne	1b
	bx	lr
#endif

@ loop_mrs(n): one MRS per iteration (a lone trap).
ENTRY(loop_mrs)
1:	mrs	r1, cpsr
	subs	r0, r0, #1
	bne	1b
	bx	lr

@ loop_msr(n): one MSR CPSR_c per iteration, writing back what it holds
@ (Linux's local_irq_restore with interrupts already off: a lone trap).
ENTRY(loop_msr)
	mrs	r1, cpsr
1:	msr	cpsr_c, r1
	subs	r0, r0, #1
	bne	1b
	bx	lr

/*
 * A kernel's entry and exit (Linux's vector_swi, ret_fast_syscall,
 * vector_stub), one trap per iteration each, in SVC with I and F set:
 * loop_mrs_spsr(n) MRS of SPSR; loop_msr_spsr(n) MSR SPSR_cxsf from a
 * register, of what it holds; loop_msr_imm(n) MSR CPSR_c with an
 * immediate (enable_irq/disable_irq's form) of what it holds;
 * loop_sctlr_read(n) MRC of SCTLR (alignment_trap); loop_sctlr_write(n)
 * MCR of SCTLR with the value it holds (alignment_trap's MCRNE under
 * armpv-bm, which writes bits that read as one); loop_dacr(n) MCR of
 * DACR, alternating two values (uaccess_disable and uaccess_enable of
 * CONFIG_CPU_SW_DOMAIN_PAN: one write per iteration, the EOR between
 * them native), DACR as it was after an even n.
 */
ENTRY(loop_mrs_spsr)
1:	mrs	r1, spsr
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_msr_spsr)
	mrs	r1, spsr
1:	msr	spsr_cxsf, r1
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_msr_imm)
1:	msr	cpsr_c, #(SVC_MODE | PSR_I | PSR_F)
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_sctlr_read)
1:	mrc	p15, 0, r1, c1, c0, 0
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_sctlr_write)
	mrc	p15, 0, r1, c1, c0, 0
1:	mcr	p15, 0, r1, c1, c0, 0
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_dacr)
	mrc	p15, 0, r1, c3, c0, 0
	ldr	r2, =0x55555555
1:	mcr	p15, 0, r1, c3, c0, 0
	eor	r1, r1, r2
	subs	r0, r0, #1
	bne	1b
	bx	lr

/*
 * The traps the system-call fast path takes from a kernel (Linux's
 * vector_swi, restore_user_regs, arm_copy_to_user), one per iteration
 * each, in SVC with I and F set, on a buffer below SP: loop_stm_user(n)
 * STM^ of the User SP and LR; loop_ldm_user(n) LDM^ of them back (what
 * they hold); loop_ldm_user14(n) LDM^ of r1-r14 back, the list of Linux's
 * restore_user_regs (LDMDB sp, {r1 - lr}^); loop_ldrt(n) one LDRT;
 * loop_ldrt8(n) eight in a row (one trap for the run: a copy loop's).
 */
ENTRY(loop_stm_user)
	sub	r2, sp, #64
1:	stmia	r2, {sp, lr}^
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_ldm_user)
	sub	r2, sp, #64
	stmia	r2, {sp, lr}^
1:	ldmia	r2, {sp, lr}^
	nop
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_ldm_user14)
	push	{r4-r11}
	sub	r2, sp, #64
	stmdb	r2, {r1-r14}^		@ r2 itself among them: loaded back
1:	ldmdb	r2, {r1-r14}^
	nop
	subs	r0, r0, #1
	bne	1b
	pop	{r4-r11}
	bx	lr

ENTRY(loop_ldrt)
	sub	r2, sp, #64
1:	ldrt	r1, [r2]
	subs	r0, r0, #1
	bne	1b
	bx	lr

ENTRY(loop_ldrt8)
	push	{r4-r7}
	sub	r2, sp, #64
1:	ldrt	r1, [r2], #4
	ldrt	r3, [r2], #4
	ldrt	r4, [r2], #4
	ldrt	r5, [r2], #4
	ldrt	r6, [r2], #4
	ldrt	r7, [r2], #4
	ldrt	r12, [r2], #4
	ldrt	r1, [r2], #-28
	subs	r0, r0, #1
	bne	1b
	pop	{r4-r7}
	bx	lr

/*
 * Unit costs, with the MMU on (bench.c says what each tells).
 * loop_device_read(n): one load from the interrupt controller
 * (BG_DEVICE_REG: the VIC's IRQSTATUS; raspi0: the armctrl's pending 1).
 */
ENTRY(loop_device_read)
	ldr	r1, =BG_DEVICE_REG
1:	ldr	r2, [r1]
	subs	r0, r0, #1
	bne	1b
	bx	lr

@ loop_drain_wb(n): one MCR that changes no state: drain write buffer
@ (ARM926EJ-S TRM 2.3.8, c7 c10 4; ARMv6: the DSB of ARM ARM B6.6.5).
ENTRY(loop_drain_wb)
	mov	r1, #0
1:	mcr	p15, 0, r1, c7, c10, 4
	subs	r0, r0, #1
	bne	1b
	bx	lr

@ loop_dccmva(n): one clean D-cache line by MVA (c7 c10 1) per cache line
@ of 32 bytes, walking the first MiB as Linux's cache loops walk an
@ area (arm926_flush_kern_dcache_area, v6_flush_kern_dcache_area).
ENTRY(loop_dccmva)
	mov	r1, #0
1:	mcr	p15, 0, r1, c7, c10, 1
	add	r1, r1, #32
	bic	r1, r1, #0x00100000
	subs	r0, r0, #1
	bne	1b
	bx	lr

@ sctlr_dcache_on(): SCTLR.C set (the D-cache on; never turned off).
ENTRY(sctlr_dcache_on)
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, #0x4
	mcr	p15, 0, r0, c1, c0, 0
	bx	lr

@ loop_empty_dccmva(n): the same loop without the MCR (its baseline).
ENTRY(loop_empty_dccmva)
	mov	r1, #0
1:	add	r1, r1, #32
	bic	r1, r1, #0x00100000
	subs	r0, r0, #1
	bne	1b
	bx	lr

@ loop_tlbi_mva(n): one TLB invalidate by MVA (of a page not mapped).
ENTRY(loop_tlbi_mva)
	ldr	r1, =FAULT_VA
1:	mcr	p15, 0, r1, c8, c7, 1
	subs	r0, r0, #1
	bne	1b
	bx	lr

@ loop_tlbi_mva_touch2(n): the same, then a load from each of two pages
@ of the first MiB that nothing else uses.
ENTRY(loop_tlbi_mva_touch2)
	ldr	r1, =FAULT_VA
	ldr	r2, =TOUCH_VA
	add	r12, r2, #PAGE_SIZE
1:	mcr	p15, 0, r1, c8, c7, 1
	ldr	r3, [r2]
	ldr	r3, [r12]
	subs	r0, r0, #1
	bne	1b
	bx	lr

	.ltorg

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
irq_stack_top:
	.space	2048
abt_stack_top:
kernel_sp:
	.space	4
