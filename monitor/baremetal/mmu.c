/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmu.c -- the monitor's translation table (ARMv5 format: ARM ARM B4.4,
 * ARM926EJ-S TRM 3.2; the ARM1176 reads it the same with SCTLR.XP = 0),
 * its vector page, and its window onto guest RAM.
 *
 * head.S mapped the monitor's MiB at BM_MON_VA, the window's coarse
 * table at BM_WIN_VA (bm_mmu_map_io() adds the board's devices), all of RAM at
 * BM_BOOT_VA for the boot, and virtual 0 to this code for the MMU switch.
 * Here:
 *  - head.S's identity section goes;
 *  - the vector page: at 0xffff0000 (SCTLR.V = 1) while the guest's
 *    vectors are low, at 0 while they are high (bm_mmu_vectors()), each
 *    in a coarse table of its own that the guest shares (its other
 *    pages are the guest's: Linux's vector page at 0xffff0000, or user
 *    pages from 0x1000 up);
 *  - bm_mmu_boot_done(): the boot's linear map goes, and the shadow roots
 *    are made (shadow.c): from then on the monitor reaches guest RAM only
 *    through the window;
 *  - the page shared with a plugin-built guest kernel (armpv_pv.h) in the
 *    window table's last slot, BM_PV_VA: privileged only in bm_win_l2,
 *    which this table and the roots of virtual USR mode use, guest
 *    read/write in win_l2_kernel, an identical copy otherwise, which the
 *    roots of the virtual privileged modes use (bm_mmu_pv_root()).
 * This table is the monitor's alone; each shadow root starts as a copy.
 */
#include "armpv_core.h"
#include "bm.h"

#define SECT 0x12 /* section, bit 4 should be one */
#define SECT_B 0x4
#define SECT_C 0x8
#define SECT_AP(ap) ((ap) << 10)
#define COARSE 0x11 /* coarse page table, bit 4 should be one */
#define SMALL_PAGE 0x2
#define SMALL_AP_ALL(ap) ((ap) * 0x55u << 4) /* AP0-AP3, the 4 subpages */
#define AP_PRIV 1u			     /* privileged read/write, user none */
#define AP_USER_RW 3u			     /* read/write in every mode */
/* The ARMv6 format (ARM1176 TRM 6.11.2, Figures 6-6 and 6-8). */
#define V6_COARSE 0x01 /* coarse table, domain 0, bits 4 and 2 SBZ */
#define V6_SMALL 0x2   /* extended small page, bit 0 = XN */
#define V6_XN 0x1
#define V6_AP(ap) ((ap) << 4)
#define V6_TEX(t) ((t) << 6)
#define V6_NG 0x800
#define CACHE_LINE 32
#define SCTLR_V 0x2000
#define WIN_HASH 1024u

uint32_t bm_l1_table[4096] __attribute__((aligned(16384)));
/* The coarse tables of slot 0 and slot 0xfff: the vector page in one. */
static uint32_t vec_l2_low[256] __attribute__((aligned(1024)));
static uint32_t vec_l2_high[256] __attribute__((aligned(1024)));
uint32_t bm_win_l2[256] __attribute__((aligned(1024)));
/* bm_win_l2 for the virtual privileged modes' roots: the same entries
 * (every write goes to both), but the shared page's AP is 11. */
static uint32_t win_l2_kernel[256] __attribute__((aligned(1024)));
/* The shared page.  Used only at BM_PV_VA, by guest and monitor alike, so
 * it has one alias in the VIVT D-cache and may be cached (head.S cleared
 * .bss with the caches off: no line of it at the MiB's address). */
static uint8_t pv_page[4096] __attribute__((aligned(4096)));
uint8_t bm_vector_page[4096] __attribute__((aligned(4096)));
static bool vectors_high = true; /* head.S sets SCTLR.V */
static uint32_t io_pa[BM_IO_PAGES]; /* bm_mmu_map_io()'s */

bool bm_xp;

uint32_t bm_desc_coarse(uint32_t table_pa)
{
	return table_pa | (bm_xp ? V6_COARSE : COARSE);
}

/*
 * A page of the monitor's, privileged read/write only, global: its
 * code and data (cached: write-back), guest RAM seen by the monitor
 * (uncached, as the shadow maps it: ARMv5 C = B = 0; ARMv6 normal
 * non-cacheable, TEX = 001, the same attributes as the shadow's), or a
 * device (ARMv5 C = B = 0; ARMv6 shared device, B = 1).  In the ARMv6
 * format only code is executable.
 */
uint32_t bm_desc_monitor_page(uint32_t pa, enum bm_page_kind kind)
{
	pa &= 0xfffff000u;
	if (!bm_xp)
		return pa | SMALL_AP_ALL(AP_PRIV) | SMALL_PAGE |
		       (kind == BM_PAGE_CACHED ? SECT_C | SECT_B : 0);
	switch (kind) {
	case BM_PAGE_CACHED:
		return pa | V6_AP(AP_PRIV) | SECT_C | SECT_B | V6_SMALL;
	case BM_PAGE_UNCACHED:
		return pa | V6_AP(AP_PRIV) | V6_TEX(1) | V6_SMALL | V6_XN;
	default:
		return pa | V6_AP(AP_PRIV) | SECT_B | V6_SMALL | V6_XN;
	}
}

/* The window: the guest page (offset >> 12, plus one; 0 free) each slot
 * maps, the next slot to reuse, and a hint from a page to its slot. */
static uint32_t win_page[BM_WIN_PAGES];
static uint16_t win_hint[WIN_HASH];
static unsigned win_next;

_Static_assert(BM_WIN_PAGES >= ARMPV_WINDOW_MIN_LIVE,
	       "the core keeps window pointers this long");

/* The table walk reads memory, not the D-cache: clean what we wrote (by
 * MVA, c7 c10 1, on both cores), then drain the write buffer. */
static void dcache_clean_range(const void *start, size_t len)
{
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(CACHE_LINE - 1);

	for (; a < (uintptr_t)start + len; a += CACHE_LINE)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(a));
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

/* Clean and invalidate the whole D-cache: c7 c14 0 on the ARM1176 (TRM
 * 3.2.22); the ARM926EJ-S has no such operation, only test, clean and
 * invalidate (c7 c14 3), repeated until it reports the cache clean
 * (ARM926EJ-S TRM 2.3.8). */
static bool cpu_is_arm1176(void)
{
	uint32_t midr;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	return ((midr >> 4) & 0xfff) == 0xb76;
}

static void dcache_clean_inv_all(void)
{
	if (cpu_is_arm1176())
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 0"
				 : : "r"(0) : "memory");
	else
		__asm__ volatile("1: mrc p15, 0, r15, c7, c14, 3\n\t"
				 "bne 1b" : : : "cc", "memory");
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

static void tlb_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");
}

static uint32_t vectors_va(void)
{
	return vectors_high ? BM_HIGH_VECTORS : 0;
}

/* The vector page holds the table of bm_vectors_start: 8 LDR PC words,
 * then the 8 stub addresses they load.  Written through the monitor's
 * MiB and cleaned to memory; the CPU reads it at 0xffff0000 or 0, another
 * line of the VIVT D-cache, which is invalidated (c7 c6 1: never written
 * there, nothing lost) so that it cannot hold the old address. */
void bm_mmu_set_vector(unsigned exc, void (*stub)(void))
{
	uint32_t *slot = (uint32_t *)bm_vector_page + 8 + (exc & 7);

	*slot = (uint32_t)(uintptr_t)stub;
	dcache_clean_range(slot, sizeof(*slot));
	__asm__ volatile("mcr p15, 0, %0, c7, c6, 1"
			 : : "r"(vectors_va() + 4 * (8 + (exc & 7)))
			 : "memory");
}

const uint32_t *bm_mmu_partial_l2(uint32_t slot)
{
	if (slot == 0)
		return vec_l2_low;
	if (slot == (BM_HIGH_VECTORS >> 20))
		return vec_l2_high;
	return NULL;
}

bool bm_mmu_vectors_high(void)
{
	return vectors_high;
}

/*
 * The real vectors where the guest's are not: SCTLR.V = 1 and the page at
 * 0xffff0000 while the guest's vectors are low, SCTLR.V = 0 and the page
 * at 0 while they are high (Linux: its vector page and kuser helpers at
 * 0xffff0000, and nothing at 0, mmap_min_addr being 4096).  The shadow
 * roots copy the two slots again (bm_shadow_init()).
 */
void bm_mmu_vectors(bool high)
{
	uint32_t page = bm_desc_monitor_page(bm_mon_pa(bm_vector_page),
					     BM_PAGE_CACHED),
		 sctlr;

	vectors_high = high;
	vec_l2_high[(BM_HIGH_VECTORS >> 12) & 0xff] = high ? page : 0;
	vec_l2_low[0] = high ? 0 : page;
	dcache_clean_range(vec_l2_high, sizeof(vec_l2_high));
	dcache_clean_range(vec_l2_low, sizeof(vec_l2_low));
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	sctlr = high ? sctlr | SCTLR_V : sctlr & ~(uint32_t)SCTLR_V;
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(sctlr) : "memory");
	tlb_invalidate_all();
	/* The caches may hold the page's lines at the old address. */
	dcache_clean_inv_all();
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0) : "memory");
}

/*
 * The core's window onto guest RAM: guest RAM page 'offset >> 12' in one
 * of BM_WIN_PAGES slots of BM_WIN_VA, reused in turn (so a pointer handed
 * out stays valid for the next BM_WIN_PAGES - 1 calls at least), found
 * again through a hint.  Uncached, as guest pages are everywhere (shadow.c).
 */
uint8_t *bm_guest_window(void *opaque, uint32_t offset)
{
	uint32_t page = (offset >> 12) + 1;
	unsigned h = page & (WIN_HASH - 1), s = win_hint[h];
	uint32_t va;

	(void)opaque;
	if (s && win_page[s - 1] == page)
		return (uint8_t *)(uintptr_t)(BM_WIN_VA + ((s - 1) << 12) +
					      (offset & 0xfffu));
	s = win_next;
	win_next = win_next + 1 == BM_WIN_PAGES ? 0 : win_next + 1;
	if (win_page[s] && win_hint[win_page[s] & (WIN_HASH - 1)] == s + 1)
		win_hint[win_page[s] & (WIN_HASH - 1)] = 0;
	win_page[s] = page;
	win_hint[h] = (uint16_t)(s + 1);
	bm_win_l2[s] = bm_desc_monitor_page(BM_GUEST_PA + offset,
					    BM_PAGE_UNCACHED);
	win_l2_kernel[s] = bm_win_l2[s];
	dcache_clean_range(&bm_win_l2[s], 4);
	dcache_clean_range(&win_l2_kernel[s], 4);
	va = BM_WIN_VA + (s << 12);
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" : : "r"(va) : "memory");
	return (uint8_t *)(uintptr_t)(va + (offset & 0xfffu));
}

/* The board's real devices at the device slots after the window's
 * pages: device memory (uncached, unbuffered: C = B = 0), privileged
 * only. */
void bm_mmu_map_io(const uint32_t pa[BM_IO_PAGES])
{
	for (unsigned k = 0; k < BM_IO_PAGES; k++) {
		io_pa[k] = pa[k];
		bm_win_l2[BM_WIN_PAGES + k] =
			pa[k] ? bm_desc_monitor_page(pa[k], BM_PAGE_DEVICE)
			      : 0;
		win_l2_kernel[BM_WIN_PAGES + k] = bm_win_l2[BM_WIN_PAGES + k];
	}
	dcache_clean_range(&bm_win_l2[BM_WIN_PAGES], BM_IO_PAGES * 4);
	dcache_clean_range(&win_l2_kernel[BM_WIN_PAGES], BM_IO_PAGES * 4);
	for (unsigned k = 0; k < BM_IO_PAGES; k++)
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 1"
				 : : "r"(BM_IO_SLOT_VA(k)) : "memory");
}

/*
 * The shared page in both window tables (docs/plugin.md "The shared
 * page"): normal memory, write-back cached, AP 01 (privileged only: the
 * monitor's) in bm_win_l2, AP 11 (the guest, in real USR mode, may read
 * and write) in win_l2_kernel.  Mapped from the start, whether or not
 * the guest uses it: a guest that never touches it loses nothing.
 */
/* The shared page's entries: privileged only in bm_win_l2, read/write
 * in every mode in win_l2_kernel; cached.  In the ARMv6 format both are
 * non-global, like the shadow's guest entries (shadow.c): tagged with
 * the loaded root's ASID, the kernel roots' AP cannot outlive a switch
 * to a user root in the TLB. */
static void pv_entries(void)
{
	uint32_t pa = bm_mon_pa(pv_page);

	if (bm_xp) {
		bm_win_l2[BM_PV_SLOT] = pa | V6_AP(AP_PRIV) | SECT_C | SECT_B |
					V6_NG | V6_SMALL | V6_XN;
		win_l2_kernel[BM_PV_SLOT] = pa | V6_AP(AP_USER_RW) | SECT_C |
					    SECT_B | V6_NG | V6_SMALL | V6_XN;
	} else {
		bm_win_l2[BM_PV_SLOT] = pa | SMALL_AP_ALL(AP_PRIV) | SECT_C |
					SECT_B | SMALL_PAGE;
		win_l2_kernel[BM_PV_SLOT] = pa | SMALL_AP_ALL(AP_USER_RW) |
					    SECT_C | SECT_B | SMALL_PAGE;
	}
	dcache_clean_range(&bm_win_l2[BM_PV_SLOT], 4);
	dcache_clean_range(&win_l2_kernel[BM_PV_SLOT], 4);
}

static void pv_page_init(void)
{
	pv_entries();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" : : "r"(BM_PV_VA)
			 : "memory");
	memset(bm_pv_page(), 0, sizeof(pv_page));
}

void bm_mmu_pv_root(uint32_t l1[4096])
{
	l1[BM_WIN_VA >> 20] = bm_desc_coarse(bm_mon_pa(win_l2_kernel));
	dcache_clean_range(&l1[BM_WIN_VA >> 20], 4);
}

void bm_mmu_init(void)
{
	uint32_t *l1 = bm_l1_table;
	size_t vec_len = (size_t)((uintptr_t)bm_vectors_end -
				  (uintptr_t)bm_vectors_start);

	/* The vector page: 8 vectors and their 8 addresses. */
	memcpy(bm_vector_page, (const void *)bm_vectors_start, vec_len);
	dcache_clean_range(bm_vector_page, vec_len);

	/* Slot 0 held head.S's identity section (BM_MON_PA is 0): it
	 * becomes the coarse table the low vectors use. */
	l1[0] = bm_desc_coarse(bm_mon_pa(vec_l2_low));
	l1[BM_HIGH_VECTORS >> 20] = bm_desc_coarse(bm_mon_pa(vec_l2_high));
	/* The monitor's section without head.S's bit 4 ("should be one"
	 * in the ARMv5 format, the ARM926EJ-S's), so that the ARM1176
	 * reads the same descriptor the same way whatever SCTLR.XP is
	 * (ARMv6: bit 4 is XN; bit 4 clear is harmless at XP = 0): it
	 * never changes under the code running from it
	 * (bm_mmu_set_format()). */
	if (cpu_is_arm1176())
		l1[BM_MON_VA >> 20] &= ~0x10u;
	dcache_clean_range(bm_l1_table, sizeof(bm_l1_table));
	bm_mmu_vectors(true);
	pv_page_init();
	/* Old translations of virtual 0 (head.S's identity section) and
	 * any instructions fetched through them go. */
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0\n\t" /* TLBs */
			 "mcr p15, 0, %0, c7, c5, 0"	  /* I-cache */
			 : : "r"(0) : "memory");
}

/* Sections of the boot's linear map for RAM [0, size), size a multiple of
 * 1 MiB (at most BM_BOOT_SIZE), and none beyond: nothing but RAM is
 * mapped cacheable there. */
void bm_mmu_boot_ram(uint32_t size)
{
	for (uint32_t mb = 0; mb < (BM_BOOT_SIZE >> 20); mb++)
		bm_l1_table[(BM_BOOT_VA >> 20) + mb] =
			mb < (size >> 20) ? (mb << 20) | SECT_AP(AP_PRIV) |
						    SECT_C | SECT_B | SECT
					  : 0;
	dcache_clean_range(&bm_l1_table[BM_BOOT_VA >> 20],
			   (BM_BOOT_SIZE >> 20) * 4);
	tlb_invalidate_all();
}

/* The guest is loaded: the boot's linear map of RAM goes (cleaned out of
 * the VIVT D-cache first: the guest reuses those addresses), and the
 * shadow roots are made from what is left. */
void bm_mmu_boot_done(void)
{
	for (uint32_t mb = 0; mb < (BM_BOOT_SIZE >> 20); mb++)
		bm_l1_table[(BM_BOOT_VA >> 20) + mb] = 0;
	dcache_clean_range(&bm_l1_table[BM_BOOT_VA >> 20],
			   (BM_BOOT_SIZE >> 20) * 4);
	dcache_clean_inv_all();
	tlb_invalidate_all();
	bm_shadow_init();
}

bool bm_mmu_xp(void)
{
	return bm_xp;
}

/*
 * The real MMU's table format follows the guest's (run.c, on a guest
 * SCTLR.XP change; ARM1176 only): the ARMv5 format while the guest uses
 * it -- subpage permissions and tiny pages are shadowed as they are --,
 * the ARMv6 format while the guest does (XN, normal non-cacheable guest
 * pages, and non-global shadow entries tagged with an ASID per root:
 * shadow.c).  Every descriptor of the monitor's own is rewritten in the
 * new format, then SCTLR.XP switched and the TLB invalidated; the shadow
 * roots are made again (bm_shadow_init()), empty.  Between the two,
 * only the monitor's section is used, whose descriptor reads the same
 * in both formats (bm_mmu_init()): nothing that walks the rewritten
 * entries (the window, the devices: no report here) runs.
 */
void bm_mmu_set_format(bool xp)
{
	uint32_t sctlr;

	bm_xp = xp;
	bm_l1_table[0] = bm_desc_coarse(bm_mon_pa(vec_l2_low));
	bm_l1_table[BM_HIGH_VECTORS >> 20] =
		bm_desc_coarse(bm_mon_pa(vec_l2_high));
	bm_l1_table[BM_WIN_VA >> 20] = bm_desc_coarse(bm_mon_pa(bm_win_l2));
	dcache_clean_range(bm_l1_table, sizeof(bm_l1_table));
	for (unsigned s = 0; s < BM_WIN_PAGES; s++)
		if (win_page[s])
			bm_win_l2[s] = bm_desc_monitor_page(
				BM_GUEST_PA + ((win_page[s] - 1) << 12),
				BM_PAGE_UNCACHED);
	for (unsigned k = 0; k < BM_IO_PAGES; k++)
		bm_win_l2[BM_WIN_PAGES + k] =
			io_pa[k] ? bm_desc_monitor_page(io_pa[k], BM_PAGE_DEVICE)
				 : 0;
	memcpy(win_l2_kernel, bm_win_l2, sizeof(win_l2_kernel));
	pv_entries();
	dcache_clean_range(bm_win_l2, sizeof(bm_win_l2));
	dcache_clean_range(win_l2_kernel, sizeof(win_l2_kernel));
	bm_mmu_vectors(vectors_high); /* its page, in the new format */
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	sctlr = xp ? sctlr | ARMPV_SCTLR_XP : sctlr & ~ARMPV_SCTLR_XP;
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\t"
			 "mcr p15, 0, %1, c8, c7, 0\n\t"  /* TLBs */
			 "mcr p15, 0, %1, c7, c5, 4"	   /* prefetch flush */
			 : : "r"(sctlr), "r"(0) : "memory");
	bm_shadow_init();
}
