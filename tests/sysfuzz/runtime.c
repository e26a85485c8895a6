/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runtime.c -- the whole-system fuzzer's guest runtime, C half: the
 * translation tables the seed chose (gen.py's fz_* data), the scratch
 * memory's contents, the steps in turn and after each the digest that
 * the native and the armpv-bm runs are compared on (docs/fuzzing.md).
 *
 * Transcript (every line compared; nothing depends on time):
 *
 *   sysfuzz seed S cpu C steps N
 *   step I cpsr r0 .. r12                      (the step's end)
 *   bank I usr sp lr fiq r8..r14 spsr irq .. svc sp lr spsr
 *   cp15 I sctlr ttbr0 dacr dfsr ifsr far [ifar ctxid tpidr x3]
 *   exc I vec cpsr lr spsr fsr far              (each, in order)
 *   mem I sum0 sum1 sum2 sum3                   (the scratch windows)
 *   sysfuzz end
 */
#include <stdint.h>

#include "kern.h"
#include "guest-board.h"
#include "sysfuzz.h"

#ifdef KERN_V6
#define FZ_CP15_WORDS 11
#else
#define FZ_CP15_WORDS 6
#endif
#define FZ_BANK_WORDS 25

/*
 * The PSR bits a transcript shows: on ARMv5 all but bit 8, which QEMU's
 * ARM926 sets at reset and on exception entry as ARMv6's A bit, where
 * ARMv5 has it reserved (ARM ARM A2.5: deviation "arm926-psr-a",
 * docs/fuzzing.md); armpv-bm keeps it clear.
 */
#ifdef KERN_V6
#define FZ_PSR_SHOWN 0xffffffffu
#else
#define FZ_PSR_SHOWN 0xfffffeffu
#endif
/* The SPSRs among fz_read_banks' words. */
static const unsigned char bank_spsr[] = {9, 12, 15, 18, 21, 24};

/* From the generated guest (gen.py). */
extern const uint32_t fz_seed, fz_nsteps, fz_dacr0, fz_sctlr_set;
extern const uint32_t fz_fcse_pid;
/* The scratch frames' physical base (FZ_SCRATCH_PA or, for a
 * supersection, FZ_SUPER_PA) and the number of first-level entries
 * fz_l1 holds from FZ_SCRATCH_VA on (4, or 16: a supersection). */
extern const uint32_t fz_scratch_pa, fz_nl1;
extern const uint32_t fz_l1[];
extern const uint32_t fz_l2[]; /* (mib, index, descriptor) triples */
extern const uint32_t fz_nl2;
extern const uint32_t fz_regs0[FZ_STEP_WORDS];
extern void (*const fz_steps[])(void);
extern const char fz_cpu[];

/* start.S */
void plat_exit(int status) __attribute__((noreturn));
void plat_putc(int c);
void fz_run_step(void (*code)(void));
void fz_read_banks(uint32_t *out);
void fz_read_cp15(uint32_t *out);
void fz_mmu_on(uint32_t ttb, uint32_t dacr, uint32_t sctlr_set);
extern const uint32_t vectors[16]; /* guest-start.h guest_vectors */

/* Where a step's branch to a scratch address that cannot be fetched
 * resumes after its prefetch abort (gen.py pabt), 0 when none is due. */
uint32_t fz_resume;

struct fz_exc {
	uint32_t vec, cpsr, lr, spsr, fsr, far, pad;
};
_Static_assert(sizeof(struct fz_exc) == FZ_EXC_WORDS * 4, "fz_exc");

uint32_t fz_regs[FZ_STEP_WORDS]; /* CPSR, r0-r12: start.S */
#ifndef BOARD_BCM2835
/* The PL190 VIC (identity-mapped with UART0's MiB). */
static volatile uint32_t *const vic = (volatile uint32_t *)0x10140000;
#define VIC_SOFTINTCLEAR 0x1c
#else
/* The system timer (identity-mapped: its MiB). */
static volatile uint32_t *const systmr = (volatile uint32_t *)SYSTMR_BASE;
#endif
static struct fz_exc fz_exc[FZ_EXC_MAX];
static uint32_t fz_nexc;
static uint32_t fz_step;

static void put_str(const char *s)
{
	while (*s)
		plat_putc(*s++);
}

static void put_hex(uint32_t v)
{
	plat_putc(' ');
	for (int i = 28; i >= 0; i -= 4)
		plat_putc("0123456789abcdef"[(v >> i) & 0xf]);
}

static void put_dec(uint32_t v)
{
	char buf[11];
	int n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		plat_putc(buf[--n]);
}

static void put_head(const char *what)
{
	put_str(what);
	plat_putc(' ');
	put_dec(fz_step);
}

static void __attribute__((noreturn)) fz_fatal(const char *why)
{
	put_str("sysfuzz fatal: ");
	put_str(why);
	put_str(" in step ");
	put_dec(fz_step);
	put_str("\n");
	plat_exit(1);
}

static void put_exc(void)
{
	for (unsigned e = 0; e < fz_nexc; e++) {
		const uint32_t *x = &fz_exc[e].vec;

		put_head("exc");
		for (unsigned i = 0; i < 6; i++)
			put_hex(x[i]);
		put_str("\n");
	}
	fz_nexc = 0;
}

/*
 * A fault address as a VA: under an FCSE PID QEMU 7.2 reports the VA in
 * FAR and IFAR, the ARM926EJ-S and ARM1176 the modified VA (ARM926EJ-S
 * TRM 2.3.7, ARM1176JZF-S TRM 3.2.26, 3.2.27; deviation "fcse-far",
 * docs/fuzzing.md), which armpv-bm gives: an address in the seed's
 * PID's 32 MiB is shown less PID << 25.
 */
static uint32_t fz_va(uint32_t a)
{
	return a >> 25 == fz_fcse_pid ? a - (fz_fcse_pid << 25) : a;
}

/*
 * fz_record: an exception's handler (start.S) reports what it received;
 * returns where to resume: after the instruction that took it (an
 * Undefined instruction or SWI: LR; a BKPT's prefetch abort: LR less
 * the Thumb halfword, LR_abt being the BKPT + 4 in both states; a data
 * abort: the aborted instruction + 4 or + 2, LR_abt being it + 8; ARM
 * ARM A2.6).  Anything else ends the run: the steps cause no other.
 */
uint32_t fz_record(uint32_t vec, uint32_t lr, uint32_t spsr, uint32_t fsr,
		   uint32_t far, uint32_t cpsr)
{
	uint32_t thumb = spsr & PSR_T;

	if (fz_nexc == FZ_EXC_MAX) {
		put_exc(); /* what looped */
		fz_fatal("too many exceptions");
	}
	if (vec == 3 || vec == 4)
		far = fz_va(far);
#ifdef KERN_V6
	/* ARM1176 IFSR[7:4] are UNP/SBZ (TRM 3.2.19), where QEMU 7.2
	 * writes a prefetch abort's domain (deviation
	 * "arm1176-ifsr-domain", docs/fuzzing.md): not shown. */
	if (vec == 3)
		fsr &= ~0xf0u;
#endif
	fz_exc[fz_nexc++] = (struct fz_exc){vec, cpsr & FZ_PSR_SHOWN, lr,
					    spsr & FZ_PSR_SHOWN, fsr, far, 0};
	switch (vec) {
	case 1:
		return lr;
	case 2:
		/* The end of a user excursion: resume in SVC (bit 0 tells
		 * the handler, start.S). */
		if (!thumb && (*(const uint32_t *)(lr - 4) & 0xffffff) ==
				      FZ_SWI_KERNEL)
			return lr | 1;
		return lr;
	case 3:
		if ((fsr & 0x40f) != 0x2) {
			/* A step's branch to an address that aborts: to its
			 * label, in ARM state (bit 0 tells the handler,
			 * start.S, to clear SPSR.T). */
			uint32_t to = fz_resume;

			if (!to)
				fz_fatal("prefetch abort not a debug event");
			fz_resume = 0;
			return to | 1;
		}
		return thumb ? lr - 2 : lr;
	case 4:
		return thumb ? lr - 6 : lr - 4;
#ifndef BOARD_BCM2835
	case 6:
	case 7:
		/* An interrupt a step raised at the VIC (gen.py irq): fsr
		 * and far say VICIRQSTATUS or VICFIQSTATUS and VICRAWINTR;
		 * the soft interrupts are cleared.  LR is the next
		 * instruction + 4 in both states. */
		fz_exc[fz_nexc - 1].fsr = vic[vec == 6 ? 0 : 1];
		fz_exc[fz_nexc - 1].far = vic[2];
		vic[VIC_SOFTINTCLEAR / 4] = ~0u;
		return lr - 4;
#else
	case 6:
	case 7:
		/* A system timer compare a step raised (fz_raise_irq or
		 * _fiq): its match acknowledged, compare 1 for the IRQ, 3
		 * for the FIQ.  Nothing of the devices' state is recorded:
		 * CS and the pending registers say when the other compare
		 * matched, a matter of time. */
		systmr[SYSTMR_CS / 4] = SYSTMR_CS_M(vec == 6 ? 1 : 3);
		return lr - 4;
#endif
	default:
		fz_fatal("unexpected exception");
	}
}

/* Scratch MiB i's frame, physical (identity-mapped). */
static uint32_t scratch_pa(unsigned i)
{
	return fz_scratch_pa + i * 0x100000u;
}

/* The checksum of scratch MiB i's window, read through its identity
 * map: FNV-1a over its words. */
static uint32_t window_sum(unsigned i)
{
	const volatile uint32_t *p =
		(const volatile uint32_t *)scratch_pa(i);
	uint32_t h = 2166136261u;

	for (unsigned n = 0; n < FZ_WINDOW / 4; n++)
		h = (h ^ p[n]) * 16777619u;
	return h;
}

static void digest(void)
{
	uint32_t w[FZ_BANK_WORDS];

	fz_regs[0] &= FZ_PSR_SHOWN;
	put_head("step");
	for (unsigned i = 0; i < FZ_STEP_WORDS; i++)
		put_hex(fz_regs[i]);
	put_str("\n");
	fz_read_banks(w);
	for (unsigned i = 0; i < sizeof(bank_spsr); i++)
		w[bank_spsr[i]] &= FZ_PSR_SHOWN;
	put_head("bank");
	for (unsigned i = 0; i < FZ_BANK_WORDS; i++)
		put_hex(w[i]);
	put_str("\n");
	fz_read_cp15(w);
#ifndef KERN_V6
	/* SCTLR: bits 19:18 are QEMU's ARM926 reset value, not the
	 * ARM926EJ-S's (deviation "arm926-sctlr", docs/fuzzing.md). */
	w[0] &= ~0xc0000u;
#endif
	w[5] = fz_va(w[5]); /* FAR */
#ifdef KERN_V6
	w[4] &= ~0xf0u; /* IFSR[7:4]: "arm1176-ifsr-domain" */
	w[6] = fz_va(w[6]); /* IFAR */
#endif
	put_head("cp15");
	for (unsigned i = 0; i < FZ_CP15_WORDS; i++)
		put_hex(w[i]);
	put_str("\n");
	put_exc();
	put_head("mem");
	for (unsigned i = 0; i < FZ_SCRATCH_MBS; i++)
		put_hex(window_sum(i));
	put_str("\n");
}

/* Section descriptor: AP 01 (privileged only), domain 0, uncached; in
 * the ARMv5 format bit 4 set (ARM926EJ-S TRM 3.2.3), in the ARMv6 one
 * (the guest's SCTLR.XP) clear: XN, and TEX C B 000, Strongly-ordered
 * (ARM1176JZF-S TRM 6.11.2). */
static uint32_t section(uint32_t pa)
{
	uint32_t bit4 = fz_sctlr_set & (1u << 23) ? 0 : 1u << 4;

	return (pa & 0xfff00000) | (1 << 10) | bit4 | 2;
}

/* The high vectors (gen.py vectors sets SCTLR.V): 0xffff0000, a small
 * page, privileged only, domain 0, of a coarse table, holding a copy
 * of the vectors; written with the MMU off. */
static void hivec(volatile uint32_t *l1)
{
	volatile uint32_t *l2 = (volatile uint32_t *)FZ_HIVEC_L2_PA;
	volatile uint32_t *page = (volatile uint32_t *)FZ_HIVEC_PA;
	int xp = !!(fz_sctlr_set & (1u << 23));

	for (unsigned n = 0; n < 256; n++)
		l2[n] = 0;
	for (unsigned n = 0; n < 16; n++)
		page[n] = vectors[n];
	/* Small page: ARMv5 AP 01 in each subpage; ARMv6 APX:AP 001. */
	l2[0xf0] = FZ_HIVEC_PA | (xp ? 0x10u : 0x550u) | 2;
	l1[0xfff] = FZ_HIVEC_L2_PA | (xp ? 0 : 1u << 4) | 1;
}

static void tables(void)
{
	volatile uint32_t *l1 = (volatile uint32_t *)FZ_L1_PA;
	static const uint32_t ident[] = {
		0x00000000, 0x00100000, BOARD_UART0_MB,
#ifdef BOARD_BCM2835
		PM_BASE, SYSTMR_BASE, /* the armctrl's MiB too */
#else
		0x10000000, /* the system controller: plat_exit */
#endif
	};

	for (unsigned i = 0; i < 4096; i++)
		l1[i] = 0;
	for (unsigned i = 0; i < sizeof(ident) / sizeof(ident[0]); i++)
		l1[ident[i] >> 20] = section(ident[i]);
	for (unsigned i = 0; i < FZ_SCRATCH_MBS; i++)
		l1[scratch_pa(i) >> 20] = section(scratch_pa(i));
	/* The image's MiB: user read-only (AP 10), for the user tasks'
	 * code; they read no data there. */
	l1[0] ^= (1 << 10) ^ (2 << 10);
	for (unsigned i = 0; i < FZ_SCRATCH_MBS; i++) {
		volatile uint32_t *l2 = (volatile uint32_t *)FZ_L2_PA(i);

		for (unsigned n = 0; n < 1024; n++)
			l2[n] = 0;
	}
	for (unsigned i = 0; i < fz_nl1; i++)
		l1[(FZ_SCRATCH_VA(0) >> 20) + i] = fz_l1[i];
	for (unsigned t = 0; t < fz_nl2; t++) {
		const uint32_t *e = &fz_l2[3 * t];

		((volatile uint32_t *)FZ_L2_PA(e[0]))[e[1]] = e[2];
	}
	/* The FCSE PID the steps may set (gen.py fcse): its modified
	 * addresses, PID << 25 up, map as 0-32 MiB do. */
	for (unsigned i = 0; i < 32; i++)
		l1[(fz_fcse_pid << 5) + i] = l1[i];
	hivec(l1);
	/* Its copy, which a step may make TTBR0 (gen.py ttbr). */
	for (unsigned i = 0; i < 4096; i++)
		((volatile uint32_t *)FZ_L1_COPY_PA)[i] = l1[i];
}

/* The scratch windows' first contents: xorshift32 from the seed. */
static void scratch_fill(void)
{
	uint32_t x = fz_seed * 2654435761u | 1;

	for (unsigned i = 0; i < FZ_SCRATCH_MBS; i++) {
		volatile uint32_t *p = (volatile uint32_t *)scratch_pa(i);

		for (unsigned n = 0; n < FZ_WINDOW / 4; n++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			p[n] = x;
		}
	}
}

int kmain(void)
{
	put_str("sysfuzz seed ");
	put_dec(fz_seed);
	put_str(" cpu ");
	put_str(fz_cpu);
	put_str(" steps ");
	put_dec(fz_nsteps);
	put_str("\n");
	tables();
	scratch_fill();
	fz_mmu_on(FZ_L1_PA, fz_dacr0, fz_sctlr_set);
	for (unsigned i = 0; i < FZ_STEP_WORDS; i++)
		fz_regs[i] = fz_regs0[i];
	for (fz_step = 0; fz_step < fz_nsteps; fz_step++) {
		fz_run_step(fz_steps[fz_step]);
		digest();
	}
	put_str("sysfuzz end\n");
	return 0;
}
