// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pl190.c -- ARM PrimeCell VIC (PL190), ARM DDI 0181.
 *
 * The vectored-interrupt priority logic (DDI 0181 2.2, 3.3.10): reading
 * VICVECTADDR returns the address of the highest-priority active IRQ and
 * raises the current priority to its level, so that it and every lower
 * priority stop asserting nVICIRQ; writing VICVECTADDR ends the service
 * and restores the previous level.  Slot 0 has the highest priority; a
 * non-vectored IRQ ranks below all slots (VICDEFVECTADDR); a higher
 * priority may nest inside a lower one.  FIQs bypass the logic.
 */
#include "pl190.h"

/* VICPeriphID0-3, VICPCellID0-3 (DDI 0181 3.3.14-3.3.21): part 0x190,
 * designer 0x41, revision 1 (what QEMU's versatilepb gives too). */
static const uint8_t vic_id[8] = {0x90, 0x11, 0x04, 0x00,
				  0x0d, 0xf0, 0x05, 0xb1};

uint32_t vic_rawintr(const struct pl190_vic *vic)
{
	return vic->lines | vic->softint;
}

uint32_t vic_irqstatus(const struct pl190_vic *vic)
{
	return vic_rawintr(vic) & vic->intenable & ~vic->intselect;
}

uint32_t vic_fiqstatus(const struct pl190_vic *vic)
{
	return vic_rawintr(vic) & vic->intenable & vic->intselect;
}

/* Sources that may interrupt at priority level p: those of the enabled
 * vectored slots above it (index < p); at VIC_PRIO_NONE every source,
 * non-vectored ones included. */
static uint32_t vic_prio_mask(const struct pl190_vic *vic, unsigned p)
{
	uint32_t mask = 0;

	if (p >= VIC_PRIO_NONE)
		return 0xffffffffu;
	for (unsigned i = 0; i < p && i < VIC_NVECT; i++)
		if (vic->vectcntl[i] & VIC_VECTCNTL_ENABLE)
			mask |= 1u << (vic->vectcntl[i] &
				       VIC_VECTCNTL_SOURCE_MASK);
	return mask;
}

static void vic_update(struct pl190_vic *vic)
{
	vic->irq = (vic_irqstatus(vic) & vic_prio_mask(vic, vic->priority)) !=
		   0;
	vic->fiq = vic_fiqstatus(vic) != 0;
}

void vic_reset(struct pl190_vic *vic)
{
	vic->softint = vic->intselect = vic->intenable = 0;
	vic->protection = false;
	for (unsigned i = 0; i < VIC_NVECT; i++)
		vic->vectaddr[i] = vic->vectcntl[i] = 0;
	vic->defvectaddr = 0;
	vic->priority = VIC_PRIO_NONE;
	for (unsigned i = 0; i < VIC_PRIO_NONE; i++)
		vic->prev[i] = VIC_PRIO_NONE;
	vic->reserved_accesses = 0;
	vic_update(vic); /* source lines are inputs: kept */
}

void vic_init(struct pl190_vic *vic)
{
	vic->lines = 0;
	vic_reset(vic);
}

void vic_set_line(struct pl190_vic *vic, unsigned n, bool level)
{
	uint32_t bit;

	if (n >= 32)
		return;
	bit = 1u << n;
	vic->lines = level ? vic->lines | bit : vic->lines & ~bit;
	vic_update(vic);
}

/* Read of VICVECTADDR: acknowledge the highest-priority active IRQ that
 * may interrupt the level in service. */
static uint32_t vic_acknowledge(struct pl190_vic *vic)
{
	uint32_t active = vic_irqstatus(vic);
	unsigned level = VIC_PRIO_NONE;

	for (unsigned i = 0; i < vic->priority && i < VIC_NVECT; i++) {
		uint32_t cntl = vic->vectcntl[i];

		if ((cntl & VIC_VECTCNTL_ENABLE) &&
		    (active & (1u << (cntl & VIC_VECTCNTL_SOURCE_MASK)))) {
			level = i;
			break;
		}
	}
	if (level == VIC_PRIO_NONE && vic->priority == VIC_PRIO_NONE &&
	    active)
		level = VIC_PRIO_DEFAULT; /* only non-vectored ones pending */
	if (level == VIC_PRIO_NONE) {
		/* Nothing may interrupt: the address of the routine in
		 * service, or the default one when none is (DDI 0181 leaves
		 * the value undefined without an active interrupt). */
		if (vic->priority < VIC_NVECT)
			return vic->vectaddr[vic->priority];
		return vic->defvectaddr;
	}
	vic->prev[level] = (uint8_t)vic->priority;
	vic->priority = level;
	vic_update(vic);
	return level < VIC_NVECT ? vic->vectaddr[level] : vic->defvectaddr;
}

static void vic_end_of_service(struct pl190_vic *vic)
{
	if (vic->priority < VIC_PRIO_NONE)
		vic->priority = vic->prev[vic->priority];
	vic_update(vic);
}

static uint32_t vic_read(struct pl190_vic *vic, uint32_t offset)
{
	if (offset >= VIC_VECTADDR0 && offset < VIC_VECTADDR0 + 4 * VIC_NVECT)
		return vic->vectaddr[(offset - VIC_VECTADDR0) >> 2];
	if (offset >= VIC_VECTCNTL0 && offset < VIC_VECTCNTL0 + 4 * VIC_NVECT)
		return vic->vectcntl[(offset - VIC_VECTCNTL0) >> 2];
	if (offset >= VIC_PERIPHID0)
		return vic_id[(offset - VIC_PERIPHID0) >> 2];
	switch (offset) {
	case VIC_IRQSTATUS:
		return vic_irqstatus(vic);
	case VIC_FIQSTATUS:
		return vic_fiqstatus(vic);
	case VIC_RAWINTR:
		return vic_rawintr(vic);
	case VIC_INTSELECT:
		return vic->intselect;
	case VIC_INTENABLE:
		return vic->intenable;
	case VIC_SOFTINT:
		return vic->softint;
	case VIC_PROTECTION:
		return vic->protection;
	case VIC_VECTADDR:
		return vic_acknowledge(vic);
	case VIC_DEFVECTADDR:
		return vic->defvectaddr;
	case VIC_ITCR:
		return 0; /* test mode never enabled */
	default:
		vic->reserved_accesses++;
		return 0;
	}
}

static void vic_write(struct pl190_vic *vic, uint32_t offset, uint32_t value)
{
	if (offset >= VIC_VECTADDR0 && offset < VIC_VECTADDR0 + 4 * VIC_NVECT) {
		vic->vectaddr[(offset - VIC_VECTADDR0) >> 2] = value;
		return;
	}
	if (offset >= VIC_VECTCNTL0 &&
	    offset < VIC_VECTCNTL0 + 4 * VIC_NVECT) {
		vic->vectcntl[(offset - VIC_VECTCNTL0) >> 2] =
			value & (VIC_VECTCNTL_ENABLE | VIC_VECTCNTL_SOURCE_MASK);
		vic_update(vic);
		return;
	}
	switch (offset) {
	case VIC_INTSELECT:
		vic->intselect = value;
		break;
	case VIC_INTENABLE: /* 1 bits enable, 0 bits leave alone */
		vic->intenable |= value;
		break;
	case VIC_INTENCLEAR:
		vic->intenable &= ~value;
		break;
	case VIC_SOFTINT:
		vic->softint |= value;
		break;
	case VIC_SOFTINTCLEAR:
		vic->softint &= ~value;
		break;
	case VIC_PROTECTION:
		vic->protection = value & 1u;
		break;
	case VIC_VECTADDR: /* any value: end of service */
		vic_end_of_service(vic);
		return;
	case VIC_DEFVECTADDR:
		vic->defvectaddr = value;
		break;
	case VIC_IRQSTATUS: /* read-only (Linux writes it at init) */
	case VIC_FIQSTATUS:
	case VIC_RAWINTR:
	case VIC_ITCR: /* test mode: not modelled, stays off */
		break;
	default:
		if (offset < VIC_PERIPHID0)
			vic->reserved_accesses++;
		break;
	}
	vic_update(vic);
}

bool vic_mmio(struct pl190_vic *vic, uint32_t offset, unsigned size,
	      bool is_write, uint32_t *data)
{
	if (size != 4 || (offset & 3) || offset > 0xffc)
		return false;
	/* VICPROTECTION (3.3.9) would refuse User-mode accesses; the MMIO
	 * interface carries no privilege, so it is stored, not enforced
	 * (a guest maps its VIC for its kernel only). */
	if (is_write)
		vic_write(vic, offset, *data);
	else
		*data = vic_read(vic, offset);
	return true;
}
