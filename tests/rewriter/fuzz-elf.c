// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-elf -- libFuzzer target for armpv-rewrite's ELF front end.
 *
 * Each input is written to a memfd and opened by path, as armpv-rewrite
 * opens its FILE, with rw_elf_open().  Crashes, sanitizer reports and leaks
 * are findings, and so is a broken promise of the front end:
 *
 *  - rw_elf_open() answers RW_OK or RW_BAD_INPUT (RW_IO cannot happen on a
 *    readable memfd of a few kilobytes);
 *  - an accepted file's model is what the passes trust (elf-model.h):
 *    section data inside the image, mapping symbols sorted and inside their
 *    section, symbol names NUL-terminated in the image.  The walk over the
 *    code below reads every word armpv-rewrite's site scan would read and
 *    classifies it, so an out-of-bounds read there is an ASan report here;
 *  - the output armpv-rewrite would write (rw_elf_copy, the trap words,
 *    rw_record_prepare + rw_record_apply) is itself a valid file that holds
 *    the record, as emit_file() in armpv-rewrite.c checks, and in which
 *    nothing sensitive is left.
 *
 * The site scan itself (find_sites, scan_arm, check_relocations) is static
 * in armpv-rewrite.c; walk_code() here mirrors it until it is a library.
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

/* What armpv-rewrite's site scan does: ARM words and Thumb halfwords
 * between mapping symbols, classified.  With out >= 0, the trap word of
 * each ARMv5TE-sensitive word is written there at its file offset and
 * counted, as emit_file() does.  Returns the number of sensitive words. */
static size_t walk_code(const struct rw_elf *e, int out, unsigned long counts[ARMPV_NINSNS])
{
	size_t sensitive = 0;

	for (size_t i = 1; i < e->nsections; i++) {
		const struct rw_section *s = &e->sections[i];
		uint32_t size = s->shdr.sh_size;

		if (s->data)
			PROMISE(inside(e, s->data, size), i, size);
		PROMISE(s->index == i && s->name, i, 0);
		if (!s->code || !s->data)
			continue;
		for (size_t k = 0; k < s->nmap; k++) {
			const struct rw_map *m = &s->map[k];
			PROMISE(m->offset <= size, m->offset, size);
			PROMISE(k == 0 || m->offset >= s->map[k - 1].offset, k, m->offset);
			PROMISE(m->state == RW_ARM || m->state == RW_THUMB || m->state == RW_DATA,
				k, (size_t)m->state);
			uint32_t to = k + 1 < s->nmap ? s->map[k + 1].offset : size;
			uint32_t from = m->offset, symoff;
			if (m->state == RW_ARM) {
				for (uint32_t off = (from + 3) & ~3u; off + 4 <= to; off += 4) {
					uint32_t w = rw_le32(s->data + off), orig;
					const struct armpv_form *f = armpv_classify(w, ARMPV_ARCH_ARMV5TE);
					(void)armpv_classify(w, ARMPV_ARCH_ARMV6);
					(void)armpv_decode(w, &orig);
					(void)armpv_classify_unpredictable(w, ARMPV_ARCH_ALL);
					if (!f)
						continue;
					sensitive++;
					if (out < 0)
						continue;
					unsigned char trap[4];
					rw_put_le32(trap, armpv_encode(f, w));
					if (pwrite(out, trap, 4, (off_t)(s->shdr.sh_offset + off)) != 4)
						abort();
					counts[f->insn]++;
				}
			} else if (m->state == RW_THUMB) {
				for (uint32_t off = (from + 1) & ~1u; off + 2 <= to; off += 2)
					(void)armpv_classify_thumb(rw_le16(s->data + off),
								   ARMPV_ARCH_ALL);
			}
			const char *name = rw_elf_symbol_at(e, i, from, &symoff);
			if (name)
				PROMISE(inside(e, name, strlen(name) + 1) && symoff <= from,
					from, symoff);
		}
	}
	return sensitive;
}

/* Rewrite as armpv-rewrite would (copy, trap words, record), then read the
 * result back: valid, with the record, nothing sensitive left. */
static void rewrite_and_reopen(const struct rw_elf *e)
{
	unsigned long counts[ARMPV_NINSNS] = { 0 };
	struct rw_record old, again;
	struct rw_record_patch patch;
	struct rw_elf out;

	if (ftruncate(out_fd, 0) != 0 || lseek(out_fd, 0, SEEK_SET) != 0)
		abort();
	enum rw_status st = rw_elf_copy(e, out_fd);
	PROMISE(st == RW_OK, (size_t)st, 0);
	walk_code(e, out_fd, counts);
	rw_record_find(e, &old);
	if (rw_record_prepare(e, &old, ARMPV_ARCH_ARMV5TE, counts, &patch) != RW_OK)
		return; /* too many sections or too large: RW_CANNOT, said so */
	st = rw_record_apply(out_fd, e, &patch);
	rw_record_free(&patch);
	PROMISE(st == RW_OK, (size_t)st, 0);

	st = rw_elf_open(out_path, &out);
	PROMISE(st == RW_OK, (size_t)st, e->size);
	PROMISE(rw_record_find(&out, &again), out.size, 0);
	PROMISE(out.nsections >= e->nsections, out.nsections, e->nsections);
	size_t left = walk_code(&out, -1, NULL);
	PROMISE(left == 0, left, 0);
	rw_elf_close(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_elf e;

	fill(in_fd, data, size);
	enum rw_status st = rw_elf_open(in_path, &e);
	PROMISE(st == RW_OK || st == RW_BAD_INPUT, (size_t)st, size);
	if (st == RW_OK) {
		PROMISE(e.size == size && e.nsections >= 2, e.size, e.nsections);
		rewrite_and_reopen(&e);
	}
	rw_elf_close(&e);
	return 0;
}
