// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tablegen -- turn tables/armpv.spec into C tables and a Markdown layout.
 *
 *   tablegen SPEC [--header OUT.h] [--source OUT.c] [--markdown OUT.md]
 *
 * The spec grammar is documented at the top of armpv.spec and in
 * docs/tables.md.  Every error is reported as "SPEC:LINE: error: ..." and
 * nothing is written unless the whole spec is valid.  Outputs are written to
 * a temporary file and renamed into place.
 *
 * Besides syntax, tablegen proves the properties that only need the
 * templates, not all 2^32 words: instruction rows are pairwise disjoint,
 * trap templates are pairwise disjoint, every trap template lies inside a
 * declared trap space and outside every "never" pattern, every field moves
 * bit for bit.  tests/tables/exhaustive then checks every word.
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ARCHS 8
#define MAX_FIELDS 40
#define MAX_FORMATS 64
#define MAX_ROWS 128
#define MAX_NOTSENS 64
#define MAX_SPACES 8
#define MAX_NEVER 16
#define MAX_THUMB 8
#define MAX_UNPRED 32
#define MAX_INSNS 32
#define MAX_GROUPS 8
#define MAX_MOVES 12
#define NAME_LEN 32
#define TEXT_LEN 96

/* A template: 32 characters, index 0 = bit 31.  '0' '1' literal, 'x' free
 * (trap spaces, never patterns), a letter = field bit. */
struct tmpl {
	char bit[32];
};

struct field {
	char letter;
	char name[NAME_LEN];
	char text[TEXT_LEN];
};

struct format {
	char name[NAME_LEN];
	struct tmpl insn, trap; /* after the format's own bindings */
	struct tmpl fields;	/* the instruction template before them */
	int line;
	bool used;
};

struct row {
	char group[NAME_LEN], name[NAME_LEN], form[NAME_LEN];
	char text[TEXT_LEN];
	unsigned archs;
	int format;
	struct tmpl insn, trap; /* after binding */
	int line;
	int space;
};

struct notsens {
	unsigned archs;
	int format;
	struct tmpl insn;
	char text[TEXT_LEN];
	int line;
};

/* A 16-bit Thumb instruction that is sensitive but has no trap encoding
 * (there is no one-halfword trap able to carry it): the rewriter reports it. */
struct thumb {
	char name[NAME_LEN];
	unsigned archs;
	uint16_t mask, value;
	char text[TEXT_LEN];
	int line;
};

/* Words of a sensitive encoding space the ARM ARM makes UNPREDICTABLE. */
struct unpred {
	unsigned archs;
	struct tmpl t;
	char text[TEXT_LEN];
	int line;
};

struct space {
	char name[NAME_LEN];
	char text[TEXT_LEN];
	struct tmpl t;
	int line;
};

struct never {
	struct tmpl t;
	char text[TEXT_LEN];
	int line;
};

static struct {
	const char *path;
	int version;
	char archs[MAX_ARCHS][NAME_LEN];
	int narchs;
	struct field fields[MAX_FIELDS];
	int nfields;
	struct format formats[MAX_FORMATS];
	int nformats;
	struct row rows[MAX_ROWS];
	int nrows;
	struct notsens notsens[MAX_NOTSENS];
	int nnotsens;
	struct space spaces[MAX_SPACES];
	int nspaces;
	struct never nevers[MAX_NEVER];
	int nnevers;
	struct thumb thumbs[MAX_THUMB];
	int nthumbs;
	struct unpred unpreds[MAX_UNPRED];
	int nunpreds;
	char insns[MAX_INSNS][NAME_LEN];
	char insn_group[MAX_INSNS][NAME_LEN];
	int ninsns;
	char groups[MAX_GROUPS][NAME_LEN];
	int ngroups;
	int errors;
} spec;

static void error_at(int line, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void error_at(int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: error: ", spec.path, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	spec.errors++;
}

/* ------------------------------------------------------------------ */
/* Templates                                                           */

static uint32_t tmpl_mask(const struct tmpl *t)
{
	uint32_t m = 0;

	for (int i = 0; i < 32; i++)
		if (t->bit[i] == '0' || t->bit[i] == '1')
			m |= 1u << (31 - i);
	return m;
}

static uint32_t tmpl_value(const struct tmpl *t)
{
	uint32_t v = 0;

	for (int i = 0; i < 32; i++)
		if (t->bit[i] == '1')
			v |= 1u << (31 - i);
	return v;
}

/* Conditional: the condition field is the letter c in bits 31:28, and the
 * value 1111 never matches (that is the unconditional space). */
static bool tmpl_conditional(const struct tmpl *t)
{
	return t->bit[0] == 'c';
}

static int tmpl_count(const struct tmpl *t, char letter)
{
	int n = 0;

	for (int i = 0; i < 32; i++)
		n += t->bit[i] == letter;
	return n;
}

static void tmpl_string(const struct tmpl *t, char *out)
{
	int k = 0;

	for (int i = 0; i < 32; i++) {
		if (i && i % 4 == 0)
			out[k++] = ' ';
		out[k++] = t->bit[i];
	}
	out[k] = 0;
}

/* Do two templates admit a common word? */
static bool tmpl_intersect(const struct tmpl *a, const struct tmpl *b)
{
	uint32_t ma = tmpl_mask(a), mb = tmpl_mask(b);
	uint32_t va = tmpl_value(a), vb = tmpl_value(b);

	if ((va ^ vb) & ma & mb)
		return false;
	if (tmpl_conditional(a) || tmpl_conditional(b)) {
		uint32_t m = ma | mb, v = (va & ma) | (vb & mb);

		if ((m & 0xf0000000u) == 0xf0000000u &&
		    (v & 0xf0000000u) == 0xf0000000u)
			return false;
	}
	return true;
}

/* Parse a template from whitespace-separated tokens starting at *tok.
 * Returns false (with an error) unless exactly 32 bit characters are read
 * before a token that is not made of template characters. */
static bool parse_tmpl(int line, char **tok, int ntok, int *pos, struct tmpl *t,
		       bool allow_x, bool allow_letters)
{
	int n = 0;

	while (*pos < ntok && n < 32) {
		const char *s = tok[*pos];
		if (strcmp(s, "=>") == 0)
			break;
		for (const char *p = s; *p; p++) {
			char ch = *p;
			bool ok = ch == '0' || ch == '1' ||
				  (allow_x && ch == 'x') ||
				  (allow_letters && isalpha((unsigned char)ch) &&
				   ch != 'x');
			if (!ok) {
				error_at(line, "bad template character '%c' in \"%s\"",
					 ch, s);
				return false;
			}
			if (n == 32) {
				error_at(line, "template longer than 32 bits");
				return false;
			}
			t->bit[n++] = ch;
		}
		(*pos)++;
	}
	/* A further token of bare template bits makes the template longer,
	 * it does not start the description. */
	if (n == 32 && *pos < ntok &&
	    strspn(tok[*pos], "01x") == strlen(tok[*pos])) {
		error_at(line, "template longer than 32 bits");
		return false;
	}
	if (n != 32) {
		error_at(line, "template has %d bits, expected 32", n);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

static int find_field(char letter)
{
	for (int i = 0; i < spec.nfields; i++)
		if (spec.fields[i].letter == letter)
			return i;
	return -1;
}

static int find_format(const char *name)
{
	for (int i = 0; i < spec.nformats; i++)
		if (strcmp(spec.formats[i].name, name) == 0)
			return i;
	return -1;
}

static bool parse_archs(int line, const char *s, unsigned *out)
{
	char buf[128];
	unsigned archs = 0;

	if (strlen(s) >= sizeof(buf)) {
		error_at(line, "architecture list too long");
		return false;
	}
	strcpy(buf, s);
	for (char *save = NULL, *a = strtok_r(buf, ",", &save); a;
	     a = strtok_r(NULL, ",", &save)) {
		int i;
		for (i = 0; i < spec.narchs; i++)
			if (strcmp(spec.archs[i], a) == 0)
				break;
		if (i == spec.narchs) {
			error_at(line, "unknown architecture \"%s\"", a);
			return false;
		}
		archs |= 1u << i;
	}
	*out = archs;
	return archs != 0;
}

static void join_text(char *out, size_t len, char **tok, int from, int ntok)
{
	out[0] = 0;
	for (int i = from; i < ntok; i++) {
		if (i > from)
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, tok[i], len - strlen(out) - 1);
	}
}

static bool copy_name(int line, char *dst, const char *src)
{
	if (strlen(src) >= NAME_LEN) {
		error_at(line, "name \"%s\" too long", src);
		return false;
	}
	for (const char *p = src; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-') {
			error_at(line, "bad character in name \"%s\"", src);
			return false;
		}
	strcpy(dst, src);
	return true;
}

/* Apply L=BITS bindings (tokens from *pos while they contain '=') to an
 * instruction template and, if trap is not NULL, to its trap template. */
static bool apply_bindings(int line, char **tok, int ntok, int *pos,
			   struct tmpl *insn, struct tmpl *trap)
{
	while (*pos < ntok && strchr(tok[*pos], '=')) {
		const char *b = tok[*pos];
		char letter = b[0];
		const char *val = b + 2;
		int n = tmpl_count(insn, letter);

		if (b[1] != '=' || find_field(letter) < 0) {
			error_at(line, "bad binding \"%s\"", b);
			return false;
		}
		if (letter == 'c') {
			error_at(line, "the condition cannot be bound");
			return false;
		}
		if (n == 0 || (int)strlen(val) != n) {
			error_at(line, "binding \"%s\": field %c has %d bits here",
				 b, letter, n);
			return false;
		}
		for (struct tmpl *t = insn; t; t = (t == insn ? trap : NULL)) {
			int k = 0;
			for (int i = 0; i < 32; i++) {
				if (t->bit[i] != letter)
					continue;
				char v = val[k++];
				if (v != '0' && v != '1' && v != 'x') {
					error_at(line, "binding \"%s\": bad bit '%c'",
						 b, v);
					return false;
				}
				if (v != 'x')
					t->bit[i] = v;
			}
		}
		(*pos)++;
	}
	return true;
}

static int intern(char names[][NAME_LEN], int *n, int max, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	if (*n == max)
		return -1;
	strcpy(names[*n], s);
	return (*n)++;
}

static void parse_line(int line, char **tok, int ntok)
{
	const char *kw = tok[0];
	int pos;

	if (strcmp(kw, "version") == 0) {
		if (ntok != 2 || (spec.version = atoi(tok[1])) <= 0)
			error_at(line, "version needs a positive number");
	} else if (strcmp(kw, "arch") == 0) {
		if (ntok != 2 || spec.narchs == MAX_ARCHS) {
			error_at(line, "arch needs exactly one name");
			return;
		}
		for (int i = 0; i < spec.narchs; i++)
			if (strcmp(spec.archs[i], tok[1]) == 0) {
				error_at(line, "arch %s declared twice", tok[1]);
				return;
			}
		copy_name(line, spec.archs[spec.narchs++], tok[1]);
	} else if (strcmp(kw, "field") == 0) {
		struct field *f = &spec.fields[spec.nfields];
		if (ntok < 3 || strlen(tok[1]) != 1 ||
		    !isalpha((unsigned char)tok[1][0]) || tok[1][0] == 'x') {
			error_at(line, "field needs a letter (not x) and a name");
			return;
		}
		if (find_field(tok[1][0]) >= 0) {
			error_at(line, "field letter %c declared twice", tok[1][0]);
			return;
		}
		for (int i = 0; i < spec.nfields; i++)
			if (strcmp(spec.fields[i].name, tok[2]) == 0) {
				error_at(line, "field name %s declared twice", tok[2]);
				return;
			}
		if (spec.nfields == MAX_FIELDS) {
			error_at(line, "too many fields");
			return;
		}
		f->letter = tok[1][0];
		if (!copy_name(line, f->name, tok[2]))
			return;
		join_text(f->text, sizeof(f->text), tok, 3, ntok);
		spec.nfields++;
	} else if (strcmp(kw, "trapspace") == 0) {
		struct space *s = &spec.spaces[spec.nspaces];
		if (ntok < 3 || spec.nspaces == MAX_SPACES) {
			error_at(line, "trapspace needs a name and a template");
			return;
		}
		if (!copy_name(line, s->name, tok[1]))
			return;
		pos = 2;
		if (!parse_tmpl(line, tok, ntok, &pos, &s->t, true, true))
			return;
		for (int i = 0; i < 32; i++)
			if (isalpha((unsigned char)s->t.bit[i]) &&
			    s->t.bit[i] != 'x' && !(s->t.bit[i] == 'c' && i < 4)) {
				error_at(line, "trap space may use only 0, 1, x and cccc");
				return;
			}
		join_text(s->text, sizeof(s->text), tok, pos, ntok);
		s->line = line;
		spec.nspaces++;
	} else if (strcmp(kw, "never") == 0) {
		struct never *nv = &spec.nevers[spec.nnevers];
		if (spec.nnevers == MAX_NEVER) {
			error_at(line, "too many never patterns");
			return;
		}
		pos = 1;
		if (!parse_tmpl(line, tok, ntok, &pos, &nv->t, true, false))
			return;
		join_text(nv->text, sizeof(nv->text), tok, pos, ntok);
		nv->line = line;
		spec.nnevers++;
	} else if (strcmp(kw, "format") == 0) {
		struct format *f = &spec.formats[spec.nformats];
		if (ntok < 3 || spec.nformats == MAX_FORMATS) {
			error_at(line, "format needs a name and two templates");
			return;
		}
		if (!copy_name(line, f->name, tok[1]))
			return;
		if (find_format(f->name) >= 0) {
			error_at(line, "format %s defined twice", f->name);
			return;
		}
		pos = 2;
		if (!parse_tmpl(line, tok, ntok, &pos, &f->insn, false, true))
			return;
		if (pos >= ntok || strcmp(tok[pos], "=>") != 0) {
			error_at(line, "expected \"=>\" after the instruction template");
			return;
		}
		pos++;
		if (!parse_tmpl(line, tok, ntok, &pos, &f->trap, false, true))
			return;
		f->fields = f->insn;
		/* Whole fields bound by the format itself: constants in both
		 * templates (the trap may leave them out, its place in the trap
		 * space saying them), yet still fields for armpv_field(). */
		for (; pos < ntok && strchr(tok[pos], '='); pos++) {
			const char *b = tok[pos], *val = b + 2;
			char letter = b[0];
			int n = tmpl_count(&f->insn, letter), nt = tmpl_count(&f->trap, letter);
			if (b[1] != '=' || find_field(letter) < 0 || letter == 'c' ||
			    n == 0 || (int)strlen(val) != n || strspn(val, "01") != (size_t)n ||
			    (nt != 0 && nt != n)) {
				error_at(line, "bad format binding \"%s\": it must give every bit of a field of the instruction template as 0 or 1",
					 b);
				return;
			}
			for (struct tmpl *tp = &f->insn; tp; tp = tp == &f->insn ? &f->trap : NULL)
				for (int i = 0, k = 0; i < 32; i++)
					if (tp->bit[i] == letter)
						tp->bit[i] = val[k++];
		}
		if (pos != ntok) {
			error_at(line, "unexpected \"%s\" after the trap template",
				 tok[pos]);
			return;
		}
		f->line = line;
		spec.nformats++;
	} else if (strcmp(kw, "insn") == 0) {
		struct row *r = &spec.rows[spec.nrows];
		if (ntok < 7 || spec.nrows == MAX_ROWS) {
			error_at(line, "insn needs GROUP NAME FORM ARCHS FORMAT");
			return;
		}
		if (!copy_name(line, r->group, tok[1]) ||
		    !copy_name(line, r->name, tok[2]) ||
		    !copy_name(line, r->form, tok[3]) ||
		    !parse_archs(line, tok[4], &r->archs))
			return;
		r->format = find_format(tok[5]);
		if (r->format < 0) {
			error_at(line, "unknown format \"%s\"", tok[5]);
			return;
		}
		spec.formats[r->format].used = true;
		r->insn = spec.formats[r->format].insn;
		r->trap = spec.formats[r->format].trap;
		pos = 6;
		if (!apply_bindings(line, tok, ntok, &pos, &r->insn, &r->trap))
			return;
		join_text(r->text, sizeof(r->text), tok, pos, ntok);
		r->line = line;
		int g = intern(spec.groups, &spec.ngroups, MAX_GROUPS, r->group);
		int k = intern(spec.insns, &spec.ninsns, MAX_INSNS, r->name);
		if (g < 0 || k < 0) {
			error_at(line, "too many groups or instructions");
			return;
		}
		if (spec.insn_group[k][0] &&
		    strcmp(spec.insn_group[k], r->group) != 0) {
			error_at(line, "instruction %s is in group %s elsewhere",
				 r->name, spec.insn_group[k]);
			return;
		}
		strcpy(spec.insn_group[k], r->group);
		spec.nrows++;
	} else if (strcmp(kw, "unpredictable") == 0) {
		struct unpred *u = &spec.unpreds[spec.nunpreds];
		if (ntok < 3 || spec.nunpreds == MAX_UNPRED) {
			error_at(line, "unpredictable needs ARCHS TEMPLATE");
			return;
		}
		if (!parse_archs(line, tok[1], &u->archs))
			return;
		pos = 2;
		if (!parse_tmpl(line, tok, ntok, &pos, &u->t, true, true))
			return;
		for (int i = 0; i < 32; i++)
			if (isalpha((unsigned char)u->t.bit[i]) && u->t.bit[i] != 'x' &&
			    !(u->t.bit[i] == 'c' && i < 4)) {
				error_at(line, "unpredictable template may use only 0, 1, x and cccc");
				return;
			}
		join_text(u->text, sizeof(u->text), tok, pos, ntok);
		u->line = line;
		spec.nunpreds++;
	} else if (strcmp(kw, "thumb") == 0) {
		struct thumb *th = &spec.thumbs[spec.nthumbs];
		int n = 0;
		if (ntok < 4 || spec.nthumbs == MAX_THUMB) {
			error_at(line, "thumb needs NAME ARCHS TEMPLATE16");
			return;
		}
		if (!copy_name(line, th->name, tok[1]) ||
		    !parse_archs(line, tok[2], &th->archs))
			return;
		th->mask = th->value = 0;
		for (pos = 3; pos < ntok && n < 16; pos++) {
			for (const char *p = tok[pos]; *p; p++, n++) {
				if (n == 16 || (*p != '0' && *p != '1' && *p != 'x')) {
					error_at(line, "thumb template: 16 characters of 0, 1, x");
					return;
				}
				if (*p != 'x')
					th->mask |= (uint16_t)(1u << (15 - n));
				if (*p == '1')
					th->value |= (uint16_t)(1u << (15 - n));
			}
		}
		if (n == 16 && pos < ntok &&
		    strspn(tok[pos], "01x") == strlen(tok[pos])) {
			error_at(line, "thumb template longer than 16 bits");
			return;
		}
		if (n != 16) {
			error_at(line, "thumb template has %d bits, expected 16", n);
			return;
		}
		join_text(th->text, sizeof(th->text), tok, pos, ntok);
		th->line = line;
		spec.nthumbs++;
	} else if (strcmp(kw, "notsens") == 0) {
		struct notsens *n = &spec.notsens[spec.nnotsens];
		if (ntok < 3 || spec.nnotsens == MAX_NOTSENS) {
			error_at(line, "notsens needs ARCHS FORMAT");
			return;
		}
		if (!parse_archs(line, tok[1], &n->archs))
			return;
		n->format = find_format(tok[2]);
		if (n->format < 0) {
			error_at(line, "unknown format \"%s\"", tok[2]);
			return;
		}
		n->insn = spec.formats[n->format].insn;
		pos = 3;
		if (!apply_bindings(line, tok, ntok, &pos, &n->insn, NULL))
			return;
		join_text(n->text, sizeof(n->text), tok, pos, ntok);
		n->line = line;
		spec.nnotsens++;
	} else {
		error_at(line, "unknown keyword \"%s\"", kw);
	}
}

static bool parse_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char buf[512];
	int line = 0;

	if (!fp) {
		fprintf(stderr, "tablegen: %s: %s\n", path, strerror(errno));
		return false;
	}
	while (fgets(buf, sizeof(buf), fp)) {
		char *tok[64];
		int ntok = 0;

		line++;
		if (!strchr(buf, '\n') && !feof(fp)) {
			error_at(line, "line longer than %zu characters",
				 sizeof(buf) - 2);
			break;
		}
		/* A comment is '#' at the start of a line or after white space,
		 * followed by white space or the end of the line, so that
		 * instruction text may say "#imm". */
		for (char *p = buf; *p; p++)
			if (*p == '#' && (p == buf || isspace((unsigned char)p[-1])) &&
			    (p[1] == 0 || isspace((unsigned char)p[1]))) {
				*p = 0;
				break;
			}
		for (char *save = NULL, *t = strtok_r(buf, " \t\r\n", &save);
		     t && ntok < 64; t = strtok_r(NULL, " \t\r\n", &save))
			tok[ntok++] = t;
		if (ntok)
			parse_line(line, tok, ntok);
	}
	fclose(fp);
	return spec.errors == 0;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */

static void check_format(const struct format *f)
{
	for (int i = 0; i < 32; i++) {
		char ch = f->insn.bit[i];
		if (isalpha((unsigned char)ch) && find_field(ch) < 0)
			error_at(f->line, "format %s: undeclared field %c", f->name, ch);
		ch = f->trap.bit[i];
		if (isalpha((unsigned char)ch) && find_field(ch) < 0)
			error_at(f->line, "format %s: undeclared field %c", f->name, ch);
	}
	for (int k = 0; k < spec.nfields; k++) {
		char l = spec.fields[k].letter;
		int a = tmpl_count(&f->insn, l), b = tmpl_count(&f->trap, l);
		if (a != b)
			error_at(f->line,
				 "format %s: field %c has %d bits in the instruction but %d in the trap",
				 f->name, l, a, b);
	}
	/* All four bits: tmpl_conditional() and the library test bits 31:28. */
	bool cond = tmpl_count(&f->insn, 'c') || tmpl_count(&f->trap, 'c');
	for (int i = 0; cond && i < 32; i++)
		if ((f->insn.bit[i] == 'c') != (i < 4) ||
		    (f->trap.bit[i] == 'c') != (i < 4)) {
			error_at(f->line,
				 "format %s: the condition must be bits 31:28 of both templates, or of neither",
				 f->name);
			break;
		}
	if (!tmpl_conditional(&f->insn)) {
		/* Unconditional forms live in the 1111 space; their trap must be
		 * an always-executed word. */
		if (tmpl_value(&f->trap) >> 28 != 0xe ||
		    (tmpl_mask(&f->trap) >> 28) != 0xf)
			error_at(f->line,
				 "format %s: an unconditional instruction needs an AL (1110) trap",
				 f->name);
	}
}

static void check_row_space(struct row *r)
{
	char s[40];

	r->space = -1;
	for (int i = 0; i < spec.nspaces; i++) {
		const struct tmpl *sp = &spec.spaces[i].t;
		uint32_t sm = tmpl_mask(sp), tm = tmpl_mask(&r->trap);
		if ((sm & ~tm) == 0 &&
		    (tmpl_value(&r->trap) & sm) == tmpl_value(sp)) {
			r->space = i;
			break;
		}
	}
	tmpl_string(&r->trap, s);
	if (r->space < 0) {
		error_at(r->line, "%s %s: trap template %s is in no trap space",
			 r->name, r->form, s);
		return;
	}
	if (!tmpl_conditional(&r->trap) && tmpl_value(&r->trap) >> 28 == 0xf)
		error_at(r->line, "%s %s: trap template has condition 1111",
			 r->name, r->form);
	for (int i = 0; i < spec.nnevers; i++)
		if (tmpl_intersect(&r->trap, &spec.nevers[i].t))
			error_at(r->line,
				 "%s %s: trap template %s meets the never pattern of line %d (%s)",
				 r->name, r->form, s, spec.nevers[i].line,
				 spec.nevers[i].text);
}

struct move {
	uint32_t mask; /* instruction-side bits */
	int shift;     /* trap bit = insn bit + shift */
};

static int row_moves(const struct row *r, struct move *mv);
static int row_notsens(const struct row *r, int *first);

static void validate(void)
{
	if (spec.version <= 0)
		error_at(1, "no version line");
	if (spec.narchs == 0)
		error_at(1, "no arch line");
	for (int i = 0; i < spec.nformats; i++) {
		check_format(&spec.formats[i]);
		if (!spec.formats[i].used)
			error_at(spec.formats[i].line, "format %s is not used by any insn",
				 spec.formats[i].name);
	}
	if (spec.errors)
		return;
	for (int i = 0; i < spec.nrows; i++) {
		struct row *a = &spec.rows[i];
		check_row_space(a);
		for (int j = 0; j < i; j++) {
			struct row *b = &spec.rows[j];
			if (tmpl_intersect(&a->insn, &b->insn))
				error_at(a->line, "%s %s overlaps %s %s (line %d)",
					 a->name, a->form, b->name, b->form, b->line);
			if (tmpl_intersect(&a->trap, &b->trap))
				error_at(a->line,
					 "trap of %s %s overlaps trap of %s %s (line %d)",
					 a->name, a->form, b->name, b->form, b->line);
			if (strcmp(a->name, b->name) == 0 &&
			    strcmp(a->form, b->form) == 0)
				error_at(a->line, "%s %s defined twice (line %d)",
					 a->name, a->form, b->line);
		}
		for (int j = 0; j < spec.nrows; j++)
			if (tmpl_intersect(&a->trap, &spec.rows[j].insn))
				error_at(a->line,
					 "trap of %s %s is itself sensitive (%s %s)",
					 a->name, a->form, spec.rows[j].name,
					 spec.rows[j].form);
	}
	for (int i = 0; i < spec.nunpreds; i++)
		for (int j = 0; j < spec.nrows; j++)
			if (tmpl_intersect(&spec.unpreds[i].t, &spec.rows[j].trap))
				error_at(spec.unpreds[i].line,
					 "unpredictable pattern meets the trap of %s %s",
					 spec.rows[j].name, spec.rows[j].form);
	for (int i = 0; i < spec.nnotsens; i++) {
		bool hit = false;
		for (int j = 0; j < spec.nrows; j++)
			if (spec.rows[j].format == spec.notsens[i].format &&
			    tmpl_intersect(&spec.rows[j].insn, &spec.notsens[i].insn))
				hit = true;
		if (!hit)
			error_at(spec.notsens[i].line,
				 "notsens pattern matches no instruction row");
	}
	/* What the output needs and can still fail: check it before any file
	 * is written. */
	for (int i = 0; i < spec.nrows; i++) {
		struct move mv[MAX_MOVES];
		int first;

		row_moves(&spec.rows[i], mv);
		row_notsens(&spec.rows[i], &first);
	}
}

/* ------------------------------------------------------------------ */
/* Derived data                                                        */

static int row_moves(const struct row *r, struct move *mv)
{
	int n = 0;

	for (int k = 0; k < spec.nfields; k++) {
		char l = spec.fields[k].letter;
		int pi[32], pt[32], ni = 0, nt = 0;
		for (int i = 0; i < 32; i++) {
			if (r->insn.bit[i] == l)
				pi[ni++] = 31 - i;
			if (r->trap.bit[i] == l)
				pt[nt++] = 31 - i;
		}
		for (int i = 0; i < ni; i++) {
			int sh = pt[i] - pi[i], j;
			for (j = 0; j < n; j++)
				if (mv[j].shift == sh)
					break;
			if (j == n) {
				if (n == MAX_MOVES) {
					error_at(r->line, "too many bit moves (> %d)",
						 MAX_MOVES);
					return n;
				}
				mv[n].mask = 0;
				mv[n++].shift = sh;
			}
			mv[j].mask |= 1u << pi[i];
		}
	}
	return n;
}

/* The armpv_notsens entries that apply to row r: those of its format that
 * meet its template.  The library walks them as one run (notsens_first,
 * notsens_count), so no other format's entry may sit among them. */
static int row_notsens(const struct row *r, int *first)
{
	int count = 0;

	*first = -1;
	for (int j = 0; j < spec.nnotsens; j++)
		if (spec.notsens[j].format == r->format &&
		    tmpl_intersect(&r->insn, &spec.notsens[j].insn)) {
			if (*first < 0)
				*first = j;
			count = j - *first + 1;
		}
	for (int j = *first; j >= 0 && j < *first + count; j++)
		if (spec.notsens[j].format != r->format) {
			error_at(r->line, "notsens lines of format %s must be adjacent",
				 spec.formats[r->format].name);
			break;
		}
	return count;
}

/* Field locations come from the unbound format, so that fields bound to
 * constants (the data-processing opcode, B, L, W) can still be read. */
static uint32_t format_field_mask(const struct format *f, char letter)
{
	uint32_t m = 0;

	for (int i = 0; i < 32; i++)
		if (f->fields.bit[i] == letter)
			m |= 1u << (31 - i);
	return m;
}

static uint32_t fnv(uint32_t h, uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 16777619u;
	}
	return h;
}

static uint32_t layout_hash(void)
{
	uint32_t h = 2166136261u;
	struct move mv[MAX_MOVES];

	h = fnv(h, (uint32_t)spec.version);
	for (int i = 0; i < spec.nrows; i++) {
		const struct row *r = &spec.rows[i];
		h = fnv(h, tmpl_mask(&r->insn));
		h = fnv(h, tmpl_value(&r->insn));
		h = fnv(h, tmpl_mask(&r->trap));
		h = fnv(h, tmpl_value(&r->trap));
		int n = row_moves(r, mv);
		for (int j = 0; j < n; j++) {
			h = fnv(h, mv[j].mask);
			h = fnv(h, (uint32_t)mv[j].shift);
		}
	}
	for (int i = 0; i < spec.nnotsens; i++) {
		h = fnv(h, tmpl_mask(&spec.notsens[i].insn));
		h = fnv(h, tmpl_value(&spec.notsens[i].insn));
		h = fnv(h, spec.notsens[i].archs);
	}
	return h;
}

static void upper(char *dst, const char *src)
{
	while (*src) {
		*dst++ = (char)(isalnum((unsigned char)*src) ?
				toupper((unsigned char)*src) : '_');
		src++;
	}
	*dst = 0;
}

static int group_index(const char *name)
{
	for (int i = 0; i < spec.ngroups; i++)
		if (strcmp(spec.groups[i], name) == 0)
			return i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

static void emit_c_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* The bits of letter 'letter' in 't', as a mask. */
static uint32_t tmpl_letter_mask(const struct tmpl *t, char letter)
{
	uint32_t m = 0;

	for (int i = 0; i < 32; i++)
		if (t->bit[i] == letter)
			m |= 1u << (31 - i);
	return m;
}

/*
 * Each format's trap template as preprocessor constants, for code that
 * must decode trap words without the C tables (the bare-metal monitor's
 * assembly fast path): its fixed bits (_FIXED, the mask, and
 * _FIXED_VALUE; the condition's too where the template fixes it) and, per
 * field, the field's bits in the trap word (_FIELD_<name>) and their
 * lowest position (_SHIFT).  No 'u' suffixes: the assembler
 * reads them too.
 */
static void emit_trap_constants(FILE *fp)
{
	char up[NAME_LEN * 2], fu[NAME_LEN * 2];

	fprintf(fp, "/* Trap templates (spec 'format' lines): fixed bits and "
		    "field bits of each\n * trap word; C and assembly. */\n");
	for (int i = 0; i < spec.nformats; i++) {
		const struct format *f = &spec.formats[i];

		upper(up, f->name);
		fprintf(fp, "#define ARMPV_TRAP_%s_FIXED 0x%08x\n", up,
			tmpl_mask(&f->trap));
		fprintf(fp, "#define ARMPV_TRAP_%s_FIXED_VALUE 0x%08x\n", up,
			tmpl_value(&f->trap));
		for (int k = 0; k < spec.nfields; k++) {
			uint32_t m = tmpl_letter_mask(&f->trap,
						      spec.fields[k].letter);

			if (!m)
				continue;
			upper(fu, spec.fields[k].name);
			fprintf(fp, "#define ARMPV_TRAP_%s_FIELD_%s 0x%08x\n", up, fu,
				m);
			fprintf(fp, "#define ARMPV_TRAP_%s_FIELD_%s_SHIFT %d\n", up,
				fu, __builtin_ctz(m));
		}
	}
	fputc('\n', fp);
}

static void emit_header(FILE *fp)
{
	char up[NAME_LEN * 2];

	fprintf(fp, "/* SPDX-License-Identifier: GPL-2.0-or-later */\n"
		    "/* Generated by tables/tablegen from %s: do not edit. */\n"
		    "#ifndef ARMPV_TABLES_GEN_H\n#define ARMPV_TABLES_GEN_H\n\n",
		spec.path);
	fprintf(fp, "#define ARMPV_TABLES_VERSION %d\n", spec.version);
	fprintf(fp, "#define ARMPV_TABLES_LAYOUT_HASH 0x%08xu\n\n", layout_hash());
	fprintf(fp, "/* Architectures: a bit each (spec 'arch' lines). */\n");
	for (int i = 0; i < spec.narchs; i++) {
		upper(up, spec.archs[i]);
		fprintf(fp, "#define ARMPV_ARCH_%s (1u << %d)\n", up, i);
	}
	fprintf(fp, "#define ARMPV_ARCH_ALL 0x%xu\n#define ARMPV_NARCHS %d\n\n",
		(1u << spec.narchs) - 1, spec.narchs);
	emit_trap_constants(fp);
	fprintf(fp, "#ifndef __ASSEMBLER__\n");

	fprintf(fp, "/* The sensitive instructions (spec 'insn' names). */\n"
		    "enum armpv_insn {\n\tARMPV_INSN_NONE = 0,\n");
	for (int i = 0; i < spec.ninsns; i++) {
		upper(up, spec.insns[i]);
		fprintf(fp, "\tARMPV_INSN_%s,\n", up);
	}
	fprintf(fp, "\tARMPV_NINSNS\n};\n\n");

	fprintf(fp, "enum armpv_group {\n");
	for (int i = 0; i < spec.ngroups; i++) {
		upper(up, spec.groups[i]);
		fprintf(fp, "\tARMPV_GROUP_%s,\n", up);
	}
	fprintf(fp, "\tARMPV_NGROUPS\n};\n\n");

	fprintf(fp, "/* Operand fields (spec 'field' lines). */\nenum armpv_field {\n");
	for (int i = 0; i < spec.nfields; i++) {
		upper(up, spec.fields[i].name);
		fprintf(fp, "\tARMPV_FIELD_%s, /* %c: %s */\n", up,
			spec.fields[i].letter, spec.fields[i].text);
	}
	fprintf(fp, "\tARMPV_NFIELDS\n};\n\n");

	fprintf(fp, "/* Forms: one per spec 'insn' line. */\nenum armpv_form_id {\n");
	for (int i = 0; i < spec.nrows; i++) {
		char f[NAME_LEN * 2];
		upper(up, spec.rows[i].name);
		upper(f, spec.rows[i].form);
		fprintf(fp, "\tARMPV_FORM_%s%s%s, /* line %d */\n", up,
			strcmp(spec.rows[i].form, "-") ? "_" : "",
			strcmp(spec.rows[i].form, "-") ? f : "", spec.rows[i].line);
	}
	fprintf(fp, "\tARMPV_NFORMS\n};\n\n");
	fprintf(fp, "#define ARMPV_MAX_MOVES %d\n#define ARMPV_NNOTSENS %d\n"
		    "#define ARMPV_NSPACES %d\n#define ARMPV_NTHUMB %d\n"
		    "#define ARMPV_NUNPREDICTABLE %d\n\n",
		MAX_MOVES, spec.nnotsens, spec.nspaces, spec.nthumbs, spec.nunpreds);
	fprintf(fp, "#endif /* !__ASSEMBLER__ */\n");
	fprintf(fp, "#endif /* ARMPV_TABLES_GEN_H */\n");
}

/* For each value of bits 27:20, the templates compatible with it: lookups
 * then compare a handful of candidates, not every row. */
static void emit_index(FILE *fp, const char *name, const struct tmpl *const *t, int n)
{
	int off[257], k = 0;
	static int list[256 * (MAX_ROWS + MAX_UNPRED)];

	for (int v = 0; v < 256; v++) {
		off[v] = k;
		for (int i = 0; i < n; i++) {
			uint32_t m = tmpl_mask(t[i]) & 0x0ff00000u;
			if (((tmpl_value(t[i]) ^ ((uint32_t)v << 20)) & m) == 0)
				list[k++] = i;
		}
	}
	off[256] = k;
	fprintf(fp, "const unsigned short armpv_%s_index[257] = {", name);
	for (int v = 0; v < 257; v++)
		fprintf(fp, "%s%d,", v % 16 ? " " : "\n\t", off[v]);
	fprintf(fp, "\n};\n\nconst unsigned char armpv_%s_rows[%d] = {", name,
		k ? k : 1);
	for (int i = 0; i < k; i++)
		fprintf(fp, "%s%d,", i % 16 ? " " : "\n\t", list[i]);
	if (!k)
		fprintf(fp, "0");
	fprintf(fp, "\n};\n\n");
}

static void emit_indexes(FILE *fp)
{
	const struct tmpl *t[MAX_ROWS + MAX_UNPRED];

	for (int i = 0; i < spec.nrows; i++)
		t[i] = &spec.rows[i].insn;
	emit_index(fp, "classify", t, spec.nrows);
	for (int i = 0; i < spec.nunpreds; i++)
		t[i] = &spec.unpreds[i].t;
	emit_index(fp, "unpredictable", t, spec.nunpreds);
}

/*
 * The decoder, armpv_decode(), as straight-line C: it runs on every trap
 * the monitor takes, where a walk over the form table (candidate rows by
 * bits 27:20, each move and carve-out a loop iteration) cost about 90 ARM
 * instructions for an MRS.  Here the same steps are unrolled with the
 * masks, values and shifts as constants: a switch on bits 27:20 of the
 * trap word, then, for each row whose trap template can have that key,
 * in spec order: the literal-bit test, the condition test (1111 never
 * matches a conditional form), the bit moves back to the instruction,
 * and the row's carve-outs (words the encoder never produces: not a trap
 * word).  The exhaustive proof (tests/tables) checks this function
 * against the encoder over all 2^32 words.
 */
static void emit_decoder(FILE *fp)
{
	fprintf(fp, "const struct armpv_form *armpv_decode(uint32_t trap, uint32_t *insn)\n"
		    "{\n\tuint32_t w;\n\tunsigned archs;\n\n"
		    "\tswitch ((trap >> 20) & 0xffu) {\n");
	for (int v = 0; v < 256; v++) {
		bool any = false;

		for (int i = 0; i < spec.nrows; i++) {
			const struct row *r = &spec.rows[i];
			uint32_t tm = tmpl_mask(&r->trap), tv = tmpl_value(&r->trap);
			struct move mv[MAX_MOVES];
			int first, nmv, count;

			if (((tv ^ ((uint32_t)v << 20)) & tm & 0x0ff00000u) != 0)
				continue;
			if (!any)
				fprintf(fp, "\tcase 0x%02x:\n", v);
			any = true;
			nmv = row_moves(r, mv);
			count = row_notsens(r, &first);
			fprintf(fp, "\t\t/* line %d: %s %s */\n", r->line, r->name,
				r->form);
			fprintf(fp, "\t\tif ((trap & 0x%08xu) == 0x%08xu%s) {\n", tm,
				tv, tmpl_conditional(&r->trap) ? " && (trap >> 28) != 0xfu"
							       : "");
			fprintf(fp, "\t\t\tw = 0x%08xu", tmpl_value(&r->insn));
			for (int j = 0; j < nmv; j++) {
				if (mv[j].shift > 0)
					fprintf(fp, " |\n\t\t\t    ((trap >> %d) & 0x%08xu)",
						mv[j].shift, mv[j].mask);
				else if (mv[j].shift < 0)
					fprintf(fp, " |\n\t\t\t    ((trap << %d) & 0x%08xu)",
						-mv[j].shift, mv[j].mask);
				else
					fprintf(fp, " |\n\t\t\t    (trap & 0x%08xu)",
						mv[j].mask);
			}
			fprintf(fp, ";\n\t\t\tarchs = 0x%xu;\n", r->archs);
			for (int j = first; j >= 0 && j < first + count; j++) {
				const struct notsens *n = &spec.notsens[j];

				fprintf(fp, "\t\t\tif ((w & 0x%08xu) == 0x%08xu) /* line %d */\n"
					    "\t\t\t\tarchs &= ~0x%xu;\n",
					tmpl_mask(&n->insn), tmpl_value(&n->insn), n->line,
					n->archs);
			}
			fprintf(fp, "\t\t\tif (!archs)\n\t\t\t\treturn NULL;\n"
				    "\t\t\t*insn = w;\n\t\t\treturn &armpv_forms[%d];\n"
				    "\t\t}\n", i);
		}
		if (any)
			fprintf(fp, "\t\treturn NULL;\n");
	}
	fprintf(fp, "\tdefault:\n\t\treturn NULL;\n\t}\n}\n");
}

static void emit_source(FILE *fp)
{
	char up[NAME_LEN * 2], s1[40], s2[40];

	fprintf(fp, "/* SPDX-License-Identifier: GPL-2.0-or-later */\n"
		    "/* Generated by tables/tablegen from %s: do not edit. */\n"
		    "#include \"armpv_tables.h\"\n\n",
		spec.path);
	fprintf(fp, "const char *const armpv_arch_names[ARMPV_NARCHS] = {");
	for (int i = 0; i < spec.narchs; i++)
		fprintf(fp, " \"%s\",", spec.archs[i]);
	fprintf(fp, " };\n\nconst char *const armpv_insn_names[ARMPV_NINSNS] = {\n\t\"none\",");
	for (int i = 0; i < spec.ninsns; i++)
		fprintf(fp, " \"%s\",", spec.insns[i]);
	fprintf(fp, "\n};\n\nconst unsigned char armpv_insn_group[ARMPV_NINSNS] = {\n\t0,");
	for (int i = 0; i < spec.ninsns; i++)
		fprintf(fp, " %d,", group_index(spec.insn_group[i]));
	fprintf(fp, "\n};\n\nconst char *const armpv_group_names[ARMPV_NGROUPS] = {");
	for (int i = 0; i < spec.ngroups; i++)
		fprintf(fp, " \"%s\",", spec.groups[i]);
	fprintf(fp, " };\n\nconst struct armpv_field_info armpv_fields[ARMPV_NFIELDS] = {\n");
	for (int i = 0; i < spec.nfields; i++) {
		fprintf(fp, "\t{ '%c', \"%s\", ", spec.fields[i].letter,
			spec.fields[i].name);
		emit_c_string(fp, spec.fields[i].text);
		fprintf(fp, " },\n");
	}
	fprintf(fp, "};\n\nconst struct armpv_trapspace armpv_trapspaces[ARMPV_NSPACES] = {\n");
	for (int i = 0; i < spec.nspaces; i++) {
		fprintf(fp, "\t{ \"%s\", 0x%08xu, 0x%08xu, ", spec.spaces[i].name,
			tmpl_mask(&spec.spaces[i].t), tmpl_value(&spec.spaces[i].t));
		emit_c_string(fp, spec.spaces[i].text);
		fprintf(fp, " },\n");
	}
	fprintf(fp, "};\n\nconst struct armpv_notsens armpv_notsens[%d] = {\n",
		spec.nnotsens ? spec.nnotsens : 1);
	for (int i = 0; i < spec.nnotsens; i++) {
		const struct notsens *n = &spec.notsens[i];
		tmpl_string(&n->insn, s1);
		fprintf(fp, "\t/* line %d: %s */\n\t{ 0x%08xu, 0x%08xu, 0x%xu, %d, ",
			n->line, s1, tmpl_mask(&n->insn), tmpl_value(&n->insn),
			n->archs, n->line);
		emit_c_string(fp, n->text);
		fprintf(fp, " },\n");
	}
	if (!spec.nnotsens)
		fprintf(fp, "\t{ 0, 1, 0, 0, \"\" },\n");
	fprintf(fp, "};\n\nconst struct armpv_unpredictable armpv_unpredictables[%d] = {\n",
		spec.nunpreds ? spec.nunpreds : 1);
	for (int i = 0; i < spec.nunpreds; i++) {
		const struct unpred *u = &spec.unpreds[i];
		tmpl_string(&u->t, s1);
		fprintf(fp, "\t/* line %d: %s */\n\t{ 0x%08xu, 0x%08xu, 0x%xu, %d, %d, ",
			u->line, s1, tmpl_mask(&u->t), tmpl_value(&u->t), u->archs,
			tmpl_conditional(&u->t), u->line);
		emit_c_string(fp, u->text);
		fprintf(fp, " },\n");
	}
	if (!spec.nunpreds)
		fprintf(fp, "\t{ 0xffffffffu, 0xffffffffu, 0, 0, 0, \"\" },\n");
	fprintf(fp, "};\n\nconst struct armpv_thumb_form armpv_thumb_forms[%d] = {\n",
		spec.nthumbs ? spec.nthumbs : 1);
	for (int i = 0; i < spec.nthumbs; i++) {
		const struct thumb *th = &spec.thumbs[i];
		fprintf(fp, "\t{ \"%s\", 0x%xu, 0x%04xu, 0x%04xu, %d, ", th->name,
			th->archs, th->mask, th->value, th->line);
		emit_c_string(fp, th->text);
		fprintf(fp, " },\n");
	}
	if (!spec.nthumbs)
		fprintf(fp, "\t{ \"\", 0, 0xffffu, 0xffffu, 0, \"\" },\n");
	fprintf(fp, "};\n\nconst struct armpv_form armpv_forms[ARMPV_NFORMS] = {\n");
	for (int i = 0; i < spec.nrows; i++) {
		const struct row *r = &spec.rows[i];
		const struct format *f = &spec.formats[r->format];
		struct move mv[MAX_MOVES];
		int first, nmv = row_moves(r, mv), count = row_notsens(r, &first);

		tmpl_string(&r->insn, s1);
		tmpl_string(&r->trap, s2);
		upper(up, r->name);
		fprintf(fp, "\t/* line %d: %s => %s */\n", r->line, s1, s2);
		fprintf(fp, "\t{\n\t\t.id = %d, .insn = ARMPV_INSN_%s, .group = %d, "
			    ".archs = 0x%xu,\n",
			i, up, group_index(r->group), r->archs);
		fprintf(fp, "\t\t.conditional = %d, .space = %d, .spec_line = %d,\n",
			tmpl_conditional(&r->insn), r->space, r->line);
		fprintf(fp, "\t\t.name = \"%s\", .form = \"%s\", .format = \"%s\",\n\t\t.text = ",
			r->name, r->form, f->name);
		emit_c_string(fp, r->text);
		fprintf(fp, ",\n\t\t.insn_mask = 0x%08xu, .insn_value = 0x%08xu,\n",
			tmpl_mask(&r->insn), tmpl_value(&r->insn));
		fprintf(fp, "\t\t.trap_mask = 0x%08xu, .trap_value = 0x%08xu,\n",
			tmpl_mask(&r->trap), tmpl_value(&r->trap));
		fprintf(fp, "\t\t.notsens_first = %d, .notsens_count = %d,\n",
			first < 0 ? 0 : first, count);
		fprintf(fp, "\t\t.nmoves = %d, .moves = {", nmv);
		for (int j = 0; j < nmv; j++)
			fprintf(fp, " { 0x%08xu, %d },", mv[j].mask, mv[j].shift);
		fprintf(fp, " },\n\t\t.field_mask = {");
		for (int k = 0; k < spec.nfields; k++)
			fprintf(fp, "%s0x%08xu,", k % 4 ? " " : "\n\t\t\t",
				format_field_mask(f, spec.fields[k].letter));
		fprintf(fp, "\n\t\t},\n\t},\n");
	}
	fprintf(fp, "};\n\n");
	fprintf(fp, "/* Candidate forms by bits 27:20 of an instruction. */\n");
	emit_indexes(fp);
	emit_decoder(fp);
}

static void md_tmpl(FILE *fp, const struct tmpl *t)
{
	char s[40];

	tmpl_string(t, s);
	fprintf(fp, "`%s`", s);
}

static void archs_string(unsigned archs, char *out, size_t len)
{
	out[0] = 0;
	for (int i = 0; i < spec.narchs; i++)
		if (archs & (1u << i)) {
			if (out[0])
				strncat(out, ", ", len - strlen(out) - 1);
			strncat(out, spec.archs[i], len - strlen(out) - 1);
		}
}

/* The payload range of a SWI trap template, or the coprocessor numbers a
 * coprocessor trap template can carry. */
static void md_where(FILE *fp, const struct tmpl *t)
{
	uint32_t m = tmpl_mask(t), v = tmpl_value(t);

	if ((v & m & 0x0f000000u) == 0x0f000000u && (m & 0x0f000000u) == 0x0f000000u) {
		uint32_t lo = v & m & 0xffffff, free = ~m & 0xffffff;
		if ((free & (free + 1)) == 0)
			fprintf(fp, "SWI 0x%06x-0x%06x", lo, lo | free);
		else
			fprintf(fp, "SWI with payload & 0x%06x = 0x%06x",
				m & 0xffffff, lo);
		return;
	}
	fprintf(fp, "cp");
	bool first = true;
	for (uint32_t cp = 0; cp < 16; cp++)
		if ((((cp << 8) ^ v) & m & 0xf00u) == 0) {
			fprintf(fp, "%s%u", first ? " " : ",", cp);
			first = false;
		}
}

static void emit_markdown(FILE *fp)
{
	char archs[64];

	fprintf(fp, "<!-- Generated by tables/tablegen --markdown from %s (layout version %d, hash 0x%08x): do not edit. -->\n\n",
		spec.path, spec.version, layout_hash());
	fprintf(fp, "| format | instruction template | trap template | trap space | payload |\n"
		    "|---|---|---|---|---|\n");
	for (int i = 0; i < spec.nformats; i++) {
		const struct format *f = &spec.formats[i];
		int space = -1;
		for (int j = 0; j < spec.nrows; j++)
			if (spec.rows[j].format == i) {
				space = spec.rows[j].space;
				break;
			}
		fprintf(fp, "| %s | ", f->name);
		md_tmpl(fp, &f->insn);
		fprintf(fp, " | ");
		md_tmpl(fp, &f->trap);
		fprintf(fp, " | %s | ", space >= 0 ? spec.spaces[space].name : "?");
		md_where(fp, &f->trap);
		fprintf(fp, " |\n");
	}
	fprintf(fp, "\n| group | instruction | form | architectures | bound template | trap | where |\n"
		    "|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < spec.nrows; i++) {
		const struct row *r = &spec.rows[i];
		archs_string(r->archs, archs, sizeof(archs));
		fprintf(fp, "| %s | %s | %s | %s | ", r->group, r->name, r->form, archs);
		md_tmpl(fp, &r->insn);
		fprintf(fp, " | ");
		md_tmpl(fp, &r->trap);
		fprintf(fp, " | ");
		md_where(fp, &r->trap);
		fprintf(fp, " |\n");
	}
	fprintf(fp, "\nNot sensitive, although inside a format above:\n\n"
		    "| architectures | format | pattern | why |\n|---|---|---|---|\n");
	for (int i = 0; i < spec.nnotsens; i++) {
		const struct notsens *n = &spec.notsens[i];
		archs_string(n->archs, archs, sizeof(archs));
		fprintf(fp, "| %s | %s | ", archs, spec.formats[n->format].name);
		md_tmpl(fp, &n->insn);
		fprintf(fp, " | %s |\n", n->text);
	}
	fprintf(fp, "\nUNPREDICTABLE words in sensitive encoding spaces, which the rewriter\n"
		    "refuses (checked only when no row above matches):\n\n"
		    "| architectures | pattern | what |\n|---|---|---|\n");
	for (int i = 0; i < spec.nunpreds; i++) {
		const struct unpred *u = &spec.unpreds[i];
		archs_string(u->archs, archs, sizeof(archs));
		fprintf(fp, "| %s | ", archs);
		md_tmpl(fp, &u->t);
		fprintf(fp, " | %s |\n", u->text);
	}
	fprintf(fp, "\nSensitive Thumb instructions, which have no one-halfword trap; the\n"
		    "rewriter reports them instead of rewriting:\n\n"
		    "| name | architectures | mask | value | what |\n|---|---|---|---|---|\n");
	for (int i = 0; i < spec.nthumbs; i++) {
		const struct thumb *th = &spec.thumbs[i];
		archs_string(th->archs, archs, sizeof(archs));
		fprintf(fp, "| %s | %s | 0x%04x | 0x%04x | %s |\n", th->name, archs,
			th->mask, th->value, th->text);
	}
	fprintf(fp, "\nNo trap word may match:\n\n| pattern | why |\n|---|---|\n");
	for (int i = 0; i < spec.nnevers; i++) {
		fprintf(fp, "| ");
		md_tmpl(fp, &spec.nevers[i].t);
		fprintf(fp, " | %s |\n", spec.nevers[i].text);
	}
}

static bool write_atomic(const char *path, void (*emit)(FILE *))
{
	size_t len = strlen(path) + 16;
	char *tmp = malloc(len);
	FILE *fp;

	if (!tmp)
		return false;
	snprintf(tmp, len, "%s.tmp%ld", path, (long)getpid());
	fp = fopen(tmp, "w");
	if (!fp) {
		fprintf(stderr, "tablegen: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return false;
	}
	emit(fp);
	if (ferror(fp) | fclose(fp) || spec.errors || rename(tmp, path) != 0) {
		if (!spec.errors)
			fprintf(stderr, "tablegen: %s: %s\n", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return false;
	}
	free(tmp);
	return true;
}

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: tablegen SPEC [--header OUT.h] [--source OUT.c] [--markdown OUT.md]\n"
		"\n"
		"Validate the armpv instruction specification SPEC and generate from it\n"
		"the C header and tables used by the classifier, encoder and decoder,\n"
		"and the Markdown layout tables of docs/encoding.md.  With no output\n"
		"option it only validates.  Errors are printed as SPEC:LINE: error: ...\n"
		"and nothing is written if there is any.  Exit status: 0 ok, 1 spec\n"
		"error, 2 usage or I/O error.\n");
}

int main(int argc, char **argv)
{
	const char *path = NULL, *hdr = NULL, *src = NULL, *md = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (i + 1 < argc && strcmp(argv[i], "--header") == 0) {
			hdr = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--source") == 0) {
			src = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--markdown") == 0) {
			md = argv[++i];
		} else if (argv[i][0] != '-' && !path) {
			path = argv[i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	spec.path = path;
	if (!parse_file(path)) {
		if (!spec.errors)
			return 2;
		return 1;
	}
	validate();
	if (spec.errors) {
		fprintf(stderr, "%s: %d error%s\n", path, spec.errors,
			spec.errors == 1 ? "" : "s");
		return 1;
	}
	if (hdr && !write_atomic(hdr, emit_header))
		return spec.errors ? 1 : 2;
	if (src && !write_atomic(src, emit_source))
		return spec.errors ? 1 : 2;
	if (md && !write_atomic(md, emit_markdown))
		return spec.errors ? 1 : 2;
	return 0;
}
