/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-irqflags.h -- interrupt masking written the way Linux 6.1's
 * arch/arm/include/asm/irqflags.h writes it (our own minimal equivalents):
 * MRS/ORR/BIC/MSR on ARMv5, MRS+CPSID and CPSIE/CPSID on ARMv6, the same
 * operand shapes and clobbers.  The armpv_irqflags plugin must replace
 * every asm here (tests/plugin/plugin.sh).
 */
#ifndef PV_IRQFLAGS_H
#define PV_IRQFLAGS_H

#define PV_I 0x80
#define PV_F 0x40

#if __ARM_ARCH >= 6
static inline unsigned long pv_irq_save(void)
{
	unsigned long flags;

	asm volatile("	mrs	%0, cpsr	@ arch_local_irq_save\n"
		     "	cpsid	i"
		     : "=r"(flags) : : "memory", "cc");
	return flags;
}

static inline void pv_irq_enable(void)
{
	asm volatile("	cpsie i			@ arch_local_irq_enable" : : : "memory", "cc");
}

static inline void pv_irq_disable(void)
{
	asm volatile("	cpsid i			@ arch_local_irq_disable" : : : "memory", "cc");
}

#define pv_fiq_enable() __asm__("cpsie f	@ __stf" : : : "memory", "cc")
#define pv_fiq_disable() __asm__("cpsid f	@ __clf" : : : "memory", "cc")
#else
static inline unsigned long pv_irq_save(void)
{
	unsigned long flags, temp;

	asm volatile("	mrs	%0, cpsr	@ arch_local_irq_save\n"
		     "	orr	%1, %0, #128\n"
		     "	msr	cpsr_c, %1"
		     : "=r"(flags), "=r"(temp) : : "memory", "cc");
	return flags;
}

static inline void pv_irq_enable(void)
{
	unsigned long temp;

	asm volatile("	mrs	%0, cpsr	@ arch_local_irq_enable\n"
		     "	bic	%0, %0, #128\n"
		     "	msr	cpsr_c, %0"
		     : "=r"(temp) : : "memory", "cc");
}

static inline void pv_irq_disable(void)
{
	unsigned long temp;

	asm volatile("	mrs	%0, cpsr	@ arch_local_irq_disable\n"
		     "	orr	%0, %0, #128\n"
		     "	msr	cpsr_c, %0"
		     : "=r"(temp) : : "memory", "cc");
}

#define pv_fiq_enable()                                                  \
	({                                                               \
		unsigned long temp;                                      \
		__asm__ __volatile__("mrs	%0, cpsr		@ stf\n" \
				     "	bic	%0, %0, #64\n"           \
				     "	msr	cpsr_c, %0"              \
				     : "=r"(temp) : : "memory", "cc");   \
	})

#define pv_fiq_disable()                                                 \
	({                                                               \
		unsigned long temp;                                      \
		__asm__ __volatile__("mrs	%0, cpsr		@ clf\n" \
				     "	orr	%0, %0, #64\n"           \
				     "	msr	cpsr_c, %0"              \
				     : "=r"(temp) : : "memory", "cc");   \
	})
#endif

static inline unsigned long pv_save_flags(void)
{
	unsigned long flags;

	asm volatile("	mrs	%0, cpsr	@ local_save_flags"
		     : "=r"(flags) : : "memory", "cc");
	return flags;
}

static inline void pv_irq_restore(unsigned long flags)
{
	asm volatile("	msr	cpsr_c, %0	@ local_irq_restore"
		     : : "r"(flags) : "memory", "cc");
}

#endif /* PV_IRQFLAGS_H */
