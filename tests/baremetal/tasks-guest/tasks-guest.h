/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tasks-guest.h -- constants shared by the multi-tasking test guest's C
 * and assembly (tests/baremetal/tasks-guest/).
 *
 * Physical (guest RAM under armpv-bm, the board's RAM natively): the
 * image at 0x8000; task A's private MiB at 0x200000, task B's at
 * 0x300000.  Virtual, in each task's first-level table: the first MiB
 * identity (section, user read/write: code, kernel data, stacks), both
 * private MiBs identity for the kernel only (it checks them there),
 * TASK_VA the task's own private MiB (A's table: 0x200000, B's table:
 * 0x300000; user read/write), and the device sections identity for the
 * kernel only: the system registers (0x10000000) and the VIC, SP804s and
 * UART0 (0x10100000).
 */
#ifndef TASKS_GUEST_H
#define TASKS_GUEST_H

#include "kern.h"

#define TASK_A_PA 0x00200000
#define TASK_B_PA 0x00300000
#define TASK_VA 0x00400000
#define TASK_STACK_TOP (TASK_VA + 0x100000)

/* The private page's words (TASK_VA + 4 * n). */
#define TP_MAGIC 0   /* set by the kernel before the task starts */
#define TP_COUNT 1   /* the task's spin counter */
#define TP_SEEN 2    /* what the task read at TP_MAGIC */
#define TASK_MAGIC 0x7a5c0000u /* + task number */

/* System calls (SWI comment field); argument and result in r0. */
#define TG_SYS_WRITE 0x61 /* r0: NUL-terminated string */
#define TG_SYS_YIELD 0x62
#define TG_SYS_SPIN 0x63  /* ready to be preempted: yield; the kernel starts
			* the timer once every task is ready */
#define TG_SYS_EXIT 0x64  /* r0: status */

/* The world-switch frame: r0-r12, USR sp and lr, pc, spsr. */
#define TF_SP 52
#define TF_PC 60
#define TF_PSR 64
#define TF_SIZE 72

#endif /* TASKS_GUEST_H */
