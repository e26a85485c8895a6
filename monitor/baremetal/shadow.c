/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * shadow.c -- the shadow translation tables the real MMU walks while the
 * guest runs (docs/baremetal-monitor.md "Shadow paging").
 *
 * Two first-level tables, one per virtual privilege: BM_SHADOW_KERNEL
 * holds what the guest may touch while its virtual mode is privileged,
 * BM_SHADOW_USER what it may touch in virtual USR mode.  Both start as a
 * copy of the monitor's own table (bm_l1_table: linear map, I/O, vector
 * page, all AP = 01, privileged only), so monitor code runs the same
 * under either, and the guest's part (every slot the monitor's table
 * leaves empty) is filled lazily, one 4 KiB small page at a time, in
 * coarse second-level tables from a fixed pool.  This file only keeps
 * the tables; what goes in them is run.c's decision (the guest's walk).
 *
 * Descriptors are the ARMv5 format (ARM ARM B4.7; ARM926EJ-S TRM 3.2),
 * which the ARM1176 reads the same with SCTLR.XP = 0 (TRM 6.11.1).
 * Guest pages are uncached and unbuffered (C = B = 0): the VIVT caches of
 * the ARM926EJ-S would otherwise need cleaning whenever the core writes
 * guest RAM through its alias or a mapping changes.
 */
#include "bm.h"

#define L1_COARSE 0x11 /* coarse table, domain 0, bit 4 should be one */
#define L1_INDEX(va) ((va) >> 20)
#define L2_SMALL 0x2
#define L2_INDEX(va) (((va) >> 12) & 0xffu)
#define L2_AP_SHIFT 4 /* AP0 at 5:4 ... AP3 at 11:10, by VA[11:10] */
#define CACHE_LINE 32
#define SHADOW_L2_TABLES 256 /* 256 MiB of guest VA, both roots together */

uint32_t bm_shadow_l1[BM_SHADOW_ROOTS][4096] __attribute__((aligned(16384)));
static uint32_t shadow_l2[SHADOW_L2_TABLES][256] __attribute__((aligned(1024)));
/* Who uses each pool table: root and first-level slot. */
static struct {
	uint8_t root;
	uint16_t slot;
} shadow_l2_owner[SHADOW_L2_TABLES];
static unsigned shadow_l2_used;
static unsigned shadow_root = BM_SHADOW_ROOTS; /* none loaded yet */

static uint32_t va_to_pa(const void *va)
{
	return (uint32_t)(uintptr_t)va - BM_LINEAR_VA;
}

/* The hardware walk reads memory, not the D-cache (ARM926EJ-S TRM 3.2):
 * clean what we wrote (by MVA, c7 c10 1), then drain the write buffer. */
static void shadow_clean(const void *start, size_t len)
{
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(CACHE_LINE - 1);

	for (; a < (uintptr_t)start + len; a += CACHE_LINE)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(a));
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

static void tlb_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");
}

void bm_shadow_init(void)
{
	for (unsigned r = 0; r < BM_SHADOW_ROOTS; r++) {
		memcpy(bm_shadow_l1[r], bm_l1_table, sizeof(bm_l1_table));
		shadow_clean(bm_shadow_l1[r], sizeof(bm_shadow_l1[r]));
	}
	shadow_l2_used = 0;
}

bool bm_shadow_is_monitor(uint32_t va)
{
	return bm_l1_table[L1_INDEX(va)] != 0;
}

/* Drop every guest entry of both roots: their second-level tables go
 * back to the pool, the first-level slots become faults again. */
void bm_shadow_flush(void)
{
	for (unsigned i = 0; i < shadow_l2_used; i++) {
		uint32_t *e = &bm_shadow_l1[shadow_l2_owner[i].root]
					   [shadow_l2_owner[i].slot];

		*e = 0;
		shadow_clean(e, 4);
	}
	shadow_l2_used = 0;
	tlb_invalidate_all();
}

void bm_shadow_switch(unsigned root)
{
	if (root == shadow_root)
		return;
	shadow_root = root;
	/* No ASIDs on the ARM926EJ-S: the TLB holds the other root's
	 * permissions and must go.  Both roots map every VA to the same
	 * physical page (only AP differs), so the VIVT caches stay valid. */
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0"
			 : : "r"(va_to_pa(bm_shadow_l1[root])) : "memory");
	tlb_invalidate_all();
}

unsigned bm_shadow_current(void)
{
	return shadow_root;
}

/* The second-level table of 'va' in 'root', or NULL. */
static uint32_t *shadow_l2_of(unsigned root, uint32_t va)
{
	uint32_t l1 = bm_shadow_l1[root][L1_INDEX(va)];

	if ((l1 & 3u) != (L1_COARSE & 3u) || bm_shadow_is_monitor(va))
		return NULL;
	return bm_pa_to_va(l1 & 0xfffffc00u);
}

bool bm_shadow_lookup(unsigned root, uint32_t va, uint32_t *host_pa,
		      unsigned *ap)
{
	uint32_t *l2 = shadow_l2_of(root, va), e;

	if (!l2)
		return false;
	e = l2[L2_INDEX(va)];
	if ((e & 3u) != L2_SMALL)
		return false;
	*ap = (e >> (L2_AP_SHIFT + 2 * ((va >> 10) & 3u))) & 3u;
	*host_pa = (e & 0xfffff000u) | (va & 0xfffu);
	return true;
}

void bm_shadow_map(unsigned root, uint32_t va, uint32_t host_frame,
		   const unsigned ap[4])
{
	uint32_t *l2 = shadow_l2_of(root, va), e;

	if (bm_shadow_is_monitor(va))
		return; /* never: run.c refuses these first */
	if (!l2) {
		uint32_t *l1e = &bm_shadow_l1[root][L1_INDEX(va)];

		if (shadow_l2_used == SHADOW_L2_TABLES)
			bm_shadow_flush(); /* pool exhausted: start afresh */
		l2 = shadow_l2[shadow_l2_used];
		shadow_l2_owner[shadow_l2_used].root = (uint8_t)root;
		shadow_l2_owner[shadow_l2_used].slot = (uint16_t)L1_INDEX(va);
		shadow_l2_used++;
		memset(l2, 0, sizeof(shadow_l2[0]));
		shadow_clean(l2, sizeof(shadow_l2[0]));
		*l1e = va_to_pa(l2) | L1_COARSE;
		shadow_clean(l1e, 4);
	}
	e = (host_frame & 0xfffff000u) | L2_SMALL;
	for (unsigned k = 0; k < 4; k++)
		e |= (ap[k] & 3u) << (L2_AP_SHIFT + 2 * k);
	l2[L2_INDEX(va)] = e;
	shadow_clean(&l2[L2_INDEX(va)], 4);
	/* An upgraded entry (read-only to read/write) may be in the TLB. */
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1"
			 : : "r"(va & 0xfffff000u) : "memory");
}
