// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * exhaustive -- prove the trap encoding over all 2^32 words.
 *
 * For every 32-bit word w:
 *  - if w is sensitive on some architecture, its trap word t = encode(w)
 *    decodes back to w with the same form; t is not itself an instruction
 *    of any sensitive form; t keeps w's condition (AL for the
 *    unconditional forms); t traps on ARM926EJ-S and ARM1176 (checked here
 *    against the architecture, independently of the spec's "never" lines);
 *  - if the decoder accepts w, the word it returns is sensitive and encodes
 *    back to w (so the decoder accepts exactly the encoder's image).
 * Injectivity follows from the round trip.  Per-architecture counts are
 * printed so that a change in the sensitive set shows up in review.
 *
 *   exhaustive [--threads N] [--from HEX --to HEX] [--quiet]
 */
#include <inttypes.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "armpv_tables.h"

struct counts {
	uint64_t sensitive[ARMPV_NARCHS][ARMPV_NINSNS];
	uint64_t unpredictable[ARMPV_NARCHS];
	uint64_t sensitive_any;
	uint64_t accepted;
	uint64_t failures;
	uint32_t first_failure;
	char what[160];
};

struct job {
	uint64_t from, to; /* [from, to) */
	bool sample;	   /* words i * SAMPLE_STEP instead of i */
	struct counts c;
};

/* An odd multiplier: i -> i * SAMPLE_STEP is a permutation of the words,
 * so a sample of consecutive i spreads over the whole encoding space. */
#define SAMPLE_STEP 0x9e3779b1u

static void fail(struct counts *c, uint32_t w, const char *what)
{
	if (!c->failures++) {
		c->first_failure = w;
		snprintf(c->what, sizeof(c->what), "%s", what);
	}
}

/* The architectural facts a trap word must satisfy, written from the ARM
 * ARM rather than from the spec: an SWI (cond != 1111) whose payload is
 * neither 0 (EABI syscall) nor 0x90xxxx-0x9fxxxx (OABI syscalls), or a
 * coprocessor instruction (CDP/MCR/MRC/LDC/STC/MCRR/MRRC, cond != 1111) to
 * a coprocessor both ARM926EJ-S and ARM1176JZF-S lack. */
static int traps_on_both_cores(uint32_t t)
{
	uint32_t cond = t >> 28, op = (t >> 24) & 0xf, cp = (t >> 8) & 0xf;

	if (cond == 0xf)
		return 0;
	if (op == 0xf) {
		uint32_t payload = t & 0xffffff;
		return payload != 0 && (payload >> 20) != 0x9;
	}
	if (op != 0xc && op != 0xd && op != 0xe)
		return 0;
	if (op == 0xc && ((t >> 22) & 3) == 0)
		return 0; /* P=0 U=0 N=0: not a coprocessor instruction */
	return cp != 10 && cp != 11 && cp != 14 && cp != 15;
}

static void check_word(struct counts *c, uint32_t w)
{
	const struct armpv_form *f = armpv_match(w);
	uint32_t orig;

	if (f) {
		unsigned archs = armpv_sensitive_archs(f, w);
		if (archs) {
			uint32_t t = armpv_encode(f, w);
			const struct armpv_form *g;

			c->sensitive_any++;
			for (unsigned a = 0; a < ARMPV_NARCHS; a++)
				if (archs & (1u << a))
					c->sensitive[a][f->insn]++;
			if (armpv_classify(w, archs) != f)
				fail(c, w, "classify disagrees with match");
			if (armpv_match(t) || armpv_classify_unpredictable(t, ARMPV_ARCH_ALL))
				fail(c, w, "trap word is itself sensitive or UNPREDICTABLE");
			if (f->conditional ? (t >> 28) != (w >> 28)
					   : (t >> 28) != 0xe)
				fail(c, w, "trap word does not keep the condition");
			if (!traps_on_both_cores(t))
				fail(c, w, "trap word would not trap on both cores");
			g = armpv_decode(t, &orig);
			if (g != f || orig != w)
				fail(c, w, "round trip fails");
		}
	}
	if (!f && armpv_classify_unpredictable(w, ARMPV_ARCH_ALL))
		for (unsigned a = 0; a < ARMPV_NARCHS; a++)
			if (armpv_classify_unpredictable(w, 1u << a))
				c->unpredictable[a]++;
	f = armpv_decode(w, &orig);
	if (f) {
		c->accepted++;
		const struct armpv_form *g = armpv_match(orig);
		if (g != f || !armpv_sensitive_archs(g, orig))
			fail(c, w, "decoder accepts a word that is not a trap of a sensitive word");
		else if (armpv_encode(f, orig) != w)
			fail(c, w, "decoder accepts a word the encoder never produces");
	}
}

static void *run(void *arg)
{
	struct job *j = arg;

	for (uint64_t w = j->from; w < j->to; w++)
		check_word(&j->c, j->sample ? (uint32_t)w * SAMPLE_STEP : (uint32_t)w);
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: exhaustive [--threads N] [--from HEX] [--to HEX] [--sample N]\n"
		"\n"
		"Check every 32-bit word (or the half-open range [FROM, TO)) against\n"
		"the armpv trap encoding: round trip, no collisions, no sensitive trap\n"
		"words, condition kept, traps on ARM926EJ-S and ARM1176, and a decoder\n"
		"that accepts exactly the encoder's image.  Exit 0 when every check\n"
		"holds, 1 otherwise.  --sample N checks N words spread over the whole\n"
		"space (for instruction-count benchmarks under valgrind).\n");
}

int main(int argc, char **argv)
{
	long threads = sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t from = 0, to = UINT64_C(1) << 32;
	bool sample = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (i + 1 < argc && !strcmp(argv[i], "--threads")) {
			threads = strtol(argv[++i], NULL, 0);
		} else if (i + 1 < argc && !strcmp(argv[i], "--from")) {
			from = strtoull(argv[++i], NULL, 16);
		} else if (i + 1 < argc && !strcmp(argv[i], "--to")) {
			to = strtoull(argv[++i], NULL, 16);
		} else if (i + 1 < argc && !strcmp(argv[i], "--sample")) {
			from = 0;
			to = strtoull(argv[++i], NULL, 0);
			sample = true;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (threads < 1 || threads > 64 || from >= to || to > (UINT64_C(1) << 32)) {
		usage(stderr);
		return 2;
	}

	struct job *jobs = calloc((size_t)threads, sizeof(*jobs));
	pthread_t *tid = calloc((size_t)threads, sizeof(*tid));
	if (!jobs || !tid)
		return 2;
	uint64_t span = (to - from + (uint64_t)threads - 1) / (uint64_t)threads;
	double t0 = now();
	for (long i = 0; i < threads; i++) {
		jobs[i].from = from + (uint64_t)i * span;
		jobs[i].to = jobs[i].from + span < to ? jobs[i].from + span : to;
		jobs[i].sample = sample;
		if (pthread_create(&tid[i], NULL, run, &jobs[i]))
			return 2;
	}
	struct counts total;
	memset(&total, 0, sizeof(total));
	for (long i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		struct counts *c = &jobs[i].c;
		for (unsigned a = 0; a < ARMPV_NARCHS; a++)
			for (unsigned k = 0; k < ARMPV_NINSNS; k++)
				total.sensitive[a][k] += c->sensitive[a][k];
		for (unsigned a = 0; a < ARMPV_NARCHS; a++)
			total.unpredictable[a] += c->unpredictable[a];
		total.sensitive_any += c->sensitive_any;
		total.accepted += c->accepted;
		if (c->failures && !total.failures) {
			total.first_failure = c->first_failure;
			memcpy(total.what, c->what, sizeof(total.what));
		}
		total.failures += c->failures;
	}
	double secs = now() - t0;

	printf("words checked: %" PRIu64 " (0x%08" PRIx64 "-0x%08" PRIx64 "), %ld thread%s, %.1f s\n",
	       to - from, from, to - 1, threads, threads == 1 ? "" : "s", secs);
	printf("%-10s", "insn");
	for (unsigned a = 0; a < ARMPV_NARCHS; a++)
		printf(" %14s", armpv_arch_names[a]);
	printf("\n");
	for (unsigned k = 1; k < ARMPV_NINSNS; k++) {
		printf("%-10s", armpv_insn_names[k]);
		for (unsigned a = 0; a < ARMPV_NARCHS; a++)
			printf(" %14" PRIu64, total.sensitive[a][k]);
		printf("\n");
	}
	printf("%-10s", "UNPRED.");
	for (unsigned a = 0; a < ARMPV_NARCHS; a++)
		printf(" %14" PRIu64, total.unpredictable[a]);
	printf("  (refused by the rewriter)\n");
	printf("sensitive on some architecture: %" PRIu64 "\n", total.sensitive_any);
	printf("trap words the decoder accepts: %" PRIu64 "\n", total.accepted);
	if (!sample && from == 0 && to == (UINT64_C(1) << 32) &&
	    total.accepted != total.sensitive_any && !total.failures) {
		total.failures++;
		snprintf(total.what, sizeof(total.what),
			 "decoder accepts %" PRIu64 " words, encoder produces %" PRIu64,
			 total.accepted, total.sensitive_any);
	}
	if (total.failures) {
		printf("FAIL: %" PRIu64 " failure%s; first at 0x%08" PRIx32 ": %s\n",
		       total.failures, total.failures == 1 ? "" : "s",
		       total.first_failure, total.what);
		return 1;
	}
	printf("PASS: round trip, injectivity, trap properties and decoder image hold\n");
	return 0;
}
