/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board.h -- what armpv-bm needs from the board it runs on, one
 * descriptor per board (board-versatile.c, board-bcm2835.c).  Nothing
 * else in monitor/baremetal names a board address: the world switch,
 * the shadow tables, trap handling and the core see only this
 * interface.  docs/baremetal-monitor.md "Boards" says how to add one.
 *
 * The monitor finds its board from what it was booted with
 * (bm_board_find(): the device tree's root 'compatible', else the ATAG
 * machine type), maps the board's real device pages at its fixed
 * virtual slots (BM_IO_VA, bm.h: the console first, so that the monitor
 * can speak), and from then on calls the descriptor's functions:
 *  - init: the guest's device models (monitor/devices/), registered with
 *    the VM as its MMIO handler, the real clock and timer the monitor
 *    keeps for the models' time, and the real interrupt sources it
 *    enables (at most its timer and its console's receiver);
 *  - irq: a real IRQ came while the guest ran;
 *  - wfi: the guest waits for an interrupt with none pending;
 *  - quiesce: every real interrupt source off (boot, halt);
 *  - machine_clock, ticks: the machine's own clock (for benchmarks) and
 *    the models' 1 MHz time since init;
 *  - regions: the guest's devices, the one table deciding which guest
 *    physical pages trap as devices and which device-tree nodes the
 *    guest keeps (fdt-filter.c);
 *  - fdt_fixup (may be NULL): what else the guest's tree needs for the
 *    devices to work with only those regions (a fixed clock...).
 */
#ifndef BM_BOARD_H
#define BM_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "bm.h"
#include "devmap.h"

struct armpv_vm;
struct armpv_vcpu;
struct fdt;

struct bm_board {
	const char *name;		 /* for reports: "versatilepb" */
	const char *const *compatible;	 /* root compatibles, NULL-ended */
	uint32_t machine;		 /* ATAG machine type (r1) */
	/* The real device pages mapped at BM_IO_SLOT_VA(k) (0: none). */
	uint32_t io_pa[BM_IO_PAGES];
	const char *clock_name; /* what machine_clock reads: "SYS_24MHZ" */
	void (*init)(struct armpv_vm *vm, struct armpv_vcpu *vcpu);
	void (*irq)(void);
	bool (*wfi)(void);
	void (*quiesce)(void);
	uint32_t (*machine_clock)(void);
	uint32_t (*ticks)(void);
	const struct dev_region *regions;
	unsigned nregions;
	void (*fdt_fixup)(struct fdt *f);
};

extern const struct bm_board bm_board_versatile;
extern const struct bm_board bm_board_bcm2835;

/* The board the monitor runs on (bm_board_find()). */
extern const struct bm_board *bm_board;

/* The board 'info' describes, or NULL; its reasons are reported. */
const struct bm_board *bm_board_find(const struct bm_boot_info *info);

#endif /* BM_BOARD_H */
