// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * armpv-bundle -- put a rewritten guest kernel, and optionally its device
 * tree, initrd and command line, into one file that armpv-bm boots by the
 * Linux boot protocol (format: armpv_bundle.h; docs/bundle.md).
 *
 * main() is the list of passes: read every input, validate each as the
 * monitor will (the kernel ELF and its armpv-rewrite record, the device
 * tree with the monitor's own fdt.c, including a trial of the edits the
 * monitor makes at boot), lay the bundle out, write it to a temporary
 * file beside the output and rename it into place.  Inputs are only ever
 * read.  --list checks an existing bundle the way the monitor does.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "armpv_bundle.h"
#include "armpv_tables.h"
#include "bundle-tool.h"
#include "fdt.h"

#define NOTE_NAME ".note.armpv"

struct options {
	const char *output, *list;
	struct input kernel, dtb, initrd;
	struct input vmlinux, decomp; /* a raw kernel's proof */
	const char *cmdline;
	uint32_t kernel_offset;
	bool quiet;
	struct raw_kernel raw; /* raw.format: what -k is */
};

static const char *prog = "armpv-bundle";

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: armpv-bundle -o BUNDLE -k KERNEL [-d DTB] [-i INITRD] [-c CMDLINE]\n"
		"                    [--kernel-offset N] [-q]\n"
		"       armpv-bundle -o BUNDLE -k Image|zImage --vmlinux VMLINUX\n"
		"                    [--decompressor DECOMP] --kernel-offset N [...]\n"
		"       armpv-bundle --list BUNDLE\n"
		"\n"
		"Write BUNDLE, the guest armpv-bm boots when BUNDLE is its initrd: the\n"
		"kernel KERNEL (an ARM ELF executable rewritten by armpv-rewrite, such as\n"
		"vmlinux or a test guest), and optionally a flattened device tree DTB, an\n"
		"initrd INITRD and a command line.  The monitor loads the kernel at its ELF\n"
		"load addresses, places the initrd and the device tree (or ATAGs when there\n"
		"is no DTB) in guest RAM, sets the tree's /memory and /chosen, and enters the\n"
		"kernel as a Linux boot loader does.  Each input is checked as the monitor\n"
		"will check it; BUNDLE is written to a temporary file, then renamed.\n"
		"\n"
		"Options:\n"
		"  -o, --output FILE        the bundle to write\n"
		"  -k, --kernel FILE        the rewritten kernel ELF (required), or a\n"
		"                           Linux Image or zImage made from one\n"
		"      --vmlinux FILE       with an Image or zImage: the rewritten vmlinux\n"
		"                           it was made from (record checked, bytes\n"
		"                           compared)\n"
		"      --decompressor FILE  with a zImage: its decompressor ELF\n"
		"                           (arch/arm/boot/compressed/vmlinux), compared\n"
		"                           and scanned for sensitive instructions\n"
		"  -d, --dtb FILE           the guest's device tree blob (version 17)\n"
		"  -i, --initrd FILE        the guest's initrd (any bytes)\n"
		"  -c, --cmdline STRING     the guest's command line (at most %u bytes);\n"
		"                           with a DTB it replaces /chosen bootargs\n"
		"      --kernel-offset N    subtract N from the ELF's load addresses\n"
		"                           (p_paddr) and entry: 0xc0000000 for a Linux\n"
		"                           vmlinux, whose load addresses are virtual\n"
		"                           (default 0)\n"
		"  -l, --list FILE          check the bundle FILE and list its members\n"
		"  -q, --quiet              no summary on success\n"
		"  -h, --help               this text\n"
		"      --version            the version and the tables layout\n"
		"\n"
		"Exit status: 0 done; 2 bad command line; 3 an input is malformed; 4 the\n"
		"kernel is not rewritten (no .note.armpv) or rewritten with other tables,\n"
		"or a zImage's decompressor holds sensitive instructions; 5 I/O error;\n"
		"6 an Image or zImage is not the bytes of its --vmlinux.\n",
		ARMPV_BUNDLE_CMDLINE_MAX - 1);
}

void err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The whole file; inputs are opened read-only and never written. */
static int read_input(struct input *in)
{
	int fd = open(in->path, O_RDONLY);
	size_t done = 0;

	if (fd < 0 || fstat(fd, &in->st) < 0) {
		err("%s: cannot open: %s", in->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return BN_IO;
	}
	if (!S_ISREG(in->st.st_mode) || in->st.st_size > 0x7fffffff) {
		err("%s: not a regular file of at most 2 GiB", in->path);
		close(fd);
		return BN_IO;
	}
	in->size = (uint32_t)in->st.st_size;
	in->data = malloc(in->size ? in->size : 1);
	if (!in->data) {
		err("%s: out of memory", in->path);
		close(fd);
		return BN_IO;
	}
	while (done < in->size) {
		ssize_t n = read(fd, in->data + done, in->size - done);

		if (n <= 0) {
			err("%s: cannot read: %s", in->path,
			    n ? strerror(errno) : "file shrank while read");
			close(fd);
			return BN_IO;
		}
		done += (size_t)n;
	}
	close(fd);
	return BN_OK;
}

/* The armpv-rewrite record, as armpv-bm's loader.c (check_record) reads
 * it: a SHT_NOTE section .note.armpv, owner "armpv", text holding
 * "layout=<hex>" equal to the tables this armpv was built with. */
static int check_record(const struct input *k, const Elf32_Ehdr *eh,
			unsigned *archs)
{
	const uint8_t *f = k->data;
	const Elf32_Shdr *sh;
	const Elf32_Shdr *strtab;

	if (eh->e_shoff == 0 || eh->e_shentsize != sizeof(*sh) ||
	    eh->e_shoff > k->size || (eh->e_shoff & 3) ||
	    (k->size - eh->e_shoff) / sizeof(*sh) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum) {
		err("%s: section headers at offset 0x%x unusable: cannot find "
		    "the armpv-rewrite record", k->path, eh->e_shoff);
		return BN_BAD_INPUT;
	}
	sh = (const Elf32_Shdr *)(const void *)(f + eh->e_shoff);
	strtab = &sh[eh->e_shstrndx];
	if (strtab->sh_offset > k->size ||
	    strtab->sh_size > k->size - strtab->sh_offset) {
		err("%s: section name table at offset 0x%x is out of the file",
		    k->path, strtab->sh_offset);
		return BN_BAD_INPUT;
	}
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const char *names = (const char *)f + strtab->sh_offset;
		const Elf32_Nhdr *nh;
		char text[512];
		const char *p;
		unsigned long layout;
		size_t len;

		if (sh[i].sh_type != SHT_NOTE ||
		    sh[i].sh_name >= strtab->sh_size ||
		    strnlen(names + sh[i].sh_name,
			    strtab->sh_size - sh[i].sh_name) !=
			    sizeof(NOTE_NAME) - 1 ||
		    memcmp(names + sh[i].sh_name, NOTE_NAME, sizeof(NOTE_NAME)))
			continue;
		if (sh[i].sh_offset > k->size ||
		    sh[i].sh_size > k->size - sh[i].sh_offset ||
		    sh[i].sh_size < sizeof(*nh) + 8 || (sh[i].sh_offset & 3)) {
			err("%s: %s (section %u, offset 0x%x) is out of the "
			    "file", k->path, NOTE_NAME, i, sh[i].sh_offset);
			return BN_BAD_INPUT;
		}
		nh = (const Elf32_Nhdr *)(const void *)(f + sh[i].sh_offset);
		if (nh->n_namesz != 6 ||
		    nh->n_descsz > sh[i].sh_size - sizeof(*nh) - 8) {
			err("%s: %s at offset 0x%x is malformed", k->path,
			    NOTE_NAME, sh[i].sh_offset);
			return BN_BAD_INPUT;
		}
		p = (const char *)(nh + 1) + 8;
		len = strnlen(p, nh->n_descsz);
		if (len >= sizeof(text))
			len = sizeof(text) - 1;
		memcpy(text, p, len);
		text[len] = 0;
		p = strstr(text, "layout=");
		if (!p || sscanf(p + 7, "%lx", &layout) != 1) {
			err("%s: %s has no layout: '%s'", k->path, NOTE_NAME,
			    text);
			return BN_NOT_REWRITTEN;
		}
		if (layout != ARMPV_TABLES_LAYOUT_HASH) {
			err("%s: rewritten with tables layout 0x%08lx; this "
			    "armpv (and its armpv-bm) decodes layout 0x%08x: "
			    "rewrite the kernel again", k->path, layout,
			    ARMPV_TABLES_LAYOUT_HASH);
			return BN_NOT_REWRITTEN;
		}
		/* arch=NAME; a record without one is ARMv5TE code. */
		*archs = ARMPV_ARCH_ARMV5TE;
		p = strstr(text, "arch=");
		if (p) {
			char name[16];

			if (sscanf(p + 5, "%15[a-z0-9]", name) == 1 &&
			    armpv_arch_parse(name))
				*archs = armpv_arch_parse(name);
		}
		return BN_OK;
	}
	err("%s: not rewritten (no %s): run armpv-rewrite on it first; "
	    "armpv-bm refuses it", k->path, NOTE_NAME);
	return BN_NOT_REWRITTEN;
}

/* The kernel: what armpv-bm's loader.c accepts. */
static int check_kernel(const struct input *k, uint32_t offset,
			unsigned *archs)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)(const void *)k->data;
	const Elf32_Phdr *ph;
	uint32_t lo = UINT32_MAX, hi = 0;
	bool entry_ok = false;
	int rc;

	if (k->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
		err("%s: not an ELF file", k->path);
		return BN_BAD_INPUT;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_ARM) {
		err("%s: not a 32-bit little-endian ARM ELF file", k->path);
		return BN_BAD_INPUT;
	}
	if (eh->e_type != ET_EXEC) {
		err("%s: not an executable (ELF type %u)", k->path,
		    eh->e_type);
		return BN_BAD_INPUT;
	}
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phoff > k->size ||
	    (eh->e_phoff & 3) ||
	    (k->size - eh->e_phoff) / sizeof(*ph) < eh->e_phnum) {
		err("%s: program headers at offset 0x%x are out of the file",
		    k->path, eh->e_phoff);
		return BN_BAD_INPUT;
	}
	rc = check_record(k, eh, archs);
	if (rc)
		return rc;
	ph = (const Elf32_Phdr *)(const void *)(k->data + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz ||
		    ph[i].p_offset > k->size ||
		    ph[i].p_filesz > k->size - ph[i].p_offset) {
			err("%s: segment %u (program header at offset 0x%zx): "
			    "file bytes out of the file", k->path, i,
			    eh->e_phoff + i * sizeof(*ph));
			return BN_BAD_INPUT;
		}
		if (ph[i].p_paddr < offset ||
		    ph[i].p_paddr - offset >= ARMPV_BUNDLE_GUEST_RAM ||
		    ph[i].p_memsz > ARMPV_BUNDLE_GUEST_RAM -
					    (ph[i].p_paddr - offset)) {
			err("%s: segment %u loads at 0x%08x+0x%x, outside "
			    "armpv-bm's guest RAM (physical 0-0x%08x) with "
			    "--kernel-offset 0x%x%s", k->path, i,
			    ph[i].p_paddr, ph[i].p_memsz,
			    ARMPV_BUNDLE_GUEST_RAM - 1, offset,
			    ph[i].p_paddr >= 0xc0000000u && !offset
				    ? " (a Linux vmlinux: its load addresses "
				      "are virtual; try --kernel-offset "
				      "0xc0000000)"
				    : "");
			return BN_BAD_INPUT;
		}
		if (ph[i].p_paddr - offset < lo)
			lo = ph[i].p_paddr - offset;
		if (ph[i].p_paddr - offset + ph[i].p_memsz > hi)
			hi = ph[i].p_paddr - offset + ph[i].p_memsz;
		if (eh->e_entry >= ph[i].p_vaddr &&
		    eh->e_entry - ph[i].p_vaddr < ph[i].p_memsz &&
		    !(eh->e_entry & 3))
			entry_ok = true;
	}
	if (!entry_ok) {
		err("%s: entry point 0x%08x is not ARM code in a loaded "
		    "segment", k->path, eh->e_entry);
		return BN_BAD_INPUT;
	}
	return BN_OK;
}

/* The device tree: fdt_open() as the monitor runs it, then the edits it
 * will make at boot, tried on a copy (so a tree the monitor cannot edit
 * is refused now, not at boot). */
static int check_dtb(const struct input *d, const char *cmdline)
{
	struct fdt src, copy;
	uint32_t where, cap;
	const char *why;
	uint8_t *buf;

	why = fdt_open(&src, d->data, d->size, &where);
	if (why) {
		err("%s: offset 0x%x: %s", d->path, where, why);
		return BN_BAD_INPUT;
	}
	cap = d->size + ARMPV_BUNDLE_FDT_ROOM +
	      (cmdline ? (uint32_t)strlen(cmdline) + 1 : 0);
	buf = malloc(cap);
	if (!buf) {
		err("%s: out of memory", d->path);
		return BN_IO;
	}
	why = fdt_open_into(&copy, buf, cap, &src);
	if (!why)
		why = fdt_linux_fixup(&copy, 0, ARMPV_BUNDLE_GUEST_RAM, cmdline,
				      0x00800000, 0x00800001);
	free(buf);
	if (why) {
		err("%s: the monitor could not set /memory and /chosen in "
		    "it: %s", d->path, why);
		return BN_BAD_INPUT;
	}
	return BN_OK;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* The bundle in memory: header, member table, members 8-byte aligned in
 * the order kernel, dtb, initrd, cmdline. */
static uint8_t *bundle_build(const struct options *o, uint32_t *size)
{
	struct part {
		uint32_t type;
		const uint8_t *data;
		uint32_t size;
	} m[ARMPV_BUNDLE_MAX_MEMBERS];
	unsigned n = 0;
	uint64_t off;
	uint8_t *b;

	m[n++] = (struct part){ ARMPV_BUNDLE_KERNEL, o->kernel.data,
				 o->kernel.size };
	if (o->dtb.path)
		m[n++] = (struct part){ ARMPV_BUNDLE_DTB, o->dtb.data,
					 o->dtb.size };
	if (o->initrd.path)
		m[n++] = (struct part){ ARMPV_BUNDLE_INITRD, o->initrd.data,
					 o->initrd.size };
	if (o->cmdline)
		m[n++] = (struct part){ ARMPV_BUNDLE_CMDLINE,
					 (const uint8_t *)o->cmdline,
					 (uint32_t)strlen(o->cmdline) + 1 };
	off = sizeof(struct armpv_bundle_header) +
	      n * sizeof(struct armpv_bundle_member);
	for (unsigned i = 0; i < n; i++)
		off = ((off + ARMPV_BUNDLE_ALIGN - 1) &
		       ~(uint64_t)(ARMPV_BUNDLE_ALIGN - 1)) +
		      m[i].size;
	if (off > UINT32_MAX) {
		err("%s: the bundle would exceed 4 GiB", o->output);
		return NULL;
	}
	*size = (uint32_t)off;
	b = calloc(1, *size);
	if (!b) {
		err("%s: out of memory", o->output);
		return NULL;
	}
	memcpy(b, ARMPV_BUNDLE_MAGIC, ARMPV_BUNDLE_MAGIC_SIZE);
	put32(b + 8, ARMPV_BUNDLE_VERSION);
	put32(b + 12, (uint32_t)(sizeof(struct armpv_bundle_header) +
				 n * sizeof(struct armpv_bundle_member)));
	put32(b + 16, *size);
	put32(b + 20, n);
	if (o->raw.format == ARMPV_BUNDLE_ELF) {
		put32(b + 24, o->kernel_offset);
		put32(b + 32, ARMPV_BUNDLE_ELF);
	} else {
		/* The raw kernel's record, from its vmlinux. */
		put32(b + 28, o->raw.archs & ARMPV_ARCH_ARMV6
				      ? ARMPV_BUNDLE_F_ARMV6
				      : 0);
		put32(b + 32, o->raw.format);
		put32(b + 36, ARMPV_TABLES_LAYOUT_HASH);
		put32(b + 40, o->raw.load);
		put32(b + 44, o->raw.end);
	}
	off = get32(b + 12);
	for (unsigned i = 0; i < n; i++) {
		uint8_t *e = b + sizeof(struct armpv_bundle_header) + 16 * i;

		off = (off + ARMPV_BUNDLE_ALIGN - 1) &
		      ~(uint64_t)(ARMPV_BUNDLE_ALIGN - 1);
		put32(e, m[i].type);
		put32(e + 4, (uint32_t)off);
		put32(e + 8, m[i].size);
		put32(e + 12, armpv_bundle_crc32(0, m[i].data, m[i].size));
		memcpy(b + off, m[i].data, m[i].size);
		off += m[i].size;
	}
	return b;
}

/* Temporary file beside the output, then rename: a reader never sees a
 * half-written bundle, and a failure leaves the old output as it was. */
static int write_atomically(const char *path, const uint8_t *b, uint32_t size)
{
	size_t len = strlen(path);
	char *tmp = malloc(len + 8);
	mode_t mask;
	size_t done = 0;
	bool ok;
	int fd, saved;

	if (!tmp) {
		err("%s: out of memory", path);
		return BN_IO;
	}
	memcpy(tmp, path, len);
	memcpy(tmp + len, ".XXXXXX", 8);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err("%s: cannot create a temporary file: %s", tmp,
		    strerror(errno));
		free(tmp);
		return BN_IO;
	}
	mask = umask(0);
	umask(mask);
	errno = 0;
	while (done < size) {
		ssize_t n = write(fd, b + done, size - done);

		if (n <= 0)
			break;
		done += (size_t)n;
	}
	ok = done == size && fchmod(fd, 0666 & ~mask) == 0 && fsync(fd) == 0;
	saved = errno;
	if (close(fd) < 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		err("%s: cannot write: %s", tmp,
		    strerror(saved ? saved : EIO));
		unlink(tmp);
		free(tmp);
		return BN_IO;
	}
	if (rename(tmp, path) < 0) {
		err("%s: cannot rename %s to it: %s", path, tmp,
		    strerror(errno));
		unlink(tmp);
		free(tmp);
		return BN_IO;
	}
	free(tmp);
	return BN_OK;
}

/* --list: the monitor's checks (bundle.c, bundle_check), on the host. */
static int list_bundle(const char *path)
{
	struct input in = { .path = path };
	uint32_t hsize, total, n;
	unsigned seen = 0;
	int rc = read_input(&in);

	if (rc)
		return rc;
	if (in.size < sizeof(struct armpv_bundle_header) ||
	    memcmp(in.data, ARMPV_BUNDLE_MAGIC, ARMPV_BUNDLE_MAGIC_SIZE)) {
		err("%s: offset 0: not an armpv bundle (no magic %s)", path,
		    ARMPV_BUNDLE_MAGIC);
		return BN_BAD_INPUT;
	}
	if (get32(in.data + 8) != ARMPV_BUNDLE_VERSION) {
		err("%s: offset 8: format version %u%s, this tool reads "
		    "version %u%s", path, get32(in.data + 8),
		    get32(in.data + 8) == 1
			    ? ", written by an older armpv-bundle"
			    : "",
		    ARMPV_BUNDLE_VERSION,
		    get32(in.data + 8) == 1
			    ? "; write the bundle again with this armpv-bundle"
			    : "");
		return BN_BAD_INPUT;
	}
	hsize = get32(in.data + 12);
	total = get32(in.data + 16);
	n = get32(in.data + 20);
	if (total > in.size) {
		err("%s: offset 16: truncated: the header says %u bytes, the "
		    "file has %u", path, total, in.size);
		return BN_BAD_INPUT;
	}
	if (n < 1 || n > ARMPV_BUNDLE_MAX_MEMBERS ||
	    hsize != sizeof(struct armpv_bundle_header) + 16 * n ||
	    hsize > total || (get32(in.data + 28) & ~ARMPV_BUNDLE_FLAGS_KNOWN) ||
	    get32(in.data + 32) < ARMPV_BUNDLE_ELF ||
	    get32(in.data + 32) > ARMPV_BUNDLE_ZIMAGE) {
		err("%s: offset 12: bad header (header size %u, %u members, "
		    "flags 0x%x, kernel format %u)", path, hsize, n,
		    get32(in.data + 28), get32(in.data + 32));
		return BN_BAD_INPUT;
	}
	printf("%s: armpv bundle version %u, %u bytes, %u members, kernel "
	       "offset 0x%08x, kernel format %s\n",
	       path, ARMPV_BUNDLE_VERSION, total, n, get32(in.data + 24),
	       armpv_bundle_format_name(get32(in.data + 32)));
	if (get32(in.data + 32) != ARMPV_BUNDLE_ELF)
		printf("  raw kernel rewritten for tables layout 0x%08x%s, %s, "
		       "image at 0x%08x, image and bss up to 0x%08x\n",
		       get32(in.data + 36),
		       get32(in.data + 36) == ARMPV_TABLES_LAYOUT_HASH
			       ? " (this armpv's)"
			       : " (NOT this armpv's)",
		       get32(in.data + 28) & ARMPV_BUNDLE_F_ARMV6 ? "armv6"
								   : "armv5te",
		       get32(in.data + 40), get32(in.data + 44));
	for (uint32_t i = 0; i < n; i++) {
		uint32_t at = (uint32_t)sizeof(struct armpv_bundle_header) +
			      16 * i;
		const uint8_t *e = in.data + at;
		uint32_t type = get32(e), off = get32(e + 4),
			 size = get32(e + 8), crc = get32(e + 12), got;

		if (type < ARMPV_BUNDLE_KERNEL || type > ARMPV_BUNDLE_CMDLINE ||
		    (seen & 1u << type)) {
			err("%s: offset 0x%x: member %u: unknown or repeated "
			    "type %u", path, at, i, type);
			return BN_BAD_INPUT;
		}
		seen |= 1u << type;
		if (off < hsize || off > total || size > total - off ||
		    (off & (ARMPV_BUNDLE_ALIGN - 1))) {
			err("%s: offset 0x%x: member %u (%s) at 0x%x, %u bytes, "
			    "is outside the bundle or misaligned", path,
			    at, i, armpv_bundle_type_name(type), off,
			    size);
			return BN_BAD_INPUT;
		}
		got = armpv_bundle_crc32(0, in.data + off, size);
		if (got != crc) {
			err("%s: offset 0x%x: member %u (%s): CRC-32 %08x, the "
			    "header says %08x", path, off, i,
			    armpv_bundle_type_name(type), got, crc);
			return BN_BAD_INPUT;
		}
		printf("  %-7s offset 0x%08x size %10u crc32 %08x\n",
		       armpv_bundle_type_name(type), off, size, crc);
		if (type == ARMPV_BUNDLE_CMDLINE && size &&
		    strnlen((const char *)in.data + off, size) == size - 1)
			printf("  cmdline \"%s\"\n", (const char *)in.data + off);
	}
	if (!(seen & 1u << ARMPV_BUNDLE_KERNEL)) {
		err("%s: no kernel member", path);
		return BN_BAD_INPUT;
	}
	free(in.data);
	return BN_OK;
}

static bool same_file(const struct stat *a, const struct input *in)
{
	return in->path && a->st_dev == in->st.st_dev &&
	       a->st_ino == in->st.st_ino;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	enum { OPT_KERNEL_OFFSET = 256, OPT_VERSION, OPT_VMLINUX, OPT_DECOMP };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "dtb", required_argument, NULL, 'd' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "kernel-offset", required_argument, NULL, OPT_KERNEL_OFFSET },
		{ "vmlinux", required_argument, NULL, OPT_VMLINUX },
		{ "decompressor", required_argument, NULL, OPT_DECOMP },
		{ "list", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "o:k:d:i:c:l:qh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'k': o->kernel.path = optarg; break;
		case 'd': o->dtb.path = optarg; break;
		case 'i': o->initrd.path = optarg; break;
		case 'c': o->cmdline = optarg; break;
		case 'l': o->list = optarg; break;
		case 'q': o->quiet = true; break;
		case OPT_VMLINUX: o->vmlinux.path = optarg; break;
		case OPT_DECOMP: o->decomp.path = optarg; break;
		case 'h': usage(stdout); exit(BN_OK);
		case OPT_VERSION:
			printf("armpv-bundle (armpv) %s, bundle format %u, "
			       "tables layout 0x%08x\n",
			       PACKAGE_VERSION, ARMPV_BUNDLE_VERSION,
			       ARMPV_TABLES_LAYOUT_HASH);
			exit(BN_OK);
		case OPT_KERNEL_OFFSET: {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(optarg, &end, 0);
			if (errno || *end || !*optarg || v > UINT32_MAX) {
				err("--kernel-offset '%s': not a 32-bit number",
				    optarg);
				return BN_USAGE;
			}
			o->kernel_offset = (uint32_t)v;
			break;
		}
		default: usage(stderr); return BN_USAGE;
		}
	}
	if (optind != argc) {
		err("unexpected argument '%s' (see --help)", argv[optind]);
		return BN_USAGE;
	}
	if (o->list) {
		if (o->output || o->kernel.path || o->dtb.path ||
		    o->initrd.path || o->cmdline || o->vmlinux.path ||
		    o->decomp.path) {
			err("--list takes no other option (see --help)");
			return BN_USAGE;
		}
		return BN_OK;
	}
	if (!o->output || !o->kernel.path) {
		err("need -o BUNDLE and -k KERNEL (see --help)");
		return BN_USAGE;
	}
	if (o->cmdline && strlen(o->cmdline) >= ARMPV_BUNDLE_CMDLINE_MAX) {
		err("--cmdline: %zu bytes, at most %u (Linux's "
		    "COMMAND_LINE_SIZE, its NUL included)",
		    strlen(o->cmdline), ARMPV_BUNDLE_CMDLINE_MAX - 1);
		return BN_USAGE;
	}
	return BN_OK;
}

/* The kernel: a rewritten ELF, checked itself; or a raw Image or zImage
 * with the rewritten vmlinux it was made from (raw-kernel.c). */
static int check_kernel_or_raw(struct options *o)
{
	int rc;

	o->raw.format = raw_kernel_format(&o->kernel);
	if (o->raw.format == ARMPV_BUNDLE_ELF) {
		if (o->vmlinux.path || o->decomp.path) {
			err("%s: an ELF kernel carries its own record: "
			    "--vmlinux and --decompressor are for an Image or "
			    "a zImage", o->kernel.path);
			return BN_USAGE;
		}
		return check_kernel(&o->kernel, o->kernel_offset,
				    &o->raw.archs);
	}
	if (!o->vmlinux.path) {
		err("%s: not an ELF file: a raw %s carries no armpv-rewrite "
		    "record; give the rewritten vmlinux it was made from "
		    "(--vmlinux) so that armpv-bundle can prove it rewritten",
		    o->kernel.path, armpv_bundle_format_name(o->raw.format));
		return BN_BAD_INPUT;
	}
	if (o->raw.format == ARMPV_BUNDLE_IMAGE && o->decomp.path) {
		err("%s: not a zImage (no magic 0x016f2818 at offset 0x24): "
		    "--decompressor is for a zImage", o->kernel.path);
		return BN_USAGE;
	}
	rc = check_kernel(&o->vmlinux, o->kernel_offset, &o->raw.archs);
	if (rc)
		return rc;
	return raw_kernel_prove(&o->kernel, &o->vmlinux, &o->decomp,
				o->kernel_offset, &o->raw);
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct stat out_st;
	uint8_t *bundle;
	uint32_t size;
	int rc;

	rc = parse_args(argc, argv, &o);
	if (rc)
		return rc;
	if (o.list)
		return list_bundle(o.list);

	/* Read and validate every input. */
	if ((rc = read_input(&o.kernel)) ||
	    (o.dtb.path && (rc = read_input(&o.dtb))) ||
	    (o.initrd.path && (rc = read_input(&o.initrd))))
		return rc;
	if ((o.vmlinux.path && (rc = read_input(&o.vmlinux))) ||
	    (o.decomp.path && (rc = read_input(&o.decomp))))
		return rc;
	if (stat(o.output, &out_st) == 0 &&
	    (same_file(&out_st, &o.kernel) || same_file(&out_st, &o.dtb) ||
	     same_file(&out_st, &o.initrd) || same_file(&out_st, &o.vmlinux) ||
	     same_file(&out_st, &o.decomp))) {
		err("%s: is one of the inputs; the inputs are never "
		    "overwritten", o.output);
		return BN_USAGE;
	}
	if ((rc = check_kernel_or_raw(&o)) ||
	    (o.dtb.path && (rc = check_dtb(&o.dtb, o.cmdline))))
		return rc;
	if (o.initrd.path && o.initrd.size > ARMPV_BUNDLE_GUEST_RAM) {
		err("%s: %u bytes, larger than armpv-bm's guest RAM (%u MiB)",
		    o.initrd.path, o.initrd.size, ARMPV_BUNDLE_GUEST_RAM >> 20);
		return BN_BAD_INPUT;
	}

	/* Lay out and write. */
	bundle = bundle_build(&o, &size);
	if (!bundle)
		return BN_IO;
	rc = write_atomically(o.output, bundle, size);
	if (!rc && !o.quiet)
		printf("%s: %u bytes: kernel %s (%s, %u bytes%s)%s%s%s%s%s%s\n",
		       o.output, size, o.kernel.path,
		       armpv_bundle_format_name(o.raw.format), o.kernel.size,
		       o.raw.format == ARMPV_BUNDLE_ELF
			       ? ""
			       : ", proven the rewritten vmlinux's",
		       o.dtb.path ? ", dtb " : "", o.dtb.path ? o.dtb.path : "",
		       o.initrd.path ? ", initrd " : "",
		       o.initrd.path ? o.initrd.path : "",
		       o.cmdline ? ", cmdline " : "",
		       o.cmdline ? o.cmdline : "");
	free(bundle);
	return rc;
}
