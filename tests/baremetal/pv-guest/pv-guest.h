/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-guest.h -- constants shared by the shared-page test guest's C and
 * assembly (tests/baremetal/pv-guest/, tests/baremetal/pv.sh).
 *
 * Virtual memory, in the guest's own tables (sections, physical =
 * virtual, user read/write, domain 0): guest RAM 0-16 MiB, the MiB of
 * the system registers (plat_exit) and the MiB of the VIC, SP804 and
 * UART0.  Nothing at 0xffbff000 (armpv_pv.h's page): a user access there
 * is the guest's translation fault, natively and under armpv-bm.
 */
#ifndef PV_GUEST_H
#define PV_GUEST_H

#include "guest-board.h"
#include "kern.h"

#define PV_PAGE_VA 0xffbff000

/* versatilepb: SP804 timer 0 (VIC source 4) and the PL190 VIC. */
#define SP804_BASE 0x101e2000
#define SP804_LOAD 0x00
#define SP804_CTRL 0x08
#define SP804_INTCLR 0x0c
#define SP804_RIS 0x10
#define SP804_EN 0x80
#define SP804_PERIODIC 0x40
#define SP804_INTEN 0x20
#define SP804_32BIT 0x02
#define SP804_ONESHOT 0x01
#define VIC_BASE 0x10140000
#define VIC_INTSELECT 0x0c
#define VIC_INTENABLE 0x10
#define VIC_TIMER01 (1u << 4)

/* The user task's system call (ARM SWI comment field). */
#define SYS_DONE 0x52

#endif /* PV_GUEST_H */
