/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board-bcm2835.c -- armpv-bm on the BCM2835 (the first Raspberry Pi and
 * the Pi Zero, ARM1176JZF-S; QEMU -M raspi0, raspi1ap): the guest's
 * devices and its time (board.h).
 *
 * The guest sees the models of monitor/devices/bcm2835.c -- the armctrl
 * interrupt controller, the system timer, the PM watchdog (restart and
 * power off) and the PL011 UART0 -- at their ARM physical addresses
 * (0x20000000 up; the device tree's bus addresses 0x7e000000 up).  As on
 * versatilepb every guest access to them traps and is emulated, UART0's
 * output goes to the real PL011 and its input comes from it (uart-rx.c).
 *
 * Time (docs/baremetal-monitor.md "Devices, time and interrupts"): the
 * monitor owns the real system timer (BCM2835 ARM Peripherals ch. 12),
 * which the guest never reaches: its counter CLO, free-running at 1 MHz,
 * is the clock, and its compare channel 1 the one-shot (a match sets
 * CS.M1 and raises GPU IRQ 1 until cleared).  The GPU firmware owns
 * channels 0 and 2 on a real board, Linux uses channel 3 (of the
 * model), so channel 1 is free.  The real interrupt controller (ch. 7)
 * enables only GPU IRQ 1 and the UART's GPU IRQ 57.
 */
#include "armpv_core.h"
#include "bcm2835.h"
#include "bm.h"
#include "board.h"
#include "board-time.h"
#include "fdt-bcm2835.h"

/* The real devices the monitor drives, at its device slots (bm.h). */
#define INTC_VA (BM_IO_SLOT_VA(BM_IO_INTC) + (BCM2835_IC_BASE & 0xfffu))
#define ST_VA BM_IO_SLOT_VA(BM_IO_TIMER)

/* Channel 1 of the real system timer: its match bit in CS, its compare
 * register, its line (GPU IRQ 1, bit 1 of pending/enable 1); the UART's
 * line GPU IRQ 57 is bit 25 of pending/enable 2. */
#define RT_CHANNEL 1
#define RT_MATCH (1u << RT_CHANNEL)
#define RT_COMPARE (BCM2835_ST_C0 + 4 * RT_CHANNEL)
#define RT_GPU_BIT (1u << (BCM2835_IRQ_TIMER0 + RT_CHANNEL))
#define RU_GPU_BIT (1u << (BCM2835_IRQ_UART0 - 32))
/* The least distance to a compare the monitor programs: one written
 * for a CLO value already gone would match only 2^32 ticks later. */
#define RT_MIN_TICKS 2u

static struct bcm2835_board board;
static struct armpv_vcpu *board_vcpu;

static volatile uint32_t *st_reg(uint32_t reg)
{
	return (volatile uint32_t *)(ST_VA + reg);
}

static volatile uint32_t *ic_reg(uint32_t reg)
{
	return (volatile uint32_t *)(INTC_VA + reg);
}

static void uart_putc(void *opaque, uint8_t byte)
{
	(void)opaque;
	bm_putc((char)byte);
}

/* The watchdog fired: Linux's restart (PM_RSTC full reset), or its
 * power-off (PM_RSTS partition 63, "halt", then the same reset). */
static void board_reset(void *opaque, enum bcm2835_reset_kind kind)
{
	(void)opaque;
	if (kind == BCM2835_RESET_POWEROFF)
		bm_guest_reset(false, "PM_RSTS", board.pm.rsts);
	bm_guest_reset(true, "PM_RSTC", board.pm.rstc);
}

static void board_irq_out(void *opaque, bool irq, bool fiq)
{
	(void)opaque;
	armpv_vcpu_set_irq(board_vcpu, irq);
	armpv_vcpu_set_fiq(board_vcpu, fiq);
}

static uint32_t rt_clock(void)
{
	return *st_reg(BCM2835_ST_CLO);
}

/*
 * The one-shot: compare 1 at CLO + ticks, its match bit cleared (write
 * one to CS).  A compare matches only when CLO becomes equal to it, so
 * one written too close may be passed before the write lands: then it
 * is moved on until the write is ahead of CLO or has matched.  Stopping
 * it leaves the compare where it is and clears the match: the next
 * match is then at least 2^32 - ticks away (over an hour), and
 * bm_time_arm() comes long before.
 */
static void rt_oneshot(uint32_t ticks)
{
	uint32_t t0;

	*st_reg(BCM2835_ST_CS) = RT_MATCH;
	if (ticks == BM_TIME_NO_EVENT) {
		*st_reg(RT_COMPARE) = *st_reg(BCM2835_ST_CLO) - 1;
		*st_reg(BCM2835_ST_CS) = RT_MATCH;
		return;
	}
	if (ticks < RT_MIN_TICKS)
		ticks = RT_MIN_TICKS;
	for (;;) {
		t0 = *st_reg(BCM2835_ST_CLO);
		*st_reg(RT_COMPARE) = t0 + ticks;
		/* Ahead of CLO still (fewer than 'ticks' went by), or
		 * matched already. */
		if (*st_reg(BCM2835_ST_CLO) - t0 < ticks ||
		    (*st_reg(BCM2835_ST_CS) & RT_MATCH))
			return;
		ticks = RT_MIN_TICKS;
	}
}

static void models_advance(uint32_t ticks)
{
	bcm2835_advance(&board, ticks);
}

static uint32_t models_next_event(void)
{
	return bcm2835_next_event(&board);
}

static bool uart_receive(uint32_t entry)
{
	return bcm2835_uart_receive(&board, entry);
}

static void uart_idle(void)
{
	bcm2835_uart_idle(&board);
}

static unsigned uart_space(void)
{
	return pl011_rx_space(&board.uart0);
}

/* Can input on UART0 ever wake the guest from WFI?  Only if the guest
 * unmasked a receive interrupt at the model's PL011 and routed GPU IRQ
 * 57 to IRQ (enable 2) or FIQ (FIQ control), and the model's FIFO has
 * room for more. */
static bool board_uart_can_wake(void)
{
	bool routed = (board.intc.gpu_enable[1] & RU_GPU_BIT) ||
		      board.intc.fiq_control ==
			      (BCM2835_IC_FIQ_ENABLE | BCM2835_IRQ_UART0);

	return (board.uart0.imsc & (PL011_INT_RX | PL011_INT_RT)) && routed &&
	       pl011_rx_space(&board.uart0);
}

/*
 * armpv_mmio_fn for the VM, as versatilepb's: the system timer and the
 * watchdog change with time, so the models are brought up to date
 * before an access to them, and a write there may move the next event
 * (re-arm); the interrupt controller and UART0 hold nothing that changes
 * with time but the timer lines, so before an access to them only once
 * an event is due.  Around an access to UART0 the real input comes in.
 */
static bool board_mmio(void *opaque, uint32_t phys, unsigned size,
		       bool is_write, uint32_t *data)
{
	bool uart = phys - BCM2835_UART0_BASE < BCM2835_UART0_SIZE;
	bool timed = phys - BCM2835_ST_BASE < BCM2835_ST_SIZE ||
		     phys - BCM2835_PM_BASE < BCM2835_PM_SIZE;
	bool rearm = is_write && timed;
	bool ok;

	if (timed || bm_time_event_due())
		rearm |= bm_time_sync();
	if (uart)
		bm_uart_rx_drain();
	ok = bcm2835_mmio(opaque, phys, size, is_write, data);
	if (ok)
		bm_board_stats.mmio++;
	if (uart)
		bm_uart_rx_drain();
	if (rearm)
		bm_time_arm();
	return ok;
}

/* Every real source off: the three disable registers (ch. 7), FIQ
 * routing off, the monitor's compare stopped. */
static void bcm_quiesce(void)
{
	*ic_reg(BCM2835_IC_DISABLE1) = 0xffffffffu;
	*ic_reg(BCM2835_IC_DISABLE2) = 0xffffffffu;
	*ic_reg(BCM2835_IC_DISABLE_BASIC) = 0xffffffffu;
	*ic_reg(BCM2835_IC_FIQ_CONTROL) = 0;
	*st_reg(BCM2835_ST_CS) = RT_MATCH;
}

static void bcm_init(struct armpv_vm *vm, struct armpv_vcpu *vcpu)
{
	static const struct bcm2835_callbacks cb = {
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

	board_vcpu = vcpu;
	bcm2835_init(&board, &cb);
	armpv_vm_set_mmio(vm, board_mmio, &board);
	bm_time_init(&time);
	bm_uart_rx_init(&rx);
	*ic_reg(BCM2835_IC_ENABLE1) = RT_GPU_BIT;
	*ic_reg(BCM2835_IC_ENABLE2) = RU_GPU_BIT;
}

/* The machine's own clock: the real CLO, which QEMU computes from its
 * virtual clock (hw/timer/bcm2835_systmr.c): under -icount shift=0, one
 * per 1000 instructions executed. */
static uint32_t bcm_machine_clock(void)
{
	return *st_reg(BCM2835_ST_CLO);
}

/* A real IRQ while the guest ran: the monitor's compare matched, or
 * input came to the real UART, or both (pending 1 and 2: the enabled
 * sources that are active). */
static void bcm_irq(void)
{
	uint32_t p1 = *ic_reg(BCM2835_IC_PENDING1);
	uint32_t p2 = *ic_reg(BCM2835_IC_PENDING2);

	bm_time_sync();
	if (p1 & RT_GPU_BIT) {
		bm_board_stats.irqs++;
		*st_reg(BCM2835_ST_CS) = RT_MATCH;
	}
	if (p2 & RU_GPU_BIT) {
		bm_board_stats.uart_irqs++;
		bm_uart_rx_drain();
	}
	bm_time_arm();
}

static bool bcm_wfi(void)
{
	return bm_time_wfi(board_vcpu, board_uart_can_wake);
}

/* The guest's tree, filtered to the regions: a fixed clock for the
 * PL011, the PM node with only its watchdog (fdt-bcm2835.h).  A tree
 * without /soc describes none of the SoC's devices (a test guest's own
 * small tree): nothing to fix there. */
static const char *bcm_fdt_fixup(struct fdt *f)
{
	if (fdt_subnode(f, fdt_root(f), "soc") < 0)
		return NULL;
	return fdt_bcm2835_fixup(f, BCM2835_PM_BASE, BCM2835_PM_SIZE, NULL);
}

static const char *const bcm_compatible[] = { "brcm,bcm2835", NULL };

/* QEMU's raspi0 and raspi1ap pass machine type 3138 (MACH_TYPE_BCM2708,
 * Linux's mach-types) with ATAGs; a Pi's device tree says "brcm,bcm2835"
 * after its model.  The real devices at the monitor's slots: UART0, the
 * interrupt controller's page, the system timer. */
const struct bm_board bm_board_bcm2835 = {
	.name = "bcm2835",
	.compatible = bcm_compatible,
	.machine = 3138,
	.io_pa = {
		[BM_IO_CONSOLE] = BCM2835_UART0_BASE,
		[BM_IO_INTC] = BCM2835_IC_BASE & ~0xfffu,
		[BM_IO_TIMER] = BCM2835_ST_BASE,
	},
	.clock_name = "CLO",
	.init = bcm_init,
	.irq = bcm_irq,
	.wfi = bcm_wfi,
	.quiesce = bcm_quiesce,
	.machine_clock = bcm_machine_clock,
	.ticks = bm_time_ticks,
	.regions = bcm2835_regions,
	.nregions = BCM2835_NREGIONS,
	.fdt_fixup = bcm_fdt_fixup,
};
