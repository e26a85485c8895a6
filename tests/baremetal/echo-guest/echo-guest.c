// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * echo-guest.c -- the UART input test guest: it reads lines from UART0
 * (a PL011, ARM DDI 0183) and echoes them, in three phases of
 * EG_LINES lines each.
 *
 *   1. Polled, with the FIFO full: the guest waits until UARTFR.RXFF
 *      says its receive FIFO is full (the input is longer than two
 *      FIFOs, so under armpv-bm the real UART's FIFO fills too and the
 *      monitor holds the rest back), then reads UARTFR/UARTDR.
 *   2. Interrupts and WFI: UARTIMSC RXIM and RTIM, VIC source 12
 *      (versatilepb's UART0; on raspi0, -DBOARD_BCM2835, the armctrl's
 *      GPU interrupt 57); the kernel sleeps in WFI with I set, then
 *      opens an IRQ window; the IRQ handler empties the FIFO into a ring.
 *   3. Interrupts while running: the kernel spins with I clear (no
 *      trap, under armpv-bm) until the handler has seen the lines.
 *
 * Before each phase it prints "# ready N": tests/baremetal/echo.sh sends
 * that phase's input only then, so the input never arrives before the
 * guest is set up for it (the FIFO switch flushes the FIFO), and in
 * phase 2 the guest is asleep when it comes.  Each line is echoed as
 * "# echo P.N: [line]", each phase ends with its checksum; the checks
 * ("ok N - ...") are that no character had an error bit, no interrupt
 * came without its source, no character was dropped by the guest's ring.
 * Same ELF natively on versatilepb and rewritten under armpv-bm; the
 * transcript has no timing-dependent number.
 */
#include <stdbool.h>

#include "guest-board.h"
#include "plat.h"
#include "tests.h"

#define EG_LINES 4
#define EG_LINE_MAX 256

/* PL011 UART0 (DDI 0183 3.3; guest-board.h: versatilepb 0x101f1000, VIC
 * source 12; raspi0 0x20201000, armctrl GPU interrupt 57). */
#define UART0 BOARD_UART0
#define UART_DR 0x000
#define UART_FR 0x018
#define UART_LCR_H 0x02c
#define UART_IMSC 0x038
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_DR_ERRORS 0xf00u /* OE BE PE FE (3.3.1) */
#define UART_FR_RXFE (1u << 4)
#define UART_FR_RXFF (1u << 6)
#define UART_LCR_H_FEN (1u << 4)
#define UART_LCR_H_WLEN8 (3u << 5)
#define UART_INT_RX (1u << 4)
#define UART_INT_RT (1u << 6)
#ifdef BOARD_BCM2835
/* The armctrl (tests/process/bcm2835.h): GPU interrupt 57 is bit 25 of
 * pending, enable and disable 2. */
#define INTC ARMCTRL_BASE
#define INTC_IRQSTATUS ARMCTRL_PENDING2
#define INTC_INTENABLE ARMCTRL_ENABLE2
#define INTC_INTENCLEAR ARMCTRL_DISABLE2
#define IRQ_UART0 (1u << (BCM2835_IRQ_UART0 - 32))
#else
/* PL190 VIC (DDI 0181 3.3). */
#define VIC 0x10140000u
#define VIC_IRQSTATUS 0x000
#define VIC_INTENABLE 0x010
#define VIC_INTENCLEAR 0x014
#define IRQ_UART0 (1u << 12)
#define INTC VIC
#define INTC_IRQSTATUS VIC_IRQSTATUS
#define INTC_INTENABLE VIC_INTENABLE
#define INTC_INTENCLEAR VIC_INTENCLEAR
#endif

/* Bounds that only a broken run reaches (the test's timeout is longer). */
#define EG_POLLS 500000000u
#define EG_SPINS 400000000u

/* start.S */
void irq_window(void);
void irq_enable(void);
void irq_disable(void);
void wfi(void);
void eg_unexpected(uint32_t vector, uint32_t lr) __attribute__((noreturn));
void irq_c(void);
int kmain(void);

static volatile uint32_t *reg(uint32_t base, uint32_t off)
{
	return (volatile uint32_t *)(base + off);
}

/* What the IRQ handler receives: a ring, written by the handler only. */
#define RING_SIZE 1024u
static char ring[RING_SIZE];
static volatile uint32_t ring_head; /* characters the handler stored */
static uint32_t ring_tail;	    /* characters the kernel consumed */
static volatile uint32_t ring_lines; /* '\n' the handler stored */
static volatile uint32_t ring_overflow, rx_errors, irqs, spurious;

void irq_c(void)
{
	uint32_t head = ring_head;

	irqs++;
	if (!(*reg(INTC, INTC_IRQSTATUS) & IRQ_UART0) ||
	    !(*reg(UART0, UART_MIS) & (UART_INT_RX | UART_INT_RT))) {
		spurious++;
		return;
	}
	/* Acknowledge first, then empty the FIFO (as Linux's amba-pl011
	 * does): a character that comes after the last UARTFR read raises
	 * the interrupt again.  Clearing RXRIS after the loop could lose
	 * it: QEMU raises RXRIS only when the level reaches the trigger,
	 * not while it stays above.  RXRIS also clears below the trigger
	 * level, RTRIS when the FIFO is empty (DDI 0183 2.8). */
	*reg(UART0, UART_ICR) = UART_INT_RX | UART_INT_RT;
	while (!(*reg(UART0, UART_FR) & UART_FR_RXFE)) {
		uint32_t dr = *reg(UART0, UART_DR);

		rx_errors |= dr & UART_DR_ERRORS;
		if (head - ring_tail >= RING_SIZE) {
			ring_overflow++;
			continue;
		}
		ring[head & (RING_SIZE - 1)] = (char)dr;
		head++;
		if ((char)dr == '\n')
			ring_lines++;
	}
	ring_head = head;
}

void eg_unexpected(uint32_t vector, uint32_t lr)
{
	put_str("not ok - unexpected exception ");
	put_dec(vector);
	put_str(" at ");
	put_hex(lr);
	plat_putc('\n');
	check_summary();
	plat_exit(1);
}

/* A rotate-and-xor checksum of a phase's characters ('\n' included). */
static uint32_t checksum;
static uint32_t nbytes;

static void sum_char(char c)
{
	checksum = ((checksum << 5) | (checksum >> 27)) ^ (uint8_t)c;
	nbytes++;
}

static void echo_line(unsigned phase, unsigned n, const char *line,
		      unsigned len)
{
	put_str("# echo ");
	put_dec(phase);
	plat_putc('.');
	put_dec(n);
	put_str(": [");
	for (unsigned i = 0; i < len; i++)
		plat_putc(line[i]);
	put_str("]\n");
}

static void phase_begin(unsigned phase, const char *what)
{
	checksum = 0;
	nbytes = 0;
	put_str("# ready ");
	put_dec(phase);
	put_str(": ");
	put_str(what);
	plat_putc('\n');
}

static void phase_end(unsigned phase)
{
	put_str("# phase ");
	put_dec(phase);
	put_str(": ");
	put_dec(nbytes);
	put_str(" characters, checksum ");
	put_hex(checksum);
	plat_putc('\n');
}

/* Phase 1: polled reads, after the receive FIFO filled. */
static void phase_polled(void)
{
	char line[EG_LINE_MAX];
	uint32_t errors = 0, polls = 0;

	phase_begin(1, "polled");
	while (!(*reg(UART0, UART_FR) & UART_FR_RXFF) && polls < EG_POLLS)
		polls++;
	check_eq("polled: the receive FIFO filled (UARTFR.RXFF)",
		 !!(*reg(UART0, UART_FR) & UART_FR_RXFF), 1);
	for (unsigned n = 1; n <= EG_LINES; n++) {
		unsigned len = 0;

		for (;;) {
			uint32_t dr;
			char c;

			polls = 0;
			while ((*reg(UART0, UART_FR) & UART_FR_RXFE) &&
			       polls < EG_POLLS)
				polls++;
			if (polls == EG_POLLS) {
				check_eq("polled: input came", 0, 1);
				return;
			}
			dr = *reg(UART0, UART_DR);
			errors |= dr & UART_DR_ERRORS;
			c = (char)dr;
			sum_char(c);
			if (c == '\n')
				break;
			if (len < EG_LINE_MAX)
				line[len++] = c;
		}
		echo_line(1, n, line, len);
	}
	check_eq("polled: no receive error (UARTDR[11:8])", errors, 0);
	check_eq("polled: nothing left (UARTFR.RXFE)",
		 !!(*reg(UART0, UART_FR) & UART_FR_RXFE), 1);
	phase_end(1);
}

/* Echo every complete line of the ring. */
static void ring_echo(unsigned phase, unsigned *n)
{
	char line[EG_LINE_MAX];
	unsigned len = 0;

	while (ring_tail != ring_head) {
		char c = ring[ring_tail & (RING_SIZE - 1)];

		ring_tail++;
		sum_char(c);
		if (c == '\n') {
			echo_line(phase, ++*n, line, len);
			len = 0;
		} else if (len < EG_LINE_MAX) {
			line[len++] = c;
		}
	}
}

static void uart_irq_on(void)
{
	*reg(UART0, UART_ICR) = UART_INT_RX | UART_INT_RT;
	*reg(UART0, UART_IMSC) = UART_INT_RX | UART_INT_RT;
	*reg(INTC, INTC_INTENABLE) = IRQ_UART0;
}

static void uart_irq_off(void)
{
	*reg(INTC, INTC_INTENCLEAR) = IRQ_UART0;
	*reg(UART0, UART_IMSC) = 0;
}

static void phase_irq_checks(const char *what)
{
	check_ctx(what);
	check_eq("interrupts taken", irqs != 0, 1);
	check_eq("no spurious interrupt", spurious, 0);
	check_eq("no receive error (UARTDR[11:8])", rx_errors, 0);
	check_eq("no ring overflow", ring_overflow, 0);
	check_eq("nothing left (UARTFR.RXFE)",
		 !!(*reg(UART0, UART_FR) & UART_FR_RXFE), 1);
	check_ctx("");
}

static void phase_reset_counters(void)
{
	irqs = spurious = rx_errors = ring_overflow = 0;
	ring_lines = 0;
	ring_tail = ring_head;
}

/* Phase 2: WFI with I set, then an IRQ window, until the lines came.
 * The line count is read with I set, so no interrupt can slip between
 * the test and the WFI (which wakes on a pending one all the same). */
static void phase_wfi(void)
{
	unsigned n = 0;

	phase_reset_counters();
	uart_irq_on();
	phase_begin(2, "interrupts, WFI");
	while (ring_lines < EG_LINES) {
		wfi();
		irq_window();
	}
	uart_irq_off();
	ring_echo(2, &n);
	phase_irq_checks("wfi: ");
	phase_end(2);
}

/* Phase 3: spin with I clear until the handler has seen the lines. */
static void phase_spin(void)
{
	unsigned n = 0;
	uint32_t spins = 0;

	phase_reset_counters();
	uart_irq_on();
	phase_begin(3, "interrupts, running");
	irq_enable();
	while (ring_lines < EG_LINES && spins < EG_SPINS)
		spins++;
	irq_disable();
	uart_irq_off();
	check_eq("spin: the lines came", ring_lines, EG_LINES);
	ring_echo(3, &n);
	phase_irq_checks("spin: ");
	phase_end(3);
}

int kmain(void)
{
	/* 8 bits, FIFOs on: 16 characters deep.  Before "# ready 1", so no
	 * input is there for the switch to flush (DDI 0183 3.3.7). */
	*reg(UART0, UART_LCR_H) = UART_LCR_H_WLEN8 | UART_LCR_H_FEN;
	put_str("# UART input test guest\n");
	phase_polled();
	phase_wfi();
	phase_spin();
	return check_summary();
}
