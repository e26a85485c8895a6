/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bcm2835.h -- the BCM2835 devices the native test kernels and test
 * guests use on QEMU's raspi0 (ARM1176JZF-S), at their ARM physical
 * addresses (BCM2835 ARM Peripherals, "Peripheral addresses": bus
 * 0x7exxxxxx is ARM 0x20xxxxxx).  Exactly the devices armpv-bm gives a
 * guest on that board: nothing else may appear here (not the ARM timer
 * at 0x2000b400, not the mailboxes, not the mini UART).  For C and
 * assembly alike.
 */
#ifndef BCM2835_H
#define BCM2835_H

/* The system timer (ARM Peripherals chapter 12): a free-running 1 MHz
 * counter CLO/CHI and four compares; CS bit n is set when CLO reaches
 * Cn and stays set, with GPU interrupt n asserted, until written 1.
 * QEMU (hw/timer/bcm2835_systmr.c) arms compare n only when Cn is
 * written, for Cn - CLO (32 bits, modulo) microseconds later. */
#define SYSTMR_BASE 0x20003000
#define SYSTMR_CS 0x00
#define SYSTMR_CLO 0x04
#define SYSTMR_CHI 0x08
#define SYSTMR_C(n) (0x0c + 4 * (n))
#define SYSTMR_CS_M(n) (1 << (n))
#define SYSTMR_IRQ(n) (n) /* GPU interrupt of compare n */

/* The ARM interrupt controller, "armctrl" (ARM Peripherals chapter 7):
 * 64 GPU sources in pending/enable/disable 1 (0-31) and 2 (32-63);
 * enable and disable are write-1-to-set/clear; FIQ control routes one
 * source (bits 6:0) to FIQ when bit 7 is set. */
#define ARMCTRL_BASE 0x2000b200
#define ARMCTRL_PENDING_BASIC 0x00
#define ARMCTRL_PENDING1 0x04
#define ARMCTRL_PENDING2 0x08
#define ARMCTRL_FIQ_CONTROL 0x0c
#define ARMCTRL_ENABLE1 0x10
#define ARMCTRL_ENABLE2 0x14
#define ARMCTRL_DISABLE1 0x1c
#define ARMCTRL_DISABLE2 0x20
#define ARMCTRL_FIQ_ENABLE 0x80

/* PL011 UART0 (the board's only PL011), GPU interrupt 57 (bit 25 of
 * pending/enable 2). */
#define BCM2835_UART0 0x20201000
#define BCM2835_IRQ_UART0 57

/* The power manager's watchdog (Linux's bcm2835_wdt): a write needs the
 * password in bits 31:24; RSTC WRCFG = full reset restarts the board
 * (QEMU hw/misc/bcm2835_powermgt.c: a reset request at once; -no-reboot
 * stops QEMU with status 0). */
#define PM_BASE 0x20100000
#define PM_RSTC 0x1c
#define PM_WDOG 0x24
#define PM_PASSWORD 0x5a000000
#define PM_RSTC_WRCFG_FULL_RESET 0x20

#endif /* BCM2835_H */
