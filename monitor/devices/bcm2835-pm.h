/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bcm2835-pm.h -- the BCM2835 power-management block's watchdog (ARM
 * physical 0x20100000, bus 0x7e100000), as Linux 6.1's
 * drivers/watchdog/bcm2835_wdt.c drives it for restart and power-off.
 * Broadcom's manual does not document the block; the register meanings
 * are Linux's and the reset values those QEMU's bcm2835_powermgt.c takes
 * from elinux.org's "BCM2835 registers" page.
 *
 * Registers (all writes must carry the password 0x5a in bits 31:24; a
 * write without it is ignored, counted in 'bad_password_writes'):
 *   PM_RSTC 0x1c  reset control: WRCFG bits 5:4, 0b10 (0x20) "full
 *                 reset" arms the watchdog; bits 23:0 stored, reset 0x102
 *   PM_RSTS 0x20  reset status: bits 23:0 stored, reset 0x1000; the
 *                 boot partition in bits 0, 2, 4, 6, 8, 10 (63 = halt)
 *   PM_WDOG 0x24  watchdog count, bits 19:0, in ticks of 2^-16 s
 *                 (about 15.26 us), reset 0
 *
 * The watchdog counts PM_WDOG down while PM_RSTC.WRCFG bit 5 (Linux's
 * PM_RSTC_WRCFG_FULL_RESET, what bcm2835_wdt_is_running tests) is set;
 * when the count reaches zero the chip resets: the model calls
 * reset(opaque, kind) once, kind BCM2835_RESET_POWEROFF when RSTS holds
 * partition 63 (Linux's bcm2835_power_off, "halt") and
 * BCM2835_RESET_RESTART otherwise, then stops counting ('fired') until
 * PM_WDOG or PM_RSTC is written again.  The reset fires after the count,
 * not at the PM_RSTC write: Linux's restart writes 10 ticks (about
 * 153 us) and busy-waits 1 ms.  Arming with a zero count fires at once.
 *
 * Time: bcm2835_pm_advance() with 1 MHz ticks; the conversion to
 * watchdog ticks is exact (15625 us are 1024 watchdog ticks).
 *
 * MMIO (bcm2835_pm_mmio): word accesses only; offsets 0x00-0x110 other
 * than the three above (the power-domain registers, unmodelled) read as
 * zero and ignore writes, counted in 'unmodelled_accesses'; 0x114 and
 * beyond are outside the device tree's region (false).
 */
#ifndef ARMPV_BCM2835_PM_H
#define ARMPV_BCM2835_PM_H

#include <stdbool.h>
#include <stdint.h>

#define BCM2835_PM_RSTC 0x1c
#define BCM2835_PM_RSTS 0x20
#define BCM2835_PM_WDOG 0x24
#define BCM2835_PM_SIZE 0x114 /* the DT's "pm" reg */

#define BCM2835_PM_PASSWORD 0x5a000000u
#define BCM2835_PM_PASSWORD_MASK 0xff000000u
#define BCM2835_PM_VALUE_MASK 0x00ffffffu

#define BCM2835_PM_RSTC_WRCFG_MASK 0x30u
#define BCM2835_PM_RSTC_WRCFG_FULL_RESET 0x20u
#define BCM2835_PM_RSTC_RESET 0x102u /* reset value, Linux's "stop" */
#define BCM2835_PM_RSTS_RESET 0x1000u
#define BCM2835_PM_RSTS_PARTITION_MASK 0x555u /* bits 0,2,...,10 */
#define BCM2835_PM_WDOG_MASK 0x000fffffu

/* 15625 us = 1024 watchdog ticks (2^16 per second). */
#define BCM2835_PM_US_PER_WINDOW 15625u
#define BCM2835_PM_WDOG_PER_WINDOW 1024u

/* bcm2835_pm_next_event(): the watchdog is not counting. */
#define BCM2835_PM_NO_EVENT 0xffffffffu

enum bcm2835_reset_kind {
	BCM2835_RESET_RESTART,
	BCM2835_RESET_POWEROFF,
};

struct bcm2835_pm {
	void (*reset)(void *opaque, enum bcm2835_reset_kind kind);
	void *opaque;

	uint32_t rstc, rsts; /* bits 23:0 */
	uint32_t wdog;	     /* the count, bits 19:0 */
	uint32_t phase;	     /* microseconds into the current window */
	bool fired;	     /* the count reached zero: stopped */
	uint32_t resets;     /* reset callbacks made */
	uint32_t bad_password_writes;
	uint32_t unmodelled_accesses;
};

void bcm2835_pm_init(struct bcm2835_pm *pm,
		     void (*reset)(void *, enum bcm2835_reset_kind),
		     void *opaque);
void bcm2835_pm_reset(struct bcm2835_pm *pm); /* registers to reset values */

bool bcm2835_pm_mmio(struct bcm2835_pm *pm, uint32_t offset, unsigned size,
		     bool is_write, uint32_t *data);

/* True while the watchdog counts (armed, not fired). */
bool bcm2835_pm_running(const struct bcm2835_pm *pm);

/* Advance the watchdog by 'ticks' of 1 MHz; calls reset when it fires. */
void bcm2835_pm_advance(struct bcm2835_pm *pm, uint32_t ticks);

/* 1 MHz ticks until the watchdog fires (>= 1), or BCM2835_PM_NO_EVENT. */
uint32_t bcm2835_pm_next_event(const struct bcm2835_pm *pm);

#endif /* ARMPV_BCM2835_PM_H */
