// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bcm2835-systimer.c -- BCM2835 system timer, BCM2835 ARM Peripherals
 * chapter 12 (see bcm2835-systimer.h).
 */
#include "bcm2835-systimer.h"

void bcm2835_systimer_reset(struct bcm2835_systimer *st)
{
	st->clo = st->chi = 0;
	st->clo_read = 0;
	st->clo_just_read = false;
	st->cs = 0;
	for (unsigned n = 0; n < BCM2835_ST_NCHANNELS; n++)
		st->compare[n] = 0;
	st->reserved_accesses = 0;
}

void bcm2835_systimer_init(struct bcm2835_systimer *st)
{
	bcm2835_systimer_reset(st);
}

/* Ticks from the counter's low word to channel n's next match, minus
 * one: 0 for the next tick, 0xffffffff for 2^32 ticks away (Cn equal
 * to CLO now: it matched, or was written, at this count). */
static uint32_t systimer_distance_m1(const struct bcm2835_systimer *st,
				     unsigned n)
{
	return st->compare[n] - st->clo - 1u;
}

void bcm2835_systimer_advance(struct bcm2835_systimer *st, uint32_t ticks)
{
	uint32_t old = st->clo;

	if (ticks == 0)
		return;
	/* CLO passes through old + 1 .. old + ticks: channel n matches
	 * when its distance (1 .. 2^32) is at most ticks. */
	for (unsigned n = 0; n < BCM2835_ST_NCHANNELS; n++)
		if (systimer_distance_m1(st, n) <= ticks - 1u)
			st->cs |= 1u << n;
	st->clo = old + ticks;
	if (st->clo < old)
		st->chi++; /* ticks < 2^32: at most one carry */
}

uint32_t bcm2835_systimer_next_event(const struct bcm2835_systimer *st)
{
	uint32_t best = BCM2835_ST_NO_EVENT;

	for (unsigned n = 0; n < BCM2835_ST_NCHANNELS; n++) {
		uint32_t d;

		if (st->cs & (1u << n))
			continue; /* set already: a match changes nothing */
		d = systimer_distance_m1(st, n); /* distance - 1 */
		if (d >= BCM2835_ST_MAX_EVENT)
			d = BCM2835_ST_MAX_EVENT; /* 2^32 - 1 or 2^32 away */
		else
			d += 1u;
		if (d < best)
			best = d;
	}
	return best;
}

static uint32_t systimer_read(struct bcm2835_systimer *st, uint32_t offset)
{
	if (offset >= BCM2835_ST_C0 && offset <= BCM2835_ST_C3)
		return st->compare[(offset - BCM2835_ST_C0) >> 2];
	switch (offset) {
	case BCM2835_ST_CS:
		return st->cs;
	case BCM2835_ST_CLO:
		st->clo_read = st->clo;
		st->clo_just_read = true;
		return st->clo;
	case BCM2835_ST_CHI:
		return st->chi;
	default:
		st->reserved_accesses++;
		return 0;
	}
}

/* 'after_clo_read': the guest's access just before this one was its read
 * of CLO (st->clo_read). */
static void systimer_write(struct bcm2835_systimer *st, uint32_t offset,
			   uint32_t value, bool after_clo_read)
{
	if (offset >= BCM2835_ST_C0 && offset <= BCM2835_ST_C3) {
		unsigned n = (offset - BCM2835_ST_C0) >> 2;

		st->compare[n] = value;
		/* Cn from that read, and the counter went past it while
		 * the two accesses were being emulated
		 * (bcm2835-systimer.h): the match now, not 2^32 ticks
		 * later. */
		if (after_clo_read &&
		    value - st->clo_read - 1u < st->clo - st->clo_read)
			st->cs |= 1u << n;
		return;
	}
	switch (offset) {
	case BCM2835_ST_CS: /* write 1 to clear a match bit */
		st->cs &= ~(value & BCM2835_ST_CS_MASK);
		break;
	case BCM2835_ST_CLO: /* read-only */
	case BCM2835_ST_CHI:
		break;
	default:
		st->reserved_accesses++;
		break;
	}
}

bool bcm2835_systimer_mmio(struct bcm2835_systimer *st, uint32_t offset,
			   unsigned size, bool is_write, uint32_t *data)
{
	bool after_clo_read = st->clo_just_read;

	if (size != 4 || (offset & 3) || offset >= BCM2835_ST_SIZE)
		return false;
	st->clo_just_read = false; /* a CLO read sets it again */
	if (is_write)
		systimer_write(st, offset, *data, after_clo_read);
	else
		*data = systimer_read(st, offset);
	return true;
}
