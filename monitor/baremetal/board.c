/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board.c -- the guest's versatilepb devices and its time.
 *
 * The guest sees the device models of monitor/devices/ (versatile.c: the
 * system registers, the PL190 VIC, both SP804s, PL011 UART0) at their
 * versatilepb addresses: run.c emulates every guest access to a device
 * page with armpv_vcpu_emulate_access(), which calls board_mmio() through
 * the VM's MMIO callback.  Device pages are never mapped in the shadow
 * tables, so each access traps.  UART0's output goes to the real PL011
 * (bm_putc, polled); a reset request on SYS_RESETCTL stops the machine;
 * the VIC model's IRQ and FIQ outputs are the vCPU's virtual lines.
 *
 * Time (docs/baremetal-monitor.md "Time and interrupts"): the monitor
 * owns the real SP804 at 0x101e3000, which the guest never reaches (its
 * accesses there go to the model).  Its timer 1 runs free at 1 MHz
 * (TIMCLK, the models' tick) with its interrupt off: the clock.  Before
 * any guest device access, at every real timer interrupt and around a
 * guest WFI, the models are advanced by the ticks elapsed on that clock
 * (board_sync).  Its timer 2 is a one-shot programmed, after every such
 * step, for the models' next event (versatile_next_event): the real
 * interrupt (VIC source 5, enabled while the guest runs in USR mode with
 * the CPSR I bit clear) comes when a model timer reaches zero, and
 * run.c turns the model VIC's output into a virtual IRQ when the virtual
 * CPSR allows.
 */
#include "armpv_core.h"
#include "bm.h"
#include "versatile.h"

/* The real SP804 (DDI 0271): timer 1 at +0, timer 2 at +0x20. */
#define RT_CLOCK 0x00
#define RT_EVENT 0x20

static struct versatile_board board;
static struct armpv_vcpu *board_vcpu;
static uint32_t last_count; /* the real clock at the last board_sync() */
struct bm_board_stats bm_board_stats;

static volatile uint32_t *rt_reg(uint32_t timer, uint32_t reg)
{
	return (volatile uint32_t *)(BM_TIMER23_BASE + timer + reg);
}

static void uart_putc(void *opaque, uint8_t byte)
{
	(void)opaque;
	bm_putc((char)byte);
}

static void board_reset(void *opaque, uint32_t resetctl)
{
	(void)opaque;
	bm_guest_reset(resetctl);
}

static void board_irq_out(void *opaque, bool irq, bool fiq)
{
	(void)opaque;
	armpv_vcpu_set_irq(board_vcpu, irq);
	armpv_vcpu_set_fiq(board_vcpu, fiq);
}

/* Advance the models by the ticks the real clock counted since the last
 * call (it counts down from 0xffffffff and wraps: modulo 2^32). */
static void board_sync(void)
{
	uint32_t now = *rt_reg(RT_CLOCK, SP804_VALUE);
	uint32_t ticks = last_count - now;

	last_count = now;
	if (ticks)
		versatile_advance(&board, ticks);
}

/* Program the real one-shot for the models' next timer event, or stop
 * it when no model timer will interrupt. */
static void board_arm(void)
{
	uint32_t next = versatile_next_event(&board);

	*rt_reg(RT_EVENT, SP804_CONTROL) = 0;
	*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	if (next == SP804_NO_EVENT)
		return;
	*rt_reg(RT_EVENT, SP804_LOAD) = next;
	*rt_reg(RT_EVENT, SP804_CONTROL) =
		SP804_CTRL_ENABLE | SP804_CTRL_ONESHOT | SP804_CTRL_32BIT |
		SP804_CTRL_INTEN | SP804_CTRL_PRE_1;
}

/* armpv_mmio_fn for the VM: bring the models up to date, access, then
 * re-arm (the access may have started, stopped or reloaded a timer). */
static bool board_mmio(void *opaque, uint32_t phys, unsigned size,
		       bool is_write, uint32_t *data)
{
	bool ok;

	board_sync();
	ok = versatile_mmio(opaque, phys, size, is_write, data);
	if (ok)
		bm_board_stats.mmio++;
	board_arm();
	return ok;
}

void bm_board_init(struct armpv_vm *vm, struct armpv_vcpu *vcpu)
{
	static const struct versatile_callbacks cb = {
		.uart_putc = uart_putc,
		.reset = board_reset,
		.irq_out = board_irq_out,
	};
	volatile uint32_t *vic = (volatile uint32_t *)BM_VIC_BASE;

	board_vcpu = vcpu;
	versatile_init(&board, &cb);
	armpv_vm_set_mmio(vm, board_mmio, &board);

	/* The clock: free-running (neither periodic nor one-shot), 32-bit,
	 * prescale 1, interrupt off. */
	*rt_reg(RT_CLOCK, SP804_CONTROL) = 0;
	*rt_reg(RT_CLOCK, SP804_LOAD) = 0xffffffffu;
	*rt_reg(RT_CLOCK, SP804_CONTROL) =
		SP804_CTRL_ENABLE | SP804_CTRL_32BIT | SP804_CTRL_PRE_1;
	last_count = *rt_reg(RT_CLOCK, SP804_VALUE);
	board_arm();
	/* Source 5 (this SP804) to IRQ, the only real source enabled; FIQ
	 * is never used (VICINTSELECT 0). */
	vic[VIC_INTSELECT / 4] = 0;
	vic[VIC_INTENABLE / 4] = 1u << VERSATILE_IRQ_TIMER23;
}

/* A real IRQ while the guest ran: the one-shot fired.  Acknowledge it,
 * advance the models (their lines reach the vCPU through board_irq_out)
 * and re-arm.  The caller delivers the virtual IRQ if the virtual CPSR
 * allows (armpv_vcpu_check_irq). */
void bm_board_irq(void)
{
	bm_board_stats.irqs++;
	*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	board_sync();
	board_arm();
}

/*
 * The guest's WFI with no virtual line high: sleep in the real WFI until
 * a model timer's interrupt raises one.  The monitor runs with the CPSR
 * I bit set; WFI wakes on the pending real interrupt all the same (ARM926
 * TRM 2.3.8, and QEMU), which is then acknowledged here rather than
 * taken.  False if nothing can ever wake the guest: no model timer has
 * an event pending.  (A timer whose line the guest's VIC keeps disabled
 * sleeps on, as the hardware would.)
 */
bool bm_board_wfi(void)
{
	for (;;) {
		board_sync();
		if (board_vcpu->irq_line || board_vcpu->fiq_line) {
			board_arm();
			return true;
		}
		if (versatile_next_event(&board) == SP804_NO_EVENT)
			return false;
		board_arm();
		bm_board_stats.sleeps++;
		__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0)
				 : "memory");
		*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	}
}

/* Is guest physical 'pa' in one of the board's device pages? */
bool bm_board_is_device(uint32_t pa)
{
	switch (pa & ~(VERSATILE_DEVICE_SIZE - 1)) {
	case VERSATILE_SYSCTL_BASE:
	case VERSATILE_VIC_BASE:
	case VERSATILE_TIMER01_BASE:
	case VERSATILE_TIMER23_BASE:
	case VERSATILE_UART0_BASE:
		return true;
	default:
		return false;
	}
}
