// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check_bcm2835.c -- unit tests of the BCM2835 device models
 * (monitor/devices/bcm2835*.[ch]).
 *
 * Expected values are written by hand, never obtained by running the
 * models: from BCM2835 ARM Peripherals (Broadcom, 2012; chapter 7 the
 * interrupt controller, chapter 12 the system timer), Linux 6.1's drivers
 * (irq-bcm2835.c, bcm2835_timer.c, bcm2835_wdt.c) and device tree
 * (bcm283x.dtsi, bcm2835-common.dtsi), and for the PM block's reset
 * values QEMU's bcm2835_powermgt.c.  Sections are cited at each group.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "armpv_core.h" /* armpv_mmio_fn: bcm2835_mmio must be one */
#include "bcm2835.h"

/* Compile-time: the board's MMIO entry has the core's signature. */
static const armpv_mmio_fn bcm2835_mmio_is_an_mmio_fn = bcm2835_mmio;

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

MMIO_HELPERS(ic, struct bcm2835_intc, bcm2835_intc_mmio)
MMIO_HELPERS(st, struct bcm2835_systimer, bcm2835_systimer_mmio)
MMIO_HELPERS(pm, struct bcm2835_pm, bcm2835_pm_mmio)
MMIO_HELPERS(board, void, bcm2835_mmio)

/* =====================================================================
 * Interrupt controller (manual chapter 7; offsets from 0x7e00b200).
 */
static struct bcm2835_intc ic;

static void ic_setup(void)
{
	bcm2835_intc_init(&ic);
}

#define IRD(off) ic_rd(&ic, off)
#define IWR(off, val) ic_wr(&ic, off, val)

START_TEST(test_ic_reset)
{
	/* 7.5: every register resets to 0. */
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING2), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_FIQ_CONTROL), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE2), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE_BASIC), 0);
	/* Disable registers read the complement of the enables (QEMU's
	 * choice; the manual gives no read value). */
	ck_assert_uint_eq(IRD(BCM2835_IC_DISABLE1), 0xffffffffu);
	ck_assert_uint_eq(IRD(BCM2835_IC_DISABLE2), 0xffffffffu);
	ck_assert_uint_eq(IRD(BCM2835_IC_DISABLE_BASIC), 0xffffffffu);
	ck_assert(!ic.irq && !ic.fiq);
	ck_assert_uint_eq(ic.reserved_accesses, 0);
}
END_TEST

START_TEST(test_ic_enable_disable)
{
	/* A raised line is not pending while disabled. */
	bcm2835_intc_set_gpu_line(&ic, 3, true);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0);
	ck_assert(!ic.irq);
	/* Enable IRQs 1: 1s enable. */
	IWR(BCM2835_IC_ENABLE1, 1u << 3);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0x8);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0x8);
	/* GPU IRQ 3 has no shortcut: basic pending bit 8 only. */
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x100);
	ck_assert(ic.irq);
	/* 0s leave the enables alone; further 1s add. */
	IWR(BCM2835_IC_ENABLE1, 0);
	IWR(BCM2835_IC_ENABLE1, 0x80000000u);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0x80000008u);
	ck_assert_uint_eq(IRD(BCM2835_IC_DISABLE1), 0x7ffffff7u);
	/* Disable IRQs 1: 1s disable, 0s leave alone. */
	IWR(BCM2835_IC_DISABLE1, 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0x80000008u);
	IWR(BCM2835_IC_DISABLE1, 0x8);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0x80000000u);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0);
	ck_assert(!ic.irq);
	/* Lowering a line removes it from pending. */
	IWR(BCM2835_IC_ENABLE1, 0x8);
	ck_assert(ic.irq);
	bcm2835_intc_set_gpu_line(&ic, 3, false);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0);
	ck_assert(!ic.irq);

	/* Bank 2: GPU IRQ 40 is bit 8 of pending 2, basic bit 9. */
	bcm2835_intc_set_gpu_line(&ic, 40, true);
	IWR(BCM2835_IC_ENABLE2, 1u << 8);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE2), 0x100);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING2), 0x100);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x200);
	ck_assert(ic.irq);
	IWR(BCM2835_IC_DISABLE2, 1u << 8);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0);
	ck_assert(!ic.irq);

	/* Basic (ARM) sources: bits 7:0 of the basic registers only. */
	bcm2835_intc_set_arm_line(&ic, 0, true); /* ARM timer */
	bcm2835_intc_set_arm_line(&ic, 7, true); /* illegal access 0 */
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0);
	IWR(BCM2835_IC_ENABLE_BASIC, 0xffffffffu);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE_BASIC), 0xff);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x81);
	ck_assert(ic.irq);
	IWR(BCM2835_IC_DISABLE_BASIC, 0x01);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE_BASIC), 0xfe);
	ck_assert_uint_eq(IRD(BCM2835_IC_DISABLE_BASIC), 0xffffff01u);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x80);
	IWR(BCM2835_IC_DISABLE_BASIC, 0x80);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0);
	ck_assert(!ic.irq);
	/* The pending registers are read-only. */
	IWR(BCM2835_IC_BASIC_PENDING, 0xffffffffu);
	IWR(BCM2835_IC_PENDING1, 0xffffffffu);
	IWR(BCM2835_IC_PENDING2, 0xffffffffu);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0x80000008u);
	ck_assert(!ic.irq);
}
END_TEST

/* 7.5 "IRQ basic pending": bits 10-20 are GPU IRQs 7, 9, 10, 18, 19, 53,
 * 54, 55, 56, 57, 62; every other GPU IRQ shows as bit 8 (0-31) or bit 9
 * (32-63).  Loop over all 64 sources, one at a time. */
START_TEST(test_ic_basic_shortcuts)
{
	static const struct {
		unsigned irq, bit;
	} shortcut[] = {{7, 10},  {9, 11},  {10, 12}, {18, 13},
			{19, 14}, {53, 15}, {54, 16}, {55, 17},
			{56, 18}, {57, 19}, {62, 20}};
	unsigned n = (unsigned)_i;
	uint32_t expect = n < 32 ? 0x100 : 0x200;

	for (unsigned i = 0; i < sizeof(shortcut) / sizeof(shortcut[0]); i++)
		if (shortcut[i].irq == n)
			expect = 1u << shortcut[i].bit;
	IWR(BCM2835_IC_ENABLE1, 0xffffffffu);
	IWR(BCM2835_IC_ENABLE2, 0xffffffffu);
	bcm2835_intc_set_gpu_line(&ic, n, true);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), expect);
	ck_assert_uint_eq(IRD(n < 32 ? BCM2835_IC_PENDING1
				     : BCM2835_IC_PENDING2),
			  1u << (n & 31));
	ck_assert_uint_eq(IRD(n < 32 ? BCM2835_IC_PENDING2
				     : BCM2835_IC_PENDING1),
			  0);
	ck_assert(ic.irq && !ic.fiq);
	/* Disabled: the shortcut goes too. */
	IWR(n < 32 ? BCM2835_IC_DISABLE1 : BCM2835_IC_DISABLE2,
	    1u << (n & 31));
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0);
	ck_assert(!ic.irq);
}
END_TEST

START_TEST(test_ic_shortcut_and_rest)
{
	/* A shortcut source with another source of its bank: bit 8/9 says
	 * "more in pending 1/2" because of the other one only. */
	IWR(BCM2835_IC_ENABLE1, 0xffffffffu);
	IWR(BCM2835_IC_ENABLE2, 0xffffffffu);
	bcm2835_intc_set_gpu_line(&ic, 9, true);  /* bit 11 */
	bcm2835_intc_set_gpu_line(&ic, 62, true); /* bit 20 */
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x100800);
	bcm2835_intc_set_gpu_line(&ic, 1, true);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x100900);
	bcm2835_intc_set_gpu_line(&ic, 63, true);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x100b00);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING1), 0x202);
	ck_assert_uint_eq(IRD(BCM2835_IC_PENDING2), 0xc0000000u);
	/* With an ARM source too. */
	bcm2835_intc_set_arm_line(&ic, 1, true);
	IWR(BCM2835_IC_ENABLE_BASIC, 0x2);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0x100b02);
}
END_TEST

START_TEST(test_ic_fiq)
{
	/* 7.3 / 7.5 "FIQ control": bit 7 enable, bits 6:0 the source. */
	IWR(BCM2835_IC_FIQ_CONTROL, 0x80 | 57);
	ck_assert_uint_eq(IRD(BCM2835_IC_FIQ_CONTROL), 0xb9);
	ck_assert(!ic.fiq);
	/* The selected source drives nFIQ without its IRQ enable... */
	bcm2835_intc_set_gpu_line(&ic, 57, true);
	ck_assert(ic.fiq && !ic.irq);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 0);
	/* ...and both when its IRQ is enabled as well ("not a good
	 * idea", 7.3). */
	IWR(BCM2835_IC_ENABLE2, 1u << 25);
	ck_assert(ic.fiq && ic.irq);
	ck_assert_uint_eq(IRD(BCM2835_IC_BASIC_PENDING), 1u << 19);
	IWR(BCM2835_IC_DISABLE2, 1u << 25);
	/* FIQ enable clear: no FIQ. */
	IWR(BCM2835_IC_FIQ_CONTROL, 57);
	ck_assert(!ic.fiq && !ic.irq);
	/* Another source: the selection follows that line. */
	IWR(BCM2835_IC_FIQ_CONTROL, 0x80 | 3);
	ck_assert(!ic.fiq);
	bcm2835_intc_set_gpu_line(&ic, 3, true);
	ck_assert(ic.fiq);
	bcm2835_intc_set_gpu_line(&ic, 3, false);
	ck_assert(!ic.fiq);
	/* 64-71: the ARM sources; 66 = doorbell 0 (basic bit 2). */
	IWR(BCM2835_IC_FIQ_CONTROL, 0x80 | 66);
	bcm2835_intc_set_arm_line(&ic, 2, true);
	ck_assert(ic.fiq && !ic.irq);
	bcm2835_intc_set_arm_line(&ic, 2, false);
	ck_assert(!ic.fiq);
	/* 72-127 select nothing. */
	bcm2835_intc_set_arm_line(&ic, 7, true);
	IWR(BCM2835_IC_FIQ_CONTROL, 0x80 | 71);
	ck_assert(ic.fiq);
	IWR(BCM2835_IC_FIQ_CONTROL, 0x80 | 72);
	ck_assert(!ic.fiq);
	IWR(BCM2835_IC_FIQ_CONTROL, 0xff);
	ck_assert(!ic.fiq);
	/* Bits 31:8 are not stored. */
	IWR(BCM2835_IC_FIQ_CONTROL, 0xffffff00u | 0x80 | 71);
	ck_assert_uint_eq(IRD(BCM2835_IC_FIQ_CONTROL), 0xc7);
	ck_assert(ic.fiq);
}
END_TEST

START_TEST(test_ic_linux_init)
{
	/* irq-bcm2835.c armctrl_of_init: per bank, read the enable
	 * register and write it to the disable register if non-zero; read
	 * FIQ control and clear it if bit 7 is set.  Left enabled by a
	 * "bootloader": */
	IWR(BCM2835_IC_ENABLE1, 0x00010001u);
	IWR(BCM2835_IC_ENABLE_BASIC, 0x1);
	IWR(BCM2835_IC_FIQ_CONTROL, 0x80 | 5);
	{
		static const uint32_t en[3] = {BCM2835_IC_ENABLE_BASIC,
					       BCM2835_IC_ENABLE1,
					       BCM2835_IC_ENABLE2};
		static const uint32_t dis[3] = {BCM2835_IC_DISABLE_BASIC,
						BCM2835_IC_DISABLE1,
						BCM2835_IC_DISABLE2};

		for (unsigned b = 0; b < 3; b++) {
			uint32_t reg = IRD(en[b]);

			if (reg)
				IWR(dis[b], reg);
		}
	}
	if (IRD(BCM2835_IC_FIQ_CONTROL) & 0x80)
		IWR(BCM2835_IC_FIQ_CONTROL, 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE2), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE_BASIC), 0);
	ck_assert_uint_eq(IRD(BCM2835_IC_FIQ_CONTROL), 0);
	ck_assert_uint_eq(ic.reserved_accesses, 0);
}
END_TEST

START_TEST(test_ic_bad_access)
{
	uint32_t v = 0;

	/* Word accesses only. */
	ck_assert(!bcm2835_intc_mmio(&ic, BCM2835_IC_ENABLE1, 1, false, &v));
	ck_assert(!bcm2835_intc_mmio(&ic, BCM2835_IC_ENABLE1, 2, true, &v));
	ck_assert(!bcm2835_intc_mmio(&ic, BCM2835_IC_ENABLE1 + 2, 4, false,
				     &v));
	/* 0x28-0x1ff: read 0, writes ignored, counted. */
	ck_assert_uint_eq(IRD(0x28), 0);
	IWR(0x28, 0xffffffffu);
	ck_assert_uint_eq(IRD(0x1fc), 0);
	ck_assert_uint_eq(ic.reserved_accesses, 3);
	ck_assert_uint_eq(IRD(BCM2835_IC_ENABLE1), 0);
	/* 0x200 is the next device's (not this region). */
	ck_assert(!bcm2835_intc_mmio(&ic, 0x200, 4, false, &v));
}
END_TEST

/* =====================================================================
 * System timer (manual chapter 12).
 */
static struct bcm2835_systimer st;

static void st_setup(void)
{
	bcm2835_systimer_init(&st);
}

#define SRD(off) st_rd(&st, off)
#define SWR(off, val) st_wr(&st, off, val)
#define ST_C(n) (BCM2835_ST_C0 + 4 * (n))

START_TEST(test_st_reset_and_regs)
{
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	ck_assert_uint_eq(SRD(BCM2835_ST_CLO), 0);
	ck_assert_uint_eq(SRD(BCM2835_ST_CHI), 0);
	for (unsigned n = 0; n < 4; n++) {
		ck_assert_uint_eq(SRD(ST_C(n)), 0);
		SWR(ST_C(n), 0x11111111u * (n + 1));
	}
	for (unsigned n = 0; n < 4; n++)
		ck_assert_uint_eq(SRD(ST_C(n)), 0x11111111u * (n + 1));
	/* CLO and CHI are read-only. */
	SWR(BCM2835_ST_CLO, 1234);
	SWR(BCM2835_ST_CHI, 1234);
	ck_assert_uint_eq(SRD(BCM2835_ST_CLO), 0);
	ck_assert_uint_eq(SRD(BCM2835_ST_CHI), 0);
	/* The counter counts the ticks advanced. */
	bcm2835_systimer_advance(&st, 123456);
	ck_assert_uint_eq(SRD(BCM2835_ST_CLO), 123456);
	ck_assert_uint_eq(st.reserved_accesses, 0);
}
END_TEST

START_TEST(test_st_match_exact)
{
	/* Linux's set_next_event: C3 = CLO + delta. */
	bcm2835_systimer_advance(&st, 5000);
	SWR(ST_C(3), SRD(BCM2835_ST_CLO) + 100);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st), 100);
	bcm2835_systimer_advance(&st, 99);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	ck_assert(!bcm2835_systimer_line(&st, 3));
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st), 1);
	bcm2835_systimer_advance(&st, 1); /* CLO == C3 now */
	ck_assert_uint_eq(SRD(BCM2835_ST_CLO), 5100);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	ck_assert(bcm2835_systimer_line(&st, 3));
	/* M3 stays set as time goes on. */
	bcm2835_systimer_advance(&st, 1000);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	/* CS: write 1 to clear; 0s change nothing. */
	SWR(BCM2835_ST_CS, 0x0);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	SWR(BCM2835_ST_CS, 0x7);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	SWR(BCM2835_ST_CS, 0x8);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	ck_assert(!bcm2835_systimer_line(&st, 3));

	/* A match inside a long advance, with two channels. */
	SWR(ST_C(1), SRD(BCM2835_ST_CLO) + 10);
	SWR(ST_C(3), SRD(BCM2835_ST_CLO) + 20);
	bcm2835_systimer_advance(&st, 15);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x2);
	bcm2835_systimer_advance(&st, 100);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0xa);
	SWR(BCM2835_ST_CS, 0x2);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	SWR(BCM2835_ST_CS, 0xffffffffu);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
}
END_TEST

START_TEST(test_st_wrap)
{
	/* 64-bit counter: CLO carries into CHI. */
	SWR(ST_C(0), 0x10);
	SWR(ST_C(1), 0xfffffff0u);
	SWR(ST_C(2), 0xffffffffu);
	SWR(ST_C(3), 5);
	bcm2835_systimer_advance(&st, 5); /* C3 */
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	bcm2835_systimer_advance(&st, 0xfffffff0u - 5); /* C0, C1 */
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0xb);
	ck_assert_uint_eq(SRD(BCM2835_ST_CLO), 0xfffffff0u);
	ck_assert_uint_eq(SRD(BCM2835_ST_CHI), 0);
	SWR(BCM2835_ST_CS, 0xf);
	bcm2835_systimer_advance(&st, 0x20); /* C2 at 0xffffffff */
	ck_assert_uint_eq(SRD(BCM2835_ST_CLO), 0x10);
	ck_assert_uint_eq(SRD(BCM2835_ST_CHI), 1);
	/* C0 = 0x10 and C3 = 5 matched again, 2^32 ticks after the
	 * first time. */
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0xd);
	SWR(BCM2835_ST_CS, 0xf);
	/* The largest advance: 2^32 - 1 ticks reaches every compare value
	 * but the current CLO (0x10: C0), which is 2^32 ticks away. */
	bcm2835_systimer_advance(&st, 0xffffffffu);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0xe);
	ck_assert_uint_eq(SRD(BCM2835_ST_CLO), 0x0f);
	ck_assert_uint_eq(SRD(BCM2835_ST_CHI), 2);
	bcm2835_systimer_advance(&st, 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0xf);
}
END_TEST

START_TEST(test_st_compare_equal_clo)
{
	/* Writing Cn equal to CLO: the counter has left that value; the
	 * next match is 2^32 ticks later (QEMU fires at once: docs). */
	bcm2835_systimer_advance(&st, 777);
	SWR(ST_C(3), 777);
	bcm2835_systimer_advance(&st, 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS) & 0x8, 0);
	/* At reset every Cn is 0 = CLO: 2^32 ticks, reported as the
	 * largest distance. */
	bcm2835_systimer_reset(&st);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st),
			  BCM2835_ST_MAX_EVENT);
	ck_assert_uint_eq(BCM2835_ST_MAX_EVENT, 0xfffffffeu);
}
END_TEST

START_TEST(test_st_compare_after_clo_read)
{
	uint32_t r;

	/* Linux's set_next_event, Cn = CLO + delta, with the counter
	 * moving past Cn while the two accesses are emulated: the match
	 * at the write, not 2^32 ticks later (bcm2835-systimer.h). */
	bcm2835_systimer_advance(&st, 1000);
	r = SRD(BCM2835_ST_CLO);
	bcm2835_systimer_advance(&st, 100);
	SWR(ST_C(3), r + 15);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	SWR(BCM2835_ST_CS, 0x8);
	/* Passed exactly at the write (Cn = CLO now): matched too. */
	r = SRD(BCM2835_ST_CLO);
	bcm2835_systimer_advance(&st, 20);
	SWR(ST_C(2), r + 20);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x4);
	SWR(BCM2835_ST_CS, 0x4);
	/* Still ahead: the chip's match, at the tick. */
	r = SRD(BCM2835_ST_CLO);
	bcm2835_systimer_advance(&st, 10);
	SWR(ST_C(3), r + 50);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	bcm2835_systimer_advance(&st, 39);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	bcm2835_systimer_advance(&st, 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x8);
	SWR(BCM2835_ST_CS, 0x8);
	/* At or behind the value read (a compare parked behind CLO, as
	 * armpv-bm parks its own): the chip's 2^32 ticks. */
	r = SRD(BCM2835_ST_CLO);
	bcm2835_systimer_advance(&st, 100);
	SWR(ST_C(3), r);
	SWR(ST_C(1), r - 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	/* Another access between the read and the write (here CS): the
	 * chip's behaviour, no match for a passed Cn. */
	r = SRD(BCM2835_ST_CLO);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	bcm2835_systimer_advance(&st, 100);
	SWR(ST_C(3), r + 15);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	/* Only the first write after the read: a second write of a
	 * passed value does not match. */
	r = SRD(BCM2835_ST_CLO);
	bcm2835_systimer_advance(&st, 100);
	SWR(ST_C(0), r + 1000000);
	SWR(ST_C(3), r + 15);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	/* CHI read in between: no longer right after the CLO read. */
	r = SRD(BCM2835_ST_CLO);
	(void)SRD(BCM2835_ST_CHI);
	bcm2835_systimer_advance(&st, 100);
	SWR(ST_C(3), r + 15);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	/* Reset forgets the read. */
	r = SRD(BCM2835_ST_CLO);
	bcm2835_systimer_reset(&st);
	bcm2835_systimer_advance(&st, 100);
	SWR(ST_C(3), 15);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
}
END_TEST

START_TEST(test_st_next_event)
{
	static const uint32_t dist[4] = {40000, 7, 0xfffffffeu, 123456};

	/* Each channel's distance; the nearest wins. */
	bcm2835_systimer_advance(&st, 0x80000000u);
	for (unsigned n = 0; n < 4; n++)
		SWR(ST_C(n), 0x80000000u + dist[n]);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st), 7);
	/* Exact: one tick short, nothing; the next tick, the match. */
	bcm2835_systimer_advance(&st, 6);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0);
	bcm2835_systimer_advance(&st, 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x2);
	/* A set match bit takes its channel out (its next match changes
	 * nothing): channel 0 next. */
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st), 40000 - 7);
	bcm2835_systimer_advance(&st, 40000 - 7 - 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x2);
	bcm2835_systimer_advance(&st, 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0x3);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st), 123456 - 40000);
	bcm2835_systimer_advance(&st, 123456 - 40000);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0xb);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st),
			  0xfffffffeu - 123456);
	bcm2835_systimer_advance(&st, 0xfffffffeu - 123456);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS), 0xf);
	/* All four set: no event. */
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st),
			  BCM2835_ST_NO_EVENT);
	/* Clearing M1: its compare value is 2^32 - (0xfffffffe - 7) ticks
	 * ahead = 9. */
	SWR(BCM2835_ST_CS, 0x2);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st), 9);
	/* Cn one tick behind CLO: 2^32 - 1 ticks, reported as the
	 * largest distance, an early wake-up. */
	SWR(ST_C(1), SRD(BCM2835_ST_CLO) - 1);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st),
			  BCM2835_ST_MAX_EVENT);
	bcm2835_systimer_advance(&st, BCM2835_ST_MAX_EVENT);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS) & 0x2, 0);
	ck_assert_uint_eq(bcm2835_systimer_next_event(&st), 1);
	bcm2835_systimer_advance(&st, 1);
	ck_assert_uint_eq(SRD(BCM2835_ST_CS) & 0x2, 0x2);
}
END_TEST

START_TEST(test_st_bad_access)
{
	uint32_t v = 0;

	ck_assert(!bcm2835_systimer_mmio(&st, BCM2835_ST_CLO, 1, false, &v));
	ck_assert(!bcm2835_systimer_mmio(&st, BCM2835_ST_CLO, 2, false, &v));
	ck_assert(!bcm2835_systimer_mmio(&st, BCM2835_ST_CLO + 1, 4, false,
					 &v));
	ck_assert(!bcm2835_systimer_mmio(&st, 0x1000, 4, false, &v));
	ck_assert_uint_eq(SRD(0x1c), 0);
	SWR(0x1c, 0xffffffffu);
	ck_assert_uint_eq(SRD(0xffc), 0);
	ck_assert_uint_eq(st.reserved_accesses, 3);
}
END_TEST

/* =====================================================================
 * PM watchdog (Linux 6.1 bcm2835_wdt.c; reset values QEMU's).
 */
static struct bcm2835_pm pm;
static unsigned resets;
static enum bcm2835_reset_kind last_kind;

static void record_reset(void *opaque, enum bcm2835_reset_kind kind)
{
	(void)opaque;
	resets++;
	last_kind = kind;
}

static void pm_setup(void)
{
	resets = 0;
	last_kind = (enum bcm2835_reset_kind)-1;
	bcm2835_pm_init(&pm, record_reset, NULL);
}

#define PRD(off) pm_rd(&pm, off)
#define PWR(off, val) pm_wr(&pm, off, val)

/* __bcm2835_restart(): WDOG = 10 | password, RSTC read-modify-write. */
static void pm_linux_restart(void)
{
	uint32_t val;

	PWR(BCM2835_PM_WDOG, 10 | 0x5a000000u);
	val = PRD(BCM2835_PM_RSTC);
	val &= 0xffffffcfu;
	val |= 0x5a000000u | 0x20;
	PWR(BCM2835_PM_RSTC, val);
}

START_TEST(test_pm_reset_values)
{
	ck_assert_uint_eq(PRD(BCM2835_PM_RSTC), 0x102);
	ck_assert_uint_eq(PRD(BCM2835_PM_RSTS), 0x1000);
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 0);
	/* bcm2835_wdt_is_running: RSTC & 0x20, clear at reset. */
	ck_assert(!bcm2835_pm_running(&pm));
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), BCM2835_PM_NO_EVENT);
	bcm2835_pm_advance(&pm, 0xffffffffu);
	ck_assert_uint_eq(resets, 0);
}
END_TEST

START_TEST(test_pm_password)
{
	/* Without 0x5a in bits 31:24, a write does nothing. */
	PWR(BCM2835_PM_WDOG, 10);
	PWR(BCM2835_PM_RSTC, 0x22);
	PWR(BCM2835_PM_RSTS, 0x5b000555u);
	PWR(BCM2835_PM_RSTC, 0xa5000022u);
	ck_assert_uint_eq(pm.bad_password_writes, 4);
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 0);
	ck_assert_uint_eq(PRD(BCM2835_PM_RSTC), 0x102);
	ck_assert_uint_eq(PRD(BCM2835_PM_RSTS), 0x1000);
	ck_assert_uint_eq(resets, 0);
	/* With it: stored, the password not read back. */
	PWR(BCM2835_PM_WDOG, 0x5a0f0000u);
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 0xf0000);
	PWR(BCM2835_PM_WDOG, 0x5affffffu); /* 20 bits */
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 0xfffff);
	PWR(BCM2835_PM_RSTS, 0x5a001001u);
	ck_assert_uint_eq(PRD(BCM2835_PM_RSTS), 0x1001);
	ck_assert_uint_eq(resets, 0);
}
END_TEST

START_TEST(test_pm_restart)
{
	pm_linux_restart();
	/* RSTC = 0x102 & ~0x30 | 0x20 = 0x122, armed; not yet fired. */
	ck_assert_uint_eq(PRD(BCM2835_PM_RSTC), 0x122);
	ck_assert(bcm2835_pm_running(&pm));
	ck_assert_uint_eq(resets, 0);
	/* 10 ticks of 2^-16 s = 152.59 us: fires at the 153rd us. */
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 153);
	bcm2835_pm_advance(&pm, 100); /* floor(100 * 65536 / 10^6) = 6 */
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 4);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 53);
	bcm2835_pm_advance(&pm, 52); /* 152 us: 9 ticks */
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 1);
	ck_assert_uint_eq(resets, 0);
	bcm2835_pm_advance(&pm, 1);
	ck_assert_uint_eq(resets, 1);
	ck_assert_int_eq(last_kind, BCM2835_RESET_RESTART);
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 0);
	/* Once: stopped until rewritten. */
	ck_assert(!bcm2835_pm_running(&pm));
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), BCM2835_PM_NO_EVENT);
	bcm2835_pm_advance(&pm, 1000000);
	ck_assert_uint_eq(resets, 1);
}
END_TEST

START_TEST(test_pm_poweroff)
{
	/* bcm2835_power_off(): RSTS |= password | 0x555 (partition 63),
	 * then the restart sequence. */
	uint32_t val = PRD(BCM2835_PM_RSTS);

	PWR(BCM2835_PM_RSTS, val | 0x5a000000u | 0x555);
	ck_assert_uint_eq(PRD(BCM2835_PM_RSTS), 0x1555);
	pm_linux_restart();
	bcm2835_pm_advance(&pm, 153);
	ck_assert_uint_eq(resets, 1);
	ck_assert_int_eq(last_kind, BCM2835_RESET_POWEROFF);

	/* Partition 62 (bit 0 clear) is a restart. */
	pm_setup();
	PWR(BCM2835_PM_RSTS, 0x5a000554u);
	pm_linux_restart();
	bcm2835_pm_advance(&pm, 1000);
	ck_assert_uint_eq(resets, 1);
	ck_assert_int_eq(last_kind, BCM2835_RESET_RESTART);
}
END_TEST

START_TEST(test_pm_watchdog_ping_stop)
{
	/* bcm2835_wdt_start with a 15 s timeout: WDOG = 15 << 16. */
	PWR(BCM2835_PM_WDOG, 0x5a000000u | (15u << 16));
	PWR(BCM2835_PM_RSTC,
	    0x5a000000u | (PRD(BCM2835_PM_RSTC) & 0xffffffcfu) | 0x20);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 15000000);
	bcm2835_pm_advance(&pm, 7000000); /* 7 * 65536 ticks */
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 8u << 16);
	/* get_timeleft: (WDOG & 0xfffff) >> 16 = 8 s. */
	ck_assert_uint_eq((PRD(BCM2835_PM_WDOG) & 0xfffff) >> 16, 8);
	/* A ping (start again) reloads the count. */
	PWR(BCM2835_PM_WDOG, 0x5a000000u | (15u << 16));
	PWR(BCM2835_PM_RSTC,
	    0x5a000000u | (PRD(BCM2835_PM_RSTC) & 0xffffffcfu) | 0x20);
	bcm2835_pm_advance(&pm, 14999999);
	ck_assert_uint_eq(resets, 0);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 1);
	/* bcm2835_wdt_stop: RSTC = password | 0x102: stopped. */
	PWR(BCM2835_PM_RSTC, 0x5a000102u);
	ck_assert(!bcm2835_pm_running(&pm));
	bcm2835_pm_advance(&pm, 100000000);
	ck_assert_uint_eq(resets, 0);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), BCM2835_PM_NO_EVENT);
}
END_TEST

START_TEST(test_pm_split_advance)
{
	/* Advancing 1 us at a time fires at the same tick as at once:
	 * 1000 watchdog ticks = 15258.79 us, so the 15259th us. */
	PWR(BCM2835_PM_WDOG, 0x5a000000u | 1000);
	PWR(BCM2835_PM_RSTC, 0x5a000020u);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 15259);
	for (unsigned i = 0; i < 15258; i++)
		bcm2835_pm_advance(&pm, 1);
	ck_assert_uint_eq(resets, 0);
	ck_assert_uint_eq(PRD(BCM2835_PM_WDOG), 1);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 1);
	bcm2835_pm_advance(&pm, 1);
	ck_assert_uint_eq(resets, 1);
	/* Across windows: 2048 ticks are 31250 us exactly. */
	pm_setup();
	PWR(BCM2835_PM_WDOG, 0x5a000000u | 2048);
	PWR(BCM2835_PM_RSTC, 0x5a000020u);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 31250);
	bcm2835_pm_advance(&pm, 10000);
	bcm2835_pm_advance(&pm, 21249);
	ck_assert_uint_eq(resets, 0);
	ck_assert_uint_eq(bcm2835_pm_next_event(&pm), 1);
	bcm2835_pm_advance(&pm, 1);
	ck_assert_uint_eq(resets, 1);
}
END_TEST

START_TEST(test_pm_zero_count_and_bad_access)
{
	uint32_t v = 0;

	/* Arming with a zero count fires at once. */
	PWR(BCM2835_PM_RSTC, 0x5a000020u);
	ck_assert_uint_eq(resets, 1);
	ck_assert_int_eq(last_kind, BCM2835_RESET_RESTART);
	/* Other offsets (power domains): read 0, writes ignored. */
	ck_assert_uint_eq(PRD(0x00), 0);
	PWR(0x10c, 0x5a000001u);
	ck_assert_uint_eq(PRD(0x10c), 0);
	ck_assert_uint_eq(PRD(0x110), 0);
	ck_assert_uint_eq(pm.unmodelled_accesses, 4);
	/* The DT's region is 0x114 bytes; words only. */
	ck_assert(!bcm2835_pm_mmio(&pm, 0x114, 4, false, &v));
	ck_assert(!bcm2835_pm_mmio(&pm, BCM2835_PM_RSTS, 2, false, &v));
	ck_assert(!bcm2835_pm_mmio(&pm, BCM2835_PM_RSTS, 1, true, &v));
	ck_assert(!bcm2835_pm_mmio(&pm, BCM2835_PM_RSTS + 2, 4, false, &v));
}
END_TEST

/* =====================================================================
 * The board: addresses (ARM physical), wiring, outputs.
 */
static struct bcm2835_board board;
static uint8_t tx_buf[16];
static unsigned tx_len;
static unsigned irq_calls;

static void tx_putc(void *opaque, uint8_t byte)
{
	(void)opaque;
	if (tx_len < sizeof(tx_buf))
		tx_buf[tx_len++] = byte;
}

static void irq_out(void *opaque, bool irq, bool fiq)
{
	(void)opaque;
	(void)irq;
	(void)fiq;
	irq_calls++;
}

static void board_setup(void)
{
	static const struct bcm2835_callbacks cb = {
		.uart_putc = tx_putc,
		.reset = record_reset,
		.irq_out = irq_out,
		.opaque = NULL,
	};

	tx_len = irq_calls = resets = 0;
	bcm2835_init(&board, &cb);
}

#define BRD(a) board_rd(&board, a)
#define BWR(a, v) board_wr(&board, a, v)

START_TEST(test_board_regions)
{
	/* bcm2835-common.dtsi / bcm283x.dtsi reg, bus 0x7eXXXXXX at ARM
	 * physical 0x20XXXXXX; UART0 its 4 KiB page (DT: 0x200). */
	static const struct {
		uint32_t base, size;
	} expect[BCM2835_NREGIONS] = {{0x20003000u, 0x1000},
				      {0x2000b200u, 0x200},
				      {0x20100000u, 0x114},
				      {0x20201000u, 0x1000}};

	for (unsigned i = 0; i < BCM2835_NREGIONS; i++) {
		ck_assert_uint_eq(bcm2835_regions[i].base, expect[i].base);
		ck_assert_uint_eq(bcm2835_regions[i].size, expect[i].size);
		ck_assert_uint_eq(bcm2835_regions[i].flags, 0);
		ck_assert_ptr_nonnull(bcm2835_regions[i].name);
	}
	ck_assert_ptr_eq(bcm2835_mmio_is_an_mmio_fn, bcm2835_mmio);
	/* The DT's reg values are bus addresses. */
	ck_assert_uint_eq(BCM2835_BUS_TO_PHYS(0x7e00b200u), 0x2000b200u);
	ck_assert_uint_eq(BCM2835_BUS_TO_PHYS(0x7e201000u), 0x20201000u);
}
END_TEST

START_TEST(test_board_map)
{
	static const uint32_t absent[] = {
		0x20002ffcu, /* below the system timer */
		0x20004000u, /* after it */
		0x2000b000u, /* armctrl's page, below its registers */
		0x2000b1fcu,
		0x2000b400u, /* the ARM timer (SP804-like): not the guest's */
		0x2000b880u, /* mailbox 0 */
		0x2000a000u, /* PM's ASB (bcm2835-power): absent */
		0x20100114u, /* past the PM region */
		0x20101000u, /* cprman */
		0x20200000u, /* GPIO */
		0x20202000u, /* sdhost */
		0x20215000u, /* aux (mini UART) */
		0x7e201000u, /* a bus address is no ARM address */
		0x00000000u, 0xfffffffcu,
	};
	uint32_t v = 0;

	for (unsigned i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		ck_assert_msg(!bcm2835_mmio(&board, absent[i], 4, false, &v),
			      "0x%08x answered", (unsigned)absent[i]);
	/* Present: the first and last word of each region. */
	ck_assert_uint_eq(BRD(0x20003000u), 0);	       /* CS */
	ck_assert_uint_eq(BRD(0x20003ffcu), 0);
	ck_assert_uint_eq(BRD(0x2000b200u), 0);	       /* basic pending */
	ck_assert_uint_eq(BRD(0x2000b3fcu), 0);
	ck_assert_uint_eq(BRD(0x2000b21cu), 0xffffffffu); /* disable 1 */
	ck_assert_uint_eq(BRD(0x20100000u + 0x1c), 0x102); /* PM_RSTC */
	ck_assert_uint_eq(BRD(0x20100110u), 0);
	ck_assert_uint_eq(BRD(0x20201018u), 0x90); /* UARTFR: TXFE RXFE */
	ck_assert_uint_eq(BRD(0x20201fe0u), 0x11); /* PL011 PeriphID0 */
	/* Sizes: the UART takes bytes, the others do not. */
	ck_assert(bcm2835_mmio(&board, 0x20201000u, 1, true, &v));
	ck_assert(!bcm2835_mmio(&board, 0x20003004u, 1, false, &v));
	ck_assert(!bcm2835_mmio(&board, 0x2000b204u, 2, false, &v));
	ck_assert(!bcm2835_mmio(&board, 0x20100020u, 2, false, &v));
}
END_TEST

START_TEST(test_board_timer_irq)
{
	uint32_t clo;

	/* Linux: enable GPU IRQ 3 (<1 3>), then C3 = CLO + delta. */
	BWR(0x2000b210u, 1u << 3);
	ck_assert(!board.irq);
	bcm2835_advance(&board, 1000);
	clo = BRD(0x20003004u);
	ck_assert_uint_eq(clo, 1000);
	BWR(0x20003018u, clo + 500);
	ck_assert_uint_eq(bcm2835_next_event(&board), 500);
	bcm2835_advance(&board, 499);
	ck_assert(!board.irq && irq_calls == 0);
	bcm2835_advance(&board, 1);
	ck_assert(board.irq && !board.fiq);
	ck_assert_uint_eq(irq_calls, 1);
	/* The handler: basic pending bit 8 (no shortcut), pending 1 bit 3,
	 * CS & M3, then CS = M3. */
	ck_assert_uint_eq(BRD(0x2000b200u), 0x100);
	ck_assert_uint_eq(BRD(0x2000b204u), 0x8);
	ck_assert_uint_eq(BRD(0x20003000u), 0x8);
	BWR(0x20003000u, 0x8);
	ck_assert(!board.irq);
	ck_assert_uint_eq(irq_calls, 2);
	/* Channel 1 matching with its IRQ disabled: no IRQ, but CS shows
	 * it. */
	BWR(0x20003010u, BRD(0x20003004u) + 10);
	bcm2835_advance(&board, 10);
	ck_assert_uint_eq(BRD(0x20003000u), 0x2);
	ck_assert(!board.irq);
	ck_assert_uint_eq(irq_calls, 2);
}
END_TEST

START_TEST(test_board_fiq)
{
	/* System timer channel 1 as the FIQ source (GPU IRQ 1). */
	BWR(0x2000b20cu, 0x80 | 1);
	BWR(0x20003010u, 50);
	bcm2835_advance(&board, 50);
	ck_assert(board.fiq && !board.irq);
	ck_assert_uint_eq(irq_calls, 1);
	BWR(0x20003000u, 0x2);
	ck_assert(!board.fiq);
	ck_assert_uint_eq(irq_calls, 2);
}
END_TEST

START_TEST(test_board_uart_irq)
{
	/* UART0 is <2 25> = GPU IRQ 57: a basic pending shortcut, bit 19. */
	BWR(0x2000b214u, 1u << 25);
	BWR(0x20201038u, PL011_INT_RX); /* UARTIMSC */
	ck_assert(!board.irq);
	ck_assert(bcm2835_uart_receive(&board, 'x'));
	ck_assert(board.irq);
	ck_assert_uint_eq(BRD(0x2000b200u), 1u << 19);
	ck_assert_uint_eq(BRD(0x2000b208u), 1u << 25);
	ck_assert_uint_eq(BRD(0x2000b204u), 0);
	ck_assert_uint_eq(BRD(0x20201000u), 'x'); /* UARTDR */
	ck_assert(!board.irq);
	ck_assert_uint_eq(irq_calls, 2);
	/* Transmission goes to uart_putc. */
	BWR(0x20201000u, 'A');
	ck_assert_uint_eq(tx_len, 1);
	ck_assert_uint_eq(tx_buf[0], 'A');
	/* Receive timeout through the board. */
	BWR(0x20201038u, PL011_INT_RT);
	BWR(0x2020102cu, PL011_LCR_H_FEN);
	ck_assert(bcm2835_uart_receive(&board, 'y'));
	ck_assert(!board.irq);
	bcm2835_uart_idle(&board);
	ck_assert(board.irq);
}
END_TEST

START_TEST(test_board_watchdog)
{
	/* Linux's restart through the board; next_event is the nearer of
	 * the watchdog and the system timer. */
	BWR(0x20003018u, 1000);
	BWR(0x20100024u, 0x5a00000au);
	BWR(0x2010001cu, (BRD(0x2010001cu) & 0xffffffcfu) | 0x5a000020u);
	ck_assert_uint_eq(bcm2835_next_event(&board), 153);
	bcm2835_advance(&board, 152);
	ck_assert_uint_eq(resets, 0);
	bcm2835_advance(&board, 1);
	ck_assert_uint_eq(resets, 1);
	ck_assert_int_eq(last_kind, BCM2835_RESET_RESTART);
	ck_assert_uint_eq(bcm2835_next_event(&board), 1000 - 153);
	/* A write without the password is ignored. */
	BWR(0x20100020u, 0x555);
	ck_assert_uint_eq(BRD(0x20100020u), 0x1000);
}
END_TEST

static Suite *bcm2835_suite(void)
{
	Suite *s = suite_create("bcm2835");
	TCase *tc;

	tc = tcase_create("intc");
	tcase_add_checked_fixture(tc, ic_setup, NULL);
	tcase_add_test(tc, test_ic_reset);
	tcase_add_test(tc, test_ic_enable_disable);
	tcase_add_loop_test(tc, test_ic_basic_shortcuts, 0, 64);
	tcase_add_test(tc, test_ic_shortcut_and_rest);
	tcase_add_test(tc, test_ic_fiq);
	tcase_add_test(tc, test_ic_linux_init);
	tcase_add_test(tc, test_ic_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("systimer");
	tcase_add_checked_fixture(tc, st_setup, NULL);
	tcase_add_test(tc, test_st_reset_and_regs);
	tcase_add_test(tc, test_st_match_exact);
	tcase_add_test(tc, test_st_wrap);
	tcase_add_test(tc, test_st_compare_equal_clo);
	tcase_add_test(tc, test_st_compare_after_clo_read);
	tcase_add_test(tc, test_st_next_event);
	tcase_add_test(tc, test_st_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("pm");
	tcase_add_checked_fixture(tc, pm_setup, NULL);
	tcase_add_test(tc, test_pm_reset_values);
	tcase_add_test(tc, test_pm_password);
	tcase_add_test(tc, test_pm_restart);
	tcase_add_test(tc, test_pm_poweroff);
	tcase_add_test(tc, test_pm_watchdog_ping_stop);
	tcase_add_test(tc, test_pm_split_advance);
	tcase_add_test(tc, test_pm_zero_count_and_bad_access);
	suite_add_tcase(s, tc);

	tc = tcase_create("board");
	tcase_add_checked_fixture(tc, board_setup, NULL);
	tcase_add_test(tc, test_board_regions);
	tcase_add_test(tc, test_board_map);
	tcase_add_test(tc, test_board_timer_irq);
	tcase_add_test(tc, test_board_fiq);
	tcase_add_test(tc, test_board_uart_irq);
	tcase_add_test(tc, test_board_watchdog);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bcm2835_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
