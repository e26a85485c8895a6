/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sensitive.h -- values shared by the tasks-guest's kernel-mode phase:
 * sensitive.S runs the instructions with them, test-sensitive.c checks the
 * results against what the ARM ARM (DDI 0100I) says they must give.
 *
 * Every PSR value written keeps bits 23:8 zero (the x and s fields: A
 * and E on the ARM1176, reserved on the ARM926EJ-S, where software must
 * not rely on their values, ARM ARM A2.5) and bits 5 and 24 (T, J)
 * clear, so the result does not depend on which CPU runs the guest.
 */
#ifndef SENSITIVE_H
#define SENSITIVE_H

/* The bytes the checks compare: f (flags) and c (I, F, T, mode). */
#define SN_PSR_FC 0xff0000ffu

/* MSR (ARM ARM A4.1.39): SPSR before each write, the register form's
 * value, and the immediate form's (#0x9f: SYS, I; zero flags). */
#define SN_SPSR_OLD 0xf00000d3u	   /* N Z C V, SVC, I, F */
#define SN_SPSR_REG 0x50000050u	   /* Z V, USR, F */
#define SN_PSR_IMM 0x9f		   /* SYS, I */
#define SN_CPSR_OLD_FC 0xf00000d3u /* CPSR before: N Z C V, SVC, I, F */
#define SN_CPSR_REG_FC 0x4000009fu /* the register form: Z, SYS, I */
#define SN_SPSR_MASKS 15	   /* every mask, c = 1 x = 2 s = 4 f = 8 */
#define SN_CPSR_MASKS 8		   /* the masks with c: 1, 3, 5, ... 15 */

/* STM^ and LDM^ of the User bank (A4.1.98 STM(2), A4.1.21 LDM(2)):
 * the User r13 and r14 that SYS mode writes, r2 stored alongside. */
#define SN_USR_SP 0x7e5a0d00u
#define SN_USR_LR 0x7e5a0e00u
#define SN_STM_R2 0x7e5a0200u
#define SN_LDM_PAT(slot, i) (0x1d000000u + (slot) * 0x100u + (i))
#define SN_SLOT_GUARD 0x6a6a6a6au
/* The four addressing modes (A5.4), each in a 4-word slot: IA, IB, DA,
 * DB; the three words of each land at slot words 0-2. */
#define SN_LDM_MODES 4

/* LDM (3), exception return (A4.1.22): 8 forms (IA, IB, DA, DB, each
 * without and with writeback), each to its own mode via SPSR_svc. */
#define SN_RET_FORMS 8
#define SN_RET_R2 0x3e700002u
#define SN_RET_PSR_SYS 0x900000dfu /* N V, SYS, I, F */
#define SN_RET_PSR_IRQ 0x600000d2u /* Z C, IRQ, I, F */
#define SN_RET_PSR_UND 0x200000dbu /* C, UND, I, F */
#define SN_RET_PSR_ABT 0xc00000d7u /* N Z, ABT, I, F */

/* Data processing with S and Rd = PC (ARM ARM A4.1, "if d == 15:
 * CPSR = SPSR"): SPSRs with N set, which the ALU result (LAND_VA, positive,
 * nonzero) cannot give. */
#define SN_DP_FORMS 26
#define SN_DP_PSR_SYS 0xd00000dfu /* N Z V, SYS, I, F */
#define SN_DP_PSR_SVC 0x900000d3u /* N V, SVC, I, F */
#define SN_BX_R10 0xe12fff1au	  /* bx r10: a wrong landing */
#define SN_BX_R12 0xe12fff1cu	  /* bx r12: the right one */

/* Condition failed (A3.2): results of sn_cond(). */
#define SN_COND_MARK 0xc0d0c0d0u
#define SN_COND_WORDS 12

#endif /* SENSITIVE_H */
