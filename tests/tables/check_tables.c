// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check_tables.c -- unit tests of the tables library (classify, encode,
 * decode, fields, architecture names).
 *
 * Every expected value is written by hand: instruction words from the
 * encoding diagrams of the ARM Architecture Reference Manual (ARM DDI 0100I,
 * ARMv5TE and ARMv6: A3.1 "Instruction set encoding", A4.1 per instruction,
 * A5.1-A5.4 addressing modes), trap words from the trap templates and the
 * SWI payload and coprocessor maps in the comments of tables/armpv.spec.
 * No expectation is obtained by calling the code under test.  (The words
 * were cross-checked with GNU as/objdump when the tests were written.)
 *
 * One tcase per area; the tables are walked with loop tests so that a
 * failure names the word and its assembly.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "armpv_tables.h"

#define V5 ARMPV_ARCH_ARMV5TE
#define V6 ARMPV_ARCH_ARMV6
#define BOTH (V5 | V6)
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A sensitive word: its form and instruction, the architectures it is
 * sensitive on, and its trap word. */
struct sens_case {
	uint32_t word;
	const char *text;
	enum armpv_form_id form;
	enum armpv_insn insn;
	unsigned archs;
	uint32_t trap;
};

/* ---------------------------------------------------------------------- */
/* Status-register and exception-return instructions.                     */

static const struct sens_case status_cases[] = {
	/* MRS: cond 0001 0R00 SBO(1111) Rd SBZ(0000 0000 0000).  Trap cccc
	 * 1111 0000 0000 0000 0001 000R dddd: SWI 0x000100-0x00011f. */
	{ 0xe10f0000, "mrs r0, cpsr", ARMPV_FORM_MRS_REG, ARMPV_INSN_MRS, BOTH,
	  0xef000100 },
	{ 0xe14f3000, "mrs r3, spsr", ARMPV_FORM_MRS_REG, ARMPV_INSN_MRS, BOTH,
	  0xef000113 },
	{ 0x114f5000, "mrsne r5, spsr", ARMPV_FORM_MRS_REG, ARMPV_INSN_MRS, BOTH,
	  0x1f000115 },
	/* MSR register: cond 0001 0R10 mask SBO SBZ 0000 Rm.  Trap cccc 1111
	 * 0000 0000 0000 001R ffff mmmm: SWI 0x000200-0x0003ff. */
	{ 0xe121f000, "msr cpsr_c, r0", ARMPV_FORM_MSR_REG, ARMPV_INSN_MSR, BOTH,
	  0xef000210 },
	/* The x field (bits 15:8) holds A (bit 8) only from ARMv6 on. */
	{ 0xe122f000, "msr cpsr_x, r0", ARMPV_FORM_MSR_REG, ARMPV_INSN_MSR, V6,
	  0xef000220 },
	{ 0xe16ff001, "msr spsr_fsxc, r1", ARMPV_FORM_MSR_REG, ARMPV_INSN_MSR,
	  BOTH, 0xef0003f1 },
	/* MSR immediate: cond 0011 0R10 mask SBO rotate imm8.  Trap cccc 1111
	 * 0000 001R ffff rrrr iiii iiii: SWI 0x020000-0x03ffff. */
	{ 0xe321f0d3, "msr cpsr_c, #0xd3", ARMPV_FORM_MSR_IMM, ARMPV_INSN_MSR,
	  BOTH, 0xef0210d3 },
	{ 0xe322f000, "msr cpsr_x, #0", ARMPV_FORM_MSR_IMM, ARMPV_INSN_MSR, V6,
	  0xef022000 },
	{ 0xe361f010, "msr spsr_c, #0x10", ARMPV_FORM_MSR_IMM, ARMPV_INSN_MSR,
	  BOTH, 0xef031010 },
	/* CPS (ARMv6): 1111 0001 0000 imod mmod 0 SBZ A I F 0 mode.  Trap
	 * 1110 1111 0000 0000 0000 1jjM eeek kkkk: SWI 0x000800-0x000fff. */
	{ 0xf10c0080, "cpsid i", ARMPV_FORM_CPS, ARMPV_INSN_CPS, V6, 0xef000e40 },
	{ 0xf10800c0, "cpsie if", ARMPV_FORM_CPS, ARMPV_INSN_CPS, V6, 0xef000c60 },
	{ 0xf1020013, "cps #0x13", ARMPV_FORM_CPS, ARMPV_INSN_CPS, V6, 0xef000913 },
	{ 0xf10e01df, "cpsid aif, #0x1f", ARMPV_FORM_CPS, ARMPV_INSN_CPS, V6,
	  0xef000fff },
	/* RFE (ARMv6): 1111 100P U0W1 Rn SBZ 1010 SBZ.  Trap 1110 1111 0000
	 * 0000 0001 0000 0PUW nnnn: SWI 0x001000-0x00107f. */
	{ 0xf8bd0a00, "rfeia sp!", ARMPV_FORM_RFE, ARMPV_INSN_RFE, V6, 0xef00103d },
	{ 0xf9100a00, "rfedb r0", ARMPV_FORM_RFE, ARMPV_INSN_RFE, V6, 0xef001040 },
	/* SRS (ARMv6): 1111 100P U1W0 1101 SBZ 0101 SBZ mode.  Trap 1110 1111
	 * 0000 0000 0001 0001 PUWk kkkk: SWI 0x001100-0x0011ff. */
	{ 0xf96d0513, "srsdb sp!, #0x13", ARMPV_FORM_SRS, ARMPV_INSN_SRS, V6,
	  0xef0011b3 },
	{ 0xf8cd051f, "srsia sp, #0x1f", ARMPV_FORM_SRS, ARMPV_INSN_SRS, V6,
	  0xef00115f },
};

/* ---------------------------------------------------------------------- */
/* LDM/STM with S=1 (A5.4: LDM (2), LDM (3), STM (2)).                      */

static const struct sens_case ldmstm_cases[] = {
	/* LDM (3): cond 100P U1W1 Rn 1 reglist.  Trap cccc 1111 11PU Wnnn
	 * nlll llll llll llll: SWI 0xc00000-0xffffff. */
	{ 0xe8fd800f, "ldmia sp!, {r0-r3, pc}^", ARMPV_FORM_LDM_RET,
	  ARMPV_INSN_LDM_RET, BOTH, 0xefde800f },
	{ 0xe8fd9fff, "ldmfd sp!, {r0-r12, pc}^", ARMPV_FORM_LDM_RET,
	  ARMPV_INSN_LDM_RET, BOTH, 0xefde9fff },
	/* LDM (2): cond 100P U101 Rn 0 reglist (W=1 is UNPREDICTABLE).  Trap
	 * cccc 1111 101P Unnn nlll llll llll llll: SWI 0xa00000-0xbfffff. */
	{ 0xe8d00006, "ldmia r0, {r1, r2}^", ARMPV_FORM_LDM_USER,
	  ARMPV_INSN_LDM_USER, BOTH, 0xefa80006 },
	{ 0x18d00006, "ldmneia r0, {r1, r2}^", ARMPV_FORM_LDM_USER,
	  ARMPV_INSN_LDM_USER, BOTH, 0x1fa80006 },
	/* STM (2): cond 100P U100 Rn reglist (W=1 is UNPREDICTABLE).  Trap
	 * cccc 1101 PUnn nnll llll 01ll llll llll: STC/LDC, P=1, cp4-7. */
	{ 0xe8cd7fff, "stmia sp, {r0-lr}^", ARMPV_FORM_STM_USER,
	  ARMPV_INSN_STM_USER, BOTH, 0xed75f7ff },
	{ 0xe94dffff, "stmdb sp, {r0-pc}^", ARMPV_FORM_STM_USER,
	  ARMPV_INSN_STM_USER, BOTH, 0xedb7f7ff },
};

/* ---------------------------------------------------------------------- */
/* LDRT, LDRBT, STRT, STRBT (A5.2.8-A5.2.10: post-indexed, P=0 W=1).        */

static const struct sens_case usermem_cases[] = {
	/* Immediate: cond 0100 UB1L Rn Rd offset_12.  Word (B=0): trap cccc
	 * 1110 UnnL nndd ddii 01ii iiii iiii, CDP/MCR/MRC to cp4-7.  Byte
	 * (B=1): trap cccc 1110 UnnL nndd ddii 1i0i iiii iiii, cp8, 9, 12, 13.
	 * L stays at bit 20 (an ARMv5 abort handler reads it there). */
	{ 0xe4b10004, "ldrt r0, [r1], #4", ARMPV_FORM_LDRT_IMM, ARMPV_INSN_LDRT,
	  BOTH, 0xee940404 },
	{ 0xe4732001, "ldrbt r2, [r3], #-1", ARMPV_FORM_LDRBT_IMM,
	  ARMPV_INSN_LDRBT, BOTH, 0xee1c8801 },
	{ 0xe4a54010, "strt r4, [r5], #0x10", ARMPV_FORM_STRT_IMM,
	  ARMPV_INSN_STRT, BOTH, 0xeea50410 },
	{ 0xe4e76fff, "strbt r6, [r7], #4095", ARMPV_FORM_STRBT_IMM,
	  ARMPV_INSN_STRBT, BOTH, 0xeeadbdff },
	/* Register: cond 0110 UB1L Rn Rd shift_imm shift 0 Rm.  Trap cccc
	 * 1111 01UL Bnnn nddd daaa aahh mmmm: SWI 0x400000-0x7fffff. */
	{ 0xe6b10002, "ldrt r0, [r1], r2", ARMPV_FORM_LDRT_REG, ARMPV_INSN_LDRT,
	  BOTH, 0xef708002 },
	{ 0xe6310102, "ldrt r0, [r1], -r2, lsl #2", ARMPV_FORM_LDRT_REG,
	  ARMPV_INSN_LDRT, BOTH, 0xef508082 },
	{ 0xe6a43fc5, "strt r3, [r4], r5, asr #31", ARMPV_FORM_STRT_REG,
	  ARMPV_INSN_STRT, BOTH, 0xef621fe5 },
	{ 0xe6f980ea, "ldrbt r8, [r9], r10, ror #1", ARMPV_FORM_LDRBT_REG,
	  ARMPV_INSN_LDRBT, BOTH, 0xef7cc07a },
	{ 0xe66cb1ae, "strbt r11, [r12], -lr, lsr #3", ARMPV_FORM_STRBT_REG,
	  ARMPV_INSN_STRBT, BOTH, 0xef4e58de },
	{ 0xb6a43fc5, "strtlt r3, [r4], r5, asr #31", ARMPV_FORM_STRT_REG,
	  ARMPV_INSN_STRT, BOTH, 0xbf621fe5 },
};

/* ---------------------------------------------------------------------- */
/* Data processing with S=1 and Rd=pc (A5.1): the twelve opcodes that      */
/* write Rd, with an immediate or an immediate-shifted register operand.   */
/* (With a register-shifted operand, Rd = pc is UNPREDICTABLE: A5.1.5,     */
/* A5.1.7, A5.1.9, A5.1.11; those words are refused, see shreg_cases.)     */

#define DP(w, t, f, i, trap) { w, t, ARMPV_FORM_##f, ARMPV_INSN_##i, BOTH, trap }

static const struct sens_case dataproc_cases[] = {
	/* cond 001 opcode 1 Rn 1111 rotate imm8; trap cccc 1111 0001 oooo
	 * nnnn rrrr iiii iiii: SWI 0x800000-0x8fffff.  OPs pc, r1, #1. */
	DP(0xe211f001, "ands pc, r1, #1", ANDS_IMM, ANDS, 0xef801001),
	DP(0xe231f001, "eors pc, r1, #1", EORS_IMM, EORS, 0xef811001),
	DP(0xe251f001, "subs pc, r1, #1", SUBS_IMM, SUBS, 0xef821001),
	DP(0xe271f001, "rsbs pc, r1, #1", RSBS_IMM, RSBS, 0xef831001),
	DP(0xe291f001, "adds pc, r1, #1", ADDS_IMM, ADDS, 0xef841001),
	DP(0xe2b1f001, "adcs pc, r1, #1", ADCS_IMM, ADCS, 0xef851001),
	DP(0xe2d1f001, "sbcs pc, r1, #1", SBCS_IMM, SBCS, 0xef861001),
	DP(0xe2f1f001, "rscs pc, r1, #1", RSCS_IMM, RSCS, 0xef871001),
	DP(0xe391f001, "orrs pc, r1, #1", ORRS_IMM, ORRS, 0xef8c1001),
	DP(0xe3b0f001, "movs pc, #1", MOVS_IMM, MOVS, 0xef8d0001),
	DP(0xe3d1f001, "bics pc, r1, #1", BICS_IMM, BICS, 0xef8e1001),
	DP(0xe3f0f001, "mvns pc, #1", MVNS_IMM, MVNS, 0xef8f0001),
	/* cond 000 opcode 1 Rn 1111 shift_imm shift 0 Rm; trap cccc 1111
	 * 0010 0ooo onnn naaa aahh mmmm: SWI 0x200000-0x27ffff.
	 * OPs pc, r1, r2, lsl #1. */
	DP(0xe011f082, "ands pc, r1, r2, lsl #1", ANDS_SHIMM, ANDS, 0xef200842),
	DP(0xe031f082, "eors pc, r1, r2, lsl #1", EORS_SHIMM, EORS, 0xef208842),
	DP(0xe051f082, "subs pc, r1, r2, lsl #1", SUBS_SHIMM, SUBS, 0xef210842),
	DP(0xe071f082, "rsbs pc, r1, r2, lsl #1", RSBS_SHIMM, RSBS, 0xef218842),
	DP(0xe091f082, "adds pc, r1, r2, lsl #1", ADDS_SHIMM, ADDS, 0xef220842),
	DP(0xe0b1f082, "adcs pc, r1, r2, lsl #1", ADCS_SHIMM, ADCS, 0xef228842),
	DP(0xe0d1f082, "sbcs pc, r1, r2, lsl #1", SBCS_SHIMM, SBCS, 0xef230842),
	DP(0xe0f1f082, "rscs pc, r1, r2, lsl #1", RSCS_SHIMM, RSCS, 0xef238842),
	DP(0xe191f082, "orrs pc, r1, r2, lsl #1", ORRS_SHIMM, ORRS, 0xef260842),
	DP(0xe1b0f082, "movs pc, r2, lsl #1", MOVS_SHIMM, MOVS, 0xef268042),
	DP(0xe1d1f082, "bics pc, r1, r2, lsl #1", BICS_SHIMM, BICS, 0xef270842),
	DP(0xe1f0f082, "mvns pc, r2, lsl #1", MVNS_SHIMM, MVNS, 0xef278042),
	/* Every shift type and the extremes of shift_imm: ROR (11) #31,
	 * ASR (10) #32 written as 0, and RRX (ROR #0).
	 * adcs pc, r1, r2, ror #31: aaaaa 11111, hh 11 -> trap 1111 0010
	 * 0010 1000 1 11111 11 0010. */
	DP(0xe0b1ffe2, "adcs pc, r1, r2, ror #31", ADCS_SHIMM, ADCS, 0xef228ff2),
	/* eors pc, lr, sp, asr #32: n 1110, a 00000, hh 10, m 1101. */
	DP(0xe03ef04d, "eors pc, lr, sp, asr #32", EORS_SHIMM, EORS, 0xef20f02d),
	/* mvns pc, pc, rrx: n 0000, a 00000, hh 11, m 1111. */
	DP(0xe1f0f06f, "mvns pc, pc, rrx", MVNS_SHIMM, MVNS, 0xef27803f),
	/* The usual exception returns, and conditions other than AL. */
	DP(0xe1b0f00e, "movs pc, lr", MOVS_SHIMM, MOVS, 0xef26800e),
	DP(0xe25ef004, "subs pc, lr, #4", SUBS_IMM, SUBS, 0xef82e004),
	DP(0x125ef004, "subsne pc, lr, #4", SUBS_IMM, SUBS, 0x1f82e004),
	DP(0x01b0f00e, "movseq pc, lr", MOVS_SHIMM, MOVS, 0x0f26800e),
	DP(0xd0b1f082, "adcsle pc, r1, r2, lsl #1", ADCS_SHIMM, ADCS, 0xdf228842),
};

/* A sensitive word is never reported UNPREDICTABLE. */
static void check_not_unpredictable(const struct sens_case *c)
{
	ck_assert_msg(armpv_classify_unpredictable(c->word, BOTH) == NULL,
		      "%s (%08x): UNPREDICTABLE", c->text, c->word);
}

static void check_sensitive(const struct sens_case *c)
{
	const struct armpv_form *f = armpv_match(c->word);
	uint32_t back = 0;

	ck_assert_msg(f != NULL, "%s (%08x): matches no form", c->text, c->word);
	ck_assert_msg(f->id == c->form && f->insn == c->insn,
		      "%s (%08x): form %u (%s %s), expected form %u", c->text,
		      c->word, f->id, f->name, f->form, (unsigned)c->form);
	ck_assert_str_eq(armpv_insn_names[f->insn], f->name);
	ck_assert_msg(armpv_sensitive_archs(f, c->word) == c->archs,
		      "%s (%08x): sensitive on 0x%x, expected 0x%x", c->text,
		      c->word, armpv_sensitive_archs(f, c->word), c->archs);
	ck_assert_msg(armpv_classify(c->word, V5) == (c->archs & V5 ? f : NULL),
		      "%s (%08x): wrong on armv5te", c->text, c->word);
	ck_assert_msg(armpv_classify(c->word, V6) == (c->archs & V6 ? f : NULL),
		      "%s (%08x): wrong on armv6", c->text, c->word);
	ck_assert_ptr_eq(armpv_classify(c->word, BOTH), f);
	ck_assert_msg(armpv_encode(f, c->word) == c->trap,
		      "%s (%08x): trap %08x, expected %08x", c->text, c->word,
		      armpv_encode(f, c->word), c->trap);
	ck_assert_msg(armpv_decode(c->trap, &back) == f && back == c->word,
		      "%s: trap %08x decodes to %08x, expected %08x", c->text,
		      c->trap, back, c->word);
	check_not_unpredictable(c);
}

START_TEST(test_status)
{
	check_sensitive(&status_cases[_i]);
}
END_TEST

START_TEST(test_ldmstm)
{
	check_sensitive(&ldmstm_cases[_i]);
}
END_TEST

START_TEST(test_usermem)
{
	check_sensitive(&usermem_cases[_i]);
}
END_TEST

START_TEST(test_dataproc)
{
	check_sensitive(&dataproc_cases[_i]);
}
END_TEST

/* Data processing with S=1, Rd=pc and a register-shifted operand, cond 000
 * opcode 1 Rn 1111 Rs 0 shift 1 Rm: R15 as Rd is UNPREDICTABLE in every
 * register-shift form (A5.1.5, A5.1.7, A5.1.9, A5.1.11), so the word is no
 * sensitive form and is refused, whatever the opcode (the twelve that write
 * Rd, and TST/TEQ/CMP/CMN, whose Rd is SBZ), registers, shift and
 * condition.  The same words with Rd = r0 are ordinary instructions. */
START_TEST(test_shreg_refused)
{
	static const uint32_t conds[] = { 0x0, 0xd, 0xe };
	static const uint32_t regs[][3] = {
		/* Rn, Rs, Rm */
		{ 0, 1, 2 }, { 1, 3, 2 }, { 14, 13, 12 }, { 15, 15, 15 },
	};
	const char *const row = "data processing, S=1, Rd=pc, shift by register";

	for (size_t c = 0; c < sizeof(conds) / sizeof(conds[0]); c++)
		for (uint32_t op = 0; op < 16; op++)
			for (uint32_t sh = 0; sh < 4; sh++)
				for (int r = 0; r < N(regs); r++) {
					uint32_t w = conds[c] << 28 | op << 21 | 1u << 20 |
						     regs[r][0] << 16 | 0xfu << 12 |
						     regs[r][1] << 8 | sh << 5 | 1u << 4 |
						     regs[r][2];
					uint32_t w_r0 = w & ~0xf000u;

					ck_assert_msg(armpv_match(w) == NULL,
						      "%08x: matches a form", w);
					ck_assert_msg(armpv_classify(w, BOTH) == NULL,
						      "%08x: sensitive", w);
					for (unsigned a = V5; a <= V6; a <<= 1) {
						const struct armpv_unpredictable *u =
							armpv_classify_unpredictable(w, a);

						ck_assert_msg(u != NULL,
							      "%08x: not refused on %s", w,
							      armpv_arch_name(a));
						ck_assert_msg(strncmp(u->text, row, strlen(row)) == 0,
							      "%08x: refused as \"%s\"", w,
							      u->text);
					}
					ck_assert_msg(armpv_classify(w_r0, BOTH) == NULL &&
							      armpv_classify_unpredictable(w_r0, BOTH) == NULL,
						      "%08x (Rd = r0): sensitive or refused", w_r0);
				}
}
END_TEST

/* The encodings that were the register-shift forms in layout version 2
 * (format dp_shreg, SWI 0x280000-0x2bffff) are no trap words any more. */
START_TEST(test_shreg_traps_gone)
{
	static const uint32_t old_traps[] = {
		0xef2804c2, /* ands pc, r1, r2, lsl r3 */
		0xef2b40c2, /* movs pc, r2, lsl r3 */
		0xef2bc0c2, /* mvns pc, r2, lsl r3 */
		0xdf2944c2, /* adcsle pc, r1, r2, lsl r3 */
		0xef280000, 0xef2bffff,
	};

	for (int i = 0; i < N(old_traps); i++) {
		uint32_t insn = 0x12345678;

		ck_assert_msg(armpv_decode(old_traps[i], &insn) == NULL,
			      "%08x decodes to %08x", old_traps[i], insn);
	}
}
END_TEST

/* Every one of the 24 instructions is exercised by the tables above, and
 * the form list has the shape the spec and the ARM ARM give it. */
START_TEST(test_coverage)
{
	const struct sens_case *tables[] = { status_cases, ldmstm_cases,
					     usermem_cases, dataproc_cases };
	const int sizes[] = { N(status_cases), N(ldmstm_cases),
			      N(usermem_cases), N(dataproc_cases) };
	int seen[ARMPV_NINSNS] = { 0 }, forms_seen[ARMPV_NFORMS] = { 0 };

	ck_assert_int_eq(ARMPV_NINSNS - 1, 24);
	/* 6 status, 3 LDM/STM, 8 LDRT family, 12 x 2 data processing
	 * (immediate and immediate shift: no register-shift form). */
	ck_assert_int_eq(ARMPV_NFORMS, 6 + 3 + 8 + 24);
	for (int t = 0; t < 4; t++)
		for (int i = 0; i < sizes[t]; i++) {
			seen[tables[t][i].insn]++;
			forms_seen[tables[t][i].form]++;
		}
	for (int k = 1; k < ARMPV_NINSNS; k++)
		ck_assert_msg(seen[k], "no test word for %s", armpv_insn_names[k]);
	for (int k = 0; k < ARMPV_NFORMS; k++)
		ck_assert_msg(forms_seen[k], "no test word for form %s %s",
			      armpv_forms[k].name, armpv_forms[k].form);
	/* CPS, RFE and SRS are new in ARMv6; everything else is in both. */
	for (int k = 0; k < ARMPV_NFORMS; k++) {
		unsigned want = k == ARMPV_FORM_CPS || k == ARMPV_FORM_RFE ||
					k == ARMPV_FORM_SRS ?
				V6 :
				BOTH;
		ck_assert_msg(armpv_forms[k].archs == want, "%s: archs 0x%x",
			      armpv_forms[k].name, armpv_forms[k].archs);
		ck_assert_msg(armpv_forms[k].conditional == (want == BOTH),
			      "%s: conditional %u", armpv_forms[k].name,
			      armpv_forms[k].conditional);
	}
	ck_assert_str_eq(armpv_group_names[armpv_insn_group[ARMPV_INSN_MRS]], "status");
	ck_assert_str_eq(armpv_group_names[armpv_insn_group[ARMPV_INSN_LDM_RET]], "ldmstm");
	ck_assert_str_eq(armpv_group_names[armpv_insn_group[ARMPV_INSN_STRBT]], "usermem");
	ck_assert_str_eq(armpv_group_names[armpv_insn_group[ARMPV_INSN_MVNS]], "dataproc");
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Words that are not sensitive on either architecture.                     */

struct plain_case {
	uint32_t word;
	const char *text;
	int form;	 /* the form whose template it matches (a carve-out), or -1 */
	unsigned unpred; /* architectures on which it is UNPREDICTABLE */
};

#define NONE (-1)

static const struct plain_case plain_cases[] = {
	/* No S bit, or Rd not pc. */
	{ 0xe1a0f00e, "mov pc, lr", NONE, 0 },
	{ 0xe1b00001, "movs r0, r1", NONE, 0 },
	{ 0xe3a00000, "mov r0, #0", NONE, 0 },
	/* TST/TEQ/CMP/CMN (opcodes 10xx, S=1) write no register; with Rd
	 * (SBZ) = 1111 they are the ARMv2 TSTP family, UNPREDICTABLE. */
	{ 0xe3110001, "tst r1, #1", NONE, 0 },
	{ 0xe311f001, "tst r1, #1 (Rd=1111)", NONE, BOTH },
	{ 0xe331f001, "teq r1, #1 (Rd=1111)", NONE, BOTH },
	{ 0xe351f001, "cmp r1, #1 (Rd=1111)", NONE, BOTH },
	{ 0xe371f001, "cmn r1, #1 (Rd=1111)", NONE, BOTH },
	{ 0xe111f002, "tst r1, r2 (Rd=1111)", NONE, BOTH },
	{ 0xe131f002, "teq r1, r2 (Rd=1111)", NONE, BOTH },
	{ 0xe151f002, "cmp r1, r2 (Rd=1111)", NONE, BOTH },
	{ 0xe171f312, "cmn r1, r2, lsl r3 (Rd=1111)", NONE, BOTH },
	/* Multiplies and extra loads/stores sit in the data-processing space
	 * with bits 7 and 4 set (A3.1, figure A3-2). */
	{ 0xe0100f91, "muls r0, r1, pc", NONE, 0 },
	{ 0xe0d1f0b0, "ldrh pc, [r1], #0", NONE, 0 },
	{ 0xe1f1f0d0, "ldrsb pc, [r1, #0]!", NONE, 0 },
	/* LDR/STR without T: P=1, or W=0. */
	{ 0xe4910004, "ldr r0, [r1], #4", NONE, 0 },
	{ 0xe5b10004, "ldr r0, [r1, #4]!", NONE, 0 },
	{ 0xe5910004, "ldr r0, [r1, #4]", NONE, 0 },
	{ 0xe5a10004, "str r0, [r1, #4]!", NONE, 0 },
	{ 0xe5f10004, "ldrb r0, [r1, #4]!", NONE, 0 },
	{ 0xe6910002, "ldr r0, [r1], r2", NONE, 0 },
	/* The LDRT register form with bit 4 set is a media instruction
	 * (ARMv6 SSAT r0, #18, r2), not LDRT. */
	{ 0xe6b10012, "ldrt r0, [r1], r2 with bit 4 set (ssat)", NONE, 0 },
	/* LDM/STM without ^. */
	{ 0xe8bd800f, "ldmia sp!, {r0-r3, pc}", NONE, 0 },
	{ 0xe88d7fff, "stmia sp, {r0-lr}", NONE, 0 },
	{ 0xe8900006, "ldmia r0, {r1, r2}", NONE, 0 },
	/* Condition 1111 in conditional forms: the unconditional space. */
	{ 0xf10f0000, "mrs r0, cpsr with cond 1111", NONE, 0 },
	{ 0xf25ef004, "subs pc, lr, #4 with cond 1111", NONE, 0 },
	{ 0xf8fd800f, "ldmia sp!, {r0-r3, pc}^ with cond 1111", NONE, 0 },
	{ 0xf4b10004, "ldrt r0, [r1], #4 with cond 1111", NONE, 0 },
	{ 0xf16ff001, "msr spsr_fsxc, r1 with cond 1111", NONE, 0 },
	/* ... which on ARMv6 is the SRS space (1111 100P U1W0); bits 11:8
	 * are 1111, not SRS's 0101, so it is no SRS (UNDEFINED on ARMv6)
	 * and not refused either. */
	{ 0xf8ed7fff, "stmia sp!, {r0-lr}^ with cond 1111", NONE, 0 },
	/* Other ordinary words. */
	{ 0xe12fff1e, "bx lr", NONE, 0 },
	{ 0xef000000, "swi 0", NONE, 0 },
	{ 0xee010f10, "mcr p15, 0, r0, c1, c0, 0", NONE, 0 },
	{ 0xf1010000, "setend le", NONE, 0 },
	{ 0xe0810002, "add r0, r1, r2", NONE, 0 },
	{ 0xeafffffe, "b .", NONE, 0 },
	/* MSR writing no privileged bit: carve-outs of the MSR formats. */
	{ 0xe128f000, "msr cpsr_f, r0", ARMPV_FORM_MSR_REG, 0 },
	{ 0xe124f000, "msr cpsr_s, r0", ARMPV_FORM_MSR_REG, 0 },
	{ 0xe12cf000, "msr cpsr_fs, r0", ARMPV_FORM_MSR_REG, 0 },
	{ 0xe160f000, "msr spsr_, r0 (no field)", ARMPV_FORM_MSR_REG, 0 },
	{ 0xe328f20f, "msr cpsr_f, #0xf0000000", ARMPV_FORM_MSR_IMM, 0 },
	{ 0xe360f000, "msr spsr_, #0 (no field)", ARMPV_FORM_MSR_IMM, 0 },
	/* ARMv6K hints are MSR CPSR_, #imm with no field on earlier cores. */
	{ 0xe320f000, "nop", ARMPV_FORM_MSR_IMM, 0 },
	{ 0xe320f001, "yield", ARMPV_FORM_MSR_IMM, 0 },
	{ 0xe320f003, "wfi", ARMPV_FORM_MSR_IMM, 0 },
	{ 0xe320f004, "sev", ARMPV_FORM_MSR_IMM, 0 },
	/* Sensitive encodings with SBZ/SBO bits violated, or LDM/STM with
	 * user registers and writeback: UNPREDICTABLE, refused. */
	{ 0xe1400f0f, "mrs r0, spsr (SBO 0000, SBZ set)", NONE, BOTH },
	{ 0xe10f0001, "mrs r0, cpsr (SBZ bit 0 set)", NONE, BOTH },
	{ 0xe121e000, "msr cpsr_c, r0 (SBO 1110)", NONE, BOTH },
	{ 0xe121f100, "msr cpsr_c, r0 (SBZ bit 8 set)", NONE, BOTH },
	{ 0xe321e0d3, "msr cpsr_c, #0xd3 (SBO 1110)", NONE, BOTH },
	{ 0xf10c0280, "cpsid i (SBZ bit 9 set)", NONE, V6 },
	/* RFE, SRS (ARMv6): refused only with bits 11:8 at their values,
	 * 1010 (RFE) and 0101 (SRS), and SBZ bits set, or for SRS bits 19:16
	 * not 1101 (R13 of the mode). */
	{ 0xf8bd0a01, "rfeia sp! (SBZ bit 0 set)", NONE, V6 },
	{ 0xf8901a00, "rfeia r0 (SBZ bit 12 set)", NONE, V6 },
	{ 0xf9300a80, "rfedb r0! (SBZ bit 7 set)", NONE, V6 },
	{ 0xf96d0593, "srsdb sp!, #0x13 (SBZ bit 7 set)", NONE, V6 },
	{ 0xf8cd8513, "srsia sp, #0x13 (SBZ bit 15 set)", NONE, V6 },
	{ 0xf8c00513, "srsia #0x13 with bits 19:16 0000", NONE, V6 },
	{ 0xf96c0513, "srsdb #0x13 with bits 19:16 1100", NONE, V6 },
	{ 0xe8ed7fff, "stmia sp!, {r0-lr}^", NONE, BOTH },
	{ 0xe8f00006, "ldmia r0!, {r1, r2}^", NONE, BOTH },
	{ 0xe1b1f00e, "movs pc, lr with Rn (SBZ) = r1", NONE, BOTH },
	{ 0xe3b1f001, "movs pc, #1 with Rn (SBZ) = r1", NONE, BOTH },
	{ 0xe1f1f312, "mvns pc, r2, lsl r3 with Rn (SBZ) = r1", NONE, BOTH },
	/* Data processing with S=1, Rd=pc and a register-shifted operand:
	 * R15 as Rd is UNPREDICTABLE there (A5.1.5, A5.1.7, A5.1.9,
	 * A5.1.11), so not sensitive but refused; shreg_cases has more. */
	{ 0xe1b0f112, "movs pc, r2, lsl r1", NONE, BOTH },
	{ 0xe011f312, "ands pc, r1, r2, lsl r3", NONE, BOTH },
	{ 0xd0b1f312, "adcsle pc, r1, r2, lsl r3", NONE, BOTH },
	/* Its neighbours: no S, Rd not pc, bits 7 and 4 both set (the
	 * multiplies: umlals with RdLo = pc), cond 1111. */
	{ 0xe081f312, "add pc, r1, r2, lsl r3 (no S)", NONE, 0 },
	{ 0xe0910312, "adds r0, r1, r2, lsl r3", NONE, 0 },
	{ 0xe0b1f392, "umlals pc, r1, r2, r3", NONE, 0 },
	{ 0xf1b0f112, "movs pc, r2, lsl r1 with cond 1111", NONE, 0 },
	/* The RFE and SRS spaces with bits 11:8 other than 1010 and 0101:
	 * neither RFE/SRS nor refused (UNDEFINED on ARMv6). */
	{ 0xf8bd0b00, "rfeia sp! with bits 11:8 1011", NONE, 0 },
	{ 0xf8900000, "rfeia r0 with bits 11:8 0000", NONE, 0 },
	{ 0xf8900500, "rfeia r0 with bits 11:8 0101 (SRS's)", NONE, 0 },
	{ 0xf96d0613, "srsdb sp!, #0x13 with bits 11:8 0110", NONE, 0 },
	{ 0xf8cd0a13, "srsia sp, #0x13 with bits 11:8 1010 (RFE's)", NONE, 0 },
	{ 0xf96c0413, "srsdb with bits 19:16 1100 and 11:8 0100", NONE, 0 },
};

START_TEST(test_not_sensitive)
{
	const struct plain_case *c = &plain_cases[_i];
	const struct armpv_form *f = armpv_match(c->word);

	ck_assert_msg(armpv_classify(c->word, V5) == NULL,
		      "%s (%08x): sensitive on armv5te", c->text, c->word);
	ck_assert_msg(armpv_classify(c->word, V6) == NULL,
		      "%s (%08x): sensitive on armv6", c->text, c->word);
	ck_assert_msg(armpv_classify(c->word, BOTH) == NULL,
		      "%s (%08x): sensitive", c->text, c->word);
	if (c->form < 0) {
		ck_assert_msg(f == NULL, "%s (%08x): matches %s %s", c->text,
			      c->word, f ? f->name : "", f ? f->form : "");
	} else {
		ck_assert_msg(f && f->id == c->form, "%s (%08x): not in form %d",
			      c->text, c->word, c->form);
		ck_assert_uint_eq(armpv_sensitive_archs(f, c->word), 0);
	}
	for (unsigned a = V5; a <= V6; a <<= 1)
		ck_assert_msg((armpv_classify_unpredictable(c->word, a) != NULL) ==
				      !!(c->unpred & a),
			      "%s (%08x): UNPREDICTABLE on %s is %d, expected %d",
			      c->text, c->word, armpv_arch_name(a),
			      armpv_classify_unpredictable(c->word, a) != NULL,
			      !!(c->unpred & a));
}
END_TEST


/* msr cpsr_x and cpsid i are sensitive on ARMv6 only; msr cpsr_xc on both. */
START_TEST(test_arch_split)
{
	const struct armpv_form *f;

	ck_assert_ptr_null(armpv_classify(0xe122f000, V5));
	ck_assert_ptr_eq(armpv_classify(0xe122f000, V6),
			 &armpv_forms[ARMPV_FORM_MSR_REG]);
	ck_assert_ptr_null(armpv_classify(0xf10c0080, V5));
	f = armpv_match(0xf10c0080);
	ck_assert_ptr_eq(f, &armpv_forms[ARMPV_FORM_CPS]);
	ck_assert_uint_eq(armpv_sensitive_archs(f, 0xf10c0080), V6);
	ck_assert_ptr_eq(armpv_classify(0xe123f000, V5),
			 &armpv_forms[ARMPV_FORM_MSR_REG]);
	ck_assert_ptr_eq(armpv_classify(0xe123f000, V6),
			 &armpv_forms[ARMPV_FORM_MSR_REG]);
	/* An empty architecture set: nothing is sensitive. */
	ck_assert_ptr_null(armpv_classify(0xe25ef004, 0));
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Trap words.                                                              */

/* The trap word keeps the condition of a conditional instruction; the
 * other 28 bits do not depend on it. */
START_TEST(test_trap_keeps_condition)
{
	const struct sens_case *tables[] = { status_cases, ldmstm_cases,
					     usermem_cases, dataproc_cases };
	const int sizes[] = { N(status_cases), N(ldmstm_cases),
			      N(usermem_cases), N(dataproc_cases) };

	for (int t = 0; t < 4; t++)
		for (int i = 0; i < sizes[t]; i++) {
			const struct sens_case *c = &tables[t][i];
			if (c->word >> 28 == 0xf) {
				/* Unconditional: the trap is always AL. */
				ck_assert_uint_eq(c->trap >> 28, 0xe);
				continue;
			}
			for (uint32_t cond = 0; cond < 15; cond++) {
				uint32_t w = (c->word & 0x0fffffffu) | cond << 28;
				uint32_t want = (c->trap & 0x0fffffffu) | cond << 28;
				const struct armpv_form *f = armpv_classify(w, BOTH);
				uint32_t back = 0;

				ck_assert_msg(f && f->id == c->form,
					      "%s, cond %u: not classified", c->text,
					      cond);
				ck_assert_msg(armpv_encode(f, w) == want,
					      "%s, cond %u: trap %08x, expected %08x",
					      c->text, cond, armpv_encode(f, w), want);
				ck_assert_msg(armpv_decode(want, &back) == f && back == w,
					      "%s, cond %u: decode", c->text, cond);
			}
			/* Condition 1111: not this instruction, and no trap
			 * word decodes with condition 1111. */
			uint32_t nv_insn;
			ck_assert_ptr_null(armpv_classify(c->word | 0xf0000000u, BOTH));
			ck_assert_ptr_null(armpv_decode(c->trap | 0xf0000000u, &nv_insn));
		}
}
END_TEST

/* Where each format's trap words live, from the maps in armpv.spec:
 * SWI payload ranges, or coprocessor space and numbers. */
struct trap_map {
	const char *format;
	uint32_t mask, value; /* bits 27:24 (space) and, for SWI, the payload */
	uint32_t lo, hi;      /* SWI payload range */
	unsigned cps;	      /* coprocessor numbers (bit n = cp n) */
};

static const struct trap_map trap_maps[] = {
	{ "mrs", 0x0f000000, 0x0f000000, 0x000100, 0x00011f, 0 },
	{ "msr_reg", 0x0f000000, 0x0f000000, 0x000200, 0x0003ff, 0 },
	{ "cps", 0x0f000000, 0x0f000000, 0x000800, 0x000fff, 0 },
	{ "rfe", 0x0f000000, 0x0f000000, 0x001000, 0x00107f, 0 },
	{ "srs", 0x0f000000, 0x0f000000, 0x001100, 0x0011ff, 0 },
	{ "msr_imm", 0x0f000000, 0x0f000000, 0x020000, 0x03ffff, 0 },
	{ "dp_imm", 0x0f000000, 0x0f000000, 0x800000, 0x8fffff, 0 },
	{ "dp_shimm", 0x0f000000, 0x0f000000, 0x200000, 0x27ffff, 0 },
	{ "ldrt_reg", 0x0f000000, 0x0f000000, 0x400000, 0x7fffff, 0 },
	{ "ldm_user", 0x0f000000, 0x0f000000, 0xa00000, 0xbfffff, 0 },
	{ "ldm_ret", 0x0f000000, 0x0f000000, 0xc00000, 0xffffff, 0 },
	/* cccc 1110: CDP/MCR/MRC. */
	{ "ldrt_imm_w", 0x0f000000, 0x0e000000, 0, 0, 0x00f0 },
	{ "ldrt_imm_b", 0x0f000000, 0x0e000000, 0, 0, 0x3300 },
	/* cccc 1101: LDC/STC with P=1. */
	{ "stm_user", 0x0f000000, 0x0d000000, 0, 0, 0x00f0 },
};

static void check_trap_map(const struct sens_case *c)
{
	const struct armpv_form *f = &armpv_forms[c->form];
	const struct trap_map *m = NULL;

	for (int i = 0; i < N(trap_maps); i++)
		if (strcmp(trap_maps[i].format, f->format) == 0)
			m = &trap_maps[i];
	ck_assert_msg(m != NULL, "%s: format %s not in the map", c->text, f->format);
	ck_assert_msg((c->trap & m->mask) == m->value,
		      "%s: trap %08x outside the space of %s", c->text, c->trap,
		      m->format);
	if (m->cps) {
		unsigned cp = c->trap >> 8 & 0xf;
		ck_assert_msg(m->cps & 1u << cp, "%s: trap %08x uses cp%u", c->text,
			      c->trap, cp);
	} else {
		uint32_t payload = c->trap & 0xffffff;
		ck_assert_msg(payload >= m->lo && payload <= m->hi,
			      "%s: SWI payload %06x outside %06x-%06x", c->text,
			      payload, m->lo, m->hi);
	}
}

START_TEST(test_trap_map)
{
	const struct sens_case *tables[] = { status_cases, ldmstm_cases,
					     usermem_cases, dataproc_cases };
	const int sizes[] = { N(status_cases), N(ldmstm_cases),
			      N(usermem_cases), N(dataproc_cases) };

	for (int t = 0; t < 4; t++)
		for (int i = 0; i < sizes[t]; i++)
			check_trap_map(&tables[t][i]);
}
END_TEST

/* The trap-template constants of armpv_tables_gen.h (which the bare-metal
 * monitor's assembly decodes with) agree with the encoder and decoder. */
START_TEST(test_trap_constants)
{
	static const struct {
		uint32_t word, trap;
		const char *text;
	} cases[] = {
		{ 0xe10f3000, 0xe0000000 | ARMPV_TRAP_MRS_FIXED_VALUE |
				      3 << ARMPV_TRAP_MRS_FIELD_RD_SHIFT,
		  "mrs r3, cpsr" },
		{ 0x314fe000, 0x30000000 | ARMPV_TRAP_MRS_FIXED_VALUE |
				      1 << ARMPV_TRAP_MRS_FIELD_SPSR_SHIFT |
				      14 << ARMPV_TRAP_MRS_FIELD_RD_SHIFT,
		  "mrscc lr, spsr" },
		{ 0xe121f005, 0xe0000000 | ARMPV_TRAP_MSR_REG_FIXED_VALUE |
				      1 << ARMPV_TRAP_MSR_REG_FIELD_MASK_SHIFT |
				      5 << ARMPV_TRAP_MSR_REG_FIELD_RM_SHIFT,
		  "msr cpsr_c, r5" },
		{ 0xf10c0080, ARMPV_TRAP_CPS_FIXED_VALUE |
				      3 << ARMPV_TRAP_CPS_FIELD_IMOD_SHIFT |
				      2 << ARMPV_TRAP_CPS_FIELD_AIF_SHIFT,
		  "cpsid i" },
		{ 0xf10800c0, ARMPV_TRAP_CPS_FIXED_VALUE |
				      2 << ARMPV_TRAP_CPS_FIELD_IMOD_SHIFT |
				      3 << ARMPV_TRAP_CPS_FIELD_AIF_SHIFT,
		  "cpsie if" },
	};

	for (int i = 0; i < N(cases); i++) {
		const struct armpv_form *f = armpv_classify(cases[i].word, BOTH);

		ck_assert_msg(f != NULL, "%s: not sensitive", cases[i].text);
		ck_assert_msg(armpv_encode(f, cases[i].word) == cases[i].trap,
			      "%s (%08x): trap %08x, constants give %08x",
			      cases[i].text, cases[i].word,
			      armpv_encode(f, cases[i].word), cases[i].trap);
	}
	/* Every word the fixed bits allow, with any field values, is a
	 * trap word of the format (MSR: with the c field, the sensitive
	 * ones); the mask covers every bit that is not a field. */
	ck_assert_uint_eq(ARMPV_TRAP_MRS_FIXED | ARMPV_TRAP_MRS_FIELD_COND |
				  ARMPV_TRAP_MRS_FIELD_SPSR |
				  ARMPV_TRAP_MRS_FIELD_RD,
			  0xffffffffu);
	for (uint32_t cond = 0; cond < 15; cond++)
		for (uint32_t v = 0; v < 32; v++) {
			uint32_t w = cond << 28 | ARMPV_TRAP_MRS_FIXED_VALUE | v,
				 insn = 0;
			const struct armpv_form *f = armpv_decode(w, &insn);

			ck_assert_msg(f && f->insn == ARMPV_INSN_MRS,
				      "%08x: not an MRS trap word", w);
			w = cond << 28 | ARMPV_TRAP_MSR_REG_FIXED_VALUE |
			    (v & 16) << 4 | 1 << 4 | (v & 15);
			f = armpv_decode(w, &insn);
			ck_assert_msg(f && f->insn == ARMPV_INSN_MSR,
				      "%08x: not an MSR trap word", w);
		}
	for (uint32_t v = 0; v < 0x800; v++) {
		uint32_t w = ARMPV_TRAP_CPS_FIXED_VALUE | v, insn = 0;
		const struct armpv_form *f = armpv_decode(w, &insn);

		if ((v & ARMPV_TRAP_CPS_FIELD_IMOD) >>
			    ARMPV_TRAP_CPS_FIELD_IMOD_SHIFT == 1 ||
		    (!(v & ARMPV_TRAP_CPS_FIELD_IMOD) &&
		     !(v & ARMPV_TRAP_CPS_FIELD_MMOD)))
			continue; /* the instruction's UNPREDICTABLE imod/M */
		ck_assert_msg(f && f->insn == ARMPV_INSN_CPS,
			      "%08x: not a CPS trap word", w);
	}
}
END_TEST

/* Trap words written out field by field from the trap templates, for
 * operands with every field bit set, so that a bit moved to the wrong
 * place shows. */
START_TEST(test_trap_words_by_hand)
{
	static const struct {
		uint32_t word, trap;
		const char *text;
	} cases[] = {
		/* ldm_user, all 15 list bits, Rn=r14, P=1 U=1:
		 * cccc 1111 101P Unnn nlll llll llll llll. */
		{ 0xe9de7fff, 0xefbf7fff, "ldmib lr, {r0-lr}^" },
		/* ldm_ret, P=1 U=0 W=0, Rn=r1, list r14 and pc:
		 * cccc 1111 11PU Wnnn nlll llll llll llll. */
		{ 0xe951c000, 0xefe0c000, "ldmdb r1, {lr, pc}^" },
		/* stm_user, list pc only, Rn=r8, P=0 U=0:
		 * cccc 1101 PUnn nnll llll 01ll llll llll. */
		{ 0xe8488000, 0xed220400, "stmda r8, {pc}^" },
		/* ldrt_imm_w, offset 0x800 (bit 11 -> bit 13), Rd=r15:
		 * cccc 1110 ULnn nndd ddii 01ii iiii iiii. */
		{ 0xe4b0f800, 0xee93e400, "ldrt pc, [r0], #0x800" },
		/* ldrt_imm_b with every field bit set but U:
		 * cccc 1110 ULnn nndd ddii 1i0i iiii iiii. */
		{ 0xe47effff, 0xee7bfdff, "ldrbt pc, [lr], #-4095" },
		/* ldrt_reg with shift_imm 0x1f, ROR, Rm=r15, Rd=r15, Rn=r15:
		 * cccc 1111 01UB Lnnn nddd daaa aahh mmmm. */
		{ 0xe6bfffef, 0xef77ffff, "ldrt pc, [pc], pc, ror #31" },
		/* srs with P, U, W and the mode all ones:
		 * 1110 1111 0000 0000 0001 0001 PUWk kkkk. */
		{ 0xf9ed051f, 0xef0011ff, "srsib sp!, #0x1f" },
		/* mrs to r15 from the SPSR, the top of the mrs range:
		 * cccc 1111 0000 0000 0000 0001 000R dddd. */
		{ 0xe14ff000, 0xef00011f, "mrs pc, spsr" },
	};

	for (int i = 0; i < N(cases); i++) {
		const struct armpv_form *f = armpv_classify(cases[i].word, BOTH);
		uint32_t back = 0;

		ck_assert_msg(f != NULL, "%s (%08x): not sensitive", cases[i].text,
			      cases[i].word);
		ck_assert_msg(armpv_encode(f, cases[i].word) == cases[i].trap,
			      "%s (%08x): trap %08x, expected %08x", cases[i].text,
			      cases[i].word, armpv_encode(f, cases[i].word),
			      cases[i].trap);
		ck_assert_msg(armpv_decode(cases[i].trap, &back) == f &&
				      back == cases[i].word,
			      "%s: decode of %08x gives %08x", cases[i].text,
			      cases[i].trap, back);
	}
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Decoding words that are not trap words.                                  */

static const struct {
	uint32_t word;
	const char *text;
} not_trap_cases[] = {
	{ 0xef000000, "swi 0 (EABI system call)" },
	{ 0xef900001, "swi 0x900001 (OABI exit)" },
	{ 0xef9f0002, "swi 0x9f0002 (OABI ARM private)" },
	/* Free SWI payloads, next to the ranges in use. */
	{ 0xef000001, "swi 1" },
	{ 0xef0000ff, "swi 0x0000ff (below mrs)" },
	{ 0xef000120, "swi 0x000120 (above mrs)" },
	{ 0xef000400, "swi 0x000400 (above msr_reg)" },
	{ 0xef001080, "swi 0x001080 (above rfe)" },
	{ 0xef001200, "swi 0x001200 (above srs)" },
	{ 0xef010000, "swi 0x010000 (below msr_imm)" },
	{ 0xef040000, "swi 0x040000 (above msr_imm)" },
	{ 0xef280000, "swi 0x280000 (above dp_shimm)" },
	{ 0xef2b40c2, "swi 0x2b40c2 (free since layout version 3)" },
	{ 0xef3fffff, "swi 0x3fffff (below ldrt_reg)" },
	{ 0xef280000, "swi 0x280000 (hypercalls)" },
	{ 0xef3fffff, "swi 0x3fffff (hypercalls)" },
	/* Coprocessors that exist, or that the never lines keep free. */
	{ 0xee010f10, "mcr p15, 0, r0, c1, c0, 0" },
	{ 0xee110f10, "mrc p15, 0, r0, c1, c0, 0" },
	{ 0xed9f0a00, "vldr s0, [pc] (cp10)" },
	{ 0xec410b10, "vmov d0, r1, r1 (mcrr cp11)" },
	{ 0xee000a06, "cdp p10 (VFP)" },
	{ 0xee000000, "cdp p0 (XScale DSP)" },
	{ 0xee000210, "mcr p2, 0, r0, c0, c0, 0 (FPA)" },
	{ 0xed900800, "ldc p8, c0, [r0] (qemu: VFP load)" },
	{ 0xed900c00, "ldc p12, c0, [r0]" },
	{ 0xec3d000f, "ldc p0 with P=0 U=0" },
	/* Ordinary instructions. */
	{ 0xe0810002, "add r0, r1, r2" },
	{ 0xe5910000, "ldr r0, [r1]" },
	{ 0xe3a00000, "mov r0, #0" },
	{ 0xeafffffe, "b ." },
	{ 0xe12fff1e, "bx lr" },
	{ 0xe10f0000, "mrs r0, cpsr (a sensitive word, not a trap)" },
	/* The trap layout of words that are sensitive on no architecture:
	 * the encoder never produces them. */
	{ 0xef000280, "msr_reg trap layout of msr cpsr_f, r0" },
	{ 0xef000300, "msr_reg trap layout of msr spsr_, r0" },
	{ 0xef020000, "msr_imm trap layout of msr cpsr_, #0 (nop)" },
	/* dp_imm trap layout with opcode 1000 (TST): no such form. */
	{ 0xef881000, "dp_imm trap layout with opcode tst" },
	{ 0xef123456, "swi 0x123456 (ARM semihosting)" },
	{ 0xef121004, "dp_imm layout of tables v3 (now free)" },
	/* A conditional trap with condition 1111, and an unconditional one
	 * with a condition other than AL. */
	{ 0xff82e004, "subs pc, lr, #4 trap with cond 1111" },
	{ 0xffa80006, "ldm_user trap with cond 1111" },
	{ 0xfec40404, "ldrt_imm_w trap with cond 1111" },
	{ 0x0f000e40, "cpsid i trap with cond EQ" },
};

START_TEST(test_decode_not_trap)
{
	uint32_t insn = 0x12345678;

	ck_assert_msg(armpv_decode(not_trap_cases[_i].word, &insn) == NULL,
		      "%s (%08x) decodes to %08x", not_trap_cases[_i].text,
		      not_trap_cases[_i].word, insn);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Operand fields.                                                          */

START_TEST(test_fields)
{
	const struct armpv_form *f;

	/* ldmia sp!, {r0-r3, pc}^: the pc bit (15) is a literal of the
	 * ldm_ret format, so the reglist field is bits 14:0. */
	f = armpv_classify(0xe8fd800f, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe8fd800f, ARMPV_FIELD_COND), 0xe);
	ck_assert_uint_eq(armpv_field(f, 0xe8fd800f, ARMPV_FIELD_RN), 13);
	ck_assert_uint_eq(armpv_field(f, 0xe8fd800f, ARMPV_FIELD_REGLIST), 0x000f);
	ck_assert_uint_eq(armpv_field(f, 0xe8fd800f, ARMPV_FIELD_P), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe8fd800f, ARMPV_FIELD_U), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe8fd800f, ARMPV_FIELD_W), 1);
	ck_assert(!armpv_form_has_field(f, ARMPV_FIELD_RD));
	ck_assert_uint_eq(armpv_field(f, 0xe8fd800f, ARMPV_FIELD_RD), 0);

	/* stmdb sp, {r0-pc}^: all 16 bits; W is bound to 0 by the format
	 * (W=1 is UNPREDICTABLE) and still reads as a field. */
	f = armpv_classify(0xe94dffff, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe94dffff, ARMPV_FIELD_REGLIST), 0xffff);
	ck_assert_uint_eq(armpv_field(f, 0xe94dffff, ARMPV_FIELD_P), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe94dffff, ARMPV_FIELD_U), 0);
	ck_assert(armpv_form_has_field(f, ARMPV_FIELD_W));
	ck_assert_uint_eq(armpv_field(f, 0xe94dffff, ARMPV_FIELD_W), 0);

	/* ldmneia r0, {r1, r2}^: W bound to 0 by the ldm_user format too. */
	f = armpv_classify(0x18d00006, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0x18d00006, ARMPV_FIELD_COND), 0x1);
	ck_assert_uint_eq(armpv_field(f, 0x18d00006, ARMPV_FIELD_RN), 0);
	ck_assert_uint_eq(armpv_field(f, 0x18d00006, ARMPV_FIELD_REGLIST), 0x0006);
	ck_assert_uint_eq(armpv_field(f, 0x18d00006, ARMPV_FIELD_P), 0);
	ck_assert_uint_eq(armpv_field(f, 0x18d00006, ARMPV_FIELD_U), 1);
	ck_assert(armpv_form_has_field(f, ARMPV_FIELD_W));
	ck_assert_uint_eq(armpv_field(f, 0x18d00006, ARMPV_FIELD_W), 0);
	/* The field sits at bit 21, as in the ARM ARM's LDM (2) diagram:
	 * the mask selects exactly that bit. */
	ck_assert_uint_eq(f->field_mask[ARMPV_FIELD_W], 0x00200000);
	/* stmia sp, {r0-lr}^ (P=0 U=1): the STM (2) W at bit 21 as well. */
	f = armpv_classify(0xe8cd7fff, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->id, ARMPV_FORM_STM_USER);
	ck_assert_uint_eq(f->field_mask[ARMPV_FIELD_W], 0x00200000);
	ck_assert_uint_eq(armpv_field(f, 0xe8cd7fff, ARMPV_FIELD_W), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe8cd7fff, ARMPV_FIELD_P), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe8cd7fff, ARMPV_FIELD_U), 1);

	/* mrsne r5, spsr. */
	f = armpv_classify(0x114f5000, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0x114f5000, ARMPV_FIELD_COND), 0x1);
	ck_assert_uint_eq(armpv_field(f, 0x114f5000, ARMPV_FIELD_SPSR), 1);
	ck_assert_uint_eq(armpv_field(f, 0x114f5000, ARMPV_FIELD_RD), 5);

	/* msr spsr_fsxc, r1 and msr cpsr_c, #0xd3. */
	f = armpv_classify(0xe16ff001, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe16ff001, ARMPV_FIELD_MASK), 0xf);
	ck_assert_uint_eq(armpv_field(f, 0xe16ff001, ARMPV_FIELD_SPSR), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe16ff001, ARMPV_FIELD_RM), 1);
	f = armpv_classify(0xe321f0d3, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe321f0d3, ARMPV_FIELD_MASK), 0x1);
	ck_assert_uint_eq(armpv_field(f, 0xe321f0d3, ARMPV_FIELD_ROTATE), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe321f0d3, ARMPV_FIELD_IMM), 0xd3);

	/* cpsid aif, #0x1f: no condition field. */
	f = armpv_classify(0xf10e01df, V6);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xf10e01df, ARMPV_FIELD_IMOD), 3);
	ck_assert_uint_eq(armpv_field(f, 0xf10e01df, ARMPV_FIELD_MMOD), 1);
	ck_assert_uint_eq(armpv_field(f, 0xf10e01df, ARMPV_FIELD_AIF), 7);
	ck_assert_uint_eq(armpv_field(f, 0xf10e01df, ARMPV_FIELD_MODE), 0x1f);
	ck_assert(!armpv_form_has_field(f, ARMPV_FIELD_COND));

	/* rfeia sp! and srsdb sp!, #0x13. */
	f = armpv_classify(0xf8bd0a00, V6);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xf8bd0a00, ARMPV_FIELD_RN), 13);
	ck_assert_uint_eq(armpv_field(f, 0xf8bd0a00, ARMPV_FIELD_P), 0);
	ck_assert_uint_eq(armpv_field(f, 0xf8bd0a00, ARMPV_FIELD_U), 1);
	ck_assert_uint_eq(armpv_field(f, 0xf8bd0a00, ARMPV_FIELD_W), 1);
	f = armpv_classify(0xf96d0513, V6);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xf96d0513, ARMPV_FIELD_MODE), 0x13);
	ck_assert_uint_eq(armpv_field(f, 0xf96d0513, ARMPV_FIELD_P), 1);
	ck_assert_uint_eq(armpv_field(f, 0xf96d0513, ARMPV_FIELD_U), 0);
	ck_assert_uint_eq(armpv_field(f, 0xf96d0513, ARMPV_FIELD_W), 1);

	/* ldrbt r2, [r3], #-1: L is bound in the form and B (bit 22) by the
	 * byte format ldrt_imm_b, both still readable. */
	f = armpv_classify(0xe4732001, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe4732001, ARMPV_FIELD_RN), 3);
	ck_assert_uint_eq(armpv_field(f, 0xe4732001, ARMPV_FIELD_RD), 2);
	ck_assert_uint_eq(armpv_field(f, 0xe4732001, ARMPV_FIELD_IMM), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe4732001, ARMPV_FIELD_U), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe4732001, ARMPV_FIELD_LOAD), 1);
	ck_assert(armpv_form_has_field(f, ARMPV_FIELD_B));
	ck_assert_uint_eq(f->field_mask[ARMPV_FIELD_B], 0x00400000);
	ck_assert_uint_eq(armpv_field(f, 0xe4732001, ARMPV_FIELD_B), 1);
	ck_assert_uint_eq(f->insn, ARMPV_INSN_LDRBT);
	/* strbt r6, [r7], #4095: B = 1, L = 0. */
	f = armpv_classify(0xe4e76fff, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->id, ARMPV_FORM_STRBT_IMM);
	ck_assert_uint_eq(armpv_field(f, 0xe4e76fff, ARMPV_FIELD_B), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe4e76fff, ARMPV_FIELD_LOAD), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe4e76fff, ARMPV_FIELD_IMM), 0xfff);
	/* ldrt r0, [r1], #4 and strt r4, [r5], #0x10 (word format
	 * ldrt_imm_w): B = 0, readable. */
	f = armpv_classify(0xe4b10004, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->id, ARMPV_FORM_LDRT_IMM);
	ck_assert(armpv_form_has_field(f, ARMPV_FIELD_B));
	ck_assert_uint_eq(f->field_mask[ARMPV_FIELD_B], 0x00400000);
	ck_assert_uint_eq(armpv_field(f, 0xe4b10004, ARMPV_FIELD_B), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe4b10004, ARMPV_FIELD_LOAD), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe4b10004, ARMPV_FIELD_U), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe4b10004, ARMPV_FIELD_IMM), 4);
	f = armpv_classify(0xe4a54010, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->id, ARMPV_FORM_STRT_IMM);
	ck_assert_uint_eq(armpv_field(f, 0xe4a54010, ARMPV_FIELD_B), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe4a54010, ARMPV_FIELD_LOAD), 0);
	/* The formats bind no W in the LDRT family (P=0 W=1 are literals):
	 * W is not a field there. */
	ck_assert(!armpv_form_has_field(f, ARMPV_FIELD_W));

	/* strt r3, [r4], r5, asr #31. */
	f = armpv_classify(0xe6a43fc5, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_RN), 4);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_RD), 3);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_SHIFT_IMM), 31);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_SHIFT), 2);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_RM), 5);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_U), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_B), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe6a43fc5, ARMPV_FIELD_LOAD), 0);

	/* subs pc, lr, #4: the opcode is bound in the form but readable. */
	f = armpv_classify(0xe25ef004, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe25ef004, ARMPV_FIELD_OPCODE), 2);
	ck_assert_uint_eq(armpv_field(f, 0xe25ef004, ARMPV_FIELD_RN), 14);
	ck_assert_uint_eq(armpv_field(f, 0xe25ef004, ARMPV_FIELD_ROTATE), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe25ef004, ARMPV_FIELD_IMM), 4);

	/* moveqs pc, lr and mvns pc, r2, lsl #1. */
	f = armpv_classify(0x01b0f00e, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0x01b0f00e, ARMPV_FIELD_COND), 0);
	ck_assert_uint_eq(armpv_field(f, 0x01b0f00e, ARMPV_FIELD_OPCODE), 13);
	ck_assert_uint_eq(armpv_field(f, 0x01b0f00e, ARMPV_FIELD_SHIFT_IMM), 0);
	ck_assert_uint_eq(armpv_field(f, 0x01b0f00e, ARMPV_FIELD_RM), 14);
	f = armpv_classify(0xe1f0f082, BOTH);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(armpv_field(f, 0xe1f0f082, ARMPV_FIELD_OPCODE), 15);
	ck_assert_uint_eq(armpv_field(f, 0xe1f0f082, ARMPV_FIELD_SHIFT_IMM), 1);
	ck_assert_uint_eq(armpv_field(f, 0xe1f0f082, ARMPV_FIELD_SHIFT), 0);
	ck_assert_uint_eq(armpv_field(f, 0xe1f0f082, ARMPV_FIELD_RM), 2);
	ck_assert(!armpv_form_has_field(f, ARMPV_FIELD_IMM));
	/* No form has a shift register any more. */
	for (int k = 0; k < ARMPV_NFORMS; k++)
		ck_assert_msg(!armpv_form_has_field(&armpv_forms[k], ARMPV_FIELD_RS),
			      "%s %s has an Rs field", armpv_forms[k].name,
			      armpv_forms[k].form);
}
END_TEST

/* The fields of a decoded trap are those of the original instruction. */
START_TEST(test_fields_after_decode)
{
	uint32_t insn = 0;
	const struct armpv_form *f = armpv_decode(0xef4e58de, &insn);

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(insn, 0xe66cb1ae); /* strbt r11, [r12], -lr, lsr #3 */
	ck_assert_uint_eq(armpv_field(f, insn, ARMPV_FIELD_RN), 12);
	ck_assert_uint_eq(armpv_field(f, insn, ARMPV_FIELD_RD), 11);
	ck_assert_uint_eq(armpv_field(f, insn, ARMPV_FIELD_RM), 14);
	ck_assert_uint_eq(armpv_field(f, insn, ARMPV_FIELD_SHIFT_IMM), 3);
	ck_assert_uint_eq(armpv_field(f, insn, ARMPV_FIELD_SHIFT), 1);
	ck_assert_uint_eq(armpv_field(f, insn, ARMPV_FIELD_U), 0);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Thumb (ARMv6): CPS is sensitive and has no trap; it is only reported.   */

START_TEST(test_thumb)
{
	/* CPS<effect> <iflags>: 1011 0110 011 im 0 A I F. */
	ck_assert_ptr_nonnull(armpv_classify_thumb(0xb672, V6)); /* cpsid i */
	ck_assert_ptr_nonnull(armpv_classify_thumb(0xb663, V6)); /* cpsie if */
	ck_assert_ptr_nonnull(armpv_classify_thumb(0xb677, V6)); /* cpsid aif */
	ck_assert_ptr_null(armpv_classify_thumb(0xb672, V5));	 /* no CPS */
	ck_assert_ptr_null(armpv_classify_thumb(0xb658, V6));	 /* setend be */
	ck_assert_ptr_null(armpv_classify_thumb(0xb67a, V6));	 /* bit 3 set */
	ck_assert_ptr_null(armpv_classify_thumb(0x4770, V6));	 /* bx lr */
	ck_assert_ptr_null(armpv_classify_thumb(0xdf00, V6));	 /* svc 0 */
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Architecture names.                                                      */

START_TEST(test_arch_parse)
{
	ck_assert_uint_eq(armpv_arch_parse("armv5te"), V5);
	ck_assert_uint_eq(armpv_arch_parse("armv6"), V6);
	ck_assert_uint_ne(V5, V6);
	ck_assert_uint_eq(V5 & V6, 0);
	ck_assert_uint_eq(ARMPV_ARCH_ALL, BOTH);
	ck_assert_uint_eq(armpv_arch_parse("armv7"), 0);
	ck_assert_uint_eq(armpv_arch_parse("armv5"), 0);
	ck_assert_uint_eq(armpv_arch_parse("armv5t"), 0);
	ck_assert_uint_eq(armpv_arch_parse("armv6k"), 0);
	ck_assert_uint_eq(armpv_arch_parse("armv"), 0);
	ck_assert_uint_eq(armpv_arch_parse("ARMV6"), 0);
	ck_assert_uint_eq(armpv_arch_parse("armv6 "), 0);
	ck_assert_uint_eq(armpv_arch_parse("armv5te,armv6"), 0);
	ck_assert_uint_eq(armpv_arch_parse(""), 0);
	ck_assert_str_eq(armpv_arch_name(V5), "armv5te");
	ck_assert_str_eq(armpv_arch_name(V6), "armv6");
	ck_assert_str_eq(armpv_arch_name(BOTH), "?");
	ck_assert_str_eq(armpv_arch_name(0), "?");
}
END_TEST

static Suite *tables_suite(void)
{
	Suite *s = suite_create("tables");
	TCase *tc;

	tc = tcase_create("status");
	tcase_add_loop_test(tc, test_status, 0, N(status_cases));
	tcase_add_test(tc, test_arch_split);
	suite_add_tcase(s, tc);

	tc = tcase_create("ldmstm");
	tcase_add_loop_test(tc, test_ldmstm, 0, N(ldmstm_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("usermem");
	tcase_add_loop_test(tc, test_usermem, 0, N(usermem_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("dataproc");
	tcase_add_loop_test(tc, test_dataproc, 0, N(dataproc_cases));
	tcase_add_test(tc, test_shreg_refused);
	tcase_add_test(tc, test_shreg_traps_gone);
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_add_test(tc, test_coverage);
	suite_add_tcase(s, tc);

	tc = tcase_create("not_sensitive");
	tcase_add_loop_test(tc, test_not_sensitive, 0, N(plain_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("trap_words");
	tcase_add_test(tc, test_trap_keeps_condition);
	tcase_add_test(tc, test_trap_map);
	tcase_add_test(tc, test_trap_words_by_hand);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_loop_test(tc, test_decode_not_trap, 0, N(not_trap_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("fields");
	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_fields_after_decode);
	suite_add_tcase(s, tc);

	tc = tcase_create("thumb");
	tcase_add_test(tc, test_thumb);
	tcase_add_test(tc, test_trap_constants);
	suite_add_tcase(s, tc);

	tc = tcase_create("arch");
	tcase_add_test(tc, test_arch_parse);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tables_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
