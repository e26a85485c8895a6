// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * make-bad-elf -- generate armpv-rewrite's bad-input corpus from one valid
 * ARM relocatable object (tests/rewriter/sample.S assembled).
 *
 *   make-bad-elf VALID.o OUTDIR
 *
 * For every row of cases[] it writes OUTDIR/NAME.o, the valid object with
 * one thing broken, and a line of OUTDIR/cases.tsv:
 *
 *   NAME <tab> STATUS <tab> FRAGMENT
 *
 * STATUS is the exit status armpv-rewrite must give (3 bad input, 4 cannot
 * rewrite safely) or "ok" for the few unusual but valid variants that must
 * be accepted; FRAGMENT is what its message must contain, "*" standing for
 * any text (numbers that depend on the assembler's layout), "-" for ok.
 * Generating the corpus keeps binary blobs out of the repository and lets
 * each case read as the one field it breaks.  The output depends only on
 * the input object.
 *
 * Fields are read and written as little-endian bytes at their offsets in
 * the Elf32 structures, so this runs on any host.
 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sections and symbols of sample.S that cases break, found by name. */
enum sec_role {
	SEC_TEXT,
	SEC_REL,
	SEC_DATA,
	SEC_ATTRS,
	SEC_SYMTAB,
	SEC_STRTAB,
	SEC_SHSTRTAB,
	NSEC_ROLES
};
static const char *const sec_names[NSEC_ROLES] = {
	[SEC_TEXT] = ".text",		 [SEC_REL] = ".rel.text",
	[SEC_DATA] = ".data",		 [SEC_ATTRS] = ".ARM.attributes",
	[SEC_SYMTAB] = ".symtab",	 [SEC_STRTAB] = ".strtab",
	[SEC_SHSTRTAB] = ".shstrtab",
};

enum sym_role { SYM_ARM, SYM_DATA, SYM_ENTRY, NSYM_ROLES };
static const char *const sym_names[NSYM_ROLES] = {
	[SYM_ARM] = "$a", [SYM_DATA] = "$d", [SYM_ENTRY] = "entry",
};

struct image {
	unsigned char *buf;
	size_t size;
};

/* Where things are in the valid object. */
struct layout {
	size_t size;
	uint32_t shoff;
	unsigned shnum, shstrndx;
	size_t sec[NSEC_ROLES]; /* section index */
	uint32_t sec_offset[NSEC_ROLES], sec_size[NSEC_ROLES];
	size_t sym[NSYM_ROLES]; /* symbol index */
};

static uint32_t get_le(const unsigned char *p, size_t width)
{
	uint32_t v = 0;

	for (size_t i = width; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static void put_le(unsigned char *p, size_t width, uint32_t v)
{
	for (size_t i = 0; i < width; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

#define EHDR_FIELD(f) offsetof(Elf32_Ehdr, f), sizeof(((Elf32_Ehdr *)0)->f)
#define SHDR_FIELD(f) offsetof(Elf32_Shdr, f), sizeof(((Elf32_Shdr *)0)->f)

/* Byte offset of a section header field / a symbol field in the file. */
static size_t shdr_at(const struct layout *l, size_t sec, size_t field)
{
	return l->shoff + sec * sizeof(Elf32_Shdr) + field;
}

static size_t sym_at(const struct layout *l, size_t sym, size_t field)
{
	return l->sec_offset[SEC_SYMTAB] + sym * sizeof(Elf32_Sym) + field;
}

static void poke(struct image *m, size_t at, size_t width, uint32_t v)
{
	if (at + width > m->size) {
		fprintf(stderr, "make-bad-elf: internal error: write at 0x%zx past the image\n",
			at);
		exit(1);
	}
	put_le(m->buf + at, width, v);
}

static void set_shdr(struct image *m, const struct layout *l, size_t sec,
		     size_t field, size_t width, uint32_t v)
{
	poke(m, shdr_at(l, sec, field), width, v);
}

static void resize(struct image *m, size_t size)
{
	unsigned char *p = realloc(m->buf, size ? size : 1);

	if (!p) {
		fprintf(stderr, "make-bad-elf: out of memory\n");
		exit(1);
	}
	if (size > m->size)
		memset(p + m->size, 0, size - m->size);
	m->buf = p;
	m->size = size;
}

/* ---- Mutations that are more than one field ---------------------------- */

static void cut_0(struct image *m, const struct layout *l)
{
	(void)l;
	resize(m, 0);
}

static void cut_3(struct image *m, const struct layout *l)
{
	(void)l;
	resize(m, 3);
}

/* The magic, but not all of e_ident. */
static void cut_10(struct image *m, const struct layout *l)
{
	(void)l;
	resize(m, 10);
}

/* e_ident complete, the rest of the ELF header not. */
static void cut_40(struct image *m, const struct layout *l)
{
	(void)l;
	resize(m, 40);
}

static void cut_after_ehdr(struct image *m, const struct layout *l)
{
	(void)l;
	resize(m, sizeof(Elf32_Ehdr));
}

/* Three and a bit section headers survive. */
static void cut_in_shdrs(struct image *m, const struct layout *l)
{
	resize(m, l->shoff + 3 * sizeof(Elf32_Shdr) + 7);
}

/* Extended numbering (gABI "Sections"): e_shnum 0, the count in section
 * 0's sh_size, here absurd. */
static void shnum0_bogus(struct image *m, const struct layout *l)
{
	poke(m, EHDR_FIELD(e_shnum), 0);
	set_shdr(m, l, 0, SHDR_FIELD(sh_size), 0xffffffff);
}

/* e_shstrndx SHN_XINDEX: the index in section 0's sh_link, here bogus. */
static void xindex_bogus(struct image *m, const struct layout *l)
{
	poke(m, EHDR_FIELD(e_shstrndx), SHN_XINDEX);
	set_shdr(m, l, 0, SHDR_FIELD(sh_link), 999);
}

/* Both counts moved into section 0, correctly: valid. */
static void extended_numbering(struct image *m, const struct layout *l)
{
	poke(m, EHDR_FIELD(e_shnum), 0);
	poke(m, EHDR_FIELD(e_shstrndx), SHN_XINDEX);
	set_shdr(m, l, 0, SHDR_FIELD(sh_size), l->shnum);
	set_shdr(m, l, 0, SHDR_FIELD(sh_link), l->shstrndx);
}

static void shstrndx_text(struct image *m, const struct layout *l)
{
	poke(m, EHDR_FIELD(e_shstrndx), (uint32_t)l->sec[SEC_TEXT]);
}

static void data_past_eof(struct image *m, const struct layout *l)
{
	set_shdr(m, l, l->sec[SEC_DATA], SHDR_FIELD(sh_offset), (uint32_t)l->size - 2);
}

static void data_on_text(struct image *m, const struct layout *l)
{
	set_shdr(m, l, l->sec[SEC_DATA], SHDR_FIELD(sh_offset), l->sec_offset[SEC_TEXT] + 4);
}

static void data_on_shdrs(struct image *m, const struct layout *l)
{
	set_shdr(m, l, l->sec[SEC_DATA], SHDR_FIELD(sh_offset), l->shoff + 8);
}

static void shstrtab_unterminated(struct image *m, const struct layout *l)
{
	poke(m, l->sec_offset[SEC_SHSTRTAB] + l->sec_size[SEC_SHSTRTAB] - 1, 1, 'x');
}

static void strtab_unterminated(struct image *m, const struct layout *l)
{
	poke(m, l->sec_offset[SEC_STRTAB] + l->sec_size[SEC_STRTAB] - 1, 1, 'x');
}

static void symtab_link_text(struct image *m, const struct layout *l)
{
	set_shdr(m, l, l->sec[SEC_SYMTAB], SHDR_FIELD(sh_link), (uint32_t)l->sec[SEC_TEXT]);
}

/* Shifted by two bytes, one entry shorter so that it overlaps nothing. */
static void symtab_misaligned(struct image *m, const struct layout *l)
{
	set_shdr(m, l, l->sec[SEC_SYMTAB], SHDR_FIELD(sh_offset), l->sec_offset[SEC_SYMTAB] + 2);
	set_shdr(m, l, l->sec[SEC_SYMTAB], SHDR_FIELD(sh_size),
		 l->sec_size[SEC_SYMTAB] - (uint32_t)sizeof(Elf32_Sym));
}

/* A copy of the relocations at a misaligned offset after the end. */
static void rel_misaligned(struct image *m, const struct layout *l)
{
	size_t at = ((l->size + 3) & ~(size_t)3) + 2;

	resize(m, at + l->sec_size[SEC_REL]);
	memcpy(m->buf + at, m->buf + l->sec_offset[SEC_REL], l->sec_size[SEC_REL]);
	set_shdr(m, l, l->sec[SEC_REL], SHDR_FIELD(sh_offset), (uint32_t)at);
}

/* Mapping symbols renamed to "" (as if stripped): code cannot be told from
 * data, which is status 4, not bad input. */
static void unname_mapping_symbols(struct image *m, const struct layout *l)
{
	size_t name = offsetof(Elf32_Sym, st_name), width = sizeof(Elf32_Word);

	poke(m, sym_at(l, l->sym[SYM_ARM], name), width, 0);
	poke(m, sym_at(l, l->sym[SYM_DATA], name), width, 0);
}

/* The first instruction zeroed and $a moved past it: zero bytes before
 * the first mapping symbol are padding, read as nothing.  Valid. */
static void zero_before_mapping_symbol(struct image *m, const struct layout *l)
{
	poke(m, l->sec_offset[SEC_TEXT], 4, 0);
	poke(m, sym_at(l, l->sym[SYM_ARM], offsetof(Elf32_Sym, st_value)), 4, 4);
}

/* An inactive header (SHT_NULL): the gABI leaves its other members
 * undefined, so garbage there is valid. */
static void null_section_garbage(struct image *m, const struct layout *l)
{
	size_t d = l->sec[SEC_DATA];

	set_shdr(m, l, d, SHDR_FIELD(sh_type), SHT_NULL);
	set_shdr(m, l, d, SHDR_FIELD(sh_offset), 0xfffffff0);
	set_shdr(m, l, d, SHDR_FIELD(sh_size), 0x100);
}

/* Attributes are advisory (they only choose the default architecture):
 * after the "aeabi" vendor name, unterminated ULEB128s.  Valid. */
static void attributes_garbage(struct image *m, const struct layout *l)
{
	size_t at = l->sec_offset[SEC_ATTRS], end = at + l->sec_size[SEC_ATTRS];
	size_t from = at + 1;

	/* Skip "A", the subsection length, "aeabi\0", the tag and its size. */
	for (size_t i = at; i + 6 <= end; i++)
		if (!memcmp(m->buf + i, "aeabi", 6)) {
			from = i + 6 + 5;
			break;
		}
	for (size_t i = from; i < end; i++)
		m->buf[i] = 0x80;
}

/* A trailing byte: the output's new section header table then starts at a
 * file offset that the input's size does not align.  Valid. */
static void odd_size(struct image *m, const struct layout *l)
{
	resize(m, l->size + 1);
}

/* ---- The cases ---------------------------------------------------------- */

enum edit { EDIT_EHDR, EDIT_SHDR, EDIT_SYM, EDIT_FN };

struct bad_case {
	const char *name;
	const char *status; /* "3", "4" or "ok" */
	const char *expect; /* in the message, "*" for any text; NULL for ok */
	enum edit kind;
	int role;	    /* EDIT_SHDR: enum sec_role; EDIT_SYM: enum sym_role */
	size_t off, width;  /* the field */
	bool add;	    /* add value (mod 2^width) instead of storing it */
	uint32_t value;
	void (*fn)(struct image *m, const struct layout *l);
};

#define IDENT(i, v) .kind = EDIT_EHDR, .off = (i), .width = 1, .value = (v)
#define EHDR(f, v) .kind = EDIT_EHDR, .off = offsetof(Elf32_Ehdr, f), \
		   .width = sizeof(((Elf32_Ehdr *)0)->f), .value = (uint32_t)(v)
#define EHDR_ADD(f, v) EHDR(f, v), .add = true
#define SHDR(r, f, v) .kind = EDIT_SHDR, .role = (r), .off = offsetof(Elf32_Shdr, f), \
		      .width = sizeof(((Elf32_Shdr *)0)->f), .value = (uint32_t)(v)
#define SHDR_ADD(r, f, v) SHDR(r, f, v), .add = true
#define SYM(r, f, v) .kind = EDIT_SYM, .role = (r), .off = offsetof(Elf32_Sym, f), \
		     .width = sizeof(((Elf32_Sym *)0)->f), .value = (uint32_t)(v)
#define SYM_ADD(r, f, v) SYM(r, f, v), .add = true
#define CALL(f) .kind = EDIT_FN, .fn = (f)

static const struct bad_case cases[] = {
	/* Valid variants: must be accepted and rewritten. */
	{ "ok-sample", "ok", NULL, CALL(NULL) },
	{ "ok-extended-numbering", "ok", NULL, CALL(extended_numbering) },
	{ "ok-null-section-garbage", "ok", NULL, CALL(null_section_garbage) },
	{ "ok-attributes-garbage", "ok", NULL, CALL(attributes_garbage) },
	{ "ok-odd-size", "ok", NULL, CALL(odd_size) },
	{ "ok-zero-before-mapsym", "ok", NULL, CALL(zero_before_mapping_symbol) },
	/* Executable contents are code whatever the section type. */
	{ "ok-text-louser-type", "ok", NULL, SHDR(SEC_TEXT, sh_type, SHT_LOUSER) },

	/* Not ELF, or not 32-bit little-endian ARM. */
	{ "empty", "3", "not an ELF file (shorter than the ELF magic)", CALL(cut_0) },
	{ "three-bytes", "3", "not an ELF file (shorter than the ELF magic)", CALL(cut_3) },
	{ "bad-magic", "3", "not an ELF file (bad magic)", IDENT(EI_MAG1, 'X') },
	{ "truncated-ident", "3", "truncated: 10 bytes, the ELF identification needs 16", CALL(cut_10) },
	{ "elf64", "3", "64-bit ELF", IDENT(EI_CLASS, ELFCLASS64) },
	{ "bad-class", "3", "bad ELF class 9", IDENT(EI_CLASS, 9) },
	{ "big-endian", "3", "big-endian ELF", IDENT(EI_DATA, ELFDATA2MSB) },
	{ "bad-data-encoding", "3", "bad ELF data encoding 0", IDENT(EI_DATA, ELFDATANONE) },
	{ "bad-ident-version", "3", "ELF identification version 0, expected 1", IDENT(EI_VERSION, 0) },
	{ "truncated-ehdr", "3", "truncated: 40 bytes, the ELF header needs 52", CALL(cut_40) },
	{ "machine-x86-64", "3", "machine 62 (x86-64), not ARM", EHDR(e_machine, EM_X86_64) },
	{ "type-core", "3", "ELF type 4 is not a relocatable object", EHDR(e_type, ET_CORE) },

	/* The section header table. */
	{ "truncated-after-ehdr", "3", "is past the end of the file (52 bytes)", CALL(cut_after_ehdr) },
	{ "truncated-in-shdrs", "3", "section header table at offset 0x* (* entries of 40 bytes) extends past the end of the file", CALL(cut_in_shdrs) },
	{ "no-shdrs", "3", "no section header table", EHDR(e_shoff, 0) },
	{ "shoff-past-eof", "3", "offset 0x7ffffff0 is past the end of the file", EHDR(e_shoff, 0x7ffffff0) },
	{ "shoff-misaligned", "3", "is misaligned", EHDR_ADD(e_shoff, -2) },
	{ "shnum-past-eof", "3", "section header table at offset 0x* (* entries of 40 bytes) extends past the end of the file", EHDR_ADD(e_shnum, 5) },
	{ "shentsize", "3", "section header entry size 32, expected 40", EHDR(e_shentsize, 32) },
	{ "shstrndx-out-of-range", "3", "section name table index 200 is not a string table", EHDR(e_shstrndx, 200) },
	{ "shstrndx-zero", "3", "section name table index 0 is not a string table", EHDR(e_shstrndx, 0) },
	{ "shstrndx-not-strtab", "3", "section name table index * is not a string table", CALL(shstrndx_text) },
	{ "one-section", "3", "no sections", EHDR(e_shnum, 1) },
	{ "shnum0-zero-count", "3", "no sections", EHDR(e_shnum, 0) },
	{ "shnum0-bogus-count", "3", "(4294967295 entries of 40 bytes) extends past the end of the file", CALL(shnum0_bogus) },
	{ "shstrndx-xindex-bogus", "3", "section name table index 999 is not a string table", CALL(xindex_bogus) },

	/* Section contents: bounds and overlaps. */
	{ "section-past-eof", "3", "(.data): contents at offset 0x*, size 0x4 extend past the end of the file", CALL(data_past_eof) },
	{ "section-size-huge", "3", "(.text): contents at offset 0x*, size 0xffffffff extend past the end of the file", SHDR(SEC_TEXT, sh_size, 0xffffffff) },
	{ "section-offset-huge", "3", "(.data): contents at offset 0xfffffffc, size 0x4 extend past the end of the file", SHDR(SEC_DATA, sh_offset, 0xfffffffc) },
	{ "sections-overlap", "3", "section * (.text) and section * (.data) overlap in the file", CALL(data_on_text) },
	{ "section-overlaps-ehdr", "3", "the ELF header and section * (.text) overlap in the file", SHDR(SEC_TEXT, sh_offset, 0) },
	{ "section-overlaps-shdrs", "3", "the section header table and section * (.data) overlap in the file", CALL(data_on_shdrs) },
	{ "shstrtab-past-eof", "3", "(the section name table): contents at offset 0x*, size 0x10000 extend past the end of the file", SHDR(SEC_SHSTRTAB, sh_size, 0x10000) },

	/* Section names and links. */
	{ "shstrtab-unterminated", "3", "section name table is empty or not NUL-terminated", CALL(shstrtab_unterminated) },
	{ "shstrtab-empty", "3", "section name table is empty or not NUL-terminated", SHDR(SEC_SHSTRTAB, sh_size, 0) },
	{ "sh-name-past-table", "3", "name offset 65536 is outside the section name table", SHDR(SEC_TEXT, sh_name, 0x10000) },
	{ "shstrtab-compressed", "3", "(.shstrtab) is compressed (SHF_COMPRESSED)", SHDR(SEC_SHSTRTAB, sh_flags, SHF_COMPRESSED) },
	{ "text-compressed", "3", "(.text) is compressed (SHF_COMPRESSED)", SHDR(SEC_TEXT, sh_flags, SHF_ALLOC | SHF_EXECINSTR | SHF_COMPRESSED) },
	{ "shstrtab-executable", "3", "(.shstrtab): a string table marked executable", SHDR(SEC_SHSTRTAB, sh_flags, SHF_EXECINSTR) },
	{ "symtab-executable", "3", "(.symtab): a symbol table marked executable", SHDR(SEC_SYMTAB, sh_flags, SHF_EXECINSTR) },
	{ "sh-link-out-of-range", "3", "(.text): link 4096 is not a section index", SHDR(SEC_TEXT, sh_link, 0x1000) },

	/* The symbol table. */
	{ "symtab-link-zero", "3", "symbol table .symtab: linked section 0 is not a NUL-terminated string table", SHDR(SEC_SYMTAB, sh_link, 0) },
	{ "symtab-link-not-strtab", "3", "symbol table .symtab: linked section * is not a NUL-terminated string table", CALL(symtab_link_text) },
	{ "strtab-unterminated", "3", "symbol table .symtab: linked section * is not a NUL-terminated string table", CALL(strtab_unterminated) },
	{ "symtab-entsize", "3", "symbol table .symtab: entry size 12, expected 16", SHDR(SEC_SYMTAB, sh_entsize, 12) },
	{ "symtab-size", "3", "symbol table .symtab: size * is not a multiple of the entry size 16", SHDR_ADD(SEC_SYMTAB, sh_size, -4) },
	{ "symtab-misaligned", "3", "symbol table .symtab is misaligned in the file", CALL(symtab_misaligned) },
	{ "symtab-twice", "3", "more than one symbol table", SHDR(SEC_DATA, sh_type, SHT_SYMTAB) },
	{ "sym-name-past-strtab", "3", "name offset 65535 is outside the string table", SYM(SYM_ENTRY, st_name, 0xffff) },
	{ "mapsym-shndx-out-of-range", "3", "($a): section index 99 is not a section", SYM(SYM_ARM, st_shndx, 99) },
	{ "mapsym-shndx-undef", "3", "($a): section index 0 is not a section", SYM(SYM_ARM, st_shndx, SHN_UNDEF) },
	{ "mapsym-shndx-abs", "3", "($d): section index 65521 is not a section", SYM(SYM_DATA, st_shndx, SHN_ABS) },
	{ "mapsym-past-end", "3", "($a) at 0x1000 lies outside its section .text", SYM(SYM_ARM, st_value, 0x1000) },
	{ "mapsyms-unnamed", "4", "no ARM mapping symbols", CALL(unname_mapping_symbols) },

	/* Executable bytes the scan cannot read (status 4, never skipped). */
	{ "code-before-mapsym", "4", ".text+0x0: 4 bytes of executable code before the section's first mapping symbol ($a at 0x4): cannot tell code from data; --assume-arm", SYM(SYM_ARM, st_value, 4) },
	{ "arm-range-misaligned", "4", ".text+0x2: * bytes of executable code in ARM code that starts off a 4-byte boundary", SYM(SYM_ARM, st_value, 2) },
	{ "arm-range-ends-mid-word", "4", ".text+0x*: 2 bytes of executable code at the end of ARM code, short of a whole instruction", SYM_ADD(SYM_DATA, st_value, -2) },

	/* Relocation sections. */
	{ "rel-info-out-of-range", "3", "relocation section .rel.text: target section 99 is not a section", SHDR(SEC_REL, sh_info, 99) },
	{ "rel-info-zero", "3", "relocation section .rel.text: target section 0 is not a section", SHDR(SEC_REL, sh_info, 0) },
	{ "rel-entsize", "3", "relocation section .rel.text: entry size 12, expected 8", SHDR(SEC_REL, sh_entsize, 12) },
	{ "rel-size", "3", "relocation section .rel.text: size 4 is not a multiple of the entry size 8", SHDR(SEC_REL, sh_size, 4) },
	{ "rel-misaligned", "3", "relocation section .rel.text is misaligned in the file", CALL(rel_misaligned) },
};

/* ---- Reading the valid object ------------------------------------------- */

static void die(const char *path, const char *what, const char *name)
{
	fprintf(stderr, "make-bad-elf: %s: %s%s (expected tests/rewriter/sample.S assembled)\n",
		path, what, name);
	exit(1);
}

static void read_image(const char *path, struct image *m)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "make-bad-elf: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	m->buf = NULL;
	m->size = 0;
	resize(m, (size_t)n);
	if (fread(m->buf, 1, m->size, f) != m->size) {
		fprintf(stderr, "make-bad-elf: %s: read error\n", path);
		exit(1);
	}
	fclose(f);
}

/* Trust nothing: the generator's own input is checked before it is used. */
static void read_layout(const char *path, const struct image *m, struct layout *l)
{
	const unsigned char *b = m->buf;

	memset(l, 0, sizeof(*l));
	l->size = m->size;
	if (m->size < sizeof(Elf32_Ehdr) || memcmp(b, ELFMAG, SELFMAG) != 0 ||
	    b[EI_CLASS] != ELFCLASS32 || b[EI_DATA] != ELFDATA2LSB ||
	    get_le(b + offsetof(Elf32_Ehdr, e_machine), 2) != EM_ARM ||
	    get_le(b + offsetof(Elf32_Ehdr, e_type), 2) != ET_REL)
		die(path, "not a 32-bit little-endian ARM relocatable object", "");
	l->shoff = get_le(b + offsetof(Elf32_Ehdr, e_shoff), 4);
	l->shnum = get_le(b + offsetof(Elf32_Ehdr, e_shnum), 2);
	l->shstrndx = get_le(b + offsetof(Elf32_Ehdr, e_shstrndx), 2);
	if (get_le(b + offsetof(Elf32_Ehdr, e_shentsize), 2) != sizeof(Elf32_Shdr) ||
	    l->shnum < 2 || l->shstrndx >= l->shnum ||
	    (uint64_t)l->shoff + l->shnum * sizeof(Elf32_Shdr) > m->size)
		die(path, "unexpected section header table", "");

	const unsigned char *str = b + shdr_at(l, l->shstrndx, 0);
	uint32_t str_off = get_le(str + offsetof(Elf32_Shdr, sh_offset), 4);
	uint32_t str_size = get_le(str + offsetof(Elf32_Shdr, sh_size), 4);
	if ((uint64_t)str_off + str_size > m->size || !str_size || b[str_off + str_size - 1])
		die(path, "bad section name table", "");
	for (size_t i = 1; i < l->shnum; i++) {
		const unsigned char *sh = b + shdr_at(l, i, 0);
		uint32_t name = get_le(sh + offsetof(Elf32_Shdr, sh_name), 4);
		uint32_t off = get_le(sh + offsetof(Elf32_Shdr, sh_offset), 4);
		uint32_t size = get_le(sh + offsetof(Elf32_Shdr, sh_size), 4);
		if (name >= str_size || (uint64_t)off + size > m->size)
			die(path, "bad section header", "");
		for (size_t r = 0; r < NSEC_ROLES; r++)
			if (!strcmp((const char *)b + str_off + name, sec_names[r])) {
				if (l->sec[r])
					die(path, "a section name occurs twice", "");
				l->sec[r] = i;
				l->sec_offset[r] = off;
				l->sec_size[r] = size;
			}
	}
	for (size_t r = 0; r < NSEC_ROLES; r++)
		if (!l->sec[r])
			die(path, "no section ", sec_names[r]);
	if (l->sec[SEC_SHSTRTAB] != l->shstrndx || l->sec_size[SEC_SYMTAB] % sizeof(Elf32_Sym) ||
	    l->sec_size[SEC_STRTAB] == 0 || b[l->sec_offset[SEC_STRTAB] + l->sec_size[SEC_STRTAB] - 1])
		die(path, "unexpected symbol or string table", "");

	for (size_t i = 1; i < l->sec_size[SEC_SYMTAB] / sizeof(Elf32_Sym); i++) {
		uint32_t name = get_le(b + sym_at(l, i, offsetof(Elf32_Sym, st_name)), 4);
		if (name >= l->sec_size[SEC_STRTAB])
			die(path, "bad symbol name", "");
		for (size_t r = 0; r < NSYM_ROLES; r++)
			if (!l->sym[r] &&
			    !strcmp((const char *)b + l->sec_offset[SEC_STRTAB] + name, sym_names[r]))
				l->sym[r] = i;
	}
	for (size_t r = 0; r < NSYM_ROLES; r++)
		if (!l->sym[r])
			die(path, "no symbol ", sym_names[r]);
}

/* ---- Writing the corpus ------------------------------------------------- */

static void apply(const struct bad_case *c, struct image *m, const struct layout *l)
{
	size_t at;

	switch (c->kind) {
	case EDIT_EHDR: at = c->off; break;
	case EDIT_SHDR: at = shdr_at(l, l->sec[c->role], c->off); break;
	case EDIT_SYM: at = sym_at(l, l->sym[c->role], c->off); break;
	case EDIT_FN:
	default:
		if (c->fn)
			c->fn(m, l);
		return;
	}
	uint32_t v = c->value;
	if (c->add && at + c->width <= m->size)
		v += get_le(m->buf + at, c->width);
	poke(m, at, c->width, v);
}

static void write_file(const char *path, const void *buf, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "make-bad-elf: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	struct image valid;
	struct layout l;

	if (argc != 3) {
		fprintf(stderr, "usage: make-bad-elf VALID.o OUTDIR\n");
		return 2;
	}
	read_image(argv[1], &valid);
	read_layout(argv[1], &valid, &l);

	size_t plen = strlen(argv[2]) + 64;
	char *path = malloc(plen);
	FILE *tsv;
	if (!path) {
		fprintf(stderr, "make-bad-elf: out of memory\n");
		return 1;
	}
	snprintf(path, plen, "%s/cases.tsv", argv[2]);
	if (!(tsv = fopen(path, "w"))) {
		fprintf(stderr, "make-bad-elf: cannot write %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		struct image m = { NULL, 0 };

		resize(&m, valid.size);
		memcpy(m.buf, valid.buf, valid.size);
		apply(c, &m, &l);
		snprintf(path, plen, "%s/%s.o", argv[2], c->name);
		write_file(path, m.buf, m.size);
		fprintf(tsv, "%s\t%s\t%s\n", c->name, c->status, c->expect ? c->expect : "-");
		free(m.buf);
	}
	if (fclose(tsv) != 0) {
		fprintf(stderr, "make-bad-elf: write error on cases.tsv\n");
		return 1;
	}
	free(path);
	free(valid.buf);
	return 0;
}
