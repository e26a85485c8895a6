/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sample.S -- the one valid ARM object the ELF bad-input corpus and the fuzz
 * seeds are generated from (tests/rewriter/make-bad-elf.c).
 *
 * It has what every layer of the front end reads: ARM code with two
 * sensitive instructions, a literal pool ($a then $d mapping symbols), a
 * relocation (on the pool word, not on a site, so the object rewrites), a
 * data section, ARM attributes, a symbol table and its string table.
 */
	.syntax	unified
	.arm
	.text
	.global	entry
	.type	entry, %function
entry:
	mrs	r0, cpsr
	orr	r0, r0, #0x80
	msr	cpsr_c, r0
	ldr	r1, =counter
	ldr	r2, [r1]
	add	r2, r2, #1
	str	r2, [r1]
	bx	lr
	.size	entry, . - entry
	.ltorg

	.data
	.global	counter
counter:
	.word	0
