// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * armpv-tables -- inspect the sensitive-instruction tables.
 *
 *   armpv-tables classify [--arch A] WORD...
 *   armpv-tables encode   [--arch A] WORD...
 *   armpv-tables decode   WORD...
 *   armpv-tables list
 *   armpv-tables scan     [--arch A] FILE
 *   armpv-tables version
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "armpv_tables.h"

enum exit_status {
	EXIT_OK = 0,	   /* every word had the asked-for property */
	EXIT_NEGATIVE = 1, /* some word was not sensitive / not a trap word */
	EXIT_USAGE = 2,	   /* bad command line or unreadable file */
};

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: armpv-tables COMMAND [OPTIONS] [ARGS]\n"
		"\n"
		"Inspect armpv's tables of the ARMv5TE/ARMv6 sensitive instructions and\n"
		"their trap words (generated from tables/armpv.spec).\n"
		"\n"
		"Commands:\n"
		"  classify [--arch A] WORD...  is each ARM word sensitive? which\n"
		"                               instruction and form, with its fields\n"
		"  encode [--arch A] WORD...    the trap word replacing each word\n"
		"  decode WORD...               the instruction a trap word stands for\n"
		"  list                         every form: architectures, instruction\n"
		"                               and trap templates, spec line\n"
		"  scan [--arch A] FILE         classify every little-endian word of a\n"
		"                               raw binary (objcopy -O binary); it has no\n"
		"                               mapping symbols, so data reads as code\n"
		"  version                      layout version and hash of the tables\n"
		"\n"
		"Options:\n"
		"  --arch A                     the architecture whose sensitive set\n"
		"                               classify, encode and scan use\n"
		"  -h, --help                   this text\n"
		"  --version                    the same as the version command\n"
		"\n"
		"WORD is hexadecimal, with or without 0x.  A is armv5te or armv6\n"
		"(default armv6 for classify/encode/scan: the larger set; both are\n"
		"reported by classify).\n"
		"\n"
		"Exit status: 0 every word sensitive (classify, encode) or a trap word\n"
		"(decode); 1 some word was not; 2 usage or file error.\n");
}

static bool parse_word(const char *s, uint32_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 16);
	if (errno || end == s || *end || v > 0xffffffffull) {
		fprintf(stderr, "armpv-tables: \"%s\" is not a 32-bit hexadecimal word\n", s);
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

static void print_archs(unsigned archs)
{
	bool first = true;

	for (unsigned a = 0; a < ARMPV_NARCHS; a++)
		if (archs & (1u << a)) {
			printf("%s%s", first ? "" : ",", armpv_arch_names[a]);
			first = false;
		}
	if (first)
		printf("none");
}

static void print_fields(const struct armpv_form *f, uint32_t insn)
{
	for (unsigned k = 0; k < ARMPV_NFIELDS; k++)
		if (armpv_form_has_field(f, k))
			printf(" %s=0x%x", armpv_fields[k].name,
			       armpv_field(f, insn, k));
}

static void print_form(const struct armpv_form *f)
{
	printf("%s %s (%s)", armpv_group_names[f->group], f->name,
	       strcmp(f->form, "-") ? f->form : "only form");
}

static int cmd_classify(unsigned arch, int n, char **words)
{
	int rc = EXIT_OK;

	for (int i = 0; i < n; i++) {
		uint32_t w;
		if (!parse_word(words[i], &w))
			return EXIT_USAGE;
		const struct armpv_form *f = armpv_match(w);
		unsigned archs = f ? armpv_sensitive_archs(f, w) : 0;
		printf("%08x: ", w);
		if (!f || !(archs & arch)) {
			rc = EXIT_NEGATIVE;
			printf("not sensitive on %s", armpv_arch_name(arch));
			if (archs) {
				printf(" (sensitive on ");
				print_archs(archs);
				printf(")");
			}
			printf("\n");
			continue;
		}
		print_form(f);
		printf(" on ");
		print_archs(archs);
		printf(" -> trap %08x\n          %s;", armpv_encode(f, w), f->text);
		print_fields(f, w);
		printf("\n");
	}
	return rc;
}

static int cmd_encode(unsigned arch, int n, char **words)
{
	int rc = EXIT_OK;

	for (int i = 0; i < n; i++) {
		uint32_t w;
		if (!parse_word(words[i], &w))
			return EXIT_USAGE;
		const struct armpv_form *f = armpv_classify(w, arch);
		if (!f) {
			fprintf(stderr, "armpv-tables: %08x is not sensitive on %s\n",
				w, armpv_arch_name(arch));
			rc = EXIT_NEGATIVE;
			continue;
		}
		printf("%08x\n", armpv_encode(f, w));
	}
	return rc;
}

static int cmd_decode(int n, char **words)
{
	int rc = EXIT_OK;

	for (int i = 0; i < n; i++) {
		uint32_t t, insn;
		if (!parse_word(words[i], &t))
			return EXIT_USAGE;
		const struct armpv_form *f = armpv_decode(t, &insn);
		if (!f) {
			printf("%08x: not an armpv trap word\n", t);
			rc = EXIT_NEGATIVE;
			continue;
		}
		printf("%08x: trap for %08x, ", t, insn);
		print_form(f);
		printf(" in %s\n          %s;", armpv_trapspaces[f->space].name,
		       f->text);
		print_fields(f, insn);
		printf("\n");
	}
	return rc;
}

static int cmd_list(void)
{
	printf("# armpv tables, layout version %d, hash 0x%08x\n",
	       ARMPV_TABLES_VERSION, ARMPV_TABLES_LAYOUT_HASH);
	printf("# %-3s %-9s %-9s %-6s %-15s %-21s %-21s %-8s %s\n", "id",
	       "group", "insn", "form", "archs", "insn mask/value",
	       "trap mask/value", "space", "spec line");
	for (unsigned i = 0; i < ARMPV_NFORMS; i++) {
		const struct armpv_form *f = &armpv_forms[i];
		printf("  %-3u %-9s %-9s %-6s ", i, armpv_group_names[f->group],
		       f->name, f->form);
		int len = 0;
		for (unsigned a = 0; a < ARMPV_NARCHS; a++)
			if (f->archs & (1u << a))
				len += printf("%s%s", len ? "," : "", armpv_arch_names[a]);
		printf("%*s %08x/%08x     %08x/%08x     %-8s %u\n",
		       15 - len, "", f->insn_mask, f->insn_value, f->trap_mask,
		       f->trap_value, armpv_trapspaces[f->space].name, f->spec_line);
	}
	return EXIT_OK;
}

static int cmd_scan(unsigned arch, const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char b[4];
	unsigned long off = 0, found = 0, counts[ARMPV_NINSNS] = { 0 };

	if (!fp) {
		fprintf(stderr, "armpv-tables: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	while (fread(b, 1, 4, fp) == 4) {
		uint32_t w = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
		const struct armpv_form *f = armpv_classify(w, arch);
		if (f) {
			uint32_t t = armpv_encode(f, w), back;
			bool ok = armpv_decode(t, &back) == f && back == w;
			printf("%s+0x%06lx: %08x ", path, off, w);
			print_form(f);
			printf(" -> %08x%s\n", t, ok ? "" : "  ROUND TRIP FAILED");
			found++;
			counts[f->insn]++;
		}
		off += 4;
	}
	if (ferror(fp)) {
		fprintf(stderr, "armpv-tables: %s: read error at offset 0x%lx\n", path, off);
		fclose(fp);
		return EXIT_USAGE;
	}
	fclose(fp);
	printf("%s: %lu words, %lu sensitive on %s", path, off / 4, found,
	       armpv_arch_name(arch));
	for (unsigned k = 1; k < ARMPV_NINSNS; k++)
		if (counts[k])
			printf(", %s %lu", armpv_insn_names[k], counts[k]);
	printf("\n");
	return EXIT_OK;
}

static int cmd_version(void)
{
	printf("armpv tables layout version %d, hash 0x%08x\n",
	       ARMPV_TABLES_VERSION, ARMPV_TABLES_LAYOUT_HASH);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	unsigned arch = ARMPV_ARCH_ARMV6;
	int i;

	/* Options may come before or after the command. */
	const char *cmd = NULL;
	char *args[argc];
	int n = 0;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--arch") && i + 1 < argc) {
			arch = armpv_arch_parse(argv[++i]);
			if (!arch) {
				fprintf(stderr, "armpv-tables: unknown architecture \"%s\" (armv5te or armv6)\n",
					argv[i]);
				return EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--version")) {
			return cmd_version();
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			fprintf(stderr, "armpv-tables: unknown option %s\n", argv[i]);
			return EXIT_USAGE;
		} else if (!cmd) {
			cmd = argv[i];
		} else {
			args[n++] = argv[i];
		}
	}
	if (!cmd) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(cmd, "classify") && n > 0)
		return cmd_classify(arch, n, args);
	if (!strcmp(cmd, "encode") && n > 0)
		return cmd_encode(arch, n, args);
	if (!strcmp(cmd, "decode") && n > 0)
		return cmd_decode(n, args);
	if (!strcmp(cmd, "list") && n == 0)
		return cmd_list();
	if (!strcmp(cmd, "scan") && n == 1)
		return cmd_scan(arch, args[0]);
	if (!strcmp(cmd, "version") && n == 0)
		return cmd_version();
	usage(stderr);
	return EXIT_USAGE;
}
