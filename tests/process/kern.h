/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kern.h -- constants shared by the C and assembly parts of the process
 * test kernels (tests/process/): modes and PSR bits (ARM ARM A2.5), the
 * exception frame, the layout of the banked-register results, the user
 * tasks' system calls and the memory map.
 *
 * Built twice: -march=armv5te (kern-v5) and -march=armv6 (kern-v6).  The
 * ARMv6-only instructions (CPS, SRS, RFE) sit under KERN_V6.
 */
#ifndef KERN_H
#define KERN_H

#if __ARM_ARCH >= 6
#define KERN_V6 1
#endif

/* Modes, ARM ARM A2.5.7. */
#define USR_MODE 0x10
#define FIQ_MODE 0x11
#define IRQ_MODE 0x12
#define SVC_MODE 0x13
#define ABT_MODE 0x17
#define UND_MODE 0x1b
#define SYS_MODE 0x1f
#define PSR_MODE_MASK 0x1f

#define PSR_T 0x20
#define PSR_F 0x40
#define PSR_I 0x80
#define PSR_A 0x100 /* ARMv6 only */
#define PSR_N 0x80000000
#define PSR_Z 0x40000000
#define PSR_C 0x20000000
#define PSR_V 0x10000000

/*
 * The low CPSR bits the checks compare.  On ARMv6, A is set by reset,
 * data abort, IRQ and FIQ entry (ARM ARM A2.6) and never cleared by our
 * kernel code.  ARMv5 has no A bit: bit 8 is reserved, and software "must
 * not rely on [reserved bits] containing specific values" (ARM ARM A2.5),
 * so the ARMv5 checks leave it out (QEMU's ARM926 model sets it at reset).
 */
#ifdef KERN_V6
#define PSR_A_SET PSR_A
#define PSR_LOW_MASK 0x1ff
#else
#define PSR_A_SET 0
#define PSR_LOW_MASK 0xff
#endif

/* The kernel's normal state: SVC, IRQ and FIQ masked (as at reset). */
#define PSR_KERNEL (SVC_MODE | PSR_I | PSR_F | PSR_A_SET)

/*
 * Exception frame (struct pt_regs): r0-r12, the user sp and lr (saved and
 * restored with STM^/LDM^), the return address and the saved PSR, one
 * pad word to keep the SVC stack 8-byte aligned.  S_PC and S_PSR are
 * adjacent so that SRS and RFE can address them.
 */
#define S_R0 0
#define S_SP 52
#define S_LR 56
#define S_PC 60
#define S_PSR 64
#define S_FRAME 72

/* Exception-return forms the SWI return path rotates through. */
#define FORM_MOVS 0 /* MOVS pc, lr */
#define FORM_SUBS 1 /* SUBS pc, lr, #4 */
#define FORM_LDM 2  /* LDM sp, {r0-r12, pc}^ */
#define FORM_RFE 3  /* RFEIA (ARMv6) */
#ifdef KERN_V6
#define NFORMS 4
#else
#define NFORMS 3
#endif
#define RET_KERNEL (-1) /* swi_dispatch(): leave the user test */

/* User tasks' system calls (SWI payloads that are neither Linux system
 * calls nor armpv hypercalls). */
#define SYS_YIELD 0x42
#define SYS_EXIT 0x43
#define SYS_CHECK 0x44
#define SYS_SETFLAGS 0x45

/* The CPSR the user tasks set before their SWIs (see user.S). */
#define TASK_A_PSR (PSR_Z | PSR_C | USR_MODE)
#define TASK_B_PSR (PSR_N | USR_MODE)
#define SETFLAGS_PSR (PSR_N | PSR_V | USR_MODE)
#define TASK_A_PAT 0xa0a0a000 /* r<i> = pattern + i */
#define TASK_B_PAT 0xb0b0b000

/*
 * Banked-register test results (banks.S fills, test-banks.c checks):
 * byte offsets into an array of words.  Mode index: FIQ 0, IRQ 1, ABT 2,
 * UND 3, SYS 4, SVC 5.
 */
#define IDX_FIQ 0
#define IDX_IRQ 1
#define IDX_ABT 2
#define IDX_UND 3
#define IDX_SYS 4
#define IDX_SVC 5
#define BK_CPSR 0		/* 6 words: MRS CPSR in each mode */
#define BK_SP 24		/* 6 words */
#define BK_LR 48		/* 6 words */
#define BK_SPSR 72		/* 6 words (SYS unused) */
#define BK_FIQ_R8 96		/* 5 words: r8-r12 read in FIQ mode */
#define BK_SVC_R8 116		/* 5 words: r8-r12 in SVC after FIQ */
#define BK_USR_STM 136		/* 2 words: STM^ {sp, lr} from SVC */
#define BK_FIQ_STM_USR 144	/* 7 words: STM^ {r8-r14} from FIQ */
#define BK_SYS_AFTER_LDM 172	/* 2 words: SYS sp, lr after LDM^ */
#define BK_LDM_SRC 180		/* 2 words: what LDM^ loads */
#define BK_SVC_SP_BEFORE 188	/* SVC sp before the test */
#define BK_SIZE 192

/* Values the bank test writes (distinct per mode and register). */
#define PAT_SP(m) (0x50000d00 + (m))
#define PAT_LR(m) (0x50000e00 + (m))
#define PAT_FIQ_R8 0x51100008 /* + i for r8 + i */
#define PAT_USR_R8 0x51000008
#define PAT_LDM_SP 0x5510000d
#define PAT_LDM_LR 0x5510000e
/* SPSR values: defined bits only (flags, I, F, a valid mode). */
#define SPSR_VAL_FIQ (PSR_C | PSR_F | SVC_MODE)
#define SPSR_VAL_IRQ (PSR_N | PSR_I | USR_MODE)
#define SPSR_VAL_ABT (PSR_Z | PSR_I | PSR_F | SYS_MODE)
#define SPSR_VAL_UND (PSR_V | IRQ_MODE)
#define SPSR_VAL_SVC (PSR_N | PSR_Z | PSR_C | PSR_V | USR_MODE)

/*
 * Memory map (identity, 1 MiB sections): 0x00000000-0x00efffff user
 * read/write (AP=11, domain 0); 0x00f00000-0x00ffffff kernel only (AP=01,
 * domain KONLY_DOMAIN); everything above (devices on a board) kernel only,
 * domain 0.
 */
#define KONLY_BASE 0x00f00000
#define KONLY_DOMAIN 2
#define DACR_VALUE 0x11 /* domains 0 and 2: client (01) */
#define KONLY_WORD (KONLY_BASE + 0x80)

/* The user-access tests run with this CPSR, so SPSR_abt is known. */
#define UA_CPSR (PSR_N | PSR_V | PSR_I | PSR_F | SVC_MODE | PSR_A_SET)

#define EFAULT 14

#ifdef __ASSEMBLER__
#define ENTRY(name) \
	.global name; \
	.type name, %function; \
	name:
#define GLOBAL(name) \
	.global name; \
	name:
/* Zero .bss (kern.ld's __bss_start..__bss_end, word-aligned); uses r0-r2. */
.macro clear_bss
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
.endm
#else
#include <stdint.h>

struct pt_regs {
	uint32_t r[13];
	uint32_t sp, lr, pc, psr, pad;
};

_Static_assert(sizeof(struct pt_regs) == S_FRAME, "pt_regs and S_FRAME");
#endif

#endif /* KERN_H */
