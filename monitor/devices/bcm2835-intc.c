// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bcm2835-intc.c -- BCM2835 ARM interrupt controller, BCM2835 ARM
 * Peripherals chapter 7 (see bcm2835-intc.h).
 *
 * Pending registers show sources after masking: a GPU or ARM source is
 * pending when its line is high and its enable bit set.  The manual's
 * wording ("hold ALL interrupts") leaves this open, but Linux's handler
 * (irq-bcm2835.c, bcm2835_handle_irq) loops until basic pending reads
 * zero and never clears a source it has masked, so unmasked pending
 * bits would hang it on the GPU-owned system timer channels; QEMU masks
 * them too.  nIRQ is asserted while anything is pending.
 *
 * FIQ (manual 7.3): the selected source drives nFIQ whatever its enable
 * bit; "an interrupt which is selected as FIQ should have its normal
 * interrupt enable bit cleared", otherwise it raises both.
 */
#include "bcm2835-intc.h"

/* GPU IRQ of each basic pending shortcut bit, 10 upwards (manual 7.5,
 * "IRQ basic pending"; Linux's shortcuts[]). */
static const uint8_t bcm2835_ic_shortcut[BCM2835_IC_NSHORTCUTS] = {
	7, 9, 10, 18, 19, 53, 54, 55, 56, 57, 62};

uint32_t bcm2835_intc_pending(const struct bcm2835_intc *ic, unsigned bank)
{
	if (bank > 1)
		return 0;
	return ic->gpu_lines[bank] & ic->gpu_enable[bank];
}

uint32_t bcm2835_intc_basic_pending(const struct bcm2835_intc *ic)
{
	uint32_t p1 = bcm2835_intc_pending(ic, 0);
	uint32_t p2 = bcm2835_intc_pending(ic, 1);
	uint32_t v = ic->arm_lines & ic->arm_enable & BCM2835_IC_BASIC_ARM_MASK;

	/* Bits 8 and 9 count only the sources without a shortcut:
	 * "there are some interrupts pending which you don't know about". */
	if (p1 & ~BCM2835_IC_SHORTCUT1_MASK)
		v |= BCM2835_IC_BASIC_PENDING1;
	if (p2 & ~BCM2835_IC_SHORTCUT2_MASK)
		v |= BCM2835_IC_BASIC_PENDING2;
	for (unsigned i = 0; i < BCM2835_IC_NSHORTCUTS; i++) {
		unsigned n = bcm2835_ic_shortcut[i];
		uint32_t p = n < 32 ? p1 : p2;

		if ((p >> (n & 31)) & 1u)
			v |= 1u << (BCM2835_IC_BASIC_SHORTCUT_SHIFT + i);
	}
	return v;
}

static bool bcm2835_intc_fiq_level(const struct bcm2835_intc *ic)
{
	unsigned src = ic->fiq_control & BCM2835_IC_FIQ_SOURCE_MASK;

	if (!(ic->fiq_control & BCM2835_IC_FIQ_ENABLE))
		return false;
	if (src < BCM2835_IC_NGPU)
		return (ic->gpu_lines[src >> 5] >> (src & 31)) & 1u;
	src -= BCM2835_IC_FIQ_ARM_BASE;
	if (src < BCM2835_IC_NARM)
		return (ic->arm_lines >> src) & 1u;
	return false; /* 72-127: "do not use", nothing selected */
}

static void bcm2835_intc_update(struct bcm2835_intc *ic)
{
	ic->irq = bcm2835_intc_pending(ic, 0) || bcm2835_intc_pending(ic, 1) ||
		  (ic->arm_lines & ic->arm_enable);
	ic->fiq = bcm2835_intc_fiq_level(ic);
}

void bcm2835_intc_reset(struct bcm2835_intc *ic)
{
	ic->gpu_enable[0] = ic->gpu_enable[1] = 0;
	ic->arm_enable = 0;
	ic->fiq_control = 0;
	ic->reserved_accesses = 0;
	bcm2835_intc_update(ic);
}

void bcm2835_intc_init(struct bcm2835_intc *ic)
{
	ic->gpu_lines[0] = ic->gpu_lines[1] = 0;
	ic->arm_lines = 0;
	bcm2835_intc_reset(ic);
}

void bcm2835_intc_set_gpu_line(struct bcm2835_intc *ic, unsigned n,
			       bool level)
{
	uint32_t bit;

	if (n >= BCM2835_IC_NGPU)
		return;
	bit = 1u << (n & 31);
	if (level)
		ic->gpu_lines[n >> 5] |= bit;
	else
		ic->gpu_lines[n >> 5] &= ~bit;
	bcm2835_intc_update(ic);
}

void bcm2835_intc_set_arm_line(struct bcm2835_intc *ic, unsigned n,
			       bool level)
{
	if (n >= BCM2835_IC_NARM)
		return;
	if (level)
		ic->arm_lines |= 1u << n;
	else
		ic->arm_lines &= ~(1u << n);
	bcm2835_intc_update(ic);
}

static uint32_t bcm2835_intc_read(struct bcm2835_intc *ic, uint32_t offset)
{
	switch (offset) {
	case BCM2835_IC_BASIC_PENDING:
		return bcm2835_intc_basic_pending(ic);
	case BCM2835_IC_PENDING1:
		return bcm2835_intc_pending(ic, 0);
	case BCM2835_IC_PENDING2:
		return bcm2835_intc_pending(ic, 1);
	case BCM2835_IC_FIQ_CONTROL:
		return ic->fiq_control;
	case BCM2835_IC_ENABLE1:
		return ic->gpu_enable[0];
	case BCM2835_IC_ENABLE2:
		return ic->gpu_enable[1];
	case BCM2835_IC_ENABLE_BASIC:
		return ic->arm_enable;
	/* The manual gives the disable registers no read value; QEMU
	 * returns the complement of the enables, and so do we, so that a
	 * guest reads the same natively and under armpv.  Linux never
	 * reads them. */
	case BCM2835_IC_DISABLE1:
		return ~ic->gpu_enable[0];
	case BCM2835_IC_DISABLE2:
		return ~ic->gpu_enable[1];
	case BCM2835_IC_DISABLE_BASIC:
		return ~ic->arm_enable;
	default:
		ic->reserved_accesses++;
		return 0;
	}
}

static void bcm2835_intc_write(struct bcm2835_intc *ic, uint32_t offset,
			       uint32_t value)
{
	switch (offset) {
	case BCM2835_IC_FIQ_CONTROL:
		ic->fiq_control = value & BCM2835_IC_FIQ_MASK;
		break;
	case BCM2835_IC_ENABLE1: /* 1s enable, 0s leave alone */
		ic->gpu_enable[0] |= value;
		break;
	case BCM2835_IC_ENABLE2:
		ic->gpu_enable[1] |= value;
		break;
	case BCM2835_IC_ENABLE_BASIC:
		ic->arm_enable |= value & BCM2835_IC_BASIC_ARM_MASK;
		break;
	case BCM2835_IC_DISABLE1: /* 1s disable */
		ic->gpu_enable[0] &= ~value;
		break;
	case BCM2835_IC_DISABLE2:
		ic->gpu_enable[1] &= ~value;
		break;
	case BCM2835_IC_DISABLE_BASIC:
		ic->arm_enable &= ~value;
		break;
	case BCM2835_IC_BASIC_PENDING: /* read-only */
	case BCM2835_IC_PENDING1:
	case BCM2835_IC_PENDING2:
		break;
	default:
		ic->reserved_accesses++;
		break;
	}
	bcm2835_intc_update(ic);
}

bool bcm2835_intc_mmio(struct bcm2835_intc *ic, uint32_t offset,
		       unsigned size, bool is_write, uint32_t *data)
{
	if (size != 4 || (offset & 3) || offset >= BCM2835_IC_SIZE)
		return false;
	if (is_write)
		bcm2835_intc_write(ic, offset, *data);
	else
		*data = bcm2835_intc_read(ic, offset);
	return true;
}
