// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * refuse.c -- interrupt masking the armpv_irqflags plugin recognises but
 * cannot replace: each asm marked REFUSE must be an error at its line.
 */
unsigned long var;

void refused(unsigned long x)
{
	asm volatile("mrs %0, cpsr\n\torr %0, %0, #128\n\tmsr cpsr_c, %0" : "+r"(x) : : "memory"); /* REFUSE */
	asm volatile("cpsid ai" : : : "memory"); /* REFUSE */
	asm volatile("msr cpsr_c, %0" : : "m"(var) : "memory"); /* REFUSE */
	asm volatile("mrs %0, cpsr\n\torr %0, %0, #0x100\n\tmsr cpsr_c, %0" : "=r"(x) : : "memory"); /* REFUSE */
	asm volatile("cpsid i\n\tcpsie f" : : : "memory"); /* REFUSE */
	var = x;
}
