/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board-time.h -- what every board shares: the guest models' time kept
 * from a real free-running 1 MHz clock and a real one-shot interrupt
 * (board-time.c), and the guest's input taken from the real console
 * PL011 into its model (uart-rx.c).  docs/baremetal-monitor.md
 * "Devices, time and interrupts".
 */
#ifndef BM_BOARD_TIME_H
#define BM_BOARD_TIME_H

#include <stdbool.h>
#include <stdint.h>

/* No model timer will interrupt (the models' next_event says so). */
#define BM_TIME_NO_EVENT 0xffffffffu

/* A board's real timer and its models, for board-time.c. */
struct bm_time_ops {
	/* The real clock: 1 MHz, counting up, wrapping at 2^32. */
	uint32_t (*clock)(void);
	/* Arm the real one-shot to interrupt 'ticks' from now (0: at once),
	 * or stop it (BM_TIME_NO_EVENT); either way a pending interrupt of
	 * it is cleared. */
	void (*oneshot)(uint32_t ticks);
	/* The models: advance by 'ticks'; ticks until their next timer
	 * interrupt (BM_TIME_NO_EVENT: none). */
	void (*advance)(uint32_t ticks);
	uint32_t (*next_event)(void);
};

/* The models start now, at 0. */
void bm_time_init(const struct bm_time_ops *ops);
/* Advance the models to now; true if that reached the next timer event
 * (bm_time_arm() is then due). */
bool bm_time_sync(void);
/* Has the real clock reached the models' next event since the last
 * bm_time_sync()? */
bool bm_time_event_due(void);
/* Program the real one-shot for the models' next event. */
void bm_time_arm(void);
/* The real clock's ticks since bm_time_init(). */
uint32_t bm_time_ticks(void);
/* The guest's WFI with no virtual line high: sleep until a model's
 * event or input raises one (true), or false if nothing can: no model
 * timer event and 'can_wake' (can input raise a line?) false. */
struct armpv_vcpu;
bool bm_time_wfi(const struct armpv_vcpu *vcpu, bool (*can_wake)(void));

/* The guest's input: the real console PL011's receiver feeding a model
 * PL011 through the board ('receive' as versatile_uart_receive: false
 * if it did not fit; 'idle' as versatile_uart_idle; 'space' as
 * pl011_rx_space on the model). */
struct bm_uart_rx_ops {
	bool (*receive)(uint32_t entry);
	void (*idle)(void);
	unsigned (*space)(void);
};
void bm_uart_rx_init(const struct bm_uart_rx_ops *ops);
/* Move what the real receive FIFO holds into the model's; returns
 * nothing, counts in bm_board_stats.rx_bytes. */
void bm_uart_rx_drain(void);

#endif /* BM_BOARD_TIME_H */
