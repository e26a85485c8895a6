/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdt-filter.h -- cut a board's device tree down to the devices the
 * monitor gives the guest.
 *
 * The user hands the guest the DTB of its kernel build (Linux's
 * versatile-pb.dtb), which describes the whole board: every node with a
 * register range the monitor does not emulate would make Linux probe
 * absent hardware (an external abort).  fdt_filter_devices() edits an
 * editable copy (fdt_open_into) so that it describes exactly the
 * machine: the board's table of devices (struct dev_region, the board
 * model's one list, versatile.c: versatile_regions[]) decides.
 *
 * - A node with a 'reg' is kept only if every (address, size) of it,
 *   translated to a CPU physical address through its ancestors' 'ranges'
 *   (DT spec 2.3.8; an empty 'ranges' is the identity), lies inside one
 *   region of the table not marked DEV_REGION_NOT_IN_DT.  Translation fails, and the node goes, when a
 *   'ranges' has no window holding the range, when cells are not 1 or 2
 *   or their upper word is not zero (nothing of a 32-bit board is above
 *   4 GiB), or when a length is not a multiple of the entry's size.  A
 *   'reg' below an ancestor without 'ranges' (i2c addresses, graph port
 *   numbers) is no CPU address: it is kept, with its parent.
 * - Kept without a 'reg': the root, cpus, clocks, chosen, aliases...;
 *   also the root's memory nodes (device_type "memory": the monitor sets
 *   their 'reg' to the guest's RAM, fdt_linux_fixup).
 * - A dropped node goes with its whole subtree.
 * - What would then dangle: a node whose 'interrupt-parent' or
 *   'remote-endpoint' (a graph link) is the phandle of no node left goes
 *   too, repeated until none is left (a link to a link...); an /aliases
 *   property, or /chosen 'stdout-path'/'linux,stdout-path', naming a path
 *   (or alias) that no longer exists is deleted.
 * - The root keeps its properties whatever they say.
 *
 * No allocation, no recursion, no library call but what fdt.c uses; the
 * tree was checked by fdt_open, so every offset walked is inside it.
 */
#ifndef ARMPV_FDT_FILTER_H
#define ARMPV_FDT_FILTER_H

#include "devmap.h"
#include "fdt.h"

struct fdt_filter_stats {
	unsigned nodes;	     /* nodes dropped for their 'reg' */
	unsigned links;	     /* nodes dropped for a dangling phandle */
	unsigned paths;	     /* alias / stdout-path properties deleted */
};

/* Filter 'f' (an fdt_open_into copy) in place, then pack it: the result
 * is smaller, never larger.  'st' may be NULL. */
void fdt_filter_devices(struct fdt *f, const struct dev_region *regions,
			unsigned nregions, struct fdt_filter_stats *st);

#endif /* ARMPV_FDT_FILTER_H */
