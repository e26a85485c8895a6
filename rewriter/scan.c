// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scan.c -- find the sites of an ARM ELF file (scan.h).
 *
 * Executable sections are read range by range as their mapping symbols
 * say (ARM ELF ABI, "Mapping symbols"): $a ranges word by word, $t ranges
 * halfword by halfword, $d ranges not at all.  Nothing else is skipped:
 * bytes that no mapping symbol covers, or that do not make whole
 * instructions of their range, are an error unless they are zero.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"

const struct rw_user_pair rw_default_user_code[] = {
	{ "__kuser_helper_start", "__kuser_helper_end", true },
	{ "vdso_start", "vdso_end", true },
};
const size_t rw_default_user_code_count =
	sizeof(rw_default_user_code) / sizeof(rw_default_user_code[0]);

/* Tag_CPU_arch values (ARM IHI 0045) from which Thumb code may hold 32-bit
 * Thumb-2 instructions: ARMv6T2 (8) and ARMv7 (10) on. */
#define TAG_CPU_ARCH_V6T2 8
#define TAG_CPU_ARCH_V7 10

struct scan_ctx {
	const struct rw_elf *e;
	const struct rw_scan_options *o;
	struct rw_scan *sc;
	bool cannot; /* an unreadable region was reported */
	bool oom;
};

static bool add_site(struct scan_ctx *c, const struct rw_site *s)
{
	struct rw_scan *sc = c->sc;

	if (sc->nsites == sc->cap) {
		size_t cap = sc->cap ? 2 * sc->cap : 1024;
		struct rw_site *p = realloc(sc->sites, cap * sizeof(*p));
		if (!p)
			return !(c->oom = true);
		sc->sites = p;
		sc->cap = cap;
	}
	sc->sites[sc->nsites++] = *s;
	return true;
}

static bool add_refused(struct scan_ctx *c, const struct rw_refused *r)
{
	struct rw_scan *sc = c->sc;
	struct rw_refused *p = realloc(sc->refused, (sc->nrefused + 1) * sizeof(*p));

	if (!p)
		return !(c->oom = true);
	sc->refused = p;
	p[sc->nrefused++] = *r;
	return true;
}

static bool all_zero(const unsigned char *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Is (sec, off) inside user-mode code? */
static bool in_user_code(const struct scan_ctx *c, size_t sec, uint32_t off)
{
	if (c->o->user_file)
		return true;
	for (size_t i = 0; i < c->sc->nranges; i++) {
		const struct rw_user_range *u = &c->sc->ranges[i];
		if (u->sec == sec && off >= u->from && off < u->to)
			return true;
	}
	return false;
}

/* [from, to) of s as ARM code; 'from' and 'to' - 'from' are multiples of
 * 4 (scan_range() sees to that). */
static bool scan_arm(struct scan_ctx *c, const struct rw_section *s, uint32_t from,
		     uint32_t to)
{
	unsigned arch = c->o->arch;

	for (uint32_t off = from; off + 4 <= to; off += 4) {
		uint32_t w = rw_le32(s->data + off), orig;
		const struct armpv_form *f = armpv_classify(w, arch);
		struct rw_site site = { s->index, off, w, 0, f, false, false };

		if (f) {
			site.trap = armpv_encode(f, w);
		} else if ((f = armpv_decode(w, &orig))) {
			/* Already a trap word: rewritten before, or a guest
			 * that uses the trap space itself. */
			site = (struct rw_site){ s->index, off, orig, w, f, true, false };
		} else {
			const struct armpv_unpredictable *u = armpv_classify_unpredictable(w, arch);
			if (u && !in_user_code(c, s->index, off) &&
			    !add_refused(c, &(struct rw_refused){ s->index, off, w,
								  RW_REFUSE_UNPREDICTABLE, false,
								  u->text }))
				return false;
			continue;
		}
		site.user = in_user_code(c, s->index, off);
		if (!add_site(c, &site))
			return false;
	}
	return true;
}

/* Thumb before Thumb-2 is 16-bit but for the BL/BLX pair, whose first half
 * is 0xf000-0xf7ff: its second half is part of it. */
static bool scan_thumb(struct scan_ctx *c, const struct rw_section *s, uint32_t from,
		       uint32_t to)
{
	for (uint32_t off = from; off + 2 <= to; off += 2) {
		uint16_t h = rw_le16(s->data + off);
		const struct armpv_thumb_form *t = armpv_classify_thumb(h, c->o->arch);
		if ((h & 0xf800) == 0xf000) {
			off += 2;
			continue;
		}
		if (t && !in_user_code(c, s->index, off) &&
		    !add_refused(c, &(struct rw_refused){ s->index, off, h, RW_REFUSE_THUMB,
							  true, t->text }))
			return false;
	}
	return true;
}

/* Bytes [from, to) of s that the scan cannot read: an error naming them,
 * unless they are all zero. */
static void unreadable(struct scan_ctx *c, const struct rw_section *s, uint32_t from,
		       uint32_t to, const char *why)
{
	/* User-mode code is not rewritten: what it holds does not matter. */
	if (from >= to || all_zero(s->data + from, to - from) || in_user_code(c, s->index, from))
		return;
	rw_error(c->e->path, "%s+0x%x: %u byte%s of executable code %s: the scan cannot read them, and they are not zero",
		 s->name, from, to - from, to - from == 1 ? "" : "s", why);
	c->cannot = true;
}

/* [from, to) of s as ARM code, whatever its alignment (--assume-arm). */
static bool read_as_arm(struct scan_ctx *c, const struct rw_section *s, uint32_t from,
			uint32_t to)
{
	uint32_t base = rw_section_addr(c->e, s, 0) & 3;
	uint32_t a = from + ((4 - ((from + base) & 3)) & 3);
	uint32_t b = to - ((to + base) & 3);

	if (b < a)
		a = b = to;
	unreadable(c, s, from, a, "before the first word boundary");
	unreadable(c, s, b, to, "after the last whole word");
	return scan_arm(c, s, a, b);
}

/* Bytes [from, to) of s that no mapping symbol covers; 'why' NULL: the
 * file has none and --assume-arm was given (main() has warned once). */
static bool unmarked(struct scan_ctx *c, const struct rw_section *s, uint32_t from,
		     uint32_t to, const char *why)
{
	if (from >= to || all_zero(s->data + from, to - from))
		return true;
	if (!c->o->assume_arm && in_user_code(c, s->index, from))
		return true;
	if (!c->o->assume_arm) {
		rw_error(c->e->path, "%s+0x%x: %u byte%s of executable code %s: cannot tell code from data; --assume-arm reads them as ARM code",
			 s->name, from, to - from, to - from == 1 ? "" : "s", why);
		c->cannot = true;
		return true;
	}
	if (why)
		rw_warn(c->e->path, "%s+0x%x: %u byte%s %s: read as ARM code (--assume-arm)",
			s->name, from, to - from, to - from == 1 ? "" : "s", why);
	return read_as_arm(c, s, from, to);
}

/* One mapping-symbol range [from, to) of s in 'state'.  Alignment is the
 * address's (the section offset's in a relocatable object). */
static bool scan_range(struct scan_ctx *c, const struct rw_section *s, char state,
		       uint32_t from, uint32_t to)
{
	uint32_t size = state == RW_ARM ? 4 : 2;
	uint32_t mis = rw_section_addr(c->e, s, from) & (size - 1);
	char why[96];

	if (state != RW_ARM && state != RW_THUMB)
		return true;
	if (mis) {
		/* The whole range is out of step: nothing in it can be read. */
		snprintf(why, sizeof(why), "in %s code that starts off a %u-byte boundary",
			 state == RW_ARM ? "ARM" : "Thumb", size);
		unreadable(c, s, from, to, why);
		return true;
	}
	uint32_t end = from + ((to - from) & ~(size - 1));
	snprintf(why, sizeof(why), "at the end of %s code, short of a whole instruction",
		 state == RW_ARM ? "ARM" : "Thumb");
	unreadable(c, s, end, to, why);
	if (state == RW_ARM)
		return scan_arm(c, s, from, end);
	unsigned tag = c->e->attr_cpu_arch; /* Tag_CPU_arch + 1, 0 if absent */
	if ((tag == TAG_CPU_ARCH_V6T2 + 1 || tag >= TAG_CPU_ARCH_V7 + 1) &&
	    !all_zero(s->data + from, end - from) && !in_user_code(c, s->index, from)) {
		rw_error(c->e->path, "%s+0x%x: Thumb code built for ARMv6T2 or later may hold 32-bit Thumb-2 instructions (MSR, MRS, CPS.W, SRS, RFE, SUBS PC, LR), which armpv neither reads nor traps; build it as ARM for ARMv5TE or ARMv6",
			 s->name, from);
		c->cannot = true;
		return true;
	}
	return scan_thumb(c, s, from, end);
}

/* ARM or Thumb code ($a, $t) in a section that is not executable: the
 * kernel copies it elsewhere to run (Linux's sigreturn trampolines in
 * .rodata go to the signal page, in USR mode).  No trap word goes there,
 * and whether it runs privileged cannot be told: a sensitive instruction
 * in it is refused unless a user-code range keeps it.
 *
 * A range ends at the next mapping symbol or at the end of the section
 * (ARM ELF ABI), but a linker (ld -r too: vmlinux.o, modules) puts no $d
 * where an input section ended, and the data sections of other objects
 * carry no mapping symbols: the code also ends at the end of the sized
 * symbol holding it (sigreturn_codes has .size), else at the next
 * symbol. */
static bool scan_copied_code(struct scan_ctx *c, const struct rw_section *s)
{
	uint32_t size = (uint32_t)s->shdr.sh_size;

	for (size_t k = 0; k < s->nmap; k++) {
		if (s->map[k].state == RW_DATA ||
		    (k + 1 < s->nmap && s->map[k + 1].offset == s->map[k].offset))
			continue;
		uint32_t to = k + 1 < s->nmap ? s->map[k + 1].offset : size;
		to = rw_elf_symbol_bound(c->e, s->index, s->map[k].offset, to);
		uint32_t step = s->map[k].state == RW_ARM ? 4 : 2;
		uint32_t base = rw_section_addr(c->e, s, 0) & (step - 1);
		uint32_t off = s->map[k].offset;

		off += (step - ((off + base) & (step - 1))) & (step - 1);
		for (; off + step <= to; off += step) {
			const struct armpv_form *f = NULL;
			const struct armpv_thumb_form *t = NULL;
			uint32_t w = step == 4 ? rw_le32(s->data + off) : rw_le16(s->data + off);
			if (step == 4)
				f = armpv_classify(w, c->o->arch);
			else
				t = armpv_classify_thumb((uint16_t)w, c->o->arch);
			if (!f && !t)
				continue;
			if (f && in_user_code(c, s->index, off)) {
				if (!add_site(c, &(struct rw_site){ s->index, off, w, armpv_encode(f, w), f,
								     false, true }))
					return false;
			} else if (!in_user_code(c, s->index, off) &&
				   !add_refused(c, &(struct rw_refused){ s->index, off, w,
									 RW_REFUSE_NOT_EXEC, !f,
									 f ? f->name : t->text })) {
				return false;
			}
		}
	}
	return true;
}

static int site_cmp(const void *a, const void *b)
{
	const struct rw_site *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The user-code ranges of the file from their symbol pairs. */
static enum rw_status find_user_ranges(struct scan_ctx *c)
{
	const struct rw_elf *e = c->e;
	struct rw_scan *sc = c->sc;
	enum rw_status st = RW_OK;

	if (!c->o->nuser)
		return RW_OK;
	sc->ranges = calloc(c->o->nuser, sizeof(*sc->ranges));
	if (!sc->ranges) {
		rw_error(e->path, "out of memory");
		return RW_IO;
	}
	for (size_t i = 0; i < c->o->nuser; i++) {
		const struct rw_user_pair *p = &c->o->user[i];
		size_t s1, s2;
		uint32_t a, b;
		bool has1 = rw_elf_symbol_named(e, p->start, &s1, &a);
		bool has2 = rw_elf_symbol_named(e, p->end, &s2, &b);

		if (!has1 && !has2 && p->by_default)
			continue;
		if (!has1 || !has2) {
			/* Only one of a default pair is someone else's
			 * symbol of that name, not a range. */
			if (p->by_default)
				continue;
			rw_error(e->path, "user-code range %s..%s: no symbol %s", p->start,
				 p->end, has1 ? p->end : p->start);
			st = RW_CANNOT;
			continue;
		}
		if (s1 != s2 || b < a) {
			rw_error(e->path, "user-code range %s..%s: %s (%s+0x%x) and %s (%s+0x%x) do not bracket a range of one section",
				 p->start, p->end, p->start, e->sections[s1].name, a, p->end,
				 e->sections[s2].name, b);
			st = RW_CANNOT;
			continue;
		}
		sc->ranges[sc->nranges++] = (struct rw_user_range){ s1, a, b, p->start, p->end };
	}
	return st;
}

enum rw_status rw_scan_sites(const struct rw_elf *e, const struct rw_scan_options *o,
			     struct rw_scan *sc)
{
	struct scan_ctx c = { e, o, sc, false, false };
	enum rw_status st;
	bool any_code = false;

	memset(sc, 0, sizeof(*sc));
	if ((st = find_user_ranges(&c)) != RW_OK)
		return st;
	for (size_t i = 1; i < e->nsections; i++)
		any_code |= e->sections[i].code && e->sections[i].data &&
			    !all_zero(e->sections[i].data, (uint32_t)e->sections[i].shdr.sh_size);
	if (any_code && e->nmapping_symbols == 0 && !o->user_file) {
		if (!o->assume_arm) {
			rw_error(e->path, "executable sections but no ARM mapping symbols ($a/$t/$d): cannot tell code from data (stripped?); --assume-arm treats whole sections as ARM code");
			return RW_CANNOT;
		}
		rw_warn(e->path, "no mapping symbols: treating every executable section as ARM code (--assume-arm); literal pools will be classified as code");
	}
	for (size_t i = 1; i < e->nsections && !c.oom; i++) {
		const struct rw_section *s = &e->sections[i];
		uint32_t size = (uint32_t)s->shdr.sh_size;

		if (!s->data)
			continue;
		if (!s->code) {
			scan_copied_code(&c, s);
			continue;
		}
		if (!s->nmap) {
			if (e->nmapping_symbols)
				unmarked(&c, s, 0, size, "in a section with no mapping symbol while others have some");
			else if (o->assume_arm)
				unmarked(&c, s, 0, size, NULL);
			continue;
		}
		char why[96];
		snprintf(why, sizeof(why), "before the section's first mapping symbol ($%c at 0x%x)",
			 s->map[0].state, s->map[0].offset);
		unmarked(&c, s, 0, s->map[0].offset, why);
		for (size_t k = 0; k < s->nmap && !c.oom; k++) {
			/* Several symbols at one offset: the last one wins. */
			if (k + 1 < s->nmap && s->map[k + 1].offset == s->map[k].offset)
				continue;
			uint32_t to = k + 1 < s->nmap ? s->map[k + 1].offset : size;
			scan_range(&c, s, s->map[k].state, s->map[k].offset, to);
		}
	}
	if (c.oom) {
		rw_error(e->path, "out of memory");
		return RW_IO;
	}
	if (sc->nsites)
		qsort(sc->sites, sc->nsites, sizeof(*sc->sites), site_cmp);
	for (size_t i = 0; i < sc->nsites; i++) {
		const struct rw_site *s = &sc->sites[i];
		if (s->user) {
			sc->nkept++;
			continue;
		}
		sc->counts[s->form->insn]++;
		sc->nrewrite += !s->present;
	}
	return c.cannot ? RW_CANNOT : RW_OK;
}

void rw_scan_free(struct rw_scan *sc)
{
	free(sc->sites);
	free(sc->refused);
	free(sc->ranges);
	memset(sc, 0, sizeof(*sc));
}

const struct rw_site *rw_scan_site_at(const struct rw_scan *sc, size_t sec, uint64_t off)
{
	size_t lo = 0, hi = sc->nsites;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct rw_site *s = &sc->sites[mid];
		if (s->sec < sec || (s->sec == sec && (uint64_t)s->offset + 4 <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sc->nsites && sc->sites[lo].sec == sec && sc->sites[lo].offset <= off &&
	    off < (uint64_t)sc->sites[lo].offset + 4)
		return &sc->sites[lo];
	return NULL;
}

enum rw_status rw_scan_check_refused(const struct rw_elf *e, const struct rw_scan *sc)
{
	for (size_t i = 0; i < sc->nrefused; i++) {
		const struct rw_refused *t = &sc->refused[i];
		const struct rw_section *s = &e->sections[t->sec];
		uint32_t symoff;
		const char *sym = rw_elf_symbol_at(e, t->sec, t->offset, &symoff);
		if (t->why == RW_REFUSE_THUMB)
			rw_error(e->path, "%s+0x%x (%s+0x%x): Thumb %s (%04x) is sensitive and has no trap encoding; build this code as ARM",
				 s->name, t->offset, sym ? sym : "?", sym ? symoff : 0, t->what,
				 t->insn);
		else if (t->why == RW_REFUSE_NOT_EXEC)
			rw_error(e->path, "%s+0x%x (%s+0x%x): sensitive instruction %0*x (%s) in code of section %s, which is not executable: it runs only where the kernel copies it, and armpv cannot tell whether that is in USR mode (keep it: --user-code START:END) or privileged (move it to an executable section)",
				 s->name, t->offset, sym ? sym : "?", sym ? symoff : 0,
				 t->thumb ? 4 : 8, t->insn, t->what, s->name);
		else
			rw_error(e->path, "%s+0x%x (%s+0x%x): %08x is UNPREDICTABLE (%s); armpv does not guess what the core does with it",
				 s->name, t->offset, sym ? sym : "?", sym ? symoff : 0, t->insn,
				 t->what);
	}
	return sc->nrefused ? RW_CANNOT : RW_OK;
}

enum rw_status rw_scan_check_relocations(const struct rw_elf *e, const struct rw_scan *sc)
{
	unsigned bad = 0;

	for (size_t i = 1; i < e->nsections; i++) {
		const struct rw_section *rs = &e->sections[i];
		bool rela = rs->shdr.sh_type == SHT_RELA;
		size_t entsize = rela ? sizeof(Elf32_Rela) : sizeof(Elf32_Rel);

		/* rw_elf_open() has checked entry size, size and target. */
		if ((rs->shdr.sh_type != SHT_REL && !rela) || !rs->data)
			continue;
		const struct rw_section *target = NULL;
		if (rs->shdr.sh_info && rs->shdr.sh_info < e->nsections) {
			target = &e->sections[rs->shdr.sh_info];
			if (!target->code)
				continue;
		}
		for (size_t k = 0; k < rs->shdr.sh_size / entsize; k++) {
			const Elf32_Rel *rel = (const Elf32_Rel *)(rs->data + k * entsize);
			const struct rw_section *t = target;
			uint64_t off = rel->r_offset;

			/* Dynamic relocations (sh_info 0, executables and shared
			 * objects) name an address: find its code section. */
			for (size_t j = 1; !t && j < e->nsections; j++) {
				const struct rw_section *cs = &e->sections[j];
				if (cs->code && (cs->shdr.sh_flags & SHF_ALLOC) &&
				    off >= cs->shdr.sh_addr &&
				    off < cs->shdr.sh_addr + cs->shdr.sh_size)
					t = cs;
			}
			if (!t)
				continue;
			if (e->ehdr.e_type != ET_REL)
				off -= t->shdr.sh_addr;
			const struct rw_site *s = rw_scan_site_at(sc, t->index, off);
			/* R_ARM_NONE only records a dependency: nothing is
			 * written to the word. */
			if (!s || s->present || s->user || ELF32_R_TYPE(rel->r_info) == R_ARM_NONE)
				continue;
			uint32_t symoff;
			const char *sym = rw_elf_symbol_at(e, s->sec, s->offset, &symoff);
			rw_error(e->path, "%s+0x%x (%s+0x%x): relocation type %u (%s entry %zu) applies to sensitive instruction %08x (%s): cannot rewrite it",
				 t->name, s->offset, sym ? sym : "?", sym ? symoff : 0,
				 (unsigned)ELF32_R_TYPE(rel->r_info), rs->name, k, s->insn,
				 s->form->name);
			bad++;
		}
	}
	return bad ? RW_CANNOT : RW_OK;
}

enum rw_status rw_scan_write_traps(const struct rw_elf *e, const struct rw_scan *sc, int fd,
				   const char *out)
{
	for (size_t i = 0; i < sc->nsites; i++) {
		const struct rw_site *s = &sc->sites[i];
		unsigned char w[4];
		if (s->present || s->user)
			continue;
		rw_put_le32(w, s->trap);
		if (pwrite(fd, w, 4, (off_t)(e->sections[s->sec].shdr.sh_offset + s->offset)) != 4) {
			rw_error(out, "write error: %s", strerror(errno));
			return RW_IO;
		}
	}
	return RW_OK;
}
