// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pv-guest.c -- the shared-page test guest: interrupt masking written as
 * Linux's irqflags.h writes it (tests/plugin/pv-irqflags.h), run
 *  - unrewritten natively on versatilepb (the masking is the CPSR's),
 *  - rewritten under armpv-bm (each MRS, MSR, CPS a trap word),
 *  - compiled with the armpv_irqflags GCC plugin and rewritten, under
 *    armpv-bm: the masking is loads and stores of the page the monitor
 *    shares at 0xffbff000 (docs/plugin.md), unmasking with a line
 *    pending the ARMPV_HC_PV_SYNC hypercall,
 * with the same transcript (tests/baremetal/pv.sh).  The SP804's timer 0
 * through the PL190 VIC gives the interrupts:
 *  1. the mode bits and I, F as saved flags show them; FIQ masking;
 *  2. nested save/restore;
 *  3. a timer interrupt pending while masked (the guest polls the
 *     timer's raw status, an emulated device access: not delivered
 *     there), delivered exactly at the enable;
 *  4. masked by irq_save, a timer interrupt arriving, not delivered
 *     until the restore, and at it;
 *  5. the raw MRS, MSR CPSR_c and (ARMv6) CPS of start.S, which the
 *     plugin never sees, against the page: MRS reads its I, MSR and CPS
 *     write it, and an MSR that unmasks a pending line delivers it;
 *  6. a periodic timer (20 us) while the guest masks and unmasks, nested
 *     and not, until 100 interrupts came (8,000,000 rounds at most, at
 *     least 20 wanted): none inside a masked region (under armpv-bm with
 *     the plugin many arrive masked and the restore's hypercall takes
 *     them);
 *  7. a user task reading and writing 0xffbff000: two data aborts
 *     (translation fault, the guest's tables map nothing there): the
 *     page is the kernel's only.
 */
#include "pv-guest.h"
#include "plat.h"
#include "tests.h"
#include "pv-irqflags.h"

#define SECT(pa) ((pa) | 3u << 10 | 0x10 | 0x2) /* AP 11, domain 0 */
#define FSR_STATUS(fsr) ((fsr) & 0xfu)
#define FSR_TRANS_SECTION 0x5u

void mmu_enable(uint32_t *ttb, uint32_t dacr);
void user_run(void);
uint32_t raw_mrs(void);
void raw_msr_c(uint32_t v);
void raw_cpsid_i(void);
void raw_cpsie_i(void);

static uint32_t ttb[4096] __attribute__((aligned(16384)));
static volatile unsigned irqs, in_masked, masked_hits, irq_spsr_i;
static volatile unsigned dabts;
static volatile uint32_t dabt_fsr, dabt_far, dabt_mode;

static inline uint32_t reg_read(uint32_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void reg_write(uint32_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

void pv_unexpected(uint32_t vec, uint32_t lr, uint32_t spsr)
{
	put_str("not ok - unexpected exception ");
	put_dec(vec);
	put_str(" lr ");
	put_hex(lr);
	put_str(" spsr ");
	put_hex(spsr);
	put_str("\n");
	plat_exit(3);
}

/* The timer's interrupt: acknowledged at the SP804 (its VIC line
 * drops with it); whether it came inside a masked region is noted. */
void irq_c(uint32_t spsr)
{
	irqs++;
	if (in_masked)
		masked_hits++;
	if (spsr & PSR_I)
		irq_spsr_i++;
	reg_write(SP804_BASE + SP804_INTCLR, 1);
}

void dabt_c(uint32_t fsr, uint32_t far, uint32_t spsr)
{
	dabts++;
	dabt_fsr = fsr;
	dabt_far = far;
	dabt_mode = spsr & PSR_MODE_MASK;
}

/* Timer 0 fires once after 'us' ticks of its 1 MHz clock. */
static void timer_oneshot(uint32_t us)
{
	reg_write(SP804_BASE + SP804_CTRL, 0);
	reg_write(SP804_BASE + SP804_INTCLR, 1);
	reg_write(SP804_BASE + SP804_LOAD, us);
	reg_write(SP804_BASE + SP804_CTRL, SP804_EN | SP804_INTEN |
		  SP804_32BIT | SP804_ONESHOT);
}

/* Until its raw interrupt status is set (a masked interrupt pending). */
static int timer_wait_fired(void)
{
	for (unsigned n = 0; n < 10000000; n++)
		if (reg_read(SP804_BASE + SP804_RIS) & 1)
			return 1;
	return 0;
}

static void test_flags(void)
{
	check_ctx("flags: ");
	check_eq("saved flags: SVC mode, I and F set at entry",
		 pv_save_flags() & (PSR_MODE_MASK | PSR_I | PSR_F),
		 SVC_MODE | PSR_I | PSR_F);
	pv_fiq_enable();
	check_eq("fiq_enable clears F", pv_save_flags() & PSR_F, 0);
	pv_fiq_disable();
	check_eq("fiq_disable sets F", pv_save_flags() & PSR_F, PSR_F);
	pv_irq_enable();
	check_eq("irq_enable clears I (nothing pending)",
		 pv_save_flags() & (PSR_MODE_MASK | PSR_I | PSR_F),
		 SVC_MODE | PSR_F);
	check_eq("no interrupt", irqs, 0);
}

static void test_nested(void)
{
	unsigned long outer, inner;

	check_ctx("nested: ");
	outer = pv_irq_save();
	check_eq("outer save: I was clear", outer & PSR_I, 0);
	check_eq("outer save: now masked", pv_save_flags() & PSR_I, PSR_I);
	inner = pv_irq_save();
	check_eq("inner save: I was set", inner & PSR_I, PSR_I);
	pv_irq_disable();
	pv_irq_restore(inner);
	check_eq("inner restore: still masked", pv_save_flags() & PSR_I,
		 PSR_I);
	pv_irq_restore(outer);
	check_eq("outer restore: unmasked", pv_save_flags() & PSR_I, 0);
	check_eq("mode kept", pv_save_flags() & PSR_MODE_MASK, SVC_MODE);
}

static void test_enable_pending(void)
{
	unsigned before;

	check_ctx("enable pending: ");
	pv_irq_disable();
	before = irqs;
	timer_oneshot(20);
	check_eq("timer fired (raw status)", timer_wait_fired(), 1);
	check_eq("not delivered while masked", irqs, before);
	pv_irq_enable();
	check_eq("delivered at the enable", irqs, before + 1);
	check_eq("IRQ taken with I clear", irq_spsr_i, 0);
	check_eq("unmasked after it", pv_save_flags() & PSR_I, 0);
}

static void test_restore_pending(void)
{
	unsigned long flags;
	unsigned before;

	check_ctx("restore pending: ");
	flags = pv_irq_save();
	before = irqs;
	timer_oneshot(20);
	check_eq("timer fired (raw status)", timer_wait_fired(), 1);
	for (volatile unsigned n = 0; n < 1000; n++)
		;
	check_eq("not delivered while masked", irqs, before);
	pv_irq_restore(flags);
	check_eq("delivered at the restore", irqs, before + 1);
	check_eq("unmasked after it", pv_save_flags() & PSR_I, 0);
}

static void test_raw(void)
{
	unsigned before;

	check_ctx("raw: ");
	pv_irq_disable();
	check_eq("MRS after irq_disable: I set", raw_mrs() & PSR_I, PSR_I);
	raw_msr_c(raw_mrs() & ~(uint32_t)PSR_I);
	check_eq("MSR CPSR_c clearing I: unmasked in the saved flags",
		 pv_save_flags() & PSR_I, 0);
	raw_msr_c(raw_mrs() | PSR_I);
	check_eq("MSR CPSR_c setting I: masked in the saved flags",
		 pv_save_flags() & PSR_I, PSR_I);
	before = irqs;
	timer_oneshot(20);
	check_eq("timer fired (raw status)", timer_wait_fired(), 1);
	check_eq("MRS: not delivered while masked", raw_mrs() & PSR_I, PSR_I);
	check_eq("not delivered", irqs, before);
	raw_msr_c(raw_mrs() & ~(uint32_t)PSR_I);
	check_eq("delivered at the MSR that unmasks", irqs, before + 1);
#if __ARM_ARCH >= 6
	raw_cpsid_i();
	check_eq("CPSID i: masked in the saved flags",
		 pv_save_flags() & PSR_I, PSR_I);
	pv_irq_enable();
	check_eq("irq_enable: MRS sees I clear", raw_mrs() & PSR_I, 0);
	pv_irq_disable();
	timer_oneshot(20);
	check_eq("timer fired (raw status)", timer_wait_fired(), 1);
	check_eq("not delivered (CPS)", irqs, before + 1);
	raw_cpsie_i();
	check_eq("delivered at the CPSIE i", irqs, before + 2);
	check_eq("CPSIE i: unmasked in the saved flags",
		 pv_save_flags() & PSR_I, 0);
#endif
}

static void test_stress(void)
{
	unsigned before = irqs;

	check_ctx("periodic: ");
	reg_write(SP804_BASE + SP804_CTRL, 0);
	reg_write(SP804_BASE + SP804_INTCLR, 1);
	reg_write(SP804_BASE + SP804_LOAD, 20);
	reg_write(SP804_BASE + SP804_CTRL, SP804_EN | SP804_INTEN |
		  SP804_32BIT | SP804_PERIODIC);
	for (unsigned n = 0; n < 8000000 && irqs - before < 100; n++) {
		unsigned long flags = pv_irq_save();

		in_masked = 1;
		for (volatile unsigned k = 0; k < n % 7; k++)
			;
		if (n & 1) {
			unsigned long inner = pv_irq_save();

			pv_irq_restore(inner);
		}
		in_masked = 0;
		pv_irq_restore(flags);
		for (volatile unsigned k = 0; k < n % 5; k++)
			;
		pv_irq_disable();
		in_masked = 1;
		in_masked = 0;
		pv_irq_enable();
	}
	pv_irq_disable();
	reg_write(SP804_BASE + SP804_CTRL, 0);
	reg_write(SP804_BASE + SP804_INTCLR, 1);
	pv_irq_enable();
	put_str("info: periodic: ");
	put_dec(irqs - before);
	put_str(" interrupts\n");
	check_eq("none inside a masked region", masked_hits, 0);
	check_eq("at least 20 interrupts in the loop", irqs - before >= 20, 1);
	check_eq("IRQ taken with I clear", irq_spsr_i, 0);
}

static void test_user_page(void)
{
	check_ctx("user: ");
	user_run();
	check_eq("two data aborts", dabts, 2);
	check_eq("from USR mode", dabt_mode, USR_MODE);
	check_eq("translation fault (section)", FSR_STATUS(dabt_fsr),
		 FSR_TRANS_SECTION);
	check_eq("FAR: the page (+4)", dabt_far, PV_PAGE_VA + 4);
}

int kmain(void)
{
	for (uint32_t mb = 0; mb < 16; mb++)
		ttb[mb] = SECT(mb << 20);
	ttb[0x100] = SECT(0x10000000u);
	ttb[0x101] = SECT(0x10100000u);
	mmu_enable(ttb, 1);
	reg_write(VIC_BASE + VIC_INTSELECT, 0);
	reg_write(VIC_BASE + VIC_INTENABLE, VIC_TIMER01);
	test_flags();
	test_nested();
	test_enable_pending();
	test_restore_pending();
	test_raw();
	test_stress();
	pv_irq_disable();
	test_user_page();
	return check_summary();
}
