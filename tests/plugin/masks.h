/* SPDX-License-Identifier: GPL-2.0-or-later */
/* masks.h -- what masks.c exports (tests/plugin/). */
#ifndef MASKS_H
#define MASKS_H

extern volatile int mask_critical;
unsigned long do_save_flags(void);
unsigned long do_irq_save(void);
void do_irq_restore(unsigned long flags);
void do_irq_enable(void);
void do_irq_disable(void);
void do_fiq_enable(void);
void do_fiq_disable(void);
void nest(void);

#endif /* MASKS_H */
