// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check_emulate.c -- unit tests of the monitor core's emulation paths
 * (armpv_vcpu_trap()): every sensitive instruction, condition checks,
 * exception returns, user-permission accesses with their faults, virtual
 * exceptions, virtual interrupts, hypercalls and the basic CP15 path.
 *
 * Each test builds the original instruction word from the encoding
 * diagrams of the ARM Architecture Reference Manual (ARM DDI 0100I), turns
 * it into its trap word with the tables/ encoder (armpv_classify +
 * armpv_encode), puts the vCPU into a known state, traps, and compares the
 * whole resulting state -- every bank's registers, CPSR, every SPSR, all of
 * guest RAM and the CP15 fault registers -- with the state the architecture
 * defines.  Expected values are written here from the ARM ARM; none is
 * obtained by running the code under test.  Where the ARM ARM leaves a case
 * UNPREDICTABLE, a test exists only if docs/monitor-core.md states what the
 * core does ("doc:" in the test's comment).
 *
 * Tests loop over the two CPU models (index 0: ARM926EJ-S, ARMv5TEJ;
 * index 1: ARM1176JZF-S, ARMv6KZ) where the instruction exists on both.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armpv_core.h"
#include "armpv_tables.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

#define USR ARMPV_MODE_USR
#define FIQ ARMPV_MODE_FIQ
#define IRQ ARMPV_MODE_IRQ
#define SVC ARMPV_MODE_SVC
#define ABT ARMPV_MODE_ABT
#define UND ARMPV_MODE_UND
#define SYS ARMPV_MODE_SYS

#define PSR_N ARMPV_PSR_N
#define PSR_Z ARMPV_PSR_Z
#define PSR_C ARMPV_PSR_C
#define PSR_V ARMPV_PSR_V
#define PSR_Q ARMPV_PSR_Q
#define PSR_J ARMPV_PSR_J
#define PSR_E ARMPV_PSR_E
#define PSR_A ARMPV_PSR_A
#define PSR_I ARMPV_PSR_I
#define PSR_F ARMPV_PSR_F
#define PSR_T ARMPV_PSR_T

/* Condition field values (ARM ARM A3.2, table A3-1). */
enum {
	EQ, NE, CS, CC, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL
};

/* Shift types (A5.1.1) and the load/store multiple addressing modes as
 * P:U (A5.4): DA 00, IA 01, DB 10, IB 11. */
enum { LSL, LSR, ASR, ROR };
enum { DA, IA, DB, IB };

/* Data-processing opcodes (A3.4). */
enum {
	OP_AND = 0x0, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
	OP_ORR = 0xc, OP_MOV, OP_BIC, OP_MVN
};

/* Guest layout: RAM at physical 0 (to 0x0020ffff: the MMU tests map
 * sections at 0x00100000 and 0x00200000); the first-level translation
 * table of the MMU tests; the trapping word; a data area. */
#define RAM_SIZE 0x00210000u
#define TTB 0x00004000u
#define TRAP_PC 0x00008000u
#define DATA 0x00100100u
#define HIGH_VECTORS 0xffff0000u

/* ---------------------------------------------------------------------- */
/* Instruction words (ARM ARM A3.1 and A4.1).                             */

/* MRS: cond 0001 0R00 1111 Rd 0000 0000 0000 (A4.1.38). */
static uint32_t insn_mrs(unsigned cond, bool spsr, unsigned rd)
{
	return cond << 28 | 0x010f0000u | spsr << 22 | rd << 12;
}

/* MSR immediate: cond 0011 0R10 mask 1111 rot imm8 (A4.1.39). */
static uint32_t insn_msr_imm(unsigned cond, bool spsr, unsigned fields,
			     unsigned rot, unsigned imm8)
{
	return cond << 28 | 0x0320f000u | spsr << 22 | fields << 16 |
	       rot << 8 | imm8;
}

/* MSR register: cond 0001 0R10 mask 1111 0000 0000 Rm (A4.1.39). */
static uint32_t insn_msr_reg(unsigned cond, bool spsr, unsigned fields,
			     unsigned rm)
{
	return cond << 28 | 0x0120f000u | spsr << 22 | fields << 16 | rm;
}

/* MSR field masks: c x s f = bits 16, 17, 18, 19. */
#define F_C 1u
#define F_X 2u
#define F_S 4u
#define F_F 8u

/* CPS: 1111 0001 0000 imod mmod 0 0000 000 A I F 0 mode (A4.1.16). */
#define CPS_IE 2u
#define CPS_ID 3u
#define CPS_A 4u
#define CPS_I 2u
#define CPS_F 1u
static uint32_t insn_cps(unsigned imod, bool mmod, unsigned aif,
			 unsigned mode)
{
	return 0xf1000000u | imod << 18 | mmod << 17 | aif << 6 | mode;
}

/* SRS: 1111 100P U1W0 1101 0000 0101 000 mode (A4.1.90). */
static uint32_t insn_srs(unsigned am, bool w, unsigned mode)
{
	return 0xf84d0500u | (am >> 1) << 24 | (am & 1) << 23 | w << 21 | mode;
}

/* RFE: 1111 100P U0W1 Rn 0000 1010 0000 0000 (A4.1.59). */
static uint32_t insn_rfe(unsigned am, bool w, unsigned rn)
{
	return 0xf8100a00u | (am >> 1) << 24 | (am & 1) << 23 | w << 21 |
	       rn << 16;
}

/* LDM(2)/LDM(3)/STM(2): cond 100P U1WL Rn list (A4.1.21-22, A4.1.98). */
static uint32_t insn_ldm_stm_s(unsigned cond, unsigned am, bool w, bool load,
			       unsigned rn, unsigned list)
{
	return cond << 28 | 0x08400000u | (am >> 1) << 24 | (am & 1) << 23 |
	       w << 21 | load << 20 | rn << 16 | list;
}

/* LDRT/LDRBT/STRT/STRBT, immediate post-indexed (A5.2.8): cond 0100 UB1L
 * Rn Rd offset_12. */
static uint32_t insn_ldrt_imm(unsigned cond, bool u, bool b, bool load,
			      unsigned rn, unsigned rd, unsigned imm12)
{
	return cond << 28 | 0x04200000u | u << 23 | b << 22 | load << 20 |
	       rn << 16 | rd << 12 | imm12;
}

/* The same, scaled register post-indexed (A5.2.10): cond 0110 UB1L Rn Rd
 * shift_imm shift 0 Rm. */
static uint32_t insn_ldrt_reg(unsigned cond, bool u, bool b, bool load,
			      unsigned rn, unsigned rd, unsigned shift_imm,
			      unsigned shift, unsigned rm)
{
	return cond << 28 | 0x06200000u | u << 23 | b << 22 | load << 20 |
	       rn << 16 | rd << 12 | shift_imm << 7 | shift << 5 | rm;
}

/* Data processing, S = 1, Rd = PC: immediate (A5.1.3) and immediate shift
 * (A5.1.4-A5.1.13) operands. */
static uint32_t insn_dp_imm(unsigned cond, unsigned opc, unsigned rn,
			    unsigned rot, unsigned imm8)
{
	return cond << 28 | 0x0210f000u | opc << 21 | rn << 16 | rot << 8 |
	       imm8;
}

static uint32_t insn_dp_shimm(unsigned cond, unsigned opc, unsigned rn,
			      unsigned shift_imm, unsigned shift, unsigned rm)
{
	return cond << 28 | 0x0010f000u | opc << 21 | rn << 16 |
	       shift_imm << 7 | shift << 5 | rm;
}

/* MRC/MCR p15, 0, Rd, CRn, CRm, opc2 (A4.1.32, A4.1.27). */
static uint32_t insn_cp15(bool mrc, unsigned rd, unsigned crn, unsigned crm,
			  unsigned opc2)
{
	return 0xee000f10u | mrc << 20 | crn << 16 | rd << 12 | opc2 << 5 | crm;
}

static uint32_t insn_swi(unsigned cond, uint32_t imm24)
{
	return cond << 28 | 0x0f000000u | imm24;
}

/* ---------------------------------------------------------------------- */
/* The expected state and the fixture.                                    */

/* Exception modes, in the order of want.spsr[]. */
static const uint32_t exc_modes[5] = { FIQ, IRQ, SVC, ABT, UND };
static const uint32_t all_modes[6] = { USR, FIQ, IRQ, SVC, ABT, UND };

/* The architectural state, banked as ARM ARM A2.3 banks it: r0-r7 are
 * shared, r8-r12 exist for FIQ and for the rest, r13-r14 for each exception
 * mode and once for USR and SYS. */
struct want {
	uint32_t usr[15];	   /* r0-r14 of USR/SYS (r0-r7: all modes) */
	uint32_t fiq[7];	   /* r8-r14 of FIQ */
	uint32_t r13[4], r14[4];   /* IRQ, SVC, ABT, UND */
	uint32_t spsr[5];	   /* by exc_modes[] */
	uint32_t cpsr, pc;
	uint32_t sctlr, ttbr0, ttbcr, dacr;
	uint32_t dfsr, far, dfsr_mask; /* DFSR bits compared */
	uint32_t ifsr, ifar;
};

static struct {
	int model_index;
	bool v6;
	struct armpv_vm vm;
	struct armpv_vcpu vcpu;
	uint8_t *ram, *want_ram;
	struct want want;
	const char *ctx; /* names the case in failure messages */
	char ctx_buf[64];
} t;

static int exc_index(uint32_t mode)
{
	for (int i = 0; i < N(exc_modes); i++)
		if (exc_modes[i] == (mode & 0x1f))
			return i;
	return -1;
}

/* The expected register n (0-15) as 'mode' sees it. */
static uint32_t *want_reg(uint32_t mode, unsigned n)
{
	int x = exc_index(mode);

	if (n == 15)
		return &t.want.pc;
	if (x == 0 && n >= 8)
		return &t.want.fiq[n - 8];
	if (n < 13 || x < 0)
		return &t.want.usr[n];
	return n == 13 ? &t.want.r13[x - 1] : &t.want.r14[x - 1];
}

static uint32_t *want_spsr(uint32_t mode)
{
	int x = exc_index(mode);

	ck_assert_msg(x >= 0, "test bug: no SPSR in mode 0x%x", mode);
	return &t.want.spsr[x];
}

#define WR(mode, n) (*want_reg(mode, n))
#define WSPSR(mode) (*want_spsr(mode))

static uint32_t rd32(const uint8_t *m, uint32_t a)
{
	return m[a] | m[a + 1] << 8 | m[a + 2] << 16 | (uint32_t)m[a + 3] << 24;
}

static void wr32(uint8_t *m, uint32_t a, uint32_t v)
{
	m[a] = v;
	m[a + 1] = v >> 8;
	m[a + 2] = v >> 16;
	m[a + 3] = v >> 24;
}

/* Guest RAM: before the trap the test sets RAM's initial contents in
 * want_ram (copied into RAM when the vCPU is loaded); after it, the
 * expected changes. */
#define POKE32(a, v) wr32(t.want_ram, (a), (v))
#define POKE8(a, v) (t.want_ram[(a)] = (v))

static void teardown(void)
{
	free(t.ram);
	free(t.want_ram);
	t.ram = t.want_ram = NULL;
}

/* The model, and the case if the test named it. */
static const char *model_name(void)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s%s%s",
		 t.v6 ? "ARM1176JZF-S" : "ARM926EJ-S", t.ctx ? ": " : "",
		 t.ctx ? t.ctx : "");
	return buf;
}

/* A fresh VM of model 'model_index' with RAM, and an expected state in
 * which every banked register holds a value that names it. */
static void setup_vcpu(int model_index, uint32_t cpsr)
{
	struct want *w = &t.want;

	t.model_index = model_index;
	t.v6 = model_index != 0;
	t.ctx = NULL;
	armpv_vm_init(&t.vm,
		      t.v6 ? ARMPV_CPU_ARM1176JZFS : ARMPV_CPU_ARM926EJS);
	if (!t.ram) {
		t.ram = malloc(RAM_SIZE);
		t.want_ram = malloc(RAM_SIZE);
		ck_assert(t.ram && t.want_ram);
	}
	memset(t.ram, 0, RAM_SIZE);
	memset(t.want_ram, 0, RAM_SIZE);
	ck_assert_int_eq(armpv_vm_add_region(&t.vm, 0, RAM_SIZE, t.ram, 0), 0);
	armpv_vcpu_init(&t.vcpu, &t.vm);

	*w = (struct want){ 0 };
	for (unsigned n = 0; n < 15; n++)
		w->usr[n] = 0xa0a0a000u | n;
	for (unsigned n = 8; n < 15; n++)
		w->fiq[n - 8] = 0xf1f1f100u | n;
	for (int i = 0; i < 4; i++) {
		uint32_t tag = exc_modes[i + 1] * 0x01010100u;

		w->r13[i] = tag | 13;
		w->r14[i] = tag | 14;
	}
	/* SPSRs valid on both models, each with its own flags. */
	w->spsr[0] = PSR_N | USR;
	w->spsr[1] = PSR_Z | USR;
	w->spsr[2] = PSR_C | USR;
	w->spsr[3] = PSR_V | USR;
	w->spsr[4] = PSR_Q | USR;
	w->cpsr = cpsr;
	w->pc = TRAP_PC;
	/* MMU, alignment checking, high vectors and (ARMv6) EE and U off;
	 * the other SCTLR bits keep their reset values. */
	w->sctlr = t.vcpu.cp15.sctlr & ~(ARMPV_SCTLR_M | ARMPV_SCTLR_A |
					 ARMPV_SCTLR_V | ARMPV_SCTLR_U |
					 ARMPV_SCTLR_XP | ARMPV_SCTLR_EE);
	w->dacr = 0;
	w->dfsr_mask = 0xffffffffu;
}

/* Load the vCPU and RAM from the expected state. */
static void load_state(void)
{
	struct armpv_vcpu *v = &t.vcpu;

	armpv_vcpu_write_cpsr(v, t.want.cpsr);
	ck_assert_msg(v->cpsr == t.want.cpsr,
		      "test bug: CPSR 0x%08x not valid on %s", t.want.cpsr,
		      model_name());
	for (int i = 0; i < N(all_modes); i++)
		for (unsigned n = 0; n < 15; n++)
			armpv_vcpu_set_reg(v, all_modes[i], n,
					   *want_reg(all_modes[i], n));
	for (int i = 0; i < N(exc_modes); i++) {
		armpv_vcpu_set_spsr(v, exc_modes[i], t.want.spsr[i]);
		ck_assert_msg(armpv_vcpu_spsr(v, exc_modes[i]) ==
				      t.want.spsr[i],
			      "test bug: SPSR 0x%08x not valid on %s",
			      t.want.spsr[i], model_name());
	}
	v->r[15] = t.want.pc;
	v->cp15.sctlr = t.want.sctlr;
	v->cp15.ttbr0 = t.want.ttbr0;
	v->cp15.ttbcr = t.want.ttbcr;
	v->cp15.dacr = t.want.dacr;
	v->cp15.dfsr = t.want.dfsr;
	v->cp15.far = t.want.far;
	v->cp15.ifsr = t.want.ifsr;
	v->cp15.ifar = t.want.ifar;
	memcpy(t.ram, t.want_ram, RAM_SIZE);
}

/* Compare the vCPU and RAM with the expected state. */
static void expect_state(void)
{
	const struct armpv_vcpu *v = &t.vcpu;
	const struct want *w = &t.want;

	ck_assert_msg(v->cpsr == w->cpsr, "%s: CPSR 0x%08x, want 0x%08x",
		      model_name(), v->cpsr, w->cpsr);
	ck_assert_msg(v->r[15] == w->pc, "%s: PC 0x%08x, want 0x%08x",
		      model_name(), v->r[15], w->pc);
	for (int i = 0; i < N(all_modes); i++) {
		for (unsigned n = 0; n < 15; n++) {
			uint32_t got = armpv_vcpu_reg(v, all_modes[i], n);
			uint32_t want = *want_reg(all_modes[i], n);

			ck_assert_msg(got == want,
				      "%s: %s r%u 0x%08x, want 0x%08x",
				      model_name(),
				      armpv_mode_name(all_modes[i]), n, got,
				      want);
		}
	}
	/* The guest resumes with r[]: the current mode's view. */
	for (unsigned n = 0; n < 15; n++)
		ck_assert_msg(v->r[n] == *want_reg(w->cpsr, n),
			      "%s: r[%u] 0x%08x is not %s r%u 0x%08x",
			      model_name(), n, v->r[n],
			      armpv_mode_name(w->cpsr), n,
			      *want_reg(w->cpsr, n));
	for (int i = 0; i < N(exc_modes); i++)
		ck_assert_msg(armpv_vcpu_spsr(v, exc_modes[i]) == w->spsr[i],
			      "%s: SPSR_%s 0x%08x, want 0x%08x", model_name(),
			      armpv_mode_name(exc_modes[i]),
			      armpv_vcpu_spsr(v, exc_modes[i]), w->spsr[i]);
	ck_assert_msg((v->cp15.dfsr & w->dfsr_mask) == w->dfsr,
		      "%s: DFSR 0x%08x, want 0x%08x (mask 0x%08x)",
		      model_name(), v->cp15.dfsr, w->dfsr, w->dfsr_mask);
	ck_assert_msg(v->cp15.far == w->far, "%s: FAR 0x%08x, want 0x%08x",
		      model_name(), v->cp15.far, w->far);
	ck_assert_msg(v->cp15.ifsr == w->ifsr && v->cp15.ifar == w->ifar,
		      "%s: IFSR/IFAR changed", model_name());
	ck_assert_msg(v->cp15.sctlr == w->sctlr && v->cp15.dacr == w->dacr,
		      "%s: SCTLR/DACR changed", model_name());
	if (memcmp(t.ram, t.want_ram, RAM_SIZE) != 0) {
		uint32_t a = 0;

		while (rd32(t.ram, a) == rd32(t.want_ram, a))
			a += 4;
		ck_abort_msg("%s: RAM word at 0x%08x is 0x%08x, want 0x%08x",
			     model_name(), a, rd32(t.ram, a),
			     rd32(t.want_ram, a));
	}
}

/* Trap on 'word' from the expected (initial) state. */
static enum armpv_exit_reason trap(uint32_t word)
{
	enum armpv_trap_kind kind = ((word >> 24) & 0xf) == 0xf
					    ? ARMPV_TRAP_SWI
					    : ARMPV_TRAP_UNDEF;
	enum armpv_exit_reason r;

	load_state();
	r = armpv_vcpu_trap(&t.vcpu, kind, word);
	ck_assert_int_eq(t.vcpu.run.exit_reason, r);
	return r;
}

/* Trap again, from the state the previous trap left. */
static enum armpv_exit_reason trap_again(uint32_t word)
{
	return armpv_vcpu_trap(&t.vcpu, ((word >> 24) & 0xf) == 0xf
						? ARMPV_TRAP_SWI
						: ARMPV_TRAP_UNDEF,
			       word);
}

/* The trap word of 'insn', which must be sensitive on the model as 'id'. */
static uint32_t trap_word(uint32_t insn, enum armpv_form_id id)
{
	const struct armpv_form *f = armpv_classify(insn, t.vm.arch);

	ck_assert_msg(f, "test bug: 0x%08x not sensitive on %s", insn,
		      model_name());
	ck_assert_msg(f->id == id, "test bug: 0x%08x is %s %s, want form %d",
		      insn, f->name, f->form, (int)id);
	return armpv_encode(f, insn);
}

/* Emulate 'insn' through its trap word; the exit must be RESUME. */
static void emulate(uint32_t insn, enum armpv_form_id id)
{
	uint32_t word = trap_word(insn, id);
	enum armpv_exit_reason r = trap(word);

	ck_assert_msg(r == ARMPV_EXIT_RESUME,
		      "%s: 0x%08x (trap 0x%08x): exit %s, want resume",
		      model_name(), insn, word, armpv_exit_name(r));
}

/* The vector base, by the SCTLR.V the test set. */
static uint32_t vector_base(void)
{
	return t.want.sctlr & ARMPV_SCTLR_V ? HIGH_VECTORS : 0;
}

/* Expect exception entry (ARM ARM A2.6) from the state in t.want: SPSR =
 * CPSR, LR = 'lr', mode, ARM state, I set; F for FIQ; on ARMv6 A set for
 * data abort, IRQ and FIQ and E = SCTLR.EE (clear here). */
static void want_exception(uint32_t mode, uint32_t lr, uint32_t offset,
			   bool mask_f, bool mask_a)
{
	uint32_t old = t.want.cpsr;
	uint32_t cpsr = (old & ~(0x1fu | PSR_T | PSR_J)) | mode | PSR_I;

	if (mask_f)
		cpsr |= PSR_F;
	if (t.v6) {
		if (mask_a)
			cpsr |= PSR_A;
		cpsr &= ~PSR_E;
	}
	WSPSR(mode) = old;
	WR(mode, 14) = lr;
	t.want.cpsr = cpsr;
	t.want.pc = vector_base() + offset;
}

static void want_data_abort(uint32_t fsr, uint32_t far)
{
	want_exception(ABT, TRAP_PC + 8, 0x10, false, true);
	t.want.dfsr = fsr;
	t.want.far = far;
}

/* ---------------------------------------------------------------------- */
/* Condition checks (A3.2): a failing condition is a no-op.               */

static const struct {
	unsigned cond;
	uint32_t pass, fail; /* NZCV that pass, and fail, the condition */
} cond_cases[15] = {
	{ EQ, PSR_Z, 0 },
	{ NE, 0, PSR_Z },
	{ CS, PSR_C, 0 },
	{ CC, 0, PSR_C },
	{ MI, PSR_N, 0 },
	{ PL, 0, PSR_N },
	{ VS, PSR_V, 0 },
	{ VC, 0, PSR_V },
	{ HI, PSR_C, PSR_C | PSR_Z },
	{ LS, PSR_C | PSR_Z, PSR_C },
	{ GE, PSR_N | PSR_V, PSR_N },
	{ LT, PSR_N, PSR_N | PSR_V },
	{ GT, PSR_N | PSR_V, PSR_Z | PSR_N | PSR_V },
	{ LE, PSR_V, 0 },
	{ AL, PSR_N | PSR_Z | PSR_C | PSR_V, 0 },
};

/* MRS r5, CPSR under each condition, flags passing it. */
START_TEST(test_cond_pass)
{
	const int c = _i % 15;

	setup_vcpu(_i / 15, cond_cases[c].pass | PSR_I | PSR_F | SVC);
	emulate(insn_mrs(cond_cases[c].cond, false, 5), ARMPV_FORM_MRS_REG);
	WR(SVC, 5) = t.want.cpsr;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* The same, flags failing it: only PC moves. */
START_TEST(test_cond_fail)
{
	const int c = _i % 14;

	setup_vcpu(_i / 14, cond_cases[c].fail | PSR_I | PSR_F | SVC);
	emulate(insn_mrs(cond_cases[c].cond, false, 5), ARMPV_FORM_MRS_REG);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* A failing condition (NE with Z set) on every kind of trap word, SWI and
 * coprocessor alike: nothing happens but PC + 4. */
static const struct {
	uint32_t insn;
	enum armpv_form_id id;
} cond_fail_forms[] = {
	{ 0x1321f0d0, ARMPV_FORM_MSR_IMM },	/* msrne cpsr_c, #0xd0 */
	{ 0x1161f001, ARMPV_FORM_MSR_REG },	/* msrne spsr_c, r1 */
	{ 0x114f0000, ARMPV_FORM_MRS_REG },	/* mrsne r0, spsr */
	{ 0x18dd8001, ARMPV_FORM_LDM_RET },	/* ldmne sp, {r0, pc}^ */
	{ 0x18fd8001, ARMPV_FORM_LDM_RET },	/* ldmne sp!, {r0, pc}^ */
	{ 0x18d06000, ARMPV_FORM_LDM_USER },	/* ldmne r0, {sp, lr}^ */
	{ 0x18c06000, ARMPV_FORM_STM_USER },	/* stmne r0, {sp, lr}^ */
	{ 0x14a21004, ARMPV_FORM_STRT_IMM },	/* strtne r1, [r2], #4 */
	{ 0x14f21001, ARMPV_FORM_LDRBT_IMM },	/* ldrbtne r1, [r2], #1 */
	{ 0x16e21003, ARMPV_FORM_STRBT_REG },	/* strbtne r1, [r2], r3 */
	{ 0x11b0f00e, ARMPV_FORM_MOVS_SHIMM },	/* movsne pc, lr */
	{ 0x125ef004, ARMPV_FORM_SUBS_IMM },	/* subsne pc, lr, #4 */
};

START_TEST(test_cond_fail_forms)
{
	const int k = _i % N(cond_fail_forms);

	setup_vcpu(_i / N(cond_fail_forms), PSR_Z | PSR_I | PSR_F | SVC);
	ck_assert_uint_eq(cond_fail_forms[k].insn >> 28, NE);
	emulate(cond_fail_forms[k].insn, cond_fail_forms[k].id);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* MRS (A4.1.38).                                                         */

static const uint32_t priv_modes[6] = { SVC, FIQ, IRQ, ABT, UND, SYS };

/* Flags and (ARMv6) GE, E and A bits for PSR values. */
static uint32_t psr_bits(void)
{
	return PSR_N | PSR_C | PSR_Q | (t.v6 ? 0x000a0000u | PSR_E | PSR_A : 0);
}

/* MRS r9, CPSR in each privileged mode (FIQ: FIQ's r9). */
START_TEST(test_mrs_cpsr)
{
	setup_vcpu(_i / 6, priv_modes[_i % 6] | PSR_I);
	t.want.cpsr |= psr_bits();
	emulate(insn_mrs(AL, false, 9), ARMPV_FORM_MRS_REG);
	WR(t.want.cpsr, 9) = t.want.cpsr;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* MRS r10, SPSR in each exception mode reads that mode's SPSR. */
START_TEST(test_mrs_spsr)
{
	const uint32_t mode = exc_modes[_i % 5];

	setup_vcpu(_i / 5, mode | PSR_I | PSR_F);
	WSPSR(mode) = psr_bits() | PSR_T | USR;
	emulate(insn_mrs(AL, true, 10), ARMPV_FORM_MRS_REG);
	WR(mode, 10) = WSPSR(mode);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* MSR (A4.1.39).                                                         */

/* The bits a privileged MSR writes for a field mask: byte_mask AND
 * (UserMask OR PrivMask), plus StateMask for an SPSR.  ARMv5TEJ: UserMask
 * 0xf8000000, PrivMask 0x000000df, StateMask 0x01000020; ARMv6: UserMask
 * 0xf80f0200, PrivMask 0x000001df, StateMask 0x01000020. */
static uint32_t msr_write_mask(unsigned fields, bool spsr)
{
	uint32_t bits = t.v6 ? 0xf80f0200u | 0x000001dfu
			     : 0xf8000000u | 0x000000dfu;
	uint32_t bytes = 0;

	if (spsr)
		bits |= 0x01000020u;
	for (unsigned i = 0; i < 4; i++)
		if (fields >> i & 1)
			bytes |= 0xffu << (8 * i);
	return bytes & bits;
}

/* MSR CPSR_<fields> in each privileged mode (_i / 4) for every field
 * mask that is sensitive on the model (c; on ARMv6 also x), immediate
 * (_i & 1 clear) and register forms, both models (_i & 2).  The operand
 * keeps the mode and sets neither J nor T nor an unallocated bit (all
 * UNPREDICTABLE). */
START_TEST(test_msr_cpsr_fields)
{
	const bool reg = _i & 1;
	const uint32_t mode = priv_modes[_i / 4];

	for (unsigned fields = 1; fields < 16; fields++) {
		uint32_t start, op, insn;
		bool sens;

		setup_vcpu((_i / 2) & 1, 0);
		snprintf(t.ctx_buf, sizeof(t.ctx_buf),
			 "%s: msr cpsr fields 0x%x, %s", armpv_mode_name(mode),
			 fields, reg ? "reg" : "imm");
		t.ctx = t.ctx_buf;
		sens = (fields & F_C) || (t.v6 && (fields & F_X));
		start = (t.v6 ? 0xf80f0300u : 0xf8000000u) | mode;
		if (reg) {
			op = (t.v6 ? 0xa80a02c0u : 0xa80000c0u) | mode;
			insn = insn_msr_reg(AL, false, fields, 4);
		} else {
			op = 0xc0 | mode;
			insn = insn_msr_imm(AL, false, fields, 0, op);
		}
		if (!sens) {
			/* docs/encoding.md: not sensitive, never trapped. */
			ck_assert_ptr_null(armpv_classify(insn, t.vm.arch));
			continue;
		}
		t.want.cpsr = start;
		WR(mode, 4) = op;
		emulate(insn, reg ? ARMPV_FORM_MSR_REG : ARMPV_FORM_MSR_IMM);
		t.want.cpsr = (start & ~msr_write_mask(fields, false)) |
			      (op & msr_write_mask(fields, false));
		t.want.pc = TRAP_PC + 4;
		expect_state();
	}
}
END_TEST

/* MSR SPSR_<fields> in IRQ mode, all 15 masks, both forms: SPSR writes
 * include the state bits J and T. */
START_TEST(test_msr_spsr_fields)
{
	const bool reg = _i & 1;

	for (unsigned fields = 1; fields < 16; fields++) {
		uint32_t start, op, insn, mask;

		setup_vcpu(_i / 2, IRQ | PSR_I);
		snprintf(t.ctx_buf, sizeof(t.ctx_buf),
			 "msr spsr fields 0x%x, %s", fields,
			 reg ? "reg" : "imm");
		t.ctx = t.ctx_buf;
		start = t.v6 ? 0x51050330u : 0x51000030u;
		if (reg) {
			op = t.v6 ? 0xa80a00dfu : 0xa80000dfu;
			insn = insn_msr_reg(AL, true, fields, 4);
		} else {
			op = 0xd1;
			insn = insn_msr_imm(AL, true, fields, 0, 0xd1);
		}
		WSPSR(IRQ) = start;
		WR(IRQ, 4) = op;
		emulate(insn, reg ? ARMPV_FORM_MSR_REG : ARMPV_FORM_MSR_IMM);
		mask = msr_write_mask(fields, true);
		WSPSR(IRQ) = (start & ~mask) | (op & mask);
		t.want.pc = TRAP_PC + 4;
		expect_state();
	}
}
END_TEST

/* MSR SPSR_fsxc, r9 in each exception mode: that mode's SPSR, from that
 * mode's r9 (FIQ's own in FIQ mode); the other SPSRs stay. */
START_TEST(test_msr_spsr_each_mode)
{
	const uint32_t mode = exc_modes[_i % 5];

	setup_vcpu(_i / 5, mode | PSR_I | PSR_F);
	WR(mode, 9) = 0xa00000d2u;
	emulate(insn_msr_reg(AL, true, 0xf, 9), ARMPV_FORM_MSR_REG);
	WSPSR(mode) = 0xa00000d2u;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* MSR CPSR_c, #0xc0|mode from SVC to each mode: the banks follow (the
 * state check compares r[] with the new mode's registers). */
START_TEST(test_msr_mode_switch)
{
	static const uint32_t to[7] = { USR, FIQ, IRQ, SVC, ABT, UND, SYS };
	const uint32_t mode = to[_i % 7];

	setup_vcpu(_i / 7, PSR_Z | PSR_C | SVC);
	emulate(insn_msr_imm(AL, false, F_C, 0, 0xc0 | mode),
		ARMPV_FORM_MSR_IMM);
	t.want.cpsr = PSR_Z | PSR_C | PSR_I | PSR_F | mode;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* MSR CPSR_c, r8 from FIQ (FIQ's r8) to SVC: r8-r14 switch back. */
START_TEST(test_msr_from_fiq)
{
	setup_vcpu(_i, PSR_I | PSR_F | FIQ);
	WR(FIQ, 8) = 0x00000053u;
	emulate(insn_msr_reg(AL, false, F_C, 8), ARMPV_FORM_MSR_REG);
	t.want.cpsr = PSR_F | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* MSR CPSR_c from SYS to SVC and to USR (USR and SYS share a bank). */
START_TEST(test_msr_from_sys)
{
	const uint32_t mode = _i & 1 ? USR : SVC;

	setup_vcpu(_i / 2, PSR_V | PSR_I | SYS);
	emulate(insn_msr_imm(AL, false, F_C, 0, 0x80 | mode),
		ARMPV_FORM_MSR_IMM);
	t.want.cpsr = PSR_V | PSR_I | mode;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* MSR CPSR_fc: the flags written from the operand, not kept. */
START_TEST(test_msr_flags_and_control)
{
	setup_vcpu(_i, PSR_I | PSR_F | SVC);
	WR(SVC, 2) = 0xf80000d3u;
	emulate(insn_msr_reg(AL, false, F_F | F_C, 2), ARMPV_FORM_MSR_REG);
	t.want.cpsr = 0xf80000d3u;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ARMv6 x field: A (bit 8, privileged) and E (bit 9, any mode). */
START_TEST(test_msr_v6_x)
{
	setup_vcpu(1, PSR_A | PSR_I | SVC);
	/* msr cpsr_x, #0x200: 0x02 ROR 24. */
	emulate(insn_msr_imm(AL, false, F_X, 12, 0x02), ARMPV_FORM_MSR_IMM);
	t.want.cpsr = PSR_E | PSR_I | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();

	setup_vcpu(1, PSR_E | PSR_I | SVC);
	/* msr cpsr_x, #0x100 */
	emulate(insn_msr_imm(AL, false, F_X, 12, 0x01), ARMPV_FORM_MSR_IMM);
	t.want.cpsr = PSR_A | PSR_I | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ARMv6 s field: GE[3:0] (with c, so that the word is sensitive). */
START_TEST(test_msr_v6_s)
{
	setup_vcpu(1, 0x000a0000u | PSR_A | SVC);
	WR(SVC, 4) = 0x000500d3u;
	emulate(insn_msr_reg(AL, false, F_S | F_C, 4), ARMPV_FORM_MSR_REG);
	t.want.cpsr = 0x00050000u | PSR_A | PSR_I | PSR_F | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* doc: MSR writing CPSR J or T is UNPREDICTABLE (A4.1.39); the core
 * ignores those bits. */
START_TEST(test_msr_state_bits_ignored)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 4) = PSR_N | PSR_J | PSR_T | PSR_I | PSR_F | SVC;
	emulate(insn_msr_reg(AL, false, F_F | F_C, 4), ARMPV_FORM_MSR_REG);
	t.want.cpsr = PSR_N | PSR_I | PSR_F | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* doc: MRS/MSR of SPSR in SYS mode (no SPSR: UNPREDICTABLE) use one
 * slot shared by USR/SYS; the exception modes' SPSRs stay. */
START_TEST(test_spsr_in_sys)
{
	setup_vcpu(_i, PSR_I | SYS);
	WR(SYS, 1) = 0x600000d3u;
	emulate(insn_msr_reg(AL, true, 0xf, 1), ARMPV_FORM_MSR_REG);
	t.want.pc = TRAP_PC + 4;
	expect_state();
	/* mrs r2, spsr, the next instruction, reads it back */
	ck_assert_int_eq(trap_again(trap_word(insn_mrs(AL, true, 2),
					      ARMPV_FORM_MRS_REG)),
			 ARMPV_EXIT_RESUME);
	WR(SYS, 2) = 0x600000d3u;
	t.want.pc = TRAP_PC + 8;
	expect_state();
}
END_TEST

/* doc: MRS with Rd = PC (UNPREDICTABLE): PC = the value, bits 1:0
 * cleared. */
START_TEST(test_mrs_rd_pc)
{
	setup_vcpu(_i, PSR_N | PSR_I | PSR_F | SVC);
	emulate(insn_mrs(AL, false, 15), ARMPV_FORM_MRS_REG);
	t.want.pc = (PSR_N | PSR_I | PSR_F | SVC) & ~3u;
	expect_state();
}
END_TEST

/* doc: an exception return in SYS mode (no SPSR: UNPREDICTABLE) copies
 * the slot MSR SPSR wrote there: msr spsr_fsxc, r1; movs pc, lr. */
START_TEST(test_exc_return_in_sys)
{
	setup_vcpu(_i, PSR_I | SYS);
	WR(SYS, 1) = PSR_C | USR;
	WR(SYS, 14) = 0x00009000u;
	emulate(insn_msr_reg(AL, true, 0xf, 1), ARMPV_FORM_MSR_REG);
	ck_assert_int_eq(trap_again(trap_word(insn_dp_shimm(AL, OP_MOV, 0, 0,
							    LSL, 14),
					      ARMPV_FORM_MOVS_SHIMM)),
			 ARMPV_EXIT_RESUME);
	t.want.cpsr = PSR_C | USR;
	t.want.pc = 0x00009000u;
	expect_state();
}
END_TEST

/* doc: a CPSR write with an invalid mode number (A2.5.7) leaves M. */
START_TEST(test_msr_invalid_mode)
{
	setup_vcpu(_i, SVC);
	/* msr cpsr_fc, #0x40000015: mode 0x15 does not exist */
	WR(SVC, 4) = PSR_Z | PSR_I | 0x15;
	emulate(insn_msr_reg(AL, false, F_F | F_C, 4), ARMPV_FORM_MSR_REG);
	t.want.cpsr = PSR_Z | PSR_I | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Virtual interrupts after an emulated CPSR change.                      */

/* IRQ line high while I = 1; MSR CPSR_c, #0x53 clears I: the IRQ is
 * taken right after the MSR, LR_irq = next instruction + 4 (A2.6.8). */
START_TEST(test_irq_after_msr)
{
	setup_vcpu(_i, PSR_C | PSR_I | PSR_F | SVC);
	armpv_vcpu_set_irq(&t.vcpu, true);
	emulate(insn_msr_imm(AL, false, F_C, 0, 0x53), ARMPV_FORM_MSR_IMM);
	t.want.cpsr = PSR_C | PSR_F | SVC;
	want_exception(IRQ, TRAP_PC + 8, 0x18, false, true);
	expect_state();
}
END_TEST

/* MSR that leaves I set: no IRQ. */
START_TEST(test_irq_still_masked)
{
	setup_vcpu(_i, PSR_I | PSR_F | SVC);
	armpv_vcpu_set_irq(&t.vcpu, true);
	emulate(insn_msr_imm(AL, false, F_C, 0, 0x93), ARMPV_FORM_MSR_IMM);
	t.want.cpsr = PSR_I | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* FIQ line high; MSR clears F: FIQ entry (F and I set, FIQ bank). */
START_TEST(test_fiq_after_msr)
{
	setup_vcpu(_i, PSR_I | PSR_F | SVC);
	armpv_vcpu_set_fiq(&t.vcpu, true);
	emulate(insn_msr_imm(AL, false, F_C, 0, 0x93), ARMPV_FORM_MSR_IMM);
	t.want.cpsr = PSR_I | SVC;
	want_exception(FIQ, TRAP_PC + 8, 0x1c, true, true);
	expect_state();
}
END_TEST

/* CPSIE i with the IRQ line high (ARMv6). */
START_TEST(test_irq_after_cpsie)
{
	setup_vcpu(1, PSR_A | PSR_I | SVC);
	armpv_vcpu_set_irq(&t.vcpu, true);
	emulate(insn_cps(CPS_IE, false, CPS_I, 0), ARMPV_FORM_CPS);
	t.want.cpsr = PSR_A | SVC;
	want_exception(IRQ, TRAP_PC + 8, 0x18, false, true);
	expect_state();
}
END_TEST

/* MOVS pc, lr returning to USR with I clear and the IRQ line high: the
 * IRQ is taken at the return address (LR_irq = it + 4). */
START_TEST(test_irq_after_movs)
{
	setup_vcpu(_i, PSR_I | PSR_F | SVC);
	armpv_vcpu_set_irq(&t.vcpu, true);
	WR(SVC, 14) = 0x00009000u;
	WSPSR(SVC) = PSR_Z | USR;
	emulate(insn_dp_shimm(AL, OP_MOV, 0, 0, LSL, 14),
		ARMPV_FORM_MOVS_SHIMM);
	t.want.cpsr = PSR_Z | USR;
	t.want.pc = 0x00009000u;
	want_exception(IRQ, 0x00009004u, 0x18, false, true);
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* CPS (ARMv6, A4.1.16).                                                  */

static const struct {
	unsigned aif;
	uint32_t bit;
} cps_bits[3] = {
	{ CPS_A, PSR_A },
	{ CPS_I, PSR_I },
	{ CPS_F, PSR_F },
};

/* CPSID a / i / f sets only that bit. */
START_TEST(test_cps_id)
{
	setup_vcpu(1, PSR_C | SVC);
	emulate(insn_cps(CPS_ID, false, cps_bits[_i].aif, 0), ARMPV_FORM_CPS);
	t.want.cpsr = PSR_C | SVC | cps_bits[_i].bit;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* CPSIE a / i / f clears only that bit. */
START_TEST(test_cps_ie)
{
	const uint32_t all = PSR_A | PSR_I | PSR_F;

	setup_vcpu(1, PSR_C | all | SVC);
	emulate(insn_cps(CPS_IE, false, cps_bits[_i].aif, 0), ARMPV_FORM_CPS);
	t.want.cpsr = (PSR_C | all | SVC) & ~cps_bits[_i].bit;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* CPSID aif, #0x12: masks and mode together, banks switched. */
START_TEST(test_cps_id_mode)
{
	setup_vcpu(1, SVC);
	emulate(insn_cps(CPS_ID, true, CPS_A | CPS_I | CPS_F, IRQ),
		ARMPV_FORM_CPS);
	t.want.cpsr = PSR_A | PSR_I | PSR_F | IRQ;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* CPSIE if, #0x11: to FIQ (r8-r14 banked). */
START_TEST(test_cps_ie_mode)
{
	setup_vcpu(1, PSR_A | PSR_I | PSR_F | SVC);
	emulate(insn_cps(CPS_IE, true, CPS_I | CPS_F, FIQ), ARMPV_FORM_CPS);
	t.want.cpsr = PSR_A | FIQ;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* CPS #0x17: mode only (imod = 00, mmod = 1). */
START_TEST(test_cps_mode_only)
{
	setup_vcpu(1, PSR_N | PSR_A | PSR_I | PSR_F | SVC);
	emulate(insn_cps(0, true, 0, ABT), ARMPV_FORM_CPS);
	t.want.cpsr = PSR_N | PSR_A | PSR_I | PSR_F | ABT;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* doc: CPS with imod = 01 (UNPREDICTABLE) changes no mask bit. */
START_TEST(test_cps_imod01)
{
	setup_vcpu(1, PSR_A | SVC);
	emulate(insn_cps(1, false, CPS_I, 0), ARMPV_FORM_CPS);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* doc: CPSID i with a mode field but mmod = 0 (UNPREDICTABLE): the mode
 * is ignored. */
START_TEST(test_cps_mode_without_mmod)
{
	setup_vcpu(1, PSR_A | SVC);
	emulate(insn_cps(CPS_ID, false, CPS_I, IRQ), ARMPV_FORM_CPS);
	t.want.cpsr = PSR_A | PSR_I | SVC;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* SRS and RFE (ARMv6, A4.1.90, A4.1.59, addressing A5.6).                */

/* Where the two words go, and the writeback value, for base DATA. */
static const struct {
	unsigned am;
	uint32_t first, second, wb;
} rs_cases[4] = {
	{ DA, DATA - 4, DATA, DATA - 8 },
	{ IA, DATA, DATA + 4, DATA + 8 },
	{ DB, DATA - 8, DATA - 4, DATA - 8 },
	{ IB, DATA + 4, DATA + 8, DATA + 8 },
};

/* SRS<am> sp{!}, #0x13 from IRQ mode: LR_irq and SPSR_irq go to SVC's
 * stack, and SVC's SP is written back, not IRQ's. */
START_TEST(test_srs)
{
	const int k = _i % 4;
	const bool w = _i / 4;

	setup_vcpu(1, PSR_A | PSR_I | IRQ);
	WR(IRQ, 14) = 0x00008880u;
	WSPSR(IRQ) = PSR_Z | PSR_C | USR;
	WR(SVC, 13) = DATA;
	emulate(insn_srs(rs_cases[k].am, w, SVC), ARMPV_FORM_SRS);
	POKE32(rs_cases[k].first, 0x00008880u);
	POKE32(rs_cases[k].second, PSR_Z | PSR_C | USR);
	if (w)
		WR(SVC, 13) = rs_cases[k].wb;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* srsdb sp!, #0x13 from SVC itself (Linux's use). */
START_TEST(test_srs_own_mode)
{
	setup_vcpu(1, PSR_A | PSR_I | SVC);
	WR(SVC, 13) = DATA;
	WR(SVC, 14) = 0x00001234u;
	WSPSR(SVC) = PSR_V | USR;
	emulate(insn_srs(DB, true, SVC), ARMPV_FORM_SRS);
	POKE32(DATA - 8, 0x00001234u);
	POKE32(DATA - 4, PSR_V | USR);
	WR(SVC, 13) = DATA - 8;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* srsia sp, #0x1f from UND: to the USR/SYS stack pointer. */
START_TEST(test_srs_to_sys)
{
	setup_vcpu(1, PSR_A | PSR_I | UND);
	WR(SYS, 13) = DATA;
	emulate(insn_srs(IA, false, SYS), ARMPV_FORM_SRS);
	POKE32(DATA, WR(UND, 14));
	POKE32(DATA + 4, WSPSR(UND));
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* doc: SRS naming an invalid mode (UNPREDICTABLE): Undefined exception. */
START_TEST(test_srs_invalid_mode)
{
	setup_vcpu(1, PSR_A | PSR_I | SVC);
	emulate(insn_srs(DB, true, 0x15), ARMPV_FORM_SRS);
	want_exception(UND, TRAP_PC + 4, 0x04, false, false);
	expect_state();
}
END_TEST

/* RFE<am> sp{!} from SVC: PC and CPSR loaded, SVC's SP written back,
 * USR's bank current afterwards. */
START_TEST(test_rfe)
{
	const int k = _i % 4;
	const bool w = _i / 4;

	setup_vcpu(1, PSR_A | PSR_I | SVC);
	WR(SVC, 13) = DATA;
	POKE32(rs_cases[k].first, 0x00009000u);
	POKE32(rs_cases[k].second, PSR_N | USR);
	emulate(insn_rfe(rs_cases[k].am, w, 13), ARMPV_FORM_RFE);
	if (w)
		WR(SVC, 13) = rs_cases[k].wb;
	t.want.cpsr = PSR_N | USR;
	t.want.pc = 0x00009000u;
	expect_state();
}
END_TEST

/* rfeia r0 from SVC to IRQ mode (privileged return). */
START_TEST(test_rfe_to_irq)
{
	setup_vcpu(1, PSR_A | PSR_I | SVC);
	WR(SVC, 0) = DATA;
	POKE32(DATA, 0x00009100u);
	POKE32(DATA + 4, PSR_A | PSR_I | IRQ);
	emulate(insn_rfe(IA, false, 0), ARMPV_FORM_RFE);
	t.want.cpsr = PSR_A | PSR_I | IRQ;
	t.want.pc = 0x00009100u;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* LDM/STM with ^ (A4.1.21 LDM(2), A4.1.22 LDM(3), A4.1.98 STM(2);        */
/* addressing mode 4, A5.4).                                              */

/* First address of an n-register transfer at base b. */
static uint32_t am_start(unsigned am, uint32_t b, unsigned n)
{
	switch (am) {
	case DA:
		return b - 4 * n + 4;
	case IA:
		return b;
	case DB:
		return b - 4 * n;
	default:
		return b + 4;
	}
}

static uint32_t am_writeback(unsigned am, uint32_t b, unsigned n)
{
	return am & 1 ? b + 4 * n : b - 4 * n;
}

/* STM<am> r0, {r1, sp, lr}^ from SVC: stores USR's r13 and r14. */
START_TEST(test_stm_user)
{
	const unsigned am = _i % 4;
	uint32_t a;

	setup_vcpu(_i / 4, PSR_I | SVC);
	WR(SVC, 0) = DATA;
	emulate(insn_ldm_stm_s(AL, am, false, false, 0, 0x6002),
		ARMPV_FORM_STM_USER);
	a = am_start(am, DATA, 3);
	POKE32(a, WR(USR, 1));
	POKE32(a + 4, WR(USR, 13));
	POKE32(a + 8, WR(USR, 14));
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* stmia r0, {r8-r14}^ from FIQ: USR's r8-r14, not FIQ's. */
START_TEST(test_stm_user_fiq)
{
	setup_vcpu(_i, PSR_I | PSR_F | FIQ);
	WR(FIQ, 0) = DATA;
	emulate(insn_ldm_stm_s(AL, IA, false, false, 0, 0x7f00),
		ARMPV_FORM_STM_USER);
	for (unsigned n = 8; n < 15; n++)
		POKE32(DATA + 4 * (n - 8), WR(USR, n));
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* stmdb r9, {r0, r8}^ from FIQ: the base is FIQ's r9 (the current mode's
 * register), the data USR's r8. */
START_TEST(test_stm_user_fiq_base)
{
	setup_vcpu(_i, PSR_I | PSR_F | FIQ);
	WR(FIQ, 9) = DATA;
	emulate(insn_ldm_stm_s(AL, DB, false, false, 9, 0x0101),
		ARMPV_FORM_STM_USER);
	POKE32(DATA - 8, WR(USR, 0));
	POKE32(DATA - 4, WR(USR, 8));
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* stmib r0, {r0, pc}^: PC stores the instruction's address + 8 (IMPLE-
 * MENTATION DEFINED +8/+12, A4.1.98; +8 on ARM926EJ-S and ARM1176). */
START_TEST(test_stm_user_pc)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 0) = DATA;
	emulate(insn_ldm_stm_s(AL, IB, false, false, 0, 0x8001),
		ARMPV_FORM_STM_USER);
	POKE32(DATA + 4, DATA);
	POKE32(DATA + 8, TRAP_PC + 8);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* LDM<am> r0, {r1, sp, lr}^ from SVC: loads USR's r13 and r14. */
START_TEST(test_ldm_user)
{
	const unsigned am = _i % 4;
	uint32_t a;

	setup_vcpu(_i / 4, PSR_I | SVC);
	WR(SVC, 0) = DATA;
	a = am_start(am, DATA, 3);
	POKE32(a, 0xd0000001u);
	POKE32(a + 4, 0xd000000du);
	POKE32(a + 8, 0xd000000eu);
	emulate(insn_ldm_stm_s(AL, am, false, true, 0, 0x6002),
		ARMPV_FORM_LDM_USER);
	WR(USR, 1) = 0xd0000001u;
	WR(USR, 13) = 0xd000000du;
	WR(USR, 14) = 0xd000000eu;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ldmia r9, {r8-r14}^ from FIQ (base FIQ's r9): USR's r8-r14 loaded,
 * FIQ's untouched. */
START_TEST(test_ldm_user_fiq)
{
	setup_vcpu(_i, PSR_I | PSR_F | FIQ);
	WR(FIQ, 9) = DATA;
	for (unsigned n = 8; n < 15; n++)
		POKE32(DATA + 4 * (n - 8), 0xd0000000u | n);
	emulate(insn_ldm_stm_s(AL, IA, false, true, 9, 0x7f00),
		ARMPV_FORM_LDM_USER);
	for (unsigned n = 8; n < 15; n++)
		WR(USR, n) = 0xd0000000u | n;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* LDM<am> sp{!}, {r0, r1, pc}^ from SVC returning to USR: registers and
 * PC loaded, CPSR = SPSR_svc, writeback to SVC's SP (the mode the
 * instruction executes in). */
START_TEST(test_ldm_ret)
{
	const unsigned am = _i % 4;
	const bool w = (_i / 4) & 1;
	uint32_t a;

	setup_vcpu(_i / 8, PSR_C | PSR_I | PSR_F | SVC);
	WR(SVC, 13) = DATA;
	WSPSR(SVC) = PSR_N | PSR_V | USR;
	a = am_start(am, DATA, 3);
	POKE32(a, 0xd0000000u);
	POKE32(a + 4, 0xd0000001u);
	POKE32(a + 8, 0x00009000u);
	emulate(insn_ldm_stm_s(AL, am, w, true, 13, 0x8003),
		ARMPV_FORM_LDM_RET);
	WR(USR, 0) = 0xd0000000u;
	WR(USR, 1) = 0xd0000001u;
	if (w)
		WR(SVC, 13) = am_writeback(am, DATA, 3);
	t.want.cpsr = PSR_N | PSR_V | USR;
	t.want.pc = 0x00009000u;
	expect_state();
}
END_TEST

/* ldmia r0, {r8, lr, pc}^ from FIQ returning to SVC: r8 and r14 are
 * loaded into FIQ's bank (before the return), SVC's bank is current. */
START_TEST(test_ldm_ret_fiq_to_svc)
{
	setup_vcpu(_i, PSR_I | PSR_F | FIQ);
	WR(FIQ, 0) = DATA;
	WSPSR(FIQ) = PSR_Z | PSR_I | SVC;
	POKE32(DATA, 0xd0000008u);
	POKE32(DATA + 4, 0xd000000eu);
	POKE32(DATA + 8, 0x00009000u);
	emulate(insn_ldm_stm_s(AL, IA, false, true, 0, 0xc100),
		ARMPV_FORM_LDM_RET);
	WR(FIQ, 8) = 0xd0000008u;
	WR(FIQ, 14) = 0xd000000eu;
	t.want.cpsr = PSR_Z | PSR_I | SVC;
	t.want.pc = 0x00009000u;
	expect_state();
}
END_TEST

/* ldmdb r0!, {r2, pc}^ from SVC to IRQ mode. */
START_TEST(test_ldm_ret_to_irq)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 0) = DATA;
	WSPSR(SVC) = PSR_I | IRQ;
	POKE32(DATA - 8, 0xd0000002u);
	POKE32(DATA - 4, 0x00009200u);
	emulate(insn_ldm_stm_s(AL, DB, true, true, 0, 0x8004),
		ARMPV_FORM_LDM_RET);
	WR(USR, 0) = DATA - 8;
	WR(USR, 2) = 0xd0000002u;
	t.want.cpsr = PSR_I | IRQ;
	t.want.pc = 0x00009200u;
	expect_state();
}
END_TEST

/* ldmia r0, {pc}^ with SPSR.T: Thumb state, PC bit 0 ignored. */
START_TEST(test_ldm_ret_thumb)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 0) = DATA;
	WSPSR(SVC) = PSR_T | USR;
	POKE32(DATA, 0x00008123u);
	emulate(insn_ldm_stm_s(AL, IA, false, true, 0, 0x8000),
		ARMPV_FORM_LDM_RET);
	t.want.cpsr = PSR_T | USR;
	t.want.pc = 0x00008122u;
	expect_state();
}
END_TEST

/* doc: LDM^ with PC, writeback and Rn in the list (UNPREDICTABLE): the
 * loaded value wins.  ldmia r0!, {r0, pc}^ */
START_TEST(test_ldm_ret_rn_in_list)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 0) = DATA;
	WSPSR(SVC) = PSR_Z | USR;
	POKE32(DATA, 0xd0000000u);
	POKE32(DATA + 4, 0x00009000u);
	emulate(insn_ldm_stm_s(AL, IA, true, true, 0, 0x8001),
		ARMPV_FORM_LDM_RET);
	WR(USR, 0) = 0xd0000000u;
	t.want.cpsr = PSR_Z | USR;
	t.want.pc = 0x00009000u;
	expect_state();
}
END_TEST

/* doc: LDM^/STM^ with an empty list or Rn = PC (UNPREDICTABLE): the
 * Undefined exception. */
static const struct {
	uint32_t insn;
	enum armpv_form_id id;
} ldmstm_undef_cases[] = {
	{ 0xe8d00000u, ARMPV_FORM_LDM_USER }, /* ldmia r0, {}^ */
	{ 0xe8c00000u, ARMPV_FORM_STM_USER }, /* stmia r0, {}^ */
	{ 0xe8df0001u, ARMPV_FORM_LDM_USER }, /* ldmia pc, {r0}^ */
	{ 0xe8cf0001u, ARMPV_FORM_STM_USER }, /* stmia pc, {r0}^ */
	{ 0xe8df8001u, ARMPV_FORM_LDM_RET },  /* ldmia pc, {r0, pc}^ */
};

START_TEST(test_ldm_stm_undef)
{
	const int k = _i % N(ldmstm_undef_cases);

	setup_vcpu(_i / N(ldmstm_undef_cases), PSR_I | SVC);
	WSPSR(SVC) = PSR_Z | USR;
	emulate(ldmstm_undef_cases[k].insn, ldmstm_undef_cases[k].id);
	want_exception(UND, TRAP_PC + 4, 0x04, false, false);
	expect_state();
}
END_TEST

/* stmia r0, {r1}^ with a misaligned base and SCTLR.A = 0 (ARMv6: U = 0):
 * bits 1:0 of the address are ignored (A4.1.98, A2.8). */
START_TEST(test_stm_user_unaligned)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 0) = DATA + 2;
	emulate(insn_ldm_stm_s(AL, IA, false, false, 0, 0x0002),
		ARMPV_FORM_STM_USER);
	POKE32(DATA, WR(USR, 1));
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ldmia sp, {r0, pc}^ with a misaligned base and SCTLR.A = 1: alignment
 * fault, no register loaded, no return. */
START_TEST(test_ldm_ret_alignment_fault)
{
	setup_vcpu(_i, PSR_I | SVC);
	t.want.sctlr |= ARMPV_SCTLR_A;
	WR(SVC, 13) = DATA + 2;
	WSPSR(SVC) = PSR_Z | USR;
	POKE32(DATA, 0xd0000000u);
	POKE32(DATA + 4, 0x00009000u);
	emulate(insn_ldm_stm_s(AL, IA, false, true, 13, 0x8001),
		ARMPV_FORM_LDM_RET);
	want_data_abort(0x1, DATA + 2);
	t.want.dfsr_mask = t.v6 ? 0xc0fu : 0xdu;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* LDRT, LDRBT, STRT, STRBT (A4.1.24, 4.1.25, 4.1.100, 4.1.105):          */
/* post-indexed, writeback, User permissions.                             */

#define BASE 0x00100040u

/* ldrt r1, [r2], #0x10 */
START_TEST(test_ldrt_imm)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE;
	POKE32(BASE, 0xcafef00du);
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 0x10),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0xcafef00du;
	WR(SVC, 2) = BASE + 0x10;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ldrt r1, [r2], #-0xfff */
START_TEST(test_ldrt_imm_down)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE;
	POKE32(BASE, 0x01020304u);
	emulate(insn_ldrt_imm(AL, false, false, true, 2, 1, 0xfff),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x01020304u;
	WR(SVC, 2) = 0x000ff041u;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ldrbt r1, [r2], #1: zero-extended byte. */
START_TEST(test_ldrbt_imm)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE + 3;
	POKE32(BASE, 0x9a777777u);
	emulate(insn_ldrt_imm(AL, true, true, true, 2, 1, 1),
		ARMPV_FORM_LDRBT_IMM);
	WR(SVC, 1) = 0x0000009au;
	WR(SVC, 2) = BASE + 4;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* strt r1, [r2], #4 */
START_TEST(test_strt_imm)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 1) = 0x11223344u;
	WR(SVC, 2) = BASE;
	emulate(insn_ldrt_imm(AL, true, false, false, 2, 1, 4),
		ARMPV_FORM_STRT_IMM);
	POKE32(BASE, 0x11223344u);
	WR(SVC, 2) = BASE + 4;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* strbt r1, [r2], #-1: the low byte only. */
START_TEST(test_strbt_imm)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 1) = 0xaabbccddu;
	WR(SVC, 2) = BASE + 1;
	POKE32(BASE, 0x55555555u);
	emulate(insn_ldrt_imm(AL, false, true, false, 2, 1, 1),
		ARMPV_FORM_STRBT_IMM);
	POKE32(BASE, 0x5555dd55u);
	WR(SVC, 2) = BASE;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ldrt r1, [r2], +/-r3, <shift>: every scaled-register shifter form
 * (A5.2.10), including LSR #32 and ASR #32 (shift_imm 0) and RRX (ROR
 * #0) with the carry flag in. */
static const struct {
	const char *text;
	bool u;
	unsigned shift_imm, shift;
	uint32_t rm, carry, rn_after;
} ldrt_reg_cases[] = {
	{ "r3", true, 0, LSL, 0x24, 0, BASE + 0x24 },
	{ "r3, lsl #2", true, 2, LSL, 3, 0, BASE + 12 },
	{ "-r3, lsl #31", false, 31, LSL, 1, 0, 0x80100040u },
	{ "r3, lsr #4", true, 4, LSR, 0x100, 0, BASE + 0x10 },
	{ "r3, lsr #32", true, 0, LSR, 0xffffffffu, 0, BASE },
	{ "r3, asr #2", true, 2, ASR, 0xfffffff0u, 0, BASE - 4 },
	{ "-r3, asr #32", false, 0, ASR, 0x80000000u, 0, BASE + 1 },
	{ "r3, asr #32", true, 0, ASR, 0x7fffffffu, 0, BASE },
	{ "r3, ror #4", true, 4, ROR, 0x41, 0, 0x10100044u },
	{ "-r3, rrx (C=1)", false, 0, ROR, 0x11, PSR_C, 0x80100038u },
	{ "r3, rrx (C=0)", true, 0, ROR, 0x11, 0, BASE + 8 },
};

START_TEST(test_ldrt_reg)
{
	const int k = _i % N(ldrt_reg_cases);

	setup_vcpu(_i / N(ldrt_reg_cases),
		   ldrt_reg_cases[k].carry | PSR_I | SVC);
	t.ctx = ldrt_reg_cases[k].text;
	WR(SVC, 2) = BASE;
	WR(SVC, 3) = ldrt_reg_cases[k].rm;
	POKE32(BASE, 0x600dcafeu);
	emulate(insn_ldrt_reg(AL, ldrt_reg_cases[k].u, false, true, 2, 1,
			      ldrt_reg_cases[k].shift_imm,
			      ldrt_reg_cases[k].shift, 3),
		ARMPV_FORM_LDRT_REG);
	WR(SVC, 1) = 0x600dcafeu;
	WR(SVC, 2) = ldrt_reg_cases[k].rn_after;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ldrbt r1, [r2], -r3, lsl #1 */
START_TEST(test_ldrbt_reg)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE;
	WR(SVC, 3) = 8;
	POKE32(BASE, 0x600dcafeu);
	emulate(insn_ldrt_reg(AL, false, true, true, 2, 1, 1, LSL, 3),
		ARMPV_FORM_LDRBT_REG);
	WR(SVC, 1) = 0xfe;
	WR(SVC, 2) = BASE - 16;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* strt r1, [r2], r3, lsr #1 */
START_TEST(test_strt_reg)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 1) = 0x0badf00du;
	WR(SVC, 2) = BASE;
	WR(SVC, 3) = 0x20;
	emulate(insn_ldrt_reg(AL, true, false, false, 2, 1, 1, LSR, 3),
		ARMPV_FORM_STRT_REG);
	POKE32(BASE, 0x0badf00du);
	WR(SVC, 2) = BASE + 0x10;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* strbt r1, [r2], -r3, ror #8 */
START_TEST(test_strbt_reg)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 1) = 0x123456abu;
	WR(SVC, 2) = BASE + 2;
	WR(SVC, 3) = 0x00000400u; /* ROR #8: 0x00000004 */
	emulate(insn_ldrt_reg(AL, false, true, false, 2, 1, 8, ROR, 3),
		ARMPV_FORM_STRBT_REG);
	POKE32(BASE, 0x00ab0000u);
	WR(SVC, 2) = BASE - 2;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* From FIQ mode the base and data registers are FIQ's r8-r12. */
START_TEST(test_strt_fiq_regs)
{
	setup_vcpu(_i, PSR_I | PSR_F | FIQ);
	WR(FIQ, 8) = 0x87654321u;
	WR(FIQ, 10) = BASE;
	emulate(insn_ldrt_imm(AL, true, false, false, 10, 8, 4),
		ARMPV_FORM_STRT_IMM);
	POKE32(BASE, 0x87654321u);
	WR(FIQ, 10) = BASE + 4;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* STRT of PC stores the address + 8 (IMPLEMENTATION DEFINED +8/+12;
 * doc: +8).  strt pc, [r2], #4 */
START_TEST(test_strt_pc)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE;
	emulate(insn_ldrt_imm(AL, true, false, false, 2, 15, 4),
		ARMPV_FORM_STRT_IMM);
	POKE32(BASE, TRAP_PC + 8);
	WR(SVC, 2) = BASE + 4;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* Misaligned LDRT word with SCTLR.A = 0 (ARMv6: and U = 0): the word at
 * the aligned address, rotated right by 8 * address[1:0] (A4.1.23 and
 * A2.8). */
START_TEST(test_ldrt_unaligned_rotate)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE + 1;
	POKE32(BASE, 0x44332211u);
	POKE32(BASE + 4, 0x88776655u);
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x11443322u;
	WR(SVC, 2) = BASE + 5;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ARMv6 with SCTLR.U = 1, A = 0: the unaligned word itself (A2.8). */
START_TEST(test_ldrt_unaligned_v6)
{
	setup_vcpu(1, PSR_A | PSR_I | SVC);
	t.want.sctlr |= ARMPV_SCTLR_U;
	WR(SVC, 2) = BASE + 1;
	POKE32(BASE, 0x44332211u);
	POKE32(BASE + 4, 0x88776655u);
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x55443322u;
	WR(SVC, 2) = BASE + 5;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* SCTLR.A = 1: alignment fault, a data abort on the trapped instruction
 * (FSR status 0b00x1 on ARMv5, 0b00001 on ARMv6; domain not defined), FAR
 * = the address, Rd and Rn unchanged. */
START_TEST(test_ldrt_alignment_fault)
{
	setup_vcpu(_i, PSR_I | SVC);
	t.want.sctlr |= ARMPV_SCTLR_A;
	WR(SVC, 2) = BASE + 1;
	POKE32(BASE, 0x44332211u);
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	want_data_abort(0x1, BASE + 1);
	t.want.dfsr_mask = t.v6 ? 0xc0fu : 0xdu;
	expect_state();
}
END_TEST

/* ARMv6 CPSR.E = 1: data words are big-endian (A2.7; doc). */
START_TEST(test_ldrt_big_endian_v6)
{
	setup_vcpu(1, PSR_E | PSR_A | PSR_I | SVC);
	WR(SVC, 2) = BASE;
	POKE32(BASE, 0x44332211u);
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x11223344u;
	WR(SVC, 2) = BASE + 4;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* doc: LDRT with Rd = Rn (UNPREDICTABLE): the loaded value wins. */
START_TEST(test_ldrt_rd_is_rn)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE;
	POKE32(BASE, 0x00c0ffeeu);
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 2, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 2) = 0x00c0ffeeu;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* doc: LDRT with Rn = PC (UNPREDICTABLE): Rn reads the address + 8 and
 * the writeback branches.  ldrt r1, [pc], #4 */
START_TEST(test_ldrt_rn_pc)
{
	setup_vcpu(_i, PSR_I | SVC);
	POKE32(TRAP_PC + 8, 0x0ddba11u);
	emulate(insn_ldrt_imm(AL, true, false, true, 15, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x0ddba11u;
	t.want.pc = TRAP_PC + 12;
	expect_state();
}
END_TEST

/* doc: LDRT with Rd = PC (UNPREDICTABLE) loads PC as LDR does on ARMv5T
 * and later: bit 0 selects Thumb.  ldrt pc, [r2], #4 */
START_TEST(test_ldrt_rd_pc)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 2) = BASE;
	POKE32(BASE, 0x00009001u);
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 15, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 2) = BASE + 4;
	t.want.cpsr |= PSR_T;
	t.want.pc = 0x00009000u;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* User permissions with the MMU on (ARM ARM B4.4-B4.6).                  */

#define DOMAIN 3u

/* A first-level section descriptor (ARMv5; ARMv6 with SCTLR.XP = 0):
 * base[31:20], AP[11:10], domain[8:5], bit 4 (SBO on ARMv5), 0b10. */
static uint32_t section(uint32_t pa, unsigned ap)
{
	return pa | ap << 10 | DOMAIN << 5 | (t.v6 ? 0 : 0x10) | 0x2;
}

/* VA 0x000xxxxx (with the table) and 0x002xxxxx user RW (AP 11),
 * 0x001xxxxx privileged only (AP 01), 0x004xxxxx user read-only (AP 10)
 * onto the same memory as 0x001xxxxx, 0x800xxxxx user RW onto 0x002xxxxx;
 * the rest unmapped.  Domain 3 is a client (DACR 01). */
static void mmu_on(void)
{
	POKE32(TTB + 0x000 * 4, section(0x00000000u, 3));
	POKE32(TTB + 0x001 * 4, section(0x00100000u, 1));
	POKE32(TTB + 0x002 * 4, section(0x00200000u, 3));
	POKE32(TTB + 0x004 * 4, section(0x00100000u, 2));
	POKE32(TTB + 0x800 * 4, section(0x00200000u, 3));
	t.want.ttbr0 = TTB;
	t.want.ttbcr = 0;
	t.want.dacr = 1u << (2 * DOMAIN);
	t.want.sctlr |= ARMPV_SCTLR_M;
}

/* LDRT from a privileged-only section: permission fault (section, 0xd)
 * in domain 3, FAR = the address; data abort on the trapped instruction,
 * LR_abt = its address + 8, base restored; low vectors (_i & 2: high). */
START_TEST(test_ldrt_perm_fault)
{
	setup_vcpu(_i & 1, PSR_F | SVC);
	mmu_on();
	if (_i & 2)
		t.want.sctlr |= ARMPV_SCTLR_V;
	WR(SVC, 2) = 0x00100010u;
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	want_data_abort(DOMAIN << 4 | 0xd, 0x00100010u);
	expect_state();
	ck_assert_uint_eq(t.vcpu.r[15], (_i & 2 ? 0xffff0010u : 0x00000010u));
}
END_TEST

/* The same for LDRBT, register form. */
START_TEST(test_ldrbt_perm_fault)
{
	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	WR(SVC, 2) = 0x00100021u;
	WR(SVC, 3) = 1;
	emulate(insn_ldrt_reg(AL, true, true, true, 2, 1, 0, LSL, 3),
		ARMPV_FORM_LDRBT_REG);
	want_data_abort(DOMAIN << 4 | 0xd, 0x00100021u);
	expect_state();
}
END_TEST

/* LDRT from a user RW section, and through a non-identity mapping. */
START_TEST(test_ldrt_user_ok)
{
	const uint32_t va = _i & 2 ? 0x80000010u : 0x00200010u;

	setup_vcpu(_i & 1, PSR_I | SVC);
	mmu_on();
	POKE32(0x00200010u, 0x12345678u);
	WR(SVC, 2) = va;
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x12345678u;
	WR(SVC, 2) = va + 4;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* LDRT from the user read-only alias is allowed; STRT to it is a
 * permission fault (ARMv6 DFSR: WnR, bit 11), memory unchanged. */
START_TEST(test_strt_perm_fault)
{
	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	WR(SVC, 1) = 0x5a5a5a5au;
	WR(SVC, 2) = 0x00400010u;
	emulate(insn_ldrt_imm(AL, true, false, false, 2, 1, 4),
		ARMPV_FORM_STRT_IMM);
	want_data_abort((t.v6 ? 1u << 11 : 0) | DOMAIN << 4 | 0xd,
			0x00400010u);
	expect_state();
}
END_TEST

START_TEST(test_ldrt_user_ro_ok)
{
	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	POKE32(0x00100010u, 0x0f0f0f0fu);
	WR(SVC, 2) = 0x00400010u;
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x0f0f0f0fu;
	WR(SVC, 2) = 0x00400014u;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* STRBT to a user RW section. */
START_TEST(test_strbt_user_ok)
{
	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	WR(SVC, 1) = 0x000000e7u;
	WR(SVC, 2) = 0x00200023u;
	emulate(insn_ldrt_imm(AL, true, true, false, 2, 1, 1),
		ARMPV_FORM_STRBT_IMM);
	POKE32(0x00200020u, 0xe7000000u);
	WR(SVC, 2) = 0x00200024u;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* Domain 3 as manager (DACR 11): no permission check. */
START_TEST(test_ldrt_manager_domain)
{
	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	t.want.dacr = 3u << (2 * DOMAIN);
	POKE32(0x00100010u, 0x7e7e7e7eu);
	WR(SVC, 2) = 0x00100010u;
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	WR(SVC, 1) = 0x7e7e7e7eu;
	WR(SVC, 2) = 0x00100014u;
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* An unmapped address: section translation fault (0x5; the domain field
 * is not defined for it). */
START_TEST(test_ldrt_translation_fault)
{
	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	WR(SVC, 2) = 0x00500000u;
	emulate(insn_ldrt_imm(AL, true, false, true, 2, 1, 4),
		ARMPV_FORM_LDRT_IMM);
	want_data_abort(0x5, 0x00500000u);
	t.want.dfsr_mask = t.v6 ? 0xc0fu : 0xfu;
	expect_state();
}
END_TEST

/* LDM^ and STM^ transfer User registers but access memory with the
 * current (privileged) mode's permissions (A4.1.21, A4.1.98): both work
 * on a privileged-only section. */
START_TEST(test_ldm_stm_user_privileged_access)
{
	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	WR(SVC, 0) = 0x00100010u;
	POKE32(0x00100010u, 0xd000000du);
	POKE32(0x00100014u, 0xd000000eu);
	emulate(insn_ldm_stm_s(AL, IA, false, true, 0, 0x6000),
		ARMPV_FORM_LDM_USER);
	WR(USR, 13) = 0xd000000du;
	WR(USR, 14) = 0xd000000eu;
	t.want.pc = TRAP_PC + 4;
	expect_state();

	setup_vcpu(_i, PSR_I | SVC);
	mmu_on();
	WR(SVC, 0) = 0x00100010u;
	emulate(insn_ldm_stm_s(AL, IA, false, false, 0, 0x6000),
		ARMPV_FORM_STM_USER);
	POKE32(0x00100010u, WR(USR, 13));
	POKE32(0x00100014u, WR(USR, 14));
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ldmia sp!, {r0, r1, pc}^ (_i & 2: Linux's IRQ return ldmia sp,
 * {r0-r12, pc}^, eight words before it) whose word at 0x00500000 is
 * unmapped: data abort on the instruction (translation fault, FAR = that
 * word), no return, base restored; doc: no register of the list written
 * either. */
START_TEST(test_ldm_ret_abort)
{
	bool full = _i & 2;
	uint32_t base = full ? 0x004fffe0u : 0x004ffff8u;

	setup_vcpu(_i & 1, PSR_I | SVC);
	mmu_on();
	WR(SVC, 13) = base;
	WSPSR(SVC) = PSR_Z | USR;
	for (uint32_t a = base; a < 0x00500000u; a += 4)
		POKE32(a - 0x00300000u, 0xd0000000u | (a & 0xffu));
	emulate(insn_ldm_stm_s(AL, IA, !full, true, 13,
			       full ? 0x9fff : 0x8003),
		ARMPV_FORM_LDM_RET);
	want_data_abort(0x5, 0x00500000u);
	t.want.dfsr_mask = t.v6 ? 0xc0fu : 0xfu;
	expect_state();
}
END_TEST

/* stmia r0, {r1, r2, r3}^ (_i & 2: Linux's exception entry stmia r0,
 * {r0-lr}^, six words before it) whose word at 0x00500000 is unmapped:
 * data abort; doc: the words before it are stored. */
START_TEST(test_stm_user_abort)
{
	bool full = _i & 2;
	uint32_t base = full ? 0x004fffe8u : 0x004ffff8u;
	unsigned first = full ? 0 : 1;

	setup_vcpu(_i & 1, PSR_I | SVC);
	mmu_on();
	WR(SVC, 0) = base;
	emulate(insn_ldm_stm_s(AL, IA, false, false, 0,
			       full ? 0x7fff : 0x000e),
		ARMPV_FORM_STM_USER);
	for (uint32_t a = base; a < 0x00500000u; a += 4)
		POKE32(a - 0x00300000u, WR(USR, first + (a - base) / 4));
	want_data_abort((t.v6 ? 1u << 11 : 0) | 0x5, 0x00500000u);
	t.want.dfsr_mask = t.v6 ? 0xc0fu : 0xfu;
	expect_state();
}
END_TEST

/* ARMv6 CPSR.E = 1: the words of LDM^ and STM^ are big-endian too. */
START_TEST(test_ldm_stm_user_big_endian_v6)
{
	for (int load = 0; load < 2; load++) {
		setup_vcpu(1, PSR_E | PSR_A | PSR_I | SVC);
		WR(SVC, 0) = BASE;
		if (load) {
			POKE32(BASE, 0x44332211u);
			POKE32(BASE + 4, 0x88776655u);
		} else {
			WR(USR, 13) = 0x11223344u;
			WR(USR, 14) = 0x55667788u;
		}
		emulate(insn_ldm_stm_s(AL, IA, false, load, 0, 0x6000),
			load ? ARMPV_FORM_LDM_USER : ARMPV_FORM_STM_USER);
		WR(USR, 13) = 0x11223344u;
		WR(USR, 14) = 0x55667788u;
		POKE32(BASE, 0x44332211u);
		POKE32(BASE + 4, 0x88776655u);
		t.want.pc = TRAP_PC + 4;
		expect_state();
	}
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Data processing, S = 1, Rd = PC (A4.1.2 ff.): PC = the ALU result,      */
/* CPSR = SPSR (flags from the SPSR, not the ALU).                        */

/* <op>s pc, r3, #0xff00 (0xff ROR 24; MVN: #0xff) from SVC with the
 * carry flag c_in; SPSR_svc holds the other carry value, so that a carry
 * taken from the wrong PSR shows. */
static const struct {
	unsigned opc;
	uint32_t rn, c_in, result;
} dp_imm_cases[12] = {
	{ OP_AND, 0x00012340u, 0, 0x00002300u },
	{ OP_EOR, 0x00012340u, 0, 0x0001dc40u },
	{ OP_SUB, 0x00012340u, 0, 0x00002440u },
	{ OP_RSB, 0x00001100u, 0, 0x0000ee00u },
	{ OP_ADD, 0x00012340u, 0, 0x00022240u },
	{ OP_ADC, 0x0001233fu, PSR_C, 0x00022240u },
	{ OP_SBC, 0x00012341u, 0, 0x00002440u },
	{ OP_RSC, 0x000010ffu, 0, 0x0000ee00u },
	{ OP_ORR, 0x00010040u, 0, 0x0001ff40u },
	{ OP_MOV, 0, 0, 0x0000ff00u },
	{ OP_BIC, 0x00012340u, 0, 0x00010040u },
	{ OP_MVN, 0, 0, 0xffffff00u },
};

static const enum armpv_form_id dp_imm_forms[16] = {
	[OP_AND] = ARMPV_FORM_ANDS_IMM, [OP_EOR] = ARMPV_FORM_EORS_IMM,
	[OP_SUB] = ARMPV_FORM_SUBS_IMM, [OP_RSB] = ARMPV_FORM_RSBS_IMM,
	[OP_ADD] = ARMPV_FORM_ADDS_IMM, [OP_ADC] = ARMPV_FORM_ADCS_IMM,
	[OP_SBC] = ARMPV_FORM_SBCS_IMM, [OP_RSC] = ARMPV_FORM_RSCS_IMM,
	[OP_ORR] = ARMPV_FORM_ORRS_IMM, [OP_MOV] = ARMPV_FORM_MOVS_IMM,
	[OP_BIC] = ARMPV_FORM_BICS_IMM, [OP_MVN] = ARMPV_FORM_MVNS_IMM,
};

static const enum armpv_form_id dp_shimm_forms[16] = {
	[OP_AND] = ARMPV_FORM_ANDS_SHIMM, [OP_EOR] = ARMPV_FORM_EORS_SHIMM,
	[OP_SUB] = ARMPV_FORM_SUBS_SHIMM, [OP_RSB] = ARMPV_FORM_RSBS_SHIMM,
	[OP_ADD] = ARMPV_FORM_ADDS_SHIMM, [OP_ADC] = ARMPV_FORM_ADCS_SHIMM,
	[OP_SBC] = ARMPV_FORM_SBCS_SHIMM, [OP_RSC] = ARMPV_FORM_RSCS_SHIMM,
	[OP_ORR] = ARMPV_FORM_ORRS_SHIMM, [OP_MOV] = ARMPV_FORM_MOVS_SHIMM,
	[OP_BIC] = ARMPV_FORM_BICS_SHIMM, [OP_MVN] = ARMPV_FORM_MVNS_SHIMM,
};

static const char *const dp_names[16] = {
	"ands", "eors", "subs", "rsbs", "adds", "adcs", "sbcs", "rscs",
	NULL, NULL, NULL, NULL, "orrs", "movs", "bics", "mvns",
};

static bool dp_has_rn(unsigned opc)
{
	return opc != OP_MOV && opc != OP_MVN;
}

START_TEST(test_dp_imm)
{
	const int k = _i % 12;
	const unsigned opc = dp_imm_cases[k].opc;
	const uint32_t spsr = PSR_Z | PSR_V | (dp_imm_cases[k].c_in ^ PSR_C) |
			      USR;
	const bool mvn = opc == OP_MVN;

	setup_vcpu(_i / 12, dp_imm_cases[k].c_in | PSR_I | PSR_F | SVC);
	t.ctx = dp_names[opc];
	WR(SVC, 3) = dp_imm_cases[k].rn;
	WSPSR(SVC) = spsr;
	emulate(insn_dp_imm(AL, opc, dp_has_rn(opc) ? 3 : 0, mvn ? 0 : 12,
			    0xff),
		dp_imm_forms[opc]);
	t.want.cpsr = spsr;
	t.want.pc = dp_imm_cases[k].result;
	expect_state();
}
END_TEST

/* <op>s pc, r3, rm, <shift #imm> from SVC: every shift type, LSR #32 and
 * ASR #32 (shift_imm 0), RRX with carry in. */
static const struct {
	unsigned opc;
	uint32_t rn;
	unsigned rm;
	uint32_t rm_val;
	unsigned shift_imm, shift;
	uint32_t c_in, result;
} dp_shimm_cases[12] = {
	{ OP_AND, 0x000fff00u, 4, 0x00001234u, 4, LSL, 0, 0x00012300u },
	{ OP_EOR, 0x00000100u, 4, 0x12340000u, 4, LSR, 0, 0x01234100u },
	{ OP_SUB, 0x00001000u, 4, 0xf0000000u, 4, ASR, 0, 0x01001000u },
	{ OP_RSB, 0x00000040u, 4, 0x00010000u, 8, ROR, 0, 0x000000c0u },
	/* lsr #32: operand 0 */
	{ OP_ADD, 0x00008000u, 4, 0xffffffffu, 0, LSR, 0, 0x00008000u },
	/* rrx, C = 1: 0x80000100 */
	{ OP_ADC, 0x000000ffu, 4, 0x00000200u, 0, ROR, PSR_C, 0x80000200u },
	/* asr #32 of a negative value: 0xffffffff */
	{ OP_SBC, 0x00005000u, 4, 0x80000000u, 0, ASR, 0, 0x00005000u },
	{ OP_RSC, 0x00001000u, 4, 0x00009000u, 0, LSL, PSR_C, 0x00008000u },
	{ OP_ORR, 0x00020000u, 4, 0x00000040u, 2, LSL, 0, 0x00020100u },
	/* movs pc, lr */
	{ OP_MOV, 0, 14, 0x00004000u, 0, LSL, 0, 0x00004000u },
	{ OP_BIC, 0x0000100fu, 4, 0x00000006u, 1, LSR, 0, 0x0000100cu },
	{ OP_MVN, 0, 4, 0x000001ffu, 1, ASR, 0, 0xffffff00u },
};

START_TEST(test_dp_shimm)
{
	const int k = _i % 12;
	const unsigned opc = dp_shimm_cases[k].opc;
	const uint32_t spsr = PSR_Z | PSR_V | (dp_shimm_cases[k].c_in ^ PSR_C) |
			      USR;

	setup_vcpu(_i / 12, dp_shimm_cases[k].c_in | PSR_I | PSR_F | SVC);
	t.ctx = dp_names[opc];
	WR(SVC, 3) = dp_shimm_cases[k].rn;
	WR(SVC, dp_shimm_cases[k].rm) = dp_shimm_cases[k].rm_val;
	WSPSR(SVC) = spsr;
	emulate(insn_dp_shimm(AL, opc, dp_has_rn(opc) ? 3 : 0,
			      dp_shimm_cases[k].shift_imm,
			      dp_shimm_cases[k].shift, dp_shimm_cases[k].rm),
		dp_shimm_forms[opc]);
	t.want.cpsr = spsr;
	t.want.pc = dp_shimm_cases[k].result;
	expect_state();
}
END_TEST

/* adds pc, pc, #0x40: Rn = PC reads the address + 8. */
START_TEST(test_dp_rn_pc)
{
	setup_vcpu(_i, PSR_I | SVC);
	WSPSR(SVC) = PSR_N | USR;
	emulate(insn_dp_imm(AL, OP_ADD, 15, 0, 0x40),
		ARMPV_FORM_ADDS_IMM);
	t.want.cpsr = PSR_N | USR;
	t.want.pc = TRAP_PC + 8 + 0x40;
	expect_state();
}
END_TEST

/* adds pc, r3, pc, lsl #1: Rm = PC reads the address + 8. */
START_TEST(test_dp_rm_pc)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 3) = 0x100;
	WSPSR(SVC) = PSR_N | USR;
	emulate(insn_dp_shimm(AL, OP_ADD, 3, 1, LSL, 15),
		ARMPV_FORM_ADDS_SHIMM);
	t.want.cpsr = PSR_N | USR;
	t.want.pc = 0x100 + 2 * (TRAP_PC + 8);
	expect_state();
}
END_TEST

/* subs pc, lr, #4 from FIQ (FIQ's lr) returning to SVC. */
START_TEST(test_dp_fiq_to_svc)
{
	setup_vcpu(_i, PSR_I | PSR_F | FIQ);
	WR(FIQ, 14) = 0x00009004u;
	WSPSR(FIQ) = PSR_Z | PSR_C | PSR_I | SVC;
	emulate(insn_dp_imm(AL, OP_SUB, 14, 0, 4), ARMPV_FORM_SUBS_IMM);
	t.want.cpsr = PSR_Z | PSR_C | PSR_I | SVC;
	t.want.pc = 0x00009000u;
	expect_state();
}
END_TEST

/* subs pc, r8, #4 from SVC to FIQ: Rn is SVC's (USR's) r8; FIQ's bank
 * current afterwards. */
START_TEST(test_dp_svc_to_fiq)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(USR, 8) = 0x00009104u;
	WSPSR(SVC) = PSR_I | PSR_F | FIQ;
	emulate(insn_dp_imm(AL, OP_SUB, 8, 0, 4), ARMPV_FORM_SUBS_IMM);
	t.want.cpsr = PSR_I | PSR_F | FIQ;
	t.want.pc = 0x00009100u;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Virtual exceptions, hypercalls, words that are not trap words.         */

/* An SWI trap word from virtual USR mode is the guest process's own SWI:
 * LR_svc = address + 4, SPSR_svc = CPSR, PC = 0x08 (_i & 2: 0xffff0008). */
START_TEST(test_usr_swi_trap)
{
	setup_vcpu(_i & 1, PSR_N | PSR_C | USR);
	if (_i & 2)
		t.want.sctlr |= ARMPV_SCTLR_V;
	emulate(insn_mrs(AL, false, 0), ARMPV_FORM_MRS_REG);
	want_exception(SVC, TRAP_PC + 4, 0x08, false, false);
	expect_state();
	ck_assert_uint_eq(t.vcpu.r[15], (_i & 2 ? 0xffff0008u : 0x00000008u));
}
END_TEST

/* A coprocessor trap word from virtual USR mode: the guest's Undefined
 * exception, LR_und = address + 4, PC = 0x04.  (STRT: cdp/mcr space;
 * STM^: ldc/stc space.) */
START_TEST(test_usr_undef_trap)
{
	setup_vcpu(_i / 2, PSR_Z | USR);
	if (_i & 1)
		emulate(insn_ldrt_imm(AL, true, false, false, 2, 1, 4),
			ARMPV_FORM_STRT_IMM);
	else
		emulate(insn_ldm_stm_s(AL, IA, false, false, 0, 0x6000),
			ARMPV_FORM_STM_USER);
	want_exception(UND, TRAP_PC + 4, 0x04, false, false);
	expect_state();
}
END_TEST

/* SWI 0 (the EABI system call) and a hypercall payload from virtual USR
 * mode: the guest's SWI exception. */
START_TEST(test_usr_swi_not_trap)
{
	static const uint32_t imm[3] = { 0, 0x900001u, 0x280000u };

	setup_vcpu(_i / 3, PSR_V | USR);
	ck_assert_int_eq(trap(insn_swi(AL, imm[_i % 3])), ARMPV_EXIT_RESUME);
	want_exception(SVC, TRAP_PC + 4, 0x08, false, false);
	expect_state();
}
END_TEST

/* MRC p15 from virtual USR mode: Undefined (CP15 is privileged). */
START_TEST(test_usr_cp15)
{
	setup_vcpu(_i, USR);
	ck_assert_int_eq(trap(insn_cp15(true, 3, 0, 0, 0)), ARMPV_EXIT_RESUME);
	want_exception(UND, TRAP_PC + 4, 0x04, false, false);
	expect_state();
}
END_TEST

/* SWI 0x1fffff from SVC (a free payload, not a trap word): the guest
 * kernel's own SWI exception, as the real CPU gives it (doc). */
START_TEST(test_svc_swi_not_trap)
{
	setup_vcpu(_i, PSR_Z | PSR_I | SVC);
	ck_assert_ptr_null(armpv_decode(insn_swi(AL, 0x1fffffu),
					&(uint32_t){ 0 }));
	ck_assert_int_eq(trap(insn_swi(AL, 0x1fffffu)), ARMPV_EXIT_RESUME);
	want_exception(SVC, TRAP_PC + 4, 0x08, false, false);
	expect_state();
}
END_TEST

/* The same SWI with vm.kernel_swi_is_error (what armpv-run and armpv-bm
 * set): a guest error naming the word and its address, the vCPU
 * unchanged (armpv_core.h). */
START_TEST(test_svc_swi_not_trap_error)
{
	setup_vcpu(_i, PSR_Z | PSR_I | SVC);
	t.vm.kernel_swi_is_error = true;
	ck_assert_int_eq(trap(insn_swi(AL, 0x1fffffu)),
			 ARMPV_EXIT_GUEST_ERROR);
	ck_assert_uint_eq(t.vcpu.run.error.pc, TRAP_PC);
	ck_assert_uint_eq(t.vcpu.run.error.word, insn_swi(AL, 0x1fffffu));
	ck_assert_ptr_nonnull(t.vcpu.run.error.what);
	expect_state();
	/* A hypercall is still a hypercall. */
	ck_assert_int_eq(trap(insn_swi(AL, ARMPV_HYPERCALL_FIRST)),
			 ARMPV_EXIT_HYPERCALL);
}
END_TEST

/* LDC p5 post-indexed (not a trap word, not CP15) from SVC: the guest's
 * Undefined exception. */
START_TEST(test_svc_undef_not_trap)
{
	const uint32_t word = 0xec900500u; /* ldc p5, c0, [r0], {0} */

	setup_vcpu(_i, PSR_I | SVC);
	ck_assert_ptr_null(armpv_decode(word, &(uint32_t){ 0 }));
	ck_assert_int_eq(trap(word), ARMPV_EXIT_RESUME);
	want_exception(UND, TRAP_PC + 4, 0x04, false, false);
	expect_state();
}
END_TEST

/* On ARM926EJ-S a CPS trap word (an ARMv6-only form) is no trap word:
 * an SWI like any other (doc: "for the VM's architecture"). */
START_TEST(test_v5_cps_trap_word)
{
	const struct armpv_form *f;
	uint32_t insn = insn_cps(CPS_ID, false, CPS_I, 0);

	setup_vcpu(0, PSR_F | SVC);
	f = armpv_classify(insn, ARMPV_ARCH_ARMV6);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(trap(armpv_encode(f, insn)), ARMPV_EXIT_RESUME);
	want_exception(SVC, TRAP_PC + 4, 0x08, false, false);
	expect_state();
}
END_TEST

/* The prefetch abort a backend enters through the core (ARMv6, A2.6.5):
 * ABT mode, LR_abt = address + 4, I set and, as for every abort and
 * interrupt on ARMv6, A set (CPSR[8] = 1); IFSR and IFAR recorded. */
START_TEST(test_prefetch_abort_v6)
{
	setup_vcpu(1, PSR_C | SVC);
	load_state();
	armpv_vcpu_prefetch_abort(&t.vcpu, 0x00009000u, 0x5, 0x00009000u);
	t.want.pc = 0x00009000u;
	want_exception(ABT, 0x00009004u, 0x0c, false, true);
	t.want.ifsr = 0x5;
	t.want.ifar = 0x00009000u;
	expect_state();
}
END_TEST

/* A hypercall from SVC (and from SYS): exit with the payload, PC past the
 * SWI, nothing else changed. */
START_TEST(test_hypercall)
{
	static const uint32_t imm[2] = { 0x280000u, 0x3fffffu };
	enum armpv_exit_reason r;

	setup_vcpu(_i / 4, PSR_I | ((_i & 2) ? SYS : SVC));
	r = trap(insn_swi(AL, imm[_i & 1]));
	ck_assert_int_eq(r, ARMPV_EXIT_HYPERCALL);
	ck_assert_uint_eq(t.vcpu.run.hypercall.nr, imm[_i & 1]);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */
/* CP15 through the Undefined trap (the basics; check_cp15 has the rest). */

/* mrc p15, 0, r3, c0, c0, 0: the main ID register (ARM926EJ-S: 0x41069265
 * = ARM, ARMv5TEJ, part 926; ARM1176JZF-S: 0x410fb76x = ARM, CPUID
 * scheme, part b76; variant and revision not compared). */
START_TEST(test_cp15_midr)
{
	setup_vcpu(_i, PSR_I | SVC);
	ck_assert_int_eq(trap(insn_cp15(true, 3, 0, 0, 0)), ARMPV_EXIT_RESUME);
	ck_assert_uint_eq(t.vcpu.r[3] & 0xff0ffff0u,
			  t.v6 ? 0x410fb760u : 0x41069260u);
	WR(SVC, 3) = t.vcpu.r[3];
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* mcr p15, 0, r1, c3, c0, 0: DACR written, translation event raised. */
START_TEST(test_cp15_dacr)
{
	setup_vcpu(_i, PSR_I | SVC);
	WR(SVC, 1) = 0x55555555u;
	ck_assert_int_eq(trap(insn_cp15(false, 1, 3, 0, 0)), ARMPV_EXIT_RESUME);
	t.want.dacr = 0x55555555u;
	t.want.pc = TRAP_PC + 4;
	expect_state();
	ck_assert(t.vcpu.cp15.events & ARMPV_CP15_EV_TRANSLATION);
}
END_TEST

/* mcrne p15 with Z set: condition fails, nothing happens. */
START_TEST(test_cp15_cond_fail)
{
	setup_vcpu(_i, PSR_Z | PSR_I | SVC);
	WR(SVC, 1) = 0x55555555u;
	ck_assert_int_eq(trap((insn_cp15(false, 1, 3, 0, 0) & 0x0fffffffu) |
			      (uint32_t)NE << 28),
			 ARMPV_EXIT_RESUME);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* mcr p15, 0, r0, c7, c0, 4: wait for interrupt. */
START_TEST(test_cp15_wfi)
{
	setup_vcpu(_i, PSR_I | SVC);
	ck_assert_int_eq(trap(insn_cp15(false, 0, 7, 0, 4)), ARMPV_EXIT_HALT);
	t.want.pc = TRAP_PC + 4;
	expect_state();
}
END_TEST

/* ---------------------------------------------------------------------- */

static TCase *new_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return tc;
}

static Suite *emulate_suite(void)
{
	Suite *s = suite_create("emulate");
	TCase *tc;

	tc = new_tcase(s, "condition");
	tcase_add_loop_test(tc, test_cond_pass, 0, 2 * 15);
	tcase_add_loop_test(tc, test_cond_fail, 0, 2 * 14);
	tcase_add_loop_test(tc, test_cond_fail_forms, 0,
			    2 * N(cond_fail_forms));

	tc = new_tcase(s, "mrs_msr");
	tcase_add_loop_test(tc, test_mrs_cpsr, 0, 2 * 6);
	tcase_add_loop_test(tc, test_mrs_spsr, 0, 2 * 5);
	tcase_add_loop_test(tc, test_msr_cpsr_fields, 0, 4 * 6);
	tcase_add_loop_test(tc, test_msr_spsr_fields, 0, 4);
	tcase_add_loop_test(tc, test_msr_spsr_each_mode, 0, 2 * 5);
	tcase_add_loop_test(tc, test_msr_mode_switch, 0, 2 * 7);
	tcase_add_loop_test(tc, test_msr_from_fiq, 0, 2);
	tcase_add_loop_test(tc, test_msr_from_sys, 0, 4);
	tcase_add_loop_test(tc, test_msr_flags_and_control, 0, 2);
	tcase_add_test(tc, test_msr_v6_x);
	tcase_add_test(tc, test_msr_v6_s);
	tcase_add_loop_test(tc, test_msr_state_bits_ignored, 0, 2);
	tcase_add_loop_test(tc, test_spsr_in_sys, 0, 2);
	tcase_add_loop_test(tc, test_msr_invalid_mode, 0, 2);
	tcase_add_loop_test(tc, test_mrs_rd_pc, 0, 2);
	tcase_add_loop_test(tc, test_exc_return_in_sys, 0, 2);

	tc = new_tcase(s, "interrupts");
	tcase_add_loop_test(tc, test_irq_after_msr, 0, 2);
	tcase_add_loop_test(tc, test_irq_still_masked, 0, 2);
	tcase_add_loop_test(tc, test_fiq_after_msr, 0, 2);
	tcase_add_test(tc, test_irq_after_cpsie);
	tcase_add_loop_test(tc, test_irq_after_movs, 0, 2);

	tc = new_tcase(s, "cps");
	tcase_add_loop_test(tc, test_cps_id, 0, 3);
	tcase_add_loop_test(tc, test_cps_ie, 0, 3);
	tcase_add_test(tc, test_cps_id_mode);
	tcase_add_test(tc, test_cps_ie_mode);
	tcase_add_test(tc, test_cps_mode_only);
	tcase_add_test(tc, test_cps_imod01);
	tcase_add_test(tc, test_cps_mode_without_mmod);

	tc = new_tcase(s, "srs_rfe");
	tcase_add_loop_test(tc, test_srs, 0, 8);
	tcase_add_test(tc, test_srs_own_mode);
	tcase_add_test(tc, test_srs_to_sys);
	tcase_add_loop_test(tc, test_rfe, 0, 8);
	tcase_add_test(tc, test_rfe_to_irq);
	tcase_add_test(tc, test_srs_invalid_mode);

	tc = new_tcase(s, "ldm_stm_user");
	tcase_add_loop_test(tc, test_stm_user, 0, 2 * 4);
	tcase_add_loop_test(tc, test_stm_user_fiq, 0, 2);
	tcase_add_loop_test(tc, test_stm_user_fiq_base, 0, 2);
	tcase_add_loop_test(tc, test_stm_user_pc, 0, 2);
	tcase_add_loop_test(tc, test_ldm_user, 0, 2 * 4);
	tcase_add_loop_test(tc, test_ldm_user_fiq, 0, 2);
	tcase_add_loop_test(tc, test_ldm_ret, 0, 2 * 8);
	tcase_add_loop_test(tc, test_ldm_ret_fiq_to_svc, 0, 2);
	tcase_add_loop_test(tc, test_ldm_ret_to_irq, 0, 2);
	tcase_add_loop_test(tc, test_ldm_ret_thumb, 0, 2);
	tcase_add_loop_test(tc, test_ldm_ret_rn_in_list, 0, 2);
	tcase_add_loop_test(tc, test_ldm_stm_undef, 0,
			    2 * N(ldmstm_undef_cases));
	tcase_add_loop_test(tc, test_stm_user_unaligned, 0, 2);
	tcase_add_loop_test(tc, test_ldm_ret_alignment_fault, 0, 2);

	tc = new_tcase(s, "ldrt");
	tcase_add_loop_test(tc, test_ldrt_imm, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_imm_down, 0, 2);
	tcase_add_loop_test(tc, test_ldrbt_imm, 0, 2);
	tcase_add_loop_test(tc, test_strt_imm, 0, 2);
	tcase_add_loop_test(tc, test_strbt_imm, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_reg, 0, 2 * N(ldrt_reg_cases));
	tcase_add_loop_test(tc, test_ldrbt_reg, 0, 2);
	tcase_add_loop_test(tc, test_strt_reg, 0, 2);
	tcase_add_loop_test(tc, test_strbt_reg, 0, 2);
	tcase_add_loop_test(tc, test_strt_fiq_regs, 0, 2);
	tcase_add_loop_test(tc, test_strt_pc, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_unaligned_rotate, 0, 2);
	tcase_add_test(tc, test_ldrt_unaligned_v6);
	tcase_add_loop_test(tc, test_ldrt_alignment_fault, 0, 2);
	tcase_add_test(tc, test_ldrt_big_endian_v6);
	tcase_add_loop_test(tc, test_ldrt_rd_is_rn, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_rn_pc, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_rd_pc, 0, 2);

	tc = new_tcase(s, "ldrt_mmu");
	tcase_add_loop_test(tc, test_ldrt_perm_fault, 0, 4);
	tcase_add_loop_test(tc, test_ldrbt_perm_fault, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_user_ok, 0, 4);
	tcase_add_loop_test(tc, test_strt_perm_fault, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_user_ro_ok, 0, 2);
	tcase_add_loop_test(tc, test_strbt_user_ok, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_manager_domain, 0, 2);
	tcase_add_loop_test(tc, test_ldrt_translation_fault, 0, 2);
	tcase_add_loop_test(tc, test_ldm_stm_user_privileged_access, 0, 2);
	tcase_add_loop_test(tc, test_ldm_ret_abort, 0, 4);
	tcase_add_loop_test(tc, test_stm_user_abort, 0, 4);
	tcase_add_test(tc, test_ldm_stm_user_big_endian_v6);

	tc = new_tcase(s, "dataproc");
	tcase_add_loop_test(tc, test_dp_imm, 0, 2 * 12);
	tcase_add_loop_test(tc, test_dp_shimm, 0, 2 * 12);
	tcase_add_loop_test(tc, test_dp_rn_pc, 0, 2);
	tcase_add_loop_test(tc, test_dp_rm_pc, 0, 2);
	tcase_add_loop_test(tc, test_dp_fiq_to_svc, 0, 2);
	tcase_add_loop_test(tc, test_dp_svc_to_fiq, 0, 2);

	tc = new_tcase(s, "exceptions");
	tcase_add_loop_test(tc, test_usr_swi_trap, 0, 4);
	tcase_add_loop_test(tc, test_usr_undef_trap, 0, 4);
	tcase_add_loop_test(tc, test_usr_swi_not_trap, 0, 2 * 3);
	tcase_add_loop_test(tc, test_usr_cp15, 0, 2);
	tcase_add_loop_test(tc, test_svc_swi_not_trap, 0, 2);
	tcase_add_loop_test(tc, test_svc_swi_not_trap_error, 0, 2);
	tcase_add_loop_test(tc, test_svc_undef_not_trap, 0, 2);
	tcase_add_test(tc, test_v5_cps_trap_word);
	tcase_add_loop_test(tc, test_hypercall, 0, 8);
	tcase_add_test(tc, test_prefetch_abort_v6);

	tc = new_tcase(s, "cp15");
	tcase_add_loop_test(tc, test_cp15_midr, 0, 2);
	tcase_add_loop_test(tc, test_cp15_dacr, 0, 2);
	tcase_add_loop_test(tc, test_cp15_cond_fail, 0, 2);
	tcase_add_loop_test(tc, test_cp15_wfi, 0, 2);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(emulate_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
