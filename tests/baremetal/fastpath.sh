#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The system-call fast paths of armpv-bm (vectors.S; docs/baremetal-
# monitor.md "The SWI fast path", "The CP15 fast path"): MRS Rd, SPSR;
# MSR SPSR_fields, Rm and #imm; MSR CPSR_c and CPSR_cx with an
# immediate; the SCTLR read, SCTLR and DACR writes.  One guest of a
# few lines of ARM assembly (linked at 0x8000, rewritten here) checks
# every result itself against what the core does (emu_mrs(), emu_msr():
# docs/monitor-core.md) and exits with the number of the first check that
# failed, 0 when all passed: each field mask on both CPUs (the SPSR bits
# an ARM926EJ-S and an ARM1176 have), every mode's SPSR (SYS sharing the
# slot the core keeps for USR), Rd, Rm = r0, r12, r14, the hostile cases
# (an MRS of the SPSR from virtual USR mode, the guest's own SWI; MRS to
# PC and MSR from PC, UNPREDICTABLE, the core's answer; conditions that
# fail; a mode change; a T bit in the operand; a rotated immediate) and
# pending interrupts (an MSR CPSR_c, #imm that unmasks a high line; the
# shared page unmasking one before an MRS or MSR of the SPSR: the C path
# takes the IRQ at the next instruction), CP15 (an SCTLR read against
# MRCNE's, through C; a write that changes nothing, one that sets A,
# which the real alignment check must follow: the unaligned load after
# it is the guest's data abort; DACR writes read back; MRC to r15, MCR
# from r15; both from virtual USR mode: its Undefined instructions;
# STM^ and LDM^ of the User registers, on a page the shadow does not map
# yet, then mapped, then at a base not word-aligned, then by the
# assembly (vectors.S user_block) in the four addressing modes, with
# fifteen registers and one, the base in the list, from IRQ mode, from
# FIQ mode (left to C), across pages the shadow does not map yet (left
# to C) and then does; LDRT, STRT and the
# byte forms in a row, one trap for the run; a system call, MOVS pc
# to virtual USR mode from SVC and IRQ mode and the SWI back, by the
# assembly (the banked sp and lr of USR, SVC and IRQ mode, the flags,
# SPSR_svc, LR_svc, a MOVSNE whose condition fails and one that passes)
# and the cases it leaves to C: MOVS pc to a privileged mode, to Thumb
# state (then a Thumb SWI), both with a virtual IRQ line high).
# It runs with the fast paths
# and with armpv.profile (every trap through C) on both CPUs: both must
# pass, the core's statistics must be identical, and the fast run must
# have taken the counts of trap words this guest gives the fast paths.
# Skipped (77) without qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm).
. "$top_srcdir/tests/baremetal/lib.sh"
export top_srcdir top_builddir ARM_CC

bm_need_tools "$QEMU_SYSTEM_ARM"
bm_need_built "$bm_monitor" "$bm_rewriter"
out=$top_builddir/tests/baremetal/fastpath
mkdir -p "$out" || exit 99
bm_set_timeout 60

pass=0
fail=0

# The guest.  r9: 1 on the ARM1176 (MIDR part b76), 0 on the ARM926EJ-S;
# r10: IRQs taken; r7: where the next exception must be taken (its
# return address less the offset); r8: where the SWI handler resumes.
if ! bm_asm_guest psr 0x8000 '
.macro check reg, val, code		@ \reg == \val, or exit \code
	ldr	r11, =\val
	cmp	\reg, r11
	movne	r0, #\code
	bne	fail
.endm
.macro check2 reg, v5, v6, code		@ the same, \v5 or \v6 by CPU
	ldr	r11, =\v5
	cmp	r9, #0
	ldrne	r11, =\v6
	cmp	\reg, r11
	movne	r0, #\code
	bne	fail
.endm
.macro spsr_in mode, value		@ SPSR_<mode> = value, back to SVC
	msr	cpsr_c, #0xc0 | \mode
	ldr	r1, =\value
	msr	spsr_fsxc, r1
	msr	cpsr_c, #0xd3
.endm
.macro spsr_of mode, value, code	@ SPSR_<mode> == value
	msr	cpsr_c, #0xc0 | \mode
	mrs	r2, spsr
	msr	cpsr_c, #0xd3
	check	r2, \value, \code
.endm
.macro soft_irq				@ the VIC soft line high (masked)
	msr	cpsr_c, #0xd3
	ldr	r1, =0x10140000
	mov	r0, #1
	str	r0, [r1, #0x10]		@ VICINTENABLE: source 0
	str	r0, [r1, #0x18]		@ VICSOFTINT: source 0
.endm
.macro user_splr ra, rb		@ the User sp, lr; then the usual ones
	msr	cpsr_c, #0xdf
	mov	\ra, sp
	mov	\rb, lr
	ldr	sp, =0x5a5a0d0d
	ldr	lr, =0x5a5a0e0e
	msr	cpsr_c, #0xd3
.endm
.macro page_unmask			@ the shared page: I, F clear
	ldr	r3, =0xffbff000
	mov	r2, #0x13
	str	r2, [r3]
.endm
	mov	r2, #0
	ldr	r0, =0xe59ff018		@ ldr pc, [pc, #0x18]
	str	r0, [r2, #0x04]
	str	r0, [r2, #0x08]
	str	r0, [r2, #0x10]
	str	r0, [r2, #0x18]
	adr	r0, und_h
	str	r0, [r2, #0x24]
	adr	r0, swi_h
	str	r0, [r2, #0x28]
	adr	r0, dabt_h
	str	r0, [r2, #0x30]
	adr	r0, irq_h
	str	r0, [r2, #0x38]
	ldr	r0, =0xe1a0f008		@ mov pc, r8: at 0x80, for MRS pc
	str	r0, [r2, #0x80]
	b	start
fail:	swi	0x280000
swi_h:	sub	r1, lr, #4		@ virtual USR: its own SWI
	cmp	r1, r7
	movne	r0, #90
	bne	fail
	mov	pc, r8
und_h:	sub	r1, lr, #4		@ virtual USR: its own CP15 access
	cmp	r1, r7
	movne	r0, #91
	bne	fail
	mov	pc, r8
dabt_h:	mrc	p15, 0, r0, c5, c0, 0	@ DFSR: an alignment fault (x0x1)
	and	r0, r0, #0xd
	cmp	r0, #1
	movne	r0, #93
	bne	fail
	sub	r0, lr, #8
	cmp	r0, r7
	movne	r0, #94
	bne	fail
	add	r6, r6, #1
	subs	pc, lr, #4
irq_h:	ldr	r1, =0x10140000
	mov	r0, #1
	str	r0, [r1, #0x1c]		@ VICSOFTINTCLEAR
	sub	r1, lr, #4
	cmp	r1, r7
	movne	r0, #92
	bne	fail
	add	r10, r10, #1
	subs	pc, lr, #4

start:	mrc	p15, 0, r9, c0, c0, 0
	mov	r9, r9, lsl #16
	mov	r9, r9, lsr #20
	ldr	r1, =0xb76
	cmp	r9, r1
	moveq	r9, #1
	movne	r9, #0
	mov	r10, #0

	@ 1. SVC: every field mask
	mvn	r1, #0
	msr	spsr_fsxc, r1
	mrs	r2, spsr
	check2	r2, 0xf90000ff, 0xf90f03ff, 1
	mov	r1, #0
	msr	spsr_fsxc, r1
	mrs	r2, spsr
	check	r2, 0, 2
	msr	spsr_c, #0xd3
	mrs	r2, spsr
	check	r2, 0xd3, 3
	msr	spsr_f, #0xf0000000
	mrs	r3, spsr
	check	r3, 0xf00000d3, 4
	ldr	r1, =0x0000ff00
	msr	spsr_x, r1
	mrs	r4, spsr
	check2	r4, 0xf00000d3, 0xf00003d3, 5
	msr	spsr_s, #0x00ff0000	@ ARMv5: no bit of the field (C)
	mrs	r5, spsr
	check2	r5, 0xf00000d3, 0xf00f03d3, 6
	msr	spsr_fc, #0x1f
	mrs	r6, spsr
	check2	r6, 0x0000001f, 0x000f031f, 7
	ldr	r1, =0x600000d3
	msr	spsr_fsxc, r1
	mrs	r14, spsr
	check	r14, 0x600000d3, 8
	mrs	r0, spsr
	check	r0, 0x600000d3, 9
	mov	r1, #0
	msr	spsr_fsxc, r1
	msr	spsr_fsxc, r14
	mrs	r12, spsr
	check	r12, 0x600000d3, 10
	mov	r1, #0
	msr	spsr_fsxc, r1
	msr	spsr_fsxc, r0
	mrs	r12, spsr
	check	r12, 0x600000d3, 11

	@ 2. every mode its SPSR; SYS the core slot of USR
	spsr_in	0x12, 0x20000012
	spsr_in	0x17, 0x40000017
	spsr_in	0x1b, 0x8000001b
	spsr_in	0x11, 0x10000011
	spsr_in	0x1f, 0x30000010
	mrs	r2, spsr
	check	r2, 0x600000d3, 12
	spsr_of	0x12, 0x20000012, 13
	spsr_of	0x17, 0x40000017, 14
	spsr_of	0x1b, 0x8000001b, 15
	spsr_of	0x11, 0x10000011, 16
	spsr_of	0x1f, 0x30000010, 17

	@ 3. virtual USR: its MRS of the SPSR is its own SWI
	adr	r8, 1f
	adr	r7, 2f
	msr	cpsr_c, #0xd0
2:	mrs	r2, spsr
	mov	r0, #18
	b	fail
1:	mrs	r2, spsr		@ SPSR_svc: the USR CPSR
	and	r2, r2, #0xff
	check	r2, 0xd0, 19
	msr	cpsr_c, #0xd3

	@ 4. MRS pc, SPSR; MSR SPSR_cf, pc (UNPREDICTABLE: the core branches
	@ to the SPSR, reads PC + 8)
	mov	r1, #0x80
	msr	spsr_fsxc, r1
	adr	r8, 3f
	.inst	0xe14ff000		@ mrs pc, spsr
	mov	r0, #20
	b	fail
3:
4:	.inst	0xe169f00f		@ msr spsr_cf, pc
	adr	r2, 4b + 8
	ldr	r3, =0xf90000ff
	and	r2, r2, r3
	mrs	r4, spsr
	cmp	r4, r2
	movne	r0, #21
	bne	fail

	@ 5. conditions that fail, and pass
	mov	r1, #0xd3
	msr	spsr_fsxc, r1
	mov	r1, #0x40000000
	msr	cpsr_f, r1		@ Z
	mov	r2, #7
	mrsne	r2, spsr
	msrne	spsr_c, #0x1f
	msrne	spsr_fsxc, r1
	msrne	cpsr_c, #0x1f
	msrne	cpsr_c, #0x53
	mrs	r3, cpsr
	mrseq	r4, spsr
	msreq	spsr_c, #0xdf
	mrs	r5, spsr
	check	r2, 7, 22
	and	r3, r3, #0xff
	check	r3, 0xd3, 23
	check	r4, 0xd3, 24
	check	r5, 0xdf, 25

	@ 6. MSR CPSR_c, CPSR_cx with an immediate
	msr	cpsr_c, #0x93		@ F clear
	mrs	r2, cpsr
	and	r2, r2, #0xff
	check	r2, 0x93, 26
	msr	cpsr_c, #0xd3
	ldr	r1, =0x1d3		@ A: the ARM1176 only (an immediate
	msr	cpsr_cx, r1		@ cannot hold A and a privileged mode)
	mrs	r2, cpsr
	ldr	r3, =0x1ff
	and	r2, r2, r3
	check2	r2, 0xd3, 0x1d3, 27
	msr	cpsr_cx, #0xd3		@ A clear again
	mrs	r2, cpsr
	and	r2, r2, r3
	check	r2, 0xd3, 28
	msr	cpsr_c, #0xdf		@ SYS: a bank switch (C)
	mrs	r2, cpsr
	and	r2, r2, #0xff
	check	r2, 0xdf, 29
	msr	cpsr_c, #0xd3
	msr	cpsr_c, #0xf3		@ T: never written by MSR
	mrs	r2, cpsr
	and	r2, r2, r3
	check	r2, 0xd3, 30
	.inst	0xe321f14f		@ msr cpsr_c, #0xc0000013 (0x4f ror 2)
	mrs	r2, cpsr
	and	r2, r2, #0xff
	check	r2, 0x13, 31
	msr	cpsr_c, #0xd3

	@ 7. pending interrupts: MSR CPSR_c, #imm unmasking a high line
	soft_irq
	msr	spsr_c, #0xd2		@ masked: nothing to take
	mrs	r2, spsr
	check	r2, 0xd2, 32
	check	r10, 0, 33
	adr	r7, 5f
	msr	cpsr_c, #0x53
5:	check	r10, 1, 34
	@ the shared page unmasking a high line, then an MRS, an MSR of
	@ the SPSR from a register, from an immediate
	soft_irq
	page_unmask
	adr	r7, 6f
	mrs	r4, spsr
6:	check	r10, 2, 35
	check	r4, 0xd2, 36
	soft_irq
	page_unmask
	adr	r7, 7f
	mov	r5, #0xd1
	msr	spsr_c, r5
7:	check	r10, 3, 37
	mrs	r2, spsr
	check	r2, 0xd1, 38
	soft_irq
	page_unmask
	adr	r7, 8f
	msr	spsr_c, #0xd7
8:	check	r10, 4, 39
	mrs	r2, spsr
	check	r2, 0xd7, 40
	msr	cpsr_c, #0xd3

	@ 8. CP15: the SCTLR read (against MRCNE, by C), a write that
	@ changes nothing, one that sets A (the real alignment check
	@ follows: a data abort), DACR writes
	mov	r1, #0
	msr	cpsr_f, r1		@ NE passes
	mrc	p15, 0, r2, c1, c0, 0
	.inst	0x1e113f10		@ mrcne p15, 0, r3, c1, c0, 0
	cmp	r2, r3
	movne	r0, #41
	bne	fail
	mcr	p15, 0, r2, c1, c0, 0
	mrc	p15, 0, r4, c1, c0, 0
	cmp	r4, r2
	movne	r0, #42
	bne	fail
	orr	r3, r2, #2		@ A
	mcr	p15, 0, r3, c1, c0, 0
	mrc	p15, 0, r4, c1, c0, 0
	cmp	r4, r3
	movne	r0, #43
	bne	fail
	mov	r6, #0
	adr	r7, 9f
	add	r1, r7, #1
9:	ldr	r0, [r1]		@ an alignment fault
	check	r6, 1, 44
	mcr	p15, 0, r2, c1, c0, 0	@ A clear
	ldr	r0, [r1]		@ rotated, no fault
	check	r6, 1, 45
	ldr	r1, =0x55555555
	mcr	p15, 0, r1, c3, c0, 0
	mrc	p15, 0, r3, c3, c0, 0
	check	r3, 0x55555555, 46
	mvn	r1, #0
	mcr	p15, 0, r1, c3, c0, 0
	mrc	p15, 0, r3, c3, c0, 0
	check	r3, 0xffffffff, 47
	mov	r1, #1
	mcr	p15, 0, r1, c3, c0, 0
	mrc	p15, 0, r3, c3, c0, 0
	check	r3, 1, 48
	@ MRC to r15: the flags from SCTLR[31:28] (C); MCR from r15: PC + 8
	mov	r1, #0xf0000000
	msr	cpsr_f, r1
	.inst	0xee11ff10		@ mrc p15, 0, r15, c1, c0, 0
	mrs	r3, cpsr
	and	r3, r3, #0xf0000000
	and	r4, r2, #0xf0000000
	cmp	r3, r4
	movne	r0, #49
	bne	fail
10:	.inst	0xee03ff10		@ mcr p15, 0, r15, c3, c0, 0
	mrc	p15, 0, r3, c3, c0, 0
	adr	r4, 10b + 8
	cmp	r3, r4
	movne	r0, #50
	bne	fail
	mov	r1, #1
	mcr	p15, 0, r1, c3, c0, 0
	@ from virtual USR: its own Undefined instructions
	adr	r8, 11f
	adr	r7, 12f
	msr	cpsr_c, #0xd0
12:	mrc	p15, 0, r2, c1, c0, 0
	mov	r0, #51
	b	fail
11:	msr	cpsr_c, #0xd3
	adr	r8, 13f
	adr	r7, 14f
	msr	cpsr_c, #0xd0
14:	mcr	p15, 0, r1, c3, c0, 0
	mov	r0, #52
	b	fail
13:	msr	cpsr_c, #0xd3
	mrc	p15, 0, r3, c3, c0, 0
	check	r3, 1, 53
	@ STM^ and LDM^ of the User registers (the system-call fast path),
	@ first on a page nothing touched before (its probe aborts: C fills
	@ it), then again (the fast path), then with a base not word-aligned
	@ (bits 1:0 ignored, A clear: C)
	msr	cpsr_c, #0xdf		@ SYS: the User r13, r14
	ldr	sp, =0x5a5a0d0d
	ldr	lr, =0x5a5a0e0e
	msr	cpsr_c, #0xd3
	ldr	r1, =0x00208000
	ldr	r2, =0x12340002
	ldr	r3, =0x12340003
	mov	r5, #2
15:	stmia	r1, {r2, r3, sp, lr}^
	ldmia	r1, {r4, r6, r7, r8}
	check	r4, 0x12340002, 54
	check	r6, 0x12340003, 55
	check	r7, 0x5a5a0d0d, 56
	check	r8, 0x5a5a0e0e, 57
	ldr	r4, =0x11110d0d
	str	r4, [r1, #8]
	ldr	r4, =0x11110e0e
	str	r4, [r1, #12]
	mov	r2, #0
	mov	r3, #0
	ldmia	r1, {r2, r3, sp, lr}^
	nop
	check	r2, 0x12340002, 58
	check	r3, 0x12340003, 59
	user_splr r4, r6
	check	r4, 0x11110d0d, 60
	check	r6, 0x11110e0e, 61
	subs	r5, r5, #1
	bne	15b
	add	r1, r1, #0x100
	add	r1, r1, #2		@ 0x208102
	stmdb	r1, {sp, lr}^		@ 0x2080f8 and 0x2080fc
	ldr	r4, [r1, #-10]
	check	r4, 0x5a5a0d0d, 62
	ldr	r4, [r1, #-6]
	check	r4, 0x5a5a0e0e, 63
	@ STM^ and LDM^ of the User registers by the assembly (vectors.S
	@ user_block): the four addressing modes, fifteen registers and
	@ one, the base in the list, from SVC and from IRQ mode (its own SP
	@ the base); from FIQ mode (its banked r8: left to C); across two
	@ pages nothing touched before (the probe of the first or of the
	@ last word aborts: C), then again (both mapped: the assembly).
	@ r9 and r10 kept at 0x208600.
	b	1f
	.ltorg
1:	ldr	r1, =0x00208600
	stmia	r1, {r9, r10}
	msr	cpsr_c, #0xdf		@ SYS: the User r13, r14
	ldr	sp, =0x5a5a0d0d
	ldr	lr, =0x5a5a0e0e
	msr	cpsr_c, #0xd3
	ldr	r12, =0x00208400
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ldr	r\i, =0x7e000000 + \i
	.endr
	stmib	r12, {r0-r14}^		@ 0x208404 to 0x20843c
	nop
	ldr	r1, =0x00208404
	ldr	r3, =0x7e000000
2:	ldr	r4, [r1], #4
	cmp	r4, r3
	movne	r0, #100
	bne	fail
	add	r3, r3, #1
	and	r2, r3, #0xff
	cmp	r2, #12			@ r0-r11
	blo	2b
	ldr	r4, [r1], #4
	check	r4, 0x00208400, 101	@ r12, the base
	ldr	r4, [r1], #4
	check	r4, 0x5a5a0d0d, 102
	ldr	r4, [r1]
	check	r4, 0x5a5a0e0e, 103
	ldr	r1, =0x00208480		@ 14 words below: 0x6c000000 + n down
	ldr	r2, =0x6c000000
	mov	r3, #14
3:	str	r2, [r1, #-4]!
	add	r2, r2, #1
	subs	r3, r3, #1
	bne	3b
	ldr	r12, =0x00208480 - 14 * 4
	ldmia	r12, {r0-r11, sp, lr}^	@ 0x208448 to 0x20847c
	nop
	mov	r12, r11
	check	r12, 0x6c000002, 104
	check	r0, 0x6c00000d, 105
	check	r5, 0x6c000008, 106
	check	r10, 0x6c000003, 107
	user_splr r4, r5
	check	r4, 0x6c000001, 108
	check	r5, 0x6c000000, 109
	ldr	r1, =0x00208500
	ldr	r2, =0x33333333
	str	r2, [r1]
	stmda	r1, {lr}^		@ one register: 0x208500
	nop
	ldr	r2, [r1]
	check	r2, 0x5a5a0e0e, 110
	ldr	r1, =0x00208500 - 8
	ldr	r2, =0x44444444
	str	r2, [r1, #4]
	ldmib	r1, {sp}^		@ one register: 0x2084fc
	nop
	user_splr r4, r6
	check	r4, 0x44444444, 111
	ldr	r2, =0x55550000
	str	r2, [r1, #-8]
	ldr	r2, =0x55550001
	str	r2, [r1, #-4]
	ldmdb	r1, {r0, r1}^		@ the base in the list: loaded
	nop
	check	r0, 0x55550000, 112
	check	r1, 0x55550001, 113
	msr	cpsr_c, #0xd2		@ IRQ: its own sp and lr
	ldr	sp, =0x00208540
	ldr	lr, =0x1e1e0e0e
	mov	r2, #2
	stmdb	sp, {r2, sp, lr}^	@ 0x208534 to 0x20853c: User sp, lr
	nop
	mov	r3, sp
	msr	cpsr_c, #0xd3
	check	r3, 0x00208540, 114	@ no writeback
	ldr	r1, =0x00208534
	ldmia	r1, {r4, r5, r6}
	check	r4, 2, 115
	check	r5, 0x5a5a0d0d, 116
	check	r6, 0x5a5a0e0e, 117
	ldr	r8, =0x7e000008		@ the User r8
	ldr	r1, =0x00208580
	msr	cpsr_c, #0xd1		@ FIQ: r8 banked (C)
	ldr	r8, =0xf1f10808
	stmia	r1, {r8}^
	nop
	msr	cpsr_c, #0xd3
	ldr	r4, [r1]
	check	r4, 0x7e000008, 118
	ldr	r1, =0x0020aff8		@ across 0x20b000: two fresh pages
	mov	r5, #2
4:	ldr	r2, =0x22220002
	ldr	r3, =0x22220003
	stmia	r1, {r2, r3, sp, lr}^	@ 0x20aff8 to 0x20b004
	nop
	ldr	r4, [r1, #12]
	check	r4, 0x5a5a0e0e, 119
	ldr	r4, [r1, #8]
	check	r4, 0x5a5a0d0d, 120
	mov	r2, #0
	ldr	r4, =0x0c0c0c0c
	str	r4, [r1, #4]
	ldmia	r1, {r2, r3}^		@ 0x20aff8 to 0x20afff
	nop
	check	r2, 0x22220002, 121
	check	r3, 0x0c0c0c0c, 122
	add	r1, r1, #0x1000		@ across 0x20c000, fresh the first time
	ldr	r2, =0x0d0d0d0d
	str	r2, [r1, #4]
	ldmia	r1, {r2, r3, sp, lr}^
	nop
	check	r3, 0x0d0d0d0d, 123
	user_splr r6, r7
	check	r6, 0, 124		@ 0x20c000: fresh RAM, zero
	ldr	r2, [r1, #8]		@ the guest touches 0x20c000
	sub	r1, r1, #0x1000
	subs	r5, r5, #1
	bne	4b
	ldr	r1, =0x00208600
	ldmia	r1, {r9, r10}
	@ user accesses in a row: one trap, the five after it in its run
	ldr	r1, =0x00208200
	mov	r5, r1
	ldr	r2, =0x11223344
	ldr	r3, =0x55667788
	strt	r2, [r1], #4
	strbt	r3, [r1], #4
	strt	r3, [r1], #-8
	ldrt	r4, [r5], #4
	ldrbt	r6, [r5], #4
	ldrt	r7, [r5], #-8
	check	r1, 0x00208200, 64
	check	r5, 0x00208200, 65
	check	r4, 0x11223344, 66
	check	r6, 0x88, 67
	check	r7, 0x55667788, 68
	@ 9. a system call: MOVS pc, lr to virtual USR mode and the SWI
	@ back (the system-call fast path in assembly): the banked sp
	@ and lr of each mode, the flags kept, SPSR_svc, LR_svc (swi_h)
	b	1f
	.ltorg
1:	mov	r6, #0
	msr	cpsr_c, #0xdf		@ SYS: the User sp, lr
	ldr	sp, =0x0a0a0d0d
	ldr	lr, =0x0a0a0e0e
	msr	cpsr_c, #0xd3
	ldr	sp, =0x5c5c0d0d
	ldr	r0, =0x60000010		@ USR, Z and C, I and F clear
	msr	spsr_fsxc, r0
	adr	r8, 17f
	adr	r7, 18f
	adr	lr, 16f
	movs	pc, lr
16:	mov	r4, sp			@ USR
	mov	r5, lr
	moveq	r6, #1			@ Z from the SPSR
18:	swi	0x123
	mov	r0, #69
	b	fail
17:	mrs	r2, cpsr		@ SVC, I set, F as it was
	ldr	r3, =0x1ff
	and	r2, r2, r3
	check	r2, 0x93, 70
	mrs	r2, spsr
	check	r2, 0x60000010, 71
	check	sp, 0x5c5c0d0d, 72
	check	r4, 0x0a0a0d0d, 73
	check	r5, 0x0a0a0e0e, 74
	check	r6, 1, 75
	@ from IRQ mode, MOVS pc, r3 (bits 1:0 of r3 ignored): its own
	@ sp and lr kept in its bank
	msr	cpsr_c, #0xd2
	ldr	sp, =0x1e1e0d0d
	ldr	lr, =0x1e1e0e0e
	ldr	r0, =0x80000010		@ USR, N
	msr	spsr_fsxc, r0
	adr	r3, 19f + 2
	adr	r8, 20f
	adr	r7, 21f
	movs	pc, r3
19:	mov	r4, sp
	mov	r5, lr
	movmi	r6, #2
21:	swi	0
	mov	r0, #76
	b	fail
20:	check	r4, 0x0a0a0d0d, 77
	check	r5, 0x0a0a0e0e, 78
	check	r6, 2, 79
	msr	cpsr_c, #0xd2
	mov	r4, sp
	mov	r5, lr
	msr	cpsr_c, #0xd3
	check	r4, 0x1e1e0d0d, 80
	check	r5, 0x1e1e0e0e, 81
	check	sp, 0x5c5c0d0d, 82
	@ MOVSNE pc, lr: not trapped with Z set (the real SWI condition
	@ fails), taken with it clear
	mov	r0, #0x10
	msr	spsr_fsxc, r0
	adr	lr, 22f
	mov	r1, #0x40000000
	msr	cpsr_f, r1
	movnes	pc, lr
	mov	r1, #0
	msr	cpsr_f, r1
	adr	r8, 23f
	adr	r7, 22f
	movnes	pc, lr
	mov	r0, #83
	b	fail
22:	swi	2
	mov	r0, #84
	b	fail
23:	mrs	r2, spsr
	check	r2, 0x10, 85
	@ left to C: MOVS pc to a privileged mode (SYS: the User sp), to
	@ Thumb state (its SWI then from Thumb: C, LR = the SWI + 2)
	mov	r0, #0xdf
	msr	spsr_fsxc, r0
	adr	lr, 24f
	movs	pc, lr
24:	mrs	r2, cpsr
	and	r2, r2, #0xff
	check	r2, 0xdf, 86
	check	sp, 0x0a0a0d0d, 87
	msr	cpsr_c, #0xd3
	mov	r0, #0x30		@ USR, T
	msr	spsr_fsxc, r0
	mov	r6, #0
	ldr	lr, =thumb_task
	mov	r7, lr			@ its SWI at + 2: LR - 4 (swi_h) is here
	adr	r8, 25f
	movs	pc, lr
25:	check	r6, 5, 88
	mrs	r2, spsr
	check	r2, 0x30, 89
	@ left to C: a virtual IRQ line high (masked by I in the
	@ user CPSR), both at MOVS pc and at the SWI; the IRQ then at the
	@ MSR that unmasks it, as without the fast path
	soft_irq
	mov	r0, #0x90		@ USR, I
	msr	spsr_fsxc, r0
	adr	lr, 26f
	movs	pc, lr
26:	adr	r8, 27f
	adr	r7, 28f
28:	swi	1
	mov	r0, #95
	b	fail
27:	mrs	r2, spsr
	and	r2, r2, #0xff
	check	r2, 0x90, 96
	check	r10, 4, 97
	adr	r7, 29f
	msr	cpsr_c, #0x53
29:	check	r10, 5, 98
	msr	cpsr_c, #0xd3
	mov	r0, #0
	swi	0x280000
	.pushsection .data		@ not rewritten: Thumb code
	.align	2
	.thumb
thumb_task:
	mov	r6, #5
	swi	0
	.arm
	.popsection
'; then
	echo "$0: cannot build the guest" >&2
	exit 99
fi

# The trap words this guest gives the SWI fast path, counted by hand
# from the source above: 38 MRS (of them 20 of the SPSR; to C: the USR
# task's, MRS pc and the one with a line the page let in); MSR 40 on the
# ARM926EJ-S, 42 on the ARM1176, whose SPSR has bits in the x and s
# fields (to C: the mode changes, the unmaskings, MSR from pc, MSR
# CPSR_f, the two with a line the page let in, and on the ARM926EJ-S
# the MSRs of a field without a bit there); section 9 gives 6 of the
# MRSs and 8 of the MSRs; and the CP15 fast path 10 of the 20 CP15
# accesses (the SCTLR reads but MRCNE and MRC to r15, the SCTLR and
# DACR writes but MCR from r15; to C also the other MRCs: MIDR, DFSR,
# DACR).
counts='^armpv-bm: ([0-9]+ traps|shadow paging|virtual exceptions):'
for cpu in arm926 arm1176; do
	for how in fast slow; do
		g=psr-$cpu-$how
		case $how in
		fast) append= ;;
		slow) append=armpv.profile ;;
		esac
		bm_qemu -cpu $cpu -kernel "$bm_monitor" -semihosting \
			${append:+-append "$append"} \
			-initrd "$out/psr.rw.elf" >"$out/$g.log" 2>&1
		rc=$?
		if test $rc -ne 0; then
			echo "FAIL: $g: exit status $rc (the number of the check that failed; docs: tests/baremetal/fastpath.sh)"
			sed 's/^/  | /' "$out/$g.log"
			fail=$((fail + 1))
		else
			echo "ok: $g: every check passed"
			pass=$((pass + 1))
		fi
		grep -aE "$counts" "$out/$g.log" >"$out/$g.counts"
	done
	if test -s "$out/psr-$cpu-fast.counts" &&
	   diff -u "$out/psr-$cpu-fast.counts" "$out/psr-$cpu-slow.counts"; then
		echo "ok: psr-$cpu-same: the fast paths and the C path count the same"
		pass=$((pass + 1))
	else
		echo "FAIL: psr-$cpu-same: the fast paths and the C path count differently (fast '-', C '+')"
		fail=$((fail + 1))
	fi
	fastline=$(grep -a '^armpv-bm: of those, by the' \
		"$out/psr-$cpu-fast.log" | tr '\n' ' ')
	slowline=$(grep -a '^armpv-bm: of those, by the' \
		"$out/psr-$cpu-slow.log" | tr '\n' ' ')
	case $cpu in
	arm926) want='mrs 38 msr 40 cps 0' ;;
	arm1176) want='mrs 38 msr 42 cps 0' ;;
	esac
	lines() {
		echo "armpv-bm: of those, by the SWI fast path: $1 armpv-bm: of those, by the CP15 fast path: cp15 $2 (TLB invalidations by MVA 0) "
	}
	if test "$fastline" = "$(lines "$want" 10)" &&
	   test "$slowline" = "$(lines 'mrs 0 msr 0 cps 0' 0)"; then
		echo "ok: psr-$cpu-taken: $fastline"
		pass=$((pass + 1))
	else
		echo "FAIL: psr-$cpu-taken: '$fastline' and '$slowline', want '$want', cp15 10 and none"
		fail=$((fail + 1))
	fi
	# The system-call fast path (vectors.S user_block, swi_user,
	# fast_movs; run.c bm_fast_undef()): the STM^ on the fresh page left
	# to C by its probe (the recoverable abort), the second taken, the
	# unaligned one to C; both LDM^; of the section after them, the
	# STM^ from SVC (IB, DA) and IRQ (DB), not the one from FIQ, the
	# first across two fresh pages left to C by its probe, the second
	# taken (4 more), the LDM^ (IA, IB, DB, twice the one in the loop)
	# and the second across into a fresh page (6 more; the first left
	# to C by its probe); the guest's own SWI from virtual USR mode; six
	# user accesses on one trap; none with armpv.profile.
	sysline=$(grep -a '^armpv-bm: the system-call fast path took:' \
		"$out/psr-$cpu-fast.log")
	syswant='armpv-bm: the system-call fast path took: stm_user 5 ldm_user 8 movs 3, virtual SWI entries 4, user accesses 6 (5 of them after another without a trap); left to C by a probe of guest memory or the shadow: 3'
	if test "$sysline" = "$syswant" &&
	   grep -aq '^armpv-bm: the system-call fast path took: stm_user 0 ldm_user 0 movs 0, virtual SWI entries 0, user accesses 0 (0 of them after another without a trap); left to C by a probe of guest memory or the shadow: 0$' \
		"$out/psr-$cpu-slow.log"; then
		echo "ok: psr-$cpu-syscall: $sysline"
		pass=$((pass + 1))
	else
		echo "FAIL: psr-$cpu-syscall: '$sysline', want '$syswant' (and all 0 with armpv.profile)"
		fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
test $fail -eq 0
