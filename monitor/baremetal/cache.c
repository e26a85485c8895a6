/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cache.c -- guest RAM in the real caches (docs/baremetal-monitor.md
 * "Shadow paging", "Caches"): whether it is cached at all
 * (armpv.cache), the C and B bits of a shadow entry, the guest's cache
 * maintenance run for real, and the lines the core's uncached window
 * onto guest RAM must find clean.
 *
 * ARM926EJ-S only (ARM926EJ-S TRM 2.3.8 Table 2-18; its D-cache is
 * virtually indexed and virtually tagged, with a physical address kept
 * per line for write-back, so an operation by MVA needs no
 * translation).  The ARM1176's caches are physically tagged and need
 * page colouring and a translation for every operation by MVA: not
 * built, its guest RAM stays uncached (bm_cache_init()).
 *
 * The real caches then do for the guest's accesses what its tables
 * ask, aliases included: a guest with two VAs for one frame keeps them
 * coherent itself, as on a board.  Everything else the monitor does
 * already keeps the caches right: every shadow root maps a guest VA to
 * the same frame (a root switch needs nothing), the monitor's own data
 * is at VAs no guest page has (bm_shadow_is_monitor()), and the loader
 * wrote guest RAM through the boot's cached map, cleaned out before
 * the guest starts (bm_mmu_boot_done()).
 */
#include <stddef.h>

#include "armpv_core.h"
#include "bm.h"

#define CACHE_LINE 32
#define SECT_B 0x4u /* C and B: bits 3:2 of every ARMv5 descriptor */
#define SECT_C 0x8u
#define GUEST_L1_SECTION 0x2u
#define GUEST_L1_COARSE 0x1u
#define GUEST_L1_FINE 0x3u
/* An FCSE PID moves VAs below 32 MiB (ARM ARM B8.2). */
#define FCSE_SPAN 0x02000000u

bool bm_cache_guest;
struct bm_cache_stats bm_cache_stats;
_Static_assert(offsetof(struct bm_cache_stats, ops_mva) == BM_CACHE_OPS_MVA,
	       "vectors.S: bm_cache_stats.ops_mva offset");
/* Whether guest pages are cached now: the virtual SCTLR.M and C both
 * set (the ARM926EJ-S makes every data access uncached with its MMU
 * off, ARM926EJ-S TRM 2.3.5). */
static bool regime_cached;

void bm_cache_init(bool off, bool arm1176)
{
	if (arm1176) {
		bm_cache_guest = false;
		bm_report("guest RAM uncached (the ARM1176JZF-S: its "
			  "physically tagged caches are not supported yet)");
		return;
	}
	bm_cache_guest = !off;
	bm_report("guest RAM %s", bm_cache_guest
		  ? "cached as its page tables ask (armpv.cache=off: "
		    "uncached)"
		  : "uncached (armpv.cache=off)");
}

/*
 * C and B of the shadow entry made from 'src' (ARMv5 format): the
 * guest descriptor's own, a section's or its second-level page's (of a
 * fine table's four 1 KiB descriptors, the bits all four have), C only
 * while the guest's data accesses are cacheable at all; none with the
 * MMU off (src->l1 0) or when guest RAM is uncached.
 */
uint32_t bm_cache_shadow_cb(const struct bm_shadow_src *src)
{
	uint32_t cb;

	if (!bm_cache_guest || bm_mmu_xp())
		return 0;
	switch (src->l1 & 3u) {
	case GUEST_L1_SECTION:
		cb = src->l1;
		break;
	case GUEST_L1_COARSE:
		cb = src->l2[0];
		break;
	case GUEST_L1_FINE:
		cb = src->l2[0] & src->l2[1] & src->l2[2] & src->l2[3];
		break;
	default:
		return 0;
	}
	cb &= SECT_C | SECT_B;
	if (!regime_cached)
		cb &= ~SECT_C;
	if (cb & SECT_C)
		bm_cache_stats.fills_c++;
	else if (cb & SECT_B)
		bm_cache_stats.fills_b++;
	return cb;
}

/* Clean and invalidate the whole D-cache: the ARM926EJ-S's test, clean
 * and invalidate (c7 c14 3) until the cache reports clean (ARM926EJ-S
 * TRM 2.3.8), then drain the write buffer. */
static void dcache_clean_inv_all(void)
{
	__asm__ volatile("1: mrc p15, 0, r15, c7, c14, 3\n\t"
			 "bne 1b\n\t"
			 "mcr p15, 0, %0, c7, c10, 4"
			 : : "r"(0) : "cc", "memory");
}

bool bm_cache_regime(uint32_t sctlr)
{
	bool now = bm_cache_guest && (sctlr & ARMPV_SCTLR_M) &&
		   (sctlr & ARMPV_SCTLR_C);

	if (now == regime_cached)
		return false;
	regime_cached = now;
	/* Off: the guest's lines written back and gone, so that none is
	 * left to a later uncached access (a guest turning its cache off
	 * has cleaned it first; one that has not finds memory holding
	 * what its cache held). */
	if (!now)
		dcache_clean_inv_all();
	bm_cache_stats.regime_changes++;
	return true;
}

bool bm_cache_regime_cached(void)
{
	return regime_cached;
}

/*
 * The core is about to read or write guest virtual [va, va + len)
 * through its uncached window (armpv_vm.data_sync): each line of it
 * cleaned and invalidated at that VA (c7 c14 1), so that memory holds
 * what the guest's cached view holds and no line survives to hide what
 * the core writes; the write buffer drained (the guest's buffered
 * writes reach memory before the window reads it).  A VA the shadow
 * does not map, or maps elsewhere, has no line of this frame's, or
 * one the guest left there itself: cleaning it loses nothing.  The
 * FCSE PID is the real CPU's (0): the VA is the real MVA.  With guest
 * pages uncached (buffered where the guest's B asks) the drain alone.
 */
void bm_cache_data_sync(void *opaque, uint32_t va, uint32_t len)
{
	uint32_t a = va & ~(uint32_t)(CACHE_LINE - 1), end = va + (len - 1);

	(void)opaque;
	if (!bm_cache_guest)
		return;
	for (; regime_cached; a += CACHE_LINE) {
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" : : "r"(a));
		bm_cache_stats.lines_synced++;
		if ((end - a) < CACHE_LINE)
			break;
	}
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

/* The ARM926EJ-S c7 operations the fast path runs (CRm, opcode_2). */
#define OP(crm, op2) ((crm) << 3 | (op2))

bool bm_cache_fast_op(uint32_t word)
{
	switch (OP(word & 0xfu, (word >> 5) & 7u)) {
	case OP(5, 0): /* invalidate I-cache */
	case OP(5, 1): /* invalidate I-cache line, MVA */
	case OP(5, 2): /* invalidate I-cache line, set/way */
	case OP(5, 4): /* flush prefetch buffer */
	case OP(6, 0): /* invalidate D-cache: clean and invalidate */
	case OP(6, 1): /* invalidate D-cache line, MVA */
	case OP(6, 2): /* invalidate D-cache line, set/way: clean too */
	case OP(7, 0): /* invalidate both: D cleaned too */
	case OP(10, 1): /* clean D-cache line, MVA */
	case OP(10, 2): /* clean D-cache line, set/way */
	case OP(10, 4): /* drain write buffer */
	case OP(14, 1): /* clean and invalidate D-cache line, MVA */
	case OP(14, 2): /* clean and invalidate D-cache line, set/way */
		return ((word >> 16) & 0xfu) == 7;
	default:
		return false; /* c7 c13 1, prefetch: a hint, not run */
	}
}

/* One operation by MVA at 'mva'.  An invalidation of a line the
 * monitor may own (its MiB, window, devices, vector page: no guest page
 * is there) cleans it too: the monitor's dirty lines survive. */
static void mva_op(unsigned op, uint32_t mva)
{
	switch (op) {
	case OP(5, 1):
		__asm__ volatile("mcr p15, 0, %0, c7, c5, 1" : : "r"(mva));
		break;
	case OP(6, 1):
		if (bm_shadow_is_monitor(mva))
			__asm__ volatile("mcr p15, 0, %0, c7, c14, 1"
					 : : "r"(mva) : "memory");
		else
			__asm__ volatile("mcr p15, 0, %0, c7, c6, 1"
					 : : "r"(mva) : "memory");
		break;
	case OP(10, 1):
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(mva));
		break;
	default: /* OP(14, 1) */
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1"
				 : : "r"(mva) : "memory");
		break;
	}
}

/*
 * The CP15 fast path's class BM_CP15_FAST_CACHE (vectors.S, on the UND
 * stack): the guest's c7 operation 'word' on r[Rd] 'value' run for
 * real, at the same MVA: its shadow root is loaded.  (The four by MVA
 * come here only with an FCSE PID or, an invalidation, in a MiB of
 * bm_l1_table's: vectors.S's und_cache runs the others as mva_op().)  By MVA with an
 * FCSE PID, the guest's MVA m may be VA m or (m within the PID's 32
 * MiB) VA m - PID, both real lines of the one line the guest names:
 * the operation is run at both.  Invalidating the D-cache, whole or by
 * set/way, cleans too: the monitor's own lines share it (a guest can
 * only tell by reading memory behind a line it threw away).
 */
void bm_fast_cache(uint32_t word, uint32_t value)
{
	unsigned op = OP(word & 0xfu, (word >> 5) & 7u);
	uint32_t pid = bm_vcpu.cp15.fcse_pid & 0xfe000000u;

	switch (op) {
	case OP(5, 1):
	case OP(6, 1):
	case OP(10, 1):
	case OP(14, 1):
		mva_op(op, value);
		if (pid && value - pid < FCSE_SPAN)
			mva_op(op, value - pid);
		bm_cache_stats.ops_mva++;
		break;
	case OP(5, 0):
		__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0));
		bm_cache_stats.ops_other++;
		break;
	case OP(5, 2):
		__asm__ volatile("mcr p15, 0, %0, c7, c5, 2" : : "r"(value));
		bm_cache_stats.ops_other++;
		break;
	case OP(5, 4):
		__asm__ volatile("mcr p15, 0, %0, c7, c5, 4" : : "r"(0));
		bm_cache_stats.ops_other++;
		break;
	case OP(7, 0):
		__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0));
		/* fall through */
	case OP(6, 0):
		dcache_clean_inv_all();
		bm_cache_stats.ops_whole++;
		break;
	case OP(10, 2):
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 2" : : "r"(value));
		bm_cache_stats.ops_other++;
		break;
	case OP(6, 2):
	case OP(14, 2):
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 2"
				 : : "r"(value) : "memory");
		bm_cache_stats.ops_other++;
		break;
	case OP(10, 4):
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 4"
				 : : "r"(0) : "memory");
		bm_cache_stats.ops_other++;
		break;
	default:
		/* Not a class of bm_cache_fast_op()'s: never. */
		bm_report("internal error: the cache fast path's word %08x "
			  "is not one it runs", word);
		bm_halt(BM_EXIT_INTERNAL);
	}
	bm_fast_traps[BM_FAST_CP15]++;
}

/*
 * A cache operation the C path emulated (ARMPV_CP15_EV_CACHE: from a
 * virtual interrupt line high, Thumb, a condition, Rd = PC, a test and
 * clean MRC, or armpv.profile): the whole D-cache cleaned and
 * invalidated and the I-cache invalidated, which is all any of them
 * asks and more (the difference as for bm_fast_cache()'s whole
 * invalidation).  The test and clean loops then find the cache clean
 * at their first iteration, as the core answers.
 */
void bm_cache_slow_op(void)
{
	if (!regime_cached)
		return;
	dcache_clean_inv_all();
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0) : "memory");
	bm_cache_stats.ops_slow++;
}
