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
 * kernel only: the system registers and the SIC (0x10000000) and the
 * VIC, SP804s and UART0 (0x10100000); on raspi0 (-DBOARD_BCM2835) the
 * system timer and the armctrl (0x20000000), the PM watchdog
 * (0x20100000) and UART0 (0x20200000).  FAULT_VA's MiB is a coarse table of the task's
 * own, domain PF_DOMAIN, empty until the task touches it: the data abort
 * handler then maps the task's frame (its private MiB + FAULT_OFF) there.
 * For the kernel-mode phase (sensitive.S): KONLY_BASE's MiB (kern.h)
 * identity, kernel only, domain KONLY_DOMAIN (LDRT/STRT must fault
 * there), and LAND_MVN_VA's MiB, kernel only, at LAND_MVN_PA (where
 * MVNS pc, #imm can land: see sensitive.S).
 */
#ifndef TASKS_GUEST_H
#define TASKS_GUEST_H

#include "kern.h"

#define TASK_A_PA 0x00200000
#define TASK_B_PA 0x00300000
#define TASK_VA 0x00400000
#define TASK_STACK_TOP (TASK_VA + 0x100000)

/* The page fault each task takes (ARM ARM B4.6: translation fault, page,
 * status 0b0111, the domain of the first-level descriptor in FSR[7:4]). */
#define FAULT_VA 0x00500000
#define FAULT_OFF 0x00080000 /* the frame mapped: task PA + FAULT_OFF */
#define PF_DOMAIN 1
#define PF_MAGIC 0x9f000000u /* + task: the kernel fills the frame */
#define PF_STORED 0x5f000000u /* + task: what the task stores there */
#define PF_LOAD_OFF 0x10     /* the word each task loads */
#define PF_STORE_OFF 0x20    /* the word each task stores */
#define TG_DACR 0x15	     /* domains 0, 1 (PF_DOMAIN), 2: client */

/* Landing addresses of the data-processing exception returns
 * (sensitive.S); LAND_VA lies in the first MiB, identity. */
#define LAND_VA 0x00000240
#define LAND_MVN_VA 0x03fffffc /* = ~0xfc000003, an encodable immediate */
#define LAND_MVN_PA 0x00e00000 /* backs LAND_MVN_VA's MiB */

/* The private page's words (TASK_VA + 4 * n). */
#define TP_MAGIC 0   /* set by the kernel before the task starts */
#define TP_COUNT 1   /* the task's spin counter */
#define TP_SEEN 2    /* what the task read at TP_MAGIC */
#define TP_PF_SEEN 3 /* what it loaded at FAULT_VA + PF_LOAD_OFF */
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

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What a data abort handler saw (ARM ARM A2.6.6: LR_abt = the aborted
 * instruction + 8, SPSR_abt = the CPSR at the access). */
struct tg_abort {
	uint32_t count, lr, spsr, dfsr, far;
};
/* Aborts taken in the kernel by an instruction in __ex_table. */
extern volatile struct tg_abort tg_kernel_abort;

/* DFSR[11] WnR, set for a write on the ARM1176 (ARM1176 TRM 3.2.21);
 * the ARM926EJ-S has no such bit.  0 or 0x800. */
uint32_t tg_fsr_wnr(void);

/* start.S */
uint32_t cp15_read_midr(void);
void setup_stacks(void);

/* test-sensitive.c: the kernel-mode phase. */
void test_sensitive(void);
#endif

#endif /* TASKS_GUEST_H */
