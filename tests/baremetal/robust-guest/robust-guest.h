/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * robust-guest.h -- constants shared by the robustness test guest's C and
 * assembly (tests/baremetal/robust-guest/).
 *
 * Virtual memory, in the guest's own tables (physical = virtual where
 * mapped, every mapping user read/write, domain 0):
 *   0x00000000-0x003fffff  sections: image, stacks, the Thumb stubs'
 *                          pages (STUB_VA), the tiny pages' frames
 *   0x00a00000-0x00afffff  ARM926 only: a fine table, TINY_VA's two
 *                          1 KiB tiny pages from two frames
 *   BOARD_UART0_MB         section: the devices (UART0; guest-board.h)
 */
#ifndef ROBUST_GUEST_H
#define ROBUST_GUEST_H

#include "guest-board.h"
#include "kern.h"

#define STUB_VA 0x00300000 /* Thumb stubs copied here at run time */
#define FRAME_A 0x00200000 /* tiny page 0 of TINY_VA: its first 1 KiB */
#define FRAME_B 0x00201000 /* tiny page 1: its second 1 KiB */
#define TINY_VA 0x00a00000
/* UART0 PeriphID0: 0x11, 0x10, 0x14, 0x00 (a PL011 on either board) */
#define UART0_ID (BOARD_UART0 + 0xfe0)

/* User task system calls (ARM-state SWI comment field). */
#define SYS_DONE 0x52
#define THUMB_SWI 0x33 /* the Thumb SWI a user stub issues */

/* The user tasks (start.S), by number: user_run(n). */
#define UT_BKPT_ARM 0
#define UT_BKPT_THUMB 1
#define UT_LDRT 2
#define UT_THUMB_SWI 3
#define UT_THUMB_DEV 4
#define UT_THUMB_ONE 5 /* the stub at ustub (r0 = address) */
#define UT_TPIDR 6     /* ARMv6 only */
#define UT_CP15 7      /* CP15 maintenance from USR mode */
#define UT_THUMB_UDF 8 /* the UDF stub at r1 */

#endif /* ROBUST_GUEST_H */
