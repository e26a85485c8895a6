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
#include "scan.h"
#include "srcline.h"

struct options {
	const char *input, *output;
	unsigned arch; /* 0: from the file */
	bool check, list, json, dry_run, assume_arm, quiet;
	bool user_file, no_default_user_code;
	struct rw_user_pair *user; /* --user-code START:END */
	size_t nuser;
};

struct run {
	struct options opt;
	struct rw_elf elf;
	unsigned arch;
	struct rw_scan scan;
	struct rw_record record; /* what the file already says */
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
		"      --assume-arm    read executable bytes that no mapping symbol covers\n"
		"                      (sections without any, bytes before the first one) as\n"
		"                      ARM code (warns); without it they are an error unless\n"
		"                      they are zero\n"
		"      --user-code START:END\n"
		"                      the code from symbol START to symbol END is user-mode\n"
		"                      code the kernel copies to user space: keep it as it is\n"
		"                      (repeatable; __kuser_helper_start:__kuser_helper_end and\n"
		"                      vdso_start:vdso_end are looked for by default)\n"
		"      --no-default-user-code\n"
		"                      do not look for the default user-code symbols\n"
		"      --user-file     the whole FILE is user-mode code (the vDSO's objects):\n"
		"                      rewrite nothing, say what is kept\n"
		"  -q, --quiet         no summary line\n"
		"  -h, --help          this text\n"
		"      --version       versions of armpv-rewrite and of the tables\n"
		"\n"
		"Exit status:\n"
		"  0  done, or nothing to do       3  FILE is not valid 32-bit LE ARM ELF\n"
		"  1  --check found sensitive      4  FILE cannot be rewritten safely (a\n"
		"     instructions                    relocation on a site, Thumb CPS, an\n"
		"  2  bad command line                UNPREDICTABLE encoding, executable\n"
		"                                     bytes the scan cannot read, a bad\n"
		"                                     user-code range); nothing written\n"
		"                                  5  I/O error; nothing written\n");
}

/* --user-code START:END; the strings stay in argv. */
static bool add_user_pair(struct options *o, char *arg)
{
	char *colon = strchr(arg, ':');
	struct rw_user_pair *p;

	if (!colon || colon == arg || !colon[1] || strchr(colon + 1, ':')) {
		fprintf(stderr, "armpv-rewrite: --user-code \"%s\": expected START:END, two symbol names\n",
			arg);
		return false;
	}
	p = realloc(o->user, (o->nuser + 1) * sizeof(*p));
	if (!p) {
		fprintf(stderr, "armpv-rewrite: out of memory\n");
		return false;
	}
	*colon = 0;
	p[o->nuser++] = (struct rw_user_pair){ arg, colon + 1, false };
	o->user = p;
	return true;
}

static enum rw_status parse_options(int argc, char **argv, struct options *o)
{
	enum {
		OPT_ARCH = 256,
		OPT_CHECK,
		OPT_LIST,
		OPT_JSON,
		OPT_ASSUME,
		OPT_VERSION,
		OPT_USER_CODE,
		OPT_NO_DEFAULT_USER,
		OPT_USER_FILE,
	};
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "assume-arm", no_argument, NULL, OPT_ASSUME },
		{ "user-code", required_argument, NULL, OPT_USER_CODE },
		{ "no-default-user-code", no_argument, NULL, OPT_NO_DEFAULT_USER },
		{ "user-file", no_argument, NULL, OPT_USER_FILE },
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
		case OPT_USER_CODE:
			if (!add_user_pair(o, optarg))
				return RW_USAGE;
			break;
		case OPT_NO_DEFAULT_USER: o->no_default_user_code = true; break;
		case OPT_USER_FILE: o->user_file = true; break;
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

static enum rw_status find_sites(struct run *r)
{
	struct rw_user_pair *pairs = r->opt.user;
	size_t n = r->opt.nuser;
	struct rw_scan_options o = { r->arch, r->opt.assume_arm, r->opt.user_file, NULL, 0 };

	if (!r->opt.no_default_user_code) {
		pairs = realloc(r->opt.user, (n + rw_default_user_code_count) * sizeof(*pairs));
		if (!pairs) {
			rw_error(r->opt.input, "out of memory");
			return RW_IO;
		}
		r->opt.user = pairs;
		memcpy(pairs + n, rw_default_user_code,
		       rw_default_user_code_count * sizeof(*pairs));
		n += rw_default_user_code_count;
	}
	o.user = pairs;
	o.nuser = n;
	return rw_scan_sites(&r->elf, &o, &r->scan);
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
	for (size_t i = 0; i < r->scan.nsites; i++) {
		const struct rw_site *s = &r->scan.sites[i];
		const struct rw_section *sec = &e->sections[s->sec];
		uint32_t addr = rw_section_addr(e, sec, s->offset), symoff = 0;
		const char *sym = rw_elf_symbol_at(e, s->sec, s->offset, &symoff);
		char dis[128], where[512] = "";
		int line = 0;
		const char *file = src ? rw_srcline_lookup(src, s->sec, s->offset, &line) : NULL;

		if (only_sensitive && (s->present || s->user))
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
			printf(", \"class\": \"%s\", \"group\": \"%s\", \"form\": \"%s\", \"trap\": \"0x%08x\", \"already_trap\": %s, \"user_code\": %s, \"source\": ",
			       s->form->name, armpv_group_names[s->form->group], s->form->form,
			       s->trap, s->present ? "true" : "false", s->user ? "true" : "false");
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
		       s->present ? " (already)" : s->user ? " (user code: kept)" : "",
		       *where ? "  " : "", where);
	}
	if (r->opt.json) {
		printf("%s],\n  \"counts\": {", first ? "" : "\n  ");
		bool f2 = true;
		for (unsigned k = 1; k < ARMPV_NINSNS; k++) {
			printf("%s\"%s\": %lu", f2 ? "" : ", ", armpv_insn_names[k],
			       r->scan.counts[k]);
			f2 = false;
		}
		printf("},\n  \"nsites\": %zu,\n  \"to_rewrite\": %zu,\n  \"already_trap\": %zu,\n  \"user_code_kept\": %zu\n}\n",
		       r->scan.nsites, r->scan.nrewrite,
		       r->scan.nsites - r->scan.nrewrite - r->scan.nkept, r->scan.nkept);
	}
	rw_srcline_close(src);
}

static void summary(const struct run *r, const char *verb)
{
	const struct rw_scan *sc = &r->scan;
	size_t traps = sc->nsites - sc->nrewrite - sc->nkept;

	if (r->opt.quiet || r->opt.json)
		return;
	fprintf(stderr, "armpv-rewrite: %s: %s %zu site%s (%s)", r->opt.input, verb,
		sc->nrewrite, sc->nrewrite == 1 ? "" : "s", armpv_arch_name(r->arch));
	if (traps)
		fprintf(stderr, ", %zu already trap words", traps);
	for (unsigned k = 1; k < ARMPV_NINSNS; k++)
		if (sc->counts[k])
			fprintf(stderr, "%s %s %lu", k ? "," : "", armpv_insn_names[k], sc->counts[k]);
	fputc('\n', stderr);
}

/* Sensitive instructions kept in user-mode code: said even with --quiet,
 * they are rare and the kernel build should show them. */
static void say_kept(const struct run *r)
{
	const struct rw_scan *sc = &r->scan;

	if (!sc->nkept || r->opt.json)
		return;
	if (r->opt.user_file) {
		fprintf(stderr, "armpv-rewrite: %s: user-mode code (--user-file): %zu sensitive instruction%s kept as %s (USR mode runs %s the same natively and under armpv)\n",
			r->opt.input, sc->nkept, sc->nkept == 1 ? "" : "s",
			sc->nkept == 1 ? "it is" : "they are", sc->nkept == 1 ? "it" : "them");
		return;
	}
	for (size_t i = 0; i < sc->nranges; i++) {
		const struct rw_user_range *u = &sc->ranges[i];
		size_t n = 0;
		for (size_t k = 0; k < sc->nsites; k++)
			n += sc->sites[k].user && sc->sites[k].sec == u->sec &&
			     sc->sites[k].offset >= u->from && sc->sites[k].offset < u->to;
		if (n)
			fprintf(stderr, "armpv-rewrite: %s: %zu sensitive instruction%s in user-mode code %s..%s (%s+0x%x..0x%x) kept as %s\n",
				r->opt.input, n, n == 1 ? "" : "s", u->start, u->end,
				r->elf.sections[u->sec].name, u->from, u->to,
				n == 1 ? "it is" : "they are");
	}
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
	if (rewrite &&
	    (st = rw_record_prepare(e, &r->record, r->arch, r->scan.counts, &patch)) != RW_OK) {
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
	if (rewrite && st == RW_OK)
		st = rw_scan_write_traps(e, &r->scan, fd, out);
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

/* Linux's scripts/sign-file appends a signature and this marker to a
 * module (include/linux/module_signature.h). */
#define MODULE_SIG_MAGIC "~Module signature appended~\n"

static bool module_signed(const struct rw_elf *e)
{
	size_t n = strlen(MODULE_SIG_MAGIC);

	return e->ehdr.e_type == ET_REL && e->size >= n &&
	       !memcmp(e->image + e->size - n, MODULE_SIG_MAGIC, n);
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
	struct rw_scan *sc = &r.scan;
	enum rw_status st;

	if ((st = parse_options(argc, argv, &r.opt)) != RW_OK)
		goto out;
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
	/* A rewritten file is read for the architecture it was rewritten
	 * for, before the scan: its sites are that architecture's. */
	if (r.record.found && r.record.arch && !r.opt.arch)
		r.arch = r.record.arch;
	if ((st = find_sites(&r)) != RW_OK) {
		if (st == RW_CANNOT && !r.opt.check)
			rw_error(r.opt.input, "nothing written");
		goto out;
	}
	say_kept(&r);

	if (r.opt.user_file) {
		if (r.opt.list || r.opt.json)
			report_sites(&r, false);
		st = r.opt.check || r.opt.dry_run ? RW_OK : copy_output(&r);
		goto out;
	}
	if (r.opt.check) {
		if (r.opt.list || r.opt.json || sc->nrewrite)
			report_sites(&r, true);
		summary(&r, sc->nrewrite ? "sensitive instructions left:" : "clean:");
		st = sc->nrefused ? rw_scan_check_refused(&r.elf, sc)
		     : sc->nrewrite ? RW_SENSITIVE
				    : RW_OK;
		goto out;
	}
	if ((st = rw_scan_check_refused(&r.elf, sc)) != RW_OK ||
	    (st = rw_scan_check_relocations(&r.elf, sc)) != RW_OK) {
		rw_error(r.opt.input, "nothing written");
		goto out;
	}
	size_t traps = sc->nsites - sc->nrewrite - sc->nkept;
	if (traps && !r.record.found)
		rw_warn(r.opt.input, "%zu words are already armpv trap words but the file has no armpv record (rewritten by armpv-as, or the code uses the trap space itself: check with --list)",
			traps);
	if (r.opt.list || r.opt.json)
		report_sites(&r, false);
	if (r.opt.dry_run) {
		summary(&r, "would rewrite");
		goto out;
	}
	/* An object with nothing to rewrite and no trap word is left exactly
	 * as it is: it has nothing to record. */
	if (sc->nrewrite == 0 && traps == 0 && !r.record.found && r.elf.ehdr.e_type == ET_REL) {
		if (!r.opt.quiet && !r.opt.json)
			fprintf(stderr, "armpv-rewrite: %s: no sensitive instructions; nothing changed\n",
				r.opt.input);
		st = copy_output(&r);
		goto out;
	}
	if (sc->nrewrite == 0 && r.record.found &&
	    rw_record_matches(&r.record, r.arch, sc->counts)) {
		if (!r.opt.quiet && !r.opt.json)
			fprintf(stderr, "armpv-rewrite: %s: already rewritten (tables version %u, %zu trap sites); nothing changed\n",
				r.opt.input, r.record.version, traps);
		st = copy_output(&r);
		goto out;
	}
	if (module_signed(&r.elf)) {
		rw_error(r.opt.input, "a signed module (\"%.26s\" at its end): rewriting it would break the signature; rewrite before signing (armpv-as in the build, or armpv-rewrite then scripts/sign-file)",
			 MODULE_SIG_MAGIC);
		st = RW_CANNOT;
		goto out;
	}
	if ((st = write_output(&r)) != RW_OK)
		goto out;
	summary(&r, "rewrote");
out:
	rw_scan_free(sc);
	free(r.opt.user);
	rw_elf_close(&r.elf);
	return st;
}
