/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bcm2835-intc.h -- the BCM2835 ARM interrupt controller ("armctrl"):
 * 64 GPU interrupt sources and 8 ARM ("basic") sources, masked by enable
 * bits, no priorities, no vectors, one source selectable as FIQ.
 * Register map and behaviour: BCM2835 ARM Peripherals (Broadcom, 2012),
 * chapter 7 "Interrupt controller", as Linux 6.1's
 * drivers/irqchip/irq-bcm2835.c reads it.
 *
 * The registers sit at 0x200-0x227 of the page at ARM physical 0x2000b000
 * (bus address 0x7e00b000), which they share with the ARM timer (0x400)
 * and the mailboxes (0x800); the device tree's node (0x7e00b200, size
 * 0x200) covers the controller only, and so does this model: offsets
 * here are from 0x2000b200.
 *
 * Inputs: level-sensitive GPU lines 0-63 (bcm2835_intc_set_gpu_line) and
 * basic lines 0-7 (bcm2835_intc_set_basic_line).  Outputs: 'irq' and
 * 'fiq', recomputed after every change; the board forwards them.
 *
 * MMIO (bcm2835_intc_mmio): word accesses only (QEMU's model refuses the
 * others too; the manual defines 32-bit registers); byte or halfword
 * accesses abort.  Offsets 0x28-0x1ff read as zero and ignore writes,
 * counted in 'reserved_accesses'; 0x200 and beyond are outside the
 * device (false).
 */
#ifndef ARMPV_BCM2835_INTC_H
#define ARMPV_BCM2835_INTC_H

#include <stdbool.h>
#include <stdint.h>

/* Register offsets from 0x2000b200 (manual 7.5: 0x200-0x224 of the
 * page). */
#define BCM2835_IC_BASIC_PENDING 0x00
#define BCM2835_IC_PENDING1 0x04
#define BCM2835_IC_PENDING2 0x08
#define BCM2835_IC_FIQ_CONTROL 0x0c
#define BCM2835_IC_ENABLE1 0x10
#define BCM2835_IC_ENABLE2 0x14
#define BCM2835_IC_ENABLE_BASIC 0x18
#define BCM2835_IC_DISABLE1 0x1c
#define BCM2835_IC_DISABLE2 0x20
#define BCM2835_IC_DISABLE_BASIC 0x24
#define BCM2835_IC_SIZE 0x200

/* IRQ basic pending: bits 7:0 the ARM sources (ARM timer, mailbox,
 * doorbells 0 and 1, GPU0 and GPU1 halted, illegal access types 1 and
 * 0), bit 8/9 "bits set in pending register 1/2" (those without a
 * shortcut only), bits 20:10 shortcuts to GPU IRQs 7, 9, 10, 18, 19, 53,
 * 54, 55, 56, 57, 62. */
#define BCM2835_IC_BASIC_ARM_MASK 0xffu
#define BCM2835_IC_BASIC_PENDING1 (1u << 8)
#define BCM2835_IC_BASIC_PENDING2 (1u << 9)
#define BCM2835_IC_BASIC_SHORTCUT_SHIFT 10
#define BCM2835_IC_NSHORTCUTS 11
/* The GPU IRQs with a shortcut, as bits of pending 1 and pending 2. */
#define BCM2835_IC_SHORTCUT1_MASK 0x000c0680u /* 7, 9, 10, 18, 19 */
#define BCM2835_IC_SHORTCUT2_MASK 0x43e00000u /* 53-57, 62 */

/* FIQ control: bit 7 enables, bits 6:0 select the source: 0-63 a GPU
 * IRQ, 64-71 an ARM source, 72-127 "do not use" (no FIQ here). */
#define BCM2835_IC_FIQ_ENABLE (1u << 7)
#define BCM2835_IC_FIQ_SOURCE_MASK 0x7fu
#define BCM2835_IC_FIQ_ARM_BASE 64
#define BCM2835_IC_FIQ_MASK 0xffu

#define BCM2835_IC_NGPU 64
#define BCM2835_IC_NARM 8

struct bcm2835_intc {
	uint32_t gpu_lines[2];	/* GPU IRQ inputs 0-31, 32-63 */
	uint32_t gpu_enable[2]; /* enable IRQs 1, 2 */
	uint32_t arm_lines;	/* basic inputs, bits 7:0 */
	uint32_t arm_enable;	/* enable basic IRQs, bits 7:0 */
	uint32_t fiq_control;	/* bits 7:0 */
	bool irq, fiq;		/* outputs, active high */
	uint32_t reserved_accesses;
};

void bcm2835_intc_init(struct bcm2835_intc *ic);
/* Enables and FIQ control to zero (manual: reset 0); inputs kept. */
void bcm2835_intc_reset(struct bcm2835_intc *ic);

/* Set GPU line n (0-63) or ARM line n (0-7) to level. */
void bcm2835_intc_set_gpu_line(struct bcm2835_intc *ic, unsigned n,
			       bool level);
void bcm2835_intc_set_arm_line(struct bcm2835_intc *ic, unsigned n,
			       bool level);

/* Register views: pending 1 (bank 0: GPU 0-31) or pending 2 (bank 1:
 * GPU 32-63), and basic pending. */
uint32_t bcm2835_intc_pending(const struct bcm2835_intc *ic, unsigned bank);
uint32_t bcm2835_intc_basic_pending(const struct bcm2835_intc *ic);

bool bcm2835_intc_mmio(struct bcm2835_intc *ic, uint32_t offset,
		       unsigned size, bool is_write, uint32_t *data);

#endif /* ARMPV_BCM2835_INTC_H */
