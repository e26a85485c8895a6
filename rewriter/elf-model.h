/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elf-model.h -- the rewriter's view of one ARM ELF file.
 *
 * The whole file is read into memory and validated before anything else
 * looks at it: every offset, size and index the rewriter follows is checked
 * here, so later passes can trust the model.  libelf (gelf) then reads the
 * validated image.
 */
#ifndef ARMPV_ELF_MODEL_H
#define ARMPV_ELF_MODEL_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses of armpv-rewrite; scripts branch on them. */
enum rw_status {
	RW_OK = 0,	   /* done (or nothing to do) */
	RW_SENSITIVE = 1,  /* --check: sensitive instructions remain */
	RW_USAGE = 2,	   /* bad command line */
	RW_BAD_INPUT = 3,  /* not a valid 32-bit little-endian ARM ELF file */
	RW_CANNOT = 4,	   /* valid input that cannot be rewritten safely */
	RW_IO = 5,	   /* I/O error */
};

/* ARM ELF mapping symbols ($a, $t, $d) mark where ARM code, Thumb code and
 * data start inside a section (ARM ELF ABI, "Mapping symbols"). */
enum rw_state { RW_DATA = 'd', RW_ARM = 'a', RW_THUMB = 't' };

struct rw_map {
	uint32_t offset; /* within the section */
	char state;	 /* enum rw_state */
	size_t order;	 /* symbol table index: later wins at one offset */
};

struct rw_section {
	size_t index;
	const char *name;
	GElf_Shdr shdr;
	bool code;	     /* SHF_EXECINSTR, with contents in the file */
	unsigned char *data; /* into the file image; NULL for NOBITS */
	struct rw_map *map;  /* sorted by offset; in a section that is not
			      * code, only its $a and $t symbols */
	size_t nmap;
};

/* A code or data symbol, for "symbol+offset" in listings. */
struct rw_sym {
	size_t sec;
	uint32_t value; /* section offset (Thumb bit cleared) */
	uint32_t size;
	const char *name;
};

struct rw_elf {
	const char *path;
	int fd;		      /* open on the file */
	unsigned char *image; /* the whole file, mapped privately */
	size_t size;
	Elf *elf;
	GElf_Ehdr ehdr;
	size_t nsections;
	size_t shstrndx;
	struct rw_section *sections;
	size_t symtab; /* section index, 0 if none */
	size_t nmapping_symbols; /* in code sections */
	unsigned attr_cpu_arch; /* Tag_CPU_arch + 1, 0 if absent */
	struct rw_sym *syms;	/* sorted by (sec, value) */
	size_t nsyms;
};

/* Read and validate 'path'.  On failure print "armpv-rewrite: PATH: ..." and
 * return RW_BAD_INPUT or RW_IO. */
enum rw_status rw_elf_open(const char *path, struct rw_elf *out);
void rw_elf_close(struct rw_elf *e);

/* Copy the file, as it is on disk, to the start of descriptor 'out'. */
enum rw_status rw_elf_copy(const struct rw_elf *e, int out);

/* Section index -> name, symbol lookup for listings: the function or object
 * symbol covering (section, offset); NULL if none.  *off gets the offset
 * from the symbol's start. */
const char *rw_elf_symbol_at(const struct rw_elf *e, size_t sec, uint32_t offset,
			     uint32_t *off);

/* Where the thing at (sec, offset) ends, at most 'limit': the end of a
 * sized symbol covering it, else the next symbol's start. */
uint32_t rw_elf_symbol_bound(const struct rw_elf *e, size_t sec, uint32_t offset,
			     uint32_t limit);

/* The section and offset of the first function, object or untyped symbol
 * called 'name'; false if there is none. */
bool rw_elf_symbol_named(const struct rw_elf *e, const char *name, size_t *sec,
			 uint32_t *off);

/* The address of a section offset as the file's users see it: the section
 * address for executables, the offset itself for relocatable objects. */
static inline uint32_t rw_section_addr(const struct rw_elf *e,
				       const struct rw_section *s, uint32_t off)
{
	return e->ehdr.e_type == ET_REL ? off : (uint32_t)s->shdr.sh_addr + off;
}

void rw_error(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void rw_warn(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static inline uint32_t rw_le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void rw_put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static inline uint16_t rw_le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

#endif /* ARMPV_ELF_MODEL_H */
