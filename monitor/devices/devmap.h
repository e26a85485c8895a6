/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * devmap.h -- one row of a board's device map: the physical range a
 * modelled device answers.  A board lists its devices once in a table of
 * these (versatile.c: versatile_regions[]); the bare-metal monitor decides
 * from that table which guest pages are devices and which device-tree
 * nodes the guest keeps (monitor/baremetal/fdt-filter.c), so a second
 * board supplies only its own table.
 */
#ifndef ARMPV_DEVMAP_H
#define ARMPV_DEVMAP_H

#include <stdint.h>

struct dev_region {
	uint32_t base;
	uint32_t size;
	const char *name;
	unsigned flags;
};

/* The range answers (reads 0, ignores writes: a stub for a kernel's
 * fixed accesses) but is no device to describe to the guest: its
 * device-tree node is dropped like absent hardware's. */
#define DEV_REGION_NOT_IN_DT 1u

#endif /* ARMPV_DEVMAP_H */
