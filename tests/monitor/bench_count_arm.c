/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_count_arm.c -- the ARM side of bench-arm-count.sh: a freestanding
 * driver, linked with the monitor core built for ARM, that traps each
 * class of bench_classes.h once between two markers.  bench_count_host.c
 * runs it under Unicorn and counts the ARM instructions executed between
 * the markers, in armpv_vcpu_trap() and in armpv_decode().
 *
 * The host enters bench_main() with SP and LR set and stops when it
 * returns.  The markers are empty functions the host recognises by
 * address: bench_mark_begin(class, name) just before the trap,
 * bench_mark_end() just after, then bench_mark_check(class, error) with
 * the result of the class's check (error: NULL, or a string in target
 * memory saying what went wrong).
 */
#include <stddef.h>
#include <stdint.h>

#include "bench_classes.h"

void bench_main(void);
void bench_mark_begin(unsigned cls, const char *name);
void bench_mark_end(void);
void bench_mark_check(unsigned cls, const char *err);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

static uint8_t bench_ram[BENCH_RAM_SIZE] __attribute__((aligned(8)));
static struct bench_state bench_state;

/* The markers: out of line, empty, never merged (noipa: no identical code
 * folding), so the host tells them apart by address. */
void __attribute__((noipa)) bench_mark_begin(unsigned cls,
						const char *name)
{
	__asm__ volatile("" : : "r"(cls), "r"(name) : "memory");
}

void __attribute__((noipa)) bench_mark_end(void)
{
	__asm__ volatile("" : : : "memory");
}

void __attribute__((noipa)) bench_mark_check(unsigned cls, const char *err)
{
	__asm__ volatile("" : : "r"(cls), "r"(err) : "memory");
}

void bench_main(void)
{
	struct bench_state *s = &bench_state;

	for (unsigned i = 0; i < BENCH_NCLASSES; i++) {
		const char *err = bench_setup(s, &bench_classes[i], bench_ram);
		enum armpv_exit_reason reason;

		if (err) {
			bench_mark_check(i, err);
			continue;
		}
		bench_mark_begin(i, bench_classes[i].name);
		reason = armpv_vcpu_trap(&s->vcpu, s->kind, s->trap);
		bench_mark_end();
		bench_mark_check(i, bench_check(s, reason));
	}
}

/* What the bare-metal monitor provides; the core calls memset to clear
 * its structures at set-up.  Built with -fno-tree-loop-distribute-patterns
 * so these loops stay loops. */
void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}
