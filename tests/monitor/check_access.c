// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check_access.c -- unit tests of armpv_vcpu_emulate_access(): a guest's
 * own load or store that aborted in the real CPU (a device page, or a page
 * the monitor protects), emulated against the virtual CPU.
 *
 * Instruction words are built from the encoding diagrams of the ARM
 * Architecture Reference Manual (ARM DDI 0100I): A5.2 (addressing mode 2,
 * LDR/STR/LDRB/STRB), A5.3 (mode 3, LDRH/STRH/LDRSB/LDRSH/LDRD/STRD), A5.4
 * (mode 4, LDM/STM), A4.1.108-109 (SWP/SWPB), A4.1.29/A4.1.103 (LDREX/
 * STREX; ARMv6K sizes).  Expected values are written here from those
 * sections, never obtained by running the code under test.  UNPREDICTABLE
 * cases are tested only where docs/monitor-core.md states what the core
 * does ("doc:" in the comment).
 *
 * Most tests loop over the two models (ARM926EJ-S, ARMv5TEJ; ARM1176JZF-S,
 * ARMv6KZ).
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "armpv_core.h"
#include "mem.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Guest layout: RAM at physical 0; a first-level table for the MMU tests;
 * the faulting instruction; a data area; a device window. */
#define RAM_SIZE 0x100000u /* 1 MiB: one section */
#define TTB 0x4000u
#define PC0 0x8000u
#define DATA 0x10000u
#define DEV_BASE 0x10000000u
#define DEV_SIZE 0x1000u
#define UNMAPPED 0x20000000u /* MMU on: no first-level entry */

#define SVC_I_F (ARMPV_MODE_SVC | ARMPV_PSR_I | ARMPV_PSR_F)

static const enum armpv_cpu_model models[2] = { ARMPV_CPU_ARM926EJS,
						ARMPV_CPU_ARM1176JZFS };

static uint8_t ram[RAM_SIZE];
static struct armpv_vm vm;
static struct armpv_vcpu vcpu;
static bool v6;

/* MMIO log: every handler call. */
struct mmio_call {
	uint32_t pa;
	unsigned size;
	bool is_write;
	uint32_t data;
};
static struct mmio_call mmio_log[16];
static int mmio_calls;

/* Device reads return 0xc3b2a1xx + the low address byte (so a halfword
 * read has bit 15 set, and the byte read names its address); writes are
 * logged only. */
static bool test_mmio(void *opaque, uint32_t pa, unsigned size, bool is_write,
		      uint32_t *data)
{
	(void)opaque;
	if (pa - DEV_BASE >= DEV_SIZE)
		return false;
	if (!is_write)
		*data = 0xc3b2a100u | (pa & 0xffu);
	if (mmio_calls < N(mmio_log))
		mmio_log[mmio_calls] = (struct mmio_call){ pa, size, is_write,
							   *data };
	mmio_calls++;
	return true;
}

static void put32(uint32_t pa, uint32_t v)
{
	ck_assert_uint_lt(pa + 3, RAM_SIZE);
	for (int i = 0; i < 4; i++)
		ram[pa + i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(uint32_t pa)
{
	return ram[pa] | ram[pa + 1] << 8 | ram[pa + 2] << 16 |
	       (uint32_t)ram[pa + 3] << 24;
}

/* A fresh machine of model m: SVC mode, I and F set, MMU off (flat),
 * r0-r14 naming themselves, PC at the faulting instruction. */
static void machine(int m)
{
	memset(ram, 0, sizeof(ram));
	memset(mmio_log, 0, sizeof(mmio_log));
	mmio_calls = 0;
	v6 = m != 0;
	armpv_vm_init(&vm, models[m]);
	ck_assert_int_eq(armpv_vm_add_region(&vm, 0, RAM_SIZE, ram, 0), 0);
	armpv_vm_set_mmio(&vm, test_mmio, NULL);
	armpv_vcpu_init(&vcpu, &vm);
	vcpu.cp15.sctlr &= ~(ARMPV_SCTLR_M | ARMPV_SCTLR_A | ARMPV_SCTLR_V |
			     ARMPV_SCTLR_U);
	/* ARMv6 resets with A set too (A2.6.1); the tests start without. */
	armpv_vcpu_write_cpsr(&vcpu, SVC_I_F);
	for (unsigned n = 0; n < 15; n++)
		vcpu.r[n] = 0xa0a0a000u | n;
	vcpu.r[15] = PC0;
}

/* Emulate 'word' from PC0: RESUME, PC wherever the instruction leads
 * (an exception vector, a loaded PC). */
static void emulate(uint32_t word)
{
	vcpu.r[15] = PC0;
	ck_assert_int_eq(armpv_vcpu_emulate_access(&vcpu, word),
			 ARMPV_EXIT_RESUME);
}

/* Emulate 'word' from PC0: RESUME, PC past it. */
static void ok(uint32_t word)
{
	emulate(word);
	ck_assert_msg(vcpu.r[15] == PC0 + 4, "%s word %08x: PC %08x",
		      v6 ? "arm1176" : "arm926", word, vcpu.r[15]);
}

/* ---------------------------------------------------------------------
 * Instruction words.
 */
#define AL 0xeu
#define EQ 0x0u
enum { LSL, LSR, ASR, ROR };

/* A5.2.2-A5.2.4: cond 010P UBWL Rn Rd offset_12. */
static uint32_t ls_imm(bool p, bool u, bool b, bool w, bool l, unsigned rn,
		       unsigned rd, unsigned imm12)
{
	return AL << 28 | 1u << 26 | p << 24 | u << 23 | b << 22 | w << 21 |
	       l << 20 | rn << 16 | rd << 12 | imm12;
}

/* A5.2.4/7/10 scaled register: cond 011P UBWL Rn Rd shift_imm shift 0 Rm
 * (LSL #0 is the plain register form). */
static uint32_t ls_reg(bool p, bool u, bool b, bool w, bool l, unsigned rn,
		       unsigned rd, unsigned shift_imm, unsigned shift,
		       unsigned rm)
{
	return AL << 28 | 3u << 25 | p << 24 | u << 23 | b << 22 | w << 21 |
	       l << 20 | rn << 16 | rd << 12 | shift_imm << 7 | shift << 5 |
	       rm;
}

/* A5.3.2-A5.3.7: cond 000P UIWL Rn Rd immH 1SH1 immL/Rm.  S:H with L = 1:
 * 01 LDRH, 10 LDRSB, 11 LDRSH; with L = 0: 01 STRH, 10 LDRD, 11 STRD. */
enum { SH_H = 1, SH_SB = 2, SH_SH = 3, SH_LDRD = 2, SH_STRD = 3 };
static uint32_t ls3_imm(bool p, bool u, bool w, bool l, unsigned sh,
			unsigned rn, unsigned rd, unsigned imm8)
{
	return AL << 28 | p << 24 | u << 23 | 1u << 22 | w << 21 | l << 20 |
	       rn << 16 | rd << 12 | (imm8 >> 4) << 8 | 0x90u | sh << 5 |
	       (imm8 & 0xfu);
}

static uint32_t ls3_reg(bool p, bool u, bool w, bool l, unsigned sh,
			unsigned rn, unsigned rd, unsigned rm)
{
	return AL << 28 | p << 24 | u << 23 | w << 21 | l << 20 | rn << 16 |
	       rd << 12 | 0x90u | sh << 5 | rm;
}

/* A5.4: cond 100P USWL Rn register_list.  P:U as DA 00 IA 01 DB 10 IB 11. */
enum { DA, IA, DB, IB };
static uint32_t ldm_stm(unsigned am, bool s, bool w, bool l, unsigned rn,
			unsigned list)
{
	return AL << 28 | 4u << 25 | (am >> 1) << 24 | (am & 1) << 23 |
	       s << 22 | w << 21 | l << 20 | rn << 16 | list;
}

/* A4.1.108-109: cond 0001 0B00 Rn Rd 0000 1001 Rm. */
static uint32_t swp(bool b, unsigned rn, unsigned rd, unsigned rm)
{
	return AL << 28 | 0x01000090u | b << 22 | rn << 16 | rd << 12 | rm;
}

/* A4.1.29 LDREX: cond 0001 1001 Rn Rd 1111 1001 1111; A4.1.103 STREX:
 * cond 0001 1000 Rn Rd 1111 1001 Rm.  ARMv6K: bits 22:21 = 00 word,
 * 01 doubleword, 10 byte, 11 halfword. */
enum { EX_W, EX_D, EX_B, EX_H };
static uint32_t ldrex(unsigned sz, unsigned rn, unsigned rd)
{
	return AL << 28 | 0x01900f9fu | sz << 21 | rn << 16 | rd << 12;
}

static uint32_t strex(unsigned sz, unsigned rn, unsigned rd, unsigned rm)
{
	return AL << 28 | 0x01800f90u | sz << 21 | rn << 16 | rd << 12 | rm;
}

/* ---------------------------------------------------------------------
 * Expected exception entry (A2.6): data abort (LR = PC0 + 8, vector 0x10)
 * and Undefined (LR = PC0 + 4, vector 0x04), from SVC with I and F set.
 */
static void expect_exception(uint32_t mode, uint32_t lr, uint32_t vector)
{
	uint32_t cpsr = (SVC_I_F & ~0x1fu) | mode;

	if (v6 && mode == ARMPV_MODE_ABT)
		cpsr |= ARMPV_PSR_A;
	ck_assert_uint_eq(vcpu.cpsr, cpsr);
	ck_assert_uint_eq(vcpu.r[15], vector);
	ck_assert_uint_eq(vcpu.r[14], lr);
	ck_assert_uint_eq(armpv_vcpu_spsr(&vcpu, mode), SVC_I_F);
}

static void expect_data_abort(uint32_t status, bool write, uint32_t far)
{
	expect_exception(ARMPV_MODE_ABT, PC0 + 8, 0x10);
	/* DFSR[3:0] status; bit 11 WnR on ARMv6 (ARM1176 TRM 3.2.21). */
	ck_assert_uint_eq(vcpu.cp15.dfsr & 0x80fu,
			  status | (v6 && write ? 0x800u : 0));
	ck_assert_uint_eq(vcpu.cp15.far, far);
}

/* ---------------------------------------------------------------------
 * A5.2: word loads/stores, immediate offset in all three index modes.
 */
START_TEST(word_immediate_modes)
{
	for (int m = 0; m < 2; m++) {
		const uint32_t base = DATA + 0x100;

		machine(m);
		put32(DATA + 0x104, 0x11223344u);
		put32(DATA + 0xfc, 0x55667788u);
		put32(DATA + 0x100, 0x99aabbccu);
		vcpu.r[1] = base;
		/* A5.2.2 offset: address = Rn + 4, Rn unchanged. */
		ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 4));
		ck_assert_uint_eq(vcpu.r[0], 0x11223344u);
		ck_assert_uint_eq(vcpu.r[1], base);
		/* Offset down: address = Rn - 4; STR at Rn - 0x10. */
		ok(ls_imm(1, 0, 0, 0, 1, 1, 4, 4));
		ck_assert_uint_eq(vcpu.r[4], 0x55667788u);
		ck_assert_uint_eq(vcpu.r[1], base);
		ok(ls_imm(1, 0, 0, 0, 0, 1, 4, 0x10));
		ck_assert_uint_eq(get32(base - 0x10), 0x55667788u);
		ck_assert_uint_eq(vcpu.r[1], base);
		/* A5.2.3 pre-indexed: address = Rn - 4, written back. */
		ok(ls_imm(1, 0, 0, 1, 1, 1, 0, 4));
		ck_assert_uint_eq(vcpu.r[0], 0x55667788u);
		ck_assert_uint_eq(vcpu.r[1], base - 4);
		/* A5.2.4 post-indexed: address = Rn, then Rn + 8. */
		ok(ls_imm(0, 1, 0, 0, 1, 1, 0, 8));
		ck_assert_uint_eq(vcpu.r[0], 0x55667788u);
		ck_assert_uint_eq(vcpu.r[1], base + 4);
		/* STR, pre-indexed down: stores Rd at Rn - 8. */
		vcpu.r[1] = base;
		vcpu.r[2] = 0xcafef00du;
		ok(ls_imm(1, 0, 0, 1, 0, 1, 2, 8));
		ck_assert_uint_eq(get32(base - 8), 0xcafef00du);
		ck_assert_uint_eq(vcpu.r[1], base - 8);
		/* STR post-indexed: at Rn, then Rn + 0xffc (12-bit). */
		ok(ls_imm(0, 1, 0, 0, 0, 1, 2, 0xffc));
		ck_assert_uint_eq(get32(base - 8), 0xcafef00du);
		ck_assert_uint_eq(vcpu.r[1], base - 8 + 0xffc);
		/* A4.1.99: STR Rn with writeback stores the original Rn. */
		vcpu.r[1] = base;
		ok(ls_imm(1, 1, 0, 1, 0, 1, 1, 4));
		ck_assert_uint_eq(get32(base + 4), base);
		ck_assert_uint_eq(vcpu.r[1], base + 4);
		/* doc: LDR post-indexed with Rd = Rn: the loaded value wins
		 * over the writeback. */
		vcpu.r[1] = base;
		ok(ls_imm(0, 1, 0, 0, 1, 1, 1, 4));
		ck_assert_uint_eq(vcpu.r[1], 0x99aabbccu);
		/* Rn = PC reads the instruction's address + 8 (A2.4.3). */
		put32(PC0 + 8 + 0x10, 0x600dcafeu);
		ok(ls_imm(1, 1, 0, 0, 1, 15, 3, 0x10));
		ck_assert_uint_eq(vcpu.r[3], 0x600dcafeu);
		/* STR of PC: + 8 (doc: IMPLEMENTATION DEFINED). */
		vcpu.r[1] = base;
		ok(ls_imm(1, 1, 0, 0, 0, 1, 15, 0));
		ck_assert_uint_eq(get32(base), PC0 + 8);
		ck_assert_uint_eq(vcpu.stats.accesses, 11);
	}
}
END_TEST

/* A5.2.4-A5.2.10: scaled register offsets, every shift.  LDRB from a
 * pattern where the byte at DATA + k is 0x80 + k names the address. */
static void byte_pattern(void)
{
	for (unsigned i = 0; i < 0x100; i++)
		ram[DATA - 0x80 + i] = (uint8_t)i;
}

START_TEST(scaled_register_offsets)
{
	static const struct {
		unsigned shift_imm, shift;
		bool u, carry;
		uint32_t rm, base, byte;
		const char *what;
	} cases[] = {
		/* A5.2.7 LSL #2: 3 << 2 = 12. */
		{ 2, LSL, 1, 0, 3, DATA, 0x8c, "LSL #2" },
		/* LSL #0: the register form (A5.2.3), subtracted. */
		{ 0, LSL, 0, 0, 5, DATA, 0x7b, "register, U = 0" },
		/* LSR #4: 0x100 >> 4 = 0x10. */
		{ 4, LSR, 1, 0, 0x100, DATA, 0x90, "LSR #4" },
		/* LSR #0 encodes LSR #32: index 0. */
		{ 0, LSR, 1, 0, 0x80000000u, DATA, 0x80, "LSR #32" },
		/* ASR #2 of -16 = -4. */
		{ 2, ASR, 1, 0, 0xfffffff0u, DATA, 0x7c, "ASR #2" },
		/* ASR #0 encodes ASR #32: bit 31 everywhere = -1. */
		{ 0, ASR, 1, 0, 0x80000000u, DATA, 0x7f, "ASR #32" },
		/* ROR #8 of 0x2000 = 0x20, subtracted. */
		{ 8, ROR, 0, 0, 0x2000u, DATA, 0x60, "ROR #8" },
		/* ROR #0 encodes RRX: C clear, 0x40 >> 1 = 0x20. */
		{ 0, ROR, 1, 0, 0x40u, DATA, 0xa0, "RRX, C = 0" },
		/* RRX with C set: 0x80000020; base + 0x80000000 wraps. */
		{ 0, ROR, 1, 1, 0x41u, DATA + 0x80000000u, 0xa0, "RRX, C = 1" },
	};

	for (int m = 0; m < 2; m++) {
		for (int i = 0; i < N(cases); i++) {
			machine(m);
			byte_pattern();
			if (cases[i].carry)
				vcpu.cpsr |= ARMPV_PSR_C;
			vcpu.r[1] = cases[i].base;
			vcpu.r[2] = cases[i].rm;
			ok(ls_reg(1, cases[i].u, 1, 0, 1, 1, 0,
				  cases[i].shift_imm, cases[i].shift, 2));
			ck_assert_msg(vcpu.r[0] == cases[i].byte,
				      "%s: loaded 0x%x, want 0x%x",
				      cases[i].what, vcpu.r[0], cases[i].byte);
			ck_assert_uint_eq(vcpu.r[1], cases[i].base);
		}
		machine(m);
		byte_pattern();
		/* Pre-indexed register with writeback: Rn + (3 << 1). */
		vcpu.r[1] = DATA;
		vcpu.r[2] = 3;
		ok(ls_reg(1, 1, 1, 1, 1, 1, 0, 1, LSL, 2));
		ck_assert_uint_eq(vcpu.r[0], 0x86);
		ck_assert_uint_eq(vcpu.r[1], DATA + 6);
		/* Post-indexed, Rn - (8 >> 1): loads at Rn. */
		vcpu.r[1] = DATA;
		vcpu.r[2] = 8;
		ok(ls_reg(0, 0, 1, 0, 1, 1, 0, 1, LSR, 2));
		ck_assert_uint_eq(vcpu.r[0], 0x80);
		ck_assert_uint_eq(vcpu.r[1], DATA - 4);
		/* STRB stores Rd[7:0] only (A4.1.104). */
		vcpu.r[1] = DATA;
		vcpu.r[2] = 2;
		vcpu.r[3] = 0x12345678u;
		ok(ls_reg(1, 1, 1, 0, 0, 1, 3, 2, LSL, 2));
		ck_assert_uint_eq(get32(DATA + 8), 0x8b8a8978u);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * A5.3: halfwords and signed bytes (A4.1.28 LDRH, A4.1.29 LDRSB,
 * A4.1.30 LDRSH, A4.1.104 STRH).
 */
START_TEST(halfword_signed)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		put32(DATA + 0x1c, 0x7f818001u); /* halves 8001, 7f81 */
		vcpu.r[1] = DATA;
		/* Immediate 0x1c split 1:c: LDRH zero-extends. */
		ok(ls3_imm(1, 1, 0, 1, SH_H, 1, 0, 0x1c));
		ck_assert_uint_eq(vcpu.r[0], 0x8001u);
		/* LDRSH sign-extends bit 15. */
		ok(ls3_imm(1, 1, 0, 1, SH_SH, 1, 0, 0x1c));
		ck_assert_uint_eq(vcpu.r[0], 0xffff8001u);
		/* LDRSH of 0x7f81 stays positive. */
		ok(ls3_imm(1, 1, 0, 1, SH_SH, 1, 0, 0x1e));
		ck_assert_uint_eq(vcpu.r[0], 0x7f81u);
		/* LDRSB: 0x81 negative, 0x7f positive. */
		ok(ls3_imm(1, 1, 0, 1, SH_SB, 1, 0, 0x1e));
		ck_assert_uint_eq(vcpu.r[0], 0xffffff81u);
		ok(ls3_imm(1, 1, 0, 1, SH_SB, 1, 0, 0x1f));
		ck_assert_uint_eq(vcpu.r[0], 0x7fu);
		/* Register offset, pre-indexed with writeback, subtracted. */
		vcpu.r[1] = DATA + 0x30;
		vcpu.r[2] = 0x14;
		ok(ls3_reg(1, 0, 1, 1, SH_H, 1, 0, 2));
		ck_assert_uint_eq(vcpu.r[0], 0x8001u);
		ck_assert_uint_eq(vcpu.r[1], DATA + 0x1c);
		/* Post-indexed immediate: at Rn, then Rn + 2. */
		ok(ls3_imm(0, 1, 0, 1, SH_SH, 1, 0, 2));
		ck_assert_uint_eq(vcpu.r[0], 0xffff8001u);
		ck_assert_uint_eq(vcpu.r[1], DATA + 0x1e);
		/* Post-indexed register LDRSB: at Rn, then Rn - Rm. */
		vcpu.r[2] = 0x1e;
		ok(ls3_reg(0, 0, 0, 1, SH_SB, 1, 0, 2));
		ck_assert_uint_eq(vcpu.r[0], 0xffffff81u);
		ck_assert_uint_eq(vcpu.r[1], DATA);
		/* STRH stores Rd[15:0]; the other half is untouched. */
		vcpu.r[3] = 0xdeadbeefu;
		ok(ls3_imm(1, 1, 0, 0, SH_H, 1, 3, 0x1e));
		ck_assert_uint_eq(get32(DATA + 0x1c), 0xbeef8001u);
		/* STRH register post-indexed: at Rn, Rn + Rm. */
		vcpu.r[2] = 0x20;
		ok(ls3_reg(0, 1, 0, 0, SH_H, 1, 3, 2));
		ck_assert_uint_eq(get32(DATA), 0xbeefu);
		ck_assert_uint_eq(vcpu.r[1], DATA + 0x20);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * A4.1.26 LDRD, A4.1.102 STRD (ARMv5TE).
 */
START_TEST(doubleword)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		put32(DATA + 8, 0x11111111u);
		put32(DATA + 12, 0x22222222u);
		vcpu.r[1] = DATA;
		/* LDRD r4, [r1, #8]: r4 = [a], r5 = [a + 4]. */
		ok(ls3_imm(1, 1, 0, 0, SH_LDRD, 1, 4, 8));
		ck_assert_uint_eq(vcpu.r[4], 0x11111111u);
		ck_assert_uint_eq(vcpu.r[5], 0x22222222u);
		/* STRD r6, [r1, #-8]!: two words, Rn written back. */
		vcpu.r[6] = 0x66666666u;
		vcpu.r[7] = 0x77777777u;
		ok(ls3_imm(1, 0, 1, 0, SH_STRD, 1, 6, 8));
		ck_assert_uint_eq(get32(DATA - 8), 0x66666666u);
		ck_assert_uint_eq(get32(DATA - 4), 0x77777777u);
		ck_assert_uint_eq(vcpu.r[1], DATA - 8);
		/* LDRD r2, [r1], r8: post-indexed register. */
		vcpu.r[8] = 0x10;
		ok(ls3_reg(0, 1, 0, 0, SH_LDRD, 1, 2, 8));
		ck_assert_uint_eq(vcpu.r[2], 0x66666666u);
		ck_assert_uint_eq(vcpu.r[3], 0x77777777u);
		ck_assert_uint_eq(vcpu.r[1], DATA + 8);
	}
}
END_TEST

/* doc: LDRD/STRD with an odd Rd is Undefined (UNPREDICTABLE in A4.1.26). */
START_TEST(doubleword_odd_register)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		vcpu.r[1] = DATA;
		emulate(ls3_imm(1, 1, 0, 0, SH_LDRD, 1, 5, 0));
		expect_exception(ARMPV_MODE_UND, PC0 + 4, 0x04);
		ck_assert_uint_eq(vcpu.r[5], 0xa0a0a005u);
	}
}
END_TEST

/* Alignment of LDRD/STRD (A2.8, ARMv6 table A2-10): with SCTLR.A a
 * doubleword-aligned address is required; ARMv6 with U needs a word-
 * aligned one (and faults a misaligned word even without A). */
START_TEST(doubleword_alignment)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		vcpu.cp15.sctlr |= ARMPV_SCTLR_A;
		vcpu.r[1] = DATA + 4;
		emulate(ls3_imm(1, 1, 1, 0, SH_LDRD, 1, 2, 0));
		expect_data_abort(ARMPV_FSR_ALIGNMENT, false, DATA + 4);
		ck_assert_uint_eq(vcpu.r[1], DATA + 4);
	}
	machine(1);
	vcpu.cp15.sctlr |= ARMPV_SCTLR_U;
	put32(DATA + 4, 0x44444444u);
	put32(DATA + 8, 0x88888888u);
	vcpu.r[1] = DATA + 4;
	ok(ls3_imm(1, 1, 0, 0, SH_LDRD, 1, 2, 0));
	ck_assert_uint_eq(vcpu.r[2], 0x44444444u);
	ck_assert_uint_eq(vcpu.r[3], 0x88888888u);
	vcpu.r[1] = DATA + 2;
	emulate(ls3_imm(1, 1, 0, 0, SH_STRD, 1, 2, 0));
	expect_data_abort(ARMPV_FSR_ALIGNMENT, true, DATA + 2);
	/* doc: ARMv5 without A, not doubleword-aligned: bits 1:0 ignored,
	 * two words from there. */
	machine(0);
	put32(DATA + 4, 0x44444444u);
	put32(DATA + 8, 0x88888888u);
	vcpu.r[1] = DATA + 6;
	ok(ls3_imm(1, 1, 0, 0, SH_LDRD, 1, 2, 0));
	ck_assert_uint_eq(vcpu.r[2], 0x44444444u);
	ck_assert_uint_eq(vcpu.r[3], 0x88888888u);
}
END_TEST

/* ---------------------------------------------------------------------
 * MMIO: the device sees each access with its size, address, direction
 * and value (mem.h: aligned device accesses go out whole).
 */
START_TEST(mmio_accesses)
{
	static const struct mmio_call want[6] = {
		{ DEV_BASE + 0x10, 4, false, 0xc3b2a110u },
		{ DEV_BASE + 0x20, 4, true, 0xdeadbeefu },
		{ DEV_BASE + 0x13, 1, false, 0xc3b2a113u },
		{ DEV_BASE + 0x22, 2, true, 0xbeefu },
		{ DEV_BASE + 0x24, 2, false, 0xc3b2a124u },
		{ DEV_BASE + 0x25, 1, true, 0xefu },
	};

	for (int m = 0; m < 2; m++) {
		machine(m);
		vcpu.r[1] = DEV_BASE;
		vcpu.r[2] = 0xdeadbeefu;
		ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 0x10));
		ck_assert_uint_eq(vcpu.r[0], 0xc3b2a110u);
		ok(ls_imm(1, 1, 0, 0, 0, 1, 2, 0x20));
		ok(ls_imm(1, 1, 1, 0, 1, 1, 0, 0x13));
		ck_assert_uint_eq(vcpu.r[0], 0x13u);
		ok(ls3_imm(1, 1, 0, 0, SH_H, 1, 2, 0x22));
		ok(ls3_imm(1, 1, 0, 1, SH_SH, 1, 0, 0x24));
		ck_assert_uint_eq(vcpu.r[0], 0xffffa124u);
		ok(ls_imm(1, 1, 1, 0, 0, 1, 2, 0x25));
		ck_assert_int_eq(mmio_calls, 6);
		for (int i = 0; i < 6; i++) {
			ck_assert_uint_eq(mmio_log[i].pa, want[i].pa);
			ck_assert_uint_eq(mmio_log[i].size, want[i].size);
			ck_assert_int_eq(mmio_log[i].is_write,
					 want[i].is_write);
			ck_assert_uint_eq(mmio_log[i].data, want[i].data);
		}
		/* Beyond the device: external abort (B4.6, mem.h), base
		 * restored. */
		vcpu.r[1] = DEV_BASE + DEV_SIZE;
		emulate(ls_imm(1, 1, 0, 1, 1, 1, 0, 0));
		expect_data_abort(ARMPV_FSR_EXTABT_NONLINEFETCH, false,
				  DEV_BASE + DEV_SIZE);
		ck_assert_uint_eq(vcpu.r[1], DEV_BASE + DEV_SIZE);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * A4.1.108-109 SWP, SWPB: read the old value, write Rm, Rd = old.
 */
START_TEST(swap)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		put32(DATA, 0x11111111u);
		vcpu.r[1] = DATA;
		vcpu.r[2] = 0x22222222u;
		ok(swp(0, 1, 0, 2));
		ck_assert_uint_eq(vcpu.r[0], 0x11111111u);
		ck_assert_uint_eq(get32(DATA), 0x22222222u);
		/* Rd = Rm swaps the register with memory (A4.1.108). */
		vcpu.r[3] = 0x33333333u;
		ok(swp(0, 1, 3, 3));
		ck_assert_uint_eq(vcpu.r[3], 0x22222222u);
		ck_assert_uint_eq(get32(DATA), 0x33333333u);
		/* SWPB: bytes, zero-extended. */
		vcpu.r[4] = 0xabcdef99u;
		ok(swp(1, 1, 5, 4));
		ck_assert_uint_eq(vcpu.r[5], 0x33u);
		ck_assert_uint_eq(get32(DATA), 0x33333399u);
		/* On a device: one read, then one write. */
		vcpu.r[1] = DEV_BASE + 0x40;
		ok(swp(0, 1, 0, 2));
		ck_assert_uint_eq(vcpu.r[0], 0xc3b2a140u);
		ck_assert_int_eq(mmio_calls, 2);
		ck_assert(!mmio_log[0].is_write);
		ck_assert(mmio_log[1].is_write);
		ck_assert_uint_eq(mmio_log[1].pa, DEV_BASE + 0x40);
		ck_assert_uint_eq(mmio_log[1].data, 0x22222222u);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * Loads to PC: LDR (A4.1.23) and LDM (A4.1.20) interwork on ARMv5T and
 * later: bit 0 selects Thumb.
 */
START_TEST(load_to_pc)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		put32(DATA, 0x00009001u);
		put32(DATA + 4, 0x0000a000u);
		vcpu.r[1] = DATA;
		emulate(ls_imm(1, 1, 0, 0, 1, 1, 15, 0));
		ck_assert_uint_eq(vcpu.r[15], 0x9000u);
		ck_assert(vcpu.cpsr & ARMPV_PSR_T);
		machine(m);
		put32(DATA, 0x12345678u);
		put32(DATA + 4, 0x0000a000u);
		vcpu.r[1] = DATA;
		/* LDMIA r1!, {r0, pc}: ARM state, r1 written back. */
		emulate(ldm_stm(IA, 0, 1, 1, 1, 0x8001u));
		ck_assert_uint_eq(vcpu.r[15], 0xa000u);
		ck_assert_uint_eq(vcpu.r[0], 0x12345678u);
		ck_assert_uint_eq(vcpu.r[1], DATA + 8);
		ck_assert(!(vcpu.cpsr & ARMPV_PSR_T));
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * A5.4 LDM(1)/STM(1) (A4.1.20, A4.1.97).
 */
START_TEST(block_transfers)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		for (unsigned i = 0; i < 8; i++)
			put32(DATA - 16 + 4 * i, 0x100u + i);
		/* LDMIA r1!, {r2, r3, r5}: DATA.., r1 += 12. */
		vcpu.r[1] = DATA;
		ok(ldm_stm(IA, 0, 1, 1, 1, 0x2cu));
		ck_assert_uint_eq(vcpu.r[2], 0x104u);
		ck_assert_uint_eq(vcpu.r[3], 0x105u);
		ck_assert_uint_eq(vcpu.r[5], 0x106u);
		ck_assert_uint_eq(vcpu.r[1], DATA + 12);
		/* LDMDB r1, {r0, r1}: Rn - 8 and Rn - 4, Rn loaded. */
		vcpu.r[1] = DATA;
		ok(ldm_stm(DB, 0, 0, 1, 1, 0x3u));
		ck_assert_uint_eq(vcpu.r[0], 0x102u);
		ck_assert_uint_eq(vcpu.r[1], 0x103u);
		/* LDMIB / LDMDA without writeback. */
		vcpu.r[1] = DATA;
		ok(ldm_stm(IB, 0, 0, 1, 1, 0x4u));
		ck_assert_uint_eq(vcpu.r[2], 0x105u);
		ok(ldm_stm(DA, 0, 0, 1, 1, 0xcu));
		ck_assert_uint_eq(vcpu.r[2], 0x103u);
		ck_assert_uint_eq(vcpu.r[3], 0x104u);
		/* STMIB r1!, {r1, r2}: Rn lowest in the list stores its
		 * original value (A4.1.97); Rn += 8. */
		vcpu.r[2] = 0x2222u;
		ok(ldm_stm(IB, 0, 1, 0, 1, 0x6u));
		ck_assert_uint_eq(get32(DATA + 4), DATA);
		ck_assert_uint_eq(get32(DATA + 8), 0x2222u);
		ck_assert_uint_eq(vcpu.r[1], DATA + 8);
		/* STMDA r1, {r4, pc}: PC stores + 8 (doc). */
		vcpu.r[4] = 0x4444u;
		ok(ldm_stm(DA, 0, 0, 0, 1, 0x8010u));
		ck_assert_uint_eq(get32(DATA + 4), 0x4444u);
		ck_assert_uint_eq(get32(DATA + 8), PC0 + 8);
		/* STMDB to a device: four word writes in address order. */
		vcpu.r[1] = DEV_BASE + 0x50;
		ok(ldm_stm(DB, 0, 1, 0, 1, 0xf0u));
		ck_assert_uint_eq(vcpu.r[1], DEV_BASE + 0x40);
		ck_assert_int_eq(mmio_calls, 4);
		for (int i = 0; i < 4; i++) {
			ck_assert_uint_eq(mmio_log[i].pa,
					  DEV_BASE + 0x40 + 4 * i);
			ck_assert_uint_eq(mmio_log[i].size, 4);
			ck_assert(mmio_log[i].is_write);
			ck_assert_uint_eq(mmio_log[i].data, vcpu.r[4 + i]);
		}
		/* doc: an empty list is Undefined. */
		emulate(ldm_stm(IA, 0, 0, 1, 1, 0));
		expect_exception(ARMPV_MODE_UND, PC0 + 4, 0x04);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * Faults with the guest MMU on: the guest's data abort on the
 * instruction (A2.6.5: LR_abt = address + 8), DFSR/FAR (B4.6), the base
 * register restored (ARM926EJ-S and ARM1176: base restored abort model).
 */
#define L1_SECT(pa, ap) (((pa)&0xfff00000u) | (ap) << 10 | 0x12u)

static void mmu_on(void)
{
	/* VA 0 -> RAM (AP 01: privileged only), VA DEV_BASE -> device
	 * (AP 11); nothing else.  Domain 0 client (B4.4, table B4-1). */
	put32(TTB + 0, L1_SECT(0, 1));
	put32(TTB + (DEV_BASE >> 20) * 4, L1_SECT(DEV_BASE, 3));
	vcpu.cp15.ttbr0 = TTB;
	vcpu.cp15.dacr = 1;
	vcpu.cp15.sctlr |= ARMPV_SCTLR_M;
}

START_TEST(translation_fault)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		mmu_on();
		/* LDR r0, [r1, #4]!: section translation fault (0x5). */
		vcpu.r[1] = UNMAPPED;
		emulate(ls_imm(1, 1, 0, 1, 1, 1, 0, 4));
		expect_data_abort(ARMPV_FSR_TRANS_SECTION, false, UNMAPPED + 4);
		ck_assert_uint_eq(vcpu.r[1], UNMAPPED);
		ck_assert_uint_eq(vcpu.r[0], 0xa0a0a000u);
		/* STRH post-indexed: WnR on ARMv6, base restored. */
		machine(m);
		mmu_on();
		vcpu.r[1] = UNMAPPED + 0x10;
		emulate(ls3_imm(0, 1, 0, 0, SH_H, 1, 0, 2));
		expect_data_abort(ARMPV_FSR_TRANS_SECTION, true,
				  UNMAPPED + 0x10);
		ck_assert_uint_eq(vcpu.r[1], UNMAPPED + 0x10);
		/* LDMIA r1!, {r2-r5} running off the mapped section: no
		 * register written, FAR the first unmapped word. */
		machine(m);
		mmu_on();
		vcpu.r[1] = 0x000ffff8u;
		emulate(ldm_stm(IA, 0, 1, 1, 1, 0x3cu));
		expect_data_abort(ARMPV_FSR_TRANS_SECTION, false, 0x00100000u);
		ck_assert_uint_eq(vcpu.r[1], 0x000ffff8u);
		ck_assert_uint_eq(vcpu.r[2], 0xa0a0a002u);
		ck_assert_uint_eq(vcpu.r[3], 0xa0a0a003u);
		/* Through the MMU to the device: works from SVC. */
		machine(m);
		mmu_on();
		vcpu.r[1] = DEV_BASE;
		ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 8));
		ck_assert_uint_eq(vcpu.r[0], 0xc3b2a108u);
	}
}
END_TEST

/* The access has the virtual mode's privilege: from virtual USR mode an
 * AP 01 section is a permission fault (B4.4 table B4-1, status 0xd). */
START_TEST(user_mode_permission)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		mmu_on();
		put32(DATA, 0x5a5a5a5au);
		vcpu.r[1] = DATA;
		ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 0));
		ck_assert_uint_eq(vcpu.r[0], 0x5a5a5a5au);
		armpv_vcpu_write_cpsr(&vcpu, ARMPV_MODE_USR);
		vcpu.r[1] = DATA;
		emulate(ls_imm(1, 1, 0, 0, 0, 1, 0, 0));
		ck_assert_uint_eq(vcpu.cpsr & 0x1fu, ARMPV_MODE_ABT);
		ck_assert_uint_eq(vcpu.r[15], 0x10u);
		ck_assert_uint_eq(vcpu.r[14], PC0 + 8);
		ck_assert_uint_eq(vcpu.cp15.dfsr & 0x80fu,
				  ARMPV_FSR_PERM_SECTION | (v6 ? 0x800u : 0));
		ck_assert_uint_eq(vcpu.cp15.far, DATA);
		ck_assert_uint_eq(get32(DATA), 0x5a5a5a5au);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * Alignment (A2.8; ARMv6 table A2-10).
 */
START_TEST(alignment_fault)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		vcpu.cp15.sctlr |= ARMPV_SCTLR_A;
		vcpu.r[1] = DATA;
		/* LDR r0, [r1, #1]!: alignment fault (0x1), base kept. */
		emulate(ls_imm(1, 1, 0, 1, 1, 1, 0, 1));
		expect_data_abort(ARMPV_FSR_ALIGNMENT, false, DATA + 1);
		ck_assert_uint_eq(vcpu.r[1], DATA);
		/* STRH at an odd address. */
		machine(m);
		vcpu.cp15.sctlr |= ARMPV_SCTLR_A;
		vcpu.r[1] = DATA;
		emulate(ls3_imm(1, 1, 0, 0, SH_H, 1, 0, 3));
		expect_data_abort(ARMPV_FSR_ALIGNMENT, true, DATA + 3);
		/* Bytes are never misaligned. */
		machine(m);
		vcpu.cp15.sctlr |= ARMPV_SCTLR_A;
		vcpu.r[1] = DATA;
		ok(ls_imm(1, 1, 1, 0, 1, 1, 0, 3));
		/* SWP of a misaligned word. */
		vcpu.r[1] = DATA + 2;
		emulate(swp(0, 1, 0, 2));
		expect_data_abort(ARMPV_FSR_ALIGNMENT, false, DATA + 2);
	}
}
END_TEST

/* Without SCTLR.A: ARMv5 (and ARMv6 with U clear) rotate a misaligned
 * LDR word and ignore bits 1:0 of an STR (A4.1.23, A4.1.99); ARMv6 with
 * U set accesses the unaligned word (A2.8.2). */
START_TEST(unaligned_words)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		put32(DATA, 0x44332211u);
		put32(DATA + 4, 0x88776655u);
		vcpu.r[1] = DATA;
		ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 1));
		ck_assert_uint_eq(vcpu.r[0], 0x11443322u);
		ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 3));
		ck_assert_uint_eq(vcpu.r[0], 0x33221144u);
		vcpu.r[2] = 0xaabbccddu;
		ok(ls_imm(1, 1, 0, 0, 0, 1, 2, 6));
		ck_assert_uint_eq(get32(DATA + 4), 0xaabbccddu);
		/* SWP: rotated load, aligned store (A4.1.108). */
		put32(DATA, 0x44332211u);
		vcpu.r[1] = DATA + 2;
		vcpu.r[2] = 0x12345678u;
		ok(swp(0, 1, 0, 2));
		ck_assert_uint_eq(vcpu.r[0], 0x22114433u);
		ck_assert_uint_eq(get32(DATA), 0x12345678u);
	}
	machine(1);
	vcpu.cp15.sctlr |= ARMPV_SCTLR_U;
	put32(DATA, 0x44332211u);
	put32(DATA + 4, 0x88776655u);
	vcpu.r[1] = DATA;
	ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 1));
	ck_assert_uint_eq(vcpu.r[0], 0x55443322u);
	ok(ls3_imm(1, 1, 0, 1, SH_H, 1, 0, 3));
	ck_assert_uint_eq(vcpu.r[0], 0x5544u);
	vcpu.r[2] = 0xaabbccddu;
	ok(ls_imm(1, 1, 0, 0, 0, 1, 2, 2));
	ck_assert_uint_eq(get32(DATA), 0xccdd2211u);
	ck_assert_uint_eq(get32(DATA + 4), 0x8877aabbu);
	/* ARMv6 with U: a misaligned SWP faults (table A2-10). */
	machine(1);
	vcpu.cp15.sctlr |= ARMPV_SCTLR_U;
	vcpu.r[1] = DATA + 1;
	emulate(swp(0, 1, 0, 2));
	expect_data_abort(ARMPV_FSR_ALIGNMENT, false, DATA + 1);
}
END_TEST

/* ARMv6 CPSR.E (A2.7.4 BE-8): data words and halfwords are big-endian;
 * bytes are not affected. */
START_TEST(v6_big_endian)
{
	machine(1);
	vcpu.cpsr |= ARMPV_PSR_E;
	put32(DATA, 0x44332211u); /* bytes 11 22 33 44 */
	vcpu.r[1] = DATA;
	ok(ls_imm(1, 1, 0, 0, 1, 1, 0, 0));
	ck_assert_uint_eq(vcpu.r[0], 0x11223344u);
	ok(ls3_imm(1, 1, 0, 1, SH_H, 1, 0, 2));
	ck_assert_uint_eq(vcpu.r[0], 0x3344u);
	ok(ls3_imm(1, 1, 0, 1, SH_SH, 1, 0, 0));
	ck_assert_uint_eq(vcpu.r[0], 0x1122u);
	ok(ls_imm(1, 1, 1, 0, 1, 1, 0, 3));
	ck_assert_uint_eq(vcpu.r[0], 0x44u);
	vcpu.r[2] = 0xaabbccddu;
	ok(ls_imm(1, 1, 0, 0, 0, 1, 2, 4));
	ck_assert_uint_eq(get32(DATA + 4), 0xddccbbaau);
	ok(ls3_imm(1, 1, 0, 0, SH_H, 1, 2, 8));
	ck_assert_uint_eq(get32(DATA + 8), 0xddccu);
}
END_TEST

/* ---------------------------------------------------------------------
 * ARMv6 exclusives (A4.1.29, A4.1.103; ARMv6K sizes).  doc: STREX that
 * reaches the core is a plain store that succeeds (Rd = 0).
 */
START_TEST(v6_exclusives)
{
	machine(1);
	put32(DATA, 0x11111111u);
	put32(DATA + 4, 0x22222222u);
	put32(DATA + 8, 0x8877f1f0u);
	vcpu.r[1] = DATA;
	ok(ldrex(EX_W, 1, 0));
	ck_assert_uint_eq(vcpu.r[0], 0x11111111u);
	vcpu.r[3] = 0x33333333u;
	ok(strex(EX_W, 1, 2, 3));
	ck_assert_uint_eq(vcpu.r[2], 0);
	ck_assert_uint_eq(get32(DATA), 0x33333333u);
	ok(ldrex(EX_D, 1, 4));
	ck_assert_uint_eq(vcpu.r[4], 0x33333333u);
	ck_assert_uint_eq(vcpu.r[5], 0x22222222u);
	vcpu.r[6] = 0x66666666u;
	vcpu.r[7] = 0x77777777u;
	vcpu.r[2] = 5;
	ok(strex(EX_D, 1, 2, 6));
	ck_assert_uint_eq(vcpu.r[2], 0);
	ck_assert_uint_eq(get32(DATA), 0x66666666u);
	ck_assert_uint_eq(get32(DATA + 4), 0x77777777u);
	vcpu.r[1] = DATA + 8;
	ok(ldrex(EX_B, 1, 0));
	ck_assert_uint_eq(vcpu.r[0], 0xf0u);
	ok(ldrex(EX_H, 1, 0));
	ck_assert_uint_eq(vcpu.r[0], 0xf1f0u);
	vcpu.r[3] = 0xabcd1234u;
	ok(strex(EX_H, 1, 2, 3));
	ck_assert_uint_eq(get32(DATA + 8), 0x88771234u);
	ok(strex(EX_B, 1, 2, 3));
	ck_assert_uint_eq(get32(DATA + 8), 0x88771234u);
	/* To a device: a plain store. */
	vcpu.r[1] = DEV_BASE + 0x60;
	ok(strex(EX_W, 1, 2, 3));
	ck_assert_int_eq(mmio_calls, 1);
	ck_assert_uint_eq(mmio_log[0].data, 0xabcd1234u);
	/* Misaligned: alignment fault even with SCTLR.A clear (doc). */
	vcpu.r[1] = DATA + 2;
	emulate(ldrex(EX_W, 1, 0));
	expect_data_abort(ARMPV_FSR_ALIGNMENT, false, DATA + 2);
}
END_TEST

/* ---------------------------------------------------------------------
 * Condition (A3.2): failing, the instruction does nothing but advance PC.
 */
START_TEST(condition_fails)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		vcpu.r[1] = DEV_BASE;
		/* LDREQ r0, [r1, #4]! with Z clear. */
		ok((ls_imm(1, 1, 0, 1, 1, 1, 0, 4) & 0x0fffffffu) | EQ << 28);
		ck_assert_uint_eq(vcpu.r[0], 0xa0a0a000u);
		ck_assert_uint_eq(vcpu.r[1], DEV_BASE);
		ck_assert_int_eq(mmio_calls, 0);
		ck_assert_uint_eq(vcpu.stats.cond_failed, 1);
		/* With Z set it passes. */
		vcpu.cpsr |= ARMPV_PSR_Z;
		ok((ls_imm(1, 1, 0, 1, 1, 1, 0, 4) & 0x0fffffffu) | EQ << 28);
		ck_assert_uint_eq(vcpu.r[0], 0xc3b2a104u);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * Thumb state (A7.1): each load/store form as its ARM equivalent, PC
 * advanced by 2; and a user task's LDRT (an ordinary user load).
 */
static void thumb_ok(uint32_t pc, uint16_t hw)
{
	vcpu.r[15] = pc;
	ck_assert_int_eq(armpv_vcpu_emulate_access(&vcpu, hw),
			 ARMPV_EXIT_RESUME);
	ck_assert_msg(vcpu.r[15] == pc + 2, "thumb %04x: PC %08x", hw,
		      vcpu.r[15]);
}

START_TEST(thumb_forms)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		vcpu.cpsr |= ARMPV_PSR_T;
		for (unsigned i = 0; i < 8; i++)
			put32(DATA + 4 * i, 0x11110000u * (i + 1) + i);
		vcpu.r[0] = DATA;
		vcpu.r[1] = 8;
		thumb_ok(PC0, 0x6842);	/* ldr r2, [r0, #4] */
		ck_assert_uint_eq(vcpu.r[2], get32(DATA + 4));
		thumb_ok(PC0, 0x5842);	/* ldr r2, [r0, r1] */
		ck_assert_uint_eq(vcpu.r[2], get32(DATA + 8));
		thumb_ok(PC0, 0x7942);	/* ldrb r2, [r0, #5] */
		ck_assert_uint_eq(vcpu.r[2], ram[DATA + 5]);
		thumb_ok(PC0, 0x8942);	/* ldrh r2, [r0, #10] */
		ck_assert_uint_eq(vcpu.r[2], get32(DATA + 8) >> 16);
		put32(DATA + 0x20, 0x80010000u);
		vcpu.r[1] = 0x22;
		thumb_ok(PC0, 0x5e42);	/* ldrsh r2, [r0, r1] */
		ck_assert_uint_eq(vcpu.r[2], 0xffff8001u);
		vcpu.r[3] = 0xcafef00du;
		thumb_ok(PC0, 0x6183);	/* str r3, [r0, #24] */
		ck_assert_uint_eq(get32(DATA + 24), 0xcafef00du);
		thumb_ok(PC0, 0x7703);	/* strb r3, [r0, #28] */
		ck_assert_uint_eq(ram[DATA + 28], 0x0du);
		/* LDR r4, [PC, #4]: Align(PC + 4, 4) + 4, from either
		 * halfword of a word. */
		put32(PC0 + 8, 0x5eed0008u);
		thumb_ok(PC0, 0x4c01);
		ck_assert_uint_eq(vcpu.r[4], 0x5eed0008u);
		thumb_ok(PC0 + 2, 0x4c01);
		ck_assert_uint_eq(vcpu.r[4], 0x5eed0008u);
		/* SP-relative, PUSH and POP. */
		vcpu.r[13] = DATA + 0x40;
		thumb_ok(PC0, 0x9d01);	/* ldr r5, [sp, #4] */
		ck_assert_uint_eq(vcpu.r[5], get32(DATA + 0x44));
		vcpu.r[14] = 0x9001u;
		thumb_ok(PC0, 0xb508);	/* push {r3, lr} */
		ck_assert_uint_eq(vcpu.r[13], DATA + 0x38);
		ck_assert_uint_eq(get32(DATA + 0x38), 0xcafef00du);
		ck_assert_uint_eq(get32(DATA + 0x3c), 0x9001u);
		/* pop {r6, pc}: interworks, stays Thumb. */
		vcpu.r[15] = PC0;
		ck_assert_int_eq(armpv_vcpu_emulate_access(&vcpu, 0xbd40),
				 ARMPV_EXIT_RESUME);
		ck_assert_uint_eq(vcpu.r[6], 0xcafef00du);
		ck_assert_uint_eq(vcpu.r[15], 0x9000u);
		ck_assert(vcpu.cpsr & ARMPV_PSR_T);
		ck_assert_uint_eq(vcpu.r[13], DATA + 0x40);
		/* LDMIA r0!, {r1, r2}; then with r0 in the list: no
		 * writeback, the loaded value. */
		thumb_ok(PC0, 0xc806);
		ck_assert_uint_eq(vcpu.r[1], get32(DATA));
		ck_assert_uint_eq(vcpu.r[2], get32(DATA + 4));
		ck_assert_uint_eq(vcpu.r[0], DATA + 8);
		thumb_ok(PC0, 0xc803);	/* ldmia r0, {r0, r1} */
		ck_assert_uint_eq(vcpu.r[0], get32(DATA + 8));
		ck_assert_uint_eq(vcpu.r[1], get32(DATA + 12));
		/* Not a load or store: a guest error. */
		vcpu.r[15] = PC0;
		ck_assert_int_eq(armpv_vcpu_emulate_access(&vcpu, 0x1c08),
				 ARMPV_EXIT_GUEST_ERROR);
		ck_assert_uint_eq(vcpu.r[15], PC0);
	}
}
END_TEST

START_TEST(user_ldrt)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		armpv_vcpu_write_cpsr(&vcpu, ARMPV_MODE_USR);
		vcpu.r[1] = DEV_BASE + 0x10;
		ok(ls_imm(0, 1, 0, 1, 1, 1, 0, 4)); /* LDRT r0, [r1], #4 */
		ck_assert_uint_eq(vcpu.r[0], 0xc3b2a110u);
		ck_assert_uint_eq(vcpu.r[1], DEV_BASE + 0x14);
		ck_assert_int_eq(mmio_calls, 1);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * Not a load/store this function handles: a guest error, vCPU unchanged.
 */
static void expect_guest_error(uint32_t word)
{
	uint32_t cpsr = vcpu.cpsr, r1 = vcpu.r[1];

	vcpu.r[15] = PC0;
	ck_assert_msg(armpv_vcpu_emulate_access(&vcpu, word) ==
			      ARMPV_EXIT_GUEST_ERROR,
		      "word %08x: not a guest error", word);
	ck_assert_uint_eq(vcpu.run.exit_reason, ARMPV_EXIT_GUEST_ERROR);
	ck_assert_uint_eq(vcpu.run.error.pc, PC0);
	ck_assert_uint_eq(vcpu.run.error.word, word);
	ck_assert_ptr_nonnull(vcpu.run.error.what);
	ck_assert_uint_eq(vcpu.r[15], PC0);
	ck_assert_uint_eq(vcpu.cpsr, cpsr);
	ck_assert_uint_eq(vcpu.r[1], r1);
	ck_assert_int_eq(mmio_calls, 0);
}

START_TEST(unsupported_encodings)
{
	for (int m = 0; m < 2; m++) {
		machine(m);
		vcpu.r[1] = DEV_BASE;
		expect_guest_error(0xe1a00001u);	/* MOV r0, r1 */
		expect_guest_error(0xe0000291u);	/* MUL r0, r1, r2 */
		expect_guest_error(ls_imm(0, 1, 0, 1, 1, 1, 0, 4)); /* LDRT */
		expect_guest_error(ls_reg(0, 1, 1, 1, 0, 1, 0, 0, LSL, 2));
		expect_guest_error(ldm_stm(IA, 1, 0, 1, 1, 3)); /* LDM^ */
		expect_guest_error(ldm_stm(DB, 1, 0, 0, 1, 3)); /* STM^ */
		expect_guest_error(0xe6100010u); /* I = 1, bit 4: media */
		expect_guest_error(ls3_imm(0, 1, 1, 1, SH_H, 1, 0, 2));
		expect_guest_error(0xf5d1f000u); /* PLD [r1] */
		expect_guest_error(0xed910100u); /* LDC p1, c0, [r1] */
		if (m == 0)
			expect_guest_error(ldrex(EX_W, 1, 0));
		/* Thumb state. */
		vcpu.cpsr |= ARMPV_PSR_T;
		expect_guest_error(ls_imm(1, 1, 0, 0, 1, 1, 0, 0));
		ck_assert_uint_eq(vcpu.stats.exits[ARMPV_EXIT_GUEST_ERROR],
				  m == 0 ? 12 : 11);
	}
}
END_TEST

/* ---------------------------------------------------------------------
 * armpv_vcpu_emulate_access_at(): the backend's translation of the
 * faulting address (armpv_mem_translate_entry) serves its 1 KiB only.
 * Second-level small pages (B4.7: coarse table, four subpage APs at bits
 * 11:4, subpage k by VA[11:10]) around page and subpage boundaries:
 *   TVA + 0x0000  the device, subpages AP 11, 10, 11, 01
 *   TVA + 0x1000  no page (translation fault, page: 0x7)
 *   TVA + 0x2000  RAM at DATA
 *   TVA + 0x3000  the device, AP 11
 *   TVA + 0x4000  RAM at DATA + 0x1000
 *   TVA + 0x5000  ROM (a read-only region: a store is an external abort)
 */
#define TVA 0x30000000u
#define L2T 0x6000u
#define ROM_BASE 0x00200000u
#define L1_COARSE(pa) (((pa)&0xfffffc00u) | 0x11u)
#define L2_SMALL(pa, ap0, ap1, ap2, ap3)                                  \
	(((pa)&0xfffff000u) | (ap3) << 10 | (ap2) << 8 | (ap1) << 6 |      \
	 (ap0) << 4 | 0x2u)

static uint8_t rom[0x1000];

static void mmu_pages(void)
{
	mmu_on();
	vcpu.cp15.sctlr &= ~ARMPV_SCTLR_XP; /* the ARMv5 format on ARMv6 */
	for (unsigned i = 0; i < sizeof(rom); i++)
		rom[i] = (uint8_t)(0x5a ^ i);
	ck_assert_int_eq(armpv_vm_add_region(&vm, ROM_BASE, sizeof(rom), rom,
					     ARMPV_REGION_READONLY),
			 0);
	put32(TTB + (TVA >> 20) * 4, L1_COARSE(L2T));
	put32(L2T + 0x0, L2_SMALL(DEV_BASE, 3, 2, 3, 1));
	put32(L2T + 0x8, L2_SMALL(DATA, 3, 3, 3, 3));
	put32(L2T + 0xc, L2_SMALL(DEV_BASE, 3, 3, 3, 3));
	put32(L2T + 0x10, L2_SMALL(DATA + 0x1000, 3, 3, 3, 3));
	put32(L2T + 0x14, L2_SMALL(ROM_BASE, 3, 3, 3, 3));
}

static unsigned mode_flags(void)
{
	return armpv_mode_privileged(vcpu.cpsr) ? 0 : ARMPV_MEM_USER;
}

/* What an emulation did: the vCPU, the RAM it may write, the device. */
struct access_outcome {
	struct armpv_vcpu vcpu;
	uint8_t data[0x2000];
	struct mmio_call log[N(mmio_log)];
	int calls;
	enum armpv_exit_reason why;
};

static void run_at(uint32_t word, const struct armpv_mem_entry *e,
		   struct access_outcome *o)
{
	vcpu.r[15] = PC0;
	o->why = e ? armpv_vcpu_emulate_access_at(&vcpu, word, e)
		   : armpv_vcpu_emulate_access(&vcpu, word);
	o->vcpu = vcpu;
	memcpy(o->data, ram + DATA, sizeof(o->data));
	memcpy(o->log, mmio_log, sizeof(o->log));
	o->calls = mmio_calls;
}

static void outcome_eq(const struct access_outcome *a,
		       const struct access_outcome *b, uint32_t word,
		       uint32_t base, uint32_t at)
{
	ck_assert_msg(a->why == b->why &&
			      !memcmp(a->vcpu.r, b->vcpu.r, sizeof(a->vcpu.r)) &&
			      a->vcpu.cpsr == b->vcpu.cpsr &&
			      a->vcpu.cp15.dfsr == b->vcpu.cp15.dfsr &&
			      a->vcpu.cp15.far == b->vcpu.cp15.far &&
			      !memcmp(a->vcpu.spsr, b->vcpu.spsr,
				      sizeof(a->vcpu.spsr)) &&
			      !memcmp(a->vcpu.r14_bank, b->vcpu.r14_bank,
				      sizeof(a->vcpu.r14_bank)) &&
			      !memcmp(a->data, b->data, sizeof(a->data)) &&
			      a->calls == b->calls &&
			      !memcmp(a->log, b->log, sizeof(a->log)),
		      "%s word %08x base %08x, entry for %08x: differs from "
		      "the walk",
		      v6 ? "arm1176" : "arm926", word, base, at);
}

/* Every form, at every boundary, from SVC and USR, with the entry of
 * any address the guest may access: the same outcome as walking. */
START_TEST(entry_same_as_walk)
{
	const uint32_t words[] = {
		ls_imm(1, 1, 0, 0, 1, 1, 0, 0),	  /* LDR r0, [r1] */
		ls_imm(1, 1, 0, 0, 0, 1, 0, 0),	  /* STR r0, [r1] */
		ls_imm(1, 1, 0, 1, 1, 1, 0, 4),	  /* LDR r0, [r1, #4]! */
		ls_imm(0, 0, 0, 0, 0, 1, 0, 8),	  /* STR r0, [r1], #-8 */
		ls_imm(1, 1, 1, 0, 1, 1, 0, 3),	  /* LDRB r0, [r1, #3] */
		ls3_imm(1, 1, 0, 0, SH_H, 1, 0, 2), /* STRH r0, [r1, #2] */
		ls3_imm(1, 1, 0, 0, SH_LDRD, 1, 2, 0), /* LDRD r2, [r1] */
		ls3_imm(1, 1, 0, 0, SH_STRD, 1, 2, 0), /* STRD r2, [r1] */
		ldm_stm(IA, 0, 1, 1, 1, 0x3cu),	  /* LDMIA r1!, {r2-r5} */
		ldm_stm(IA, 0, 1, 0, 1, 0x3cu),	  /* STMIA r1!, {r2-r5} */
		ldm_stm(DB, 0, 0, 1, 1, 0xcu),	  /* LDMDB r1, {r2, r3} */
		ldm_stm(IB, 0, 0, 0, 1, 0xcu),	  /* STMIB r1, {r2, r3} */
		swp(0, 1, 0, 2),		  /* SWP r0, r2, [r1] */
		swp(1, 1, 0, 2),		  /* SWPB r0, r2, [r1] */
	};
	const uint32_t bases[] = {
		TVA,	      TVA + 0x10,   TVA + 0x3f8,  TVA + 0x7f8,
		TVA + 0xbf8,  TVA + 0xc00,  TVA + 0xff8,  TVA + 0x1000,
		TVA + 0x2ff8, TVA + 0x3ff8, TVA + 0x4ff8, TVA + 0x5000,
	};

	for (int m = 0; m < 2; m++) {
		for (int user = 0; user < 2; user++) {
			for (int wi = 0; wi < N(words); wi++) {
				for (int bi = 0; bi < N(bases); bi++) {
					machine(m);
					mmu_pages();
					if (user)
						armpv_vcpu_write_cpsr(
							&vcpu, ARMPV_MODE_USR);
					vcpu.r[1] = bases[bi];
					struct armpv_vcpu start = vcpu;
					uint8_t data[0x2000];
					struct access_outcome walked, at;

					memcpy(data, ram + DATA, sizeof(data));
					run_at(words[wi], NULL, &walked);
					/* Entries of each 1 KiB from TVA - 0x400 to
					 * TVA + 0x6000, read and write. */
					for (uint32_t x = TVA - 0x400;
					     x < TVA + 0x6000; x += 0x400) {
						for (unsigned w = 0; w < 2; w++) {
							struct armpv_mem_entry e;
							struct armpv_mem_fault f;

							vcpu = start;
							memcpy(ram + DATA, data,
							       sizeof(data));
							mmio_calls = 0;
							memset(mmio_log, 0,
							       sizeof(mmio_log));
							if (!armpv_mem_translate_entry(
								    &vcpu, x + 0x3fc,
								    mode_flags() |
									    (w ? ARMPV_MEM_WRITE
									       : 0),
								    &e, &f))
								continue;
							run_at(words[wi], &e, &at);
							outcome_eq(&walked, &at,
								   words[wi],
								   bases[bi], x);
						}
					}
				}
			}
		}
	}
}
END_TEST

/* The entry is used, not walked again: a descriptor the guest changes
 * after the translation (as a TLB may keep the old one, B4.2) still
 * serves the faulting 1 KiB; the next 1 KiB is walked and finds the
 * change. */
START_TEST(entry_is_used)
{
	for (int m = 0; m < 2; m++) {
		struct armpv_mem_entry e;
		struct armpv_mem_fault f;

		machine(m);
		mmu_pages();
		ck_assert(armpv_mem_translate_entry(&vcpu, TVA + 0x3f8, 0, &e,
						    &f));
		ck_assert_uint_eq(e.va, TVA);
		ck_assert_uint_eq(e.pa, DEV_BASE);
		put32(L2T + 0x0, 0); /* TVA: no page now */
		vcpu.r[1] = TVA + 0x3f8;
		vcpu.r[15] = PC0;
		/* LDMIA r1, {r2-r5}: 0x3f8 and 0x3fc through the entry, 0x400
		 * walked: the page translation fault, domain 0, FAR there. */
		ck_assert_int_eq(armpv_vcpu_emulate_access_at(
					 &vcpu, ldm_stm(IA, 0, 0, 1, 1, 0x3cu),
					 &e),
				 ARMPV_EXIT_RESUME);
		expect_data_abort(ARMPV_FSR_TRANS_PAGE, false, TVA + 0x400);
		ck_assert_int_eq(mmio_calls, 2);
		ck_assert_uint_eq(mmio_log[0].pa, DEV_BASE + 0x3f8);
		ck_assert_uint_eq(mmio_log[1].pa, DEV_BASE + 0x3fc);
		ck_assert_uint_eq(vcpu.r[2], 0xa0a0a002u);
		/* Without the entry the first word faults already. */
		machine(m);
		mmu_pages();
		put32(L2T + 0x0, 0);
		vcpu.r[1] = TVA + 0x3f8;
		emulate(ldm_stm(IA, 0, 0, 1, 1, 0x3cu));
		expect_data_abort(ARMPV_FSR_TRANS_PAGE, false, TVA + 0x3f8);
		ck_assert_int_eq(mmio_calls, 0);
	}
}
END_TEST

/* From a fresh machine of model m with mmu_pages(), in virtual USR mode
 * if 'user': r1 = base, then 'word' emulated with the entry of base for
 * a write if 'write'. */
static void emulate_crossing(int m, bool user, bool write, uint32_t base,
			     uint32_t word)
{
	struct armpv_mem_entry e;
	struct armpv_mem_fault f;

	machine(m);
	mmu_pages();
	if (user)
		armpv_vcpu_write_cpsr(&vcpu, ARMPV_MODE_USR);
	ck_assert(armpv_mem_translate_entry(
		&vcpu, base, mode_flags() | (write ? ARMPV_MEM_WRITE : 0), &e,
		&f));
	vcpu.r[1] = base;
	vcpu.r[15] = PC0;
	ck_assert_int_eq(armpv_vcpu_emulate_access_at(&vcpu, word, &e),
			 ARMPV_EXIT_RESUME);
}

/* Hand-checked crossings: a block transfer from the device page into no
 * page, into a RAM page, from RAM into ROM, into a subpage the mode may
 * not access, and a store where the entry was made for a read. */
START_TEST(entry_crossings)
{
	const uint32_t ldmia_wb = ldm_stm(IA, 0, 1, 1, 1, 0x3cu);
	const uint32_t stmia_wb = ldm_stm(IA, 0, 1, 0, 1, 0x3cu);

	for (int m = 0; m < 2; m++) {
		/* LDMIA from TVA + 0xff8 into TVA + 0x1000 (no page): two
		 * device reads, then the page translation fault (0x7) at
		 * TVA + 0x1000, no register written, base kept. */
		emulate_crossing(m, false, false, TVA + 0xff8, ldmia_wb);
		expect_data_abort(ARMPV_FSR_TRANS_PAGE, false, TVA + 0x1000);
		ck_assert_int_eq(mmio_calls, 2);
		ck_assert_uint_eq(vcpu.r[1], TVA + 0xff8);
		ck_assert_uint_eq(vcpu.r[2], 0xa0a0a002u);

		/* STMIA from TVA + 0x3ff8 (device) into TVA + 0x4000 (RAM at
		 * DATA + 0x1000): two device writes, two RAM words. */
		emulate_crossing(m, false, false, TVA + 0x3ff8, stmia_wb);
		ck_assert_uint_eq(vcpu.r[15], PC0 + 4);
		ck_assert_uint_eq(vcpu.r[1], TVA + 0x4008);
		ck_assert_int_eq(mmio_calls, 2);
		ck_assert_uint_eq(mmio_log[0].pa, DEV_BASE + 0xff8);
		ck_assert_uint_eq(mmio_log[1].pa, DEV_BASE + 0xffc);
		ck_assert(mmio_log[1].is_write);
		ck_assert_uint_eq(get32(DATA + 0x1000), 0xa0a0a004u);
		ck_assert_uint_eq(get32(DATA + 0x1004), 0xa0a0a005u);

		/* STMIA from TVA + 0x4ff8 (RAM) into TVA + 0x5000 (ROM):
		 * external abort on the ROM word (page form on ARMv5: 0xa;
		 * ARMv6: 0x8), the RAM words stored, base kept. */
		emulate_crossing(m, false, true, TVA + 0x4ff8, stmia_wb);
		expect_data_abort(v6 ? 0x8u : 0xau, true, TVA + 0x5000);
		ck_assert_uint_eq(get32(DATA + 0x1ff8), 0xa0a0a002u);
		ck_assert_uint_eq(get32(DATA + 0x1ffc), 0xa0a0a003u);
		ck_assert_uint_eq(rom[0], 0x5a);
		ck_assert_uint_eq(vcpu.r[1], TVA + 0x4ff8);

		/* From USR: LDMIA from subpage 2 (AP 11) into subpage 3
		 * (AP 01, privileged only): permission fault, page (0xf),
		 * FAR TVA + 0xc00. */
		emulate_crossing(m, true, false, TVA + 0xbf8,
				 ldm_stm(IA, 0, 0, 1, 1, 0x3cu));
		ck_assert_uint_eq(vcpu.cpsr & 0x1fu, ARMPV_MODE_ABT);
		ck_assert_uint_eq(vcpu.cp15.dfsr & 0x80fu, ARMPV_FSR_PERM_PAGE);
		ck_assert_uint_eq(vcpu.cp15.far, TVA + 0xc00);
		ck_assert_int_eq(mmio_calls, 2);

		/* From USR: the entry of a read of subpage 1 (AP 10: user
		 * read-only), then STR there: permission fault (WnR on
		 * ARMv6), nothing written to the device... */
		emulate_crossing(m, true, false, TVA + 0x404,
				 ls_imm(1, 1, 0, 0, 0, 1, 0, 0));
		ck_assert_uint_eq(vcpu.cpsr & 0x1fu, ARMPV_MODE_ABT);
		ck_assert_uint_eq(vcpu.cp15.dfsr & 0x80fu,
				  ARMPV_FSR_PERM_PAGE | (v6 ? 0x800u : 0));
		ck_assert_uint_eq(vcpu.cp15.far, TVA + 0x404);
		ck_assert_int_eq(mmio_calls, 0);
		/* ... and LDR there: allowed. */
		emulate_crossing(m, true, false, TVA + 0x404,
				 ls_imm(1, 1, 0, 0, 1, 1, 0, 0));
		ck_assert_uint_eq(vcpu.r[15], PC0 + 4);
		ck_assert_uint_eq(vcpu.r[0], 0xc3b2a104u);
	}
}
END_TEST

/* MMU off: the entry is the flat mapping. */
START_TEST(entry_flat)
{
	for (int m = 0; m < 2; m++) {
		struct armpv_mem_entry e;
		struct armpv_mem_fault f;

		machine(m);
		ck_assert(armpv_mem_translate_entry(&vcpu, DEV_BASE + 0x24, 0,
						    &e, &f));
		ck_assert(e.flat);
		ck_assert_uint_eq(e.pa, DEV_BASE);
		vcpu.r[1] = DEV_BASE + 0x20;
		vcpu.r[15] = PC0;
		armpv_vcpu_emulate_access_at(&vcpu, ls_imm(1, 1, 0, 1, 1, 1, 0, 4),
					     &e);
		ck_assert_uint_eq(vcpu.r[0], 0xc3b2a124u);
		ck_assert_uint_eq(vcpu.r[1], DEV_BASE + 0x24);
	}
}
END_TEST

static Suite *access_suite(void)
{
	Suite *s = suite_create("access");
	TCase *tc;

	tc = tcase_create("forms");
	tcase_add_test(tc, word_immediate_modes);
	tcase_add_test(tc, scaled_register_offsets);
	tcase_add_test(tc, halfword_signed);
	tcase_add_test(tc, doubleword);
	tcase_add_test(tc, doubleword_odd_register);
	tcase_add_test(tc, swap);
	tcase_add_test(tc, load_to_pc);
	tcase_add_test(tc, block_transfers);
	tcase_add_test(tc, v6_exclusives);
	tcase_add_test(tc, condition_fails);
	tcase_add_test(tc, unsupported_encodings);
	tcase_add_test(tc, thumb_forms);
	tcase_add_test(tc, user_ldrt);
	suite_add_tcase(s, tc);

	tc = tcase_create("memory");
	tcase_add_test(tc, mmio_accesses);
	tcase_add_test(tc, translation_fault);
	tcase_add_test(tc, user_mode_permission);
	tcase_add_test(tc, alignment_fault);
	tcase_add_test(tc, unaligned_words);
	tcase_add_test(tc, doubleword_alignment);
	tcase_add_test(tc, v6_big_endian);
	suite_add_tcase(s, tc);

	tc = tcase_create("translated");
	tcase_add_test(tc, entry_same_as_walk);
	tcase_add_test(tc, entry_is_used);
	tcase_add_test(tc, entry_crossings);
	tcase_add_test(tc, entry_flat);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(access_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
