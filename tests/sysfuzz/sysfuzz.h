/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysfuzz.h -- what the whole-system fuzzer's guest runtime (start.S,
 * runtime.c) and the guests gen.py writes share: the guest's memory map
 * and the layout of its step records.  For C and assembly alike.
 *
 * Guest physical memory (the same natively, RAM at 0, and under
 * armpv-bm, guest RAM at guest physical 0):
 *
 *   0x00008000  the image (tests/process/kern.ld), stacks in .bss
 *   0x00100000  the first-level table (16 KiB), then one 4 KiB slot per
 *               scratch MiB for its second-level table (coarse or fine),
 *               then the high vectors' coarse table and their page
 *               (0x00108000, 0x00109000), a copy of the first-level
 *               table (0x00110000)
 *   0x00400000  the scratch frames: FZ_SCRATCH_MBS MiBs, of which the
 *               first FZ_WINDOW bytes of each are what the steps reach
 *               (and what the memory checksum covers); at 0x02000000
 *               (FZ_SUPER_PA) instead when a supersection maps them
 *
 * Virtual: the image's MiB (user read-only: the user tasks' code is in
 * it), the tables' MiB and the scratch frames'
 * MiBs identity-mapped by sections, kernel only, domain 0 (DACR keeps it
 * client); the console's and the exit register's MiBs the same; the
 * steps' scratch at FZ_SCRATCH_VA, one MiB per scratch MiB, mapped as
 * the seed says (sections, coarse or fine tables, every page size, AP
 * and domain), then one MiB never mapped.
 */
#ifndef SYSFUZZ_H
#define SYSFUZZ_H

#define FZ_L1_PA 0x00100000
#define FZ_L2_PA(i) (0x00104000 + (i) * 0x1000)
#define FZ_SCRATCH_PA(i) (0x00400000 + (i) * 0x100000)
#define FZ_SCRATCH_VA(i) (0x01000000 + (i) * 0x100000)
#define FZ_SCRATCH_MBS 4
/* Supersection seeds (ARM1176): the scratch frames at 32 MiB, which a
 * supersection at FZ_SCRATCH_VA maps (gen.py tables_super). */
#define FZ_SUPER_PA 0x02000000
#define FZ_WINDOW 0x10000
/* The high vectors' second-level table and page (runtime.c hivec()). */
#define FZ_HIVEC_L2_PA 0x00108000
#define FZ_HIVEC_PA 0x00109000
/* A copy of the first-level table (runtime.c tables(), gen.py ttbr). */
#define FZ_L1_COPY_PA 0x00110000

/* The exception log: per exception these words (struct fz_exc). */
#define FZ_EXC_WORDS 7
#define FZ_EXC_MAX 128 /* per step; one more ends the run */

/* The SWI comment that ends a user excursion (gen.py): its handler
 * returns after it in SVC, I and F set, instead of to the task. */
#define FZ_SWI_KERNEL 0xf2e3d4

/* The step's registers as its epilogue pushes them: CPSR, r0-r12. */
#define FZ_STEP_WORDS 14

#endif /* SYSFUZZ_H */
