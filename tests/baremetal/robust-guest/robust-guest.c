// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * robust-guest.c -- the robustness test guest: ordinary things a guest
 * kernel or user task may do, each of which once stopped armpv-bm or
 * hung it, checked against what the ARM926EJ-S / ARM1176 gives.
 *
 * 1. BKPT, in the kernel and in a user task (ARM and Thumb): the
 *    prefetch abort (ARM ARM A4.1.7), LR_abt = the BKPT + 4, SPSR_abt the
 *    CPSR at the BKPT, IFSR 0b00010 (debug event: ARMv6 B4.6; QEMU 7.2
 *    gives it on both CPUs), IFAR (ARM1176) as QEMU sets it.
 * 2. A Thumb load from a device page with SCTLR.A set, at an address
 *    that is not word aligned (kernel and user); on the ARM1176 with
 *    SCTLR.U set, one in the last halfword of a page whose next page
 *    the task has not run yet.
 * 3. ARM926 only (ARMv6 has no fine tables): a fine table maps the two
 *    first 1 KiB of TINY_VA to two frames, each in its place; LDM and
 *    STM of four words across the two.
 * 4. A user task's LDRT from a device page (in USR mode an ordinary
 *    user load, A4.1.24), its Thumb SWI (SWI exception, LR_svc = the
 *    SWI + 2, SPSR_svc with T), its Thumb loads from a device page.
 * 5. ARMv6 build only: the kernel writes TPIDRURO and a user task reads
 *    it with MRC (no trap on the ARM1176); the task writes TPIDRURW and
 *    the kernel reads it.
 * 8. CP15 maintenance, what armpv-bm's CP15 fast path takes: the cache
 *    operations of the CPU and the TLB invalidations by MVA from the
 *    kernel (no exception); on the ARM926 the test and clean to r15
 *    under each condition and flag value (Z set where the condition
 *    passes, the flags unchanged where it fails: ARM ARM A4.1.40) and
 *    into r3 (QEMU 7.2 runs it in User mode, TC_DCACHE PL0_R, so under
 *    armpv-bm on QEMU it never traps; on the silicon the core answers);
 *    MCRNE with Z set of an encoding neither CPU has and of a
 *    cache operation (no-ops: a coprocessor instruction whose condition
 *    fails takes no Undefined exception, so armpv-bm sees none); every
 *    such encoding from a user task (its Undefined instruction, LR_und
 *    the next word, SPSR_und USR; none for the three the ARM1176 lets
 *    User mode run); a Thumb UDF whose word, read as ARM, is an MCR the
 *    fast path takes (the task's Undefined instruction).
 *
 * The same program runs unrewritten in SVC natively on versatilepb and,
 * rewritten, under armpv-bm: tests/baremetal/robust.sh compares the
 * transcripts.
 */
#include "robust-guest.h"
#include "plat.h"
#include "tests.h"

#define SECT(pa, ap) ((pa) | (ap) << 10 | 0x10 | 0x2)
#define FINE(pa) ((pa) | 0x10 | 0x3)
#define TINY(pa, ap) ((pa) | (ap) << 4 | 0x3)
#define AP_USER_RW 3u
#define IFSR_DEBUG 0x2u
#define SCTLR_A 0x2u
#define SCTLR_U 0x400000u

uint32_t user_run(unsigned task, uint32_t r1);
void k_bkpt(void);
uint32_t cp15_read_midr(void);
uint32_t cp15_read_sctlr(void);
void cp15_write_sctlr(uint32_t v);
uint32_t cp15_read_ifar(void);
void cp15_write_tpidruro(uint32_t v);
uint32_t cp15_read_tpidruro(void);
uint32_t cp15_read_tpidrurw(void);
void mmu_enable(uint32_t *ttb, uint32_t dacr);
void tlb_invalidate_all(void);
void ldm4(uint32_t addr, uint32_t out[4]);
void stm4(uint32_t addr, const uint32_t in[4]);
extern volatile uint32_t uresult[8];
extern const uint16_t tstub_one[2], tstub_swi[2], tstub_bkpt[2],
	tstub_dev[14];
extern const char k_bkpt_insn[], ut_bkpt_arm_insn[];
extern const uint32_t ut_cp15_words[], ut_cp15_words_end[];
extern const uint16_t tstub_udf[3];
void k_cp15_common(uint32_t mva);
void k_cp15_v6(void);
void k_test_clean(uint32_t flags, uint32_t out[14]);
uint32_t k_test_clean_r3(void);
void k_cp15_cond_failed(void);
void und_c(uint32_t lr, uint32_t spsr);

static uint32_t ttb[4096] __attribute__((aligned(16384)));
static uint32_t fine[1024] __attribute__((aligned(4096)));
static int v6;

/* What the last prefetch abort or SWI showed the kernel. */
static volatile struct {
	unsigned n;
	uint32_t lr, spsr, fsr, ifar;
} pabt, swi;

uint32_t pabt_c(uint32_t lr, uint32_t spsr, uint32_t ifsr)
{
	pabt.n++;
	pabt.lr = lr;
	pabt.spsr = spsr;
	pabt.fsr = ifsr;
	pabt.ifar = v6 ? cp15_read_ifar() : 0;
	return spsr & PSR_T ? lr - 2 : lr;
}

/* The Undefined instructions taken since the last reset of und.n: the
 * first UND_MAX LR_und and SPSR_und. */
#define UND_MAX 32
static volatile struct {
	unsigned n;
	uint32_t lr[UND_MAX], spsr[UND_MAX];
} und;

void und_c(uint32_t lr, uint32_t spsr)
{
	if (und.n < UND_MAX) {
		und.lr[und.n] = lr;
		und.spsr[und.n] = spsr;
	}
	und.n++;
}

void swi_c(uint32_t lr, uint32_t spsr, uint32_t comment)
{
	swi.n++;
	swi.lr = lr;
	swi.spsr = spsr;
	swi.fsr = comment;
}

void robust_unexpected(uint32_t vec, uint32_t lr, uint32_t spsr)
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

/* 'n' halfwords of a Thumb stub to 'va'; returns va. */
static uint32_t stub_at(uint32_t va, const uint16_t *stub, unsigned n)
{
	volatile uint16_t *p = (volatile uint16_t *)va;

	for (unsigned i = 0; i < n; i++)
		p[i] = stub[i];
	return va;
}

static uint32_t thumb_call(uint32_t stub, uint32_t arg)
{
	return ((uint32_t(*)(uint32_t))(stub | 1))(arg);
}

static void check_pabt(const char *what, uint32_t bkpt, uint32_t mode,
		       uint32_t t)
{
	check_ctx(what);
	check_eq("one prefetch abort", pabt.n, 1);
	check_eq("LR_abt = BKPT + 4", pabt.lr, bkpt + 4);
	check_eq("SPSR_abt mode and T", pabt.spsr & (PSR_MODE_MASK | PSR_T),
		 mode | t);
	check_eq("IFSR: debug event", pabt.fsr, IFSR_DEBUG);
	if (v6)
		check_eq("IFAR as QEMU sets it (0)", pabt.ifar, 0);
	pabt.n = 0;
}

static void test_bkpt(void)
{
	uint32_t stub = stub_at(STUB_VA + 0x100, tstub_bkpt, 2);

	k_bkpt();
	check_pabt("bkpt: kernel ARM: ", (uint32_t)k_bkpt_insn, SVC_MODE, 0);
	user_run(UT_BKPT_ARM, 0);
	check_pabt("bkpt: user ARM: ", (uint32_t)ut_bkpt_arm_insn, USR_MODE,
		   0);
	user_run(UT_BKPT_THUMB, stub);
	check_pabt("bkpt: user Thumb: ", stub, USR_MODE, PSR_T);
}

/* Thumb LDR from UART0's PeriphID0 at a halfword (not word) address,
 * SCTLR.A set, by the kernel and by a user task. */
static void test_thumb_aligned(void)
{
	uint32_t sctlr = cp15_read_sctlr();
	uint32_t stub = stub_at(STUB_VA + 0x202, tstub_one, 2);

	cp15_write_sctlr(sctlr | SCTLR_A);
	check_ctx("thumb, SCTLR.A set: ");
	check_eq("kernel LDR at pc 2 mod 4", thumb_call(stub, UART0_ID), 0x11);
	user_run(UT_THUMB_ONE, stub);
	check_eq("user LDR at pc 2 mod 4", uresult[0], 0x11);
	cp15_write_sctlr(sctlr);
}

static void test_thumb_page_end(void)
{
	uint32_t sctlr = cp15_read_sctlr(), stub;

	/* ARMv6 U: the LDR in a page's last halfword, its BX LR the next
	 * page's first, which nothing has run yet and, after the TLB
	 * invalidation, no access has touched (under armpv-bm: no shadow
	 * entry). */
	stub = stub_at(STUB_VA + 0x1ffe, tstub_one, 2);
	cp15_write_sctlr(sctlr | SCTLR_U);
	check_ctx("thumb, SCTLR.U set: ");
	tlb_invalidate_all();
	user_run(UT_THUMB_ONE, stub);
	check_eq("user LDR in a page's last halfword", uresult[0], 0x11);
	stub = stub_at(STUB_VA + 0x3ffe, tstub_one, 2);
	tlb_invalidate_all();
	check_eq("kernel LDR in a page's last halfword",
		 thumb_call(stub, UART0_ID), 0x11);
	cp15_write_sctlr(sctlr);
}

static void test_user_ldrt(void)
{
	check_ctx("user LDRT: ");
	user_run(UT_LDRT, UART0_ID);
	check_eq("loads UART0 PeriphID0", uresult[0], 0x11);
	check_eq("writes back the base", uresult[1], UART0_ID + 4);
}

static void test_user_thumb(void)
{
	uint32_t stub = stub_at(STUB_VA + 0x400, tstub_swi, 2);

	check_ctx("user Thumb SWI: ");
	user_run(UT_THUMB_SWI, stub);
	check_eq("one SWI", swi.n, 1);
	check_eq("LR_svc = SWI + 2", swi.lr, stub + 2);
	check_eq("SPSR_svc = USR, T, C",
		 swi.spsr & (0xf0000000u | PSR_MODE_MASK | PSR_T),
		 PSR_C | USR_MODE | PSR_T);
	check_eq("comment field", swi.fsr, THUMB_SWI);

	stub = stub_at(STUB_VA + 0x500, tstub_dev, 14);
	check_ctx("user Thumb loads from UART0: ");
	user_run(UT_THUMB_DEV, stub);
	check_eq("LDR PeriphID0", uresult[0], 0x11);
	check_eq("LDRB PeriphID1", uresult[1], 0x10);
	check_eq("LDRH PeriphID2", uresult[2], 0x14);
	check_eq("LDR [Rn, Rm] PeriphID3", uresult[3], 0x00);
	check_eq("LDMIA first", uresult[4], 0x11);
	check_eq("LDMIA second", uresult[5], 0x10);
	check_eq("LDMIA writeback", uresult[6], UART0_ID + 8);
}

/* ARM926: two tiny pages of two frames in one 4 KiB page. */
static void test_tiny(void)
{
	volatile uint32_t *a = (volatile uint32_t *)FRAME_A;
	volatile uint32_t *b = (volatile uint32_t *)FRAME_B;
	uint32_t w[4], in[4] = { 0x7100a3f8, 0x7100a3fc, 0x7100b400,
				 0x7100b404 };

	a[0x3f8 / 4] = 0xa00003f8;
	a[0x3fc / 4] = 0xa00003fc;
	a[0x400 / 4] = 0xdead0400; /* frame A's second 1 KiB: not mapped */
	b[0x3fc / 4] = 0xdeadb3fc;
	b[0x400 / 4] = 0xb0000400;
	b[0x404 / 4] = 0xb0000404;
	ttb[TINY_VA >> 20] = FINE((uint32_t)fine);
	fine[0] = TINY(FRAME_A, AP_USER_RW);
	fine[1] = TINY(FRAME_B + 0x400, AP_USER_RW);
	check_ctx("tiny pages of two frames: ");
	ldm4(TINY_VA + 0x3f8, w);
	check_eq("LDM word 0 (frame A)", w[0], 0xa00003f8);
	check_eq("LDM word 1 (frame A)", w[1], 0xa00003fc);
	check_eq("LDM word 2 (frame B)", w[2], 0xb0000400);
	check_eq("LDM word 3 (frame B)", w[3], 0xb0000404);
	stm4(TINY_VA + 0x3f8, in);
	check_eq("STM word 0 in frame A", a[0x3f8 / 4], in[0]);
	check_eq("STM word 1 in frame A", a[0x3fc / 4], in[1]);
	check_eq("STM word 2 in frame B", b[0x400 / 4], in[2]);
	check_eq("STM word 3 in frame B", b[0x404 / 4], in[3]);
	check_eq("frame A's second 1 KiB untouched", a[0x400 / 4],
		 0xdead0400);
	check_eq("frame B's first 1 KiB untouched", b[0x3fc / 4],
		 0xdeadb3fc);
}

#ifdef KERN_V6
static void test_tpidr(void)
{
	check_ctx("thread ID: ");
	cp15_write_tpidruro(0x7ead0001);
	check_eq("kernel reads back TPIDRURO", cp15_read_tpidruro(),
		 0x7ead0001);
	user_run(UT_TPIDR, 0x7ead0002);
	check_eq("user reads TPIDRURO", uresult[0], 0x7ead0001);
	check_eq("user reads back TPIDRURW", uresult[1], 0x7ead0002);
	check_eq("kernel reads the user's TPIDRURW", cp15_read_tpidrurw(),
		 0x7ead0002);
	cp15_write_tpidruro(0x7ead0003);
	user_run(UT_TPIDR, 0x7ead0004);
	check_eq("user reads the new TPIDRURO", uresult[0], 0x7ead0003);
	check_eq("kernel reads the new TPIDRURW", cp15_read_tpidrurw(),
		 0x7ead0004);
}
#endif

/* ARM ARM A3.2.1, Table A3-1: does condition 'cond' (0-13) pass with
 * N Z C V = 'f' (bits 3:0)? */
static int cond_passes(unsigned cond, unsigned f)
{
	int n = f >> 3 & 1, z = f >> 2 & 1, c = f >> 1 & 1, v = f & 1;
	int pass;

	switch (cond >> 1) {
	case 0: pass = z; break;		/* EQ, NE */
	case 1: pass = c; break;		/* CS, CC */
	case 2: pass = n; break;		/* MI, PL */
	case 3: pass = v; break;		/* VS, VC */
	case 4: pass = c && !z; break;		/* HI, LS */
	case 5: pass = n == v; break;		/* GE, LT */
	default: pass = !z && n == v; break;	/* GT, LE */
	}
	return cond & 1 ? !pass : pass;
}

/* The ARM1176 lets User mode flush the prefetch buffer, drain the write
 * buffer (DSB) and DMB (1176 TRM 3.2.22, Table 3-71). */
static int user_permitted(uint32_t word)
{
	return v6 && (word == 0xee070f95 || word == 0xee070f9a ||
		      word == 0xee070fba);
}

static void test_cp15(void)
{
	uint32_t stub = stub_at(STUB_VA + 0x600, tstub_udf, 3);
	unsigned nwords = (unsigned)(ut_cp15_words_end - ut_cp15_words), k;
	uint32_t out[14], bad = 0;

	check_ctx("cp15 maintenance: kernel: ");
	und.n = 0;
	k_cp15_common(STUB_VA + 0x7000);
	if (v6)
		k_cp15_v6();
	k_cp15_cond_failed();
	check_eq("no Undefined instruction", und.n, 0);
	if (!v6) {
		for (unsigned f = 0; f < 16; f++) {
			k_test_clean(f << 28, out);
			for (unsigned c = 0; c < 14; c++)
				bad += out[c] != (cond_passes(c, f) ? 0x4u : f);
		}
		check_eq("test and clean to r15: flags wrong (of 14 conditions "
			 "x 16 flag values)", bad, 0);
		check_eq("test, clean and invalidate to r3: Z, flags kept",
			 k_test_clean_r3(), 0x40000000u | 0xb);
	}

	check_ctx("cp15 maintenance: user: ");
	und.n = 0;
	user_run(UT_CP15, 0);
	k = 0;
	bad = 0;
	for (unsigned i = 0; i < nwords; i++) {
		if (user_permitted(ut_cp15_words[i]))
			continue;
		if (k < UND_MAX &&
		    (und.lr[k] != (uint32_t)&ut_cp15_words[i + 1] ||
		     (und.spsr[k] & (PSR_MODE_MASK | PSR_T)) != USR_MODE))
			bad++;
		k++;
	}
	check_eq("Undefined instructions", und.n, k);
	check_eq("of those with LR_und or SPSR_und wrong", bad, 0);

	check_ctx("cp15 maintenance: user Thumb UDF: ");
	und.n = 0;
	user_run(UT_THUMB_UDF, stub);
	check_eq("one Undefined instruction", und.n, 1);
	check_eq("LR_und = UDF + 2", und.lr[0], stub + 4);
	check_eq("SPSR_und = USR, T", und.spsr[0] & (PSR_MODE_MASK | PSR_T),
		 USR_MODE | PSR_T);
}

int kmain(void)
{
	v6 = ((cp15_read_midr() >> 4) & 0xfff) == 0xb76;
	put_str("# armpv robustness test guest\n");
	for (uint32_t mb = 0; mb < 4; mb++)
		ttb[mb] = SECT(mb << 20, AP_USER_RW);
	ttb[BOARD_UART0_MB >> 20] = SECT(BOARD_UART0_MB, AP_USER_RW);
	mmu_enable(ttb, 0x1);
#ifndef ROBUST_ONLY /* -DROBUST_ONLY=n: only test n (reproducing one) */
#define ROBUST_ONLY 0
#endif
	if (ROBUST_ONLY == 0 || ROBUST_ONLY == 1)
		test_bkpt();
	if (ROBUST_ONLY == 0 || ROBUST_ONLY == 2)
		test_thumb_aligned();
	if (v6 && (ROBUST_ONLY == 0 || ROBUST_ONLY == 6))
		test_thumb_page_end();
	if (!v6 && (ROBUST_ONLY == 0 || ROBUST_ONLY == 3))
		test_tiny();
	if (ROBUST_ONLY == 0 || ROBUST_ONLY == 4)
		test_user_ldrt();
	if (ROBUST_ONLY == 0 || ROBUST_ONLY == 7)
		test_user_thumb();
#ifdef KERN_V6
	if (ROBUST_ONLY == 0 || ROBUST_ONLY == 5)
		test_tpidr();
#endif
	if (ROBUST_ONLY == 0 || ROBUST_ONLY == 8)
		test_cp15();
	return check_summary();
}
