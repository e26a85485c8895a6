/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run.c -- the bare-metal monitor's main line and its trap handler.
 *
 * bm_main() maps memory, reads the boot information, loads the guest from
 * the initrd into guest RAM, resets the vCPU (virtual SVC, I and F set,
 * entry state of docs/process-monitor.md "The guest contract") and enters
 * the guest in real USR mode.  From then on the monitor runs only in
 * bm_trap(), called by the vector stubs (vectors.S) with the guest's
 * registers in a frame: it does what armpv-run's SIGILL handler does --
 * copy the registers into the vCPU, armpv_vcpu_trap(), act on the exit,
 * copy the vCPU back.  Real aborts from the guest are shadow paging's:
 * guest_abort() fills the shadow tables from the guest's own walk or
 * gives the guest its virtual abort, and shadow_sync() keeps the real MMU
 * on the root of the guest's virtual privilege.  A guest access to a
 * device page is emulated (guest_device()) against the models of its
 * board (board.h); a real interrupt (the timer, or input on the real
 * console UART) advances them and feeds them the input (bm_board_irq()),
 * and becomes a virtual IRQ when the virtual CPSR allows.
 */
#include "armpv_core.h"
#include "armpv_hypercall.h"
#include "armpv_tables.h"
#include "bm.h"
#include "board.h"
#include "emulate.h"
#include "mem.h"

/* The CPSR bits a USR-mode program owns (BM_USER_PSR, bm.h); the rest
 * are virtual. */
_Static_assert(BM_USER_PSR == (ARMPV_PSR_N | ARMPV_PSR_Z | ARMPV_PSR_C |
			       ARMPV_PSR_V | ARMPV_PSR_Q | ARMPV_PSR_GE_MASK |
			       ARMPV_PSR_E | ARMPV_PSR_T),
	       "bm.h: BM_USER_PSR");

/* ARM semihosting (ARM DUI 0471, QEMU -semihosting): SVC 0x123456 in ARM
 * state, r0 = operation, r1 = argument block. */
#define SEMIHOST_SVC "svc 0x123456"
#define SYS_WRITE0 0x04
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define ADP_STOPPED_RUNTIME_ERROR 0x20023

static struct armpv_vm vm;
struct armpv_vcpu bm_vcpu; /* the guest's registers: vectors.S stores into r[] */
uint64_t bm_fast_traps[BM_FAST_NCLASSES]; /* vectors.S: the fast paths */
uint8_t bm_cp15_fast[BM_CP15_FAST_SIZE]; /* vectors.S: the CP15 fast path */
uint32_t bm_fast_cps; /* vectors.S: CPS is a trap word (ARMv6 guest) */
uint32_t bm_psr_valid_mask; /* vectors.S: armpv_psr_valid_mask() */
/* The system-call fast path's traps (vectors.S, bm_fast_undef()). */
enum { FAST_SYS_STM, FAST_SYS_LDM, FAST_SYS_MOVS, FAST_SYS_SWI,
       FAST_SYS_UACC };
static uint64_t fast_sys[5];
/* Left to C by a probe of guest memory (STM^, LDM^: vectors.S) or by
 * the shadow's User permissions (LDRT and kin). */
uint64_t bm_fast_sys_probe_failed;
static uint64_t fast_sys_run; /* LDRT and kin after the trapping one */
/* The core's instruction class of MOVS pc, Rm (vectors.S fast_movs). */
static enum armpv_insn fast_movs_insn;
/* vectors.S, the SWI fast path's SPSR forms: the core's bank of each
 * mode number (its SPSR is bm_vcpu.spsr[bank]), and the SPSR bits an
 * MSR with each field mask writes (spsr_fast_init()). */
uint8_t bm_mode_bank[32];
uint32_t bm_spsr_write_mask[16];
uint32_t bm_guest_size;
/* Shadow paging counters, printed with the statistics. */
static struct {
	uint64_t fills, aborts, flushes;
	uint64_t dacr_switches; /* guest DACR writes: another context */
	uint64_t format_switches; /* guest SCTLR.XP changes (ARM1176) */
	uint64_t context_switches; /* ARMv6 format: entries kept */
	uint64_t mva_invalidations; /* guest invalidate by MVA, exact */
	uint64_t tiny; /* accesses emulated: tiny pages out of place */
	uint64_t extabts; /* absent hardware: external aborts delivered */
} shadow_stats;
static volatile bool halting;
static uint64_t pv_syncs; /* ARMPV_HC_PV_SYNC hypercalls */

/*
 * The per-site profile ("armpv.profile" on the kernel command line, QEMU
 * -append): how often each guest PC trapped (trap words, CP15, emulated
 * device accesses), so that optimizing traps starts from where they come
 * from.  Open addressing on the word address; when the table is full,
 * further new sites are only counted as "other".
 */
#define PROFILE_SIZE 8192u /* a power of two; a Linux boot has ~3,000 sites */
#define PROFILE_TOP 20u
static bool profiling;
static struct profile_site {
	uint32_t pc;	/* 0: free (no guest traps at its reset vector) */
	uint32_t word;	/* the word that trapped there last */
	uint64_t count;
} profile[PROFILE_SIZE];
static uint64_t profile_other;
static unsigned profile_sites;

static void profile_hit(uint32_t pc, uint32_t word)
{
	uint32_t h = (pc >> 2) * 2654435761u;

	if (!profiling)
		return;
	for (unsigned n = 0; n < PROFILE_SIZE; n++) {
		struct profile_site *e = &profile[(h + n) & (PROFILE_SIZE - 1)];

		if (e->pc == pc || (!e->pc && pc)) {
			if (!e->pc) {
				e->pc = pc;
				profile_sites++;
			}
			e->word = word;
			e->count++;
			return;
		}
	}
	profile_other++;
}

/* The PROFILE_TOP busiest sites, by a selection over the table (run
 * once, at the end). */
static void print_profile(void)
{
	static bool shown[PROFILE_SIZE]; /* not on the 8 KiB stack */

	bm_printf("armpv-bm: profile: %u trap sites%s; the busiest:\n",
		  profile_sites, profile_other ? " (table full: more)" : "");
	for (unsigned k = 0; k < PROFILE_TOP; k++) {
		unsigned best = PROFILE_SIZE;
		uint32_t insn, w;
		const struct armpv_form *f;
		const char *what;

		for (unsigned i = 0; i < PROFILE_SIZE; i++)
			if (profile[i].pc && !shown[i] &&
			    (best == PROFILE_SIZE ||
			     profile[i].count > profile[best].count))
				best = i;
		if (best == PROFILE_SIZE)
			break;
		shown[best] = true;
		w = profile[best].word;
		f = armpv_decode(w, &insn);
		if (f)
			what = armpv_insn_names[f->insn];
		else if ((w & 0x0f000000u) == 0x0f000000u)
			what = "hypercall";
		else if ((w & 0x0f000f10u) == 0x0e000f10u)
			what = "cp15";
		else
			what = "device access";
		bm_printf("armpv-bm:   pc %08x %10llu  %08x %s\n",
			  profile[best].pc,
			  (unsigned long long)profile[best].count, w, what);
	}
}

/* The SWI fast path's classes (vectors.S), as the core counts them. */
static const enum armpv_insn fast_insn[BM_FAST_SWI_NCLASSES] = {
	[BM_FAST_MRS] = ARMPV_INSN_MRS,
	[BM_FAST_MSR] = ARMPV_INSN_MSR,
	[BM_FAST_CPS] = ARMPV_INSN_CPS,
};
static uint64_t fast_total[BM_FAST_NCLASSES]; /* folded so far */

/* The fast paths' counts into the core's statistics, as if
 * armpv_vcpu_trap() had counted those traps itself: per instruction
 * class for the SWI fast path's trap words, as CP15 accesses for the
 * CP15 fast path's (vcpu_undef_trap()). */
static void fold_fast_traps(void)
{
	struct armpv_vcpu_stats *s = &bm_vcpu.stats;

	for (unsigned i = 0; i < BM_FAST_NCLASSES; i++) {
		uint64_t n = bm_fast_traps[i];

		s->traps += n;
		if (i < BM_FAST_SWI_NCLASSES)
			s->insn[fast_insn[i]] += n;
		else if (i == BM_FAST_SYS_SWI) {
			/* As armpv_vcpu_exception() counts them. */
			s->exceptions[ARMPV_EXC_SWI] += n;
			fast_sys[FAST_SYS_SWI] += n;
		} else if (i == BM_FAST_SYS_MOVS) {
			s->insn[fast_movs_insn] += n;
			fast_sys[FAST_SYS_MOVS] += n;
		} else if (i == BM_FAST_SYS_STM) {
			s->insn[ARMPV_INSN_STM_USER] += n;
			fast_sys[FAST_SYS_STM] += n;
		} else if (i == BM_FAST_SYS_LDM) {
			s->insn[ARMPV_INSN_LDM_USER] += n;
			fast_sys[FAST_SYS_LDM] += n;
		} else
			s->cp15 += n;
		s->exits[ARMPV_EXIT_RESUME] += n;
		fast_total[i] += n;
		bm_fast_traps[i] = 0;
	}
}

static void print_stats(void)
{
	const struct armpv_vcpu_stats *s = &bm_vcpu.stats;

	fold_fast_traps();
	static const char *const exc[8] = { "reset", "und", "swi", "pabt",
					    "dabt", "-", "irq", "fiq" };

	bm_puts("armpv-bm: ");
	bm_printf("%llu traps:", (unsigned long long)s->traps);
	for (unsigned i = 1; i < ARMPV_NINSNS; i++)
		if (s->insn[i])
			bm_printf(" %s %llu", armpv_insn_names[i],
				  (unsigned long long)s->insn[i]);
	bm_printf(", cp15 %llu, condition failed %llu, hypercalls %llu, "
		  "pv_sync %llu\n",
		  (unsigned long long)s->cp15,
		  (unsigned long long)s->cond_failed,
		  (unsigned long long)s->exits[ARMPV_EXIT_HYPERCALL],
		  (unsigned long long)pv_syncs);
	bm_puts("armpv-bm: of those, by the SWI fast path:");
	for (unsigned i = 0; i < BM_FAST_SWI_NCLASSES; i++)
		bm_printf(" %s %llu", armpv_insn_names[fast_insn[i]],
			  (unsigned long long)fast_total[i]);
	bm_putc('\n');
	bm_printf("armpv-bm: of those, by the CP15 fast path: cp15 %llu (TLB "
		  "invalidations by MVA %llu)\n",
		  (unsigned long long)(fast_total[BM_FAST_CP15] +
				       fast_total[BM_FAST_CP15_TLB_MVA]),
		  (unsigned long long)fast_total[BM_FAST_CP15_TLB_MVA]);
	bm_printf("armpv-bm: the system-call fast path took: stm_user %llu "
		  "ldm_user %llu movs %llu, virtual SWI entries %llu, user "
		  "accesses %llu (%llu of them after another without a "
		  "trap); left to C by a probe of guest memory or the "
		  "shadow: %llu\n",
		  (unsigned long long)fast_sys[FAST_SYS_STM],
		  (unsigned long long)fast_sys[FAST_SYS_LDM],
		  (unsigned long long)fast_sys[FAST_SYS_MOVS],
		  (unsigned long long)fast_sys[FAST_SYS_SWI],
		  (unsigned long long)fast_sys[FAST_SYS_UACC],
		  (unsigned long long)fast_sys_run,
		  (unsigned long long)bm_fast_sys_probe_failed);
	bm_puts("armpv-bm: virtual exceptions:");
	for (unsigned i = 0; i < 8; i++)
		if (s->exceptions[i])
			bm_printf(" %s %llu", exc[i],
				  (unsigned long long)s->exceptions[i]);
	bm_putc('\n');
	bm_printf("armpv-bm: shadow paging: %llu pages filled, %llu guest "
		  "aborts delivered, %llu flushes, %llu DACR switches, %llu "
		  "table format switches, %llu context switches keeping "
		  "entries, %llu "
		  "invalidations by MVA, %llu tiny-page accesses emulated\n",
		  (unsigned long long)shadow_stats.fills,
		  (unsigned long long)shadow_stats.aborts,
		  (unsigned long long)shadow_stats.flushes,
		  (unsigned long long)shadow_stats.dacr_switches,
		  (unsigned long long)shadow_stats.format_switches,
		  (unsigned long long)shadow_stats.context_switches,
		  (unsigned long long)shadow_stats.mva_invalidations,
		  (unsigned long long)shadow_stats.tiny);
	bm_printf("armpv-bm: shadow tables kept (ARMv5 format): %llu keeps "
		  "(TLB invalidations, TTBR0 writes), %llu sections checked in "
		  "place, %llu reattached, their "
		  "entries %llu unchanged and %llu stale (dropped), %llu "
		  "reclaimed by the pool\n",
		  (unsigned long long)bm_shadow_stats.keeps,
		  (unsigned long long)bm_shadow_stats.in_place,
		  (unsigned long long)bm_shadow_stats.reused,
		  (unsigned long long)bm_shadow_stats.kept,
		  (unsigned long long)bm_shadow_stats.dropped,
		  (unsigned long long)bm_shadow_stats.reclaimed);
	bm_printf("armpv-bm: caches: pages filled cached %llu, "
		  "buffered only %llu; guest cache operations run: %llu by "
		  "MVA, %llu whole D-cache, %llu other, %llu by the C path; "
		  "%llu lines cleaned for the core; %llu changes cached <-> "
		  "uncached; guest RAM %s\n",
		  (unsigned long long)bm_cache_stats.fills_c,
		  (unsigned long long)bm_cache_stats.fills_b,
		  (unsigned long long)bm_cache_stats.ops_mva,
		  (unsigned long long)bm_cache_stats.ops_whole,
		  (unsigned long long)bm_cache_stats.ops_other,
		  (unsigned long long)bm_cache_stats.ops_slow,
		  (unsigned long long)bm_cache_stats.lines_synced,
		  (unsigned long long)bm_cache_stats.regime_changes,
		  bm_cache_guest ? "cacheable" : "uncached");
	bm_printf("armpv-bm: devices: %llu accesses emulated, %llu external "
		  "aborts; time: %llu timer interrupts, %llu WFI sleeps; "
		  "UART0 input: %llu interrupts, %llu characters\n",
		  (unsigned long long)bm_board_stats.mmio,
		  (unsigned long long)shadow_stats.extabts,
		  (unsigned long long)bm_board_stats.irqs,
		  (unsigned long long)bm_board_stats.sleeps,
		  (unsigned long long)bm_board_stats.uart_irqs,
		  (unsigned long long)bm_board_stats.rx_bytes);
}

static void semihost_call(uint32_t op, uint32_t arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register uint32_t r1 __asm__("r1") = arg;

	__asm__ volatile(SEMIHOST_SVC : "+r"(r0) : "r"(r1) : "memory");
}

/*
 * Stop the machine with an exit status: QEMU semihosting SYS_EXIT_EXTENDED
 * passes the status itself (QEMU exits with it); if that is not
 * implemented, SYS_EXIT gives 0 or 1.  Without -semihosting the SVC comes
 * back to bm_trap(), which returns at once while halting, and the CPU
 * waits for interrupts forever with all of them masked: a halt.
 */
_Noreturn void bm_halt(int status)
{
	uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };
	const char *early = bm_console_early();

	halting = true;
	/* Stopped before a board was found: no console, so what the
	 * monitor said goes to the host's (semihosting SYS_WRITE0). */
	if (early)
		semihost_call(SYS_WRITE0, (uint32_t)(uintptr_t)early);
	semihost_call(SYS_EXIT_EXTENDED, (uint32_t)(uintptr_t)block);
	semihost_call(SYS_EXIT, status ? ADP_STOPPED_RUNTIME_ERROR
				       : ADP_STOPPED_APPLICATION_EXIT);
	/* No semihosting: every real source off, or a pending one (input
	 * on the console, a fired one-shot) would end each WFI at once. */
	if (bm_board)
		bm_board_quiesce();
	for (;;)
		__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0));
}

/* The guest is over: statistics, then stop with its status. */
static _Noreturn void run_stop(int status)
{
	print_stats();
	if (profiling)
		print_profile();
	bm_halt(status);
}

static _Noreturn void guest_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static _Noreturn void guest_error(const char *fmt, ...)
{
	va_list ap;

	bm_puts("armpv-bm: guest error: ");
	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
	bm_putc('\n');
	bm_report("  vcpu: mode %s cpsr %08x pc %08x lr %08x sp %08x",
		  armpv_mode_name(bm_vcpu.cpsr), bm_vcpu.cpsr, bm_vcpu.r[15],
		  bm_vcpu.r[14], bm_vcpu.r[13]);
	run_stop(BM_EXIT_GUEST_ERROR);
}

/* The guest asked its board for a reset (versatilepb: SYS_RESETCTL)
 * or to power off: the machine stops, as QEMU -no-reboot does, with
 * status 0. */
_Noreturn void bm_guest_reset(bool restart, const char *how, uint32_t value)
{
	bm_report("guest %s request (%s %03x): stopping",
		  restart ? "reset" : "power-off", how, value);
	run_stop(0);
}

_Noreturn void bm_bad_guest(const char *fmt, ...)
{
	va_list ap;

	bm_puts("armpv-bm: guest image: ");
	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
	bm_putc('\n');
	bm_halt(BM_EXIT_BAD_GUEST);
}

_Static_assert(offsetof(struct armpv_vcpu, r) == BM_VCPU_R,
	       "vectors.S: bm_vcpu.r offset");
_Static_assert(offsetof(struct armpv_vcpu, cpsr) == BM_VCPU_CPSR,
	       "vectors.S: bm_vcpu.cpsr offset");
_Static_assert(offsetof(struct armpv_vcpu, r13_bank) == BM_VCPU_R13_BANK &&
		       offsetof(struct armpv_vcpu, r14_bank) == BM_VCPU_R14_BANK &&
		       sizeof(bm_vcpu.r13_bank[0]) == 4 &&
		       ARMPV_BANK_USR == BM_BANK_USR &&
		       ARMPV_BANK_IRQ == BM_BANK_IRQ &&
		       ARMPV_BANK_SVC == BM_BANK_SVC &&
		       ARMPV_BANK_FIQ < BM_BANK_IRQ &&
		       ARMPV_BANK_ABT > BM_BANK_IRQ &&
		       ARMPV_BANK_UND > BM_BANK_IRQ,
	       "vectors.S: the banks' offsets and numbers");
_Static_assert(ARMPV_PSR_E == BM_PSR_E && ARMPV_PSR_J == BM_PSR_J &&
		       ARMPV_SCTLR_V == BM_SCTLR_V &&
		       ARMPV_SCTLR_EE == BM_SCTLR_EE,
	       "vectors.S: PSR and SCTLR bits");
_Static_assert(offsetof(struct armpv_vcpu, spsr) == BM_VCPU_SPSR &&
		       sizeof(bm_vcpu.spsr[0]) == 4,
	       "vectors.S: bm_vcpu.spsr offset");
_Static_assert(offsetof(struct armpv_vcpu, cp15.sctlr) == BM_VCPU_SCTLR,
	       "vectors.S: bm_vcpu.cp15.sctlr offset");
_Static_assert(offsetof(struct armpv_vcpu, cp15.fcse_pid) ==
			       BM_VCPU_FCSE_PID &&
		       sizeof(bm_vcpu.cp15.fcse_pid) == 4,
	       "vectors.S: bm_vcpu.cp15.fcse_pid offset");
_Static_assert(ARMPV_CP15_FAST_NOP == BM_CP15_FAST_NOP &&
		       ARMPV_CP15_FAST_TLB_MVA == BM_CP15_FAST_TLB_MVA &&
		       BM_CP15_FAST_CORE > ARMPV_CP15_FAST_TLB_MVA,
	       "vectors.S: the CP15 fast path's classes");
_Static_assert(offsetof(struct armpv_vcpu, irq_line) == BM_VCPU_IRQ_LINE &&
		       offsetof(struct armpv_vcpu, fiq_line) == BM_VCPU_FIQ_LINE &&
		       sizeof(bm_vcpu.irq_line) == 1,
	       "vectors.S: bm_vcpu.irq_line, fiq_line offsets");

/* The guest's registers are in bm_vcpu.r already (vectors.S); at an
 * exception, PC is where it stopped, and the CPSR bits a USR program owns
 * (flags, GE, E, T) are in the real SPSR. */
static inline void vcpu_enter(uint32_t pc, uint32_t spsr)
{
	bm_vcpu.r[15] = pc;
	bm_vcpu.cpsr = (bm_vcpu.cpsr & ~BM_USER_PSR) | (spsr & BM_USER_PSR);
}

/* The CPSR the guest returns to: always real USR mode, whatever the vCPU
 * holds.  I and F stay clear: the real interrupts (board.c) are taken
 * while the guest runs, the VIC keeps every other source and FIQ off,
 * and a guest user task's MRS reads the CPSR a user task sees on
 * hardware.  The user bits move there: until the next trap, bm_vcpu.cpsr
 * holds only the virtual bits, the user bits zero (vcpu_enter() brings
 * them back), so that the SWI fast path (vectors.S) reads the virtual
 * CPSR as bm_vcpu.cpsr | SPSR. */
static inline uint32_t vcpu_leave(void)
{
	uint32_t cpsr = (bm_vcpu.cpsr & BM_USER_PSR) | ARMPV_MODE_USR;

	bm_vcpu.cpsr &= ~BM_USER_PSR;
	return cpsr;
}

/* Guest physical 'pa' as an offset into guest RAM, or false. */
static bool guest_ram(uint32_t pa, uint32_t len)
{
	return pa < bm_guest_size && len <= bm_guest_size - pa;
}

/*
 * The word the guest has just executed at 'va' (a trap word, or a load or
 * store that faulted): the real CPU fetched it through the shadow root
 * still loaded, so its page is mapped there, with an AP (11 or 10) that
 * lets the monitor, privileged, read it at the same address.  (Never a
 * monitor slot: those are AP 01, and a USR fetch there faults.)
 */
static inline uint32_t guest_fetched_word(uint32_t va)
{
	return *(const volatile uint32_t *)(uintptr_t)va;
}

/*
 * The instruction the guest has just executed at 'va' in its current
 * state: in Thumb state the halfword there (a word load at a halfword
 * address would be an alignment fault in the monitor with the guest's
 * SCTLR.A, and with the ARM1176's U could reach into the next page,
 * which the shadow may not map or which may be the monitor's).  Thumb
 * loads and stores are 16-bit on both CPUs (the ARM1176's only 32-bit
 * Thumb instruction is the BL/BLX pair).
 */
static inline uint32_t guest_fetched_insn(uint32_t va)
{
	if (bm_vcpu.cpsr & ARMPV_PSR_T)
		return *(const volatile uint16_t *)(uintptr_t)va;
	return guest_fetched_word(va);
}

static void handle_hypercall(void)
{
	switch (bm_vcpu.run.hypercall.nr) {
	case ARMPV_HC_EXIT:
		run_stop((int)(bm_vcpu.r[0] & 0xff));
	case ARMPV_HC_PUTC:
		bm_putc((char)bm_vcpu.r[0]);
		break;
	case ARMPV_HC_SET_IRQ:
		armpv_vcpu_set_irq(&bm_vcpu, bm_vcpu.r[0] != 0);
		armpv_vcpu_check_irq(&bm_vcpu);
		break;
	case ARMPV_HC_SET_FIQ:
		armpv_vcpu_set_fiq(&bm_vcpu, bm_vcpu.r[0] != 0);
		armpv_vcpu_check_irq(&bm_vcpu);
		break;
	case ARMPV_HC_PV_SYNC:
		/* The guest unmasked on the shared page with a line
		 * pending: bm_trap() merged the page already; the
		 * interrupt now allowed is taken after the SWI (r[15]). */
		pv_syncs++;
		armpv_vcpu_check_irq(&bm_vcpu);
		break;
	default:
		guest_error("unknown hypercall 0x%06x at %08x",
			    bm_vcpu.run.hypercall.nr, bm_vcpu.r[15] - 4);
	}
}

/* ---------------------------------------------------------------------
 * Shadow paging (docs/baremetal-monitor.md "Shadow paging").
 */
#define FSR_STATUS(fsr) ((fsr) & 0xfu)
#define FSR_ALIGNMENT_MASK 0xdu /* 0b00x1: alignment (ARM ARM B4.6) */
#define FSR_TRANS_SECTION 0x5u
#define FSR_TRANS_PAGE 0x7u
#define FSR_PERM_SECTION 0xdu
#define FSR_PERM_PAGE 0xfu

static void guest_device(bool fetch, uint32_t va, uint32_t pa,
			 const struct armpv_mem_entry *entry);
static void emulate_native(uint32_t va, uint32_t pa,
			   const struct armpv_mem_entry *entry);

static bool vm_is_v6(void)
{
	return vm.model == ARMPV_CPU_ARM1176JZFS;
}

static void cp15_fast_cache_classes(void);
/* The guest's SCTLR.M and C as cache.c last saw them. */
#define CACHE_SCTLR_BITS (ARMPV_SCTLR_M | ARMPV_SCTLR_C)
static uint32_t cache_sctlr;

/* The root for the current virtual privilege. */
static unsigned shadow_root_for_mode(void)
{
	return armpv_mode_privileged(bm_vcpu.cpsr) ? BM_SHADOW_KERNEL
						: BM_SHADOW_USER;
}

/* The guest's alignment checking is the real CPU's while it runs: SCTLR.A
 * (and on ARMv6 U, the unaligned access model) mirrored.  The monitor's
 * own code makes no unaligned accesses, so it runs with them too.  Only
 * a change of the guest's bits costs a CP15 access. */
static void alignment_sync(void)
{
	/* The guest bits the real SCTLR has; none known before the first. */
	static uint32_t mirrored = 0xffffffffu;
	uint32_t mask = ARMPV_SCTLR_A | (vm_is_v6() ? ARMPV_SCTLR_U : 0);
	uint32_t want = bm_vcpu.cp15.sctlr & mask, real;

	if (want == mirrored)
		return;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(real));
	real = (real & ~mask) | want;
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(real) : "memory");
	mirrored = want;
}

/* A new translation regime, or TLB maintenance other than one entry:
 * drop every shadow entry. */
static void shadow_flush(void)
{
	bool xp = vm_is_v6() && (bm_vcpu.cp15.sctlr & ARMPV_SCTLR_XP);

	/* The real vectors opposite the guest's (mmu.c): the shared slots'
	 * tables change, which the flush below puts back in the roots. */
	if (!(bm_vcpu.cp15.sctlr & ARMPV_SCTLR_V) != bm_mmu_vectors_high())
		bm_mmu_vectors(!(bm_vcpu.cp15.sctlr & ARMPV_SCTLR_V));
	/* The real table format follows the guest's (mmu.c): this drops
	 * every shadow entry too. */
	if (xp != bm_mmu_xp()) {
		bm_mmu_set_format(xp);
		shadow_stats.format_switches++;
	}
	bm_shadow_flush();
	bm_shadow_set_dacr(bm_vcpu.cp15.dacr);
	/* The address space the new shadow entries belong to. */
	if (bm_mmu_xp())
		bm_shadow_switch_space(bm_vcpu.cp15.contextidr & 0xffu,
				       bm_vcpu.cp15.ttbr0);
	shadow_stats.flushes++;
}

/*
 * The guest invalidated its TLB entry for 'mva'.  The shadow is indexed
 * by VA, the guest's TLB by MVA: with an FCSE PID, VA v below 32 MiB is
 * MVA v + PID (ARM ARM B8.2), so the entry may be cached at MVA - PID as
 * well as at MVA itself (a VA of 32 MiB and up, or PID 0).  Dropping at
 * both is at worst too much, never too little.  ARMv6: the ASID in
 * [7:0] is ignored (the shadow holds one address space; a global or
 * other-ASID entry dropped too is again at worst too much).
 */
static void shadow_invalidate_mva(uint32_t mva)
{
	uint32_t pid = bm_vcpu.cp15.fcse_pid & 0xfe000000u;

	mva &= 0xfffff000u;
	bm_shadow_invalidate_mva(mva);
	if (pid && mva - pid < 0x02000000u)
		bm_shadow_invalidate_mva(mva - pid);
	shadow_stats.mva_invalidations++;
}

/* The guest's first-level table, where every VA's descriptor is at its
 * MiB's index, as shadow.c reads it at a keep: TTBR0's, unless the MMU
 * is off, an FCSE PID moves the first 32 MiB, or (ARM1176) TTBCR.N or
 * PD0 is set; then 0, none. */
static uint32_t shadow_guest_table(void)
{
	const struct armpv_cp15 *c = &bm_vcpu.cp15;

	if (!(c->sctlr & ARMPV_SCTLR_M) || c->fcse_pid || c->ttbcr)
		return 0;
	return c->ttbr0 & 0xffffc000u;
}

/*
 * The CP15 fast path's TLB invalidate by MVA (vectors.S), on the UND
 * stack: all a trap of that word would do.  The core's cp15_op_tlb_mva()
 * would report the MVA alone (ARMPV_CP15_EV_TLB_MVA: no event is ever
 * pending between traps, shadow_sync() clears them), and shadow_sync()
 * would drop what came from it; the root, alignment and VFP access it
 * then loads are those already loaded, the virtual mode unchanged.
 */
void bm_fast_tlb_mva(uint32_t mva)
{
	shadow_invalidate_mva(mva);
	bm_fast_traps[BM_FAST_CP15_TLB_MVA]++;
}

/*
 * After every trap, before the guest runs again: act on what the core's
 * CP15 emulation reported -- a new translation regime or a TLB operation
 * drops every shadow entry, except an invalidate by MVA reported alone
 * (ARMPV_CP15_EV_TLB_MVA), which drops what the guest TLB entry at that
 * MVA gave, a DACR write alone (another context), a context switch in
 * the ARMv6 format (address spaces kept), and in the ARMv5 format TLB
 * maintenance or a TTBR0 write alone (tables kept, checked when used
 * again); a cache operation (the C path's) is run by cache.c, and a
 * change of whether guest pages are cached drops everything --
 * then load the root of the virtual privilege the guest now runs at (a
 * virtual exception entry or return may have changed it).
 */
static void shadow_sync(void)
{
	uint32_t ev = bm_vcpu.cp15.events;
	uint32_t drop = ev & (ARMPV_CP15_EV_TRANSLATION | ARMPV_CP15_EV_TLB);

	/* Guest pages cached or not (cache.c): a change of the guest's
	 * SCTLR.C (or M) makes every shadow entry's C wrong, and the
	 * fast path's c7 classes. */
	if (((bm_vcpu.cp15.sctlr ^ cache_sctlr) & CACHE_SCTLR_BITS) &&
	    bm_cache_regime(cache_sctlr = bm_vcpu.cp15.sctlr)) {
		cp15_fast_cache_classes();
		shadow_flush();
	} else if (drop) { /* one test on the common path: nothing dropped */
		if (drop == ARMPV_CP15_EV_TLB && (ev & ARMPV_CP15_EV_TLB_MVA))
			shadow_invalidate_mva(bm_vcpu.cp15.tlb_mva);
		else if (drop == ARMPV_CP15_EV_TRANSLATION &&
			 (ev & ARMPV_CP15_EV_DACR) &&
			 bm_shadow_set_dacr(bm_vcpu.cp15.dacr))
			shadow_stats.dacr_switches++; /* no flush: shadow.c */
		else if (drop == ARMPV_CP15_EV_TRANSLATION &&
			 (ev & ARMPV_CP15_EV_CONTEXT) && bm_mmu_xp()) {
			/* A context switch in the ARMv6 format: global
			 * entries stay, the others are kept per address
			 * space (shadow.c). */
			bm_shadow_switch_space(bm_vcpu.cp15.contextidr & 0xffu,
					       bm_vcpu.cp15.ttbr0);
			shadow_stats.context_switches++;
		} else if (!bm_mmu_xp() &&
			   (!(drop & ARMPV_CP15_EV_TRANSLATION) ||
			    (ev & ARMPV_CP15_EV_CONTEXT)))
			/* ARMv5 format, TLB maintenance or a new TTBR0 (or
			 * ARM1176 CONTEXTIDR) only: every table is kept, to
			 * be checked against the guest's tables when used
			 * again (shadow.c). */
			bm_shadow_keep_all(shadow_guest_table());
		else
			shadow_flush();
	}
	if (ev & ARMPV_CP15_EV_CACHE)
		bm_cache_slow_op(); /* the C path's: cache.c */
	bm_vcpu.cp15.events = 0;
	bm_shadow_switch(shadow_root_for_mode());
	alignment_sync();
	bm_vfp_sync(&bm_vcpu);
}

/* The CP15 fast path's MCRs of class BM_CP15_FAST_CORE (vectors.S), on
 * the UND stack, the guest's registers in bm_vcpu.r (Rd not PC): what a
 * trap of 'word' does once the core has emulated it -- cp15_fast_init()
 * gave the class only to words the core answers ARMPV_CP15_DONE on this
 * CPU without ARMPV_CP15_EV_TPIDRURO, so of bm_trap()'s work after the
 * core only shadow_sync() has anything to do: the CPSR, the lines (low:
 * the stub checked) and the thread ID registers do not change. */
void bm_fast_cp15_core(uint32_t word)
{
	if (armpv_cp15_access(&bm_vcpu, word) != ARMPV_CP15_DONE) {
		bm_report("internal error: the CP15 fast path's word %08x is "
			  "not one the core emulates", word);
		bm_halt(BM_EXIT_INTERNAL);
	}
	shadow_sync();
	bm_fast_traps[BM_FAST_CP15]++;
}

/* The same for a DACR write (class BM_CP15_FAST_DACR): the core's row
 * takes every bit and raises ARMPV_CP15_EV_TRANSLATION and
 * ARMPV_CP15_EV_DACR, no other event being pending (cp15_fast_init()
 * checked it on the scratch vCPU), which shadow_sync() turns into the
 * shadows of that DACR value. */
void bm_fast_dacr(uint32_t dacr)
{
	bm_vcpu.cp15.dacr = dacr;
	bm_vcpu.cp15.events = ARMPV_CP15_EV_TRANSLATION | ARMPV_CP15_EV_DACR;
	shadow_sync();
	bm_fast_traps[BM_FAST_CP15]++;
}

/* The system-call fast path in assembly (vectors.S swi_user, fast_movs),
 * on the SVC stack once it has changed the virtual mode between USR and
 * a privileged one: shadow_sync() (no CP15 event is pending between
 * traps: it loads the root of the new privilege, and the alignment
 * checking and VFP access for it), as the C path does after the same
 * work. */
void bm_fast_sys_sync(void)
{
	shadow_sync();
}

/*
 * The real AP of each 1 KiB subpage of the 4 KiB page holding 'va' for
 * the current virtual privilege, from the guest's walk: 3 where it may
 * write, 2 where it may only read (and execute, but in the ARMv6 format
 * where the guest's descriptor is XN: *xn), 0 where it may not, or where
 * the subpage does not continue 'frame' contiguously in guest RAM (a
 * tiny page elsewhere: that subpage's own fault maps it later).  *src:
 * what the walk read and found (the descriptors, log2 of the size of the
 * guest mapping, armpv_mem_page.map_shift, 12 if none; nG).
 */
static void shadow_page_ap(uint32_t va, unsigned flags, uint32_t frame,
			   unsigned ap[4], bool *xn, struct bm_shadow_src *src)
{
	struct armpv_mem_page page;
	bool ok = armpv_mem_translate_page(&bm_vcpu, va, flags, &page) &&
		  page.frame == frame && guest_ram(frame, 0x1000);

	/* One walk for the page (armpv_mem_translate_page), where one per
	 * subpage and direction cost about 2,000 instructions a fill. */
	*xn = false;
	src->ng = ok && page.ng;
	src->shift = ok ? page.map_shift : 12;
	/* No descriptors when the walk failed: nothing to keep it by. */
	src->l1 = ok ? page.l1 : 0;
	for (unsigned k = 0; k < 4; k++) {
		src->l2[k] = ok ? page.l2[k] : 0;
		ap[k] = BM_AP_NONE;
		if (!ok || !(page.perm[k] & ARMPV_MEM_PERM_READ))
			continue;
		ap[k] = page.perm[k] & ARMPV_MEM_PERM_WRITE ? BM_AP_USER_RW
							    : BM_AP_USER_RO;
		if (!(page.perm[k] & ARMPV_MEM_PERM_EXEC))
			*xn = true;
	}
}

/* Does 'root' map the 4 KiB page of 'va' to a host frame other than the
 * one of guest physical 'pa' (the guest's walk for 'va')? */
static bool shadow_maps_other_frame(unsigned root, uint32_t va, uint32_t pa)
{
	uint32_t host;
	unsigned ap;

	return bm_shadow_lookup(root, va, &host, &ap) &&
	       (host & 0xfffff000u) != BM_GUEST_PA + (pa & 0xfffff000u);
}

/*
 * ARMv5 format: the MiB of 'va' has no table in 'root' but may have one
 * kept at the guest's last TLB invalidation (shadow.c): attached again
 * if one was made from the guest's first-level descriptor there now,
 * without its entries whose second-level descriptors changed since.
 * True if the access can then run again: its page is mapped.
 */
static bool shadow_reuse(unsigned root, uint32_t va)
{
	uint32_t l1, host;
	unsigned ap;

	if (bm_mmu_xp() || !bm_shadow_kept(root, va) ||
	    !armpv_mem_l1_descriptor(&bm_vcpu, va, &l1) ||
	    !bm_shadow_reuse(root, va, l1))
		return false;
	return bm_shadow_lookup(root, va, &host, &ap) && ap != BM_AP_NONE;
}

/*
 * A real data or prefetch abort from the guest at 'va' (the fetch address
 * for a prefetch abort), real status 'fsr'.  Either the guest's own
 * tables deny the access -- the guest gets its virtual abort, with the
 * FSR and FAR its walk gives -- or they allow it and the page goes into
 * the shadow root of the current virtual privilege, and the instruction
 * runs again.
 *
 * Read or write?  The ARM926EJ-S DFSR has no WnR bit.  So the first fault
 * on a page is handled as a read: the page is mapped with the guest's
 * full permission for this privilege, read-only if the guest forbids
 * writes.  A write to it faults again, now a permission fault on a
 * subpage we made read-only: that can only be a write, and the guest's
 * write walk gives its abort.  (The ARMv5 FSR has no WnR either, so a
 * read walk's fault is exactly what a write to a page that is not even
 * readable reports.)  On the ARM1176 the real DFSR's WnR says it.
 */
static void guest_abort(bool fetch, uint32_t va, uint32_t fsr)
{
	uint32_t pc = bm_vcpu.r[15], status = FSR_STATUS(fsr), pa, host;
	unsigned flags = armpv_mode_privileged(bm_vcpu.cpsr) ? 0 : ARMPV_MEM_USER;
	unsigned root = bm_shadow_current(), ap[4], cur_ap;
	bool xn;
	struct bm_shadow_src src;
	struct armpv_mem_fault fault;
	struct armpv_mem_entry entry;
	const char *what = fetch ? "instruction fetch from" : "native access to";

	if (!fetch && (status & FSR_ALIGNMENT_MASK) == 1) {
		/* SCTLR.A is the guest's (alignment_sync): its own fault.
		 * The domain field is not valid for it (ARM ARM B4.6). */
		armpv_vcpu_data_abort(&bm_vcpu, pc,
				      status | (fsr & ARMPV_FSR_WNR), va);
		shadow_stats.aborts++;
		return;
	}
	/* Our shadow entries are pages in domain 0 (client), the monitor's
	 * sections AP 01: nothing else can fault.  (A prefetch abort's
	 * status is not checked: the ARM926EJ-S IFSR is not architectural.) */
	if (!fetch && status != FSR_TRANS_SECTION &&
	    status != FSR_TRANS_PAGE && status != FSR_PERM_SECTION &&
	    status != FSR_PERM_PAGE)
		guest_error("%s %08x at pc %08x: unexpected real fault status "
			    "%08x", what, va, pc, fsr);
	if (shadow_reuse(root, va))
		return;
	if (fetch)
		flags |= ARMPV_MEM_EXEC; /* ARMv6 XP = 1: XN */
	if (!fetch) {
		if (vm_is_v6())
			flags |= fsr & ARMPV_FSR_WNR ? ARMPV_MEM_WRITE : 0;
		else if (status == FSR_PERM_PAGE &&
			 bm_shadow_lookup(root, va, &host, &cur_ap) &&
			 cur_ap == BM_AP_USER_RO)
			flags |= ARMPV_MEM_WRITE;
	}
	if (!armpv_mem_translate_entry(&bm_vcpu, va, flags, &entry, &fault)) {
		if (fetch)
			armpv_vcpu_prefetch_abort(&bm_vcpu, pc, fault.fsr, va);
		else
			armpv_vcpu_data_abort(&bm_vcpu, pc, fault.fsr, fault.far);
		shadow_stats.aborts++;
		return;
	}
	/* The guest's tables allow it.  Not RAM: a device, or nothing. */
	pa = entry.pa | (va & 0x3ffu);
	if (!guest_ram(pa, 1)) {
		guest_device(fetch, va, pa, &entry);
		return;
	}
	if (bm_shadow_is_monitor(va))
		guest_error("guest maps VA %08x over the monitor (at pc %08x, "
			    "guest physical %08x): the monitor keeps "
			    "%08x-%08x and its vector page at %08x",
			    va, pc, pa, BM_MON_VA, BM_PV_VA + 4095,
			    bm_mmu_vectors_high() ? BM_HIGH_VECTORS : 0);
	if (!fetch && shadow_maps_other_frame(root, va, pa)) {
		/* The page is shadowed from another frame: 1 KiB tiny pages
		 * of different frames share this 4 KiB page, and the access
		 * (an LDM, LDRD or unaligned access across them, or one
		 * that meets the other frame's mapping) would only remap
		 * the page for the other frame, forever: emulated, as for
		 * a tiny page out of place.  An instruction fetch remaps
		 * (it makes progress: its loads then come here). */
		shadow_stats.tiny++;
		emulate_native(va, pa, &entry);
		return;
	}
	if ((pa & 0xc00u) != (va & 0xc00u)) {
		/* A 1 KiB tiny page out of its place in a 4 KiB frame: no
		 * shadow small page can map it, so it stays unmapped and
		 * each load or store there is emulated through the
		 * guest's walk (slow, exact).  Code cannot run from one. */
		if (fetch)
			guest_error("instruction fetch from %08x: guest maps "
				    "it to %08x, a 1 KiB tiny page out of place "
				    "in a 4 KiB frame: the shadow MMU emulates "
				    "data accesses there, not execution", va,
				    pa);
		shadow_stats.tiny++;
		emulate_native(va, pa, &entry);
		return;
	}
	shadow_page_ap(va, flags & ARMPV_MEM_USER, pa & 0xfffff000u, ap, &xn,
		       &src);
	if (ap[(va >> 10) & 3u] == BM_AP_NONE ||
	    ((flags & ARMPV_MEM_WRITE) && ap[(va >> 10) & 3u] != BM_AP_USER_RW)) {
		/* Cannot be: the walk above allowed it. */
		bm_report("internal error: shadow entry for %08x (pa %08x) "
			  "would not allow the access", va, pa);
		run_stop(BM_EXIT_INTERNAL);
	}
	bm_shadow_map(root, va, BM_GUEST_PA + (pa & 0xfffff000u), ap, xn,
		      bm_cache_shadow_cb(&src), &src);
	shadow_stats.fills++;
}

/*
 * A guest access its tables allow to guest physical 'pa' outside RAM.
 * Device pages are never mapped in the shadow tables, so every access
 * comes here: the faulted load or store is emulated by the core
 * (armpv_vcpu_emulate_access_at: the translation guest_abort() made,
 * 'entry', serves the faulting 1 KiB, any other address the instruction
 * touches is walked; then the VM's MMIO callback, board.c), or, where no
 * device answers, the core gives the guest the external abort absent
 * hardware gives.  An instruction fetch from
 * outside RAM is a prefetch abort, external abort (nothing executes from
 * a device page here); its status is the one the core's walk gives for
 * an absent device (page or section form), taken with the MMIO callback
 * out of the way so that no device register is read.
 */
static void guest_device(bool fetch, uint32_t va, uint32_t pa,
			 const struct armpv_mem_entry *entry)
{
	uint32_t pc = bm_vcpu.r[15], value;
	unsigned flags = armpv_mode_privileged(bm_vcpu.cpsr) ? 0 : ARMPV_MEM_USER;
	struct armpv_mem_fault fault;

	if (fetch) {
		armpv_mmio_fn fn = vm.mmio;

		vm.mmio = NULL;
		if (armpv_mem_read(&bm_vcpu, va, 4, flags, &value, &fault)) {
			vm.mmio = fn;
			bm_report("internal error: fetch from %08x (guest "
				  "physical %08x) did not abort", va, pa);
			run_stop(BM_EXIT_INTERNAL);
		}
		vm.mmio = fn;
		armpv_vcpu_prefetch_abort(&bm_vcpu, pc, fault.fsr & ~ARMPV_FSR_WNR,
					  va);
		shadow_stats.extabts++;
		return;
	}
	if (!bm_board_is_device(pa))
		shadow_stats.extabts++;
	emulate_native(va, pa, entry);
}

/* The guest's load or store at PC that aborted on 'va' (guest physical
 * 'pa', translated as 'entry'), emulated by the core. */
static void emulate_native(uint32_t va, uint32_t pa,
			   const struct armpv_mem_entry *entry)
{
	uint32_t pc = bm_vcpu.r[15], word = guest_fetched_insn(pc);

	profile_hit(pc, word);
	if (armpv_vcpu_emulate_access_at(&bm_vcpu, word, entry) ==
	    ARMPV_EXIT_GUEST_ERROR)
		guest_error("native access to %08x (guest physical %08x) at pc "
			    "%08x: %s (word %08x)", va, pa, pc,
			    bm_vcpu.run.error.what, word);
	armpv_vcpu_check_irq(&bm_vcpu);
}

/* An SWI or Undefined instruction from the guest at 'pc': the core's
 * trap.  The hot path (a trap word's round trip): keep it short. */
static void guest_trap(uint32_t pc, bool swi)
{
	uint32_t word;

	/* Thumb state: a user task's SWI or Undefined instruction is its
	 * own (armpv_vcpu_trap() does not read the word in virtual USR
	 * mode).  A kernel's is its own too: the rewriter makes ARM-state
	 * trap words only (docs/rewriter.md), and a Thumb SWI (8-bit
	 * comment) cannot be a hypercall.  So the kernel's Undefined
	 * instruction is its Undefined exception and its SWI its SWI
	 * exception, LR = the instruction + 2, SPSR with T set (ARM ARM
	 * A2.6.3, A2.6.4); both stopped the guest until the whole-system
	 * fuzzer met them, docs/fuzzing.md. */
	if (__builtin_expect(bm_vcpu.cpsr & ARMPV_PSR_T, 0) &&
	    armpv_mode_privileged(bm_vcpu.cpsr)) {
		armpv_vcpu_exception(&bm_vcpu,
				     swi ? ARMPV_EXC_SWI : ARMPV_EXC_UNDEF, pc);
		return;
	}
	word = guest_fetched_insn(pc);
	if (profiling)
		profile_hit(pc, word);
	if (!swi && bm_vfp_emulate(&bm_vcpu, word))
		return; /* a VFP system register: vfp.c */
	switch (armpv_vcpu_trap(&bm_vcpu,
				swi ? ARMPV_TRAP_SWI : ARMPV_TRAP_UNDEF, word)) {
	case ARMPV_EXIT_RESUME:
		break;
	case ARMPV_EXIT_HYPERCALL:
		handle_hypercall();
		break;
	case ARMPV_EXIT_HALT:
		/* WFI wakes on a pending interrupt even when masked: sleep
		 * until a model timer or UART0 input raises a line
		 * (board.c). */
		if (!bm_vcpu.irq_line && !bm_vcpu.fiq_line && !bm_board_wfi())
			guest_error("WFI at %08x with no interrupt pending: "
				    "nothing can wake the guest", pc);
		armpv_vcpu_check_irq(&bm_vcpu);
		break;
	case ARMPV_EXIT_GUEST_ERROR:
		guest_error("%s at %08x (word %08x)", bm_vcpu.run.error.what,
			    bm_vcpu.run.error.pc, bm_vcpu.run.error.word);
	}
}

static uint32_t cp15_dfsr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
	return v;
}

static uint32_t cp15_ifsr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v));
	return v;
}

static uint32_t cp15_far(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
	return v;
}

/*
 * A real prefetch abort from the guest at 'pc'.  A debug event is its
 * BKPT (the monitor sets no breakpoint, watchpoint or vector catch, and
 * BKPT aborts in USR mode as in any other: ARM ARM A4.1.7): the guest's
 * own prefetch abort, with the IFSR hardware gives, status 0b00010
 * "instruction debug event" (ARM1176 TRM, c5 Instruction Fault Status
 * Register; ARMv6 ARM ARM B4.6 table B4-1; the ARM926EJ-S has no
 * architected code for it, and QEMU 7.2
 * reports 0b0010 there too: arm_debug_exception_fsr()), IFAR on the
 * ARM1176 0 (UNKNOWN for a debug event; QEMU clears it).  Its page is
 * mapped already (it was fetched), so a shadow fill would only run it
 * again.  Anything else is a shadow fault.
 */
#define IFSR_STATUS_MASK 0x40fu /* FS[4] (ARMv6, bit 10) and FS[3:0] */
#define IFSR_DEBUG_EVENT 0x2u
static void guest_prefetch_abort(uint32_t pc, uint32_t ifsr)
{
	if ((ifsr & IFSR_STATUS_MASK) == IFSR_DEBUG_EVENT) {
		armpv_vcpu_prefetch_abort(&bm_vcpu, pc, IFSR_DEBUG_EVENT, 0);
		shadow_stats.aborts++;
		return;
	}
	guest_abort(true, pc, ifsr);
}

/*
 * ARM1176: the user thread ID registers are the real ones while the guest
 * runs (monitor/core/cp15.c): a user task reads TPIDRURO and reads and
 * writes TPIDRURW without a trap, and so does the guest kernel, in real
 * USR mode; only its TPIDRURO write traps, and lands here
 * (ARMPV_CP15_EV_TPIDRURO).  At reset both take the virtual reset values.
 * (The privileged-only TPIDRPRW always traps: virtual only.)
 */
static void thread_id_sync(bool reset)
{
	if (!vm_is_v6())
		return;
	if (reset)
		__asm__ volatile("mcr p15, 0, %0, c13, c0, 2"
				 : : "r"(bm_vcpu.cp15.tpidr[0]));
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 3"
			 : : "r"(bm_vcpu.cp15.tpidr[1]));
	bm_vcpu.cp15.events &= ~ARMPV_CP15_EV_TPIDRURO;
}

static const char *const exc_names[8] = {
	"reset", "undefined instruction", "SWI", "prefetch abort",
	"data abort", "reserved", "IRQ", "FIQ",
};

/*
 * An exception the monitor raised itself (vectors.S: its SPSR is not USR
 * mode), or one before the guest started: a bug, reported, and a halt.
 * Except bm_halt()'s own semihosting SVC when QEMU runs without
 * -semihosting: it returns, and bm_halt() waits forever.
 */
void bm_monitor_exception(unsigned exc, uint32_t spsr, uint32_t lr)
{
	if (exc == BM_EXC_SWI && halting)
		return;
	if (exc == BM_EXC_UNDEF && bm_vfp_probing) {
		bm_vfp_probe_undef = true; /* no VFP: resume after the probe */
		return;
	}
	halting = true;
	bm_report("internal error: %s in the monitor at pc %08x (cpsr %08x), "
		  "dfsr %08x far %08x",
		  exc_names[exc & 7], lr, spsr, cp15_dfsr(), cp15_far());
	bm_halt(BM_EXIT_INTERNAL);
}

/*
 * The page shared with a guest kernel built with the armpv_irqflags
 * plugin (armpv_pv.h; docs/plugin.md "What the monitor must do").  While
 * the virtual mode is privileged the guest masks and unmasks there, so
 * the virtual CPSR's I and F are the page's: pv_merge() takes them at
 * every entry, before anything looks at the CPSR (the SWI fast path does
 * the same in vectors.S), and pv_publish() writes the CPSR's bits 7:0
 * and the lines back before every return to a privileged mode.  A line
 * only changes inside bm_trap() (the board's models and the hypercalls
 * run nowhere else), so publishing at the return is publishing at every
 * change the guest could see.  In virtual USR mode the page is not the
 * guest's (not mapped for it) and neither is done.
 */
#define PV_IF (ARMPV_PSR_I | ARMPV_PSR_F)
static inline void pv_merge(void)
{
	if (armpv_mode_privileged(bm_vcpu.cpsr))
		bm_vcpu.cpsr = (bm_vcpu.cpsr & ~(uint32_t)PV_IF) |
			       (bm_pv_page()->cpsr & PV_IF);
}

static inline void pv_publish(void)
{
	struct armpv_pv_page *pv = bm_pv_page();

	if (!armpv_mode_privileged(bm_vcpu.cpsr))
		return;
	pv->cpsr = bm_vcpu.cpsr & 0xffu;
	pv->pending = (bm_vcpu.irq_line ? ARMPV_PV_PENDING_IRQ : 0u) |
		      (bm_vcpu.fiq_line ? ARMPV_PV_PENDING_FIQ : 0u);
}

/*
 * The system-call fast path (docs/baremetal-monitor.md "The system-call
 * fast path"): of the four traps of a kernel entry and exit, STM^ and
 * LDM^ of the User registers (Linux's vector_swi and restore_user_regs),
 * the guest's SWI from virtual USR mode and MOVS pc, Rm to it are
 * vectors.S's own (user_block; swi_user, fast_movs, then
 * bm_fast_sys_sync()); here the user accesses, done without the rest of
 * a trap: no word fetched again, no translation of the guest's tables
 * where the shadow has the page.  The Undefined stub (vectors.S
 * und_other) calls bm_fast_undef() on its stack with the guest's
 * registers in bm_vcpu.r (r[15] = LR), the trap word and the real SPSR;
 * it returns the CPSR to resume with, as bm_trap() does, or 0 with
 * nothing written, and the stub then takes the C path, which does
 * exactly what it did before.  0 for: a virtual interrupt line high (the
 * C path decides when it is taken: the same points as before), a word of
 * another form or another architecture, a condition that fails, the FIQ
 * mode (banked r8-r12) or SYS mode, E set (ARMv6 big-endian data), and
 * the cases of fast_sys_uaccess().
 */

/* Counted as armpv_vcpu_trap() counts a trap word it emulates. */
static inline void fast_sys_count(const struct armpv_form *f, unsigned cls)
{
	bm_vcpu.stats.traps++;
	bm_vcpu.stats.insn[f->insn]++;
	bm_vcpu.stats.exits[ARMPV_EXIT_RESUME]++;
	fast_sys[cls]++;
}

/* The trap word 'word' decoded, if it is one of this architecture whose
 * condition passes with the flags of 'spsr' (the guest's real CPSR), from
 * a virtual privileged mode that is neither FIQ nor SYS; else NULL. */
static const struct armpv_form *fast_sys_decode(uint32_t word, uint32_t spsr,
						 uint32_t *insn)
{
	const struct armpv_form *f;
	enum armpv_bank b = armpv_mode_bank(bm_vcpu.cpsr);

	if (b == ARMPV_BANK_USR || b == ARMPV_BANK_FIQ)
		return NULL;
	f = armpv_decode(word, insn);
	if (!f || !(f->archs & vm.arch) ||
	    (f->conditional && !armpv_cond_passed(*insn >> 28, spsr)))
		return NULL;
	return f;
}

/*
 * LDRT, STRT, LDRBT, STRBT with an immediate offset (emu_user_access())
 * from a virtual privileged mode: the access with the guest's User
 * permissions, then Rn written back (the loaded value winning over it
 * when Rn = Rd, as in the core).  The shadow root of virtual USR mode of
 * the current context (the guest's DACR value) holds those permissions
 * for every page a user task has touched since the guest's last TLB
 * maintenance that concerned it (shadow.c: the shadow is the guest's
 * TLB, ARM ARM B4.2): AP 11 lets it write, 10 read.  Elsewhere (and with
 * the guest's MMU off or its FCSE PID set: the shadow is indexed by VA)
 * the core's walk of the guest's tables with User permissions, as the C
 * path's access makes it.  The word itself is reached through the
 * monitor's window onto guest RAM.  False, nothing written, for an
 * access the guest's tables deny or that is not to RAM, a word access
 * not word-aligned, E set, Rd or Rn = PC.
 */
static bool fast_sys_uaccess(uint32_t insn, uint32_t spsr)
{
	unsigned n = (insn >> 16) & 0xfu, d = (insn >> 12) & 0xfu, ap;
	bool load = insn & (1u << 20), byte = insn & (1u << 22);
	uint32_t addr = bm_vcpu.r[n], off = insn & 0xfffu, host, v = 0;
	uint8_t *p;

	if (n == 15 || d == 15 || (spsr & ARMPV_PSR_E) ||
	    (!byte && (addr & 3u)))
		return false;
	if ((bm_vcpu.cp15.sctlr & ARMPV_SCTLR_M) && !bm_vcpu.cp15.fcse_pid &&
	    bm_shadow_lookup(bm_shadow_current() - BM_SHADOW_KERNEL +
				     BM_SHADOW_USER,
			     addr, &host, &ap) &&
	    ap >= (load ? BM_AP_USER_RO : BM_AP_USER_RW) &&
	    host >= BM_GUEST_PA && guest_ram(host - BM_GUEST_PA, 4)) {
		host -= BM_GUEST_PA;
	} else if (!armpv_mem_translate(&bm_vcpu, addr,
					ARMPV_MEM_USER |
						(load ? 0 : ARMPV_MEM_WRITE),
					&host, NULL) ||
		   !guest_ram(host, byte ? 1 : 4)) {
		/* Not RAM (a device: the core's MMIO), or the guest's
		 * tables deny it: C gives the guest its data abort. */
		bm_fast_sys_probe_failed++;
		return false;
	}
	bm_cache_data_sync(NULL, addr, byte ? 1 : 4); /* the window's */
	p = bm_guest_window(NULL, host);
	if (load)
		v = byte ? *(volatile uint8_t *)p : *(volatile uint32_t *)p;
	else if (byte)
		*(volatile uint8_t *)p = (uint8_t)bm_vcpu.r[d];
	else
		*(volatile uint32_t *)p = bm_vcpu.r[d];
	bm_vcpu.r[n] = insn & (1u << 23) ? addr + off : addr - off;
	if (load)
		bm_vcpu.r[d] = v;
	return true;
}

/*
 * After one LDRT and kin, the words that follow it on the same page while
 * each is another that fast_sys_uaccess() takes (Linux's copy loops:
 * eight in a row in arm_copy_to_user and arm_copy_from_user): each is an
 * Undefined trap word that the guest would execute next, in the same
 * state (the registers the emulation leaves, the flags unchanged, both
 * virtual lines low, the monitor's real interrupts masked), and would
 * trap on at once if its condition passes, to the same emulation; so
 * done here, counted as its own trap, and r[15] moves past it.  The
 * first word that is not one (another instruction, a condition that
 * fails, an access left to C, a new page whose fetch the guest makes
 * itself) the guest executes as it comes.  Read at its VA as
 * guest_fetched_word() reads the trap word: on the same 4 KiB page,
 * which the CPU fetched the trap word from.
 */
static void fast_sys_uaccess_run(uint32_t spsr)
{
	for (unsigned k = 0; k < 16 && (bm_vcpu.r[15] & 0xfffu); k++) {
		uint32_t word = guest_fetched_word(bm_vcpu.r[15]), insn;
		const struct armpv_form *f;

		/* Not a coprocessor 4-9, 12, 13 word: not ours (as the
		 * Undefined stub's und_other), before any decoding. */
		if ((word & 0x0e000000u) != 0x0c000000u &&
		    (word & 0x0f000000u) != 0x0e000000u)
			return;
		f = fast_sys_decode(word, spsr, &insn);
		if (!f || (f->id != ARMPV_FORM_LDRT_IMM &&
			   f->id != ARMPV_FORM_STRT_IMM &&
			   f->id != ARMPV_FORM_LDRBT_IMM &&
			   f->id != ARMPV_FORM_STRBT_IMM) ||
		    !fast_sys_uaccess(insn, spsr))
			return;
		fast_sys_count(f, FAST_SYS_UACC);
		fast_sys_run++;
		bm_vcpu.r[15] += 4;
	}
}

/* The Undefined stub's: LDRT and kin with an immediate. */
uint32_t bm_fast_undef(uint32_t word, uint32_t spsr)
{
	const struct armpv_form *f;
	uint32_t insn;

	if (bm_vcpu.irq_line | bm_vcpu.fiq_line)
		return 0;
	pv_merge();
	f = fast_sys_decode(word, spsr, &insn);
	if (!f)
		return 0;
	switch (f->id) {
	case ARMPV_FORM_LDRT_IMM:
	case ARMPV_FORM_STRT_IMM:
	case ARMPV_FORM_LDRBT_IMM:
	case ARMPV_FORM_STRBT_IMM:
		if (!fast_sys_uaccess(insn, spsr))
			return 0;
		fast_sys_count(f, FAST_SYS_UACC);
		fast_sys_uaccess_run(spsr);
		break;
	default:
		return 0;
	}
	pv_publish();
	return spsr;
}

/*
 * Called by the vector stubs for every exception from the guest (real
 * USR mode), its registers in bm_vcpu.r with r[15] = LR_<mode> and its
 * real CPSR in 'spsr'.  Returns the CPSR the guest resumes with, at
 * bm_vcpu.r[15].  After the work, shadow_sync() acts on the core's CP15
 * events and loads the shadow root of the guest's virtual privilege.
 */
uint32_t bm_trap(unsigned exc, uint32_t spsr)
{
	uint32_t lr = bm_vcpu.r[15];

	pv_merge();
	switch (exc) {
	case BM_EXC_SWI:
	case BM_EXC_UNDEF:
		/* Both: LR = the instruction + 4 in ARM state, + 2 in Thumb
		 * state (ARM ARM A2.6.3, A2.6.4). */
		lr -= spsr & ARMPV_PSR_T ? 2 : 4;
		vcpu_enter(lr, spsr);
		guest_trap(lr, exc == BM_EXC_SWI);
		break;
	case BM_EXC_DABT:
		vcpu_enter(lr - 8, spsr);
		guest_abort(false, cp15_far(), cp15_dfsr());
		break;
	case BM_EXC_PABT:
		vcpu_enter(lr - 4, spsr);
		guest_prefetch_abort(lr - 4, cp15_ifsr());
		break;
	case BM_EXC_IRQ:
		/* The real timer or the real UART0's input (the two sources
		 * enabled at the VIC; bm_board_irq reads which): time
		 * advances for the models, the input goes into the model's
		 * FIFO; a virtual IRQ if the virtual CPSR allows.  LR_irq =
		 * the interrupted instruction + 4. */
		vcpu_enter(lr - 4, spsr);
		bm_board_irq();
		armpv_vcpu_check_irq(&bm_vcpu);
		break;
	default:
		/* FIQ and the reserved vector go to bm_monitor_exception(). */
		bm_monitor_exception(exc, spsr, lr);
	}
	/* A line the merged page lets in is taken now (between two guest
	 * instructions), whatever brought the guest here; without the
	 * plugin's page nothing is ever left deliverable at this point. */
	if (__builtin_expect(bm_vcpu.irq_line | bm_vcpu.fiq_line, 0))
		armpv_vcpu_check_irq(&bm_vcpu);
	if (bm_vcpu.cp15.events & ARMPV_CP15_EV_TPIDRURO)
		thread_id_sync(false);
	shadow_sync();
	pv_publish();
	return vcpu_leave();
}

/*
 * The virtual CPU is the real one: the guest runs natively, so it must
 * see the architecture it executes on.  MIDR (ARM ARM B3.3.1): primary
 * part number 0xb76 is the ARM1176JZF-S (ARMv6, run here with SCTLR.XP = 0:
 * the ARMv5 table format); everything else we accept is an ARM926EJ-S
 * (part 0x926).
 */
static enum armpv_cpu_model cpu_model(void)
{
	uint32_t midr, part;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	part = (midr >> 4) & 0xfff;
	if (part == 0xb76)
		return ARMPV_CPU_ARM1176JZFS;
	if (part != 0x926)
		bm_report("warning: CPU part %03x (MIDR %08x) is neither "
			  "ARM926EJ-S nor ARM1176JZF-S: emulating an "
			  "ARM926EJ-S", part, midr);
	return ARMPV_CPU_ARM926EJS;
}

/*
 * The CP15 fast path's table (bm.h) for the guest's CPU: the core's class
 * of each MCR with opcode_1 0 (its condition AL, Rd r0: neither changes
 * the class), else BM_CP15_FAST_CORE if the core emulates the word
 * (ARMPV_CP15_DONE: not Undefined, not WFI) and its events are only
 * those shadow_sync() acts on, as a scratch vCPU of the model shows; of
 * those, SCTLR and DACR get a class of their own when the core's rows
 * do what the stub and bm_fast_dacr() assume (cp15_probe_sctlr(),
 * cp15_probe_dacr()); and whether the core's MRC of SCTLR reads
 * bm_vcpu.cp15.sctlr as it is (bm_sctlr_read_fast: the Undefined stub
 * then reads it itself).
 */
uint32_t bm_sctlr_read_fast, bm_sctlr_wmask;
static struct armpv_vcpu cp15_probe;
static const uint32_t cp15_probe_values[] = { 0, 0xffffffffu, 0x00050078u,
					      0x0005317fu, 0x00c5387du,
					      0x55555555u };
#define CP15_NPROBES (sizeof(cp15_probe_values) / sizeof(cp15_probe_values[0]))
#define MCR_SCTLR 0xee010f10u /* mcr p15, 0, r0, c1, c0, 0 */
#define MRC_SCTLR 0xee110f10u
#define MCR_DACR 0xee030f10u

/* The core writes SCTLR's bm_sctlr_wmask bits (those that a write of
 * zeros and a write of ones leave different) and keeps the others, and
 * a write that changes none raises no event: true when every probe
 * value shows it. */
static bool cp15_probe_sctlr(void)
{
	struct armpv_cp15 *c = &cp15_probe.cp15;
	uint32_t zeros, ones;

	cp15_probe.r[0] = 0;
	armpv_cp15_access(&cp15_probe, MCR_SCTLR);
	zeros = c->sctlr;
	cp15_probe.r[0] = 0xffffffffu;
	armpv_cp15_access(&cp15_probe, MCR_SCTLR);
	ones = c->sctlr;
	bm_sctlr_wmask = zeros ^ ones;
	for (unsigned k = 0; k < CP15_NPROBES; k++) {
		uint32_t v = cp15_probe_values[k], want;

		cp15_probe.r[0] = v;
		armpv_cp15_access(&cp15_probe, MCR_SCTLR);
		want = (zeros & ~bm_sctlr_wmask) | (v & bm_sctlr_wmask);
		c->events = 0;
		cp15_probe.r[0] = v ^ ~bm_sctlr_wmask; /* the same write */
		if (armpv_cp15_access(&cp15_probe, MCR_SCTLR) !=
			    ARMPV_CP15_DONE ||
		    c->sctlr != want || c->events)
			return false;
	}
	return true;
}

/* The core's DACR write takes every bit and raises EV_TRANSLATION and
 * EV_DACR alone (bm_fast_dacr()). */
static bool cp15_probe_dacr(void)
{
	for (unsigned k = 0; k < CP15_NPROBES; k++) {
		cp15_probe.r[0] = cp15_probe_values[k];
		cp15_probe.cp15.events = 0;
		if (armpv_cp15_access(&cp15_probe, MCR_DACR) !=
			    ARMPV_CP15_DONE ||
		    cp15_probe.cp15.dacr != cp15_probe_values[k] ||
		    cp15_probe.cp15.events != (ARMPV_CP15_EV_TRANSLATION |
					       ARMPV_CP15_EV_DACR))
			return false;
	}
	return true;
}

static inline unsigned cp15_fast_index(uint32_t mcr)
{
	return ((mcr >> 16) & 0xfu) << 8 | (mcr & 0xffu);
}

/*
 * The c7 words bm_fast_cache() runs (cache.c): BM_CP15_FAST_CACHE while
 * guest pages are cached, else the core's BM_CP15_FAST_NOP (nothing
 * cached: nothing to do).  Chosen again at every change of that
 * (shadow_sync()); only ever between those two classes.
 */
static void cp15_fast_cache_classes(void)
{
	uint8_t c = bm_cache_regime_cached() ? BM_CP15_FAST_CACHE
					     : BM_CP15_FAST_NOP;

	for (uint32_t low = 0; low < 256; low++) {
		uint32_t word = 0xee070f00u | low;
		uint8_t *cls = &bm_cp15_fast[cp15_fast_index(word)];

		if ((*cls == BM_CP15_FAST_NOP || *cls == BM_CP15_FAST_CACHE) &&
		    bm_cache_fast_op(word))
			*cls = c;
	}
}

static void cp15_fast_init(void)
{
	armpv_vcpu_init(&cp15_probe, &vm);
	for (uint32_t i = 0; i < BM_CP15_FAST_SIZE; i++) {
		uint32_t word = 0xee000f00u | (i >> 8) << 16 | (i & 0xffu);
		enum armpv_cp15_fast c = armpv_cp15_fast_class(vm.model, word);

		bm_cp15_fast[i] = (uint8_t)c;
		if (c != ARMPV_CP15_FAST_NONE)
			continue;
		cp15_probe.cp15.events = 0;
		if (armpv_cp15_access(&cp15_probe, word) == ARMPV_CP15_DONE &&
		    !(cp15_probe.cp15.events & ARMPV_CP15_EV_TPIDRURO))
			bm_cp15_fast[i] = BM_CP15_FAST_CORE;
	}
	if (bm_cp15_fast[cp15_fast_index(MCR_SCTLR)] == BM_CP15_FAST_CORE &&
	    cp15_probe_sctlr())
		bm_cp15_fast[cp15_fast_index(MCR_SCTLR)] = BM_CP15_FAST_SCTLR;
	if (bm_cp15_fast[cp15_fast_index(MCR_DACR)] == BM_CP15_FAST_CORE &&
	    cp15_probe_dacr())
		bm_cp15_fast[cp15_fast_index(MCR_DACR)] = BM_CP15_FAST_DACR;
	/* MRC p15, 0, r0, c1, c0, 0 against the field, whatever it holds. */
	bm_sctlr_read_fast = 1;
	for (unsigned k = 0; k < CP15_NPROBES; k++) {
		cp15_probe.cp15.sctlr = cp15_probe_values[k];
		cp15_probe.r[0] = ~cp15_probe_values[k];
		if (armpv_cp15_access(&cp15_probe, MRC_SCTLR) !=
			    ARMPV_CP15_DONE ||
		    cp15_probe.r[0] != cp15_probe_values[k])
			bm_sctlr_read_fast = 0;
	}
}

/* The SWI fast path's tables (vectors.S) for the guest's CPU: the
 * core's bank of every mode number (armpv_mode_bank(): USR and SYS
 * share the slot the core reads and writes for an SPSR they lack), and
 * what emu_msr() writes of an SPSR for each field mask: the bytes of
 * the fields c, x, s, f (bits 0-3), of them the bits this CPU has. */
static void spsr_fast_init(void)
{
	for (uint32_t mode = 0; mode < 32; mode++)
		bm_mode_bank[mode] = (uint8_t)armpv_mode_bank(mode);
	for (uint32_t f = 0; f < 16; f++) {
		uint32_t mask = 0;

		for (unsigned i = 0; i < 4; i++)
			if (f & (1u << i))
				mask |= 0xffu << (8 * i);
		bm_spsr_write_mask[f] = mask & armpv_psr_valid_mask(&bm_vcpu);
	}
	bm_psr_valid_mask = armpv_psr_valid_mask(&bm_vcpu);
	/* MOVS pc, lr as a trap word (vectors.S fast_movs): its class. */
	{
		uint32_t insn;
		const struct armpv_form *f = armpv_decode(0xef26800eu, &insn);

		if (!f || insn != 0xe1b0f00eu) {
			bm_report("internal error: the tables' MOVS pc, lr is "
				  "not the trap word vectors.S takes");
			bm_halt(BM_EXIT_INTERNAL);
		}
		fast_movs_insn = f->insn;
	}
}

/* Where the boot loader's initrd lies in guest RAM, while loading. */
static uint32_t boot_src_lo, boot_src_hi;

/* The loader writes guest RAM [pa, pa + len) (guest physical): never over
 * the image it is reading. */
void bm_guest_claim(uint32_t pa, uint32_t len, const char *what)
{
	if (len && pa < boot_src_hi && boot_src_lo < pa + len)
		bm_bad_guest("%s at guest physical %08x-%08x would overwrite "
			     "the guest image as the boot loader placed it "
			     "(%08x-%08x): load it elsewhere, or give more RAM",
			     what, pa, pa + len - 1, boot_src_lo,
			     boot_src_hi - 1);
}

_Noreturn void bm_main(uint32_t machine, uint32_t tags_pa)
{
	struct bm_boot_info boot;
	struct bm_guest_entry start;
	uint8_t *ram;

	bm_mmu_init();
	bm_boot_parse(machine, tags_pa, &boot);
	bm_board = bm_board_find(&boot);
	if (!bm_board)
		bm_halt(BM_EXIT_NO_INPUT);
	bm_mmu_map_io(bm_board->io_pa);
	bm_console_start();
	bm_board_quiesce();
	bm_vfp_init();
	bm_report("armpv bare-metal monitor (shadow paging in the ARMv5%s "
		  "format, %s devices), tables layout 0x%08x",
		  cpu_model() == ARMPV_CPU_ARM1176JZFS ? " or ARMv6" : "",
		  bm_board->name, ARMPV_TABLES_LAYOUT_HASH);
	bm_report("machine %u, RAM %u MiB (%s), guest image at %08x, %u "
		  "bytes (initrd)", boot.machine, boot.ram_size >> 20,
		  boot.dtb ? "device tree" : "ATAGs", boot.initrd_pa,
		  boot.initrd_size);
	profiling = boot.profile;
	if (profiling) {
		/* Every trap through C, where profile_hit() counts it. */
		bm_mmu_set_vector(BM_EXC_SWI, bm_vec_swi_slow);
		bm_mmu_set_vector(BM_EXC_UNDEF, bm_vec_undef_slow);
		bm_report("per-site trap profile on (armpv.profile)");
	}
	if (!boot.initrd_size) {
		bm_report("no guest: pass the rewritten guest ELF with "
			  "-initrd (or a bundle: armpv-bundle)");
		bm_halt(BM_EXIT_NO_INPUT);
	}
	/* Guest RAM: the board's but the monitor's first MiB.  QEMU puts
	 * the initrd (and a device tree after it) in the middle of RAM:
	 * guest RAM around it is cleared, the guest loaded where it does
	 * not overlap it (bm_guest_claim()), then its place cleared too. */
	if (boot.ram_size > BM_BOOT_SIZE)
		boot.ram_size = BM_BOOT_SIZE;
	boot.ram_size &= ~0xfffffu;
	if (boot.ram_size < BM_GUEST_PA + BM_GUEST_MIN) {
		bm_report("RAM of %u MiB: the monitor needs %u MiB and the "
			  "guest at least %u", boot.ram_size >> 20,
			  BM_GUEST_PA >> 20, BM_GUEST_MIN >> 20);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	bm_guest_size = boot.ram_size - BM_GUEST_PA;
	if (boot.initrd_pa < BM_GUEST_PA ||
	    boot.initrd_pa >= boot.ram_size ||
	    boot.initrd_size > boot.ram_size - boot.initrd_pa) {
		bm_report("the initrd at %08x+%x is not in guest RAM "
			  "(%08x-%08x)", boot.initrd_pa, boot.initrd_size,
			  BM_GUEST_PA, boot.ram_size - 1);
		bm_halt(BM_EXIT_NO_INPUT);
	}
	bm_report("guest RAM: %u KiB at guest physical 0 (physical %08x)",
		  bm_guest_size >> 10, BM_GUEST_PA);
	bm_mmu_boot_ram(boot.ram_size);
	boot_src_lo = boot.initrd_pa - BM_GUEST_PA;
	boot_src_hi = boot_src_lo + boot.initrd_size;

	armpv_vm_init(&vm, cpu_model());
	bm_fast_cps = (vm.arch & ARMPV_ARCH_ARMV6) != 0;
	bm_cache_init(boot.cache_off, vm.model == ARMPV_CPU_ARM1176JZFS);
	if (bm_cache_guest)
		vm.data_sync = bm_cache_data_sync;
	cp15_fast_init();
	vm.kernel_swi_is_error = true;
	ram = bm_pa_to_va(BM_GUEST_PA);
	memset(ram, 0, boot_src_lo);
	memset(ram + boot_src_hi, 0, bm_guest_size - boot_src_hi);
	bm_guest_boot(&vm, bm_pa_to_va(boot.initrd_pa), boot.initrd_size, ram,
		      boot.machine, &start);
	memset(ram + boot_src_lo, 0, boot.initrd_size);
	bm_mmu_boot_done();
	if (armpv_vm_add_window(&vm, 0, bm_guest_size, bm_guest_window, NULL,
				0) < 0) {
		bm_report("internal error: cannot register guest RAM");
		bm_halt(BM_EXIT_INTERNAL);
	}
	armpv_vcpu_init(&bm_vcpu, &vm);
	spsr_fast_init();
	bm_shadow_set_dacr(bm_vcpu.cp15.dacr);
	bm_board_init(&vm, &bm_vcpu);
	bm_vcpu.r[0] = start.r[0];
	bm_vcpu.r[1] = start.r[1];
	bm_vcpu.r[2] = start.r[2];
	bm_vcpu.r[15] = start.pc;
	thread_id_sync(true);
	shadow_sync();
	pv_publish();
	/* Where the guest's time starts, for tests/linux/bench-linux.sh
	 * (docs/benchmarks.md "Linux 6.1 under armpv-bm"): both clocks
	 * read before the line is printed. */
	bm_report("guest entry at %08x: machine clock %s %u, "
		  "models' clock %u ticks", start.pc, bm_board->clock_name,
		  bm_board_machine_clock(), bm_board_ticks());
	bm_guest_enter(vcpu_leave());
}
