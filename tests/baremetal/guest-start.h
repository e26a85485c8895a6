/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guest-start.h -- what the bare-metal test guests' start.S share, as
 * assembler macros (included after tests/process/kern.h, for ENTRY).
 * The guests run in SVC mode from physical 0x8000 (tests/process/kern.ld)
 * with low vectors; natively on versatilepb and rewritten under armpv-bm.
 *
 *   guest_entry     _start in .text.start: SVC's SP at svc_stack_top,
 *                   .bss cleared, the 16 words at 'vectors' copied to
 *                   the vector base 0; the guest goes on from there
 *                   (its other stacks, then kmain).  Built with
 *                   -DBOARD_SECURE_ENTRY (native raspi0 builds,
 *                   tests/baremetal/lib.sh), it first leaves the Secure
 *                   state QEMU's raspi0 loader starts an ELF in (SCR.NS
 *                   = 1, ARM1176JZF-S TRM 3.2.16; with FW and AW set,
 *                   else CPSR.F and A stay as they are): QEMU 7.2 checks a
 *                   Secure User-mode access against the Non-secure
 *                   SCTLR (arm_sctlr() of EL0 is SCTLR_EL1, the
 *                   Non-secure bank, while Secure SVC writes the
 *                   Secure one), so with the Secure state kept SCTLR.A
 *                   would not reach the guest's user tasks.
 *   guest_vectors   'vectors': the eight LDR PC of the table and the
 *                   addresses they load (vec_reset ... vec_fiq), which
 *                   work wherever the 16 words are copied.
 *   guest_board     plat_exit and plat_putc on the board's own devices
 *                   (versatilepb, or raspi0 with -DBOARD_BCM2835)
 *                   (the guests without a platform layer:
 *                   tests/process/plat-*.S is the other way).
 *   guest_mmu_enable   mmu_enable(ttb, dacr): DACR, TTBR0, the TLBs
 *                   invalidated, then SCTLR with M set and A, V (low
 *                   vectors) and XP (the ARMv5 table format on the
 *                   ARM1176) clear.
 *   guest_cp15_read cp15_read_midr(), cp15_read_sctlr().
 */
#ifndef GUEST_START_H
#define GUEST_START_H

#include "guest-board.h"

.macro guest_entry
	.section .text.start, "ax"
	.arm
ENTRY(_start)
#ifdef BOARD_SECURE_ENTRY
	mrc	p15, 0, r0, c1, c1, 0	@ SCR
	orr	r0, r0, #0x31		@ NS; FW, AW: F and A writable in NS
	mcr	p15, 0, r0, c1, c1, 0
#endif
	ldr	sp, =svc_stack_top
	clear_bss
	ldr	r0, =vectors		@ 16 words to the vector base, 0
	mov	r1, #0
	ldmia	r0!, {r2-r9}
	stmia	r1!, {r2-r9}
	ldmia	r0!, {r2-r9}
	stmia	r1!, {r2-r9}
.endm

.macro guest_vectors
	.text
	.align	5
vectors:
	.rept	8
	ldr	pc, [pc, #0x18]
	.endr
	.long	vec_reset, vec_undef, vec_swi, vec_pabt
	.long	vec_dabt, vec_reserved, vec_irq, vec_fiq
.endm

#ifdef BOARD_BCM2835
/*
 * plat_exit: the power manager's watchdog, as Linux's bcm2835_restart():
 * WDOG = 10 ticks, then RSTC WRCFG = full reset (each write with the
 * password); QEMU -no-reboot and armpv-bm both stop the machine with
 * status 0 (the transcript says pass or fail).  plat_putc: UART0 (PL011)
 * polled, as on versatilepb.  Works with the MMU on or off as long as
 * the registers are mapped identity.
 */
.macro guest_board
ENTRY(plat_exit)
	ldr	r1, =PM_BASE
	ldr	r2, =(PM_PASSWORD | 10)
	str	r2, [r1, #PM_WDOG]
	ldr	r2, =(PM_PASSWORD | PM_RSTC_WRCFG_FULL_RESET)
	str	r2, [r1, #PM_RSTC]
1:	b	1b

ENTRY(plat_putc)
	ldr	r1, =BOARD_UART0
1:	ldr	r2, [r1, #0x18]
	tst	r2, #0x20
	bne	1b
	str	r0, [r1]
	bx	lr
.endm
#else
/*
 * plat_exit: the system controller's reset (unlock SYS_LOCK, then
 * SYS_RESETCTL = 0x105): QEMU -no-reboot and armpv-bm both stop the
 * machine with status 0 (the transcript says pass or fail).  Works with
 * the MMU on or off as long as the registers are mapped identity.
 * plat_putc: UART0 (PL011) polled: wait while UARTFR.TXFF (bit 5), then
 * UARTDR.
 */
.macro guest_board
ENTRY(plat_exit)
	ldr	r1, =0x10000000
	ldr	r2, =0xa05f
	str	r2, [r1, #0x20]		@ SYS_LOCK
	ldr	r2, =0x105
	str	r2, [r1, #0x40]		@ SYS_RESETCTL
1:	b	1b

ENTRY(plat_putc)
	ldr	r1, =0x101f1000
1:	ldr	r2, [r1, #0x18]
	tst	r2, #0x20
	bne	1b
	str	r0, [r1]
	bx	lr
.endm
#endif

.macro guest_mmu_enable
ENTRY(mmu_enable)			@ r0 = TTB, r1 = DACR
	mcr	p15, 0, r1, c3, c0, 0
	mcr	p15, 0, r0, c2, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0	@ invalidate the TLBs
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #0x2		@ A
	bic	r0, r0, #0x2000		@ V: low vectors
	bic	r0, r0, #0x800000	@ XP: the ARMv5 format on ARMv6
	orr	r0, r0, #0x1		@ M
	mcr	p15, 0, r0, c1, c0, 0
	nop
	nop
	bx	lr
.endm

.macro guest_cp15_read
ENTRY(cp15_read_midr)
	mrc	p15, 0, r0, c0, c0, 0
	bx	lr

ENTRY(cp15_read_sctlr)
	mrc	p15, 0, r0, c1, c0, 0
	bx	lr
.endm

#endif /* GUEST_START_H */
