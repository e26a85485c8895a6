/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diff_unicorn.c -- differential test of the monitor core against Unicorn's
 * ARM926 and ARM1176 models (Unicorn 2.0.1, QEMU 5.0's CPU as a library).
 *
 * For every sensitive form of the model's architecture, many random
 * initial states: a random instruction word of the form, a random
 * privileged mode, random registers in every bank, random SPSRs, CPSR flags
 * and masks, random SCTLR.A/U/V and random RAM, with base registers mostly
 * pointing into RAM.  Unicorn executes the ORIGINAL instruction once; the
 * core emulates its TRAP WORD (armpv_encode) from the same state and a copy
 * of the same memory.  Then every register of every bank, CPSR, every SPSR,
 * PC and all of RAM must agree.  CP15 reads and writes Unicorn models are
 * compared the same way (the raw MRC/MCR word as an Undefined trap).
 * So are the guest's own loads and stores that the core emulates when they
 * abort natively (armpv_vcpu_emulate_access): random words of each class
 * (access_classes[]: LDR/STR, LDRH and kin with LDRD/STRD, LDM/STM, SWP,
 * LDREX), from any mode, the ORIGINAL word given to the core.
 *
 * Then the forms that access memory (LDRT and kin, LDM/STM ^, RFE, SRS)
 * and the access classes again, with the MMU on ("mmu." tasks): random
 * first- and second-level tables in the model's RAM (sections, ARMv6
 * supersections, coarse and fine tables, large, small, tiny and ARMv6
 * extended small pages, the ARMv5 and both ARMv6 formats with subpage
 * AP or APX/XN/nG), random SCTLR.S/R/XP, DACR, FCSE PID and ARMv6 TTBCR,
 * base registers in mapped, unmapped, read-only and domain-faulting
 * pages and often just below a page boundary.  On a data abort the
 * core's DFSR and FAR must match QEMU's fault status and address.
 *
 * What cannot be compared is never skipped silently:
 *  - UNPREDICTABLE cases (ARM ARM) are still run and compared, but a
 *    disagreement is counted and reported, not a failure;
 *  - model deviations (deviations[] below: Unicorn is wrong by the ARM
 *    ARM) compare what they can, check what they can against the
 *    architecture directly, and count what they exclude.
 *
 * Unicorn specifics (see docs/monitor-core.md and diff-unicorn.sh):
 *  - Banked registers: Unicorn 2.0.1 has no API for inactive banks.  We
 *    write them by switching CPSR.M (QEMU's cpsr_write switches banks), and
 *    read them from a saved CPU context at offsets found at start-up by
 *    planting distinct values (each must be found exactly once), then
 *    check a round trip in every mode.  From USR mode QEMU ignores CPSR.M
 *    writes, so each state starts from a restored privileged context.
 *  - One instruction: uc_emu_start(pc, pc + 4); RAM other than the 1 KiB
 *    code page is mapped non-executable and a code hook stops at any
 *    other address of the code page, so a branch stops before its target
 *    executes (UC_ERR_FETCH_PROT/FETCH_UNMAPPED at the new PC mean the
 *    instruction completed).  (count = 1 costs 200 us a call.)
 *  - Exceptions are not delivered by Unicorn: an interrupt hook records
 *    the exception number and the state stays at the instruction.  We then
 *    check that the core entered that exception exactly as the ARM ARM
 *    says (A2.6), from the initial state.  An access outside RAM stops
 *    Unicorn with UC_ERR_*_UNMAPPED; the core must take an external abort
 *    there (no device: armpv_core.h), with FAR the same address.
 *
 * Usage: diff_unicorn arm926|arm1176|all [STATES [SEED]]
 * Environment: ARMPV_DIFF_STATES, ARMPV_DIFF_SEED (argv wins),
 * ARMPV_DIFF_MMU_STATES (states per "mmu." task, default STATES; 0 runs
 * none),
 * ARMPV_DIFF_THREADS (default: online CPUs), ARMPV_DIFF_FORM (only forms
 * whose name contains it), ARMPV_DIFF_VERBOSE (details of this many
 * mismatches per form, default 3), ARMPV_DIFF_SHOW_UNPRED (details of
 * this many disagreements in UNPREDICTABLE cases per form, default 0).
 * Exit: 0 pass, 1 mismatch, 99 hard error (Unicorn misbehaving).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <unicorn/unicorn.h>

#include "armpv_core.h"
#include "armpv_tables.h"
#include "mem.h"

#define DIFF_DEFAULT_STATES 100000u
#define DIFF_DEFAULT_SEED 0x61726d7076ull /* "armpv" */
#define DIFF_EXIT_HARD 99

/* Guest physical memory, the same in Unicorn and in the core: one RAM
 * region; the first 1 KiB (Unicorn's page size for ARM) holds the
 * instruction and is the only executable page. */
#define RAM_SIZE 0x4000u
#define CODE_SIZE 0x400u
#define DATA_LO 0x800u /* base registers point into [DATA_LO, DATA_HI) */
#define DATA_HI 0x3c00u

/* States with the MMU on (mmu_random() below): the guest's translation
 * tables live in the model's RAM, which is region 0 (64 KiB: the code
 * page, data, the first-level tables at 0x4000 (TTBR0) and 0x8000 (TTBR1),
 * the second-level tables at 0xc000) and three 16 KiB regions at 1 MiB,
 * 2 MiB and 0xc0000000, one host buffer of MMU_RAM_SIZE in that order.
 *
 * Unicorn 2.0.1 decides whether an access is to unmapped memory from its
 * VIRTUAL address (load_helper()/store_helper() in accel/tcg/cputlb.c call
 * memory_mapping(uc, vaddr) before translating), so every virtual address
 * a test accesses is also a physical one: the windows [mmu_win[k],
 * mmu_win[k] + MMU_WIN_SIZE), data at offsets MMU_DATA_OFF and up (below
 * it, the code page's physical copy).  Cases whose access leaves them
 * are not run (counted as tried, not compared). */
#define MMU_NWIN 4
#define MMU_WIN_SIZE 0x4000u
#define MMU_REGION0_SIZE 0x10000u
#define MMU_RAM_SIZE (MMU_REGION0_SIZE + (MMU_NWIN - 1) * MMU_WIN_SIZE)
#define MMU_DATA_OFF 0x800u
#define MMU_L1_TTBR0 0x4000u
#define MMU_L1_TTBR1 0x8000u
#define MMU_L2_BASE 0xc000u /* window k's second-level table: + 0x1000 k */
static const uint32_t mmu_win[MMU_NWIN] = { 0x00000000u, 0x00100000u,
					    0x00200000u, 0xc0000000u };

/* ---------------------------------------------------------------------
 * Random numbers: splitmix64, one stream per task.
 */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *g)
{
	uint64_t z = (g->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t rng32(struct rng *g)
{
	return (uint32_t)(rng_next(g) >> 32);
}

/* Uniform in [0, n). */
static uint32_t rng_below(struct rng *g, uint32_t n)
{
	return (uint32_t)(((rng_next(g) >> 32) * n) >> 32);
}

/* True with probability pct/100. */
static bool rng_pct(struct rng *g, unsigned pct)
{
	return rng_below(g, 100) < pct;
}

/* ---------------------------------------------------------------------
 * The architectural state compared: 37 slots.
 */
enum slot {
	S_R0 = 0,		/* r0-r7: shared by all modes */
	S_USR_R8 = 8,		/* r8-r14 of USR/SYS (r8-r12 also IRQ..UND) */
	S_FIQ_R8 = 15,		/* r8-r14 of FIQ */
	S_IRQ_R13 = 22,		/* r13, r14 of IRQ SVC ABT UND */
	S_SVC_R13 = 24,
	S_ABT_R13 = 26,
	S_UND_R13 = 28,
	S_SPSR_FIQ = 30,	/* SPSR of FIQ IRQ SVC ABT UND */
	S_SPSR_IRQ,
	S_SPSR_SVC,
	S_SPSR_ABT,
	S_SPSR_UND,
	S_CPSR,
	S_PC,
	NSLOTS
};

struct state {
	uint32_t v[NSLOTS];
};

/* A case's initial state: registers, the instruction word, SCTLR, and
 * the MMU registers of a state with the MMU on (SCTLR.M set). */
struct mmu_regs {
	bool on;
	uint32_t ttbr0, ttbr1, ttbcr, dacr, fcse;
};

struct setup {
	struct state s;
	uint32_t word, sctlr;
	struct mmu_regs mmu;
};

static const uint32_t priv_modes[] = {
	ARMPV_MODE_SVC, ARMPV_MODE_ABT, ARMPV_MODE_UND,
	ARMPV_MODE_IRQ, ARMPV_MODE_FIQ, ARMPV_MODE_SYS,
};

static const uint32_t valid_modes[] = {
	ARMPV_MODE_USR, ARMPV_MODE_FIQ, ARMPV_MODE_IRQ, ARMPV_MODE_SVC,
	ARMPV_MODE_ABT, ARMPV_MODE_UND, ARMPV_MODE_SYS,
};

static bool mode_valid(uint32_t m)
{
	for (size_t i = 0; i < sizeof(valid_modes) / sizeof(valid_modes[0]);
	     i++)
		if (valid_modes[i] == m)
			return true;
	return false;
}

static bool mode_has_spsr(uint32_t m)
{
	return mode_valid(m) && m != ARMPV_MODE_USR && m != ARMPV_MODE_SYS;
}

/* The slot register n (0-15) of mode m lives in. */
static int slot_of(uint32_t m, unsigned n)
{
	if (n < 8)
		return S_R0 + (int)n;
	if (n == 15)
		return S_PC;
	if (m == ARMPV_MODE_FIQ)
		return S_FIQ_R8 + (int)n - 8;
	if (n < 13)
		return S_USR_R8 + (int)n - 8;
	switch (m) {
	case ARMPV_MODE_IRQ:
		return S_IRQ_R13 + (int)n - 13;
	case ARMPV_MODE_SVC:
		return S_SVC_R13 + (int)n - 13;
	case ARMPV_MODE_ABT:
		return S_ABT_R13 + (int)n - 13;
	case ARMPV_MODE_UND:
		return S_UND_R13 + (int)n - 13;
	default:
		return S_USR_R8 + (int)n - 8;
	}
}

static int spsr_slot(uint32_t m)
{
	switch (m) {
	case ARMPV_MODE_FIQ:
		return S_SPSR_FIQ;
	case ARMPV_MODE_IRQ:
		return S_SPSR_IRQ;
	case ARMPV_MODE_SVC:
		return S_SPSR_SVC;
	case ARMPV_MODE_ABT:
		return S_SPSR_ABT;
	case ARMPV_MODE_UND:
		return S_SPSR_UND;
	default:
		return -1;
	}
}

/* Which mode to use to reach a slot, and as which register (16 = SPSR). */
static void slot_reg(int s, uint32_t *mode, unsigned *n)
{
	static const uint32_t bank_mode[] = { ARMPV_MODE_IRQ, ARMPV_MODE_SVC,
					      ARMPV_MODE_ABT, ARMPV_MODE_UND };

	if (s < S_USR_R8) {
		*mode = ARMPV_MODE_SYS;
		*n = (unsigned)s;
	} else if (s < S_FIQ_R8) {
		*mode = ARMPV_MODE_SYS;
		*n = (unsigned)(s - S_USR_R8 + 8);
	} else if (s < S_IRQ_R13) {
		*mode = ARMPV_MODE_FIQ;
		*n = (unsigned)(s - S_FIQ_R8 + 8);
	} else if (s < S_SPSR_FIQ) {
		*mode = bank_mode[(s - S_IRQ_R13) / 2];
		*n = 13 + (unsigned)(s - S_IRQ_R13) % 2;
	} else if (s < S_CPSR) {
		static const uint32_t m[] = { ARMPV_MODE_FIQ, ARMPV_MODE_IRQ,
					      ARMPV_MODE_SVC, ARMPV_MODE_ABT,
					      ARMPV_MODE_UND };
		*mode = m[s - S_SPSR_FIQ];
		*n = 16;
	} else {
		*mode = 0;
		*n = s == S_CPSR ? 17 : 15;
	}
}

/* Is the slot one of the registers the current mode m sees directly? */
static bool slot_visible(int s, uint32_t m)
{
	if (s < S_USR_R8 || s == S_CPSR || s == S_PC)
		return true;
	if (s >= S_SPSR_FIQ)
		return s == spsr_slot(m);
	for (unsigned n = 8; n < 15; n++)
		if (slot_of(m, n) == s)
			return true;
	return false;
}

static const char *slot_name(int s)
{
	static char names[NSLOTS][12];

	/* Filled on the first call, made from main() before any thread. */
	if (!names[0][0]) {
		for (int i = 0; i < NSLOTS; i++) {
			uint32_t m;
			unsigned n;

			slot_reg(i, &m, &n);
			if (i < S_USR_R8)
				snprintf(names[i], sizeof(names[i]), "r%u", n);
			else if (n < 15)
				snprintf(names[i], sizeof(names[i]), "r%u_%s",
					 n, m == ARMPV_MODE_SYS ?
						     "usr" : armpv_mode_name(m));
			else if (n == 16)
				snprintf(names[i], sizeof(names[i]), "spsr_%s",
					 armpv_mode_name(m));
			else
				snprintf(names[i], sizeof(names[i]), "%s",
					 n == 17 ? "cpsr" : "pc");
		}
	}
	return names[s];
}

/* ---------------------------------------------------------------------
 * Models.
 */
struct model {
	const char *name;
	int uc_cpu;
	enum armpv_cpu_model core;
	unsigned arch;
	uint32_t psr_valid;			/* allocated PSR bits */
	uint32_t unalloc, user, priv, state;	/* ARM ARM A4.1.39 masks */
};

static const struct model models[] = {
	/* ARMv5TEJ and ARMv6 masks of the MSR pseudocode (ARM ARM
	 * A4.1.39, "MSR": UnallocMask, UserMask, PrivMask, StateMask). */
	{ "arm926", UC_CPU_ARM_926, ARMPV_CPU_ARM926EJS, ARMPV_ARCH_ARMV5TE,
	  0xf90000ffu, 0x06ffff00u, 0xf8000000u, 0x000000dfu, 0x01000020u },
	{ "arm1176", UC_CPU_ARM_1176, ARMPV_CPU_ARM1176JZFS, ARMPV_ARCH_ARMV6,
	  0xf90f03ffu, 0x06f0fc00u, 0xf80f0200u, 0x000001dfu, 0x01000020u },
};
#define NMODELS (sizeof(models) / sizeof(models[0]))

/* ---------------------------------------------------------------------
 * Deliberate differences: Unicorn is wrong by the ARM ARM.  Each says
 * what is not compared; every case is counted and reported.
 */
enum deviation {
	DEV_DP_EXCRET,	 /* data processing S pc other than SUBS/MOVS */
	DEV_ALIGN_CHECK, /* SCTLR.A alignment faults not generated */
	DEV_LEGACY_UNALIGNED, /* ARMv5/U=0 unaligned LDR/STR model */
	DEV_SCTLR_RESET, /* QEMU's ARM926 SCTLR reset value */
	DEV_SWP_ALIGN,	 /* QEMU faults an unaligned SWP */
	DEV_FCSE_FAR,	 /* MMU on: QEMU's FAR is the VA, not the MVA */
	DEV_L2_DOMAIN,	 /* MMU on: QEMU checks the domain before L2 */
	DEV_V6_FINE,	 /* MMU on: QEMU walks ARMv6 XP=0 fine tables */
	NDEVS
};

static const struct {
	const char *name, *why;
} deviations[NDEVS] = {
	[DEV_DP_EXCRET] = {
		"dp-s-pc",
		"ANDS/EORS/RSBS/ADDS/ADCS/SBCS/RSCS/ORRS/BICS/MVNS pc: QEMU "
		"branches and sets flags; ARM ARM A4.1 (each data-processing "
		"instruction: 'if S == 1 and Rd == R15 then CPSR = SPSR', "
		"A5.1 'exception return') copies SPSR to CPSR as SUBS/MOVS "
		"pc do.  CPSR and the PC's low bits are not compared; the "
		"rest is",
	},
	[DEV_ALIGN_CHECK] = {
		"sctlr-a",
		"QEMU 5.0 ignores SCTLR.A, and ARMv6's SCTLR.U for "
		"LDM/STM/RFE/SRS: ARM ARM A2.8, 'Alignment' (a fault for "
		"an unaligned word access when A = 1; for a multi-word "
		"access also when U = 1).  The core's alignment abort "
		"(FSR, FAR, exception entry) is checked against the ARM ARM "
		"instead of Unicorn",
	},
	[DEV_LEGACY_UNALIGNED] = {
		"legacy-unaligned",
		"QEMU does a plain unaligned access for word LDRT/STRT and "
		"LDM/STM/RFE/SRS at an unaligned address whatever SCTLR.U; "
		"ARMv5, and ARMv6 with U = 0, use the legacy model (ARM ARM "
		"A2.8; A4.1.23 LDR: 'Memory[address,4] Rotate_Right (8 * "
		"address[1:0])'; STR, LDM, STM ignore address[1:0]).  LDRT's "
		"Rd is checked against the ARM ARM instead; the stored "
		"memory, and the registers LDM/RFE load, are not compared.  "
		"With the MMU on, where Unicorn's unaligned word faults in "
		"the next page, which the aligned access never touches, the "
		"core must complete (the base writeback not compared)",
	},
	[DEV_SCTLR_RESET] = {
		"arm926-sctlr",
		"QEMU resets the ARM926's SCTLR to 0x00090078; the "
		"ARM926EJ-S TRM (DDI 0198E, 2.3.2 'Control register') has "
		"bit 18 should-be-one and bit 19 should-be-zero: 0x00050078.  "
		"An MRC of SCTLR on arm926 compares all bits but 19:18",
	},
	[DEV_SWP_ALIGN] = {
		"swp-align",
		"QEMU gives an alignment fault for a SWP at an unaligned "
		"address whatever SCTLR.A/U; ARMv5, and ARMv6 with U = 0, "
		"rotate the loaded word and store at address[31:2] (ARM ARM "
		"A4.1.108).  Checked against the ARM ARM instead: no "
		"exception, PC + 4, Rd the rotated word; memory not compared",
	},
	[DEV_FCSE_FAR] = {
		"fcse-far",
		"with the MMU on and a nonzero FCSE PID, QEMU records the "
		"virtual address of a faulting access below 32 MiB in the "
		"FAR (get_phys_addr() relocates a copy); the FAR holds the "
		"modified virtual address (ARM ARM B8, 'Fast Context Switch "
		"Extension'; the ARM926EJ-S and ARM1176JZF-S TRMs, c6 Fault "
		"Address Register).  The core's FAR is compared with "
		"Unicorn's relocated by the PID",
	},
	[DEV_L2_DOMAIN] = {
		"l2-domain-order",
		"QEMU checks the domain of a coarse or fine table's "
		"first-level descriptor before it reads the second-level "
		"one, giving a page domain fault (0xb) where that descriptor "
		"is a fault; the ARM ARM (B4.6, Figure 'Sequence for "
		"checking faults') and the ARM926EJ-S TRM (Figure 3-13) give "
		"the page translation fault (0x7, the table's domain).  "
		"Checked against the ARM ARM instead; the rest compared",
	},
	[DEV_V6_FINE] = {
		"v6-fine-table",
		"on ARMv6 with SCTLR.XP = 0 QEMU walks a first-level "
		"descriptor of type 0b11 as an ARMv5 fine table; ARMv6 has "
		"none (ARM1176JZF-S TRM 6.11, Figure 6-6: the type is "
		"invalid, a section translation fault).  The core's abort "
		"(DFSR 0x5, FAR the MVA, exception entry, memory untouched) "
		"is checked against the ARM ARM instead of Unicorn",
	},
};

/* ---------------------------------------------------------------------
 * The guest's own loads and stores (armpv_vcpu_emulate_access): the
 * instruction word itself, not a trap word, in classes of random words.
 */
enum access_kind {
	AK_SINGLE, /* LDR/STR/LDRB/STRB (A5.2) */
	AK_EXTRA,  /* LDRH/STRH/LDRSB/LDRSH/LDRD/STRD (A5.3) */
	AK_BLOCK,  /* LDM/STM without ^ (A5.4) */
	AK_SWAP,   /* SWP/SWPB (A4.1.108-109) */
	AK_LDREX,  /* LDREX{,D,B,H} (A4.1.29, ARMv6K) */
};

struct access_class {
	const char *name;
	enum access_kind kind;
	unsigned archs;
	uint32_t mask, value; /* the bits of 27:0 the class fixes */
};

static const struct access_class access_classes[] = {
	/* cond 010P UBWL Rn Rd imm12 */
	{ "ldr.imm", AK_SINGLE, ARMPV_ARCH_ALL, 0x0e000000u, 0x04000000u },
	/* cond 011P UBWL Rn Rd shift_imm shift 0 Rm */
	{ "ldr.reg", AK_SINGLE, ARMPV_ARCH_ALL, 0x0e000010u, 0x06000000u },
	/* cond 000P U1WL Rn Rd immH 1SH1 immL */
	{ "ldrh.imm", AK_EXTRA, ARMPV_ARCH_ALL, 0x0e400090u, 0x00400090u },
	/* cond 000P U0WL Rn Rd 0000 1SH1 Rm */
	{ "ldrh.reg", AK_EXTRA, ARMPV_ARCH_ALL, 0x0e400f90u, 0x00000090u },
	/* cond 100P U0WL Rn register_list */
	{ "ldm", AK_BLOCK, ARMPV_ARCH_ALL, 0x0e400000u, 0x08000000u },
	/* cond 0001 0B00 Rn Rd 0000 1001 Rm */
	{ "swp", AK_SWAP, ARMPV_ARCH_ALL, 0x0fb00ff0u, 0x01000090u },
	/* cond 0001 1sz1 Rn Rd 1111 1001 1111 (STREX is left out: without
	 * the LDREX before it, Unicorn's exclusive monitor fails it, while
	 * the core, which keeps none, succeeds; docs/monitor-core.md) */
	{ "ldrex", AK_LDREX, ARMPV_ARCH_ARMV6, 0x0f900fffu, 0x01900f9fu },
};
#define NACCESS (sizeof(access_classes) / sizeof(access_classes[0]))

/* ---------------------------------------------------------------------
 * Per-task results.
 */
#define DETAIL_MAX 16384

struct task {
	const struct model *model;
	const struct armpv_form *form; /* NULL: a CP15 or access task */
	const struct access_class *access; /* an access task's class */
	const char *cp15_name;	       /* a CP15 task's register or op */
	size_t cp15_index;	       /* its row of cp15_regs[] */
	bool mmu;		       /* states with the MMU on */
	uint64_t seed;
	uint32_t states;
	/* results */
	uint64_t tried, compared, cond_failed, excepted, unmapped;
	uint64_t unpred, unpred_differ;
	uint64_t dev[NDEVS];
	uint64_t failures;
	uint64_t mmu_aborts[16]; /* MMU on: the core's data aborts by
				  * DFSR[3:0] */
	bool hard;
	double seconds;
	char *detail;
	size_t detail_len;
	int verbose, verbose_unpred;
};

static void task_printf(struct task *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void task_printf(struct task *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!t->detail)
		t->detail = calloc(1, DETAIL_MAX);
	if (!t->detail || t->detail_len >= DETAIL_MAX - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->detail + t->detail_len, DETAIL_MAX - t->detail_len,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		t->detail_len += (size_t)n;
	if (t->detail_len >= DETAIL_MAX)
		t->detail_len = DETAIL_MAX - 1;
}

/* ---------------------------------------------------------------------
 * The Unicorn side.
 */
struct uc_side {
	uc_engine *uc;
	uc_context *base;	/* a privileged state to restart from */
	uc_context *ctx;	/* scratch: read inactive banks */
	size_t ctx_size;
	size_t off[NSLOTS];	/* offset of an inactive slot in ctx */
	uint8_t *ram;
	uint32_t start;		/* the instruction's address */
	unsigned code_hits;
	int intno;		/* exception Unicorn raised, or -1 */
	bool unmapped;
	uint32_t unmapped_addr;
	bool unmapped_write;
	/* MMU tasks: where the context keeps QEMU's env->exception.fsr and
	 * .vaddress (found by uc_probe_fault()). */
	size_t off_fsr, off_far;
};

static void uc_on_code(uc_engine *uc, uint64_t addr, uint32_t size,
		       void *opaque)
{
	struct uc_side *u = opaque;

	(void)size;
	/* A branch into the code page: stop before its target executes. */
	if (u->code_hits++ > 0 || addr != u->start)
		uc_emu_stop(uc);
}

static void uc_on_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct uc_side *u = opaque;

	if (u->intno < 0)
		u->intno = (int)intno;
	uc_emu_stop(uc);
}

static bool uc_on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr,
			   int size, int64_t value, void *opaque)
{
	struct uc_side *u = opaque;

	(void)uc;
	(void)size;
	(void)value;
	if (type != UC_MEM_FETCH_UNMAPPED && !u->unmapped) {
		u->unmapped = true;
		u->unmapped_addr = (uint32_t)addr;
		u->unmapped_write = type == UC_MEM_WRITE_UNMAPPED;
	}
	return false;
}

static void ucw(struct uc_side *u, int reg, uint32_t v)
{
	uc_reg_write(u->uc, reg, &v);
}

static uint32_t ucr(struct uc_side *u, int reg)
{
	uint32_t v = 0;

	uc_reg_read(u->uc, reg, &v);
	return v;
}

static int uc_gpr(unsigned n)
{
	if (n < 13)
		return UC_ARM_REG_R0 + (int)n;
	return n == 13 ? UC_ARM_REG_R13 : n == 14 ? UC_ARM_REG_R14
						   : UC_ARM_REG_R15;
}

static void uc_set_sctlr(struct uc_side *u, uint32_t v)
{
	uc_arm_cp_reg c = { .cp = 15, .crn = 1, .val = v };

	uc_reg_write(u->uc, UC_ARM_REG_CP_REG, &c);
}

static uint32_t uc_get_cp15(struct uc_side *u, unsigned crn, unsigned opc1,
			    unsigned crm, unsigned opc2)
{
	uc_arm_cp_reg c = { .cp = 15, .crn = crn, .opc1 = opc1, .crm = crm,
			    .opc2 = opc2 };

	uc_reg_read(u->uc, UC_ARM_REG_CP_REG, &c);
	return (uint32_t)c.val;
}

/* Write a state: each bank by switching CPSR.M (from a privileged mode),
 * then r0-r7 and the CPSR. */
static void uc_put_state(struct uc_side *u, const struct state *s)
{
	static const uint32_t order[] = { ARMPV_MODE_SYS, ARMPV_MODE_FIQ,
					  ARMPV_MODE_IRQ, ARMPV_MODE_SVC,
					  ARMPV_MODE_ABT, ARMPV_MODE_UND };

	uc_context_restore(u->uc, u->base);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		uint32_t m = order[i];
		unsigned lo = m == ARMPV_MODE_SYS || m == ARMPV_MODE_FIQ ? 8
									  : 13;

		ucw(u, UC_ARM_REG_CPSR, m | ARMPV_PSR_I | ARMPV_PSR_F);
		for (unsigned n = lo; n < 15; n++)
			ucw(u, uc_gpr(n), s->v[slot_of(m, n)]);
		if (mode_has_spsr(m))
			ucw(u, UC_ARM_REG_SPSR, s->v[spsr_slot(m)]);
	}
	for (unsigned n = 0; n < 8; n++)
		ucw(u, uc_gpr(n), s->v[n]);
	ucw(u, UC_ARM_REG_CPSR, s->v[S_CPSR]);
}

static uint32_t ctx_word(const struct uc_side *u, size_t off)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)u->ctx + off, 4);
	return v;
}

static void uc_get_state(struct uc_side *u, struct state *s)
{
	uint32_t cpsr = ucr(u, UC_ARM_REG_CPSR);
	uint32_t m = cpsr & ARMPV_PSR_M_MASK;

	uc_context_save(u->uc, u->ctx);
	for (int i = 0; i < NSLOTS; i++) {
		uint32_t sm;
		unsigned n;

		slot_reg(i, &sm, &n);
		if (i == S_CPSR)
			s->v[i] = cpsr;
		else if (i == S_PC)
			s->v[i] = ucr(u, UC_ARM_REG_PC);
		else if (!slot_visible(i, m))
			s->v[i] = ctx_word(u, u->off[i]);
		else if (n == 16)
			s->v[i] = ucr(u, UC_ARM_REG_SPSR);
		else
			s->v[i] = ucr(u, uc_gpr(n));
	}
}

/* Find where Unicorn's context keeps each slot of an inactive bank: plant
 * distinct values, end in mode 'm', look for each value once. */
static bool uc_probe(struct uc_side *u, uint32_t m, uint32_t tag,
		     bool found[NSLOTS])
{
	struct state s;

	for (int i = 0; i < NSLOTS; i++)
		s.v[i] = 0x5a000000u | tag << 12 | (uint32_t)i << 4 | 0x9;
	s.v[S_CPSR] = m | ARMPV_PSR_I | ARMPV_PSR_F;
	uc_put_state(u, &s);
	uc_context_save(u->uc, u->ctx);
	for (int i = 0; i < NSLOTS; i++) {
		size_t hit = 0, nhits = 0;

		if (slot_visible(i, m) || found[i])
			continue;
		for (size_t off = 0; off + 4 <= u->ctx_size; off += 4)
			if (ctx_word(u, off) == s.v[i]) {
				hit = off;
				nhits++;
			}
		if (nhits != 1) {
			fprintf(stderr,
				"diff_unicorn: %s found %zu times in "
				"Unicorn's context (mode %s)\n",
				slot_name(i), nhits, armpv_mode_name(m));
			return false;
		}
		u->off[i] = hit;
		found[i] = true;
	}
	return true;
}

static int uc_side_open(struct uc_side *u, const struct model *md,
			uint8_t *ram, bool mmu)
{
	uc_hook h;
	bool found[NSLOTS] = { false };
	uc_err e;

	memset(u, 0, sizeof(*u));
	u->ram = ram;
	e = uc_open(UC_ARCH_ARM, UC_MODE_ARM, &u->uc);
	if (e == UC_ERR_OK)
		e = uc_ctl_set_cpu_model(u->uc, md->uc_cpu);
	if (e == UC_ERR_OK)
		e = uc_mem_map_ptr(u->uc, 0, CODE_SIZE, UC_PROT_ALL, ram);
	if (e == UC_ERR_OK)
		e = uc_mem_map_ptr(u->uc, CODE_SIZE,
				   (mmu ? MMU_REGION0_SIZE : RAM_SIZE) -
					   CODE_SIZE,
				   UC_PROT_READ | UC_PROT_WRITE,
				   ram + CODE_SIZE);
	for (unsigned k = 1; mmu && k < MMU_NWIN && e == UC_ERR_OK; k++)
		e = uc_mem_map_ptr(u->uc, mmu_win[k], MMU_WIN_SIZE,
				   UC_PROT_READ | UC_PROT_WRITE,
				   ram + MMU_REGION0_SIZE +
					   (k - 1) * MMU_WIN_SIZE);
	if (e == UC_ERR_OK)
		e = uc_hook_add(u->uc, &h, UC_HOOK_CODE, (void *)uc_on_code, u,
				0, CODE_SIZE - 1);
	if (e == UC_ERR_OK)
		e = uc_hook_add(u->uc, &h, UC_HOOK_INTR, (void *)uc_on_intr, u,
				1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(u->uc, &h, UC_HOOK_MEM_UNMAPPED,
				(void *)uc_on_unmapped, u, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_context_alloc(u->uc, &u->base);
	if (e == UC_ERR_OK)
		e = uc_context_alloc(u->uc, &u->ctx);
	if (e != UC_ERR_OK) {
		fprintf(stderr, "diff_unicorn: unicorn (%s): %s\n", md->name,
			uc_strerror(e));
		return -1;
	}
	/* ARM1176 has the Security Extensions: QEMU runs it Non-secure and
	 * then refuses CPSR.A/F changes unless SCR.AW/FW (B3.? of the
	 * ARM1176 TRM).  Run Secure, as the core's model (no TrustZone). */
	if (md->core == ARMPV_CPU_ARM1176JZFS) {
		uc_arm_cp_reg c = { .cp = 15, .crn = 1, .crm = 1, .val = 0 };

		uc_reg_write(u->uc, UC_ARM_REG_CP_REG, &c);
	}
	ucw(u, UC_ARM_REG_CPSR, ARMPV_MODE_SVC | ARMPV_PSR_I | ARMPV_PSR_F);
	u->ctx_size = uc_context_size(u->uc);
	uc_context_save(u->uc, u->base);
	if (!uc_probe(u, ARMPV_MODE_SVC, 1, found) ||
	    !uc_probe(u, ARMPV_MODE_FIQ, 2, found))
		return -1;
	for (int i = 0; i < NSLOTS; i++)
		if (i != S_CPSR && i != S_PC && i >= S_USR_R8 && !found[i]) {
			fprintf(stderr, "diff_unicorn: %s not found\n",
				slot_name(i));
			return -1;
		}
	return 0;
}

/* A CP15 register write through Unicorn's API.  The ARM1176 runs Secure
 * (uc_side_open), where QEMU's banked registers (SCTLR, TTBRs, TTBCR,
 * DACR, FCSEIDR) are the Secure copies, which .sec = 1 names; the
 * ARM926 has no Security Extensions and .sec makes no difference. */
static void uc_set_cp15(struct uc_side *u, unsigned crn, unsigned opc1,
			unsigned crm, unsigned opc2, uint32_t v)
{
	for (uint32_t sec = 0; sec < 2; sec++) {
		uc_arm_cp_reg c = { .cp = 15, .sec = sec, .crn = crn,
				    .opc1 = opc1, .crm = crm, .opc2 = opc2,
				    .val = v };

		uc_reg_write(u->uc, UC_ARM_REG_CP_REG, &c);
	}
}

/* The MMU state of a case, after uc_put_state() (which restores a
 * context with the MMU off).  First, while the MMU is off, the code
 * page's translated blocks are dropped by physical address (with it on,
 * uc_ctl_remove_cache() would translate pc outside the CPU loop).  Last,
 * TLBIALL: neither a context restore nor the raw register writes flush
 * QEMU's TLB, which still holds the previous case's translations. */
static void uc_set_mmu(struct uc_side *u, const struct setup *su, uint32_t pc)
{
	const struct mmu_regs *mm = &su->mmu;

	uc_ctl_remove_cache(u->uc, pc, pc + 4);
	uc_set_cp15(u, 2, 0, 0, 0, mm->ttbr0);
	uc_set_cp15(u, 2, 0, 0, 1, mm->ttbr1);
	uc_set_cp15(u, 2, 0, 0, 2, mm->ttbcr);
	uc_set_cp15(u, 3, 0, 0, 0, mm->dacr);
	uc_set_cp15(u, 13, 0, 0, 0, mm->fcse);
	uc_set_cp15(u, 1, 0, 0, 0, su->sctlr);
	uc_set_cp15(u, 8, 0, 7, 0, 0); /* TLBIALL */
}

/* QEMU's fault status and address of the data abort Unicorn stopped at:
 * Unicorn does not deliver exceptions, so DFSR and FAR are never
 * written; env->exception holds what arm_deliver_fault() would have put
 * there (short-descriptor FSR, WnR on ARMv6; the virtual address). */
static void uc_fault_info(struct uc_side *u, uint32_t *fsr, uint32_t *far)
{
	uc_context_save(u->uc, u->ctx);
	*fsr = ctx_word(u, u->off_fsr);
	*far = ctx_word(u, u->off_far);
}

static void uc_side_close(struct uc_side *u)
{
	if (u->base)
		uc_context_free(u->base);
	if (u->ctx)
		uc_context_free(u->ctx);
	if (u->uc)
		uc_close(u->uc);
}

/* ---------------------------------------------------------------------
 * The core side.
 */
struct core_side {
	struct armpv_vm vm;
	struct armpv_vcpu vcpu;
	uint8_t *ram;
};

static void core_put_state(struct core_side *c, const struct state *s,
			   uint32_t sctlr)
{
	struct armpv_vcpu *v = &c->vcpu;

	armpv_vcpu_init(v, &c->vm);
	v->cp15.sctlr = sctlr;
	armpv_vcpu_write_cpsr(v, s->v[S_CPSR]);
	for (int i = 0; i < S_CPSR; i++) {
		uint32_t m;
		unsigned n;

		slot_reg(i, &m, &n);
		if (n == 16)
			armpv_vcpu_set_spsr(v, (enum armpv_mode)m, s->v[i]);
		else
			armpv_vcpu_set_reg(v, (enum armpv_mode)m, n, s->v[i]);
	}
	v->r[15] = s->v[S_PC];
}

static void core_get_state(const struct core_side *c, struct state *s)
{
	const struct armpv_vcpu *v = &c->vcpu;

	for (int i = 0; i < S_CPSR; i++) {
		uint32_t m;
		unsigned n;

		slot_reg(i, &m, &n);
		s->v[i] = n == 16 ? armpv_vcpu_spsr(v, (enum armpv_mode)m)
				  : armpv_vcpu_reg(v, (enum armpv_mode)m, n);
	}
	s->v[S_CPSR] = v->cpsr;
	s->v[S_PC] = v->r[15];
}

/* ---------------------------------------------------------------------
 * Random initial states.
 */

/* A PSR value: mostly sensible (valid mode, ARM state), sometimes any
 * allocated bits. */
static uint32_t random_psr(struct rng *g, const struct model *md)
{
	uint32_t v = rng32(g) & md->psr_valid;

	if (rng_pct(g, 15))
		return v;
	v &= ~(ARMPV_PSR_M_MASK | ARMPV_PSR_T | ARMPV_PSR_J | ARMPV_PSR_E);
	v |= valid_modes[rng_below(g, 7)];
	if (rng_pct(g, 5))
		v |= ARMPV_PSR_T;
	return v;
}

static uint32_t random_value(struct rng *g)
{
	static const uint32_t special[] = { 0, 1, 0x7fffffffu, 0x80000000u,
					    0xffffffffu, 0xfffffffeu };

	switch (rng_below(g, 8)) {
	case 0:
		return special[rng_below(g, 6)];
	case 1:
		return rng_below(g, 256);
	default:
		return rng32(g);
	}
}

/* An address in the data area: aligned to 'align' with probability
 * pct_aligned, else any byte. */
static uint32_t random_data_addr(struct rng *g, uint32_t align,
				 unsigned pct_aligned)
{
	uint32_t a = DATA_LO + rng_below(g, DATA_HI - DATA_LO);

	if (rng_pct(g, pct_aligned))
		a &= ~(align - 1);
	return a;
}

static uint32_t random_word(struct rng *g, const struct armpv_form *f,
			    unsigned arch)
{
	for (;;) {
		uint32_t w = (rng32(g) & ~f->insn_mask) | f->insn_value;

		/* Half AL, half any other condition (1111 is not one). */
		if (f->conditional)
			w = (w & 0x0fffffffu) |
			    (rng_pct(g, 50) ? 0xeu : rng_below(g, 14)) << 28;
		/* Most random CPS and SRS words are UNPREDICTABLE (A4.1.16,
		 * A4.1.90): make most of them defined. */
		if (f->insn == ARMPV_INSN_CPS && rng_pct(g, 85)) {
			static const uint32_t imods[] = { 0, 2, 3 };
			uint32_t imod = imods[rng_below(g, 3)];
			bool mm = imod == 0 || rng_pct(g, 50);

			w = 0xf1000000u | imod << 18 | (uint32_t)mm << 17 |
			    (imod ? 1 + rng_below(g, 7) : 0) << 6 |
			    (mm ? valid_modes[rng_below(g, 7)] : 0);
		}
		if (f->insn == ARMPV_INSN_SRS && rng_pct(g, 85))
			w = (w & ~0x1fu) | valid_modes[rng_below(g, 7)];
		if (armpv_classify(w, arch) == f)
			return w;
	}
}

/* Everything but the instruction word: random RAM (the code page full of
 * 'B .'), registers in every bank, SPSRs, the CPSR in mode m, PC and
 * SCTLR. */
static void random_state(struct rng *g, const struct model *md, uint32_t m,
			 uint32_t sctlr_reset, struct setup *su, uint8_t *ram,
			 uint32_t ram_size)
{
	struct state *s = &su->s;
	bool v6 = md->arch == ARMPV_ARCH_ARMV6;

	su->mmu.on = false;
	for (uint32_t i = 0; i < ram_size; i += 8) {
		/* The MMU states' table area: written by mmu_random(). */
		if (i == MMU_L1_TTBR0 && ram_size == MMU_RAM_SIZE)
			i = MMU_REGION0_SIZE;
		uint64_t r = rng_next(g);

		memcpy(ram + i, &r, 8);
	}
	/* The code page holds 'B .' around the instruction: should Unicorn
	 * run past a stop request (it checks stop requests per translation
	 * block), a branch into the page leaves every register but PC alone
	 * and the code hook stops it on the second visit. */
	for (uint32_t i = 0; i < CODE_SIZE; i += 4)
		memcpy(ram + i, &(uint32_t){ 0xeafffffeu }, 4);
	for (int i = 0; i < S_SPSR_FIQ; i++)
		s->v[i] = random_value(g);
	for (int i = S_SPSR_FIQ; i < S_CPSR; i++)
		s->v[i] = random_psr(g, md);
	/* CPSR: any flags, Q, GE (v6), I, F, A (v6); ARM state, little
	 * endian (CPSR.E is not modelled here), the mode. */
	s->v[S_CPSR] = (rng32(g) & md->psr_valid &
			~(ARMPV_PSR_M_MASK | ARMPV_PSR_T | ARMPV_PSR_J |
			  ARMPV_PSR_E)) |
		       m;
	s->v[S_PC] = 0x20 + 4 * rng_below(g, (CODE_SIZE - 0x20) / 4);

	/* SCTLR: the reset value, MMU off, with random A, V and (v6) U. */
	su->sctlr = sctlr_reset & ~(ARMPV_SCTLR_A | ARMPV_SCTLR_V |
				    ARMPV_SCTLR_U | ARMPV_SCTLR_M);
	if (rng_pct(g, 20))
		su->sctlr |= ARMPV_SCTLR_A;
	if (rng_pct(g, 50))
		su->sctlr |= ARMPV_SCTLR_V;
	if (v6 && rng_pct(g, 50))
		su->sctlr |= ARMPV_SCTLR_U;
}

/* ---------------------------------------------------------------------
 * States with the MMU on: random translation tables, and the test's own
 * walk of them.  The walk only finds where a virtual address leads (to
 * read what a load should see, and to tell the model deviations apart);
 * whether an access is allowed is what Unicorn and the core are compared
 * on, never decided here.
 */

/* First- and second-level descriptor types and fields (ARM ARM B4.7;
 * ARM1176 TRM 6.11). */
#define D1_FAULT 0u
#define D1_COARSE 1u
#define D1_SECTION 2u
#define D1_FINE 3u
#define D1_SUPER (1u << 18)
#define D2_FAULT 0u
#define D2_LARGE 1u
#define D2_SMALL 2u
#define D2_TINY 3u
#define TTBCR_PD0 (1u << 4)
#define TTBCR_PD1 (1u << 5)

/* The host buffer offset of [pa, pa + len) in an MMU task's RAM. */
static bool mmu_host_off(uint32_t pa, uint32_t len, uint32_t *off)
{
	if (pa < MMU_REGION0_SIZE && len <= MMU_REGION0_SIZE - pa) {
		*off = pa;
		return true;
	}
	for (unsigned k = 1; k < MMU_NWIN; k++)
		if (pa - mmu_win[k] < MMU_WIN_SIZE &&
		    len <= MMU_WIN_SIZE - (pa - mmu_win[k])) {
			*off = MMU_REGION0_SIZE + (k - 1) * MMU_WIN_SIZE +
			       (pa - mmu_win[k]);
			return true;
		}
	return false;
}

/* Is all of [va, va + len) in one window, at MMU_DATA_OFF or above? */
static bool mmu_in_window(uint32_t va, uint32_t len)
{
	for (unsigned k = 0; k < MMU_NWIN; k++)
		if (va - mmu_win[k] >= MMU_DATA_OFF &&
		    va - mmu_win[k] < MMU_WIN_SIZE &&
		    len <= MMU_WIN_SIZE - (va - mmu_win[k]))
			return true;
	return false;
}

/* FCSE (ARM ARM B8): VA[31:25] replaced by the PID below 32 MiB. */
static uint32_t mmu_mva(const struct mmu_regs *mm, uint32_t va)
{
	return va < 0x02000000u ? va | mm->fcse : va;
}

/* The first-level descriptor's address of mva (ARMv6 TTBCR: ARM1176 TRM
 * 3.2.15); false if TTBCR.PDx disables the walk. */
static bool mmu_l1_addr(const struct model *md, const struct mmu_regs *mm,
			uint32_t mva, uint32_t *a)
{
	uint32_t n = md->arch == ARMPV_ARCH_ARMV6 ? mm->ttbcr & 7u : 0;

	if (n && mva >> (32 - n)) {
		*a = (mm->ttbr1 & 0xffffc000u) | (mva >> 20) << 2;
		return !(mm->ttbcr & TTBCR_PD1);
	}
	*a = (mm->ttbr0 & 0xffffffffu << (14 - n)) |
	     ((mva >> 20) & (0xfffu >> n)) << 2;
	return !(md->arch == ARMPV_ARCH_ARMV6 && (mm->ttbcr & TTBCR_PD0));
}

static bool mmu_read32(const uint8_t *ram, uint32_t pa, uint32_t *v)
{
	uint32_t off;

	if (!mmu_host_off(pa, 4, &off))
		return false;
	memcpy(v, ram + off, 4);
	return true;
}

/* What the test's walk found. */
enum tw_result {
	TW_OK,		/* a page or section: pa */
	TW_L1_FAULT,	/* no walk, fault descriptor, ARMv6 fine table */
	TW_L2_FAULT,	/* fault (or ARMv5 tiny-in-coarse) second level */
	TW_UNREADABLE,	/* a descriptor outside RAM */
};

struct tw {
	uint32_t mva, pa, l1, domain;
	bool page;
};

static enum tw_result test_walk(const struct model *md, const struct setup *su,
				const uint8_t *ram, uint32_t va, struct tw *t)
{
	const struct mmu_regs *mm = &su->mmu;
	bool v6 = md->arch == ARMPV_ARCH_ARMV6;
	bool xp = v6 && (su->sctlr & ARMPV_SCTLR_XP);
	uint32_t a, l2, type;

	t->mva = mmu_mva(mm, va);
	t->l1 = 0;
	t->domain = 0;
	t->page = false;
	if (!mmu_l1_addr(md, mm, t->mva, &a))
		return TW_L1_FAULT;
	if (!mmu_read32(ram, a, &t->l1))
		return TW_UNREADABLE;
	type = t->l1 & 3u;
	if (type == D1_FAULT || (v6 && type == D1_FINE))
		return TW_L1_FAULT;
	if (type == D1_SECTION) {
		if (v6 && (t->l1 & D1_SUPER)) {
			t->pa = (t->l1 & 0xff000000u) | (t->mva & 0x00ffffffu);
		} else {
			t->pa = (t->l1 & 0xfff00000u) | (t->mva & 0x000fffffu);
			t->domain = t->l1 >> 5 & 15u;
		}
		return TW_OK;
	}
	t->domain = t->l1 >> 5 & 15u;
	t->page = true;
	if (type == D1_COARSE)
		a = (t->l1 & 0xfffffc00u) | (t->mva >> 10 & 0x3fcu);
	else
		a = (t->l1 & 0xfffff000u) | (t->mva >> 8 & 0xffcu);
	if (!mmu_read32(ram, a, &l2))
		return TW_UNREADABLE;
	switch (l2 & 3u) {
	case D2_FAULT:
		return TW_L2_FAULT;
	case D2_LARGE:
		t->pa = (l2 & 0xffff0000u) | (t->mva & 0xffffu);
		return TW_OK;
	case D2_SMALL:
		t->pa = (l2 & 0xfffff000u) | (t->mva & 0xfffu);
		return TW_OK;
	default:
		if (v6 || xp) {
			t->pa = (l2 & 0xfffff000u) | (t->mva & 0xfffu);
			return TW_OK;
		}
		if (type == D1_COARSE)
			return TW_L2_FAULT;
		t->pa = (l2 & 0xfffffc00u) | (t->mva & 0x3ffu);
		return TW_OK;
	}
}

/* A word at virtual address va as the state's memory holds it (no
 * permission check): physical with the MMU off, else through the walk. */
static bool peek32(const struct model *md, const struct setup *su,
		   const uint8_t *ram, uint32_t va, uint32_t *v)
{
	struct tw t;

	if (!su->mmu.on) {
		if (va > RAM_SIZE - 4)
			return false;
		memcpy(v, ram + va, 4);
		return true;
	}
	return test_walk(md, su, ram, va, &t) == TW_OK &&
	       mmu_read32(ram, t.pa, v);
}

static bool poke32(const struct model *md, const struct setup *su,
		   uint8_t *ram, uint32_t va, uint32_t v)
{
	struct tw t;
	uint32_t off;

	if (!su->mmu.on) {
		if (va < DATA_LO || va > DATA_HI - 4)
			return false;
		memcpy(ram + va, &v, 4);
		return true;
	}
	if (test_walk(md, su, ram, va, &t) != TW_OK ||
	    !mmu_host_off(t.pa, 4, &off) || off < MMU_DATA_OFF)
		return false;
	memcpy(ram + off, &v, 4);
	return true;
}

/* Random descriptor pieces. */
static uint32_t pick(struct rng *g, const uint32_t *v, size_t n)
{
	return v[rng_below(g, (uint32_t)n)];
}

/* A physical base for a mapping of 'size' bytes, leading into RAM at the
 * windows' data offsets.  Never outside RAM: Unicorn 2.0.1 reads
 * unassigned physical memory as zero and ignores writes to it, with no
 * external abort (the MMU-off states, whose accesses outside RAM
 * Unicorn reports as unmapped, and check_access cover the core's). */
static uint32_t mmu_random_base(struct rng *g, uint32_t size)
{
	static const uint32_t big[] = { 0x00000000u, 0x00100000u, 0x00200000u,
					0xc0000000u };

	if (size >= 0x10000u)
		return pick(g, big, 4) & ~(size - 1);
	/* 4 KiB or 1 KiB frames of data, never the code page's. */
	for (;;) {
		uint32_t k = rng_below(g, MMU_NWIN);
		uint32_t f = mmu_win[k] +
			     rng_below(g, MMU_WIN_SIZE / size) * size;

		if (f >= MMU_DATA_OFF)
			return f;
	}
}

/* Access permission fields of a descriptor whose AP is at bit 'shift'
 * (four subpage APs in the ARMv5 / XP = 0 format when 'sub'). */
static uint32_t mmu_random_ap(struct rng *g, unsigned shift, bool sub)
{
	uint32_t v = rng_below(g, 4) << shift;

	if (sub) {
		if (rng_pct(g, 50))
			v = (rng32(g) & 0xffu) << shift;
		else
			v *= 0x55u; /* the same AP in all four */
	}
	return v;
}

/* A random second-level descriptor.  code: the one mapping the code
 * page (small or tiny page at physical 0, readable at every privilege,
 * executable). */
static uint32_t mmu_random_l2(struct rng *g, const struct model *md,
			      bool xp, bool fine, bool code, uint32_t code_ap)
{
	bool v6 = md->arch == ARMPV_ARCH_ARMV6;
	uint32_t r = rng_below(g, 100), d, cb = rng32(g) & 0xcu;

	if (code) {
		if (fine && rng_pct(g, 50)) /* ARMv5 tiny page */
			return 0x0u | code_ap << 4 | cb | D2_TINY;
		d = 0x0u | cb | D2_SMALL;
		if (xp)
			return d | code_ap << 4 | (rng32(g) & 0x1c0u) |
			       (rng_pct(g, 30) ? 1u << 9 : 0) |
			       (rng32(g) & 0xc00u);
		return d | code_ap << 4 | (rng32(g) & 0x3fu) << 6;
	}
	if (r < 8)
		return rng32(g) & ~3u; /* fault: the other bits ignored */
	if (r < 28) {
		d = mmu_random_base(g, 0x10000u) | cb | D2_LARGE;
		if (xp)
			return d | mmu_random_ap(g, 4, false) |
			       (rng32(g) & 0xfe00u); /* APX S nG TEX XN */
		return d | mmu_random_ap(g, 4, true) |
		       (v6 ? rng32(g) & 0x7000u : 0); /* TEX */
	}
	if (r < 80 || (!fine && !v6 && r < 95)) {
		d = mmu_random_base(g, 0x1000u) | cb | D2_SMALL;
		if (xp)
			return d | mmu_random_ap(g, 4, false) |
			       (rng32(g) & 0xfc1u);
		return d | mmu_random_ap(g, 4, true);
	}
	if (fine) /* ARMv5 tiny page */
		return mmu_random_base(g, 0x400u) | mmu_random_ap(g, 4, false) |
		       cb | D2_TINY;
	/* Coarse type 0b11: ARMv6 extended small page; ARMv5 UNPREDICTABLE
	 * (core and QEMU: a page translation fault). */
	d = mmu_random_base(g, 0x1000u) | cb | D2_TINY |
	    mmu_random_ap(g, 4, false);
	if (xp)
		return (d & ~1u) | (rng32(g) & 0xfc1u) | 2u;
	return d | (v6 ? rng32(g) & 0x1c0u : 0);
}

/*
 * A random MMU state over the random RAM of random_state(): SCTLR.M and
 * random S, R and (ARMv6) XP; random DACR, FCSE PID, and on ARMv6 TTBCR
 * (N, sometimes PD0/PD1); a first-level descriptor for each window
 * (fault, section, ARMv6 supersection, coarse or fine table, with random
 * domain and AP, APX/XN/nG with XP = 1) and second-level tables with
 * large, small, tiny and extended small pages and faults.  Window 0
 * also maps the code page (VA 0 to PA 0), readable at every privilege
 * and executable, in a domain that is client or manager.
 */
static void mmu_random(struct rng *g, const struct model *md, struct setup *su,
		       uint8_t *ram)
{
	static const uint32_t dom_kind[] = { 1, 1, 1, 1, 1, 3, 3, 0, 0, 2 };
	struct mmu_regs *mm = &su->mmu;
	bool v6 = md->arch == ARMPV_ARCH_ARMV6;
	bool xp;
	uint32_t code_dom = rng_below(g, 16), code_ap = 2 + rng_below(g, 2);
	uint32_t done[MMU_NWIN];

	mm->on = true;
	su->sctlr &= ~(ARMPV_SCTLR_S | ARMPV_SCTLR_R | ARMPV_SCTLR_XP);
	su->sctlr |= ARMPV_SCTLR_M;
	if (rng_pct(g, 30))
		su->sctlr |= ARMPV_SCTLR_S;
	if (rng_pct(g, 30))
		su->sctlr |= ARMPV_SCTLR_R;
	if (v6 && rng_pct(g, 50))
		su->sctlr |= ARMPV_SCTLR_XP;
	xp = v6 && (su->sctlr & ARMPV_SCTLR_XP);
	mm->fcse = rng_pct(g, 50) ? 0 : (1 + rng_below(g, 127)) << 25;
	mm->ttbr0 = MMU_L1_TTBR0;
	mm->ttbr1 = MMU_L1_TTBR1;
	mm->ttbcr = 0;
	if (v6 && rng_pct(g, 40))
		mm->ttbcr = 1 + rng_below(g, 7);
	if (v6 && rng_pct(g, 6))
		mm->ttbcr |= rng_pct(g, 50) ? TTBCR_PD0 : TTBCR_PD1;
	mm->dacr = 0;
	for (unsigned i = 0; i < 16; i++)
		mm->dacr |= pick(g, dom_kind, 10) << (2 * i);
	mm->dacr &= ~(3u << (2 * code_dom));
	mm->dacr |= (rng_pct(g, 70) ? 1u : 3u) << (2 * code_dom);

	/* The tables: empty first-level ones (a translation fault for
	 * every other MiB), random second-level areas. */
	memset(ram + MMU_L1_TTBR0, 0, 0x8000u);
	for (unsigned k = 0; k < MMU_NWIN; k++) {
		uint32_t mva = mmu_mva(mm, mmu_win[k]), a, off, d, r;
		uint32_t l2 = MMU_L2_BASE + 0x1000u * k;
		bool fine;
		unsigned n;

		if (!mmu_l1_addr(md, mm, mva, &a)) {
			if (k > 0)
				continue;
			/* The code must be reachable. */
			mm->ttbcr &= ~(TTBCR_PD0 | TTBCR_PD1);
			mmu_l1_addr(md, mm, mva, &a);
		}
		done[k] = a;
		for (unsigned j = 0; j < k; j++)
			if (done[j] == a)
				goto next; /* shares an earlier window's */
		mmu_host_off(a, 4, &off);
		r = rng_below(g, 100);
		if (k == 0 && r < 6)
			r += 6; /* the code's window is never a fault */
		if (r < 6) {
			d = rng32(g) & ~3u;
			memcpy(ram + off, &d, 4);
			continue;
		}
		if (r < 36) {
			/* A section; on ARMv6 sometimes a supersection.
			 * With XP = 0 only for the window at 0xc0000000:
			 * QEMU 5.0 walks that format with its ARMv5 walker,
			 * which reads a supersection as a section in domain
			 * 0 (bits 8:5 are zero here), the same mapping
			 * where MVA[23:20] is zero.  Not for the code's
			 * window: a supersection is in domain 0. */
			bool super = v6 && k > 0 && (xp || k == 3) &&
				     rng_pct(g, 20);
			uint32_t dom = k == 0 ? code_dom : rng_below(g, 16);
			uint32_t ap = k == 0 ? code_ap : rng_below(g, 4);

			/* A supersection maps MVA[23:0]: base 0, or
			 * 0xc0000000 for the window there. */
			d = (k == 0 ? 0
			     : super ? (k == 3 && rng_pct(g, 50) ? 0xc0000000u
								  : 0)
				     : mmu_random_base(g, 0x100000u)) |
			    ap << 10 | (rng32(g) & 0xcu) | D1_SECTION;
			if (super)
				/* PA[39:32] (bits 23:20, 8:5) zero: the
				 * ARM1176 has 32-bit physical addresses. */
				d = (d & 0xff000000u) | (d & 0xc0cu) |
				    D1_SUPER | D1_SECTION;
			else
				d |= dom << 5;
			if (v6)
				d |= rng32(g) & 0x7000u; /* TEX */
			if (xp) {
				d |= rng32(g) & 0x38000u; /* APX S nG */
				if (k > 0)
					d |= rng32(g) & 0x10u; /* XN */
			}
			memcpy(ram + off, &d, 4);
			continue;
		}
		/* A coarse table, or on ARMv5 a fine one; on ARMv6 a fine
		 * one is reserved (a translation fault) but sometimes
		 * written all the same. */
		fine = k > 0 ? rng_pct(g, v6 ? 5 : 35) : !v6 && rng_pct(g, 35);
		d = (fine ? l2 : l2 + 0x400u * rng_below(g, 4)) |
		    (k == 0 ? code_dom : rng_below(g, 16)) << 5 |
		    (rng_pct(g, 50) ? 0x10u : 0) | (fine ? D1_FINE : D1_COARSE);
		memcpy(ram + off, &d, 4);
		/* The entries of the window: MVA[19:12] (coarse) or
		 * MVA[19:10] (fine) of offsets below MMU_WIN_SIZE. */
		n = fine ? MMU_WIN_SIZE / 0x400u : MMU_WIN_SIZE / 0x1000u;
		for (unsigned e = 0; e < n; e++) {
			uint32_t ea = (d & (fine ? 0xfffff000u : 0xfffffc00u)) +
				      4 * e;
			uint32_t v = mmu_random_l2(g, md, xp, fine,
						   k == 0 && e == 0, code_ap);

			mmu_host_off(ea, 4, &off);
			memcpy(ram + off, &v, 4);
		}
	next:;
	}
}

/* A data address with the MMU on: in a window, often just below a 1 KiB
 * or 4 KiB boundary so that a transfer crosses into the next page. */
static uint32_t mmu_data_addr(struct rng *g, uint32_t align,
			      unsigned pct_aligned)
{
	uint32_t w = mmu_win[rng_below(g, MMU_NWIN)], off;

	if (rng_pct(g, 40)) {
		uint32_t b = rng_pct(g, 50) ? 0x400u : 0x1000u;
		uint32_t lo = MMU_DATA_OFF / b + 1, hi = MMU_WIN_SIZE / b;

		off = b * (lo + rng_below(g, hi - lo)) - rng_below(g, 0x41);
	} else {
		off = MMU_DATA_OFF + rng_below(g, MMU_WIN_SIZE - MMU_DATA_OFF);
	}
	if (rng_pct(g, pct_aligned))
		off &= ~(align - 1);
	return w + off;
}

static uint32_t data_addr(struct rng *g, const struct setup *su,
			  uint32_t align, unsigned pct_aligned)
{
	return su->mmu.on ? mmu_data_addr(g, align, pct_aligned)
			  : random_data_addr(g, align, pct_aligned);
}

static void random_setup(struct rng *g, const struct model *md,
			 const struct armpv_form *f, uint32_t sctlr_reset,
			 struct setup *su, uint8_t *ram, bool mmu)
{
	struct state *s = &su->s;
	uint32_t m = priv_modes[rng_below(g, 6)];
	uint32_t w = random_word(g, f, md->arch);

	random_state(g, md, m, sctlr_reset, su, ram,
		     mmu ? MMU_RAM_SIZE : RAM_SIZE);
	if (mmu)
		mmu_random(g, md, su, ram);
	/* Point base registers into RAM most of the time. */
	switch (f->insn) {
	case ARMPV_INSN_STM_USER:
	case ARMPV_INSN_LDM_USER:
	case ARMPV_INSN_LDM_RET:
	case ARMPV_INSN_RFE: {
		uint32_t n = armpv_field(f, w, ARMPV_FIELD_RN);

		if (n != 15 && rng_pct(g, 95))
			s->v[slot_of(m, n)] = data_addr(g, su, 4, 100);
		if (f->insn == ARMPV_INSN_RFE && rng_pct(g, 80)) {
			/* A sensible PSR where RFE loads CPSR from. */
			uint32_t base = s->v[slot_of(m, n)], a;
			bool p = armpv_field(f, w, ARMPV_FIELD_P);
			bool up = armpv_field(f, w, ARMPV_FIELD_U);

			a = up ? base + (p ? 4 : 0) : base - (p ? 8 : 4);
			a += 4;
			if (su->mmu.on || (a >= DATA_LO && a < DATA_HI))
				poke32(md, su, ram, a & ~3u,
				       random_psr(g, md));
		}
		break;
	}
	case ARMPV_INSN_SRS: {
		uint32_t k = armpv_field(f, w, ARMPV_FIELD_MODE);

		if (mode_valid(k) && rng_pct(g, 95))
			s->v[slot_of(k, 13)] = data_addr(g, su, 4, 100);
		break;
	}
	case ARMPV_INSN_LDRT:
	case ARMPV_INSN_STRT:
	case ARMPV_INSN_LDRBT:
	case ARMPV_INSN_STRBT: {
		uint32_t n = armpv_field(f, w, ARMPV_FIELD_RN);

		if (n != 15 && rng_pct(g, 95))
			s->v[slot_of(m, n)] = data_addr(g, su, 4, 75);
		break;
	}
	case ARMPV_INSN_MSR:
		if (armpv_form_has_field(f, ARMPV_FIELD_RM) && rng_pct(g, 70)) {
			uint32_t r = armpv_field(f, w, ARMPV_FIELD_RM);

			if (r != 15)
				s->v[slot_of(m, r)] = random_psr(g, md);
		}
		break;
	default:
		break;
	}
	su->word = w;
}

/* ---------------------------------------------------------------------
 * What the ARM ARM says about a case: UNPREDICTABLE, or a model deviation,
 * and what to leave out of the comparison.
 */
struct verdict {
	const char *unpred;	/* why the case is UNPREDICTABLE, or NULL */
	int dev;		/* enum deviation, or -1 */
	bool slot_skip[NSLOTS];
	uint32_t cpsr_ignore, pc_ignore;
	bool mem_skip;
	/* an architectural check instead of Unicorn: slot = value */
	int arch_slot;
	uint32_t arch_value;
	/* an architectural exception expected instead of Unicorn's run:
	 * an alignment fault, or (arch_abort below) another; its FAR */
	bool arch_align_abort;
	uint32_t arch_far;
	/* when the access aborts outside RAM: FAR bits not compared (a word
	 * access: Unicorn reports address bits it does not access), and the
	 * registers an aborted LDM loads (UNKNOWN, ARM ARM A2.6.5) */
	uint32_t far_ignore;
	bool abort_slot_skip[NSLOTS];
	/* Unicorn's exception (or abort outside RAM) is a model
	 * deviation: the ARM ARM has none; the registers as they were but
	 * PC + 4, arch_slot and those in slot_skip */
	bool uc_exception_wrong;
	/* MMU on: the virtual addresses the case accesses, [va_lo, va_lo +
	 * va_len) (va_len 0: none), and with the legacy unaligned model the
	 * aligned word the architecture accesses instead (else 0). */
	uint32_t va_lo, va_len, legacy_word;
	/* MMU on, a model deviation: a data abort the ARM ARM expects
	 * (status arch_status with FAR the first access's MVA) whatever
	 * Unicorn did. */
	bool arch_abort;
	uint32_t arch_status;
	/* The slot of the base register a writeback changes, or -1: not
	 * compared where Unicorn's unaligned access faulted past the
	 * legacy model's aligned word (legacy-unaligned, MMU on). */
	int base_slot;
};

static uint32_t ror32(uint32_t v, unsigned n)
{
	n &= 31;
	return n ? v >> n | v << (32 - n) : v;
}

static bool cond_passes(uint32_t cond, uint32_t cpsr)
{
	bool n = cpsr & ARMPV_PSR_N, z = cpsr & ARMPV_PSR_Z;
	bool c = cpsr & ARMPV_PSR_C, v = cpsr & ARMPV_PSR_V;
	bool r;

	switch (cond >> 1) {
	case 0: r = z; break;
	case 1: r = c; break;
	case 2: r = n; break;
	case 3: r = v; break;
	case 4: r = c && !z; break;
	case 5: r = n == v; break;
	case 6: r = !z && n == v; break;
	default: return true;
	}
	return cond & 1 ? !r : r;
}

/* The first address a memory form accesses; false for the others.
 * *multi: several words (LDM, STM, RFE, SRS); *word: a word access. */
static bool mem_first_access(const struct armpv_form *f, uint32_t w,
			     const struct state *s, uint32_t *addr,
			     bool *word, bool *multi, uint32_t *len)
{
	uint32_t m = s->v[S_CPSR] & ARMPV_PSR_M_MASK, base, nregs;
	bool p = armpv_field(f, w, ARMPV_FIELD_P);
	bool up = armpv_field(f, w, ARMPV_FIELD_U);

	*multi = *word = false;
	switch (f->insn) {
	case ARMPV_INSN_LDRT:
	case ARMPV_INSN_STRT:
		*word = true;
		/* fall through */
	case ARMPV_INSN_LDRBT:
	case ARMPV_INSN_STRBT:
		/* Post-indexed (A5.2.8): the access is at Rn. */
		*addr = s->v[slot_of(m, armpv_field(f, w, ARMPV_FIELD_RN))];
		*len = *word ? 4 : 1;
		return true;
	case ARMPV_INSN_STM_USER:
	case ARMPV_INSN_LDM_USER:
	case ARMPV_INSN_LDM_RET:
		base = s->v[slot_of(m, armpv_field(f, w, ARMPV_FIELD_RN))];
		/* LDM_RET's list field leaves out bit 15 (PC), always
		 * set. */
		nregs = (uint32_t)__builtin_popcount(
				armpv_field(f, w, ARMPV_FIELD_REGLIST)) +
			(f->insn == ARMPV_INSN_LDM_RET);
		break;
	case ARMPV_INSN_RFE:
		base = s->v[slot_of(m, armpv_field(f, w, ARMPV_FIELD_RN))];
		nregs = 2;
		break;
	case ARMPV_INSN_SRS: {
		uint32_t k = armpv_field(f, w, ARMPV_FIELD_MODE);

		if (!mode_valid(k))
			return false;
		base = s->v[slot_of(k, 13)];
		nregs = 2;
		break;
	}
	default:
		return false;
	}
	/* Address mode 4 (A5.4): IA, IB, DA, DB. */
	*addr = up ? base + (p ? 4 : 0) : base - 4 * nregs + (p ? 0 : 4);
	*multi = *word = true;
	*len = 4 * nregs;
	return true;
}

/* Unaligned word accesses (ARM ARM A2.8, and the ARMv6 unaligned access
 * support): with SCTLR.A an alignment fault; on ARMv6 with SCTLR.U also
 * for LDM/STM/RFE/SRS; otherwise (ARMv5, or U = 0) the legacy model:
 * LDR rotates, the others ignore address[1:0].  Unicorn (QEMU 5.0) does
 * a plain unaligned access in every case. */
static void judge_alignment(const struct model *md, const struct armpv_form *f,
			    const struct setup *su, const uint8_t *ram,
			    struct verdict *vd)
{
	const struct state *s = &su->s;
	uint32_t w = su->word, m = s->v[S_CPSR] & ARMPV_PSR_M_MASK, addr, len;
	bool word, multi;
	bool v6 = md->arch == ARMPV_ARCH_ARMV6;

	if (!mem_first_access(f, w, s, &addr, &word, &multi, &len) || !word ||
	    !(addr & 3))
		return;
	if ((su->sctlr & ARMPV_SCTLR_A) ||
	    (multi && v6 && (su->sctlr & ARMPV_SCTLR_U))) {
		vd->dev = DEV_ALIGN_CHECK;
		vd->arch_align_abort = true;
		vd->arch_far = addr;
		return;
	}
	if (!multi && v6 && (su->sctlr & ARMPV_SCTLR_U))
		return; /* ARMv6 unaligned support: as Unicorn does */
	vd->dev = DEV_LEGACY_UNALIGNED;
	vd->legacy_word = addr & ~3u;
	if (f->insn == ARMPV_INSN_LDRT) {
		uint32_t rd = armpv_field(f, w, ARMPV_FIELD_RD), x;

		vd->slot_skip[slot_of(m, rd)] = true;
		if ((su->mmu.on || addr < RAM_SIZE - 3) &&
		    peek32(md, su, ram, addr & ~3u, &x)) {
			vd->arch_slot = slot_of(m, rd);
			vd->arch_value = ror32(x, 8 * (addr & 3));
		}
	} else if (f->insn == ARMPV_INSN_LDM_USER ||
		   f->insn == ARMPV_INSN_LDM_RET ||
		   f->insn == ARMPV_INSN_RFE) {
		uint32_t list = f->insn == ARMPV_INSN_RFE ? 0
			      : armpv_field(f, w, ARMPV_FIELD_REGLIST);
		uint32_t bank = f->insn == ARMPV_INSN_LDM_USER ? ARMPV_MODE_SYS
							       : m;

		for (unsigned n = 0; n < 15; n++)
			if (list & 1u << n)
				vd->slot_skip[slot_of(bank, n)] = true;
		if (f->insn != ARMPV_INSN_LDM_USER) {
			/* The loaded PC and CPSR: every bank may differ. */
			for (int i = 0; i < NSLOTS; i++)
				vd->slot_skip[i] = true;
		}
	} else {
		vd->mem_skip = true;
	}
}

static bool word_access(const struct armpv_form *f, const struct setup *su)
{
	uint32_t addr, len;
	bool word, multi;

	return mem_first_access(f, su->word, &su->s, &addr, &word, &multi,
				&len) &&
	       word;
}

static void judge(const struct model *md, const struct armpv_form *f,
		  const struct setup *su, const uint8_t *ram,
		  struct verdict *vd)
{
	const struct state *s = &su->s;
	uint32_t w = su->word, cpsr = s->v[S_CPSR];
	uint32_t m = cpsr & ARMPV_PSR_M_MASK;
	bool spsr = mode_has_spsr(m);
	uint32_t rn = armpv_field(f, w, ARMPV_FIELD_RN);
	uint32_t rd = armpv_field(f, w, ARMPV_FIELD_RD);
	uint32_t rm = armpv_field(f, w, ARMPV_FIELD_RM);
	uint32_t list = armpv_field(f, w, ARMPV_FIELD_REGLIST);

	memset(vd, 0, sizeof(*vd));
	vd->dev = -1;
	vd->arch_slot = -1;
	vd->base_slot = -1;
	if (f->conditional && !cond_passes(w >> 28, cpsr))
		return; /* a no-op in both, whatever the operands */

	switch (f->insn) {
	case ARMPV_INSN_MRS:
		if (rd == 15)
			vd->unpred = "MRS with Rd = R15 (A4.1.38)";
		else if (armpv_field(f, w, ARMPV_FIELD_SPSR) && !spsr)
			vd->unpred = "MRS SPSR in a mode without SPSR (A4.1.38)";
		break;
	case ARMPV_INSN_MSR: {
		uint32_t op, bytes = 0, fm = armpv_field(f, w, ARMPV_FIELD_MASK);

		if (armpv_form_has_field(f, ARMPV_FIELD_RM)) {
			if (rm == 15) {
				vd->unpred = "MSR with Rm = R15 (A4.1.39)";
				break;
			}
			op = s->v[slot_of(m, rm)];
		} else {
			op = ror32(armpv_field(f, w, ARMPV_FIELD_IMM),
				   2 * armpv_field(f, w, ARMPV_FIELD_ROTATE));
		}
		for (unsigned i = 0; i < 4; i++)
			if (fm & 1u << i)
				bytes |= 0xffu << (8 * i);
		if (op & md->unalloc)
			vd->unpred = "MSR setting reserved bits (A4.1.39)";
		else if (armpv_field(f, w, ARMPV_FIELD_SPSR) && !spsr)
			vd->unpred = "MSR SPSR in a mode without SPSR (A4.1.39)";
		else if (!armpv_field(f, w, ARMPV_FIELD_SPSR) &&
			 (op & md->state))
			vd->unpred = "MSR CPSR setting T or J (A4.1.39)";
		else if (!armpv_field(f, w, ARMPV_FIELD_SPSR) && (fm & 1) &&
			 !mode_valid(op & ARMPV_PSR_M_MASK))
			vd->unpred = "MSR CPSR_c to a reserved mode (A2.5.7)";
		(void)bytes;
		break;
	}
	case ARMPV_INSN_CPS: {
		uint32_t imod = armpv_field(f, w, ARMPV_FIELD_IMOD);
		uint32_t mm = armpv_field(f, w, ARMPV_FIELD_MMOD);
		uint32_t aif = armpv_field(f, w, ARMPV_FIELD_AIF);
		uint32_t k = armpv_field(f, w, ARMPV_FIELD_MODE);

		if (imod == 1 || (imod == 0 && !mm))
			vd->unpred = "CPS with imod = 01, or 00 without M "
				     "(A4.1.16)";
		else if (!mm && k)
			vd->unpred = "CPS with a mode but M = 0 (A4.1.16)";
		else if ((imod & 2) && !aif)
			vd->unpred = "CPSIE/CPSID with no A, I, F (A4.1.16)";
		else if (!(imod & 2) && aif)
			vd->unpred = "CPS with A, I, F but imod = 00 (A4.1.16)";
		else if (mm && !mode_valid(k))
			vd->unpred = "CPS to a reserved mode (A2.5.7)";
		break;
	}
	case ARMPV_INSN_SRS: {
		uint32_t k = armpv_field(f, w, ARMPV_FIELD_MODE);

		if (!spsr)
			vd->unpred = "SRS in a mode without SPSR (A4.1.90)";
		else if (!mode_valid(k))
			vd->unpred = "SRS to a reserved mode (A4.1.90)";
		break;
	}
	case ARMPV_INSN_RFE: {
		uint32_t base = s->v[slot_of(m, rn)], a, psr;
		bool p = armpv_field(f, w, ARMPV_FIELD_P);
		bool up = armpv_field(f, w, ARMPV_FIELD_U);

		a = (up ? base + (p ? 4 : 0) : base - (p ? 8 : 4)) + 4;
		if (rn == 15) {
			vd->unpred = "RFE with Rn = R15 (A4.1.59)";
			break;
		}
		if ((su->mmu.on || a < RAM_SIZE - 3) &&
		    peek32(md, su, ram, a & ~3u, &psr)) {
			if (!mode_valid(psr & ARMPV_PSR_M_MASK))
				vd->unpred = "RFE to a reserved mode (A2.5.7)";
			else if ((psr & ARMPV_PSR_J) && (psr & ARMPV_PSR_T))
				vd->unpred = "RFE to J = T = 1 (A2.5.8)";
			else if (psr & md->unalloc)
				vd->unpred = "RFE setting reserved CPSR bits "
					     "(A2.5)";
		}
		break;
	}
	case ARMPV_INSN_STM_USER:
	case ARMPV_INSN_LDM_USER:
	case ARMPV_INSN_LDM_RET:
		if (rn == 15)
			vd->unpred = "LDM/STM with Rn = R15 (A4.1.20-22)";
		else if (!spsr)
			vd->unpred = "LDM/STM ^ in User or System mode "
				     "(A4.1.21, A4.1.22, A4.1.98)";
		else if (!list && f->insn != ARMPV_INSN_LDM_RET)
			vd->unpred = "LDM/STM with an empty list (A5.4)";
		else if (f->insn == ARMPV_INSN_LDM_RET &&
			 armpv_field(f, w, ARMPV_FIELD_W) &&
			 (list & 1u << rn))
			vd->unpred = "LDM ! with the base in the list (A4.1.22)";
		else if (f->insn == ARMPV_INSN_LDM_RET) {
			uint32_t sp = s->v[spsr_slot(m)];

			if (!mode_valid(sp & ARMPV_PSR_M_MASK))
				vd->unpred = "exception return to a reserved "
					     "mode (A2.5.7)";
			else if ((sp & ARMPV_PSR_J) && (sp & ARMPV_PSR_T))
				vd->unpred = "exception return to J = T = 1 "
					     "(A2.5.8)";
		}
		break;
	case ARMPV_INSN_LDRT:
	case ARMPV_INSN_STRT:
	case ARMPV_INSN_LDRBT:
	case ARMPV_INSN_STRBT: {
		bool reg = armpv_form_has_field(f, ARMPV_FIELD_RM);

		if (rn == 15)
			vd->unpred = "LDRT/STRT with Rn = R15 (A5.2.9)";
		else if (rn == rd)
			vd->unpred = "LDRT/STRT with Rn = Rd (A5.2.9)";
		else if (reg && rm == 15)
			vd->unpred = "LDRT/STRT with Rm = R15 (A5.2.10)";
		else if (reg && rm == rn)
			vd->unpred = "LDRT/STRT with Rm = Rn (A5.2.10)";
		else if (rd == 15 && (f->insn == ARMPV_INSN_LDRT ||
				      f->insn == ARMPV_INSN_LDRBT))
			vd->unpred = "LDRT/LDRBT with Rd = R15 (A4.1.27)";
		break;
	}
	default: /* data processing, S = 1, Rd = PC */
		if (f->insn != ARMPV_INSN_SUBS && f->insn != ARMPV_INSN_MOVS) {
			vd->dev = DEV_DP_EXCRET;
			vd->cpsr_ignore = 0xffffffffu;
			vd->pc_ignore = 3;
		}
		if (!spsr) {
			vd->unpred = "data processing S pc in a mode without "
				     "SPSR (A4.1, 'CurrentModeHasSPSR')";
			break;
		}
		{
			uint32_t sp = s->v[spsr_slot(m)];

			if (!mode_valid(sp & ARMPV_PSR_M_MASK)) {
				vd->unpred = "exception return to a reserved "
					     "mode (A2.5.7)";
				break;
			}
			if ((sp & ARMPV_PSR_J) && (sp & ARMPV_PSR_T)) {
				vd->unpred = "exception return to J = T = 1 "
					     "(A2.5.8)";
				break;
			}
		}
		break;
	}
	{
		uint32_t addr, len;
		bool word, multi;

		if (mem_first_access(f, w, s, &addr, &word, &multi, &len)) {
			vd->va_lo = addr;
			vd->va_len = len;
		}
	}
	if (armpv_form_has_field(f, ARMPV_FIELD_RN))
		vd->base_slot = slot_of(m, rn);
	judge_alignment(md, f, su, ram, vd);
	if (word_access(f, su))
		vd->far_ignore = 3;
	if (f->insn == ARMPV_INSN_LDM_USER || f->insn == ARMPV_INSN_LDM_RET) {
		uint32_t bank = f->insn == ARMPV_INSN_LDM_USER ? ARMPV_MODE_SYS
							       : m;

		for (unsigned n = 0; n < 15; n++)
			if (list & 1u << n)
				vd->abort_slot_skip[slot_of(bank, n)] = true;
	}
}

/* ---------------------------------------------------------------------
 * Expected exception entry, from the ARM ARM (A2.6), independent of the
 * core's own code.
 */
static void expect_exception(const struct model *md, const struct state *in,
			     uint32_t sctlr, uint32_t mode, uint32_t vector,
			     uint32_t lr_offset, bool mask_a,
			     struct state *out)
{
	uint32_t cpsr = in->v[S_CPSR];
	uint32_t nc;

	*out = *in;
	nc = (cpsr & ~(ARMPV_PSR_M_MASK | ARMPV_PSR_T | ARMPV_PSR_J)) | mode |
	     ARMPV_PSR_I;
	if (md->arch == ARMPV_ARCH_ARMV6) {
		if (mask_a)
			nc |= ARMPV_PSR_A;
		nc &= ~ARMPV_PSR_E;
		if (sctlr & ARMPV_SCTLR_EE)
			nc |= ARMPV_PSR_E;
	}
	out->v[spsr_slot(mode)] = cpsr;
	out->v[slot_of(mode, 14)] = in->v[S_PC] + lr_offset;
	out->v[S_CPSR] = nc;
	out->v[S_PC] = (sctlr & ARMPV_SCTLR_V ? 0xffff0000u : 0) + vector;
}

/* ---------------------------------------------------------------------
 * Comparison and reports.
 */
static void print_state_diff(struct task *t, const struct state *init,
			     const struct state *want, const struct state *got,
			     const bool *skip)
{
	task_printf(t, "    %-9s %-10s %-10s %-10s\n", "reg", "initial",
		    "unicorn", "core");
	for (int i = 0; i < NSLOTS; i++) {
		bool differs = want->v[i] != got->v[i];

		task_printf(t, "    %-9s %08" PRIx32 "   %08" PRIx32
			    "   %08" PRIx32 "%s\n",
			    slot_name(i), init->v[i], want->v[i], got->v[i],
			    differs ? (skip && skip[i] ? "   (not compared)"
							: "   <-- differs")
				    : "");
	}
}

/* A task's name: the form, "cp15.REG" or "access.CLASS", prefixed by
 * "mmu." for states with the MMU on. */
static const char *form_label(const struct armpv_form *f,
			      const char *cp15_name,
			      const struct access_class *ac, bool mmu)
{
	static __thread char buf[40];
	const char *pre = mmu ? "mmu." : "";

	if (ac)
		snprintf(buf, sizeof(buf), "%saccess.%s", pre, ac->name);
	else if (!f)
		snprintf(buf, sizeof(buf), "cp15.%s", cp15_name);
	else if (!f->form || strcmp(f->form, "-") == 0)
		snprintf(buf, sizeof(buf), "%s%s", pre, f->name);
	else
		snprintf(buf, sizeof(buf), "%s%s.%s", pre, f->name, f->form);
	return buf;
}

static void report_case(struct task *t, const char *what,
			const struct setup *su, uint32_t trap)
{
	task_printf(t, "  %s: %s %s word %08" PRIx32 " trap %08" PRIx32
		    " mode %s sctlr %08" PRIx32 "\n",
		    what, t->model->name,
		    form_label(t->form, t->cp15_name, t->access, t->mmu),
		    su->word,
		    trap,
		    armpv_mode_name(su->s.v[S_CPSR] & ARMPV_PSR_M_MASK),
		    su->sctlr);
}

/* ---------------------------------------------------------------------
 * The guest's own loads and stores: random words of a class, random
 * states, and what the ARM ARM says about each case.
 */

/* A random word of the class: half AL, half another condition. */
static uint32_t access_word(struct rng *g, const struct access_class *ac)
{
	for (;;) {
		uint32_t w = (rng32(g) & ~ac->mask & 0x0fffffffu) | ac->value;
		bool p = w >> 24 & 1, wbit = w >> 21 & 1;

		w |= (rng_pct(g, 50) ? 0xeu : rng_below(g, 14)) << 28;
		/* P = 0, W = 1: LDRT and kin (A5.2), UNPREDICTABLE (A5.3). */
		if ((ac->kind == AK_SINGLE || ac->kind == AK_EXTRA) && !p &&
		    wbit)
			continue;
		/* S:H = 00 is the multiply and swap space (A3.13.3). */
		if (ac->kind == AK_EXTRA && !(w >> 5 & 3))
			continue;
		return w;
	}
}

/* The size of the class's (first) access, for alignment. */
static uint32_t access_size(const struct access_class *ac, uint32_t w)
{
	static const uint32_t ex_sizes[4] = { 4, 8, 1, 2 };
	bool load = w >> 20 & 1;
	unsigned sh = w >> 5 & 3;

	switch (ac->kind) {
	case AK_SINGLE:
	case AK_SWAP:
		return w >> 22 & 1 ? 1 : 4;
	case AK_EXTRA:
		if (!load && sh >= 2)
			return 8; /* LDRD, STRD */
		return load && sh == 2 ? 1 : 2;
	case AK_LDREX:
		return ex_sizes[w >> 21 & 3];
	default:
		return 4;
	}
}

static void access_setup(struct rng *g, const struct model *md,
			 const struct access_class *ac, uint32_t sctlr_reset,
			 struct setup *su, uint8_t *ram, bool mmu)
{
	uint32_t m = valid_modes[rng_below(g, 7)];
	uint32_t w = access_word(g, ac);
	uint32_t size = access_size(ac, w);
	unsigned rn = w >> 16 & 15, rm = w & 15;
	bool imm = ac->kind == AK_EXTRA ? w >> 22 & 1 : !(w >> 25 & 1);

	random_state(g, md, m, sctlr_reset, su, ram,
		     mmu ? MMU_RAM_SIZE : RAM_SIZE);
	if (mmu)
		mmu_random(g, md, su, ram);
	/* Mostly aligned bases and offsets (SWP always: QEMU and the ARM
	 * ARM part at an unaligned SWP in ways this test does not model). */
	if (rn != 15 && rng_pct(g, 95))
		su->s.v[slot_of(m, rn)] = data_addr(
			g, su, size, ac->kind == AK_SWAP ? 100 : 75);
	/* With the MMU on, mostly offsets that stay in the window. */
	if (mmu && ac->kind == AK_SINGLE && imm && rng_pct(g, 70))
		w &= ~0xf00u;
	if ((ac->kind == AK_SINGLE || ac->kind == AK_EXTRA) && imm &&
	    rng_pct(g, 75))
		w &= ~((size - 1) & 7u);
	if ((ac->kind == AK_SINGLE || ac->kind == AK_EXTRA) && !imm &&
	    rm != 15 && rm != rn && (mmu || rng_pct(g, 70)))
		su->s.v[slot_of(m, rm)] = rng_below(g, 64) & ~(size - 1);
	su->word = w;
}

/* A register as an operand: PC reads as the address + 8 (A2.4.3). */
static uint32_t operand(const struct state *s, uint32_t m, unsigned n)
{
	return n == 15 ? s->v[S_PC] + 8 : s->v[slot_of(m, n)];
}

/* Addressing mode 2's scaled register offset (A5.2.4-A5.2.10). */
static uint32_t mode2_offset(const struct state *s, uint32_t m, uint32_t w)
{
	uint32_t rm = operand(s, m, w & 15), amount = w >> 7 & 31;

	if (!(w >> 25 & 1))
		return w & 0xfff;
	switch (w >> 5 & 3) {
	case 0:
		return rm << amount;
	case 1:
		return amount ? rm >> amount : 0;
	case 2:
		return amount ? (uint32_t)((int32_t)rm >> amount)
			      : (rm & 0x80000000u ? 0xffffffffu : 0);
	default:
		if (amount)
			return ror32(rm, amount);
		return rm >> 1 | (s->v[S_CPSR] & ARMPV_PSR_C ? 0x80000000u : 0);
	}
}

/* A misaligned word access (A2.8): with SCTLR.A (or, with 'strict', on
 * ARMv6 with U) an alignment fault the ARM ARM decides; ARMv6 with U an
 * unaligned access as Unicorn does it; otherwise the legacy model, which
 * Unicorn does not have: a load's Rd is checked against the rotation, a
 * store's memory is not compared. */
static void judge_word_alignment(const struct model *md,
				 const struct setup *su, const uint8_t *ram,
				 uint32_t addr, bool load, unsigned rd,
				 bool strict, struct verdict *vd)
{
	uint32_t m = su->s.v[S_CPSR] & ARMPV_PSR_M_MASK, x;
	bool u = md->arch == ARMPV_ARCH_ARMV6 && (su->sctlr & ARMPV_SCTLR_U);

	if (!(addr & 3))
		return;
	if ((su->sctlr & ARMPV_SCTLR_A) || (strict && u)) {
		vd->dev = DEV_ALIGN_CHECK;
		vd->arch_align_abort = true;
		vd->arch_far = addr;
		return;
	}
	if (u)
		return;
	vd->dev = DEV_LEGACY_UNALIGNED;
	/* The aligned word is in RAM, Unicorn's unaligned one leaves it:
	 * Unicorn aborts where the architecture does not.  With the MMU
	 * on, where Unicorn's unaligned word enters the next page and
	 * faults there (run_case() tells by Unicorn's FAR). */
	if (!su->mmu.on && (addr & ~3u) <= RAM_SIZE - 4 &&
	    addr > RAM_SIZE - 4)
		vd->uc_exception_wrong = true;
	vd->legacy_word = addr & ~3u;
	if (!load) {
		vd->mem_skip = true;
		return;
	}
	vd->slot_skip[slot_of(m, rd)] = true;
	if (rd == 15)
		vd->cpsr_ignore = ARMPV_PSR_T;
	else if (peek32(md, su, ram, addr & ~3u, &x)) {
		vd->arch_slot = slot_of(m, rd);
		vd->arch_value = ror32(x, 8 * (addr & 3));
	}
}

static void judge_access(const struct model *md, const struct access_class *ac,
			 const struct setup *su, const uint8_t *ram,
			 struct verdict *vd)
{
	const struct state *s = &su->s;
	uint32_t w = su->word, m = s->v[S_CPSR] & ARMPV_PSR_M_MASK;
	unsigned rn = w >> 16 & 15, rd = w >> 12 & 15, rm = w & 15;
	bool p = w >> 24 & 1, up = w >> 23 & 1, wbit = w >> 21 & 1;
	bool wb = !p || wbit, load = w >> 20 & 1;
	bool u = md->arch == ARMPV_ARCH_ARMV6 && (su->sctlr & ARMPV_SCTLR_U);
	bool a = su->sctlr & ARMPV_SCTLR_A;
	uint32_t base = operand(s, m, rn), size = access_size(ac, w);
	uint32_t addr, off, v;

	memset(vd, 0, sizeof(*vd));
	vd->dev = -1;
	vd->arch_slot = -1;
	vd->base_slot = -1;
	if (!cond_passes(w >> 28, s->v[S_CPSR]))
		return;
	if (wb || ac->kind == AK_BLOCK)
		vd->base_slot = slot_of(m, rn);
	switch (ac->kind) {
	case AK_SINGLE: {
		bool reg = w >> 25 & 1;

		off = mode2_offset(s, m, w);
		addr = p ? (up ? base + off : base - off) : base;
		vd->va_lo = addr;
		vd->va_len = size;
		if (reg && rm == 15)
			vd->unpred = "LDR/STR with Rm = R15 (A5.2.4)";
		else if (wb && rn == 15)
			vd->unpred = "LDR/STR writeback with Rn = R15 (A5.2)";
		else if (wb && load && rn == rd)
			vd->unpred = "LDR writeback with Rn = Rd (A5.2)";
		else if (reg && wb && rm == rn)
			vd->unpred = "LDR/STR writeback with Rm = Rn (A5.2.7)";
		else if (size == 1 && rd == 15)
			vd->unpred = "LDRB/STRB with Rd = R15 (A4.1.24)";
		else if (load && rd == 15 && (!(addr & 3) || u) &&
			 peek32(md, su, ram, addr, &v) && (v & 3) == 2)
			vd->unpred = "LDR to R15 of a value with bits 1:0 = "
				     "0b10 (A4.1.23)";
		if (size == 4) {
			vd->far_ignore = 3;
			judge_word_alignment(md, su, ram, addr, load, rd, false,
					     vd);
			/* Not checked then: the writeback. */
			if (vd->uc_exception_wrong)
				vd->slot_skip[slot_of(m, rn)] = true;
		}
		break;
	}
	case AK_EXTRA: {
		bool imm = w >> 22 & 1, dbl = size == 8;

		off = imm ? (w >> 4 & 0xf0) | (w & 0xf) : operand(s, m, rm);
		addr = p ? (up ? base + off : base - off) : base;
		vd->va_lo = addr;
		vd->va_len = size;
		if (!imm && rm == 15)
			vd->unpred = "mode 3 with Rm = R15 (A5.3)";
		else if (wb && rn == 15)
			vd->unpred = "mode 3 writeback with Rn = R15 (A5.3)";
		else if (!imm && wb && rm == rn)
			vd->unpred = "mode 3 writeback with Rm = Rn (A5.3)";
		else if (!dbl && rd == 15)
			vd->unpred = "LDRH/STRH/LDRSB/LDRSH with Rd = R15 "
				     "(A4.1.28-30, A4.1.104)";
		else if (!dbl && load && wb && rn == rd)
			vd->unpred = "mode 3 load writeback with Rn = Rd "
				     "(A5.3)";
		else if (dbl && ((rd & 1) || rd == 14))
			vd->unpred = "LDRD/STRD with an odd Rd or R14 "
				     "(A4.1.26, A4.1.102)";
		else if (dbl && wb && (rn == rd || rn == rd + 1))
			vd->unpred = "LDRD/STRD writeback with Rn = Rd or "
				     "R(d+1) (A4.1.26)";
		else if (dbl && !imm && (w >> 5 & 1) == 0 &&
			 (rm == rd || rm == rd + 1))
			vd->unpred = "LDRD with Rm = Rd or R(d+1) (A4.1.26)";
		if (dbl) {
			vd->far_ignore = 3;
			if ((u && (addr & 3)) || (!u && a && (addr & 7))) {
				vd->dev = DEV_ALIGN_CHECK;
				vd->arch_align_abort = true;
				vd->arch_far = addr;
			} else if (!u && (addr & 7) && !vd->unpred) {
				vd->unpred = "LDRD/STRD not doubleword-aligned "
					     "(A4.1.26)";
			}
		} else if (size == 2 && (addr & 1)) {
			if (a) {
				vd->dev = DEV_ALIGN_CHECK;
				vd->arch_align_abort = true;
				vd->arch_far = addr;
			} else if (!u && !vd->unpred) {
				vd->unpred = "halfword at an odd address "
					     "(A4.1.28)";
			}
		}
		break;
	}
	case AK_BLOCK: {
		uint32_t list = w & 0xffff;
		uint32_t n = (uint32_t)__builtin_popcount(list);

		addr = up ? base + (p ? 4 : 0) : base - 4 * n + (p ? 0 : 4);
		vd->va_lo = addr;
		vd->va_len = 4 * n;
		vd->far_ignore = 3;
		if (rn == 15)
			vd->unpred = "LDM/STM with Rn = R15 (A5.4)";
		else if (!list)
			vd->unpred = "LDM/STM with an empty list (A5.4)";
		else if (wbit && load && (list >> rn & 1))
			vd->unpred = "LDM ! with Rn in the list (A4.1.20)";
		else if (wbit && !load && (list >> rn & 1) &&
			 (list & ((1u << rn) - 1)))
			vd->unpred = "STM ! with Rn in the list, not lowest "
				     "(A4.1.97)";
		else if (load && (list & 0x8000u) && !(addr & 3) &&
			 peek32(md, su, ram, addr + 4 * (n - 1), &v) &&
			 (v & 3) == 2)
			vd->unpred = "LDM loading R15 with bits 1:0 = 0b10 "
				     "(A4.1.20)";
		for (unsigned i = 0; i < 15; i++)
			if (load && (list >> i & 1))
				vd->abort_slot_skip[slot_of(m, i)] = true;
		if (!(addr & 3))
			break;
		if (a || u) {
			vd->dev = DEV_ALIGN_CHECK;
			vd->arch_align_abort = true;
			vd->arch_far = addr;
			break;
		}
		vd->dev = DEV_LEGACY_UNALIGNED;
		vd->legacy_word = addr & ~3u;
		vd->mem_skip = !load;
		for (int i = 0; i < NSLOTS; i++)
			if (vd->abort_slot_skip[i] || (list & 0x8000u && load))
				vd->slot_skip[i] = true;
		break;
	}
	case AK_SWAP:
		vd->va_lo = base;
		vd->va_len = size;
		if (rn == 15 || rd == 15 || rm == 15)
			vd->unpred = "SWP with R15 (A4.1.108)";
		else if (rn == rd || rn == rm)
			vd->unpred = "SWP with Rn = Rd or Rm (A4.1.108)";
		if (size == 4) {
			vd->far_ignore = 3;
			judge_word_alignment(md, su, ram, base, true, rd, true,
					     vd);
			if (vd->dev == DEV_LEGACY_UNALIGNED &&
			    (base & ~3u) <= RAM_SIZE - 4) {
				vd->dev = DEV_SWP_ALIGN;
				vd->uc_exception_wrong = true;
			}
		}
		break;
	case AK_LDREX:
		vd->va_lo = base;
		vd->va_len = size;
		if (rn == 15 || rd == 15)
			vd->unpred = "LDREX with R15 (A4.1.29)";
		else if (size == 8 && ((rd & 1) || rd == 14))
			vd->unpred = "LDREXD with an odd Rd or R14 (A4.1.29)";
		vd->far_ignore = size >= 4 ? 3 : 0;
		/* An exclusive access is naturally aligned (ARMv6 A2.8):
		 * else an alignment fault with A or U set, which has
		 * priority over an external abort (B4.6); UNPREDICTABLE
		 * with both clear. */
		if (!(base & (size - 1)))
			break;
		if (a || u) {
			vd->dev = DEV_ALIGN_CHECK;
			vd->arch_align_abort = true;
			vd->arch_far = base;
		} else if (!vd->unpred) {
			vd->unpred = "LDREX not naturally aligned with "
				     "SCTLR.A = U = 0 (A2.8)";
		}
		break;
	}
}

/* ---------------------------------------------------------------------
 * One case: Unicorn runs the original instruction, the core emulates it,
 * and the states are compared.
 */

/* Both sides of a task: Unicorn with its RAM, the core with a copy. */
struct sides {
	struct uc_side u;
	struct core_side c;
	uint8_t *uram, *init_ram;
	uint32_t ram_size;
	uint32_t sctlr_reset;
	bool uc_open;
};

/* Unicorn executes the one instruction at pc (already in its RAM); with
 * 'drop', after dropping the translated blocks of pc (uc_set_mmu() does
 * it with the MMU on). */
static uc_err uc_step(struct uc_side *u, uint32_t pc, bool drop)
{
	u->start = pc;
	u->code_hits = 0;
	u->intno = -1;
	u->unmapped = false;
	if (drop)
		uc_ctl_remove_cache(u->uc, pc, pc + 4);
	return uc_emu_start(u->uc, pc, pc + 4, 0, 0);
}

/* Find where Unicorn's context keeps QEMU's env->exception.fsr and
 * .vaddress: two translation faults (an LDR through an empty first-level
 * entry) at distinct addresses; the address must be found at exactly
 * one offset both times, with the section translation status (0x5)
 * the word before it (struct { syndrome; fsr; vaddress; } in QEMU 5.0's
 * CPUARMState). */
static bool uc_probe_fault(struct sides *d)
{
	static const uint32_t targets[2] = { 0x00100124u, 0x00203458u };
	struct uc_side *u = &d->u;
	uint8_t *first = malloc(u->ctx_size);
	size_t found = 0, nfound = 0;

	if (!first)
		return false;
	for (unsigned i = 0; i < 2; i++) {
		struct setup su;
		uint32_t l1 = 0x00000c02u; /* VA 0: section, AP 11 */

		memset(&su, 0, sizeof(su));
		memset(d->uram, 0, d->ram_size);
		memcpy(d->uram + MMU_L1_TTBR0, &l1, 4);
		memcpy(d->uram + 0x100, &(uint32_t){ 0xe5910000u }, 4);
		su.s.v[S_CPSR] = ARMPV_MODE_SVC | ARMPV_PSR_I | ARMPV_PSR_F;
		su.s.v[1] = targets[i];
		su.s.v[S_PC] = 0x100;
		su.sctlr = d->sctlr_reset | ARMPV_SCTLR_M;
		su.mmu = (struct mmu_regs){ true, MMU_L1_TTBR0, MMU_L1_TTBR1,
					    0, 1, 0 };
		uc_put_state(u, &su.s);
		uc_set_mmu(u, &su, 0x100);
		uc_step(u, 0x100, false);
		if (u->intno != 4) {
			fprintf(stderr, "diff_unicorn: no data abort with "
				"the MMU on (exception %d)\n", u->intno);
			free(first);
			return false;
		}
		uc_context_save(u->uc, u->ctx);
		if (i == 0)
			memcpy(first, u->ctx, u->ctx_size);
	}
	for (size_t off = 8; off + 8 <= u->ctx_size; off += 4) {
		uint64_t v0, v1;
		uint32_t f0;

		memcpy(&v0, first + off, 8);
		memcpy(&v1, (const uint8_t *)u->ctx + off, 8);
		memcpy(&f0, first + off - 4, 4);
		if (v0 == targets[0] && v1 == targets[1] && f0 == 0x5 &&
		    ctx_word(u, off - 4) == 0x5) {
			found = off;
			nfound++;
		}
	}
	free(first);
	if (nfound != 1) {
		fprintf(stderr, "diff_unicorn: QEMU's fault address found %zu "
			"times in Unicorn's context\n", nfound);
		return false;
	}
	u->off_far = found;
	u->off_fsr = found - 4;
	return true;
}

static bool sides_open(struct sides *d, const struct model *md, bool mmu)
{
	memset(d, 0, sizeof(*d));
	d->ram_size = mmu ? MMU_RAM_SIZE : RAM_SIZE;
	d->uram = aligned_alloc(4096, d->ram_size);
	d->c.ram = aligned_alloc(4096, d->ram_size);
	d->init_ram = malloc(d->ram_size);
	if (!d->uram || !d->c.ram || !d->init_ram ||
	    uc_side_open(&d->u, md, d->uram, mmu) < 0)
		return false;
	d->uc_open = true;
	armpv_vm_init(&d->c.vm, md->core);
	if (armpv_vm_add_region(&d->c.vm, 0,
				mmu ? MMU_REGION0_SIZE : RAM_SIZE, d->c.ram,
				0) < 0)
		return false;
	for (unsigned k = 1; mmu && k < MMU_NWIN; k++)
		if (armpv_vm_add_region(&d->c.vm, mmu_win[k], MMU_WIN_SIZE,
					d->c.ram + MMU_REGION0_SIZE +
						(k - 1) * MMU_WIN_SIZE,
					0) < 0)
			return false;
	armpv_vcpu_init(&d->c.vcpu, &d->c.vm);
	d->sctlr_reset = d->c.vcpu.cp15.sctlr;
	return !mmu || uc_probe_fault(d);
}

static void sides_close(struct sides *d)
{
	if (d->uc_open)
		uc_side_close(&d->u);
	free(d->uram);
	free(d->c.ram);
	free(d->init_ram);
}

/* Run one prepared case (su, with the initial RAM already in d->uram and
 * the verdict vd) and count it in t.  The core gets 'trap' as a trap of
 * 'kind', or with kind < 0 the original word as a faulting access
 * (armpv_vcpu_emulate_access).  Returns false on a hard Unicorn error. */
/* With the MMU on, what the ARM ARM decides instead of Unicorn: on ARMv6
 * with XP = 0, a first-level descriptor of type 0b11 (v6-fine-table). */
static void mmu_judge(const struct model *md, const struct setup *su,
		      const uint8_t *ram, struct verdict *vd)
{
	struct tw tw;

	if (!vd->va_len || vd->arch_align_abort ||
	    md->arch != ARMPV_ARCH_ARMV6 || (su->sctlr & ARMPV_SCTLR_XP))
		return;
	if (test_walk(md, su, ram, vd->va_lo, &tw) == TW_L1_FAULT &&
	    (tw.l1 & 3u) == D1_FINE) {
		vd->arch_abort = true;
		vd->arch_status = ARMPV_FSR_TRANS_SECTION;
		vd->arch_far = mmu_mva(&su->mmu, vd->va_lo);
		vd->dev = DEV_V6_FINE;
	}
}

/* With the MMU on, Unicorn's data abort against the core's: DFSR status
 * (and on ARMv6 WnR), the domain where the architecture defines it (not
 * for alignment, section translation or first-level walk aborts: ARM926EJ-S
 * TRM Table 3-9 "invalid"), and FAR, the MVA (fcse-far: Unicorn's is the
 * VA).  A page domain fault from Unicorn where the second-level
 * descriptor is a fault is l2-domain-order: the ARM ARM's page
 * translation fault is expected instead. */
static bool mmu_abort_matches(struct task *t, const struct model *md,
			      const struct setup *su, const uint8_t *init_ram,
			      const struct verdict *vd,
			      const struct core_side *c, uint32_t ufsr,
			      uint32_t ufar)
{
	uint32_t dfsr = c->vcpu.cp15.dfsr, st = ufsr & 0x40fu;
	uint32_t far = mmu_mva(&su->mmu, ufar);
	bool dom;
	struct tw tw;

	if (far != ufar)
		t->dev[DEV_FCSE_FAR]++;
	if (st == ARMPV_FSR_DOMAIN_PAGE &&
	    test_walk(md, su, init_ram, ufar, &tw) == TW_L2_FAULT) {
		t->dev[DEV_L2_DOMAIN]++;
		st = ARMPV_FSR_TRANS_PAGE;
	}
	dom = st != ARMPV_FSR_ALIGNMENT && st != ARMPV_FSR_TRANS_SECTION &&
	      st != ARMPV_FSR_EXTABT_TRANS_L1;
	if ((dfsr & 0x40fu) != st || (dom && (dfsr ^ ufsr) & 0xf0u))
		return false;
	if (md->arch == ARMPV_ARCH_ARMV6 && (dfsr ^ ufsr) & ARMPV_FSR_WNR)
		return false;
	return !((c->vcpu.cp15.far ^ far) & ~vd->far_ignore);
}

static bool run_case(struct task *t, struct sides *d, const struct setup *su,
		     struct verdict *vd, bool conditional, int kind,
		     uint32_t trap)
{
	const struct model *md = t->model;
	struct uc_side *u = &d->u;
	struct core_side *c = &d->c;
	uint8_t *uram = d->uram, *cram = c->ram, *init_ram = d->init_ram;
	struct state want, got;
	uint32_t pc = su->s.v[S_PC];
	bool skip_all_mem = false, failed = false, aborted = false;
	bool mem_untouched = false, uc_wrong = vd->uc_exception_wrong;
	const uint8_t *mem_want = uram;
	const char *how = NULL;
	uint32_t ufsr = 0, ufar = 0;
	uc_err e;
	enum armpv_exit_reason exit;

	/* Unicorn: the original instruction. */
	uc_put_state(u, &su->s);
	if (su->mmu.on)
		uc_set_mmu(u, su, pc);
	else
		uc_set_sctlr(u, su->sctlr);
	e = uc_step(u, pc, !su->mmu.on);
	/* A branch whose target does not translate: the instruction
	 * completed, and fetching its target gave a prefetch abort. */
	if (su->mmu.on && u->intno == 3) {
		uc_fault_info(u, &ufsr, &ufar);
		if (ufar == ucr(u, UC_ARM_REG_PC))
			u->intno = -1;
	}
	if (su->mmu.on && u->intno == 4) {
		uc_fault_info(u, &ufsr, &ufar);
		/* The legacy unaligned model accesses the aligned word(s);
		 * Unicorn's unaligned access faulting in a page past them
		 * is its own (legacy-unaligned). */
		if (vd->legacy_word &&
		    ufar >> 10 > (vd->legacy_word + vd->va_len - 1) >> 10)
			uc_wrong = true;
	}

	/* The core: the trap word, on a copy of memory. */
	/* The same memory, the original word at pc included: the
	 * core gets the trap word as an argument and never fetches,
	 * and a load or store that reaches the instruction's own
	 * word must see what Unicorn sees. */
	memcpy(cram, init_ram, d->ram_size);
	core_put_state(c, &su->s, su->sctlr);
	if (su->mmu.on) {
		c->vcpu.cp15.ttbr0 = su->mmu.ttbr0;
		c->vcpu.cp15.ttbr1 = su->mmu.ttbr1;
		c->vcpu.cp15.ttbcr = su->mmu.ttbcr;
		c->vcpu.cp15.dacr = su->mmu.dacr;
		c->vcpu.cp15.fcse_pid = su->mmu.fcse;
	}
	exit = kind < 0 ? armpv_vcpu_emulate_access(&c->vcpu, su->word)
			: armpv_vcpu_trap(&c->vcpu, (enum armpv_trap_kind)kind,
					  trap);
	core_get_state(c, &got);

	if (exit != ARMPV_EXIT_RESUME) {
		how = "core exit is not resume";
		failed = true;
		want = su->s;
	} else if (vd->arch_align_abort || vd->arch_abort) {
		/* The ARM ARM decides: Unicorn does not check alignment
		 * (sctlr-a: DFSR alignment, FAR exact), or translates
		 * where the architecture faults (v6-fine-table: FAR the
		 * first access's MVA). */
		uint32_t st = vd->arch_abort ? vd->arch_status
					     : ARMPV_FSR_ALIGNMENT;
		uint32_t ign = vd->arch_abort ? vd->far_ignore : 0;

		t->dev[vd->dev]++;
		t->excepted++;
		aborted = true;
		expect_exception(md, &su->s, su->sctlr, ARMPV_MODE_ABT,
				 0x10, 8, true, &want);
		/* Nothing written (with the MMU on: compared; off, as
		 * before the MMU states existed, not). */
		skip_all_mem = !su->mmu.on;
		mem_untouched = true;
		if ((c->vcpu.cp15.dfsr & 0x40f) != st ||
		    (c->vcpu.cp15.far ^ vd->arch_far) & ~ign) {
			how = vd->arch_abort ? "translation fault: DFSR/FAR"
					     : "alignment fault: DFSR/FAR";
			failed = true;
		}
	} else if (uc_wrong && (u->intno >= 0 || u->unmapped)) {
		want = su->s;
		want.v[S_PC] += 4;
		skip_all_mem = true;
		if (!vd->uc_exception_wrong && vd->base_slot >= 0)
			vd->slot_skip[vd->base_slot] = true;
	} else if (u->unmapped && su->mmu.on) {
		/* The test keeps every access in the windows. */
		how = "unicorn: a virtual address outside the windows (test "
		      "error)";
		failed = true;
		want = su->s;
	} else if (u->unmapped) {
		/* Outside RAM: an external abort in the core. */
		t->unmapped++;
		aborted = true;
		expect_exception(md, &su->s, su->sctlr, ARMPV_MODE_ABT,
				 0x10, 8, true, &want);
		skip_all_mem = true;
		/* ARM ARM A2.6.5: registers an aborted LDM loads are
		 * UNKNOWN; the base is restored (ARM926EJ-S and
		 * ARM1176 use the base restored model). */
		for (int i = 0; i < NSLOTS; i++)
			if (vd->abort_slot_skip[i])
				vd->slot_skip[i] = true;
		/* Unicorn reports a word access's address with
		 * low bits it does not access: compare the word. */
		if ((c->vcpu.cp15.dfsr & 0x40f) !=
			    ARMPV_FSR_EXTABT_NONLINEFETCH ||
		    (c->vcpu.cp15.far ^ u->unmapped_addr) & ~vd->far_ignore) {
			how = "external abort: DFSR/FAR";
			failed = true;
		}
	} else if (u->intno >= 0 || e == UC_ERR_INSN_INVALID) {
		/* QEMU exception numbers: 1 UDEF, 2 SWI, 4 data
		 * abort. */
		int x = e == UC_ERR_INSN_INVALID ? 1 : u->intno;

		t->excepted++;
		aborted = true;
		/* With the MMU on, a data abort's memory is compared: both
		 * store in order up to the faulting access (A2.6.5). */
		skip_all_mem = !(su->mmu.on && x == 4);
		if (x == 4 && su->mmu.on &&
		    !mmu_abort_matches(t, md, su, init_ram, vd, c, ufsr,
				       ufar)) {
			how = "data abort: DFSR/FAR";
			failed = true;
		}
		if (x == 1)
			expect_exception(md, &su->s, su->sctlr,
					 ARMPV_MODE_UND, 0x04, 4, false,
					 &want);
		else if (x == 4)
			expect_exception(md, &su->s, su->sctlr,
					 ARMPV_MODE_ABT, 0x10, 8, true,
					 &want);
		else {
			task_printf(t, "  unicorn raised exception %d\n",
				    x);
			if (su->mmu.on) {
				/* Where the walk of pc led, to tell a table
				 * generation error from a Unicorn fault. */
				struct tw tw;
				int r = test_walk(md, su, init_ram, pc, &tw);

				uc_fault_info(u, &ufsr, &ufar);
				task_printf(t, "    unicorn fsr %03" PRIx32
					    " far %08" PRIx32 "; the test's "
					    "walk of pc: %d, l1 %08" PRIx32
					    " pa %08" PRIx32 "\n",
					    ufsr, ufar, r, tw.l1, tw.pa);
			}
			t->hard = true;
			want = su->s;
		}
	} else if (e != UC_ERR_OK && e != UC_ERR_FETCH_UNMAPPED &&
		   e != UC_ERR_FETCH_PROT) {
		task_printf(t, "  unicorn: %s\n", uc_strerror(e));
		report_case(t, "unicorn error", su, trap);
		t->hard = true;
		return false;
	} else {
		uc_get_state(u, &want);
	}

	if (!failed) {
		for (int i = 0; i < NSLOTS; i++) {
			uint32_t mask = i == S_CPSR ? ~vd->cpsr_ignore
				      : i == S_PC  ? ~vd->pc_ignore
						   : 0xffffffffu;

			if (vd->slot_skip[i])
				continue;
			if ((want.v[i] ^ got.v[i]) & mask)
				failed = true;
		}
		if (vd->arch_slot >= 0 && !aborted &&
		    got.v[vd->arch_slot] != vd->arch_value) {
			failed = true;
			how = "differs from the ARM ARM";
			want.v[vd->arch_slot] = vd->arch_value;
		}
		if (mem_untouched)
			mem_want = init_ram;
		if (!failed && !skip_all_mem && !vd->mem_skip) {
			if (memcmp(mem_want, cram, d->ram_size) != 0) {
				failed = true;
				how = "memory differs";
			}
		}
	}
	if (vd->dev >= 0 && !vd->arch_align_abort && !vd->arch_abort)
		t->dev[vd->dev]++;
	if (su->mmu.on && aborted && !failed &&
	    (got.v[S_CPSR] & ARMPV_PSR_M_MASK) == ARMPV_MODE_ABT &&
	    got.v[S_PC] % 0x10000u == 0x10)
		t->mmu_aborts[c->vcpu.cp15.dfsr & 0xfu]++;
	if (conditional && !cond_passes(su->word >> 28, su->s.v[S_CPSR]))
		t->cond_failed++;
	if (vd->unpred) {
		t->unpred++;
		if (!failed)
			return true;
		/* Shown only on request: both sides may be right. */
		if (++t->unpred_differ > (uint64_t)t->verbose_unpred)
			return true;
		task_printf(t, "  UNPREDICTABLE, %s:\n", vd->unpred);
	} else {
		t->compared++;
		if (!failed)
			return true;
		if (++t->failures > (uint64_t)t->verbose)
			return true;
	}
	report_case(t, how ? how : "mismatch", su, trap);
	if (vd->dev >= 0)
		task_printf(t, "    (deviation %s applies)\n",
			    deviations[vd->dev].name);
	if (u->intno >= 0 || u->unmapped)
		task_printf(t, "    unicorn: exception %d, unmapped %s"
			    " %08" PRIx32 "\n", u->intno,
			    u->unmapped ? (u->unmapped_write ? "write"
							     : "read")
					: "-",
			    u->unmapped_addr);
	if (su->mmu.on)
		task_printf(t, "    mmu: ttbr0 %08" PRIx32 " ttbr1 %08" PRIx32
			    " ttbcr %" PRIx32 " dacr %08" PRIx32 " fcse %08"
			    PRIx32 "; unicorn fsr %03" PRIx32 " far %08"
			    PRIx32 "\n", su->mmu.ttbr0, su->mmu.ttbr1,
			    su->mmu.ttbcr, su->mmu.dacr, su->mmu.fcse, ufsr,
			    ufar);
	task_printf(t, "    core: dfsr %08" PRIx32 " far %08" PRIx32,
		    c->vcpu.cp15.dfsr, c->vcpu.cp15.far);
	if (vd->arch_align_abort || vd->arch_abort)
		task_printf(t, "; ARM ARM: %s, far %08" PRIx32,
			    vd->arch_abort ? "translation" : "alignment",
			    vd->arch_far);
	task_printf(t, "\n");
	print_state_diff(t, &su->s, &want, &got, vd->slot_skip);
	if (how && strcmp(how, "memory differs") == 0)
		for (uint32_t a = 0; a < d->ram_size; a += 4)
			if (memcmp(mem_want + a, cram + a, 4)) {
				uint32_t x, y, z;

				memcpy(&x, init_ram + a, 4);
				memcpy(&y, mem_want + a, 4);
				memcpy(&z, cram + a, 4);
				task_printf(t, "    mem[%04" PRIx32 "] "
					    "%08" PRIx32 "   %08" PRIx32
					    "   %08" PRIx32 "\n",
					    a, x, y, z);
			}
	return true;
}

static void report_too_few(struct task *t)
{
	if (t->compared < t->states && !t->hard) {
		task_printf(t, "  only %" PRIu64 " defined cases in %" PRIu64
			    " tries\n", t->compared, t->tried);
		t->failures++;
	}
}

/* ---------------------------------------------------------------------
 * One form, or one class of the guest's own loads and stores (emulated
 * from the original word): the main loop.
 */
static void run_form(struct task *t)
{
	const struct model *md = t->model;
	const struct armpv_form *f = t->form;
	struct rng g = { t->seed };
	struct sides d;
	int kind = !f ? -1
	       : strcmp(armpv_trapspaces[f->space].name, "swi") == 0
		       ? ARMPV_TRAP_SWI
		       : ARMPV_TRAP_UNDEF;
	uint64_t max_tries = (uint64_t)t->states * 50;

	if (!sides_open(&d, md, t->mmu)) {
		t->hard = true;
		goto out;
	}
	while (t->compared < t->states && t->tried < max_tries) {
		struct setup su;
		struct verdict vd;
		uint32_t trap, back = 0;

		t->tried++;
		if (f)
			random_setup(&g, md, f, d.sctlr_reset, &su, d.uram,
				     t->mmu);
		else
			access_setup(&g, md, t->access, d.sctlr_reset, &su,
				     d.uram, t->mmu);
		memcpy(d.uram + su.s.v[S_PC], &su.word, 4);
		memcpy(d.init_ram, d.uram, d.ram_size);
		if (f)
			judge(md, f, &su, d.uram, &vd);
		else
			judge_access(md, t->access, &su, d.uram, &vd);
		if (t->mmu) {
			/* Accesses outside the windows are not run (Unicorn
			 * would call them unmapped, whatever the tables). */
			if (vd.va_len && !mmu_in_window(vd.va_lo, vd.va_len))
				continue;
			mmu_judge(md, &su, d.uram, &vd);
		}
		if (!f) {
			if (!run_case(t, &d, &su, &vd, true, kind, su.word))
				break;
			continue;
		}
		trap = armpv_encode(f, su.word);
		if (armpv_decode(trap, &back) != f || back != su.word) {
			report_case(t, "trap word does not decode back", &su,
				    trap);
			t->failures++;
			continue;
		}
		if (!run_case(t, &d, &su, &vd, f->conditional, kind, trap))
			break;
	}
	report_too_few(t);
out:
	sides_close(&d);
}

/* ---------------------------------------------------------------------
 * CP15: MRC of the registers Unicorn models, MCR then MRC of writable
 * ones, as the raw instruction word (CP15 is not rewritten: it traps as
 * Undefined in USR mode and the core emulates it).
 */
enum cp15_kind {
	CP15_REG,  /* MRC; and first MCR of a random value if writable */
	CP15_OP,   /* an operation: MCR of a random value, no read back */
	CP15_TEST, /* MRC to r15: sets the flags (ARM926 test and clean) */
};

struct cp15_reg {
	const char *name;
	uint8_t crn, opc1, crm, opc2;
	unsigned archs;
	bool writable;
	uint32_t wmask; /* bits random writes may set */
	enum cp15_kind kind;
};

static const struct cp15_reg cp15_regs[] = {
	{ "MIDR", 0, 0, 0, 0, ARMPV_ARCH_ALL, false, 0, CP15_REG },
	{ "CTR", 0, 0, 0, 1, ARMPV_ARCH_ALL, false, 0, CP15_REG },
	{ "TCMTR", 0, 0, 0, 2, ARMPV_ARCH_ALL, false, 0, CP15_REG },
	{ "TLBTR", 0, 0, 0, 3, ARMPV_ARCH_ARMV6, false, 0, CP15_REG },
	{ "SCTLR", 1, 0, 0, 0, ARMPV_ARCH_ALL, false, 0, CP15_REG },
	{ "TTBR0", 2, 0, 0, 0, ARMPV_ARCH_ALL, true, 0xffffc000u, CP15_REG },
	{ "TTBR1", 2, 0, 0, 1, ARMPV_ARCH_ARMV6, true, 0xffffc000u, CP15_REG },
	{ "TTBCR", 2, 0, 0, 2, ARMPV_ARCH_ARMV6, true, 0x7u, CP15_REG },
	{ "DACR", 3, 0, 0, 0, ARMPV_ARCH_ALL, true, 0xffffffffu, CP15_REG },
	{ "DFSR", 5, 0, 0, 0, ARMPV_ARCH_ALL, true, 0x000000ffu, CP15_REG },
	{ "IFSR", 5, 0, 0, 1, ARMPV_ARCH_ARMV6, true, 0x0000000fu, CP15_REG },
	{ "FAR", 6, 0, 0, 0, ARMPV_ARCH_ALL, true, 0xffffffffu, CP15_REG },
	{ "IFAR", 6, 0, 0, 2, ARMPV_ARCH_ARMV6, true, 0xffffffffu, CP15_REG },
	/* Not written: a nonzero FCSE PID relocates the next instruction
	 * fetch (FCSE applies with the MMU off too), away from our code. */
	{ "FCSEIDR", 13, 0, 0, 0, ARMPV_ARCH_ALL, false, 0, CP15_REG },
	{ "CONTEXTIDR", 13, 0, 0, 1, ARMPV_ARCH_ARMV6, true, 0xffffffffu, CP15_REG },
	{ "TPIDRURW", 13, 0, 0, 2, ARMPV_ARCH_ARMV6, true, 0xffffffffu, CP15_REG },
	{ "TPIDRURO", 13, 0, 0, 3, ARMPV_ARCH_ARMV6, true, 0xffffffffu, CP15_REG },
	{ "TPIDRPRW", 13, 0, 0, 4, ARMPV_ARCH_ARMV6, true, 0xffffffffu, CP15_REG },
	/* Cache and TLB maintenance: no architectural state changes, but
	 * both sides must accept them from every privileged mode and touch
	 * no register. */
	{ "ICIALLU", 7, 0, 5, 0, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "ICIMVAU", 7, 0, 5, 1, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "DCIALL", 7, 0, 6, 0, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "DCIMVAC", 7, 0, 6, 1, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "IDCIALL", 7, 0, 7, 0, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "DCCMVAC", 7, 0, 10, 1, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "DRAINWB", 7, 0, 10, 4, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "DCCIMVAC", 7, 0, 14, 1, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "DMB", 7, 0, 10, 5, ARMPV_ARCH_ARMV6, true, ~0u, CP15_OP },
	{ "ISB", 7, 0, 5, 4, ARMPV_ARCH_ARMV6, true, ~0u, CP15_OP },
	{ "TLBIALL", 8, 0, 7, 0, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "TLBIMVA", 8, 0, 7, 1, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "ITLBIALL", 8, 0, 5, 0, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	{ "DTLBIALL", 8, 0, 6, 0, ARMPV_ARCH_ALL, true, ~0u, CP15_OP },
	/* ARM926EJ-S test and clean (TRM 2.3.8), as Linux's
	 * v4wbi/arm926 cache flush loops use it: MRC to r15. */
	{ "TESTCLEAN", 7, 0, 10, 3, ARMPV_ARCH_ARMV5TE, false, 0, CP15_TEST },
	{ "TESTCLEANINV", 7, 0, 14, 3, ARMPV_ARCH_ARMV5TE, false, 0,
	  CP15_TEST },
};
#define NCP15 (sizeof(cp15_regs) / sizeof(cp15_regs[0]))

static uint32_t cp15_word(const struct cp15_reg *r, bool read, unsigned rd)
{
	return 0xee000f10u | (uint32_t)r->opc1 << 21 | (read ? 1u << 20 : 0) |
	       (uint32_t)r->crn << 16 | rd << 12 | (uint32_t)r->opc2 << 5 |
	       r->crm;
}

/* Run one word in Unicorn at pc from state s; false if it did not
 * complete normally. */
static bool uc_run_one(struct uc_side *u, uint32_t pc, uint32_t word)
{
	uc_err e;

	memcpy(u->ram + pc, &word, 4);
	e = uc_step(u, pc, true);
	return e == UC_ERR_OK && u->intno < 0;
}

static void run_cp15(struct task *t)
{
	const struct model *md = t->model;
	struct rng g = { t->seed };
	uint8_t *uram = aligned_alloc(4096, RAM_SIZE);
	uint8_t *cram = aligned_alloc(4096, RAM_SIZE);
	struct uc_side u;
	struct core_side c;

	if (!uram || !cram || uc_side_open(&u, md, uram, false) < 0) {
		t->hard = true;
		goto out;
	}
	memset(uram, 0, RAM_SIZE);
	memset(cram, 0, RAM_SIZE);
	armpv_vm_init(&c.vm, md->core);
	armpv_vm_add_region(&c.vm, 0, RAM_SIZE, cram, 0);
	for (uint32_t i = 0; i < t->states; i++) {
		const struct cp15_reg *r = &cp15_regs[t->cp15_index];
		struct setup su;
		struct state want, got;
		uint32_t m = priv_modes[rng_below(&g, 6)];
		unsigned rd = rng_below(&g, 15);
		bool ok = true;
		uint32_t val = 0;

		if (!(r->archs & md->arch))
			continue;
		t->tried++;
		for (int k = 0; k < NSLOTS; k++)
			su.s.v[k] = random_value(&g);
		for (int k = S_SPSR_FIQ; k < S_CPSR; k++)
			su.s.v[k] = random_psr(&g, md);
		su.s.v[S_CPSR] = m | ARMPV_PSR_I | ARMPV_PSR_F;
		su.s.v[S_PC] = 0x100;
		armpv_vcpu_init(&c.vcpu, &c.vm);
		su.sctlr = c.vcpu.cp15.sctlr;
		uc_put_state(&u, &su.s);
		core_put_state(&c, &su.s, su.sctlr);
		/* Writable registers: MCR a random value first, in both. */
		if (r->writable) {
			uint32_t w = cp15_word(r, false, rd);

			val = rng32(&g) & r->wmask;
			su.s.v[slot_of(m, rd)] = val;
			uc_put_state(&u, &su.s);
			core_put_state(&c, &su.s, su.sctlr);
			su.word = w;
			ok = uc_run_one(&u, 0x100, w);
			if (armpv_vcpu_trap(&c.vcpu, ARMPV_TRAP_UNDEF, w) !=
			    ARMPV_EXIT_RESUME)
				ok = false;
		}
		/* Then MRC it back, in both, from pc + 4, to another Rd
		 * (r15 for a test-and-clean); an operation only MCRs. */
		rd = r->kind == CP15_TEST ? 15
					  : (rd + 1 + rng_below(&g, 14)) % 15;
		su.word = cp15_word(r, true, rd);
		if (ok && r->kind != CP15_OP) {
			uint32_t pc = r->writable ? 0x104 : 0x100;

			ok = uc_run_one(&u, pc, su.word);
			c.vcpu.r[15] = pc;
			if (armpv_vcpu_trap(&c.vcpu, ARMPV_TRAP_UNDEF,
					    su.word) != ARMPV_EXIT_RESUME)
				ok = false;
		}
		if (ok) {
			uc_get_state(&u, &want);
			core_get_state(&c, &got);
			if (md->core == ARMPV_CPU_ARM926EJS &&
			    strcmp(r->name, "SCTLR") == 0) {
				t->dev[DEV_SCTLR_RESET]++;
				want.v[slot_of(m, rd)] &= ~0x000c0000u;
				want.v[slot_of(m, rd)] |=
					got.v[slot_of(m, rd)] & 0x000c0000u;
			}
			ok = memcmp(&want, &got, sizeof(want)) == 0;
		}
		t->compared++;
		if (ok)
			continue;
		t->failures++;
		if (t->failures > (uint64_t)t->verbose + 3)
			continue;
		task_printf(t, "  %s %s (%s %08" PRIx32 "): unicorn %s, "
			    "core sctlr %08" PRIx32 "\n",
			    md->name, r->name, r->writable ? "MCR then MRC" : "MRC",
			    val, u.intno >= 0 ? "raised an exception" : "ran",
			    c.vcpu.cp15.sctlr);
		if (u.intno < 0) {
			uc_get_state(&u, &want);
			core_get_state(&c, &got);
			task_printf(t, "    Rd = r%u: unicorn %08" PRIx32
				    " core %08" PRIx32 " (unicorn's register "
				    "%08" PRIx32 ")\n", rd,
				    want.v[slot_of(m, rd)],
				    got.v[slot_of(m, rd)],
				    uc_get_cp15(&u, r->crn, r->opc1, r->crm,
						r->opc2));
			print_state_diff(t, &su.s, &want, &got, NULL);
		}
	}
	uc_side_close(&u);
out:
	free(uram);
	free(cram);
}

/* ---------------------------------------------------------------------
 * Self-test of the Unicorn register plumbing: a state written and read
 * back in every mode (USR included) must be unchanged.
 */
static bool uc_selftest(const struct model *md)
{
	uint8_t *ram = aligned_alloc(4096, RAM_SIZE);
	struct uc_side u;
	struct rng g = { 42 };
	bool ok = true;

	if (!ram || uc_side_open(&u, md, ram, false) < 0) {
		free(ram);
		return false;
	}
	for (unsigned i = 0; i < 7 * 50 && ok; i++) {
		struct state s, r;

		for (int k = 0; k < NSLOTS; k++)
			s.v[k] = rng32(&g);
		for (int k = S_SPSR_FIQ; k < S_CPSR; k++)
			s.v[k] = random_psr(&g, md);
		s.v[S_CPSR] = valid_modes[i % 7] | ARMPV_PSR_I | ARMPV_PSR_F;
		s.v[S_PC] = 0x100;
		uc_put_state(&u, &s);
		ucw(&u, UC_ARM_REG_PC, 0x100);
		uc_get_state(&u, &r);
		for (int k = 0; k < NSLOTS; k++)
			if (s.v[k] != r.v[k]) {
				fprintf(stderr,
					"diff_unicorn: %s: %s written %08" PRIx32
					" read %08" PRIx32 " in mode %s\n",
					md->name, slot_name(k), s.v[k], r.v[k],
					armpv_mode_name(s.v[S_CPSR]));
				ok = false;
			}
	}
	uc_side_close(&u);
	free(ram);
	return ok;
}

/* ---------------------------------------------------------------------
 * Tasks and threads.
 */
static struct task *tasks;
static size_t ntasks, next_task;
static pthread_mutex_t task_lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *worker(void *arg)
{
	(void)arg;
	for (;;) {
		struct task *t;
		double t0;

		pthread_mutex_lock(&task_lock);
		t = next_task < ntasks ? &tasks[next_task++] : NULL;
		pthread_mutex_unlock(&task_lock);
		if (!t)
			return NULL;
		t0 = now();
		if (t->form || t->access)
			run_form(t);
		else
			run_cp15(t);
		t->seconds = now() - t0;
	}
}

/* The forms whose emulation accesses memory, run again with the MMU on. */
static bool form_accesses_memory(const struct armpv_form *f)
{
	switch (f->insn) {
	case ARMPV_INSN_LDRT:
	case ARMPV_INSN_STRT:
	case ARMPV_INSN_LDRBT:
	case ARMPV_INSN_STRBT:
	case ARMPV_INSN_STM_USER:
	case ARMPV_INSN_LDM_USER:
	case ARMPV_INSN_LDM_RET:
	case ARMPV_INSN_RFE:
	case ARMPV_INSN_SRS:
		return true;
	default:
		return false;
	}
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
	const char *s = getenv(name);

	return s && *s ? strtoull(s, NULL, 0) : dflt;
}

int main(int argc, char **argv)
{
	uint64_t states = env_u64("ARMPV_DIFF_STATES", DIFF_DEFAULT_STATES);
	uint64_t mmu_states = env_u64("ARMPV_DIFF_MMU_STATES", UINT64_MAX);
	uint64_t seed = env_u64("ARMPV_DIFF_SEED", DIFF_DEFAULT_SEED);
	unsigned nthreads = (unsigned)env_u64(
		"ARMPV_DIFF_THREADS", (uint64_t)sysconf(_SC_NPROCESSORS_ONLN));
	const char *only = getenv("ARMPV_DIFF_FORM");
	int verbose = (int)env_u64("ARMPV_DIFF_VERBOSE", 3);
	int verbose_unpred = (int)env_u64("ARMPV_DIFF_SHOW_UNPRED", 0);
	const char *which = argc > 1 ? argv[1] : "all";
	pthread_t th[64];
	uint64_t total_fail = 0, total_cmp = 0, dev_total[NDEVS] = { 0 };
	bool hard = false;
	double t0 = now();

	(void)slot_name(0);
	if (argc > 2)
		states = strtoull(argv[2], NULL, 0);
	if (argc > 3)
		seed = strtoull(argv[3], NULL, 0);
	if (mmu_states == UINT64_MAX)
		mmu_states = states;
	if (argc > 4 || states == 0 || states > 0xffffffffu ||
	    mmu_states > 0xffffffffu) {
		fprintf(stderr, "usage: diff_unicorn arm926|arm1176|all "
				"[STATES [SEED]]\n");
		return 2;
	}
	if (nthreads < 1)
		nthreads = 1;
	if (nthreads > 64)
		nthreads = 64;

	tasks = calloc(2 * NMODELS * (ARMPV_NFORMS + NCP15 + NACCESS),
		       sizeof(*tasks));
	if (!tasks)
		return DIFF_EXIT_HARD;
	for (size_t mi = 0; mi < NMODELS; mi++) {
		const struct model *md = &models[mi];

		if (strcmp(which, "all") && strcmp(which, md->name))
			continue;
		if (!uc_selftest(md)) {
			fprintf(stderr, "diff_unicorn: %s: Unicorn register "
					"round trip failed\n", md->name);
			return DIFF_EXIT_HARD;
		}
		/* Every form, every CP15 register and operation, then every
		 * class of the guest's own loads and stores; then with the
		 * MMU on, the forms that access memory and the classes. */
		for (size_t ti = 0; ti < 2 * (ARMPV_NFORMS + NCP15 + NACCESS);
		     ti++) {
			size_t fi = ti % (ARMPV_NFORMS + NCP15 + NACCESS);
			bool mmu = ti != fi;
			const struct armpv_form *f =
				fi < ARMPV_NFORMS ? &armpv_forms[fi] : NULL;
			const struct cp15_reg *r =
				f || fi >= ARMPV_NFORMS + NCP15
					? NULL
					: &cp15_regs[fi - ARMPV_NFORMS];
			const struct access_class *ac =
				fi >= ARMPV_NFORMS + NCP15
					? &access_classes[fi - ARMPV_NFORMS -
							  NCP15]
					: NULL;
			struct task *t = &tasks[ntasks];

			if (f && !(f->archs & md->arch))
				continue;
			if (r && !(r->archs & md->arch))
				continue;
			if (ac && !(ac->archs & md->arch))
				continue;
			if (mmu && (r || (f && !form_accesses_memory(f)) ||
				    !mmu_states))
				continue;
			if (only && !strstr(form_label(f, r ? r->name : NULL,
						       ac, mmu),
					    only))
				continue;
			if (r) {
				t->cp15_name = r->name;
				t->cp15_index = fi - ARMPV_NFORMS;
			}
			t->model = md;
			t->form = f;
			t->access = ac;
			t->mmu = mmu;
			t->states = (uint32_t)(mmu ? mmu_states : states);
			t->verbose = verbose;
			t->verbose_unpred = verbose_unpred;
			/* Independent of thread scheduling. */
			t->seed = seed ^ (uint64_t)(mi + 1) << 56 ^
				  (uint64_t)(fi + 1) << 40 ^
				  (uint64_t)mmu << 36;
			ntasks++;
		}
	}
	if (!ntasks) {
		fprintf(stderr, "diff_unicorn: no model '%s'\n", which);
		return 2;
	}
	printf("diff_unicorn: %s, %" PRIu64 " defined states per form (%"
	       PRIu64 " with the MMU on), seed 0x%" PRIx64 ", %u threads\n",
	       which, states, mmu_states, seed, nthreads);
	fflush(stdout);
	if (nthreads > ntasks)
		nthreads = (unsigned)ntasks;
	for (unsigned i = 0; i < nthreads; i++)
		pthread_create(&th[i], NULL, worker, NULL);
	for (unsigned i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);

	printf("%-8s %-17s %9s %9s %8s %8s %8s %9s %7s %6s  %s\n", "model",
	       "form", "compared", "cond-fail", "except", "unmapd", "unpred",
	       "unpr-diff", "fail", "sec", "deviations");
	for (size_t i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];
		char devs[128] = "";
		size_t dl = 0;

		for (int d = 0; d < NDEVS; d++) {
			dev_total[d] += t->dev[d];
			if (t->dev[d] && dl < sizeof(devs))
				dl += (size_t)snprintf(devs + dl,
						       sizeof(devs) - dl,
						       "%s%s=%" PRIu64,
						       dl ? " " : "",
						       deviations[d].name,
						       t->dev[d]);
		}
		printf("%-8s %-17s %9" PRIu64 " %9" PRIu64 " %8" PRIu64
		       " %8" PRIu64 " %8" PRIu64 " %9" PRIu64 " %7" PRIu64
		       " %6.1f  %s%s\n",
		       t->model->name,
		       form_label(t->form, t->cp15_name, t->access, t->mmu),
		       t->compared, t->cond_failed, t->excepted, t->unmapped,
		       t->unpred, t->unpred_differ, t->failures, t->seconds,
		       devs, t->hard ? " HARD-ERROR" : "");
		total_fail += t->failures;
		total_cmp += t->compared;
		hard |= t->hard;
	}
	for (size_t i = 0; i < ntasks; i++)
		if (tasks[i].detail_len)
			printf("\n%s %s:\n%s", tasks[i].model->name,
			       form_label(tasks[i].form, tasks[i].cp15_name,
					  tasks[i].access, tasks[i].mmu),
			       tasks[i].detail);
	{
		uint64_t h[16] = { 0 }, any = 0;

		for (size_t i = 0; i < ntasks; i++)
			for (int k = 0; k < 16; k++) {
				h[k] += tasks[i].mmu_aborts[k];
				any += tasks[i].mmu_aborts[k];
			}
		if (any) {
			printf("\nData aborts with the MMU on, by DFSR status:");
			for (int k = 0; k < 16; k++)
				if (h[k])
					printf(" 0x%x: %" PRIu64, k, h[k]);
			printf("\n");
		}
	}
	printf("\nDeliberate differences from Unicorn (model deviations):\n");
	for (int d = 0; d < NDEVS; d++)
		printf("  %-17s %9" PRIu64 " cases: %s.\n", deviations[d].name,
		       dev_total[d], deviations[d].why);
	printf("\ndiff_unicorn: %s: %" PRIu64 " defined cases compared, %"
	       PRIu64 " failures, %.1f s%s\n", which, total_cmp, total_fail,
	       now() - t0, hard ? ", HARD ERROR" : "");
	free(tasks);
	if (hard)
		return DIFF_EXIT_HARD;
	return total_fail ? 1 : 0;
}
