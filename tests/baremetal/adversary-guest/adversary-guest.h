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
 *   0x10100000-0x101fffff  coarse table, domain 0: only UART0
 *                          (0x101f1000), kernel only (the native console)
 *   0xfff00000-0xffffffff  coarse table, domain 2: empty (with
 *                          ADV_HIGH_VECTORS, 0xffff0000 maps a frame
 *                          user read/write)
 * Everything else is unmapped: the monitor's linear map (0xc0000000),
 * its alias of guest RAM (0xc1000000), guest physical 0x300000 and
 * 0x1000000 (where armpv-bm puts guest RAM in host physical memory).
 */
#ifndef ADVERSARY_GUEST_H
#define ADVERSARY_GUEST_H

#include "kern.h"

#define PAGES_PA 0x00200000
#define USER_VA 0x00400000
#define ALIAS0_VA 0x00401000 /* physical 0, user read/write */
#define HIGHVEC_PA 0x00202000 /* ADV_HIGH_VECTORS: the frame at 0xffff0000 */
#define UART0_VA 0x101f1000
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
