// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * armpv-rewrite -- replace every sensitive ARM instruction of an ELF file by
 * its armpv trap word, one word for one word.
 *
 * main() is the list of passes: read and validate the file, choose the
 * architecture, find ARM code through the mapping symbols, find the sites,
 * refuse what cannot be rewritten (relocated sites, Thumb CPS), report,
 * write atomically and verify.  See docs/rewriter.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "armpv_tables.h"
#include "disasm.h"
#include "elf-model.h"
#include "record.h"
#include "srcline.h"

struct site {
	size_t sec;
	uint32_t offset;
	uint32_t insn; /* the sensitive instruction */
	uint32_t trap; /* its trap word */
	const struct armpv_form *form;
	bool present; /* the file already holds the trap word */
};

/* A word that cannot be rewritten: a sensitive Thumb instruction, or an
 * UNPREDICTABLE word in a sensitive encoding space. */
struct refused_site {
	size_t sec;
	uint32_t offset;
	uint32_t insn;
	bool thumb;
	const char *what;
};

struct options {
	const char *input, *output;
	unsigned arch; /* 0: from the file */
	bool check, list, json, dry_run, assume_arm, quiet;
};

struct run {
	struct options opt;
	struct rw_elf elf;
	unsigned arch;
	struct site *sites;
	size_t nsites, cap;
	struct refused_site *refused;
	size_t nrefused;
	size_t nrewrite; /* sites not yet trap words */
	unsigned long counts[ARMPV_NINSNS]; /* all trap sites after rewriting */
	struct rw_record record;	    /* what the file already says */
};

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: armpv-rewrite [OPTIONS] FILE\n"
		"\n"
		"Replace every sensitive ARMv5TE/ARMv6 instruction in the ARM code of the\n"
		"32-bit little-endian ARM ELF file FILE (object, executable such as vmlinux,\n"
		"or shared object) by its armpv trap word, in place: same size, so sections,\n"
		"symbols and relocations do not change.  ARM code is found through the ARM\n"
		"mapping symbols ($a, $t, $d); literal pools and other data are never touched.\n"
		"The output records that it was rewritten; rewriting it again changes nothing.\n"
		"\n"
		"Options:\n"
		"  -o, --output FILE   write the result to FILE (default: FILE in place)\n"
		"      --arch ARCH     armv5te or armv6 (default: from the file's ARM\n"
		"                      attributes, else armv5te)\n"
		"      --check         rewrite nothing; list every sensitive instruction still\n"
		"                      present and exit 1 if there is any\n"
		"      --list          list every site: section, address, symbol+offset,\n"
		"                      disassembly, trap word, source file:line (DWARF)\n"
		"      --json          the listing and per-class counts as JSON on stdout\n"
		"  -n, --dry-run       find and report the sites but write nothing\n"
		"      --assume-arm    accept executable sections without mapping symbols,\n"
		"                      treating them as ARM code throughout (warns)\n"
		"  -q, --quiet         no summary line\n"
		"  -h, --help          this text\n"
		"      --version       versions of armpv-rewrite and of the tables\n"
		"\n"
		"Exit status:\n"
		"  0  done, or nothing to do       3  FILE is not valid 32-bit LE ARM ELF\n"
		"  1  --check found sensitive      4  FILE cannot be rewritten safely (a\n"
		"     instructions                    relocation on a site, Thumb CPS, an\n"
		"  2  bad command line                UNPREDICTABLE encoding, no mapping\n"
		"                                     symbols); nothing written\n"
		"                                  5  I/O error; nothing written\n");
}

static enum rw_status parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_ARCH = 256, OPT_CHECK, OPT_LIST, OPT_JSON, OPT_ASSUME, OPT_VERSION };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "assume-arm", no_argument, NULL, OPT_ASSUME },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, "o:nqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case OPT_ARCH:
			o->arch = armpv_arch_parse(optarg);
			if (!o->arch) {
				fprintf(stderr, "armpv-rewrite: unknown architecture \"%s\" (armv5te or armv6)\n",
					optarg);
				return RW_USAGE;
			}
			break;
		case OPT_CHECK: o->check = true; break;
		case OPT_LIST: o->list = true; break;
		case OPT_JSON: o->json = true; break;
		case 'n': o->dry_run = true; break;
		case OPT_ASSUME: o->assume_arm = true; break;
		case 'q': o->quiet = true; break;
		case 'h': usage(stdout); exit(RW_OK);
		case OPT_VERSION:
			printf("armpv-rewrite %s, tables layout version %d (hash 0x%08x)\n",
			       PACKAGE_VERSION, ARMPV_TABLES_VERSION, ARMPV_TABLES_LAYOUT_HASH);
			exit(RW_OK);
		default: usage(stderr); return RW_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "armpv-rewrite: expected one input FILE (see --help)\n");
		return RW_USAGE;
	}
	o->input = argv[optind];
	if (o->check && o->output) {
		fprintf(stderr, "armpv-rewrite: --check writes nothing; it takes no --output\n");
		return RW_USAGE;
	}
	return RW_OK;
}

/* Tag_CPU_arch values (ARM IHI 0045): 0-5 are pre-ARMv4..ARMv5TEJ, 6-9 the
 * ARMv6 family (v6, v6KZ, v6T2, v6K), 10 and up ARMv7, the M profiles and
 * later, which armpv does not target. */
static enum rw_status choose_arch(struct run *r)
{
	unsigned tag = r->elf.attr_cpu_arch; /* value + 1; 0 if absent */

	if (r->opt.arch) {
		r->arch = r->opt.arch;
		return RW_OK;
	}
	if (tag == 0 || tag - 1 <= 5) {
		r->arch = ARMPV_ARCH_ARMV5TE;
		return RW_OK;
	}
	if (tag - 1 <= 9) {
		r->arch = ARMPV_ARCH_ARMV6;
		return RW_OK;
	}
	rw_error(r->opt.input, "built for CPU architecture tag %u (ARMv7, an M profile or later): armpv targets ARMv5TE and ARMv6; give --arch to force",
		 tag - 1);
	return RW_CANNOT;
}

static bool add_site(struct run *r, const struct site *s)
{
	if (r->nsites == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 1024;
		struct site *p = realloc(r->sites, cap * sizeof(*p));
		if (!p)
			return false;
		r->sites = p;
		r->cap = cap;
	}
	r->sites[r->nsites++] = *s;
	return true;
}

static bool add_refused(struct run *r, const struct refused_site *s)
{
	struct refused_site *p = realloc(r->refused, (r->nrefused + 1) * sizeof(*p));

	if (!p)
		return false;
	r->refused = p;
	p[r->nrefused++] = *s;
	return true;
}

static bool scan_arm(struct run *r, const struct rw_section *s, uint32_t from,
		     uint32_t to)
{
	from = (from + 3) & ~3u;
	for (uint32_t off = from; off + 4 <= to; off += 4) {
		uint32_t w = rw_le32(s->data + off), orig;
		const struct armpv_form *f = armpv_classify(w, r->arch);
		struct site site = { s->index, off, w, 0, f, false };

		if (f) {
			site.trap = armpv_encode(f, w);
		} else if ((f = armpv_decode(w, &orig))) {
			/* Already a trap word: rewritten before, or a guest
			 * that uses the trap space itself (see main()). */
			site = (struct site){ s->index, off, orig, w, f, true };
		} else {
			const struct armpv_unpredictable *u =
				armpv_classify_unpredictable(w, r->arch);
			if (u && !add_refused(r, &(struct refused_site){ s->index, off, w, false, u->text }))
				return false;
			continue;
		}
		if (!add_site(r, &site))
			return false;
	}
	return true;
}

/* Thumb before Thumb-2 is 16-bit but for the BL/BLX pair, whose first half
 * is 0xf000-0xf7ff: skip its second half. */
static bool scan_thumb(struct run *r, const struct rw_section *s, uint32_t from,
		       uint32_t to)
{
	from = (from + 1) & ~1u;
	for (uint32_t off = from; off + 2 <= to; off += 2) {
		uint16_t h = rw_le16(s->data + off);
		const struct armpv_thumb_form *t = armpv_classify_thumb(h, r->arch);
		if ((h & 0xf800) == 0xf000) {
			off += 2;
			continue;
		}
		if (t && !add_refused(r, &(struct refused_site){ s->index, off, h, true, t->text }))
			return false;
	}
	return true;
}

static enum rw_status find_sites(struct run *r)
{
	struct rw_elf *e = &r->elf;
	bool any_code = false;

	for (size_t i = 1; i < e->nsections; i++)
		any_code |= e->sections[i].code && e->sections[i].data;
	if (any_code && e->nmapping_symbols == 0) {
		if (!r->opt.assume_arm) {
			rw_error(e->path, "executable sections but no ARM mapping symbols ($a/$t/$d): cannot tell code from data (stripped?); --assume-arm treats whole sections as ARM code");
			return RW_CANNOT;
		}
		rw_warn(e->path, "no mapping symbols: treating every executable section as ARM code (--assume-arm); literal pools will be classified as code");
	}
	for (size_t i = 1; i < e->nsections; i++) {
		const struct rw_section *s = &e->sections[i];
		uint32_t size = (uint32_t)s->shdr.sh_size;
		bool ok = true;

		if (!s->code || !s->data)
			continue;
		if (!s->nmap) {
			if (e->nmapping_symbols && !r->opt.assume_arm) {
				rw_error(e->path, "executable section %s has no mapping symbols while others do; --assume-arm treats it as ARM code",
					 s->name);
				return RW_CANNOT;
			}
			ok = scan_arm(r, s, 0, size);
		}
		for (size_t k = 0; ok && k < s->nmap; k++) {
			/* Several symbols at one offset: the last one wins. */
			if (k + 1 < s->nmap && s->map[k + 1].offset == s->map[k].offset)
				continue;
			uint32_t to = k + 1 < s->nmap ? s->map[k + 1].offset : size;
			if (s->map[k].state == RW_ARM)
				ok = scan_arm(r, s, s->map[k].offset, to);
			else if (s->map[k].state == RW_THUMB)
				ok = scan_thumb(r, s, s->map[k].offset, to);
		}
		if (!ok) {
			rw_error(e->path, "out of memory");
			return RW_IO;
		}
	}
	for (size_t i = 0; i < r->nsites; i++) {
		r->counts[r->sites[i].form->insn]++;
		r->nrewrite += !r->sites[i].present;
	}
	return RW_OK;
}

static int site_cmp(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static const struct site *site_at(const struct run *r, size_t sec, uint64_t off)
{
	size_t lo = 0, hi = r->nsites;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct site *s = &r->sites[mid];
		if (s->sec < sec || (s->sec == sec && (uint64_t)s->offset + 4 <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->nsites && r->sites[lo].sec == sec && r->sites[lo].offset <= off &&
	    off < (uint64_t)r->sites[lo].offset + 4)
		return &r->sites[lo];
	return NULL;
}

/* A relocation that patches a word we would replace would be applied to
 * the trap word by the linker: refuse, naming each site. */
static enum rw_status check_relocations(struct run *r)
{
	struct rw_elf *e = &r->elf;
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
				const struct rw_section *c = &e->sections[j];
				if (c->code && (c->shdr.sh_flags & SHF_ALLOC) &&
				    off >= c->shdr.sh_addr && off < c->shdr.sh_addr + c->shdr.sh_size)
					t = c;
			}
			if (!t)
				continue;
			if (e->ehdr.e_type != ET_REL)
				off -= t->shdr.sh_addr;
			const struct site *s = site_at(r, t->index, off);
			/* R_ARM_NONE only records a dependency: nothing is
			 * written to the word. */
			if (!s || s->present || ELF32_R_TYPE(rel->r_info) == R_ARM_NONE)
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

/* Sites no trap word can stand for: each is an error naming its place. */
static enum rw_status check_refused(const struct run *r)
{
	for (size_t i = 0; i < r->nrefused; i++) {
		const struct refused_site *t = &r->refused[i];
		const struct rw_section *s = &r->elf.sections[t->sec];
		uint32_t symoff;
		const char *sym = rw_elf_symbol_at(&r->elf, t->sec, t->offset, &symoff);
		if (t->thumb)
			rw_error(r->elf.path, "%s+0x%x (%s+0x%x): Thumb %s (%04x) is sensitive and has no trap encoding; build this code as ARM",
				 s->name, t->offset, sym ? sym : "?", sym ? symoff : 0,
				 t->what, t->insn);
		else
			rw_error(r->elf.path, "%s+0x%x (%s+0x%x): %08x is UNPREDICTABLE (%s); armpv does not guess what the core does with it",
				 s->name, t->offset, sym ? sym : "?", sym ? symoff : 0,
				 t->insn, t->what);
	}
	return r->nrefused ? RW_CANNOT : RW_OK;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

/* --list, --check and --json listings.  In a rewritten file the sites are
 * the trap words; they list with the instruction they stand for. */
static void report_sites(struct run *r, bool only_sensitive)
{
	struct rw_elf *e = &r->elf;
	struct rw_srcline *src = (r->opt.list || r->opt.json) ? rw_srcline_open(e) : NULL;
	bool first = true;

	if (r->opt.json)
		printf("{\n  \"file\": "), json_string(e->path),
			printf(",\n  \"arch\": \"%s\",\n  \"tables_version\": %d,\n  \"layout_hash\": \"0x%08x\",\n  \"sites\": [",
			       armpv_arch_name(r->arch), ARMPV_TABLES_VERSION,
			       ARMPV_TABLES_LAYOUT_HASH);
	for (size_t i = 0; i < r->nsites; i++) {
		const struct site *s = &r->sites[i];
		const struct rw_section *sec = &e->sections[s->sec];
		uint32_t addr = rw_section_addr(e, sec, s->offset), symoff = 0;
		const char *sym = rw_elf_symbol_at(e, s->sec, s->offset, &symoff);
		char dis[128], where[512] = "";
		int line = 0;
		const char *file = src ? rw_srcline_lookup(src, s->sec, s->offset, &line) : NULL;

		if (only_sensitive && s->present)
			continue;
		rw_disasm(s->insn, addr, r->arch, dis, sizeof(dis));
		for (char *p = dis; *p; p++)
			if (*p == '\t')
				*p = ' ';
		if (file)
			snprintf(where, sizeof(where), "%s:%d", file, line);
		if (r->opt.json) {
			printf("%s\n    {\"section\": ", first ? "" : ",");
			json_string(sec->name);
			printf(", \"offset\": %u, \"address\": \"0x%08x\", \"symbol\": ", s->offset, addr);
			if (sym)
				json_string(sym);
			else
				printf("null");
			printf(", \"symbol_offset\": %u, \"insn\": \"0x%08x\", \"disasm\": ", symoff, s->insn);
			json_string(dis);
			printf(", \"class\": \"%s\", \"group\": \"%s\", \"form\": \"%s\", \"trap\": \"0x%08x\", \"already_trap\": %s, \"source\": ",
			       s->form->name, armpv_group_names[s->form->group], s->form->form,
			       s->trap, s->present ? "true" : "false");
			if (file)
				json_string(where);
			else
				printf("null");
			printf("}");
			first = false;
			continue;
		}
		printf("%s+0x%06x %08x <%s+0x%x> %08x %-28s -> %08x%s%s%s\n", sec->name,
		       s->offset, addr, sym ? sym : "?", symoff, s->insn, dis, s->trap,
		       s->present ? " (already)" : "", *where ? "  " : "", where);
	}
	if (r->opt.json) {
		printf("%s],\n  \"counts\": {", first ? "" : "\n  ");
		bool f2 = true;
		for (unsigned k = 1; k < ARMPV_NINSNS; k++) {
			printf("%s\"%s\": %lu", f2 ? "" : ", ", armpv_insn_names[k], r->counts[k]);
			f2 = false;
		}
		printf("},\n  \"nsites\": %zu,\n  \"to_rewrite\": %zu,\n  \"already_trap\": %zu\n}\n",
		       r->nsites, r->nrewrite, r->nsites - r->nrewrite);
	}
	rw_srcline_close(src);
}

static void summary(const struct run *r, const char *verb)
{
	if (r->opt.quiet || r->opt.json)
		return;
	fprintf(stderr, "armpv-rewrite: %s: %s %zu site%s (%s)", r->opt.input, verb,
		r->nrewrite, r->nrewrite == 1 ? "" : "s", armpv_arch_name(r->arch));
	if (r->nsites > r->nrewrite)
		fprintf(stderr, ", %zu already trap words", r->nsites - r->nrewrite);
	for (unsigned k = 1; k < ARMPV_NINSNS; k++)
		if (r->counts[k])
			fprintf(stderr, "%s %s %lu", k ? "," : "", armpv_insn_names[k], r->counts[k]);
	fputc('\n', stderr);
}

/* Write output: a temporary file beside it gets a copy of the input, the
 * trap words and the record; it is read back and checked, then renamed into
 * place.  'sites' NULL copies the input unchanged. */
static enum rw_status emit_file(struct run *r, const char *out, bool rewrite)
{
	struct rw_elf *e = &r->elf;
	struct rw_record_patch patch = { 0 };
	enum rw_status st = RW_OK;
	struct stat sb;
	size_t len = strlen(out) + 32;
	char *tmp = malloc(len);

	if (!tmp)
		return RW_IO;
	if (rewrite && (st = rw_record_prepare(e, &r->record, r->arch, r->counts, &patch)) != RW_OK) {
		free(tmp);
		return st;
	}
	snprintf(tmp, len, "%s.armpv-XXXXXX", out);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		rw_error(out, "cannot create a temporary file beside it: %s", strerror(errno));
		free(tmp);
		rw_record_free(&patch);
		return RW_IO;
	}
	st = rw_elf_copy(e, fd);
	for (size_t i = 0; rewrite && st == RW_OK && i < r->nsites; i++) {
		const struct site *s = &r->sites[i];
		unsigned char w[4];
		if (s->present)
			continue;
		rw_put_le32(w, s->trap);
		if (pwrite(fd, w, 4, (off_t)(e->sections[s->sec].shdr.sh_offset + s->offset)) != 4) {
			rw_error(out, "write error: %s", strerror(errno));
			st = RW_IO;
		}
	}
	if (rewrite && st == RW_OK)
		st = rw_record_apply(fd, e, &patch);
	rw_record_free(&patch);
	if (st == RW_OK && fstat(e->fd, &sb) == 0)
		(void)fchmod(fd, sb.st_mode & 07777);
	if (st == RW_OK && fsync(fd) != 0)
		st = RW_IO;
	if (close(fd) != 0)
		st = RW_IO;
	/* The input is no longer needed: drop it before reading the result
	 * back, so that the two are never in memory together. */
	rw_elf_close(e);
	if (st == RW_OK && rewrite) {
		struct rw_elf check;
		st = rw_elf_open(tmp, &check);
		if (st == RW_OK && !rw_record_find(&check, NULL)) {
			rw_error(tmp, "written file has no armpv record");
			st = RW_IO;
		}
		rw_elf_close(&check);
	}
	if (st == RW_OK && rename(tmp, out) != 0) {
		rw_error(out, "cannot rename %s into place: %s", tmp, strerror(errno));
		st = RW_IO;
	}
	if (st != RW_OK) {
		unlink(tmp);
		rw_error(out, "nothing written");
	}
	free(tmp);
	return st;
}

static enum rw_status write_output(struct run *r)
{
	return emit_file(r, r->opt.output ? r->opt.output : r->opt.input, true);
}

/* Copy the input unchanged to --output (nothing to rewrite). */
static enum rw_status copy_output(struct run *r)
{
	if (!r->opt.output || !strcmp(r->opt.output, r->opt.input))
		return RW_OK;
	return emit_file(r, r->opt.output, false);
}

int main(int argc, char **argv)
{
	struct run r = { 0 };
	enum rw_status st;

	if ((st = parse_options(argc, argv, &r.opt)) != RW_OK)
		return st;
	if ((st = rw_elf_open(r.opt.input, &r.elf)) != RW_OK)
		goto out;
	if ((st = choose_arch(&r)) != RW_OK)
		goto out;
	if (rw_record_find(&r.elf, &r.record) &&
	    (r.record.version != ARMPV_TABLES_VERSION ||
	     r.record.layout != ARMPV_TABLES_LAYOUT_HASH)) {
		rw_error(r.opt.input, "rewritten with tables version %u (layout 0x%08x); this armpv-rewrite has version %d (0x%08x): rebuild from the unrewritten file",
			 r.record.version, r.record.layout, ARMPV_TABLES_VERSION,
			 ARMPV_TABLES_LAYOUT_HASH);
		st = RW_CANNOT;
		goto out;
	}
	if ((st = find_sites(&r)) != RW_OK)
		goto out;
	qsort(r.sites, r.nsites, sizeof(*r.sites), site_cmp);
	if (r.record.found && r.record.arch && r.record.arch != r.arch && !r.opt.arch)
		r.arch = r.record.arch;

	if (r.opt.check) {
		if (r.opt.list || r.opt.json || r.nrewrite)
			report_sites(&r, true);
		summary(&r, r.nrewrite ? "sensitive instructions left:" : "clean:");
		st = r.nrefused ? check_refused(&r) : r.nrewrite ? RW_SENSITIVE : RW_OK;
		goto out;
	}
	if ((st = check_refused(&r)) != RW_OK || (st = check_relocations(&r)) != RW_OK) {
		rw_error(r.opt.input, "nothing written");
		goto out;
	}
	if (r.nsites > r.nrewrite && !r.record.found)
		rw_warn(r.opt.input, "%zu words are already armpv trap words but the file has no armpv record (rewritten by armpv-as, or the code uses the trap space itself: check with --list)",
			r.nsites - r.nrewrite);
	if (r.opt.list || r.opt.json)
		report_sites(&r, false);
	if (r.opt.dry_run) {
		summary(&r, "would rewrite");
		goto out;
	}
	/* An object with nothing sensitive and no trap word is left exactly
	 * as it is: it has nothing to record, and an appended record would
	 * change, for instance, the vDSO image the kernel embeds. */
	if (r.nsites == 0 && !r.record.found && r.elf.ehdr.e_type == ET_REL) {
		if (!r.opt.quiet && !r.opt.json)
			fprintf(stderr, "armpv-rewrite: %s: no sensitive instructions; nothing changed\n",
				r.opt.input);
		st = copy_output(&r);
		goto out;
	}
	if (r.nrewrite == 0 && r.record.found && rw_record_matches(&r.record, r.arch, r.counts)) {
		if (!r.opt.quiet && !r.opt.json)
			fprintf(stderr, "armpv-rewrite: %s: already rewritten (tables version %u, %zu trap sites); nothing changed\n",
				r.opt.input, r.record.version, r.nsites);
		st = copy_output(&r);
		goto out;
	}
	if ((st = write_output(&r)) != RW_OK)
		goto out;
	summary(&r, "rewrote");
out:
	free(r.sites);
	free(r.refused);
	rw_elf_close(&r.elf);
	return st;
}
