/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bcm2835.h -- the devices of a BCM2835 guest (Raspberry Pi Zero / 1,
 * QEMU's raspi0 and raspi1ap) at their ARM physical addresses (BCM2835
 * ARM Peripherals 1.2.3: bus 0x7eXXXXXX is ARM physical 0x20XXXXXX; the
 * device tree's "ranges" says the same): the armctrl interrupt
 * controller, the system timer, the PM block's watchdog and the PL011
 * UART0.  bcm2835_mmio() has the armpv_mmio_fn signature; every address
 * outside bcm2835_regions[] (the one list of them) is absent hardware
 * (an abort) -- among them the ARM timer and mailboxes beside the
 * interrupt controller in its 4 KiB page.
 *
 * Interrupt lines: system timer channel n drives GPU IRQ n (0-3), UART0
 * GPU IRQ 57; the controller's IRQ and FIQ outputs go to the 'irq_out'
 * callback whenever either level changes, and are readable in 'irq' and
 * 'fiq'.
 */
#ifndef ARMPV_BCM2835_H
#define ARMPV_BCM2835_H

#include <stdbool.h>
#include <stdint.h>

#include "bcm2835-intc.h"
#include "bcm2835-pm.h"
#include "bcm2835-systimer.h"
#include "devmap.h"
#include "pl011.h"

/* The peripherals' bus addresses (what the device tree's "reg" values
 * are) and ARM physical addresses: the DT's "ranges = <0x7e000000
 * 0x20000000 0x02000000>" (manual 1.2.3).  A device-tree filter turns a
 * node's reg into an ARM physical address with BCM2835_BUS_TO_PHYS
 * before comparing it with bcm2835_regions[]. */
#define BCM2835_PERI_BUS 0x7e000000u
#define BCM2835_PERI_PHYS 0x20000000u
#define BCM2835_PERI_SIZE 0x02000000u
#define BCM2835_BUS_TO_PHYS(a) ((a) - BCM2835_PERI_BUS + BCM2835_PERI_PHYS)

/* ARM physical addresses (DT bcm283x.dtsi / bcm2835-common.dtsi). */
#define BCM2835_ST_BASE 0x20003000u
#define BCM2835_IC_BASE 0x2000b200u
#define BCM2835_PM_BASE 0x20100000u
#define BCM2835_UART0_BASE 0x20201000u
#define BCM2835_UART0_SIZE 0x1000u /* the PL011's page (DT: 0x200) */

/* GPU interrupt sources (DT: <bank n>: bank 1 = GPU 0-31, 2 = 32-63). */
#define BCM2835_IRQ_TIMER0 0 /* system timer channel n: GPU IRQ n */
#define BCM2835_IRQ_TIMER3 3
#define BCM2835_IRQ_UART0 57 /* <2 25> */

/* The devices a guest of this board has, one row each (base, size,
 * name), in address order: bcm2835_mmio() answers exactly these ranges. */
#define BCM2835_NREGIONS 4
extern const struct dev_region bcm2835_regions[BCM2835_NREGIONS];

/* The system timer's clock and the ticks the backend counts. */
#define BCM2835_TIMER_HZ 1000000u

struct bcm2835_board {
	struct bcm2835_intc intc;
	struct bcm2835_systimer systimer;
	struct bcm2835_pm pm;
	struct pl011 uart0;

	void (*irq_out)(void *opaque, bool irq, bool fiq);
	void *irq_opaque;
	bool irq, fiq; /* the controller's outputs last reported */
};

/* Callbacks: uart_putc for UART0's output, reset when the watchdog
 * fires (restart or power-off), irq_out for the controller's outputs;
 * each may be NULL. */
struct bcm2835_callbacks {
	void (*uart_putc)(void *opaque, uint8_t byte);
	void (*reset)(void *opaque, enum bcm2835_reset_kind kind);
	void (*irq_out)(void *opaque, bool irq, bool fiq);
	void *opaque;
};

void bcm2835_init(struct bcm2835_board *b, const struct bcm2835_callbacks *cb);

/* armpv_mmio_fn: opaque is the board. */
bool bcm2835_mmio(void *opaque, uint32_t phys, unsigned size, bool is_write,
		  uint32_t *data);

/* Time: 'ticks' of the 1 MHz system timer clock have passed. */
void bcm2835_advance(struct bcm2835_board *b, uint32_t ticks);
/* Ticks until the next system timer match (of a channel whose match bit
 * is clear) or watchdog reset, whichever comes first; at most
 * BCM2835_ST_MAX_EVENT; BCM2835_ST_NO_EVENT (== SP804_NO_EVENT): none. */
uint32_t bcm2835_next_event(const struct bcm2835_board *b);

/* Input on UART0 (backend side); see pl011_receive/pl011_rx_idle. */
bool bcm2835_uart_receive(struct bcm2835_board *b, uint32_t entry);
void bcm2835_uart_idle(struct bcm2835_board *b);

/* Recompute the device lines into the controller and report the
 * outputs. */
void bcm2835_update_irq(struct bcm2835_board *b);

#endif /* ARMPV_BCM2835_H */
