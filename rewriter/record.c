// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * record.c -- find, compare and write armpv-rewrite's record (record.h).
 *
 * A new record is appended: its contents, a new section name table when
 * the name is not already there, and a new section header table with one
 * more entry; then e_shoff and e_shnum change.  Every byte of the input
 * keeps its offset, so the file's sections, symbols and relocations are
 * untouched apart from the rewritten words.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"

#define RECORD_PREFIX "armpv-rewrite "

static bool parse_text(const char *text, size_t len, struct rw_record *rec)
{
	char buf[RW_NOTE_DESC_SIZE + 1];
	struct rw_record r = { 0 };

	if (len > RW_NOTE_DESC_SIZE || len < strlen(RECORD_PREFIX) ||
	    memcmp(text, RECORD_PREFIX, strlen(RECORD_PREFIX)) != 0)
		return false;
	memcpy(buf, text, len);
	buf[len] = 0;
	for (char *save = NULL, *t = strtok_r(buf + strlen(RECORD_PREFIX), " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(t, '=');
		if (!eq)
			continue;
		*eq = 0;
		const char *v = eq + 1;
		if (!strcmp(t, "tables"))
			r.version = (unsigned)strtoul(v, NULL, 10);
		else if (!strcmp(t, "layout"))
			r.layout = (uint32_t)strtoul(v, NULL, 16);
		else if (!strcmp(t, "arch"))
			r.arch = armpv_arch_parse(v);
		else
			for (unsigned k = 1; k < ARMPV_NINSNS; k++)
				if (!strcmp(t, armpv_insn_names[k]))
					r.counts[k] = strtoul(v, NULL, 10);
	}
	if (!r.version)
		return false;
	r.found = true;
	*rec = r;
	return true;
}

bool rw_record_find(const struct rw_elf *e, struct rw_record *out)
{
	struct rw_record rec = { 0 }, tmp;

	for (size_t i = 1; i < e->nsections; i++) {
		const struct rw_section *s = &e->sections[i];
		size_t size = s->shdr.sh_size;

		if (!s->data)
			continue;
		if (s->shdr.sh_type == SHT_NOTE && !strcmp(s->name, ".note.armpv")) {
			/* namesz, descsz, type, "armpv\0" padded to 8, desc */
			if (size < 20 + RW_NOTE_DESC_SIZE || rw_le32(s->data) != 6 ||
			    rw_le32(s->data + 4) != RW_NOTE_DESC_SIZE ||
			    rw_le32(s->data + 8) != RW_NOTE_TYPE ||
			    memcmp(s->data + 12, RW_NOTE_NAME, 6) != 0)
				continue;
			const char *d = (const char *)s->data + 20;
			if (parse_text(d, strnlen(d, RW_NOTE_DESC_SIZE), &tmp)) {
				tmp.note_section = i;
				rec = tmp;
			}
		} else if (s->shdr.sh_type == SHT_PROGBITS && !strcmp(s->name, ".comment")) {
			const char *p = (const char *)s->data, *end = p + size;
			while (p < end) {
				size_t n = strnlen(p, (size_t)(end - p));
				if (parse_text(p, n, &tmp))
					rec = tmp;
				p += n + 1;
			}
		}
	}
	if (out)
		*out = rec;
	return rec.found;
}

bool rw_record_matches(const struct rw_record *rec, unsigned arch,
		       const unsigned long counts[ARMPV_NINSNS])
{
	if (!rec->found || rec->version != ARMPV_TABLES_VERSION ||
	    rec->layout != ARMPV_TABLES_LAYOUT_HASH || rec->arch != arch)
		return false;
	for (unsigned k = 1; k < ARMPV_NINSNS; k++)
		if (rec->counts[k] != counts[k])
			return false;
	return true;
}

static size_t format_text(char *buf, size_t len, unsigned arch,
			  const unsigned long counts[ARMPV_NINSNS])
{
	size_t n = (size_t)snprintf(buf, len, RECORD_PREFIX "tables=%d layout=0x%08x arch=%s",
				    ARMPV_TABLES_VERSION, ARMPV_TABLES_LAYOUT_HASH,
				    armpv_arch_name(arch));
	for (unsigned k = 1; k < ARMPV_NINSNS && n < len; k++)
		if (counts[k])
			n += (size_t)snprintf(buf + n, len - n, " %s=%lu",
					      armpv_insn_names[k], counts[k]);
	return n < len ? n : len - 1;
}

/* Offset of 'name' as a whole string (or a suffix of one) in the section
 * name table, or -1. */
static long find_name(const struct rw_elf *e, const char *name)
{
	const struct rw_section *str = &e->sections[e->shstrndx];
	size_t n = strlen(name);

	for (size_t i = 0; i + n < str->shdr.sh_size; i++)
		if (!memcmp(str->data + i, name, n + 1))
			return (long)i;
	return -1;
}

static size_t align4(size_t v)
{
	return (v + 3) & ~(size_t)3;
}

enum rw_status rw_record_prepare(const struct rw_elf *e, const struct rw_record *old,
				 unsigned arch, const unsigned long counts[ARMPV_NINSNS],
				 struct rw_record_patch *p)
{
	char text[RW_NOTE_DESC_SIZE];
	bool rel = e->ehdr.e_type == ET_REL;
	const char *name = rel ? ".comment" : ".note.armpv";
	size_t tlen = format_text(text, sizeof(text), arch, counts);
	size_t nsec = e->nsections;

	memset(p, 0, sizeof(*p));
	memcpy(&p->ehdr, e->image, sizeof(p->ehdr));
	if (!rel && old->note_section) {
		/* Fixed size: update in place. */
		p->note_offset = e->sections[old->note_section].shdr.sh_offset + 20;
		memset(p->note, 0, sizeof(p->note));
		memcpy(p->note, text, tlen);
		return RW_OK;
	}
	if (nsec + 1 >= SHN_LORESERVE) {
		rw_error(e->path, "too many sections to add the armpv record");
		return RW_CANNOT;
	}

	/* Contents of the new section. */
	size_t data_size = rel ? tlen + 1 : 20 + RW_NOTE_DESC_SIZE;
	long name_off = find_name(e, name);
	const struct rw_section *str = &e->sections[e->shstrndx];
	size_t str_size = str->shdr.sh_size + (name_off < 0 ? strlen(name) + 1 : 0);
	size_t data_at = align4(e->size);
	size_t str_at = data_at + data_size;
	size_t sh_at = align4(name_off < 0 ? str_at + str_size : str_at);
	size_t end = sh_at + (nsec + 1) * sizeof(Elf32_Shdr);

	if (end > UINT32_MAX) {
		rw_error(e->path, "file too large for a 32-bit ELF after adding the record");
		return RW_CANNOT;
	}
	p->tail_size = end - e->size;
	p->tail = calloc(1, p->tail_size);
	if (!p->tail) {
		rw_error(e->path, "out of memory");
		return RW_IO;
	}
	/* File offset X is at p->tail + (X - e->size).  The tail starts at
	 * the input's size, which need not be a multiple of 4, so the new
	 * header table is built in an array of its own and copied in: an
	 * Elf32_Shdr store at a misaligned address is undefined (and faults
	 * on strict-alignment hosts).  Found by tests/rewriter/fuzz-elf.c. */
	unsigned char *data = p->tail + (data_at - e->size);
	unsigned char *strs = p->tail + (str_at - e->size);
	Elf32_Shdr *sh = calloc(nsec + 1, sizeof(*sh));
	if (!sh) {
		rw_error(e->path, "out of memory");
		rw_record_free(p);
		return RW_IO;
	}
	if (rel) {
		memcpy(data, text, tlen + 1);
	} else {
		rw_put_le32(data, 6);
		rw_put_le32(data + 4, RW_NOTE_DESC_SIZE);
		rw_put_le32(data + 8, RW_NOTE_TYPE);
		memcpy(data + 12, RW_NOTE_NAME, 6);
		memcpy(data + 20, text, tlen);
	}
	memcpy(sh, e->image + p->ehdr.e_shoff, nsec * sizeof(Elf32_Shdr));
	if (name_off < 0) {
		memcpy(strs, str->data, str->shdr.sh_size);
		memcpy(strs + str->shdr.sh_size, name, strlen(name) + 1);
		name_off = (long)str->shdr.sh_size;
		sh[e->shstrndx].sh_offset = (Elf32_Off)str_at;
		sh[e->shstrndx].sh_size = (Elf32_Word)str_size;
	}
	sh[nsec] = (Elf32_Shdr){
		.sh_name = (Elf32_Word)name_off,
		.sh_type = rel ? SHT_PROGBITS : SHT_NOTE,
		.sh_flags = rel ? SHF_MERGE | SHF_STRINGS : 0,
		.sh_offset = (Elf32_Off)data_at,
		.sh_size = (Elf32_Word)data_size,
		.sh_addralign = rel ? 1 : 4,
		.sh_entsize = rel ? 1 : 0,
	};
	p->ehdr.e_shoff = (Elf32_Off)sh_at;
	if (p->ehdr.e_shnum)
		p->ehdr.e_shnum = (Elf32_Half)(nsec + 1);
	else
		sh[0].sh_size = (Elf32_Word)(nsec + 1);
	memcpy(p->tail + (sh_at - e->size), sh, (nsec + 1) * sizeof(*sh));
	free(sh);
	return RW_OK;
}

static bool pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	const unsigned char *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return true;
}

enum rw_status rw_record_apply(int fd, const struct rw_elf *e,
			       const struct rw_record_patch *p)
{
	bool ok = true;

	if (p->tail)
		ok = pwrite_all(fd, &p->ehdr, sizeof(p->ehdr), 0) &&
		     pwrite_all(fd, p->tail, p->tail_size, (off_t)e->size);
	else if (p->note_offset)
		ok = pwrite_all(fd, p->note, RW_NOTE_DESC_SIZE, (off_t)p->note_offset);
	if (!ok) {
		rw_error(e->path, "write error: %s", strerror(errno));
		return RW_IO;
	}
	return RW_OK;
}

void rw_record_free(struct rw_record_patch *p)
{
	free(p->tail);
	p->tail = NULL;
}
