/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench.c -- the benchmark guest (tests/baremetal/bench.sh): times each
 * loop of start.S with the Versatile SYS_24MHZ counter (DUI 0224 4.3;
 * built with -DBOARD_BCM2835 for raspi0: the system timer's CLO, 1 MHz)
 * and prints "bench NAME N TICKS [BASE]" lines: N operations took TICKS
 * more counter ticks than the row BASE ("empty" when absent), which runs
 * the same loop without the operation; bench.sh turns them into
 * instructions per operation.  Runs natively (unrewritten, SVC) and
 * rewritten under armpv-bm, where the counter is the device model's.
 *
 * First the kernel loops, MMU off (the rows measured since the first
 * bench).  Then the kernel turns its MMU on, with one first-level table
 * per task (bench-guest.h), and times user tasks in USR mode: a null
 * system call, a context switch (yield between two tasks in separate
 * address spaces), a page fault handled by mapping the page, and a
 * timer interrupt delivered to a spinning task.  A user row is
 * differential: the ticks of a run of SHORT + N operations minus those
 * of a run of SHORT, so that entering and leaving USR mode, and the
 * counter reads themselves, cancel out; its baseline row (empty-user,
 * empty-spin) is measured the same way.  Last, kernel loops with the
 * MMU on give the unit costs the user rows are made of under armpv-bm.
 * Built for ARMv6, the irq save/restore loop is ARMv6 Linux's (CPSID)
 * and one more row times a lone CPSID.
 */
#include <stdint.h>

#include "bench-guest.h"
#include "plat.h"
#define asm __asm__ /* -std=c11 */
#include "../../plugin/pv-irqflags.h" /* Linux's irqflags.h asms */
#include "tests.h"

#ifdef BOARD_BCM2835
/* A tick is 1,000 instructions: five times versatilepb's iterations
 * keep the resolution at 0.01 instruction per operation. */
#define CLOCK ((volatile uint32_t *)(SYSTMR_BASE + SYSTMR_CLO))
#define ITERATIONS 100000u
#else
#define CLOCK ((volatile uint32_t *)0x1000005cu) /* SYS_24MHZ */
#define ITERATIONS 20000u
#endif
/* The short run of a differential row: even, for the yield's two
 * tasks. */
#define SHORT 2u

#define SECT(pa, ap) ((uint32_t)(pa) | (ap) << 10 | 0x10 | 0x2)
#define COARSE(pa) ((uint32_t)(pa) | 0x10 | 0x1)
#define SMALL(pa, ap) ((uint32_t)(pa) | (ap) * 0x55u << 4 | 0x2)
#define AP_KERN 1u
#define AP_USER_RW 3u
#define DACR_CLIENT0 0x1u
#define FSR_STATUS_MASK 0xfu
#define FSR_TRANS_PAGE 0x7u /* ARM ARM B4.6: translation fault, page */

#ifdef BOARD_BCM2835
/* raspi0 (tests/process/bcm2835.h): the system timer's compare 1, GPU
 * interrupt 1 at the armctrl; CS bit 1 acknowledges it.  A compare is
 * one-shot: the tick re-arms it when acknowledged, as Linux's
 * bcm2835_timer (a one-shot clock event device) sets the next event. */
#define TIMER_CMP 1
#define IRQ_TIMER (1u << SYSTMR_IRQ(TIMER_CMP))
#else
/* SP804 timer 1 of the dual timer at 0x101e2000 (DDI 0271), VIC source 4
 * (versatilepb); the PL190 VIC (DDI 0181). */
#define TIMER01 0x101e2000u
#define T_LOAD 0x00
#define T_CONTROL 0x08
#define T_INTCLR 0x0c
#define T_CTRL_PERIODIC_IRQ 0xe2u /* enable, periodic, interrupt, 32-bit */
#define VIC ((uint32_t)VIC_BASE)
#define VIC_IRQSTATUS 0x000
#define VIC_INTENABLE 0x010
#define VIC_INTENCLEAR 0x014
#define IRQ_TIMER01 (1u << 4)
#endif
/*
 * The timer row: a 250 us period (TIMCLK 1 MHz; raspi0: the system
 * timer's 1 MHz), 250,000 instructions between interrupts natively, so
 * that armpv-bm's own work per interrupt (under 10,000) fits many times
 * over and the task keeps running between interrupts; SPIN_ITERATIONS
 * (2 instructions each) spans about 200 periods, so that the counter's
 * resolution (a tick is 41.7 instructions natively, 1,000 under
 * armpv-bm, whose model counts at the 1 MHz of its clock; raspi0: 1,000
 * both) is a few instructions per interrupt.
 */
#define TICK_US 250u
#define SPIN_ITERATIONS 25000000u

void loop_empty(uint32_t n);
void loop_irq(uint32_t n);
void loop_mrs(uint32_t n);
void loop_msr(uint32_t n);
void loop_mrs_spsr(uint32_t n);
void loop_msr_spsr(uint32_t n);
void loop_msr_imm(uint32_t n);
void loop_sctlr_read(uint32_t n);
void loop_sctlr_write(uint32_t n);
void loop_dacr(uint32_t n);
void loop_stm_user(uint32_t n);
void loop_ldm_user(uint32_t n);
void loop_ldm_user14(uint32_t n);
void loop_ldrt(uint32_t n);
void loop_ldrt8(uint32_t n);
void loop_cpsid(uint32_t n); /* ARMv6 builds */
/* n null hypercalls (ARMPV_HC_PV_SYNC, nothing to deliver), a loop like
 * loop_empty's around them: tests/process/plat-armpv.S, only on armpv
 * (natively there is no hypercall: the row is armpv-bm's alone). */
void plat_hypercall_loop(uint32_t n) __attribute__((weak));
void loop_device_read(uint32_t n);
void loop_drain_wb(uint32_t n);
void loop_dccmva(uint32_t n);
void loop_empty_dccmva(uint32_t n);
void loop_tlbi_mva(uint32_t n);
void loop_tlbi_mva_touch2(uint32_t n);
void sctlr_dcache_on(void);
void user_run(const uint32_t *frame);
/* The user loops: entered by user_run() with r0 = N (user_fault: r1 =
 * FAULT_VA), in USR mode; never called. */
void user_empty(void);
void user_null_syscall(void);
void user_yield(void);
void user_fault(void);
void frame_copy(uint32_t *dst, const uint32_t *src); /* TF_SIZE bytes */
_Static_assert(TF_SIZE == 18 * 4, "frame_copy moves 18 words");
void switch_ttb(uint32_t *ttb);
void tlb_invalidate_mva(uint32_t va);
void mmu_enable(uint32_t *ttb, uint32_t dacr);
int bmain(void);
uint32_t swi_c(uint32_t *frame, uint32_t nr);
void dabt_c(uint32_t dfsr, uint32_t far, uint32_t pc);
void irq_c(void);
void bg_unexpected(uint32_t vec, uint32_t lr, uint32_t spsr);

#define NTASKS 2
static uint32_t ttb[NTASKS][4096] __attribute__((aligned(16384)));
/* FAULT_VA's coarse table, shared by both first-level tables. */
static uint32_t fault_l2[256] __attribute__((aligned(1024)));

static uint32_t tasks[NTASKS][TF_SIZE / 4]; /* saved frames */
static unsigned current;
static volatile uint32_t nswitches, nfaults, nirqs;

static volatile uint32_t *reg(uint32_t base, uint32_t off)
{
	return (volatile uint32_t *)(base + off);
}

static void put_bench(const char *name, uint32_t n, uint32_t ticks,
		      const char *base)
{
	put_str("bench ");
	put_str(name);
	put_str(" ");
	put_dec(n);
	put_str(" ");
	put_dec(ticks);
	if (base) {
		put_str(" ");
		put_str(base);
	}
	put_str("\n");
}

/* Anything but the expected count is a broken benchmark: stop. */
static void expect(const char *what, uint32_t got, uint32_t want)
{
	if (got == want)
		return;
	put_str("not ok - ");
	put_str(what);
	put_str(": ");
	put_dec(got);
	put_str(", want ");
	put_dec(want);
	put_str("\n");
	plat_exit(1);
}

/* A kernel loop: N iterations, after a warm-up (translation blocks,
 * shadow pages). */
/*
 * loop_irq_c(n): local_irq_save() + local_irq_restore() as Linux's C
 * writes them (the asms of tests/plugin/pv-irqflags.h, compiled: MRS,
 * ORR, MSR, MSR on ARMv5; MRS, CPSID i, MSR on ARMv6, as loop_irq),
 * n >= 1 times.  bench.sh also builds this file with the armpv_irqflags
 * GCC plugin, which turns the asms into loads and stores of the page
 * armpv-bm shares (docs/plugin.md): the plugin kernel's masking.
 */
static void loop_irq_c(uint32_t n)
{
	do {
		unsigned long flags = pv_irq_save();

		pv_irq_restore(flags);
	} while (--n);
}

static void measure(const char *name, void (*loop)(uint32_t))
{
	uint32_t t0, t1;

	loop(16);
	t0 = *CLOCK;
	loop(ITERATIONS);
	t1 = *CLOCK;
	put_bench(name, ITERATIONS, t1 - t0, 0);
}

static uint32_t time_run(void (*run)(uint32_t), uint32_t n)
{
	uint32_t t0 = *CLOCK;

	run(n);
	return *CLOCK - t0;
}

/* A differential user row: run(SHORT + n) - run(SHORT), after a
 * warm-up. */
static uint32_t measure_diff(void (*run)(uint32_t), uint32_t n)
{
	uint32_t t_short;

	run(SHORT);
	t_short = time_run(run, SHORT);
	return time_run(run, SHORT + n) - t_short;
}

/* ------------------------------------------------------------------
 * The runs: each enters USR mode once and returns when the loop is over.
 */
static void frame_init(uint32_t *frame, void (*fn)(void), uint32_t r0)
{
	memset(frame, 0, TF_SIZE);
	frame[0] = r0;
	frame[TF_SP / 4] = TASK_STACK_TOP;
	frame[TF_PC / 4] = (uint32_t)fn;
	frame[TF_PSR / 4] = USR_MODE; /* I, F clear */
}

static void run_user(void (*fn)(void), uint32_t n)
{
	uint32_t frame[TF_SIZE / 4];

	frame_init(frame, fn, n);
	user_run(frame);
}

static void run_empty(uint32_t n)
{
	run_user(user_empty, n);
}

static void run_null_syscall(uint32_t n)
{
	run_user(user_null_syscall, n);
}

/* n switches: each task yields n / 2 times, A first; A's last yield
 * goes to B, B's to A, which then ends the run. */
static void run_yield(uint32_t n)
{
	for (unsigned t = 0; t < NTASKS; t++)
		frame_init(tasks[t], user_yield, n / 2);
	current = 0;
	switch_ttb(ttb[0]);
	user_run(tasks[0]);
}

/* n page faults: both pages unmapped first. */
static void run_fault(uint32_t n)
{
	uint32_t frame[TF_SIZE / 4];

	for (unsigned i = 0; i < 2; i++) {
		fault_l2[i] = 0;
		tlb_invalidate_mva(FAULT_VA + i * PAGE_SIZE);
	}
	frame_init(frame, user_fault, n);
	frame[1] = FAULT_VA;
	user_run(frame);
}

#ifdef BOARD_BCM2835
/* Compare TIMER_CMP at CLO + TICK_US.  QEMU arms it for Cn - CLO at the
 * write (modulo 2^32): one already passed would come 71 minutes late, so
 * a CLO read after the write must still be before it (tasks-guest.c). */
static void timer_arm(void)
{
	uint32_t c;

	do {
		c = *reg(SYSTMR_BASE, SYSTMR_CLO) + TICK_US;
		*reg(SYSTMR_BASE, SYSTMR_C(TIMER_CMP)) = c;
	} while ((int32_t)(*reg(SYSTMR_BASE, SYSTMR_CLO) - c) >= 0);
}

static void timer_start(void)
{
	*reg(SYSTMR_BASE, SYSTMR_CS) = SYSTMR_CS_M(TIMER_CMP);
	*reg(ARMCTRL_BASE, ARMCTRL_ENABLE1) = IRQ_TIMER;
	timer_arm();
}

static void timer_stop(void)
{
	*reg(ARMCTRL_BASE, ARMCTRL_DISABLE1) = IRQ_TIMER;
	*reg(SYSTMR_BASE, SYSTMR_CS) = SYSTMR_CS_M(TIMER_CMP);
}
#else
static void timer_start(void)
{
	*reg(TIMER01, T_CONTROL) = 0;
	*reg(TIMER01, T_LOAD) = TICK_US;
	*reg(TIMER01, T_INTCLR) = 1;
	*reg(VIC, VIC_INTENABLE) = IRQ_TIMER01;
	*reg(TIMER01, T_CONTROL) = T_CTRL_PERIODIC_IRQ;
}

static void timer_stop(void)
{
	*reg(TIMER01, T_CONTROL) = 0;
	*reg(TIMER01, T_INTCLR) = 1;
	*reg(VIC, VIC_INTENCLEAR) = IRQ_TIMER01;
}
#endif

/* The spinning loop with the timer interrupting it (the kernel runs with
 * I set: interrupts are taken in the task only). */
static void run_timer(uint32_t n)
{
	timer_start();
	run_user(user_empty, n);
	timer_stop();
}

/* ------------------------------------------------------------------
 * The kernel's handlers (start.S's vectors call them).
 */

/* Returns nonzero when the run is over (BG_SYS_DONE). */
uint32_t swi_c(uint32_t *frame, uint32_t nr)
{
	unsigned t;

	switch (nr) {
	case BG_SYS_YIELD:
		t = 1 - current;
		frame_copy(tasks[current], frame);
		frame_copy(frame, tasks[t]);
		current = t;
		switch_ttb(ttb[t]);
		nswitches++;
		return 0;
	case BG_SYS_DONE:
		return 1;
	default:
		bg_unexpected(2, frame[TF_PC / 4], nr);
		return 1;
	}
}

/*
 * A translation fault on one of FAULT_VA's two pages: map it, and unmap
 * the other one, invalidating its TLB entry by MVA: the TLB may keep a
 * valid entry until then (ARM ARM B4.2).  The page mapped needs no
 * invalidation, as Linux's set_pte does none: a descriptor that faults
 * is never held in the TLB (B4.2).
 */
void dabt_c(uint32_t dfsr, uint32_t far, uint32_t pc)
{
	uint32_t i = (far - FAULT_VA) / PAGE_SIZE;

	if ((dfsr & FSR_STATUS_MASK) != FSR_TRANS_PAGE || far < FAULT_VA ||
	    i > 1)
		bg_unexpected(4, pc, dfsr);
	fault_l2[i] = SMALL(FAULT_PA + i * PAGE_SIZE, AP_USER_RW);
	fault_l2[1 - i] = 0;
	tlb_invalidate_mva(FAULT_VA + (1 - i) * PAGE_SIZE);
	nfaults++;
}

#ifdef BOARD_BCM2835
void irq_c(void)
{
	if (*reg(ARMCTRL_BASE, ARMCTRL_PENDING1) & IRQ_TIMER) {
		*reg(SYSTMR_BASE, SYSTMR_CS) = SYSTMR_CS_M(TIMER_CMP);
		timer_arm();
		nirqs++;
	} else {
		bg_unexpected(6, 0, *reg(ARMCTRL_BASE, ARMCTRL_PENDING1));
	}
}
#else
void irq_c(void)
{
	if (*reg(VIC, VIC_IRQSTATUS) & IRQ_TIMER01) {
		*reg(TIMER01, T_INTCLR) = 1;
		nirqs++;
	} else {
		bg_unexpected(6, 0, *reg(VIC, VIC_IRQSTATUS));
	}
}
#endif

void bg_unexpected(uint32_t vec, uint32_t lr, uint32_t spsr)
{
	put_str("not ok - unexpected exception ");
	put_dec(vec);
	put_str(" lr ");
	put_hex(lr);
	put_str(" spsr ");
	put_hex(spsr);
	put_str("\n");
	plat_exit(3);
}

static void mmu_setup(void)
{
	static const uint32_t pa[NTASKS] = { TASK_A_PA, TASK_B_PA };

	for (unsigned t = 0; t < NTASKS; t++) {
		uint32_t *l1 = ttb[t];

		l1[0] = SECT(0, AP_USER_RW);
		l1[TASK_VA >> 20] = SECT(pa[t], AP_USER_RW);
		l1[FAULT_VA >> 20] = COARSE(fault_l2);
#ifdef BOARD_BCM2835
		/* system timer, armctrl; UART0 */
		l1[0x200] = SECT(0x20000000u, AP_KERN);
		l1[BOARD_UART0_MB >> 20] = SECT(BOARD_UART0_MB, AP_KERN);
#else
		l1[0x100] = SECT(0x10000000u, AP_KERN); /* system registers */
		l1[0x101] = SECT(0x10100000u, AP_KERN); /* VIC, SP804, UART */
#endif
	}
	mmu_enable(ttb[0], DACR_CLIENT0);
}

int bmain(void)
{
	uint32_t ticks, k_short;

	measure("empty", loop_empty);
	measure("irq-save-restore", loop_irq);
	measure("irq-save-restore-c", loop_irq_c);
	measure("mrs", loop_mrs);
	measure("msr", loop_msr);
#if __ARM_ARCH >= 6
	measure("cpsid", loop_cpsid);
#endif
	measure("mrs-spsr", loop_mrs_spsr);
	measure("msr-spsr", loop_msr_spsr);
	measure("msr-imm", loop_msr_imm);
	measure("sctlr-read", loop_sctlr_read);
	measure("sctlr-write", loop_sctlr_write);
	measure("dacr-write", loop_dacr);
	measure("stm-user", loop_stm_user);
	measure("ldm-user", loop_ldm_user);
	measure("ldm-user14", loop_ldm_user14);
	measure("ldrt", loop_ldrt);
	measure("ldrt8", loop_ldrt8);
	if (plat_hypercall_loop)
		measure("hypercall", plat_hypercall_loop);

	mmu_setup();
	put_bench("empty-user", ITERATIONS,
		  measure_diff(run_empty, ITERATIONS), 0);
	put_bench("null-syscall", ITERATIONS,
		  measure_diff(run_null_syscall, ITERATIONS), "empty-user");

	nswitches = 0;
	ticks = measure_diff(run_yield, ITERATIONS);
	expect("context switches", nswitches, 3 * SHORT + ITERATIONS);
	put_bench("context-switch", ITERATIONS, ticks, "empty-user");

	nfaults = 0;
	ticks = measure_diff(run_fault, ITERATIONS);
	expect("page faults", nfaults, 3 * SHORT + ITERATIONS);
	put_bench("page-fault", ITERATIONS, ticks, "empty-user");

	/* The timer row: N is the number of interrupts the longer run took
	 * more than the shorter one. */
	put_bench("empty-spin", SPIN_ITERATIONS,
		  measure_diff(run_empty, SPIN_ITERATIONS), 0);
	run_timer(SHORT);
	nirqs = 0;
	ticks = time_run(run_timer, SHORT);
	k_short = nirqs;
	nirqs = 0;
	ticks = time_run(run_timer, SHORT + SPIN_ITERATIONS) - ticks;
	put_bench("timer-irq", nirqs - k_short, ticks, "empty-spin");

	/*
	 * Unit costs, kernel loops with the MMU on, to say where the user
	 * rows' instructions go under armpv-bm: an emulated device access;
	 * a CP15 trap that changes nothing (drain write buffer; on ARMv6
	 * the DSB, which runs natively); a clean of a D-cache line by MVA,
	 * as Linux's cache loops issue one per 32-byte line (its baseline
	 * the same loop without the MCR); a TLB invalidate by MVA of an
	 * unmapped page (it used to drop every shadow entry, and the loop
	 * refilled its own page; now it drops only what that MVA's guest
	 * entry gave, here nothing); the same with two pages touched (the
	 * difference: two refills when the invalidation dropped them).
	 */
	put_bench("device-read", ITERATIONS,
		  measure_diff(loop_device_read, ITERATIONS), "empty-user");
	put_bench("drain-wb", ITERATIONS,
		  measure_diff(loop_drain_wb, ITERATIONS), "empty-user");
	put_bench("empty-dccmva", ITERATIONS,
		  measure_diff(loop_empty_dccmva, ITERATIONS), 0);
	put_bench("dcache-clean-mva", ITERATIONS,
		  measure_diff(loop_dccmva, ITERATIONS), "empty-dccmva");
	put_bench("tlbi-mva", ITERATIONS,
		  measure_diff(loop_tlbi_mva, ITERATIONS), "empty-user");
	put_bench("tlbi-mva-touch2", ITERATIONS,
		  measure_diff(loop_tlbi_mva_touch2, ITERATIONS), "empty-user");
	/*
	 * Two rows again with the D-cache on (SCTLR.C set, as a kernel
	 * runs; left on, nothing follows): under armpv-bm on the
	 * ARM926EJ-S guest pages are then cached, each clean by MVA runs
	 * for real and each emulated LDRT cleans its line first
	 * (docs/baremetal-monitor.md "Shadow paging", Caches).
	 */
	sctlr_dcache_on();
	measure("ldrt-cached", loop_ldrt);
	put_bench("dcache-clean-mva-cached", ITERATIONS,
		  measure_diff(loop_dccmva, ITERATIONS), "empty-dccmva");
	return 0;
}
