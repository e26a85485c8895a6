// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check_devices.c -- unit tests of the device models (monitor/devices/).
 *
 * Expected values are written by hand from the manuals, never obtained by
 * running the models: the PL011 TRM (ARM DDI 0183), the PL190 VIC TRM
 * (ARM DDI 0181), the SP804 dual timer TRM (ARM DDI 0271), the Versatile
 * PB926EJ-S user guide (ARM DUI 0224), and for the identification values
 * QEMU 7.2's versatilepb (the machine the guests also run on natively).
 * The SIC's register layout is DUI 0224's as Linux 6.1
 * (irq-versatile-fpga.c) and QEMU 7.2 use it.
 * Section numbers are cited at each group.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "armpv_core.h" /* armpv_mmio_fn: versatile_mmio must be one */
#include "devmath.h"
#include "versatile.h"

/* ---------------------------------------------------------------------
 * Helpers: an MMIO access that must succeed.
 */
/* rd/wr helpers per device: the access must succeed. */
#define MMIO_HELPERS(name, type, fn)                                       \
	static uint32_t name##_rd(type *dev, uint32_t off)                 \
	{                                                                  \
		uint32_t v = 0xdeadbeef;                                   \
		ck_assert_msg(fn(dev, off, 4, false, &v),                  \
			      "read of 0x%x aborted", (unsigned)off);      \
		return v;                                                  \
	}                                                                  \
	static void name##_wr(type *dev, uint32_t off, uint32_t val)       \
	{                                                                  \
		ck_assert_msg(fn(dev, off, 4, true, &val),                 \
			      "write of 0x%x aborted", (unsigned)off);     \
	}

MMIO_HELPERS(uart, struct pl011, pl011_mmio)
MMIO_HELPERS(vic, struct pl190_vic, vic_mmio)
MMIO_HELPERS(tim, struct sp804, sp804_mmio)
MMIO_HELPERS(sys, struct sysctl, sysctl_mmio)
MMIO_HELPERS(sic, struct sic, sic_mmio)
MMIO_HELPERS(board, void, versatile_mmio)

static uint8_t tx_buf[64];
static unsigned tx_len;

static void tx_putc(void *opaque, uint8_t byte)
{
	(void)opaque;
	if (tx_len < sizeof(tx_buf))
		tx_buf[tx_len++] = byte;
}

/* =====================================================================
 * PL011 (DDI 0183 chapter 3).
 */
static struct pl011 uart;

static void uart_setup(void)
{
	tx_len = 0;
	pl011_init(&uart, tx_putc, NULL);
}

#define URD(off) uart_rd(&uart, off)
#define UWR(off, val) uart_wr(&uart, off, val)

START_TEST(test_uart_reset_and_id)
{
	/* 3.3.3: UARTFR resets to 0b-10010---: TXFE and RXFE set, BUSY,
	 * TXFF, RXFF clear (modem inputs not connected: 0). */
	ck_assert_uint_eq(URD(PL011_FR), 0x90);
	/* 3.3.8: UARTCR reset 0x0300 (TXE, RXE); 3.3.9: UARTIFLS 0x12. */
	ck_assert_uint_eq(URD(PL011_CR), 0x300);
	ck_assert_uint_eq(URD(PL011_IFLS), 0x12);
	ck_assert_uint_eq(URD(PL011_IMSC), 0);
	ck_assert_uint_eq(URD(PL011_RIS), 0);
	ck_assert_uint_eq(URD(PL011_MIS), 0);
	ck_assert_uint_eq(URD(PL011_LCR_H), 0);
	/* 3.3.14-3.3.21: PeriphID part 0x011, designer 0x41, revision as
	 * QEMU (1); PCellID 0xB105F00D. */
	static const uint32_t id[8] = {0x11, 0x10, 0x14, 0x00,
				       0x0d, 0xf0, 0x05, 0xb1};
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(URD(0xfe0 + 4 * i), id[i]);
	ck_assert(!uart.line);
}
END_TEST

START_TEST(test_uart_tx)
{
	uint32_t v;

	UWR(PL011_DR, 'h');
	v = 'i' | 0x5500; /* only bits 7:0 are data */
	ck_assert(pl011_mmio(&uart, PL011_DR, 1, true, &v));
	v = '!';
	ck_assert(pl011_mmio(&uart, PL011_DR, 2, true, &v));
	ck_assert_uint_eq(tx_len, 3);
	ck_assert_mem_eq(tx_buf, "hi!", 3);
	/* Transmit FIFO drained at once: still TXFE, not BUSY (3.3.3). */
	ck_assert_uint_eq(URD(PL011_FR) & (PL011_FR_TXFE | PL011_FR_BUSY |
					   PL011_FR_TXFF),
			  PL011_FR_TXFE);
	/* 2.8 UARTTXINTR: FIFO at or below the trigger level: TXRIS; the
	 * line follows only with TXIM set (3.3.10-3.3.12). */
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_TX);
	ck_assert_uint_eq(URD(PL011_MIS), 0);
	ck_assert(!uart.line);
	UWR(PL011_IMSC, PL011_INT_TX);
	ck_assert_uint_eq(URD(PL011_MIS), PL011_INT_TX);
	ck_assert(uart.line);
	/* 3.3.13: UARTICR clears the written bits. */
	UWR(PL011_ICR, PL011_INT_TX);
	ck_assert_uint_eq(URD(PL011_RIS), 0);
	ck_assert(!uart.line);
}
END_TEST

START_TEST(test_uart_rx_nofifo)
{
	/* FEN clear: a one-character holding register (3.3.7). */
	ck_assert(pl011_receive(&uart, 'x'));
	ck_assert_uint_eq(URD(PL011_FR) & (PL011_FR_RXFE | PL011_FR_RXFF),
			  PL011_FR_RXFF);
	/* 2.8 UARTRXINTR: FIFO disabled and the location filled. */
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_RX);
	UWR(PL011_IMSC, PL011_INT_RX | PL011_INT_OE);
	ck_assert(uart.line);
	/* A second character overruns (3.3.2): OE in UARTRSR, OEIS. */
	ck_assert(!pl011_receive(&uart, 'y'));
	ck_assert_uint_eq(URD(PL011_RSR), PL011_RSR_OE);
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_RX | PL011_INT_OE);
	/* Reading the character clears RX (single read, 2.8). */
	ck_assert_uint_eq(URD(PL011_DR), 'x');
	ck_assert_uint_eq(URD(PL011_FR) & (PL011_FR_RXFE | PL011_FR_RXFF),
			  PL011_FR_RXFE);
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_OE);
	/* UARTECR: any write clears the error flags. */
	UWR(PL011_RSR, 0);
	ck_assert_uint_eq(URD(PL011_RSR), 0);
	UWR(PL011_ICR, PL011_INT_ALL);
	ck_assert(!uart.line);
	/* Empty FIFO: DR reads nothing, changes nothing. */
	ck_assert_uint_eq(URD(PL011_DR), 0);
	ck_assert_uint_eq(URD(PL011_FR) & PL011_FR_RXFE, PL011_FR_RXFE);
}
END_TEST

START_TEST(test_uart_rx_fifo_levels)
{
	/* FIFOs on; RXIFLSEL 0b010: trigger at 1/2 full = 8 (3.3.9). */
	UWR(PL011_LCR_H, PL011_LCR_H_FEN | 0x60);
	ck_assert_uint_eq(URD(PL011_LCR_H), 0x70);
	UWR(PL011_IMSC, PL011_INT_RX | PL011_INT_RT);
	for (unsigned i = 0; i < 7; i++)
		ck_assert(pl011_receive(&uart, 'a' + i));
	ck_assert_uint_eq(URD(PL011_RIS), 0);
	ck_assert(pl011_receive(&uart, 'h'));
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_RX);
	ck_assert(uart.line);
	/* Below the trigger again: RX deasserts (2.8). */
	ck_assert_uint_eq(URD(PL011_DR), 'a');
	ck_assert_uint_eq(URD(PL011_RIS), 0);
	ck_assert(!uart.line);
	/* Receive timeout with data present (2.8 UARTRTINTR). */
	pl011_rx_idle(&uart);
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_RT);
	ck_assert_uint_eq(URD(PL011_MIS), PL011_INT_RT);
	/* Fill to 16: RXFF (3.3.3). */
	for (unsigned i = 0; i < 9; i++)
		ck_assert(pl011_receive(&uart, 'i' + i));
	ck_assert_uint_eq(pl011_rx_space(&uart), 0);
	ck_assert_uint_eq(URD(PL011_FR) & PL011_FR_RXFF, PL011_FR_RXFF);
	/* Draining in order; RT clears when the FIFO empties. */
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(URD(PL011_DR), 'b' + i);
	ck_assert_uint_eq(URD(PL011_RIS), 0);
	ck_assert_uint_eq(URD(PL011_FR) & PL011_FR_RXFE, PL011_FR_RXFE);
	/* RXIFLSEL 0b000: 1/8 = 2 characters. */
	UWR(PL011_IFLS, 0x00);
	ck_assert(pl011_receive(&uart, '1'));
	ck_assert_uint_eq(URD(PL011_RIS), 0);
	ck_assert(pl011_receive(&uart, '2'));
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_RX);
}
END_TEST

START_TEST(test_uart_rx_errors)
{
	/* A character with a framing error: UARTDR bit 8, UARTRSR FE, FEIS
	 * (3.3.1, 3.3.2, 3.3.12). */
	ck_assert(pl011_receive(&uart, 'q' | PL011_DR_FE));
	ck_assert_uint_eq(URD(PL011_RIS), PL011_INT_RX | PL011_INT_FE);
	ck_assert_uint_eq(URD(PL011_DR), 'q' | PL011_DR_FE);
	ck_assert_uint_eq(URD(PL011_RSR), PL011_RSR_FE);
	/* A clean character reloads RSR's FE/PE/BE (status of the last
	 * character read). */
	ck_assert(pl011_receive(&uart, 'r'));
	ck_assert_uint_eq(URD(PL011_DR), 'r');
	ck_assert_uint_eq(URD(PL011_RSR), 0);
}
END_TEST

START_TEST(test_uart_loopback_and_regs)
{
	/* 3.3.8 LBE: the transmitter feeds the receiver. */
	UWR(PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE |
			      PL011_CR_LBE);
	UWR(PL011_DR, 'L');
	ck_assert_uint_eq(tx_len, 0);
	ck_assert_uint_eq(URD(PL011_DR), 'L');
	/* Register widths (table 3-1): IBRD 16 bits, FBRD 6, IFLS 6,
	 * IMSC 11, DMACR 3, ILPR 8. */
	UWR(PL011_IBRD, 0xffffffff);
	UWR(PL011_FBRD, 0xffffffff);
	UWR(PL011_IFLS, 0xffffffff);
	UWR(PL011_IMSC, 0xffffffff);
	UWR(PL011_DMACR, 0xffffffff);
	UWR(PL011_ILPR, 0xffffffff);
	ck_assert_uint_eq(URD(PL011_IBRD), 0xffff);
	ck_assert_uint_eq(URD(PL011_FBRD), 0x3f);
	ck_assert_uint_eq(URD(PL011_IFLS), 0x3f);
	ck_assert_uint_eq(URD(PL011_IMSC), 0x7ff);
	ck_assert_uint_eq(URD(PL011_DMACR), 0x7);
	ck_assert_uint_eq(URD(PL011_ILPR), 0xff);
	/* Linux's amba-pl011 uses 16-bit accesses. */
	uint32_t v = 0;
	ck_assert(pl011_mmio(&uart, PL011_IBRD, 2, false, &v));
	ck_assert_uint_eq(v, 0xffff);
}
END_TEST

START_TEST(test_uart_bad_access)
{
	uint32_t v = 0;

	ck_assert(!pl011_mmio(&uart, PL011_DR, 3, false, &v));
	ck_assert(!pl011_mmio(&uart, PL011_DR, 8, true, &v));
	ck_assert(!pl011_mmio(&uart, PL011_DR + 1, 1, false, &v));
	ck_assert(!pl011_mmio(&uart, PL011_FR + 2, 2, false, &v));
	ck_assert(!pl011_mmio(&uart, 0x1000, 4, false, &v));
	/* A reserved offset reads as zero, counted. */
	ck_assert_uint_eq(URD(0x008), 0);
	ck_assert_uint_eq(uart.reserved_accesses, 1);
}
END_TEST

/* =====================================================================
 * PL190 VIC (DDI 0181 chapter 3).
 */
static struct pl190_vic vic;

static void vic_setup(void)
{
	vic_init(&vic);
}

#define VRD(off) vic_rd(&vic, off)
#define VWR(off, val) vic_wr(&vic, off, val)

START_TEST(test_vic_reset_and_id)
{
	static const uint32_t id[8] = {0x90, 0x11, 0x04, 0x00,
				       0x0d, 0xf0, 0x05, 0xb1};

	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(VRD(0xfe0 + 4 * i), id[i]);
	/* 3.3: every register resets to zero. */
	ck_assert_uint_eq(VRD(VIC_INTENABLE), 0);
	ck_assert_uint_eq(VRD(VIC_INTSELECT), 0);
	ck_assert_uint_eq(VRD(VIC_SOFTINT), 0);
	ck_assert_uint_eq(VRD(VIC_PROTECTION), 0);
	ck_assert_uint_eq(VRD(VIC_DEFVECTADDR), 0);
	ck_assert_uint_eq(VRD(VIC_VECTCNTL0 + 4 * 15), 0);
	ck_assert(!vic.irq && !vic.fiq);
}
END_TEST

START_TEST(test_vic_enable_status)
{
	/* 3.3.3: RAWINTR shows the sources before masking; 3.3.1:
	 * IRQSTATUS = raw & enable & ~select. */
	vic_set_line(&vic, 12, true);
	ck_assert_uint_eq(VRD(VIC_RAWINTR), 1u << 12);
	ck_assert_uint_eq(VRD(VIC_IRQSTATUS), 0);
	ck_assert(!vic.irq);
	/* 3.3.5: INTENABLE writes set bits; 0 bits leave others. */
	VWR(VIC_INTENABLE, 1u << 12);
	VWR(VIC_INTENABLE, 1u << 4);
	ck_assert_uint_eq(VRD(VIC_INTENABLE), (1u << 12) | (1u << 4));
	ck_assert_uint_eq(VRD(VIC_IRQSTATUS), 1u << 12);
	ck_assert(vic.irq && !vic.fiq);
	/* 3.3.6: INTENCLEAR clears enables. */
	VWR(VIC_INTENCLEAR, 1u << 12);
	ck_assert_uint_eq(VRD(VIC_INTENABLE), 1u << 4);
	ck_assert(!vic.irq);
	VWR(VIC_INTENABLE, 1u << 12);
	vic_set_line(&vic, 12, false);
	ck_assert(!vic.irq);
	ck_assert_uint_eq(VRD(VIC_RAWINTR), 0);
	/* Writes to the read-only status registers are ignored. */
	VWR(VIC_IRQSTATUS, 0xffffffff);
	ck_assert_uint_eq(VRD(VIC_IRQSTATUS), 0);
}
END_TEST

START_TEST(test_vic_fiq_select)
{
	/* 3.3.4: INTSELECT 1 = FIQ; 3.3.2 FIQSTATUS. */
	VWR(VIC_INTENABLE, (1u << 3) | (1u << 9));
	VWR(VIC_INTSELECT, 1u << 3);
	vic_set_line(&vic, 3, true);
	ck_assert_uint_eq(VRD(VIC_FIQSTATUS), 1u << 3);
	ck_assert_uint_eq(VRD(VIC_IRQSTATUS), 0);
	ck_assert(vic.fiq && !vic.irq);
	vic_set_line(&vic, 9, true);
	ck_assert(vic.fiq && vic.irq);
	/* FIQ needs the enable too (FIQSTATUS = raw & enable & select). */
	VWR(VIC_INTENCLEAR, 1u << 3);
	ck_assert(!vic.fiq);
	ck_assert_uint_eq(VRD(VIC_FIQSTATUS), 0);
}
END_TEST

START_TEST(test_vic_softint)
{
	/* 3.3.7/3.3.8: SOFTINT sets, SOFTINTCLEAR clears; soft bits OR
	 * into RAWINTR.  What tests/process/plat-versatile.S does. */
	VWR(VIC_INTSELECT, 0x2);
	VWR(VIC_INTENABLE, 0x3);
	VWR(VIC_SOFTINT, 0x1);
	ck_assert_uint_eq(VRD(VIC_SOFTINT), 0x1);
	ck_assert_uint_eq(VRD(VIC_RAWINTR), 0x1);
	ck_assert(vic.irq && !vic.fiq);
	VWR(VIC_SOFTINT, 0x2);
	ck_assert(vic.irq && vic.fiq);
	VWR(VIC_SOFTINTCLEAR, 0x1);
	ck_assert_uint_eq(VRD(VIC_SOFTINT), 0x2);
	ck_assert(!vic.irq && vic.fiq);
	VWR(VIC_SOFTINTCLEAR, 0x2);
	ck_assert(!vic.irq && !vic.fiq);
	/* A soft interrupt and the hardware line are ORed. */
	vic_set_line(&vic, 0, true);
	VWR(VIC_SOFTINT, 0x1);
	VWR(VIC_SOFTINTCLEAR, 0x1);
	ck_assert(vic.irq);
}
END_TEST

START_TEST(test_vic_vectored_priority)
{
	/* Slot 0 (highest): source 5 at 0x1000; slot 1: source 3 at
	 * 0x1100; default vector 0x2000 (3.3.10-3.3.12, 2.2). */
	VWR(VIC_VECTADDR0 + 0, 0x1000);
	VWR(VIC_VECTADDR0 + 4, 0x1100);
	VWR(VIC_VECTCNTL0 + 0, VIC_VECTCNTL_ENABLE | 5);
	VWR(VIC_VECTCNTL0 + 4, VIC_VECTCNTL_ENABLE | 3);
	VWR(VIC_DEFVECTADDR, 0x2000);
	VWR(VIC_INTENABLE, (1u << 3) | (1u << 5) | (1u << 7));
	ck_assert_uint_eq(VRD(VIC_VECTCNTL0), 0x25);

	vic_set_line(&vic, 3, true);
	ck_assert(vic.irq);
	/* Acknowledge: slot 1's address; its level and below masked. */
	ck_assert_uint_eq(VRD(VIC_VECTADDR), 0x1100);
	ck_assert(!vic.irq);
	/* A lower priority (non-vectored 7) stays masked. */
	vic_set_line(&vic, 7, true);
	ck_assert(!vic.irq);
	/* A higher priority (slot 0) nests. */
	vic_set_line(&vic, 5, true);
	ck_assert(vic.irq);
	ck_assert_uint_eq(VRD(VIC_VECTADDR), 0x1000);
	ck_assert(!vic.irq);
	/* Re-reading while nothing higher is pending: the current
	 * routine's address, no change. */
	ck_assert_uint_eq(VRD(VIC_VECTADDR), 0x1000);
	/* The handler clears its source, then writes VECTADDR (EOI):
	 * back to slot 1's level, where 3 and 7 are still masked. */
	vic_set_line(&vic, 5, false);
	VWR(VIC_VECTADDR, 0);
	ck_assert(!vic.irq);
	/* EOI of slot 1 without clearing source 3: it asserts again. */
	VWR(VIC_VECTADDR, 0);
	ck_assert(vic.irq);
	vic_set_line(&vic, 3, false);
	ck_assert(vic.irq); /* 7, non-vectored, is now allowed */
	ck_assert_uint_eq(VRD(VIC_VECTADDR), 0x2000);
	ck_assert(!vic.irq);
	/* While a non-vectored IRQ is in service, a vectored one nests. */
	vic_set_line(&vic, 3, true);
	ck_assert(vic.irq);
	ck_assert_uint_eq(VRD(VIC_VECTADDR), 0x1100);
	vic_set_line(&vic, 3, false);
	VWR(VIC_VECTADDR, 0);
	vic_set_line(&vic, 7, false);
	VWR(VIC_VECTADDR, 0);
	ck_assert(!vic.irq);
	/* Nothing pending, nothing in service: the default address. */
	ck_assert_uint_eq(VRD(VIC_VECTADDR), 0x2000);
	ck_assert_uint_eq(vic.priority, VIC_PRIO_NONE);
	/* A disabled slot does not vector its source. */
	VWR(VIC_VECTCNTL0, 5);
	vic_set_line(&vic, 5, true);
	ck_assert_uint_eq(VRD(VIC_VECTADDR), 0x2000);
}
END_TEST

START_TEST(test_vic_linux_init)
{
	/* Linux 6.1 drivers/irqchip/irq-vic.c: clear, then read/write
	 * VECTADDR 19 times, then slot i = source i, DEFVECTADDR 32. */
	VWR(VIC_INTSELECT, 0);
	VWR(VIC_INTENABLE, 0);
	VWR(VIC_INTENCLEAR, 0xffffffff);
	VWR(VIC_SOFTINTCLEAR, 0xffffffff);
	VWR(VIC_VECTADDR, 0);
	for (unsigned i = 0; i < 19; i++)
		VWR(VIC_VECTADDR, VRD(VIC_VECTADDR));
	for (unsigned i = 0; i < 16; i++)
		VWR(VIC_VECTCNTL0 + 4 * i, VIC_VECTCNTL_ENABLE | i);
	VWR(VIC_DEFVECTADDR, 32);
	ck_assert_uint_eq(vic.priority, VIC_PRIO_NONE);
	/* Linux handles IRQs by reading IRQSTATUS only. */
	VWR(VIC_INTENABLE, 1u << 4);
	vic_set_line(&vic, 4, true);
	ck_assert(vic.irq);
	ck_assert_uint_eq(VRD(VIC_IRQSTATUS), 1u << 4);
}
END_TEST

START_TEST(test_vic_regs_and_bad_access)
{
	uint32_t v = 0;

	VWR(VIC_PROTECTION, 0xffffffff);
	ck_assert_uint_eq(VRD(VIC_PROTECTION), 1); /* 3.3.9: bit 0 */
	VWR(VIC_VECTCNTL0 + 8, 0xffffffff);
	ck_assert_uint_eq(VRD(VIC_VECTCNTL0 + 8), 0x3f); /* 3.3.12 */
	VWR(VIC_VECTADDR0 + 60, 0xcafef00d);
	ck_assert_uint_eq(VRD(VIC_VECTADDR0 + 60), 0xcafef00d);
	ck_assert(!vic_mmio(&vic, VIC_INTENABLE, 1, true, &v));
	ck_assert(!vic_mmio(&vic, VIC_INTENABLE, 2, false, &v));
	ck_assert(!vic_mmio(&vic, VIC_INTENABLE + 2, 4, false, &v));
	ck_assert_uint_eq(VRD(0x040), 0); /* reserved */
	ck_assert_uint_eq(vic.reserved_accesses, 1);
}
END_TEST

/* =====================================================================
 * SP804 (DDI 0271 chapter 3).
 */
static struct sp804 tim;

static void timer_setup(void)
{
	sp804_init(&tim);
}

#define TRD(off) tim_rd(&tim, off)
#define TWR(off, val) tim_wr(&tim, off, val)

#define EN SP804_CTRL_ENABLE
#define PER SP804_CTRL_PERIODIC
#define IE SP804_CTRL_INTEN
#define B32 SP804_CTRL_32BIT
#define ONE SP804_CTRL_ONESHOT

START_TEST(test_timer_reset_and_id)
{
	static const uint32_t id[8] = {0x04, 0x18, 0x14, 0x00,
				       0x0d, 0xf0, 0x05, 0xb1};

	for (unsigned t = 0; t < 2; t++) {
		uint32_t b = t * SP804_TIMER2;

		/* 3.3: Load 0, Value 0xFFFFFFFF, Control 0x20, RIS 0. */
		ck_assert_uint_eq(TRD(b + SP804_LOAD), 0);
		ck_assert_uint_eq(TRD(b + SP804_VALUE), 0xffffffff);
		ck_assert_uint_eq(TRD(b + SP804_CONTROL), 0x20);
		ck_assert_uint_eq(TRD(b + SP804_RIS), 0);
		ck_assert_uint_eq(TRD(b + SP804_MIS), 0);
		ck_assert_uint_eq(TRD(b + SP804_BGLOAD), 0);
	}
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(TRD(0xfe0 + 4 * i), id[i]);
	/* Disabled timers do not count. */
	sp804_advance(&tim, 1000);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0xffffffff);
	ck_assert_uint_eq(sp804_next_event(&tim), SP804_NO_EVENT);
}
END_TEST

/* Periodic mode, 32 bits, each prescale (3.3.3 TimerPre: /1, /16, /256):
 * Load L reaches zero after L counter clocks (interrupt), reloads L on
 * the next one: a period of L + 1. */
START_TEST(test_timer_periodic_prescale)
{
	static const uint32_t pre[3] = {SP804_CTRL_PRE_1, SP804_CTRL_PRE_16,
					SP804_CTRL_PRE_256};
	static const uint32_t div[3] = {1, 16, 256};
	uint32_t p = pre[_i], d = div[_i];

	TWR(SP804_LOAD, 100);
	TWR(SP804_CONTROL, EN | PER | IE | B32 | p);
	ck_assert_uint_eq(sp804_next_event(&tim), 100 * d);
	sp804_advance(&tim, 99 * d + d - 1);
	ck_assert_uint_eq(TRD(SP804_VALUE), 1);
	ck_assert_uint_eq(TRD(SP804_RIS), 0);
	ck_assert_uint_eq(sp804_next_event(&tim), 1);
	sp804_advance(&tim, 1);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
	ck_assert_uint_eq(TRD(SP804_MIS), 1);
	ck_assert(tim.line);
	/* At zero the next interrupt is a whole period away. */
	ck_assert_uint_eq(sp804_next_event(&tim), 101 * d);
	sp804_advance(&tim, d);
	ck_assert_uint_eq(TRD(SP804_VALUE), 100);
	/* 3.3.4: any write to IntClr clears the interrupt. */
	TWR(SP804_INTCLR, 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 0);
	ck_assert(!tim.line);
	sp804_advance(&tim, 100 * d);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	ck_assert(tim.line);
	/* Many periods in one advance: Load 3 (period 4), from zero. */
	TWR(SP804_INTCLR, 0);
	TWR(SP804_LOAD, 3);
	sp804_advance(&tim, (3 + 1000001) * d); /* 1000001 % 4 == 1 */
	ck_assert_uint_eq(TRD(SP804_VALUE), 3);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
}
END_TEST

START_TEST(test_timer_free_running)
{
	/* 3.3.3 TimerMode 0: free-running, wraps to the maximum. */
	TWR(SP804_LOAD, 5);
	TWR(SP804_CONTROL, EN | IE | B32);
	sp804_advance(&tim, 5);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
	sp804_advance(&tim, 1);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0xffffffff);
	TWR(SP804_INTCLR, 1);
	sp804_advance(&tim, 0xffffffff);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);

	/* 16 bits (TimerSize 0): wraps to 0xFFFF; a Load keeps its low
	 * half in the counter. */
	TWR(SP804_CONTROL, 0x20);
	TWR(SP804_INTCLR, 1);
	TWR(SP804_LOAD, 0x12345);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0x2345);
	ck_assert_uint_eq(TRD(SP804_LOAD), 0x12345);
	TWR(SP804_CONTROL, EN | IE | SP804_CTRL_PRE_16);
	sp804_advance(&tim, 0x2345 * 16);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
	sp804_advance(&tim, 16);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0xffff);
	ck_assert_uint_eq(sp804_next_event(&tim), 0xffff * 16);
	/* 16-bit periodic: the reload is Load's low half. */
	TWR(SP804_CONTROL, EN | PER | IE);
	sp804_advance(&tim, 0xffff);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	sp804_advance(&tim, 1);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0x2345);
	/* 32-bit /256 from 0xFFFFFFFF: 2^40 ticks, beyond 32 bits. */
	TWR(SP804_CONTROL, EN | IE | B32 | SP804_CTRL_PRE_256);
	TWR(SP804_LOAD, 0xffffffff);
	ck_assert_uint_eq(sp804_next_event(&tim), SP804_NO_EVENT);
}
END_TEST

START_TEST(test_timer_one_shot)
{
	/* 3.3.3 OneShot (overrides TimerMode): halts at zero. */
	TWR(SP804_LOAD, 50);
	TWR(SP804_CONTROL, EN | ONE | PER | IE | B32 | SP804_CTRL_PRE_16);
	sp804_advance(&tim, 50 * 16 - 1);
	ck_assert_uint_eq(TRD(SP804_VALUE), 1);
	sp804_advance(&tim, 1);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
	TWR(SP804_INTCLR, 0);
	sp804_advance(&tim, 100000);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 0);
	ck_assert_uint_eq(sp804_next_event(&tim), SP804_NO_EVENT);
	/* Reloading restarts it (Linux's set_next_event). */
	TWR(SP804_LOAD, 10);
	ck_assert_uint_eq(sp804_next_event(&tim), 160);
	sp804_advance(&tim, 160);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
	/* 3.3.1: a Load of 0 while running interrupts at once. */
	TWR(SP804_INTCLR, 0);
	TWR(SP804_LOAD, 0);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
}
END_TEST

START_TEST(test_timer_bgload_and_mis)
{
	/* 3.3.7: BGLoad changes the reload value only. */
	TWR(SP804_LOAD, 100);
	TWR(SP804_CONTROL, EN | PER | B32); /* IntEnable clear */
	sp804_advance(&tim, 50);
	TWR(SP804_BGLOAD, 10);
	ck_assert_uint_eq(TRD(SP804_VALUE), 50);
	ck_assert_uint_eq(TRD(SP804_LOAD), 10);
	ck_assert_uint_eq(TRD(SP804_BGLOAD), 10);
	sp804_advance(&tim, 50);
	ck_assert_uint_eq(TRD(SP804_VALUE), 0);
	/* 3.3.5/3.3.6: RIS regardless of IntEnable, MIS masked. */
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
	ck_assert_uint_eq(TRD(SP804_MIS), 0);
	ck_assert(!tim.line);
	ck_assert_uint_eq(sp804_next_event(&tim), SP804_NO_EVENT);
	sp804_advance(&tim, 1);
	ck_assert_uint_eq(TRD(SP804_VALUE), 10);
	TWR(SP804_CONTROL, EN | PER | B32 | IE);
	ck_assert_uint_eq(TRD(SP804_MIS), 1);
	ck_assert(tim.line);
	/* VALUE is read-only (Linux writes it: ignored). */
	TWR(SP804_VALUE, 1234);
	ck_assert_uint_eq(TRD(SP804_VALUE), 10);
}
END_TEST

START_TEST(test_timer_two_timers)
{
	/* Timer 2 at +0x20 counts on its own; TIMINTC is the OR. */
	TWR(SP804_TIMER2 + SP804_LOAD, 7);
	TWR(SP804_TIMER2 + SP804_CONTROL, EN | PER | IE | B32);
	TWR(SP804_LOAD, 20);
	TWR(SP804_CONTROL, EN | PER | IE | B32);
	ck_assert_uint_eq(sp804_next_event(&tim), 7);
	sp804_advance(&tim, 7);
	ck_assert_uint_eq(TRD(SP804_TIMER2 + SP804_RIS), 1);
	ck_assert_uint_eq(TRD(SP804_RIS), 0);
	ck_assert_uint_eq(TRD(SP804_VALUE), 13);
	ck_assert(tim.line);
	ck_assert_uint_eq(sp804_next_event(&tim), 8); /* min(13, 7 + 1) */
	TWR(SP804_TIMER2 + SP804_INTCLR, 0);
	ck_assert(!tim.line);
	/* Prescale code 0b11 (undefined): /1 as QEMU. */
	TWR(SP804_CONTROL, EN | PER | IE | B32 | SP804_CTRL_PRE_MASK);
	sp804_advance(&tim, 13);
	ck_assert_uint_eq(TRD(SP804_RIS), 1);
}
END_TEST

START_TEST(test_timer_bad_access)
{
	uint32_t v = 0;

	ck_assert(!sp804_mmio(&tim, SP804_LOAD, 1, true, &v));
	ck_assert(!sp804_mmio(&tim, SP804_VALUE, 2, false, &v));
	ck_assert(!sp804_mmio(&tim, SP804_VALUE + 1, 4, false, &v));
	ck_assert_uint_eq(TRD(SP804_ITCR), 0);
	ck_assert_uint_eq(TRD(0x040), 0);
	ck_assert_uint_eq(tim.reserved_accesses, 1);
}
END_TEST

/* =====================================================================
 * System registers (DUI 0224 4.3).
 */
static struct sysctl sys;
static unsigned resets;
static uint32_t reset_value;

static void on_reset(void *opaque, uint32_t resetctl)
{
	(void)opaque;
	resets++;
	reset_value = resetctl;
}

static void sysctl_setup(void)
{
	resets = 0;
	reset_value = 0;
	sysctl_init(&sys, on_reset, NULL);
}

#define SRD(off) sys_rd(&sys, off)
#define SWR(off, val) sys_wr(&sys, off, val)

START_TEST(test_sysctl_id_lock)
{
	ck_assert_uint_eq(SRD(SYS_ID), 0x41007004);
	/* 4.3.7 SYS_LOCK: locked at reset (bit 16). */
	ck_assert_uint_eq(SRD(SYS_LOCK), 0x10000);
	SWR(SYS_LOCK, 0xa05f);
	ck_assert_uint_eq(SRD(SYS_LOCK), 0xa05f);
	SWR(SYS_LOCK, 0);
	ck_assert_uint_eq(SRD(SYS_LOCK), 0x10000);
	/* LEDs (4.3.3): bits 7:0. */
	SWR(SYS_LED, 0x1ff);
	ck_assert_uint_eq(SRD(SYS_LED), 0xff);
	/* Oscillators only written with the lock open. */
	SWR(SYS_OSC4, 0x2c77);
	ck_assert_uint_eq(SRD(SYS_OSC4), 0);
	SWR(SYS_LOCK, 0xa05f);
	SWR(SYS_OSC4, 0x2c77);
	ck_assert_uint_eq(SRD(SYS_OSC4), 0x2c77);
	/* Flags: set and clear registers. */
	SWR(SYS_FLAGS, 0x11);
	SWR(SYS_FLAGSCLR, 0x01);
	ck_assert_uint_eq(SRD(SYS_FLAGS), 0x10);
}
END_TEST

START_TEST(test_sysctl_reset_sequence)
{
	/* Locked: a reset write does nothing. */
	SWR(SYS_RESETCTL, 0x105);
	ck_assert_uint_eq(resets, 0);
	ck_assert_uint_eq(SRD(SYS_RESETCTL), 0);
	/* Linux 6.1 arm-versatile-reboot.c (VERSATILE_REBOOT_CM): unlock,
	 * regmap_update_bits(RESETCTL, 0x107, 0x105), lock. */
	SWR(SYS_LOCK, 0xa05f);
	uint32_t old = SRD(SYS_RESETCTL);
	SWR(SYS_RESETCTL, (old & ~0x107u) | 0x105);
	SWR(SYS_LOCK, 0);
	ck_assert_uint_eq(resets, 1);
	ck_assert_uint_eq(reset_value, 0x105);
	ck_assert(sys.reset_requested);
	ck_assert_uint_eq(SRD(SYS_RESETCTL), 0x105);
	/* A level without bit 8 is stored, no reset. */
	SWR(SYS_LOCK, 0xa05f);
	SWR(SYS_RESETCTL, 0x004);
	ck_assert_uint_eq(resets, 1);
}
END_TEST

START_TEST(test_sysctl_counters)
{
	/* 4.3.8 SYS_100HZ and 4.3.16 SYS_24MHZ from 1 MHz ticks. */
	ck_assert_uint_eq(SRD(SYS_100HZ), 0);
	ck_assert_uint_eq(SRD(SYS_24MHZ), 0);
	sysctl_advance(&sys, 9999);
	ck_assert_uint_eq(SRD(SYS_100HZ), 0);
	ck_assert_uint_eq(SRD(SYS_24MHZ), 239976);
	sysctl_advance(&sys, 1);
	ck_assert_uint_eq(SRD(SYS_100HZ), 1);
	ck_assert_uint_eq(SRD(SYS_24MHZ), 240000);
	/* 0xffffffff ticks = 429496 * 10000 + 7295 */
	sysctl_advance(&sys, 0xffffffff);
	ck_assert_uint_eq(SRD(SYS_100HZ), 1 + 429496);
	sysctl_advance(&sys, 10000 - 7295 - 1);
	ck_assert_uint_eq(SRD(SYS_100HZ), 1 + 429496);
	sysctl_advance(&sys, 1);
	ck_assert_uint_eq(SRD(SYS_100HZ), 1 + 429497);
	/* 24 MHz wraps modulo 2^32: (10000 + 0xffffffff + 2705) * 24 */
	ck_assert_uint_eq(SRD(SYS_24MHZ),
			  (uint32_t)((10000u + 2705u - 1u) * 24u));
	/* Counters are read-only. */
	SWR(SYS_100HZ, 0);
	ck_assert_uint_eq(SRD(SYS_100HZ), 429498);
}
END_TEST

START_TEST(test_sysctl_bad_access)
{
	uint32_t v = 0;

	ck_assert(!sysctl_mmio(&sys, SYS_ID, 1, false, &v));
	ck_assert(!sysctl_mmio(&sys, SYS_ID, 2, false, &v));
	ck_assert(!sysctl_mmio(&sys, SYS_ID + 2, 4, false, &v));
	ck_assert(!sysctl_mmio(&sys, 0x1000, 4, false, &v));
	/* SYS_CLCD (0x50) exists on the board, not in the model; 0x100 on
	 * is reserved: both read as zero, counted. */
	ck_assert_uint_eq(SRD(0x50), 0);
	SWR(0xffc, 1);
	ck_assert_uint_eq(SRD(0x100), 0);
	ck_assert_uint_eq(sys.unmodelled_accesses, 3);
}
END_TEST

/* =====================================================================
 * The board: addresses, routing, interrupt propagation.
 */
/* ---------------------------------------------------------------------
 * devmath.h: the models' division, against C's.
 */
/* =====================================================================
 * SIC (DUI 0224, secondary interrupt controller; docs/devices.md "SIC").
 */
static struct sic sic;

static void sic_setup(void)
{
	sic_init(&sic);
}

START_TEST(test_sic_enable_status)
{
	/* Reset: nothing enabled, nothing pending, no pass-through. */
	ck_assert_uint_eq(sic_rd(&sic, SIC_STATUS), 0);
	ck_assert_uint_eq(sic_rd(&sic, SIC_RAWSTAT), 0);
	ck_assert_uint_eq(sic_rd(&sic, SIC_ENABLE), 0);
	ck_assert_uint_eq(sic_rd(&sic, SIC_PICENABLE), 0);
	ck_assert(!sic.line);
	/* An input shows in RAWSTAT; STATUS = RAWSTAT & ENABLE. */
	sic_set_line(&sic, 3, true);
	ck_assert_uint_eq(sic_rd(&sic, SIC_RAWSTAT), 1u << 3);
	ck_assert_uint_eq(sic_rd(&sic, SIC_STATUS), 0);
	ck_assert(!sic.line);
	/* ENSET: 1s enable, 0s leave alone. */
	sic_wr(&sic, SIC_ENABLE, 1u << 3);
	sic_wr(&sic, SIC_ENABLE, 1u << 9);
	ck_assert_uint_eq(sic_rd(&sic, SIC_ENABLE), 1u << 3 | 1u << 9);
	ck_assert_uint_eq(sic_rd(&sic, SIC_STATUS), 1u << 3);
	ck_assert(sic.line);
	/* ENCLR: 1s disable. */
	sic_wr(&sic, SIC_ENCLR, 1u << 3);
	ck_assert_uint_eq(sic_rd(&sic, SIC_ENABLE), 1u << 9);
	ck_assert(!sic.line);
	sic_wr(&sic, SIC_ENABLE, 1u << 3);
	ck_assert(sic.line);
	/* Level-sensitive: the input going low ends it. */
	sic_set_line(&sic, 3, false);
	ck_assert_uint_eq(sic_rd(&sic, SIC_STATUS), 0);
	ck_assert(!sic.line);
	/* STATUS and RAWSTAT are read-only. */
	sic_wr(&sic, SIC_STATUS, ~0u);
	sic_wr(&sic, SIC_RAWSTAT, ~0u);
	ck_assert_uint_eq(sic_rd(&sic, SIC_RAWSTAT), 0);
}
END_TEST

START_TEST(test_sic_softint)
{
	/* Input 0 is the software interrupt: SOFTINTSET bit 0 raises it,
	 * other bits do nothing; SOFTINTCLR bit 0 lowers it. */
	sic_wr(&sic, SIC_SOFTINTSET, 0xfffffffe);
	ck_assert_uint_eq(sic_rd(&sic, SIC_RAWSTAT), 0);
	sic_wr(&sic, SIC_SOFTINTSET, 1);
	ck_assert_uint_eq(sic_rd(&sic, SIC_RAWSTAT), 1);
	ck_assert_uint_eq(sic_rd(&sic, SIC_SOFTINTSET), 1);
	ck_assert_uint_eq(sic_rd(&sic, SIC_ENABLE), 0); /* not QEMU's */
	ck_assert(!sic.line);
	sic_wr(&sic, SIC_ENABLE, 1);
	ck_assert_uint_eq(sic_rd(&sic, SIC_STATUS), 1);
	ck_assert(sic.line);
	/* A device cannot drive input 0. */
	sic_set_line(&sic, 0, false);
	ck_assert(sic.line);
	sic_wr(&sic, SIC_SOFTINTCLR, 1);
	ck_assert_uint_eq(sic_rd(&sic, SIC_RAWSTAT), 0);
	ck_assert(!sic.line);
}
END_TEST

START_TEST(test_sic_passthrough)
{
	/* PICENSET keeps bits 21-30 only (Linux writes 0xffd00000). */
	sic_wr(&sic, SIC_PICENABLE, 0xffd00000);
	ck_assert_uint_eq(sic_rd(&sic, SIC_PICENABLE), 0x7fc00000);
	sic_wr(&sic, SIC_PICENABLE, 0xffffffff);
	ck_assert_uint_eq(sic_rd(&sic, SIC_PICENABLE), 0x7fe00000);
	/* An enabled pass-through follows its input, SIC enable or not. */
	sic_set_line(&sic, 25, true);
	sic_set_line(&sic, 12, true);
	ck_assert_uint_eq(sic_passthrough(&sic), 1u << 25);
	ck_assert(!sic.line);
	sic_wr(&sic, SIC_PICENCLR, 1u << 25);
	ck_assert_uint_eq(sic_rd(&sic, SIC_PICENABLE), 0x7dc00000 | 1u << 21);
	ck_assert_uint_eq(sic_passthrough(&sic), 0);
	/* Linux's init: ENCLR all, the FPGA IRQ controller's FIQ enable
	 * clear at 0x2c (not a SIC register: ignored, counted). */
	sic_wr(&sic, SIC_ENCLR, 0xffffffff);
	sic_wr(&sic, 0x2c, 0xffffffff);
	ck_assert_uint_eq(sic.reserved_accesses, 1);
	ck_assert_uint_eq(sic_rd(&sic, SIC_ENABLE), 0);
}
END_TEST

START_TEST(test_sic_bad_access)
{
	uint32_t v = 0;

	ck_assert(!sic_mmio(&sic, SIC_STATUS, 1, false, &v));
	ck_assert(!sic_mmio(&sic, SIC_ENABLE, 2, true, &v));
	ck_assert(!sic_mmio(&sic, 0x0a, 4, false, &v));
	ck_assert(!sic_mmio(&sic, 0x1000, 4, false, &v));
	/* Not a PrimeCell: no identification registers. */
	ck_assert_uint_eq(sic_rd(&sic, 0xfe0), 0);
	ck_assert_uint_eq(sic_rd(&sic, 0xff0), 0);
}
END_TEST

START_TEST(test_devmath_udivmod)
{
	static const uint32_t edge[] = { 0, 1, 2, 3, 9999, 10000, 10001,
					 0x7fffffff, 0x80000000, 0x80000001,
					 0xfffffffe, 0xffffffff };
	uint32_t x = 12345;

	for (unsigned i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		for (unsigned j = 0; j < sizeof(edge) / sizeof(edge[0]); j++) {
			uint32_t n = edge[i], d = edge[j], r = 0xdead;

			if (!d)
				continue;
			ck_assert_uint_eq(dev_udivmod32(n, d, &r), n / d);
			ck_assert_uint_eq(r, n % d);
		}
	for (unsigned k = 0; k < 100000; k++) {
		uint32_t n, d, r;

		x = x * 1103515245u + 12345u;
		n = x >> (x & 31);
		x = x * 1103515245u + 12345u;
		d = (x >> (x & 31)) | 1u;
		ck_assert_uint_eq(dev_udivmod32(n, d, &r), n / d);
		ck_assert_uint_eq(r, n % d);
	}
	ck_assert_uint_eq(dev_udivmod32(7, 2, NULL), 3);
}
END_TEST

static struct versatile_board board;
static unsigned irq_calls;
static bool last_irq, last_fiq;

static void on_irq(void *opaque, bool irq, bool fiq)
{
	(void)opaque;
	irq_calls++;
	last_irq = irq;
	last_fiq = fiq;
}

static void board_setup(void)
{
	static const struct versatile_callbacks cb = {
		.uart_putc = tx_putc,
		.reset = on_reset,
		.irq_out = on_irq,
	};

	tx_len = 0;
	irq_calls = 0;
	resets = 0;
	last_irq = last_fiq = false;
	versatile_init(&board, &cb);
}

#define BRD(off) board_rd(&board, off)
#define BWR(off, val) board_wr(&board, off, val)

START_TEST(test_board_map)
{
	armpv_mmio_fn fn = versatile_mmio; /* the core's callback type */
	uint32_t v = 0;

	ck_assert(fn(&board, 0x10000000 + SYS_ID, 4, false, &v));
	ck_assert_uint_eq(v, 0x41007004);
	ck_assert_uint_eq(BRD(0x10140fe0), 0x90);
	ck_assert_uint_eq(BRD(0x101e2fe0), 0x04);
	ck_assert_uint_eq(BRD(0x101e3fe0), 0x04);
	ck_assert_uint_eq(BRD(0x101f1fe0), 0x11);
	ck_assert_uint_eq(BRD(0x10003000 + SIC_PICENABLE), 0);
	/* The SP810 page reads 0 and ignores writes (Linux's
	 * versatile_init_early read-modify-writes SCCTRL). */
	BWR(0x101e0000, 0x002a8000);
	ck_assert_uint_eq(BRD(0x101e0000), 0);
	ck_assert_uint_eq(BRD(0x101e0fe0), 0);
	ck_assert_uint_eq(board.sctl_accesses, 3);
	ck_assert(!fn(&board, 0x101e0000, 1, false, &v));
	/* Absent hardware: UART1, watchdog, RAM hole, top of memory. */
	static const uint32_t absent[] = {0x10004000, 0x101f2000, 0x101e1000,
					  0x101e4000, 0x00000000, 0xfffffffc,
					  0x10141000, 0x1013f000};
	for (unsigned i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		ck_assert(!fn(&board, absent[i], 4, false, &v));
		ck_assert(!fn(&board, absent[i], 4, true, &v));
	}
	/* Bad sizes reach the device and abort there. */
	ck_assert(!fn(&board, 0x10140010, 1, false, &v));
	/* The UART takes a byte store (Linux's early console). */
	v = 'Z';
	ck_assert(fn(&board, 0x101f1000, 1, true, &v));
	ck_assert_uint_eq(tx_len, 1);
	ck_assert_uint_eq(tx_buf[0], 'Z');
	/* Reset through the board. */
	BWR(0x10000020, 0xa05f);
	BWR(0x10000040, 0x105);
	ck_assert_uint_eq(resets, 1);
}
END_TEST

START_TEST(test_board_timer_irq)
{
	/* Timer 0 (0x101e2000) is VIC source 4, timer 2 (0x101e3000) 5
	 * (DUI 0224 table 4-44). */
	BWR(0x10140010, (1u << 4) | (1u << 5));
	BWR(0x101e2000 + SP804_LOAD, 9999);
	BWR(0x101e2000 + SP804_CONTROL, EN | PER | IE | B32);
	BWR(0x101e3000 + SP804_TIMER2 + SP804_LOAD, 4);
	BWR(0x101e3000 + SP804_TIMER2 + SP804_CONTROL, EN | ONE | IE | B32);
	ck_assert_uint_eq(versatile_next_event(&board), 4);
	versatile_advance(&board, 4);
	ck_assert(board.irq && last_irq && !last_fiq);
	ck_assert_uint_eq(irq_calls, 1);
	ck_assert_uint_eq(BRD(0x10140000), 1u << 5);
	BWR(0x101e3000 + SP804_TIMER2 + SP804_INTCLR, 0);
	ck_assert(!board.irq && !last_irq);
	ck_assert_uint_eq(irq_calls, 2);
	ck_assert_uint_eq(versatile_next_event(&board), 9999 - 4);
	versatile_advance(&board, 9999 - 4);
	ck_assert(board.irq);
	ck_assert_uint_eq(BRD(0x10140000), 1u << 4);
	ck_assert_uint_eq(BRD(0x101e2000 + SP804_VALUE), 0);
	/* The same source as FIQ. */
	BWR(0x1014000c, 1u << 4);
	ck_assert(!board.irq && board.fiq && last_fiq);
	BWR(0x101e2000 + SP804_INTCLR, 0);
	ck_assert(!board.irq && !board.fiq);
	/* The system counters advance with the same ticks. */
	ck_assert_uint_eq(BRD(0x10000024), 0); /* 9,999 ticks */
	ck_assert_uint_eq(BRD(0x1000005c), 9999 * 24);
	versatile_advance(&board, 1);
	ck_assert_uint_eq(BRD(0x10000024), 1);
}
END_TEST

/*
 * What the bare-metal monitor relies on to skip bringing the models up to
 * date around an access that cannot observe time (board.c): advancing
 * by a then b ticks is advancing by a + b, and no interrupt line moves
 * before versatile_next_event() ticks have passed -- exactly then one
 * does.  Per configuration of both SP804s (DDI 0271 3.3.3): periodic
 * with and without prescale, one-shot, free-running 16-bit, and an
 * interrupt already pending.
 */
static void time_state_eq(const struct versatile_board *a,
			  const struct versatile_board *b)
{
	for (unsigned t = 0; t < 2; t++) {
		for (unsigned i = 0; i < 2; i++) {
			const struct sp804_timer *x = &a->timer[t].timer[i];
			const struct sp804_timer *y = &b->timer[t].timer[i];

			ck_assert_uint_eq(x->value, y->value);
			ck_assert_uint_eq(x->phase, y->phase);
			ck_assert_int_eq(x->ris, y->ris);
		}
		ck_assert_int_eq(a->timer[t].line, b->timer[t].line);
	}
	ck_assert_uint_eq(a->sysctl.count_100hz, b->sysctl.count_100hz);
	ck_assert_uint_eq(a->sysctl.count_24mhz, b->sysctl.count_24mhz);
	ck_assert_uint_eq(a->sysctl.rem_100hz, b->sysctl.rem_100hz);
	ck_assert_int_eq(a->irq, b->irq);
	ck_assert_uint_eq(a->vic.lines, b->vic.lines);
}

START_TEST(test_board_time_split)
{
	static const struct {
		uint32_t load0, ctrl0, load1, ctrl1;
	} cfg[6] = {
		{ 249, EN | PER | IE | B32, 0, 0 },
		{ 99, EN | PER | IE | B32 | SP804_CTRL_PRE_16, 7,
		  EN | ONE | IE | B32 },
		{ 3, EN | PER | IE | SP804_CTRL_PRE_256, 1000,
		  EN | PER | B32 },
		{ 0xfff0, EN | IE, 5, EN | ONE | IE | B32 | SP804_CTRL_PRE_16 },
		{ 0, EN | PER | IE | B32, 300, EN | PER | IE | B32 },
		{ 10, EN | ONE | IE | B32, 20, EN | ONE | B32 },
	};
	const uint32_t t1 = 0x101e2000, t2 = 0x101e3000 + SP804_TIMER2;
	uint32_t x = 777;

	BWR(0x10140010, (1u << 4) | (1u << 5));
	BWR(t1 + SP804_LOAD, cfg[_i].load0);
	BWR(t1 + SP804_CONTROL, cfg[_i].ctrl0);
	BWR(t2 + SP804_LOAD, cfg[_i].load1);
	BWR(t2 + SP804_CONTROL, cfg[_i].ctrl1);
	for (unsigned round = 0; round < 40; round++) {
		struct versatile_board whole, split;
		uint32_t next = versatile_next_event(&board), a, b;

		/* An odd phase under the prescalers. */
		x = x * 1103515245u + 12345u;
		versatile_advance(&board, (x >> 16) % 37);
		next = versatile_next_event(&board);
		if (next == SP804_NO_EVENT)
			break;
		ck_assert_uint_ge(next, 1);
		/* Up to next - 1 ticks, in two steps: no line moves. */
		x = x * 1103515245u + 12345u;
		a = (x >> 8) % next;
		b = next - 1 - a;
		whole = board;
		split = board;
		versatile_advance(&whole, a + b);
		versatile_advance(&split, a);
		versatile_advance(&split, b);
		time_state_eq(&whole, &split);
		ck_assert_uint_eq(whole.vic.lines, board.vic.lines);
		ck_assert_int_eq(whole.timer[0].line, board.timer[0].line);
		ck_assert_int_eq(whole.timer[1].line, board.timer[1].line);
		/* The next tick raises a line (a timer reaches zero with its
		 * interrupt enabled). */
		versatile_advance(&whole, 1);
		versatile_advance(&split, 1);
		time_state_eq(&whole, &split);
		ck_assert(whole.timer[0].line || whole.timer[1].line);
		board = whole;
		/* Clear the interrupts half of the time, so that some
		 * rounds start with a line already high. */
		if (round & 1) {
			BWR(t1 + SP804_INTCLR, 0);
			BWR(t2 + SP804_INTCLR, 0);
		}
	}
}
END_TEST

START_TEST(test_board_uart_irq)
{
	/* UART0 is VIC source 12. */
	BWR(0x10140010, 1u << 12);
	BWR(0x101f1000 + PL011_IMSC, PL011_INT_RX | PL011_INT_RT);
	ck_assert(!board.irq);
	ck_assert(versatile_uart_receive(&board, 'k'));
	ck_assert(board.irq && last_irq);
	ck_assert_uint_eq(BRD(0x10140000), 1u << 12);
	ck_assert_uint_eq(BRD(0x101f1000 + PL011_DR), 'k');
	ck_assert(!board.irq && !last_irq);
}
END_TEST

/* ------------------------------------------------------------------- */

START_TEST(test_board_sic)
{
	/* The SIC's output is VIC source 31 (DUI 0224 table 4-44). */
	BWR(0x10140010, 1u << 31);
	BWR(0x10003000 + SIC_ENABLE, 1);
	ck_assert(!board.irq);
	BWR(0x10003000 + SIC_SOFTINTSET, 1);
	ck_assert_uint_eq(BRD(0x10140000 + VIC_RAWINTR), 1u << 31);
	ck_assert_uint_eq(BRD(0x10140000), 1u << 31);
	ck_assert(board.irq && last_irq);
	BWR(0x10003000 + SIC_ENCLR, 1);
	ck_assert(!board.irq && !last_irq);
	BWR(0x10003000 + SIC_ENABLE, 1);
	ck_assert(board.irq);
	BWR(0x10003000 + SIC_SOFTINTCLR, 1);
	ck_assert(!board.irq);
	ck_assert_uint_eq(BRD(0x10140000 + VIC_RAWINTR), 0);
	/* Pass-through: SIC input 22 straight onto VIC source 22. */
	BWR(0x10140010, 1u << 22);
	BWR(0x10003000 + SIC_PICENABLE, 1u << 22);
	sic_set_line(&board.sic, 22, true);
	versatile_update_irq(&board);
	ck_assert_uint_eq(BRD(0x10140000 + VIC_RAWINTR), 1u << 22);
	ck_assert(board.irq);
	BWR(0x10003000 + SIC_PICENCLR, 1u << 22);
	ck_assert_uint_eq(BRD(0x10140000 + VIC_RAWINTR), 0);
	ck_assert(!board.irq);
}
END_TEST

START_TEST(test_board_regions)
{
	/* The table is the map: every row answers, in address order, and
	 * the page after each does not unless the next row starts there. */
	uint32_t v;

	for (unsigned i = 0; i < VERSATILE_NREGIONS; i++) {
		const struct dev_region *r = &versatile_regions[i];

		ck_assert_uint_eq(r->size, 0x1000);
		ck_assert(versatile_mmio(&board, r->base, 4, false, &v));
		ck_assert(versatile_mmio(&board, r->base + r->size - 4, 4,
					 false, &v));
		if (i + 1 == VERSATILE_NREGIONS ||
		    versatile_regions[i + 1].base != r->base + r->size)
			ck_assert(!versatile_mmio(&board, r->base + r->size, 4,
						  false, &v));
		if (i)
			ck_assert_uint_gt(r->base, versatile_regions[i - 1].base);
	}
	ck_assert_uint_eq(versatile_regions[1].base, 0x10003000);
}
END_TEST

static Suite *devices_suite(void)
{
	Suite *s = suite_create("devices");
	TCase *tc;

	tc = tcase_create("pl011");
	tcase_add_checked_fixture(tc, uart_setup, NULL);
	tcase_add_test(tc, test_uart_reset_and_id);
	tcase_add_test(tc, test_uart_tx);
	tcase_add_test(tc, test_uart_rx_nofifo);
	tcase_add_test(tc, test_uart_rx_fifo_levels);
	tcase_add_test(tc, test_uart_rx_errors);
	tcase_add_test(tc, test_uart_loopback_and_regs);
	tcase_add_test(tc, test_uart_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl190");
	tcase_add_checked_fixture(tc, vic_setup, NULL);
	tcase_add_test(tc, test_vic_reset_and_id);
	tcase_add_test(tc, test_vic_enable_status);
	tcase_add_test(tc, test_vic_fiq_select);
	tcase_add_test(tc, test_vic_softint);
	tcase_add_test(tc, test_vic_vectored_priority);
	tcase_add_test(tc, test_vic_linux_init);
	tcase_add_test(tc, test_vic_regs_and_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("sp804");
	tcase_add_checked_fixture(tc, timer_setup, NULL);
	tcase_add_test(tc, test_timer_reset_and_id);
	tcase_add_loop_test(tc, test_timer_periodic_prescale, 0, 3);
	tcase_add_test(tc, test_timer_free_running);
	tcase_add_test(tc, test_timer_one_shot);
	tcase_add_test(tc, test_timer_bgload_and_mis);
	tcase_add_test(tc, test_timer_two_timers);
	tcase_add_test(tc, test_timer_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("sysctl");
	tcase_add_checked_fixture(tc, sysctl_setup, NULL);
	tcase_add_test(tc, test_sysctl_id_lock);
	tcase_add_test(tc, test_sysctl_reset_sequence);
	tcase_add_test(tc, test_sysctl_counters);
	tcase_add_test(tc, test_sysctl_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("sic");
	tcase_add_checked_fixture(tc, sic_setup, NULL);
	tcase_add_test(tc, test_sic_enable_status);
	tcase_add_test(tc, test_sic_softint);
	tcase_add_test(tc, test_sic_passthrough);
	tcase_add_test(tc, test_sic_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("devmath");
	tcase_add_test(tc, test_devmath_udivmod);
	suite_add_tcase(s, tc);

	tc = tcase_create("board");
	tcase_add_checked_fixture(tc, board_setup, NULL);
	tcase_add_test(tc, test_board_map);
	tcase_add_loop_test(tc, test_board_time_split, 0, 6);
	tcase_add_test(tc, test_board_timer_irq);
	tcase_add_test(tc, test_board_uart_irq);
	tcase_add_test(tc, test_board_sic);
	tcase_add_test(tc, test_board_regions);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(devices_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
