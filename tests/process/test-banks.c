// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-banks.c -- checks of bank_test() (banks.S): every exception mode
 * has its own SP, LR and SPSR; FIQ its own r8-r12; SYS shares the User
 * bank; STM^/LDM^ reach the User bank from SVC and FIQ (ARM ARM A2.3,
 * A4.1.21 LDM(2), A4.1.98 STM(2)).  And, on ARMv6, SRS and RFE.
 */
#include "tests.h"

static uint32_t bank[BK_SIZE / 4];

#define BK(off, idx) bank[(off) / 4 + (idx)]

static const struct {
	const char *name;
	unsigned idx, mode;
	uint32_t spsr;
} bank_modes[] = {
	{ "fiq", IDX_FIQ, FIQ_MODE, SPSR_VAL_FIQ },
	{ "irq", IDX_IRQ, IRQ_MODE, SPSR_VAL_IRQ },
	{ "abt", IDX_ABT, ABT_MODE, SPSR_VAL_ABT },
	{ "und", IDX_UND, UND_MODE, SPSR_VAL_UND },
	{ "sys", IDX_SYS, SYS_MODE, 0 },
	{ "svc", IDX_SVC, SVC_MODE, SPSR_VAL_SVC },
};

void test_banks(void)
{
	unsigned i;

	BK(BK_LDM_SRC, 0) = PAT_LDM_SP;
	BK(BK_LDM_SRC, 1) = PAT_LDM_LR;
	bank_test(bank);

	for (i = 0; i < sizeof(bank_modes) / sizeof(bank_modes[0]); i++) {
		unsigned x = bank_modes[i].idx, m = bank_modes[i].mode;

		check_ctx("banks: ");
		check_ctx_append(bank_modes[i].name);
		check_ctx_append(": ");
		check_eq("MRS CPSR shows the mode, I and F",
			 BK(BK_CPSR, x) & PSR_LOW_MASK,
			 m | PSR_I | PSR_F | PSR_A_SET);
		if (m == SVC_MODE)
			check_eq("r13 unchanged by the other modes",
				 BK(BK_SP, x), bank[BK_SVC_SP_BEFORE / 4]);
		else
			check_eq("r13 separate", BK(BK_SP, x), PAT_SP(m));
		check_eq("r14 separate", BK(BK_LR, x), PAT_LR(m));
		if (m != SYS_MODE)
			check_eq("SPSR separate", BK(BK_SPSR, x),
				 bank_modes[i].spsr);
	}

	check_ctx("banks: fiq: ");
	for (i = 0; i < 5; i++) {
		static const char *const what[] = { "r8 separate", "r9 separate",
						    "r10 separate",
						    "r11 separate",
						    "r12 separate" };

		check_eq(what[i], BK(BK_FIQ_R8, i), PAT_FIQ_R8 + i);
	}
	check_ctx("banks: svc: ");
	for (i = 0; i < 5; i++) {
		static const char *const what[] = {
			"r8 kept across FIQ mode", "r9 kept across FIQ mode",
			"r10 kept across FIQ mode", "r11 kept across FIQ mode",
			"r12 kept across FIQ mode"
		};

		check_eq(what[i], BK(BK_SVC_R8, i), PAT_USR_R8 + i);
	}

	check_ctx("banks: stm^ ");
	check_eq("from SVC stores User r13 (= SYS r13)", BK(BK_USR_STM, 0),
		 PAT_SP(SYS_MODE));
	check_eq("from SVC stores User r14 (= SYS r14)", BK(BK_USR_STM, 1),
		 PAT_LR(SYS_MODE));
	for (i = 0; i < 7; i++) {
		static const char *const what[] = {
			"from FIQ stores User r8",  "from FIQ stores User r9",
			"from FIQ stores User r10", "from FIQ stores User r11",
			"from FIQ stores User r12", "from FIQ stores User r13",
			"from FIQ stores User r14"
		};
		uint32_t want = i < 5 ? PAT_USR_R8 + i :
			       i == 5 ? PAT_SP(SYS_MODE) : PAT_LR(SYS_MODE);

		check_eq(what[i], BK(BK_FIQ_STM_USR, i), want);
	}
	check_ctx("banks: ldm^ ");
	check_eq("from SVC loads User r13, seen in SYS",
		 BK(BK_SYS_AFTER_LDM, 0), PAT_LDM_SP);
	check_eq("from SVC loads User r14, seen in SYS",
		 BK(BK_SYS_AFTER_LDM, 1), PAT_LDM_LR);
}

/*
 * ARMv6 SRS and RFE outside the exception paths (entry.S uses them there
 * too): ARM ARM A4.1.90 SRS, A4.1.59 RFE.
 */
void test_srs_rfe(void)
{
#ifdef KERN_V6
	static uint32_t buf[8] __attribute__((aligned(8)));
	static uint32_t pair[2] __attribute__((aligned(8)));
	uint32_t out[2], sp, cpsr;
	const uint32_t lr = 0x5a5a0004, spsr = PSR_Z | PSR_I | USR_MODE;

	check_ctx("srs: ");
	sp = srs_test(&buf[8], lr, spsr);
	check_eq("SRSDB sp!, #irq stores LR_svc at SP_irq - 8", buf[6], lr);
	check_eq("SRSDB sp!, #irq stores SPSR_svc at SP_irq - 4", buf[7], spsr);
	check_eq("SRSDB sp!, #irq writes back SP_irq", sp,
		 (uint32_t)&buf[6]);
	check_eq("SRSDB sp, #irq (no writeback) stores LR_svc", buf[4], lr);
	check_eq("SRSDB sp, #irq (no writeback) stores SPSR_svc", buf[5],
		 spsr);

	check_ctx("rfe: ");
	cpsr = PSR_N | PSR_C | PSR_I | PSR_F | PSR_A | SVC_MODE;
	pair[1] = cpsr;
	rfe_test(pair, out);
	check_eq("RFEIA loads CPSR (flags, masks, mode)", out[0], cpsr);
	check_eq("RFEIA Rn! writes back Rn + 8", out[1], (uint32_t)&pair[2]);
#endif
}
