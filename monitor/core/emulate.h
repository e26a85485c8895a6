/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * emulate.h -- helpers shared inside the core (not part of its API).
 */
#ifndef ARMPV_EMULATE_H
#define ARMPV_EMULATE_H

#include <stdbool.h>
#include <stdint.h>

#include "armpv_core.h"
#include "mem.h"

/* ARM ARM A3.2: does condition 'cond' pass for the flags in 'cpsr'?  (A
 * table lookup: this runs on every trap.) */
extern const uint16_t armpv_cond_pass[16];
static inline bool armpv_cond_passed(uint32_t cond, uint32_t cpsr)
{
	return (armpv_cond_pass[cond & 0xfu] >> (cpsr >> 28)) & 1u;
}

/* True if the vCPU's model implements ARMv6. */
static inline bool armpv_vcpu_is_v6(const struct armpv_vcpu *vcpu)
{
	return vcpu->vm->model == ARMPV_CPU_ARM1176JZFS;
}

/* CPSR bits a write may change at all on this model (the rest are
 * unallocated, read as zero).  ARMv5TEJ: N Z C V Q, J, I F T M; ARMv6
 * adds GE[3:0], E and A. */
static inline uint32_t armpv_psr_valid_mask(const struct armpv_vcpu *vcpu)
{
	return armpv_vcpu_is_v6(vcpu) ? 0xf90f03ffu : 0xf90000ffu;
}

/* Undefined Instruction exception for the instruction at vcpu->r[15]. */
void armpv_vcpu_undef(struct armpv_vcpu *vcpu);

/* ---------------------------------------------------------------------
 * Emulating one instruction (emulate.c, access.c).  Only the dispatcher
 * (armpv_vcpu_trap, armpv_vcpu_emulate_access) and handlers that load PC
 * set r[15].
 */
/* One trap being emulated. */
struct emu {
	struct armpv_vcpu *vcpu;
	uint32_t pc;   /* address of the trapped instruction */
	uint32_t insn; /* the original instruction */
};

static inline uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
	return (w >> lo) & ((2u << (hi - lo)) - 1);
}

static inline uint32_t ror32(uint32_t v, unsigned n)
{
	n &= 31;
	return n ? (v >> n) | (v << (32 - n)) : v;
}

static inline uint32_t bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) |
	       (v << 24);
}

/* A register as an operand: PC reads as the instruction's address + 8
 * (ARM ARM A2.4.3).  Also used for the value an STM/STRT of PC stores:
 * +8 is what ARM9E and ARM11 cores store (+12 was ARM7/StrongARM). */
static inline uint32_t emu_reg(const struct emu *e, unsigned n)
{
	return n == 15 ? e->pc + 8 : e->vcpu->r[n];
}

static inline uint32_t bswap16(uint32_t v)
{
	return ((v >> 8) & 0xffu) | ((v & 0xffu) << 8);
}

/* Record the exit reason and count it. */
static inline enum armpv_exit_reason vcpu_exit(struct armpv_vcpu *vcpu,
					enum armpv_exit_reason reason)
{
	vcpu->run.exit_reason = reason;
	vcpu->stats.exits[reason]++;
	return reason;
}

/* Write register n after a load or data processing: PC drops bits 1:0, or
 * with 'interwork' bit 0 selects Thumb (ARM ARM A4.1.23). */
void emu_set_reg(struct armpv_vcpu *vcpu, unsigned n, uint32_t v,
		 bool interwork);

/* Memory.  Each returns false after entering the guest's data abort (or
 * Undefined exception) for the instruction at e->pc: DFSR/FAR as the
 * hardware sets them, no register written. */
void emu_abort(struct emu *e, const struct armpv_mem_fault *f);
void emu_undef(struct emu *e);
void emu_alignment_fault(struct emu *e, uint32_t addr, bool write);
/* Data words, byte-swapped when CPSR.E is set (ARMv6). */
bool emu_read32(struct emu *e, uint32_t addr, unsigned flags, uint32_t *v);
bool emu_write32(struct emu *e, uint32_t addr, unsigned flags, uint32_t v);
/* A block transfer's 'n' words from 'addr' up: emu_read32/write32 of
 * each in turn (the abort on the first that faults).  emu_write_words
 * byte-swaps v in place when CPSR.E is set. */
bool emu_read_words(struct emu *e, uint32_t addr, unsigned n, unsigned flags,
		    uint32_t *v);
bool emu_write_words(struct emu *e, uint32_t addr, unsigned n, unsigned flags,
		     uint32_t *v);
/* A single word load/store with the alignment rules of A2.8 (SCTLR.A
 * faults; ARMv6 SCTLR.U unaligned; else rotation / bits 1:0 ignored). */
bool emu_load_word(struct emu *e, uint32_t addr, unsigned flags, uint32_t *v);
bool emu_store_word(struct emu *e, uint32_t addr, unsigned flags, uint32_t v);

/* Block transfers (A5.4): start address and writeback value, the word
 * alignment check, the register count, and the UNPREDICTABLE encodings
 * (empty list, Rn = PC) that are Undefined (returns false). */
uint32_t emu_block_start(uint32_t insn, uint32_t base, unsigned count,
			 uint32_t *wb);
bool emu_block_address(struct emu *e, uint32_t *addr, bool write);
unsigned emu_popcount16(uint32_t list);
bool emu_block_valid(struct emu *e);

/* The value of an immediate-shift operand (A5.1.4-A5.1.13, A5.2.4): Rm
 * shifted by bits 11:7 / 6:5 of e->insn, RRX from CPSR.C. */
uint32_t emu_shift_imm(const struct emu *e);

#endif /* ARMPV_EMULATE_H */
