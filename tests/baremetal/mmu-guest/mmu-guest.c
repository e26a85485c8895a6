// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mmu-guest.c -- the MMU test guest (issue 6): it turns its MMU on with
 * its own first-level table (sections) and a coarse second-level table
 * (small pages), then runs a user task that reads its user page, touches
 * a kernel-only page (data aborts, which this kernel handles and
 * records), takes a translation fault on an unmapped page that the abort
 * handler maps before returning to the instruction, writes a read-only
 * page, loads from an unaligned address with SCTLR.A set (alignment
 * fault), and sees a mapping change after a TLB invalidation.  Last,
 * remap_by_size(): a small page, a large page and a section, each read
 * by the kernel and the user task, moved to other frames and
 * invalidated by one MVA (for the large page and the section, of a page
 * neither read), must read from the new frames at both privileges.
 * Then address_spaces(): two first-level tables switched as Linux
 * switches (TTBR0, then invalidate the TLBs), one's tables changed while
 * the other runs; each change must show when it runs again.
 *
 * Expected values: ARM ARM (DDI 0100I) B4.4 (AP, domains), B4.6 (faults:
 * permission fault, page 0b1111 and translation fault, page 0b0111, with
 * the domain in FSR[7:4]; FAR the address), B4.7 (descriptors), A2.6.6
 * (LR_abt = the aborted instruction + 8, SPSR_abt = the CPSR at the
 * access).  The ARM1176JZF-S (SCTLR.XP = 0, the same table format) adds
 * DFSR[11] WnR for a write (ARM1176 TRM 3.2.21).
 *
 * The same program runs unrewritten in SVC natively on versatilepb and,
 * rewritten, under armpv-bm: tests/baremetal/mmu.sh compares the two
 * transcripts.
 */
#include "guest-board.h"
#include "mmu-guest.h"
#include "plat.h"
#include "tests.h"

#define SECT(pa, ap, dom) \
	((pa) | (ap) << 10 | (dom) << 5 | 0x10 | 0x2)
#define COARSE(pa, dom) ((pa) | (dom) << 5 | 0x10 | 0x1)
#define SMALL(pa, ap) ((pa) | (ap) * 0x55u << 4 | 0x2)
#define LARGE(pa, ap) ((pa) | (ap) * 0x55u << 4 | 0x1)
/* ARMv5 only: a fine table (1024 entries, VA[19:10]), a tiny page. */
#define FINE(pa, dom) ((pa) | (dom) << 5 | 0x10 | 0x3)
#define TINY(pa, ap) ((pa) | (ap) << 4 | 0x3)
#define AP_KERN 1u
#define AP_USER_RO 2u
#define AP_USER_RW 3u
#define FSR_TRANS_PAGE 0x7u
#define FSR_PERM_PAGE 0xfu
#define FSR_DOMAIN(d) ((uint32_t)(d) << 4)
#define FSR_WNR 0x800u
#define FSR_ALIGNMENT 0x1u /* 0b00x1 (ARM ARM B4.6) */
#define SCTLR_A 0x2u
#define SCTLR_C 0x4u
#define DESC_CB(c, b) ((c) << 3 | (b) << 2)

void user_task(void);
void user_read_words(void);
void user_run(void (*fn)(void), uint32_t *sp);
void tlb_invalidate_mva(uint32_t va);
void ttbr_switch(uint32_t *ttb);
uint32_t kread(uint32_t va);
uint32_t cp15_read_midr(void);
uint32_t cp15_read_sctlr(void);
void cp15_write_sctlr(uint32_t v);
void mmu_enable(uint32_t *ttb, uint32_t dacr);
void dcache_clean_mva(uint32_t va);
void dcache_clean_inv_mva(uint32_t va);
void dcache_inv_mva(uint32_t va);
void icache_inv_mva(uint32_t va);
void dcache_clean_setway(uint32_t sw);
void caches_clean_inv_all(void);
void kstrt(uint32_t va, uint32_t v);
uint32_t kldrt(uint32_t va);
extern uint32_t user_stack_top[];
extern volatile uint32_t ures[UR_WORDS];
extern const char ut_kread[], ut_kwrite[], ut_fault[], ut_rowrite[],
	ut_unaligned[];

static uint32_t ttb[4096] __attribute__((aligned(16384)));
static uint32_t l2[256] __attribute__((aligned(1024)));
static uint32_t rs_l2[256] __attribute__((aligned(1024)));
static uint32_t tiny_l2[1024] __attribute__((aligned(4096)));
static uint32_t ttb_b[4096] __attribute__((aligned(16384)));
static uint32_t as_l2_a[256] __attribute__((aligned(1024)));
static uint32_t as_l2_b[256] __attribute__((aligned(1024)));
static uint32_t as_l2_c[256] __attribute__((aligned(1024)));
static uint32_t as_l2_d[256] __attribute__((aligned(1024)));
static uint32_t as_l2_e[256] __attribute__((aligned(1024)));
static uint32_t as_l2_s[256] __attribute__((aligned(1024)));
static uint32_t cache_l2[256] __attribute__((aligned(1024)));
/* user_read_words(): the words it reads, and what it found. */
uint32_t rs_va[RS_N] = { RS_SMALL_VA, RS_LARGE_VA, RS_LARGE_VA + 0xf004,
			 RS_SECT_VA, RS_SECT_VA + 0xff008 };
volatile uint32_t rs_val[RS_N];

#define MAX_ABORTS 32
static struct {
	uint32_t lr, spsr, dfsr, far;
} aborts[MAX_ABORTS];
static volatile unsigned naborts, nmapped;

static uint32_t l2_index(uint32_t va)
{
	return (va >> 12) & 0xff;
}

static volatile uint32_t *pa_word(uint32_t va_page)
{
	/* The pages' physical frames, through the kernel's identity map. */
	return (volatile uint32_t *)(PAGES_PA + (va_page - USER_VA));
}

/* A data abort: record it; a translation fault on FAULT_VA's page is a
 * page fault the kernel handles by mapping the page and returning to the
 * instruction (LR - 8), anything else skips the instruction (LR - 4). */
uint32_t dabt_c(uint32_t lr, uint32_t spsr, uint32_t dfsr, uint32_t far)
{
	if (naborts < MAX_ABORTS) {
		aborts[naborts].lr = lr;
		aborts[naborts].spsr = spsr;
		aborts[naborts].dfsr = dfsr;
		aborts[naborts].far = far;
	}
	naborts++;
	if ((dfsr & 0xf) == FSR_TRANS_PAGE &&
	    (far & 0xfffff000u) == FAULT_VA && nmapped == 0) {
		l2[l2_index(FAULT_VA)] =
			SMALL(PAGES_PA + (FAULT_VA - USER_VA), AP_USER_RW);
		tlb_invalidate_mva(FAULT_VA);
		nmapped++;
		return lr - 8;
	}
	return lr - 4;
}

/* SYS_REMAP: REMAP_VA now maps another physical frame. */
void swi_c(uint32_t nr)
{
	if (nr != SYS_REMAP)
		return;
	l2[l2_index(REMAP_VA)] =
		SMALL(PAGES_PA + REMAP_NEW_OFF, AP_USER_RW);
	tlb_invalidate_mva(REMAP_VA);
}

void mg_unexpected(uint32_t vec, uint32_t lr, uint32_t spsr)
{
	put_str("not ok - unexpected exception ");
	put_dec(vec);
	put_str(" lr ");
	put_hex(lr);
	put_str(" spsr ");
	put_hex(spsr);
	put_str("\n");
	plat_exit(3);
}

static void setup_tables(void)
{
	ttb[0] = SECT(0x00000000u, AP_USER_RW, 0);
	ttb[PAGES_PA >> 20] = SECT(PAGES_PA, AP_KERN, 0);
	/* the native console: the MiB of UART0 (versatilepb: and the VIC) */
	ttb[BOARD_UART0_MB >> 20] = SECT(BOARD_UART0_MB, AP_KERN, 0);
	ttb[USER_VA >> 20] = COARSE((uint32_t)l2, TEST_DOMAIN);
	l2[l2_index(USER_VA)] = SMALL(PAGES_PA, AP_USER_RW);
	l2[l2_index(KERN_VA)] = SMALL(PAGES_PA + 0x1000, AP_KERN);
	l2[l2_index(REMAP_VA)] = SMALL(PAGES_PA + 0x3000, AP_USER_RW);
	l2[l2_index(RO_VA)] = SMALL(PAGES_PA + 0x4000, AP_USER_RO);
	/* FAULT_VA: no entry (0, a fault descriptor) */
	ttb[RS_SMALL_VA >> 20] = COARSE((uint32_t)rs_l2, 0);
	/* RS_SECT_VA: rs_map() */
}

/*
 * Remapping by size.  A word's value names its physical address, so a
 * read shows which frame a VA reached.  The frames are filled with the
 * MMU off (physical addresses).
 */
static uint32_t rs_tag(uint32_t pa)
{
	return 0x7a000000u ^ pa;
}

static void rs_fill(void)
{
	static const uint32_t off[RS_N] = { 0, 0, 0xf004, 0, 0xff008 };
	static const uint32_t old[RS_N] = { RS_SMALL_OLD_PA, RS_LARGE_OLD_PA,
					     RS_LARGE_OLD_PA, RS_SECT_OLD_PA,
					     RS_SECT_OLD_PA };
	static const uint32_t new[RS_N] = { RS_SMALL_NEW_PA, RS_LARGE_NEW_PA,
					     RS_LARGE_NEW_PA, RS_SECT_NEW_PA,
					     RS_SECT_NEW_PA };

	for (unsigned i = 0; i < RS_N; i++) {
		uint32_t o = old[i] + off[i], n = new[i] + off[i];

		*(volatile uint32_t *)o = rs_tag(o);
		*(volatile uint32_t *)n = rs_tag(n);
	}
}

static void rs_map(uint32_t small, uint32_t large, uint32_t sect)
{
	rs_l2[l2_index(RS_SMALL_VA)] = SMALL(small, AP_USER_RW);
	/* A large page: its descriptor repeated in 16 entries (B4.7). */
	for (uint32_t k = 0; k < 16; k++)
		rs_l2[l2_index(RS_LARGE_VA) + k] = LARGE(large, AP_USER_RW);
	ttb[RS_SECT_VA >> 20] = SECT(sect, AP_USER_RW, 0);
}

/* The RS_N words from 'small', 'large', 'sect', read by the kernel,
 * then by the user task. */
static void rs_check(const char *when, uint32_t small, uint32_t large,
		     uint32_t sect)
{
	static const char *const what[RS_N] = {
		"small page", "large page, first 4 KiB",
		"large page, last 4 KiB", "section, first 4 KiB",
		"section, last 4 KiB"
	};
	const uint32_t want[RS_N] = { rs_tag(small), rs_tag(large),
				      rs_tag(large + 0xf004), rs_tag(sect),
				      rs_tag(sect + 0xff008) };

	for (unsigned i = 0; i < RS_N; i++) {
		check_ctx("remap by size, kernel, ");
		check_ctx_append(when);
		check_eq(what[i], *(volatile uint32_t *)rs_va[i], want[i]);
	}
	for (unsigned i = 0; i < RS_N; i++)
		rs_val[i] = MARK;
	user_run(user_read_words, user_stack_top);
	for (unsigned i = 0; i < RS_N; i++) {
		check_ctx("remap by size, user, ");
		check_ctx_append(when);
		check_eq(what[i], rs_val[i], want[i]);
	}
}

/*
 * Both privileges read every page first, so that a shadow MMU holds each
 * in both of its roots.  Then each mapping moves to its new frame and is
 * invalidated by one MVA: the small page at its own; the large page and
 * the section at a page in their middle that nobody read, which still
 * names the whole guest TLB entry (ARM ARM B4.2.1; ARM926EJ-S TRM
 * 2.3.9): dropping only the 4 KiB there would leave the pages read
 * before on their old frames.
 */
static void remap_by_size(void)
{
	rs_check("before: ", RS_SMALL_OLD_PA, RS_LARGE_OLD_PA, RS_SECT_OLD_PA);
	rs_map(RS_SMALL_NEW_PA, RS_LARGE_NEW_PA, RS_SECT_NEW_PA);
	tlb_invalidate_mva(RS_SMALL_VA);
	tlb_invalidate_mva(RS_LARGE_VA + 0x8000);
	tlb_invalidate_mva(RS_SECT_VA + 0x80000);
	rs_check("after: ", RS_SMALL_NEW_PA, RS_LARGE_NEW_PA, RS_SECT_NEW_PA);
}

/*
 * Tiny pages out of their place (ARM ARM B4.7: a 1 KiB page may map any
 * 1 KiB of physical memory): the kernel reads each, then writes one and
 * reads the frame.  A shadow MMU of 4 KiB pages cannot map them; it must
 * still give the guest the same words.  The fine table goes in with the
 * MMU on, then the TLBs are invalidated.
 */
static volatile uint32_t *phys_word(uint32_t pa)
{
	return (volatile uint32_t *)pa; /* TINY_PA's MiB: identity */
}

static void tiny_pages(void)
{
	ttb[TINY_PA >> 20] = SECT(TINY_PA & 0xfff00000u, AP_KERN, 0);
	tlb_invalidate_mva(TINY_PA);
	for (uint32_t k = 0; k < 4; k++) {
		uint32_t pa = TINY_PA + (3 - k) * 0x400;

		*phys_word(pa) = rs_tag(pa);
		tiny_l2[((TINY_VA >> 10) & 0x3ff) + k] = TINY(pa, AP_USER_RW);
	}
	ttb[TINY_VA >> 20] = FINE((uint32_t)tiny_l2, 0);
	tlb_invalidate_mva(TINY_VA);
	check_ctx("tiny pages out of place: ");
	for (uint32_t k = 0; k < 4; k++)
		check_eq("kernel reads the 1 KiB page",
			 *(volatile uint32_t *)(TINY_VA + k * 0x400),
			 rs_tag(TINY_PA + (3 - k) * 0x400));
	*(volatile uint32_t *)(TINY_VA + 0x408) = 0x71e70007;
	check_eq("a store reaches its frame's 1 KiB",
		 *phys_word(TINY_PA + 0x808), 0x71e70007);
	check_eq("and reads back", *(volatile uint32_t *)(TINY_VA + 0x408),
		 0x71e70007);
}

/*
 * Caches (ARM926EJ-S; mmu-guest.h CACHE_*): SCTLR.C set, four user
 * read/write pages mapped with C and B 11 (write-back), 10
 * (write-through), 01 (buffered) and 00, each written by the kernel and
 * read back, read and written with LDRT/STRT (which armpv-bm emulates
 * through its uncached window onto guest RAM: it must see and leave
 * what the cached view holds), cleaned, cleaned and invalidated by MVA
 * and by set/way; then everything cleaned and invalidated as an ARM926
 * kernel does it (test and clean, invalidate), a line invalidated by
 * MVA after it was cleaned, SCTLR.C cleared.  Every frame must hold
 * what was written.  armpv-bm's statistics line shows the shadow
 * entries' C and B and the operations run (tests/baremetal/mmu.sh).
 */
static void caches(void)
{
	ttb[CACHE_PA >> 20] = SECT(CACHE_PA & 0xfff00000u, AP_KERN, 0);
	ttb[CACHE_VA >> 20] = COARSE((uint32_t)cache_l2, 0);
	for (uint32_t k = 0; k < 4; k++) {
		*phys_word(CACHE_PA + k * 0x1000) = rs_tag(CACHE_PA + k * 0x1000);
		cache_l2[k] = SMALL(CACHE_PA + k * 0x1000, AP_USER_RW) |
			      DESC_CB((3 - k) >> 1, (3 - k) & 1);
	}
	dcache_clean_mva((uint32_t)cache_l2); /* a table walk reads memory */
	tlb_invalidate_mva(CACHE_PA);
	tlb_invalidate_mva(CACHE_VA);
	cp15_write_sctlr(cp15_read_sctlr() | SCTLR_C);
	check_ctx("caches: ");
	check_eq("SCTLR.C set", cp15_read_sctlr() & SCTLR_C, SCTLR_C);
	for (uint32_t k = 0; k < 4; k++) {
		uint32_t va = CACHE_VA + k * 0x1000, pa = CACHE_PA + k * 0x1000;

		check_eq("the kernel reads the page", *(volatile uint32_t *)va,
			 rs_tag(pa));
		*(volatile uint32_t *)(va + 4) = 0xc0de0000u | k;
		check_eq("LDRT reads the kernel's store", kldrt(va + 4),
			 0xc0de0000u | k);
		kstrt(va + 8, 0x5e7e0000u | k);
		check_eq("the kernel reads STRT's store",
			 *(volatile uint32_t *)(va + 8), 0x5e7e0000u | k);
		dcache_clean_mva(va);
		dcache_clean_inv_mva(va + 4);
		icache_inv_mva(va);
		check_eq("the frame holds the kernel's store after a clean",
			 *phys_word(pa + 4), 0xc0de0000u | k);
		check_eq("and STRT's", *phys_word(pa + 8), 0x5e7e0000u | k);
	}
	dcache_clean_setway(0);
	caches_clean_inv_all();
	dcache_clean_mva(CACHE_VA + 0x40);
	dcache_inv_mva(CACHE_VA + 0x40);
	check_eq("a line cleaned, then invalidated, reads memory",
		 *(volatile uint32_t *)CACHE_VA, rs_tag(CACHE_PA));
	/* A line of MiB 0, which the monitor shares (its low vector
	 * page's slot): armpv-bm's stub leaves the invalidation to its C
	 * path, which must take the word as the stub found it. */
	dcache_clean_mva(0x40);
	dcache_inv_mva(0x40);
	cp15_write_sctlr(cp15_read_sctlr() & ~SCTLR_C);
	check_eq("SCTLR.C clear", cp15_read_sctlr() & SCTLR_C, 0);
	check_eq("the kernel's store after SCTLR.C cleared",
		 *(volatile uint32_t *)(CACHE_VA + 4), 0xc0de0000u);
}

/*
 * Address spaces (mmu-guest.h AS_*): what a guest's context switch
 * requires of the TLB (ARM ARM B4.2: after an invalidation of the whole
 * TLB every access uses the tables as they are in memory then).  A and B
 * each read their pages at both privileges; while B runs, A's tables
 * change -- a page moved to another frame, one removed, a section
 * replaced by a coarse table, a coarse table pointer replaced by
 * another, a page of the table both share moved -- then A comes back
 * (TTBR0 and a TLB invalidation, as Linux switches) and must see each
 * change, and the page nobody changed where it was; B, back again,
 * its own.  A shadow MMU that keeps tables across switches must check
 * them against the guest's descriptors.
 */
static void as_fill(void)
{
	for (uint32_t n = 0; n < AS_NF; n++)
		*(volatile uint32_t *)AS_F(n) = rs_tag(AS_F(n));
	*(volatile uint32_t *)(RS_SECT_OLD_PA + 0x3000) =
		rs_tag(RS_SECT_OLD_PA + 0x3000);
}

/* The five words at va[], read by the kernel and by the user task:
 * want[i], or MARK where the read must abort (a page translation
 * fault, status want_fsr, FAR the address). */
static void as_check(const char *when, const uint32_t va[RS_N],
		     const uint32_t want[RS_N], uint32_t want_fsr)
{
	unsigned aborts0 = naborts, want_aborts = 0;

	for (unsigned i = 0; i < RS_N; i++) {
		check_ctx("address spaces, kernel, ");
		check_ctx_append(when);
		check_eq("word", kread(va[i]), want[i]);
		if (want[i] == MARK && naborts - 1 < MAX_ABORTS) {
			check_eq("its abort: status",
				 aborts[naborts - 1].dfsr & 0xf, want_fsr);
			check_eq("its abort: FAR", aborts[naborts - 1].far,
				 va[i]);
		}
	}
	for (unsigned i = 0; i < RS_N; i++) {
		rs_va[i] = va[i];
		want_aborts += want[i] == MARK ? 2 : 0;
	}
	user_run(user_read_words, user_stack_top);
	for (unsigned i = 0; i < RS_N; i++) {
		check_ctx("address spaces, user, ");
		check_ctx_append(when);
		check_eq("word", rs_val[i], want[i]);
	}
	check_ctx("address spaces, ");
	check_ctx_append(when);
	check_eq("aborts", naborts - aborts0, want_aborts);
}

/* The shared table's page (frame AS_F(shared)) and four reads of the
 * space's own page 0 of AS_VA (frame AS_F(own)). */
static void as_check_shared(const char *when, uint32_t shared, uint32_t own)
{
	const uint32_t va[RS_N] = { AS_SHARED_VA, AS_VA, AS_VA, AS_VA, AS_VA };
	const uint32_t want[RS_N] = { rs_tag(AS_F(shared)), rs_tag(AS_F(own)),
				      rs_tag(AS_F(own)), rs_tag(AS_F(own)),
				      rs_tag(AS_F(own)) };

	as_check(when, va, want, 0);
}

static void address_spaces(void)
{
	const uint32_t va[RS_N] = { AS_VA, AS_VA + 0x1000, AS_VA + 0x2000,
				    AS_SECT_VA + 0x3000, AS_PTR_VA };
	const uint32_t before[RS_N] = { rs_tag(AS_F(0)), rs_tag(AS_F(1)),
					rs_tag(AS_F(2)),
					rs_tag(RS_SECT_OLD_PA + 0x3000),
					rs_tag(AS_F(5)) };
	/* Page 1 removed: its read aborts, a page translation fault. */
	const uint32_t after[RS_N] = { rs_tag(AS_F(3)), MARK, rs_tag(AS_F(2)),
				       rs_tag(AS_F(4)), rs_tag(AS_F(6)) };
	/* In B: its own page, A's section and table absent (a section
	 * translation fault, 0b0101: B4.6). */
	const uint32_t bva[RS_N] = { AS_VA, AS_SECT_VA + 0x3000, AS_PTR_VA,
				     AS_VA, AS_VA };
	const uint32_t bwant[RS_N] = { rs_tag(AS_F(7)), MARK, MARK,
				       rs_tag(AS_F(7)), rs_tag(AS_F(7)) };

	as_l2_a[0] = SMALL(AS_F(0), AP_USER_RW);
	as_l2_a[1] = SMALL(AS_F(1), AP_USER_RW);
	as_l2_a[2] = SMALL(AS_F(2), AP_USER_RW);
	as_l2_b[0] = SMALL(AS_F(7), AP_USER_RW);
	as_l2_d[0] = SMALL(AS_F(5), AP_USER_RW);
	as_l2_s[0] = SMALL(AS_F(8), AP_USER_RW);
	ttb[AS_VA >> 20] = COARSE((uint32_t)as_l2_a, 0);
	ttb[AS_SECT_VA >> 20] = SECT(RS_SECT_OLD_PA, AP_USER_RW, 0);
	ttb[AS_PTR_VA >> 20] = COARSE((uint32_t)as_l2_d, 0);
	ttb[AS_SHARED_VA >> 20] = COARSE((uint32_t)as_l2_s, 0);
	for (unsigned i = 0; i < 4096; i++)
		ttb_b[i] = ttb[i];
	ttb_b[AS_VA >> 20] = COARSE((uint32_t)as_l2_b, 0);
	ttb_b[AS_SECT_VA >> 20] = 0;
	ttb_b[AS_PTR_VA >> 20] = 0;

	ttbr_switch(ttb);
	as_check("A: ", va, before, 0);
	as_check_shared("A, shared: ", 8, 0);
	ttbr_switch(ttb_b);
	as_check_shared("B, shared: ", 8, 7);
	/* A's tables change while B runs (no TLB maintenance: B does not
	 * use them; A's switch back invalidates). */
	as_l2_a[0] = SMALL(AS_F(3), AP_USER_RW);
	as_l2_a[1] = 0;
	as_l2_c[3] = SMALL(AS_F(4), AP_USER_RW);
	ttb[AS_SECT_VA >> 20] = COARSE((uint32_t)as_l2_c, 0);
	as_l2_e[0] = SMALL(AS_F(6), AP_USER_RW);
	ttb[AS_PTR_VA >> 20] = COARSE((uint32_t)as_l2_e, 0);
	as_l2_s[0] = SMALL(AS_F(9), AP_USER_RW);
	as_check("B: ", bva, bwant, 0x5);
	ttbr_switch(ttb);
	as_check("A again: ", va, after, FSR_TRANS_PAGE);
	as_check_shared("A again, shared: ", 9, 3);
	ttbr_switch(ttb_b);
	as_check_shared("B again: ", 9, 7);
	ttbr_switch(ttb);
}

/*
 * The kernel's STM^ and LDM^ of the User registers (ARM ARM A4.1.98
 * STM(2), A4.1.22 LDM(2): privileged accesses, the User bank's
 * registers, no writeback), the four addressing modes (A5.4), lists of
 * one to fifteen registers, the base in the list, Linux's two (vector_swi:
 * STMDB r8, {sp, lr}^; restore_user_regs: LDMDB sp, {r1-r14}^), on the
 * user page, across it into the kernel-only page (privileged: allowed),
 * on the read-only page (AP 10: the kernel may write), and into a page
 * with no entry: a page translation fault at the first word there (FAR),
 * the abort handler skipping the instruction.  Under armpv-bm the
 * system-call fast path (vectors.S user_block) takes those it can.
 */
void ub_stmia_all(uint32_t base);  /* STMIA r0, {r0-r14}^ */
void ub_stmib_some(uint32_t base); /* STMIB r5, {r1, r5, r12, sp, lr}^ */
void ub_stmda_some(uint32_t base); /* STMDA r12, {r0, r3, r7, r11}^ */
void ub_stmdb_splr(uint32_t base); /* STMDB r8, {sp, lr}^ */
void ub_ldmia_all(uint32_t base, uint32_t out[15]);  /* LDMIA r0, {r0-r14}^ */
void ub_ldmib_some(uint32_t base, uint32_t out[15]); /* LDMIB r4, {r2, r9, lr}^ */
void ub_ldmda_some(uint32_t base, uint32_t out[15]); /* LDMDA r11, {r0-r12}^ */
void ub_ldmdb_sp(uint32_t base, uint32_t out[15]);   /* LDMDB sp, {r1-r14}^ */

enum ub_mode { UB_IA, UB_IB, UB_DA, UB_DB };

/* The first address of a transfer of 'n' words (A5.4.2-A5.4.5). */
static uint32_t ub_start(enum ub_mode m, uint32_t base, unsigned n)
{
	switch (m) {
	case UB_IA:
		return base;
	case UB_IB:
		return base + 4;
	case UB_DA:
		return base - 4 * n + 4;
	default:
		return base - 4 * n;
	}
}

static unsigned ub_count(uint32_t list)
{
	unsigned n = 0;

	for (; list; list &= list - 1)
		n++;
	return n;
}

/* STM^ of 'list' with base register 'rn' by fn(base): the words stored. */
static void ub_stm(void (*fn)(uint32_t), const char *what, enum ub_mode m,
		   uint32_t list, unsigned rn, uint32_t base)
{
	uint32_t a = ub_start(m, base, ub_count(list));

	fn(base);
	check_ctx("user blocks: ");
	check_ctx_append(what);
	check_ctx_append(": ");
	for (unsigned i = 0; i < 15; i++)
		if (list & (1u << i)) {
			check_eq("word", kread(a), i == rn ? base : UB_TAG + i);
			a += 4;
		}
}

/* LDM^ of 'list' with base register 'rn' (15: SP_svc) by fn(base, out),
 * from words that name their address: the User registers after it. */
static void ub_ldm(void (*fn)(uint32_t, uint32_t *), const char *what,
		   enum ub_mode m, uint32_t list, unsigned rn, uint32_t base)
{
	uint32_t out[15], a = ub_start(m, base, ub_count(list));

	for (unsigned i = 0; i < ub_count(list); i++)
		*(volatile uint32_t *)(a + 4 * i) = rs_tag(a + 4 * i);
	fn(base, out);
	check_ctx("user blocks: ");
	check_ctx_append(what);
	check_ctx_append(": ");
	for (unsigned i = 0; i < 15; i++) {
		uint32_t want = i == rn ? base : MARK;

		if (list & (1u << i)) {
			want = rs_tag(a);
			a += 4;
		}
		check_eq("register", out[i], want);
	}
}

static void ub_check_abort(const char *what, unsigned aborts0, uint32_t dfsr,
			   uint32_t far)
{
	check_ctx("user blocks: ");
	check_ctx_append(what);
	check_ctx_append(": ");
	check_eq("one data abort", naborts - aborts0, 1);
	if (naborts - 1 < MAX_ABORTS) {
		check_eq("SPSR_abt: SVC mode",
			 aborts[naborts - 1].spsr & PSR_MODE_MASK, SVC_MODE);
		check_eq("DFSR", aborts[naborts - 1].dfsr & 0xfff, dfsr);
		check_eq("FAR", aborts[naborts - 1].far, far);
	}
}

static void user_blocks(uint32_t wnr)
{
	uint32_t out[15], fsr = FSR_TRANS_PAGE | FSR_DOMAIN(TEST_DOMAIN);
	unsigned aborts0 = naborts;

	/* Twice: first where the shadow may not map a page yet, then
	 * where it does. */
	for (unsigned k = 0; k < 2; k++) {
		ub_stm(ub_stmia_all, "STMIA r0, {r0-r14}^", UB_IA, 0x7fff, 0,
		       USER_VA + 0x100);
		ub_stm(ub_stmib_some, "STMIB r5, {r1, r5, r12, sp, lr}^", UB_IB,
		       0x7022, 5, USER_VA + 0x200);
		ub_stm(ub_stmda_some, "STMDA r12, {r0, r3, r7, r11}^", UB_DA,
		       0x0889, 12, USER_VA + 0x300);
		ub_stm(ub_stmdb_splr, "STMDB r8, {sp, lr}^", UB_DB, 0x6000, 8,
		       USER_VA + 0x400);
		ub_stm(ub_stmia_all,
		       "STMIA r0, {r0-r14}^ into the kernel-only page", UB_IA,
		       0x7fff, 0, USER_VA + 0xfe0);
		ub_stm(ub_stmdb_splr, "STMDB r8, {sp, lr}^ on the read-only page",
		       UB_DB, 0x6000, 8, RO_VA + 0x108);
		ub_ldm(ub_ldmia_all, "LDMIA r0, {r0-r14}^", UB_IA, 0x7fff, 0,
		       USER_VA + 0x500);
		ub_ldm(ub_ldmib_some, "LDMIB r4, {r2, r9, lr}^", UB_IB, 0x4204,
		       4, USER_VA + 0x600);
		ub_ldm(ub_ldmda_some,
		       "LDMDA r11, {r0-r12}^ from the kernel-only page", UB_DA,
		       0x1fff, 11, KERN_VA + 0x20);
		ub_ldm(ub_ldmdb_sp, "LDMDB sp, {r1-r14}^", UB_DB, 0x7ffe, 15,
		       USER_VA + 0x700);
		ub_ldm(ub_ldmia_all, "LDMIA r0, {r0-r14}^ from the read-only page",
		       UB_IA, 0x7fff, 0, RO_VA + 0x200);
	}
	check_ctx("user blocks: ");
	check_eq("no abort", naborts, aborts0);
	aborts0 = naborts;
	ub_stmia_all(UB_HOLE_VA - 0x20);
	ub_check_abort("STMIA r0, {r0-r14}^ into a page with no entry",
		       aborts0, fsr | wnr, UB_HOLE_VA);
	aborts0 = naborts;
	ub_stmdb_splr(UB_HOLE_VA + 0x100);
	ub_check_abort("STMDB r8, {sp, lr}^ on a page with no entry",
		       aborts0, fsr | wnr, UB_HOLE_VA + 0xf8);
	aborts0 = naborts;
	ub_ldmia_all(UB_HOLE_VA - 8, out);
	ub_check_abort("LDMIA r0, {r0-r14}^ into a page with no entry",
		       aborts0, fsr, UB_HOLE_VA);
	aborts0 = naborts;
	ub_ldmdb_sp(UB_HOLE_VA + 0x40, out);
	ub_check_abort("LDMDB sp, {r1-r14}^ on a page with no entry",
		       aborts0, fsr, UB_HOLE_VA + 0x40 - 56);
}

static void check_abort(unsigned i, const char *insn, uint32_t dfsr,
			uint32_t far)
{
	check_eq("LR_abt = instruction + 8", aborts[i].lr, (uint32_t)insn + 8);
	check_eq("SPSR_abt: USR mode", aborts[i].spsr & PSR_MODE_MASK,
		 USR_MODE);
	check_eq("DFSR", aborts[i].dfsr & 0xfff, dfsr);
	check_eq("FAR", aborts[i].far, far);
}

int kmain(void)
{
	/* WnR exists on the ARM1176 (MIDR part 0xb76) only. */
	uint32_t wnr = ((cp15_read_midr() >> 4) & 0xfff) == 0xb76 ? FSR_WNR : 0;
	uint32_t perm = FSR_PERM_PAGE | FSR_DOMAIN(TEST_DOMAIN);

	put_str("# armpv MMU test guest\n");
	/* The frames, through physical addresses (MMU off). */
	*pa_word(USER_VA) = 0x05e40001;
	*pa_word(KERN_VA) = 0x6e4e0001;
	*pa_word(FAULT_VA) = 0xfa170002;
	*pa_word(REMAP_VA) = 0xaaaa0003;
	*pa_word(USER_VA + REMAP_NEW_OFF) = 0xbbbb0004;
	*pa_word(RO_VA) = 0x0ead0005;
	rs_fill();
	as_fill();
	setup_tables();
	rs_map(RS_SMALL_OLD_PA, RS_LARGE_OLD_PA, RS_SECT_OLD_PA);
	mmu_enable(ttb, MG_DACR);

	check_ctx("mmu: ");
	check_eq("SCTLR.M set", cp15_read_sctlr() & 1, 1);
	check_eq("kernel reads the kernel-only page",
		 *(volatile uint32_t *)KERN_VA, 0x6e4e0001);
	check_eq("kernel reads the user page", *(volatile uint32_t *)USER_VA,
		 0x05e40001);
	*(volatile uint32_t *)(RO_VA + 8) = 0x4b000006;
	check_eq("kernel writes the user read-only page (AP 10)",
		 *pa_word(RO_VA + 8), 0x4b000006);
	check_eq("no abort in the kernel", naborts, 0);

	/* Alignment checking on for the user task's unaligned load. */
	cp15_write_sctlr(cp15_read_sctlr() | SCTLR_A);
	user_run(user_task, user_stack_top);
	cp15_write_sctlr(cp15_read_sctlr() & ~SCTLR_A);

	check_ctx("user: ");
	check_eq("reads its user page", ures[UR_USER / 4], 0x05e40001);
	check_eq("5 data aborts", naborts, 5);
	check_ctx("user: read kernel-only page: ");
	check_abort(0, ut_kread, perm, KERN_VA);
	check_ctx("user: write kernel-only page: ");
	check_abort(1, ut_kwrite, perm | wnr, KERN_VA);
	check_eq("memory unchanged", *(volatile uint32_t *)KERN_VA,
		 0x6e4e0001);
	check_ctx("user: page fault: ");
	check_abort(2, ut_fault, FSR_TRANS_PAGE | FSR_DOMAIN(TEST_DOMAIN),
		    FAULT_VA);
	check_eq("handler mapped the page once", nmapped, 1);
	check_eq("the load, retried, read the new page", ures[UR_FAULT / 4],
		 0xfa170002);
	check_eq("a store to it reached the frame", *pa_word(FAULT_VA + 4),
		 0x12345678);
	check_ctx("user: read-only page: ");
	check_eq("read", ures[UR_RO / 4], 0x0ead0005);
	check_abort(3, ut_rowrite, perm | wnr, RO_VA);
	check_eq("memory unchanged", *pa_word(RO_VA), 0x0ead0005);
	check_ctx("user: unaligned load, SCTLR.A set: ");
	check_eq("LR_abt = instruction + 8", aborts[4].lr,
		 (uint32_t)ut_unaligned + 8);
	check_eq("DFSR: alignment fault", aborts[4].dfsr & 0x80d,
		 FSR_ALIGNMENT);
	check_eq("FAR", aborts[4].far, USER_VA + 2);
	check_ctx("user: remap + TLB invalidate: ");
	check_eq("old mapping before", ures[UR_REMAP_OLD / 4], 0xaaaa0003);
	check_eq("new mapping after", ures[UR_REMAP_NEW / 4], 0xbbbb0004);
	remap_by_size();
	user_blocks(wnr);
	address_spaces();
	if (!wnr) { /* ARM926EJ-S: fine tables and tiny pages exist */
		tiny_pages();
		caches(); /* armpv-bm caches guest RAM on the ARM926 only */
	}
	return check_summary();
}
