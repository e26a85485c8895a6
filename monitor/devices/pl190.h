/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pl190.h -- ARM PrimeCell Vectored Interrupt Controller (PL190) model.
 * Register map and priority logic: PL190 Technical Reference Manual
 * (ARM DDI 0181), chapter 3.
 *
 * Inputs: 32 level-sensitive source lines (vic_set_line) and the 32
 * software interrupts of VICSOFTINT.  Outputs: the 'irq' and 'fiq' levels
 * (nVICIRQ, nVICFIQ active), recomputed after every change; the board
 * forwards them to armpv_vcpu_set_irq()/set_fiq().
 *
 * MMIO (vic_mmio): word accesses only; a byte or halfword access aborts
 * (armpv's choice: the TRM defines 32-bit registers only).  Reserved
 * offsets read as zero and ignore writes, counted in 'reserved_accesses'.
 */
#ifndef ARMPV_PL190_H
#define ARMPV_PL190_H

#include <stdbool.h>
#include <stdint.h>

/* Register offsets (DDI 0181 table 3-1). */
#define VIC_IRQSTATUS 0x000
#define VIC_FIQSTATUS 0x004
#define VIC_RAWINTR 0x008
#define VIC_INTSELECT 0x00c
#define VIC_INTENABLE 0x010
#define VIC_INTENCLEAR 0x014
#define VIC_SOFTINT 0x018
#define VIC_SOFTINTCLEAR 0x01c
#define VIC_PROTECTION 0x020
#define VIC_VECTADDR 0x030
#define VIC_DEFVECTADDR 0x034
#define VIC_VECTADDR0 0x100 /* VECTADDR0-15: 0x100-0x13c */
#define VIC_VECTCNTL0 0x200 /* VECTCNTL0-15: 0x200-0x23c */
#define VIC_ITCR 0x300
#define VIC_PERIPHID0 0xfe0 /* ... PCELLID3 at 0xffc */

/* VICVECTCNTLn (3.3.11). */
#define VIC_VECTCNTL_SOURCE_MASK 0x1fu
#define VIC_VECTCNTL_ENABLE (1u << 5)

#define VIC_NVECT 16
/* Priority levels: 0-15 the vectored slots, 16 a non-vectored IRQ in
 * service, 17 nothing in service. */
#define VIC_PRIO_DEFAULT 16
#define VIC_PRIO_NONE 17

struct pl190_vic {
	uint32_t lines;	  /* source inputs, level */
	uint32_t softint; /* VICSOFTINT */
	uint32_t intselect, intenable;
	bool protection;
	uint32_t vectaddr[VIC_NVECT];
	uint32_t vectcntl[VIC_NVECT];
	uint32_t defvectaddr;

	/* Priority hardware: the level in service and, per level, the
	 * level it interrupted (a stack through prev[]). */
	unsigned priority;
	uint8_t prev[VIC_PRIO_NONE];

	bool irq, fiq; /* outputs, active high */
	uint32_t reserved_accesses;
};

void vic_init(struct pl190_vic *vic);
void vic_reset(struct pl190_vic *vic);

/* Set source line n (0-31) to level. */
void vic_set_line(struct pl190_vic *vic, unsigned n, bool level);

/* Register views (DDI 0181 3.3.1-3.3.3). */
uint32_t vic_rawintr(const struct pl190_vic *vic);
uint32_t vic_irqstatus(const struct pl190_vic *vic);
uint32_t vic_fiqstatus(const struct pl190_vic *vic);

bool vic_mmio(struct pl190_vic *vic, uint32_t offset, unsigned size,
	      bool is_write, uint32_t *data);

#endif /* ARMPV_PL190_H */
