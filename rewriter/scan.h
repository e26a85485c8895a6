/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scan.h -- the sites of an ARM ELF file: every word of its code that is
 * sensitive, already a trap word, or cannot be rewritten.
 *
 * One unit for armpv-rewrite and for its fuzz target
 * (tests/rewriter/fuzz-elf.c), so that the fuzzer runs the scan users run.
 *
 * The scan looks at every byte of every executable section.  Bytes it
 * cannot read as ARM or Thumb code (before a section's first mapping
 * symbol, an ARM range that is not word-aligned or ends mid-word, a Thumb
 * range that is not halfword-aligned) are an error naming the section and
 * the offset, unless they are all zero (padding: 0 is neither sensitive
 * nor a trap word as ARM or as Thumb) or --assume-arm asks that they be
 * read as ARM code.  See docs/rewriter.md, "What it does".
 */
#ifndef ARMPV_SCAN_H
#define ARMPV_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "armpv_tables.h"
#include "elf-model.h"

struct rw_site {
	size_t sec;
	uint32_t offset;
	uint32_t insn; /* the sensitive instruction */
	uint32_t trap; /* its trap word */
	const struct armpv_form *form;
	bool present; /* the file already holds the trap word */
	bool user;    /* in user-mode code: kept as it is (rw_user_range) */
};

/* A word that cannot be rewritten. */
enum rw_refusal {
	RW_REFUSE_UNPREDICTABLE, /* in a sensitive encoding space */
	RW_REFUSE_THUMB,	 /* a sensitive Thumb instruction: no trap */
	RW_REFUSE_NOT_EXEC,	 /* sensitive, in ARM or Thumb code of a
				  * section that is not executable */
};

struct rw_refused {
	size_t sec;
	uint32_t offset;
	uint32_t insn;
	enum rw_refusal why;
	bool thumb; /* insn is a Thumb halfword */
	const char *what;
};

/* User-mode code that the kernel carries and copies to user space (the
 * kuser helpers, the vDSO): it runs in USR mode natively too, so a
 * sensitive instruction there behaves the same under armpv and must stay
 * as it is.  Given as a pair of symbols bracketing it. */
struct rw_user_pair {
	const char *start, *end;
	bool by_default; /* one of rw_default_user_code: absent is fine */
};

/* The pairs looked for unless --no-default-user-code: Linux's kuser
 * helpers (arch/arm/kernel/entry-armv.S) and its embedded vDSO image
 * (arch/arm/vdso/vdso.S). */
extern const struct rw_user_pair rw_default_user_code[];
extern const size_t rw_default_user_code_count;

struct rw_scan_options {
	unsigned arch;	 /* ARMPV_ARCH_ARMV5TE or ARMPV_ARCH_ARMV6 */
	bool assume_arm; /* read unmarked executable bytes as ARM code */
	bool user_file;	 /* the whole file is user-mode code */
	const struct rw_user_pair *user;
	size_t nuser;
};

/* A resolved user-code range, [from, to) of section 'sec'. */
struct rw_user_range {
	size_t sec;
	uint32_t from, to;
	const char *start, *end;
};

struct rw_scan {
	struct rw_site *sites; /* sorted by (sec, offset) */
	size_t nsites, cap;
	struct rw_refused *refused;
	size_t nrefused;
	struct rw_user_range *ranges;
	size_t nranges;
	size_t nrewrite; /* sites to rewrite: neither trap words nor user code */
	size_t nkept;	 /* sites in user-mode code */
	unsigned long counts[ARMPV_NINSNS]; /* trap sites after rewriting */
};

/* Scan every executable section of 'e'.  Problems are reported through
 * rw_error()/rw_warn(); returns RW_OK, RW_CANNOT (code the scan cannot
 * read, a bad user-code range) or RW_IO (out of memory).  The sites are
 * filled in even when RW_CANNOT is returned for unreadable bytes, so that
 * --check can still list them. */
enum rw_status rw_scan_sites(const struct rw_elf *e, const struct rw_scan_options *o,
			     struct rw_scan *sc);
void rw_scan_free(struct rw_scan *sc);

/* The site covering (sec, off), or NULL. */
const struct rw_site *rw_scan_site_at(const struct rw_scan *sc, size_t sec, uint64_t off);

/* Each refused word as an error naming its place; RW_CANNOT if any. */
enum rw_status rw_scan_check_refused(const struct rw_elf *e, const struct rw_scan *sc);

/* A relocation whose target word is a site to rewrite would be applied by
 * the linker to the trap word: each is an error; RW_CANNOT if any. */
enum rw_status rw_scan_check_relocations(const struct rw_elf *e, const struct rw_scan *sc);

/* Write the trap word of every site to rewrite into 'fd', which holds a
 * copy of the file (rw_elf_copy).  'out' names fd in messages. */
enum rw_status rw_scan_write_traps(const struct rw_elf *e, const struct rw_scan *sc, int fd,
				   const char *out);

#endif /* ARMPV_SCAN_H */
