/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * start.S -- the boot test guest's entry: keep r0-r2 as the boot loader
 * left them, read the CPSR (rewritten: under armpv-bm the MRS traps and
 * reads the virtual CPSR) and SCTLR (CP15: emulated under armpv-bm),
 * clear .bss, then boot_main(r0, r1, r2, cpsr, sctlr).  Console and exit
 * are the board's (UART0, system controller), as tasks-guest's: the same
 * code runs natively and under armpv-bm.
 */
	.section .text.start, "ax"
	.arm
	.global _start
_start:
	mov	r5, r0
	mov	r6, r1
	mov	r7, r2
	mrs	r8, cpsr
	mrc	p15, 0, r9, c1, c0, 0
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	ldr	sp, =stack_top
	sub	sp, sp, #8
	str	r9, [sp]		@ fifth argument (AAPCS: on the stack)
	mov	r0, r5
	mov	r1, r6
	mov	r2, r7
	mov	r3, r8
	bl	boot_main
	b	plat_exit

/* The system controller's reset (unlock SYS_LOCK, SYS_RESETCTL 0x105):
 * QEMU -no-reboot and armpv-bm stop with status 0; the transcript says
 * pass or fail. */
	.global plat_exit
plat_exit:
	ldr	r1, =0x10000000
	ldr	r2, =0xa05f
	str	r2, [r1, #0x20]
	ldr	r2, =0x105
	str	r2, [r1, #0x40]
1:	b	1b

/* UART0 (PL011) polled: wait while UARTFR.TXFF (bit 5), then UARTDR. */
	.global plat_putc
plat_putc:
	ldr	r1, =0x101f1000
1:	ldr	r2, [r1, #0x18]
	tst	r2, #0x20
	bne	1b
	str	r0, [r1]
	bx	lr

	.ltorg

	.bss
	.align	3
	.space	8192
stack_top:
