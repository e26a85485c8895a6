/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdt-bcm2835.h -- what a Raspberry Pi (BCM2835) device tree needs, once
 * fdt_filter_devices() has cut it to the board's devices, for Linux 6.1
 * to boot on them alone with its console on ttyAMA0.
 *
 * The guest of the raspi0 board has four devices: the armctrl interrupt
 * controller (0x2000b200), the system timer (0x20003000), the PM block's
 * watchdog (0x20100000) and the PL011 (0x20201000).  Linux's
 * bcm2835-rpi-zero.dtb (bcm283x.dtsi) describes the whole SoC; after the
 * filter, what is left still depends on hardware the guest has not:
 *
 *   the PL011   takes 'clocks' from cprman (0x7e101000, gone): amba's
 *               probe needs "apb_pclk" and the driver "uartclk", so the
 *               port would wait for a provider forever (fw_devlink) and
 *               the console stay on the boot console only; and
 *               'pinctrl-0' names a group of the gpio node (gone);
 *   the PM node is dropped by the filter, since its second 'reg'
 *               ("asb", 0x7e00a000) is no region of the board; without
 *               it Linux has no restart or power-off handler;
 *   /soc's children without 'reg' (firmware, power, gpu) are the
 *               VideoCore firmware's services over the mailbox (gone);
 *   /leds (gpio), /phy (USB), /thermal-zones (the thermal sensor),
 *               /arm-pmu (the monitor does not virtualize the ARM1176
 *               PMU: its counters would count the monitor too) and
 *               /__symbols__ (overlays' labels, naming every node that
 *               went: the guest's tree is final).
 *
 * fdt_bcm2835_fixup() therefore, on the filtered tree 'f' (an editable
 * copy: fdt_open_into, then fdt_filter_devices):
 *
 *   1. deletes /__symbols__, /thermal-zones, /leds, /phy, /arm-pmu, every
 *      child of /soc without a 'reg', every child of /clocks (the 19.2 MHz
 *      oscillator fed cprman, the USB clock the USB controller: both
 *      gone), and any PM node the filter left (compatible
 *      "brcm,bcm2835-pm" or "brcm,bcm2835-pm-wdt");
 *   2. adds /clocks/clk-uart, a "fixed-clock" of
 *      FDT_BCM2835_UART_CLOCK_HZ with a new phandle (/clocks made if
 *      absent);
 *   3. gives the PL011 (the /soc child compatible "arm,pl011")
 *      clocks = <&clk-uart &clk-uart> (uartclk and apb_pclk) and deletes
 *      its pinctrl-* properties;
 *   4. adds /soc/watchdog@<bus address of pm_base> with compatible
 *      "brcm,bcm2835-pm", "brcm,bcm2835-pm-wdt", reg = <bus pm_size>
 *      and reg-names = "pm" only (Linux 6.1 drivers/mfd/bcm2835-pm.c
 *      then registers the watchdog alone, no power domains: those need
 *      "asb"), and system-power-controller (drivers/watchdog/
 *      bcm2835_wdt.c then sets pm_power_off: poweroff and reboot both
 *      reach the PM block); the bus address is pm_base translated back
 *      through /soc's 'ranges' (0x7e000000 -> 0x20000000 on BCM2835);
 *   5. packs the tree.
 *
 * Left as they are: /soc's 'dma-ranges' (bus 0x40000000 is RAM at 0,
 * what the VideoCore's L2-cached alias is; no device left does DMA),
 * /cpus, /reserved-memory (the 64 MiB CMA pool: reusable memory, not a
 * device), /aliases and /chosen as the filter left them (serial0 and
 * stdout-path "serial0:115200n8" name the PL011), /memory (set by
 * fdt_linux_fixup afterwards), the memory reservation block, and the
 * root's interrupt-parent (the armctrl node, kept by the filter).
 *
 * NULL on success, else what is wrong (the tree may then be half
 * edited, but it opens: the caller refuses the guest): no /soc or no
 * "ranges" window holding pm_base, no PL011 (with a 'reg') under /soc,
 * no room in f->cap for what it adds (240 bytes for Linux 6.1's tree;
 * it deletes more first, so the result is smaller than the filtered
 * tree), /soc cells other than 1 or 2.
 * Freestanding like fdt.c: no allocation, no recursion, no library call
 * but memcmp/memcpy/memmove/memset through fdt.c.  Call it after
 * fdt_filter_devices() and before fdt_linux_fixup(); 'st' may be NULL.
 */
#ifndef ARMPV_FDT_BCM2835_H
#define ARMPV_FDT_BCM2835_H

#include "fdt.h"

/* The PL011's UARTCLK: what the Raspberry Pi firmware sets cprman's
 * UART clock to (config.txt init_uart_clock, 48 MHz by default since
 * 2016), which Linux then reads from cprman.  QEMU's cprman model
 * leaves it at 0 and QEMU's PL011 ignores the divisor; Linux only
 * needs a rate of at least 16 x 115200 (amba-pl011.c's highest baud
 * is UARTCLK / 16) that does not change. */
#define FDT_BCM2835_UART_CLOCK_HZ 48000000u

struct fdt_bcm2835_stats {
	unsigned nodes; /* nodes deleted (with their subtrees) */
	unsigned props; /* PL011 properties deleted */
};

const char *fdt_bcm2835_fixup(struct fdt *f, uint32_t pm_base,
			      uint32_t pm_size, struct fdt_bcm2835_stats *st);

#endif /* ARMPV_FDT_BCM2835_H */
