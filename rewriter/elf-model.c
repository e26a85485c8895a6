// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * elf-model.c -- read and validate an ARM ELF file (see elf-model.h).
 *
 * Validation works on the raw Elf32 structures first, because a clear
 * message ("section header table extends past end of file") is worth more
 * than libelf's generic error, and because nothing after this file may
 * follow an unchecked offset.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf-model.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "the ELF front end reads little-endian structures in place");

void rw_error(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "armpv-rewrite: %s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void rw_warn(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "armpv-rewrite: %s: warning: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Map the file privately: the rewriter only reads it (trap words go to the
 * output with pwrite), so the pages it never touches — data, debug
 * information — never take memory.  The descriptor stays open for
 * rw_elf_copy(). */
static enum rw_status read_file(const char *path, struct rw_elf *e)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	e->fd = -1;
	if (fd < 0) {
		rw_error(path, "cannot open: %s", strerror(errno));
		return RW_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		rw_error(path, "not a regular file");
		close(fd);
		return RW_IO;
	}
	e->fd = fd;
	e->size = (size_t)st.st_size;
	if (e->size == 0)
		return RW_OK; /* validate_raw() says "not an ELF file" */
	void *p = mmap(NULL, e->size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		rw_error(path, "cannot map %zu bytes: %s", e->size, strerror(errno));
		return RW_IO;
	}
	e->image = p;
	return RW_OK;
}

enum rw_status rw_elf_copy(const struct rw_elf *e, int out)
{
	off_t in_off = 0;
	size_t left = e->size;

	/* In the kernel where it can: the input's pages need not pass
	 * through this process. */
	while (left) {
		ssize_t n = copy_file_range(e->fd, &in_off, out, NULL, left, 0);
		if (n <= 0)
			break;
		left -= (size_t)n;
	}
	if (left) {
		static unsigned char buf[1 << 20];
		while (left) {
			ssize_t n = pread(e->fd, buf, left < sizeof(buf) ? left : sizeof(buf), in_off);
			if (n <= 0 || write(out, buf, (size_t)n) != n) {
				rw_error(e->path, "copy error at offset %lld: %s",
					 (long long)in_off, n < 0 ? strerror(errno) : "short read or write");
				return RW_IO;
			}
			in_off += n;
			left -= (size_t)n;
		}
	}
	return RW_OK;
}

static const char *machine_name(unsigned m)
{
	switch (m) {
	case EM_386: return "x86";
	case EM_X86_64: return "x86-64";
	case EM_AARCH64: return "AArch64";
	case EM_MIPS: return "MIPS";
	case EM_PPC: return "PowerPC";
	case EM_RISCV: return "RISC-V";
	default: return "not ARM";
	}
}

/* Section i's name, or "?" when the name cannot be read safely. */
static const char *raw_name(const struct rw_elf *e, const Elf32_Shdr *sh,
			    size_t i)
{
	const Elf32_Shdr *str;

	if (e->shstrndx == 0 || e->shstrndx >= e->nsections)
		return "?";
	str = &sh[e->shstrndx];
	if (sh[i].sh_name >= str->sh_size || str->sh_type == SHT_NOBITS)
		return "?";
	const char *s = (const char *)e->image + str->sh_offset + sh[i].sh_name;
	if (!memchr(s, 0, str->sh_size - sh[i].sh_name))
		return "?";
	return s;
}

struct extent {
	uint64_t start, end;
	size_t index; /* section index, or SIZE_MAX for the headers */
};

static int extent_cmp(const void *a, const void *b)
{
	const struct extent *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static const char *extent_name(const struct rw_elf *e, const Elf32_Shdr *sh,
			       const struct extent *x, char *buf, size_t len)
{
	if (x->index == SIZE_MAX - 1)
		return "the ELF header";
	if (x->index == SIZE_MAX)
		return "the section header table";
	snprintf(buf, len, "section %zu (%s)", x->index, raw_name(e, sh, x->index));
	return buf;
}

/* Section types that hold the file's tables, never code: one of these
 * marked executable is malformed (the scan would read it as code, and the
 * record rewrites the name table and the armpv note). */
static const char *table_type_name(unsigned type)
{
	switch (type) {
	case SHT_SYMTAB: case SHT_DYNSYM: return "symbol table";
	case SHT_STRTAB: return "string table";
	case SHT_REL: case SHT_RELA: return "relocation table";
	case SHT_HASH: case SHT_GNU_HASH: return "hash table";
	case SHT_DYNAMIC: return "dynamic section";
	case SHT_NOTE: return "note";
	case SHT_GROUP: return "section group";
	case SHT_SYMTAB_SHNDX: return "symbol index table";
	case SHT_ARM_ATTRIBUTES: return "attributes section";
	default: return NULL;
	}
}

/* Everything about the raw headers that libelf and the passes rely on. */
static enum rw_status validate_raw(struct rw_elf *e)
{
	const char *path = e->path;
	const unsigned char *id = e->image;
	Elf32_Ehdr eh;
	const Elf32_Shdr *sh;

	if (e->size < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0) {
		rw_error(path, "not an ELF file (%s)",
			 e->size < SELFMAG ? "shorter than the ELF magic" : "bad magic");
		return RW_BAD_INPUT;
	}
	/* The magic, then the end: a cut-off ELF file is not "bad magic". */
	if (e->size < EI_NIDENT) {
		rw_error(path, "truncated: %zu bytes, the ELF identification needs %d",
			 e->size, EI_NIDENT);
		return RW_BAD_INPUT;
	}
	if (id[EI_CLASS] == ELFCLASS64) {
		rw_error(path, "64-bit ELF: armpv rewrites 32-bit ARM code only");
		return RW_BAD_INPUT;
	}
	if (id[EI_CLASS] != ELFCLASS32) {
		rw_error(path, "bad ELF class %u", id[EI_CLASS]);
		return RW_BAD_INPUT;
	}
	if (id[EI_DATA] == ELFDATA2MSB) {
		rw_error(path, "big-endian ELF: armpv supports little-endian ARM only");
		return RW_BAD_INPUT;
	}
	if (id[EI_DATA] != ELFDATA2LSB) {
		rw_error(path, "bad ELF data encoding %u", id[EI_DATA]);
		return RW_BAD_INPUT;
	}
	/* libelf takes any other EI_VERSION for "not ELF" and says nothing
	 * more ("libelf cannot read the file: no error"). */
	if (id[EI_VERSION] != EV_CURRENT) {
		rw_error(path, "ELF identification version %u, expected %d",
			 id[EI_VERSION], EV_CURRENT);
		return RW_BAD_INPUT;
	}
	if (e->size < sizeof(eh)) {
		rw_error(path, "truncated: %zu bytes, the ELF header needs %zu",
			 e->size, sizeof(eh));
		return RW_BAD_INPUT;
	}
	memcpy(&eh, e->image, sizeof(eh));
	if (eh.e_machine != EM_ARM) {
		rw_error(path, "machine %u (%s), not ARM", eh.e_machine,
			 machine_name(eh.e_machine));
		return RW_BAD_INPUT;
	}
	if (eh.e_type != ET_REL && eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		rw_error(path, "ELF type %u is not a relocatable object, executable or shared object",
			 eh.e_type);
		return RW_BAD_INPUT;
	}
	if (eh.e_shoff == 0) {
		rw_error(path, "no section header table: cannot find the code");
		return RW_BAD_INPUT;
	}
	if (eh.e_shentsize != sizeof(Elf32_Shdr)) {
		rw_error(path, "section header entry size %u, expected %zu",
			 eh.e_shentsize, sizeof(Elf32_Shdr));
		return RW_BAD_INPUT;
	}
	if ((uint64_t)eh.e_shoff + sizeof(Elf32_Shdr) > e->size) {
		rw_error(path, "section header table at offset 0x%x is past the end of the file (%zu bytes)",
			 eh.e_shoff, e->size);
		return RW_BAD_INPUT;
	}
	if (eh.e_shoff % 4) {
		rw_error(path, "section header table at offset 0x%x is misaligned", eh.e_shoff);
		return RW_BAD_INPUT;
	}
	sh = (const Elf32_Shdr *)(e->image + eh.e_shoff);
	/* Extended numbering: counts that do not fit live in section 0. */
	e->nsections = eh.e_shnum ? eh.e_shnum : sh[0].sh_size;
	e->shstrndx = eh.e_shstrndx == SHN_XINDEX ? sh[0].sh_link : eh.e_shstrndx;
	if ((uint64_t)eh.e_shoff + (uint64_t)e->nsections * sizeof(Elf32_Shdr) > e->size) {
		rw_error(path, "section header table at offset 0x%x (%zu entries of %zu bytes) extends past the end of the file (%zu bytes)",
			 eh.e_shoff, e->nsections, sizeof(Elf32_Shdr), e->size);
		return RW_BAD_INPUT;
	}
	if (e->nsections < 2) {
		rw_error(path, "no sections");
		return RW_BAD_INPUT;
	}
	if (e->shstrndx == 0 || e->shstrndx >= e->nsections ||
	    sh[e->shstrndx].sh_type != SHT_STRTAB) {
		rw_error(path, "section name table index %zu is not a string table",
			 e->shstrndx);
		return RW_BAD_INPUT;
	}

	struct extent *ext = calloc(e->nsections + 2, sizeof(*ext));
	size_t n = 0;
	if (!ext) {
		rw_error(path, "out of memory");
		return RW_IO;
	}
	/* The name table's own bounds first: from then on raw_name() can
	 * name any section in the messages below. */
	const Elf32_Shdr *str = &sh[e->shstrndx];
	if ((uint64_t)str->sh_offset + str->sh_size > e->size) {
		rw_error(path, "section %zu (the section name table): contents at offset 0x%x, size 0x%x extend past the end of the file (%zu bytes)",
			 e->shstrndx, str->sh_offset, str->sh_size, e->size);
		free(ext);
		return RW_BAD_INPUT;
	}
	ext[n++] = (struct extent){ 0, sizeof(Elf32_Ehdr), SIZE_MAX - 1 };
	ext[n++] = (struct extent){ eh.e_shoff,
				    eh.e_shoff + (uint64_t)e->nsections * sizeof(Elf32_Shdr),
				    SIZE_MAX };
	for (size_t i = 1; i < e->nsections; i++) {
		const Elf32_Shdr *s = &sh[i];
		if (s->sh_type == SHT_NOBITS || s->sh_type == SHT_NULL || s->sh_size == 0)
			continue;
		if ((uint64_t)s->sh_offset + s->sh_size > e->size) {
			rw_error(path, "section %zu (%s): contents at offset 0x%x, size 0x%x extend past the end of the file (%zu bytes)",
				 i, raw_name(e, sh, i), s->sh_offset, s->sh_size, e->size);
			free(ext);
			return RW_BAD_INPUT;
		}
		ext[n++] = (struct extent){ s->sh_offset,
					    (uint64_t)s->sh_offset + s->sh_size, i };
	}
	qsort(ext, n, sizeof(*ext), extent_cmp);
	for (size_t i = 1; i < n; i++)
		if (ext[i].start < ext[i - 1].end) {
			char a[96], b[96];
			rw_error(path, "%s and %s overlap in the file (offsets 0x%llx and 0x%llx)",
				 extent_name(e, sh, &ext[i - 1], a, sizeof(a)),
				 extent_name(e, sh, &ext[i], b, sizeof(b)),
				 (unsigned long long)ext[i - 1].start,
				 (unsigned long long)ext[i].start);
			free(ext);
			return RW_BAD_INPUT;
		}
	free(ext);

	if (str->sh_size == 0 || e->image[str->sh_offset + str->sh_size - 1] != 0) {
		rw_error(path, "section name table is empty or not NUL-terminated");
		return RW_BAD_INPUT;
	}
	for (size_t i = 1; i < e->nsections; i++) {
		if (sh[i].sh_name >= str->sh_size) {
			rw_error(path, "section %zu: name offset %u is outside the section name table (%u bytes)",
				 i, sh[i].sh_name, str->sh_size);
			return RW_BAD_INPUT;
		}
		if (sh[i].sh_link >= e->nsections) {
			rw_error(path, "section %zu (%s): link %u is not a section index",
				 i, raw_name(e, sh, i), sh[i].sh_link);
			return RW_BAD_INPUT;
		}
		if ((sh[i].sh_flags & SHF_EXECINSTR) && table_type_name(sh[i].sh_type)) {
			rw_error(path, "section %zu (%s): a %s marked executable (SHF_EXECINSTR)",
				 i, raw_name(e, sh, i), table_type_name(sh[i].sh_type));
			return RW_BAD_INPUT;
		}
		/* Compressed contents (gABI "Compressed Sections") would be
		 * read raw here, and libelf finds no names in a compressed
		 * name table.  Only non-allocated data that armpv does not
		 * interpret (debugging information) may be compressed; the
		 * gABI forbids SHF_COMPRESSED with SHF_ALLOC anyway. */
		if ((sh[i].sh_flags & SHF_COMPRESSED) &&
		    (sh[i].sh_type != SHT_PROGBITS ||
		     (sh[i].sh_flags & (SHF_ALLOC | SHF_EXECINSTR)))) {
			rw_error(path, "section %zu (%s) is compressed (SHF_COMPRESSED): armpv accepts that only on non-allocated data such as debugging information",
				 i, raw_name(e, sh, i));
			return RW_BAD_INPUT;
		}
	}
	return RW_OK;
}

static int map_cmp(const void *a, const void *b)
{
	const struct rw_map *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static bool mapping_symbol(const char *name, char *state)
{
	/* name[1] != 0 first: strchr() finds the terminator too, which made
	 * a symbol "$" a mapping symbol of state 0 and read name[2], past
	 * its end (found by tests/rewriter/fuzz-elf.c). */
	if (name[0] != '$' || !name[1] || !strchr("atd", name[1]) ||
	    (name[2] != 0 && name[2] != '.'))
		return false;
	*state = name[1];
	return true;
}

/* The symbol table and its mapping symbols. */
static enum rw_status load_symbols(struct rw_elf *e)
{
	struct rw_section *st = NULL;

	for (size_t i = 1; i < e->nsections; i++)
		if (e->sections[i].shdr.sh_type == SHT_SYMTAB) {
			if (st) {
				rw_error(e->path, "more than one symbol table");
				return RW_BAD_INPUT;
			}
			st = &e->sections[i];
			e->symtab = i;
		}
	if (!st)
		return RW_OK;
	const struct rw_section *strs = &e->sections[st->shdr.sh_link];
	if (st->shdr.sh_entsize != sizeof(Elf32_Sym)) {
		rw_error(e->path, "symbol table %s: entry size %llu, expected %zu",
			 st->name, (unsigned long long)st->shdr.sh_entsize, sizeof(Elf32_Sym));
		return RW_BAD_INPUT;
	}
	if (st->shdr.sh_size % sizeof(Elf32_Sym)) {
		rw_error(e->path, "symbol table %s: size %llu is not a multiple of the entry size %zu",
			 st->name, (unsigned long long)st->shdr.sh_size, sizeof(Elf32_Sym));
		return RW_BAD_INPUT;
	}
	if (strs->shdr.sh_type != SHT_STRTAB || !strs->data ||
	    strs->shdr.sh_size == 0 || strs->data[strs->shdr.sh_size - 1] != 0) {
		rw_error(e->path, "symbol table %s: linked section %zu is not a NUL-terminated string table",
			 st->name, strs->index);
		return RW_BAD_INPUT;
	}
	if (st->shdr.sh_size && (st->shdr.sh_offset % 4)) {
		rw_error(e->path, "symbol table %s is misaligned in the file", st->name);
		return RW_BAD_INPUT;
	}
	size_t nsyms = st->shdr.sh_size / sizeof(Elf32_Sym);
	const Elf32_Sym *syms = (const Elf32_Sym *)st->data;
	for (size_t i = 1; i < nsyms; i++) {
		const Elf32_Sym *s = &syms[i];
		char state;

		if (s->st_name >= strs->shdr.sh_size) {
			rw_error(e->path, "symbol %zu: name offset %u is outside the string table",
				 i, s->st_name);
			return RW_BAD_INPUT;
		}
		const char *name = (const char *)strs->data + s->st_name;
		if (!mapping_symbol(name, &state))
			continue;
		if (s->st_shndx == SHN_UNDEF || s->st_shndx >= SHN_LORESERVE ||
		    s->st_shndx >= e->nsections) {
			rw_error(e->path, "mapping symbol %zu (%s): section index %u is not a section",
				 i, name, s->st_shndx);
			return RW_BAD_INPUT;
		}
		struct rw_section *sec = &e->sections[s->st_shndx];
		uint64_t off = s->st_value;
		if (e->ehdr.e_type != ET_REL)
			off -= sec->shdr.sh_addr;
		if (s->st_value < (e->ehdr.e_type != ET_REL ? sec->shdr.sh_addr : 0) ||
		    off > sec->shdr.sh_size) {
			rw_error(e->path, "mapping symbol %zu (%s) at 0x%x lies outside its section %s",
				 i, name, s->st_value, sec->name);
			return RW_BAD_INPUT;
		}
		/* $a and $t in a data section mark code the kernel copies
		 * elsewhere to run, and $d there ends it (scan.c). */
		if (!sec->data)
			continue;
		struct rw_map *m = realloc(sec->map, (sec->nmap + 1) * sizeof(*m));
		if (!m) {
			rw_error(e->path, "out of memory");
			return RW_IO;
		}
		sec->map = m;
		m[sec->nmap++] = (struct rw_map){ (uint32_t)off, state, i };
		e->nmapping_symbols += sec->code;
	}
	for (size_t i = 1; i < e->nsections; i++) {
		struct rw_section *sec = &e->sections[i];
		if (sec->nmap)
			qsort(sec->map, sec->nmap, sizeof(*sec->map), map_cmp);
	}
	return RW_OK;
}

static bool uleb(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char b = *(*p)++;
		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
		shift += 7;
	}
	return false;
}

/* Tag_CPU_arch from the "aeabi" file attributes in .ARM.attributes (ARM IHI
 * 0045, "Addenda to the ARM ELF ABI").  Absent or unreadable attributes
 * leave attr_cpu_arch at 0: they only choose a default. */
static void load_attributes(struct rw_elf *e)
{
	for (size_t i = 1; i < e->nsections; i++) {
		const struct rw_section *s = &e->sections[i];
		if (s->shdr.sh_type != SHT_ARM_ATTRIBUTES || !s->data ||
		    s->shdr.sh_size < 1 || s->data[0] != 'A')
			continue;
		const unsigned char *p = s->data + 1, *end = s->data + s->shdr.sh_size;
		while (end - p >= 4) {
			uint32_t len = rw_le32(p);
			if (len < 4 || len > (size_t)(end - p))
				return;
			const unsigned char *sub = p + 4, *subend = p + len;
			p = subend;
			const unsigned char *nul = memchr(sub, 0, (size_t)(subend - sub));
			if (!nul || strcmp((const char *)sub, "aeabi") != 0)
				continue;
			const unsigned char *q = nul + 1;
			while (subend - q >= 5) {
				unsigned tag = *q++;
				uint32_t size = rw_le32(q);
				const unsigned char *tend = q - 1 + size;
				q += 4;
				if (size < 5 || tend > subend)
					return;
				if (tag != 1) { /* Tag_File */
					q = tend;
					continue;
				}
				while (q < tend) {
					uint64_t t, v;
					if (!uleb(&q, tend, &t))
						return;
					if (t == 4 || t == 5 || t == 65 || t == 67 ||
					    (t > 32 && (t & 1))) {
						const unsigned char *z = memchr(q, 0, (size_t)(tend - q));
						if (!z)
							return;
						q = z + 1;
						continue;
					}
					if (!uleb(&q, tend, &v))
						return;
					if (t == 32) { /* compatibility: uleb + string */
						const unsigned char *z = memchr(q, 0, (size_t)(tend - q));
						if (!z)
							return;
						q = z + 1;
						continue;
					}
					if (t == 6) { /* Tag_CPU_arch */
						e->attr_cpu_arch = (unsigned)v + 1;
						return;
					}
				}
			}
		}
	}
}

/* The headers of SHT_REL and SHT_RELA sections, whose entries the
 * rewriter reads as Elf32_Rel in place: here rather than only where they
 * are used, so that --check and --list reject the same files as a rewrite.
 * sh_info names the section the entries apply to (gABI "Sections"); the
 * dynamic relocations of executables and shared objects apply to no one
 * section and have 0 there. */
static enum rw_status check_relocation_sections(const struct rw_elf *e)
{
	for (size_t i = 1; i < e->nsections; i++) {
		const struct rw_section *s = &e->sections[i];
		bool rela = s->shdr.sh_type == SHT_RELA;
		size_t entsize = rela ? sizeof(Elf32_Rela) : sizeof(Elf32_Rel);

		if (s->shdr.sh_type != SHT_REL && !rela)
			continue;
		if (s->shdr.sh_info >= e->nsections ||
		    (s->shdr.sh_info == 0 && e->ehdr.e_type == ET_REL)) {
			rw_error(e->path, "relocation section %s: target section %llu is not a section",
				 s->name, (unsigned long long)s->shdr.sh_info);
			return RW_BAD_INPUT;
		}
		if (s->shdr.sh_entsize != entsize) {
			rw_error(e->path, "relocation section %s: entry size %llu, expected %zu",
				 s->name, (unsigned long long)s->shdr.sh_entsize, entsize);
			return RW_BAD_INPUT;
		}
		if (s->shdr.sh_size % entsize) {
			rw_error(e->path, "relocation section %s: size %llu is not a multiple of the entry size %zu",
				 s->name, (unsigned long long)s->shdr.sh_size, entsize);
			return RW_BAD_INPUT;
		}
		if (s->data && s->shdr.sh_offset % 4) {
			rw_error(e->path, "relocation section %s is misaligned in the file",
				 s->name);
			return RW_BAD_INPUT;
		}
	}
	return RW_OK;
}

static enum rw_status index_symbols(struct rw_elf *e);

enum rw_status rw_elf_open(const char *path, struct rw_elf *e)
{
	enum rw_status st;

	memset(e, 0, sizeof(*e));
	e->path = path;
	if ((st = read_file(path, e)) != RW_OK)
		return st;
	if ((st = validate_raw(e)) != RW_OK)
		return st;

	elf_version(EV_CURRENT);
	e->elf = elf_memory((char *)e->image, e->size);
	if (!e->elf || elf_kind(e->elf) != ELF_K_ELF || !gelf_getehdr(e->elf, &e->ehdr)) {
		rw_error(path, "libelf cannot read the file: %s", elf_errmsg(-1));
		return RW_BAD_INPUT;
	}
	e->sections = calloc(e->nsections, sizeof(*e->sections));
	if (!e->sections) {
		rw_error(path, "out of memory");
		return RW_IO;
	}
	for (size_t i = 0; i < e->nsections; i++) {
		struct rw_section *s = &e->sections[i];
		Elf_Scn *scn = elf_getscn(e->elf, i);
		if (!scn || !gelf_getshdr(scn, &s->shdr)) {
			rw_error(path, "libelf cannot read section %zu: %s", i, elf_errmsg(-1));
			return RW_BAD_INPUT;
		}
		s->index = i;
		s->name = elf_strptr(e->elf, e->shstrndx, s->shdr.sh_name);
		if (!s->name)
			s->name = "?";
		/* validate_raw() bounds-checked every section but NOBITS and
		 * NULL; an SHT_NULL header is inactive (gABI), its offset and
		 * size undefined: no data. */
		if (s->shdr.sh_type != SHT_NOBITS && s->shdr.sh_type != SHT_NULL &&
		    s->shdr.sh_size)
			s->data = e->image + s->shdr.sh_offset;
		/* Executable contents of any type: the scan must see every
		 * one (an SHT_NOBITS section has no contents to rewrite). */
		s->code = (s->shdr.sh_flags & SHF_EXECINSTR) && s->data;
	}
	if ((st = check_relocation_sections(e)) != RW_OK ||
	    (st = load_symbols(e)) != RW_OK || (st = index_symbols(e)) != RW_OK)
		return st;
	load_attributes(e);
	return RW_OK;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct rw_sym *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	/* At one address a sized symbol (a function) names it best. */
	return (y->size != 0) - (x->size != 0);
}

/* Index of named function, object and untyped symbols, for listings. */
static enum rw_status index_symbols(struct rw_elf *e)
{
	if (!e->symtab)
		return RW_OK;
	const struct rw_section *st = &e->sections[e->symtab];
	const struct rw_section *strs = &e->sections[st->shdr.sh_link];
	const Elf32_Sym *syms = (const Elf32_Sym *)st->data;
	size_t n = st->shdr.sh_size / sizeof(Elf32_Sym);

	e->syms = calloc(n ? n : 1, sizeof(*e->syms));
	if (!e->syms) {
		rw_error(e->path, "out of memory");
		return RW_IO;
	}
	for (size_t i = 1; i < n; i++) {
		const Elf32_Sym *s = &syms[i];
		unsigned type = ELF32_ST_TYPE(s->st_info);
		const char *name = (const char *)strs->data + s->st_name;
		if (s->st_shndx == SHN_UNDEF || s->st_shndx >= e->nsections ||
		    (type != STT_FUNC && type != STT_NOTYPE && type != STT_OBJECT) ||
		    !*name || name[0] == '$')
			continue;
		uint64_t value = s->st_value & ~1u;
		if (e->ehdr.e_type != ET_REL) {
			if (value < e->sections[s->st_shndx].shdr.sh_addr)
				continue;
			value -= e->sections[s->st_shndx].shdr.sh_addr;
		}
		e->syms[e->nsyms++] = (struct rw_sym){ s->st_shndx, (uint32_t)value,
						       s->st_size, name };
	}
	qsort(e->syms, e->nsyms, sizeof(*e->syms), sym_cmp);
	return RW_OK;
}

/* The index of the first symbol after (sec, offset) in e->syms. */
static size_t symbol_after(const struct rw_elf *e, size_t sec, uint32_t offset)
{
	size_t lo = 0, hi = e->nsyms;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct rw_sym *s = &e->syms[mid];
		if (s->sec < sec || (s->sec == sec && s->value <= offset))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *rw_elf_symbol_at(const struct rw_elf *e, size_t sec, uint32_t offset,
			     uint32_t *off)
{
	/* The last symbol of 'sec' starting at or before 'offset'. */
	size_t lo = symbol_after(e, sec, offset);

	if (lo == 0 || e->syms[lo - 1].sec != sec)
		return NULL;
	/* Among symbols at that same address, the first sorts sized-first. */
	uint32_t v = e->syms[lo - 1].value;
	while (lo > 1 && e->syms[lo - 2].sec == sec && e->syms[lo - 2].value == v)
		lo--;
	*off = offset - v;
	return e->syms[lo - 1].name;
}

uint32_t rw_elf_symbol_bound(const struct rw_elf *e, size_t sec, uint32_t offset,
			     uint32_t limit)
{
	size_t lo = symbol_after(e, sec, offset);

	/* A sized symbol covering 'offset' (among the nearest ones). */
	for (size_t i = lo, n = 0; i-- > 0 && n < 64 && e->syms[i].sec == sec; n++) {
		const struct rw_sym *s = &e->syms[i];
		if (s->size && (uint64_t)s->value + s->size > offset)
			return (uint64_t)s->value + s->size < limit ? s->value + s->size : limit;
	}
	if (lo < e->nsyms && e->syms[lo].sec == sec && e->syms[lo].value < limit)
		return e->syms[lo].value;
	return limit;
}

bool rw_elf_symbol_named(const struct rw_elf *e, const char *name, size_t *sec,
			 uint32_t *off)
{
	for (size_t i = 0; i < e->nsyms; i++)
		if (!strcmp(e->syms[i].name, name)) {
			*sec = e->syms[i].sec;
			*off = e->syms[i].value;
			return true;
		}
	return false;
}

void rw_elf_close(struct rw_elf *e)
{
	if (e->elf)
		elf_end(e->elf);
	if (e->sections)
		for (size_t i = 0; i < e->nsections; i++)
			free(e->sections[i].map);
	free(e->sections);
	free(e->syms);
	if (e->image)
		munmap(e->image, e->size);
	if (e->path && e->fd >= 0)
		close(e->fd);
	memset(e, 0, sizeof(*e));
}
