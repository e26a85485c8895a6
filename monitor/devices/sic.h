/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sic.h -- the Versatile secondary interrupt controller (SIC, 0x10003000
 * on versatilepb, "arm,versatile-sic" in Linux's device tree).  Register
 * map: Versatile PB926EJ-S User Guide (ARM DUI 0224), "Secondary
 * interrupt controller" registers, the layout QEMU 7.2's versatilepb and
 * Linux 6.1's drivers/irqchip/irq-versatile-fpga.c use.
 *
 * 32 level-sensitive inputs (sic_set_line; bit 0 is the SIC's own software
 * interrupt, SIC_SOFTINTSET).  Two kinds of output:
 * - 'line', (RAWSTAT & ENABLE) != 0: the SIC's combined output, on VIC
 *   source 31 (VERSATILE_IRQ_SIC);
 * - the pass-through lines (sic_passthrough): for each bit of PICENABLE
 *   (only bits 21-30 exist, SIC_PIC_MASK) the SIC input of that number
 *   drives the VIC source of the same number directly, ENABLE or not.
 *
 * MMIO (sic_mmio): word accesses only (armpv's choice, as the VIC);
 * other offsets of the 4 KB page read as zero and ignore writes, counted
 * in 'reserved_accesses' (Linux writes 0x2c, the FPGA IRQ controller's
 * FIQ_ENABLE_CLEAR, which the SIC does not have).
 */
#ifndef ARMPV_SIC_H
#define ARMPV_SIC_H

#include <stdbool.h>
#include <stdint.h>

/* Offsets. */
#define SIC_STATUS 0x00	    /* R: RAWSTAT & ENABLE */
#define SIC_RAWSTAT 0x04    /* R: the inputs */
#define SIC_ENABLE 0x08	    /* R: the enable mask; W (ENSET): 1s enable */
#define SIC_ENCLR 0x0c	    /* W: 1s disable */
#define SIC_SOFTINTSET 0x10 /* R: the software interrupt; W: bit 0 sets */
#define SIC_SOFTINTCLR 0x14 /* W: bit 0 clears */
#define SIC_PICENABLE 0x20  /* R: pass-through enables; W (PICENSET) */
#define SIC_PICENCLR 0x24   /* W: 1s disable pass-through */

#define SIC_SOFTINT (1u << 0)
/* The inputs with a pass-through to the VIC (QEMU's versatilepb:
 * bits 21-30; Linux writes 0xffd00000 to PICENSET). */
#define SIC_PIC_MASK 0x7fe00000u

struct sic {
	uint32_t lines;	 /* inputs 1-31 from devices, level */
	bool softint;	 /* input 0, SIC_SOFTINTSET/CLR */
	uint32_t enable; /* SIC_ENABLE */
	uint32_t picenable;
	bool line; /* combined output (VIC 31) */
	uint32_t reserved_accesses;
};

void sic_init(struct sic *s);
void sic_reset(struct sic *s);

/* Input n (1-31) to level; input 0 is the software interrupt. */
void sic_set_line(struct sic *s, unsigned n, bool level);

uint32_t sic_rawstat(const struct sic *s);
uint32_t sic_status(const struct sic *s);
/* The VIC sources the pass-through drives high: RAWSTAT & PICENABLE
 * (only SIC_PIC_MASK bits). */
uint32_t sic_passthrough(const struct sic *s);

bool sic_mmio(struct sic *s, uint32_t offset, unsigned size, bool is_write,
	      uint32_t *data);

#endif /* ARMPV_SIC_H */
