/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * user.S -- two user tasks.  They run in (virtual) USR mode and hold no
 * sensitive instruction.  Each keeps a fixed register pattern, r<i> =
 * TASK_x_PAT + i, r13 = its stack top, and sets its flags with a CMP; it
 * snapshots its registers below its SP (STMDB without writeback stores
 * the original SP, ARM ARM A4.1.97) and calls the kernel with SWIs.
 *
 * user_swi also records each SWI's address and the CPSR the kernel must
 * find in SPSR_svc in the task's site table, so the kernel checks LR_svc
 * and SPSR_svc of every system call against what the code says.
 */
#include "kern.h"

	.section .rodata.sites_a, "a"
	.align	2
GLOBAL(task_a_sites)
	.section .rodata.sites_b, "a"
	.align	2
GLOBAL(task_b_sites)

.macro user_swi task, nr, psr
	.pushsection .rodata.sites_\task, "a"
	.long	9f, \psr
	.popsection
9:	swi	\nr
.endm

.macro check task, psr
	stmdb	sp, {r0-r14}
	user_swi \task, SYS_CHECK, \psr
.endm

	.text
	.arm

GLOBAL(task_a)
	cmp	r1, r1			@ Z, C
	check	a, TASK_A_PSR
	.rept	NFORMS			@ one return of each form
	check	a, TASK_A_PSR
	.endr
	user_swi a, SYS_SETFLAGS, TASK_A_PSR	@ comes back with N and V
	check	a, SETFLAGS_PSR
	cmp	r1, r1
	user_swi a, SYS_YIELD, TASK_A_PSR	@ to task B
	check	a, TASK_A_PSR
	user_swi a, SYS_YIELD, TASK_A_PSR
	check	a, TASK_A_PSR
	user_swi a, SYS_EXIT, TASK_A_PSR
	b	.

GLOBAL(task_b)
	cmp	r1, r2			@ r1 < r2: N
	check	b, TASK_B_PSR
	user_swi b, SYS_YIELD, TASK_B_PSR	@ back to task A
	check	b, TASK_B_PSR
	.rept	NFORMS
	check	b, TASK_B_PSR
	.endr
	user_swi b, SYS_YIELD, TASK_B_PSR
	b	.

	.section .rodata.sites_a, "a"
	.long	0, 0
	.section .rodata.sites_b, "a"
	.long	0, 0
