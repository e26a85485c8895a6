/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * armpv_core.h -- the monitor core's interface: a VM (CPU model, guest
 * physical memory, devices) and its virtual CPU, shaped like KVM's.
 *
 * The core knows the ARM architecture: it keeps the vCPU's banked
 * registers, virtual CPSR/SPSRs and CP15, decodes each trap word with the
 * tables/ decoder and emulates the original sensitive instruction exactly,
 * or enters the guest's own exception vectors the way the hardware would.
 * It does not run guest code: a backend (the process-level monitor, the
 * bare-metal monitor, the Unicorn test) runs the guest de-privileged,
 * copies the guest's registers into the vCPU when the guest traps, calls
 * armpv_vcpu_trap(), acts on the exit reason, and resumes the guest from
 * the vCPU's registers.  See docs/monitor-core.md.
 *
 * Freestanding: <stdint.h>, <stddef.h> and <stdbool.h> only, so the
 * bare-metal monitor links the same objects (it provides memcpy/memset).
 */
#ifndef ARMPV_CORE_H
#define ARMPV_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cp15.h"

/* ---------------------------------------------------------------------
 * Program status registers (ARM ARM A2.5).
 */
#define ARMPV_PSR_N (1u << 31)
#define ARMPV_PSR_Z (1u << 30)
#define ARMPV_PSR_C (1u << 29)
#define ARMPV_PSR_V (1u << 28)
#define ARMPV_PSR_Q (1u << 27)
#define ARMPV_PSR_J (1u << 24)
#define ARMPV_PSR_GE_SHIFT 16 /* ARMv6 */
#define ARMPV_PSR_GE_MASK (0xfu << ARMPV_PSR_GE_SHIFT)
#define ARMPV_PSR_E (1u << 9) /* ARMv6: big-endian data */
#define ARMPV_PSR_A (1u << 8) /* ARMv6: imprecise aborts masked */
#define ARMPV_PSR_I (1u << 7)
#define ARMPV_PSR_F (1u << 6)
#define ARMPV_PSR_T (1u << 5)
#define ARMPV_PSR_M_MASK 0x1fu

enum armpv_mode {
	ARMPV_MODE_USR = 0x10,
	ARMPV_MODE_FIQ = 0x11,
	ARMPV_MODE_IRQ = 0x12,
	ARMPV_MODE_SVC = 0x13,
	ARMPV_MODE_ABT = 0x17,
	ARMPV_MODE_UND = 0x1b,
	ARMPV_MODE_SYS = 0x1f,
};

/* Register banks: USR and SYS share one. */
enum armpv_bank {
	ARMPV_BANK_USR,
	ARMPV_BANK_FIQ,
	ARMPV_BANK_IRQ,
	ARMPV_BANK_SVC,
	ARMPV_BANK_ABT,
	ARMPV_BANK_UND,
	ARMPV_NBANKS
};

/* ---------------------------------------------------------------------
 * CPU models.
 */
enum armpv_cpu_model {
	ARMPV_CPU_ARM926EJS,  /* ARMv5TEJ: versatilepb */
	ARMPV_CPU_ARM1176JZFS /* ARMv6KZ: raspi0/raspi1ap */
};

/* ---------------------------------------------------------------------
 * Guest physical memory.
 *
 * RAM and ROM are regions backed by host memory.  Any other physical
 * address belongs to a device: the core calls the VM's MMIO handler
 * synchronously (monitor and device models share one address space, unlike
 * KVM's kernel/user split, so there is no MMIO exit to complete later).  A
 * handler that returns false, or no handler, makes the access an external
 * abort, as absent hardware gives.
 */
#define ARMPV_MAX_REGIONS 8
#define ARMPV_REGION_READONLY 1u

/*
 * A window onto guest RAM that the backend cannot map whole (armpv-bm's
 * guest RAM is larger than the virtual space the monitor may use): the
 * host address of 'offset' in the region, valid for the 4 KiB page
 * (ARMPV_WINDOW_PAGE) holding it until ARMPV_WINDOW_MIN_LIVE further
 * calls.  The core holds such a pointer no longer than one emulated
 * instruction, which makes far fewer calls (table walks and at most two
 * data pages).
 */
typedef uint8_t *(*armpv_window_fn)(void *opaque, uint32_t offset);
#define ARMPV_WINDOW_PAGE 4096u
#define ARMPV_WINDOW_MIN_LIVE 32u

struct armpv_region {
	uint32_t guest_phys;
	uint32_t size; /* bytes; a region may not wrap past 4 GiB */
	uint8_t *host; /* NULL: reached through 'window' */
	unsigned flags;
	armpv_window_fn window;
	void *window_opaque;
};

/* size is 1, 2 or 4; *data holds the value (little-endian order). */
typedef bool (*armpv_mmio_fn)(void *opaque, uint32_t phys, unsigned size,
			      bool is_write, uint32_t *data);

struct armpv_vm {
	enum armpv_cpu_model model;
	unsigned arch; /* ARMPV_ARCH_* bit of tables/ */
	unsigned nregions;
	struct armpv_region regions[ARMPV_MAX_REGIONS];
	armpv_mmio_fn mmio;
	void *mmio_opaque;
	/* An SWI from a virtual privileged mode that is neither a trap word
	 * of these tables nor a hypercall: false (armpv_vm_init's default)
	 * gives the guest its SWI exception, as hardware does; true makes
	 * it ARMPV_EXIT_GUEST_ERROR, since a rewritten kernel issuing one is
	 * almost surely running trap words of another tables layout, or
	 * corrupt code. */
	bool kernel_swi_is_error;
	/* Called, when set, before every data access of the core's to
	 * guest virtual [va, va + len) (armpv_mem_read/write and their
	 * block forms, so LDRT/STRT, LDM^/STM^, SRS/RFE and the emulated
	 * loads and stores; not the table walks, which read memory as the
	 * hardware's do): armpv-bm, whose guest pages may be cached where
	 * the core reaches guest RAM uncached, makes memory hold what the
	 * guest's cached view at va holds (docs/baremetal-monitor.md
	 * "Caches").  len >= 1. */
	void (*data_sync)(void *opaque, uint32_t va, uint32_t len);
	void *data_sync_opaque;
};

/* ---------------------------------------------------------------------
 * Exits: what armpv_vcpu_trap() wants the backend to do next.
 */
enum armpv_exit_reason {
	/* The trap was handled (emulated, or a virtual exception entered):
	 * resume the guest from the vCPU's registers. */
	ARMPV_EXIT_RESUME,
	/* The guest executed WFI (CP15 c7 wait-for-interrupt): resume it
	 * when an interrupt is pending.  PC is past the instruction. */
	ARMPV_EXIT_HALT,
	/* A hypercall: SWI with a payload in the reserved range, from a
	 * virtual privileged mode.  run.hypercall.nr holds the payload; PC
	 * is past the SWI. */
	ARMPV_EXIT_HYPERCALL,
	/* The guest did something no virtual machine can continue from
	 * (run.error says what).  Never used for what hardware answers with
	 * an exception: those become virtual exceptions. */
	ARMPV_EXIT_GUEST_ERROR,
};

/* Virtual exceptions (ARM ARM A2.6), in vector order. */
enum armpv_exception {
	ARMPV_EXC_RESET,
	ARMPV_EXC_UNDEF,
	ARMPV_EXC_SWI,
	ARMPV_EXC_PREFETCH_ABORT,
	ARMPV_EXC_DATA_ABORT,
	ARMPV_EXC_IRQ = 6,
	ARMPV_EXC_FIQ
};

struct armpv_run {
	enum armpv_exit_reason exit_reason;
	union {
		struct {
			uint32_t nr;
		} hypercall;
		struct {
			const char *what; /* static string */
			uint32_t pc, word;
		} error;
	};
};

/* Hypercall payloads: SWI 0x280000-0x3fffff (see tables/armpv.spec). */
#define ARMPV_HYPERCALL_FIRST 0x280000u
#define ARMPV_HYPERCALL_LAST 0x3fffffu

/* ---------------------------------------------------------------------
 * The virtual CPU.
 *
 * r[0..15] and cpsr are the registers of the current virtual mode: the
 * registers the guest holds while it runs (r[15] is the address of the
 * next instruction to execute, not PC+8).  The inactive modes' banked
 * copies live in the bank arrays; r13_bank[b]/r14_bank[b] are stale for
 * the current mode's bank, as are fiq_r8_12 while in FIQ mode and
 * usr_r8_12 while not.  Use armpv_vcpu_reg() to read any bank.
 */
struct armpv_vcpu_stats {
	uint64_t traps;				/* armpv_vcpu_trap() calls */
	uint64_t accesses;			/* emulate_access() calls */
	uint64_t insn[32];			/* by enum armpv_insn */
	uint64_t cond_failed;			/* condition false: no-op */
	uint64_t cp15;				/* CP15 accesses emulated */
	uint64_t exceptions[8];			/* virtual exceptions entered */
	uint64_t exits[4];			/* by enum armpv_exit_reason */
};

/*
 * One guest translation, as a TLB entry holds it: the 1 KiB of virtual
 * address space at 'va' (1 KiB aligned: the smallest page, and the
 * granule of the ARMv5 subpage permissions) maps to 'pa', under the
 * descriptor's domain and access permission, to be checked for each
 * access.  Filled by armpv_mem_translate_entry() (mem.h); a backend only
 * passes it on to armpv_vcpu_emulate_access_at().
 */
struct armpv_mem_entry {
	uint32_t va, mva, pa; /* 1 KiB aligned; mva: after the FCSE */
	uint8_t *host;	      /* pa in writable guest RAM, or NULL: unknown */
	uint8_t domain, ap;   /* the descriptor's domain, AP of this 1 KiB */
	bool apx;	      /* ARMv6 XP=1 APX */
	bool page;	      /* a second-level descriptor (fault status) */
	bool flat;	      /* MMU off: no check */
	uint8_t allowed;      /* bit (ARMPV_MEM_USER|WRITE flags): checked */
};

struct armpv_vcpu {
	struct armpv_vm *vm;
	uint32_t r[16];
	uint32_t cpsr;
	uint32_t r13_bank[ARMPV_NBANKS], r14_bank[ARMPV_NBANKS];
	uint32_t spsr[ARMPV_NBANKS]; /* [ARMPV_BANK_USR] unused */
	uint32_t usr_r8_12[5], fiq_r8_12[5];
	bool irq_line, fiq_line; /* virtual interrupt inputs (level) */
	struct armpv_cp15 cp15;
	struct armpv_run run;
	struct armpv_vcpu_stats stats;
	/* mem.c's translation cache for one emulated instruction: open
	 * only inside armpv_vcpu_emulate_access{,_at}() and an emulated
	 * trap word (mem.h armpv_mem_cache_open). */
	bool mem_cache_on, mem_cache_valid;
	struct armpv_mem_entry mem_cache;
};

/* VM set-up.  Returns 0, or -1 for a bad argument (too many regions,
 * overlapping or wrapping regions). */
void armpv_vm_init(struct armpv_vm *vm, enum armpv_cpu_model model);
int armpv_vm_add_region(struct armpv_vm *vm, uint32_t guest_phys,
			uint32_t size, void *host, unsigned flags);
/* The same, reached page by page through 'window' (see armpv_window_fn). */
int armpv_vm_add_window(struct armpv_vm *vm, uint32_t guest_phys,
			uint32_t size, armpv_window_fn window, void *opaque,
			unsigned flags);
void armpv_vm_set_mmio(struct armpv_vm *vm, armpv_mmio_fn fn, void *opaque);

/* Reset the vCPU as the hardware resets: SVC mode, I and F set, MMU and
 * caches off, PC at the reset vector (0, or 0xffff0000 with high vectors
 * configured by cp15 reset values), CP15 at its reset values. */
void armpv_vcpu_init(struct armpv_vcpu *vcpu, struct armpv_vm *vm);

/* What made the guest leave native execution. */
enum armpv_trap_kind {
	ARMPV_TRAP_SWI,	  /* SWI at pc (r[15] = pc of the SWI itself) */
	ARMPV_TRAP_UNDEF, /* Undefined Instruction at pc */
};

/* Handle a trap: the guest's registers are in vcpu->r/cpsr, with r[15]
 * the address of the trapping word 'word'.  From a virtual privileged
 * mode a trap word is decoded and emulated (or, for CP15 and other
 * Undefined words, the CP15 access is emulated, or the guest gets the
 * Undefined exception the real CPU would give); from virtual USR mode
 * every trap is the guest's own: a virtual SWI or Undefined exception.
 * Returns vcpu->run.exit_reason. */
enum armpv_exit_reason armpv_vcpu_trap(struct armpv_vcpu *vcpu,
				       enum armpv_trap_kind kind,
				       uint32_t word);

/* Emulate the guest's own load or store 'word' that aborted in the real
 * CPU (a device page, or a page the monitor protects), with r[15] the
 * address of that instruction, as for armpv_vcpu_trap().  ARM state:
 * LDR/STR/LDRB/STRB, LDRH/STRH/LDRSB/LDRSH, LDRD/STRD, LDM/STM (without
 * ^), SWP/SWPB and on ARMv6 LDREX/STREX{,B,H,D}, every addressing mode;
 * LDRT/LDRBT/STRT/STRBT from virtual USR mode (a user task's ordinary
 * access).  Thumb state: 'word' holds the 16-bit instruction in bits
 * 15:0 (the rest ignored), any Thumb load or store.
 * The access goes through the guest's MMU with the virtual mode's
 * privilege and the VM's MMIO handler; a fault enters the guest's data
 * abort on the instruction (base restored).  A failing condition only
 * advances PC.  Anything else (LDM^, and LDRT from a privileged mode,
 * which must be trap words; other instructions; Jazelle state) is
 * ARMPV_EXIT_GUEST_ERROR with
 * run.error set and the vCPU unchanged.  Returns vcpu->run.exit_reason. */
enum armpv_exit_reason armpv_vcpu_emulate_access(struct armpv_vcpu *vcpu,
						 uint32_t word);

/* The same, for a backend that has already translated the faulting
 * address with the vCPU's current state (armpv_mem_translate_entry(),
 * mem.h): every access the instruction makes inside the 1 KiB 'entry'
 * answers for uses that translation, its permission checked for the
 * access's own direction and privilege, instead of walking the guest's
 * tables again; any other address (the rest of an LDM/STM, LDRD/STRD or
 * an unaligned access) is walked as usual.  The result is the one
 * armpv_vcpu_emulate_access() gives (should the instruction itself
 * store over the descriptor, the entry stays in use for it, as a TLB
 * entry would: ARM ARM B4.2). */
enum armpv_exit_reason
armpv_vcpu_emulate_access_at(struct armpv_vcpu *vcpu, uint32_t word,
			     const struct armpv_mem_entry *entry);

/* Enter a virtual exception as the hardware does (ARM ARM A2.6): bank
 * switch, SPSR_<mode> = CPSR, LR_<mode> = preferred return address + the
 * architectural offset, I (and F for reset/FIQ) set, T cleared, PC = vector
 * base (SCTLR.V) + offset.  'pc' is the address of the instruction the
 * exception is taken on (for IRQ/FIQ: the next instruction to execute). */
void armpv_vcpu_exception(struct armpv_vcpu *vcpu, enum armpv_exception exc,
			  uint32_t pc);

/* A virtual abort from a fault: sets DFSR/FAR (or IFSR/IFAR) and enters
 * the abort exception for the instruction at pc. */
void armpv_vcpu_data_abort(struct armpv_vcpu *vcpu, uint32_t pc,
			   uint32_t fsr, uint32_t far);
void armpv_vcpu_prefetch_abort(struct armpv_vcpu *vcpu, uint32_t pc,
			       uint32_t fsr, uint32_t ifar);

/* Virtual interrupt lines.  armpv_vcpu_check_irq() enters IRQ/FIQ if a
 * line is high and the virtual CPSR allows it; returns true if it did.
 * The core calls it after every CPSR change it emulates. */
void armpv_vcpu_set_irq(struct armpv_vcpu *vcpu, bool level);
void armpv_vcpu_set_fiq(struct armpv_vcpu *vcpu, bool level);
bool armpv_vcpu_check_irq(struct armpv_vcpu *vcpu);

/* Register access for any mode's bank: n is 0..15 (15 reads r[15]). */
uint32_t armpv_vcpu_reg(const struct armpv_vcpu *vcpu, enum armpv_mode mode,
			unsigned n);
void armpv_vcpu_set_reg(struct armpv_vcpu *vcpu, enum armpv_mode mode,
			unsigned n, uint32_t value);
/* SPSR of an exception mode (0 for USR/SYS, which have none). */
uint32_t armpv_vcpu_spsr(const struct armpv_vcpu *vcpu, enum armpv_mode mode);
void armpv_vcpu_set_spsr(struct armpv_vcpu *vcpu, enum armpv_mode mode,
			 uint32_t value);

/* Write the whole CPSR, switching banks if the mode changes (a raw write:
 * no field masks; an invalid mode leaves M unchanged). */
void armpv_vcpu_write_cpsr(struct armpv_vcpu *vcpu, uint32_t value);

/* Helpers on modes. */
bool armpv_mode_valid(uint32_t mode);
enum armpv_bank armpv_mode_bank(uint32_t mode);
static inline bool armpv_mode_privileged(uint32_t mode)
{
	return (mode & ARMPV_PSR_M_MASK) != ARMPV_MODE_USR;
}
bool armpv_mode_has_spsr(uint32_t mode);
const char *armpv_mode_name(uint32_t mode);
const char *armpv_exit_name(enum armpv_exit_reason reason);

#endif /* ARMPV_CORE_H */
