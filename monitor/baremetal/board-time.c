/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board-time.c -- the guest models' time, the same on every board
 * (docs/baremetal-monitor.md "Devices, time and interrupts").
 *
 * The board gives a real free-running 1 MHz clock and a real one-shot
 * (struct bm_time_ops).  Before a guest access to a device whose state
 * changes with time, at every real timer interrupt and around a guest
 * WFI, the models are advanced by the ticks elapsed on that clock
 * (bm_time_sync); the one-shot is programmed for the models' next event
 * whenever a step reached it or a guest access may have moved it
 * (bm_time_arm), so that the real interrupt comes when a model timer
 * fires.
 */
#include "armpv_core.h"
#include "bm.h"
#include "board-time.h"

static const struct bm_time_ops *ops;
static uint32_t last_count;  /* the real clock at the last bm_time_sync() */
static uint32_t start_count; /* the real clock when the models started */
/* Ticks after last_count until the models' next timer event (the real
 * one-shot is armed for it), at most TIME_SYNC_MAX; 0 when an event has
 * passed and bm_time_arm() is due. */
static uint32_t armed_next;
/* Models left behind the real clock at most this long (about 36 minutes
 * at 1 MHz), well inside the clock's 2^32-tick wrap. */
#define TIME_SYNC_MAX 0x80000000u

void bm_time_init(const struct bm_time_ops *o)
{
	ops = o;
	last_count = start_count = ops->clock();
	bm_time_arm();
}

/* Advance the models by the ticks the real clock counted since the last
 * call (modulo 2^32).  True if that reached the next timer event. */
bool bm_time_sync(void)
{
	uint32_t now = ops->clock();
	uint32_t ticks = now - last_count;
	bool event = ticks >= armed_next;

	last_count = now;
	if (ticks)
		ops->advance(ticks);
	armed_next = event ? 0 : armed_next - ticks;
	return event;
}

/* Until the real clock reaches the models' next timer event, advancing
 * them moves no interrupt line (tests/devices/check_devices.c
 * test_board_time_split): it changes only the counters, which only a
 * read of a timer or of a clock register shows. */
bool bm_time_event_due(void)
{
	return ops->clock() - last_count >= armed_next;
}

void bm_time_arm(void)
{
	uint32_t next = ops->next_event();

	armed_next = next < TIME_SYNC_MAX ? next : TIME_SYNC_MAX;
	ops->oneshot(next);
}

uint32_t bm_time_ticks(void)
{
	return ops->clock() - start_count;
}

/*
 * The guest's WFI with no virtual line high: sleep in the real WFI until
 * a model timer's interrupt or input on the real UART raises one.  The
 * monitor runs with the CPSR I bit set; WFI wakes on the pending real
 * interrupt all the same (ARM926 TRM 2.3.8, ARM1176 TRM 3.2.22, and
 * QEMU), which is then handled here rather than taken: the one-shot
 * re-armed (which clears its interrupt), the input drained into the
 * model (which lowers the real UART's line).  False if nothing can ever
 * wake the guest: no model timer has an event pending and the board's
 * 'can_wake' says input could not raise a line either.  (A timer whose
 * line the guest's interrupt controller keeps disabled sleeps on, as the
 * hardware would.)
 */
bool bm_time_wfi(const struct armpv_vcpu *vcpu, bool (*can_wake)(void))
{
	for (;;) {
		bm_time_sync();
		bm_uart_rx_drain();
		if (vcpu->irq_line || vcpu->fiq_line) {
			bm_time_arm();
			return true;
		}
		if (ops->next_event() == BM_TIME_NO_EVENT && !can_wake())
			return false;
		bm_time_arm();
		bm_board_stats.sleeps++;
		__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0)
				 : "memory");
	}
}
