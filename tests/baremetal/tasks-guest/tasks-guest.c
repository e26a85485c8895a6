// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tasks-guest.c -- the multi-tasking test guest (issue 6): it turns its
 * MMU on with its own first-level tables, one per task, and runs two user
 * tasks in separate address spaces (the same virtual MiB, TASK_VA, maps a
 * different physical MiB in each table; a context switch writes TTBR and
 * invalidates the TLBs).  The tasks make system calls (write a string,
 * yield, exit) and, once both are ready, spin without ever yielding: only
 * the SP804 timer's interrupt, through the PL190 VIC, switches between
 * them.  The kernel then checks that both finished, that each saw only
 * its own private memory, that the second task had progressed before the
 * first finished (it can only have run if the timer preempted the
 * first), and that at least two preemptions happened.  Each task also
 * takes a page fault: its first access to FAULT_VA (a load in task A, a
 * store in task B) finds no second-level entry in its own coarse table;
 * the data abort handler checks DFSR and FAR, maps the task's frame there
 * and returns to the access, which then completes.  Before the tasks, a
 * timer interrupt pending while the kernel runs with I set must wait
 * until the kernel clears I, and the kernel-mode phase (test-sensitive.c)
 * runs every ARMv5 form of the sensitive instructions and checks their
 * results.
 *
 * The console is UART0's registers, the exit the system controller's
 * reset: the same unrewritten binary runs natively on versatilepb, and
 * rewritten under armpv-bm, where those registers, the VIC and the SP804
 * are the monitor's device models (tests/baremetal/tasks.sh compares the
 * transcripts).  The transcript prints no timing-dependent number.
 * Built with -DBOARD_BCM2835, it runs on raspi0 instead: the system
 * timer's compare 1 through the armctrl is the timer, the power
 * manager's watchdog the exit, and the board's own register checks
 * are the armctrl's (test_board(); versatilepb: the SIC's and the
 * SP810's).
 */
#include <stdbool.h>

#include "guest-board.h"
#include "plat.h"
#include "tasks-guest.h"
#include "tests.h"

/* ARMv5 descriptors (ARM ARM B4.7; the ARM1176 reads them so with
 * SCTLR.XP = 0): section, coarse table, small page (one AP for its four
 * subpages). */
#define SECT_DOM(pa, ap, dom) \
	((uint32_t)(pa) | (ap) << 10 | (uint32_t)(dom) << 5 | 0x10 | 0x2)
#define SECT(pa, ap) SECT_DOM(pa, ap, 0)
#define COARSE(pa, dom) ((uint32_t)(pa) | (uint32_t)(dom) << 5 | 0x10 | 0x1)
#define SMALL(pa, ap) ((uint32_t)(pa) | (ap) * 0x55u << 4 | 0x2)
#define AP_KERN 1u
#define AP_USER_RW 3u
#define FSR_STATUS_MASK 0xfu
#define FSR_TRANS_PAGE 0x7u
#define FSR_DOMAIN(d) ((uint32_t)(d) << 4)
#define FSR_WNR 0x800u

#ifdef BOARD_BCM2835
/* raspi0 (tests/process/bcm2835.h): the system timer's compare 1, GPU
 * interrupt 1 at the armctrl; CS bit 1 acknowledges it.  A compare is
 * one-shot: a periodic tick re-arms it when acknowledged. */
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
#define T_CTRL_ONESHOT_IRQ 0xa3u  /* enable, interrupt, 32-bit, one-shot */
#define VIC 0x10140000u
#define VIC_IRQSTATUS 0x000
#define VIC_RAWINTR 0x008
#define VIC_INTENABLE 0x010
#define VIC_INTENCLEAR 0x014
#define IRQ_TIMER01 (1u << 4)
/* The secondary interrupt controller (DUI 0224; docs/devices.md "SIC"),
 * its output on VIC source 31. */
#define SIC 0x10003000u
#define SIC_STATUS 0x00
#define SIC_RAWSTAT 0x04
#define SIC_ENABLE 0x08 /* read; write: ENSET */
#define SIC_ENCLR 0x0c
#define SIC_SOFTINT 0x10
#define SIC_PICENABLE 0x20 /* read; write: PICENSET */
#define SIC_PICENCLR 0x24
#define SIC_VALID_PB 0x7fe003ffu /* Linux's versatile-pb.dts valid-mask */
#define IRQ_SIC (1u << 31)
#define IRQ_TIMER IRQ_TIMER01
#endif
#define TICK_US 1000u /* 1 ms at TIMCLK 1 MHz */

/* Each task spins this many times; long enough that the timer fires
 * many times while one task spins, natively and under armpv-bm. */
#define SPIN_ITERATIONS 10000000u
#define NTASKS 2

void switch_ttb(uint32_t *ttb);
void irq_window(void);
void mmu_enable(uint32_t *ttb, uint32_t dacr);
uint32_t cp15_read_sctlr(void);
void run_tasks(const uint32_t *frame);
void sys_write(const char *s);
void sys_yield(void);
void sys_spin(void);
void sys_exit(uint32_t status) __attribute__((noreturn));
uint32_t user_fault_load(uint32_t va);
void user_fault_store(uint32_t va, uint32_t value);
void tlb_invalidate_mva(uint32_t va);
extern const char user_fault_load_insn[], user_fault_store_insn[];
uint32_t dabt_c(uint32_t lr, uint32_t spsr, uint32_t dfsr, uint32_t far);

static uint32_t ttb[NTASKS][4096] __attribute__((aligned(16384)));
/* Each task's coarse table for FAULT_VA's MiB: empty (fault entries)
 * until its page fault. */
static uint32_t l2[NTASKS][256] __attribute__((aligned(1024)));

volatile struct tg_abort tg_kernel_abort;
static volatile struct tg_abort page_fault[NTASKS];

static struct task {
	uint32_t frame[TF_SIZE / 4];
	uint32_t pa; /* its private MiB */
	bool done;
	uint32_t status;
} tasks[NTASKS];
static unsigned current, nready, preemptions, ticks, spurious;
static unsigned kernel_irqs, kernel_irq_mode;
static bool other_progressed;
static unsigned first_done = NTASKS;
static char order[16]; /* who ran, cooperative phase */
static unsigned norder;

static volatile uint32_t *reg(uint32_t base, uint32_t off)
{
	return (volatile uint32_t *)(base + off);
}

static volatile uint32_t *private_word(unsigned t, unsigned n)
{
	return (volatile uint32_t *)(tasks[t].pa + 4 * n); /* kernel view */
}

/* The frame task t's page fault maps at FAULT_VA, in the kernel's view. */
static volatile uint32_t *fault_frame_word(unsigned t, uint32_t off)
{
	return (volatile uint32_t *)(tasks[t].pa + FAULT_OFF + off);
}

/* ------------------------------------------------------------------
 * The user tasks: USR mode, plain C, system calls by SWI.
 */
static void task_main(uint32_t id)
{
	volatile uint32_t *priv = (volatile uint32_t *)TASK_VA;
	volatile uint32_t *page = (volatile uint32_t *)FAULT_VA;
	uint32_t seen = priv[TP_MAGIC];

	sys_write(id ? "task B: hello\n" : "task A: hello\n");
	/* The page fault: A's first access to the page is a load, B's a
	 * store (on the ARM1176 its DFSR has WnR). */
	if (id == 0) {
		priv[TP_PF_SEEN] = user_fault_load(FAULT_VA + PF_LOAD_OFF);
		page[PF_STORE_OFF / 4] = PF_STORED + id;
	} else {
		user_fault_store(FAULT_VA + PF_STORE_OFF, PF_STORED + id);
		priv[TP_PF_SEEN] = page[PF_LOAD_OFF / 4];
	}
	sys_yield();
	sys_write(id ? "task B: back\n" : "task A: back\n");
	sys_spin();
	for (uint32_t i = 0; i < SPIN_ITERATIONS; i++)
		priv[TP_COUNT] = i + 1;
	priv[TP_SEEN] = seen;
	sys_exit(seen == TASK_MAGIC + id ? 0 : 1);
}

/* ------------------------------------------------------------------
 * The kernel.
 */
#ifdef BOARD_BCM2835
static bool timer_periodic;

/* Compare TIMER_CMP at CLO + us.  QEMU arms it for Cn - CLO at the write
 * (modulo 2^32): one already passed would come 71 minutes late, so a
 * CLO read after the write must still be before it. */
static void timer_arm(uint32_t us)
{
	uint32_t c;

	do {
		c = *reg(SYSTMR_BASE, SYSTMR_CLO) + us;
		*reg(SYSTMR_BASE, SYSTMR_C(TIMER_CMP)) = c;
	} while ((int32_t)(*reg(SYSTMR_BASE, SYSTMR_CLO) - c) >= 0);
}

static void timer_setup(uint32_t us, bool periodic)
{
	timer_periodic = periodic;
	*reg(SYSTMR_BASE, SYSTMR_CS) = SYSTMR_CS_M(TIMER_CMP);
	*reg(ARMCTRL_BASE, ARMCTRL_ENABLE1) = IRQ_TIMER;
	timer_arm(us);
}

static void timer_stop(void)
{
	timer_periodic = false;
	*reg(ARMCTRL_BASE, ARMCTRL_DISABLE1) = IRQ_TIMER;
	*reg(SYSTMR_BASE, SYSTMR_CS) = SYSTMR_CS_M(TIMER_CMP);
}

static void timer_ack(void)
{
	*reg(SYSTMR_BASE, SYSTMR_CS) = SYSTMR_CS_M(TIMER_CMP);
	if (timer_periodic)
		timer_arm(TICK_US);
}

/* The timer's interrupt: raised (before enabling), and pending (raised
 * and enabled) at the interrupt controller. */
static uint32_t timer_raw(void)
{
	return *reg(SYSTMR_BASE, SYSTMR_CS) & SYSTMR_CS_M(TIMER_CMP) ?
		       IRQ_TIMER :
		       0;
}

static uint32_t timer_pending(void)
{
	return *reg(ARMCTRL_BASE, ARMCTRL_PENDING1) & IRQ_TIMER;
}
#define INTC_NAME "armctrl"
#else
static void timer_setup(uint32_t us, bool periodic)
{
	*reg(TIMER01, T_CONTROL) = 0;
	*reg(TIMER01, T_LOAD) = us;
	*reg(TIMER01, T_INTCLR) = 1;
	*reg(VIC, VIC_INTENABLE) = IRQ_TIMER01;
	*reg(TIMER01, T_CONTROL) =
		periodic ? T_CTRL_PERIODIC_IRQ : T_CTRL_ONESHOT_IRQ;
}

static void timer_stop(void)
{
	*reg(TIMER01, T_CONTROL) = 0;
	*reg(TIMER01, T_INTCLR) = 1;
	*reg(VIC, VIC_INTENCLEAR) = IRQ_TIMER01;
}

static void timer_ack(void)
{
	*reg(TIMER01, T_INTCLR) = 1;
}

static uint32_t timer_raw(void)
{
	return *reg(VIC, VIC_RAWINTR) & IRQ_TIMER01;
}

static uint32_t timer_pending(void)
{
	return *reg(VIC, VIC_IRQSTATUS) & IRQ_TIMER01;
}
#define INTC_NAME "VIC"
#endif

static void timer_start(void)
{
	timer_setup(TICK_US, true);
}

/* Switch from the current task (its registers in 'frame') to task t. */
static void switch_to(uint32_t *frame, unsigned t)
{
	if (t == current)
		return;
	memcpy(tasks[current].frame, frame, TF_SIZE);
	memcpy(frame, tasks[t].frame, TF_SIZE);
	current = t;
	switch_ttb(ttb[t]);
	if (norder < sizeof(order) - 1 && nready < NTASKS)
		order[norder++] = (char)('A' + t);
}

/* The next task that has not exited, after the current one; or -1. */
static int next_task(void)
{
	for (unsigned k = 1; k <= NTASKS; k++) {
		unsigned t = (current + k) % NTASKS;

		if (!tasks[t].done)
			return (int)t;
	}
	return -1;
}

void irq_c(uint32_t *frame)
{
	int t;

	if (!timer_pending()) {
		spurious++;
		return;
	}
	timer_ack();
	if ((frame[TF_PSR / 4] & PSR_MODE_MASK) != USR_MODE) {
		/* The kernel's own test (irq_window): no task to switch. */
		kernel_irqs++;
		kernel_irq_mode = frame[TF_PSR / 4] & PSR_MODE_MASK;
		return;
	}
	ticks++;
	t = next_task();
	if (t >= 0 && (unsigned)t != current) {
		preemptions++;
		switch_to(frame, (unsigned)t);
	}
}

/* Returns nonzero when every task has exited. */
uint32_t swi_c(uint32_t *frame, uint32_t nr)
{
	int t;

	switch (nr) {
	case TG_SYS_WRITE:
		put_str((const char *)(uintptr_t)frame[0]);
		return 0;
	case TG_SYS_SPIN:
		if (++nready == NTASKS)
			timer_start();
		/* fall through */
	case TG_SYS_YIELD:
		t = next_task();
		if (t >= 0)
			switch_to(frame, (unsigned)t);
		return 0;
	case TG_SYS_EXIT:
		tasks[current].done = true;
		tasks[current].status = frame[0];
		if (first_done == NTASKS) {
			first_done = current;
			other_progressed =
				*private_word(1 - current, TP_COUNT) > 0;
		}
		t = next_task();
		if (t < 0) {
			timer_stop();
			return 1;
		}
		switch_to(frame, (unsigned)t);
		return 0;
	default:
		put_str("not ok - unknown system call ");
		put_hex(nr);
		put_str("\n");
		plat_exit(3);
	}
}

uint32_t tg_fsr_wnr(void)
{
	/* MIDR primary part number 0xb76: the ARM1176JZF-S. */
	return ((cp15_read_midr() >> 4) & 0xfff) == 0xb76 ? FSR_WNR : 0;
}

static void record_abort(volatile struct tg_abort *a, uint32_t lr,
			 uint32_t spsr, uint32_t dfsr, uint32_t far)
{
	a->count++;
	a->lr = lr;
	a->spsr = spsr;
	a->dfsr = dfsr;
	a->far = far;
}

/*
 * The data abort (start.S vec_dabt); returns where to resume.  From a
 * user task, a translation fault (page) on FAULT_VA's MiB whose entry in
 * the current task's coarse table is still a fault entry is a page fault:
 * map the task's frame, user read/write, and run the aborted instruction
 * again (LR_abt - 8, ARM ARM A2.6.6).  From the kernel, an instruction in
 * __ex_table resumes at its fixup (test-sensitive.c's LDRT/STRT checks).
 * Anything else is a failure of the test.
 */
uint32_t dabt_c(uint32_t lr, uint32_t spsr, uint32_t dfsr, uint32_t far)
{
	uint32_t idx = (far >> 12) & 0xff;

	if ((spsr & PSR_MODE_MASK) == USR_MODE) {
		if ((dfsr & FSR_STATUS_MASK) == FSR_TRANS_PAGE &&
		    (far >> 20) == (FAULT_VA >> 20) && l2[current][idx] == 0) {
			record_abort(&page_fault[current], lr, spsr, dfsr, far);
			l2[current][idx] = SMALL(
				tasks[current].pa + FAULT_OFF + (idx << 12),
				AP_USER_RW);
			tlb_invalidate_mva(far & ~0xfffu);
			return lr - 8;
		}
	} else {
		for (const struct ex_entry *e = __ex_table_start;
		     e < __ex_table_end; e++)
			if (e->insn == lr - 8) {
				record_abort(&tg_kernel_abort, lr, spsr, dfsr,
					     far);
				return e->fixup;
			}
	}
	put_str("not ok - unexpected data abort: lr ");
	put_hex(lr);
	put_str(" spsr ");
	put_hex(spsr);
	put_str(" dfsr ");
	put_hex(dfsr);
	put_str(" far ");
	put_hex(far);
	put_str("\n");
	check_summary();
	plat_exit(3);
}

void tg_unexpected(uint32_t vec, uint32_t lr, uint32_t spsr)
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

static void setup(void)
{
	static const uint32_t pa[NTASKS] = { TASK_A_PA, TASK_B_PA };

	for (unsigned t = 0; t < NTASKS; t++) {
		uint32_t *l1 = ttb[t];

		l1[0] = SECT(0, AP_USER_RW);
		l1[TASK_A_PA >> 20] = SECT(TASK_A_PA, AP_KERN);
		l1[TASK_B_PA >> 20] = SECT(TASK_B_PA, AP_KERN);
		l1[TASK_VA >> 20] = SECT(pa[t], AP_USER_RW);
		l1[FAULT_VA >> 20] = COARSE((uint32_t)l2[t], PF_DOMAIN);
		l1[KONLY_BASE >> 20] =
			SECT_DOM(KONLY_BASE, AP_KERN, KONLY_DOMAIN);
		l1[LAND_MVN_VA >> 20] = SECT(LAND_MVN_PA, AP_KERN);
#ifdef BOARD_BCM2835
		/* system timer, armctrl; PM; UART0 */
		l1[0x200] = SECT(0x20000000u, AP_KERN);
		l1[0x201] = SECT(0x20100000u, AP_KERN);
		l1[0x202] = SECT(0x20200000u, AP_KERN);
#else
		l1[0x100] = SECT(0x10000000u, AP_KERN); /* sysregs, SIC */
		l1[0x101] = SECT(0x10100000u, AP_KERN); /* VIC, SP804, UART */
#endif
		tasks[t].pa = pa[t];
		*private_word(t, TP_MAGIC) = TASK_MAGIC + t;
		*private_word(t, TP_COUNT) = 0;
		*private_word(t, TP_SEEN) = 0;
		*private_word(t, TP_PF_SEEN) = 0;
		*fault_frame_word(t, PF_LOAD_OFF) = PF_MAGIC + t;
		*fault_frame_word(t, PF_STORE_OFF) = 0;
		memset(tasks[t].frame, 0, TF_SIZE);
		tasks[t].frame[0] = t;		      /* r0: the task's id */
		tasks[t].frame[TF_SP / 4] = TASK_STACK_TOP;
		tasks[t].frame[TF_PC / 4] = (uint32_t)task_main;
		tasks[t].frame[TF_PSR / 4] = USR_MODE; /* I, F clear */
	}
}

/* A timer interrupt pending while the kernel runs with I set is not
 * taken; it is, once, as soon as the kernel clears I. */
static void test_masked_irq(void)
{
	unsigned polls = 0;

	check_ctx("kernel irq: ");
	timer_setup(100, false);
	while (!timer_raw() && polls < 10000000u)
		polls++;
	check_eq("one-shot timer pending at the " INTC_NAME, timer_pending(),
		 IRQ_TIMER);
	check_eq("not taken while I is set", kernel_irqs, 0);
	irq_window();
	check_eq("taken once when I clears", kernel_irqs, 1);
	check_eq("taken from SVC mode", kernel_irq_mode, SVC_MODE);
	check_eq("acknowledged", timer_raw(), 0);
	timer_stop();
}

#ifdef BOARD_BCM2835
/* The armctrl's registers as Linux 6.1 programs them (irq-bcm2835.c:
 * every source disabled, then enables one by one; the FIQ control
 * written).  Enable and disable are write-1-to-set and -clear, read
 * back as the enabled set (as QEMU's hw/intc/bcm2835_ic.c; the armctrl
 * model of armpv-bm too); with nothing enabled nothing is pending.  The
 * system timer's compare 2 (free here; the GPU's on a real Pi) is
 * enabled and disabled without ever being armed. */
static void test_board(void)
{
	check_ctx("armctrl: ");
	*reg(ARMCTRL_BASE, ARMCTRL_DISABLE1) = 0xffffffffu;
	*reg(ARMCTRL_BASE, ARMCTRL_DISABLE2) = 0xffffffffu;
	check_eq("DISABLE all: nothing enabled",
		 *reg(ARMCTRL_BASE, ARMCTRL_ENABLE1) |
			 *reg(ARMCTRL_BASE, ARMCTRL_ENABLE2),
		 0);
	check_eq("nothing pending", *reg(ARMCTRL_BASE, ARMCTRL_PENDING1) |
					    *reg(ARMCTRL_BASE, ARMCTRL_PENDING2),
		 0);
	*reg(ARMCTRL_BASE, ARMCTRL_ENABLE1) = 1u << SYSTMR_IRQ(2);
	*reg(ARMCTRL_BASE, ARMCTRL_ENABLE2) = 1u << (BCM2835_IRQ_UART0 - 32);
	check_eq("ENABLE 1 sets the written bit",
		 *reg(ARMCTRL_BASE, ARMCTRL_ENABLE1), 1u << SYSTMR_IRQ(2));
	check_eq("ENABLE 2 sets the written bit",
		 *reg(ARMCTRL_BASE, ARMCTRL_ENABLE2),
		 1u << (BCM2835_IRQ_UART0 - 32));
	check_eq("idle sources enabled: nothing pending",
		 *reg(ARMCTRL_BASE, ARMCTRL_PENDING1) |
			 *reg(ARMCTRL_BASE, ARMCTRL_PENDING2),
		 0);
	*reg(ARMCTRL_BASE, ARMCTRL_DISABLE1) = 1u << SYSTMR_IRQ(2);
	*reg(ARMCTRL_BASE, ARMCTRL_DISABLE2) = 1u << (BCM2835_IRQ_UART0 - 32);
	check_eq("DISABLE clears the written bits",
		 *reg(ARMCTRL_BASE, ARMCTRL_ENABLE1) |
			 *reg(ARMCTRL_BASE, ARMCTRL_ENABLE2),
		 0);
	*reg(ARMCTRL_BASE, ARMCTRL_FIQ_CONTROL) =
		ARMCTRL_FIQ_ENABLE | SYSTMR_IRQ(2);
	check_eq("FIQ control reads back",
		 *reg(ARMCTRL_BASE, ARMCTRL_FIQ_CONTROL),
		 ARMCTRL_FIQ_ENABLE | SYSTMR_IRQ(2));
	*reg(ARMCTRL_BASE, ARMCTRL_FIQ_CONTROL) = 0;
	check_eq("FIQ control off", *reg(ARMCTRL_BASE, ARMCTRL_FIQ_CONTROL),
		 0);
}
#else
/* The SIC's registers as Linux 6.1 programs them (irq-versatile-fpga.c:
 * ENCLR all, PICENSET 0xffd00000, then ENSET per line).  No SIC source
 * is active on either machine, so nothing reaches VIC source 31.  The
 * software interrupt is not raised: QEMU 7.2's SOFTINTSET sets ENABLE
 * bit 0 instead (docs/devices.md "SIC"), the board and the model raise
 * SIC input 0; tests/devices/check_devices checks the model's. */
static void test_sic(void)
{
	check_ctx("sic: ");
	*reg(SIC, SIC_ENCLR) = 0xffffffffu;
	*reg(SIC, SIC_PICENCLR) = 0xffffffffu;
	check_eq("ENCLR all: nothing enabled", *reg(SIC, SIC_ENABLE), 0);
	check_eq("PICENCLR all: no pass-through", *reg(SIC, SIC_PICENABLE),
		 0);
	check_eq("no source active", *reg(SIC, SIC_RAWSTAT), 0);
	check_eq("no software interrupt", *reg(SIC, SIC_SOFTINT), 0);
	*reg(SIC, SIC_ENABLE) = SIC_VALID_PB;
	check_eq("ENSET sets the written bits", *reg(SIC, SIC_ENABLE),
		 SIC_VALID_PB);
	*reg(SIC, SIC_ENCLR) = 0x3ffu;
	check_eq("ENCLR clears the written bits", *reg(SIC, SIC_ENABLE),
		 0x7fe00000u);
	check_eq("STATUS = RAWSTAT & ENABLE", *reg(SIC, SIC_STATUS), 0);
	*reg(VIC, VIC_INTENABLE) = IRQ_SIC;
	check_eq("VIC source 31 low", *reg(VIC, VIC_RAWINTR) & IRQ_SIC, 0);
	check_eq("no IRQ from the SIC", *reg(VIC, VIC_IRQSTATUS) & IRQ_SIC, 0);
	*reg(VIC, VIC_INTENCLEAR) = IRQ_SIC;
	*reg(SIC, SIC_PICENABLE) = 0xffd00000u;
	check_eq("PICENSET (Linux's 0xffd00000): bits 22-30",
		 *reg(SIC, SIC_PICENABLE), 0x7fc00000u);
	*reg(SIC, SIC_PICENABLE) = 0xffffffffu;
	check_eq("PICENSET: only bits 21-30 exist", *reg(SIC, SIC_PICENABLE),
		 0x7fe00000u);
	*reg(SIC, SIC_PICENCLR) = 1u << 22;
	check_eq("PICENCLR clears the written bits",
		 *reg(SIC, SIC_PICENABLE), 0x7fa00000u);
	check_eq("pass-through of idle sources: VIC 21-30 low",
		 *reg(VIC, VIC_RAWINTR) & 0x7fe00000u, 0);
	*reg(SIC, SIC_ENCLR) = 0xffffffffu;
	*reg(SIC, SIC_PICENCLR) = 0xffffffffu;
	check_eq("all clear again",
		 *reg(SIC, SIC_ENABLE) | *reg(SIC, SIC_PICENABLE), 0);
}

/* Linux 6.1's versatile_init_early() read-modify-writes the SP810
 * system controller's SCCTRL at 0x101e0000 (TimerEnSel bits 15, 17, 19,
 * 21: every SP804 timer at 1 MHz).  QEMU 7.2 has nothing there (reads
 * 0, writes ignored); armpv-bm's board answers the page the same way. */
static void test_sctl(void)
{
	volatile uint32_t *scctrl = reg(0x101e0000u, 0);

	check_ctx("sp810: ");
	*scctrl = *scctrl | 1u << 15 | 1u << 17 | 1u << 19 | 1u << 21;
	check_eq("SCCTRL read-modify-write: no abort, reads 0", *scctrl, 0);
}

static void test_board(void)
{
	test_sic();
	test_sctl();
}
#endif

/* Task t's page fault (ARM ARM B4.6, A2.6.6). */
static void check_page_fault(unsigned t)
{
	const volatile struct tg_abort *pf = &page_fault[t];
	const char *insn = t ? user_fault_store_insn : user_fault_load_insn;
	uint32_t off = t ? PF_STORE_OFF : PF_LOAD_OFF;

	check_ctx(t ? "task B: page fault (store): " :
		      "task A: page fault (load): ");
	check_eq("one data abort", pf->count, 1);
	check_eq("LR_abt = the access + 8", pf->lr, (uint32_t)insn + 8);
	check_eq("SPSR_abt: USR mode", pf->spsr & PSR_MODE_MASK, USR_MODE);
	check_eq("DFSR: translation fault, page, its domain",
		 pf->dfsr & 0xfff,
		 FSR_TRANS_PAGE | FSR_DOMAIN(PF_DOMAIN) |
			 (t ? tg_fsr_wnr() : 0));
	check_eq("FAR = the address", pf->far, FAULT_VA + off);
	check_eq("its own coarse table maps its own frame there", l2[t][0],
		 SMALL(tasks[t].pa + FAULT_OFF, AP_USER_RW));
	check_eq("it loaded the word the kernel put in its frame",
		 *private_word(t, TP_PF_SEEN), PF_MAGIC + t);
	check_eq("its store reached its own frame",
		 *fault_frame_word(t, PF_STORE_OFF), PF_STORED + t);
}

int kmain(void)
{
	put_str("# armpv multi-tasking test guest\n");
	setup();
	current = 0;
	mmu_enable(ttb[0], TG_DACR);
	check_ctx("mmu: ");
	check_eq("SCTLR.M set", cp15_read_sctlr() & 1, 1);
	test_sensitive();
	test_masked_irq();
	test_board();

	order[norder++] = 'A';
	run_tasks(tasks[0].frame);

	check_ctx("tasks: ");
	check_eq("both exited", tasks[0].done && tasks[1].done, 1);
	check_eq("cooperative phase ran A B A B (write, yield, write, spin)",
		 norder == 4 && order[0] == 'A' && order[1] == 'B' &&
			 order[2] == 'A' && order[3] == 'B',
		 1);
	for (unsigned t = 0; t < NTASKS; t++) {
		check_ctx(t ? "task B: " : "task A: ");
		check_eq("exit status 0 (it saw its own TASK_VA)",
			 tasks[t].status, 0);
		check_eq("read its own private word at TASK_VA",
			 *private_word(t, TP_SEEN), TASK_MAGIC + t);
		check_eq("progressed past all its iterations",
			 *private_word(t, TP_COUNT), SPIN_ITERATIONS);
		check_page_fault(t);
	}
	check_ctx("preemption: ");
	check_eq("the other task progressed before the first one finished",
		 other_progressed, 1);
	check_eq(">= 2 preemptions by the timer", preemptions >= 2, 1);
	check_eq("no spurious interrupt", spurious, 0);
	check_eq("timer interrupts >= preemptions", ticks >= preemptions, 1);
	return check_summary();
}
