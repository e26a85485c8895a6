// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-irq.c -- interrupt masking as Linux does it (irqflags.S) and the
 * interrupt exceptions it lets in.  ARM ARM A2.6.8/A2.6.9: an IRQ (FIQ)
 * is taken when the line is asserted and CPSR.I (F) is clear, after the
 * current instruction; LR_irq = next instruction + 4, SPSR_irq = CPSR,
 * mode IRQ with I set (FIQ: I and F), and on ARMv6 A set.  FIQ has
 * priority over IRQ (A2.6.10).
 */
#include "plat.h"
#include "tests.h"

#define PSR_LOW(x) ((x) & PSR_LOW_MASK)

static void test_irq_save_restore(void)
{
	uint32_t flags;

	check_ctx("irq: ");
	flags = arch_local_save_flags();
	check_eq("masked at start (MRS)", PSR_LOW(flags),
		 SVC_MODE | PSR_I | PSR_F | PSR_A_SET);
	arch_local_irq_enable();
	check_eq("local_irq_enable clears I only",
		 PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_F | PSR_A_SET);
	flags = arch_local_irq_save();
	check_eq("local_irq_save returns the old CPSR (I clear)",
		 PSR_LOW(flags), SVC_MODE | PSR_F | PSR_A_SET);
	check_eq("local_irq_save sets I", PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_I | PSR_F | PSR_A_SET);
	plat_set_irq(1);
	check_eq("IRQ line high while masked: not taken", irq_rec.count, 0);
	arch_local_irq_restore(flags);
	check_eq("local_irq_restore (MSR) takes the pending IRQ",
		 irq_rec.count, 1);
	check_eq("LR_irq = instruction after the MSR + 4", irq_rec.lr,
		 (uint32_t)irq_restore_resume + 4);
	check_eq("SPSR_irq = CPSR after the MSR", PSR_LOW(irq_rec.spsr),
		 SVC_MODE | PSR_F | PSR_A_SET);
	check_eq("handler runs in IRQ mode with I set",
		 PSR_LOW(irq_rec.cpsr),
		 IRQ_MODE | PSR_I | PSR_F | PSR_A_SET);
	check_eq("return restores SVC with I clear",
		 PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_F | PSR_A_SET);
	check_eq("handler lowered the line: taken once", irq_rec.count, 1);
	plat_set_irq(1);
	check_eq("line raised while unmasked: taken", irq_rec.count, 2);
	arch_local_irq_disable();
	check_eq("local_irq_disable sets I", PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_I | PSR_F | PSR_A_SET);
	plat_set_irq(1);
	arch_local_irq_disable(); /* already masked: nothing happens */
	check_eq("masked again: not taken", irq_rec.count, 2);
	arch_local_irq_enable();
	check_eq("local_irq_enable takes the pending IRQ", irq_rec.count, 3);
	check_eq("LR_irq = instruction after the enable + 4", irq_rec.lr,
		 (uint32_t)irq_enable_resume + 4);
	flags = arch_local_irq_save();
	arch_local_irq_restore_cx(flags);
	check_eq("local_irq_restore with MSR CPSR_cx clears I only",
		 PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_F | PSR_A_SET);
	flags = arch_local_irq_save();
	plat_set_irq(1);
	arch_local_irq_restore_cx(flags);
	check_eq("local_irq_restore with MSR CPSR_cx takes the pending IRQ",
		 irq_rec.count, 4);
	check_eq("LR_irq = instruction after the MSR CPSR_cx + 4", irq_rec.lr,
		 (uint32_t)irq_restore_cx_resume + 4);
#ifdef KERN_V6
	/* The x field writes A (ARMv6): CPSID ifa, then MSR CPSR_cx of
	 * the CPSR before it, with A clear (Linux unmasks imprecise
	 * aborts at boot). */
	local_abt_enable();
	check_eq("CPSIE a clears A", PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_F);
	check_eq("CPSID ifa sets A, I and F",
		 PSR_LOW(local_all_save_restore_cx()),
		 SVC_MODE | PSR_I | PSR_F | PSR_A);
	check_eq("MSR CPSR_cx restores A, I and F",
		 PSR_LOW(arch_local_save_flags()), SVC_MODE | PSR_F);
	local_abt_disable();
#endif
	arch_local_irq_disable();
}

static void test_fiq(void)
{
	check_ctx("fiq: ");
	plat_set_fiq(1);
	check_eq("FIQ line high while masked: not taken", fiq_rec.count, 0);
	local_fiq_enable();
	check_eq("local_fiq_enable takes the pending FIQ", fiq_rec.count, 1);
	check_eq("LR_fiq = instruction after the enable + 4", fiq_rec.lr,
		 (uint32_t)fiq_enable_resume + 4);
	check_eq("SPSR_fiq = CPSR after the enable", PSR_LOW(fiq_rec.spsr),
		 SVC_MODE | PSR_I | PSR_A_SET);
	check_eq("handler runs in FIQ mode with I and F set",
		 PSR_LOW(fiq_rec.cpsr),
		 FIQ_MODE | PSR_I | PSR_F | PSR_A_SET);
	check_eq("return restores SVC with F clear",
		 PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_I | PSR_A_SET);
	local_fiq_disable();
	check_eq("local_fiq_disable sets F", PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_I | PSR_F | PSR_A_SET);
}

static void test_priority(void)
{
	uint32_t irqs = irq_rec.count, fiqs = fiq_rec.count;

	check_ctx("irq+fiq: ");
	exc_nseq = 0;
	plat_set_irq(1);
	plat_set_fiq(1);
	check_eq("both lines high while masked: nothing taken",
		 irq_rec.count + fiq_rec.count, irqs + fiqs);
	local_irq_fiq_enable();
	check_eq("unmasking both takes two exceptions", exc_nseq, 2);
	check_eq("FIQ first (higher priority)", exc_seq[0], 'F');
	check_eq("then IRQ", exc_seq[1], 'I');
	check_eq("LR_fiq = instruction after the unmask + 4", fiq_rec.lr,
		 (uint32_t)irq_fiq_enable_resume + 4);
	check_eq("SPSR_fiq: SVC, I and F clear", PSR_LOW(fiq_rec.spsr),
		 SVC_MODE | PSR_A_SET);
	/* The FIQ handler's SUBS pc returns to the same instruction with I
	 * clear again: the IRQ is taken there. */
	check_eq("LR_irq = the FIQ return's target + 4", irq_rec.lr,
		 (uint32_t)irq_fiq_enable_resume + 4);
	check_eq("SPSR_irq: SVC, I and F clear", PSR_LOW(irq_rec.spsr),
		 SVC_MODE | PSR_A_SET);
	arch_local_irq_disable();
	local_fiq_disable();
	check_eq("masked again at the end", PSR_LOW(arch_local_save_flags()),
		 SVC_MODE | PSR_I | PSR_F | PSR_A_SET);
}

void test_irq(void)
{
	test_irq_save_restore();
	test_fiq();
	test_priority();
}
