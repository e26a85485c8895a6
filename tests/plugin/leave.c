// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * leave.c -- asms that touch the CPSR but are not interrupt masking as the
 * armpv_irqflags plugin defines it: it must leave every one alone (they
 * stay the rewriter's), and refuse none.
 */
unsigned long read_mode(void)
{
	unsigned long cpsr; /* not volatile, no "memory": reads the mode */

	asm("mrs %0, cpsr" : "=r"(cpsr));
	return cpsr & 0x1f;
}

void abort_enable(void)
{
#if __ARM_ARCH >= 6
	asm volatile("cpsie a @ __sta" : : : "memory", "cc");
#endif
}

void set_flags(unsigned long nzcv)
{
	asm volatile("msr cpsr_f, %0" : : "r"(nzcv) : "cc");
}

/* cpu_init's shape (arch/arm/kernel/setup.c): mode switches. */
void switch_modes(unsigned long stk)
{
	asm volatile("msr cpsr_c, %1\n\t"
		     "add r14, %0, #12\n\t"
		     "mov sp, r14\n\t"
		     "msr cpsr_c, %2"
		     : : "r"(stk), "I"(0xd2), "I"(0xd3) : "r14");
}
