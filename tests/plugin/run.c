// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * run.c -- masks.c compiled with the armpv_irqflags plugin, executed under
 * qemu-arm with the shared page (monitor/core/armpv_pv.h) emulated by an
 * anonymous mapping at ARMPV_PV_PAGE_VA.  This program plays the monitor:
 *
 *  - ARMPV_HC_PV_SYNC, an SWI qemu-arm turns into SIGILL (ILL_ILLTRP, PC
 *    past the SWI; docs/design-notes), is counted and handled as the
 *    monitor must: deliver the virtual interrupt the page now allows.
 *  - "stress": SIGALRM is a virtual IRQ line rising at a random
 *    instruction (qemu-arm -singlestep delivers signals between any two
 *    guest instructions): the handler delivers at once if the page says
 *    unmasked, else sets pending and leaves it to the guest's hypercall.
 *
 * Delivering means what armpv-bm does: the virtual CPSR becomes IRQ mode
 * with I set (page word 0), a handler runs (masking and unmasking itself,
 * all nested inside a masked state), the line is acknowledged (pending
 * cleared) and the exception return puts the interrupted CPSR back.
 *
 * Usage: run checks | run stress ITERATIONS | run stress-broken ITERATIONS
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "armpv_hypercall.h"
#include "armpv_pv.h"
#include "masks.h"

#define PAGE ((struct armpv_pv_page *)ARMPV_PV_PAGE_VA)
#define SVC_MODE 0x13u
#define IRQ_MODE 0x12u
#define SWINE_SYNC (0x1f000000u | ARMPV_HC_PV_SYNC)

static volatile unsigned long hypercalls, hc_delivered, direct_delivered;
static volatile unsigned long raised, masked_arrivals, bad, lost;
static int failures;

#define CHECK(cond, ...)                                             \
	do {                                                         \
		if (!(cond)) {                                       \
			failures++;                                  \
			printf("not ok - %s:%d: %s: ", __FILE__,     \
			       __LINE__, #cond);                     \
			printf(__VA_ARGS__);                         \
			printf("\n");                                \
		}                                                    \
	} while (0)

/* The virtual IRQ exception, entered from an unmasked state. */
static void virq_deliver(void)
{
	unsigned long saved = PAGE->cpsr;

	if ((saved & ARMPV_PV_CPSR_I) || mask_critical)
		bad++; /* delivered into a masked region */
	PAGE->cpsr = (saved & ~0x1fu) | ARMPV_PV_CPSR_I | IRQ_MODE;
	/* The handler masks and unmasks inside its masked state: no
	 * hypercall may come of it. */
	unsigned long before = hypercalls;
	unsigned long f = do_irq_save();
	do_irq_restore(f);
	do_irq_disable();
	if (hypercalls != before)
		bad++;
	PAGE->pending &= ~(unsigned)ARMPV_PV_PENDING_IRQ; /* acknowledged */
	PAGE->cpsr = saved; /* exception return */
}

static void on_sigill(int sig, siginfo_t *si, void *uc_)
{
	(void)sig;
	(void)uc_;
	if (si->si_code != ILL_ILLTRP ||
	    *(const unsigned *)si->si_addr != SWINE_SYNC) {
		printf("not ok - SIGILL not from ARMPV_HC_PV_SYNC at %p\n", si->si_addr);
		_exit(2);
	}
	hypercalls++;
	unsigned cpsr = PAGE->cpsr;
	if (PAGE->pending & ~cpsr & ARMPV_PV_PENDING_IRQ) {
		hc_delivered++;
		virq_deliver();
	}
	/* qemu-arm left PC past the SWI: return there. */
}

static void on_sigalrm(int sig)
{
	(void)sig;
	/* A level: a second rise while one is pending is the same one. */
	if (!(PAGE->pending & ARMPV_PV_PENDING_IRQ))
		raised++;
	PAGE->pending |= ARMPV_PV_PENDING_IRQ;
	if (!(PAGE->cpsr & ARMPV_PV_CPSR_I)) {
		direct_delivered++;
		virq_deliver();
	} else {
		masked_arrivals++;
	}
}

/* Hypercalls made by fn(), with the page set to cpsr/pending first. */
#define HC_COUNT(cpsr0, pending0, call)                                \
	({                                                             \
		PAGE->cpsr = (cpsr0);                                  \
		PAGE->pending = (pending0);                            \
		unsigned long before_ = hypercalls;                    \
		call;                                                  \
		hypercalls - before_;                                  \
	})

static void checks(void)
{
	unsigned long f, g, n;

	/* save_flags: the page's word, nothing written. */
	PAGE->cpsr = 0x53;
	CHECK(do_save_flags() == 0x53, "save_flags %#lx", do_save_flags());
	CHECK(PAGE->cpsr == 0x53, "page %#x", PAGE->cpsr);

	/* Masks nest; restore returns to the prior state. */
	PAGE->cpsr = SVC_MODE;
	PAGE->pending = 0;
	f = do_irq_save();
	CHECK(f == SVC_MODE && PAGE->cpsr == (SVC_MODE | 0x80), "save: f %#lx page %#x", f, PAGE->cpsr);
	g = do_irq_save();
	CHECK(g == (SVC_MODE | 0x80) && PAGE->cpsr == (SVC_MODE | 0x80), "nested save: g %#lx", g);
	PAGE->pending = ARMPV_PV_PENDING_IRQ; /* a line rises while masked */
	n = hypercalls;
	do_irq_restore(g);
	CHECK(PAGE->cpsr == (SVC_MODE | 0x80) && hypercalls == n, "inner restore: page %#x, %lu hypercalls", PAGE->cpsr, hypercalls - n);
	do_irq_restore(f);
	CHECK(hypercalls == n + 1, "outer restore with pending: %lu hypercalls, want 1", hypercalls - n);
	CHECK(PAGE->cpsr == SVC_MODE && PAGE->pending == 0, "after delivery: page %#x pending %#x", PAGE->cpsr, PAGE->pending);

	/* enable: exactly when unmasking with an IRQ pending. */
	CHECK(HC_COUNT(SVC_MODE | 0x80, 0, do_irq_enable()) == 0, "enable, nothing pending");
	CHECK(PAGE->cpsr == SVC_MODE, "enable cleared I: %#x", PAGE->cpsr);
	CHECK(HC_COUNT(SVC_MODE | 0x80, 0x80, do_irq_enable()) == 1, "enable, IRQ pending");
	CHECK(HC_COUNT(SVC_MODE | 0xc0, 0x40, do_irq_enable()) == 0, "enable I, only a masked FIQ pending");
	CHECK(PAGE->cpsr == (SVC_MODE | 0x40), "enable kept F: %#x", PAGE->cpsr);
	CHECK(HC_COUNT(SVC_MODE, 0, do_irq_disable()) == 0, "disable");
	CHECK(PAGE->cpsr == (SVC_MODE | 0x80), "disable set I: %#x", PAGE->cpsr);
	CHECK(HC_COUNT(SVC_MODE | 0x80, 0x80, do_irq_disable()) == 0, "disable, IRQ pending");

	/* FIQ: the same with F. */
	CHECK(HC_COUNT(SVC_MODE, 0, do_fiq_disable()) == 0 && PAGE->cpsr == (SVC_MODE | 0x40), "fiq_disable: %#x", PAGE->cpsr);
	CHECK(HC_COUNT(SVC_MODE | 0xc0, 0x40, do_fiq_enable()) == 1 && PAGE->cpsr == (SVC_MODE | 0x80), "fiq_enable with FIQ pending: %#x", PAGE->cpsr);
	CHECK(HC_COUNT(SVC_MODE | 0xc0, 0x80, do_fiq_enable()) == 0, "fiq_enable, only a masked IRQ pending");

	/* restore: the hypercall iff a pending line's mask bit is clear in the flags. */
	CHECK(HC_COUNT(SVC_MODE | 0x80, 0x80, do_irq_restore(SVC_MODE | 0x80)) == 0, "restore masked");
	CHECK(HC_COUNT(SVC_MODE | 0x80, 0x80, do_irq_restore(SVC_MODE)) == 1, "restore unmasked, IRQ pending");
	CHECK(HC_COUNT(SVC_MODE | 0xc0, 0x40, do_irq_restore(SVC_MODE | 0x80)) == 1, "restore F clear, FIQ pending");
	CHECK(HC_COUNT(SVC_MODE | 0x80, 0, do_irq_restore(SVC_MODE)) == 0, "restore unmasked, nothing pending");
	CHECK(PAGE->cpsr == SVC_MODE, "restore wrote flags: %#x", PAGE->cpsr);
	CHECK(bad == 0, "%lu deliveries into a masked region", bad);
}

/* The sequence with its two halves the wrong way round: pending read
 * before I is cleared.  An interrupt arriving between the two finds the
 * page masked and is left pending, and the stale read skips the
 * hypercall: lost until the next unmasking.  "stress-broken" must fail. */
static void broken_irq_enable(void)
{
	asm volatile("ldr	r2, [%0, #4]\n\t"
		     "ldr	r3, [%0]\n\t"
		     "bic	r3, r3, #0x80\n\t"
		     "str	r3, [%0]\n\t"
		     "tst	r2, #0x80\n\t"
		     "swine	0x280004"
		     : : "r"(PAGE) : "r2", "r3", "memory", "cc");
}

static void stress(long iterations, int broken)
{
	struct itimerval it = { { 0, 50 }, { 0, 50 } };

	PAGE->cpsr = SVC_MODE;
	PAGE->pending = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	for (long i = 0; i < iterations; i++) {
		switch (i % 4) {
		case 0:
			nest();
			break;
		case 1: {
			unsigned long f = do_irq_save();
			mask_critical = 1;
			mask_critical = 0;
			do_irq_restore(f);
			break;
		}
		case 2:
			do_irq_disable();
			mask_critical = 1;
			mask_critical = 0;
			if (broken)
				broken_irq_enable();
			else
				do_irq_enable();
			break;
		default:
			do_irq_enable(); /* already enabled: no change */
			break;
		}
		/* Unmasked here: no line may stay pending. */
		unsigned cpsr = PAGE->cpsr;
		unsigned pending = PAGE->pending;
		if (!(cpsr & ARMPV_PV_CPSR_I) && (pending & ARMPV_PV_PENDING_IRQ))
			lost++;
	}
	it.it_value.tv_usec = 0;
	it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	printf("stress: %ld iterations, %lu interrupts raised: %lu delivered at once, "
	       "%lu arrived masked, %lu delivered by the %lu hypercalls\n",
	       iterations, raised, direct_delivered, masked_arrivals, hc_delivered, hypercalls);
	CHECK(bad == 0, "%lu deliveries into a masked region", bad);
	CHECK(lost == 0, "%lu lost interrupts (pending at an unmasked point)", lost);
	CHECK(raised == direct_delivered + hc_delivered, "%lu raised, %lu delivered", raised, direct_delivered + hc_delivered);
	CHECK(PAGE->pending == 0 && PAGE->cpsr == SVC_MODE, "end: page %#x pending %#x", PAGE->cpsr, PAGE->pending);
	CHECK(raised > 0, "no interrupt raised: the stress tested nothing");
}

int main(int argc, char **argv)
{
	struct sigaction sa;

	if (mmap(PAGE, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != PAGE) {
		perror("mmap at ARMPV_PV_PAGE_VA");
		return 99; /* a hard error for make check */
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigill;
	sa.sa_flags = SA_SIGINFO;
	sigaddset(&sa.sa_mask, SIGALRM); /* the monitor runs masked */
	sigaction(SIGILL, &sa, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigalrm;
	sigaction(SIGALRM, &sa, NULL);

	if (argc == 2 && strcmp(argv[1], "checks") == 0)
		checks();
	else if (argc == 3 && strcmp(argv[1], "stress") == 0)
		stress(atol(argv[2]), 0);
	else if (argc == 3 && strcmp(argv[1], "stress-broken") == 0)
		stress(atol(argv[2]), 1);
	else {
		fprintf(stderr, "usage: run checks | run stress[-broken] ITERATIONS\n");
		return 64;
	}
	printf("%s: %lu hypercalls, %d failures\n", argv[1], hypercalls, failures);
	return failures ? 1 : 0;
}
