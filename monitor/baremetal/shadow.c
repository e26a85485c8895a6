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
 * Beside each entry it keeps the size of the guest descriptor the entry
 * came from, so that the guest's invalidate by MVA drops exactly the
 * entries of the guest TLB entry it names (bm_shadow_invalidate_mva()).
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
 * Guest pages are uncached: C = B = 0 in the ARMv5 format, normal
 * non-cacheable (TEX = 001) in ARMv6's: the VIVT caches of the
 * ARM926EJ-S would otherwise need cleaning whenever the core writes
 * guest RAM through its alias or a mapping changes.
 */
#include "bm.h"

#define L1_INDEX(va) ((va) >> 20)
#define L2_SMALL 0x2
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
/* log2 of the size of the guest mapping each entry came from (valid
 * only while the entry is: not cleared when a table is allocated, which
 * a fill would pay for), and per table the largest one it held since
 * allocated. */
static uint8_t shadow_l2_shift[SHADOW_L2_TABLES][256];
static uint8_t shadow_l2_max_shift[SHADOW_L2_TABLES];
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

/* Pool table 't' back to the pool (its root's slot already not it). */
static void shadow_l2_release(unsigned t)
{
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
	}
	tlb_invalidate_all();
}

/* Every detached table back to the pool; false if there was none. */
static bool shadow_release_detached(void)
{
	bool any = false;

	for (unsigned t = 0; t < shadow_l2_used; t++)
		if (shadow_l2_detached[t]) {
			shadow_l2_release(t);
			any = true;
		}
	return any;
}

void bm_shadow_map(unsigned root, uint32_t va, uint32_t host_frame,
		   const unsigned ap[4], bool xn, bool ng, unsigned guest_shift)
{
	uint32_t *l2 = shadow_l2_of(root, va), e;
	unsigned t;

	if (bm_shadow_is_monitor(va))
		return; /* never: run.c refuses these first */
	if (!l2) {
		uint32_t *l1e = &bm_shadow_l1[root][L1_INDEX(va)];

		if (shadow_l2_used == SHADOW_L2_TABLES && !shadow_l2_nfree &&
		    !shadow_release_detached()) {
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
	}
	l2[L2_INDEX(va)] = e;
	shadow_clean(&l2[L2_INDEX(va)], 4);
	/* A tiny page's entry goes with its whole 4 KiB page. */
	if (guest_shift < 12)
		guest_shift = 12;
	t = shadow_l2_index(l2);
	/* The table's first non-global entry names its address space (a
	 * table of global entries may have been made in another). */
	if (ng && !shadow_l2_ng[t]) {
		shadow_l2_ng[t] = true;
		shadow_l2_space[t] = shadow_space;
	}
	shadow_l2_shift[t][L2_INDEX(va)] = (uint8_t)guest_shift;
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
		unsigned shift = shadow_l2_shift[t][i];
		uint32_t page = slot << 20 | (uint32_t)i << 12;

		if (!shadow_l2[t][i] || ((page ^ va) >> shift) != 0 ||
		    (part && part[i]))
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
	 * ASID the guest named: at worst too much). */
	for (unsigned t = 0; shadow_l2_ndetached && t < shadow_l2_used; t++) {
		uint32_t slot_va = (uint32_t)shadow_l2_owner[t].slot << 20;

		if (shadow_l2_detached[t] && slot_va - first < (n << 20))
			shadow_drop_in_table(shadow_l2_owner[t].root, t,
					     slot_va, va, &d);
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
