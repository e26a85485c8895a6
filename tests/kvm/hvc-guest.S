/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hvc-guest.S -- the hypercall micro-benchmark of the KVM comparison
 * (docs/kvm.md "Hypercall"): a bare 32-bit ARMv7 guest that times a
 * loop of HVCs against the same loop without them, by the architected
 * virtual counter, and prints both.  The papers' "Hypercall": the guest
 * kernel's round trip to the hypervisor's host side and back, doing
 * nothing there.
 *
 * Built position-independent into a flat binary with a zImage header
 * (the magic 0x016f2818 at 0x24, which armpv-kvm checks), so that the
 * same bytes boot as armpv-kvm's guest (loaded at RAM + 32 MiB, entered
 * in SVC mode, MMU off) and natively as QEMU's -kernel on -M virt
 * (loaded at RAM + 64 KiB, SVC mode).  Both machines have the PL011 at
 * 0x09000000 and PSCI by HVC: under KVM the host kernel answers it
 * (an exit from the guest, the world switch, KVM's handler, back);
 * natively on QEMU's virt board (no EL2 emulated) QEMU itself answers
 * it as the HVC executes, the loop's other instructions alone counted.
 *
 * The call is PSCI_VERSION (function 0x84000000: no arguments, no side
 * effect, answered by every PSCI implementation): ITERS of them after
 * WARM unmeasured ones; the empty loop is the same loop with the HVC
 * left out.  Output, one line each, hexadecimal:
 *   hvc-guest: cntfrq 0xF             the counter's frequency (Hz)
 *   hvc-guest: psci-version 0xV       PSCI_VERSION's answer
 *   hvc-guest: empty 0xN 0xT          N iterations of the empty loop
 *   hvc-guest: hvc 0xN 0xT            N iterations with the HVC
 * T the virtual counter's ticks (CNTVCT, read at PL1 without a trap).
 * Under -icount shift=0 the counter advances with the instructions the
 * machine executes (one nanosecond each: at 62.5 MHz, 16 a tick), so
 * (T(hvc) - T(empty)) * 1e9 / F / N is the instructions of one round
 * trip, the exception levels above the guest's included.  Then PSCI
 * SYSTEM_OFF (0x84000008): armpv-kvm stops with status 0, QEMU exits.
 */
	.arch	armv7-a
	.arch_extension virt
	.syntax	unified
	.arm
	.text

#define UART_DR 0x09000000
#define UART_FR 0x09000018
#define PSCI_VERSION 0x84000000
#define PSCI_SYSTEM_OFF 0x84000008
#define WARM 16
#define ITERS 1000

	.global	_start
_start:
	b	start
	.fill	8, 4, 0xe1a00000	@ mov r0, r0, as a zImage's
	.org	0x24
	.word	0x016f2818		@ zImage magic
	.word	0			@ start address: position-independent
	.word	end - _start		@ end address (the size, from 0)

start:
	cpsid	aif
	adrl	sp, stack_top
	adrl	r0, s_cntfrq
	bl	puts
	mrc	p15, 0, r0, c14, c0, 0	@ CNTFRQ
	bl	puthex_nl
	movw	r0, #:lower16:PSCI_VERSION
	movt	r0, #:upper16:PSCI_VERSION
	hvc	#0
	mov	r5, r0
	adrl	r0, s_version
	bl	puts
	mov	r0, r5
	bl	puthex_nl

	adr	r0, loop_empty
	adrl	r1, s_empty
	bl	measure
	adrl	r0, loop_hvc
	adrl	r1, s_hvc
	bl	measure

	movw	r0, #:lower16:PSCI_SYSTEM_OFF
	movt	r0, #:upper16:PSCI_SYSTEM_OFF
	hvc	#0
1:	wfi
	b	1b

/* measure(loop, name): loop(WARM), then loop(ITERS) timed, and the
 * line "NAME0xITERS 0xTICKS". */
measure:
	push	{r4, r5, r6, lr}
	mov	r4, r0
	mov	r5, r1
	mov	r0, #WARM
	blx	r4
	movw	r0, #:lower16:ITERS
	movt	r0, #:upper16:ITERS
	mov	r1, r4
	bl	timed
	mov	r6, r0
	mov	r0, r5
	bl	puts
	bl	put_iters
	mov	r0, r6
	bl	puthex_nl
	pop	{r4, r5, r6, pc}

/* timed(n, loop): loop(n)'s ticks of CNTVCT (the low word). */
timed:
	push	{r4, r5, r6, lr}
	mov	r4, r0
	mov	r5, r1
	isb
	mrrc	p15, 1, r6, r1, c14	@ CNTVCT
	mov	r0, r4
	blx	r5
	isb
	mrrc	p15, 1, r0, r1, c14
	sub	r0, r0, r6
	pop	{r4, r5, r6, pc}

/* loop_empty(n), loop_hvc(n): n >= 1 iterations; the same instructions
 * but the HVC.  The count is in r8: an SMCCC call returns its results
 * in r0-r3 (KVM writes all four: PSCI_VERSION's answer in r0, zero in
 * r1-r3; QEMU's own PSCI writes r0 alone) and preserves r4-r14 (ARM DEN
 * 0028, the AArch32 SMC and HVC calling convention). */
loop_empty:
	push	{r8, lr}
	mov	r8, r0
1:	movw	r0, #:lower16:PSCI_VERSION
	movt	r0, #:upper16:PSCI_VERSION
	subs	r8, r8, #1
	bne	1b
	pop	{r8, pc}

loop_hvc:
	push	{r8, lr}
	mov	r8, r0
1:	movw	r0, #:lower16:PSCI_VERSION
	movt	r0, #:upper16:PSCI_VERSION
	hvc	#0
	subs	r8, r8, #1
	bne	1b
	pop	{r8, pc}

/* put_iters: "0xITERS " */
put_iters:
	push	{lr}
	movw	r0, #:lower16:ITERS
	movt	r0, #:upper16:ITERS
	bl	puthex
	mov	r0, #' '
	bl	putc
	pop	{pc}

/* putc(r0): one byte to the PL011, when its FIFO has room. */
putc:
	movw	r1, #:lower16:UART_FR
	movt	r1, #:upper16:UART_FR
1:	ldr	r2, [r1]
	tst	r2, #0x20		@ TXFF
	bne	1b
	movw	r1, #:lower16:UART_DR
	movt	r1, #:upper16:UART_DR
	str	r0, [r1]
	bx	lr

/* puts(r0): a NUL-terminated string. */
puts:
	push	{r4, lr}
	mov	r4, r0
1:	ldrb	r0, [r4], #1
	cmp	r0, #0
	popeq	{r4, pc}
	bl	putc
	b	1b

/* puthex(r0): "0x" and eight hexadecimal digits; puthex_nl: and "\n". */
puthex:
	push	{r4, r5, lr}
	mov	r4, r0
	mov	r0, #'0'
	bl	putc
	mov	r0, #'x'
	bl	putc
	mov	r5, #28
1:	lsr	r0, r4, r5
	and	r0, r0, #0xf
	cmp	r0, #10
	addlo	r0, r0, #'0'
	addhs	r0, r0, #'a' - 10
	bl	putc
	subs	r5, r5, #4
	bpl	1b
	pop	{r4, r5, pc}

puthex_nl:
	push	{lr}
	bl	puthex
	mov	r0, #'\n'
	bl	putc
	pop	{pc}

s_cntfrq:
	.asciz	"hvc-guest: cntfrq "
s_version:
	.asciz	"hvc-guest: psci-version "
s_empty:
	.asciz	"hvc-guest: empty "
s_hvc:
	.asciz	"hvc-guest: hvc "
	.balign	8
	.space	256			@ the stack
stack_top:
end:
