// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check_cp15.c -- unit tests of the virtual CP15 (monitor/core/cp15.c).
 *
 * Every expected value is written by hand from the manuals: the ARM
 * Architecture Reference Manual (ARM DDI 0100I: A4.1 MCR/MRC/MCRR, B3-B6
 * the system control coprocessor), the ARM926EJ-S TRM (ARM DDI 0198, 2.3
 * "CP15 register descriptions") and the ARM1176JZF-S TRM (ARM DDI 0301H,
 * 3.2 "System control processor registers"); ID register values are
 * QEMU's arm926/arm1176 (target/arm/cpu_tcg.c), which the Unicorn
 * differential test compares.  No expectation is obtained by calling the
 * code under test.  Instruction words are built with mcr()/mrc()/mcrr(),
 * from the encoding diagrams of ARM ARM A4.1.32/A4.1.40/A4.1.33.
 *
 * One tcase per register group; each test runs on the model(s) that have
 * the group, and checks the model without it answers Undefined.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "armpv_core.h"

/* ---------------------------------------------------------------------
 * Instruction words.
 *   MCR  cond 1110 opc1 0 CRn Rd 1111 opc2 1 CRm   (MRC: L = 1)
 *   MCRR cond 1100 0100 Rn  Rd 1111 opc  CRm       (MRRC: 0101)
 */
#define AL 0xeu

static uint32_t mcr_word(unsigned cond, unsigned cp, unsigned opc1,
			 unsigned rd, unsigned crn, unsigned crm, unsigned opc2)
{
	return (uint32_t)cond << 28 | 0x0e000010u | opc1 << 21 | crn << 16 |
	       rd << 12 | cp << 8 | opc2 << 5 | crm;
}

static uint32_t mcr(unsigned opc1, unsigned rd, unsigned crn, unsigned crm,
		    unsigned opc2)
{
	return mcr_word(AL, 15, opc1, rd, crn, crm, opc2);
}

static uint32_t mrc(unsigned opc1, unsigned rd, unsigned crn, unsigned crm,
		    unsigned opc2)
{
	return mcr(opc1, rd, crn, crm, opc2) | 1u << 20;
}

static uint32_t mcrr(unsigned opc, unsigned rd, unsigned rn, unsigned crm)
{
	return 0xec400f00u | rn << 16 | rd << 12 | opc << 4 | crm;
}

static uint32_t mrrc(unsigned opc, unsigned rd, unsigned rn, unsigned crm)
{
	return mcrr(opc, rd, rn, crm) | 1u << 20;
}

/* ---------------------------------------------------------------------
 * Fixture: one VM and vCPU per test, reset as the chosen model.
 */
#define PC 0x00008000u /* address of the trapping instruction */

static struct armpv_vm vm;
static struct armpv_vcpu vcpu;

static void reset_as(enum armpv_cpu_model model)
{
	armpv_vm_init(&vm, model);
	armpv_vcpu_init(&vcpu, &vm);
	vcpu.r[15] = PC;
	vcpu.cp15.events = 0;
}

static const enum armpv_cpu_model models[2] = { ARMPV_CPU_ARM926EJS,
						ARMPV_CPU_ARM1176JZFS };

/* Access helpers: MRC into r1, MCR from r2.  The PC is never moved by
 * the CP15 emulation (the caller advances it). */
static enum armpv_cp15_result rd_reg(unsigned crn, unsigned opc1,
				     unsigned crm, unsigned opc2,
				     uint32_t *value)
{
	enum armpv_cp15_result r;

	vcpu.r[1] = 0xdeadbeefu;
	r = armpv_cp15_access(&vcpu, mrc(opc1, 1, crn, crm, opc2));
	ck_assert_uint_eq(vcpu.r[15], PC);
	*value = vcpu.r[1];
	return r;
}

static enum armpv_cp15_result wr_reg(unsigned crn, unsigned opc1,
				     unsigned crm, unsigned opc2,
				     uint32_t value)
{
	enum armpv_cp15_result r;

	vcpu.r[2] = value;
	r = armpv_cp15_access(&vcpu, mcr(opc1, 2, crn, crm, opc2));
	ck_assert_uint_eq(vcpu.r[15], PC);
	return r;
}

/* Read, expecting DONE. */
static uint32_t rd(unsigned crn, unsigned opc1, unsigned crm, unsigned opc2)
{
	uint32_t v;

	ck_assert_msg(rd_reg(crn, opc1, crm, opc2, &v) == ARMPV_CP15_DONE,
		      "MRC c%u, %u, c%u, %u not emulated", crn, opc1, crm,
		      opc2);
	return v;
}

/* Write, expecting DONE. */
static void wr(unsigned crn, unsigned opc1, unsigned crm, unsigned opc2,
	       uint32_t value)
{
	ck_assert_msg(wr_reg(crn, opc1, crm, opc2, value) == ARMPV_CP15_DONE,
		      "MCR c%u, %u, c%u, %u not emulated", crn, opc1, crm,
		      opc2);
}

/* The access must be Undefined, leave r1 alone, and be recorded. */
static void rd_undef(unsigned crn, unsigned opc1, unsigned crm, unsigned opc2)
{
	uint32_t v;

	ck_assert_msg(rd_reg(crn, opc1, crm, opc2, &v) == ARMPV_CP15_UNDEF,
		      "MRC c%u, %u, c%u, %u should be Undefined", crn, opc1,
		      crm, opc2);
	ck_assert_uint_eq(v, 0xdeadbeefu);
	ck_assert_uint_eq(vcpu.cp15.undef_word, mrc(opc1, 1, crn, crm, opc2));
}

static void wr_undef(unsigned crn, unsigned opc1, unsigned crm, unsigned opc2)
{
	ck_assert_msg(wr_reg(crn, opc1, crm, opc2, 0xffffffffu) ==
			      ARMPV_CP15_UNDEF,
		      "MCR c%u, %u, c%u, %u should be Undefined", crn, opc1,
		      crm, opc2);
	ck_assert_uint_eq(vcpu.cp15.undef_word, mcr(opc1, 2, crn, crm, opc2));
}

/* Write v, read back expect. */
static void wr_rd(unsigned crn, unsigned opc1, unsigned crm, unsigned opc2,
		  uint32_t v, uint32_t expect)
{
	wr(crn, opc1, crm, opc2, v);
	ck_assert_uint_eq(rd(crn, opc1, crm, opc2), expect);
}

/* ---------------------------------------------------------------------
 * Table and reset.
 */
START_TEST(test_table_check)
{
	ck_assert_uint_eq(armpv_cp15_check_table(), 0);
}
END_TEST

START_TEST(test_reset_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	ck_assert_uint_eq(vcpu.cp15.midr, 0x41069265u);
	ck_assert_uint_eq(vcpu.cp15.ctr, 0x01dd20d2u);
	ck_assert_uint_eq(vcpu.cp15.tcmtr, 0);
	ck_assert_uint_eq(vcpu.cp15.tlbtr, 0);
	/* 926 TRM 2.3.5: [18], [16] and [6:3] read as one; M, C, I, V
	 * (VINITHI low) and B (BIGENDINIT low) clear. */
	ck_assert_uint_eq(vcpu.cp15.sctlr, 0x00050078u);
	ck_assert_uint_eq(vcpu.cp15.ttbr0, 0);
	ck_assert_uint_eq(vcpu.cp15.dacr, 0);
	ck_assert_uint_eq(vcpu.cp15.fcse_pid, 0);
	ck_assert_uint_eq(vcpu.cp15.actlr, 0);
	ck_assert_uint_eq(vcpu.cp15.prrr, 0);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
}
END_TEST

START_TEST(test_reset_1176)
{
	reset_as(ARMPV_CPU_ARM1176JZFS);
	ck_assert_uint_eq(vcpu.cp15.midr, 0x410fb767u);
	ck_assert_uint_eq(vcpu.cp15.ctr, 0x01dd20d2u);
	ck_assert_uint_eq(vcpu.cp15.tcmtr, 0);
	ck_assert_uint_eq(vcpu.cp15.tlbtr, 0);
	ck_assert_uint_eq(vcpu.cp15.sctlr, 0x00050078u);
	/* 1176 TRM 3.2.8: RS, DB and SB set at reset. */
	ck_assert_uint_eq(vcpu.cp15.actlr, 0x00000007u);
	ck_assert_uint_eq(vcpu.cp15.cpacr, 0);
	ck_assert_uint_eq(vcpu.cp15.ttbcr, 0);
	/* Identity remap (1176 TRM 3.2.32 reset values). */
	ck_assert_uint_eq(vcpu.cp15.prrr, 0x00098aa4u);
	ck_assert_uint_eq(vcpu.cp15.nmrr, 0x44e048e0u);
	ck_assert_uint_eq(vcpu.cp15.tpidr[0], 0);
	ck_assert_uint_eq(vcpu.cp15.tpidr[1], 0);
	ck_assert_uint_eq(vcpu.cp15.tpidr[2], 0);
}
END_TEST

/* A reset after use restores everything, undef_word and events too. */
START_TEST(test_reset_clears)
{
	reset_as(models[_i]);
	wr(3, 0, 0, 0, 0x55555555u);
	wr(13, 0, 0, 0, 0x02000000u);
	wr_undef(4, 0, 0, 0);
	armpv_cp15_reset(&vcpu);
	ck_assert_uint_eq(vcpu.cp15.dacr, 0);
	ck_assert_uint_eq(vcpu.cp15.fcse_pid, 0);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	ck_assert_uint_eq(vcpu.cp15.undef_word, 0);
	ck_assert_uint_eq(vcpu.cp15.sctlr, 0x00050078u);
}
END_TEST

/* ---------------------------------------------------------------------
 * c0: identification.
 */
START_TEST(test_c0_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	ck_assert_uint_eq(rd(0, 0, 0, 0), 0x41069265u);
	ck_assert_uint_eq(rd(0, 0, 0, 1), 0x01dd20d2u);
	ck_assert_uint_eq(rd(0, 0, 0, 2), 0);
	/* Unimplemented opcode_2 values return the ID code register
	 * (926 TRM 2.3.2; ARM ARM B3.3): TLB type is not an ARM926
	 * register. */
	for (unsigned op2 = 3; op2 < 8; op2++)
		ck_assert_uint_eq(rd(0, 0, 0, op2), 0x41069265u);
	/* No CPUID scheme on ARMv5: CRm != 0 (UNPREDICTABLE), opc1 != 0. */
	rd_undef(0, 0, 1, 0);
	rd_undef(0, 0, 2, 0);
	rd_undef(0, 0, 3, 0);
	rd_undef(0, 1, 0, 0);
	/* Read-only: writes are Undefined, the value is unchanged. */
	wr_undef(0, 0, 0, 0);
	wr_undef(0, 0, 0, 1);
	wr_undef(0, 0, 0, 5);
	ck_assert_uint_eq(rd(0, 0, 0, 0), 0x41069265u);
}
END_TEST

START_TEST(test_c0_1176)
{
	static const uint32_t id_c1[8] = { 0x00000111u, 0x00000001u,
					   0x00000033u, 0,
					   0x01130003u, 0x10030302u,
					   0x01222100u, 0 };
	static const uint32_t id_c2[8] = { 0x00140011u, 0x12002111u,
					   0x11231121u, 0x01102131u,
					   0x00001141u, 0, 0, 0 };

	reset_as(ARMPV_CPU_ARM1176JZFS);
	ck_assert_uint_eq(rd(0, 0, 0, 0), 0x410fb767u);
	ck_assert_uint_eq(rd(0, 0, 0, 1), 0x01dd20d2u);
	ck_assert_uint_eq(rd(0, 0, 0, 2), 0);
	ck_assert_uint_eq(rd(0, 0, 0, 3), 0);
	/* 1176 TRM 3.2.2 Note: unimplemented c0,c0 opcode_2 → MIDR. */
	for (unsigned op2 = 4; op2 < 8; op2++)
		ck_assert_uint_eq(rd(0, 0, 0, op2), 0x410fb767u);
	for (unsigned op2 = 0; op2 < 8; op2++) {
		ck_assert_uint_eq(rd(0, 0, 1, op2), id_c1[op2]);
		ck_assert_uint_eq(rd(0, 0, 2, op2), id_c2[op2]);
	}
	/* Rest of the CPUID space reads as zero; beyond it Undefined. */
	for (unsigned crm = 3; crm < 8; crm++)
		ck_assert_uint_eq(rd(0, 0, crm, 0), 0);
	rd_undef(0, 0, 8, 0);
	rd_undef(0, 0, 15, 7);
	rd_undef(0, 1, 0, 0); /* CCSIDR etc. are ARMv7 */
	/* 1176 TRM Tables 3-5, 3-7, 3-13: writes are Undefined. */
	wr_undef(0, 0, 0, 0);
	wr_undef(0, 0, 0, 3);
	wr_undef(0, 0, 1, 0);
	wr_undef(0, 0, 2, 5);
	wr_undef(0, 0, 4, 0);
}
END_TEST

/* ---------------------------------------------------------------------
 * c1: control.
 */
START_TEST(test_c1_sctlr_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	ck_assert_uint_eq(rd(1, 0, 0, 0), 0x00050078u);
	/* Writing zero keeps the SBO bits [18], [16], [6:3]. */
	wr_rd(1, 0, 0, 0, 0, 0x00050078u);
	/* Writable: M A C B S R I V RR L4; SBZ [31:19], 17, [11:10]. */
	wr_rd(1, 0, 0, 0, 0xffffffffu, 0x0005f3ffu);
	/* The v6 bits (Z, U, XP, VE, EE, TR) do not exist. */
	wr_rd(1, 0, 0, 0, 0x00050078u | ARMPV_SCTLR_XP | ARMPV_SCTLR_U |
				  (1u << 11),
	      0x00050078u);
	/* V moves the vectors: the core reads SCTLR.V. */
	wr_rd(1, 0, 0, 0, 0x00052078u, 0x00052078u);
	ck_assert(vcpu.cp15.sctlr & ARMPV_SCTLR_V);
	/* No ACTLR, CPACR on the ARM926. */
	rd_undef(1, 0, 0, 1);
	wr_undef(1, 0, 0, 2);
	rd_undef(1, 0, 1, 0);
}
END_TEST

START_TEST(test_c1_sctlr_1176)
{
	reset_as(ARMPV_CPU_ARM1176JZFS);
	wr_rd(1, 0, 0, 0, 0, 0x00050078u);
	/* 1176 TRM Table 3-39: writable 0-2, 7-9, 11-15, 21-25, 28, 29. */
	wr_rd(1, 0, 0, 0, 0xffffffffu, 0x33e5fbffu);
	wr_rd(1, 0, 0, 0, 0x00050078u | ARMPV_SCTLR_XP | ARMPV_SCTLR_U,
	      0x00c50078u);
	/* ACTLR (1176 TRM 3.2.8): [6:0] and [31:28]. */
	wr_rd(1, 0, 0, 1, 0xffffffffu, 0xf000007fu);
	wr_rd(1, 0, 0, 1, 0, 0);
	/* CPACR: only cp10 and cp11 (VFP) fields. */
	wr_rd(1, 0, 0, 2, 0xffffffffu, 0x00f00000u);
	/* Security Extensions registers are not modelled. */
	rd_undef(1, 0, 1, 0);
	rd_undef(1, 0, 0, 3);
}
END_TEST

/* Only translation-relevant SCTLR changes raise EV_TRANSLATION. */
START_TEST(test_c1_events)
{
	reset_as(models[_i]);
	wr(1, 0, 0, 0, 0x00050078u | ARMPV_SCTLR_C | ARMPV_SCTLR_I);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	wr(1, 0, 0, 0, 0x00050078u | ARMPV_SCTLR_C | ARMPV_SCTLR_I |
			       ARMPV_SCTLR_M);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
	vcpu.cp15.events = 0;
	wr(1, 0, 0, 0, 0x00050078u | ARMPV_SCTLR_M); /* caches off only */
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	wr(1, 0, 0, 0, 0x00050078u | ARMPV_SCTLR_M | ARMPV_SCTLR_S);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
}
END_TEST

/* ---------------------------------------------------------------------
 * c2, c3: translation table base, domains.
 */
START_TEST(test_c2_c3_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	/* 926 TRM 2.3.6: bits [31:14] only. */
	wr_rd(2, 0, 0, 0, 0x12345678u, 0x12344000u);
	ck_assert_uint_eq(vcpu.cp15.events,
			  ARMPV_CP15_EV_TRANSLATION | ARMPV_CP15_EV_CONTEXT);
	rd_undef(2, 0, 0, 1); /* TTBR1, TTBCR: ARMv6 */
	wr_undef(2, 0, 0, 2);
	vcpu.cp15.events = 0;
	wr_rd(3, 0, 0, 0, 0xdeadbeefu, 0xdeadbeefu);
	ck_assert_uint_eq(vcpu.cp15.events,
			  ARMPV_CP15_EV_TRANSLATION | ARMPV_CP15_EV_DACR);
	rd_undef(3, 0, 0, 1);
}
END_TEST

START_TEST(test_c2_c3_1176)
{
	reset_as(ARMPV_CPU_ARM1176JZFS);
	wr_rd(2, 0, 0, 0, 0x12345678u, 0x12345678u);
	ck_assert_uint_eq(vcpu.cp15.events,
			  ARMPV_CP15_EV_TRANSLATION | ARMPV_CP15_EV_CONTEXT);
	vcpu.cp15.events = 0;
	wr_rd(2, 0, 0, 1, 0x8765401bu, 0x8765401bu);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
	vcpu.cp15.events = 0;
	/* TTBCR: N [2:0], PD0 [4], PD1 [5]. */
	wr_rd(2, 0, 0, 2, 0xffffffffu, 0x00000037u);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
	wr_rd(3, 0, 0, 0, 0x55555555u, 0x55555555u);
	rd_undef(2, 0, 0, 3);
}
END_TEST

/* ---------------------------------------------------------------------
 * c5, c6: fault status and address.
 */
START_TEST(test_c5_c6_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	/* 926 TRM 2.3.8: domain [7:4], status [3:0]. */
	wr_rd(5, 0, 0, 0, 0xffffffffu, 0x000000ffu);
	wr_rd(5, 0, 0, 1, 0xffffffffu, 0x000000ffu);
	rd_undef(5, 0, 0, 2);
	wr_rd(6, 0, 0, 0, 0xc0001234u, 0xc0001234u);
	rd_undef(6, 0, 0, 1); /* WFAR, IFAR: ARMv6 */
	rd_undef(6, 0, 0, 2);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
}
END_TEST

START_TEST(test_c5_c6_1176)
{
	reset_as(ARMPV_CPU_ARM1176JZFS);
	/* DFSR: SD [12], WnR [11], FS[4] [10], domain, status. */
	wr_rd(5, 0, 0, 0, 0xffffffffu, 0x00001cffu);
	/* IFSR: SD, FS[4], status. */
	wr_rd(5, 0, 0, 1, 0xffffffffu, 0x0000140fu);
	wr_rd(6, 0, 0, 0, 0x11111111u, 0x11111111u);
	wr_rd(6, 0, 0, 1, 0x22222222u, 0x22222222u);
	wr_rd(6, 0, 0, 2, 0x33333333u, 0x33333333u);
	ck_assert_uint_eq(vcpu.cp15.far, 0x11111111u);
	ck_assert_uint_eq(vcpu.cp15.ifar, 0x33333333u);
	rd_undef(6, 0, 0, 3);
}
END_TEST

/* ---------------------------------------------------------------------
 * c7: cache operations, barriers, WFI.
 */
/* Operations both models list (926 TRM Table 2-18, 1176 TRM 3.2.22). */
static const uint8_t c7_common[][2] = {
	{ 5, 0 },  { 5, 1 },  { 5, 2 },	 { 5, 4 },  { 6, 0 },  { 6, 1 },
	{ 6, 2 },  { 7, 0 },  { 10, 1 }, { 10, 2 }, { 10, 4 }, { 13, 1 },
	{ 14, 1 }, { 14, 2 },
};

START_TEST(test_c7_common)
{
	reset_as(models[_i]);
	for (unsigned i = 0; i < sizeof(c7_common) / 2; i++) {
		unsigned crm = c7_common[i][0], op2 = c7_common[i][1];

		vcpu.cp15.events = 0;
		wr(7, 0, crm, op2, 0x1000u);
		ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_CACHE);
		/* Write-only: reads are Undefined. */
		rd_undef(7, 0, crm, op2);
	}
	/* WFI (c7, c0, 4) on both. */
	vcpu.cp15.events = 0;
	ck_assert_int_eq(wr_reg(7, 0, 0, 4, 0), ARMPV_CP15_WFI);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	rd_undef(7, 0, 0, 4);
	/* Unlisted combinations. */
	wr_undef(7, 0, 0, 0);
	wr_undef(7, 0, 1, 0);
	wr_undef(7, 0, 3, 0);
	wr_undef(7, 1, 5, 0); /* opcode_1 != 0 is reserved */
}
END_TEST

START_TEST(test_c7_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	/* Test and clean (c7, c10, 3) and test, clean and invalidate
	 * (c7, c14, 3) to r15: "all clean", so Z is set, N C V clear, and
	 * the rest of the CPSR is unchanged (ARM ARM A4.1.40). */
	vcpu.cpsr = ARMPV_PSR_N | ARMPV_PSR_C | ARMPV_PSR_V | ARMPV_PSR_I |
		    ARMPV_MODE_SVC;
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mrc(0, 15, 7, 10, 3)),
			 ARMPV_CP15_DONE);
	ck_assert_uint_eq(vcpu.cpsr, ARMPV_PSR_Z | ARMPV_PSR_I |
					     ARMPV_MODE_SVC);
	ck_assert_uint_eq(vcpu.r[15], PC);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_CACHE);
	vcpu.cpsr = ARMPV_PSR_N | ARMPV_MODE_SVC;
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mrc(0, 15, 7, 14, 3)),
			 ARMPV_CP15_DONE);
	ck_assert_uint_eq(vcpu.cpsr, ARMPV_PSR_Z | ARMPV_MODE_SVC);
	/* Into a general register: the Z bit pattern. */
	ck_assert_uint_eq(rd(7, 0, 10, 3), 0x40000000u);
	/* They are reads: MCR to them is Undefined. */
	wr_undef(7, 0, 10, 3);
	/* ARMv6-only operations. */
	wr_undef(7, 0, 10, 0); /* clean entire DCache */
	wr_undef(7, 0, 14, 0);
	wr_undef(7, 0, 10, 5); /* DMB */
	wr_undef(7, 0, 5, 6);  /* flush BTAC */
	wr_undef(7, 0, 11, 0); /* unified no-ops */
	rd_undef(7, 0, 10, 6); /* cache dirty status */
	rd_undef(7, 0, 4, 0);  /* PA register */
}
END_TEST

START_TEST(test_c7_1176)
{
	static const uint8_t v6_ops[][2] = {
		{ 5, 6 }, { 5, 7 }, { 10, 0 }, { 10, 5 }, { 12, 5 }, { 14, 0 },
	};

	reset_as(ARMPV_CPU_ARM1176JZFS);
	for (unsigned i = 0; i < sizeof(v6_ops) / 2; i++) {
		vcpu.cp15.events = 0;
		wr(7, 0, v6_ops[i][0], v6_ops[i][1], 0);
		ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_CACHE);
	}
	/* Unified-cache operations with no effect (1176 TRM 3.2.22 Note):
	 * accepted, no event. */
	vcpu.cp15.events = 0;
	for (unsigned op2 = 1; op2 < 8; op2++)
		wr(7, 0, 7, op2, 0);
	for (unsigned op2 = 0; op2 < 8; op2++) {
		wr(7, 0, 11, op2, 0);
		wr(7, 0, 15, op2, 0);
	}
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	rd_undef(7, 0, 11, 0);
	/* Cache Dirty Status and Block Transfer Status: always 0; writes
	 * Undefined. */
	ck_assert_uint_eq(rd(7, 0, 10, 6), 0);
	wr_undef(7, 0, 10, 6);
	ck_assert_uint_eq(rd(7, 0, 12, 4), 0);
	/* PA register: read/write. */
	wr_rd(7, 0, 4, 0, 0x12345001u, 0x12345001u);
	/* No test-and-clean on ARMv6. */
	rd_undef(7, 0, 10, 3);
	rd_undef(7, 0, 14, 3);
	/* MRC to r15 of a value with clear top bits clears N Z C V. */
	vcpu.cpsr = 0xf0000000u | ARMPV_MODE_SVC;
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mrc(0, 15, 7, 10, 6)),
			 ARMPV_CP15_DONE);
	ck_assert_uint_eq(vcpu.cpsr, ARMPV_MODE_SVC);
}
END_TEST

/* MRC to r15 of an ordinary register: flags from bits [31:28] only. */
START_TEST(test_mrc_r15_flags)
{
	reset_as(models[_i]);
	vcpu.cp15.dacr = 0xa0000000u; /* N and C */
	vcpu.cpsr = ARMPV_PSR_Z | ARMPV_PSR_F | ARMPV_MODE_SVC;
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mrc(0, 15, 3, 0, 0)),
			 ARMPV_CP15_DONE);
	ck_assert_uint_eq(vcpu.cpsr, ARMPV_PSR_N | ARMPV_PSR_C | ARMPV_PSR_F |
					     ARMPV_MODE_SVC);
	ck_assert_uint_eq(vcpu.r[15], PC);
}
END_TEST

/* MCR from r15 writes the instruction's address + 8. */
START_TEST(test_mcr_from_r15)
{
	reset_as(models[_i]);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcr(0, 15, 6, 0, 0)),
			 ARMPV_CP15_DONE);
	ck_assert_uint_eq(vcpu.cp15.far, PC + 8);
	ck_assert_uint_eq(vcpu.r[15], PC);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcr(0, 15, 13, 0, 0)),
			 ARMPV_CP15_DONE);
	ck_assert_uint_eq(vcpu.cp15.fcse_pid, 0); /* 0x8008: no [31:25] */
}
END_TEST

/* Every register uses the current mode's view of Rd (r[]). */
START_TEST(test_rd_any)
{
	reset_as(models[_i]);
	for (unsigned r = 0; r < 15; r++) {
		vcpu.r[r] = 0x01000000u * (r + 1);
		ck_assert_int_eq(armpv_cp15_access(&vcpu, mcr(0, r, 3, 0, 0)),
				 ARMPV_CP15_DONE);
		ck_assert_uint_eq(vcpu.cp15.dacr, 0x01000000u * (r + 1));
		vcpu.r[r] = 0;
		ck_assert_int_eq(armpv_cp15_access(&vcpu, mrc(0, r, 3, 0, 0)),
				 ARMPV_CP15_DONE);
		ck_assert_uint_eq(vcpu.r[r], 0x01000000u * (r + 1));
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * c8: TLB operations.
 */
START_TEST(test_c8)
{
	bool v6 = models[_i] == ARMPV_CPU_ARM1176JZFS;

	reset_as(models[_i]);
	for (unsigned crm = 5; crm <= 7; crm++) {
		for (unsigned op2 = 0; op2 <= 2; op2++) {
			/* By MVA (opcode_2 1) names its entry; invalidate
			 * all and by ASID do not. */
			uint32_t by_mva = op2 == 1 ? ARMPV_CP15_EV_TLB_MVA : 0;

			vcpu.cp15.events = 0;
			if (op2 == 2 && !v6) { /* by ASID: ARMv6 */
				wr_undef(8, 0, crm, op2);
				continue;
			}
			wr(8, 0, crm, op2, 0x1000u);
			ck_assert_uint_eq(vcpu.cp15.events,
					  ARMPV_CP15_EV_TLB | by_mva);
			rd_undef(8, 0, crm, op2);
		}
		wr_undef(8, 0, crm, 3);
	}
	wr_undef(8, 0, 0, 0);
	wr_undef(8, 0, 4, 0);
}
END_TEST

/*
 * Invalidate by MVA reports its Rd exactly (MVA[31:12]; on ARMv6 the
 * ASID in [7:0], 1176 TRM 3.2.23), but only while it is the one TLB
 * operation pending since the backend cleared the events: any second
 * one, of any kind, leaves plain EV_TLB, a full flush.
 */
START_TEST(test_c8_mva_events)
{
	bool v6 = models[_i] == ARMPV_CPU_ARM1176JZFS;
	const uint32_t mva = 0x12345a42u, other = 0x00403000u;
	const uint32_t exact = ARMPV_CP15_EV_TLB | ARMPV_CP15_EV_TLB_MVA;

	reset_as(models[_i]);
	for (unsigned crm = 5; crm <= 7; crm++) {
		/* Alone: exact, whichever of I, D or unified. */
		vcpu.cp15.events = 0;
		vcpu.cp15.tlb_mva = 0;
		wr(8, 0, crm, 1, mva + crm);
		ck_assert_uint_eq(vcpu.cp15.events, exact);
		ck_assert_uint_eq(vcpu.cp15.tlb_mva, mva + crm);

		/* Two by MVA: not one entry any more. */
		wr(8, 0, crm, 1, other);
		ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TLB);

		/* Invalidate all after one by MVA, and before one. */
		vcpu.cp15.events = 0;
		wr(8, 0, crm, 1, mva);
		wr(8, 0, 7, 0, 0);
		ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TLB);
		wr(8, 0, crm, 1, mva);
		ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TLB);

		/* By ASID (ARMv6) after one by MVA. */
		if (v6) {
			vcpu.cp15.events = 0;
			wr(8, 0, crm, 1, mva);
			wr(8, 0, crm, 2, 0x42u);
			ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TLB);
		}

		/* Other events around it do not hide it: the backend
		 * decides (a translation change is a full flush anyway). */
		vcpu.cp15.events = 0;
		wr(7, 0, 10, 4, 0); /* drain write buffer */
		wr(8, 0, crm, 1, other);
		ck_assert_uint_eq(vcpu.cp15.events,
				  exact | ARMPV_CP15_EV_CACHE);
		ck_assert_uint_eq(vcpu.cp15.tlb_mva, other);
		wr(3, 0, 0, 0, 0x55555555u); /* DACR */
		ck_assert_uint_eq(vcpu.cp15.events,
				  exact | ARMPV_CP15_EV_CACHE |
					  ARMPV_CP15_EV_TRANSLATION |
					  ARMPV_CP15_EV_DACR);
	}
}
END_TEST

/* EV_DACR says that DACR writes are the only translation changes
 * pending: not once another one is, before or after. */
START_TEST(test_dacr_event)
{
	const uint32_t t = ARMPV_CP15_EV_TRANSLATION, d = ARMPV_CP15_EV_DACR;

	for (unsigned m = 0; m < 2; m++) {
		reset_as(models[m]);
		wr(3, 0, 0, 0, 0x15u);
		ck_assert_uint_eq(vcpu.cp15.events, t | d);
		wr(3, 0, 0, 0, 0x55u);
		ck_assert_uint_eq(vcpu.cp15.events, t | d);
		ck_assert_uint_eq(vcpu.cp15.dacr, 0x55u);
		wr(2, 0, 0, 0, 0x4000u); /* TTBR0 after: a full change */
		ck_assert_uint_eq(vcpu.cp15.events, t);
		wr(3, 0, 0, 0, 0x15u);
		ck_assert_uint_eq(vcpu.cp15.events, t);
		vcpu.cp15.events = 0;
		wr(2, 0, 0, 0, 0x8000u); /* TTBR0 before */
		wr(3, 0, 0, 0, 0x55u);
		ck_assert_uint_eq(vcpu.cp15.events, t);
		vcpu.cp15.events = 0;
		wr(3, 0, 0, 0, 0x15u);
		wr(1, 0, 0, 0, vcpu.cp15.sctlr ^ ARMPV_SCTLR_M); /* SCTLR.M */
		ck_assert_uint_eq(vcpu.cp15.events & (t | d), t);
		vcpu.cp15.events = 0;
		wr(3, 0, 0, 0, 0x55u);
		wr(13, 0, 0, 0, 0x02000000u); /* FCSE PID */
		ck_assert_uint_eq(vcpu.cp15.events, t);
	}
}
END_TEST

/* EV_CONTEXT: TTBR0 writes and ARM1176 CONTEXTIDR writes, alone (a
 * guest context switch); not the ARM926's CONTEXTIDR (trace only: no
 * event at all). */
START_TEST(test_context_event)
{
	const uint32_t t = ARMPV_CP15_EV_TRANSLATION,
		       c = ARMPV_CP15_EV_CONTEXT;

	reset_as(ARMPV_CPU_ARM1176JZFS);
	wr(2, 0, 0, 0, 0x4000u);
	ck_assert_uint_eq(vcpu.cp15.events, t | c);
	wr(13, 0, 0, 1, 0x105u);
	ck_assert_uint_eq(vcpu.cp15.events, t | c);
	wr(2, 0, 0, 1, 0x8000u); /* TTBR1: a change of another kind */
	ck_assert_uint_eq(vcpu.cp15.events, t);
	vcpu.cp15.events = 0;
	wr(2, 0, 0, 2, 1u); /* TTBCR first */
	wr(13, 0, 0, 1, 0x106u);
	ck_assert_uint_eq(vcpu.cp15.events, t);
	vcpu.cp15.events = 0;
	wr(3, 0, 0, 0, 0x55u); /* DACR first: neither kind stays */
	wr(2, 0, 0, 0, 0x4000u);
	ck_assert_uint_eq(vcpu.cp15.events, t);
	reset_as(ARMPV_CPU_ARM926EJS);
	wr(2, 0, 0, 0, 0x4000u);
	ck_assert_uint_eq(vcpu.cp15.events, t | c);
	wr(13, 0, 0, 1, 0x105u);
	ck_assert_uint_eq(vcpu.cp15.events, t | c);
	wr(13, 0, 0, 0, 0x02000000u); /* FCSE PID: another kind */
	ck_assert_uint_eq(vcpu.cp15.events, t);
	vcpu.cp15.events = 0;
	wr(1, 0, 0, 0, ARMPV_SCTLR_M); /* SCTLR.M first */
	wr(2, 0, 0, 0, 0x8000u);
	ck_assert_uint_eq(vcpu.cp15.events, t);
	vcpu.cp15.events = 0;
	wr(2, 0, 0, 0, 0x4000u); /* SCTLR.M after */
	wr(1, 0, 0, 0, 0);
	ck_assert_uint_eq(vcpu.cp15.events, t);
}
END_TEST

/* ---------------------------------------------------------------------
 * c9, c10: lockdown, TCM regions, remap.
 */
START_TEST(test_c9_c10_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	/* Format C, four ways: L bits [3:0]. */
	wr_rd(9, 0, 0, 0, 0xffffffffu, 0x0000000fu);
	wr_rd(9, 0, 0, 1, 0x00000005u, 0x00000005u);
	/* TCM region: base [31:12], enable [0]; size 0 (no TCM). */
	wr_rd(9, 0, 1, 0, 0xffffffffu, 0xfffff001u);
	wr_rd(9, 0, 1, 1, 0x10000001u, 0x10000001u);
	rd_undef(9, 0, 2, 0);
	rd_undef(9, 0, 8, 0);
	/* TLB lockdown: victim [28:26], P [0]. */
	wr_rd(10, 0, 0, 0, 0xffffffffu, 0x1c000001u);
	rd_undef(10, 0, 2, 0); /* PRRR/NMRR: ARMv6 */
	rd_undef(10, 0, 2, 1);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
}
END_TEST

START_TEST(test_c9_c10_1176)
{
	reset_as(ARMPV_CPU_ARM1176JZFS);
	wr_rd(9, 0, 0, 0, 0xffffffffu, 0x0000000fu);
	wr_rd(9, 0, 1, 0, 0xffffffffu, 0xfffff003u);
	wr_rd(9, 0, 2, 0, 0xffffffffu, 0x00000001u);
	wr_rd(9, 0, 8, 0, 0xffffffffu, 0x0000003fu);
	wr_rd(10, 0, 0, 0, 0xffffffffu, 0x1c000001u);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	wr_rd(10, 0, 2, 0, 0xffffffffu, 0x000fffffu);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
	vcpu.cp15.events = 0;
	wr_rd(10, 0, 2, 1, 0x12345678u, 0x12345678u);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
}
END_TEST

/* ---------------------------------------------------------------------
 * c13: process and thread IDs.
 */
START_TEST(test_c13_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	/* FCSE PID: bits [31:25] (926 TRM 2.3.13). */
	wr_rd(13, 0, 0, 0, 0xffffffffu, 0xfe000000u);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
	vcpu.cp15.events = 0;
	/* Context ID for trace only: no translation effect. */
	wr_rd(13, 0, 0, 1, 0x12345678u, 0x12345678u);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	rd_undef(13, 0, 0, 2); /* thread IDs: ARMv6K */
	rd_undef(13, 0, 0, 3);
	wr_undef(13, 0, 0, 4);
}
END_TEST

START_TEST(test_c13_1176)
{
	reset_as(ARMPV_CPU_ARM1176JZFS);
	wr_rd(13, 0, 0, 0, 0x03ffffffu, 0x02000000u);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TRANSLATION);
	vcpu.cp15.events = 0;
	wr_rd(13, 0, 0, 1, 0x00000142u, 0x00000142u); /* ASID 0x42 */
	ck_assert_uint_eq(vcpu.cp15.events,
			  ARMPV_CP15_EV_TRANSLATION | ARMPV_CP15_EV_CONTEXT);
	vcpu.cp15.events = 0;
	wr_rd(13, 0, 0, 2, 0x11111111u, 0x11111111u);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	/* TPIDRURO: user mode reads the real register, which the backend
	 * writes on this event. */
	wr_rd(13, 0, 0, 3, 0x22222222u, 0x22222222u);
	ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_TPIDRURO);
	vcpu.cp15.events = 0;
	wr_rd(13, 0, 0, 4, 0x33333333u, 0x33333333u);
	ck_assert_uint_eq(vcpu.cp15.tpidr[0], 0x11111111u);
	ck_assert_uint_eq(vcpu.cp15.tpidr[1], 0x22222222u);
	ck_assert_uint_eq(vcpu.cp15.tpidr[2], 0x33333333u);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
	rd_undef(13, 0, 0, 5);
	rd_undef(13, 0, 1, 0);
}
END_TEST

/* ---------------------------------------------------------------------
 * c4, c11, c12, c14 (nothing modelled) and c15 (RAZ/WI).
 */
START_TEST(test_unimplemented)
{
	reset_as(models[_i]);
	rd_undef(4, 0, 0, 0);
	wr_undef(4, 0, 0, 0);
	rd_undef(11, 0, 0, 0); /* ARM1176 DMA: not modelled */
	rd_undef(12, 0, 0, 0); /* ARM1176 VBAR: not modelled */
	rd_undef(14, 0, 0, 0); /* 926 TRM 2.3.14: reserved */
	wr_undef(14, 0, 0, 0);
	/* opcode_1 != 0 outside c15. */
	rd_undef(1, 7, 0, 0);
	rd_undef(13, 1, 0, 0);
}
END_TEST

START_TEST(test_c15)
{
	reset_as(models[_i]);
	wr(15, 0, 0, 0, 0xffffffffu);
	ck_assert_uint_eq(rd(15, 0, 0, 0), 0);
	wr(15, 7, 15, 7, 0xffffffffu);
	ck_assert_uint_eq(rd(15, 7, 15, 7), 0);
	ck_assert_uint_eq(rd(15, 0, 12, 1), 0); /* ARM1176 cycle counter */
	ck_assert_uint_eq(vcpu.cp15.events, 0);
}
END_TEST

/* ---------------------------------------------------------------------
 * MCRR/MRRC and non-CP15 words.
 */
START_TEST(test_mcrr_1176)
{
	/* 1176 TRM Figure 3-39 (and QEMU): {opc, CRm}. */
	static const uint8_t ops[][2] = {
		{ 0, 5 }, { 0, 6 }, { 0, 12 }, { 0, 14 }, { 1, 12 }, { 2, 12 },
	};

	reset_as(ARMPV_CPU_ARM1176JZFS);
	vcpu.r[0] = 0x8000;
	vcpu.r[1] = 0x8fe0;
	for (unsigned i = 0; i < sizeof(ops) / 2; i++) {
		vcpu.cp15.events = 0;
		ck_assert_int_eq(armpv_cp15_access(&vcpu, mcrr(ops[i][0], 1, 0,
							       ops[i][1])),
				 ARMPV_CP15_DONE);
		ck_assert_uint_eq(vcpu.cp15.events, ARMPV_CP15_EV_CACHE);
		/* No CP15 register is read with MRRC. */
		ck_assert_int_eq(armpv_cp15_access(&vcpu, mrrc(ops[i][0], 2, 3,
							       ops[i][1])),
				 ARMPV_CP15_UNDEF);
	}
	ck_assert_uint_eq(vcpu.r[0], 0x8000);
	ck_assert_uint_eq(vcpu.r[1], 0x8fe0);
	ck_assert_uint_eq(vcpu.r[15], PC);
	/* Unlisted CRm / opc. */
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcrr(0, 1, 0, 7)),
			 ARMPV_CP15_UNDEF);
	ck_assert_uint_eq(vcpu.cp15.undef_word, mcrr(0, 1, 0, 7));
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcrr(3, 1, 0, 12)),
			 ARMPV_CP15_UNDEF);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcrr(1, 1, 0, 5)),
			 ARMPV_CP15_UNDEF);
	/* ACTLR.RV set: block transfer operations are Undefined. */
	wr(1, 0, 0, 1, 0x00000007u | ARMPV_ACTLR_RV);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcrr(0, 1, 0, 14)),
			 ARMPV_CP15_UNDEF);
	/* Single-line operations are not affected by RV. */
	wr(7, 0, 14, 1, 0x8000);
}
END_TEST

START_TEST(test_mcrr_926)
{
	reset_as(ARMPV_CPU_ARM926EJS);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcrr(0, 1, 0, 14)),
			 ARMPV_CP15_UNDEF);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mcrr(0, 1, 0, 5)),
			 ARMPV_CP15_UNDEF);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, mrrc(0, 1, 0, 5)),
			 ARMPV_CP15_UNDEF);
	ck_assert_uint_eq(vcpu.cp15.events, 0);
}
END_TEST

START_TEST(test_not_cp15)
{
	reset_as(models[_i]);
	vcpu.cp15.dacr = 0x12345678u;
	vcpu.r[1] = 0;
	/* MRC2 (cond 1111): CP15 does not implement it. */
	ck_assert_int_eq(armpv_cp15_access(&vcpu,
					   mcr_word(0xf, 15, 0, 1, 3, 0, 0) |
						   1u << 20),
			 ARMPV_CP15_UNDEF);
	/* Another coprocessor number. */
	ck_assert_int_eq(armpv_cp15_access(&vcpu,
					   mcr_word(AL, 14, 0, 1, 3, 0, 0) |
						   1u << 20),
			 ARMPV_CP15_UNDEF);
	/* CDP p15 (bit 4 clear) and LDC p15. */
	ck_assert_int_eq(armpv_cp15_access(&vcpu, 0xee030f00u),
			 ARMPV_CP15_UNDEF);
	ck_assert_int_eq(armpv_cp15_access(&vcpu, 0xed900f00u),
			 ARMPV_CP15_UNDEF);
	ck_assert_uint_eq(vcpu.r[1], 0);
	/* A conditional MRC (condition already passed) is emulated. */
	ck_assert_int_eq(armpv_cp15_access(&vcpu, (mrc(0, 1, 3, 0, 0) &
						   0x0fffffffu) |
							  0x10000000u),
			 ARMPV_CP15_DONE);
	ck_assert_uint_eq(vcpu.r[1], 0x12345678u);
}
END_TEST

/* The helpers themselves, against words GNU as produces for
 * "mrc p15, 0, r0, c0, c0, 0", "mcr p15, 0, r0, c7, c0, 4" and
 * "mcrr p15, 0, r1, r0, c14". */
/* ---------------------------------------------------------------------
 * Fast-path classes (armpv_cp15_fast_class()): the encodings a backend
 * may do without armpv_cp15_access(), listed by hand from the manuals'
 * tables (926 TRM 2.3.8 Table 2-18 and 2.3.9 Table 2-19; 1176 TRM
 * 3.2.22 Figure 3-38 and its Note, 3.2.24; c15: RAZ/WI as QEMU), then
 * each checked against what the emulation does with the word.
 */
static const uint8_t c7_v6_only[][2] = {
	{ 5, 6 }, { 5, 7 }, { 10, 0 }, { 10, 5 }, { 12, 5 }, { 14, 0 },
};

static bool in_list(const uint8_t (*list)[2], unsigned n, unsigned crm,
		    unsigned op2)
{
	for (unsigned i = 0; i < n; i++)
		if (list[i][0] == crm && list[i][1] == op2)
			return true;
	return false;
}

static enum armpv_cp15_fast expected_fast(enum armpv_cpu_model m, bool read,
					  unsigned opc1, unsigned crn,
					  unsigned crm, unsigned op2)
{
	bool v6 = m == ARMPV_CPU_ARM1176JZFS;

	if (read)	/* no MRC has a class */
		return ARMPV_CP15_FAST_NONE;
	if (crn == 15)	/* c15: IMPLEMENTATION DEFINED, write ignored */
		return ARMPV_CP15_FAST_NOP;
	if (opc1 != 0)
		return ARMPV_CP15_FAST_NONE;
	if (crn == 8 && crm >= 5 && crm <= 7 && op2 == 1)
		return ARMPV_CP15_FAST_TLB_MVA;
	if (crn != 7)
		return ARMPV_CP15_FAST_NONE;
	if (in_list(c7_common, sizeof(c7_common) / 2, crm, op2))
		return ARMPV_CP15_FAST_NOP;
	if (v6 && (in_list(c7_v6_only, sizeof(c7_v6_only) / 2, crm, op2) ||
		   (crm == 7 && op2 != 0) || crm == 11 || crm == 15))
		return ARMPV_CP15_FAST_NOP;
	return ARMPV_CP15_FAST_NONE;
}

/* Every MCR/MRC encoding of p15 on both models: the class is the one
 * listed, and armpv_cp15_access() does exactly what the class says
 * (and nothing else: no other CP15 field changes). */
START_TEST(test_fast_class)
{
	enum armpv_cpu_model m = models[_i];
	unsigned nfast = 0;

	for (unsigned w = 0; w < 1u << 15; w++) {
		bool read = w & 1;
		unsigned opc1 = (w >> 1) & 7, crn = (w >> 4) & 15,
			 crm = (w >> 8) & 15, op2 = (w >> 12) & 7;
		uint32_t word = read ? mrc(opc1, 3, crn, crm, op2)
				     : mcr(opc1, 3, crn, crm, op2);
		enum armpv_cp15_fast want =
			expected_fast(m, read, opc1, crn, crm, op2);
		struct armpv_cp15 before;

		ck_assert_msg(armpv_cp15_fast_class(m, word) == want,
			      "model %d word %08x: class %d, want %d", m, word,
			      armpv_cp15_fast_class(m, word), want);
		/* Any condition but 1111 (MCR2/MRC2): the same class. */
		ck_assert_int_eq(armpv_cp15_fast_class(m, (word & 0x0fffffffu) |
							      0x10000000u),
				 want);
		ck_assert_int_eq(armpv_cp15_fast_class(m, word | 0xf0000000u),
				 ARMPV_CP15_FAST_NONE);
		/* Another coprocessor: never. */
		ck_assert_int_eq(armpv_cp15_fast_class(m, word ^ 0x100u),
				 ARMPV_CP15_FAST_NONE);
		if (want == ARMPV_CP15_FAST_NONE)
			continue;
		nfast++;
		reset_as(m);
		vcpu.cpsr = ARMPV_PSR_N | ARMPV_PSR_C | ARMPV_MODE_SVC;
		vcpu.r[3] = 0xc0012345u;
		before = vcpu.cp15;
		ck_assert_int_eq(armpv_cp15_access(&vcpu, word),
				 ARMPV_CP15_DONE);
		switch (want) {
		case ARMPV_CP15_FAST_NOP:
			ck_assert_uint_eq(vcpu.cp15.events & ~ARMPV_CP15_EV_CACHE,
					  0);
			ck_assert_uint_eq(vcpu.r[3], 0xc0012345u);
			break;
		default:
			ck_assert_int_eq(want, ARMPV_CP15_FAST_TLB_MVA);
			ck_assert_uint_eq(vcpu.cp15.events,
					  ARMPV_CP15_EV_TLB |
						  ARMPV_CP15_EV_TLB_MVA);
			ck_assert_uint_eq(vcpu.cp15.tlb_mva, 0xc0012345u);
			before.tlb_mva = 0xc0012345u;
			break;
		}
		ck_assert_uint_eq(vcpu.cpsr, ARMPV_PSR_N | ARMPV_PSR_C |
						     ARMPV_MODE_SVC);
		before.events = vcpu.cp15.events;
		ck_assert_msg(memcmp(&before, &vcpu.cp15, sizeof(before)) == 0,
			      "word %08x changed CP15 state", word);
	}
	/* c7: 14 common operations (+ 6 ARMv6 ones + 7 + 8 + 8 unified
	 * no-ops); c8: 3; c15: 8 * 16 * 8 writes. */
	ck_assert_uint_eq(nfast, m == ARMPV_CPU_ARM1176JZFS
					 ? 14 + 6 + 23 + 3 + 1024
					 : 14 + 3 + 1024);
}
END_TEST

START_TEST(test_helpers)
{
	ck_assert_uint_eq(mrc(0, 0, 0, 0, 0), 0xee100f10u);
	ck_assert_uint_eq(mcr(0, 0, 7, 0, 4), 0xee070f90u);
	ck_assert_uint_eq(mcrr(0, 1, 0, 14), 0xec401f0eu);
}
END_TEST

/* ---------------------------------------------------------------------- */

static Suite *cp15_suite(void)
{
	Suite *s = suite_create("cp15");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, test_table_check);
	tcase_add_test(tc, test_helpers);
	tcase_add_test(tc, test_reset_926);
	tcase_add_test(tc, test_reset_1176);
	tcase_add_loop_test(tc, test_reset_clears, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("c0");
	tcase_add_test(tc, test_c0_926);
	tcase_add_test(tc, test_c0_1176);
	suite_add_tcase(s, tc);

	tc = tcase_create("c1");
	tcase_add_test(tc, test_c1_sctlr_926);
	tcase_add_test(tc, test_c1_sctlr_1176);
	tcase_add_loop_test(tc, test_c1_events, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("c2-c3");
	tcase_add_test(tc, test_c2_c3_926);
	tcase_add_test(tc, test_c2_c3_1176);
	suite_add_tcase(s, tc);

	tc = tcase_create("c5-c6");
	tcase_add_test(tc, test_c5_c6_926);
	tcase_add_test(tc, test_c5_c6_1176);
	suite_add_tcase(s, tc);

	tc = tcase_create("c7");
	tcase_add_loop_test(tc, test_c7_common, 0, 2);
	tcase_add_test(tc, test_c7_926);
	tcase_add_test(tc, test_c7_1176);
	tcase_add_loop_test(tc, test_fast_class, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("r15");
	tcase_add_loop_test(tc, test_mrc_r15_flags, 0, 2);
	tcase_add_loop_test(tc, test_mcr_from_r15, 0, 2);
	tcase_add_loop_test(tc, test_rd_any, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("c8");
	tcase_add_loop_test(tc, test_c8, 0, 2);
	tcase_add_loop_test(tc, test_c8_mva_events, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("c9-c10");
	tcase_add_test(tc, test_dacr_event);
	tcase_add_test(tc, test_context_event);
	tcase_add_test(tc, test_c9_c10_926);
	tcase_add_test(tc, test_c9_c10_1176);
	suite_add_tcase(s, tc);

	tc = tcase_create("c13");
	tcase_add_test(tc, test_c13_926);
	tcase_add_test(tc, test_c13_1176);
	suite_add_tcase(s, tc);

	tc = tcase_create("other");
	tcase_add_loop_test(tc, test_unimplemented, 0, 2);
	tcase_add_loop_test(tc, test_c15, 0, 2);
	tcase_add_loop_test(tc, test_not_cp15, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("mcrr");
	tcase_add_test(tc, test_mcrr_1176);
	tcase_add_test(tc, test_mcrr_926);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cp15_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
