// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bcm2835.c -- board glue: a BCM2835 guest's devices at their addresses,
 * their interrupt lines into the armctrl controller, its outputs to the
 * backend.
 */
#include "bcm2835.h"

#include <stddef.h>

const struct dev_region bcm2835_regions[BCM2835_NREGIONS] = {
	{BCM2835_ST_BASE, BCM2835_ST_SIZE, "system timer", 0},
	{BCM2835_IC_BASE, BCM2835_IC_SIZE, "armctrl interrupt controller", 0},
	{BCM2835_PM_BASE, BCM2835_PM_SIZE, "PM watchdog", 0},
	{BCM2835_UART0_BASE, BCM2835_UART0_SIZE, "PL011 UART0", 0},
};

/* A GPU line into the controller, when it moves. */
static void bcm2835_set_line(struct bcm2835_board *b, unsigned n, bool level)
{
	if (((b->intc.gpu_lines[n >> 5] >> (n & 31)) & 1u) != level)
		bcm2835_intc_set_gpu_line(&b->intc, n, level);
}

void bcm2835_update_irq(struct bcm2835_board *b)
{
	for (unsigned n = 0; n < BCM2835_ST_NCHANNELS; n++)
		bcm2835_set_line(b, BCM2835_IRQ_TIMER0 + n,
				 bcm2835_systimer_line(&b->systimer, n));
	bcm2835_set_line(b, BCM2835_IRQ_UART0, b->uart0.line);
	if (b->intc.irq != b->irq || b->intc.fiq != b->fiq) {
		b->irq = b->intc.irq;
		b->fiq = b->intc.fiq;
		if (b->irq_out)
			b->irq_out(b->irq_opaque, b->irq, b->fiq);
	}
}

void bcm2835_init(struct bcm2835_board *b, const struct bcm2835_callbacks *cb)
{
	void *opaque = cb ? cb->opaque : NULL;

	bcm2835_intc_init(&b->intc);
	bcm2835_systimer_init(&b->systimer);
	bcm2835_pm_init(&b->pm, cb ? cb->reset : NULL, opaque);
	pl011_init(&b->uart0, cb ? cb->uart_putc : NULL, opaque);
	b->irq_out = cb ? cb->irq_out : NULL;
	b->irq_opaque = opaque;
	b->irq = b->fiq = false;
	bcm2835_update_irq(b);
}

bool bcm2835_mmio(void *opaque, uint32_t phys, unsigned size, bool is_write,
		  uint32_t *data)
{
	struct bcm2835_board *b = opaque;
	bool ok;

	/* Each device refuses offsets at or beyond its size itself. */
	if (phys - BCM2835_ST_BASE < BCM2835_ST_SIZE)
		ok = bcm2835_systimer_mmio(&b->systimer, phys - BCM2835_ST_BASE,
					   size, is_write, data);
	else if (phys - BCM2835_IC_BASE < BCM2835_IC_SIZE)
		ok = bcm2835_intc_mmio(&b->intc, phys - BCM2835_IC_BASE, size,
				       is_write, data);
	else if (phys - BCM2835_PM_BASE < BCM2835_PM_SIZE)
		ok = bcm2835_pm_mmio(&b->pm, phys - BCM2835_PM_BASE, size,
				     is_write, data);
	else if (phys - BCM2835_UART0_BASE < BCM2835_UART0_SIZE)
		ok = pl011_mmio(&b->uart0, phys - BCM2835_UART0_BASE, size,
				is_write, data);
	else
		return false; /* absent hardware: external abort */
	bcm2835_update_irq(b);
	return ok;
}

void bcm2835_advance(struct bcm2835_board *b, uint32_t ticks)
{
	bcm2835_systimer_advance(&b->systimer, ticks);
	bcm2835_pm_advance(&b->pm, ticks);
	bcm2835_update_irq(b);
}

uint32_t bcm2835_next_event(const struct bcm2835_board *b)
{
	uint32_t t = bcm2835_systimer_next_event(&b->systimer);
	uint32_t w = bcm2835_pm_next_event(&b->pm);

	return t < w ? t : w;
}

bool bcm2835_uart_receive(struct bcm2835_board *b, uint32_t entry)
{
	bool ok = pl011_receive(&b->uart0, entry);

	bcm2835_update_irq(b);
	return ok;
}

void bcm2835_uart_idle(struct bcm2835_board *b)
{
	pl011_rx_idle(&b->uart0);
	bcm2835_update_irq(b);
}
