/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * head.S -- entry of the bare-metal monitor, as a Linux kernel is entered
 * (Documentation/arm/booting.rst): SVC mode, MMU and caches off, r0 = 0,
 * r1 = machine type, r2 = physical address of the ATAGs (or of a DTB).
 * QEMU's versatilepb and raspi0 load the raw image (armpv-bm.bin) at
 * physical 0x10000 and jump there; this code knows no board.
 *
 * The monitor is linked at BM_MON_VA + 0x10000, out of the guest's way
 * (bm.h, "Memory map").  Until the MMU is on this code runs at its
 * physical address, so it uses only PC-relative branches and turns link
 * addresses into physical ones by subtracting BM_MON_VA - BM_MON_PA.  It
 * builds the boot's translation table -- the monitor's MiB, the boot's
 * linear map of RAM, the window's table, and an identity
 * section for this code while the MMU comes on -- and jumps to the link
 * address; bm_mmu_init() and bm_mmu_boot_done() then finish the
 * monitor's table and make the shadow roots the guest runs on.
 */
#include "bm.h"

/* First-level section descriptors (ARM ARM B4.4.1; ARM926EJ-S TRM 3.2). */
#define SECT 0x12		/* bits 1:0 = 0b10, bit 4 should be one */
#define SECT_B 0x4
#define SECT_C 0x8
#define SECT_AP_PRIV (1 << 10)	/* AP = 0b01: privileged read/write only */
#define COARSE 0x11		/* coarse page table, bit 4 should be one */

/* SCTLR bits (ARM926EJ-S TRM 2.3.5). */
#define SCTLR_M 0x1
#define SCTLR_A 0x2
#define SCTLR_C 0x4
#define SCTLR_S 0x100
#define SCTLR_R 0x200
#define SCTLR_I 0x1000
#define SCTLR_V 0x2000

	.section .text.head, "ax"
	.arm
	.global _start
_start:
	msr	cpsr_c, #(BM_MODE_SVC | BM_PSR_I | BM_PSR_F)
	mov	r8, r1			@ machine type
	mov	r9, r2			@ ATAGs / DTB (physical)

	@ A boot loader may leave caches on: turn them and the MMU off.
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(SCTLR_M | SCTLR_C)
	bic	r0, r0, #SCTLR_I
	mcr	p15, 0, r0, c1, c0, 0

	@ Zero .bss (page tables and stacks included) at its physical address.
	ldr	r3, =(BM_MON_VA - BM_MON_PA)	@ link address - physical
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	sub	r0, r0, r3
	sub	r1, r1, r3
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	ldr	r4, =bm_l1_table
	sub	r4, r4, r3		@ its physical address: TTBR0
	@ Identity section for this code while the MMU is switched on;
	@ bm_mmu_init() removes it afterwards.
	ldr	r0, =(BM_MON_PA | SECT | SECT_AP_PRIV | SECT_C | SECT_B)
	str	r0, [r4, #((BM_MON_PA >> 20) * 4)]
	@ The monitor's own MiB, where it is linked.
	ldr	r1, =((BM_MON_VA >> 20) * 4)
	str	r0, [r4, r1]
	@ The boot's linear map of RAM: BM_BOOT_VA + n MiB -> physical n MiB
	@ (bm_mmu_boot_done() removes it before the guest runs).
	ldr	r0, =(SECT | SECT_AP_PRIV | SECT_C | SECT_B)
	add	r1, r4, #((BM_BOOT_VA >> 20) * 4)
	mov	r2, #(BM_BOOT_EARLY >> 20)
2:	str	r0, [r1], #4
	add	r0, r0, #0x100000
	subs	r2, r2, #1
	bne	2b
	@ The window's coarse table at BM_WIN_VA: empty here; the board's
	@ devices go in its last slots once the board is known
	@ (bm_mmu_map_io()).
	ldr	r5, =bm_win_l2
	sub	r5, r5, r3
	orr	r0, r5, #COARSE
	ldr	r1, =((BM_WIN_VA >> 20) * 4)
	str	r0, [r4, r1]

	mov	r0, #0
	mcr	p15, 0, r0, c7, c7, 0	@ invalidate I and D caches
	mcr	p15, 0, r0, c7, c10, 4	@ drain the write buffer
	mcr	p15, 0, r0, c8, c7, 0	@ invalidate the TLBs
	mcr	p15, 0, r4, c2, c0, 0	@ TTBR0
	mov	r0, #1			@ domain 0: client (AP checked)
	mcr	p15, 0, r0, c3, c0, 0	@ DACR
	ldr	r5, =linear		@ where to continue, with the MMU on
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, #(SCTLR_M | SCTLR_C)
	orr	r0, r0, #(SCTLR_I | SCTLR_V)	@ V: high vectors, 0xffff0000
	bic	r0, r0, #SCTLR_A
	bic	r0, r0, #(SCTLR_S | SCTLR_R)
	mcr	p15, 0, r0, c1, c0, 0
	mrc	p15, 0, r0, c2, c0, 0	@ a CP15 read lets the switch settle
	mov	r0, r0
	mov	pc, r5

linear:
	msr	cpsr_c, #(BM_MODE_UND | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_und_stack + BM_STACK_SIZE
	msr	cpsr_c, #(BM_MODE_ABT | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_abt_stack + BM_STACK_SIZE
	msr	cpsr_c, #(BM_MODE_IRQ | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_irq_stack + BM_STACK_SIZE
	msr	cpsr_c, #(BM_MODE_FIQ | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_irq_stack + BM_STACK_SIZE	@ FIQ shares: it only reports
	msr	cpsr_c, #(BM_MODE_SVC | BM_PSR_I | BM_PSR_F)
	ldr	sp, =bm_svc_stack + BM_STACK_SIZE
	mov	r0, r8
	mov	r1, r9
	bl	bm_main			@ does not return
	b	.

	.ltorg

	.bss
	.align	3
	.global	bm_svc_stack, bm_und_stack, bm_abt_stack, bm_irq_stack
bm_svc_stack:	.space	BM_STACK_SIZE
bm_und_stack:	.space	BM_STACK_SIZE
bm_abt_stack:	.space	BM_STACK_SIZE
bm_irq_stack:	.space	BM_STACK_SIZE
