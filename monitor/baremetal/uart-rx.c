/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uart-rx.c -- the guest's input, the same on every board: the real
 * console PL011 (PrimeCell UART TRM DDI 0183, at the console's device
 * slot) feeding the board's model of it (board-time.h, struct
 * bm_uart_rx_ops).  The board calls bm_uart_rx_drain() around every
 * guest access to the model's UART and at the real UART's interrupts.
 */
#include "bm.h"
#include "board-time.h"
#include "pl011.h"

/* The real PL011's receive interrupts the monitor unmasks (DDI 0183
 * 3.3.10 UARTIMSC): the FIFO level (RXIM) and the receive timeout (RTIM),
 * which covers a few characters left below the trigger level. */
#define RU_RX_INTS (PL011_INT_RX | PL011_INT_RT)

static const struct bm_uart_rx_ops *ops;
static uint32_t uart_imsc; /* what the real UARTIMSC holds */

static volatile uint32_t *ru_reg(uint32_t reg)
{
	return (volatile uint32_t *)(BM_IO_SLOT_VA(BM_IO_CONSOLE) + reg);
}

/*
 * Move what the real PL011's receive FIFO holds into the model's, as far
 * as the model's FIFO has room, then set the real receive interrupts for
 * what is left.  Flow control: a character that does not fit stays in the
 * real UART, and the real RXIM/RTIM are masked (UARTIMSC, DDI 0183
 * 3.3.10) so that its level interrupt does not fire again and again;
 * the next drain, after the guest's next access to the model's UART (a
 * UARTDR read makes room), takes it and unmasks them.  Nothing is lost
 * in the monitor: once the real FIFO is full too, QEMU stops reading its
 * chardev (the input waits in the host); on a board, the real UART
 * overruns as it would under a native guest that does not read.  (The
 * model's own overrun is thus never raised by real input; a real overrun
 * bit, UARTDR.OE, is not forwarded.)
 *
 * The receive timeout: the model's RTRIS means "no character for 32 bit
 * periods" (DDI 0183 2.8 UARTRTINTR).  The monitor sees the line only at
 * drains, and calls it idle when a drain that moved characters found the
 * real FIFO empty: the end of a burst as far as it can tell.  So a guest
 * waiting with RTIM for fewer characters than its trigger level gets
 * them at once.  (QEMU's own PL011 raises RXRIS for the first character
 * whatever the level and never the timeout: docs/devices.md.)
 */
void bm_uart_rx_drain(void)
{
	uint32_t imsc = RU_RX_INTS;
	unsigned moved = 0;

	while (!(*ru_reg(PL011_FR) & PL011_FR_RXFE)) {
		if (!ops->space()) {
			imsc = 0;
			break;
		}
		/* UARTDR (3.3.1): the character and its FE/PE/BE/OE bits;
		 * the model takes FE/PE/BE and drops OE. */
		ops->receive(*ru_reg(PL011_DR));
		moved++;
	}
	if (moved) {
		bm_board_stats.rx_bytes += moved;
		if (imsc)
			ops->idle();
	}
	if (imsc != uart_imsc) {
		uart_imsc = imsc;
		*ru_reg(PL011_IMSC) = imsc;
	}
}

/*
 * The real PL011's receiver, for the guest's input.  The FIFO on (FEN,
 * UARTLCR_H, DDI 0183 3.3.7) to hold 16 characters (32 on r1p5) while
 * the model's is full or the guest runs; switching it on empties it
 * (QEMU does so), so the character the holding register may already
 * hold goes to the model first (its FIFO, reset with FEN clear, holds
 * one).  The word length and the rest of UARTLCR_H stay as the boot
 * loader set them.  The receive trigger at 1/8 (UARTIFLS.RXIFLSEL 0,
 * 3.3.9), the earliest; QEMU ignores it.  Then RXIM and RTIM unmasked.
 */
void bm_uart_rx_init(const struct bm_uart_rx_ops *o)
{
	uint32_t lcr_h = *ru_reg(PL011_LCR_H);

	ops = o;

	uart_imsc = ~0u; /* as the boot loader left it: the drain writes it */
	if (!(lcr_h & PL011_LCR_H_FEN)) {
		bm_uart_rx_drain();
		*ru_reg(PL011_LCR_H) = lcr_h | PL011_LCR_H_FEN;
	}
	*ru_reg(PL011_IFLS) &= ~(PL011_IFLS_MASK << PL011_IFLS_RX_SHIFT);
	bm_uart_rx_drain();
}
