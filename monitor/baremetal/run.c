/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run.c -- the bare-metal monitor's main line and its trap handler.
 *
 * bm_main() maps memory, reads the boot information, loads the guest from
 * the initrd into guest RAM, resets the vCPU (virtual SVC, I and F set,
 * entry state of docs/process-monitor.md "The guest contract") and enters
 * the guest in real USR mode.  From then on the monitor runs only in
 * bm_trap(), called by the vector stubs (vectors.S) with the guest's
 * registers in a frame: it does what armpv-run's SIGILL handler does --
 * copy the registers into the vCPU, armpv_vcpu_trap(), act on the exit,
 * copy the vCPU back -- and what its SIGSEGV handler does for a native
 * access outside guest RAM: stop with a report.
 */
#include "armpv_core.h"
#include "armpv_hypercall.h"
#include "armpv_tables.h"
#include "bm.h"

/* The CPSR bits a USR-mode program owns; the rest are virtual. */
#define BM_USER_PSR                                                          \
	(ARMPV_PSR_N | ARMPV_PSR_Z | ARMPV_PSR_C | ARMPV_PSR_V | ARMPV_PSR_Q | \
	 ARMPV_PSR_GE_MASK | ARMPV_PSR_E | ARMPV_PSR_T)

/* PL190 VIC (ARM DDI 0181): every source disabled, soft interrupts clear. */
#define VIC_INTENCLEAR 0x14
#define VIC_SOFTINTCLEAR 0x1c

/* ARM semihosting (ARM DUI 0471, QEMU -semihosting): SVC 0x123456 in ARM
 * state, r0 = operation, r1 = argument block. */
#define SEMIHOST_SVC "svc 0x123456"
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define ADP_STOPPED_RUNTIME_ERROR 0x20023

static struct armpv_vm vm;
static struct armpv_vcpu vcpu;
static uint8_t *const ram = (uint8_t *)BM_GUEST_ALIAS_VA; /* core's view */
static bool guest_started;
static volatile bool halting;

static void print_stats(void)
{
	const struct armpv_vcpu_stats *s = &vcpu.stats;
	static const char *const exc[8] = { "reset", "und", "swi", "pabt",
					    "dabt", "-", "irq", "fiq" };

	bm_puts("armpv-bm: ");
	bm_printf("%llu traps:", (unsigned long long)s->traps);
	for (unsigned i = 1; i < ARMPV_NINSNS; i++)
		if (s->insn[i])
			bm_printf(" %s %llu", armpv_insn_names[i],
				  (unsigned long long)s->insn[i]);
	bm_printf(", cp15 %llu, condition failed %llu, hypercalls %llu\n",
		  (unsigned long long)s->cp15,
		  (unsigned long long)s->cond_failed,
		  (unsigned long long)s->exits[ARMPV_EXIT_HYPERCALL]);
	bm_puts("armpv-bm: virtual exceptions:");
	for (unsigned i = 0; i < 8; i++)
		if (s->exceptions[i])
			bm_printf(" %s %llu", exc[i],
				  (unsigned long long)s->exceptions[i]);
	bm_putc('\n');
}

static void semihost_call(uint32_t op, uint32_t arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register uint32_t r1 __asm__("r1") = arg;

	__asm__ volatile(SEMIHOST_SVC : "+r"(r0) : "r"(r1) : "memory");
}

/*
 * Stop the machine with an exit status: QEMU semihosting SYS_EXIT_EXTENDED
 * passes the status itself (QEMU exits with it); if that is not
 * implemented, SYS_EXIT gives 0 or 1.  Without -semihosting the SVC comes
 * back to bm_trap(), which returns at once while halting, and the CPU
 * waits for interrupts forever with all of them masked: a halt.
 */
_Noreturn void bm_halt(int status)
{
	uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };

	halting = true;
	semihost_call(SYS_EXIT_EXTENDED, (uint32_t)(uintptr_t)block);
	semihost_call(SYS_EXIT, status ? ADP_STOPPED_RUNTIME_ERROR
				       : ADP_STOPPED_APPLICATION_EXIT);
	for (;;)
		__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0));
}

/* The guest is over: statistics, then stop with its status. */
static _Noreturn void run_stop(int status)
{
	print_stats();
	bm_halt(status);
}

static _Noreturn void guest_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static _Noreturn void guest_error(const char *fmt, ...)
{
	va_list ap;

	bm_puts("armpv-bm: guest error: ");
	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
	bm_putc('\n');
	bm_report("  vcpu: mode %s cpsr %08x pc %08x lr %08x sp %08x",
		  armpv_mode_name(vcpu.cpsr), vcpu.cpsr, vcpu.r[15],
		  vcpu.r[14], vcpu.r[13]);
	run_stop(BM_EXIT_GUEST_ERROR);
}

_Noreturn void bm_bad_guest(const char *fmt, ...)
{
	va_list ap;

	bm_puts("armpv-bm: guest image: ");
	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
	bm_putc('\n');
	bm_halt(BM_EXIT_BAD_GUEST);
}

static void vcpu_from_frame(const struct bm_frame *f, uint32_t pc)
{
	memcpy(vcpu.r, f->r, 15 * sizeof(uint32_t));
	vcpu.r[15] = pc;
	vcpu.cpsr = (vcpu.cpsr & ~BM_USER_PSR) | (f->spsr & BM_USER_PSR);
}

/* The guest always returns to real USR mode: whatever the vCPU holds,
 * the frame's CPSR is never a privileged mode.  I and F stay clear: real
 * interrupts are disabled at the VIC instead, so a guest user task's MRS
 * reads the CPSR a user task sees on hardware. */
static void vcpu_to_frame(struct bm_frame *f)
{
	memcpy(f->r, vcpu.r, 15 * sizeof(uint32_t));
	f->lr = vcpu.r[15];
	f->spsr = (vcpu.cpsr & BM_USER_PSR) | ARMPV_MODE_USR;
}

/* A guest word, read through the core's view of RAM. */
static bool guest_word(uint32_t addr, uint32_t *word)
{
	if (addr > BM_GUEST_SIZE - 4 || (addr & 3))
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
		bm_putc((char)vcpu.r[0]);
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

/* An SWI or Undefined instruction from the guest: the core's trap. */
static void guest_trap(struct bm_frame *f, bool swi)
{
	uint32_t pc = f->lr - 4, word; /* both: LR = the word + 4 in ARM */

	vcpu_from_frame(f, pc);
	if (f->spsr & ARMPV_PSR_T)
		guest_error("trap in Thumb state at %08x: the core emulates "
			    "ARM-state traps only", f->lr);
	if (!guest_word(pc, &word))
		guest_error("trap at %08x, outside guest RAM", pc);
	/* A guest kernel issuing an SWI that is neither a trap word nor a
	 * hypercall is almost surely running a trap word of another tables
	 * layout, or corrupted code: stop rather than vector into it, as
	 * armpv-run does without --kernel-swi. */
	if (swi && armpv_mode_privileged(vcpu.cpsr)) {
		uint32_t insn, payload = word & 0xffffff;

		if (!armpv_decode(word, &insn) &&
		    (payload < ARMPV_HYPERCALL_FIRST ||
		     payload > ARMPV_HYPERCALL_LAST))
			guest_error("invalid trap word %08x at %08x in %s mode "
				    "(not a trap word of tables layout "
				    "0x%08x)", word, pc,
				    armpv_mode_name(vcpu.cpsr),
				    ARMPV_TABLES_LAYOUT_HASH);
	}
	switch (armpv_vcpu_trap(&vcpu, swi ? ARMPV_TRAP_SWI : ARMPV_TRAP_UNDEF,
				word)) {
	case ARMPV_EXIT_RESUME:
		break;
	case ARMPV_EXIT_HYPERCALL:
		handle_hypercall();
		break;
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
	vcpu_to_frame(f);
}

static uint32_t cp15_dfsr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
	return v;
}

static uint32_t cp15_ifsr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v));
	return v;
}

static uint32_t cp15_far(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
	return v;
}

static const char *const exc_names[8] = {
	"reset", "undefined instruction", "SWI", "prefetch abort",
	"data abort", "reserved", "IRQ", "FIQ",
};

/* Called by every vector stub with the interrupted context in 'f'. */
void bm_trap(struct bm_frame *f, unsigned exc)
{
	if ((f->spsr & ARMPV_PSR_M_MASK) != ARMPV_MODE_USR ||
	    !guest_started) {
		/* Our own semihosting SVC without -semihosting: resume, and
		 * bm_halt() waits forever. */
		if (exc == BM_EXC_SWI && halting)
			return;
		halting = true;
		bm_report("internal error: %s in the monitor at pc %08x "
			  "(cpsr %08x), dfsr %08x far %08x",
			  exc_names[exc & 7], f->lr, f->spsr, cp15_dfsr(),
			  cp15_far());
		bm_halt(BM_EXIT_INTERNAL);
	}
	switch (exc) {
	case BM_EXC_SWI:
		guest_trap(f, true);
		return;
	case BM_EXC_UNDEF:
		guest_trap(f, false);
		return;
	case BM_EXC_DABT:
		/* Guest RAM is all the guest can reach natively: anything
		 * else is outside it (armpv-run stops the same way). */
		vcpu_from_frame(f, f->lr - 8);
		guest_error("native access to %08x at pc %08x: outside guest "
			    "RAM (%u MiB at 0), dfsr %08x", cp15_far(),
			    f->lr - 8, BM_GUEST_SIZE >> 20, cp15_dfsr());
	case BM_EXC_PABT:
		vcpu_from_frame(f, f->lr - 4);
		guest_error("instruction fetch from %08x: outside guest RAM "
			    "(%u MiB at 0), ifsr %08x", f->lr - 4,
			    BM_GUEST_SIZE >> 20, cp15_ifsr());
	default:
		/* Interrupts are disabled at the VIC in slice 1. */
		halting = true;
		bm_report("internal error: unexpected %s while the guest ran "
			  "(pc %08x)", exc_names[exc & 7], f->lr);
		bm_halt(BM_EXIT_INTERNAL);
	}
}

/*
 * The virtual CPU is the real one: the guest runs natively, so it must
 * see the architecture it executes on.  MIDR (ARM ARM B3.3.1): primary
 * part number 0xb76 is the ARM1176JZF-S (ARMv6, run here with SCTLR.XP = 0:
 * the ARMv5 table format); everything else we accept is an ARM926EJ-S
 * (part 0x926).
 */
static enum armpv_cpu_model cpu_model(void)
{
	uint32_t midr, part;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	part = (midr >> 4) & 0xfff;
	if (part == 0xb76)
		return ARMPV_CPU_ARM1176JZFS;
	if (part != 0x926)
		bm_report("warning: CPU part %03x (MIDR %08x) is neither "
			  "ARM926EJ-S nor ARM1176JZF-S: emulating an "
			  "ARM926EJ-S", part, midr);
	return ARMPV_CPU_ARM926EJS;
}

static void vic_disable_all(void)
{
	volatile uint32_t *vic = (volatile uint32_t *)BM_VIC_BASE;

	vic[VIC_INTENCLEAR / 4] = 0xffffffff;
	vic[VIC_SOFTINTCLEAR / 4] = 0xffffffff;
}

_Noreturn void bm_main(uint32_t machine, uint32_t tags_pa)
{
	/* Not on the stack: bm_guest_enter() starts the SVC stack afresh. */
	static struct bm_frame entry;
	struct bm_boot_info boot;
	uint32_t pc;

	bm_mmu_init();
	vic_disable_all();
	bm_report("armpv bare-metal monitor (slice 1), tables layout 0x%08x",
		  ARMPV_TABLES_LAYOUT_HASH);
	bm_boot_parse(machine, tags_pa, &boot);
	bm_report("machine %u, RAM %u MiB, guest image at %08x, %u bytes "
		  "(initrd)", boot.machine, boot.ram_size >> 20,
		  boot.initrd_pa, boot.initrd_size);
	if (!boot.initrd_size) {
		bm_report("no guest: pass the rewritten guest ELF with "
			  "-initrd");
		bm_halt(BM_EXIT_NO_INPUT);
	}
	/* Below guest RAM lies the monitor; QEMU puts the initrd at half
	 * the RAM (64 MiB of -m 128M). */
	if (boot.initrd_pa < BM_GUEST_PA + BM_GUEST_SIZE ||
	    boot.initrd_pa >= BM_LINEAR_SIZE ||
	    boot.initrd_size > BM_LINEAR_SIZE - boot.initrd_pa) {
		bm_report("the initrd at %08x+%x is not in the RAM left to it "
			  "(guest RAM is %08x-%08x): use -m 128M",
			  boot.initrd_pa, boot.initrd_size, BM_GUEST_PA,
			  BM_GUEST_PA + BM_GUEST_SIZE - 1);
		bm_halt(BM_EXIT_NO_INPUT);
	}

	armpv_vm_init(&vm, cpu_model());
	memset(ram, 0, BM_GUEST_SIZE);
	pc = bm_guest_load(&vm, bm_pa_to_va(boot.initrd_pa),
			   boot.initrd_size, ram);
	if (armpv_vm_add_region(&vm, 0, BM_GUEST_SIZE, ram, 0) < 0) {
		bm_report("internal error: cannot register guest RAM");
		bm_halt(BM_EXIT_INTERNAL);
	}
	armpv_vcpu_init(&vcpu, &vm);
	vcpu.r[0] = vcpu.r[1] = vcpu.r[2] = 0;
	vcpu.r[15] = pc;
	vcpu_to_frame(&entry);
	guest_started = true;
	bm_guest_enter(&entry);
}
