// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * raw-kernel.c -- armpv-bundle's proof that a raw kernel (Linux's
 * arch/arm/boot/Image or zImage) is rewritten, for docs/bundle.md "Raw
 * kernels".  A raw image carries no armpv-rewrite record, so the record
 * is taken from the rewritten vmlinux it was made from, and the image is
 * shown to be that vmlinux byte for byte:
 *
 * - Image: kbuild makes it with `objcopy -O binary -R .comment -S
 *   vmlinux`; the same image is built here from the vmlinux's sections
 *   (every allocated section with contents, at its load address, gaps
 *   zero) and compared.
 * - zImage: `objcopy -O binary` of the decompressor ELF
 *   (arch/arm/boot/compressed/vmlinux), compared the same way; its
 *   .piggydata section is the gzip of Image (KERNEL_GZIP), inflated with
 *   zlib and compared with the vmlinux's image; and the decompressor's
 *   own code, which runs first, is scanned: every word in an ARM ($a)
 *   range of an executable section classified with the tables library,
 *   every Thumb ($t) halfword too (ARM ELF ABI mapping symbols tell code
 *   from the literal pools and strings beside it; a scan of raw bytes
 *   would find "sensitive instructions" in text).
 */
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "armpv_bundle.h"
#include "armpv_tables.h"
#include "bundle-tool.h"

#define ZIMAGE_MAGIC_OFFSET 0x24 /* arch/arm/boot/compressed/head.S */
#define ZIMAGE_MAGIC 0x016f2818u
#define INFLATED_MAX (64u << 20) /* larger than any guest RAM here */
#define SITES_SHOWN 5

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint32_t raw_kernel_format(const struct input *k)
{
	if (k->size >= 4 && !memcmp(k->data, ELFMAG, SELFMAG))
		return ARMPV_BUNDLE_ELF;
	if (k->size >= ZIMAGE_MAGIC_OFFSET + 4 &&
	    rd32(k->data + ZIMAGE_MAGIC_OFFSET) == ZIMAGE_MAGIC)
		return ARMPV_BUNDLE_ZIMAGE;
	return ARMPV_BUNDLE_IMAGE;
}

/* An ELF file's section headers, checked before anything follows them. */
struct elf_view {
	const struct input *in;
	const Elf32_Ehdr *eh;
	const Elf32_Phdr *ph;
	const Elf32_Shdr *sh;
	const char *names;
	uint32_t names_size;
};

static int elf_view_open(struct elf_view *v, const struct input *in)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)(const void *)in->data;
	const Elf32_Shdr *str;

	*v = (struct elf_view){ .in = in, .eh = eh };
	if (in->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_ARM ||
	    eh->e_type != ET_EXEC) {
		err("%s: not a 32-bit little-endian ARM ELF executable",
		    in->path);
		return BN_BAD_INPUT;
	}
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phoff > in->size ||
	    (eh->e_phoff & 3) ||
	    (in->size - eh->e_phoff) / sizeof(Elf32_Phdr) < eh->e_phnum ||
	    eh->e_shentsize != sizeof(Elf32_Shdr) || !eh->e_shoff ||
	    eh->e_shoff > in->size || (eh->e_shoff & 3) ||
	    (in->size - eh->e_shoff) / sizeof(Elf32_Shdr) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum) {
		err("%s: program or section headers out of the file",
		    in->path);
		return BN_BAD_INPUT;
	}
	v->ph = (const Elf32_Phdr *)(const void *)(in->data + eh->e_phoff);
	v->sh = (const Elf32_Shdr *)(const void *)(in->data + eh->e_shoff);
	str = &v->sh[eh->e_shstrndx];
	for (unsigned i = 0; i < eh->e_shnum; i++)
		if (v->sh[i].sh_type != SHT_NOBITS &&
		    (v->sh[i].sh_offset > in->size ||
		     v->sh[i].sh_size > in->size - v->sh[i].sh_offset)) {
			err("%s: section %u at offset 0x%x is out of the file",
			    in->path, i, v->sh[i].sh_offset);
			return BN_BAD_INPUT;
		}
	v->names = (const char *)in->data + str->sh_offset;
	v->names_size = str->sh_size;
	return BN_OK;
}

static const char *elf_section_name(const struct elf_view *v, unsigned i)
{
	uint32_t n = v->sh[i].sh_name;

	if (n >= v->names_size || !memchr(v->names + n, 0, v->names_size - n))
		return "?";
	return v->names + n;
}

/* Where section i loads: its address moved by the PT_LOAD holding it
 * (p_paddr - p_vaddr), as objcopy takes a section's LMA. */
static uint32_t elf_section_lma(const struct elf_view *v, unsigned i)
{
	uint32_t a = v->sh[i].sh_addr;

	for (unsigned j = 0; j < v->eh->e_phnum; j++)
		if (v->ph[j].p_type == PT_LOAD && a >= v->ph[j].p_vaddr &&
		    a - v->ph[j].p_vaddr < v->ph[j].p_memsz)
			return a - v->ph[j].p_vaddr + v->ph[j].p_paddr;
	return a;
}

static bool elf_section_in_binary(const Elf32_Shdr *s)
{
	return (s->sh_flags & SHF_ALLOC) && s->sh_type != SHT_NOBITS &&
	       s->sh_size;
}

/* What `objcopy -O binary` writes for the file: every allocated section
 * with contents at its load address minus the lowest, gaps zero. */
static int elf_binary(const struct elf_view *v, uint8_t **img, uint32_t *size,
		      uint32_t *lo_out)
{
	uint32_t lo = UINT32_MAX, hi = 0;

	for (unsigned i = 0; i < v->eh->e_shnum; i++) {
		uint32_t lma = elf_section_lma(v, i);

		if (!elf_section_in_binary(&v->sh[i]))
			continue;
		if (lma + v->sh[i].sh_size < lma) {
			err("%s: section %s wraps around", v->in->path,
			    elf_section_name(v, i));
			return BN_BAD_INPUT;
		}
		if (lma < lo)
			lo = lma;
		if (lma + v->sh[i].sh_size > hi)
			hi = lma + v->sh[i].sh_size;
	}
	if (hi <= lo || hi - lo > INFLATED_MAX) {
		err("%s: its loaded sections span 0x%08x-0x%08x: no image of "
		    "at most %u MiB", v->in->path, lo, hi, INFLATED_MAX >> 20);
		return BN_BAD_INPUT;
	}
	*img = calloc(1, hi - lo);
	if (!*img) {
		err("%s: out of memory", v->in->path);
		return BN_IO;
	}
	for (unsigned i = 0; i < v->eh->e_shnum; i++)
		if (elf_section_in_binary(&v->sh[i]))
			memcpy(*img + elf_section_lma(v, i) - lo,
			       v->in->data + v->sh[i].sh_offset,
			       v->sh[i].sh_size);
	*size = hi - lo;
	*lo_out = lo;
	return BN_OK;
}

/* 'what' (size n) against 'want' (size m): the first difference. */
static int compare_image(const char *what, const uint8_t *a, uint32_t n,
			 const char *want, const uint8_t *b, uint32_t m,
			 const char *hint)
{
	uint32_t i = 0;

	while (i < n && i < m && a[i] == b[i])
		i++;
	if (i == n && n == m)
		return BN_OK;
	if (i == n || i == m)
		err("%s: %u bytes, %s has %u: %s", what, n, want, m, hint);
	else
		err("%s: differs from %s at offset 0x%x (%02x, not %02x): %s",
		    what, want, i, a[i], b[i], hint);
	return BN_MISMATCH;
}

/* The gzip stream 'z' (n bytes), inflated whole into *out. */
static int gunzip(const char *what, const uint8_t *z, uint32_t n,
		  uint8_t **out, uint32_t *out_size)
{
	z_stream s = { 0 };
	uint32_t isize;
	int rc;

	if (n < 18 || z[0] != 0x1f || z[1] != 0x8b) {
		err("%s: the payload is not gzip data: armpv-bundle reads a "
		    "zImage built with CONFIG_KERNEL_GZIP (versatile_defconfig)",
		    what);
		return BN_BAD_INPUT;
	}
	isize = rd32(z + n - 4); /* RFC 1952: size modulo 2^32 */
	if (isize > INFLATED_MAX) {
		err("%s: the payload inflates to %u bytes, more than %u MiB",
		    what, isize, INFLATED_MAX >> 20);
		return BN_BAD_INPUT;
	}
	*out = malloc(isize ? isize : 1);
	if (!*out) {
		err("%s: out of memory", what);
		return BN_IO;
	}
	if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK) {
		err("%s: zlib: inflateInit2 failed", what);
		return BN_IO;
	}
	s.next_in = (Bytef *)(uintptr_t)z;
	s.avail_in = n;
	s.next_out = *out;
	s.avail_out = isize;
	rc = inflate(&s, Z_FINISH);
	inflateEnd(&s);
	if (rc != Z_STREAM_END || s.total_out != isize) {
		err("%s: the gzip payload does not inflate to the %u bytes its "
		    "trailer says (zlib: %s)", what, isize,
		    s.msg ? s.msg : zError(rc));
		return BN_BAD_INPUT;
	}
	*out_size = isize;
	return BN_OK;
}

struct mapsym {
	uint16_t shndx;
	char kind; /* 'a', 'd' or 't' */
	uint32_t addr;
};

static int mapsym_cmp(const void *a, const void *b)
{
	const struct mapsym *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The ARM ELF ABI mapping symbols ($a, $d, $t and their $x.N forms). */
static int mapping_symbols(const struct elf_view *v, struct mapsym **out,
			   size_t *count)
{
	size_t n = 0;

	*out = NULL;
	for (unsigned i = 0; i < v->eh->e_shnum; i++) {
		const Elf32_Shdr *st = &v->sh[i], *strs;
		const Elf32_Sym *sym;

		if (st->sh_type != SHT_SYMTAB)
			continue;
		if (st->sh_link >= v->eh->e_shnum ||
		    v->sh[st->sh_link].sh_type != SHT_STRTAB ||
		    st->sh_entsize != sizeof(Elf32_Sym)) {
			err("%s: symbol table (section %u) is malformed",
			    v->in->path, i);
			return BN_BAD_INPUT;
		}
		strs = &v->sh[st->sh_link];
		sym = (const Elf32_Sym *)(const void *)(v->in->data +
							st->sh_offset);
		*out = realloc(*out, (n + st->sh_size / sizeof(*sym)) *
					     sizeof(**out) + 1);
		if (!*out) {
			err("%s: out of memory", v->in->path);
			return BN_IO;
		}
		for (size_t k = 0; k < st->sh_size / sizeof(*sym); k++) {
			const char *name;

			if (sym[k].st_name + 3 > strs->sh_size ||
			    sym[k].st_shndx == SHN_UNDEF ||
			    sym[k].st_shndx >= v->eh->e_shnum)
				continue;
			name = (const char *)v->in->data + strs->sh_offset +
			       sym[k].st_name;
			if (name[0] != '$' || !strchr("adt", name[1]) ||
			    !name[1] || (name[2] && name[2] != '.'))
				continue;
			(*out)[n++] = (struct mapsym){ sym[k].st_shndx,
						       name[1], sym[k].st_value };
		}
	}
	qsort(*out, n, sizeof(**out), mapsym_cmp);
	*count = n;
	return BN_OK;
}

/* Every ARM word and Thumb halfword in the decompressor's code,
 * classified for the kernel's architectures. */
static int scan_decompressor(const struct elf_view *v, unsigned archs)
{
	struct mapsym *ms;
	size_t n, k = 0;
	unsigned sites = 0;
	int rc = mapping_symbols(v, &ms, &n);

	if (rc)
		return rc;
	for (unsigned i = 0; i < v->eh->e_shnum; i++) {
		const Elf32_Shdr *s = &v->sh[i];
		const uint8_t *base = v->in->data + s->sh_offset;
		bool mapped = false;

		if (!(s->sh_flags & SHF_EXECINSTR) || s->sh_type == SHT_NOBITS)
			continue;
		while (k < n && ms[k].shndx < i)
			k++;
		for (; k < n && ms[k].shndx == i; k++) {
			uint32_t from = ms[k].addr - s->sh_addr;
			uint32_t to = k + 1 < n && ms[k + 1].shndx == i
					      ? ms[k + 1].addr - s->sh_addr
					      : s->sh_size;

			mapped = true;
			if (from > s->sh_size || to > s->sh_size)
				continue;
			for (uint32_t o = from; ms[k].kind != 'd' && o < to;) {
				const char *what = NULL;
				uint32_t w;

				if (ms[k].kind == 'a') {
					const struct armpv_form *f;

					if (o + 4 > to)
						break;
					w = rd32(base + o);
					f = armpv_classify(w, archs);
					if (f)
						what = armpv_insn_names[f->insn];
				} else {
					if (o + 2 > to)
						break;
					w = (uint32_t)base[o] |
					    (uint32_t)base[o + 1] << 8;
					if (armpv_classify_thumb((uint16_t)w,
								 archs))
						what = "Thumb cps";
				}
				if (what && sites++ < SITES_SHOWN)
					err("%s: %s+0x%x (address 0x%08x): "
					    "%0*x %s: a sensitive instruction "
					    "in the decompressor",
					    v->in->path, elf_section_name(v, i),
					    o, s->sh_addr + o,
					    ms[k].kind == 'a' ? 8 : 4, w, what);
				o += ms[k].kind == 'a' ? 4 : 2;
			}
		}
		if (!mapped) {
			err("%s: executable section %s has no mapping symbols "
			    "($a/$d/$t): cannot tell its code from its data "
			    "(a stripped decompressor?)", v->in->path,
			    elf_section_name(v, i));
			free(ms);
			return BN_BAD_INPUT;
		}
	}
	free(ms);
	if (sites) {
		err("%s: %u sensitive instructions in the zImage's "
		    "decompressor, which runs before the kernel: build it "
		    "through armpv-as (KAFLAGS/KCFLAGS=-B), or rewrite it "
		    "(armpv-rewrite --arch %s) and make zImage again; or "
		    "bundle the Image or the vmlinux instead", v->in->path,
		    sites, armpv_arch_name(archs & -archs));
		return BN_NOT_REWRITTEN;
	}
	return BN_OK;
}

static unsigned elf_find_section(const struct elf_view *v, const char *name)
{
	for (unsigned i = 0; i < v->eh->e_shnum; i++)
		if (!strcmp(elf_section_name(v, i), name))
			return i;
	return 0;
}

int raw_kernel_prove(const struct input *kernel, const struct input *vmlinux,
		     const struct input *decomp, uint32_t offset,
		     struct raw_kernel *rk)
{
	struct elf_view vm, dv;
	uint8_t *image = NULL, *zimg = NULL, *inflated = NULL;
	uint32_t size, lo, zsize, zlo, isize, entry_pa = 0;
	unsigned piggy;
	char hint[256];
	int rc;

	rk->format = raw_kernel_format(kernel);
	if ((rc = elf_view_open(&vm, vmlinux)) ||
	    (rc = elf_binary(&vm, &image, &size, &lo)))
		return rc;
	rk->load = lo - offset;
	rk->end = 0;
	for (unsigned j = 0; j < vm.eh->e_phnum; j++) {
		const Elf32_Phdr *p = &vm.ph[j];

		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_paddr - offset + p->p_memsz > rk->end)
			rk->end = p->p_paddr - offset + p->p_memsz;
		if (vm.eh->e_entry >= p->p_vaddr &&
		    vm.eh->e_entry - p->p_vaddr < p->p_memsz)
			entry_pa = vm.eh->e_entry - p->p_vaddr + p->p_paddr;
	}
	if (entry_pa != lo) {
		err("%s: its entry (load address 0x%08x) is not the image's "
		    "first byte (0x%08x), where a boot loader enters an Image",
		    vmlinux->path, entry_pa, lo);
		rc = BN_BAD_INPUT;
		goto out;
	}
	snprintf(hint, sizeof(hint),
		 "the kernel is not the one --vmlinux %s was rewritten into "
		 "(an unrewritten kernel, or one from another build)",
		 vmlinux->path);
	if (rk->format == ARMPV_BUNDLE_IMAGE) {
		rc = compare_image(kernel->path, kernel->data, kernel->size,
				   vmlinux->path, image, size, hint);
		goto out;
	}

	/* zImage: the decompressor ELF, its payload, its code. */
	if (!decomp->path) {
		err("%s: a zImage: give its decompressor too (--decompressor "
		    "arch/arm/boot/compressed/vmlinux), whose code armpv-bundle "
		    "checks", kernel->path);
		rc = BN_USAGE;
		goto out;
	}
	if ((rc = elf_view_open(&dv, decomp)) ||
	    (rc = elf_binary(&dv, &zimg, &zsize, &zlo)))
		goto out;
	snprintf(hint, sizeof(hint),
		 "the zImage is not `objcopy -O binary` of --decompressor "
		 "%s (another build, or a zImage made before it)",
		 decomp->path);
	if ((rc = compare_image(kernel->path, kernel->data, kernel->size,
				decomp->path, zimg, zsize, hint)))
		goto out;
	piggy = elf_find_section(&dv, ".piggydata");
	if (!piggy || dv.sh[piggy].sh_type == SHT_NOBITS) {
		err("%s: no .piggydata section: not a Linux ARM decompressor",
		    decomp->path);
		rc = BN_BAD_INPUT;
		goto out;
	}
	if ((rc = gunzip(decomp->path,
			 decomp->data + dv.sh[piggy].sh_offset,
			 dv.sh[piggy].sh_size, &inflated, &isize)))
		goto out;
	snprintf(hint, sizeof(hint),
		 "the zImage's kernel is not the one --vmlinux %s was "
		 "rewritten into (an unrewritten kernel, or another build)",
		 vmlinux->path);
	if ((rc = compare_image("the zImage's payload (inflated)", inflated,
				isize, vmlinux->path, image, size, hint)))
		goto out;
	rc = scan_decompressor(&dv, rk->archs);
out:
	free(image);
	free(zimg);
	free(inflated);
	return rc;
}
