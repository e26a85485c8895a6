// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * versatile.c -- board glue: versatilepb's devices at their addresses,
 * their interrupt lines into the VIC, the VIC's outputs to the backend.
 */
#include "versatile.h"

#include <stddef.h>

const struct dev_region versatile_regions[VERSATILE_NREGIONS] = {
	{VERSATILE_SYSCTL_BASE, VERSATILE_DEVICE_SIZE, "system registers", 0},
	{VERSATILE_SIC_BASE, VERSATILE_DEVICE_SIZE, "SIC", 0},
	{VERSATILE_VIC_BASE, VERSATILE_DEVICE_SIZE, "PL190 VIC", 0},
	{VERSATILE_SCTL_BASE, VERSATILE_DEVICE_SIZE, "SP810 (reads 0)",
	 DEV_REGION_NOT_IN_DT},
	{VERSATILE_TIMER01_BASE, VERSATILE_DEVICE_SIZE, "SP804 timers 0-1", 0},
	{VERSATILE_TIMER23_BASE, VERSATILE_DEVICE_SIZE, "SP804 timers 2-3", 0},
	{VERSATILE_UART0_BASE, VERSATILE_DEVICE_SIZE, "PL011 UART0", 0},
};

/* A source line into the VIC, when it moves: the VIC's outputs follow
 * every change of its own state already (pl190.c), so an unchanged line
 * changes nothing. */
static void versatile_set_line(struct versatile_board *b, unsigned n,
			       bool level)
{
	if (((b->vic.lines >> n) & 1u) != level)
		vic_set_line(&b->vic, n, level);
}

/* The SIC's pass-through sources (SIC_PIC_MASK) have no other driver on
 * this board: each follows its SIC input while PICENABLE has it. */
static void versatile_update_passthrough(struct versatile_board *b)
{
	uint32_t pass = sic_passthrough(&b->sic);

	for (unsigned n = 21; n <= 30; n++)
		versatile_set_line(b, n, (pass >> n) & 1u);
}

void versatile_update_irq(struct versatile_board *b)
{
	versatile_update_passthrough(b);
	versatile_set_line(b, VERSATILE_IRQ_SIC, b->sic.line);
	versatile_set_line(b, VERSATILE_IRQ_TIMER01, b->timer[0].line);
	versatile_set_line(b, VERSATILE_IRQ_TIMER23, b->timer[1].line);
	versatile_set_line(b, VERSATILE_IRQ_UART0, b->uart0.line);
	if (b->vic.irq != b->irq || b->vic.fiq != b->fiq) {
		b->irq = b->vic.irq;
		b->fiq = b->vic.fiq;
		if (b->irq_out)
			b->irq_out(b->irq_opaque, b->irq, b->fiq);
	}
}

void versatile_init(struct versatile_board *b,
		    const struct versatile_callbacks *cb)
{
	void *opaque = cb ? cb->opaque : NULL;

	sysctl_init(&b->sysctl, cb ? cb->reset : NULL, opaque);
	vic_init(&b->vic);
	sic_init(&b->sic);
	sp804_init(&b->timer[0]);
	sp804_init(&b->timer[1]);
	pl011_init(&b->uart0, cb ? cb->uart_putc : NULL, opaque);
	b->irq_out = cb ? cb->irq_out : NULL;
	b->irq_opaque = opaque;
	b->irq = b->fiq = false;
	b->sctl_accesses = 0;
	versatile_update_irq(b);
}

bool versatile_mmio(void *opaque, uint32_t phys, unsigned size,
		    bool is_write, uint32_t *data)
{
	struct versatile_board *b = opaque;
	uint32_t page = phys & ~(VERSATILE_DEVICE_SIZE - 1);
	uint32_t offset = phys & (VERSATILE_DEVICE_SIZE - 1);
	bool ok;

	switch (page) {
	case VERSATILE_SYSCTL_BASE:
		ok = sysctl_mmio(&b->sysctl, offset, size, is_write, data);
		break;
	case VERSATILE_SIC_BASE:
		ok = sic_mmio(&b->sic, offset, size, is_write, data);
		break;
	case VERSATILE_VIC_BASE:
		ok = vic_mmio(&b->vic, offset, size, is_write, data);
		break;
	case VERSATILE_SCTL_BASE:
		/* The SP810's SCCTRL would select each SP804 timer's clock
		 * (TimerEnSel, 32 kHz or 1 MHz); Linux selects 1 MHz, the
		 * model's timers always run at it.  Word accesses only, as
		 * the other models. */
		ok = size == 4 && !(offset & 3);
		if (ok && !is_write)
			*data = 0;
		b->sctl_accesses++;
		break;
	case VERSATILE_TIMER01_BASE:
		ok = sp804_mmio(&b->timer[0], offset, size, is_write, data);
		break;
	case VERSATILE_TIMER23_BASE:
		ok = sp804_mmio(&b->timer[1], offset, size, is_write, data);
		break;
	case VERSATILE_UART0_BASE:
		ok = pl011_mmio(&b->uart0, offset, size, is_write, data);
		break;
	default:
		return false; /* absent hardware: external abort */
	}
	versatile_update_irq(b);
	return ok;
}

void versatile_advance(struct versatile_board *b, uint32_t ticks)
{
	sp804_advance(&b->timer[0], ticks);
	sp804_advance(&b->timer[1], ticks);
	sysctl_advance(&b->sysctl, ticks);
	versatile_update_irq(b);
}

uint32_t versatile_next_event(const struct versatile_board *b)
{
	uint32_t a = sp804_next_event(&b->timer[0]);
	uint32_t c = sp804_next_event(&b->timer[1]);

	return a < c ? a : c;
}

bool versatile_uart_receive(struct versatile_board *b, uint32_t entry)
{
	bool ok = pl011_receive(&b->uart0, entry);

	versatile_update_irq(b);
	return ok;
}

void versatile_uart_idle(struct versatile_board *b)
{
	pl011_rx_idle(&b->uart0);
	versatile_update_irq(b);
}
