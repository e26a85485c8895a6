/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vcpu.c -- the virtual CPU's registers: modes and banks, CPSR writes,
 * exception entry and virtual interrupts (ARM ARM A2.3-A2.6).
 */
#include "armpv_core.h"
#include "armpv_tables.h"
#include "emulate.h"

bool armpv_mode_valid(uint32_t mode)
{
	switch (mode) {
	case ARMPV_MODE_USR:
	case ARMPV_MODE_FIQ:
	case ARMPV_MODE_IRQ:
	case ARMPV_MODE_SVC:
	case ARMPV_MODE_ABT:
	case ARMPV_MODE_UND:
	case ARMPV_MODE_SYS:
		return true;
	default:
		return false;
	}
}

enum armpv_bank armpv_mode_bank(uint32_t mode)
{
	switch (mode & ARMPV_PSR_M_MASK) {
	case ARMPV_MODE_FIQ:
		return ARMPV_BANK_FIQ;
	case ARMPV_MODE_IRQ:
		return ARMPV_BANK_IRQ;
	case ARMPV_MODE_SVC:
		return ARMPV_BANK_SVC;
	case ARMPV_MODE_ABT:
		return ARMPV_BANK_ABT;
	case ARMPV_MODE_UND:
		return ARMPV_BANK_UND;
	default:
		return ARMPV_BANK_USR;
	}
}

bool armpv_mode_has_spsr(uint32_t mode)
{
	return armpv_mode_bank(mode) != ARMPV_BANK_USR;
}

const char *armpv_mode_name(uint32_t mode)
{
	switch (mode & ARMPV_PSR_M_MASK) {
	case ARMPV_MODE_USR:
		return "usr";
	case ARMPV_MODE_FIQ:
		return "fiq";
	case ARMPV_MODE_IRQ:
		return "irq";
	case ARMPV_MODE_SVC:
		return "svc";
	case ARMPV_MODE_ABT:
		return "abt";
	case ARMPV_MODE_UND:
		return "und";
	case ARMPV_MODE_SYS:
		return "sys";
	default:
		return "invalid";
	}
}

const char *armpv_exit_name(enum armpv_exit_reason reason)
{
	switch (reason) {
	case ARMPV_EXIT_RESUME:
		return "resume";
	case ARMPV_EXIT_HALT:
		return "halt";
	case ARMPV_EXIT_HYPERCALL:
		return "hypercall";
	case ARMPV_EXIT_GUEST_ERROR:
		return "guest-error";
	}
	return "unknown";
}

/* ---------------------------------------------------------------------
 * VM set-up.
 */
void armpv_vm_init(struct armpv_vm *vm, enum armpv_cpu_model model)
{
	*vm = (struct armpv_vm){ 0 };
	vm->model = model;
	vm->arch = model == ARMPV_CPU_ARM1176JZFS ? ARMPV_ARCH_ARMV6
						  : ARMPV_ARCH_ARMV5TE;
}

static int vm_add(struct armpv_vm *vm, const struct armpv_region *add)
{
	uint32_t guest_phys = add->guest_phys;
	uint64_t end = (uint64_t)guest_phys + add->size;

	if (vm->nregions == ARMPV_MAX_REGIONS || add->size == 0 ||
	    (!add->host && !add->window) || end > (1ull << 32))
		return -1;
	for (unsigned i = 0; i < vm->nregions; i++) {
		const struct armpv_region *o = &vm->regions[i];

		if (guest_phys < (uint64_t)o->guest_phys + o->size &&
		    o->guest_phys < end)
			return -1;
	}
	vm->regions[vm->nregions++] = *add;
	return 0;
}

int armpv_vm_add_region(struct armpv_vm *vm, uint32_t guest_phys,
			uint32_t size, void *host, unsigned flags)
{
	return vm_add(vm, &(struct armpv_region){ .guest_phys = guest_phys,
						  .size = size,
						  .host = host,
						  .flags = flags });
}

int armpv_vm_add_window(struct armpv_vm *vm, uint32_t guest_phys,
			uint32_t size, armpv_window_fn window, void *opaque,
			unsigned flags)
{
	/* Whole pages: a window pointer covers its page. */
	if ((guest_phys | size) & (ARMPV_WINDOW_PAGE - 1))
		return -1;
	return vm_add(vm, &(struct armpv_region){ .guest_phys = guest_phys,
						  .size = size,
						  .flags = flags,
						  .window = window,
						  .window_opaque = opaque });
}

void armpv_vm_set_mmio(struct armpv_vm *vm, armpv_mmio_fn fn, void *opaque)
{
	vm->mmio = fn;
	vm->mmio_opaque = opaque;
}

void armpv_vcpu_init(struct armpv_vcpu *vcpu, struct armpv_vm *vm)
{
	*vcpu = (struct armpv_vcpu){ 0 };
	vcpu->vm = vm;
	vcpu->cpsr = ARMPV_MODE_SVC | ARMPV_PSR_I | ARMPV_PSR_F;
	if (armpv_vcpu_is_v6(vcpu))
		vcpu->cpsr |= ARMPV_PSR_A;
	armpv_cp15_reset(vcpu);
	vcpu->r[15] = vcpu->cp15.sctlr & ARMPV_SCTLR_V ? 0xffff0000u : 0;
}

/* ---------------------------------------------------------------------
 * Banks.
 */

/* Move the current mode's banked registers out of r[] and the new mode's
 * in (ARM ARM A2.3: r13-r14 per exception mode, r8-r14 for FIQ). */
static void vcpu_switch_bank(struct armpv_vcpu *vcpu, uint32_t old_mode,
			     uint32_t new_mode)
{
	enum armpv_bank ob = armpv_mode_bank(old_mode);
	enum armpv_bank nb = armpv_mode_bank(new_mode);

	if (ob == nb)
		return;
	vcpu->r13_bank[ob] = vcpu->r[13];
	vcpu->r14_bank[ob] = vcpu->r[14];
	if (ob == ARMPV_BANK_FIQ || nb == ARMPV_BANK_FIQ) {
		uint32_t *save = ob == ARMPV_BANK_FIQ ? vcpu->fiq_r8_12
						      : vcpu->usr_r8_12;
		const uint32_t *load = nb == ARMPV_BANK_FIQ ? vcpu->fiq_r8_12
							    : vcpu->usr_r8_12;

		for (unsigned i = 0; i < 5; i++) {
			save[i] = vcpu->r[8 + i];
			vcpu->r[8 + i] = load[i];
		}
	}
	vcpu->r[13] = vcpu->r13_bank[nb];
	vcpu->r[14] = vcpu->r14_bank[nb];
}

void armpv_vcpu_write_cpsr(struct armpv_vcpu *vcpu, uint32_t value)
{
	uint32_t old = vcpu->cpsr;

	value &= armpv_psr_valid_mask(vcpu);
	if (!((value ^ old) & ARMPV_PSR_M_MASK)) {
		vcpu->cpsr = value; /* same mode: no bank to switch */
		return;
	}
	/* An invalid mode is UNPREDICTABLE (ARM ARM A2.5.7).  We leave M
	 * unchanged, as QEMU does; see docs/monitor-core.md. */
	if (!armpv_mode_valid(value & ARMPV_PSR_M_MASK))
		value = (value & ~ARMPV_PSR_M_MASK) | (old & ARMPV_PSR_M_MASK);
	vcpu_switch_bank(vcpu, old, value);
	vcpu->cpsr = value;
}

uint32_t armpv_vcpu_reg(const struct armpv_vcpu *vcpu, enum armpv_mode mode,
			unsigned n)
{
	enum armpv_bank cur = armpv_mode_bank(vcpu->cpsr);
	enum armpv_bank b = armpv_mode_bank(mode);

	if (n >= 15)
		return vcpu->r[15];
	if (n < 8 || b == cur || (n < 13 && b != ARMPV_BANK_FIQ &&
				  cur != ARMPV_BANK_FIQ))
		return vcpu->r[n];
	if (n < 13)
		return b == ARMPV_BANK_FIQ ? vcpu->fiq_r8_12[n - 8]
					   : vcpu->usr_r8_12[n - 8];
	return n == 13 ? vcpu->r13_bank[b] : vcpu->r14_bank[b];
}

void armpv_vcpu_set_reg(struct armpv_vcpu *vcpu, enum armpv_mode mode,
			unsigned n, uint32_t value)
{
	enum armpv_bank cur = armpv_mode_bank(vcpu->cpsr);
	enum armpv_bank b = armpv_mode_bank(mode);

	if (n >= 15)
		vcpu->r[15] = value;
	else if (n < 8 || b == cur ||
		 (n < 13 && b != ARMPV_BANK_FIQ && cur != ARMPV_BANK_FIQ))
		vcpu->r[n] = value;
	else if (n < 13)
		(b == ARMPV_BANK_FIQ ? vcpu->fiq_r8_12
				     : vcpu->usr_r8_12)[n - 8] = value;
	else if (n == 13)
		vcpu->r13_bank[b] = value;
	else
		vcpu->r14_bank[b] = value;
}

uint32_t armpv_vcpu_spsr(const struct armpv_vcpu *vcpu, enum armpv_mode mode)
{
	return vcpu->spsr[armpv_mode_bank(mode)];
}

void armpv_vcpu_set_spsr(struct armpv_vcpu *vcpu, enum armpv_mode mode,
			 uint32_t value)
{
	enum armpv_bank b = armpv_mode_bank(mode);

	if (b != ARMPV_BANK_USR)
		vcpu->spsr[b] = value & armpv_psr_valid_mask(vcpu);
}

/* ---------------------------------------------------------------------
 * Exceptions (ARM ARM A2.6).
 */
static const struct {
	uint8_t mode, vector;
	uint8_t lr_arm, lr_thumb; /* LR = pc + this, by the state left */
	uint8_t mask_f, mask_a;	  /* F set; A set (ARMv6) */
} exc_entry[8] = {
	[ARMPV_EXC_RESET] = { ARMPV_MODE_SVC, 0x00, 0, 0, 1, 1 },
	[ARMPV_EXC_UNDEF] = { ARMPV_MODE_UND, 0x04, 4, 2, 0, 0 },
	[ARMPV_EXC_SWI] = { ARMPV_MODE_SVC, 0x08, 4, 2, 0, 0 },
	[ARMPV_EXC_PREFETCH_ABORT] = { ARMPV_MODE_ABT, 0x0c, 4, 4, 0, 1 },
	[ARMPV_EXC_DATA_ABORT] = { ARMPV_MODE_ABT, 0x10, 8, 8, 0, 1 },
	[5] = { ARMPV_MODE_SVC, 0x14, 0, 0, 0, 0 }, /* unused vector */
	[ARMPV_EXC_IRQ] = { ARMPV_MODE_IRQ, 0x18, 4, 4, 0, 1 },
	[ARMPV_EXC_FIQ] = { ARMPV_MODE_FIQ, 0x1c, 4, 4, 1, 1 },
};

void armpv_vcpu_exception(struct armpv_vcpu *vcpu, enum armpv_exception exc,
			  uint32_t pc)
{
	uint32_t old = vcpu->cpsr;
	uint32_t mode = exc_entry[exc].mode;
	uint32_t cpsr;
	uint32_t base = vcpu->cp15.sctlr & ARMPV_SCTLR_V ? 0xffff0000u : 0;

	vcpu->stats.exceptions[exc & 7]++;
	/* New CPSR: the mode, ARM state, J clear, I set; F on reset and
	 * FIQ; on ARMv6 A on reset, aborts, IRQ and FIQ, and E from
	 * SCTLR.EE. */
	cpsr = (old & ~(ARMPV_PSR_M_MASK | ARMPV_PSR_T | ARMPV_PSR_J)) | mode |
	       ARMPV_PSR_I;
	if (exc_entry[exc].mask_f)
		cpsr |= ARMPV_PSR_F;
	if (armpv_vcpu_is_v6(vcpu)) {
		if (exc_entry[exc].mask_a)
			cpsr |= ARMPV_PSR_A;
		cpsr &= ~ARMPV_PSR_E;
		if (vcpu->cp15.sctlr & ARMPV_SCTLR_EE)
			cpsr |= ARMPV_PSR_E;
	}
	armpv_vcpu_write_cpsr(vcpu, cpsr);
	if (exc != ARMPV_EXC_RESET) {
		vcpu->spsr[armpv_mode_bank(mode)] = old;
		vcpu->r[14] = pc + (old & ARMPV_PSR_T ? exc_entry[exc].lr_thumb
						      : exc_entry[exc].lr_arm);
	}
	vcpu->r[15] = base + exc_entry[exc].vector;
}

void armpv_vcpu_undef(struct armpv_vcpu *vcpu)
{
	armpv_vcpu_exception(vcpu, ARMPV_EXC_UNDEF, vcpu->r[15]);
}

void armpv_vcpu_data_abort(struct armpv_vcpu *vcpu, uint32_t pc,
			   uint32_t fsr, uint32_t far)
{
	vcpu->cp15.dfsr = fsr;
	vcpu->cp15.far = far;
	armpv_vcpu_exception(vcpu, ARMPV_EXC_DATA_ABORT, pc);
}

void armpv_vcpu_prefetch_abort(struct armpv_vcpu *vcpu, uint32_t pc,
			       uint32_t fsr, uint32_t ifar)
{
	/* Both cores have an instruction FSR (c5, c0, 1); only ARM1176 has
	 * IFAR (ARM926EJ-S's handler finds the address in LR). */
	vcpu->cp15.ifsr = fsr;
	if (armpv_vcpu_is_v6(vcpu))
		vcpu->cp15.ifar = ifar;
	armpv_vcpu_exception(vcpu, ARMPV_EXC_PREFETCH_ABORT, pc);
}

/* ---------------------------------------------------------------------
 * Virtual interrupts.
 */
void armpv_vcpu_set_irq(struct armpv_vcpu *vcpu, bool level)
{
	vcpu->irq_line = level;
}

void armpv_vcpu_set_fiq(struct armpv_vcpu *vcpu, bool level)
{
	vcpu->fiq_line = level;
}

bool armpv_vcpu_check_irq(struct armpv_vcpu *vcpu)
{
	/* FIQ has priority over IRQ (ARM ARM A2.6.10). */
	if (vcpu->fiq_line && !(vcpu->cpsr & ARMPV_PSR_F)) {
		armpv_vcpu_exception(vcpu, ARMPV_EXC_FIQ, vcpu->r[15]);
		return true;
	}
	if (vcpu->irq_line && !(vcpu->cpsr & ARMPV_PSR_I)) {
		armpv_vcpu_exception(vcpu, ARMPV_EXC_IRQ, vcpu->r[15]);
		return true;
	}
	return false;
}

/* ARM ARM A3.2.1, the condition field, as a table: bit NZCV (CPSR bits
 * 31:28 as a number) of armpv_cond_pass[cond] is set if 'cond' passes
 * with those flags.  EQ: Z; CS: C; MI: N; VS: V; HI: C and not Z; GE:
 * N == V; GT: not Z and N == V; each odd condition the complement of the
 * even one below it; AL (and 1111, which the callers handle) always. */
const uint16_t armpv_cond_pass[16] = {
	0xf0f0, 0x0f0f, /* EQ NE */
	0xcccc, 0x3333, /* CS CC */
	0xff00, 0x00ff, /* MI PL */
	0xaaaa, 0x5555, /* VS VC */
	0x0c0c, 0xf3f3, /* HI LS */
	0xaa55, 0x55aa, /* GE LT */
	0x0a05, 0xf5fa, /* GT LE */
	0xffff, 0xffff, /* AL, 1111 */
};
