/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmu.c -- the monitor's translation table (ARMv5 format: ARM ARM B4.4,
 * ARM926EJ-S TRM 3.2; the ARM1176 reads it the same with SCTLR.XP = 0).
 *
 * head.S mapped the board's RAM at BM_LINEAR_VA (privileged only), the
 * I/O section, and virtual 0 to this code for the MMU switch.  Here:
 *  - nothing at virtual 0 (head.S's identity section goes): the guest's
 *    addresses are the shadow tables' (shadow.c), filled from the guest's
 *    own translation tables on demand;
 *  - BM_GUEST_ALIAS_VA: guest RAM through the linear map, the core's view
 *    (privileged only, uncached: the shadow entries map it uncached too,
 *    so the two VIVT views never disagree);
 *  - 0xffff0000: the monitor's vector page (high vectors), privileged only.
 * This table is the monitor's alone; each shadow root starts as a copy.
 */
#include "bm.h"

#define SECT 0x12	       /* section, bit 4 should be one */
#define SECT_B 0x4
#define SECT_C 0x8
#define SECT_AP_SHIFT 10
#define COARSE 0x11	       /* coarse page table, bit 4 should be one */
#define SMALL_PAGE 0x2
#define SMALL_AP_ALL(ap) ((ap) * 0x55u << 4) /* AP0-AP3, the 4 subpages */
#define AP_PRIV 1u	       /* privileged read/write, user none */
#define CACHE_LINE 32

uint32_t bm_l1_table[4096] __attribute__((aligned(16384)));
uint32_t bm_vec_l2_table[256] __attribute__((aligned(1024)));
uint8_t bm_vector_page[4096] __attribute__((aligned(4096)));

static uint32_t va_to_pa(const void *va)
{
	return (uint32_t)(uintptr_t)va - BM_LINEAR_VA;
}

/* The table walk reads memory, not the D-cache: clean what we wrote (by
 * MVA, c7 c10 1, on both cores), then drain the write buffer. */
static void dcache_clean_range(const void *start, size_t len)
{
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(CACHE_LINE - 1);

	for (; a < (uintptr_t)start + len; a += CACHE_LINE)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(a));
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

/* The vector page holds the table of bm_vectors_start: 8 LDR PC words,
 * then the 8 stub addresses they load.  Written through the linear map
 * and cleaned to memory; the CPU reads it at 0xffff0000, another line of
 * the VIVT D-cache, which is invalidated (c7 c6 1: never written there,
 * nothing lost) so that it cannot hold the old address. */
void bm_mmu_set_vector(unsigned exc, void (*stub)(void))
{
	uint32_t *slot = (uint32_t *)bm_vector_page + 8 + (exc & 7);

	*slot = (uint32_t)(uintptr_t)stub;
	dcache_clean_range(slot, sizeof(*slot));
	__asm__ volatile("mcr p15, 0, %0, c7, c6, 1"
			 : : "r"(BM_HIGH_VECTORS + 4 * (8 + (exc & 7)))
			 : "memory");
}

void bm_mmu_init(void)
{
	uint32_t *l1 = bm_l1_table;
	size_t vec_len = (size_t)((uintptr_t)bm_vectors_end -
				  (uintptr_t)bm_vectors_start);

	/* The vector page: 8 vectors and their 8 addresses. */
	memcpy(bm_vector_page, (const void *)bm_vectors_start, vec_len);
	dcache_clean_range(bm_vector_page, vec_len);

	l1[0] = 0; /* head.S's identity section */
	for (uint32_t mb = 0; mb < (BM_GUEST_SIZE >> 20); mb++)
		l1[(BM_GUEST_ALIAS_VA >> 20) + mb] =
			(BM_GUEST_PA + (mb << 20)) | SECT |
			AP_PRIV << SECT_AP_SHIFT;
	bm_vec_l2_table[(BM_HIGH_VECTORS >> 12) & 0xff] =
		va_to_pa(bm_vector_page) | SMALL_AP_ALL(AP_PRIV) | SECT_C |
		SECT_B | SMALL_PAGE;
	l1[BM_HIGH_VECTORS >> 20] = va_to_pa(bm_vec_l2_table) | COARSE;
	dcache_clean_range(bm_vec_l2_table, sizeof(bm_vec_l2_table));
	dcache_clean_range(bm_l1_table, sizeof(bm_l1_table));

	/* Old translations of virtual 0 (head.S's identity section) and
	 * any instructions fetched through them go. */
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0\n\t" /* TLBs */
			 "mcr p15, 0, %0, c7, c5, 0"	  /* I-cache */
			 : : "r"(0) : "memory");
	bm_shadow_init();
}
