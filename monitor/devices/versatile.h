/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * versatile.h -- the devices of a versatilepb guest at their physical
 * addresses (Versatile PB926EJ-S User Guide, ARM DUI 0224, tables 4-1 and
 * 4-3): the system registers, the PL190 VIC, the secondary interrupt
 * controller (SIC), two SP804 dual timers and the PL011 UART0, and a
 * page at the SP810 system controller's address that reads as zero and
 * ignores writes (Linux's versatile_init_early() read-modify-writes its
 * SCCTRL; QEMU 7.2 has nothing there either).  versatile_mmio() has the
 * armpv_mmio_fn signature; every address outside these seven 4 KB pages
 * (versatile_regions[], the one list of them) is absent hardware (an
 * abort).
 *
 * Interrupt lines: each device's output goes to its VIC source; the VIC's
 * IRQ and FIQ outputs go to the 'irq_out' callback whenever either level
 * changes (the backend calls armpv_vcpu_set_irq/set_fiq from it), and are
 * readable in 'irq' and 'fiq'.
 */
#ifndef ARMPV_VERSATILE_H
#define ARMPV_VERSATILE_H

#include <stdbool.h>
#include <stdint.h>

#include "devmap.h"
#include "pl011.h"
#include "pl190.h"
#include "sic.h"
#include "sp804.h"
#include "sysctl.h"

#define VERSATILE_SYSCTL_BASE 0x10000000u
#define VERSATILE_SIC_BASE 0x10003000u
#define VERSATILE_VIC_BASE 0x10140000u
#define VERSATILE_SCTL_BASE 0x101e0000u /* SP810: reads 0, writes ignored */
#define VERSATILE_TIMER01_BASE 0x101e2000u
#define VERSATILE_TIMER23_BASE 0x101e3000u
#define VERSATILE_UART0_BASE 0x101f1000u
#define VERSATILE_DEVICE_SIZE 0x1000u

/* Primary VIC sources (DUI 0224 table 4-44). */
#define VERSATILE_IRQ_TIMER01 4
#define VERSATILE_IRQ_TIMER23 5
#define VERSATILE_IRQ_UART0 12
#define VERSATILE_IRQ_SIC 31 /* the SIC's combined output */

/* The devices a guest of this board has, one row each (base, size,
 * name), in address order: versatile_mmio() answers exactly these pages,
 * armpv-bm filters the guest's device tree to them (fdt-filter.c). */
#define VERSATILE_NREGIONS 7
extern const struct dev_region versatile_regions[VERSATILE_NREGIONS];

/* The timers' clock (TIMCLK) and the ticks the backend counts. */
#define VERSATILE_TIMCLK_HZ 1000000u

struct versatile_board {
	struct sysctl sysctl;
	struct pl190_vic vic;
	struct sic sic;
	struct sp804 timer[2]; /* 0x101e2000 (timers 0, 1), 0x101e3000 */
	struct pl011 uart0;

	void (*irq_out)(void *opaque, bool irq, bool fiq);
	void *irq_opaque;
	bool irq, fiq; /* the VIC outputs last reported */
	uint32_t sctl_accesses; /* to the SP810 page (reads 0) */
};

/* Callbacks: uart_putc for UART0's output, reset for SYS_RESETCTL,
 * irq_out for the VIC outputs; each may be NULL. */
struct versatile_callbacks {
	void (*uart_putc)(void *opaque, uint8_t byte);
	void (*reset)(void *opaque, uint32_t resetctl);
	void (*irq_out)(void *opaque, bool irq, bool fiq);
	void *opaque;
};

void versatile_init(struct versatile_board *b,
		    const struct versatile_callbacks *cb);

/* armpv_mmio_fn: opaque is the board. */
bool versatile_mmio(void *opaque, uint32_t phys, unsigned size,
		    bool is_write, uint32_t *data);

/* Time: 'ticks' of TIMCLK (1 MHz) have passed. */
void versatile_advance(struct versatile_board *b, uint32_t ticks);
/* Ticks until the next timer interrupt (SP804_NO_EVENT: none). */
uint32_t versatile_next_event(const struct versatile_board *b);

/* Input on UART0 (backend side); see pl011_receive/pl011_rx_idle.
 * 'entry' is a character as UARTDR holds it: the byte and its FE/PE/BE
 * bits (a real PL011's UARTDR read can be passed as it is). */
bool versatile_uart_receive(struct versatile_board *b, uint32_t entry);
void versatile_uart_idle(struct versatile_board *b);

/* Recompute the device lines into the VIC and report the outputs. */
void versatile_update_irq(struct versatile_board *b);

#endif /* ARMPV_VERSATILE_H */
