/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the benchmark guest's entry and its measured loops.  Each
 * loop runs N iterations of one operation; bench.c reads the Versatile
 * 24 MHz counter around it.  Under QEMU -icount shift=0 one instruction
 * is one nanosecond of virtual time, so counter ticks are executed
 * instructions (1000 / 24 per tick).
 */
#define ENTRY(f) .global f; .type f, %function; f:

	.section .text.start, "ax"
	.arm

ENTRY(_start)
	ldr	sp, =svc_stack_top
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	bl	bmain
	b	plat_exit		@ r0 = exit status

	.text
@ loop_empty(n): the loop alone (the baseline).
ENTRY(loop_empty)
1:	subs	r0, r0, #1
	bne	1b
	bx	lr

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

@ loop_mrs(n): one MRS per iteration (a lone trap).
ENTRY(loop_mrs)
1:	mrs	r1, cpsr
	subs	r0, r0, #1
	bne	1b
	bx	lr

	.bss
	.align	3
	.space	4096
svc_stack_top:
