// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bcm2835-pm.c -- the BCM2835 PM watchdog, as Linux 6.1's bcm2835_wdt.c
 * uses it (see bcm2835-pm.h).
 *
 * Time conversion: the watchdog ticks at 2^16 Hz, the board's clock at
 * 10^6 Hz; 10^6 / 2^16 = 15625 / 1024, so every window of 15625 us holds
 * exactly 1024 watchdog ticks, and 'us' microseconds into a window the
 * watchdog has ticked floor(us * 1024 / 15625) times.  'phase' is the
 * position in the window, counted from the moment the count was loaded
 * or armed.
 */
#include "bcm2835-pm.h"

#include <stddef.h>

#include "devmath.h"

/* Watchdog ticks within a window after 'us' microseconds (< 15625). */
static uint32_t pm_wdog_ticks_at(uint32_t us)
{
	return dev_udivmod32(us * BCM2835_PM_WDOG_PER_WINDOW,
			     BCM2835_PM_US_PER_WINDOW, NULL);
}

bool bcm2835_pm_running(const struct bcm2835_pm *pm)
{
	return (pm->rstc & BCM2835_PM_RSTC_WRCFG_FULL_RESET) && !pm->fired;
}

static void pm_fire(struct bcm2835_pm *pm)
{
	enum bcm2835_reset_kind kind = BCM2835_RESET_RESTART;

	pm->wdog = 0;
	pm->fired = true;
	pm->resets++;
	if ((pm->rsts & BCM2835_PM_RSTS_PARTITION_MASK) ==
	    BCM2835_PM_RSTS_PARTITION_MASK)
		kind = BCM2835_RESET_POWEROFF;
	if (pm->reset)
		pm->reset(pm->opaque, kind);
}

void bcm2835_pm_reset(struct bcm2835_pm *pm)
{
	pm->rstc = BCM2835_PM_RSTC_RESET;
	pm->rsts = BCM2835_PM_RSTS_RESET;
	pm->wdog = 0;
	pm->phase = 0;
	pm->fired = false;
	pm->resets = 0;
	pm->bad_password_writes = 0;
	pm->unmodelled_accesses = 0;
}

void bcm2835_pm_init(struct bcm2835_pm *pm,
		     void (*reset)(void *, enum bcm2835_reset_kind),
		     void *opaque)
{
	pm->reset = reset;
	pm->opaque = opaque;
	bcm2835_pm_reset(pm);
}

void bcm2835_pm_advance(struct bcm2835_pm *pm, uint32_t ticks)
{
	uint32_t windows, rem, phase, elapsed;

	if (!bcm2835_pm_running(pm) || ticks == 0)
		return;
	windows = dev_udivmod32(ticks, BCM2835_PM_US_PER_WINDOW, &rem);
	phase = pm->phase + rem; /* < 2 windows */
	if (phase >= BCM2835_PM_US_PER_WINDOW) {
		phase -= BCM2835_PM_US_PER_WINDOW;
		windows++;
	}
	/* windows <= 2^32 / 15625 + 1: times 1024 fits in 32 bits */
	elapsed = windows * BCM2835_PM_WDOG_PER_WINDOW +
		  pm_wdog_ticks_at(phase) - pm_wdog_ticks_at(pm->phase);
	pm->phase = phase;
	if (elapsed >= pm->wdog)
		pm_fire(pm);
	else
		pm->wdog -= elapsed;
}

uint32_t bcm2835_pm_next_event(const struct bcm2835_pm *pm)
{
	uint64_t target;

	if (!bcm2835_pm_running(pm))
		return BCM2835_PM_NO_EVENT;
	/* The first us (counted in the window) at which the watchdog
	 * has ticked k + wdog times: ceil((k + wdog) * 15625 / 1024), k
	 * the ticks already counted in it.  At most (1024 + 2^20) * 15625,
	 * a 64-bit product (umull); the result fits 32 bits. */
	target = (uint64_t)(pm_wdog_ticks_at(pm->phase) + pm->wdog) *
		 BCM2835_PM_US_PER_WINDOW;
	target = (target + BCM2835_PM_WDOG_PER_WINDOW - 1) >> 10;
	return (uint32_t)target - pm->phase;
}

static uint32_t pm_read(struct bcm2835_pm *pm, uint32_t offset)
{
	switch (offset) {
	case BCM2835_PM_RSTC:
		return pm->rstc;
	case BCM2835_PM_RSTS:
		return pm->rsts;
	case BCM2835_PM_WDOG:
		return pm->wdog; /* counting down while running */
	default:
		pm->unmodelled_accesses++;
		return 0;
	}
}

static void pm_write(struct bcm2835_pm *pm, uint32_t offset, uint32_t value)
{
	bool was_running = bcm2835_pm_running(pm);

	if (offset != BCM2835_PM_RSTC && offset != BCM2835_PM_RSTS &&
	    offset != BCM2835_PM_WDOG) {
		pm->unmodelled_accesses++;
		return;
	}
	if ((value & BCM2835_PM_PASSWORD_MASK) != BCM2835_PM_PASSWORD) {
		pm->bad_password_writes++;
		return;
	}
	value &= BCM2835_PM_VALUE_MASK;
	switch (offset) {
	case BCM2835_PM_RSTC:
		pm->rstc = value;
		pm->fired = false;
		if (bcm2835_pm_running(pm) && !was_running)
			pm->phase = 0; /* counting starts now */
		break;
	case BCM2835_PM_RSTS:
		pm->rsts = value;
		break;
	case BCM2835_PM_WDOG: /* load (or reload: a ping) the count */
		pm->wdog = value & BCM2835_PM_WDOG_MASK;
		pm->phase = 0;
		pm->fired = false;
		break;
	}
	if (bcm2835_pm_running(pm) && pm->wdog == 0)
		pm_fire(pm);
}

bool bcm2835_pm_mmio(struct bcm2835_pm *pm, uint32_t offset, unsigned size,
		     bool is_write, uint32_t *data)
{
	if (size != 4 || (offset & 3) || offset >= BCM2835_PM_SIZE)
		return false;
	if (is_write)
		pm_write(pm, offset, *data);
	else
		*data = pm_read(pm, offset);
	return true;
}
