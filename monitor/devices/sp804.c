// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sp804.c -- ARM Dual-Timer Module (SP804), ARM DDI 0271.
 *
 * Counting (DDI 0271 2.2, 3.3): a counter decrements once per prescaled
 * tick while TimerEn is set.  Reaching zero sets TimerXRIS.  The
 * decrement after zero reloads: periodic mode from TimerXLoad/BGLoad,
 * free-running mode from the counter's maximum (0xffff or 0xffffffff by
 * TimerSize); one-shot mode (OneShot overrides TimerMode) halts at zero
 * until the counter is loaded again.  A periodic period is therefore
 * Load + 1 counter clocks, one-shot fires after Load.
 */
#include "sp804.h"

#include "devmath.h"

/* TimerPeriphID0-3, TimerPCellID0-3 (DDI 0271 3.3.9-3.3.16): part 0x804,
 * designer 0x41, revision 1, as QEMU's versatilepb gives them. */
static const uint8_t sp804_id[8] = {0x04, 0x18, 0x14, 0x00,
				    0x0d, 0xf0, 0x05, 0xb1};

#define SP804_CTRL_RESET SP804_CTRL_INTEN
#define SP804_VALUE_RESET 0xffffffffu

static uint32_t timer_max(const struct sp804_timer *tm)
{
	return (tm->control & SP804_CTRL_32BIT) ? 0xffffffffu : 0xffffu;
}

/* Prescale divisor as a shift.  TimerPre 0b11 is "undefined, do not
 * use" (3.3.3); QEMU's versatilepb divides by 1 there, and so do we. */
static unsigned timer_shift(const struct sp804_timer *tm)
{
	switch (tm->control & SP804_CTRL_PRE_MASK) {
	case SP804_CTRL_PRE_16:
		return 4;
	case SP804_CTRL_PRE_256:
		return 8;
	default:
		return 0;
	}
}

static bool timer_halted(const struct sp804_timer *tm)
{
	return !(tm->control & SP804_CTRL_ENABLE) ||
	       ((tm->control & SP804_CTRL_ONESHOT) && tm->value == 0);
}

static uint32_t timer_reload_value(const struct sp804_timer *tm)
{
	if (tm->control & SP804_CTRL_PERIODIC)
		return tm->load & timer_max(tm);
	return timer_max(tm);
}

/* 'steps' decrements of a running counter. */
static void timer_count(struct sp804_timer *tm, uint32_t steps)
{
	while (steps) {
		if (tm->value == 0) {
			uint32_t reload;

			if (tm->control & SP804_CTRL_ONESHOT) {
				tm->phase = 0;
				return; /* halted at zero */
			}
			reload = timer_reload_value(tm);
			steps--;
			tm->value = reload;
			if (reload == 0)
				tm->ris = true;
			/* Whole periods (reload + 1 steps, one zero each)
			 * change nothing but RIS: skip them. */
			if (reload != 0xffffffffu && steps >= reload + 1) {
				uint32_t rem;

				dev_udivmod32(steps, reload + 1, &rem);
				steps = rem;
				tm->ris = true;
			}
			continue;
		}
		if (steps < tm->value) {
			tm->value -= steps;
			return;
		}
		steps -= tm->value;
		tm->value = 0;
		tm->ris = true;
	}
}

static void timer_advance(struct sp804_timer *tm, uint32_t ticks)
{
	unsigned shift;
	uint32_t mask, part, steps;

	if (timer_halted(tm))
		return;
	shift = timer_shift(tm);
	mask = (1u << shift) - 1;
	/* steps = (phase + ticks) >> shift without overflowing 32 bits */
	part = tm->phase + (ticks & mask);
	steps = (ticks >> shift) + (part >> shift);
	tm->phase = part & mask;
	timer_count(tm, steps);
}

/* Ticks until this counter next reaches zero, as 64 bits (a 32-bit count
 * at /256 spans 2^40 ticks); 0 for never. */
static uint64_t timer_next_zero(const struct sp804_timer *tm)
{
	uint64_t steps;

	if (timer_halted(tm))
		return 0;
	if (tm->value)
		steps = tm->value;
	else
		steps = (uint64_t)timer_reload_value(tm) + 1;
	/* a multiply by 1 << shift: umull, no libgcc shift helper */
	return steps * (1u << timer_shift(tm)) - tm->phase;
}

static void sp804_update(struct sp804 *t)
{
	bool line = false;

	for (unsigned i = 0; i < 2; i++)
		if (t->timer[i].ris &&
		    (t->timer[i].control & SP804_CTRL_INTEN))
			line = true;
	t->line = line;
}

void sp804_reset(struct sp804 *t)
{
	for (unsigned i = 0; i < 2; i++) {
		struct sp804_timer *tm = &t->timer[i];

		tm->load = 0;
		tm->value = SP804_VALUE_RESET;
		tm->control = SP804_CTRL_RESET;
		tm->phase = 0;
		tm->ris = false;
	}
	t->reserved_accesses = 0;
	sp804_update(t);
}

void sp804_init(struct sp804 *t)
{
	sp804_reset(t);
}

void sp804_advance(struct sp804 *t, uint32_t ticks)
{
	timer_advance(&t->timer[0], ticks);
	timer_advance(&t->timer[1], ticks);
	sp804_update(t);
}

uint32_t sp804_next_event(const struct sp804 *t)
{
	uint64_t best = 0;

	for (unsigned i = 0; i < 2; i++) {
		const struct sp804_timer *tm = &t->timer[i];
		uint64_t n;

		if (!(tm->control & SP804_CTRL_INTEN))
			continue;
		n = timer_next_zero(tm);
		if (n && (best == 0 || n < best))
			best = n;
	}
	if (best == 0 || best >= SP804_NO_EVENT)
		return SP804_NO_EVENT;
	return (uint32_t)best;
}

static uint32_t timer_read(struct sp804 *t, struct sp804_timer *tm,
			   uint32_t reg)
{
	switch (reg) {
	case SP804_LOAD:
	case SP804_BGLOAD:
		return tm->load;
	case SP804_VALUE:
		return tm->value;
	case SP804_CONTROL:
		return tm->control;
	case SP804_RIS:
		return tm->ris;
	case SP804_MIS:
		return tm->ris && (tm->control & SP804_CTRL_INTEN);
	default: /* INTCLR is write-only; 0x1c reserved */
		t->reserved_accesses++;
		return 0;
	}
}

static void timer_write(struct sp804 *t, struct sp804_timer *tm, uint32_t reg,
			uint32_t value)
{
	switch (reg) {
	case SP804_LOAD:
		/* 3.3.1: the counter restarts from the new value at once;
		 * loading zero while running interrupts at once. */
		tm->load = value;
		tm->value = value & timer_max(tm);
		tm->phase = 0;
		if (tm->value == 0 && (tm->control & SP804_CTRL_ENABLE))
			tm->ris = true;
		break;
	case SP804_BGLOAD:
		tm->load = value; /* 3.3.7: used at the next reload only */
		break;
	case SP804_CONTROL: {
		uint32_t old = tm->control;

		tm->control = value & SP804_CTRL_MASK;
		if (!(old & SP804_CTRL_ENABLE) &&
		    (tm->control & SP804_CTRL_ENABLE))
			tm->phase = 0;
		/* A 16-bit counter keeps only its low half. */
		if (!(tm->control & SP804_CTRL_32BIT))
			tm->value &= 0xffffu;
		break;
	}
	case SP804_INTCLR: /* any value */
		tm->ris = false;
		break;
	case SP804_VALUE: /* read-only (Linux writes it at init) */
	case SP804_RIS:
	case SP804_MIS:
		break;
	default:
		t->reserved_accesses++;
		break;
	}
}

bool sp804_mmio(struct sp804 *t, uint32_t offset, unsigned size,
		bool is_write, uint32_t *data)
{
	if (size != 4 || (offset & 3) || offset > 0xffc)
		return false;
	if (offset < 2 * SP804_TIMER2) {
		struct sp804_timer *tm = &t->timer[offset >> 5];

		if (is_write)
			timer_write(t, tm, offset & 0x1f, *data);
		else
			*data = timer_read(t, tm, offset & 0x1f);
		sp804_update(t);
		return true;
	}
	if (is_write) {
		/* TimerITCR/ITOP: test mode is not modelled, stays off */
		if (offset != SP804_ITCR && offset != SP804_ITOP &&
		    offset < SP804_PERIPHID0)
			t->reserved_accesses++;
		return true;
	}
	if (offset >= SP804_PERIPHID0)
		*data = sp804_id[(offset - SP804_PERIPHID0) >> 2];
	else {
		if (offset != SP804_ITCR)
			t->reserved_accesses++;
		*data = 0;
	}
	return true;
}
