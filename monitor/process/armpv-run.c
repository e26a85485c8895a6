/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * armpv-run -- the process-level monitor: run a rewritten ARM guest kernel
 * inside one Linux process, in USR mode, with the monitor core emulating
 * every trap.
 *
 * An ARM Linux program (static), run under qemu-arm -cpu arm926 / arm1176
 * (or on an ARMv5/ARMv6 Linux whose kernel has OABI compatibility, which
 * turns unknown SWIs into SIGILL as qemu-arm does).  It
 *   1. loads the guest ELF into guest RAM, mapped at its physical address
 *      (0 up) so the guest runs natively with flat memory; the core sees the
 *      same pages through a second mapping;
 *   2. enters the guest in virtual SVC mode by raising one SIGILL itself and
 *      returning from the handler into the guest's registers;
 *   3. takes each trap as SIGILL (an SWI: ILL_ILLTRP, PC after it; an
 *      Undefined instruction: PC at it; see docs/process-monitor.md), copies
 *      the guest registers into the vCPU, calls armpv_vcpu_trap(), and
 *      returns into whatever the vCPU holds now;
 *   4. stops at the guest's exit hypercall, or with a report when the guest
 *      cannot go on.
 * Everything the guest does between traps runs at native speed.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

#include "armpv_core.h"
#include "armpv_hypercall.h"
#include "armpv_tables.h"
#include "mem.h"

/* Exit statuses of armpv-run itself (a guest's own status passes through
 * when it exits with ARMPV_HC_EXIT; keep guest statuses below 64). */
enum run_exit {
	RUN_EXIT_USAGE = 64,
	RUN_EXIT_BAD_GUEST = 65,  /* the guest file is not a runnable guest */
	RUN_EXIT_NO_INPUT = 66,	  /* cannot read the guest file */
	RUN_EXIT_GUEST_ERROR = 67, /* the guest cannot go on (see report) */
	RUN_EXIT_INTERNAL = 70,	  /* a fault inside the monitor */
};

#define RUN_DEFAULT_MEM (16u << 20)
#define RUN_MAX_MEM (256u << 20)
#define RUN_LAUNCH_SWI 0x3fffffu /* the monitor's own first trap */
#define RUN_NOTE_TEXT_MAX 511	  /* .note.armpv: a 512-byte text */

/* The CPSR bits a USR-mode process owns; the rest are virtual. */
#define RUN_USER_PSR                                                         \
	(ARMPV_PSR_N | ARMPV_PSR_Z | ARMPV_PSR_C | ARMPV_PSR_V | ARMPV_PSR_Q | \
	 ARMPV_PSR_GE_MASK | ARMPV_PSR_E | ARMPV_PSR_T)

static struct {
	const char *guest;
	bool trace, stats;
	bool kernel_swi_ok;
	uint32_t mem_size;
	enum armpv_cpu_model model;
	bool model_set;
} opt = { .mem_size = RUN_DEFAULT_MEM };

static struct armpv_vm vm;
static struct armpv_vcpu vcpu;
static uint8_t *ram;	    /* the core's view of guest RAM */
static uint32_t guest_entry;
static volatile sig_atomic_t started, in_monitor;

/* Console output: line-buffered onto stdout with write(2) only, as the
 * signal handler is where it happens. */
static char con_buf[4096];
static size_t con_len;

static void con_flush(void)
{
	size_t off = 0;

	while (off < con_len) {
		ssize_t n = write(STDOUT_FILENO, con_buf + off, con_len - off);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	con_len = 0;
}

static void con_putc(char c)
{
	con_buf[con_len++] = c;
	if (c == '\n' || con_len == sizeof(con_buf))
		con_flush();
}

/* Reports from the monitor go to stderr, also with write(2): snprintf is
 * not async-signal-safe in general, but the guest is stopped while the
 * handler runs and glibc's snprintf takes no locks. */
static void report(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	memcpy(buf, "armpv-run: ", 11);
	va_start(ap, fmt);
	n = vsnprintf(buf + 11, sizeof(buf) - 12, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += 11;
	if ((size_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	con_flush();
	if (write(STDERR_FILENO, buf, (size_t)n) < 0)
		return;
}

static void print_stats(void)
{
	const struct armpv_vcpu_stats *s = &vcpu.stats;
	static const char *const exc[8] = { "reset", "und", "swi", "pabt",
					    "dabt", "-", "irq", "fiq" };
	char line[1024];
	size_t len = 0;

	len += (size_t)snprintf(line, sizeof(line), "%llu traps:",
				(unsigned long long)s->traps);
	for (unsigned i = 1; i < ARMPV_NINSNS; i++)
		if (s->insn[i] && len < sizeof(line))
			len += (size_t)snprintf(line + len, sizeof(line) - len,
						" %s %llu", armpv_insn_names[i],
						(unsigned long long)s->insn[i]);
	if (len < sizeof(line))
		len += (size_t)snprintf(line + len, sizeof(line) - len,
					", cp15 %llu, condition failed %llu, "
					"hypercalls %llu",
					(unsigned long long)s->cp15,
					(unsigned long long)s->cond_failed,
					(unsigned long long)
						s->exits[ARMPV_EXIT_HYPERCALL]);
	report("%s", line);
	len = (size_t)snprintf(line, sizeof(line), "virtual exceptions:");
	for (unsigned i = 0; i < 8; i++)
		if (s->exceptions[i] && len < sizeof(line))
			len += (size_t)snprintf(line + len, sizeof(line) - len,
						" %s %llu", exc[i],
						(unsigned long long)s->exceptions[i]);
	report("%s", line);
}

static _Noreturn void run_stop(int status)
{
	con_flush();
	if (opt.stats)
		print_stats();
	_exit(status);
}

static _Noreturn void guest_error(const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	report("guest error: %s", buf);
	report("  vcpu: mode %s cpsr %08x pc %08x lr %08x sp %08x",
	       armpv_mode_name(vcpu.cpsr), vcpu.cpsr, vcpu.r[15], vcpu.r[14],
	       vcpu.r[13]);
	run_stop(RUN_EXIT_GUEST_ERROR);
}

/* ---------------------------------------------------------------------
 * Tracing: one line per trap with what changed.
 */
static const enum armpv_mode trace_modes[] = {
	ARMPV_MODE_USR, ARMPV_MODE_FIQ, ARMPV_MODE_IRQ,
	ARMPV_MODE_SVC, ARMPV_MODE_ABT, ARMPV_MODE_UND,
};

static void trace_trap(const struct armpv_vcpu *before, uint32_t pc,
		       uint32_t word)
{
	char line[900];
	size_t len;
	uint32_t insn = 0;
	const struct armpv_form *f = armpv_decode(word, &insn);

#define ADD(...)                                                          \
	do {                                                              \
		if (len < sizeof(line))                                   \
			len += (size_t)snprintf(line + len,               \
						sizeof(line) - len,       \
						__VA_ARGS__);             \
	} while (0)

	len = 0;
	if (f)
		ADD("trap %08x: %08x = %08x %s [%s]", pc, word, insn, f->text,
		    armpv_mode_name(before->cpsr));
	else
		ADD("trap %08x: %08x (not a trap word) [%s]", pc, word,
		    armpv_mode_name(before->cpsr));
	for (unsigned m = 0; m < sizeof(trace_modes) / sizeof(*trace_modes);
	     m++) {
		enum armpv_mode mode = trace_modes[m];
		unsigned first = mode == ARMPV_MODE_USR ? 0
			       : mode == ARMPV_MODE_FIQ ? 8 : 13;

		for (unsigned n = first; n < 15; n++) {
			uint32_t a = armpv_vcpu_reg(before, mode, n);
			uint32_t b = armpv_vcpu_reg(&vcpu, mode, n);

			if (a == b)
				continue;
			if (mode == ARMPV_MODE_USR)
				ADD(" r%u=%08x", n, b);
			else
				ADD(" r%u_%s=%08x", n, armpv_mode_name(mode), b);
		}
		if (mode != ARMPV_MODE_USR &&
		    armpv_vcpu_spsr(before, mode) != armpv_vcpu_spsr(&vcpu, mode))
			ADD(" spsr_%s=%08x", armpv_mode_name(mode),
			    armpv_vcpu_spsr(&vcpu, mode));
	}
	if (before->cpsr != vcpu.cpsr)
		ADD(" cpsr=%08x", vcpu.cpsr);
	if ((before->cpsr ^ vcpu.cpsr) & ARMPV_PSR_M_MASK)
		ADD(" (%s->%s)", armpv_mode_name(before->cpsr),
		    armpv_mode_name(vcpu.cpsr));
	if (vcpu.r[15] != pc + 4)
		ADD(" pc=%08x", vcpu.r[15]);
	if (before->cp15.dfsr != vcpu.cp15.dfsr ||
	    before->cp15.far != vcpu.cp15.far)
		ADD(" dfsr=%08x far=%08x", vcpu.cp15.dfsr, vcpu.cp15.far);
	ADD(" %s", armpv_exit_name(vcpu.run.exit_reason));
#undef ADD
	report("%s", line);
}

/* ---------------------------------------------------------------------
 * Traps.
 */
static uint32_t *ctx_regs(ucontext_t *uc)
{
	/* struct sigcontext keeps arm_r0 ... arm_pc, arm_cpsr in order. */
	return (uint32_t *)&uc->uc_mcontext.arm_r0;
}

static void vcpu_from_ctx(const uint32_t *regs, uint32_t pc)
{
	memcpy(vcpu.r, regs, 15 * sizeof(uint32_t));
	vcpu.r[15] = pc;
	vcpu.cpsr = (vcpu.cpsr & ~RUN_USER_PSR) | (regs[16] & RUN_USER_PSR);
}

static void vcpu_to_ctx(uint32_t *regs)
{
	memcpy(regs, vcpu.r, 16 * sizeof(uint32_t));
	regs[16] = (vcpu.cpsr & RUN_USER_PSR) | ARMPV_MODE_USR;
}

/* A guest word, read through the core's view of RAM. */
static bool guest_word(uint32_t addr, uint32_t *word)
{
	if (addr > opt.mem_size - 4 || (addr & 3))
		return false;
	memcpy(word, ram + addr, 4);
	return true;
}

static void handle_hypercall(void)
{
	switch (vcpu.run.hypercall.nr) {
	case ARMPV_HC_EXIT:
		run_stop((int)(vcpu.r[0] & 0xff));
	case ARMPV_HC_PUTC:
		con_putc((char)vcpu.r[0]);
		break;
	case ARMPV_HC_SET_IRQ:
		armpv_vcpu_set_irq(&vcpu, vcpu.r[0] != 0);
		armpv_vcpu_check_irq(&vcpu);
		break;
	case ARMPV_HC_SET_FIQ:
		armpv_vcpu_set_fiq(&vcpu, vcpu.r[0] != 0);
		armpv_vcpu_check_irq(&vcpu);
		break;
	default:
		guest_error("unknown hypercall 0x%06x at %08x",
			    vcpu.run.hypercall.nr, vcpu.r[15] - 4);
	}
}

static void launch(uint32_t *regs)
{
	vcpu.r[0] = vcpu.r[1] = vcpu.r[2] = 0;
	vcpu.r[15] = guest_entry;
	vcpu_to_ctx(regs);
	started = 1;
}

/* The guest's SWI ('swi') or Undefined instruction, reported with PC
 * 'pc' in the signal context 'regs'. */
static void guest_trap(uint32_t *regs, uint32_t pc, bool swi)
{
	uint32_t word;
	struct armpv_vcpu before;

	in_monitor = 1;
	/* qemu-arm and Linux report an SWI with PC after it, an Undefined
	 * instruction with PC at it. */
	if (regs[16] & ARMPV_PSR_T) {
		/* Thumb state holds no trap words (the rewriter makes ARM
		 * ones only, docs/rewriter.md) and a Thumb SWI is no
		 * hypercall: in any virtual mode the trap is the guest's own
		 * SWI or Undefined exception, LR = the instruction + 2, SPSR
		 * with T set (ARM ARM A2.6.3, A2.6.4). */
		if (swi)
			pc -= 2;
		vcpu_from_ctx(regs, pc);
		armpv_vcpu_exception(&vcpu,
				     swi ? ARMPV_EXC_SWI : ARMPV_EXC_UNDEF, pc);
		vcpu_to_ctx(regs);
		in_monitor = 0;
		return;
	}
	if (swi)
		pc -= 4;
	if (!guest_word(pc, &word))
		guest_error("trap at %08x, outside guest RAM", pc);
	vcpu_from_ctx(regs, pc);
	if (opt.trace)
		before = vcpu;
	switch (armpv_vcpu_trap(&vcpu, swi ? ARMPV_TRAP_SWI : ARMPV_TRAP_UNDEF,
				word)) {
	case ARMPV_EXIT_RESUME:
		break;
	case ARMPV_EXIT_HYPERCALL:
		if (opt.trace)
			trace_trap(&before, pc, word);
		handle_hypercall();
		vcpu_to_ctx(regs);
		in_monitor = 0;
		return;
	case ARMPV_EXIT_HALT:
		/* WFI wakes on a pending interrupt even when masked. */
		if (!vcpu.irq_line && !vcpu.fiq_line)
			guest_error("WFI at %08x with no interrupt pending: "
				    "nothing can wake the guest", pc);
		armpv_vcpu_check_irq(&vcpu);
		break;
	case ARMPV_EXIT_GUEST_ERROR:
		guest_error("%s at %08x (word %08x)", vcpu.run.error.what,
			    vcpu.run.error.pc, vcpu.run.error.word);
	}
	if (opt.trace)
		trace_trap(&before, pc, word);
	vcpu_to_ctx(regs);
	in_monitor = 0;
}

static void on_sigill(int sig, siginfo_t *si, void *ctx)
{
	uint32_t *regs = ctx_regs((ucontext_t *)ctx);

	(void)sig;
	if (!started) {
		launch(regs);
		return;
	}
	guest_trap(regs, regs[15], si->si_code == ILL_ILLTRP);
}

/*
 * A SIGTRAP from the guest: qemu-arm (as Linux) raises it, PC at the
 * instruction, for BKPT and for the two permanently undefined encodings
 * Linux uses as breakpoints, ARM 0xe7f001f0 and Thumb 0xde01.  A BKPT
 * is the guest's own prefetch abort, IFSR 0b00010 "instruction debug
 * event" and IFAR 0 on the ARM1176, as armpv-bm gives it (run.c
 * guest_prefetch_abort(); ARM ARM A4.1.7); the other two are Undefined
 * instructions, taken as a SIGILL's.  (Unhandled, the signal killed
 * armpv-run.)
 */
static void on_sigtrap(int sig, siginfo_t *si, void *ctx)
{
	uint32_t *regs = ctx_regs((ucontext_t *)ctx);
	uint32_t pc = regs[15], word = 0;
	bool thumb = regs[16] & ARMPV_PSR_T;

	(void)si;
	if (in_monitor || !started) {
		report("internal error: signal %d in the monitor at pc %08x",
		       sig, pc);
		run_stop(RUN_EXIT_INTERNAL);
	}
	if (!guest_word(pc & ~3u, &word))
		guest_error("breakpoint at %08x, outside guest RAM", pc);
	if (thumb)
		word = (word >> (pc & 2 ? 16 : 0)) & 0xffffu;
	if (word == (thumb ? 0xde01u : 0xe7f001f0u)) {
		guest_trap(regs, pc, false);
		return;
	}
	in_monitor = 1;
	vcpu_from_ctx(regs, pc);
	armpv_vcpu_prefetch_abort(&vcpu, pc, 0x2, 0);
	vcpu_to_ctx(regs);
	in_monitor = 0;
}

/* A native guest access outside its memory, or a fault in the monitor. */
static void on_sigsegv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	uint32_t *regs = ctx_regs(uc);
	uint32_t addr = (uint32_t)(uintptr_t)si->si_addr;

	if (in_monitor || !started) {
		report("internal error: signal %d in the monitor at pc %08x, "
		       "address %08x", sig, regs[15], addr);
		run_stop(RUN_EXIT_INTERNAL);
	}
	vcpu_from_ctx(regs, regs[15]);
	guest_error("native access to %08x at pc %08x: outside guest RAM "
		    "(%u MiB at 0)", addr, regs[15], opt.mem_size >> 20);
}

/* ---------------------------------------------------------------------
 * Loading the guest.
 */
static _Noreturn void bad_guest(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "armpv-run: %s: ", opt.guest);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(RUN_EXIT_BAD_GUEST);
}

static uint8_t *read_file(const char *path, size_t *size)
{
	struct stat st;
	uint8_t *buf;
	size_t off = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "armpv-run: %s: %s\n", path, strerror(errno));
		exit(RUN_EXIT_NO_INPUT);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		fprintf(stderr, "armpv-run: %s: out of memory\n", path);
		exit(RUN_EXIT_INTERNAL);
	}
	while (off < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + off, (size_t)st.st_size - off);

		if (n <= 0) {
			fprintf(stderr, "armpv-run: %s: read failed\n", path);
			exit(RUN_EXIT_NO_INPUT);
		}
		off += (size_t)n;
	}
	close(fd);
	*size = off;
	return buf;
}

/* The armpv-rewrite record (.note.armpv): the guest must be rewritten
 * with the tables this monitor decodes. */
static void check_record(const uint8_t *f, size_t size, const Elf32_Ehdr *eh)
{
	const Elf32_Shdr *sh;
	const char *names;
	char text[RUN_NOTE_TEXT_MAX + 1];

	if (eh->e_shoff == 0 || eh->e_shentsize != sizeof(Elf32_Shdr) ||
	    eh->e_shoff > size ||
	    (size - eh->e_shoff) / sizeof(Elf32_Shdr) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum)
		bad_guest("no usable section headers: cannot find the "
			  "armpv-rewrite record");
	sh = (const Elf32_Shdr *)(f + eh->e_shoff);
	if (sh[eh->e_shstrndx].sh_offset > size ||
	    sh[eh->e_shstrndx].sh_size > size - sh[eh->e_shstrndx].sh_offset)
		bad_guest("section name table out of the file");
	names = (const char *)f + sh[eh->e_shstrndx].sh_offset;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const Elf32_Nhdr *nh;
		size_t len;
		const char *desc, *p;
		unsigned long layout;
		char arch[16];

		if (sh[i].sh_type != SHT_NOTE ||
		    sh[i].sh_name >= sh[eh->e_shstrndx].sh_size ||
		    strcmp(names + sh[i].sh_name, ".note.armpv"))
			continue;
		if (sh[i].sh_offset > size || sh[i].sh_size > size - sh[i].sh_offset ||
		    sh[i].sh_size < sizeof(*nh) + 8)
			bad_guest(".note.armpv out of the file");
		nh = (const Elf32_Nhdr *)(f + sh[i].sh_offset);
		if (nh->n_namesz != 6 || nh->n_descsz > sh[i].sh_size - sizeof(*nh) - 8)
			bad_guest(".note.armpv is malformed");
		desc = (const char *)(nh + 1) + 8;
		len = strnlen(desc, nh->n_descsz);
		if (len > RUN_NOTE_TEXT_MAX)
			len = RUN_NOTE_TEXT_MAX;
		memcpy(text, desc, len);
		text[len] = 0;
		p = strstr(text, "layout=");
		if (!p || sscanf(p, "layout=%lx", &layout) != 1)
			bad_guest(".note.armpv has no layout: '%s'", text);
		if (layout != ARMPV_TABLES_LAYOUT_HASH)
			bad_guest("rewritten with tables layout 0x%08lx, this "
				  "monitor decodes layout 0x%08x: rewrite the "
				  "guest again with this armpv",
				  layout, ARMPV_TABLES_LAYOUT_HASH);
		p = strstr(text, "arch=");
		/* ARMv6 runs ARMv5TE code, not the other way round. */
		if (p && sscanf(p, "arch=%15[a-z0-9]", arch) == 1 &&
		    armpv_arch_parse(arch) == ARMPV_ARCH_ARMV6 &&
		    vm.arch != ARMPV_ARCH_ARMV6)
			bad_guest("rewritten for %s, but the CPU is %s", arch,
				  armpv_arch_name(vm.arch));
		return;
	}
	bad_guest("not rewritten (no .note.armpv): run armpv-rewrite on it "
		  "first; its sensitive instructions would silently misbehave "
		  "in USR mode");
}

static void load_guest(void)
{
	size_t size;
	uint8_t *f = read_file(opt.guest, &size);
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)f;
	const Elf32_Phdr *ph;
	bool entry_ok = false;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		bad_guest("not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_ARM)
		bad_guest("not a 32-bit little-endian ARM ELF file");
	if (eh->e_type != ET_EXEC)
		bad_guest("not an executable (ELF type %u): link the guest "
			  "at its load address", eh->e_type);
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phoff > size ||
	    (size - eh->e_phoff) / sizeof(Elf32_Phdr) < eh->e_phnum)
		bad_guest("program headers out of the file");
	check_record(f, size, eh);
	ph = (const Elf32_Phdr *)(f + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz ||
		    ph[i].p_offset > size ||
		    ph[i].p_filesz > size - ph[i].p_offset)
			bad_guest("segment %u: file bytes out of the file", i);
		if (ph[i].p_paddr >= opt.mem_size ||
		    ph[i].p_memsz > opt.mem_size - ph[i].p_paddr)
			bad_guest("segment %u at 0x%08x+0x%x is outside guest "
				  "RAM (0-0x%08x; --mem)", i, ph[i].p_paddr,
				  ph[i].p_memsz, opt.mem_size - 1);
		memcpy(ram + ph[i].p_paddr, f + ph[i].p_offset, ph[i].p_filesz);
		if (eh->e_entry >= ph[i].p_paddr &&
		    eh->e_entry - ph[i].p_paddr < ph[i].p_memsz)
			entry_ok = true;
	}
	if (!entry_ok || (eh->e_entry & 3))
		bad_guest("entry point 0x%08x is not ARM code in a loaded "
			  "segment", eh->e_entry);
	guest_entry = eh->e_entry;
	free(f);
}

/* Guest RAM at guest physical 0 = process address 0, and a second mapping
 * of the same pages for the core.  The core writes guest data through its
 * mapping only while the guest is stopped, and never code. */
static void map_ram(void)
{
	int fd = memfd_create("armpv-guest-ram", 0);
	void *low, *alias;

	if (fd < 0 || ftruncate(fd, opt.mem_size) < 0) {
		fprintf(stderr, "armpv-run: guest RAM: %s\n", strerror(errno));
		exit(RUN_EXIT_INTERNAL);
	}
	low = mmap((void *)0, opt.mem_size,
		   PROT_READ | PROT_WRITE | PROT_EXEC, MAP_SHARED | MAP_FIXED,
		   fd, 0);
	alias = mmap(NULL, opt.mem_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		     fd, 0);
	if (low == MAP_FAILED || low != (void *)0 || alias == MAP_FAILED) {
		fprintf(stderr, "armpv-run: cannot map %u MiB of guest RAM at "
				"address 0: %s\n",
			opt.mem_size >> 20, strerror(errno));
		exit(RUN_EXIT_INTERNAL);
	}
	close(fd);
	ram = alias;
}

/* The CPU model: --cpu, else the platform the kernel (or qemu-arm -cpu)
 * reports. */
static enum armpv_cpu_model detect_model(void)
{
	const char *plat = (const char *)getauxval(AT_PLATFORM);

	if (plat && !strncmp(plat, "v6", 2))
		return ARMPV_CPU_ARM1176JZFS;
	if (plat && !strncmp(plat, "v5", 2))
		return ARMPV_CPU_ARM926EJS;
	fprintf(stderr, "armpv-run: cannot tell the CPU (platform '%s'): "
			"use --cpu arm926 or --cpu arm1176\n",
		plat ? plat : "?");
	exit(RUN_EXIT_USAGE);
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: armpv-run [OPTION]... GUEST.elf\n"
		"Run a guest kernel rewritten by armpv-rewrite inside this "
		"process, in USR mode,\n"
		"with the armpv monitor core emulating its traps.  Run it "
		"under qemu-arm:\n"
		"  qemu-arm -cpu arm926 armpv-run GUEST.elf\n"
		"\n"
		"  -c, --cpu=MODEL     arm926 (ARM926EJ-S) or arm1176 "
		"(ARM1176JZF-S); default:\n"
		"                      the CPU this process runs on\n"
		"  -m, --mem=MIB       guest RAM at address 0, in MiB "
		"(default 16, at most 256)\n"
		"  -t, --trace         one line per trap on stderr: address, "
		"trap word, original\n"
		"                      instruction, and what changed\n"
		"  -s, --stats         trap and exception counts on stderr at "
		"the end\n"
		"      --kernel-swi    deliver a guest kernel's SWI that is not "
		"a trap word as\n"
		"                      an SWI exception (default: stop with a "
		"report)\n"
		"  -h, --help          this help\n"
		"\n"
		"The guest's console output goes to stdout.  Exit status: the "
		"guest's own\n"
		"(ARMPV_HC_EXIT), or 64 usage, 65 not a runnable guest, 66 "
		"cannot read it,\n"
		"67 the guest cannot go on (reported), 70 internal error.  "
		"See docs/process-monitor.md.\n");
}

static void parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cpu", required_argument, NULL, 'c' },
		{ "mem", required_argument, NULL, 'm' },
		{ "trace", no_argument, NULL, 't' },
		{ "stats", no_argument, NULL, 's' },
		{ "kernel-swi", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "c:m:tsh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (!strcmp(optarg, "arm926"))
				opt.model = ARMPV_CPU_ARM926EJS;
			else if (!strcmp(optarg, "arm1176"))
				opt.model = ARMPV_CPU_ARM1176JZFS;
			else {
				fprintf(stderr, "armpv-run: unknown CPU '%s' "
						"(arm926, arm1176)\n", optarg);
				exit(RUN_EXIT_USAGE);
			}
			opt.model_set = true;
			break;
		case 'm': {
			char *end;
			unsigned long mib = strtoul(optarg, &end, 10);

			if (*end || mib == 0 || mib > (RUN_MAX_MEM >> 20)) {
				fprintf(stderr, "armpv-run: --mem takes 1 to "
						"%u (MiB)\n", RUN_MAX_MEM >> 20);
				exit(RUN_EXIT_USAGE);
			}
			opt.mem_size = (uint32_t)mib << 20;
			break;
		}
		case 't':
			opt.trace = true;
			break;
		case 's':
			opt.stats = true;
			break;
		case 'K':
			opt.kernel_swi_ok = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(RUN_EXIT_USAGE);
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		exit(RUN_EXIT_USAGE);
	}
	opt.guest = argv[optind];
}

int main(int argc, char **argv)
{
	static uint8_t sigstack[64 * 1024];
	stack_t ss = { .ss_sp = sigstack, .ss_size = sizeof(sigstack) };
	struct sigaction sa = { 0 };

	parse_args(argc, argv);
	armpv_vm_init(&vm, opt.model_set ? opt.model : detect_model());
	vm.kernel_swi_is_error = !opt.kernel_swi_ok;
	map_ram();
	load_guest();
	if (armpv_vm_add_region(&vm, 0, opt.mem_size, ram, 0) < 0) {
		fprintf(stderr, "armpv-run: cannot register guest RAM\n");
		return RUN_EXIT_INTERNAL;
	}
	armpv_vcpu_init(&vcpu, &vm);

	/* The guest's stack pointer is whatever it chooses: take signals on
	 * the monitor's own stack. */
	if (sigaltstack(&ss, NULL) < 0) {
		perror("armpv-run: sigaltstack");
		return RUN_EXIT_INTERNAL;
	}
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sa.sa_sigaction = on_sigill;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGILL, &sa, NULL);
	sa.sa_sigaction = on_sigtrap;
	sigaction(SIGTRAP, &sa, NULL);
	sa.sa_sigaction = on_sigsegv;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);

	/* Enter the guest: the handler of this SWI returns into its entry
	 * state instead of here. */
	__asm__ volatile("swi %0" : : "i"(RUN_LAUNCH_SWI) : "memory");
	report("internal error: the guest did not start");
	return RUN_EXIT_INTERNAL;
}
