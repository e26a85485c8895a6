/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * shadow.c -- the shadow translation tables the real MMU walks while the
 * guest runs (docs/baremetal-monitor.md "Shadow paging").
 *
 * Two first-level tables, one per virtual privilege: BM_SHADOW_KERNEL
 * holds what the guest may touch while its virtual mode is privileged,
 * BM_SHADOW_USER what it may touch in virtual USR mode.  Both start as a
 * copy of the monitor's own table (bm_l1_table: its MiB, the window and
 * devices, the vector page, all AP = 01, privileged only), so monitor
 * code runs the same under either, and the guest's part (every slot the
 * monitor's table leaves empty, and the pages of the two slots it shares
 * with the guest that its vector page does not take) is filled lazily,
 * one 4 KiB small page at a time, in coarse second-level tables from a
 * fixed pool; a shared slot's pool table starts as a copy of the
 * monitor's table for it.  This file only keeps
 * the tables; what goes in them is run.c's decision (the guest's walk).
 * Beside each entry it keeps what the guest's walk read for it: the
 * guest descriptors it came from, whose size lets the guest's
 * invalidate by MVA drop exactly the entries of the guest TLB entry it
 * names (bm_shadow_invalidate_mva()), and against which, in the ARMv5
 * format, tables kept over the guest's invalidations of its whole TLB
 * and TTBR0 writes are checked before they serve again
 * (bm_shadow_keep_all(), bm_shadow_reuse()).
 *
 * Descriptors are the real MMU's current format (mmu.c, bm_xp): the
 * ARMv5 one (ARM ARM B4.7; ARM926EJ-S TRM 3.2; the ARM1176 with
 * SCTLR.XP = 0, TRM 6.11.1) while the guest uses it, with a real AP per
 * 1 KiB subpage; or, on the ARM1176 while the guest's SCTLR.XP = 1,
 * ARMv6's (TRM 6.11.2): one AP per page (an ARMv6-format guest has no
 * subpages), XN from the guest's descriptor, and every guest entry
 * non-global (nG) and so tagged with the ASID of its root (root + 1:
 * the real CONTEXTIDR while the root is loaded), so that switching
 * roots -- on every virtual privilege change, every guest system call
 * -- keeps the TLB's entries of the other roots instead of invalidating
 * the whole TLB.
 * Guest pages carry, in the ARMv5 format, the C and B bits cache.c
 * gives them (the guest descriptor's, C only while the guest's SCTLR.C
 * is set; none with armpv.cache=off); in ARMv6's they are normal
 * non-cacheable (TEX = 001), the ARM1176's physically tagged caches not
 * being supported.  Every root maps a VA to the same frame, so a root
 * switch leaves the VIVT caches of the ARM926EJ-S valid.
 */
#include "bm.h"

#define L1_INDEX(va) ((va) >> 20)
/* Guest first-level descriptor types (ARM ARM B4.7). */
#define GUEST_L1_COARSE 0x1u
#define GUEST_L1_SECTION 0x2u
#define GUEST_L1_FINE 0x3u
#define GUEST_L2_LARGE 0x1u
#define L2_SMALL 0x2
#define L2_CB 0xcu /* C and B (ARMv5 format) */
/* ARMv6 extended small page (ARM1176 TRM Figure 6-8). */
#define V6_XN 0x1u
#define V6_TEX_NORMAL_NC (1u << 6)
#define V6_NG 0x800u
/* The ASID of shadow root r's entries (ARMv6 format). */
#define ROOT_ASID(r) ((r) + 1u)
#define L2_INDEX(va) (((va) >> 12) & 0xffu)
#define L2_AP_SHIFT 4 /* AP0 at 5:4 ... AP3 at 11:10, by VA[11:10] */
#define CACHE_LINE 32
#define SHADOW_L2_TABLES 256 /* 256 MiB of guest VA, both roots together */
/* log2 of the guest mapping sizes (ARM ARM B4.1): a supersection (16
 * MiB, ARMv6), a section, a large page. */
#define SHIFT_SUPERSECTION 24
#define SHIFT_SECTION 20
#define SHIFT_LARGE 16

/* Shadow contexts: one pair of roots per guest DACR value lately used
 * (a kernel with software PAN switches between two or three all the
 * time); root index = context * BM_SHADOW_ROOTS + privilege. */
#define SHADOW_CTX 4
#define SHADOW_L1S (SHADOW_CTX * BM_SHADOW_ROOTS)
uint32_t bm_shadow_l1[SHADOW_L1S][4096] __attribute__((aligned(16384)));
static struct {
	bool valid;
	uint32_t dacr;
} shadow_ctx[SHADOW_CTX];
static unsigned shadow_cur_ctx;
static uint32_t shadow_l2[SHADOW_L2_TABLES][256] __attribute__((aligned(1024)));
/* Who uses each pool table: root and first-level slot. */
static struct {
	uint8_t root;
	uint16_t slot;
} shadow_l2_owner[SHADOW_L2_TABLES];
/*
 * What the guest's walk read for each entry (docs/baremetal-monitor.md
 * "Shadow paging", "Keeping tables"): per table the guest's first-level
 * descriptor of its MiB (0: none, the MMU off, or entries from two
 * different ones: such a table is never kept), per entry the low half
 * of the guest's second-level descriptor (its upper half is the entry's
 * frame's; 0: none, a section's entries, or the four 1 KiB descriptors
 * of a fine table's page not all the same).  Valid only while the entry
 * is: not cleared when a table is allocated, which a fill would pay
 * for.  128 KiB, the largest record beside each pool table; a whole
 * descriptor per entry would not fit in the monitor's MiB.  Per table
 * also the largest guest mapping (log2 of its size) it held since
 * allocated: with the descriptors, the size of each entry's
 * (shadow_entry_shift()).
 */
static uint32_t shadow_l2_l1[SHADOW_L2_TABLES];
static uint16_t shadow_l2_desc[SHADOW_L2_TABLES][256];
static uint8_t shadow_l2_max_shift[SHADOW_L2_TABLES];
/* Per table the epoch (a count of keep_all and switch_space) it was last
 * in a root: the pool takes back the kept tables of the oldest first. */
static uint32_t shadow_l2_epoch[SHADOW_L2_TABLES];
static uint32_t shadow_epoch;
/* The tables kept by bm_shadow_keep_all() (ARMv5 format), chained per
 * hash of root and MiB (table + 1; 0 ends a chain): a fault finds
 * those of its MiB without a search of the pool. */
#define KEPT_HASH 256
static uint16_t kept_head[KEPT_HASH];
static uint16_t kept_next[SHADOW_L2_TABLES];
static bool shadow_l2_chained[SHADOW_L2_TABLES];
struct bm_shadow_stats bm_shadow_stats;
/* Some table may hold supersection entries (they reach 16 MiB). */
static bool shadow_l2_super;
static unsigned shadow_l2_used;
/* Pool tables below shadow_l2_used given back (owner root
 * SHADOW_L2_FREE), reused first; per table whether it holds an entry
 * made from a non-global guest descriptor, the guest address space it
 * was made in (ASID and TTBR0: bm_shadow_switch_space()), and whether it
 * is detached: kept for that address space while another runs, in no
 * root. */
#define SHADOW_L2_FREE 0xffu
static uint16_t shadow_l2_free[SHADOW_L2_TABLES];
static unsigned shadow_l2_nfree;
static bool shadow_l2_ng[SHADOW_L2_TABLES];
static bool shadow_l2_detached[SHADOW_L2_TABLES];
static unsigned shadow_l2_ndetached; /* how many are */
static struct {
	uint32_t asid, ttbr;
} shadow_l2_space[SHADOW_L2_TABLES], shadow_space;
static unsigned shadow_root = SHADOW_L1S; /* none loaded yet */

/* The hardware walk reads memory, not the D-cache (ARM926EJ-S TRM 3.2):
 * clean what we wrote (by MVA, c7 c10 1), then drain the write buffer. */
static void shadow_clean(const void *start, size_t len)
{
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(CACHE_LINE - 1);

	for (; a < (uintptr_t)start + len; a += CACHE_LINE)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(a));
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

/*
 * The real TLB entry of the 4 KiB page at 'va': one by-MVA invalidation
 * (c8 c7 1) does it on the ARM926EJ-S and the ARM1176.  Four are made,
 * one per 1 KiB subpage, for QEMU 7.2: its ARMv5/ARMv6 CPUs have 1 KiB
 * target pages, and its by-MVA invalidation forgets the translated code
 * it finds by virtual address (tb_jmp_cache) for the 1 KiB page named
 * only, so the guest went on running code of a page it no longer maps
 * (seen: Linux bcm2835's flush_tlb_kernel_range() invalidating its own
 * text).  The other three are no-ops on the real CPUs.
 */
static void tlb_invalidate_page(uint32_t va, unsigned root)
{
	/* ARMv6: by MVA and ASID (bits 7:0); non-global entries match only
	 * their own ASID (ARM1176 TRM 3.2.30). */
	if (bm_xp)
		va |= ROOT_ASID(root);
	for (uint32_t sub = 0; sub < 0x1000; sub += 0x400)
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 1"
				 : : "r"(va + sub) : "memory");
}

static void tlb_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");
}

void bm_shadow_init(void)
{
	for (unsigned r = 0; r < SHADOW_L1S; r++) {
		memcpy(bm_shadow_l1[r], bm_l1_table, sizeof(bm_l1_table));
		shadow_clean(bm_shadow_l1[r], sizeof(bm_shadow_l1[r]));
		/* The shared page, guest read/write (mmu.c): in the roots
		 * of the virtual privileged modes only. */
		if (r % BM_SHADOW_ROOTS == BM_SHADOW_KERNEL)
			bm_mmu_pv_root(bm_shadow_l1[r]);
	}
	shadow_l2_used = 0;
	bm_shadow_flush();
}

/* A monitor page: in a slot of its own, or one of its pages in a slot it
 * shares with the guest (the vector page's, mmu.c). */
bool bm_shadow_is_monitor(uint32_t va)
{
	const uint32_t *part;

	if (!bm_l1_table[L1_INDEX(va)])
		return false;
	part = bm_mmu_partial_l2(L1_INDEX(va));
	return !part || part[L2_INDEX(va)] != 0;
}

/* Drop every guest entry of both roots: their second-level tables go
 * back to the pool, the first-level slots become the monitor's table's
 * again (a fault, or a shared slot's table without guest entries). */
void bm_shadow_flush(void)
{
	for (unsigned i = 0; i < shadow_l2_used; i++) {
		uint32_t *e;

		if (shadow_l2_owner[i].root == SHADOW_L2_FREE ||
		    shadow_l2_detached[i])
			continue;
		e = &bm_shadow_l1[shadow_l2_owner[i].root]
				 [shadow_l2_owner[i].slot];
		*e = bm_l1_table[shadow_l2_owner[i].slot];
		shadow_clean(e, 4);
	}
	shadow_l2_used = 0;
	shadow_l2_nfree = 0;
	shadow_l2_ndetached = 0;
	shadow_l2_super = false;
	memset(kept_head, 0, sizeof(kept_head));
	for (unsigned c = 0; c < SHADOW_CTX; c++)
		shadow_ctx[c].valid = false;
	tlb_invalidate_all();
}

/*
 * The guest's DACR is now 'dacr' (and nothing else of its translation
 * changed since the shadows were made): use the shadows made for that
 * value, or an unused context.  False when all are taken by other
 * values: the caller flushes, which frees them all.
 */
bool bm_shadow_set_dacr(uint32_t dacr)
{
	unsigned free = SHADOW_CTX;

	for (unsigned c = 0; c < SHADOW_CTX; c++) {
		if (shadow_ctx[c].valid && shadow_ctx[c].dacr == dacr) {
			shadow_cur_ctx = c;
			return true;
		}
		if (!shadow_ctx[c].valid && free == SHADOW_CTX)
			free = c;
	}
	if (free == SHADOW_CTX)
		return false;
	shadow_ctx[free].valid = true;
	shadow_ctx[free].dacr = dacr;
	shadow_cur_ctx = free;
	return true;
}

void bm_shadow_switch(unsigned privilege)
{
	unsigned root = shadow_cur_ctx * BM_SHADOW_ROOTS + privilege;

	if (root == shadow_root)
		return;
	shadow_root = root;
	if (bm_xp) {
		/* The root's ASID, then its table, then a prefetch flush
		 * (ARM1176 TRM 3.2.47: CONTEXTIDR, and "changing ASID and
		 * TTBR"): in between the monitor touches no non-global
		 * entry, so neither half is used alone.  The TLB keeps
		 * every root's entries, each under its ASID. */
		__asm__ volatile("mcr p15, 0, %0, c13, c0, 1\n\t"
				 "mcr p15, 0, %1, c2, c0, 0\n\t"
				 "mcr p15, 0, %2, c7, c5, 4"
				 : : "r"(ROOT_ASID(root)),
				   "r"(bm_mon_pa(bm_shadow_l1[root])), "r"(0)
				 : "memory");
		return;
	}
	/* No ASIDs in the ARMv5 format: the TLB holds the other root's
	 * permissions and must go.  All roots map every VA to the same
	 * physical page (only AP differs), so the VIVT caches stay valid. */
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0"
			 : : "r"(bm_mon_pa(bm_shadow_l1[root])) : "memory");
	tlb_invalidate_all();
}

unsigned bm_shadow_current(void)
{
	return shadow_root;
}

/* The pool table of 'va' in 'root' (holding guest entries), or NULL.
 * (Not the monitor's table of a slot: the kernel roots' window table
 * differs from bm_l1_table's, bm_mmu_pv_root().) */
static uint32_t *shadow_l2_of(unsigned root, uint32_t va)
{
	uint32_t l1 = bm_shadow_l1[root][L1_INDEX(va)];
	uint32_t *l2;

	if ((l1 & 3u) != 1u || l1 == bm_l1_table[L1_INDEX(va)])
		return NULL;
	l2 = bm_mon_va(l1 & 0xfffffc00u);
	if ((uintptr_t)l2 - (uintptr_t)shadow_l2 >= sizeof(shadow_l2))
		return NULL;
	return l2;
}

/* The pool index of a second-level table. */
static unsigned shadow_l2_index(const uint32_t *l2)
{
	return (unsigned)(((uintptr_t)l2 - (uintptr_t)shadow_l2) /
			  sizeof(shadow_l2[0]));
}

bool bm_shadow_lookup(unsigned root, uint32_t va, uint32_t *host_pa,
		      unsigned *ap)
{
	uint32_t *l2 = shadow_l2_of(root, va), e;

	if (!l2)
		return false;
	e = l2[L2_INDEX(va)];
	if (bm_xp) {
		if (!(e & L2_SMALL))
			return false;
		*ap = (e >> L2_AP_SHIFT) & 3u;
	} else {
		if ((e & 3u) != L2_SMALL)
			return false;
		*ap = (e >> (L2_AP_SHIFT + 2 * ((va >> 10) & 3u))) & 3u;
	}
	*host_pa = (e & 0xfffff000u) | (va & 0xfffu);
	return true;
}

static unsigned kept_hash(unsigned root, uint32_t slot)
{
	return (slot ^ slot >> 8 ^ root << 5) & (KEPT_HASH - 1);
}

/* Table 't' out of its chain of kept tables. */
static void kept_unchain(unsigned t)
{
	uint16_t *p = &kept_head[kept_hash(shadow_l2_owner[t].root,
					   shadow_l2_owner[t].slot)];

	while (*p && *p != t + 1)
		p = &kept_next[*p - 1];
	if (*p)
		*p = kept_next[t];
	shadow_l2_chained[t] = false;
}

/* Pool table 't' back to the pool (its root's slot already not it). */
static void shadow_l2_release(unsigned t)
{
	if (shadow_l2_chained[t])
		kept_unchain(t);
	shadow_l2_owner[t].root = SHADOW_L2_FREE;
	if (shadow_l2_detached[t])
		shadow_l2_ndetached--;
	shadow_l2_detached[t] = false;
	shadow_l2_free[shadow_l2_nfree++] = (uint16_t)t;
}

/*
 * A guest context switch (ARMv6 format: a TTBR0 or CONTEXTIDR write) to
 * the address space (asid, ttbr).  What came from the guest's global
 * descriptors stays valid in every address space (ARM1176 TRM 6.7);
 * what came from non-global ones is valid in its own only, and stays
 * valid there until the guest invalidates it.  So the pool tables
 * holding a non-global entry (Linux: its user space; its kernel and
 * vector page are global) are detached from the roots, kept, tagged with
 * the address space they were made in, and attached again when the
 * guest comes back to it (if their slot is free then; otherwise they go
 * back to the pool).  The TTBR0 in the tag is stricter than the
 * architecture (the ASID alone tags a TLB entry): an address space is
 * taken up again only with the same tables.  The real TLB is
 * invalidated: its entries are tagged with the roots' ASIDs, not the
 * guest's.
 */
void bm_shadow_switch_space(uint32_t asid, uint32_t ttbr)
{
	if (asid == shadow_space.asid && ttbr == shadow_space.ttbr)
		return;
	for (unsigned t = 0; t < shadow_l2_used; t++) {
		uint32_t *e;

		if (shadow_l2_owner[t].root == SHADOW_L2_FREE ||
		    !shadow_l2_ng[t] || shadow_l2_detached[t])
			continue;
		e = &bm_shadow_l1[shadow_l2_owner[t].root]
				 [shadow_l2_owner[t].slot];
		*e = bm_l1_table[shadow_l2_owner[t].slot];
		shadow_clean(e, 4);
		shadow_l2_detached[t] = true;
		shadow_l2_ndetached++;
	}
	shadow_space.asid = asid;
	shadow_space.ttbr = ttbr;
	shadow_epoch++;
	for (unsigned t = 0; t < shadow_l2_used; t++) {
		uint32_t *e;

		if (!shadow_l2_detached[t] ||
		    shadow_l2_space[t].asid != asid ||
		    shadow_l2_space[t].ttbr != ttbr)
			continue;
		e = &bm_shadow_l1[shadow_l2_owner[t].root]
				 [shadow_l2_owner[t].slot];
		if (*e != bm_l1_table[shadow_l2_owner[t].slot]) {
			shadow_l2_release(t); /* its slot is taken */
			continue;
		}
		*e = bm_desc_coarse(bm_mon_pa(shadow_l2[t]));
		shadow_clean(e, 4);
		shadow_l2_detached[t] = false;
		shadow_l2_ndetached--;
		shadow_l2_epoch[t] = shadow_epoch;
	}
	tlb_invalidate_all();
}

/* The kept tables last in a root longest ago back to the pool (all of
 * that epoch); false if there was none. */
static bool shadow_reclaim(void)
{
	uint32_t age = 0;
	bool any = false;

	for (unsigned t = 0; t < shadow_l2_used; t++)
		if (shadow_l2_detached[t] &&
		    (!any || shadow_epoch - shadow_l2_epoch[t] > age)) {
			age = shadow_epoch - shadow_l2_epoch[t];
			any = true;
		}
	for (unsigned t = 0; any && t < shadow_l2_used; t++)
		if (shadow_l2_detached[t] &&
		    shadow_epoch - shadow_l2_epoch[t] == age) {
			shadow_l2_release(t);
			bm_shadow_stats.reclaimed++;
		}
	return any;
}

/*
 * Log2 of the size of the guest mapping entry i of table t came from
 * (at least 12: a tiny page's entry goes with its whole 4 KiB page).
 * A table made from one first-level descriptor: a section's (or
 * supersection's) entries all have its size, the table's largest; a
 * second-level table's, the size its recorded descriptor's type says
 * (large page 64 KiB, else 4 KiB).  Where no descriptor is recorded,
 * the table's largest: at worst an invalidation by MVA drops more.
 */
static unsigned shadow_entry_shift(unsigned t, unsigned i)
{
	uint32_t l1type = shadow_l2_l1[t] & 3u;
	uint16_t desc = shadow_l2_desc[t][i];

	if ((l1type == GUEST_L1_COARSE || l1type == GUEST_L1_FINE) && desc)
		return (desc & 3u) == GUEST_L2_LARGE ? SHIFT_LARGE : 12;
	return shadow_l2_max_shift[t];
}

/*
 * The record of an entry made from 'src' for host frame 'host_frame'
 * (shadow_l2_desc): the low half of the one second-level descriptor it
 * came from, if its upper half is the frame's (a small page's frame, a
 * large page's base); else 0, nothing to check it against.
 */
static uint16_t shadow_desc_record(const struct bm_shadow_src *src,
				   uint32_t host_frame)
{
	uint32_t d = src->l2[0];

	switch (src->l1 & 3u) {
	case GUEST_L1_FINE:
		if (src->l2[1] != d || src->l2[2] != d || src->l2[3] != d)
			return 0; /* tiny pages, or a hole */
		/* fall through */
	case GUEST_L1_COARSE:
		if (!(d & 3u) || (d & 0xffff0000u) !=
				      ((host_frame - BM_GUEST_PA) & 0xffff0000u))
			return 0;
		return (uint16_t)d;
	default:
		return 0; /* a section's entries: its first level alone */
	}
}

void bm_shadow_map(unsigned root, uint32_t va, uint32_t host_frame,
		   const unsigned ap[4], bool xn, uint32_t cb,
		   const struct bm_shadow_src *src)
{
	uint32_t *l2 = shadow_l2_of(root, va), e;
	unsigned t, guest_shift = src->shift;

	if (bm_shadow_is_monitor(va))
		return; /* never: run.c refuses these first */
	if (!l2) {
		uint32_t *l1e = &bm_shadow_l1[root][L1_INDEX(va)];

		if (shadow_l2_used == SHADOW_L2_TABLES && !shadow_l2_nfree &&
		    !shadow_reclaim()) {
			/* Pool exhausted: start afresh, in the same context
			 * (its DACR is still the guest's), which must stay
			 * valid: it gets this entry. */
			uint32_t dacr = shadow_ctx[shadow_cur_ctx].dacr;

			bm_shadow_flush();
			shadow_ctx[shadow_cur_ctx].valid = true;
			shadow_ctx[shadow_cur_ctx].dacr = dacr;
		}
		t = shadow_l2_nfree ? shadow_l2_free[--shadow_l2_nfree]
				    : shadow_l2_used++;
		l2 = shadow_l2[t];
		shadow_l2_owner[t].root = (uint8_t)root;
		shadow_l2_owner[t].slot = (uint16_t)L1_INDEX(va);
		shadow_l2_max_shift[t] = 0;
		shadow_l2_ng[t] = false;
		shadow_l2_detached[t] = false;
		shadow_l2_space[t] = shadow_space;
		shadow_l2_l1[t] = src->l1;
		shadow_l2_epoch[t] = shadow_epoch;
		shadow_l2_chained[t] = false;
		/* A slot shared with the monitor starts as its table. */
		if (bm_mmu_partial_l2(L1_INDEX(va)))
			memcpy(l2, bm_mmu_partial_l2(L1_INDEX(va)),
			       sizeof(shadow_l2[0]));
		else
			memset(l2, 0, sizeof(shadow_l2[0]));
		shadow_clean(l2, sizeof(shadow_l2[0]));
		*l1e = bm_desc_coarse(bm_mon_pa(l2));
		shadow_clean(l1e, 4);
	}
	e = (host_frame & 0xfffff000u) | L2_SMALL;
	if (bm_xp) {
		/* One AP: an ARMv6-format guest's four are equal (no tiny
		 * pages, one AP per descriptor); the least of them if not. */
		unsigned one = ap[0];

		for (unsigned k = 1; k < 4; k++)
			one = ap[k] < one ? ap[k] : one;
		e |= (one & 3u) << L2_AP_SHIFT | V6_TEX_NORMAL_NC | V6_NG |
		     (xn ? V6_XN : 0);
	} else {
		for (unsigned k = 0; k < 4; k++)
			e |= (ap[k] & 3u) << (L2_AP_SHIFT + 2 * k);
		e |= cb & L2_CB; /* cache.c: the guest's, or none */
	}
	l2[L2_INDEX(va)] = e;
	shadow_clean(&l2[L2_INDEX(va)], 4);
	/* A tiny page's entry goes with its whole 4 KiB page. */
	if (guest_shift < 12)
		guest_shift = 12;
	t = shadow_l2_index(l2);
	/* The table's first non-global entry names its address space (a
	 * table of global entries may have been made in another). */
	if (src->ng && !shadow_l2_ng[t]) {
		shadow_l2_ng[t] = true;
		shadow_l2_space[t] = shadow_space;
	}
	/* Entries from another first-level descriptor than the table's
	 * (the guest changed it without invalidating): none of them can
	 * be checked any more. */
	if (src->l1 != shadow_l2_l1[t])
		shadow_l2_l1[t] = 0;
	shadow_l2_desc[t][L2_INDEX(va)] = shadow_desc_record(src, host_frame);
	if (guest_shift > shadow_l2_max_shift[t])
		shadow_l2_max_shift[t] = (uint8_t)guest_shift;
	if (guest_shift >= SHIFT_SUPERSECTION)
		shadow_l2_super = true;
	/* An upgraded entry (read-only to read/write) may be in the TLB. */
	tlb_invalidate_page(va & 0xfffff000u, root);
}

/* Pages dropped by one bm_shadow_invalidate_mva(), for the real TLB. */
struct shadow_dropped {
	unsigned n;
	uint32_t va[16];
	uint8_t root[16];
};

/* Drop the entries of pool table 't' (first-level slot 'slot') in
 * entries [first, first + count) whose guest mapping covers 'va':
 * those whose address lies in the same aligned block of the mapping's
 * size as 'va'. */
static void shadow_drop_covering(unsigned root, unsigned t, uint32_t slot,
				 unsigned first, unsigned count, uint32_t va,
				 struct shadow_dropped *d)
{
	unsigned lo = 256, hi = 0;
	const uint32_t *part = bm_mmu_partial_l2(slot);

	for (unsigned i = first; i < first + count; i++) {
		uint32_t page = slot << 20 | (uint32_t)i << 12;

		if (!shadow_l2[t][i] || (part && part[i]) ||
		    ((page ^ va) >> shadow_entry_shift(t, i)) != 0)
			continue;
		shadow_l2[t][i] = 0;
		lo = i < lo ? i : lo;
		hi = i;
		if (d->n < sizeof(d->va) / sizeof(d->va[0])) {
			d->va[d->n] = page;
			d->root[d->n] = (uint8_t)root;
		}
		d->n++;
	}
	if (lo <= hi)
		shadow_clean(&shadow_l2[t][lo], (hi - lo + 1) * 4);
}

/* In pool table 't' (root 'root', the MiB at slot_va), the entries whose
 * guest mapping covers 'va': only a supersection reaches from another
 * MiB; within va's, as far as the largest mapping the table holds. */
static void shadow_drop_in_table(unsigned root, unsigned t, uint32_t slot_va,
				 uint32_t va, struct shadow_dropped *d)
{
	unsigned max = shadow_l2_max_shift[t];

	if (L1_INDEX(slot_va) != L1_INDEX(va)) {
		if (max >= SHIFT_SUPERSECTION)
			shadow_drop_covering(root, t, L1_INDEX(slot_va), 0, 256,
					     va, d);
	} else if (max >= SHIFT_SECTION) {
		shadow_drop_covering(root, t, L1_INDEX(va), 0, 256, va, d);
	} else if (max >= SHIFT_LARGE) {
		shadow_drop_covering(root, t, L1_INDEX(va),
				     L2_INDEX(va) & ~15u, 16, va, d);
	} else {
		shadow_drop_covering(root, t, L1_INDEX(va), L2_INDEX(va), 1,
				     va, d);
	}
}

/*
 * The guest invalidated its TLB entry for 'va' (its MVA; run.c gives the
 * FCSE alias separately).  That entry, whatever its size, is the guest
 * descriptor some shadow entries came from: drop, in every root, every
 * entry whose recorded guest mapping covers 'va' -- the page itself, the
 * 16 pages of a 64 KiB large page, the whole MiB of a section, the 16
 * MiB of a supersection -- and their real TLB entries.  Entries from
 * other guest descriptors stay.
 */
void bm_shadow_invalidate_mva(uint32_t va)
{
	struct shadow_dropped d = { 0 };
	/* The MiBs whose entries may come from the entry covering 'va':
	 * its own, or the 16 of its supersection if any is shadowed. */
	uint32_t first = va & (shadow_l2_super ? 0xff000000u : 0xfff00000u);
	uint32_t n = shadow_l2_super ? 16 : 1;

	va &= 0xfffff000u;
	for (unsigned root = 0; root < SHADOW_L1S; root++) {
		for (uint32_t s = 0; s < n; s++) {
			uint32_t slot_va = first + (s << 20);
			uint32_t *l2 = shadow_l2_of(root, slot_va);

			if (l2)
				shadow_drop_in_table(root, shadow_l2_index(l2),
						     slot_va, va, &d);
		}
	}
	/* And in the tables kept for other address spaces (whatever the
	 * ASID the guest named: at worst too much), or over the guest's
	 * invalidations of its whole TLB (ARMv5 format: chained per MiB,
	 * the only kept tables then). */
	for (unsigned t = 0; bm_xp && shadow_l2_ndetached &&
			     t < shadow_l2_used; t++) {
		uint32_t slot_va = (uint32_t)shadow_l2_owner[t].slot << 20;

		if (shadow_l2_detached[t] && slot_va - first < (n << 20))
			shadow_drop_in_table(shadow_l2_owner[t].root, t,
					     slot_va, va, &d);
	}
	for (unsigned root = 0; !bm_xp && shadow_l2_ndetached &&
				root < SHADOW_L1S; root++)
		for (uint32_t s = 0; s < n; s++) {
			uint32_t slot = L1_INDEX(first) + s;

			for (unsigned t = kept_head[kept_hash(root, slot)]; t;
			     t = kept_next[t - 1])
				if (shadow_l2_owner[t - 1].root == root &&
				    shadow_l2_owner[t - 1].slot == slot)
					shadow_drop_in_table(root, t - 1,
							     slot << 20, va,
							     &d);
		}
	/* The real TLB holds the loaded root's entries (ARMv5 format) or
	 * every root's under its ASID (ARMv6's): one by-MVA invalidation
	 * per page and root dropped, or all of it for many. */
	if (d.n > sizeof(d.va) / sizeof(d.va[0])) {
		tlb_invalidate_all();
		return;
	}
	for (unsigned i = 0; i < d.n; i++)
		tlb_invalidate_page(d.va[i], d.root[i]);
}

/* ---------------------------------------------------------------------
 * Keeping tables across the guest's TLB invalidations (ARMv5 format;
 * docs/baremetal-monitor.md "Shadow paging", "Keeping tables").
 */


/*
 * Every table leaves its root (the slot becomes the monitor's table's
 * again: a fault, or a shared slot's table without guest entries) and
 * is kept for its root and MiB, unless its entries do not all come
 * from one recorded first-level descriptor (then it goes back to the
 * pool) -- or it is a section's whose first-level descriptor the guest
 * still has in its first-level table at guest physical 'table' (0: not
 * looked at): that check is the whole of a section's
 * (shadow_check_table()), made now instead of at the next fault there,
 * and the table stays.  The real TLB loses them all.
 */
void bm_shadow_keep_all(uint32_t table)
{
	const uint32_t *g = NULL; /* the window's page of 'table' at 'page' */
	uint32_t page = 0;

	shadow_epoch++;
	for (unsigned t = 0; t < shadow_l2_used; t++) {
		unsigned root = shadow_l2_owner[t].root, h;
		uint32_t slot = shadow_l2_owner[t].slot, *e, pa = table + slot * 4;

		if (root == SHADOW_L2_FREE || shadow_l2_detached[t])
			continue;
		if (table && (shadow_l2_l1[t] & 3u) == GUEST_L1_SECTION &&
		    pa < bm_guest_size) {
			if (!g || (pa & ~0xfffu) != page) {
				page = pa & ~0xfffu;
				g = (const uint32_t *)(uintptr_t)bm_guest_window(
					NULL, page);
			}
			if (g[(pa & 0xfffu) / 4] != shadow_l2_l1[t])
				goto keep;
			shadow_l2_epoch[t] = shadow_epoch;
			bm_shadow_stats.in_place++;
			continue;
		}
keep:
		e = &bm_shadow_l1[root][slot];
		*e = bm_l1_table[slot];
		shadow_clean(e, 4);
		if (!shadow_l2_l1[t]) {
			shadow_l2_release(t);
			continue;
		}
		shadow_l2_detached[t] = true;
		shadow_l2_ndetached++;
		h = kept_hash(root, slot);
		kept_next[t] = kept_head[h];
		kept_head[h] = (uint16_t)(t + 1);
		shadow_l2_chained[t] = true;
	}
	bm_shadow_stats.keeps++;
	tlb_invalidate_all();
}

bool bm_shadow_kept(unsigned root, uint32_t va)
{
	uint32_t slot = L1_INDEX(va);

	for (unsigned t = kept_head[kept_hash(root, slot)]; t;
	     t = kept_next[t - 1])
		if (shadow_l2_owner[t - 1].root == root &&
		    shadow_l2_owner[t - 1].slot == slot)
			return !shadow_l2_of(root, va);
	return false;
}

/*
 * The entries of kept table 't' (first-level slot 'slot') whose guest
 * descriptors are no longer what they were made from are dropped; the
 * guest's first-level descriptor is 'l1', the table's own.  A section's
 * entries depend on it alone.  A second-level table's entry i on the
 * descriptor at index i of a coarse table, or the four at 4i of a fine
 * one: each must be the recorded one (its low half recorded, its upper
 * half the entry's frame's).  A table outside guest RAM: its walk would
 * be an external abort, every entry goes.
 */
static void shadow_check_table(unsigned t, uint32_t slot, uint32_t l1)
{
	bool fine = (l1 & 3u) == GUEST_L1_FINE;
	uint32_t base = l1 & (fine ? 0xfffff000u : 0xfffffc00u);
	uint32_t size = fine ? 4096 : 1024, *l2 = shadow_l2[t];
	const uint32_t *part = bm_mmu_partial_l2(slot), *g = NULL;
	unsigned lo = 256, hi = 0, n = fine ? 4 : 1;

	if ((l1 & 3u) != GUEST_L1_COARSE && !fine)
		return;
	if (base < bm_guest_size && size <= bm_guest_size - base)
		g = (const uint32_t *)(uintptr_t)bm_guest_window(NULL, base);
	for (unsigned i = 0; i < 256; i++) {
		uint32_t want;
		bool same = g != NULL;

		if (!l2[i] || (part && part[i]))
			continue;
		want = (((l2[i] & 0xfffff000u) - BM_GUEST_PA) & 0xffff0000u) |
		       shadow_l2_desc[t][i];
		same = same && shadow_l2_desc[t][i];
		for (unsigned k = 0; same && k < n; k++)
			same = g[i * n + k] == want;
		if (same) {
			bm_shadow_stats.kept++;
			continue;
		}
		l2[i] = 0;
		lo = i < lo ? i : lo;
		hi = i;
		bm_shadow_stats.dropped++;
	}
	if (lo <= hi)
		shadow_clean(&l2[lo], (hi - lo + 1) * 4);
}

/*
 * The guest touched the MiB of 'va' in 'root', which has no table
 * attached, and its first-level descriptor there is 'l1'.  A table kept
 * for that root and MiB made from the same descriptor is checked
 * (shadow_check_table()) and attached: what stays in it is what the
 * guest's walk gives now.  Tables made from other descriptors (the
 * same MiB of other address spaces) stay kept.
 */
bool bm_shadow_reuse(unsigned root, uint32_t va, uint32_t l1)
{
	uint32_t slot = L1_INDEX(va), *e;
	unsigned found = SHADOW_L2_TABLES;

	for (unsigned t = kept_head[kept_hash(root, slot)]; t;
	     t = kept_next[t - 1])
		if (shadow_l2_owner[t - 1].root == root &&
		    shadow_l2_owner[t - 1].slot == slot &&
		    shadow_l2_l1[t - 1] == l1) {
			found = t - 1;
			break;
		}
	if (found == SHADOW_L2_TABLES)
		return false;
	kept_unchain(found);
	shadow_check_table(found, slot, l1);
	shadow_l2_detached[found] = false;
	shadow_l2_ndetached--;
	shadow_l2_epoch[found] = shadow_epoch;
	e = &bm_shadow_l1[root][slot];
	*e = bm_desc_coarse(bm_mon_pa(shadow_l2[found]));
	shadow_clean(e, 4);
	bm_shadow_stats.reused++;
	return true;
}
