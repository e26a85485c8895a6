/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_core.c -- host-side emulation rate of the monitor core, per trap
 * class: how many armpv_vcpu_trap() calls per second the core handles for
 * the common sensitive instructions (bench_classes.h).  A benchmark, not a
 * test: it checks that each class is emulated as expected, then times it.
 *
 * Per class: find an iteration count n whose trap loop (reset + trap) runs
 * for at least --seconds, time that loop, time the same loop without the
 * trap (the reset and loop overhead), and report the difference per trap;
 * with --runs N, the best of N such measurements (a shared machine's
 * noise only ever adds time).
 * The figures and the commands are in docs/benchmarks.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_classes.h"

enum bench_status {
	BENCH_OK = 0,
	BENCH_FAILED = 1, /* a class was not emulated as expected */
	BENCH_USAGE = 2,
};

static uint8_t bench_ram[BENCH_RAM_SIZE] __attribute__((aligned(8)));
static struct bench_state bench_state;

/* Kept out of line so that the overhead loop and the trap loop run the same
 * reset code, and the trap loop cannot be folded. */
static void __attribute__((noinline)) bench_run(struct bench_state *s,
						uint64_t n, bool trap)
{
	for (uint64_t i = 0; i < n; i++) {
		bench_reset(s);
		if (trap)
			armpv_vcpu_trap(&s->vcpu, s->kind, s->trap);
		/* The reset must not be hoisted out of the loop. */
		__asm__ volatile("" : : "r"(s) : "memory");
	}
}

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double bench_time(struct bench_state *s, uint64_t n, bool trap)
{
	double t0 = bench_now();

	bench_run(s, n, trap);
	return bench_now() - t0;
}

struct bench_result {
	uint64_t n;
	double ns, overhead_ns; /* per trap, per iteration */
};

/* Returns NULL, or what went wrong with the class. */
static const char *bench_class(const struct bench_class *c, double seconds,
			       unsigned runs, struct bench_result *r)
{
	struct bench_state *s = &bench_state;
	const char *err = bench_setup(s, c, bench_ram);
	uint64_t n;
	double t;

	if (err)
		return err;
	err = bench_check(s, armpv_vcpu_trap(&s->vcpu, s->kind, s->trap));
	if (err)
		return err;

	/* Calibrate: double n until the trap loop takes a tenth of the
	 * target, then scale. */
	for (n = 1000;; n *= 2) {
		t = bench_time(s, n, true);
		if (t >= seconds / 10 || n >= (UINT64_C(1) << 40))
			break;
	}
	n = (uint64_t)(n * (seconds / (t > 0 ? t : 1e-9)) * 1.05) + 1;

	r->n = n;
	for (unsigned i = 0; i < runs; i++) {
		double trap_s = bench_time(s, n, true);
		double overhead_s = bench_time(s, n, false);
		double ns = (trap_s - overhead_s) * 1e9 / n;

		if (i == 0 || ns < r->ns) {
			r->ns = ns;
			r->overhead_ns = overhead_s * 1e9 / n;
		}
	}

	/* Every trap went the intended way: the statistics count them all,
	 * and one more trap (the overhead loop reset the state last) ends
	 * as expected. */
	bench_run(s, 1, true);
	err = bench_check(s, s->vcpu.run.exit_reason);
	if (!err && s->vcpu.stats.insn[c->expect] != s->vcpu.stats.traps)
		err = "a trap decoded to another instruction";
	if (!err && s->vcpu.stats.cond_failed)
		err = "a trap failed its condition";
	return err;
}

static void bench_usage(FILE *out)
{
	fprintf(out,
		"Usage: bench_core [--seconds N] [--runs N] [CLASS...]\n"
		"Host-side emulation rate of the monitor core per trap class:\n"
		"armpv_vcpu_trap() calls per second and nanoseconds per trap,\n"
		"the reset and loop overhead measured apart and subtracted.\n"
		"\n"
		"  --seconds N  time each class's trap loop for N seconds\n"
		"               (default 0.5, at least 0.01)\n"
		"  --runs N     report the best of N timings (default 1)\n"
		"  --help       this text\n"
		"\n"
		"Classes (default: all):\n");
	for (size_t i = 0; i < BENCH_NCLASSES; i++)
		fprintf(out, "  %-11s %s\n", bench_classes[i].name,
			bench_classes[i].text);
}

static bool bench_selected(const char *name, int argc, char **argv)
{
	if (optind >= argc)
		return true;
	for (int i = optind; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	double seconds = 0.5;
	unsigned long runs = 1;
	int status = BENCH_OK;
	int opt;

	while ((opt = getopt_long(argc, argv, "s:r:h", options, NULL)) != -1) {
		char *end;

		switch (opt) {
		case 's':
			errno = 0;
			seconds = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(seconds >= 0.01) ||
			    seconds > 3600) {
				fprintf(stderr,
					"bench_core: --seconds '%s': not a "
					"number of seconds in [0.01, 3600]\n",
					optarg);
				return BENCH_USAGE;
			}
			break;
		case 'r':
			errno = 0;
			runs = strtoul(optarg, &end, 10);
			if (errno || *end || end == optarg || runs < 1 ||
			    runs > 100) {
				fprintf(stderr,
					"bench_core: --runs '%s': not a number "
					"in [1, 100]\n",
					optarg);
				return BENCH_USAGE;
			}
			break;
		case 'h':
			bench_usage(stdout);
			return BENCH_OK;
		default:
			bench_usage(stderr);
			return BENCH_USAGE;
		}
	}
	for (int i = optind; i < argc; i++) {
		size_t k;

		for (k = 0; k < BENCH_NCLASSES; k++)
			if (!strcmp(argv[i], bench_classes[k].name))
				break;
		if (k == BENCH_NCLASSES) {
			fprintf(stderr, "bench_core: unknown class '%s'\n",
				argv[i]);
			bench_usage(stderr);
			return BENCH_USAGE;
		}
	}

	printf("%-11s %-40s %12s %8s %10s %12s\n", "class", "instruction",
	       "traps/s", "ns/trap", "overhead", "traps/run");
	for (size_t i = 0; i < BENCH_NCLASSES; i++) {
		const struct bench_class *c = &bench_classes[i];
		struct bench_result r;
		const char *err;

		if (!bench_selected(c->name, argc, argv))
			continue;
		err = bench_class(c, seconds, (unsigned)runs, &r);
		if (err) {
			printf("%-11s %-40s FAILED: %s\n", c->name, c->text, err);
			status = BENCH_FAILED;
			continue;
		}
		printf("%-11s %-40s %12.0f %8.1f %7.1f ns %12llu\n", c->name,
		       c->text, r.ns > 0 ? 1e9 / r.ns : 0.0, r.ns,
		       r.overhead_ns, (unsigned long long)r.n);
		fflush(stdout);
	}
	return status;
}
