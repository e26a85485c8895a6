/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pl011.h -- ARM PrimeCell UART (PL011) model, as Linux's amba-pl011
 * driver and a bare-metal console use it.  Register map and behaviour:
 * PL011 Technical Reference Manual (ARM DDI 0183), chapter 3.
 *
 * Transmission is instantaneous: a byte written to UARTDR goes to the
 * putc callback at once, so the transmit FIFO always reads empty.
 * Reception: the backend pushes bytes with pl011_receive() into a FIFO of
 * 16 entries (1 with UARTLCR_H.FEN clear) and tells the model when the
 * line has been idle with pl011_rx_idle() (the receive timeout).
 *
 * MMIO (pl011_mmio): byte, halfword and word accesses at a register's
 * word offset (Linux uses 16-bit accesses, its early console 8-bit ones);
 * an access at offset & 3 != 0 aborts.  Reserved offsets read as zero and
 * ignore writes (counted in 'reserved_accesses'), as the APB gives.
 */
#ifndef ARMPV_PL011_H
#define ARMPV_PL011_H

#include <stdbool.h>
#include <stdint.h>

/* Register offsets (DDI 0183, table 3-1). */
#define PL011_DR 0x000
#define PL011_RSR 0x004 /* read: UARTRSR; write: UARTECR */
#define PL011_FR 0x018
#define PL011_ILPR 0x020
#define PL011_IBRD 0x024
#define PL011_FBRD 0x028
#define PL011_LCR_H 0x02c
#define PL011_CR 0x030
#define PL011_IFLS 0x034
#define PL011_IMSC 0x038
#define PL011_RIS 0x03c
#define PL011_MIS 0x040
#define PL011_ICR 0x044
#define PL011_DMACR 0x048
#define PL011_PERIPHID0 0xfe0 /* ... PCELLID3 at 0xffc */

/* UARTDR/UARTRSR error bits (DDI 0183 3.3.1, 3.3.2). */
#define PL011_DR_FE (1u << 8)
#define PL011_DR_PE (1u << 9)
#define PL011_DR_BE (1u << 10)
#define PL011_DR_OE (1u << 11)
#define PL011_RSR_FE (1u << 0)
#define PL011_RSR_PE (1u << 1)
#define PL011_RSR_BE (1u << 2)
#define PL011_RSR_OE (1u << 3)

/* UARTFR (3.3.3). */
#define PL011_FR_CTS (1u << 0)
#define PL011_FR_DSR (1u << 1)
#define PL011_FR_DCD (1u << 2)
#define PL011_FR_BUSY (1u << 3)
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)
#define PL011_FR_RXFF (1u << 6)
#define PL011_FR_TXFE (1u << 7)
#define PL011_FR_RI (1u << 8)

/* UARTLCR_H (3.3.7). */
#define PL011_LCR_H_FEN (1u << 4)

/* UARTCR (3.3.8): reset value 0x0300 (TXE, RXE). */
#define PL011_CR_UARTEN (1u << 0)
#define PL011_CR_LBE (1u << 7)
#define PL011_CR_TXE (1u << 8)
#define PL011_CR_RXE (1u << 9)

/* UARTIFLS (3.3.9): reset 0x12, both at half full. */
#define PL011_IFLS_TX_SHIFT 0
#define PL011_IFLS_RX_SHIFT 3
#define PL011_IFLS_MASK 0x7u

/* Interrupt bits of UARTIMSC/RIS/MIS/ICR (3.3.10-3.3.13). */
#define PL011_INT_RI (1u << 0)
#define PL011_INT_CTS (1u << 1)
#define PL011_INT_DCD (1u << 2)
#define PL011_INT_DSR (1u << 3)
#define PL011_INT_RX (1u << 4)
#define PL011_INT_TX (1u << 5)
#define PL011_INT_RT (1u << 6)
#define PL011_INT_FE (1u << 7)
#define PL011_INT_PE (1u << 8)
#define PL011_INT_BE (1u << 9)
#define PL011_INT_OE (1u << 10)
#define PL011_INT_ALL 0x7ffu

#define PL011_FIFO_DEPTH 16

struct pl011 {
	/* Output: one transmitted byte (the low 8 bits of UARTDR). */
	void (*putc)(void *opaque, uint8_t byte);
	void *opaque;

	/* Receive FIFO: 12-bit entries (data + FE/PE/BE/OE, as UARTDR). */
	uint16_t rx_fifo[PL011_FIFO_DEPTH];
	unsigned rx_head, rx_count;

	uint32_t rsr; /* UARTRSR bits 3:0 */
	uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;

	/* The combined interrupt output UARTINTR: (RIS & IMSC) != 0. */
	bool line;

	uint32_t reserved_accesses; /* reserved offsets touched */
};

void pl011_init(struct pl011 *u, void (*putc)(void *, uint8_t),
		void *opaque);
void pl011_reset(struct pl011 *u);

/* The MMIO entry point (see above).  Returns false for an aborting access. */
bool pl011_mmio(struct pl011 *u, uint32_t offset, unsigned size,
		bool is_write, uint32_t *data);

/* Backend side of the receiver.  pl011_receive() puts one character in
 * the FIFO (errors: PL011_DR_FE/PE/BE bits or'ed into 'byte'); if the
 * FIFO is full the character is lost and the overrun error is raised, as
 * the hardware does (DDI 0183 3.3.2).  Returns false on overrun.
 * pl011_rx_space() says how many characters fit without overrun.
 * pl011_rx_idle(): no character arrived for 32 bit periods, the receive
 * timeout (RTRIS) if the FIFO holds data. */
bool pl011_receive(struct pl011 *u, uint32_t byte);
unsigned pl011_rx_space(const struct pl011 *u);
void pl011_rx_idle(struct pl011 *u);

#endif /* ARMPV_PL011_H */
