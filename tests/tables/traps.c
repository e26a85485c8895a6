// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * traps.c -- every trap word armpv produces traps on the target CPU model,
 * keeps its condition, and changes nothing before it traps.
 *
 * An ARM Linux program, run by qemu-traps.sh as
 *   qemu-arm -cpu arm926 traps-arm armv5te     (ARM926EJ-S)
 *   qemu-arm -cpu arm1176 traps-arm armv6      (ARM1176JZF-S)
 * For each form the architecture has, it draws sensitive words of that form
 * with a fixed-seed PRNG, encodes them, and runs each trap word from an
 * executable page with every register and flag chosen (traps-tramp.S):
 *
 * - condition passes: a SIGILL arrives as qemu-arm 7.2 delivers them
 *   (linux-user/arm/cpu_loop.c).  An SWI whose payload is not a system call
 *   gives si_code ILL_ILLTRP, si_addr at the SWI and PC after it, as the
 *   Linux kernel does; an instruction for an absent coprocessor takes the
 *   Undefined Instruction exception and gives ILL_ILLOPN with si_addr and PC
 *   at it.  The word at si_addr must be the trap word, r0-r12, sp, lr and
 *   the flags must be as loaded (no base writeback, no partial execution),
 *   and the word must decode back to the instruction it replaced.  The
 *   handler then resumes after the word, as the monitor's dispatcher will.
 * - condition fails: the word must do nothing at all: no signal, no
 *   register or flag changed.  The ARM ARM lets some cores take the
 *   Undefined exception for a coprocessor instruction whose condition
 *   fails; QEMU checks the condition before it decodes (arm_skip_unless in
 *   target/arm/translate.c), so on both models the only behaviour accepted
 *   is "nothing happens", for SWI and coprocessor trap words alike.
 *
 * One thing is qemu-arm's Linux layer, not the CPU model: every Undefined
 * ARM instruction first goes to its FPA11 floating-point emulator (NWFPE,
 * as in a Linux kernel built with CONFIG_FPE_NWFPE), which runs coprocessor
 * 1 and 2 instructions as FPA loads, stores, moves and arithmetic.  That is
 * why the spec keeps trap words off CP0-CP3 (its "never" lines); should one
 * appear, this test runs it like any other and fails.
 *
 * Two controls show the harness can tell the difference: MOV r0, r0 and the
 * unpatched MRS r0, CPSR must run without a signal.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "armpv_tables.h"

/* Exit statuses; 99 is automake's hard error. */
enum traps_exit {
	TRAPS_EXIT_OK = 0,
	TRAPS_EXIT_FAIL = 1,
	TRAPS_EXIT_USAGE = 2,
	TRAPS_EXIT_SETUP = 99,
};

#define TRAPS_DEFAULT_COUNT 200
#define TRAPS_DEFAULT_SEED 0x61726d70u /* "armp" */
#define TRAPS_MAX_REPORTS 40
#define TRAPS_ALTSTACK_SIZE (64 * 1024)
#define TRAPS_TIMEOUT_SECONDS 600

/* Program status register (ARM ARM A2.5). */
#define PSR_FLAGS_MASK 0xf0000000u /* N Z C V */
#define PSR_N_SHIFT 31
#define PSR_Z_SHIFT 30
#define PSR_C_SHIFT 29
#define PSR_V_SHIFT 28
#define PSR_T (1u << 5)
#define PSR_MODE_MASK 0x1fu
#define PSR_MODE_USR 0x10u

#define INSN_COND_SHIFT 28
#define INSN_COND_AL 0xeu
#define INSN_COND_NV 0xfu /* not a condition: another instruction space */
#define INSN_SWI_MASK 0x0f000000u
#define INSN_SWI_VALUE 0x0f000000u
#define INSN_CP_NUM_SHIFT 8 /* coprocessor number, CDP/MCR/MRC/LDC/STC */
#define INSN_CP_NUM_MASK 0xfu

#define INSN_MOV_R0_R0 0xe1a00000u
#define INSN_MRS_R0_CPSR 0xe10f0000u

/* traps-tramp.S: traps_run() loads cpsr (NZCV only), then r0-r15. */
struct traps_regs {
	uint32_t cpsr;
	uint32_t r[16]; /* r0-r12, sp, lr, pc */
};

/* What traps_epilogue stores just below the sp the word was given. */
struct traps_out {
	uint32_t cpsr;
	uint32_t r[15]; /* r0-r12, sp, lr */
};

_Static_assert(offsetof(struct traps_regs, r) == 4,
	       "traps_run loads cpsr first, then r0-pc");
_Static_assert(sizeof(struct traps_out) == 64,
	       "traps_epilogue stores cpsr and 15 registers below sp");

void traps_run(const struct traps_regs *in);
extern const uint32_t traps_epilogue[], traps_epilogue_end[];

/* How qemu-arm reports a trap word whose condition passes. */
enum traps_kind {
	TRAPS_KIND_SWI,	  /* SIGILL ILL_ILLTRP, PC after the word */
	TRAPS_KIND_UNDEF, /* SIGILL ILL_ILLOPN, PC at the word */
};

/* The first signal of one run, as the handler saw it. */
struct traps_signal {
	int count;
	int signo, code;
	uint32_t addr;
	int word_valid;
	uint32_t word; /* at si_addr, when that is the test page */
	uint32_t r[15], pc, cpsr;
};

struct traps_run {
	struct traps_regs in;
	struct traps_out out; /* as the epilogue stored it */
	int returned;	      /* the epilogue ran and came back */
	struct traps_signal sig;
};

struct traps_stats {
	unsigned words, trapped, noop, failed;
};

static uint32_t *traps_page;   /* the word under test, then the epilogue */
static uint8_t *traps_scratch; /* the stack the word is given */
static long traps_pagesize;
static sigjmp_buf traps_escape;
static struct traps_signal traps_sig;
static unsigned traps_failures;
static const char *traps_arch;

static const char *const reg_names[15] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	"r8", "r9", "r10", "r11", "r12", "sp", "lr",
};

/* xorshift32: fixed seed, the same words on every run. */
static uint32_t rng_next(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* ConditionPassed() (ARM ARM A3.2, "The condition field"). */
static int cond_passed(unsigned cond, uint32_t cpsr)
{
	int n = (cpsr >> PSR_N_SHIFT) & 1, z = (cpsr >> PSR_Z_SHIFT) & 1;
	int c = (cpsr >> PSR_C_SHIFT) & 1, v = (cpsr >> PSR_V_SHIFT) & 1;

	switch (cond) {
	case 0x0: return z;		  /* EQ */
	case 0x1: return !z;		  /* NE */
	case 0x2: return c;		  /* CS */
	case 0x3: return !c;		  /* CC */
	case 0x4: return n;		  /* MI */
	case 0x5: return !n;		  /* PL */
	case 0x6: return v;		  /* VS */
	case 0x7: return !v;		  /* VC */
	case 0x8: return c && !z;	  /* HI */
	case 0x9: return !c || z;	  /* LS */
	case 0xa: return n == v;	  /* GE */
	case 0xb: return n != v;	  /* LT */
	case 0xc: return !z && n == v;	  /* GT */
	case 0xd: return z || n != v;	  /* LE */
	default: return 1;		  /* AL */
	}
}

/* Random NZCV flags under which 'cond' passes (want = 1) or fails; 0 with
 * *flags unset if there are none (AL never fails). */
static int flags_for(unsigned cond, int want, uint32_t *rng, uint32_t *flags)
{
	unsigned start = rng_next(rng) & 0xf;

	for (unsigned i = 0; i < 16; i++) {
		uint32_t f = (uint32_t)((start + i) & 0xf) << PSR_V_SHIFT;
		if (cond_passed(cond, f) == want) {
			*flags = f;
			return 1;
		}
	}
	return 0;
}

/* SWI, or a coprocessor instruction (CDP, MCR, MRC, LDC, STC). */
static enum traps_kind traps_kind_of(uint32_t trap)
{
	if ((trap & INSN_SWI_MASK) == INSN_SWI_VALUE)
		return TRAPS_KIND_SWI;
	return TRAPS_KIND_UNDEF;
}

static void traps_on_signal(int signo, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	mcontext_t *mc = &uc->uc_mcontext;
	struct traps_signal *s = &traps_sig;
	uint32_t at = (uint32_t)(uintptr_t)si->si_addr;
	uint32_t page = (uint32_t)(uintptr_t)traps_page;

	if (s->count++ == 0) {
		const unsigned long r[15] = {
			mc->arm_r0, mc->arm_r1, mc->arm_r2, mc->arm_r3,
			mc->arm_r4, mc->arm_r5, mc->arm_r6, mc->arm_r7,
			mc->arm_r8, mc->arm_r9, mc->arm_r10, mc->arm_fp,
			mc->arm_ip, mc->arm_sp, mc->arm_lr,
		};
		s->signo = signo;
		s->code = si->si_code;
		s->addr = at;
		for (unsigned i = 0; i < 15; i++)
			s->r[i] = (uint32_t)r[i];
		s->pc = (uint32_t)mc->arm_pc;
		s->cpsr = (uint32_t)mc->arm_cpsr;
		if (at == page) {
			s->word = *(const uint32_t *)si->si_addr;
			s->word_valid = 1;
		}
	}
	/* The expected trap: resume after the word, as the monitor's
	 * dispatcher will; the epilogue then records what is left. */
	if (signo == SIGILL && s->count == 1 && at == page) {
		mc->arm_pc = page + 4;
		return;
	}
	siglongjmp(traps_escape, 1);
}

static int traps_call(const struct traps_regs *in)
{
	if (sigsetjmp(traps_escape, 1))
		return 0;
	traps_run(in);
	return 1;
}

/* Run 'word' with random registers and the NZCV 'flags'. */
static void traps_exec(uint32_t word, uint32_t flags, uint32_t *rng,
		       struct traps_run *run)
{
	/* sp: 8-aligned, in the upper half of the scratch page, so that the
	 * epilogue's 64 bytes below it stay inside. */
	uint32_t half = (uint32_t)traps_pagesize / 2;
	uint32_t sp = (uint32_t)(uintptr_t)traps_scratch + half +
		      ((rng_next(rng) % (half / 8)) * 8);
	struct traps_out *below = (struct traps_out *)(uintptr_t)sp - 1;

	for (unsigned i = 0; i < 13; i++)
		run->in.r[i] = rng_next(rng);
	run->in.r[13] = sp;
	run->in.r[14] = rng_next(rng);
	run->in.r[15] = (uint32_t)(uintptr_t)traps_page;
	run->in.cpsr = flags;

	memset(below, 0xa5, sizeof(*below));
	traps_page[0] = word;
	__builtin___clear_cache((char *)traps_page, (char *)(traps_page + 1));
	memset(&traps_sig, 0, sizeof(traps_sig));

	run->returned = traps_call(&run->in);
	run->sig = traps_sig;
	run->out = *below;
}

static void traps_fail(const struct armpv_form *f, uint32_t word,
		       uint32_t trap, uint32_t flags, const char *fmt, ...)
{
	va_list ap;

	if (traps_failures++ >= TRAPS_MAX_REPORTS) {
		if (traps_failures == TRAPS_MAX_REPORTS + 1)
			printf("FAIL: ... (further failures counted, not shown)\n");
		return;
	}
	printf("FAIL: %s %s %s: insn 0x%08x trap 0x%08x flags %c%c%c%c: ",
	       traps_arch, f ? f->name : "control", f ? f->form : "-", word,
	       trap, flags >> PSR_N_SHIFT & 1 ? 'N' : '-',
	       flags >> PSR_Z_SHIFT & 1 ? 'Z' : '-',
	       flags >> PSR_C_SHIFT & 1 ? 'C' : '-',
	       flags >> PSR_V_SHIFT & 1 ? 'V' : '-');
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Index of the first register in 'keep' (a bit per register) that differs,
 * or -1. */
static int regs_differ(const uint32_t *got, const uint32_t *want,
		       unsigned keep)
{
	for (int i = 0; i < 15; i++)
		if ((keep & (1u << i)) && got[i] != want[i])
			return i;
	return -1;
}

#define TRAPS_KEEP_ALL 0x7fffu

/* Describe a run that ended in an unexpected way; returns 1 if it did. */
static int run_went_astray(const struct traps_run *run, char *why, size_t n)
{
	const struct traps_signal *s = &run->sig;

	if (s->count > 1) {
		snprintf(why, n, "%d signals (first %d si_code %d at 0x%08x)",
			 s->count, s->signo, s->code, s->addr);
		return 1;
	}
	if (!run->returned) {
		snprintf(why, n,
			 "signal %d si_code %d si_addr 0x%08x pc 0x%08x "
			 "(page 0x%08x)",
			 s->signo, s->code, s->addr, s->pc,
			 (uint32_t)(uintptr_t)traps_page);
		return 1;
	}
	return 0;
}

/* After a run without a signal, or after resuming from one: registers in
 * 'keep' and the flags must be as loaded. */
static int check_state_after(const struct traps_run *run, unsigned keep,
			     char *why, size_t n)
{
	int r = regs_differ(run->out.r, run->in.r, keep);

	if (r >= 0) {
		snprintf(why, n, "after the word %s = 0x%08x, was 0x%08x",
			 reg_names[r], run->out.r[r], run->in.r[r]);
		return 1;
	}
	if ((run->out.cpsr & PSR_FLAGS_MASK) != run->in.cpsr) {
		snprintf(why, n, "after the word cpsr 0x%08x, flags were 0x%08x",
			 run->out.cpsr, run->in.cpsr);
		return 1;
	}
	return 0;
}

/* A word that must not trap (failing condition, controls). */
static int check_noop(const struct traps_run *run, unsigned keep, char *why,
		      size_t n)
{
	if (run->sig.count) {
		snprintf(why, n,
			 "signal %d si_code %d si_addr 0x%08x pc 0x%08x, "
			 "expected none",
			 run->sig.signo, run->sig.code, run->sig.addr,
			 run->sig.pc);
		return 1;
	}
	if (run_went_astray(run, why, n))
		return 1;
	return check_state_after(run, keep, why, n);
}

/* A trap word whose condition passes. */
static int check_trap(const struct traps_run *run, uint32_t trap,
		      enum traps_kind kind, char *why, size_t n)
{
	const struct traps_signal *s = &run->sig;
	uint32_t page = (uint32_t)(uintptr_t)traps_page;
	int want_code = kind == TRAPS_KIND_SWI ? ILL_ILLTRP : ILL_ILLOPN;
	uint32_t want_pc = kind == TRAPS_KIND_SWI ? page + 4 : page;
	int r;

	if (!s->count) {
		snprintf(why, n, "no signal: the word executed");
		return 1;
	}
	if (s->signo != SIGILL) {
		snprintf(why, n, "signal %d (si_code %d, si_addr 0x%08x), "
			 "expected SIGILL", s->signo, s->code, s->addr);
		return 1;
	}
	if (s->code != want_code) {
		snprintf(why, n, "si_code %d, expected %d", s->code, want_code);
		return 1;
	}
	if (s->addr != page) {
		snprintf(why, n, "si_addr 0x%08x, expected the word at 0x%08x",
			 s->addr, page);
		return 1;
	}
	if (s->pc != want_pc) {
		snprintf(why, n, "pc 0x%08x at the signal, expected 0x%08x",
			 s->pc, want_pc);
		return 1;
	}
	if (!s->word_valid || s->word != trap) {
		snprintf(why, n, "word at si_addr 0x%08x, expected the trap",
			 s->word);
		return 1;
	}
	r = regs_differ(s->r, run->in.r, TRAPS_KEEP_ALL);
	if (r >= 0) {
		snprintf(why, n, "at the signal %s = 0x%08x, was 0x%08x",
			 reg_names[r], s->r[r], run->in.r[r]);
		return 1;
	}
	if ((s->cpsr & PSR_FLAGS_MASK) != run->in.cpsr ||
	    (s->cpsr & PSR_MODE_MASK) != PSR_MODE_USR || (s->cpsr & PSR_T)) {
		snprintf(why, n, "at the signal cpsr 0x%08x, flags were 0x%08x "
			 "in USR mode, ARM state", s->cpsr, run->in.cpsr);
		return 1;
	}
	if (run_went_astray(run, why, n))
		return 1;
	return check_state_after(run, TRAPS_KEEP_ALL, why, n);
}

/* Properties of the encoding itself, before anything runs. */
static int check_encoding(const struct armpv_form *f, uint32_t word,
			  uint32_t trap, char *why, size_t n)
{
	const struct armpv_trapspace *ts = &armpv_trapspaces[f->space];
	unsigned cond = word >> INSN_COND_SHIFT, tcond = trap >> INSN_COND_SHIFT;
	uint32_t back = 0;

	if ((trap & ts->mask) != ts->value) {
		snprintf(why, n, "not in trap space %s", ts->name);
		return 1;
	}
	if (f->conditional ? tcond != cond : tcond != INSN_COND_AL) {
		snprintf(why, n, "trap condition %x, instruction condition %x",
			 tcond, cond);
		return 1;
	}
	if (armpv_decode(trap, &back) != f || back != word) {
		snprintf(why, n, "decodes to 0x%08x", back);
		return 1;
	}
	return 0;
}

/* Candidate word number 'i' of form 'f': both extremes of the free bits,
 * then random ones; the condition is never 1111 for a conditional form. */
static uint32_t form_candidate(const struct armpv_form *f, unsigned i,
			       uint32_t *rng)
{
	uint32_t w = i == 0 ? 0 : i == 1 ? ~0u : rng_next(rng);

	w = (w & ~f->insn_mask) | f->insn_value;
	if (f->conditional && w >> INSN_COND_SHIFT == INSN_COND_NV) {
		uint32_t cond = i == 1 ? INSN_COND_AL : rng_next(rng) % 15;
		w = (w & ~(0xfu << INSN_COND_SHIFT)) | cond << INSN_COND_SHIFT;
	}
	return w;
}

/* One sensitive word: encode, then run the trap word under flags that fail
 * the instruction's own condition (if it has one that can fail) and under
 * flags that pass it.  The flags come from the instruction, not from the
 * trap word, so a trap that lost its condition fails here too. */
static void traps_test_word(const struct armpv_form *f, uint32_t word,
			    uint32_t *rng, struct traps_stats *st)
{
	uint32_t trap = armpv_encode(f, word), flags = 0;
	unsigned cond = f->conditional ? word >> INSN_COND_SHIFT : INSN_COND_AL;
	enum traps_kind kind = traps_kind_of(trap);
	struct traps_run run;
	char why[160];
	int bad = 0;

	st->words++;
	if (check_encoding(f, word, trap, why, sizeof(why))) {
		traps_fail(f, word, trap, 0, "%s", why);
		st->failed++;
		return;
	}
	if (flags_for(cond, 0, rng, &flags)) {
		traps_exec(trap, flags, rng, &run);
		if (check_noop(&run, TRAPS_KEEP_ALL, why, sizeof(why))) {
			traps_fail(f, word, trap, flags,
				   "condition fails: %s", why);
			bad = 1;
		} else {
			st->noop++;
		}
	}
	flags_for(cond, 1, rng, &flags);
	traps_exec(trap, flags, rng, &run);
	if (check_trap(&run, trap, kind, why, sizeof(why))) {
		traps_fail(f, word, trap, flags,
			   "condition passes: %s", why);
		bad = 1;
	} else {
		st->trapped++;
	}

	st->failed += bad;
}

static void traps_test_form(const struct armpv_form *f, unsigned arch,
			    unsigned count, uint32_t *rng,
			    struct traps_stats *total)
{
	struct traps_stats st = { 0 };
	unsigned tries = 0, max_tries = count * 1000;

	for (unsigned i = 0; st.words < count && tries < max_tries; i++) {
		uint32_t w = form_candidate(f, i, rng);
		tries++;
		if (armpv_classify(w, arch) != f)
			continue;
		traps_test_word(f, w, rng, &st);
	}
	if (st.words < count) {
		traps_fail(f, 0, 0, 0, "only %u sensitive words in %u tries",
			   st.words, tries);
		st.failed++;
	}
	printf("%-7s %-8s %-5s words %4u  trapped %4u  "
	       "cond-fail no-op %4u  %s\n",
	       traps_arch, f->name, f->form, st.words, st.trapped,
	       st.noop, st.failed ? "FAILED" : "ok");
	total->words += st.words;
	total->trapped += st.trapped;
	total->noop += st.noop;
	total->failed += st.failed;
}

/* The harness must be able to tell a trap from an instruction that runs:
 * MOV r0, r0 changes nothing, and the sensitive MRS r0, CPSR, unpatched,
 * runs silently in USR mode (the reason armpv rewrites it) while its trap
 * word traps.  Returns the number of controls that failed. */
static unsigned traps_test_controls(unsigned arch, uint32_t *rng)
{
	const struct armpv_form *f = armpv_classify(INSN_MRS_R0_CPSR, arch);
	unsigned failed = 0;
	struct traps_run run;
	char why[160];
	uint32_t trap;

	traps_exec(INSN_MOV_R0_R0, 0, rng, &run);
	if (check_noop(&run, TRAPS_KEEP_ALL, why, sizeof(why))) {
		traps_fail(NULL, INSN_MOV_R0_R0, 0, 0, "mov r0, r0: %s", why);
		failed++;
	}

	traps_exec(INSN_MRS_R0_CPSR, 0, rng, &run);
	if (check_noop(&run, TRAPS_KEEP_ALL & ~1u, why, sizeof(why))) {
		traps_fail(NULL, INSN_MRS_R0_CPSR, 0, 0, "mrs r0, cpsr: %s",
			   why);
		failed++;
	} else if (run.out.r[0] != run.out.cpsr) {
		traps_fail(NULL, INSN_MRS_R0_CPSR, 0, 0,
			   "mrs r0, cpsr: r0 0x%08x, cpsr 0x%08x",
			   run.out.r[0], run.out.cpsr);
		failed++;
	}

	if (!f) {
		traps_fail(NULL, INSN_MRS_R0_CPSR, 0, 0,
			   "mrs r0, cpsr is not classified sensitive");
		return failed + 1;
	}
	trap = armpv_encode(f, INSN_MRS_R0_CPSR);
	traps_exec(trap, 0, rng, &run);
	if (check_trap(&run, trap, traps_kind_of(trap), why, sizeof(why))) {
		traps_fail(f, INSN_MRS_R0_CPSR, trap, 0, "%s", why);
		failed++;
	}
	printf("%-7s control  mov r0, r0: no signal; mrs r0, cpsr: no signal; "
	       "its trap 0x%08x: SIGILL  %s\n",
	       traps_arch, trap, failed ? "FAILED" : "ok");
	return failed;
}

static int traps_setup(void)
{
	struct sigaction sa;
	stack_t ss;
	size_t epilogue = (size_t)((const char *)traps_epilogue_end -
				   (const char *)traps_epilogue);
	const int signals[] = { SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE };
	uint8_t *p;

	traps_pagesize = sysconf(_SC_PAGESIZE);
	if (traps_pagesize <= 0 ||
	    epilogue + 4 > (size_t)traps_pagesize) {
		fprintf(stderr, "traps: page size %ld\n", traps_pagesize);
		return -1;
	}
	p = mmap(NULL, 2 * (size_t)traps_pagesize,
		 PROT_READ | PROT_WRITE | PROT_EXEC,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("traps: mmap of an RWX page");
		return -1;
	}
	if (mprotect(p + traps_pagesize, (size_t)traps_pagesize,
		     PROT_READ | PROT_WRITE)) {
		perror("traps: mprotect of the scratch page");
		return -1;
	}
	traps_page = (uint32_t *)p;
	traps_scratch = p + traps_pagesize;
	memcpy(traps_page + 1, traps_epilogue, epilogue);

	/* The word runs with an sp of our choosing: handle signals on a
	 * stack of their own. */
	ss.ss_sp = malloc(TRAPS_ALTSTACK_SIZE);
	ss.ss_size = TRAPS_ALTSTACK_SIZE;
	ss.ss_flags = 0;
	if (!ss.ss_sp || sigaltstack(&ss, NULL)) {
		perror("traps: sigaltstack");
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = traps_on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		if (sigaction(signals[i], &sa, NULL)) {
			perror("traps: sigaction");
			return -1;
		}
	}
	return 0;
}

static unsigned long parse_number(const char *s, int *ok)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	*ok = *s && !*end;
	return v;
}

int main(int argc, char **argv)
{
	unsigned arch, count = TRAPS_DEFAULT_COUNT, forms = 0, controls_failed;
	uint32_t seed = TRAPS_DEFAULT_SEED, rng;
	struct traps_stats total = { 0 };
	int ok = 1;

	if (argc < 2 || argc > 4 || !(arch = armpv_arch_parse(argv[1]))) {
		fprintf(stderr, "usage: %s armv5te|armv6 [COUNT [SEED]]\n",
			argv[0]);
		return TRAPS_EXIT_USAGE;
	}
	if (argc > 2)
		count = (unsigned)parse_number(argv[2], &ok);
	if (ok && argc > 3)
		seed = (uint32_t)parse_number(argv[3], &ok);
	if (!ok || count == 0 || seed == 0) {
		fprintf(stderr, "%s: COUNT and SEED must be positive numbers\n",
			argv[0]);
		return TRAPS_EXIT_USAGE;
	}
	traps_arch = armpv_arch_name(arch);
	if (traps_setup())
		return TRAPS_EXIT_SETUP;
	/* A word that loops instead of trapping ends the test (SIGALRM). */
	alarm(TRAPS_TIMEOUT_SECONDS);

	printf("%s: %u words per form, seed 0x%08x, spec layout 0x%08x\n",
	       traps_arch, count, seed, ARMPV_TABLES_LAYOUT_HASH);
	rng = seed;
	controls_failed = traps_test_controls(arch, &rng);
	for (unsigned i = 0; i < ARMPV_NFORMS; i++) {
		if (!(armpv_forms[i].archs & arch))
			continue;
		traps_test_form(&armpv_forms[i], arch, count, &rng, &total);
		forms++;
	}
	/* Every failed check went through traps_fail(). */
	printf("%s: %u forms, %u words: %u trapped as expected, "
	       "%u failed-condition runs were no-ops; controls %s; "
	       "%u failures; %s\n",
	       traps_arch, forms, total.words, total.trapped,
	       total.noop, controls_failed ? "FAILED" : "ok", traps_failures,
	       traps_failures ? "FAIL" : "PASS");
	return traps_failures ? TRAPS_EXIT_FAIL : TRAPS_EXIT_OK;
}
