// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pl011.c -- ARM PrimeCell UART (PL011), ARM DDI 0183.  See pl011.h for
 * the model's boundaries (instant transmission, backend-fed receiver).
 *
 * Where the TRM and QEMU's versatilepb differ, the guest programs we run
 * natively on QEMU decide (docs/devices.md): UARTCR.UARTEN/TXE/RXE are
 * stored but do not gate the data paths, because the test kernels and
 * Linux's early console write UARTDR without enabling the UART, and QEMU
 * transmits anyway.
 */
#include "pl011.h"

/* UARTPeriphID0-3, UARTPCellID0-3 as QEMU 7.2's versatilepb gives them:
 * part 0x011, designer 0x41 (ARM), revision 1, i.e. r1p1 in DDI 0183's
 * UARTPeriphID2 table (r1p5 would read 0x34 and tell Linux the FIFOs are
 * 32 deep; this model's are 16 deep, like QEMU's). */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00,
				    0x0d, 0xf0, 0x05, 0xb1};

/* Register widths (DDI 0183 table 3-1). */
#define PL011_ILPR_MASK 0xffu
#define PL011_IBRD_MASK 0xffffu
#define PL011_FBRD_MASK 0x3fu
#define PL011_LCR_H_MASK 0xffu
#define PL011_CR_MASK 0xff87u /* bits 6:3 reserved */
#define PL011_IFLS_REG_MASK 0x3fu
#define PL011_DMACR_MASK 0x7u
#define PL011_CR_RESET (PL011_CR_TXE | PL011_CR_RXE)
#define PL011_IFLS_RESET 0x12u

static unsigned pl011_fifo_depth(const struct pl011 *u)
{
	return (u->lcr_h & PL011_LCR_H_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* Receive trigger level in characters (DDI 0183 3.3.9, RXIFLSEL:
 * 1/8, 1/4, 1/2, 3/4, 7/8 of 16; the reserved codes act as 7/8 here).
 * With the FIFO disabled the single holding register triggers at 1. */
static unsigned pl011_rx_trigger(const struct pl011 *u)
{
	static const uint8_t level[8] = {2, 4, 8, 12, 14, 14, 14, 14};

	if (!(u->lcr_h & PL011_LCR_H_FEN))
		return 1;
	return level[(u->ifls >> PL011_IFLS_RX_SHIFT) & PL011_IFLS_MASK];
}

static void pl011_update(struct pl011 *u)
{
	u->line = (u->ris & u->imsc) != 0;
}

static void pl011_rx_flush(struct pl011 *u)
{
	u->rx_head = 0;
	u->rx_count = 0;
}

void pl011_reset(struct pl011 *u)
{
	pl011_rx_flush(u);
	u->rsr = 0;
	u->ilpr = u->ibrd = u->fbrd = u->lcr_h = 0;
	u->cr = PL011_CR_RESET;
	u->ifls = PL011_IFLS_RESET;
	u->imsc = u->ris = u->dmacr = 0;
	u->reserved_accesses = 0;
	pl011_update(u);
}

void pl011_init(struct pl011 *u, void (*putc)(void *, uint8_t), void *opaque)
{
	u->putc = putc;
	u->opaque = opaque;
	pl011_reset(u);
}

unsigned pl011_rx_space(const struct pl011 *u)
{
	unsigned depth = pl011_fifo_depth(u);

	return u->rx_count < depth ? depth - u->rx_count : 0;
}

/* DDI 0183 3.3.2: an overrun sets UARTRSR.OE at once; the FIFO keeps its
 * contents and the overrunning character is lost.  UARTDR.OE travels with
 * the next character that gets into the FIFO. */
static bool pl011_rx_push(struct pl011 *u, uint32_t entry)
{
	if (pl011_rx_space(u) == 0) {
		u->rsr |= PL011_RSR_OE;
		u->ris |= PL011_INT_OE;
		pl011_update(u);
		return false;
	}
	if (u->rsr & PL011_RSR_OE)
		entry |= PL011_DR_OE;
	u->rx_fifo[(u->rx_head + u->rx_count) & (PL011_FIFO_DEPTH - 1)] =
		(uint16_t)(entry & 0xfffu);
	u->rx_count++;
	if (entry & PL011_DR_FE)
		u->ris |= PL011_INT_FE;
	if (entry & PL011_DR_PE)
		u->ris |= PL011_INT_PE;
	if (entry & PL011_DR_BE)
		u->ris |= PL011_INT_BE;
	/* DDI 0183 2.8 (UARTRXINTR): asserted when the FIFO reaches the
	 * trigger level, or holds a character with the FIFO disabled. */
	if (u->rx_count >= pl011_rx_trigger(u))
		u->ris |= PL011_INT_RX;
	pl011_update(u);
	return true;
}

bool pl011_receive(struct pl011 *u, uint32_t byte)
{
	/* In loopback the receiver hears only the transmitter. */
	if (u->cr & PL011_CR_LBE)
		return true;
	return pl011_rx_push(u, byte & (0xffu | PL011_DR_FE | PL011_DR_PE |
					PL011_DR_BE));
}

void pl011_rx_idle(struct pl011 *u)
{
	if (u->rx_count) {
		u->ris |= PL011_INT_RT;
		pl011_update(u);
	}
}

static uint32_t pl011_read_dr(struct pl011 *u)
{
	uint32_t entry;

	if (u->rx_count == 0)
		return 0; /* empty FIFO: no data, nothing changes */
	entry = u->rx_fifo[u->rx_head];
	u->rx_head = (u->rx_head + 1) & (PL011_FIFO_DEPTH - 1);
	u->rx_count--;
	/* UARTRSR FE/PE/BE give the status of the character just read;
	 * OE stays until UARTECR is written (3.3.2). */
	u->rsr = (u->rsr & PL011_RSR_OE) | ((entry >> 8) & 0x7u);
	if (u->rx_count < pl011_rx_trigger(u))
		u->ris &= ~PL011_INT_RX;
	if (u->rx_count == 0)
		u->ris &= ~PL011_INT_RT; /* 2.8: timeout clears on empty */
	pl011_update(u);
	return entry;
}

static void pl011_write_dr(struct pl011 *u, uint32_t value)
{
	uint8_t byte = (uint8_t)value;

	if (u->cr & PL011_CR_LBE)
		pl011_rx_push(u, byte);
	else if (u->putc)
		u->putc(u->opaque, byte);
	/* The character leaves the transmit FIFO at once: its level falls
	 * to zero, at or below any trigger level, which asserts UARTTXINTR
	 * (DDI 0183 2.8); it stays set until UARTICR clears it. */
	u->ris |= PL011_INT_TX;
	pl011_update(u);
}

static uint32_t pl011_flags(const struct pl011 *u)
{
	uint32_t fr = PL011_FR_TXFE; /* transmitter always idle and empty */

	if (u->rx_count == 0)
		fr |= PL011_FR_RXFE;
	if (u->rx_count >= pl011_fifo_depth(u))
		fr |= PL011_FR_RXFF;
	return fr; /* modem inputs (CTS, DSR, DCD, RI) are not connected */
}

static bool pl011_read(struct pl011 *u, uint32_t offset, uint32_t *data)
{
	switch (offset) {
	case PL011_DR:
		*data = pl011_read_dr(u);
		break;
	case PL011_RSR:
		*data = u->rsr;
		break;
	case PL011_FR:
		*data = pl011_flags(u);
		break;
	case PL011_ILPR:
		*data = u->ilpr;
		break;
	case PL011_IBRD:
		*data = u->ibrd;
		break;
	case PL011_FBRD:
		*data = u->fbrd;
		break;
	case PL011_LCR_H:
		*data = u->lcr_h;
		break;
	case PL011_CR:
		*data = u->cr;
		break;
	case PL011_IFLS:
		*data = u->ifls;
		break;
	case PL011_IMSC:
		*data = u->imsc;
		break;
	case PL011_RIS:
		*data = u->ris;
		break;
	case PL011_MIS:
		*data = u->ris & u->imsc;
		break;
	case PL011_DMACR:
		*data = u->dmacr;
		break;
	default:
		if (offset >= PL011_PERIPHID0 && offset <= 0xffc) {
			*data = pl011_id[(offset - PL011_PERIPHID0) >> 2];
			break;
		}
		/* ICR is write-only; reserved and test registers */
		u->reserved_accesses++;
		*data = 0;
		break;
	}
	return true;
}

static void pl011_write(struct pl011 *u, uint32_t offset, uint32_t value)
{
	switch (offset) {
	case PL011_DR:
		pl011_write_dr(u, value);
		break;
	case PL011_RSR: /* UARTECR: any write clears the error flags */
		u->rsr = 0;
		break;
	case PL011_ILPR:
		u->ilpr = value & PL011_ILPR_MASK;
		break;
	case PL011_IBRD:
		u->ibrd = value & PL011_IBRD_MASK;
		break;
	case PL011_FBRD:
		u->fbrd = value & PL011_FBRD_MASK;
		break;
	case PL011_LCR_H:
		/* Switching the FIFOs on or off empties them (QEMU does the
		 * same; the TRM asks for the UART to be idle first). */
		if ((u->lcr_h ^ value) & PL011_LCR_H_FEN) {
			pl011_rx_flush(u);
			u->ris &= ~(PL011_INT_RX | PL011_INT_RT);
		}
		u->lcr_h = value & PL011_LCR_H_MASK;
		break;
	case PL011_CR:
		u->cr = value & PL011_CR_MASK;
		break;
	case PL011_IFLS:
		u->ifls = value & PL011_IFLS_REG_MASK;
		break;
	case PL011_IMSC:
		u->imsc = value & PL011_INT_ALL;
		break;
	case PL011_ICR:
		u->ris &= ~(value & PL011_INT_ALL);
		break;
	case PL011_DMACR:
		u->dmacr = value & PL011_DMACR_MASK; /* stored: no DMA */
		break;
	case PL011_FR:
	case PL011_RIS:
	case PL011_MIS:
		break; /* read-only */
	default:
		if (offset < PL011_PERIPHID0)
			u->reserved_accesses++;
		break; /* ID registers are read-only */
	}
	pl011_update(u);
}

bool pl011_mmio(struct pl011 *u, uint32_t offset, unsigned size,
		bool is_write, uint32_t *data)
{
	if (size != 1 && size != 2 && size != 4)
		return false;
	if (offset > 0xfff || (offset & 3))
		return false;
	if (is_write) {
		uint32_t mask = size == 4 ? 0xffffffffu
					  : (1u << (8 * size)) - 1;

		pl011_write(u, offset, *data & mask);
		return true;
	}
	pl011_read(u, offset, data);
	if (size < 4)
		*data &= (1u << (8 * size)) - 1;
	return true;
}
