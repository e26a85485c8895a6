/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * board.c -- which board armpv-bm runs on, and the calls into its
 * descriptor (board.h).
 *
 * A device tree (r2) names its board in the root's 'compatible', most
 * specific first (DT spec 3.2): the first of those strings that a
 * descriptor lists decides.  With ATAGs, the machine type in r1 does.
 * Nothing else is probed: a board armpv-bm does not know is refused,
 * with what it was told, before anything touches a device.
 */
#include "armpv_core.h"
#include "bm.h"
#include "board.h"

static const struct bm_board *const boards[] = {
	&bm_board_versatile,
	&bm_board_bcm2835,
};
#define NBOARDS (sizeof(boards) / sizeof(boards[0]))

const struct bm_board *bm_board;
struct bm_board_stats bm_board_stats;

static const struct bm_board *board_by_compatible(const char *s, uint32_t len)
{
	uint32_t at = 0;

	while (at < len) {
		const char *c = s + at;
		uint32_t n = (uint32_t)bm_strnlen(c, len - at);

		for (unsigned b = 0; b < NBOARDS; b++)
			for (const char *const *k = boards[b]->compatible; *k;
			     k++)
				if (bm_strnlen(*k, n + 1) == n &&
				    !memcmp(*k, c, n))
					return boards[b];
		at += n + 1;
	}
	return NULL;
}

const struct bm_board *bm_board_find(const struct bm_boot_info *info)
{
	if (info->compatible) {
		const struct bm_board *b =
			board_by_compatible(info->compatible,
					    info->compatible_len);

		if (!b) {
			uint32_t n = (uint32_t)bm_strnlen(
				info->compatible, info->compatible_len);
			char first[64];

			if (n >= sizeof(first))
				n = sizeof(first) - 1;
			memcpy(first, info->compatible, n);
			first[n] = '\0';
			bm_report("boot: the device tree's board (compatible "
				  "\"%s\"...) is none armpv-bm supports "
				  "(docs/baremetal-monitor.md \"Boards\")",
				  first);
		}
		return b;
	}
	for (unsigned b = 0; b < NBOARDS; b++)
		if (boards[b]->machine == info->machine)
			return boards[b];
	bm_report("boot: machine type %u (r1) is no board armpv-bm supports "
		  "(docs/baremetal-monitor.md \"Boards\")", info->machine);
	return NULL;
}

void bm_board_init(struct armpv_vm *vm, struct armpv_vcpu *vcpu)
{
	bm_board->init(vm, vcpu);
}

void bm_board_irq(void)
{
	bm_board->irq();
}

bool bm_board_wfi(void)
{
	return bm_board->wfi();
}

void bm_board_quiesce(void)
{
	bm_board->quiesce();
}

uint32_t bm_board_machine_clock(void)
{
	return bm_board->machine_clock();
}

uint32_t bm_board_ticks(void)
{
	return bm_board->ticks();
}

/* Is guest physical 'pa' in one of the board's devices (its regions,
 * the board's one list)? */
bool bm_board_is_device(uint32_t pa)
{
	for (unsigned i = 0; i < bm_board->nregions; i++)
		if (pa - bm_board->regions[i].base < bm_board->regions[i].size)
			return true;
	return false;
}

const struct dev_region *bm_board_regions(unsigned *count)
{
	*count = bm_board->nregions;
	return bm_board->regions;
}
