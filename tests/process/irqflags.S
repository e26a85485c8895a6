/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * irqflags.S -- interrupt masking as Linux's arch/arm/include/asm/
 * irqflags.h does it: MRS/ORR/MSR on ARMv5, CPSID/CPSIE on ARMv6,
 * local_irq_restore always MSR CPSR_c.  The *_resume labels mark the
 * instruction after the one that can unmask a pending interrupt: the
 * vCPU must take it there (LR_irq/LR_fiq = label + 4, ARM ARM A2.6.8).
 */
#include "kern.h"

	.text
	.arm

ENTRY(arch_local_save_flags)
	mrs	r0, cpsr
	bx	lr

ENTRY(arch_local_irq_save)
#ifdef KERN_V6
	mrs	r0, cpsr
	cpsid	i
#else
	mrs	r0, cpsr
	orr	r1, r0, #PSR_I
	msr	cpsr_c, r1
#endif
	bx	lr

ENTRY(arch_local_irq_restore)
	msr	cpsr_c, r0
GLOBAL(irq_restore_resume)
	bx	lr

/* The same with the x field too: ARMv6 Linux's v6_flush_icache_all and
 * __patch_text_real restore their mask with MSR CPSR_cx. */
ENTRY(arch_local_irq_restore_cx)
	msr	cpsr_cx, r0
GLOBAL(irq_restore_cx_resume)
	bx	lr

#ifdef KERN_V6
/* v6_flush_icache_all's mask around its cache operations: MRS, CPSID
 * ifa, then MSR CPSR_cx restores A, I and F.  Returns the CPSR in
 * between. */
ENTRY(local_all_save_restore_cx)
	mrs	r1, cpsr
	cpsid	ifa
	mrs	r0, cpsr
	msr	cpsr_cx, r1
	bx	lr

/* Imprecise aborts unmasked and masked (Linux: local_abt_enable()). */
ENTRY(local_abt_enable)
	cpsie	a
	bx	lr

ENTRY(local_abt_disable)
	cpsid	a
	bx	lr
#endif

ENTRY(arch_local_irq_enable)
#ifdef KERN_V6
	cpsie	i
#else
	mrs	r0, cpsr
	bic	r0, r0, #PSR_I
	msr	cpsr_c, r0
#endif
GLOBAL(irq_enable_resume)
	bx	lr

ENTRY(arch_local_irq_disable)
#ifdef KERN_V6
	cpsid	i
#else
	mrs	r0, cpsr
	orr	r0, r0, #PSR_I
	msr	cpsr_c, r0
#endif
	bx	lr

ENTRY(local_fiq_enable)
#ifdef KERN_V6
	cpsie	f
#else
	mrs	r0, cpsr
	bic	r0, r0, #PSR_F
	msr	cpsr_c, r0
#endif
GLOBAL(fiq_enable_resume)
	bx	lr

ENTRY(local_fiq_disable)
#ifdef KERN_V6
	cpsid	f
#else
	mrs	r0, cpsr
	orr	r0, r0, #PSR_F
	msr	cpsr_c, r0
#endif
	bx	lr

/* Unmask IRQ and FIQ with one instruction. */
ENTRY(local_irq_fiq_enable)
#ifdef KERN_V6
	cpsie	if
#else
	mrs	r0, cpsr
	bic	r0, r0, #(PSR_I | PSR_F)
	msr	cpsr_c, r0
#endif
GLOBAL(irq_fiq_enable_resume)
	bx	lr
