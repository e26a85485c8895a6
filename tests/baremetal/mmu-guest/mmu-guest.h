/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmu-guest.h -- constants shared by the MMU test guest's C and assembly
 * (tests/baremetal/mmu-guest/): its memory map and system calls.
 *
 * Physical (guest RAM under armpv-bm, the board's RAM natively): the
 * image at 0x8000, the pages the test maps at 0x200000 up.  Virtual: the
 * first MiB identity (section, user read/write: code, data, stacks), the
 * second MiB identity for the kernel only (it fills the pages through
 * it), the I/O section identity for the kernel only (the native UART,
 * guest-board.h),
 * and the test's coarse table for 0x400000-0x4fffff, domain TEST_DOMAIN.
 */
#ifndef MMU_GUEST_H
#define MMU_GUEST_H

#include "kern.h"

#define PAGES_PA 0x00200000
#define USER_VA 0x00400000  /* small page, AP 11: user read/write */
#define KERN_VA 0x00401000  /* small page, AP 01: kernel only */
#define FAULT_VA 0x00402000 /* unmapped until the abort handler maps it */
#define REMAP_VA 0x00403000 /* remapped by SYS_REMAP */
#define RO_VA 0x00404000    /* small page, AP 10: user read-only */
/* The frame REMAP_VA maps after SYS_REMAP, from PAGES_PA. */
#define REMAP_NEW_OFF 0x8000
#define TEST_DOMAIN 1
#define MG_DACR 0x5 /* domains 0 and 1: client */

/*
 * Remapping by size (mmu-guest.c remap_by_size()): a small page and a
 * 64 KiB large page in a second coarse table for 0x800000-0x8fffff
 * (domain 0), and a section at 0x900000, all user read/write, each
 * moved to another frame and invalidated by one MVA.  Physical frames:
 * the old and new of each, 64 KiB and 1 MiB aligned as their size
 * needs.
 */
#define RS_SMALL_VA 0x00800000
#define RS_LARGE_VA 0x00810000
#define RS_SECT_VA 0x00900000
#define RS_SMALL_OLD_PA 0x00500000
#define RS_SMALL_NEW_PA 0x00501000
#define RS_LARGE_OLD_PA 0x00510000
#define RS_LARGE_NEW_PA 0x00520000
#define RS_SECT_OLD_PA 0x00600000
#define RS_SECT_NEW_PA 0x00700000
/* The words the kernel and the user task read (rs_va[]). */
#define RS_N 5

/*
 * Tiny pages (mmu-guest.c tiny_pages(), ARM926EJ-S only: ARMv6 has no
 * fine tables): a fine table for 0xa00000-0xafffff (domain 0) maps the
 * four 1 KiB tiny pages of TINY_VA to the four 1 KiB of the frame
 * TINY_PA in reverse order, user read/write: none is in its place in a
 * 4 KiB frame.
 */
#define TINY_VA 0x00a00000
#define TINY_PA 0x00504000

/*
 * Address spaces (mmu-guest.c address_spaces()): a second first-level
 * table, B, a copy of the first, A, but for these MiBs.  AS_VA: a coarse
 * table of its own in each (A's pages 0, 1, 2 at frames AS_F(0..2), B's
 * page 0 at AS_F(7)); AS_SECT_VA: in A a section (RS_SECT_OLD_PA's
 * MiB), nothing in B; AS_PTR_VA: in A a coarse table (page 0 at
 * AS_F(5)), nothing in B; AS_SHARED_VA: the same coarse table in both
 * (page 0 at AS_F(8)), as Linux shares its kernel's.  While B runs, A's
 * tables change; back in A after a TLB invalidation, A must see the
 * changes.
 */
#define AS_VA 0x00b00000
#define AS_SECT_VA 0x00c00000
#define AS_PTR_VA 0x00d00000
#define AS_SHARED_VA 0x00e00000
#define AS_F(n) (0x00530000 + (n) * 0x1000)
#define AS_NF 10

#define CACHE_VA 0x00f00000 /* caches(): 4 pages, C and B 11 10 01 00 */
#define CACHE_PA 0x00540000

#define MARK 0x0badf00d

/*
 * The kernel's block transfers of the User registers (mmu-guest.c
 * user_blocks(), start.S ub_*): the User r0-r14 an STM^ stores are
 * UB_TAG + n, but its base register, which holds the base; an LDM^'s
 * registers hold MARK before, but its base register.  UB_HOLE_VA: a page
 * of the test's coarse table with no entry (a translation fault).
 */
#define UB_TAG 0x0b000000
#define UB_HOLE_VA 0x00405000

/* The user task's system calls (SWI comment field). */
#define SYS_REMAP 0x51
#define SYS_DONE 0x52

/* ures[] word offsets the user task stores its loads at. */
#define UR_USER 0
#define UR_KERN 4
#define UR_FAULT 8
#define UR_RO 12
#define UR_REMAP_OLD 16
#define UR_REMAP_NEW 20
#define UR_WORDS 6

#endif /* MMU_GUEST_H */
