// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysctl.c -- Versatile status and system control registers, ARM DUI 0224
 * section 4.3 (see sysctl.h for the subset).
 */
#include "sysctl.h"

#include "devmath.h"

#define SYS_TICKS_PER_100HZ 10000u /* 1 MHz / 100 Hz */
#define SYS_24MHZ_PER_TICK 24u

static bool sysctl_unlocked(const struct sysctl *s)
{
	return s->lockval == SYS_LOCK_VALUE;
}

void sysctl_reset(struct sysctl *s)
{
	s->id = SYS_ID_VERSATILEPB;
	s->led = 0;
	for (unsigned i = 0; i < 5; i++)
		s->osc[i] = 0;
	s->lockval = 0;
	s->cfgdata1 = s->cfgdata2 = s->flags = 0;
	s->resetctl = 0;
	s->count_100hz = s->count_24mhz = s->rem_100hz = 0;
	s->reset_requested = false;
	s->unmodelled_accesses = 0;
}

void sysctl_init(struct sysctl *s, void (*reset)(void *, uint32_t),
		 void *opaque)
{
	s->reset = reset;
	s->opaque = opaque;
	s->nvflags = 0; /* survives sysctl_reset(), as on the board */
	sysctl_reset(s);
}

void sysctl_advance(struct sysctl *s, uint32_t ticks)
{
	uint32_t rem, q;

	s->count_24mhz += ticks * SYS_24MHZ_PER_TICK; /* wraps, as the counter */
	q = dev_udivmod32(ticks, SYS_TICKS_PER_100HZ, &rem);
	s->rem_100hz += rem; /* both < 10000: no overflow */
	if (s->rem_100hz >= SYS_TICKS_PER_100HZ) {
		s->rem_100hz -= SYS_TICKS_PER_100HZ;
		q++;
	}
	s->count_100hz += q;
}

static uint32_t sysctl_read(struct sysctl *s, uint32_t offset)
{
	if (offset >= SYS_OSC0 && offset <= SYS_OSC4)
		return s->osc[(offset - SYS_OSC0) >> 2];
	switch (offset) {
	case SYS_ID:
		return s->id;
	case SYS_SW:
		return 0; /* user switches: all off */
	case SYS_LED:
		return s->led;
	case SYS_LOCK:
		return (sysctl_unlocked(s) ? 0 : SYS_LOCK_LOCKED) | s->lockval;
	case SYS_100HZ:
		return s->count_100hz;
	case SYS_CFGDATA1:
		return s->cfgdata1;
	case SYS_CFGDATA2:
		return s->cfgdata2;
	case SYS_FLAGS:
		return s->flags;
	case SYS_NVFLAGS:
		return s->nvflags;
	case SYS_RESETCTL:
		return s->resetctl;
	case SYS_24MHZ:
		return s->count_24mhz;
	default:
		s->unmodelled_accesses++;
		return 0;
	}
}

static void sysctl_write(struct sysctl *s, uint32_t offset, uint32_t value)
{
	if (offset >= SYS_OSC0 && offset <= SYS_OSC4) {
		/* The oscillator registers are locked (DUI 0224 4.3.7). */
		if (sysctl_unlocked(s))
			s->osc[(offset - SYS_OSC0) >> 2] = value;
		return;
	}
	switch (offset) {
	case SYS_LED:
		s->led = value & 0xffu;
		break;
	case SYS_LOCK:
		s->lockval = value & 0xffffu;
		break;
	case SYS_CFGDATA1:
		s->cfgdata1 = value;
		break;
	case SYS_CFGDATA2:
		s->cfgdata2 = value;
		break;
	case SYS_FLAGS: /* SYS_FLAGSSET */
		s->flags |= value;
		break;
	case SYS_FLAGSCLR:
		s->flags &= ~value;
		break;
	case SYS_NVFLAGS: /* SYS_NVFLAGSSET */
		s->nvflags |= value;
		break;
	case SYS_NVFLAGSCLR:
		s->nvflags &= ~value;
		break;
	case SYS_RESETCTL:
		/* Locked: a write without the lock open does nothing. */
		if (!sysctl_unlocked(s))
			break;
		s->resetctl = value & SYS_RESETCTL_MASK;
		if (value & SYS_RESETCTL_RESET) {
			s->reset_requested = true;
			if (s->reset)
				s->reset(s->opaque, s->resetctl);
		}
		break;
	case SYS_ID: /* read-only */
	case SYS_SW:
	case SYS_100HZ:
	case SYS_24MHZ:
		break;
	default:
		s->unmodelled_accesses++;
		break;
	}
}

bool sysctl_mmio(struct sysctl *s, uint32_t offset, unsigned size,
		 bool is_write, uint32_t *data)
{
	if (size != 4 || (offset & 3) || offset > 0xffc)
		return false;
	if (is_write)
		sysctl_write(s, offset, *data);
	else
		*data = sysctl_read(s, offset);
	return true;
}
