/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_classes.h -- the trap classes the monitor core benchmarks measure,
 * shared by the host-side rate (bench_core.c) and the ARM instruction count
 * (bench_count_arm.c, run by bench-arm-count.sh), so both measure the same
 * instruction from the same vCPU state.
 *
 * Each class is one real instruction word as a Linux kernel has it, turned
 * into its trap word by the tables (armpv_classify + armpv_encode), trapped
 * from a vCPU in virtual SVC mode with RAM at physical 0, the MMU off or,
 * for the "-mmu" classes, on: VA = PA through 4 KiB small pages of one
 * coarse table (ARMv5 format, as Linux maps user memory on ARM926), so
 * each access walks two levels.
 * Between two traps bench_reset() puts back the few registers a trap
 * changes: CPSR, r0, r1, SP, LR, PC, written directly (no bank switch: a
 * trap that returned to USR left the SVC SP/LR in the SVC bank slots and
 * the USR ones in r[13]/r[14], and the direct writes undo exactly that).
 *
 * Freestanding (the ARM driver includes it): core and tables headers only.
 */
#ifndef ARMPV_BENCH_CLASSES_H
#define ARMPV_BENCH_CLASSES_H

#include <stdbool.h>
#include <stdint.h>

#include "armpv_core.h"
#include "armpv_tables.h"

/* Guest physical layout (MMU off). */
#define BENCH_RAM_SIZE 0x10000u
#define BENCH_PC 0x8000u   /* the trapping instruction */
#define BENCH_RET 0x9000u  /* where exception returns go */
#define BENCH_SP 0xc000u   /* SVC stack: a pt_regs-like frame above */
#define BENCH_DATA 0xe000u /* LDRT/STRT target */
#define BENCH_PC_NEXT (BENCH_PC + 4)
#define BENCH_L1 0x0000u /* translation table (16 KiB aligned) */
#define BENCH_L2 0x4000u /* coarse table for the first MiB */

/* ARM ARM B4.7: L1 coarse descriptor (bit 4 SBO on ARM926), domain 0;
 * L2 small page, AP0-AP3 = 11 (read/write in every mode). */
#define BENCH_L1_COARSE(l2) ((l2) | 0x11u)
#define BENCH_L2_SMALL(pa) ((pa) | 0xff2u)
#define BENCH_DACR_CLIENT0 0x1u

#define BENCH_SVC_IRQ_ON 0x13u	/* SVC, I and F clear */
#define BENCH_SVC_IRQ_OFF 0x93u /* SVC, I set */

struct bench_class {
	const char *name; /* short name: the table's first column */
	const char *text; /* the instruction and where Linux uses it */
	enum armpv_cpu_model model;
	uint32_t insn;	      /* the original instruction */
	uint8_t expect;	      /* enum armpv_insn it decodes to */
	uint32_t cpsr;	      /* CPSR before each trap */
	uint32_t spsr;	      /* SPSR_svc (exception returns) */
	uint32_t r0, r1;      /* operands before each trap */
	uint32_t expect_pc;   /* PC after the trap */
	uint32_t expect_mode; /* mode after the trap */
	bool mmu;	      /* MMU on (small pages) */
};

static const struct bench_class bench_classes[] = {
	{ "mrs", "MRS r0, CPSR (irq save)", ARMPV_CPU_ARM926EJS, 0xe10f0000u,
	  ARMPV_INSN_MRS, BENCH_SVC_IRQ_OFF, 0, 0, 0, BENCH_PC_NEXT,
	  ARMPV_MODE_SVC, false },
	{ "msr-off", "MSR CPSR_c, r1 (irq disable)", ARMPV_CPU_ARM926EJS,
	  0xe121f001u, ARMPV_INSN_MSR, BENCH_SVC_IRQ_ON, 0, 0,
	  BENCH_SVC_IRQ_OFF, BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "msr-on", "MSR CPSR_c, r1 (irq enable)", ARMPV_CPU_ARM926EJS,
	  0xe121f001u, ARMPV_INSN_MSR, BENCH_SVC_IRQ_OFF, 0, 0,
	  BENCH_SVC_IRQ_ON, BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "msr-imm", "MSR CPSR_c, #0x93 (irq disable)", ARMPV_CPU_ARM926EJS,
	  0xe321f093u, ARMPV_INSN_MSR, BENCH_SVC_IRQ_ON, 0, 0, 0,
	  BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "cpsid", "CPSID i (ARM1176 irq disable)", ARMPV_CPU_ARM1176JZFS,
	  0xf10c0080u, ARMPV_INSN_CPS, ARMPV_PSR_A | BENCH_SVC_IRQ_ON, 0, 0,
	  0, BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "cpsie", "CPSIE i (ARM1176 irq enable)", ARMPV_CPU_ARM1176JZFS,
	  0xf1080080u, ARMPV_INSN_CPS, ARMPV_PSR_A | BENCH_SVC_IRQ_OFF, 0, 0,
	  0, BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "ldrt", "LDRT r0, [r1], #4 (get_user)", ARMPV_CPU_ARM926EJS,
	  0xe4b10004u, ARMPV_INSN_LDRT, BENCH_SVC_IRQ_ON, 0, 0, BENCH_DATA,
	  BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "strt", "STRT r0, [r1], #4 (put_user)", ARMPV_CPU_ARM926EJS,
	  0xe4a10004u, ARMPV_INSN_STRT, BENCH_SVC_IRQ_ON, 0, 0x12345678u,
	  BENCH_DATA, BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "ldm-ret", "LDMIA sp, {r0-pc}^ (svc_exit, SVC->SVC)",
	  ARMPV_CPU_ARM926EJS, 0xe8ddffffu, ARMPV_INSN_LDM_RET,
	  BENCH_SVC_IRQ_OFF, BENCH_SVC_IRQ_ON, 0, 0, BENCH_RET,
	  ARMPV_MODE_SVC, false },
	{ "movs-pc", "MOVS pc, lr (ret_to_user, SVC->USR)",
	  ARMPV_CPU_ARM926EJS, 0xe1b0f00eu, ARMPV_INSN_MOVS,
	  BENCH_SVC_IRQ_OFF, ARMPV_MODE_USR, 0, 0, BENCH_RET,
	  ARMPV_MODE_USR, false },
	{ "subs-pc", "SUBS pc, lr, #4 (SVC->USR)", ARMPV_CPU_ARM926EJS,
	  0xe25ef004u, ARMPV_INSN_SUBS, BENCH_SVC_IRQ_OFF, ARMPV_MODE_USR, 0,
	  0, BENCH_RET - 4, ARMPV_MODE_USR, false },
	{ "stm-user", "STMDB r0, {sp, lr}^ (usr_entry)", ARMPV_CPU_ARM926EJS,
	  0xe9406000u, ARMPV_INSN_STM_USER, BENCH_SVC_IRQ_OFF, 0, BENCH_SP, 0,
	  BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "ldm-user", "LDMDB sp, {r0-lr}^ (restore_user_regs)",
	  ARMPV_CPU_ARM926EJS, 0xe95d7fffu, ARMPV_INSN_LDM_USER,
	  BENCH_SVC_IRQ_OFF, 0, 0, 0, BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "srs", "SRSDB sp!, #0x13 (ARM1176)", ARMPV_CPU_ARM1176JZFS,
	  0xf96d0513u, ARMPV_INSN_SRS, ARMPV_PSR_A | BENCH_SVC_IRQ_OFF,
	  ARMPV_MODE_USR, 0, 0, BENCH_PC_NEXT, ARMPV_MODE_SVC, false },
	{ "rfe", "RFEIA sp! (ARM1176, SVC->USR)", ARMPV_CPU_ARM1176JZFS,
	  0xf8bd0a00u, ARMPV_INSN_RFE, ARMPV_PSR_A | BENCH_SVC_IRQ_OFF, 0, 0,
	  0, BENCH_RET, ARMPV_MODE_USR, false },
	{ "ldrt-mmu", "LDRT r0, [r1], #4, MMU on", ARMPV_CPU_ARM926EJS,
	  0xe4b10004u, ARMPV_INSN_LDRT, BENCH_SVC_IRQ_ON, 0, 0, BENCH_DATA,
	  BENCH_PC_NEXT, ARMPV_MODE_SVC, true },
	{ "strt-mmu", "STRT r0, [r1], #4, MMU on", ARMPV_CPU_ARM926EJS,
	  0xe4a10004u, ARMPV_INSN_STRT, BENCH_SVC_IRQ_ON, 0, 0x12345678u,
	  BENCH_DATA, BENCH_PC_NEXT, ARMPV_MODE_SVC, true },
	{ "ldm-ret-mmu", "LDMIA sp, {r0-pc}^, MMU on", ARMPV_CPU_ARM926EJS,
	  0xe8ddffffu, ARMPV_INSN_LDM_RET, BENCH_SVC_IRQ_OFF,
	  BENCH_SVC_IRQ_ON, 0, 0, BENCH_RET, ARMPV_MODE_SVC, true },
};

#define BENCH_NCLASSES (sizeof(bench_classes) / sizeof(bench_classes[0]))

/* One class set up for trapping. */
struct bench_state {
	const struct bench_class *c;
	struct armpv_vm vm;
	struct armpv_vcpu vcpu;
	uint32_t trap; /* the trap word */
	enum armpv_trap_kind kind;
};

/* Put back what a trap changes; cheap enough to run before every trap. */
static inline void bench_reset(struct bench_state *s)
{
	struct armpv_vcpu *vcpu = &s->vcpu;
	const struct bench_class *c = s->c;

	vcpu->cpsr = c->cpsr;
	vcpu->r[0] = c->r0;
	vcpu->r[1] = c->r1;
	vcpu->r[13] = BENCH_SP;
	vcpu->r[14] = BENCH_RET;
	vcpu->r[15] = BENCH_PC;
}

static inline void bench_store32(uint8_t *ram, uint32_t addr, uint32_t v)
{
	ram[addr] = v & 0xff;
	ram[addr + 1] = (v >> 8) & 0xff;
	ram[addr + 2] = (v >> 16) & 0xff;
	ram[addr + 3] = v >> 24;
}

/* Set up the VM, the vCPU and 'ram' (BENCH_RAM_SIZE bytes) for class 'c'.
 * Returns NULL, or what is wrong with the class. */
static inline const char *bench_setup(struct bench_state *s,
				      const struct bench_class *c,
				      uint8_t *ram)
{
	const struct armpv_form *f;
	uint32_t back;

	s->c = c;
	armpv_vm_init(&s->vm, c->model);
	if (armpv_vm_add_region(&s->vm, 0, BENCH_RAM_SIZE, ram, 0))
		return "armpv_vm_add_region failed";
	armpv_vcpu_init(&s->vcpu, &s->vm);
	f = armpv_classify(c->insn, s->vm.arch);
	if (!f)
		return "the instruction is not sensitive on the model";
	s->trap = armpv_encode(f, c->insn);
	if (armpv_decode(s->trap, &back) != f || back != c->insn)
		return "the trap word does not decode back";
	if (f->insn != c->expect)
		return "the instruction is not the expected one";
	/* Trap words in the SWI space trap as SWI, the others (coprocessor
	 * space) as Undefined Instruction. */
	s->kind = ((s->trap >> 24) & 0xf) == 0xf ? ARMPV_TRAP_SWI
						 : ARMPV_TRAP_UNDEF;

	/* Memory: a pt_regs-like frame at SP for LDM^ (r13 = SP, pc =
	 * BENCH_RET) that is also RFE's {pc, cpsr} pair; words below SP for
	 * LDMDB. */
	for (uint32_t i = 0; i < 16; i++) {
		bench_store32(ram, BENCH_SP - 64 + 4 * i, 0x10101010u * i);
		bench_store32(ram, BENCH_SP + 4 * i, i);
	}
	bench_store32(ram, BENCH_SP, BENCH_RET);
	bench_store32(ram, BENCH_SP + 4, ARMPV_MODE_USR);
	bench_store32(ram, BENCH_SP + 13 * 4, BENCH_SP);
	bench_store32(ram, BENCH_SP + 15 * 4, BENCH_RET);
	bench_store32(ram, BENCH_DATA, 0xcafef00du);

	/* Translation tables: every first-MiB page flat, the rest faults. */
	for (uint32_t i = 0; i < 4096; i++)
		bench_store32(ram, BENCH_L1 + 4 * i, 0);
	bench_store32(ram, BENCH_L1, BENCH_L1_COARSE(BENCH_L2));
	for (uint32_t i = 0; i < 256; i++)
		bench_store32(ram, BENCH_L2 + 4 * i,
			      i < BENCH_RAM_SIZE >> 12 ? BENCH_L2_SMALL(i << 12)
						       : 0);
	if (c->mmu) {
		s->vcpu.cp15.ttbr0 = BENCH_L1;
		s->vcpu.cp15.dacr = BENCH_DACR_CLIENT0;
		s->vcpu.cp15.sctlr |= ARMPV_SCTLR_M;
	}

	/* Registers: SVC, with a USR SP/LR in the USR bank. */
	bench_reset(s);
	s->vcpu.r13_bank[ARMPV_BANK_USR] = 0x7000u;
	s->vcpu.r14_bank[ARMPV_BANK_USR] = 0x7004u;
	s->vcpu.spsr[ARMPV_BANK_SVC] = c->spsr;
	return NULL;
}

/* After one trap: did the core emulate the instruction as expected?
 * Returns NULL, or what went wrong. */
static inline const char *bench_check(const struct bench_state *s,
				      enum armpv_exit_reason reason)
{
	const struct armpv_vcpu *vcpu = &s->vcpu;

	if (reason != ARMPV_EXIT_RESUME)
		return "the trap did not exit with RESUME";
	for (unsigned i = 0; i < 8; i++)
		if (vcpu->stats.exceptions[i])
			return "the trap entered a virtual exception";
	if (vcpu->r[15] != s->c->expect_pc)
		return "PC after the trap is not the expected one";
	if ((vcpu->cpsr & ARMPV_PSR_M_MASK) != s->c->expect_mode)
		return "the mode after the trap is not the expected one";
	return NULL;
}

#endif /* ARMPV_BENCH_CLASSES_H */
