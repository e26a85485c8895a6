/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board-versatile.c -- armpv-bm on versatilepb (ARM926EJ-S; also -cpu
 * arm1176): the guest's devices and its time (board.h).
 *
 * The guest sees the device models of monitor/devices/ (versatile.c: the
 * system registers, the PL190 VIC, both SP804s, PL011 UART0) at their
 * versatilepb addresses: run.c emulates every guest access to a device
 * page with armpv_vcpu_emulate_access(), which calls board_mmio() through
 * the VM's MMIO callback.  Device pages are never mapped in the shadow
 * tables, so each access traps.  UART0's output goes to the real PL011
 * (bm_putc, polled), and the real PL011's input comes into the model's
 * receive FIFO (uart-rx.c); a reset request on SYS_RESETCTL
 * stops the machine; the VIC model's IRQ and FIQ outputs are the vCPU's
 * virtual lines.
 *
 * Time (docs/baremetal-monitor.md "Time and interrupts"): the monitor
 * owns the real SP804 at 0x101e3000, which the guest never reaches (its
 * accesses there go to the model).  Its timer 1 runs free at 1 MHz
 * (TIMCLK, the models' tick) with its interrupt off: the clock.  Before
 * a guest access to a device time changes (system registers, SP804s) --
 * or to the VIC or UART0 once a timer event is due (board_mmio) --, at
 * every real timer interrupt and around a guest WFI, the models are
 * advanced by the ticks elapsed on that clock (board-time.c).  Its timer
 * 2 is a one-shot programmed for the models' next event
 * (versatile_next_event) whenever a step reached it or a guest access
 * to an SP804 may have moved it: the real
 * interrupt (VIC source 5, enabled while the guest runs in USR mode with
 * the CPSR I bit clear) comes when a model timer reaches zero, and
 * run.c turns the model VIC's output into a virtual IRQ when the virtual
 * CPSR allows.  The real PL011's receive interrupts are the other real
 * source (VIC source 12): docs/baremetal-monitor.md "Devices, time and
 * interrupts".
 */
#include "armpv_core.h"
#include "bm.h"
#include "board.h"
#include "board-time.h"
#include "versatile.h"

/* The real devices the monitor drives, at its device slots (bm.h). */
#define VIC_VA BM_IO_SLOT_VA(BM_IO_INTC)
#define TIMER23_VA BM_IO_SLOT_VA(BM_IO_TIMER)
#define UART0_VA BM_IO_SLOT_VA(BM_IO_CONSOLE)
#define SYSREG_VA BM_IO_SLOT_VA(BM_IO_CLOCK) /* read only: the clock */

/* The real SP804 (DDI 0271): timer 1 at +0, timer 2 at +0x20. */
#define RT_CLOCK 0x00
#define RT_EVENT 0x20

/* The real interrupt sources the monitor enables at the real PL190 (DDI
 * 0181 3.3.1 VICIRQSTATUS tells them apart): its SP804's timer 2 and the
 * PL011 UART0, both as IRQ (VERSATILE_IRQ_*: versatilepb's wiring, the
 * same as the guest's). */
#define RT_VIC_SOURCE (1u << VERSATILE_IRQ_TIMER23)
#define RU_VIC_SOURCE (1u << VERSATILE_IRQ_UART0)

static struct versatile_board board;
static struct armpv_vcpu *board_vcpu;

static volatile uint32_t *rt_reg(uint32_t timer, uint32_t reg)
{
	return (volatile uint32_t *)(TIMER23_VA + timer + reg);
}

static void uart_putc(void *opaque, uint8_t byte)
{
	(void)opaque;
	bm_putc((char)byte);
}

static void board_reset(void *opaque, uint32_t resetctl)
{
	(void)opaque;
	bm_guest_reset(true, "SYS_RESETCTL", resetctl);
}

static void board_irq_out(void *opaque, bool irq, bool fiq)
{
	(void)opaque;
	armpv_vcpu_set_irq(board_vcpu, irq);
	armpv_vcpu_set_fiq(board_vcpu, fiq);
}

/* The real SP804's timer 1 counts down from 0xffffffff: its complement
 * counts up. */
static uint32_t rt_clock(void)
{
	return ~*rt_reg(RT_CLOCK, SP804_VALUE);
}

/* Its timer 2: a one-shot for the models' next event, or stopped. */
static void rt_oneshot(uint32_t ticks)
{
	*rt_reg(RT_EVENT, SP804_CONTROL) = 0;
	*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	if (ticks == BM_TIME_NO_EVENT)
		return;
	*rt_reg(RT_EVENT, SP804_LOAD) = ticks;
	*rt_reg(RT_EVENT, SP804_CONTROL) =
		SP804_CTRL_ENABLE | SP804_CTRL_ONESHOT | SP804_CTRL_32BIT |
		SP804_CTRL_INTEN | SP804_CTRL_PRE_1;
}

static void models_advance(uint32_t ticks)
{
	versatile_advance(&board, ticks);
}

static uint32_t models_next_event(void)
{
	return versatile_next_event(&board);
}

static bool uart_receive(uint32_t entry)
{
	return versatile_uart_receive(&board, entry);
}

static void uart_idle(void)
{
	versatile_uart_idle(&board);
}

static unsigned uart_space(void)
{
	return pl011_rx_space(&board.uart0);
}

_Static_assert(SP804_NO_EVENT == BM_TIME_NO_EVENT, "no event, both ways");

/* Can input on UART0 ever wake the guest from WFI?  Only if the guest
 * unmasked a receive interrupt at the model's PL011 and enabled its
 * source at the model's VIC, and the model's FIFO has room for more. */
static bool board_uart_can_wake(void)
{
	return (board.uart0.imsc & (PL011_INT_RX | PL011_INT_RT)) &&
	       (board.vic.intenable & RU_VIC_SOURCE) &&
	       pl011_rx_space(&board.uart0);
}

/*
 * armpv_mmio_fn for the VM: bring the models up to date, access, then
 * re-arm if the access may have started, stopped or reloaded a timer (a
 * write to an SP804: reading one changes nothing), or time reached an
 * event.  The VIC and UART0 hold nothing
 * that changes with time but the timers' interrupt lines, so before an
 * access to them the models are brought up to date only once an event
 * is due: until then doing so would change nothing the access reads or
 * depends on (bm_time_event_due), and advancing later by the sum is the
 * same.  Around an access to UART0 the real input comes in: before, so
 * that a polling guest sees what has arrived; after, to refill the room
 * a UARTDR read made (and unmask the real receive interrupts).
 */
static bool board_mmio(void *opaque, uint32_t phys, unsigned size,
		       bool is_write, uint32_t *data)
{
	uint32_t page = phys & ~(VERSATILE_DEVICE_SIZE - 1);
	bool uart = page == VERSATILE_UART0_BASE;
	bool rearm = is_write && (page == VERSATILE_TIMER01_BASE ||
				  page == VERSATILE_TIMER23_BASE);
	bool ok;

	if ((!uart && page != VERSATILE_VIC_BASE) || bm_time_event_due())
		rearm |= bm_time_sync();
	if (uart)
		bm_uart_rx_drain();
	ok = versatile_mmio(opaque, phys, size, is_write, data);
	if (ok)
		bm_board_stats.mmio++;
	if (uart)
		bm_uart_rx_drain();
	if (rearm)
		bm_time_arm();
	return ok;
}

static void vpb_init(struct armpv_vm *vm, struct armpv_vcpu *vcpu)
{
	static const struct versatile_callbacks cb = {
		.uart_putc = uart_putc,
		.reset = board_reset,
		.irq_out = board_irq_out,
	};
	static const struct bm_time_ops time = {
		.clock = rt_clock,
		.oneshot = rt_oneshot,
		.advance = models_advance,
		.next_event = models_next_event,
	};
	static const struct bm_uart_rx_ops rx = {
		.receive = uart_receive,
		.idle = uart_idle,
		.space = uart_space,
	};
	volatile uint32_t *vic = (volatile uint32_t *)VIC_VA;

	board_vcpu = vcpu;
	versatile_init(&board, &cb);
	armpv_vm_set_mmio(vm, board_mmio, &board);

	/* The clock: free-running (neither periodic nor one-shot), 32-bit,
	 * prescale 1, interrupt off. */
	*rt_reg(RT_CLOCK, SP804_CONTROL) = 0;
	*rt_reg(RT_CLOCK, SP804_LOAD) = 0xffffffffu;
	*rt_reg(RT_CLOCK, SP804_CONTROL) =
		SP804_CTRL_ENABLE | SP804_CTRL_32BIT | SP804_CTRL_PRE_1;
	bm_time_init(&time);
	bm_uart_rx_init(&rx);
	/* Sources 5 (this SP804) and 12 (UART0) to IRQ, the only real
	 * sources enabled; FIQ is never used (VICINTSELECT 0). */
	vic[VIC_INTSELECT / 4] = 0;
	vic[VIC_INTENABLE / 4] = RT_VIC_SOURCE | RU_VIC_SOURCE;
}

/*
 * The machine's own clock: the real system registers' SYS_24MHZ (ARM DUI
 * 0224 4.3.18), which QEMU computes from its virtual clock since the
 * machine started (hw/misc/arm_sysctl.c): under -icount shift=0, 24 per
 * 1000 instructions executed (and idle time skipped).  Read, never
 * written: the guest's system registers are the model's.
 */
#define SYS_24MHZ 0x5c
static uint32_t vpb_machine_clock(void)
{
	return *(volatile uint32_t *)(SYSREG_VA + SYS_24MHZ);
}

/* A real IRQ while the guest ran: the one-shot fired, or input came to
 * the real UART, or both (VICIRQSTATUS, DDI 0181 3.3.1: the enabled
 * sources that are active).  Advance the models to now, acknowledge the
 * timer, move the input into the model (which clears the real UART's
 * level interrupt: the FIFO emptied, or the interrupts masked) and
 * re-arm.  The models' lines reach the vCPU through board_irq_out; the
 * caller delivers the virtual IRQ if the virtual CPSR allows
 * (armpv_vcpu_check_irq). */
static void vpb_irq(void)
{
	volatile uint32_t *vic = (volatile uint32_t *)VIC_VA;
	uint32_t status = vic[VIC_IRQSTATUS / 4];

	bm_time_sync();
	if (status & RT_VIC_SOURCE) {
		bm_board_stats.irqs++;
		*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	}
	if (status & RU_VIC_SOURCE) {
		bm_board_stats.uart_irqs++;
		bm_uart_rx_drain();
	}
	bm_time_arm();
}

/* The guest's WFI (bm_time_wfi): UART0 input can wake it only if the
 * guest enabled the model VIC's source 12 too. */
static bool vpb_wfi(void)
{
	return bm_time_wfi(board_vcpu, board_uart_can_wake);
}

/* Every real source off, soft interrupts clear (DDI 0181 3.3). */
static void vpb_quiesce(void)
{
	volatile uint32_t *vic = (volatile uint32_t *)VIC_VA;

	vic[VIC_INTENCLEAR / 4] = 0xffffffff;
	vic[VIC_SOFTINTCLEAR / 4] = 0xffffffff;
}

static const char *const vpb_compatible[] = { "arm,versatile-pb", NULL };

/* QEMU's versatilepb: ATAG machine type 387 (Linux's mach-types,
 * MACH_TYPE_VERSATILE_PB); the board's real devices at the monitor's
 * slots: UART0, the PL190, the SP804 of timers 2 and 3, the system
 * registers (SYS_24MHZ). */
const struct bm_board bm_board_versatile = {
	.name = "versatilepb",
	.compatible = vpb_compatible,
	.machine = 387,
	.io_pa = {
		[BM_IO_CONSOLE] = VERSATILE_UART0_BASE,
		[BM_IO_INTC] = VERSATILE_VIC_BASE,
		[BM_IO_TIMER] = VERSATILE_TIMER23_BASE,
		[BM_IO_CLOCK] = VERSATILE_SYSCTL_BASE,
	},
	.clock_name = "SYS_24MHZ",
	.init = vpb_init,
	.irq = vpb_irq,
	.wfi = vpb_wfi,
	.quiesce = vpb_quiesce,
	.machine_clock = vpb_machine_clock,
	.ticks = bm_time_ticks,
	.regions = versatile_regions,
	.nregions = VERSATILE_NREGIONS,
};
