// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-sensitive.c -- the tasks-guest's kernel-mode phase: every ARMv5 form of
 * the sensitive instructions (the armv5te rows of tables/armpv.spec),
 * run from privileged modes by sensitive.S, tests/process/banks.S and
 * tests/process/uaccess.S, and checked here against the ARM ARM (DDI
 * 0100I; sections cited with each test).  Natively they execute in SVC;
 * rewritten under armpv-bm each is a trap word the monitor emulates, and
 * the transcripts must be identical (tests/baremetal/tasks.sh, which
 * also checks that the rewriter found every armv5te row in this guest).
 *
 * Runs after the MMU is on (task A's table: the first MiB user
 * read/write, KONLY_BASE's MiB kernel only in domain KONLY_DOMAIN), in
 * SVC with IRQ and FIQ masked, before any task exists.
 */
#include "plat.h"
#include "sensitive.h"
#include "tasks-guest.h"
#include "tests.h"

void sn_msr_spsr(uint32_t *out);
void sn_msr_cpsr(uint32_t *out);
void sn_stm_user(uint32_t *out);
void sn_ldm_user(const uint32_t *src, uint32_t *out);
void sn_ldm_ret(uint32_t *scratch, uint32_t *out);
void sn_dp_ret(uint32_t *out);
void sn_cond(uint32_t *out);
void sn_icache_invalidate(void);
ua_fn sn_strt_reg_lsr, sn_ldrbt_reg_asr, sn_ldrt_reg_ror, sn_ldrt_reg_rrx,
	sn_strbt_reg, sn_strt_neg8, sn_ldrt_neg4;
extern const char sn_strt_reg_lsr_insn[], sn_ldrbt_reg_asr_insn[],
	sn_ldrt_reg_ror_insn[], sn_ldrt_reg_rrx_insn[], sn_strbt_reg_insn[],
	sn_strt_neg8_insn[], sn_ldrt_neg4_insn[];

#define FSR_PERM_SECTION 0xdu
#define FSR_DOMAIN(d) ((uint32_t)(d) << 4)

/* The field mask's bytes: c = bits 7:0, x 15:8, s 23:16, f 31:24. */
static uint32_t mask_bytes(unsigned mask)
{
	uint32_t bytes = 0;

	for (unsigned i = 0; i < 4; i++)
		if (mask & (1u << i))
			bytes |= 0xffu << (8 * i);
	return bytes;
}

static const char *const mask_names[16] = {
	"",   "c",   "x",   "xc",   "s",   "sc",   "sx",   "sxc",
	"f",  "fc",  "fx",  "fxc",  "fs",  "fsc",  "fsx",  "fsxc",
};

/* MSR (ARM ARM A4.1.39, A2.5): a field mask writes exactly its bytes. */
static void test_msr(void)
{
	uint32_t out[2 * SN_SPSR_MASKS];

	sn_msr_spsr(out);
	for (unsigned form = 0; form < 2; form++)
		for (unsigned m = 1; m <= SN_SPSR_MASKS; m++) {
			uint32_t v = form ? SN_PSR_IMM : SN_SPSR_REG;
			uint32_t b = mask_bytes(m);

			check_ctx("msr: SPSR_");
			check_ctx_append(mask_names[m]);
			check_ctx_append(form ? ", #imm" : ", Rm");
			check_eq(": writes its fields only, MRS reads them",
				 out[form * SN_SPSR_MASKS + m - 1],
				 (SN_SPSR_OLD & ~b) | (v & b));
		}

	sn_msr_cpsr(out);
	for (unsigned form = 0; form < 2; form++)
		for (unsigned i = 0; i < SN_CPSR_MASKS; i++) {
			unsigned m = 2 * i + 1;
			uint32_t v = form ? SN_PSR_IMM : SN_CPSR_REG_FC;
			uint32_t b = mask_bytes(m) & SN_PSR_FC;

			check_ctx("msr: CPSR_");
			check_ctx_append(mask_names[m]);
			check_ctx_append(form ? ", #imm" : ", Rm");
			check_eq(": mode, I, F (and flags with f) written",
				 out[form * SN_CPSR_MASKS + i] & SN_PSR_FC,
				 (SN_CPSR_OLD_FC & ~b) | (v & b));
		}
}

static const char *const ldm_mode_names[SN_LDM_MODES] = { "IA", "IB", "DA",
							   "DB" };

/* STM(2) and LDM(2), ARM ARM A4.1.98 and A4.1.21, in each addressing
 * mode (A5.4.2-A5.4.5: the lowest register at the lowest address). */
static void test_ldm_stm_user(void)
{
	uint32_t slots[4 * SN_LDM_MODES], out[3 * SN_LDM_MODES];

	for (unsigned i = 0; i < 4 * SN_LDM_MODES; i++)
		slots[i] = SN_SLOT_GUARD;
	sn_stm_user(slots);
	for (unsigned k = 0; k < SN_LDM_MODES; k++) {
		const uint32_t *s = &slots[4 * k];

		check_ctx("stm^: STM");
		check_ctx_append(ldm_mode_names[k]);
		check_ctx_append(" Rn, {r2, sp, lr}^ from SVC: ");
		check_eq("r2 at the lowest address", s[0], SN_STM_R2);
		check_eq("then the User r13 (not SVC's)", s[1], SN_USR_SP);
		check_eq("then the User r14", s[2], SN_USR_LR);
		check_eq("nothing stored beyond", s[3], SN_SLOT_GUARD);
	}

	for (unsigned k = 0; k < SN_LDM_MODES; k++)
		for (unsigned j = 0; j < 4; j++)
			slots[4 * k + j] = SN_LDM_PAT(k, j);
	sn_ldm_user(slots, out);
	for (unsigned k = 0; k < SN_LDM_MODES; k++) {
		check_ctx("ldm^: LDM");
		check_ctx_append(ldm_mode_names[k]);
		check_ctx_append(" Rn, {r2, sp, lr}^ from SVC: ");
		check_eq("r2 from the lowest address", out[3 * k],
			 SN_LDM_PAT(k, 0));
		check_eq("User r13 loaded (seen in SYS)", out[3 * k + 1],
			 SN_LDM_PAT(k, 1));
		check_eq("User r14 loaded (seen in SYS)", out[3 * k + 2],
			 SN_LDM_PAT(k, 2));
	}
}

/* LDM(3), ARM ARM A4.1.22: PC and CPSR = SPSR; writeback of 4 * 2. */
static void test_ldm_ret(void)
{
	static const struct {
		const char *name;
		uint32_t off; /* Rn - scratch */
		int32_t wb;   /* Rn after - Rn before */
		uint32_t psr;
	} forms[SN_RET_FORMS] = {
		{ "LDMIA Rn, {r2, pc}^ to SYS", 8, 0, SN_RET_PSR_SYS },
		{ "LDMIA Rn!, {r2, pc}^ to SYS", 8, 8, SN_RET_PSR_SYS },
		{ "LDMIB Rn, {r2, pc}^ to IRQ", 4, 0, SN_RET_PSR_IRQ },
		{ "LDMIB Rn!, {r2, pc}^ to IRQ", 4, 8, SN_RET_PSR_IRQ },
		{ "LDMDA Rn, {r2, pc}^ to UND", 12, 0, SN_RET_PSR_UND },
		{ "LDMDA Rn!, {r2, pc}^ to UND", 12, -8, SN_RET_PSR_UND },
		{ "LDMDB Rn, {r2, pc}^ to ABT", 16, 0, SN_RET_PSR_ABT },
		{ "LDMDB Rn!, {r2, pc}^ to ABT", 16, -8, SN_RET_PSR_ABT },
	};
	uint32_t scratch[4], out[4 * SN_RET_FORMS];

	sn_ldm_ret(scratch, out);
	for (unsigned i = 0; i < SN_RET_FORMS; i++) {
		const uint32_t *o = &out[4 * i];

		check_ctx("ldm^ return: ");
		check_ctx_append(forms[i].name);
		check_ctx_append(": ");
		check_eq("SPSR_svc as set", o[3], forms[i].psr);
		check_eq("PC loaded, CPSR = SPSR_svc (mode, masks, flags)",
			 o[2] & SN_PSR_FC, forms[i].psr & SN_PSR_FC);
		check_eq("r2 loaded", o[1], SN_RET_R2);
		check_eq(forms[i].wb ? "Rn written back" : "Rn unchanged",
			 o[0],
			 (uint32_t)scratch + forms[i].off +
				 (uint32_t)forms[i].wb);
	}
}

static volatile uint32_t *word_at(uint32_t va)
{
	return (volatile uint32_t *)va;
}

/*
 * Data processing with S and Rd = R15 (ARM ARM A4.1.2 ff.: "if S == 1
 * and d == 15 then CPSR = SPSR"; operands A5.1): sensitive.S makes each
 * result a landing address holding "bx r12" among "bx r10"s, and records
 * the CPSR where r12 leads (0 for a wrong landing).  QEMU 7.2 makes only
 * SUBS and MOVS exception returns and gives the other ten opcodes the
 * ALU's flags, mode unchanged (docs/monitor-core.md "dp-s-pc"): for those
 * ten the check accepts that too, so that the native transcript is the
 * same, and an "info:" line (not compared) counts the returns that
 * copied the SPSR; tests/baremetal/tasks.sh wants all 26 under armpv-bm.
 */
static int is_subs_or_movs(const char *name)
{
	return (name[0] == 'S' && name[1] == 'U' && name[2] == 'B') ||
	       (name[0] == 'M' && name[1] == 'O' && name[2] == 'V');
}

static void test_dp_ret(void)
{
	static const char *const names[SN_DP_FORMS] = {
		"ANDS pc, Rn, #imm",	     "EORS pc, Rn, #imm",
		"SUBS pc, Rn, #imm",	     "RSBS pc, Rn, #imm",
		"ADDS pc, Rn, #imm",	     "ADCS pc, Rn, #imm",
		"SBCS pc, Rn, #imm",	     "RSCS pc, Rn, #imm",
		"ORRS pc, Rn, #imm",	     "MOVS pc, #imm",
		"BICS pc, Rn, #imm",	     "MVNS pc, #imm",
		"ANDS pc, Rn, Rm, LSL #4",   "EORS pc, Rn, Rm, LSR #8",
		"SUBS pc, Rn, Rm, ASR #4",   "RSBS pc, Rn, Rm, ROR #8",
		"ADDS pc, Rn, Rm, RRX",	     "ADCS pc, Rn, Rm, LSL #1",
		"SBCS pc, Rn, Rm, LSR #1",   "RSCS pc, Rn, Rm, ASR #1",
		"ORRS pc, Rn, Rm, ROR #4",   "MOVS pc, Rm",
		"BICS pc, Rn, Rm, LSL #24", "MVNS pc, Rm, RRX",
		"MOVS pc, lr",		     "SUBS pc, lr, #4",
	};
	uint32_t out[3 * SN_DP_FORMS];
	unsigned spsr_copied = 0;

	for (uint32_t va = LAND_VA - 0x40; va < LAND_VA + 0x40; va += 4)
		*word_at(va) = va == LAND_VA ? SN_BX_R12 : SN_BX_R10;
	for (uint32_t va = LAND_MVN_VA - 0x10; va < LAND_MVN_VA; va += 4)
		*word_at(va) = SN_BX_R10;
	*word_at(LAND_MVN_VA) = SN_BX_R12;
	sn_icache_invalidate();

	sn_dp_ret(out);
	for (unsigned i = 0; i < SN_DP_FORMS; i++) {
		uint32_t got = out[3 * i] & SN_PSR_FC;
		uint32_t alu = out[3 * i + 1] & SN_PSR_FC;
		uint32_t spsr = out[3 * i + 2] & SN_PSR_FC;

		check_ctx("dp return: ");
		check_ctx_append(names[i]);
		check_ctx_append(": ");
		check_eq("PC = the ALU result", out[3 * i] != 0, 1);
		if (got == spsr)
			spsr_copied++;
		if (is_subs_or_movs(names[i]))
			check_eq("CPSR = SPSR_svc", got, spsr);
		else
			check_eq("CPSR = SPSR_svc (or QEMU's: ALU flags)",
				 got == alu ? spsr : got, spsr);
	}
	put_str("info: data-processing returns that copied SPSR to CPSR: ");
	put_dec(spsr_copied);
	put_str(" of ");
	put_dec(SN_DP_FORMS);
	put_str("\n");
}

/*
 * LDRT, LDRBT, STRT, STRBT (ARM ARM A4.1.27/25/102/100; addressing
 * A5.2.9/10: post-indexed, immediate or scaled register offset, added or
 * subtracted).  On a user page each completes; on a kernel-only section
 * each is checked with User permissions (B4.4) and aborts: permission
 * fault, section, domain KONLY_DOMAIN (B4.6), WnR for a write on the
 * ARM1176; LR_abt = the instruction + 8, SPSR_abt = the CPSR there
 * (A2.6.6); the base register restored (ARM926EJ-S TRM: base restored
 * abort model; ARMv6 likewise).
 */
struct ua_case {
	const char *name;
	ua_fn *fn;
	const char *insn;
	int store;	 /* 0: Rd loaded; 1: Rd stored */
	uint32_t off;	 /* base - buffer (user) */
	uint32_t rd, rm; /* Rd and Rm before */
	uint32_t want;	 /* Rd after (load), the word stored to (store) */
	uint32_t word;	 /* index of the word a store changes */
	uint32_t delta;	 /* base after - base before */
	uint32_t koff;	 /* base - KONLY_WORD in the faulting run */
};

static const uint32_t ua_pat[8] = { 0x11223344, 0x55667788, 0x99aabbcc,
				    0xddeeff00, 0x0f1e2d3c, 0x4b5a6978,
				    0x8796a5b4, 0xc3d2e1f0 };

static const struct ua_case ua_cases[] = {
	{ "LDRT Rd, [Rn], #4", ua_ldrt_post4, ua_ldrt_post4_insn, 0, 0,
	  0xffffffff, 0, 0x11223344, 0, 4, 0 },
	{ "LDRT Rd, [Rn], #-4", sn_ldrt_neg4, sn_ldrt_neg4_insn, 0, 8,
	  0xffffffff, 0, 0x99aabbcc, 0, (uint32_t)-4, 4 },
	{ "LDRT Rd, [Rn], Rm, LSL #2", ua_ldrt_reg, ua_ldrt_reg_insn, 0, 4,
	  0xffffffff, 3, 0x55667788, 0, 12, 8 },
	{ "LDRT Rd, [Rn], Rm, ROR #4", sn_ldrt_reg_ror, sn_ldrt_reg_ror_insn,
	  0, 12, 0xffffffff, 0x83, 0xddeeff00, 0, 0x30000008, 12 },
	{ "LDRT Rd, [Rn], -Rm, RRX (C clear)", sn_ldrt_reg_rrx,
	  sn_ldrt_reg_rrx_insn, 0, 16, 0xffffffff, 0x11, 0x0f1e2d3c, 0,
	  (uint32_t)-8, 16 },
	{ "LDRBT Rd, [Rn], #1", ua_ldrbt_post1, ua_ldrbt_post1_insn, 0, 1,
	  0xffffffff, 0, 0x33, 0, 1, 3 },
	{ "LDRBT Rd, [Rn], #-3", ua_ldrbt_neg3, ua_ldrbt_neg3_insn, 0, 3,
	  0xffffffff, 0, 0x11, 0, (uint32_t)-3, 1 },
	{ "LDRBT Rd, [Rn], -Rm, ASR #2", sn_ldrbt_reg_asr,
	  sn_ldrbt_reg_asr_insn, 0, 22, 0xffffffff, 0xfffffff0, 0x5a, 0, 4,
	  5 },
	{ "STRT Rd, [Rn], #4", ua_strt_post4, ua_strt_post4_insn, 1, 24,
	  0xcafef00d, 0, 0xcafef00d, 6, 4, 0 },
	{ "STRT Rd, [Rn], #-8", sn_strt_neg8, sn_strt_neg8_insn, 1, 28,
	  0x0badcafe, 0, 0x0badcafe, 7, (uint32_t)-8, 4 },
	{ "STRT Rd, [Rn], Rm, LSR #1", sn_strt_reg_lsr, sn_strt_reg_lsr_insn,
	  1, 32, 0x600dd00d, 0x11, 0x600dd00d, 8, 8, 12 },
	{ "STRBT Rd, [Rn], #-1", ua_strbt_neg1, ua_strbt_neg1_insn, 1, 37,
	  0x123456a5, 0, 0x0000a500, 9, (uint32_t)-1, 1 },
	{ "STRBT Rd, [Rn], -Rm", ua_strbt_negreg, ua_strbt_negreg_insn, 1,
	  42, 0x5a, 10, 0x005a0000, 10, (uint32_t)-10, 2 },
	{ "STRBT Rd, [Rn], Rm", sn_strbt_reg, sn_strbt_reg_insn, 1, 47, 0x77,
	  3, 0x77000000, 11, 3, 3 },
};

static uint32_t ua_buf[12] __attribute__((aligned(16)));

static void test_uaccess_user(const struct ua_case *c)
{
	struct ua_result r;
	uint32_t base = (uint32_t)ua_buf + c->off;
	uint32_t aborts = tg_kernel_abort.count;

	for (unsigned i = 0; i < 12; i++)
		ua_buf[i] = i < 8 ? ua_pat[i] : 0; /* bytes stored to 9-11 */
	c->fn(&r, base, c->rd, c->rm);
	check_eq("no fault", r.err == 0 && tg_kernel_abort.count == aborts, 1);
	if (c->store)
		check_eq("stored", ua_buf[c->word], c->want);
	else
		check_eq("loaded", r.rd, c->want);
	check_eq("Rn written back", r.base, base + c->delta);
	check_eq("CPSR unchanged", r.cpsr & SN_PSR_FC, UA_CPSR & SN_PSR_FC);
}

static void test_uaccess_konly(const struct ua_case *c, uint32_t wnr)
{
	volatile uint32_t *konly = word_at(KONLY_WORD);
	struct ua_result r;
	uint32_t base = KONLY_WORD + c->koff;
	uint32_t aborts = tg_kernel_abort.count;

	konly[0] = 0x600dc0de;
	konly[1] = 0x600dc0df;
	konly[2] = 0x600dc0e0;
	konly[3] = 0x600dc0e1;
	c->fn(&r, base, c->rd, c->rm);
	check_eq("one data abort", tg_kernel_abort.count, aborts + 1);
	check_eq("fixup returned -EFAULT", r.err, (uint32_t)-EFAULT);
	check_eq("Rn restored", r.base, base);
	check_eq("LR_abt = instruction + 8", tg_kernel_abort.lr,
		 (uint32_t)c->insn + 8);
	check_eq("SPSR_abt = CPSR at the access",
		 tg_kernel_abort.spsr & SN_PSR_FC, UA_CPSR & SN_PSR_FC);
	check_eq("DFSR: permission fault, section, domain",
		 tg_kernel_abort.dfsr & 0xfff,
		 FSR_PERM_SECTION | FSR_DOMAIN(KONLY_DOMAIN) |
			 (c->store ? wnr : 0));
	check_eq("FAR = Rn", tg_kernel_abort.far, base);
	if (c->store)
		check_eq("memory unchanged",
			 konly[0] == 0x600dc0de && konly[1] == 0x600dc0df &&
				 konly[2] == 0x600dc0e0 &&
				 konly[3] == 0x600dc0e1,
			 1);
}

static void test_uaccess_forms(void)
{
	uint32_t wnr = tg_fsr_wnr();

	check_ctx("uaccess: kernel-only section: ");
	*word_at(KONLY_WORD) = 0x600dc0de;
	check_eq("privileged STR/LDR allowed", *word_at(KONLY_WORD),
		 0x600dc0de);
	for (unsigned i = 0; i < sizeof(ua_cases) / sizeof(ua_cases[0]);
	     i++) {
		check_ctx("uaccess: ");
		check_ctx_append(ua_cases[i].name);
		check_ctx_append(", user page: ");
		test_uaccess_user(&ua_cases[i]);
		check_ctx("uaccess: ");
		check_ctx_append(ua_cases[i].name);
		check_ctx_append(", kernel-only: ");
		test_uaccess_konly(&ua_cases[i], wnr);
	}
}

/* Condition failed (ARM ARM A3.2.1): the instruction does nothing. */
static void test_cond(void)
{
	uint32_t out[SN_COND_WORDS];
	const uint32_t svc_z = PSR_Z | PSR_I | PSR_F | SVC_MODE;

	sn_cond(out);
	check_ctx("condition failed (Z set): ");
	check_eq("MRSNE leaves Rd", out[0], SN_COND_MARK);
	check_eq("MRSEQ executes", out[1] & SN_PSR_FC, svc_z);
	check_eq("MSRNE CPSR_c, #imm leaves the CPSR", out[2] & SN_PSR_FC,
		 svc_z);
	check_eq("MSRNE SPSR_fsxc, Rm leaves the SPSR", out[3], SN_SPSR_OLD);
	check_eq("LDRTNE leaves Rd", out[4], SN_COND_MARK);
	check_eq("LDRTNE leaves Rn", out[5], 0);
	check_eq("STRTNE stores nothing", out[6], 0);
	check_eq("STMNE ^ stores nothing", out[7] | out[8], 0);
	check_eq("LDMNE {..., pc}^ falls through", out[9], 1);
	check_eq("MOVSNE pc, Rm falls through", out[10], 1);
	check_eq("SUBSNE pc, Rn, #0 falls through", out[11], 1);
}

void test_sensitive(void)
{
	put_str("# kernel mode: every ARMv5 form of the sensitive "
		"instructions\n");
	/* tests/process/test-banks.c: MRS and MSR (immediate, then
	 * register) in FIQ, IRQ, ABT, UND, SYS and SVC, the banked
	 * registers, STM^ from SVC and FIQ, LDM^ from SVC.  It leaves
	 * patterns in every mode's SP: the stacks again after it. */
	test_banks();
	setup_stacks();
	test_msr();
	test_ldm_stm_user();
	test_ldm_ret();
	test_dp_ret();
	test_uaccess_forms();
	test_cond();
#if __ARM_ARCH >= 6
	/* The ARMv6 build: SRS and RFE (CPS ran in test_banks()). */
	test_srs_rfe();
#endif
}
