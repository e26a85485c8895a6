// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-elf -- libFuzzer target for armpv-rewrite's ELF front end.
 *
 * Each input is written to a memfd and opened by path, as armpv-rewrite
 * opens its FILE, with rw_elf_open(); an accepted file then goes through
 * armpv-rewrite's own passes, from rewriter/scan.c and rewriter/record.c:
 * the site scan, the refusals, the relocation check, the trap words and
 * the record.  Crashes, sanitizer reports and leaks are findings, and so
 * is a broken promise:
 *
 *  - rw_elf_open() answers RW_OK or RW_BAD_INPUT (RW_IO cannot happen on a
 *    readable memfd of a few kilobytes);
 *  - an accepted file's model is what the passes trust (elf-model.h):
 *    section data inside the image, mapping symbols sorted and inside their
 *    section, symbol names NUL-terminated in the image;
 *  - rw_scan_sites() answers RW_OK or RW_CANNOT; its sites are sorted,
 *    inside code sections, word-aligned, and each is sensitive (or a trap
 *    word, or kept user code) on the architecture scanned;
 *  - a file the scan and the checks accept is rewritten as armpv-rewrite
 *    rewrites it (rw_elf_copy, rw_scan_write_traps, rw_record_prepare +
 *    rw_record_apply); the result is valid, holds a record that matches
 *    the scan, and scanned again has nothing left to rewrite, the same
 *    trap sites and the same kept ones.
 *
 * The architecture, --assume-arm and a user-code range are chosen from
 * the input's bytes, so that every path of the scan is reached.
 *
 * rw_error() writes each rejection to stderr; at ten thousand inputs a
 * second that would drown the log, so the C stream stderr is pointed at
 * /dev/null (file descriptor 2, where libFuzzer and the sanitizers report,
 * stays).  ARMPV_FUZZ_VERBOSE=1 keeps the messages, e.g. to replay one
 * crash file.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "armpv_tables.h"
#include "elf-model.h"
#include "record.h"
#include "scan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *report; /* the real stderr, for broken promises */
static int in_fd = -1, out_fd = -1;
static char in_path[64], out_path[64];

static void promise_broken(const char *what, size_t a, size_t b)
{
	fprintf(report, "fuzz-elf: front end promise broken: %s (%zu, %zu)\n", what, a, b);
	fflush(report);
	abort();
}

#define PROMISE(cond, a, b)                       \
	do {                                      \
		if (!(cond))                      \
			promise_broken(#cond, a, b); \
	} while (0)

static int memfd(const char *name, char *path, size_t len)
{
	int fd = memfd_create(name, 0);

	if (fd < 0) {
		perror("fuzz-elf: memfd_create");
		exit(1);
	}
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	report = stderr;
	in_fd = memfd("fuzz-elf-in", in_path, sizeof(in_path));
	out_fd = memfd("fuzz-elf-out", out_path, sizeof(out_path));
	const char *verbose = getenv("ARMPV_FUZZ_VERBOSE");
	if (!verbose || strcmp(verbose, "1") != 0) {
		FILE *null = fopen("/dev/null", "w");
		if (null)
			stderr = null;
	}
	return 0;
}

static void fill(int fd, const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	while (size) {
		ssize_t n = write(fd, data, size);
		if (n <= 0)
			abort();
		data += n;
		size -= (size_t)n;
	}
}

static bool inside(const struct rw_elf *e, const void *p, size_t len)
{
	const unsigned char *q = p;

	return q >= e->image && q <= e->image + e->size &&
	       len <= (size_t)(e->image + e->size - q);
}

/* The model promises of elf-model.h. */
static void check_model(const struct rw_elf *e)
{
	for (size_t i = 1; i < e->nsections; i++) {
		const struct rw_section *s = &e->sections[i];
		uint32_t size = (uint32_t)s->shdr.sh_size, symoff;

		if (s->data)
			PROMISE(inside(e, s->data, size), i, size);
		PROMISE(s->index == i && s->name, i, 0);
		PROMISE(!s->code || s->data, i, 0);
		for (size_t k = 0; k < s->nmap; k++) {
			const struct rw_map *m = &s->map[k];
			PROMISE(s->data, i, k);
			PROMISE(m->offset <= size, m->offset, size);
			PROMISE(k == 0 || m->offset >= s->map[k - 1].offset, k, m->offset);
			PROMISE(m->state == RW_ARM || m->state == RW_THUMB || m->state == RW_DATA,
				k, (size_t)m->state);
			const char *name = rw_elf_symbol_at(e, i, m->offset, &symoff);
			if (name)
				PROMISE(inside(e, name, strlen(name) + 1) && symoff <= m->offset,
					m->offset, symoff);
			uint32_t end = rw_elf_symbol_bound(e, i, m->offset, size);
			PROMISE(end <= size, end, size);
		}
	}
}

static bool site_before(const struct rw_site *a, const struct rw_site *b)
{
	return a->sec < b->sec || (a->sec == b->sec && a->offset < b->offset);
}

/* The scan's promises about its sites. */
static void check_scan(const struct rw_elf *e, const struct rw_scan_options *o,
		       const struct rw_scan *sc)
{
	size_t rewrite = 0, kept = 0;

	for (size_t i = 0; i < sc->nsites; i++) {
		const struct rw_site *s = &sc->sites[i];
		PROMISE(s->sec > 0 && s->sec < e->nsections, i, s->sec);
		const struct rw_section *sec = &e->sections[s->sec];
		PROMISE(sec->data && (uint64_t)s->offset + 4 <= sec->shdr.sh_size, s->sec,
			s->offset);
		PROMISE(i == 0 || site_before(&sc->sites[i - 1], s), i, s->offset);
		PROMISE(sec->code || s->user, s->sec, s->offset);
		uint32_t w = rw_le32(sec->data + s->offset);
		if (s->present) {
			uint32_t orig;
			PROMISE(w == s->trap && armpv_decode(w, &orig) == s->form && orig == s->insn,
				s->sec, s->offset);
		} else {
			PROMISE(w == s->insn && armpv_classify(w, o->arch) == s->form, s->sec,
				s->offset);
			PROMISE(armpv_encode(s->form, w) == s->trap, s->sec, s->offset);
		}
		kept += s->user;
		rewrite += !s->user && !s->present;
	}
	PROMISE(kept == sc->nkept && rewrite == sc->nrewrite, kept, rewrite);
}

/* Scan options from the input's bytes. */
static void choose_options(const uint8_t *data, size_t size, struct rw_scan_options *o)
{
	static const struct rw_user_pair pairs[] = {
		{ "entry", "counter", false },
		{ "__kuser_helper_start", "__kuser_helper_end", true },
		{ "vdso_start", "vdso_end", true },
	};
	uint8_t h = 0;

	for (size_t i = 0; i < size; i++)
		h = (uint8_t)(h * 31 + data[i]);
	*o = (struct rw_scan_options){
		.arch = (h & 1) ? ARMPV_ARCH_ARMV6 : ARMPV_ARCH_ARMV5TE,
		.assume_arm = h & 2,
		.user_file = (h & 0x1c) == 0x1c,
		.user = (h & 4) ? pairs : pairs + 1,
		.nuser = (h & 4) ? 3 : 2,
	};
}

/* Rewrite as armpv-rewrite would (copy, trap words, record), then read the
 * result back: valid, with the record, nothing left to rewrite. */
static void rewrite_and_reopen(const struct rw_elf *e, const struct rw_scan_options *o,
			       const struct rw_scan *sc)
{
	struct rw_record old, again;
	struct rw_record_patch patch;
	struct rw_scan sc2;
	struct rw_elf out;

	if (ftruncate(out_fd, 0) != 0 || lseek(out_fd, 0, SEEK_SET) != 0)
		abort();
	enum rw_status st = rw_elf_copy(e, out_fd);
	PROMISE(st == RW_OK, (size_t)st, 0);
	st = rw_scan_write_traps(e, sc, out_fd, out_path);
	PROMISE(st == RW_OK, (size_t)st, 0);
	rw_record_find(e, &old);
	if (rw_record_prepare(e, &old, o->arch, sc->counts, &patch) != RW_OK)
		return; /* too many sections or too large: RW_CANNOT, said so */
	st = rw_record_apply(out_fd, e, &patch);
	rw_record_free(&patch);
	PROMISE(st == RW_OK, (size_t)st, 0);

	st = rw_elf_open(out_path, &out);
	PROMISE(st == RW_OK, (size_t)st, e->size);
	check_model(&out);
	PROMISE(rw_record_find(&out, &again), out.size, 0);
	PROMISE(rw_record_matches(&again, o->arch, sc->counts), out.size, 0);
	PROMISE(out.nsections >= e->nsections, out.nsections, e->nsections);
	st = rw_scan_sites(&out, o, &sc2);
	PROMISE(st == RW_OK, (size_t)st, 0);
	check_scan(&out, o, &sc2);
	PROMISE(sc2.nrewrite == 0, sc2.nrewrite, 0);
	PROMISE(sc2.nsites == sc->nsites && sc2.nkept == sc->nkept, sc2.nsites, sc->nsites);
	PROMISE(memcmp(sc2.counts, sc->counts, sizeof(sc->counts)) == 0, 0, 0);
	rw_scan_free(&sc2);
	rw_elf_close(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_elf e;

	fill(in_fd, data, size);
	enum rw_status st = rw_elf_open(in_path, &e);
	PROMISE(st == RW_OK || st == RW_BAD_INPUT, (size_t)st, size);
	if (st == RW_OK) {
		struct rw_scan_options o;
		struct rw_scan sc;

		PROMISE(e.size == size && e.nsections >= 2, e.size, e.nsections);
		check_model(&e);
		choose_options(data, size, &o);
		st = rw_scan_sites(&e, &o, &sc);
		PROMISE(st == RW_OK || st == RW_CANNOT, (size_t)st, size);
		if (st == RW_OK) {
			check_scan(&e, &o, &sc);
			/* What armpv-rewrite checks before it writes. */
			if (!o.user_file && rw_scan_check_refused(&e, &sc) == RW_OK &&
			    rw_scan_check_relocations(&e, &sc) == RW_OK)
				rewrite_and_reopen(&e, &o, &sc);
		}
		rw_scan_free(&sc);
	}
	rw_elf_close(&e);
	return 0;
}
