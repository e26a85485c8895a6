// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sic.c -- Versatile secondary interrupt controller (sic.h, DUI 0224).
 *
 * The software interrupt is input 0 (SOFTINT in DUI 0224's list of SIC
 * sources; both of Linux's valid-masks include bit 0):
 * SIC_SOFTINTSET sets it, so it shows in RAWSTAT and, enabled, in STATUS
 * and on VIC source 31.  QEMU 7.2 instead sets bit 0 of the enable mask
 * on a SIC_SOFTINTSET write (and clears it on SOFTINTCLR), so natively on
 * QEMU no software interrupt is ever raised; Linux 6.1 never writes
 * either register.  docs/devices.md "SIC".
 */
#include "sic.h"

static void sic_update(struct sic *s)
{
	s->line = sic_status(s) != 0;
}

void sic_reset(struct sic *s)
{
	s->softint = false;
	s->enable = s->picenable = 0;
	s->reserved_accesses = 0;
	sic_update(s);
}

void sic_init(struct sic *s)
{
	s->lines = 0;
	sic_reset(s);
}

void sic_set_line(struct sic *s, unsigned n, bool level)
{
	if (n == 0 || n > 31)
		return; /* input 0 is the SIC's own */
	if (level)
		s->lines |= 1u << n;
	else
		s->lines &= ~(1u << n);
	sic_update(s);
}

uint32_t sic_rawstat(const struct sic *s)
{
	return (s->lines & ~SIC_SOFTINT) | (s->softint ? SIC_SOFTINT : 0);
}

uint32_t sic_status(const struct sic *s)
{
	return sic_rawstat(s) & s->enable;
}

uint32_t sic_passthrough(const struct sic *s)
{
	return sic_rawstat(s) & s->picenable;
}

static uint32_t sic_read(struct sic *s, uint32_t offset)
{
	switch (offset) {
	case SIC_STATUS:
		return sic_status(s);
	case SIC_RAWSTAT:
		return sic_rawstat(s);
	case SIC_ENABLE:
		return s->enable;
	case SIC_SOFTINTSET:
		return s->softint ? SIC_SOFTINT : 0;
	case SIC_PICENABLE:
		return s->picenable;
	default: /* the write-only ENCLR, SOFTINTCLR, PICENCLR too */
		s->reserved_accesses++;
		return 0;
	}
}

static void sic_write(struct sic *s, uint32_t offset, uint32_t value)
{
	switch (offset) {
	case SIC_ENABLE: /* SIC_ENSET */
		s->enable |= value;
		break;
	case SIC_ENCLR:
		s->enable &= ~value;
		break;
	case SIC_SOFTINTSET:
		if (value & SIC_SOFTINT)
			s->softint = true;
		break;
	case SIC_SOFTINTCLR:
		if (value & SIC_SOFTINT)
			s->softint = false;
		break;
	case SIC_PICENABLE: /* SIC_PICENSET */
		s->picenable |= value & SIC_PIC_MASK;
		break;
	case SIC_PICENCLR:
		s->picenable &= ~value;
		break;
	default: /* read-only STATUS, RAWSTAT; reserved */
		s->reserved_accesses++;
		return;
	}
	sic_update(s);
}

bool sic_mmio(struct sic *s, uint32_t offset, unsigned size, bool is_write,
	      uint32_t *data)
{
	if (size != 4 || (offset & 3) || offset > 0xffc)
		return false;
	if (is_write)
		sic_write(s, offset, *data);
	else
		*data = sic_read(s, offset);
	return true;
}
