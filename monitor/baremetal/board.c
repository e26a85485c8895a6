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
 * (bm_putc, polled), and the real PL011's input comes into the model's
 * receive FIFO (board_uart_drain: below); a reset request on SYS_RESETCTL
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
 * advanced by the ticks elapsed on that clock (board_sync).  Its timer 2
 * is a one-shot programmed for the models' next event
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
#include "versatile.h"

/* The real SP804 (DDI 0271): timer 1 at +0, timer 2 at +0x20. */
#define RT_CLOCK 0x00
#define RT_EVENT 0x20

/* The real interrupt sources the monitor enables at the real PL190 (DDI
 * 0181 3.3.1 VICIRQSTATUS tells them apart): its SP804's timer 2 and the
 * PL011 UART0, both as IRQ (VERSATILE_IRQ_*: versatilepb's wiring, the
 * same as the guest's). */
#define RT_VIC_SOURCE (1u << VERSATILE_IRQ_TIMER23)
#define RU_VIC_SOURCE (1u << VERSATILE_IRQ_UART0)
/* The real PL011's receive interrupts the monitor unmasks (DDI 0183
 * 3.3.10 UARTIMSC): the FIFO level (RXIM) and the receive timeout (RTIM),
 * which covers a few characters left below the trigger level. */
#define RU_RX_INTS (PL011_INT_RX | PL011_INT_RT)

static struct versatile_board board;
static struct armpv_vcpu *board_vcpu;
static uint32_t last_count; /* the real clock at the last board_sync() */
static uint32_t start_count; /* the real clock when the models started */
/* Ticks after last_count until the models' next timer event (the real
 * one-shot is armed for it), at most BOARD_SYNC_MAX; 0 when an event has
 * passed and board_arm() is due. */
static uint32_t armed_next;
/* Models left behind the real clock at most this long (about 36 minutes
 * at 1 MHz), well inside the clock's 2^32-tick wrap. */
#define BOARD_SYNC_MAX 0x80000000u
static uint32_t uart_imsc;  /* what the real UARTIMSC holds */
struct bm_board_stats bm_board_stats;

static volatile uint32_t *rt_reg(uint32_t timer, uint32_t reg)
{
	return (volatile uint32_t *)(BM_TIMER23_VA + timer + reg);
}

/* The real PL011 UART0: the same registers as the model's (pl011.h). */
static volatile uint32_t *ru_reg(uint32_t reg)
{
	return (volatile uint32_t *)(BM_UART0_VA + reg);
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
 * call (it counts down from 0xffffffff and wraps: modulo 2^32).  True if
 * that reached the next timer event: the caller must board_arm(). */
static bool board_sync(void)
{
	uint32_t now = *rt_reg(RT_CLOCK, SP804_VALUE);
	uint32_t ticks = last_count - now;
	bool event = ticks >= armed_next;

	last_count = now;
	if (ticks)
		versatile_advance(&board, ticks);
	armed_next = event ? 0 : armed_next - ticks;
	return event;
}

/* Has the real clock reached the models' next timer event since the last
 * board_sync()?  Until it has, advancing them moves no interrupt line
 * (tests/devices/check_devices.c test_board_time_split): it changes only
 * the counters, which only a read of an SP804 or of the system
 * registers shows. */
static bool board_event_due(void)
{
	return last_count - *rt_reg(RT_CLOCK, SP804_VALUE) >= armed_next;
}

/* Program the real one-shot for the models' next timer event, or stop
 * it when no model timer will interrupt. */
static void board_arm(void)
{
	uint32_t next = versatile_next_event(&board);

	armed_next = next < BOARD_SYNC_MAX ? next : BOARD_SYNC_MAX;
	*rt_reg(RT_EVENT, SP804_CONTROL) = 0;
	*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	if (next == SP804_NO_EVENT)
		return;
	*rt_reg(RT_EVENT, SP804_LOAD) = next;
	*rt_reg(RT_EVENT, SP804_CONTROL) =
		SP804_CTRL_ENABLE | SP804_CTRL_ONESHOT | SP804_CTRL_32BIT |
		SP804_CTRL_INTEN | SP804_CTRL_PRE_1;
}

/*
 * Move what the real PL011's receive FIFO holds into the model's, as far
 * as the model's FIFO has room, then set the real receive interrupts for
 * what is left.  Flow control: a character that does not fit stays in the
 * real UART, and the real RXIM/RTIM are masked (UARTIMSC, DDI 0183
 * 3.3.10) so that its level interrupt does not fire again and again;
 * the next drain, after the guest's next access to the model's UART (a
 * UARTDR read makes room), takes it and unmasks them.  Nothing is lost
 * in the monitor: once the real FIFO is full too, QEMU stops reading its
 * chardev (the input waits in the host); on a board, the real UART
 * overruns as it would under a native guest that does not read.  (The
 * model's own overrun is thus never raised by real input; a real overrun
 * bit, UARTDR.OE, is not forwarded.)
 *
 * The receive timeout: the model's RTRIS means "no character for 32 bit
 * periods" (DDI 0183 2.8 UARTRTINTR).  The monitor sees the line only at
 * drains, and calls it idle when a drain that moved characters found the
 * real FIFO empty: the end of a burst as far as it can tell.  So a guest
 * waiting with RTIM for fewer characters than its trigger level gets
 * them at once.  (QEMU's own PL011 raises RXRIS for the first character
 * whatever the level and never the timeout: docs/devices.md.)
 */
static void board_uart_drain(void)
{
	uint32_t imsc = RU_RX_INTS;
	unsigned moved = 0;

	while (!(*ru_reg(PL011_FR) & PL011_FR_RXFE)) {
		if (!pl011_rx_space(&board.uart0)) {
			imsc = 0;
			break;
		}
		/* UARTDR (3.3.1): the character and its FE/PE/BE/OE bits;
		 * the model takes FE/PE/BE and drops OE. */
		versatile_uart_receive(&board, *ru_reg(PL011_DR));
		moved++;
	}
	if (moved) {
		bm_board_stats.rx_bytes += moved;
		if (imsc)
			versatile_uart_idle(&board);
	}
	if (imsc != uart_imsc) {
		uart_imsc = imsc;
		*ru_reg(PL011_IMSC) = imsc;
	}
}

/* Can input on UART0 ever wake the guest from WFI?  Only if the guest
 * unmasked a receive interrupt at the model's PL011 and enabled its
 * source at the model's VIC, and the model's FIFO has room for more. */
static bool board_uart_can_wake(void)
{
	return (board.uart0.imsc & RU_RX_INTS) &&
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
 * depends on (board_event_due), and advancing later by the sum is the
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

	if ((!uart && page != VERSATILE_VIC_BASE) || board_event_due())
		rearm |= board_sync();
	if (uart)
		board_uart_drain();
	ok = versatile_mmio(opaque, phys, size, is_write, data);
	if (ok)
		bm_board_stats.mmio++;
	if (uart)
		board_uart_drain();
	if (rearm)
		board_arm();
	return ok;
}

/*
 * The real PL011's receiver, for the guest's input.  The FIFO on (FEN,
 * UARTLCR_H, DDI 0183 3.3.7) to hold 16 characters (32 on r1p5) while
 * the model's is full or the guest runs; switching it on empties it
 * (QEMU does so), so the character the holding register may already
 * hold goes to the model first (its FIFO, reset with FEN clear, holds
 * one).  The word length and the rest of UARTLCR_H stay as the boot
 * loader set them.  The receive trigger at 1/8 (UARTIFLS.RXIFLSEL 0,
 * 3.3.9), the earliest; QEMU ignores it.  Then RXIM and RTIM unmasked.
 */
static void board_uart_init(void)
{
	uint32_t lcr_h = *ru_reg(PL011_LCR_H);

	uart_imsc = ~0u; /* as the boot loader left it: the drain writes it */
	if (!(lcr_h & PL011_LCR_H_FEN)) {
		board_uart_drain();
		*ru_reg(PL011_LCR_H) = lcr_h | PL011_LCR_H_FEN;
	}
	*ru_reg(PL011_IFLS) &= ~(PL011_IFLS_MASK << PL011_IFLS_RX_SHIFT);
	board_uart_drain();
}

void bm_board_init(struct armpv_vm *vm, struct armpv_vcpu *vcpu)
{
	static const struct versatile_callbacks cb = {
		.uart_putc = uart_putc,
		.reset = board_reset,
		.irq_out = board_irq_out,
	};
	volatile uint32_t *vic = (volatile uint32_t *)BM_VIC_VA;

	board_vcpu = vcpu;
	versatile_init(&board, &cb);
	armpv_vm_set_mmio(vm, board_mmio, &board);

	/* The clock: free-running (neither periodic nor one-shot), 32-bit,
	 * prescale 1, interrupt off. */
	*rt_reg(RT_CLOCK, SP804_CONTROL) = 0;
	*rt_reg(RT_CLOCK, SP804_LOAD) = 0xffffffffu;
	*rt_reg(RT_CLOCK, SP804_CONTROL) =
		SP804_CTRL_ENABLE | SP804_CTRL_32BIT | SP804_CTRL_PRE_1;
	last_count = start_count = *rt_reg(RT_CLOCK, SP804_VALUE);
	board_arm();
	board_uart_init();
	/* Sources 5 (this SP804) and 12 (UART0) to IRQ, the only real
	 * sources enabled; FIQ is never used (VICINTSELECT 0). */
	vic[VIC_INTSELECT / 4] = 0;
	vic[VIC_INTENABLE / 4] = RT_VIC_SOURCE | RU_VIC_SOURCE;
}

/* The models' time: they start at 0 in bm_board_init() and advance by the
 * real clock's ticks (board_sync()), so the guest's SYS_24MHZ reads 24
 * times this. */
uint32_t bm_board_ticks(void)
{
	return start_count - *rt_reg(RT_CLOCK, SP804_VALUE);
}

/*
 * The machine's own clock: the real system registers' SYS_24MHZ (ARM DUI
 * 0224 4.3.18), which QEMU computes from its virtual clock since the
 * machine started (hw/misc/arm_sysctl.c): under -icount shift=0, 24 per
 * 1000 instructions executed (and idle time skipped).  Read, never
 * written: the guest's system registers are the model's.
 */
#define SYS_24MHZ 0x5c
uint32_t bm_board_machine_clock(void)
{
	return *(volatile uint32_t *)(BM_SYSREG_VA + SYS_24MHZ);
}

/* A real IRQ while the guest ran: the one-shot fired, or input came to
 * the real UART, or both (VICIRQSTATUS, DDI 0181 3.3.1: the enabled
 * sources that are active).  Advance the models to now, acknowledge the
 * timer, move the input into the model (which clears the real UART's
 * level interrupt: the FIFO emptied, or the interrupts masked) and
 * re-arm.  The models' lines reach the vCPU through board_irq_out; the
 * caller delivers the virtual IRQ if the virtual CPSR allows
 * (armpv_vcpu_check_irq). */
void bm_board_irq(void)
{
	volatile uint32_t *vic = (volatile uint32_t *)BM_VIC_VA;
	uint32_t status = vic[VIC_IRQSTATUS / 4];

	board_sync();
	if (status & RT_VIC_SOURCE) {
		bm_board_stats.irqs++;
		*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	}
	if (status & RU_VIC_SOURCE) {
		bm_board_stats.uart_irqs++;
		board_uart_drain();
	}
	board_arm();
}

/*
 * The guest's WFI with no virtual line high: sleep in the real WFI until
 * a model timer's interrupt or input on the real UART raises one.  The
 * monitor runs with the CPSR I bit set; WFI wakes on the pending real
 * interrupt all the same (ARM926 TRM 2.3.8, and QEMU), which is then
 * handled here rather than taken: the timer acknowledged, the input
 * drained into the model (which lowers the real UART's line).  False if
 * nothing can ever wake the guest: no model timer has an event pending
 * and the guest has not enabled a UART0 receive interrupt at both the
 * model's PL011 and VIC (board_uart_can_wake).  (A timer whose line the
 * guest's VIC keeps disabled sleeps on, as the hardware would.)
 */
bool bm_board_wfi(void)
{
	for (;;) {
		board_sync();
		board_uart_drain();
		if (board_vcpu->irq_line || board_vcpu->fiq_line) {
			board_arm();
			return true;
		}
		if (versatile_next_event(&board) == SP804_NO_EVENT &&
		    !board_uart_can_wake())
			return false;
		board_arm();
		bm_board_stats.sleeps++;
		__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0)
				 : "memory");
		*rt_reg(RT_EVENT, SP804_INTCLR) = 1;
	}
}

/* Is guest physical 'pa' in one of the board's devices
 * (versatile_regions[], the board's one list)? */
bool bm_board_is_device(uint32_t pa)
{
	for (unsigned i = 0; i < VERSATILE_NREGIONS; i++)
		if (pa - versatile_regions[i].base < versatile_regions[i].size)
			return true;
	return false;
}

const struct dev_region *bm_board_regions(unsigned *count)
{
	*count = VERSATILE_NREGIONS;
	return versatile_regions;
}
