/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp15.c -- the virtual system control coprocessor of the ARM926EJ-S
 * (ARMv5TEJ) and the ARM1176JZF-S (ARMv6KZ).
 *
 * One table row per register or operation: {CRn, opc1, CRm, opc2} (or,
 * for MCRR, {opc, CRm}), its access, the models that have it, its reset
 * value, its writable bits and its handlers or field.  The table is sorted
 * by encoding and searched on every access; a short list of wildcard rows
 * (first match wins) covers the spaces the manuals define as a whole.
 * Anything else is what the real CPU does with an encoding it does not
 * implement: the Undefined Instruction exception.
 *
 * Sources, cited by section below:
 *   ARM ARM    ARM Architecture Reference Manual, ARM DDI 0100I (B3, B4,
 *              B5, B6: the system control coprocessor, VMSA, caches).
 *   926 TRM    ARM926EJ-S Technical Reference Manual, ARM DDI 0198D/E,
 *              chapter 2.3 "CP15 register descriptions".
 *   1176 TRM   ARM1176JZF-S Technical Reference Manual, ARM DDI 0301H,
 *              chapter 3.2 "System control processor registers".
 *   ID register values are QEMU's (target/arm/cpu_tcg.c arm926_initfn and
 *   arm1176_initfn, helper.c), which Unicorn shares, so that the
 *   differential test against Unicorn compares equal; where QEMU differs
 *   from the silicon the comment says so.
 *
 * A de-privileged guest runs in real USR mode, where a few CP15 accesses
 * do not trap on the ARM1176JZF-S (1176 TRM 3.2.22 c7 and 3.2.41 c13):
 * MRC/MCR of TPIDRURW (c13, c0, 2), MRC of TPIDRURO (c13, c0, 3), and the
 * c7 barriers/range clean (c7,c5,4 c7,c10,4 c7,c10,5, MCRR c12).  The
 * guest kernel's own TPIDRURO/TPIDRURW reads therefore reach the REAL
 * registers, and so do its TPIDRURW writes: only its TPIDRURO write
 * traps (USR may not write it) and reaches the row below, which raises
 * ARMPV_CP15_EV_TPIDRURO; the backend (the bare-metal monitor) then
 * writes cp15.tpidr[1] into the real register, and at reset both reset
 * values.  The real TPIDRURW is the guest's (kernel and user tasks
 * alike); the virtual one is used only by a backend that does not run
 * the guest on the real CPU.
 */
#include "armpv_core.h"
#include "emulate.h"

/* ---------------------------------------------------------------------
 * Encodings (ARM ARM A4.1.32 MCR, A4.1.40 MRC, A4.1.33 MCRR, A4.1.41
 * MRRC):
 *   MCR/MRC    cond 1110 opc1:3 L CRn Rd 1111 opc2:3 1 CRm
 *   MCRR/MRRC  cond 1100 010L Rn Rd 1111 opc:4 CRm
 */
#define CP15_COND(w) ((w) >> 28)
#define CP15_L (1u << 20)
#define CP15_CRN(w) (((w) >> 16) & 0xfu)
#define CP15_RN(w) (((w) >> 16) & 0xfu)
#define CP15_RD(w) (((w) >> 12) & 0xfu)
#define CP15_CPNUM(w) (((w) >> 8) & 0xfu)
#define CP15_OPC1(w) (((w) >> 21) & 0x7u)
#define CP15_OPC2(w) (((w) >> 5) & 0x7u)
#define CP15_MCRR_OPC(w) (((w) >> 4) & 0xfu)
#define CP15_CRM(w) ((w) & 0xfu)

/* A row's key: 0x[64][CRn][opc1][CRm][opc2], one nibble each, so the
 * table reads like the manuals' "CRn, opc1, CRm, opc2" lists.  The 64
 * nibble is 1 for MCRR/MRRC, whose opc goes in the opc1 nibble. */
#define KEY(is64, crn, op1, crm, op2)                                 \
	(((uint32_t)(is64) << 16) | ((uint32_t)(crn) << 12) |         \
	 ((uint32_t)(op1) << 8) | ((uint32_t)(crm) << 4) | (uint32_t)(op2))
#define K(crn, op1, crm, op2) KEY(0, crn, op1, crm, op2)
#define K64(op, crm) KEY(1, 0, op, crm, 0)

/* Models (bits of vcpu->vm->model). */
#define M926 (1u << ARMPV_CPU_ARM926EJS)
#define M1176 (1u << ARMPV_CPU_ARM1176JZFS)
#define MBOTH (M926 | M1176)

enum cp15_access {
	CP15_RO = 1,
	CP15_WO = 2,
	CP15_RW = 3,
};

#define NO_FIELD 0xffffu

struct cp15_row;
typedef uint32_t (*cp15_read_fn)(struct armpv_vcpu *vcpu,
				 const struct cp15_row *row);
typedef enum armpv_cp15_result (*cp15_write_fn)(struct armpv_vcpu *vcpu,
						const struct cp15_row *row,
						uint32_t value);

struct cp15_row {
	uint32_t key;	/* KEY(); for wildcard rows the value to match */
	uint32_t mask;	/* wildcard rows: key bits compared; table: 0 */
	uint8_t access; /* enum cp15_access */
	uint8_t models; /* M926 / M1176 */
	uint8_t events; /* ARMPV_CP15_EV_* a write raises */
	uint16_t field; /* offsetof(struct armpv_cp15, ...) or NO_FIELD */
	uint32_t reset; /* reset value (field rows), or the constant */
	uint32_t wmask; /* bits a write changes (field rows) */
	cp15_read_fn read;
	cp15_write_fn write;
	const char *name;
};

/* ---------------------------------------------------------------------
 * Shared handlers.
 */
static uint32_t *cp15_field(struct armpv_vcpu *vcpu, const struct cp15_row *row)
{
	return (uint32_t *)((char *)&vcpu->cp15 + row->field);
}

static uint32_t cp15_read_field(struct armpv_vcpu *vcpu,
				const struct cp15_row *row)
{
	return *cp15_field(vcpu, row);
}

/* Only the row's writable bits change; the others keep their fixed
 * (reset) value: SBO/SBZ and read-only fields read back as the hardware
 * holds them, whatever is written. */
static enum armpv_cp15_result cp15_write_field(struct armpv_vcpu *vcpu,
					       const struct cp15_row *row,
					       uint32_t value)
{
	uint32_t *f = cp15_field(vcpu, row), was = vcpu->cp15.events;

	*f = (*f & ~row->wmask) | (value & row->wmask);
	vcpu->cp15.events |= row->events;
	/* EV_DACR and EV_CONTEXT each only while writes of its kind are
	 * all the translation changes pending (cp15.h). */
	if (row->events & ARMPV_CP15_EV_TRANSLATION) {
		static const uint32_t kinds[] = { ARMPV_CP15_EV_DACR,
						  ARMPV_CP15_EV_CONTEXT };

		for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (!(row->events & kinds[i]) ||
			    ((was & ARMPV_CP15_EV_TRANSLATION) &&
			     !(was & kinds[i])))
				vcpu->cp15.events &= ~kinds[i];
	}
	return ARMPV_CP15_DONE;
}

/* A constant (ID registers): the row's reset value. */
static uint32_t cp15_read_const(struct armpv_vcpu *vcpu,
				const struct cp15_row *row)
{
	(void)vcpu;
	return row->reset;
}

static uint32_t cp15_read_zero(struct armpv_vcpu *vcpu,
			       const struct cp15_row *row)
{
	(void)vcpu;
	(void)row;
	return 0;
}

static enum armpv_cp15_result cp15_write_ignore(struct armpv_vcpu *vcpu,
						const struct cp15_row *row,
						uint32_t value)
{
	(void)vcpu;
	(void)row;
	(void)value;
	return ARMPV_CP15_DONE;
}

/* Unimplemented c0, c0 opcode_2 values read the Main ID register (926
 * TRM 2.3.2 "ID code register"; 1176 TRM 3.2.2 Note; ARM ARM B3.3). */
static uint32_t cp15_read_midr(struct armpv_vcpu *vcpu,
			       const struct cp15_row *row)
{
	(void)row;
	return vcpu->cp15.midr;
}

/* SCTLR: any change to a bit that alters translation or the table walk
 * (M, S, R, B, XP, EE, TR, FA), or moves the vector page (V: a shadow MMU
 * keeps its own vectors opposite the guest's), invalidates a shadow MMU;
 * raise EV_TRANSLATION only then, so that caches on/off do not flush it. */
#define SCTLR_TRANSLATION_BITS                                          \
	(ARMPV_SCTLR_M | ARMPV_SCTLR_S | ARMPV_SCTLR_R | ARMPV_SCTLR_B | \
	 ARMPV_SCTLR_XP | ARMPV_SCTLR_EE | ARMPV_SCTLR_TR | ARMPV_SCTLR_FA | \
	 ARMPV_SCTLR_V)

static enum armpv_cp15_result cp15_write_sctlr(struct armpv_vcpu *vcpu,
					       const struct cp15_row *row,
					       uint32_t value)
{
	uint32_t old = vcpu->cp15.sctlr;

	vcpu->cp15.sctlr = (old & ~row->wmask) | (value & row->wmask);
	if ((old ^ vcpu->cp15.sctlr) & SCTLR_TRANSLATION_BITS)
		vcpu->cp15.events =
			(vcpu->cp15.events &
			 ~(ARMPV_CP15_EV_DACR | ARMPV_CP15_EV_CONTEXT)) |
			ARMPV_CP15_EV_TRANSLATION;
	return ARMPV_CP15_DONE;
}

/* Cache and barrier operations (c7): no data effect on a VM without a
 * cache model, but the backend may need to act (I-side coherency of
 * rewritten code, real cache maintenance on bare metal). */
static enum armpv_cp15_result cp15_op_cache(struct armpv_vcpu *vcpu,
					    const struct cp15_row *row,
					    uint32_t value)
{
	(void)row;
	(void)value;
	vcpu->cp15.events |= ARMPV_CP15_EV_CACHE;
	return ARMPV_CP15_DONE;
}

/* ARM1176 block transfer (MCRR range) operations: Undefined while
 * ACTLR.RV is set (1176 TRM 3.2.8 Auxiliary Control Register, RV). */
static enum armpv_cp15_result cp15_op_range(struct armpv_vcpu *vcpu,
					    const struct cp15_row *row,
					    uint32_t value)
{
	if (vcpu->cp15.actlr & ARMPV_ACTLR_RV)
		return ARMPV_CP15_UNDEF;
	return cp15_op_cache(vcpu, row, value);
}

/* "Test and clean" / "test, clean and invalidate" DCache (926 TRM 2.3.8,
 * c7,c10,3 and c7,c14,3): MRC to r15 loops until Z is set.  Our cache is
 * always clean, so the one iteration finds it clean: Z set, as QEMU. */
static uint32_t cp15_read_test_clean(struct armpv_vcpu *vcpu,
				     const struct cp15_row *row)
{
	(void)row;
	vcpu->cp15.events |= ARMPV_CP15_EV_CACHE;
	return ARMPV_PSR_Z;
}

/* Invalidate all, or by ASID: the backend must drop everything. */
static enum armpv_cp15_result cp15_op_tlb(struct armpv_vcpu *vcpu,
					  const struct cp15_row *row,
					  uint32_t value)
{
	(void)row;
	(void)value;
	vcpu->cp15.events =
		(vcpu->cp15.events & ~ARMPV_CP15_EV_TLB_MVA) | ARMPV_CP15_EV_TLB;
	return ARMPV_CP15_DONE;
}

/* Invalidate by MVA (I, D or unified: a backend with one translation
 * cache drops the same for each).  Reported exactly only while it is the
 * backend's one pending TLB operation; a second one, of any kind, leaves
 * plain EV_TLB, a full flush. */
static enum armpv_cp15_result cp15_op_tlb_mva(struct armpv_vcpu *vcpu,
					      const struct cp15_row *row,
					      uint32_t value)
{
	if (vcpu->cp15.events & ARMPV_CP15_EV_TLB)
		return cp15_op_tlb(vcpu, row, value);
	vcpu->cp15.events |= ARMPV_CP15_EV_TLB | ARMPV_CP15_EV_TLB_MVA;
	vcpu->cp15.tlb_mva = value;
	return ARMPV_CP15_DONE;
}

static enum armpv_cp15_result cp15_op_wfi(struct armpv_vcpu *vcpu,
					  const struct cp15_row *row,
					  uint32_t value)
{
	(void)vcpu;
	(void)row;
	(void)value;
	return ARMPV_CP15_WFI;
}

/* ---------------------------------------------------------------------
 * Row constructors.
 */
#define F(x) ((uint16_t)offsetof(struct armpv_cp15, x))

/* Read/write storage with writable bits 'wm'. */
#define REG(k, m, nm, fld, rst, wm, ev)                                  \
	{ .key = (k), .access = CP15_RW, .models = (m), .events = (ev),  \
	  .field = F(fld), .reset = (rst), .wmask = (wm),                \
	  .read = cp15_read_field, .write = cp15_write_field, .name = nm }
/* Read-only storage (an ID register the core keeps in a field). */
#define ROF(k, m, nm, fld, rst)                                          \
	{ .key = (k), .access = CP15_RO, .models = (m), .field = F(fld), \
	  .reset = (rst), .read = cp15_read_field, .name = nm }
/* Read-only constant. */
#define ROC(k, m, nm, val)                                               \
	{ .key = (k), .access = CP15_RO, .models = (m), .field = NO_FIELD, \
	  .reset = (val), .read = cp15_read_const, .name = nm }
/* Read-only, computed. */
#define ROH(k, m, nm, fn)                                                \
	{ .key = (k), .access = CP15_RO, .models = (m), .field = NO_FIELD, \
	  .read = fn, .name = nm }
/* Write-only operation. */
#define OP(k, m, nm, fn)                                                 \
	{ .key = (k), .access = CP15_WO, .models = (m), .field = NO_FIELD, \
	  .write = fn, .name = nm }

#define EV_T ARMPV_CP15_EV_TRANSLATION

/* ---------------------------------------------------------------------
 * The table, sorted by key.  Rows with equal keys must have disjoint
 * models (armpv_cp15_check_table()).
 */
static const struct cp15_row cp15_table[] = {
	/* c0: identification (926 TRM 2.3.2-2.3.4; 1176 TRM 3.2.2-3.2.6).
	 * Read-only: a write is Undefined on the ARM1176 (1176 TRM Table
	 * 3-5 and kin) and UNPREDICTABLE on the ARM926 (926 TRM 2.3.1),
	 * where we choose Undefined too, as QEMU does. */
	/* ARM926EJ-S r0p5 as QEMU's versatilepb presents it. */
	ROF(K(0, 0, 0, 0), M926, "MIDR", midr, 0x41069265u),
	/* ARM1176JZF-S r0p7. */
	ROF(K(0, 0, 0, 0), M1176, "MIDR", midr, 0x410fb767u),
	/* QEMU's CTR for both; Harvard, write-back, format C lockdown.
	 * (A Raspberry Pi's 16 KB/16 KB caches read 0x1d152152.) */
	ROF(K(0, 0, 0, 1), MBOTH, "CTR", ctr, 0x01dd20d2u),
	/* TCM type/status: no TCMs, as QEMU (the silicon reports the
	 * TCMs configured on the chip). */
	ROF(K(0, 0, 0, 2), MBOTH, "TCMTR", tcmtr, 0),
	/* TLB type: QEMU reads 0; the silicon reads 0x00000800 (unified
	 * TLB, 8 lockable entries, 1176 TRM 3.2.5).  On the ARM926 this
	 * encoding is unimplemented and reads the MIDR (wildcard below);
	 * QEMU reads 0 there. */
	ROF(K(0, 0, 0, 3), M1176, "TLBTR", tlbtr, 0),
	/* ARMv6 CPUID scheme (1176 TRM 3.2.6), QEMU's arm1176 values;
	 * but ID_PFR1[7:4], Security Extensions, reads 0: the virtual CPU
	 * has none (no SCR, SDER, NSACR, VBAR, MVBAR rows), as QEMU's
	 * arm1176 on versatilepb (no EL3) reads 0x01 too.  (The silicon
	 * and QEMU's raspi0, which has EL3, read 0x11; found by the
	 * whole-system fuzzer, docs/fuzzing.md.) */
	ROC(K(0, 0, 1, 0), M1176, "ID_PFR0", 0x00000111u),
	ROC(K(0, 0, 1, 1), M1176, "ID_PFR1", 0x00000001u),
	ROC(K(0, 0, 1, 2), M1176, "ID_DFR0", 0x00000033u),
	ROC(K(0, 0, 1, 3), M1176, "ID_AFR0", 0),
	ROC(K(0, 0, 1, 4), M1176, "ID_MMFR0", 0x01130003u),
	ROC(K(0, 0, 1, 5), M1176, "ID_MMFR1", 0x10030302u),
	ROC(K(0, 0, 1, 6), M1176, "ID_MMFR2", 0x01222100u),
	ROC(K(0, 0, 1, 7), M1176, "ID_MMFR3", 0),
	ROC(K(0, 0, 2, 0), M1176, "ID_ISAR0", 0x00140011u),
	ROC(K(0, 0, 2, 1), M1176, "ID_ISAR1", 0x12002111u),
	ROC(K(0, 0, 2, 2), M1176, "ID_ISAR2", 0x11231121u),
	ROC(K(0, 0, 2, 3), M1176, "ID_ISAR3", 0x01102131u),
	ROC(K(0, 0, 2, 4), M1176, "ID_ISAR4", 0x00001141u),
	ROC(K(0, 0, 2, 5), M1176, "ID_ISAR5", 0),

	/* c1: control.  ARM926 (926 TRM 2.3.5): M A C [6:3]=SBO B S R
	 * [11:10]=SBZ I V RR L4, [16]=SBO [17]=SBZ [18]=SBO, [31:19]
	 * SBZ (read as 0 here).  Reset 0x00050078 with VINITHI and
	 * BIGENDINIT low (QEMU uses 0x00090078, bit 19 for bit 18). */
	{ .key = K(1, 0, 0, 0), .access = CP15_RW, .models = M926,
	  .field = F(sctlr), .reset = 0x00050078u, .wmask = 0x0000f387u,
	  .read = cp15_read_field, .write = cp15_write_sctlr,
	  .name = "SCTLR" },
	/* ARM1176 (1176 TRM 3.2.7 Table 3-39): adds Z (11), FI (21), U,
	 * XP, VE, EE, TR (28), FA (29); [6:3], 16 and 18 read as one,
	 * 10, 17, [20:19], [27:26], [31:30] as zero.  Reset 0x00050078
	 * with VINITHI, BIGENDINIT, UBITINIT and CFGEND low (as QEMU). */
	{ .key = K(1, 0, 0, 0), .access = CP15_RW, .models = M1176,
	  .field = F(sctlr), .reset = 0x00050078u, .wmask = 0x33e0fb87u,
	  .read = cp15_read_field, .write = cp15_write_sctlr,
	  .name = "SCTLR" },
	/* ACTLR (1176 TRM 3.2.8): RS DB SB TR RA RV CZ, [28] PHD [29] BFD
	 * [30] FSD [31] FIO; reset 7.  (QEMU makes it a constant.) */
	REG(K(1, 0, 0, 1), M1176, "ACTLR", actlr, 0x00000007u, 0xf000007fu,
	    0),
	/* CPACR (1176 TRM 3.2.9): only cp10/cp11 (VFP) are implemented;
	 * the other fields read as zero. */
	REG(K(1, 0, 0, 2), M1176, "CPACR", cpacr, 0, 0x00f00000u, 0),

	/* c2: translation table base.  ARM926: bits [31:14], the rest
	 * UNP/SBZ (926 TRM 2.3.6).  ARM1176: TTBR0/1 keep every bit (the
	 * [13-N:5] gap is UNP/SBZ), TTBCR N and PD0/PD1 (1176 TRM 3.2.13-
	 * 3.2.15). */
	REG(K(2, 0, 0, 0), M926, "TTBR0", ttbr0, 0, 0xffffc000u,
	    EV_T | ARMPV_CP15_EV_CONTEXT),
	REG(K(2, 0, 0, 0), M1176, "TTBR0", ttbr0, 0, 0xffffffffu,
	    EV_T | ARMPV_CP15_EV_CONTEXT),
	REG(K(2, 0, 0, 1), M1176, "TTBR1", ttbr1, 0, 0xffffffffu, EV_T),
	REG(K(2, 0, 0, 2), M1176, "TTBCR", ttbcr, 0, 0x00000037u, EV_T),

	/* c3: domain access control (926 TRM 2.3.7, 1176 TRM 3.2.16). */
	REG(K(3, 0, 0, 0), MBOTH, "DACR", dacr, 0, 0xffffffffu,
	    EV_T | ARMPV_CP15_EV_DACR),

	/* c5: fault status.  ARM926 (926 TRM 2.3.8): data FSR op2=0 and
	 * instruction (prefetch) FSR op2=1, domain [7:4] and status
	 * [3:0].  ARM1176 (1176 TRM 3.2.18-3.2.19): DFSR adds FS[4] (10),
	 * WnR (11), SD (12); IFSR is status, FS[4] and SD. */
	REG(K(5, 0, 0, 0), M926, "DFSR", dfsr, 0, 0x000000ffu, 0),
	REG(K(5, 0, 0, 0), M1176, "DFSR", dfsr, 0, 0x00001cffu, 0),
	REG(K(5, 0, 0, 1), M926, "IFSR", ifsr, 0, 0x000000ffu, 0),
	REG(K(5, 0, 0, 1), M1176, "IFSR", ifsr, 0, 0x0000140fu, 0),

	/* c6: fault addresses (926 TRM 2.3.9; 1176 TRM 3.2.20-3.2.22). */
	REG(K(6, 0, 0, 0), MBOTH, "FAR", far, 0, 0xffffffffu, 0),
	REG(K(6, 0, 0, 1), M1176, "WFAR", wfar, 0, 0xffffffffu, 0),
	REG(K(6, 0, 0, 2), M1176, "IFAR", ifar, 0, 0xffffffffu, 0),

	/* c7: cache operations.  ARM926: 926 TRM 2.3.8 Table 2-18
	 * ("Cache and write buffer operations"); reads other than the two
	 * test-and-clean forms are UNPREDICTABLE, Undefined here.
	 * ARM1176: 1176 TRM 3.2.22 Figure 3-38; reads other than the PA
	 * and Cache Dirty Status registers, and combinations not listed,
	 * are Undefined.  Flush Prefetch Buffer (c7,c5,4) is not in the
	 * 926 table but is defined by ARM ARM B6.6.5: a no-op here. */
	OP(K(7, 0, 0, 4), MBOTH, "WFI", cp15_op_wfi),
	REG(K(7, 0, 4, 0), M1176, "PAR", par, 0, 0xffffffffu, 0),
	OP(K(7, 0, 5, 0), MBOTH, "ICIALL", cp15_op_cache),
	OP(K(7, 0, 5, 1), MBOTH, "ICIMVA", cp15_op_cache),
	OP(K(7, 0, 5, 2), MBOTH, "ICISW", cp15_op_cache),
	OP(K(7, 0, 5, 4), MBOTH, "FLUSH_PREFETCH", cp15_op_cache),
	OP(K(7, 0, 5, 6), M1176, "BTCIALL", cp15_op_cache),
	OP(K(7, 0, 5, 7), M1176, "BTCIMVA", cp15_op_cache),
	OP(K(7, 0, 6, 0), MBOTH, "DCIALL", cp15_op_cache),
	OP(K(7, 0, 6, 1), MBOTH, "DCIMVA", cp15_op_cache),
	OP(K(7, 0, 6, 2), MBOTH, "DCISW", cp15_op_cache),
	OP(K(7, 0, 7, 0), MBOTH, "CIALL", cp15_op_cache),
	OP(K(7, 0, 10, 0), M1176, "DCCALL", cp15_op_cache),
	OP(K(7, 0, 10, 1), MBOTH, "DCCMVA", cp15_op_cache),
	OP(K(7, 0, 10, 2), MBOTH, "DCCSW", cp15_op_cache),
	ROH(K(7, 0, 10, 3), M926, "TEST_CLEAN", cp15_read_test_clean),
	OP(K(7, 0, 10, 4), MBOTH, "DRAIN_WB", cp15_op_cache),
	OP(K(7, 0, 10, 5), M1176, "DMB", cp15_op_cache),
	/* Cache Dirty Status: always clean (1176 TRM 3.2.22). */
	ROC(K(7, 0, 10, 6), M1176, "CDSR", 0),
	/* Block Transfer Status: no transfer ever in progress. */
	ROC(K(7, 0, 12, 4), M1176, "BXSR", 0),
	OP(K(7, 0, 12, 5), M1176, "STOP_PREFETCH_RANGE", cp15_op_cache),
	OP(K(7, 0, 13, 1), MBOTH, "ICPREFETCH", cp15_op_cache),
	OP(K(7, 0, 14, 0), M1176, "DCCIALL", cp15_op_cache),
	OP(K(7, 0, 14, 1), MBOTH, "DCCIMVA", cp15_op_cache),
	OP(K(7, 0, 14, 2), MBOTH, "DCCISW", cp15_op_cache),
	ROH(K(7, 0, 14, 3), M926, "TEST_CLEAN_INV", cp15_read_test_clean),

	/* c8: TLB operations (926 TRM 2.3.9 Table 2-19; 1176 TRM 3.2.24,
	 * which adds "by ASID" as opcode_2 2).  Write-only. */
	OP(K(8, 0, 5, 0), MBOTH, "ITLBIALL", cp15_op_tlb),
	OP(K(8, 0, 5, 1), MBOTH, "ITLBIMVA", cp15_op_tlb_mva),
	OP(K(8, 0, 5, 2), M1176, "ITLBIASID", cp15_op_tlb),
	OP(K(8, 0, 6, 0), MBOTH, "DTLBIALL", cp15_op_tlb),
	OP(K(8, 0, 6, 1), MBOTH, "DTLBIMVA", cp15_op_tlb_mva),
	OP(K(8, 0, 6, 2), M1176, "DTLBIASID", cp15_op_tlb),
	OP(K(8, 0, 7, 0), MBOTH, "TLBIALL", cp15_op_tlb),
	OP(K(8, 0, 7, 1), MBOTH, "TLBIMVA", cp15_op_tlb_mva),
	OP(K(8, 0, 7, 2), M1176, "TLBIASID", cp15_op_tlb),

	/* c9: cache lockdown, format C, 4 ways: L bits [3:0] (926 TRM
	 * 2.3.10; 1176 TRM 3.2.25).  TCM regions: base [31:12], enable
	 * [0], size [5:2]/[6:2] read-only and zero with no TCM (926 TRM
	 * 2.3.11; 1176 TRM 3.2.27, which adds NS access [1]).  ARM1176
	 * TCM selection [0] and Cache Behavior Override [5:0] (3.2.28,
	 * 3.2.30). */
	REG(K(9, 0, 0, 0), MBOTH, "DCLR", dclr, 0, 0x0000000fu, 0),
	REG(K(9, 0, 0, 1), MBOTH, "ICLR", iclr, 0, 0x0000000fu, 0),
	REG(K(9, 0, 1, 0), M926, "DTCMRR", dtcmrr, 0, 0xfffff001u, 0),
	REG(K(9, 0, 1, 0), M1176, "DTCMRR", dtcmrr, 0, 0xfffff003u, 0),
	REG(K(9, 0, 1, 1), M926, "ITCMRR", itcmrr, 0, 0xfffff001u, 0),
	REG(K(9, 0, 1, 1), M1176, "ITCMRR", itcmrr, 0, 0xfffff003u, 0),
	REG(K(9, 0, 2, 0), M1176, "TCMSR", tcmsr, 0, 0x00000001u, 0),
	REG(K(9, 0, 8, 0), M1176, "CBOR", cbor, 0, 0x0000003fu, 0),

	/* c10: TLB lockdown, victim [28:26] and preserve [0] (926 TRM
	 * 2.3.12; 1176 TRM 3.2.31).  The ARM1176 has the memory region
	 * remap registers (1176 TRM 3.2.32, used when SCTLR.TR is set);
	 * reset values map every TEX[0]CB to itself. */
	REG(K(10, 0, 0, 0), MBOTH, "TLBLR", tlblr, 0, 0x1c000001u, 0),
	REG(K(10, 0, 2, 0), M1176, "PRRR", prrr, 0x00098aa4u, 0x000fffffu,
	    EV_T),
	REG(K(10, 0, 2, 1), M1176, "NMRR", nmrr, 0x44e048e0u, 0xffffffffu,
	    EV_T),

	/* c13: FCSE PID bits [31:25] (926 TRM 2.3.13; 1176 TRM 3.2.39);
	 * context ID: trace only on the ARM926 (926 TRM 2.3.13), ASID and
	 * PROCID on the ARM1176 (3.2.40); thread IDs (3.2.41). */
	REG(K(13, 0, 0, 0), MBOTH, "FCSEIDR", fcse_pid, 0, 0xfe000000u, EV_T),
	REG(K(13, 0, 0, 1), M926, "CONTEXTIDR", contextidr, 0, 0xffffffffu,
	    0),
	REG(K(13, 0, 0, 1), M1176, "CONTEXTIDR", contextidr, 0, 0xffffffffu,
	    EV_T | ARMPV_CP15_EV_CONTEXT),
	REG(K(13, 0, 0, 2), M1176, "TPIDRURW", tpidr[0], 0, 0xffffffffu, 0),
	REG(K(13, 0, 0, 3), M1176, "TPIDRURO", tpidr[1], 0, 0xffffffffu,
	    ARMPV_CP15_EV_TPIDRURO),
	REG(K(13, 0, 0, 4), M1176, "TPIDRPRW", tpidr[2], 0, 0xffffffffu, 0),

	/* MCRR block transfer operations of the ARM1176 (1176 TRM 3.2.22
	 * Figure 3-39; opc 1 and 2 as QEMU's cache_block_ops): invalidate
	 * I/D range, clean D range, prefetch I/D range, clean and
	 * invalidate D range.  Rd is the end address, Rn the start. */
	OP(K64(0, 5), M1176, "IICR", cp15_op_range),
	OP(K64(0, 6), M1176, "IDCR", cp15_op_range),
	OP(K64(0, 12), M1176, "CDCR", cp15_op_range),
	OP(K64(0, 14), M1176, "CIDCR", cp15_op_range),
	OP(K64(1, 12), M1176, "PIR", cp15_op_range),
	OP(K64(2, 12), M1176, "PDR", cp15_op_range),
};

/* Wildcard rows, tried in order after the table: key & mask == value. */
#define KM_OP2 0x1fff0u	     /* CRn, opc1, CRm fixed; any opcode_2 */
#define KM_CRM0_7 0x1ff80u   /* CRn, opc1 fixed; CRm 0-7; any opcode_2 */
#define KM_CRN 0x1f000u	     /* CRn fixed; anything else */
static const struct cp15_row cp15_wildcards[] = {
	/* c0, c0, unimplemented opcode_2: the MIDR (see cp15_read_midr). */
	{ .key = K(0, 0, 0, 0), .mask = KM_OP2, .access = CP15_RO,
	  .models = MBOTH, .field = NO_FIELD, .read = cp15_read_midr,
	  .name = "MIDR alias" },
	/* ARMv6 CPUID scheme: c0, c1-c7 not allocated read as zero (ARM
	 * ARM B5 "CPUID identification scheme"; QEMU's DUMMY rows).  On
	 * the ARM926, CRm != 0 in c0 is UNPREDICTABLE (926 TRM 2.3.1):
	 * Undefined here. */
	{ .key = K(0, 0, 0, 0), .mask = KM_CRM0_7, .access = CP15_RO,
	  .models = M1176, .field = NO_FIELD, .read = cp15_read_zero,
	  .name = "CPUID RAZ" },
	/* "Architecturally defined as unified cache operations and have no
	 * effect": c7,c7,{1-7}, c7,c11,{0-7}, c7,c15,{0-7} (1176 TRM
	 * 3.2.22 Note). */
	{ .key = K(7, 0, 7, 0), .mask = KM_OP2, .access = CP15_WO,
	  .models = M1176, .field = NO_FIELD, .write = cp15_write_ignore,
	  .name = "c7 unified no-op" },
	{ .key = K(7, 0, 11, 0), .mask = KM_OP2, .access = CP15_WO,
	  .models = M1176, .field = NO_FIELD, .write = cp15_write_ignore,
	  .name = "c7 unified no-op" },
	{ .key = K(7, 0, 15, 0), .mask = KM_OP2, .access = CP15_WO,
	  .models = M1176, .field = NO_FIELD, .write = cp15_write_ignore,
	  .name = "c7 unified no-op" },
	/* c15, IMPLEMENTATION DEFINED test, debug and performance
	 * registers (926 TRM 2.3.15 "test and debug"; 1176 TRM 3.2.43ff:
	 * performance monitor, system validation, TLB/cache debug).  Their
	 * effects (debug overrides, direct cache/TLB access, counters)
	 * mean nothing in a VM: read as zero, writes ignored, as QEMU's
	 * C15_IMPDEF. */
	{ .key = K(15, 0, 0, 0), .mask = KM_CRN, .access = CP15_RW,
	  .models = MBOTH, .field = NO_FIELD, .read = cp15_read_zero,
	  .write = cp15_write_ignore, .name = "c15 RAZ/WI" },
};

#define NROWS (sizeof(cp15_table) / sizeof(cp15_table[0]))
#define NWILD (sizeof(cp15_wildcards) / sizeof(cp15_wildcards[0]))

/* ---------------------------------------------------------------------
 * Table checks and search.
 */
static bool cp15_row_ok(const struct cp15_row *row, bool wildcard)
{
	bool r = row->access & CP15_RO, w = row->access & CP15_WO;

	if (!row->access || !row->models || (row->models & ~MBOTH) ||
	    !row->name)
		return false;
	if ((row->read != NULL) != r || (row->write != NULL) != w)
		return false;
	if (wildcard ? (row->key & ~row->mask) != 0 : row->mask != 0)
		return false;
	if (row->key & KEY(1, 0, 0, 0, 0)) {
		/* MCRR only: no CP15 register is read with MRRC here. */
		if (r || (row->key & 0xf00fu))
			return false;
	} else if ((row->key & 0x8u) || (row->key & 0x800u)) {
		return false; /* opcode_1/opcode_2 are three bits */
	}
	if (row->field == NO_FIELD) {
		/* Storage handlers need a field; constants have no mask. */
		if (row->read == cp15_read_field ||
		    row->write == cp15_write_field ||
		    row->write == cp15_write_sctlr || row->wmask)
			return false;
	} else {
		if (row->field % sizeof(uint32_t) ||
		    row->field + sizeof(uint32_t) > sizeof(struct armpv_cp15))
			return false;
		if (!w && row->wmask)
			return false;
	}
	return true;
}

unsigned armpv_cp15_check_table(void)
{
	for (unsigned i = 0; i < NROWS; i++) {
		const struct cp15_row *row = &cp15_table[i];

		if (!cp15_row_ok(row, false))
			return i + 1;
		/* Sorted; equal keys only for disjoint models (and then
		 * for every earlier row with that key). */
		for (unsigned j = i; j-- > 0;) {
			const struct cp15_row *prev = &cp15_table[j];

			if (prev->key > row->key)
				return i + 1;
			if (prev->key < row->key)
				break;
			if (prev->models & row->models)
				return i + 1;
		}
	}
	for (unsigned i = 0; i < NWILD; i++) {
		if (!cp15_row_ok(&cp15_wildcards[i], true))
			return NROWS + i + 1;
	}
	return 0;
}

static const struct cp15_row *cp15_find(unsigned model_bit, uint32_t key)
{
	size_t lo = 0, hi = NROWS;

	/* Lower bound of key, then the row for this model. */
	while (lo < hi) {
		size_t mid = lo + ((hi - lo) >> 1);

		if (cp15_table[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < NROWS && cp15_table[lo].key == key; lo++) {
		if (cp15_table[lo].models & model_bit)
			return &cp15_table[lo];
	}
	for (size_t i = 0; i < NWILD; i++) {
		const struct cp15_row *row = &cp15_wildcards[i];

		if ((key & row->mask) == row->key && (row->models & model_bit))
			return row;
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * API.
 */
void armpv_cp15_reset(struct armpv_vcpu *vcpu)
{
	unsigned model_bit = 1u << vcpu->vm->model;
	uint32_t *regs = (uint32_t *)&vcpu->cp15;

	/* Registers a model lacks, and the events, read zero.  (No
	 * memset: the core is freestanding.) */
	for (size_t i = 0; i < sizeof(vcpu->cp15) / sizeof(uint32_t); i++)
		regs[i] = 0;
	for (size_t i = 0; i < NROWS; i++) {
		const struct cp15_row *row = &cp15_table[i];

		if (row->field != NO_FIELD && (row->models & model_bit))
			*cp15_field(vcpu, row) = row->reset;
	}
}

enum armpv_cp15_fast armpv_cp15_fast_class(unsigned model, uint32_t word)
{
	const struct cp15_row *row;

	if (CP15_COND(word) == 0xf || CP15_CPNUM(word) != 15 ||
	    ((word >> 24) & 0xfu) != 0xe || !(word & 0x10u) ||
	    (word & CP15_L))
		return ARMPV_CP15_FAST_NONE;
	row = cp15_find(1u << model, K(CP15_CRN(word), CP15_OPC1(word),
				       CP15_CRM(word), CP15_OPC2(word)));
	if (!row || !(row->access & CP15_WO))
		return ARMPV_CP15_FAST_NONE;
	if (row->write == cp15_op_cache || row->write == cp15_write_ignore)
		return ARMPV_CP15_FAST_NOP;
	if (row->write == cp15_op_tlb_mva)
		return ARMPV_CP15_FAST_TLB_MVA;
	return ARMPV_CP15_FAST_NONE;
}

static enum armpv_cp15_result cp15_undef(struct armpv_vcpu *vcpu,
					 uint32_t word)
{
	vcpu->cp15.undef_word = word;
	return ARMPV_CP15_UNDEF;
}

enum armpv_cp15_result armpv_cp15_access(struct armpv_vcpu *vcpu,
					 uint32_t word)
{
	unsigned model_bit = 1u << vcpu->vm->model;
	unsigned rd = CP15_RD(word);
	bool is_read = word & CP15_L;
	const struct cp15_row *row;
	uint32_t key, value;

	/* Condition 1111 is MCR2/MRC2/MCRR2/MRRC2 (ARM ARM A4.1.32 and
	 * kin), which CP15 does not implement: Undefined (as QEMU). */
	if (CP15_COND(word) == 0xf || CP15_CPNUM(word) != 15)
		return cp15_undef(vcpu, word);
	if (((word >> 24) & 0xfu) == 0xe && (word & 0x10u)) {
		key = K(CP15_CRN(word), CP15_OPC1(word), CP15_CRM(word),
			CP15_OPC2(word));
	} else if (((word >> 21) & 0x7fu) == 0x62u) {
		/* MCRR/MRRC: ARMv5TE instructions, but the ARM926's CP15
		 * accepts none (926 TRM 2.3 lists MCR/MRC only). */
		if (!armpv_vcpu_is_v6(vcpu))
			return cp15_undef(vcpu, word);
		key = K64(CP15_MCRR_OPC(word), CP15_CRM(word));
	} else {
		return cp15_undef(vcpu, word);
	}

	row = cp15_find(model_bit, key);
	if (!row || !(row->access & (is_read ? CP15_RO : CP15_WO)))
		return cp15_undef(vcpu, word);

	if (is_read) {
		/* Only MCR/MRC reach here (no MRRC row: see
		 * cp15_row_ok()).  MRC to r15 sets N Z C V from bits
		 * [31:28] and discards the rest (ARM ARM A4.1.40). */
		value = row->read(vcpu, row);
		if (rd == 15)
			vcpu->cpsr = (vcpu->cpsr & 0x0fffffffu) |
				     (value & 0xf0000000u);
		else
			vcpu->r[rd] = value;
		return ARMPV_CP15_DONE;
	}
	/* MCR from r15 is UNPREDICTABLE (ARM ARM A4.1.32); we write the
	 * instruction's address + 8, what the register file reads.  The
	 * same for MCRR with r15 as Rd or Rn, whose values the range
	 * operations ignore anyway. */
	value = rd == 15 ? vcpu->r[15] + 8 : vcpu->r[rd];
	return row->write(vcpu, row, value);
}
