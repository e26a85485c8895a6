/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench-guest.h -- constants shared by the benchmark guest's C and
 * assembly (tests/baremetal/bench-guest/).
 *
 * Physical (guest RAM under armpv-bm, the board's RAM natively): the
 * image at 0x8000; task A's private MiB at 0x200000, task B's at
 * 0x300000; the two frames the page-fault loop maps at 0x600000.
 * Virtual, in each task's first-level table (domain 0, client): the
 * first MiB identity (section, user read/write: code, kernel data,
 * stacks, the tables), TASK_VA the task's own private MiB (A's table:
 * 0x200000, B's: 0x300000; user read/write), FAULT_VA a coarse table
 * whose two pages the page-fault loop takes turns at, and the device
 * sections identity for the kernel only: the system registers
 * (0x10000000: SYS_24MHZ) and the VIC, SP804s and UART0 (0x10100000);
 * on raspi0 (-DBOARD_BCM2835) the system timer and the armctrl
 * (0x20000000) and UART0 (0x20200000).  TOUCH_VA and the page after
 * it, in the first MiB, are only read by the loop that times shadow
 * page fills.
 */
#ifndef BENCH_GUEST_H
#define BENCH_GUEST_H

#include "guest-board.h"
#include "kern.h"

#define TASK_A_PA 0x00200000
#define TASK_B_PA 0x00300000
#define TASK_VA 0x00400000
#define TASK_STACK_TOP (TASK_VA + 0x100000)
#define FAULT_VA 0x00500000 /* two small pages, mapped in turn */
#define FAULT_PA 0x00600000
#define PAGE_SIZE 0x1000
#define TOUCH_VA 0x00001000 /* two pages below the image, left unused */
#ifdef BOARD_BCM2835
/* The register the device-read loop loads: the armctrl's pending 1. */
#define BG_DEVICE_REG (ARMCTRL_BASE + ARMCTRL_PENDING1)
#else
#define VIC_BASE 0x10140000
/* The register the device-read loop loads: the VIC's IRQSTATUS. */
#define BG_DEVICE_REG VIC_BASE
#endif

/* System calls (SWI comment field). */
#define BG_SYS_NULL 0x70 /* returns at once: the null system call */
#define BG_SYS_YIELD 0x71 /* switch to the other task */
#define BG_SYS_DONE 0x72 /* the loop is over: back to the kernel */

/* The world-switch frame: r0-r12, USR sp and lr, pc, spsr. */
#define TF_SP 52
#define TF_PC 60
#define TF_PSR 64
#define TF_SIZE 72

#endif /* BENCH_GUEST_H */
