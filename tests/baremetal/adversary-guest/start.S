/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the adversarial test guest's entry, vectors and handlers
 * (data abort, SWI and Undefined record what they saw and return past
 * the instruction), the switch to its user task, the kernel's probe
 * accesses, and the user task: memory probes of what the monitor owns,
 * then forged trap words.  The forged words are .word data to the
 * assembler (a $d mapping symbol), so armpv-rewrite leaves them as they
 * are, as it would leave a guest process's code.  The user task holds no
 * sensitive instruction (MSR CPSR_f is not one: docs/encoding.md).
 */
#include "adversary-guest.h"
#include "guest-start.h"

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
	ldr	sp, =abt_stack_top
	mov	r0, #\vec
	mov	r1, lr
	mrs	r2, spsr
	b	adv_unexpected		@ does not return
.endm
vec_reset:	unexpected 0
vec_pabt:	unexpected 3
vec_reserved:	unexpected 5
vec_irq:	unexpected 6
vec_fiq:	unexpected 7

/* Data abort: dabt_c(lr_abt, spsr_abt, dfsr, far) returns where to
 * resume (the next instruction). */
vec_dabt:
	push	{r0-r3, r12, lr}
	mov	r0, lr
	mrs	r1, spsr
	mrc	p15, 0, r2, c5, c0, 0	@ DFSR
	mrc	p15, 0, r3, c6, c0, 0	@ FAR
	bl	dabt_c
	str	r0, [sp, #20]
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_abt

/* Undefined instruction: exc_c(1, lr_und, spsr_und), then the next
 * instruction (LR_und = the word + 4, ARM ARM A2.6.3). */
vec_undef:
	push	{r0-r3, r12, lr}
	mov	r0, #1
	mov	r1, lr
	mrs	r2, spsr
	bl	exc_c
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_und

/* SWI: SYS_DONE returns from user_run(); any other SWI (a forged trap
 * word) is recorded, exc_c(2, lr_svc, spsr_svc), and the user task goes
 * on after it (LR_svc = the SWI + 4, ARM ARM A2.6.4). */
vec_swi:
	push	{r0-r3, r12, lr}
	ldr	r0, [lr, #-4]
	bic	r0, r0, #0xff000000
	cmp	r0, #SYS_DONE
	beq	1f
	mov	r0, #2
	mov	r1, lr
	mrs	r2, spsr
	bl	exc_c
	ldmia	sp!, {r0-r3, r12, pc}^	@ CPSR = SPSR_svc
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

/* The kernel's own probes: k_read(addr) returns MARK if it aborted. */
ENTRY(k_read)
	mov	r1, r0
	ldr	r0, =MARK
GLOBAL(k_read_insn)
	ldr	r0, [r1]
	bx	lr

ENTRY(k_write)				@ r0 = address, r1 = value
GLOBAL(k_write_insn)
	str	r1, [r0]
	bx	lr

ENTRY(tlb_invalidate_all)
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0
	bx	lr

	guest_cp15_read

	guest_mmu_enable

/*
 * The user task.  1. The probes: for each entry of probes[] (C: address,
 * write?, ...) a load (r0 = MARK before it, so a load the abort handler
 * skipped leaves MARK, stored in ures[i]) or a store at ut_read /
 * ut_write.  2. The alias of physical page 0: a load and a store.
 * 3. The forged words, r0 = MARK before each and stored after it in
 * fres[n], with the flags USER_FLAGS.  4. A load from the kernel-only
 * page 0: its abort's SPSR shows the task still in USR mode.
 */
ENTRY(user_task)
	ldr	r4, =probes
	ldr	r6, =ures
	mov	r7, #0
1:	ldr	r1, [r4], #4		@ probes[i].addr
	ldr	r2, [r4], #12		@ probes[i].write
	ldr	r0, =MARK
	cmp	r2, #0
	bne	2f
GLOBAL(ut_read)
	ldr	r0, [r1]
	b	3f
2:	ldr	r0, =0x5a5a5a5a
GLOBAL(ut_write)
	str	r0, [r1]
3:	str	r0, [r6, r7, lsl #2]
	add	r7, r7, #1
	cmp	r7, #NPROBES
	blo	1b

	ldr	r1, =ALIAS0_VA
	ldr	r0, =MARK
	ldr	r0, [r1]		@ the guest's own reset vector
	ldr	r2, =alias_read
	str	r0, [r2]
	ldr	r0, =0x5eed0014
	str	r0, [r1, #0x14]		@ its reserved vector's word

	ldr	r6, =fres
	msr	cpsr_f, #USER_FLAGS
.macro forged n, word
	ldr	r0, =MARK
GLOBAL(ut_forged\n)
	.word	\word
	str	r0, [r6, #(\n * 4)]
.endm
	forged	0, 0xef0210d3	@ MSR CPSR_c, #0xd3
	forged	1, 0xef000100	@ MRS r0, CPSR
	forged	2, 0xef000913	@ CPS #0x13 (ARMv6)
	forged	3, 0xef0011b3	@ SRSDB sp!, #0x13 (ARMv6)
	forged	4, 0xefde8000	@ LDMIA sp!, {pc}^
	forged	5, 0xef26800e	@ MOVS pc, lr
	forged	6, 0xef280000	@ hypercall: exit
	forged	7, 0xef280001	@ hypercall: putc
	forged	8, 0xeec40404	@ LDRT r0, [r1], #4 (CDP/MCR cp4)
	forged	9, 0xed440403	@ STMIA r1, {r0, r1}^ (STC cp4)
	forged	10, 0xee020f10	@ MCR p15, 0, r0, c2, c0, 0 (TTBR0)
	forged	11, 0xee110f10	@ MRC p15, 0, r0, c1, c0, 0 (SCTLR)
	forged	12, 0xe7f000f0	@ permanently undefined
	forged	13, 0x0f0210d3	@ MSREQ CPSR_c, #0xd3: Z clear, not taken
	mov	r1, #0
	ldr	r0, =MARK
GLOBAL(ut_final)
	ldr	r0, [r1]
	swi	SYS_DONE
	b	.

	.ltorg

	.data
	.align	2
GLOBAL(forged_sites)
	.long	ut_forged0, ut_forged1, ut_forged2, ut_forged3
	.long	ut_forged4, ut_forged5, ut_forged6, ut_forged7
	.long	ut_forged8, ut_forged9, ut_forged10, ut_forged11
	.long	ut_forged12, ut_forged13

	.bss
	.align	3
	.space	4096
svc_stack_top:
	.space	2048
abt_stack_top:
	.space	2048
und_stack_top:
	.space	1024
GLOBAL(user_stack_top)
kernel_sp:
	.space	4
	.align	2
GLOBAL(ures)
	.space	NPROBES * 4
GLOBAL(fres)
	.space	NFORGED * 4
GLOBAL(alias_read)
	.space	4
