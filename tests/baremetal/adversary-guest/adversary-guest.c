// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * adversary-guest.c -- the adversarial test guest (issue 6): a kernel
 * with its own translation tables and vectors whose user task tries to
 * break out, and which checks that every attempt gets exactly what real
 * hardware gives a user task.
 *
 * 1. Memory the monitor owns (armpv-bm, docs/baremetal-monitor.md
 *    "Memory map"): its image (0xffa10000), its window onto guest RAM
 *    (0xffb00000), its vector page (0xffff0000), its devices (the
 *    interrupt controller and the timer it keeps for itself, UART0:
 *    adversary-guest.h MON_DEV_*), and guest physical addresses the
 *    guest's tables do not map.  In the guest's view each is unmapped or
 *    kernel only, so each read or write is the guest's data abort with the
 *    DFSR and FAR of its own tables: translation fault, section 0b0101 or
 *    page 0b0111 with the domain, permission fault, page 0b1111 (ARM ARM
 *    DDI 0100I B4.6; the domain of a section translation fault is not
 *    valid, so only the status is compared), LR_abt = the instruction + 8
 *    and SPSR_abt = the CPSR at the access (A2.6.5); the ARM1176 adds
 *    DFSR[11] WnR for a write (ARM1176 TRM 3.2.21).  The kernel (SVC)
 *    probes some of them too.
 * 2. Physical page 0, the guest's own vector page: kernel only at VA 0
 *    (a user access is a permission fault), and user read/write through
 *    an alias the kernel maps: the user task's write lands in the guest's
 *    own page 0 (under armpv-bm guest physical 0, never the real
 *    vectors).
 * 3. Forged trap words: the SWI and coprocessor words armpv-rewrite
 *    would put in place of MSR, MRS, CPS, SRS, LDM^, MOVS pc, LDRT, STM^,
 *    the hypercalls, and real CP15 MCR/MRC and an undefined word,
 *    executed by the user task.  On hardware they are plain SWIs and
 *    Undefined instructions (A2.6.3, A2.6.4): the kernel takes its SWI
 *    exception with LR_svc = the word + 4, SPSR_svc = the user CPSR, or
 *    its Undefined exception likewise, and the task goes on in USR with
 *    its registers and flags.  A word whose condition fails does nothing.
 *
 * The same program runs unrewritten in SVC natively on versatilepb and,
 * rewritten, under armpv-bm: tests/baremetal/adversary.sh compares the
 * transcripts.  Built with -DADV_HIGH_VECTORS it maps its own page at
 * VA 0xffff0000 instead and writes it (a refusal under armpv-bm today:
 * "guest maps VA ffff0000 over the monitor").
 */
#include "adversary-guest.h"
#include "plat.h"
#include "tests.h"

#define SECT(pa, ap, dom) \
	((pa) | (ap) << 10 | (dom) << 5 | 0x10 | 0x2)
#define COARSE(pa, dom) ((pa) | (dom) << 5 | 0x10 | 0x1)
#define SMALL(pa, ap) ((pa) | (ap) * 0x55u << 4 | 0x2)
#define AP_KERN 1u
#define AP_USER_RW 3u
#define FSR_TRANS_SECTION 0x5u
#define FSR_TRANS_PAGE 0x7u
#define FSR_PERM_PAGE 0xfu
#define FSR_DOMAIN(d) ((uint32_t)(d) << 4)
#define FSR_WNR 0x800u
#define FSR_NO_DOMAIN 0x80fu /* status and WnR: section translation */
#define FSR_ALL 0x8ffu
#define EXC_NONE 0u
#define EXC_UNDEF 1u
#define EXC_SWI 2u

void user_task(void);
void user_run(void (*fn)(void), uint32_t *sp);
uint32_t k_read(uint32_t addr);
void k_write(uint32_t addr, uint32_t v);
void tlb_invalidate_all(void);
uint32_t cp15_read_midr(void);
uint32_t cp15_read_sctlr(void);
void mmu_enable(uint32_t *ttb, uint32_t dacr);
extern uint32_t user_stack_top[];
extern volatile uint32_t ures[NPROBES], fres[NFORGED], alias_read;
extern const uint32_t forged_sites[NFORGED];
extern const char ut_read[], ut_write[], ut_final[], k_read_insn[],
	k_write_insn[];

/* Read by the user task: address, write?; then what to expect. */
struct probe {
	uint32_t addr, write, fsr, mask;
};
#define RD 0u
#define WR 1u
#define SECT_TRANS FSR_TRANS_SECTION, FSR_NO_DOMAIN
#define PAGE_TRANS(d) (FSR_TRANS_PAGE | FSR_DOMAIN(d)), FSR_ALL
#define PAGE_PERM(d) (FSR_PERM_PAGE | FSR_DOMAIN(d)), FSR_ALL
#if MON_DEV_SECTION
#define MON_DEV_TRANS SECT_TRANS
#else
#define MON_DEV_TRANS PAGE_TRANS(0)
#endif
const struct probe probes[NPROBES] = {
	{ 0xffa10000u, RD, SECT_TRANS },	 /* monitor image */
	{ 0xffa10000u, WR, SECT_TRANS },
	{ 0xffb00000u, RD, SECT_TRANS },	 /* monitor's window onto RAM */
	{ 0xffff0000u, RD, PAGE_TRANS(HIGH_DOMAIN) }, /* monitor vectors */
	{ 0xffff0000u, WR, PAGE_TRANS(HIGH_DOMAIN) },
	{ MON_DEV_RD, RD, MON_DEV_TRANS },	 /* monitor's timer */
	{ MON_DEV_WR, WR, MON_DEV_TRANS },	 /* its interrupts */
	{ UART0_VA + 0x18, RD, PAGE_PERM(0) },	 /* UART0, kernel only */
	{ UART0_VA, WR, PAGE_PERM(0) },
	{ 0x00300000u, RD, SECT_TRANS },	 /* guest RAM, unmapped */
	{ 0x01000000u, WR, SECT_TRANS },	 /* host PA of guest RAM */
	{ 0x00000014u, WR, PAGE_PERM(0) },	 /* own vectors, kernel only */
	{ 0x00000000u, RD, PAGE_PERM(0) },
};
static const char *const probe_names[NPROBES] = {
	"read monitor image 0xffa10000",
	"write monitor image 0xffa10000",
	"read monitor RAM window 0xffb00000",
	"read vector page 0xffff0000",
	"write vector page 0xffff0000",
	"read " MON_DEV_RD_NAME,
	"write " MON_DEV_WR_NAME,
	"read " UART0_FR_NAME " (kernel only)",
	"write " UART0_DR_NAME " (kernel only)",
	"read unmapped guest RAM 0x00300000",
	"write unmapped 0x01000000",
	"write own vectors 0x14 (kernel only)",
	"read own vectors 0x0 (kernel only)",
};

static const struct {
	uint32_t word, exc;
	const char *name;
} forged[NFORGED] = {
	{ 0xef0210d3, EXC_SWI, "MSR CPSR_c, #0xd3 (ef0210d3)" },
	{ 0xef000100, EXC_SWI, "MRS r0, CPSR (ef000100)" },
	{ 0xef000913, EXC_SWI, "CPS #0x13 (ef000913)" },
	{ 0xef0011b3, EXC_SWI, "SRSDB sp!, #0x13 (ef0011b3)" },
	{ 0xefde8000, EXC_SWI, "LDMIA sp!, {pc}^ (efde8000)" },
	{ 0xef26800e, EXC_SWI, "MOVS pc, lr (ef26800e)" },
	{ 0xef280000, EXC_SWI, "hypercall exit (ef280000)" },
	{ 0xef280001, EXC_SWI, "hypercall putc (ef280001)" },
	{ 0xeec40404, EXC_UNDEF, "LDRT r0, [r1], #4 (eec40404)" },
	{ 0xed440403, EXC_UNDEF, "STMIA r1, {r0, r1}^ (ed440403)" },
	{ 0xee020f10, EXC_UNDEF, "MCR p15 TTBR0 (ee020f10)" },
	{ 0xee110f10, EXC_UNDEF, "MRC p15 SCTLR (ee110f10)" },
	{ 0xe7f000f0, EXC_UNDEF, "undefined (e7f000f0)" },
	{ 0x0f0210d3, EXC_NONE, "MSREQ CPSR_c, #0xd3, Z clear (0f0210d3)" },
};

static uint32_t ttb[4096] __attribute__((aligned(16384)));
static uint32_t l2_low[256] __attribute__((aligned(1024)));
static uint32_t l2_user[256] __attribute__((aligned(1024)));
static uint32_t l2_io[256] __attribute__((aligned(1024)));
static uint32_t l2_high[256] __attribute__((aligned(1024)));

#define MAX_RECS 24
static struct {
	uint32_t lr, spsr, dfsr, far;
} aborts[MAX_RECS];
static struct {
	uint32_t vec, lr, spsr;
} excs[MAX_RECS];
static volatile unsigned naborts, nexcs;

static uint32_t l2_index(uint32_t va)
{
	return (va >> 12) & 0xff;
}

/* A data abort: record it, skip the instruction (LR - 4). */
uint32_t dabt_c(uint32_t lr, uint32_t spsr, uint32_t dfsr, uint32_t far)
{
	if (naborts < MAX_RECS) {
		aborts[naborts].lr = lr;
		aborts[naborts].spsr = spsr;
		aborts[naborts].dfsr = dfsr;
		aborts[naborts].far = far;
	}
	naborts++;
	return lr - 4;
}

/* An SWI (not SYS_DONE) or Undefined instruction from the user task. */
void exc_c(uint32_t vec, uint32_t lr, uint32_t spsr)
{
	if (nexcs < MAX_RECS) {
		excs[nexcs].vec = vec;
		excs[nexcs].lr = lr;
		excs[nexcs].spsr = spsr;
	}
	nexcs++;
}

void adv_unexpected(uint32_t vec, uint32_t lr, uint32_t spsr)
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
	unsigned i;

	ttb[0] = COARSE((uint32_t)l2_low, 0);
	l2_low[0] = SMALL(0x0u, AP_KERN);
	for (i = 1; i < 256; i++)
		l2_low[i] = SMALL(i << 12, AP_USER_RW);
	ttb[PAGES_PA >> 20] = SECT(PAGES_PA, AP_KERN, 0);
	ttb[USER_VA >> 20] = COARSE((uint32_t)l2_user, TEST_DOMAIN);
	l2_user[l2_index(USER_VA)] = SMALL(PAGES_PA, AP_USER_RW);
	l2_user[l2_index(ALIAS0_VA)] = SMALL(0x0u, AP_USER_RW);
	ttb[UART0_VA >> 20] = COARSE((uint32_t)l2_io, 0);
	l2_io[l2_index(UART0_VA)] = SMALL(UART0_VA, AP_KERN);
	ttb[0xfff] = COARSE((uint32_t)l2_high, HIGH_DOMAIN);
#ifdef ADV_HIGH_VECTORS
	l2_high[l2_index(0xffff0000u)] = SMALL(HIGHVEC_PA, AP_USER_RW);
#endif
}

static void check_abort(unsigned i, const char *insn, uint32_t mode,
			uint32_t fsr, uint32_t mask, uint32_t far)
{
	check_eq("LR_abt = instruction + 8", aborts[i].lr, (uint32_t)insn + 8);
	check_eq("SPSR_abt mode", aborts[i].spsr & PSR_MODE_MASK, mode);
	check_eq("DFSR", aborts[i].dfsr & mask, fsr);
	check_eq("FAR", aborts[i].far, far);
}

#ifdef ADV_HIGH_VECTORS
/* The guest's own page at 0xffff0000 (where a Linux guest has its vector
 * page and kuser helpers): the kernel writes it and reads the frame. */
static int high_vectors(void)
{
	check_ctx("high vectors: ");
	k_write(0xffff0000u, 0x7ec70001);
	check_eq("no abort", naborts, 0);
	check_eq("the kernel's write reached its frame",
		 *(volatile uint32_t *)HIGHVEC_PA, 0x7ec70001);
	return check_summary();
}
#endif

static void kernel_probes(uint32_t wnr)
{
	check_ctx("kernel: read monitor image 0xffa10000: ");
	check_eq("load skipped", k_read(0xffa10000u), MARK);
	check_abort(0, k_read_insn, SVC_MODE, SECT_TRANS, 0xffa10000u);
	check_ctx("kernel: write vector page 0xffff0000: ");
	k_write(0xffff0000u, 0x7ec70002);
	check_abort(1, k_write_insn, SVC_MODE,
		    FSR_TRANS_PAGE | FSR_DOMAIN(HIGH_DOMAIN) | wnr, FSR_ALL,
		    0xffff0000u);
	check_ctx("kernel: read " MON_DEV_RD_NAME ": ");
	check_eq("load skipped", k_read(MON_DEV_RD), MARK);
	check_abort(2, k_read_insn, SVC_MODE, MON_DEV_TRANS, MON_DEV_RD);
	check_ctx("kernel: write 0x01000000: ");
	k_write(0x01000000u, 0x7ec70003);
	check_abort(3, k_write_insn, SVC_MODE, FSR_TRANS_SECTION | wnr,
		    FSR_NO_DOMAIN, 0x01000000u);
	check_ctx("kernel: ");
	check_eq("4 data aborts", naborts, 4);
}

int kmain(void)
{
	/* WnR exists on the ARM1176 (MIDR part 0xb76) only. */
	uint32_t wnr = ((cp15_read_midr() >> 4) & 0xfff) == 0xb76 ? FSR_WNR : 0;
	uint32_t vec14 = k_read(0x14); /* page 0: no C pointer */
	unsigned i;

	put_str("# armpv adversarial test guest\n");
	setup_tables();
	mmu_enable(ttb, ADV_DACR);
#ifdef ADV_HIGH_VECTORS
	return high_vectors();
#endif
	check_ctx("mmu: ");
	check_eq("SCTLR.M set, V clear", cp15_read_sctlr() & 0x2001, 1);
	kernel_probes(wnr);

	naborts = 0;
	user_run(user_task, user_stack_top);

	check_ctx("user: ");
	check_eq("data aborts", naborts, NPROBES + 1);
	for (i = 0; i < NPROBES; i++) {
		const struct probe *p = &probes[i];

		check_ctx("user: ");
		check_ctx_append(probe_names[i]);
		check_ctx_append(": ");
		check_abort(i, p->write ? ut_write : ut_read, USR_MODE,
			    p->fsr | (p->write ? wnr : 0), p->mask, p->addr);
		if (!p->write)
			check_eq("load skipped", ures[i], MARK);
	}
	check_ctx("user: alias of physical page 0: ");
	check_eq("reads the guest's own reset vector", alias_read,
		 k_read(0));
	check_eq("its write reached the guest's page 0", k_read(0x14),
		 0x5eed0014);
	k_write(0x14, vec14);

	check_ctx("user: forged words: ");
	check_eq("exceptions taken", nexcs, NFORGED - 1);
	for (i = 0; i < NFORGED; i++) {
		const uint32_t *site = (const uint32_t *)forged_sites[i];

		check_ctx("user: forged ");
		check_ctx_append(forged[i].name);
		check_ctx_append(": ");
		check_eq("word in place (not rewritten)", *site,
			 forged[i].word);
		check_eq("r0 unchanged", fres[i], MARK);
		if (forged[i].exc == EXC_NONE)
			continue;
		check_eq(forged[i].exc == EXC_SWI ? "SWI exception"
						   : "Undefined exception",
			 excs[i].vec, forged[i].exc);
		check_eq("LR = word + 4", excs[i].lr, (uint32_t)site + 4);
		check_eq("SPSR = the user CPSR", excs[i].spsr,
			 USR_MODE | USER_FLAGS);
	}
	check_ctx("user: after the forged words: ");
	check_abort(NPROBES, ut_final, USR_MODE, PAGE_PERM(0), 0);
	check_eq("SPSR_abt = the user CPSR", aborts[NPROBES].spsr,
		 USR_MODE | USER_FLAGS);
	return check_summary();
}
