/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sp804.h -- ARM Dual-Timer Module (SP804) model: two independent
 * down-counters sharing one combined interrupt output.  Register map and
 * behaviour: SP804 Technical Reference Manual (ARM DDI 0271), chapter 3.
 *
 * Time: the model reads no clock.  The backend calls sp804_advance() with
 * the timer-clock ticks elapsed (TIMCLK: 1 MHz on versatile) before it
 * lets the guest see the device, and sp804_next_event() says how many
 * ticks remain until a counter next reaches zero, so that a backend can
 * program a real timer for it.  TimerXValue is exact for the ticks
 * advanced: each counter decrements once per 1, 16 or 256 ticks
 * (TimerPre), the prescaler restarting when the counter is loaded or
 * enabled.
 *
 * MMIO (sp804_mmio): word accesses only (armpv's choice: the TRM defines
 * 32-bit registers only); byte or halfword accesses abort.  Reserved
 * offsets read as zero and ignore writes, counted in 'reserved_accesses'.
 */
#ifndef ARMPV_SP804_H
#define ARMPV_SP804_H

#include <stdbool.h>
#include <stdint.h>

/* Per-timer register offsets (DDI 0271 table 3-1); timer 2 at +0x20. */
#define SP804_LOAD 0x00
#define SP804_VALUE 0x04
#define SP804_CONTROL 0x08
#define SP804_INTCLR 0x0c
#define SP804_RIS 0x10
#define SP804_MIS 0x14
#define SP804_BGLOAD 0x18
#define SP804_TIMER2 0x20
#define SP804_ITCR 0xf00
#define SP804_ITOP 0xf04
#define SP804_PERIPHID0 0xfe0 /* ... PCELLID3 at 0xffc */

/* TimerXControl (3.3.3); reset value 0x20. */
#define SP804_CTRL_ONESHOT (1u << 0)
#define SP804_CTRL_32BIT (1u << 1)
#define SP804_CTRL_PRE_SHIFT 2
#define SP804_CTRL_PRE_MASK (3u << SP804_CTRL_PRE_SHIFT)
#define SP804_CTRL_PRE_1 (0u << SP804_CTRL_PRE_SHIFT)
#define SP804_CTRL_PRE_16 (1u << SP804_CTRL_PRE_SHIFT)
#define SP804_CTRL_PRE_256 (2u << SP804_CTRL_PRE_SHIFT)
#define SP804_CTRL_INTEN (1u << 5)
#define SP804_CTRL_PERIODIC (1u << 6)
#define SP804_CTRL_ENABLE (1u << 7)
#define SP804_CTRL_MASK 0xefu /* bit 4 reserved */

/* sp804_next_event(): nothing due within UINT32_MAX - 1 ticks. */
#define SP804_NO_EVENT 0xffffffffu

struct sp804_timer {
	uint32_t load;	  /* TimerXLoad / TimerXBGLoad: the reload value */
	uint32_t value;	  /* the counter */
	uint32_t control;
	uint32_t phase;	  /* ticks counted towards the next decrement */
	bool ris;	  /* TimerXRIS */
};

struct sp804 {
	struct sp804_timer timer[2];
	bool line; /* TIMINTC: MIS of timer 1 or timer 2 */
	uint32_t reserved_accesses;
};

void sp804_init(struct sp804 *t);
void sp804_reset(struct sp804 *t);

bool sp804_mmio(struct sp804 *t, uint32_t offset, unsigned size,
		bool is_write, uint32_t *data);

/* Advance both counters by 'ticks' timer-clock ticks. */
void sp804_advance(struct sp804 *t, uint32_t ticks);

/* Ticks until an enabled counter with its interrupt enabled next reaches
 * zero (>= 1), or SP804_NO_EVENT. */
uint32_t sp804_next_event(const struct sp804 *t);

#endif /* ARMPV_SP804_H */
