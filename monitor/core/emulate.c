/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * emulate.c -- trap dispatch and exact emulation of the 24 sensitive
 * instructions (ARM ARM DDI 0100I, chapters A3-A5).
 *
 * armpv_vcpu_trap() is the one entry: it tells a guest kernel's trap word
 * from the guest's own SWI or Undefined instruction, decodes the trap
 * word back into the original instruction with the tables/ decoder, checks
 * its condition, and runs the handler for its form.  Handlers read the
 * original instruction's operand fields as the ARM ARM lays them out (the
 * trap layout stays in tables/).  Only the dispatcher and the handlers that
 * write PC (exception returns) set r[15].
 *
 * UNPREDICTABLE choices are listed in docs/monitor-core.md; each is marked
 * here with "UNPREDICTABLE:".
 */
#include "armpv_core.h"
#include "armpv_tables.h"
#include "emulate.h"
#include "mem.h"

/* A register written by a load or data processing.  PC in ARM state drops
 * bits 1:0 (ARM ARM A2.4.3 / A4.1.23 for LDR's interworking branch, which
 * LDRT to PC follows: UNPREDICTABLE, done as QEMU does). */
void emu_set_reg(struct armpv_vcpu *vcpu, unsigned n, uint32_t v,
		 bool interwork)
{
	if (n != 15) {
		vcpu->r[n] = v;
		return;
	}
	if (interwork && (v & 1)) {
		vcpu->cpsr |= ARMPV_PSR_T;
		vcpu->r[15] = v & ~1u;
	} else {
		vcpu->r[15] = v & ~3u;
	}
}

/* ---------------------------------------------------------------------
 * Memory: faults become the guest's data abort on the instruction.
 */
void emu_abort(struct emu *e, const struct armpv_mem_fault *f)
{
	armpv_vcpu_data_abort(e->vcpu, e->pc, f->fsr, f->far);
}

void emu_undef(struct emu *e)
{
	armpv_vcpu_exception(e->vcpu, ARMPV_EXC_UNDEF, e->pc);
}

void emu_alignment_fault(struct emu *e, uint32_t addr, bool write)
{
	struct armpv_mem_fault f = { ARMPV_FSR_ALIGNMENT, addr };

	if (write && armpv_vcpu_is_v6(e->vcpu))
		f.fsr |= ARMPV_FSR_WNR;
	emu_abort(e, &f);
}

/* Word-aligned address for a block transfer (LDM, STM, SRS, RFE): a
 * misaligned one faults with SCTLR.A set (and on ARMv6 with SCTLR.U set);
 * otherwise bits 1:0 are ignored (ARM ARM A2.8, ARMv6 table A2-10).
 * Returns false after entering the abort. */
bool emu_block_address(struct emu *e, uint32_t *addr, bool write)
{
	uint32_t sctlr = e->vcpu->cp15.sctlr;
	uint32_t check = ARMPV_SCTLR_A;

	if (armpv_vcpu_is_v6(e->vcpu))
		check |= ARMPV_SCTLR_U;
	if ((*addr & 3) && (sctlr & check)) {
		emu_alignment_fault(e, *addr, write);
		return false;
	}
	*addr &= ~3u;
	return true;
}

/* Data words follow CPSR.E (ARMv6 mixed endian). */
bool emu_read32(struct emu *e, uint32_t addr, unsigned flags, uint32_t *v)
{
	struct armpv_mem_fault f;

	if (!armpv_mem_read(e->vcpu, addr, 4, flags, v, &f)) {
		emu_abort(e, &f);
		return false;
	}
	if (e->vcpu->cpsr & ARMPV_PSR_E)
		*v = bswap32(*v);
	return true;
}

bool emu_write32(struct emu *e, uint32_t addr, unsigned flags, uint32_t v)
{
	struct armpv_mem_fault f;

	if (e->vcpu->cpsr & ARMPV_PSR_E)
		v = bswap32(v);
	if (!armpv_mem_write(e->vcpu, addr, 4, flags, v, &f)) {
		emu_abort(e, &f);
		return false;
	}
	return true;
}

/* The words of a block transfer (LDM, STM): emu_read32/write32 of each
 * in ascending order, in one pass through guest memory (mem.h). */
bool emu_read_words(struct emu *e, uint32_t addr, unsigned n, unsigned flags,
		    uint32_t *v)
{
	struct armpv_mem_fault f;

	if (!armpv_mem_read_words(e->vcpu, addr, n, flags, v, &f)) {
		emu_abort(e, &f);
		return false;
	}
	if (e->vcpu->cpsr & ARMPV_PSR_E)
		for (unsigned i = 0; i < n; i++)
			v[i] = bswap32(v[i]);
	return true;
}

bool emu_write_words(struct emu *e, uint32_t addr, unsigned n, unsigned flags,
		     uint32_t *v)
{
	struct armpv_mem_fault f;

	if (e->vcpu->cpsr & ARMPV_PSR_E)
		for (unsigned i = 0; i < n; i++)
			v[i] = bswap32(v[i]);
	if (!armpv_mem_write_words(e->vcpu, addr, n, flags, v, &f)) {
		emu_abort(e, &f);
		return false;
	}
	return true;
}

/* A single word load or store (LDR, LDRT, SWP and kin).  Alignment (ARM
 * ARM A2.8, ARMv6 table A2-10): SCTLR.A faults; ARMv6 with SCTLR.U
 * accesses the unaligned word; otherwise a load rotates the aligned word
 * (A4.1.23) and a store ignores bits 1:0. */
static bool emu_word_unaligned_ok(const struct emu *e)
{
	return armpv_vcpu_is_v6(e->vcpu) &&
	       (e->vcpu->cp15.sctlr & ARMPV_SCTLR_U);
}

bool emu_load_word(struct emu *e, uint32_t addr, unsigned flags, uint32_t *v)
{
	if ((addr & 3) && (e->vcpu->cp15.sctlr & ARMPV_SCTLR_A)) {
		emu_alignment_fault(e, addr, false);
		return false;
	}
	if (emu_word_unaligned_ok(e))
		return emu_read32(e, addr, flags, v);
	if (!emu_read32(e, addr & ~3u, flags, v))
		return false;
	*v = ror32(*v, 8 * (addr & 3));
	return true;
}

bool emu_store_word(struct emu *e, uint32_t addr, unsigned flags, uint32_t v)
{
	if ((addr & 3) && (e->vcpu->cp15.sctlr & ARMPV_SCTLR_A)) {
		emu_alignment_fault(e, addr, true);
		return false;
	}
	if (!emu_word_unaligned_ok(e))
		addr &= ~3u;
	return emu_write32(e, addr, flags, v);
}

/* ---------------------------------------------------------------------
 * Program status registers.
 */

/* An exception return: CPSR = 'spsr' (every bit: state bits included),
 * then PC = 'target' aligned for the new state (ARM ARM A4.1.23 LDM(3),
 * A5.1 "if S == 1 and Rd == R15"). */
static void emu_exception_return(struct armpv_vcpu *vcpu, uint32_t spsr,
				 uint32_t target)
{
	armpv_vcpu_write_cpsr(vcpu, spsr);
	vcpu->r[15] = target & (vcpu->cpsr & ARMPV_PSR_T ? ~1u : ~3u);
}

/* The SPSR of the current mode.  UNPREDICTABLE: USR and SYS have none;
 * we read and write one slot shared by both, as QEMU does. */
static inline uint32_t *emu_spsr(struct armpv_vcpu *vcpu)
{
	return &vcpu->spsr[armpv_mode_bank(vcpu->cpsr)];
}

/* MRS (ARM ARM A4.1.38). */
static void emu_mrs(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t v = bits(e->insn, 22, 22) ? *emu_spsr(vcpu) : vcpu->cpsr;

	/* UNPREDICTABLE: Rd = PC branches, as QEMU does. */
	emu_set_reg(vcpu, bits(e->insn, 15, 12), v, false);
}

/* MSR (ARM ARM A4.1.39): byte fields c, x, s, f; privileged bits only in
 * a privileged mode (we are in one); the CPSR's state bits (J, T) are
 * never written (writing them is UNPREDICTABLE: ignored, as QEMU does);
 * an SPSR takes every allocated bit. */
static void emu_msr(struct emu *e, uint32_t operand)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t fields = bits(e->insn, 19, 16);
	uint32_t mask = 0;

	for (unsigned i = 0; i < 4; i++)
		if (fields & (1u << i))
			mask |= 0xffu << (8 * i);
	mask &= armpv_psr_valid_mask(vcpu);
	if (bits(e->insn, 22, 22)) {
		uint32_t *spsr = emu_spsr(vcpu);

		*spsr = (*spsr & ~mask) | (operand & mask);
		return;
	}
	mask &= ~(ARMPV_PSR_J | ARMPV_PSR_T);
	armpv_vcpu_write_cpsr(vcpu, (vcpu->cpsr & ~mask) | (operand & mask));
}

/* CPS (ARMv6, ARM ARM A4.1.16).  UNPREDICTABLE: imod 01 changes no mask
 * bit, a mode field with M clear is ignored, as QEMU does. */
static void emu_cps(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t imod = bits(e->insn, 19, 18);
	uint32_t cpsr = vcpu->cpsr;

	if (imod & 2) {
		uint32_t aif = e->insn & (ARMPV_PSR_A | ARMPV_PSR_I |
					  ARMPV_PSR_F);

		cpsr = imod & 1 ? cpsr | aif : cpsr & ~aif;
	}
	if (bits(e->insn, 17, 17))
		cpsr = (cpsr & ~ARMPV_PSR_M_MASK) | bits(e->insn, 4, 0);
	armpv_vcpu_write_cpsr(vcpu, cpsr);
}

/* ---------------------------------------------------------------------
 * SRS, RFE (ARMv6, ARM ARM A4.1.90, A4.1.59): two words at
 * IA: Rn, IB: Rn+4, DA: Rn-4, DB: Rn-8; writeback Rn +/- 8.
 */
static uint32_t emu_pair_start(uint32_t insn, uint32_t base)
{
	bool p = bits(insn, 24, 24), u = bits(insn, 23, 23);

	return u ? base + (p ? 4 : 0) : base - (p ? 8 : 4);
}

static void emu_srs(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t mode = bits(e->insn, 4, 0);
	uint32_t sp, addr;

	/* UNPREDICTABLE: an invalid mode number is Undefined, as QEMU
	 * does. */
	if (!armpv_mode_valid(mode)) {
		emu_undef(e);
		return;
	}
	sp = armpv_vcpu_reg(vcpu, mode, 13);
	addr = emu_pair_start(e->insn, sp);
	if (!emu_block_address(e, &addr, true) ||
	    !emu_write32(e, addr, 0, vcpu->r[14]) ||
	    !emu_write32(e, addr + 4, 0, *emu_spsr(vcpu)))
		return;
	if (bits(e->insn, 21, 21))
		armpv_vcpu_set_reg(vcpu, mode, 13,
				   bits(e->insn, 23, 23) ? sp + 8 : sp - 8);
}

static void emu_rfe(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	unsigned n = bits(e->insn, 19, 16);
	uint32_t base = emu_reg(e, n);
	uint32_t addr = emu_pair_start(e->insn, base);
	uint32_t pc, cpsr;

	if (!emu_block_address(e, &addr, false) ||
	    !emu_read32(e, addr, 0, &pc) || !emu_read32(e, addr + 4, 0, &cpsr))
		return;
	if (bits(e->insn, 21, 21))
		emu_set_reg(vcpu, n, bits(e->insn, 23, 23) ? base + 8 : base - 8,
			    false);
	emu_exception_return(vcpu, cpsr, pc);
}

/* ---------------------------------------------------------------------
 * LDM/STM with ^ (ARM ARM A4.1.21-22 LDM(2), LDM(3); A4.1.98 STM(2)).
 */

/* Start address and the writeback value (A5.4). */
uint32_t emu_block_start(uint32_t insn, uint32_t base, unsigned count,
			 uint32_t *wb)
{
	bool p = bits(insn, 24, 24), u = bits(insn, 23, 23);

	*wb = u ? base + 4 * count : base - 4 * count;
	if (u)
		return p ? base + 4 : base;
	return p ? base - 4 * count : base - 4 * count + 4;
}

unsigned emu_popcount16(uint32_t list)
{
	unsigned n = 0;

	for (; list; list &= list - 1)
		n++;
	return n;
}

/* UNPREDICTABLE: an empty register list or Rn = PC is Undefined, as
 * QEMU does. */
bool emu_block_valid(struct emu *e)
{
	if (bits(e->insn, 15, 0) == 0 || bits(e->insn, 19, 16) == 15) {
		emu_undef(e);
		return false;
	}
	return true;
}

/* STM^: the User mode registers, from any privileged mode. */
static void emu_stm_user(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t list = bits(e->insn, 15, 0), wb;
	uint32_t addr, words[16];
	unsigned count = 0;

	if (!emu_block_valid(e))
		return;
	for (unsigned i = 0; i < 16; i++) {
		if (!(list & (1u << i)))
			continue;
		words[count++] = i == 15 ? e->pc + 8
					 : armpv_vcpu_reg(vcpu, ARMPV_MODE_USR, i);
	}
	addr = emu_block_start(e->insn, emu_reg(e, bits(e->insn, 19, 16)),
			       count, &wb);
	if (emu_block_address(e, &addr, true))
		emu_write_words(e, addr, count, 0, words);
}

/* LDM^ without PC (User registers) and with PC (exception return).  The
 * words are all read before any register changes, so an abort leaves the
 * registers as they were (the ARM ARM allows either). */
static void emu_ldm(struct emu *e, bool exception_return)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t list = bits(e->insn, 15, 0), wb;
	unsigned n = bits(e->insn, 19, 16), count = emu_popcount16(list), k = 0;
	uint32_t addr, words[16];

	if (!emu_block_valid(e))
		return;
	addr = emu_block_start(e->insn, emu_reg(e, n), count, &wb);
	if (!emu_block_address(e, &addr, false) ||
	    !emu_read_words(e, addr, count, 0, words))
		return;
	if (!exception_return) {
		for (unsigned i = 0; i < 15; i++)
			if (list & (1u << i))
				armpv_vcpu_set_reg(vcpu, ARMPV_MODE_USR, i,
						   words[k++]);
		return;
	}
	/* UNPREDICTABLE: with writeback and Rn in the list, the loaded
	 * value wins, as QEMU does. */
	if (bits(e->insn, 21, 21))
		vcpu->r[n] = wb;
	for (unsigned i = 0; i < 15; i++)
		if (list & (1u << i))
			vcpu->r[i] = words[k++];
	emu_exception_return(vcpu, *emu_spsr(vcpu), words[k]);
}

/* ---------------------------------------------------------------------
 * Shifter operands (ARM ARM A5.1, A5.2).  Only the value matters here:
 * with Rd = PC and S = 1 the flags come from the SPSR, and LDRT/STRT
 * offsets set no flags.  RRX uses the carry flag.
 */
uint32_t emu_shift_imm(const struct emu *e)
{
	uint32_t rm = emu_reg(e, bits(e->insn, 3, 0));
	unsigned amount = bits(e->insn, 11, 7);

	switch (bits(e->insn, 6, 5)) {
	case 0: /* LSL */
		return rm << amount;
	case 1: /* LSR; #0 encodes #32 */
		return amount ? rm >> amount : 0;
	case 2: /* ASR; #0 encodes #32 */
		return (uint32_t)((int32_t)rm >> (amount ? amount : 31));
	default: /* ROR; #0 encodes RRX */
		if (amount)
			return ror32(rm, amount);
		return (rm >> 1) |
		       (e->vcpu->cpsr & ARMPV_PSR_C ? 0x80000000u : 0);
	}
}

static uint32_t emu_rotated_imm(uint32_t insn)
{
	return ror32(bits(insn, 7, 0), 2 * bits(insn, 11, 8));
}

/* ---------------------------------------------------------------------
 * LDRT, LDRBT, STRT, STRBT (ARM ARM A4.1.27, 25, 101, 105): post-indexed,
 * the access made with User permissions, Rn written back.
 */
static void emu_user_access(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t insn = e->insn;
	unsigned n = bits(insn, 19, 16), d = bits(insn, 15, 12);
	bool load = bits(insn, 20, 20), byte = bits(insn, 22, 22);
	uint32_t addr = emu_reg(e, n);
	uint32_t offset = bits(insn, 25, 25) ? emu_shift_imm(e)
					     : bits(insn, 11, 0);
	uint32_t wb = bits(insn, 23, 23) ? addr + offset : addr - offset;
	struct armpv_mem_fault f;
	uint32_t v;

	if (byte) {
		if (load) {
			if (!armpv_mem_read(vcpu, addr, 1, ARMPV_MEM_USER, &v,
					    &f))
				goto abort;
		} else if (!armpv_mem_write(vcpu, addr, 1, ARMPV_MEM_USER,
					    emu_reg(e, d) & 0xff, &f)) {
			goto abort;
		}
	} else if (load) {
		if (!emu_load_word(e, addr, ARMPV_MEM_USER, &v))
			return;
	} else if (!emu_store_word(e, addr, ARMPV_MEM_USER, emu_reg(e, d))) {
		return;
	}
	/* UNPREDICTABLE: Rn = Rd on a load: the loaded value wins; Rn = PC:
	 * the writeback branches; both as QEMU does. */
	emu_set_reg(vcpu, n, wb, false);
	if (load)
		emu_set_reg(vcpu, d, v, true);
	return;
abort:
	emu_abort(e, &f);
}

/* ---------------------------------------------------------------------
 * Data processing with S = 1 and Rd = PC (ARM ARM A5.1, A4.1.*): PC =
 * result, CPSR = SPSR.  The ALU's flags are discarded; the carry flag
 * still feeds ADC, SBC, RSC.
 */
static void emu_dataproc(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t insn = e->insn;
	uint32_t rn = emu_reg(e, bits(insn, 19, 16));
	uint32_t op2 = bits(insn, 25, 25) ? emu_rotated_imm(insn)
					  : emu_shift_imm(e);
	uint32_t c = vcpu->cpsr & ARMPV_PSR_C ? 1 : 0;
	uint32_t r;

	switch (bits(insn, 24, 21)) {
	case 0x0:
		r = rn & op2;
		break;
	case 0x1:
		r = rn ^ op2;
		break;
	case 0x2:
		r = rn - op2;
		break;
	case 0x3:
		r = op2 - rn;
		break;
	case 0x4:
		r = rn + op2;
		break;
	case 0x5:
		r = rn + op2 + c;
		break;
	case 0x6:
		r = rn - op2 - (1 - c);
		break;
	case 0x7:
		r = op2 - rn - (1 - c);
		break;
	case 0xc:
		r = rn | op2;
		break;
	case 0xd:
		r = op2;
		break;
	case 0xe:
		r = rn & ~op2;
		break;
	default:
		r = ~op2;
		break;
	}
	emu_exception_return(vcpu, *emu_spsr(vcpu), r);
}

/* ---------------------------------------------------------------------
 * Dispatch.
 */

/* Emulate the original instruction of a decoded trap word.  Returns true
 * if the vCPU's CPSR may have changed in a way that unmasks interrupts. */
static bool emu_insn(struct emu *e, const struct armpv_form *f)
{
	/* MRS, MSR, CPS are straight-line; the others set PC themselves. */
	e->vcpu->r[15] = e->pc + 4;
	switch (f->id) {
	case ARMPV_FORM_MRS_REG:
		emu_mrs(e); /* the CPSR stays as it is */
		return false;
	case ARMPV_FORM_MSR_IMM:
		emu_msr(e, emu_rotated_imm(e->insn));
		break;
	case ARMPV_FORM_MSR_REG:
		emu_msr(e, emu_reg(e, bits(e->insn, 3, 0)));
		break;
	case ARMPV_FORM_CPS:
		emu_cps(e);
		break;
	case ARMPV_FORM_RFE:
		emu_rfe(e);
		return true;
	case ARMPV_FORM_SRS:
		emu_srs(e);
		return false;
	case ARMPV_FORM_STM_USER:
		emu_stm_user(e);
		return false;
	case ARMPV_FORM_LDM_USER:
		emu_ldm(e, false);
		return false;
	case ARMPV_FORM_LDM_RET:
		emu_ldm(e, true);
		return true;
	case ARMPV_FORM_STRT_IMM:
	case ARMPV_FORM_LDRT_IMM:
	case ARMPV_FORM_STRBT_IMM:
	case ARMPV_FORM_LDRBT_IMM:
	case ARMPV_FORM_STRT_REG:
	case ARMPV_FORM_LDRT_REG:
	case ARMPV_FORM_STRBT_REG:
	case ARMPV_FORM_LDRBT_REG:
		emu_user_access(e);
		return false;
	default:
		emu_dataproc(e);
		return true;
	}
	return true;
}

static bool is_cp15(uint32_t word)
{
	/* MCR/MRC (cccc 1110 xxx1/0 xxxx xxxx 1111 xxx1 xxxx) and MCRR/MRRC
	 * (cccc 1100 010x ...) to coprocessor 15. */
	if (bits(word, 11, 8) != 15)
		return false;
	return (bits(word, 27, 24) == 0xe && bits(word, 4, 4)) ||
	       bits(word, 27, 21) == 0x62;
}

/* An Undefined trap that is not one of ours: CP15, or the guest's own. */
static enum armpv_exit_reason vcpu_undef_trap(struct armpv_vcpu *vcpu,
					      uint32_t word)
{
	uint32_t cond = word >> 28;

	/* The condition first: ARM926EJ-S and ARM1176 execute a coprocessor
	 * instruction whose condition fails as a no-op. */
	if (cond != 0xf && !armpv_cond_passed(cond, vcpu->cpsr)) {
		vcpu->stats.cond_failed++;
		vcpu->r[15] += 4;
		return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
	}
	if (cond != 0xf && is_cp15(word)) {
		vcpu->stats.cp15++;
		switch (armpv_cp15_access(vcpu, word)) {
		case ARMPV_CP15_DONE:
			vcpu->r[15] += 4;
			return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
		case ARMPV_CP15_WFI:
			vcpu->r[15] += 4;
			return vcpu_exit(vcpu, ARMPV_EXIT_HALT);
		case ARMPV_CP15_UNDEF:
			break;
		}
	}
	armpv_vcpu_undef(vcpu);
	return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
}

enum armpv_exit_reason armpv_vcpu_trap(struct armpv_vcpu *vcpu,
				       enum armpv_trap_kind kind,
				       uint32_t word)
{
	struct emu e = { vcpu, vcpu->r[15], 0 };
	const struct armpv_form *f;

	vcpu->stats.traps++;
	/* From virtual USR mode every trap is the guest's own: its user
	 * code never holds trap words (the rewriter runs on the kernel). */
	if (!armpv_mode_privileged(vcpu->cpsr)) {
		armpv_vcpu_exception(vcpu,
				     kind == ARMPV_TRAP_SWI ? ARMPV_EXC_SWI
							    : ARMPV_EXC_UNDEF,
				     e.pc);
		return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
	}
	if (kind == ARMPV_TRAP_SWI) {
		uint32_t payload = word & 0xffffffu;

		if (payload >= ARMPV_HYPERCALL_FIRST &&
		    payload <= ARMPV_HYPERCALL_LAST) {
			vcpu->run.hypercall.nr = payload;
			vcpu->r[15] = e.pc + 4;
			return vcpu_exit(vcpu, ARMPV_EXIT_HYPERCALL);
		}
	}
	f = armpv_decode(word, &e.insn);
	if (!f || !(f->archs & vcpu->vm->arch)) {
		if (kind == ARMPV_TRAP_UNDEF)
			return vcpu_undef_trap(vcpu, word);
		if (vcpu->vm->kernel_swi_is_error) {
			vcpu->run.error.what =
				"invalid trap word (an SWI from a privileged "
				"mode that is neither a trap word of these "
				"tables nor a hypercall)";
			vcpu->run.error.pc = e.pc;
			vcpu->run.error.word = word;
			return vcpu_exit(vcpu, ARMPV_EXIT_GUEST_ERROR);
		}
		/* A kernel's own SWI (not a trap word): the guest's SWI
		 * exception, as the hardware takes it. */
		armpv_vcpu_exception(vcpu, ARMPV_EXC_SWI, e.pc);
		return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
	}
	vcpu->stats.insn[f->insn]++;
	if (f->conditional &&
	    !armpv_cond_passed(e.insn >> 28, vcpu->cpsr)) {
		vcpu->stats.cond_failed++;
		vcpu->r[15] = e.pc + 4;
		return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
	}
	/* The instruction's accesses (LDM^, RFE, LDRT, ...) walk the
	 * guest's tables once per 1 KiB, as through a TLB (mem.h). */
	armpv_mem_cache_open(vcpu, NULL);
	if (emu_insn(&e, f))
		armpv_vcpu_check_irq(vcpu);
	armpv_mem_cache_close(vcpu);
	return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
}
