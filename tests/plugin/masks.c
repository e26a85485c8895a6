// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * masks.c -- one exported function per form of pv-irqflags.h, and a
 * nesting one, for tests/plugin/plugin.sh (objdump, report) and run.c
 * (executed under qemu-arm).
 */
#include "masks.h"
#include "pv-irqflags.h"

volatile int mask_critical; /* 1 inside a masked region of nest() */

unsigned long do_save_flags(void) { return pv_save_flags(); }
unsigned long do_irq_save(void) { return pv_irq_save(); }
void do_irq_restore(unsigned long flags) { pv_irq_restore(flags); }
void do_irq_enable(void) { pv_irq_enable(); }
void do_irq_disable(void) { pv_irq_disable(); }
void do_fiq_enable(void) { pv_fiq_enable(); }
void do_fiq_disable(void) { pv_fiq_disable(); }

/* spin_lock_irqsave inside spin_lock_irqsave, as Linux nests them. */
void nest(void)
{
	unsigned long outer = pv_irq_save();
	mask_critical = 1;
	unsigned long inner = pv_irq_save();
	mask_critical = 2;
	pv_irq_restore(inner);
	mask_critical = 1;
	mask_critical = 0;
	pv_irq_restore(outer);
}
