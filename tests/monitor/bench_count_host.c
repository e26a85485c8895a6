/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_count_host.c -- the host side of bench-arm-count.sh: run the
 * static ARM ELF built from bench_count_arm.c and the monitor core under
 * Unicorn (ARM926 or ARM1176 model) and count, per trap class, the ARM
 * instructions executed:
 *
 *   window  between the markers (bench_mark_begin returns ... the call to
 *           bench_mark_end): the trap and the call's own instructions;
 *   trap    from the entry of armpv_vcpu_trap() to its return, callees
 *           included;
 *   decode  the same for armpv_decode() (part of trap);
 *
 * and where the trap's instructions go, by the function (ELF symbol)
 * holding each one and by its source file (enum count_part).  Unicorn's code hook runs once per instruction
 * executed, a conditional instruction whose condition fails included (it
 * still executes, as a no-op), so the counts are exact and deterministic.
 *
 * Usage: bench_count_host ELF arm926|arm1176 MAP
 * (MAP: lines "SOURCE FUNCTION" for the ELF's global functions, which the
 * symbol table does not tie to a source; static ones follow their STT_FILE
 * symbol.)
 * Exit: 0, 1 if a class failed its check, 2 usage, 3 ELF or Unicorn error.
 */
#define _GNU_SOURCE /* strtok_r with -std=c11 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

enum count_status {
	COUNT_OK = 0,
	COUNT_CLASS_FAILED = 1,
	COUNT_USAGE = 2,
	COUNT_ERROR = 3,
};

/* Target memory: the image is linked at 0x10000 and must end below the
 * stack; the driver returns to COUNT_EXIT, never executed. */
#define COUNT_MEM_SIZE (16u << 20)
#define COUNT_STACK_TOP (COUNT_MEM_SIZE - 16)
#define COUNT_STACK_SIZE (1u << 20)
#define COUNT_EXIT 0x1000u

#define COUNT_MAX_CLASSES 64
#define COUNT_MAX_TOP 12
#define COUNT_MAX_FUNCS 4096 /* functions one trap may run through */

/* Where a trap's instructions go: by the core source file holding the
 * function, with the condition check apart. */
enum count_part {
	COUNT_PART_EMULATE, /* emulate.c: dispatch and the handlers */
	COUNT_PART_TABLES,  /* tables/: the decoder */
	COUNT_PART_COND,    /* armpv_cond_passed() */
	COUNT_PART_VCPU,    /* vcpu.c: CPSR writes, banks, irq check */
	COUNT_PART_MEM,	    /* mem.c: translation, physical access */
	COUNT_PART_CP15,    /* cp15.c */
	COUNT_PART_OTHER,   /* the driver, unknown */
	COUNT_NPARTS
};

static const char *const count_part_names[COUNT_NPARTS] = {
	"emulate", "tables", "cond", "vcpu", "mem", "cp15", "other",
};

struct count_func {
	uint32_t addr, size;
	const char *name;
	const char *file; /* source file (base name), or NULL */
	enum count_part part;
	uint64_t hits; /* instructions of the current trap */
};

struct count_class {
	bool begun, ended, failed;
	char name[32];
	uint64_t window, trap, decode;
	uint64_t part[COUNT_NPARTS];
	char error[128];
	struct {
		const char *name;
		uint64_t hits;
	} top[COUNT_MAX_TOP];
	unsigned ntop;
	uint64_t other; /* hits outside any function symbol */
};

struct count {
	const char *path, *map_path;
	uint8_t *file;
	size_t file_size;
	uint32_t entry;
	struct count_func *funcs;
	size_t nfuncs;
	uint32_t mark_begin, mark_end, mark_check, trap_fn, decode_fn;
	const struct count_func *begin_f, *end_f;
	uc_engine *uc;
	char *map; /* the map file's text */

	/* Counting state. */
	int cls; /* -1: outside a window */
	bool in_trap, in_decode;
	uint32_t trap_ret, decode_ret;
	uint64_t other;
	struct count_class classes[COUNT_MAX_CLASSES];
	unsigned nclasses;
};

/* ---------------------------------------------------------------------
 * The ELF file: PT_LOAD segments and FUNC symbols.
 */
static int count_error(const struct count *c, const char *what)
{
	fprintf(stderr, "bench_count_host: %s: %s\n", c->path, what);
	return COUNT_ERROR;
}

static int count_read_file(struct count *c)
{
	FILE *f = fopen(c->path, "rb");
	long size;

	if (!f) {
		fprintf(stderr, "bench_count_host: %s: %s\n", c->path,
			strerror(errno));
		return COUNT_ERROR;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return count_error(c, "cannot seek");
	}
	c->file_size = (size_t)size;
	c->file = malloc(c->file_size ? c->file_size : 1);
	if (!c->file || fread(c->file, 1, c->file_size, f) != c->file_size) {
		fclose(f);
		return count_error(c, "cannot read");
	}
	fclose(f);
	return COUNT_OK;
}

static bool count_in_file(const struct count *c, uint64_t off, uint64_t len)
{
	return off <= c->file_size && len <= c->file_size - off;
}

static const char *count_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int count_func_cmp(const void *a, const void *b)
{
	const struct count_func *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static const struct count_func *count_func_at(const struct count *c,
					      uint32_t addr)
{
	size_t lo = 0, hi = c->nfuncs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct count_func *f = &c->funcs[mid];

		if (addr < f->addr)
			hi = mid;
		else if (addr >= f->addr + f->size)
			lo = mid + 1;
		else
			return f;
	}
	return NULL;
}

static const struct count_func *count_func_named(const struct count *c,
						 const char *name)
{
	for (size_t i = 0; i < c->nfuncs; i++)
		if (!strcmp(c->funcs[i].name, name))
			return &c->funcs[i];
	return NULL;
}

static int count_parse_elf(struct count *c)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)c->file;
	const Elf32_Shdr *sh;

	if (!count_in_file(c, 0, sizeof(*eh)) ||
	    memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_ARM ||
	    eh->e_type != ET_EXEC)
		return count_error(c, "not a little-endian 32-bit ARM executable");
	c->entry = eh->e_entry;
	if (eh->e_shentsize != sizeof(Elf32_Shdr) ||
	    !count_in_file(c, eh->e_shoff,
			   (uint64_t)eh->e_shnum * sizeof(Elf32_Shdr)))
		return count_error(c, "bad section header table");
	sh = (const Elf32_Shdr *)(c->file + eh->e_shoff);
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const Elf32_Shdr *strs;
		const Elf32_Sym *syms;
		const char *file = NULL;
		size_t nsyms;

		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		if (sh[i].sh_link >= eh->e_shnum ||
		    sh[i].sh_entsize != sizeof(Elf32_Sym) ||
		    !count_in_file(c, sh[i].sh_offset, sh[i].sh_size))
			return count_error(c, "bad .symtab");
		strs = &sh[sh[i].sh_link];
		if (!count_in_file(c, strs->sh_offset, strs->sh_size) ||
		    strs->sh_size == 0 ||
		    c->file[strs->sh_offset + strs->sh_size - 1] != 0)
			return count_error(c, "bad .strtab");
		syms = (const Elf32_Sym *)(c->file + sh[i].sh_offset);
		nsyms = sh[i].sh_size / sizeof(Elf32_Sym);
		c->funcs = calloc(nsyms, sizeof(*c->funcs));
		if (!c->funcs)
			return count_error(c, "out of memory");
		/* Local symbols follow the STT_FILE symbol of their
		 * object; globals come after all of them (the map file
		 * says where those are from). */
		for (size_t k = 0; k < nsyms; k++) {
			const char *name;

			if (syms[k].st_name >= strs->sh_size)
				continue;
			name = (const char *)c->file + strs->sh_offset +
			       syms[k].st_name;
			if (ELF32_ST_TYPE(syms[k].st_info) == STT_FILE) {
				file = count_basename(name);
				continue;
			}
			if (ELF32_ST_BIND(syms[k].st_info) != STB_LOCAL)
				file = NULL;
			if (ELF32_ST_TYPE(syms[k].st_info) != STT_FUNC ||
			    !syms[k].st_size)
				continue;
			c->funcs[c->nfuncs++] = (struct count_func){
				.addr = syms[k].st_value & ~1u,
				.size = syms[k].st_size,
				.name = name,
				.file = file,
			};
		}
	}
	if (!c->nfuncs)
		return count_error(c, "no function symbols (stripped?)");
	qsort(c->funcs, c->nfuncs, sizeof(*c->funcs), count_func_cmp);

	c->begin_f = count_func_named(c, "bench_mark_begin");
	c->end_f = count_func_named(c, "bench_mark_end");
	if (!c->begin_f || !c->end_f ||
	    !count_func_named(c, "bench_mark_check") ||
	    !count_func_named(c, "armpv_vcpu_trap") ||
	    !count_func_named(c, "armpv_decode"))
		return count_error(c, "missing bench_mark_begin, "
				      "bench_mark_end, bench_mark_check, "
				      "armpv_vcpu_trap or armpv_decode");
	c->mark_begin = c->begin_f->addr;
	c->mark_end = c->end_f->addr;
	c->mark_check = count_func_named(c, "bench_mark_check")->addr;
	c->trap_fn = count_func_named(c, "armpv_vcpu_trap")->addr;
	c->decode_fn = count_func_named(c, "armpv_decode")->addr;
	return COUNT_OK;
}

/* The map file: lines "FILE FUNCTION" for the global functions, which
 * the symbol table does not tie to their object.  Kept in c->map; the
 * functions point into it. */
static int count_read_map(struct count *c)
{
	FILE *f = fopen(c->map_path, "r");
	size_t size = 0, cap = 4096;
	char *save = NULL, *file, *name;

	c->map = malloc(cap);
	if (!f || !c->map) {
		if (f)
			fclose(f);
		fprintf(stderr, "bench_count_host: %s: %s\n", c->map_path,
			f ? "out of memory" : strerror(errno));
		return COUNT_ERROR;
	}
	for (;;) {
		size += fread(c->map + size, 1, cap - 1 - size, f);
		if (size < cap - 1)
			break;
		cap *= 2;
		if (!(c->map = realloc(c->map, cap))) {
			fclose(f);
			return count_error(c, "out of memory");
		}
	}
	fclose(f);
	c->map[size] = 0;
	while ((file = strtok_r(save ? NULL : c->map, " \t\n", &save)) &&
	       (name = strtok_r(NULL, " \t\n", &save))) {
		for (size_t i = 0; i < c->nfuncs; i++)
			if (!c->funcs[i].file && !strcmp(c->funcs[i].name, name))
				c->funcs[i].file = count_basename(file);
	}
	return COUNT_OK;
}

static void count_set_parts(struct count *c)
{
	static const struct {
		const char *file;
		enum count_part part;
	} files[] = {
		{ "emulate.c", COUNT_PART_EMULATE },
		{ "armpv_tables.c", COUNT_PART_TABLES },
		{ "armpv_tables_gen.c", COUNT_PART_TABLES },
		{ "vcpu.c", COUNT_PART_VCPU },
		{ "mem.c", COUNT_PART_MEM },
		{ "cp15.c", COUNT_PART_CP15 },
	};

	for (size_t i = 0; i < c->nfuncs; i++) {
		struct count_func *fn = &c->funcs[i];

		fn->part = COUNT_PART_OTHER;
		if (!strcmp(fn->name, "armpv_cond_passed")) {
			fn->part = COUNT_PART_COND;
			continue;
		}
		for (size_t k = 0; fn->file && k < sizeof(files) /
							   sizeof(files[0]);
		     k++)
			if (!strcmp(fn->file, files[k].file))
				fn->part = files[k].part;
	}
}

static int count_load(struct count *c)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)c->file;
	const Elf32_Phdr *ph;

	if (eh->e_phentsize != sizeof(Elf32_Phdr) ||
	    !count_in_file(c, eh->e_phoff,
			   (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr)))
		return count_error(c, "bad program header table");
	ph = (const Elf32_Phdr *)(c->file + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz ||
		    !count_in_file(c, ph[i].p_offset, ph[i].p_filesz) ||
		    ph[i].p_vaddr <= COUNT_EXIT ||
		    (uint64_t)ph[i].p_vaddr + ph[i].p_memsz >
			    COUNT_STACK_TOP - COUNT_STACK_SIZE)
			return count_error(c, "a PT_LOAD segment is out of "
					      "the target memory");
		/* Memory is mapped zeroed: .bss needs nothing more. */
		if (uc_mem_write(c->uc, ph[i].p_vaddr,
				 c->file + ph[i].p_offset, ph[i].p_filesz))
			return count_error(c, "uc_mem_write failed");
	}
	return COUNT_OK;
}

/* ---------------------------------------------------------------------
 * Counting.
 */
static uint32_t count_reg(uc_engine *uc, int reg)
{
	uint32_t v = 0;

	uc_reg_read(uc, reg, &v);
	return v;
}

static void count_read_string(uc_engine *uc, uint32_t addr, char *buf,
			      size_t size)
{
	size_t i;

	for (i = 0; i + 1 < size; i++)
		if (uc_mem_read(uc, addr + i, &buf[i], 1) || !buf[i])
			break;
	buf[i] = 0;
}

static int count_top_cmp(const void *a, const void *b)
{
	const struct count_func *const *x = a, *const *y = b;

	if ((*x)->hits != (*y)->hits)
		return (*x)->hits > (*y)->hits ? -1 : 1;
	return strcmp((*x)->name, (*y)->name);
}

/* Keep the trap's heaviest functions, clear the per-function hits. */
static void count_close_class(struct count *c, struct count_class *k)
{
	const struct count_func *hit[COUNT_MAX_FUNCS];
	size_t n = 0;

	for (size_t i = 0; i < c->nfuncs && n < COUNT_MAX_FUNCS; i++)
		if (c->funcs[i].hits)
			hit[n++] = &c->funcs[i];
	qsort(hit, n, sizeof(hit[0]), count_top_cmp);
	for (k->ntop = 0; k->ntop < n && k->ntop < COUNT_MAX_TOP; k->ntop++) {
		k->top[k->ntop].name = hit[k->ntop]->name;
		k->top[k->ntop].hits = hit[k->ntop]->hits;
	}
	for (size_t i = 0; i < c->nfuncs; i++) {
		k->part[c->funcs[i].part] += c->funcs[i].hits;
		c->funcs[i].hits = 0;
	}
	k->part[COUNT_PART_OTHER] += c->other;
	k->other = c->other;
	c->other = 0;
}

static void count_hook(uc_engine *uc, uint64_t address, uint32_t size,
		       void *opaque)
{
	struct count *c = opaque;
	uint32_t pc = (uint32_t)address;
	struct count_class *k;

	(void)size;
	if (pc == c->mark_begin) {
		uint32_t cls = count_reg(uc, UC_ARM_REG_R0);

		if (cls >= COUNT_MAX_CLASSES) {
			uc_emu_stop(uc);
			return;
		}
		c->cls = (int)cls;
		c->classes[cls].begun = true;
		count_read_string(uc, count_reg(uc, UC_ARM_REG_R1),
				  c->classes[cls].name,
				  sizeof(c->classes[cls].name));
		if (cls >= c->nclasses)
			c->nclasses = cls + 1;
		return;
	}
	if (pc == c->mark_end) {
		if (c->cls >= 0) {
			k = &c->classes[c->cls];
			k->ended = true;
			count_close_class(c, k);
		}
		c->cls = -1;
		c->in_trap = c->in_decode = false;
		return;
	}
	if (pc == c->mark_check) {
		uint32_t cls = count_reg(uc, UC_ARM_REG_R0);
		uint32_t err = count_reg(uc, UC_ARM_REG_R1);

		if (cls >= COUNT_MAX_CLASSES) {
			uc_emu_stop(uc);
			return;
		}
		k = &c->classes[cls];
		if (cls >= c->nclasses)
			c->nclasses = cls + 1;
		if (err) {
			k->failed = true;
			count_read_string(uc, err, k->error, sizeof(k->error));
		}
		return;
	}
	if (c->cls < 0)
		return;
	k = &c->classes[c->cls];
	/* Returns first: the instruction at the return address is the
	 * caller's. */
	if (c->in_trap && pc == c->trap_ret)
		c->in_trap = false;
	if (c->in_decode && pc == c->decode_ret)
		c->in_decode = false;
	if (pc == c->trap_fn && !c->in_trap) {
		c->in_trap = true;
		c->trap_ret = count_reg(uc, UC_ARM_REG_LR) & ~1u;
	}
	if (pc == c->decode_fn && !c->in_decode) {
		c->in_decode = true;
		c->decode_ret = count_reg(uc, UC_ARM_REG_LR) & ~1u;
	}
	/* The marker bodies are not part of the window. */
	if (count_func_at(c, pc) == c->begin_f)
		return;
	k->window++;
	if (c->in_trap) {
		struct count_func *f =
			(struct count_func *)count_func_at(c, pc);

		k->trap++;
		if (f)
			f->hits++;
		else
			c->other++;
	}
	if (c->in_decode)
		k->decode++;
}

static int count_run(struct count *c, int model)
{
	uc_hook hook;
	uc_err err;
	uint32_t sp = COUNT_STACK_TOP, lr = COUNT_EXIT, cpsr;

	err = uc_open(UC_ARCH_ARM, UC_MODE_ARM, &c->uc);
	if (err == UC_ERR_OK)
		err = uc_ctl_set_cpu_model(c->uc, model);
	if (err == UC_ERR_OK)
		err = uc_mem_map(c->uc, 0, COUNT_MEM_SIZE, UC_PROT_ALL);
	if (err != UC_ERR_OK) {
		fprintf(stderr, "bench_count_host: unicorn: %s\n",
			uc_strerror(err));
		return COUNT_ERROR;
	}
	if (count_load(c))
		return COUNT_ERROR;
	/* SVC mode, interrupts masked: the bare-metal monitor's state. */
	cpsr = 0xd3;
	uc_reg_write(c->uc, UC_ARM_REG_CPSR, &cpsr);
	uc_reg_write(c->uc, UC_ARM_REG_SP, &sp);
	uc_reg_write(c->uc, UC_ARM_REG_LR, &lr);
	err = uc_hook_add(c->uc, &hook, UC_HOOK_CODE, count_hook, c, 1, 0);
	if (err == UC_ERR_OK)
		err = uc_emu_start(c->uc, c->entry, COUNT_EXIT, 0, 0);
	if (err != UC_ERR_OK) {
		fprintf(stderr,
			"bench_count_host: %s: the driver stopped at pc "
			"0x%08x: %s\n",
			c->path, count_reg(c->uc, UC_ARM_REG_PC),
			uc_strerror(err));
		return COUNT_ERROR;
	}
	if (count_reg(c->uc, UC_ARM_REG_PC) != COUNT_EXIT)
		return count_error(c, "the driver did not return");
	return COUNT_OK;
}

static int count_report(const struct count *c, const char *model)
{
	int status = COUNT_OK;

	printf("%-11s %-7s %6s %5s %6s", "class", "model", "window", "trap",
	       "decode");
	for (unsigned p = 0; p < COUNT_NPARTS; p++)
		if (p != COUNT_PART_TABLES)
			printf(" %*s", p == COUNT_PART_EMULATE ? 7 : 5,
			       count_part_names[p]);
	printf("  functions of the trap\n");
	for (unsigned i = 0; i < c->nclasses; i++) {
		const struct count_class *k = &c->classes[i];

		if (!k->begun || !k->ended || k->failed) {
			printf("%-11s %-7s FAILED (class %u): %s\n", k->name,
			       model, i,
			       k->failed ? k->error : "no begin/end marker");
			status = COUNT_CLASS_FAILED;
			continue;
		}
		printf("%-11s %-7s %6llu %5llu %6llu", k->name, model,
		       (unsigned long long)k->window,
		       (unsigned long long)k->trap,
		       (unsigned long long)k->decode);
		/* The tables' part is the decode column unless the core
		 * calls another tables function. */
		for (unsigned p = 0; p < COUNT_NPARTS; p++) {
			uint64_t v = k->part[p];

			if (p == COUNT_PART_TABLES)
				continue;
			if (p == COUNT_PART_OTHER)
				v += k->part[COUNT_PART_TABLES] - k->decode;
			printf(" %*llu", p == COUNT_PART_EMULATE ? 7 : 5,
			       (unsigned long long)v);
		}
		printf(" ");
		for (unsigned j = 0; j < k->ntop; j++)
			printf(" %s=%llu", k->top[j].name,
			       (unsigned long long)k->top[j].hits);
		if (k->other)
			printf(" ?=%llu", (unsigned long long)k->other);
		printf("\n");
	}
	if (!c->nclasses) {
		printf("no class ran\n");
		status = COUNT_CLASS_FAILED;
	}
	return status;
}

int main(int argc, char **argv)
{
	static struct count c = { .cls = -1 };
	int model, status;

	if (argc != 4 || (strcmp(argv[2], "arm926") &&
			  strcmp(argv[2], "arm1176"))) {
		fprintf(stderr,
			"Usage: bench_count_host ELF arm926|arm1176 MAP\n"
			"Count the ARM instructions of each trap class of the "
			"ELF built by\nbench-arm-count.sh; MAP has lines "
			"\"SOURCE FUNCTION\" for its global functions.\n");
		return COUNT_USAGE;
	}
	model = strcmp(argv[2], "arm926") ? UC_CPU_ARM_1176 : UC_CPU_ARM_926;
	c.path = argv[1];
	c.map_path = argv[3];
	status = count_read_file(&c);
	if (!status)
		status = count_parse_elf(&c);
	if (!status)
		status = count_read_map(&c);
	if (!status) {
		count_set_parts(&c);
		status = count_run(&c, model);
	}
	if (!status)
		status = count_report(&c, argv[2]);
	if (c.uc)
		uc_close(c.uc);
	free(c.map);
	free(c.funcs);
	free(c.file);
	return status;
}
