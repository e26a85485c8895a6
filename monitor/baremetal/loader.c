/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loader.c -- check and load the guest ELF into guest RAM.  The checks
 * are armpv-run's (monitor/process/armpv-run.c, load_guest() and
 * check_record(); docs/process-monitor.md "The guest contract"): a static
 * 32-bit little-endian ARM executable, its PT_LOAD segments inside guest
 * RAM (at p_paddr, 0 up), an ARM-state entry inside a segment, and
 * the armpv-rewrite record .note.armpv naming this monitor's tables layout
 * (and an architecture the CPU has).  An unrewritten guest is refused: its
 * MRS, MSR, ... would silently misbehave in USR mode.
 *
 * No <elf.h> in a freestanding build: the few ELF32 structures are
 * declared here (System V gABI, ELF for the ARM Architecture).
 */
#include "armpv_core.h"
#include "armpv_tables.h"
#include "bm.h"

#define EI_NIDENT 16
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define ET_EXEC 2
#define EM_ARM 40
#define PT_LOAD 1
#define SHT_NOTE 7
#define NOTE_TEXT_MAX 511 /* .note.armpv: a 512-byte text */

struct elf32_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum,
		e_shstrndx;
};

struct elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz,
		p_flags, p_align;
};

struct elf32_shdr {
	uint32_t sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size,
		sh_link, sh_info, sh_addralign, sh_entsize;
};

struct elf32_nhdr {
	uint32_t n_namesz, n_descsz, n_type;
};

/* What sscanf("%lx") reads after "layout=": hexadecimal digits, with or
 * without 0x. */
static bool parse_hex(const char *p, uint32_t *value)
{
	uint32_t v = 0;
	unsigned n = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (;; p++, n++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		if (n == 8)
			return false;
		v = v << 4 | d;
	}
	*value = v;
	return n > 0;
}

/* The armpv-rewrite record: the guest must be rewritten with the tables
 * this monitor decodes (same checks and wording as armpv-run). */
static void check_record(const uint8_t *f, uint32_t size,
			 const struct elf32_ehdr *eh, unsigned vm_arch)
{
	const struct elf32_shdr *sh;
	const char *names;
	char text[NOTE_TEXT_MAX + 1];

	if (eh->e_shoff == 0 || eh->e_shentsize != sizeof(*sh) ||
	    eh->e_shoff > size || (eh->e_shoff & 3) ||
	    (size - eh->e_shoff) / sizeof(*sh) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum)
		bm_bad_guest("no usable section headers: cannot find the "
			     "armpv-rewrite record");
	sh = (const struct elf32_shdr *)(const void *)(f + eh->e_shoff);
	if (sh[eh->e_shstrndx].sh_offset > size ||
	    sh[eh->e_shstrndx].sh_size > size - sh[eh->e_shstrndx].sh_offset)
		bm_bad_guest("section name table out of the file");
	names = (const char *)f + sh[eh->e_shstrndx].sh_offset;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const struct elf32_nhdr *nh;
		const char *desc, *p;
		size_t len;
		uint32_t layout;
		char arch[16];
		unsigned n = 0;

		if (sh[i].sh_type != SHT_NOTE ||
		    sh[i].sh_name >= sh[eh->e_shstrndx].sh_size ||
		    bm_strnlen(names + sh[i].sh_name,
			       sh[eh->e_shstrndx].sh_size - sh[i].sh_name) !=
			    sizeof(".note.armpv") - 1 ||
		    memcmp(names + sh[i].sh_name, ".note.armpv",
			   sizeof(".note.armpv")))
			continue;
		if (sh[i].sh_offset > size ||
		    sh[i].sh_size > size - sh[i].sh_offset ||
		    sh[i].sh_size < sizeof(*nh) + 8 || (sh[i].sh_offset & 3))
			bm_bad_guest(".note.armpv out of the file");
		nh = (const struct elf32_nhdr *)(const void *)(f +
							      sh[i].sh_offset);
		if (nh->n_namesz != 6 ||
		    nh->n_descsz > sh[i].sh_size - sizeof(*nh) - 8)
			bm_bad_guest(".note.armpv is malformed");
		desc = (const char *)(nh + 1) + 8;
		len = bm_strnlen(desc, nh->n_descsz);
		if (len > NOTE_TEXT_MAX)
			len = NOTE_TEXT_MAX;
		memcpy(text, desc, len);
		text[len] = 0;
		p = bm_strstr(text, "layout=");
		if (!p || !parse_hex(p + 7, &layout))
			bm_bad_guest(".note.armpv has no layout: '%s'", text);
		if (layout != ARMPV_TABLES_LAYOUT_HASH)
			bm_bad_guest("rewritten with tables layout 0x%08x, "
				     "this monitor decodes layout 0x%08x: "
				     "rewrite the guest again with this armpv",
				     layout, ARMPV_TABLES_LAYOUT_HASH);
		p = bm_strstr(text, "arch=");
		if (p) {
			for (p += 5; n < sizeof(arch) - 1 &&
				     ((*p >= 'a' && *p <= 'z') ||
				      (*p >= '0' && *p <= '9'));
			     p++)
				arch[n++] = *p;
		}
		arch[n] = 0;
		/* ARMv6 runs ARMv5TE code, not the other way round. */
		if (n && armpv_arch_parse(arch) == ARMPV_ARCH_ARMV6 &&
		    vm_arch != ARMPV_ARCH_ARMV6)
			bm_bad_guest("rewritten for %s, but the CPU is %s",
				     arch, armpv_arch_name(vm_arch));
		return;
	}
	bm_bad_guest("not rewritten (no .note.armpv): run armpv-rewrite on "
		     "it first; its sensitive instructions would silently "
		     "misbehave in USR mode");
}

/*
 * Returns the entry point as a guest physical address.  'ram' is the
 * core's view of guest RAM.  Each PT_LOAD segment goes to guest physical
 * p_paddr - phys_offset (0 for a bare ELF: physical = its addresses; a
 * bundle's kernel_offset for a Linux vmlinux, whose p_paddr are virtual:
 * Linux's vmlinux.lds has LOAD_OFFSET 0).  The entry is a virtual
 * address: converted through the segment holding it (p_vaddr to p_paddr),
 * as a boot loader entering with the MMU off must.  *end gets the first
 * guest physical address above every segment (image and bss), for the
 * placement of what a bundle loads beside the kernel.
 */
uint32_t bm_guest_load(struct armpv_vm *vm, const uint8_t *f, uint32_t size,
		       uint8_t *ram, uint32_t phys_offset, uint32_t *end)
{
	const struct elf32_ehdr *eh = (const struct elf32_ehdr *)(const void *)f;
	const struct elf32_phdr *ph;
	bool entry_ok = false;
	uint32_t entry = 0;

	*end = 0;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		bm_bad_guest("not an ELF file");
	if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_machine != EM_ARM)
		bm_bad_guest("not a 32-bit little-endian ARM ELF file");
	if (eh->e_type != ET_EXEC)
		bm_bad_guest("not an executable (ELF type %u): link the guest "
			     "at its load address", eh->e_type);
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phoff > size ||
	    (eh->e_phoff & 3) ||
	    (size - eh->e_phoff) / sizeof(*ph) < eh->e_phnum)
		bm_bad_guest("program headers out of the file");
	check_record(f, size, eh, vm->arch);
	ph = (const struct elf32_phdr *)(const void *)(f + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		uint32_t pa = ph[i].p_paddr - phys_offset;

		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > size ||
		    ph[i].p_filesz > size - ph[i].p_offset)
			bm_bad_guest("segment %u: file bytes out of the file", i);
		if (ph[i].p_paddr < phys_offset || pa >= bm_guest_size ||
		    ph[i].p_memsz > bm_guest_size - pa)
			bm_bad_guest("segment %u at 0x%08x+0x%x is outside "
				     "guest RAM (0-0x%08x)", i, pa,
				     ph[i].p_memsz, bm_guest_size - 1);
		bm_guest_claim(pa, ph[i].p_memsz, "a kernel segment");
		memcpy(ram + pa, f + ph[i].p_offset, ph[i].p_filesz);
		if (pa + ph[i].p_memsz > *end)
			*end = pa + ph[i].p_memsz;
		if (!entry_ok && eh->e_entry >= ph[i].p_vaddr &&
		    eh->e_entry - ph[i].p_vaddr < ph[i].p_memsz) {
			entry = eh->e_entry - ph[i].p_vaddr + pa;
			entry_ok = true;
		}
	}
	if (!entry_ok || (entry & 3))
		bm_bad_guest("entry point 0x%08x is not ARM code in a loaded "
			     "segment", eh->e_entry);
	return entry;
}
