/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bcm2835-systimer.h -- the BCM2835 system timer (ARM physical
 * 0x20003000, bus 0x7e003000): a free-running 64-bit counter at 1 MHz
 * and four 32-bit compare channels.  Register map and behaviour: BCM2835
 * ARM Peripherals, chapter 12 "System Timer"; Linux 6.1 uses CLO as its
 * clocksource and sched_clock and channel 3 as its clockevent
 * (drivers/clocksource/bcm2835_timer.c); the GPU firmware owns channels
 * 0 and 2 on a real board.
 *
 * Matching (manual 12.1): a channel matches when the counter's low word
 * (CLO) becomes equal to its compare register Cn -- a 32-bit compare, so
 * an unchanged Cn matches again every 2^32 ticks.  Its match bit Mn in CS
 * is then set and stays set until the guest writes 1 to it; channel n's
 * interrupt line is Mn (GPU IRQ n).  Writing Cn equal to the current CLO
 * does not match until CLO comes round to it again.
 *
 * One deliberate difference (docs/devices.md "System timer"): a Cn write
 * that comes right after a CLO read (no other access to the timer in
 * between) of a value the counter has passed since that read matches
 * at once.  Linux programs its clockevent as Cn = CLO + delta
 * (delta at least 0xf ticks): two instructions natively, but here two
 * emulated accesses of thousands of host instructions each, between
 * which the counter, which follows the host's clock, may move by more
 * than delta (a host under load); the chip would never see Cn behind
 * CLO there, and without this the clockevent would not fire for 2^32
 * ticks (71 minutes): the guest's tick, timers and sleeps stop.  Any
 * other Cn write gets the chip's behaviour.
 *
 * Time: the model reads no clock.  The backend calls
 * bcm2835_systimer_advance() with the 1 MHz ticks elapsed before the
 * guest sees the device; bcm2835_systimer_next_event() gives the ticks
 * until the next match of a channel whose match bit is clear.
 *
 * MMIO (bcm2835_systimer_mmio): word accesses only (armpv's choice, as
 * the other models; the manual defines 32-bit registers); byte or
 * halfword accesses abort.  Offsets 0x1c-0xffc read as zero and ignore
 * writes, counted in 'reserved_accesses'.
 */
#ifndef ARMPV_BCM2835_SYSTIMER_H
#define ARMPV_BCM2835_SYSTIMER_H

#include <stdbool.h>
#include <stdint.h>

/* Register offsets (manual 12.1, base 0x7e003000). */
#define BCM2835_ST_CS 0x00
#define BCM2835_ST_CLO 0x04
#define BCM2835_ST_CHI 0x08
#define BCM2835_ST_C0 0x0c /* C0-C3: 0x0c-0x18 */
#define BCM2835_ST_C3 0x18
#define BCM2835_ST_SIZE 0x1000

#define BCM2835_ST_NCHANNELS 4
/* CS: M3-M0, bits 3:0 (write 1 to clear). */
#define BCM2835_ST_CS_MASK 0xfu

/* bcm2835_systimer_next_event(): every channel's match bit is set, no
 * event can change anything.  (Same value as SP804_NO_EVENT.) */
#define BCM2835_ST_NO_EVENT 0xffffffffu
/* The largest distance next_event reports: a match 2^32 - 1 or 2^32
 * ticks away is reported as this many, an early wake-up after which
 * the backend advances and asks again. */
#define BCM2835_ST_MAX_EVENT 0xfffffffeu

struct bcm2835_systimer {
	uint32_t clo, chi; /* the 64-bit counter */
	uint32_t clo_read;  /* CLO as the guest last read it */
	bool clo_just_read; /* and that read was its last access here */
	uint32_t cs;	   /* match bits M3:M0 */
	uint32_t compare[BCM2835_ST_NCHANNELS];
	uint32_t reserved_accesses;
};

void bcm2835_systimer_init(struct bcm2835_systimer *st);
/* Counter, match bits and compare registers to zero. */
void bcm2835_systimer_reset(struct bcm2835_systimer *st);

bool bcm2835_systimer_mmio(struct bcm2835_systimer *st, uint32_t offset,
			   unsigned size, bool is_write, uint32_t *data);

/* Advance the counter by 'ticks' (1 MHz), setting the match bit of
 * every channel whose Cn the counter's low word reached. */
void bcm2835_systimer_advance(struct bcm2835_systimer *st, uint32_t ticks);

/* Ticks until the next match of a channel whose match bit is clear (at
 * least 1, at most BCM2835_ST_MAX_EVENT), or BCM2835_ST_NO_EVENT when
 * all four are set. */
uint32_t bcm2835_systimer_next_event(const struct bcm2835_systimer *st);

/* Channel n's interrupt line (GPU IRQ n): its match bit. */
static inline bool bcm2835_systimer_line(const struct bcm2835_systimer *st,
					 unsigned n)
{
	return (st->cs >> n) & 1u;
}

#endif /* ARMPV_BCM2835_SYSTIMER_H */
