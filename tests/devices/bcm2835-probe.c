// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bcm2835-probe.c -- one sequence of BCM2835 register accesses, printed
 * as "name=value" lines, built twice (tests/devices/bcm2835-qemu.sh):
 *
 *  - natively for QEMU's raspi0 (ARM1176, -kernel ELF, Secure SVC with
 *    IRQ and FIQ masked): volatile accesses to the real (QEMU's) devices,
 *    output on the PL011 UART0, semihosting exit;
 *  - hosted (PROBE_HOSTED) against the models: the same accesses through
 *    bcm2835_mmio(), time through bcm2835_advance(), output through the
 *    board's uart_putc callback to stdout.
 *
 * The script compares the two transcripts; where they differ the
 * difference must be one docs/devices.md lists ("Differences from
 * QEMU").  Waiting: natively a busy loop on CLO (QEMU's compare timers
 * fire from its main loop, late by host scheduling: 20 ms leaves room);
 * hosted an advance of exactly that many ticks.
 */
#include <stdint.h>

#define UART 0x20201000u
#define IC 0x2000b200u
#define ST 0x20003000u
#define PM 0x20100000u

#ifdef PROBE_HOSTED
#include <stdio.h>
#include <stdlib.h>

#include "bcm2835.h"

static struct bcm2835_board board;

static uint32_t rd(uint32_t a)
{
	uint32_t v = 0;

	if (!bcm2835_mmio(&board, a, 4, false, &v)) {
		fprintf(stderr, "read of 0x%08x aborted\n", (unsigned)a);
		exit(99);
	}
	return v;
}

static void wr(uint32_t a, uint32_t v)
{
	if (!bcm2835_mmio(&board, a, 4, true, &v)) {
		fprintf(stderr, "write of 0x%08x aborted\n", (unsigned)a);
		exit(99);
	}
}

static void wait_us(uint32_t us)
{
	bcm2835_advance(&board, us);
}

static void probe_putc(void *opaque, uint8_t byte)
{
	(void)opaque;
	putchar(byte);
}
#else
static uint32_t rd(uint32_t a)
{
	return *(volatile uint32_t *)a;
}

static void wr(uint32_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static void wait_us(uint32_t us)
{
	uint32_t t = rd(ST + 4);

	while (rd(ST + 4) - t < us)
		;
}
#endif

static void put_str(const char *s)
{
	while (*s)
		wr(UART, (uint8_t)*s++);
}

static void show(const char *name, uint32_t v)
{
	put_str(name);
	put_str("=");
	for (int i = 28; i >= 0; i -= 4)
		wr(UART, (uint8_t)"0123456789abcdef"[(v >> i) & 15]);
	put_str("\n");
}

static void probe(void)
{
	uint32_t clo;

	put_str("probe\n");
	/* armctrl: reset values, enable/disable reads. */
	show("ic_basic_reset", rd(IC + 0x00));
	show("ic_en1_reset", rd(IC + 0x10));
	show("ic_dis1_reset", rd(IC + 0x1c));
	show("ic_disb_reset", rd(IC + 0x24));
	wr(IC + 0x18, 0xffffffffu);
	show("ic_enb_all", rd(IC + 0x18));
	show("ic_disb_all", rd(IC + 0x24));
	wr(IC + 0x24, 0xffffffffu);
	show("ic_reserved_28", rd(IC + 0x28));
	/* System timer channel 1 matches with GPU IRQ 1 disabled. */
	wr(ST + 0x10, rd(ST + 4) + 20);
	wait_us(20000);
	show("st_cs_c1", rd(ST + 0x00));
	show("ic_pend1_masked", rd(IC + 0x04));
	show("ic_basic_masked", rd(IC + 0x00));
	wr(IC + 0x10, 1u << 1);
	show("ic_pend1_enabled", rd(IC + 0x04));
	show("ic_basic_enabled", rd(IC + 0x00));
	show("ic_dis1_enabled", rd(IC + 0x1c));
	/* UART0, GPU IRQ 57: shortcut bit 19, with IRQ 1 still pending. */
	wr(UART + 0x38, 1u << 5); /* UARTIMSC = TXIM */
	put_str("tx\n");
	show("uart_ris", rd(UART + 0x3c) & 0x20);
	wr(IC + 0x14, 1u << 25);
	show("ic_pend2_uart", rd(IC + 0x08));
	show("ic_basic_uart_irq1", rd(IC + 0x00));
	wr(ST + 0x00, 0x2);
	show("st_cs_cleared", rd(ST + 0x00));
	show("ic_basic_uart", rd(IC + 0x00));
	wr(UART + 0x38, 0);
	show("ic_basic_uart_masked", rd(IC + 0x00));
	wr(IC + 0x1c, 0xffffffffu);
	wr(IC + 0x20, 0xffffffffu);
	/* FIQ control keeps bits 7:0. */
	wr(IC + 0x0c, 0xffffffc7u);
	show("ic_fiqctl", rd(IC + 0x0c));
	wr(IC + 0x0c, 0);
	/* C3 written equal to CLO. */
	clo = rd(ST + 4);
	wr(ST + 0x18, clo);
	wait_us(20000);
	show("st_cs_c3_eq_clo", rd(ST + 0x00) & 0x8);
	wr(ST + 0x00, 0xf);
	/* CS write-1-to-clear, CLO/CHI read-only. */
	wr(ST + 0x0c, rd(ST + 4) + 30);
	wr(ST + 0x14, rd(ST + 4) + 30);
	wait_us(20000);
	show("st_cs_c0_c2", rd(ST + 0x00) & 0x5);
	wr(ST + 0x00, 0x1);
	show("st_cs_c2", rd(ST + 0x00) & 0x5);
	wr(ST + 0x00, 0xf);
	wr(ST + 0x08, 0x12345678u);
	show("st_chi", rd(ST + 0x08));
	/* PM: reset values, password, WDOG stored while not armed. */
	show("pm_rstc", rd(PM + 0x1c));
	show("pm_rsts", rd(PM + 0x20));
	show("pm_wdog", rd(PM + 0x24));
	wr(PM + 0x24, 0x5a000000u | 1000);
	wait_us(5000);
	show("pm_wdog_unarmed", rd(PM + 0x24));
	wr(PM + 0x20, 0x1555);
	show("pm_rsts_nopw", rd(PM + 0x20));
	wr(PM + 0x20, 0x5a001001u);
	show("pm_rsts_pw", rd(PM + 0x20));
	show("pm_reserved_00", rd(PM + 0x00));
	put_str("done\n");
}

#ifdef PROBE_HOSTED
int main(void)
{
	static const struct bcm2835_callbacks cb = {.uart_putc = probe_putc};

	bcm2835_init(&board, &cb);
	probe();
	return 0;
}
#else
/* Semihosting SYS_EXIT, ADP_Stopped_ApplicationExit (ARM state). */
static void __attribute__((noinline, noreturn)) probe_exit(void)
{
	register uint32_t r0 __asm__("r0") = 0x18;
	register uint32_t r1 __asm__("r1") = 0x20026;

	__asm__ volatile("svc 0x123456" : : "r"(r0), "r"(r1) : "memory");
	for (;;)
		;
}

void probe_main(void);

void probe_main(void)
{
	probe();
	probe_exit();
}
#endif
