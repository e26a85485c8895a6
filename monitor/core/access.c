/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * access.c -- emulation of a guest's own load or store that aborted in the
 * real CPU: an access to a device page (MMIO) or to a page the monitor
 * protects.  The guest runs natively in USR mode; the backend gives the
 * faulting word to armpv_vcpu_emulate_access(), which performs the access
 * through the guest's own MMU (mem.c) with the virtual mode's privilege,
 * so that the guest's tables, domains, permissions and the VM's MMIO
 * handler all apply, and a fault becomes the guest's own data abort.
 *
 * Forms (ARM ARM DDI 0100I): LDR/STR/LDRB/STRB (A5.2),
 * LDRH/STRH/LDRSB/LDRSH/LDRD/STRD (A5.3), LDM/STM without ^ (A5.4),
 * SWP/SWPB (A4.1.108-109) and on ARMv6 LDREX/STREX with the ARMv6K byte,
 * halfword and doubleword variants (A4.1.29, A4.1.103); in Thumb state
 * the Thumb loads and stores (A7.1), as their ARM equivalents.  LDM/STM
 * with ^, and LDRT and kin from a virtual privileged mode, are
 * sensitive: a rewritten guest holds trap words there, so they are
 * refused here; a user task's LDRT is its ordinary user access.
 *
 * UNPREDICTABLE choices are listed in docs/monitor-core.md; each is marked
 * here with "UNPREDICTABLE:".
 */
#include "armpv_core.h"
#include "emulate.h"
#include "mem.h"

/* The access kinds of A5.2 and A5.3. */
enum acc_kind {
	ACC_LDR,
	ACC_STR,
	ACC_LDRB,
	ACC_STRB,
	ACC_LDRH,
	ACC_STRH,
	ACC_LDRSB,
	ACC_LDRSH,
	ACC_LDRD,
	ACC_STRD,
};

/* The access is made with the privilege of the virtual mode. */
static unsigned acc_flags(const struct emu *e)
{
	return armpv_mode_privileged(e->vcpu->cpsr) ? 0 : ARMPV_MEM_USER;
}

static enum armpv_exit_reason acc_error(struct armpv_vcpu *vcpu,
					uint32_t word, const char *what)
{
	vcpu->run.error.what = what;
	vcpu->run.error.pc = vcpu->r[15];
	vcpu->run.error.word = word;
	return vcpu_exit(vcpu, ARMPV_EXIT_GUEST_ERROR);
}

/* Byte and halfword data; halfwords follow CPSR.E (ARMv6 A2.7.4). */
static bool acc_read(struct emu *e, uint32_t addr, unsigned size,
		     uint32_t *v)
{
	struct armpv_mem_fault f;

	if (!armpv_mem_read(e->vcpu, addr, size, acc_flags(e), v, &f)) {
		emu_abort(e, &f);
		return false;
	}
	if (size == 2 && (e->vcpu->cpsr & ARMPV_PSR_E))
		*v = bswap16(*v);
	return true;
}

static bool acc_write(struct emu *e, uint32_t addr, unsigned size,
		      uint32_t v)
{
	struct armpv_mem_fault f;

	if (size == 2 && (e->vcpu->cpsr & ARMPV_PSR_E))
		v = bswap16(v);
	if (!armpv_mem_write(e->vcpu, addr, size, acc_flags(e), v, &f)) {
		emu_abort(e, &f);
		return false;
	}
	return true;
}

/* Alignment fault (A2.8) if 'addr' is not a multiple of mask + 1 and the
 * check applies.  Returns false after entering the abort. */
static bool acc_aligned(struct emu *e, uint32_t addr, uint32_t mask,
			bool check, bool write)
{
	if ((addr & mask) && check) {
		emu_alignment_fault(e, addr, write);
		return false;
	}
	return true;
}

static bool acc_sctlr(const struct emu *e, uint32_t bit)
{
	return e->vcpu->cp15.sctlr & bit;
}

/* ARMv6 with SCTLR.U: the unaligned-access model (table A2-10). */
static bool acc_v6_unaligned(const struct emu *e)
{
	return armpv_vcpu_is_v6(e->vcpu) && acc_sctlr(e, ARMPV_SCTLR_U);
}

/* Halfwords: SCTLR.A faults a misaligned one; ARMv6 with U accesses it.
 * UNPREDICTABLE: on ARMv5 and ARMv6 with U clear (A4.1.28) the unaligned
 * halfword is accessed too, as QEMU does. */
static bool acc_half_aligned(struct emu *e, uint32_t addr, bool write)
{
	return acc_aligned(e, addr, 1, acc_sctlr(e, ARMPV_SCTLR_A), write);
}

/* LDRD/STRD (A4.1.26, A4.1.102; ARMv6 table A2-10): with ARMv6's U set a
 * word-aligned address is required (else an alignment fault); otherwise
 * a doubleword-aligned one, which SCTLR.A checks.  UNPREDICTABLE: without
 * the check, bits 1:0 are ignored as for the block transfers (A2.8). */
static bool acc_double_address(struct emu *e, uint32_t *addr, bool write)
{
	bool v6u = acc_v6_unaligned(e);

	if (!acc_aligned(e, *addr, v6u ? 3 : 7,
			 v6u || acc_sctlr(e, ARMPV_SCTLR_A), write))
		return false;
	*addr &= ~3u;
	return true;
}

static uint32_t sign_extend(uint32_t v, uint32_t sign_bit)
{
	return (v ^ sign_bit) - sign_bit;
}

/* Perform one access of 'kind' at 'addr' for register d; loaded values
 * go to v[0] (and v[1] for LDRD). */
static bool acc_do(struct emu *e, enum acc_kind kind, uint32_t addr,
		   unsigned d, uint32_t v[2])
{
	unsigned flags = acc_flags(e);

	switch (kind) {
	case ACC_LDR:
		return emu_load_word(e, addr, flags, &v[0]);
	case ACC_STR:
		return emu_store_word(e, addr, flags, emu_reg(e, d));
	case ACC_LDRB:
		return acc_read(e, addr, 1, &v[0]);
	case ACC_STRB:
		return acc_write(e, addr, 1, emu_reg(e, d) & 0xffu);
	case ACC_LDRSB:
		if (!acc_read(e, addr, 1, &v[0]))
			return false;
		v[0] = sign_extend(v[0], 0x80u);
		return true;
	case ACC_LDRH:
	case ACC_LDRSH:
		if (!acc_half_aligned(e, addr, false) ||
		    !acc_read(e, addr, 2, &v[0]))
			return false;
		if (kind == ACC_LDRSH)
			v[0] = sign_extend(v[0], 0x8000u);
		return true;
	case ACC_STRH:
		return acc_half_aligned(e, addr, true) &&
		       acc_write(e, addr, 2, emu_reg(e, d) & 0xffffu);
	case ACC_LDRD:
		return acc_double_address(e, &addr, false) &&
		       emu_read32(e, addr, flags, &v[0]) &&
		       emu_read32(e, addr + 4, flags, &v[1]);
	case ACC_STRD:
		return acc_double_address(e, &addr, true) &&
		       emu_write32(e, addr, flags, emu_reg(e, d)) &&
		       emu_write32(e, addr + 4, flags, emu_reg(e, d + 1));
	}
	return false;
}

/* Addressing modes 2 and 3 (A5.2, A5.3): offset, pre-indexed (W = 1) and
 * post-indexed (P = 0, always written back).  The base is written only
 * after every access succeeded: an abort restores it (ARM926EJ-S and
 * ARM1176 implement the base restored abort model). */
static void acc_indexed(struct emu *e, enum acc_kind kind, uint32_t offset)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t insn = e->insn;
	unsigned n = bits(insn, 19, 16), d = bits(insn, 15, 12);
	bool p = bits(insn, 24, 24), writeback = !p || bits(insn, 21, 21);
	uint32_t base = emu_reg(e, n);
	uint32_t moved = bits(insn, 23, 23) ? base + offset : base - offset;
	uint32_t v[2];

	if (!acc_do(e, kind, p ? moved : base, d, v))
		return;
	/* UNPREDICTABLE: writeback to a register the instruction also
	 * loads: the loaded value wins; Rn = PC: the writeback branches
	 * (QEMU, as for LDRT). */
	if (writeback)
		emu_set_reg(vcpu, n, moved, false);
	switch (kind) {
	case ACC_LDR:
	case ACC_LDRB:
	case ACC_LDRH:
	case ACC_LDRSB:
	case ACC_LDRSH:
		/* A4.1.23: a load to PC interworks on ARMv5T and later;
		 * UNPREDICTABLE for the others, done the same (QEMU). */
		emu_set_reg(vcpu, d, v[0], true);
		break;
	case ACC_LDRD:
		/* UNPREDICTABLE: Rd = R14 loads PC too, as a branch (QEMU). */
		emu_set_reg(vcpu, d, v[0], false);
		emu_set_reg(vcpu, d + 1, v[1], false);
		break;
	default:
		break;
	}
}

/* Single data transfer, addressing mode 2 (A5.2): immediate offset, or
 * Rm shifted by an immediate (every shift, RRX included). */
static void acc_single(struct emu *e)
{
	uint32_t insn = e->insn;
	bool load = bits(insn, 20, 20), byte = bits(insn, 22, 22);
	uint32_t offset = bits(insn, 25, 25) ? emu_shift_imm(e)
					     : bits(insn, 11, 0);
	enum acc_kind kind = load ? (byte ? ACC_LDRB : ACC_LDR)
				  : (byte ? ACC_STRB : ACC_STR);

	acc_indexed(e, kind, offset);
}

/* LDR/STR Rd, [Rn, #+/-offset_12] (A5.2.2: P = 1, W = 0, word): the form
 * nearly every device access takes, decoded straight to the access.
 * What acc_single() and acc_indexed() do for it: no writeback; a load
 * to PC interworks. */
static void acc_word_offset(struct emu *e)
{
	uint32_t insn = e->insn, offset = bits(insn, 11, 0), v;
	uint32_t base = emu_reg(e, bits(insn, 19, 16));
	uint32_t addr = bits(insn, 23, 23) ? base + offset : base - offset;
	unsigned d = bits(insn, 15, 12);

	if (!bits(insn, 20, 20))
		emu_store_word(e, addr, acc_flags(e), emu_reg(e, d));
	else if (emu_load_word(e, addr, acc_flags(e), &v))
		emu_set_reg(e->vcpu, d, v, true);
}

/* Extra load/store, addressing mode 3 (A5.3): the L and S:H bits name the
 * instruction (A3.13.3, figure A3-5). */
static void acc_extra(struct emu *e)
{
	static const enum acc_kind kinds[2][4] = {
		{ ACC_STRH, ACC_STRH, ACC_LDRD, ACC_STRD }, /* [0][0] unused */
		{ ACC_LDRH, ACC_LDRH, ACC_LDRSB, ACC_LDRSH },
	};
	uint32_t insn = e->insn;
	enum acc_kind kind = kinds[bits(insn, 20, 20)][bits(insn, 6, 5)];
	uint32_t offset = bits(insn, 22, 22)
				  ? bits(insn, 11, 8) << 4 | bits(insn, 3, 0)
				  : emu_reg(e, bits(insn, 3, 0));

	/* UNPREDICTABLE: LDRD/STRD with an odd Rd is Undefined (QEMU). */
	if ((kind == ACC_LDRD || kind == ACC_STRD) &&
	    (bits(insn, 15, 12) & 1)) {
		emu_undef(e);
		return;
	}
	acc_indexed(e, kind, offset);
}

/* LDM(1), STM(1) (A4.1.20, A4.1.97).  As for LDM^: every word is read
 * before any register is written, so an abort changes no register; a
 * store multiple stores in order up to the faulting word. */
static void acc_block(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t insn = e->insn, list = bits(insn, 15, 0), wb, addr;
	unsigned n = bits(insn, 19, 16), flags = acc_flags(e);
	bool load = bits(insn, 20, 20);
	uint32_t val[16];

	if (!emu_block_valid(e))
		return;
	addr = emu_block_start(insn, emu_reg(e, n), emu_popcount16(list), &wb);
	if (!emu_block_address(e, &addr, !load))
		return;
	for (unsigned i = 0; i < 16; i++) {
		if (!(list & (1u << i)))
			continue;
		/* STM stores the registers as they were: Rn in the list
		 * stores the original base (A4.1.97), PC its address + 8. */
		if (load ? !emu_read32(e, addr, flags, &val[i])
			 : !emu_write32(e, addr, flags, emu_reg(e, i)))
			return;
		addr += 4;
	}
	/* UNPREDICTABLE: LDM with writeback and Rn in the list: the loaded
	 * value wins (QEMU, as for LDM^). */
	if (bits(insn, 21, 21))
		vcpu->r[n] = wb;
	if (!load)
		return;
	for (unsigned i = 0; i < 16; i++)
		if (list & (1u << i))
			emu_set_reg(vcpu, i, val[i], true); /* PC: A4.1.20 */
}

/* SWP, SWPB (A4.1.108-109): read, then write, with nothing between them
 * (the vCPU is the only one).  A SWP word follows the LDR/STR alignment
 * rules, except that ARMv6 with U faults an unaligned one (table A2-10). */
static void acc_swap(struct emu *e)
{
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t insn = e->insn;
	uint32_t addr = emu_reg(e, bits(insn, 19, 16));
	uint32_t src = emu_reg(e, bits(insn, 3, 0));
	unsigned flags = acc_flags(e);
	uint32_t v;

	if (bits(insn, 22, 22)) {
		if (!acc_read(e, addr, 1, &v) ||
		    !acc_write(e, addr, 1, src & 0xffu))
			return;
	} else if (!acc_aligned(e, addr, 3, acc_v6_unaligned(e), false) ||
		   !emu_load_word(e, addr, flags, &v) ||
		   !emu_store_word(e, addr, flags, src)) {
		return;
	}
	/* UNPREDICTABLE: Rd = PC branches without interworking (QEMU). */
	emu_set_reg(vcpu, bits(insn, 15, 12), v, false);
}

/* LDREX/STREX and ARMv6K's LDREXB/H/D, STREXB/H/D (A4.1.29, A4.1.103):
 * bits 22:21 give the size.  An exclusive access must be naturally
 * aligned: an alignment fault otherwise (ARMv6 A2.8; with SCTLR.A and U
 * both clear UNPREDICTABLE, done the same).  The core keeps no exclusive
 * monitor: a STREX that reaches it is a plain store that succeeds (Rd =
 * 0).  This is exact as long as nothing else wrote the location since
 * the guest's LDREX: the vCPU is the only CPU, and a device page or a
 * page the monitor protects is written by nothing but the guest's
 * emulated stores. */
static void acc_exclusive(struct emu *e)
{
	static const unsigned sizes[4] = { 4, 8, 1, 2 };
	struct armpv_vcpu *vcpu = e->vcpu;
	uint32_t insn = e->insn;
	unsigned size = sizes[bits(insn, 22, 21)];
	unsigned d = bits(insn, 15, 12), m = bits(insn, 3, 0);
	bool load = bits(insn, 20, 20);
	uint32_t addr = emu_reg(e, bits(insn, 19, 16));
	unsigned flags = acc_flags(e);
	uint32_t v[2];

	/* UNPREDICTABLE: LDREXD/STREXD with an odd register is Undefined,
	 * as LDRD (QEMU). */
	if (size == 8 && ((load ? d : m) & 1)) {
		emu_undef(e);
		return;
	}
	if (!acc_aligned(e, addr, size - 1, true, !load))
		return;
	if (load) {
		bool ok;

		if (size >= 4) {
			ok = emu_read32(e, addr, flags, &v[0]) &&
			     (size == 4 ||
			      emu_read32(e, addr + 4, flags, &v[1]));
		} else {
			ok = acc_read(e, addr, size, &v[0]);
		}
		if (!ok)
			return;
		emu_set_reg(vcpu, d, v[0], false);
		if (size == 8)
			emu_set_reg(vcpu, d + 1, v[1], false);
		return;
	}
	if (size >= 4) {
		if (!emu_write32(e, addr, flags, emu_reg(e, m)) ||
		    (size == 8 && !emu_write32(e, addr + 4, flags,
					       emu_reg(e, m + 1))))
			return;
	} else if (!acc_write(e, addr, size,
			      emu_reg(e, m) & (size == 1 ? 0xffu : 0xffffu))) {
		return;
	}
	emu_set_reg(vcpu, d, 0, false);
}

/* ---------------------------------------------------------------------
 * Decoding (A3.1 figure A3-1, A3.13.3 figure A3-5).
 */
typedef void (*acc_handler)(struct emu *e);

/* The handler for word, or NULL with *why set. */
static acc_handler acc_decode(const struct armpv_vcpu *vcpu, uint32_t word,
			      const char **why)
{
	bool p = bits(word, 24, 24), w = bits(word, 21, 21);

	/* cond 0101 U0 0 L: LDR/STR immediate offset, no writeback. */
	if ((word & 0x0f600000u) == 0x05000000u)
		return acc_word_offset;
	if (bits(word, 27, 26) == 1) {
		if (bits(word, 25, 25) && bits(word, 4, 4)) {
			*why = "access emulation: media or undefined "
			       "instruction, not a load/store";
			return NULL;
		}
		/* LDRT and kin from a virtual privileged mode are trap
		 * words; from virtual USR mode (a user task, never
		 * rewritten) they are the ordinary user access they are on
		 * hardware (A4.1.24: "executed in User mode, an ordinary
		 * User mode access is performed"), which acc_single() makes
		 * with the virtual mode's privilege. */
		if (!p && w && armpv_mode_privileged(vcpu->cpsr)) {
			*why = "access emulation: LDRT/LDRBT/STRT/STRBT is "
			       "sensitive and must be a trap word";
			return NULL;
		}
		return acc_single;
	}
	if (bits(word, 27, 25) == 4) {
		if (bits(word, 22, 22)) {
			*why = "access emulation: LDM/STM with ^ is sensitive "
			       "and must be a trap word";
			return NULL;
		}
		return acc_block;
	}
	if (bits(word, 27, 25) == 0 && bits(word, 7, 7) && bits(word, 4, 4)) {
		if (bits(word, 6, 5)) {
			if (!p && w) {
				*why = "access emulation: halfword/doubleword "
				       "load/store with P = 0, W = 1 "
				       "(UNPREDICTABLE)";
				return NULL;
			}
			return acc_extra;
		}
		if (bits(word, 27, 23) == 2 && bits(word, 21, 20) == 0 &&
		    bits(word, 11, 4) == 0x09)
			return acc_swap;
		if (bits(word, 27, 23) == 3 && bits(word, 11, 4) == 0xf9 &&
		    armpv_vcpu_is_v6(vcpu))
			return acc_exclusive;
	}
	*why = "access emulation: not a load/store this CPU can abort on";
	return NULL;
}

/*
 * Thumb state (A7.1): the 16-bit loads and stores, each as the ARM
 * instruction the ARM ARM gives as its equivalent (A7.1.19-A7.1.61:
 * LDR/STR/LDRB/STRB/LDRH/STRH/LDRSB/LDRSH with an immediate or register
 * offset, SP-relative LDR/STR, LDMIA/STMIA, PUSH/POP), so that the ARM
 * handlers above make the access; only PC-relative LDR reads PC, and
 * its ARM form is given the offset that names the same address,
 * Align(PC + 4, 4) + imm8 * 4 (A7.1.30).  Thumb-1 loads and stores are
 * unconditional, and ARMv6's BL/BLX pair is the only 32-bit Thumb
 * instruction of these cores: none aborts on data.  Returns false for
 * any other halfword.
 */
static bool acc_thumb_to_arm(uint32_t hw, uint32_t pc, uint32_t *arm)
{
	/* A7.1.20 ff., register offset, by opcode bits 11:9: STR STRH
	 * STRB LDRSB, LDR LDRH LDRB LDRSH. */
	static const uint32_t reg_offset[8] = {
		0xe7800000u, 0xe18000b0u, 0xe7c00000u, 0xe19000d0u,
		0xe7900000u, 0xe19000b0u, 0xe7d00000u, 0xe19000f0u,
	};
	uint32_t l = bits(hw, 11, 11) << 20, imm5 = bits(hw, 10, 6);
	uint32_t n = bits(hw, 5, 3) << 16, d = bits(hw, 2, 0) << 12;
	uint32_t list = bits(hw, 7, 0);

	switch (hw >> 12) {
	case 0x4: /* 01001 Rd imm8: LDR Rd, [PC, #imm8 * 4] */
		if (bits(hw, 11, 11)) {
			/* ARM's PC reads as pc + 8 (emu_reg). */
			int32_t off = (int32_t)(bits(hw, 7, 0) * 4) - 4 -
				      (int32_t)(pc & 2u);

			*arm = 0xe51f0000u | bits(hw, 10, 8) << 12 |
			       (off < 0 ? (uint32_t)-off
					: (1u << 23) | (uint32_t)off);
			return true;
		}
		return false;
	case 0x5: /* 0101 opc Rm Rn Rd */
		*arm = reg_offset[bits(hw, 11, 9)] | n | d | bits(hw, 8, 6);
		return true;
	case 0x6: /* 0110 L imm5 Rn Rd: word, offset imm5 * 4 */
		*arm = 0xe5800000u | l | n | d | imm5 << 2;
		return true;
	case 0x7: /* 0111 L imm5 Rn Rd: byte */
		*arm = 0xe5c00000u | l | n | d | imm5;
		return true;
	case 0x8: /* 1000 L imm5 Rn Rd: halfword, offset imm5 * 2 */
		imm5 <<= 1;
		*arm = 0xe1c000b0u | l | n | d | (imm5 >> 4) << 8 |
		       (imm5 & 0xfu);
		return true;
	case 0x9: /* 1001 L Rd imm8: [SP, #imm8 * 4] */
		*arm = 0xe58d0000u | l | bits(hw, 10, 8) << 12 | list << 2;
		return true;
	case 0xb: /* 1011 L10R list: PUSH = STMDB SP!, POP = LDMIA SP! */
		if (bits(hw, 10, 9) != 2)
			return false;
		*arm = (l ? 0xe8bd0000u | bits(hw, 8, 8) << 15
			  : 0xe92d0000u | bits(hw, 8, 8) << 14) | list;
		return true;
	case 0xc: /* 1100 L Rn list: LDMIA/STMIA Rn!; an LDMIA that loads
		   * Rn does not write it back (A7.1.27). */
		n = bits(hw, 10, 8);
		*arm = 0xe8800000u | l | n << 16 | list;
		if (!(l && (list & (1u << n))))
			*arm |= 1u << 21;
		return true;
	default:
		return false;
	}
}

static enum armpv_exit_reason acc_emulate(struct armpv_vcpu *vcpu,
					 uint32_t word)
{
	struct emu e = { vcpu, vcpu->r[15], word };
	uint32_t cond = word >> 28;
	const char *why = NULL;
	acc_handler handler;

	vcpu->stats.accesses++;
	if (vcpu->cpsr & ARMPV_PSR_J)
		return acc_error(vcpu, word,
				 "access emulation: Jazelle state");
	if (vcpu->cpsr & ARMPV_PSR_T) {
		if (!acc_thumb_to_arm(word & 0xffffu, e.pc, &e.insn))
			return acc_error(vcpu, word,
					 "access emulation: Thumb instruction, "
					 "not a load/store");
		handler = acc_decode(vcpu, e.insn, &why);
		if (!handler) /* cannot be: every form above decodes */
			return acc_error(vcpu, word, why);
		vcpu->r[15] = e.pc + 2;
		handler(&e);
		return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
	}
	if (cond == 0xf)
		return acc_error(vcpu, word,
				 "access emulation: unconditional "
				 "instruction, not a load/store");
	handler = acc_decode(vcpu, word, &why);
	if (!handler)
		return acc_error(vcpu, word, why);
	/* The hardware aborts only on a passing condition; a failing one
	 * here (a backend's mistake, or a stale word) does nothing. */
	vcpu->r[15] = e.pc + 4;
	if (!armpv_cond_passed(cond, vcpu->cpsr)) {
		vcpu->stats.cond_failed++;
		return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
	}
	handler(&e);
	return vcpu_exit(vcpu, ARMPV_EXIT_RESUME);
}

/* The instruction's accesses go through mem.c's translation cache: a
 * block transfer walks once per 1 KiB, not once per word. */
enum armpv_exit_reason armpv_vcpu_emulate_access(struct armpv_vcpu *vcpu,
						 uint32_t word)
{
	return armpv_vcpu_emulate_access_at(vcpu, word, NULL);
}

enum armpv_exit_reason
armpv_vcpu_emulate_access_at(struct armpv_vcpu *vcpu, uint32_t word,
			     const struct armpv_mem_entry *entry)
{
	enum armpv_exit_reason why;

	armpv_mem_cache_open(vcpu, entry);
	why = acc_emulate(vcpu, word);
	armpv_mem_cache_close(vcpu);
	return why;
}
