/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * adversary-guest.h -- constants shared by the adversarial test guest's C
 * and assembly (tests/baremetal/adversary-guest/): its memory map, the
 * forged trap words its user task executes and its system calls.
 *
 * Virtual memory, in the guest's own tables (physical = virtual where
 * mapped):
 *   0x00000000-0x000fffff  coarse table, domain 0: page 0 (the guest's
 *                          vector page) kernel only, the rest user
 *                          read/write (image, stacks)
 *   0x00200000-0x002fffff  section, kernel only (the test frames)
 *   0x00400000-0x004fffff  coarse table, domain 1: USER_VA (user RW) and
 *                          ALIAS0_VA, a user read/write alias of
 *                          physical page 0 (the vector page)
 *   BOARD_UART0_MB         coarse table, domain 0: only UART0's page
 *                          (guest-board.h: versatilepb 0x101f1000,
 *                          raspi0 0x20201000), kernel only (the native
 *                          console)
 *   0xfff00000-0xffffffff  coarse table, domain 2: empty (with
 *                          ADV_HIGH_VECTORS, 0xffff0000 maps a frame
 *                          user read/write)
 * Everything else is unmapped: the monitor's linear map (0xc0000000),
 * its alias of guest RAM (0xc1000000), guest physical 0x300000 and
 * 0x1000000 (where armpv-bm puts guest RAM in host physical memory),
 * and the devices the monitor keeps for itself (MON_DEV_*): on
 * versatilepb its SP804 and the VIC, in UART0's MiB (a page
 * translation fault), on raspi0 the system timer and the armctrl, in
 * a MiB the guest does not map (a section translation fault).  The
 * probes' names print those addresses: tests/baremetal/adversary.sh
 * compares the two boards' transcripts with the raspi0 names
 * rewritten into the versatilepb ones.
 */
#ifndef ADVERSARY_GUEST_H
#define ADVERSARY_GUEST_H

#include "guest-board.h"
#include "kern.h"

#define PAGES_PA 0x00200000
#define USER_VA 0x00400000
#define ALIAS0_VA 0x00401000 /* physical 0, user read/write */
#define HIGHVEC_PA 0x00202000 /* ADV_HIGH_VECTORS: the frame at 0xffff0000 */
#define UART0_VA BOARD_UART0
#ifdef BOARD_BCM2835
#define MON_DEV_RD 0x20003004u /* system timer CLO */
#define MON_DEV_RD_NAME "system timer 0x20003004"
#define MON_DEV_WR 0x2000b210u /* armctrl IRQ enable 1 */
#define MON_DEV_WR_NAME "armctrl 0x2000b210"
#define MON_DEV_SECTION 1      /* its MiB unmapped */
#define UART0_FR_NAME "UART0 0x20201018"
#define UART0_DR_NAME "UART0 0x20201000"
#else
#define MON_DEV_RD 0x101e3004u /* SP804 timer 2 */
#define MON_DEV_RD_NAME "SP804 0x101e3004"
#define MON_DEV_WR 0x10140010u /* VIC IntEnable */
#define MON_DEV_WR_NAME "VIC 0x10140010"
#define MON_DEV_SECTION 0      /* in UART0's coarse table */
#define UART0_FR_NAME "UART0 0x101f1018"
#define UART0_DR_NAME "UART0 0x101f1000"
#endif
#define TEST_DOMAIN 1
#define HIGH_DOMAIN 2
#define ADV_DACR 0x15 /* domains 0, 1, 2: client */

#define MARK 0x0badf00d
#define USER_FLAGS PSR_C /* the user task's flags around forged words */

/* The user task's system call (SWI comment field): back to the kernel. */
#define SYS_DONE 0x52

/* The user task's memory probes: probe_addr[i], read or write. */
#define NPROBES 13
/* Forged words: NFORGED executed, the last one with a failing condition. */
#define NFORGED 14

#endif /* ADVERSARY_GUEST_H */
