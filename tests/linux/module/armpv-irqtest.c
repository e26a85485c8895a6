// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * armpv-irqtest.c -- a loadable module that masks interrupts the way
 * drivers do, for tests/linux/module-load.sh.
 *
 * Its init function takes a spinlock with spin_lock_irqsave(), then
 * masks with local_irq_disable() and local_irq_save(), and reports what
 * irqs_disabled() said before, inside and after each:
 *
 *	armpv-irqtest: lock 0 1 0 disable 0 1 0 save 0 1 0 flags 1
 *
 * Every one of those is an MRS or MSR of the CPSR (ARMv5: irqflags.h).
 * Rewritten, under armpv-bm they trap and act on the virtual CPSR: the
 * line is the one above, as natively.  Not rewritten, they run in the
 * real USR mode, where an MSR leaves the mask bits alone and an MRS reads
 * the real CPSR: every "inside" figure is 0, and nothing was masked.
 * "flags" is whether the saved flags of the lock said "enabled" (I clear)
 * at the time: 1 when the MRS was right.
 */
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(armpv_irqtest_lock);

static int __init armpv_irqtest_init(void)
{
	unsigned long flags, f2;
	int l0, l1, l2, d0, d1, d2, s0, s1, s2;

	l0 = !!irqs_disabled();
	spin_lock_irqsave(&armpv_irqtest_lock, flags);
	l1 = !!irqs_disabled();
	spin_unlock_irqrestore(&armpv_irqtest_lock, flags);
	l2 = !!irqs_disabled();

	d0 = !!irqs_disabled();
	local_irq_disable();
	d1 = !!irqs_disabled();
	local_irq_enable();
	d2 = !!irqs_disabled();

	s0 = !!irqs_disabled();
	local_irq_save(f2);
	s1 = !!irqs_disabled();
	local_irq_restore(f2);
	s2 = !!irqs_disabled();

	pr_info("armpv-irqtest: lock %d %d %d disable %d %d %d save %d %d %d flags %d\n",
		l0, l1, l2, d0, d1, d2, s0, s1, s2,
		!arch_irqs_disabled_flags(flags));
	return 0;
}

static void __exit armpv_irqtest_exit(void)
{
	pr_info("armpv-irqtest: unloaded\n");
}

module_init(armpv_irqtest_init);
module_exit(armpv_irqtest_exit);
MODULE_DESCRIPTION("armpv: interrupt masking in a loadable module");
MODULE_LICENSE("GPL");
