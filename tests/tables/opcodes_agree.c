// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * opcodes_agree -- check the classifier against GNU libopcodes' ARM
 * disassembler.
 *
 * For every word and every architecture level, libopcodes disassembles the
 * word into text, and a verdict is derived from that text alone ("sensitive,
 * instruction X" or "not sensitive": mnemonic, S suffix, pc destination, ^,
 * T suffix, MSR field letters).  armpv gives "sensitive, X" (armpv_classify),
 * "refused" (armpv_classify_unpredictable: an UNPREDICTABLE word of a
 * sensitive encoding space) or "not sensitive".  They must agree, except
 * in these documented ways, each counted on its own:
 *
 *  - Refused words.  libopcodes has no such verdict; instead the ARM ARM
 *    must explain each refusal, in one of two ways (both written here
 *    from the ARM ARM, not from the spec):
 *    . the word lies in one of should_be_spaces[] and violates its
 *      should-be bits or uses W=1 with user registers, and once those are
 *      fixed libopcodes and armpv agree on the "canonical" word, or the
 *      canonical word is refused in the second way;
 *    . the word is a data-processing instruction with S=1, Rd = pc and a
 *      register-shifted operand (regpc_space), where the ARM ARM makes
 *      R15 as Rd UNPREDICTABLE, and libopcodes reads it as that
 *      instruction and marks it "<UNPREDICTABLE>" too.
 *    Conversely a word that is not refused and whose canonical word is
 *    sensitive is a disagreement: it would pass the rewriter untouched.
 *  - Known libopcodes deviations: the table known_deviations[] below, each
 *    an exact mask/value pattern with the ARM ARM reasoning.
 *  - Nothing else.  Any other difference is a bug in one of the two and
 *    makes the program fail; the first few are listed.
 *
 * Inputs: a sweep of the decode bits (27:20 and 7:4, three conditions, a
 * few fillings of the other bits), independent of the spec; N words from a
 * fixed-seed PRNG (half uniform, half drawn near the spec's templates so
 * that rare forms and their boundaries are hit); and every ARM-state word
 * of the executable sections of ELF files (objects,
 * executables, shared objects, ar archives of objects).  ARM mapping
 * symbols ($a, $t, $d, and $a.N etc.) select ARM words; Thumb and data are
 * skipped.  A file without any mapping symbol (a stripped shared object)
 * is read as ARM throughout, and its counts say so.
 *
 *   opcodes_agree [--random N] [--seed S] [--no-sweep] [--show N]
 *                 [--cover FILE]... [FILE...]
 *
 * --cover FILE reads FILE like any other and also requires it to contain,
 * for each architecture, a word of every spec form sensitive there, of
 * every notsens row and of every unpredictable row (tests/tables/forms.S
 * is written for this).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dis-asm.h>

#include "armpv_tables.h"
#include "disasm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum exit_status {
	EXIT_AGREE = 0,	    /* no unexplained disagreement, coverage met */
	EXIT_DISAGREE = 1,  /* a disagreement, or a --cover file lacks a row */
	EXIT_USAGE = 2,	    /* bad command line, unreadable or bad ELF file */
};

/* ------------------------------------------------------------------------
 * Architecture levels.
 */

/*
 * PSR bits that MSR writes only in a privileged mode: PrivMask of the MSR
 * pseudocode (ARM ARM DDI 0100I, MSR; ARMv5TE: I, F, M[4:0]; ARMv6 adds
 * A, bit 8).  The other bytes hold flags, Q, GE[3:0], E (UserMask: written
 * in every mode) and J, T (StateMask: never written by MSR to the CPSR).
 */
#define PSR_PRIV_V5TE 0x000000dfu
#define PSR_PRIV_V6 0x000001dfu

struct arch_desc {
	const char *name;    /* spec 'arch' name */
	unsigned long mach;  /* bfd_mach_arm_* given to libopcodes */
	uint32_t psr_priv;
	unsigned bit;	     /* ARMPV_ARCH_*, filled in at start-up */
};

static struct arch_desc arch_descs[] = {
	{ "armv5te", bfd_mach_arm_5TE, PSR_PRIV_V5TE, 0 },
	/* ARM1176JZF-S is ARMv6KZ (rewriter/disasm.c picks the machine). */
	{ "armv6", bfd_mach_arm_6KZ, PSR_PRIV_V6, 0 },
};
#define NARCH ARRAY_SIZE(arch_descs)

/* ------------------------------------------------------------------------
 * libopcodes.
 */

/* libopcodes through the wrapper armpv-rewrite's listings use. */
static const char *disasm_word(size_t ai, uint32_t w)
{
	static char text[256];

	rw_disasm(w, 0, arch_descs[ai].bit, text, sizeof(text));
	return text;
}

/* ------------------------------------------------------------------------
 * The verdict from libopcodes' text, written from the ARM ARM's list of
 * sensitive instructions, not from the spec.
 */

/* Verdicts besides ARMPV_INSN_*. */
enum verdict_special {
	VERDICT_UNPARSED = -1, /* libopcodes: known mnemonic, unknown operands */
	VERDICT_REFUSED = -2,  /* armpv: an 'unpredictable' row, refused */
};

static const char *const cond_suffixes[] = {
	"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
	"hi", "ls", "ge", "lt", "gt", "le", "al", "hs", "lo",
};

static bool is_cond_suffix(const char *s)
{
	if (!*s)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(cond_suffixes); i++)
		if (!strcmp(s, cond_suffixes[i]))
			return true;
	return false;
}

/* 'm' is 'base' followed by nothing or a condition. */
static bool mnem_is(const char *m, const char *base)
{
	size_t n = strlen(base);

	return !strncmp(m, base, n) && is_cond_suffix(m + n);
}

/* 'm' is 'base', an optional addressing mode (LDM/STM, RFE, SRS), and
 * nothing or a condition. */
static bool mnem_is_multiple(const char *m, const char *base)
{
	static const char *const modes[] = {
		"", "ia", "ib", "da", "db", "fd", "fa", "ed", "ea",
	};
	size_t n = strlen(base);

	if (strncmp(m, base, n))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
		size_t k = strlen(modes[i]);
		if (!strncmp(m + n, modes[i], k) && is_cond_suffix(m + n + k))
			return true;
	}
	return false;
}

struct dp_mnemonic {
	const char *base;
	enum armpv_insn insn;
};

/* The twelve data-processing operations that write Rd, and the shift
 * aliases libopcodes prints for MOV with a shifted register. */
static const struct dp_mnemonic dp_mnemonics[] = {
	{ "and", ARMPV_INSN_ANDS }, { "eor", ARMPV_INSN_EORS },
	{ "sub", ARMPV_INSN_SUBS }, { "rsb", ARMPV_INSN_RSBS },
	{ "add", ARMPV_INSN_ADDS }, { "adc", ARMPV_INSN_ADCS },
	{ "sbc", ARMPV_INSN_SBCS }, { "rsc", ARMPV_INSN_RSCS },
	{ "orr", ARMPV_INSN_ORRS }, { "mov", ARMPV_INSN_MOVS },
	{ "bic", ARMPV_INSN_BICS }, { "mvn", ARMPV_INSN_MVNS },
	{ "lsl", ARMPV_INSN_MOVS }, { "lsr", ARMPV_INSN_MOVS },
	{ "asr", ARMPV_INSN_MOVS }, { "ror", ARMPV_INSN_MOVS },
	{ "rrx", ARMPV_INSN_MOVS },
};

/* The first comma-separated operand, trimmed, is "pc". */
static bool first_operand_is_pc(const char *ops)
{
	while (*ops == ' ' || *ops == '\t')
		ops++;
	return !strncmp(ops, "pc", 2) &&
	       (ops[2] == ',' || ops[2] == ' ' || ops[2] == '\0');
}

/* LDM/STM register list "{r0, r1, ..., pc}" holds pc. */
static bool reglist_has_pc(const char *ops)
{
	const char *open = strchr(ops, '{'), *close = strchr(ops, '}');

	if (!open || !close || close < open)
		return false;
	for (const char *p = open + 1; p + 1 < close; p++)
		if (p[0] == 'p' && p[1] == 'c' &&
		    (p[-1] == '{' || p[-1] == ' ' || p[-1] == '-'))
			return true;
	return false;
}

/*
 * MSR: sensitive if it writes a PSR byte that holds a privileged bit
 * (CPSR), or writes any SPSR byte (no SPSR in User mode: UNPREDICTABLE;
 * in the others it is the saved state).  The operand is "CPSR_<fields>" or
 * "SPSR_<fields>", fields from "fsxc".  libopcodes also prints the ARMv7
 * Virtualization Extensions' banked-register form (R8_usr, SPSR_fiq, or
 * "(UNDEF: n)") when bit 9 is set, whatever the architecture: such an MSR
 * writes another mode's register, privileged only, so it reads as
 * sensitive too.
 */
static int verdict_msr(const char *ops, const struct arch_desc *a)
{
	uint32_t bytes = 0;
	const char *p;
	bool spsr;

	while (*ops == ' ' || *ops == '\t')
		ops++;
	if (!strncmp(ops, "CPSR_", 5))
		spsr = false;
	else if (!strncmp(ops, "SPSR_", 5))
		spsr = true;
	else
		return ARMPV_INSN_MSR; /* banked register */
	for (p = ops + 5; *p && *p != ','; p++) {
		switch (*p) {
		case 'c': bytes |= 0x000000ffu; break;
		case 'x': bytes |= 0x0000ff00u; break;
		case 's': bytes |= 0x00ff0000u; break;
		case 'f': bytes |= 0xff000000u; break;
		default: return ARMPV_INSN_MSR; /* SPSR_fiq etc.: banked */
		}
	}
	if (*p != ',')
		return VERDICT_UNPARSED;
	if (spsr ? bytes != 0 : (bytes & a->psr_priv) != 0)
		return ARMPV_INSN_MSR;
	return ARMPV_INSN_NONE;
}

static int verdict_from_text(const char *text, const struct arch_desc *a)
{
	char mnem[32], ops[256];
	size_t n = 0;
	const char *p = text;

	/* "<UNDEFINED> instruction: 0x..." and data start with white space. */
	while (*p && *p != '\t' && *p != ' ' && n + 1 < sizeof(mnem))
		mnem[n++] = *p++;
	mnem[n] = '\0';
	if (!n)
		return ARMPV_INSN_NONE;
	while (*p == '\t' || *p == ' ')
		p++;
	/* Operands end where a comment ("@ <UNPREDICTABLE>", "@ 0x...")
	 * starts. */
	n = strcspn(p, "@;");
	if (n >= sizeof(ops))
		n = sizeof(ops) - 1;
	memcpy(ops, p, n);
	while (n && (ops[n - 1] == ' ' || ops[n - 1] == '\t'))
		n--;
	ops[n] = '\0';

	if (mnem_is(mnem, "mrs"))
		return ARMPV_INSN_MRS;
	if (mnem_is(mnem, "msr"))
		return verdict_msr(ops, a);
	if (!strcmp(mnem, "cps") || !strcmp(mnem, "cpsie") ||
	    !strcmp(mnem, "cpsid"))
		return ARMPV_INSN_CPS;
	if (mnem_is_multiple(mnem, "rfe"))
		return ARMPV_INSN_RFE;
	if (mnem_is_multiple(mnem, "srs"))
		return ARMPV_INSN_SRS;
	if (mnem_is_multiple(mnem, "ldm") || mnem_is_multiple(mnem, "stm")) {
		if (!n || ops[n - 1] != '^')
			return ARMPV_INSN_NONE;
		if (mnem[0] == 's')
			return ARMPV_INSN_STM_USER;
		return reglist_has_pc(ops) ? ARMPV_INSN_LDM_RET
					   : ARMPV_INSN_LDM_USER;
	}
	if (mnem_is(mnem, "ldrt"))
		return ARMPV_INSN_LDRT;
	if (mnem_is(mnem, "ldrbt"))
		return ARMPV_INSN_LDRBT;
	if (mnem_is(mnem, "strt"))
		return ARMPV_INSN_STRT;
	if (mnem_is(mnem, "strbt"))
		return ARMPV_INSN_STRBT;
	for (size_t i = 0; i < ARRAY_SIZE(dp_mnemonics); i++) {
		char with_s[8];

		snprintf(with_s, sizeof(with_s), "%ss", dp_mnemonics[i].base);
		if (mnem_is(mnem, with_s))
			return first_operand_is_pc(ops) ? (int)dp_mnemonics[i].insn
							: ARMPV_INSN_NONE;
	}
	return ARMPV_INSN_NONE;
}

/* ------------------------------------------------------------------------
 * Known deviations of libopcodes from the ARM ARM.  Each is an exact
 * pattern: the word matches mask/value and does not match xmask/xvalue
 * (xmask 0: no exclusion), libopcodes says 'lib' and we say 'ours'.
 */

struct deviation {
	const char *name;
	uint32_t mask, value;
	uint32_t xmask, xvalue;
	int lib, ours;
	const char *reason;
};

static const struct deviation known_deviations[] = {
	{
		"msr-reg-bits7-4",
		0x0fb0f000, 0x0120f000, 0x000000f0, 0x00000000,
		ARMPV_INSN_MSR, ARMPV_INSN_NONE,
		"libopcodes' MSR row (0x0120f000/0x0db0f000) ignores bits 7:4 "
		"of the register form, so it reads any cond 0001 0R10 mask 1111 "
		"xxxx xxxx xxxx not claimed by an earlier row as MSR (with a "
		"shifter operand).  ARM ARM, MSR: the register form has bits 7:4 "
		"= 0000; with other values the word is another instruction of "
		"the miscellaneous or multiply/extra load-store space (chapter "
		"A3 decode tables: BX, BXJ, BLX, CLZ, QSUB, BKPT, SMLAW, ...) with "
		"violated SBZ/SBO bits, or UNDEFINED; never an MSR.",
	},
	{
		"mov-reg-bit7-bit4",
		0x0fef0090, 0x01a00090, 0, 0,
		ARMPV_INSN_MOVS, ARMPV_INSN_NONE,
		"libopcodes' rows for MOV with a shifted register (lsl/lsr/asr/"
		"ror, 0x01a000x0/0x0def0060) check bit 4 but not bit 7, so words "
		"cond 0001 101S 0000 Rd xxxx 1xx1 Rm that no extra load/store row "
		"claims print as e.g. \"lsls pc, r5 @ <illegal shifter "
		"operand>\".  ARM ARM chapter A3, instruction set encoding: "
		"bits 7 and 4 both set in the data-processing space are the "
		"multiply and extra load/store instructions (here LDRH/LDRSB/"
		"LDRSH with SBZ bits 11:8 violated, or SWP/LDREX-family "
		"encodings), never a data-processing instruction; the other "
		"eleven operations' rows (mask 0x0fe00090) get this right.",
	},
};
#define NDEV ARRAY_SIZE(known_deviations)

static int deviation_find(uint32_t w, int lib, int ours)
{
	for (size_t i = 0; i < NDEV; i++) {
		const struct deviation *d = &known_deviations[i];

		if ((w & d->mask) != d->value)
			continue;
		if (d->xmask && (w & d->xmask) == d->xvalue)
			continue;
		if (d->lib == lib && d->ours == ours)
			return (int)i;
	}
	return -1;
}

/* ------------------------------------------------------------------------
 * Should-be bits, from the ARM ARM (DDI 0100I, ARMv5TE and ARMv6) and not
 * from the spec.
 *
 * The spec matches SBZ/SBO bits at their required values, as libopcodes
 * does, and refuses ('unpredictable' lines) the words of a sensitive
 * encoding space that violate them.  For a refused word the check is that
 * the ARM ARM explains the refusal: the word lies in one of the spaces
 * below and violates its should-be bits (or writeback), and once they are
 * fixed ("canonical" word) libopcodes and armpv agree on what it is.
 * Conversely a word with violated bits whose canonical form is sensitive
 * must be refused, not passed as not sensitive.
 */

struct should_be {
	const char *name;
	uint32_t mask, value;	/* the space: bits that identify the insn */
	bool conditional;	/* cond 1111 is not in the space */
	uint32_t sbz, sbo;	/* canonical: clear sbz, set sbo */
	const char *ref;
};

static const struct should_be should_be_spaces[] = {
	/* The miscellaneous-instructions decode table tells MRS and MSR by
	 * bits 7:4 = 0000; the MRS diagram's other SBZ bits are 11:8, 3:0. */
	{ "MRS", 0x0fb000f0, 0x01000000, true, 0x00000f0f, 0x000f0000,
	  "MRS: SBO 19:16, SBZ 11:0" },
	{ "MSR (register)", 0x0fb000f0, 0x01200000, true, 0x00000f00, 0x0000f000,
	  "MSR: SBO 15:12, SBZ 11:8" },
	{ "MSR (immediate)", 0x0fb00000, 0x03200000, true, 0, 0x0000f000,
	  "MSR: SBO 15:12" },
	{ "CPS", 0xfff10020, 0xf1000000, false, 0x0000fe00, 0,
	  "CPS: SBZ 15:9" },
	/* RFE and SRS: 1111 100P U0W1 Rn SBZ 1010 SBZ and 1111 100P U1W0
	 * 1101 SBZ 0101 SBZ mode.  DDI 0100I draws bits 11:8 of both as
	 * literals, which tell the instruction: with other values the word
	 * is no RFE or SRS (UNDEFINED on ARMv6, as libopcodes and qemu
	 * decode it), so the spaces here hold 11:8 = 1010 and 0101 only.
	 * SRS's bits 19:16 (R13 of the mode) are taken as should-be 1101,
	 * as the ARMv7 ARM (DDI 0406C, SRS encoding A1) draws them. */
	{ "RFE", 0xfe500f00, 0xf8100a00, false, 0x0000f0ff, 0,
	  "RFE: SBZ 15:12, 7:0; bits 11:8 1010 tell RFE" },
	{ "SRS", 0xfe500f00, 0xf8400500, false, 0x0002f0e0, 0x000d0000,
	  "SRS: SBZ 15:12, 7:5, 19:16 should be 1101; bits 11:8 0101 tell SRS" },
	/* W=1 with the user-register forms: canonical clears W. */
	{ "STM (user registers), W=1", 0x0e700000, 0x08600000, true,
	  0x00200000, 0, "STM (2): writeback UNPREDICTABLE" },
	{ "LDM (user registers), W=1", 0x0e708000, 0x08700000, true,
	  0x00200000, 0, "LDM (2): writeback UNPREDICTABLE" },
	/* MOV and MVN with S and Rd = pc: Rn is SBZ. */
	{ "MOVS/MVNS pc", 0x0fb0f000, 0x03b0f000, true, 0x000f0000, 0,
	  "MOV, MVN: SBZ 19:16" },
	{ "MOVS/MVNS pc", 0x0fb0f010, 0x01b0f000, true, 0x000f0000, 0,
	  "MOV, MVN: SBZ 19:16" },
	{ "MOVS/MVNS pc", 0x0fb0f090, 0x01b0f010, true, 0x000f0000, 0,
	  "MOV, MVN: SBZ 19:16" },
	/* TST, TEQ, CMP, CMN: Rd is SBZ; 1111 is the 26-bit ARMv2 "P" form
	 * (TSTP etc.), which wrote the PSR in privileged modes. */
	{ "TST/TEQ/CMP/CMN Rd", 0x0f90f000, 0x0310f000, true, 0x0000f000, 0,
	  "TST, TEQ, CMP, CMN: SBZ 15:12" },
	{ "TST/TEQ/CMP/CMN Rd", 0x0f90f010, 0x0110f000, true, 0x0000f000, 0,
	  "TST, TEQ, CMP, CMN: SBZ 15:12" },
	{ "TST/TEQ/CMP/CMN Rd", 0x0f90f090, 0x0110f010, true, 0x0000f000, 0,
	  "TST, TEQ, CMP, CMN: SBZ 15:12" },
};
#define NSPACES ARRAY_SIZE(should_be_spaces)

static int should_be_find(uint32_t w)
{
	for (size_t i = 0; i < NSPACES; i++) {
		const struct should_be *b = &should_be_spaces[i];

		if ((w & b->mask) == b->value &&
		    (!b->conditional || (w >> 28) != 0xf))
			return (int)i;
	}
	return -1;
}

static uint32_t should_be_canonical(const struct should_be *b, uint32_t w)
{
	return (w & ~b->sbz) | b->sbo;
}

/*
 * Data processing with S=1, Rd = pc and a register-shifted operand (ARM
 * ARM A5.1.5, A5.1.7, A5.1.9, A5.1.11, "Data-processing operands" shifted
 * by register: "Specifying R15 as register Rd, register Rm, register Rn,
 * or register Rs has UNPREDICTABLE results"): cond 000 opcode 1 Rn 1111
 * Rs 0 shift 1 Rm.  Bits 7 and 4 both set would be the multiplies and
 * extra loads/stores.  Nothing to fix here, so no canonical word: the
 * refusal is explained when libopcodes reads the word as the data-
 * processing instruction writing pc (a sensitive verdict) and marks it
 * <UNPREDICTABLE>.  TST/TEQ/CMP/CMN words in this space (Rd is SBZ there)
 * and MOV/MVN with Rn (SBZ) set are should-be words above; their canonical
 * words are explained here or agree.
 */
static const struct {
	const char *name;
	uint32_t mask, value;
	const char *ref;
} regpc_space = {
	"data processing, S=1, Rd = pc, register shift",
	0x0e10f090, 0x0010f010,
	"A5.1.5/7/9/11: R15 as Rd with a register shift is UNPREDICTABLE",
};

static bool is_dataproc_verdict(int v)
{
	for (size_t i = 0; i < ARRAY_SIZE(dp_mnemonics); i++)
		if (v == (int)dp_mnemonics[i].insn)
			return true;
	return false;
}

/* The refusal of w is explained by regpc_space: w lies in it, and
 * libopcodes ('text', verdict 'lib') says the sensitive instruction and
 * <UNPREDICTABLE>. */
static bool regpc_explains(uint32_t w, const char *text, int lib)
{
	return (w & regpc_space.mask) == regpc_space.value && w >> 28 != 0xf &&
	       is_dataproc_verdict(lib) && strstr(text, "<UNPREDICTABLE>");
}

/* ------------------------------------------------------------------------
 * Counting.
 */

struct counts {
	uint64_t words;
	uint64_t agree_sensitive, agree_not;
	/* agree_sensitive that libopcodes marks "<UNPREDICTABLE>" (pc or an
	 * empty list where the ARM ARM forbids them), by form */
	uint64_t agree_marked[ARMPV_NFORMS];
	/* refused by the spec, per should-be space: canonical word
	 * sensitive / not sensitive (both sides agreeing on it) / refused
	 * too, as a word of regpc_space */
	uint64_t refused_sens[NSPACES], refused_not[NSPACES];
	uint64_t refused_regpc_canon[NSPACES];
	/* refused by the spec, in regpc_space, libopcodes <UNPREDICTABLE> */
	uint64_t refused_regpc;
	uint64_t dev[NDEV];
	uint64_t disagree;
};

struct source {
	char name[160];	      /* "random", "sweep", or the file name */
	char desc[160];	      /* what was read, for the report */
	bool is_elf, cover;
	bool has_maps;	      /* some mapping symbol in the file */
	uint64_t files;	      /* ELF files (archive members) read */
	uint64_t sections;    /* executable sections walked */
	uint64_t arm_bytes, thumb_bytes, data_bytes, unmapped_bytes;
	uint64_t assumed_arm_bytes; /* no mapping symbols: read as ARM */
	struct counts c[NARCH];
	uint64_t form_hits[ARMPV_NFORMS][NARCH];
	uint64_t notsens_hits[ARMPV_NNOTSENS][NARCH];
	uint64_t unpred_hits[ARMPV_NUNPREDICTABLE][NARCH];
};

struct example {
	char source[160];
	const char *arch;
	const char *why;
	uint32_t word, canon;
	char text[256], canon_text[256];
	int lib, lib_canon, ours, ours_canon;
	const struct armpv_form *form;	 /* the form whose format matches */
	const struct armpv_unpredictable *unpred;
};

static unsigned max_show = 10;
static struct example *examples;
static size_t nexamples;
static uint64_t total_disagree;
static struct example refused_examples[NSPACES];
static bool have_refused_example[NSPACES];
static struct example regpc_example;
static bool have_regpc_example;

static const char *insn_name(int insn)
{
	if (insn == VERDICT_UNPARSED)
		return "(unparsed)";
	if (insn == VERDICT_REFUSED)
		return "refused (UNPREDICTABLE)";
	if (insn == ARMPV_INSN_NONE)
		return "not sensitive";
	return armpv_insn_names[insn];
}

static int ours_of(uint32_t w, unsigned arch)
{
	const struct armpv_form *f = armpv_classify(w, arch);

	if (f)
		return f->insn;
	return armpv_classify_unpredictable(w, arch) ? VERDICT_REFUSED
						      : ARMPV_INSN_NONE;
}

static void note_example(struct example *e, const struct source *s,
			 const struct arch_desc *a, uint32_t w,
			 const char *text, int lib, int ours, const char *why)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->source, sizeof(e->source), "%s", s->name);
	e->arch = a->name;
	e->why = why;
	e->word = w;
	snprintf(e->text, sizeof(e->text), "%s", text);
	e->lib = lib;
	e->ours = ours;
	e->form = armpv_match(w);
	e->unpred = armpv_classify_unpredictable(w, a->bit);
	e->canon = w;
}

static void note_canonical(struct example *e, size_t ai, uint32_t cw)
{
	e->canon = cw;
	snprintf(e->canon_text, sizeof(e->canon_text), "%s",
		 disasm_word(ai, cw));
	e->lib_canon = verdict_from_text(e->canon_text, &arch_descs[ai]);
	e->ours_canon = ours_of(cw, arch_descs[ai].bit);
}

static void disagree(struct source *s, size_t ai, uint32_t w,
		     const char *text, int lib, int ours, const char *why)
{
	const struct arch_desc *a = &arch_descs[ai];
	int sp = should_be_find(w);

	s->c[ai].disagree++;
	total_disagree++;
	if (nexamples < max_show) {
		struct example *e = &examples[nexamples++];

		note_example(e, s, a, w, text, lib, ours, why);
		if (sp >= 0 && should_be_canonical(&should_be_spaces[sp], w) != w)
			note_canonical(e, ai,
				       should_be_canonical(&should_be_spaces[sp], w));
	}
}

/* A word the spec refuses: the ARM ARM must explain it. */
static void check_refused(struct source *s, size_t ai, uint32_t w,
			  const char *text, int lib)
{
	const struct arch_desc *a = &arch_descs[ai];
	int sp = should_be_find(w), oc, lc;
	uint32_t cw = sp >= 0 ? should_be_canonical(&should_be_spaces[sp], w) : w;
	char ctext[256];

	if (cw == w) {
		/* No should-be bit to fix: only regpc_space can explain it. */
		if (!regpc_explains(w, text, lib)) {
			disagree(s, ai, w, text, lib, VERDICT_REFUSED,
				 sp < 0 ? "refused, but in no should-be space of "
					  "the ARM ARM, and not a data-processing "
					  "Rd = pc register shift libopcodes marks "
					  "<UNPREDICTABLE>"
					: "refused, but violates no should-be bit");
			return;
		}
		s->c[ai].refused_regpc++;
		if (!have_regpc_example) {
			note_example(&regpc_example, s, a, w, text, lib,
				     VERDICT_REFUSED, NULL);
			have_regpc_example = true;
		}
		return;
	}
	oc = ours_of(cw, a->bit);
	snprintf(ctext, sizeof(ctext), "%s", disasm_word(ai, cw));
	lc = verdict_from_text(ctext, a);
	if (oc == VERDICT_REFUSED && regpc_explains(cw, ctext, lc)) {
		s->c[ai].refused_regpc_canon[sp]++;
	} else if (oc != lc) {
		disagree(s, ai, w, text, lib, VERDICT_REFUSED,
			 "refused; its canonical word is read differently");
		return;
	} else if (oc == ARMPV_INSN_NONE) {
		s->c[ai].refused_not[sp]++;
	} else {
		s->c[ai].refused_sens[sp]++;
	}
	if (!have_refused_example[sp]) {
		struct example *e = &refused_examples[sp];

		note_example(e, s, a, w, text, lib, VERDICT_REFUSED, NULL);
		note_canonical(e, ai, cw);
		have_refused_example[sp] = true;
	}
}

/* Which notsens rows of form m carve w out on architecture ai. */
static void count_notsens(struct source *s, const struct armpv_form *m,
			  uint32_t w, size_t ai)
{
	unsigned end = (unsigned)m->notsens_first + m->notsens_count;

	for (unsigned i = m->notsens_first; i < end; i++) {
		const struct armpv_notsens *n = &armpv_notsens[i];

		if ((w & n->mask) == n->value && (n->archs & arch_descs[ai].bit))
			s->notsens_hits[i][ai]++;
	}
}

static void check_word(struct source *s, uint32_t w)
{
	const struct armpv_form *m = armpv_match(w);

	for (size_t ai = 0; ai < NARCH; ai++) {
		const struct arch_desc *a = &arch_descs[ai];
		struct counts *c = &s->c[ai];
		const struct armpv_form *f = armpv_classify(w, a->bit);
		const struct armpv_unpredictable *u =
			f ? NULL : armpv_classify_unpredictable(w, a->bit);
		int ours = f ? f->insn : ARMPV_INSN_NONE;
		char text[256];
		int lib, dev, sp;

		snprintf(text, sizeof(text), "%s", disasm_word(ai, w));
		lib = verdict_from_text(text, a);
		c->words++;
		if (f)
			s->form_hits[f->id][ai]++;
		if (u)
			s->unpred_hits[u - armpv_unpredictables][ai]++;
		if (m)
			count_notsens(s, m, w, ai);

		if (u) {
			check_refused(s, ai, w, text, lib);
			continue;
		}

		/* Not refused: an UNPREDICTABLE variant of a sensitive word
		 * must not pass as not sensitive. */
		sp = should_be_find(w);
		if (!f && sp >= 0) {
			uint32_t cw = should_be_canonical(&should_be_spaces[sp], w);

			if (cw != w && armpv_classify(cw, a->bit)) {
				disagree(s, ai, w, text, lib, ours,
					 "violates should-be bits of a sensitive "
					 "instruction, yet neither rewritten nor "
					 "refused");
				continue;
			}
		}

		if (lib == ours) {
			if (ours == ARMPV_INSN_NONE)
				c->agree_not++;
			else
				c->agree_sensitive++;
			if (f && strstr(text, "<UNPREDICTABLE>"))
				c->agree_marked[f->id]++;
			continue;
		}

		dev = deviation_find(w, lib, ours);
		if (dev >= 0) {
			c->dev[dev]++;
			continue;
		}
		disagree(s, ai, w, text, lib, ours, NULL);
	}
}

/* ------------------------------------------------------------------------
 * Random words: splitmix64, fixed seed.  Odd draws are uniform; even ones
 * take a random spec form's literal bits (so that rare forms are hit) and
 * then, half of the time, flip one bit of its literal mask or one bit
 * anywhere (so that the neighbours of each form are hit too).
 */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t random_near_form(void)
{
	uint64_t r = rng_next();
	const struct armpv_form *f = &armpv_forms[(r >> 32) % ARMPV_NFORMS];
	uint32_t w = (uint32_t)rng_next();
	unsigned bit = (r >> 8) & 31;

	w = (w & ~f->insn_mask) | f->insn_value;
	switch (r & 3) {
	case 0:
		/* Flip one literal bit: a near miss. */
		if (f->insn_mask & (1u << bit))
			w ^= 1u << bit;
		else
			for (unsigned k = 0; k < 32; k++)
				if (f->insn_mask & (1u << ((bit + k) & 31))) {
					w ^= 1u << ((bit + k) & 31);
					break;
				}
		break;
	case 1:
		w ^= 1u << bit;
		break;
	default:
		break;
	}
	return w;
}

static void check_random(struct source *s, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		check_word(s, i & 1 ? (uint32_t)rng_next() : random_near_form());
}

/* ------------------------------------------------------------------------
 * The sweep, independent of the spec: every value of the bits the ARM
 * ARM's decode tables look at first (27:20 and 7:4), with condition 0000,
 * 1110 and 1111, and the other bits (19:8, 3:0) filled with patterns that
 * put pc, sp or lr in the register fields, set or clear the SBZ/SBO
 * positions, and a few random fillings.
 */

static const uint32_t sweep_cond[] = { 0x0, 0xe, 0xf };

static const uint32_t sweep_fill[] = {
	0x00000000, 0x000fff0f, 0x0000f000, 0x000ff000, 0x0000f00e,
	0x000df500, 0x00000a00, 0x000f0000,
};
#define SWEEP_RANDOM_FILLS 4
#define SWEEP_SEED 0x5eedull
#define SWEEP_FILL_MASK 0x000fff0fu

#define SWEEP_FILLS (ARRAY_SIZE(sweep_fill) + SWEEP_RANDOM_FILLS)

static uint64_t sweep_words(void)
{
	return (uint64_t)ARRAY_SIZE(sweep_cond) * 256 * 16 * SWEEP_FILLS;
}

static uint32_t sweep_fill_bits(size_t k)
{
	uint32_t fill = k < ARRAY_SIZE(sweep_fill) ? sweep_fill[k]
						   : (uint32_t)rng_next();

	return fill & SWEEP_FILL_MASK;
}

static void check_sweep(struct source *s)
{
	for (size_t c = 0; c < ARRAY_SIZE(sweep_cond); c++)
		for (uint32_t op = 0; op < 256; op++)
			for (uint32_t lo = 0; lo < 16; lo++)
				for (size_t k = 0; k < SWEEP_FILLS; k++)
					check_word(s, sweep_cond[c] << 28 | op << 20 |
						      lo << 4 | sweep_fill_bits(k));
}

/* ------------------------------------------------------------------------
 * ELF input: executable sections, ARM state by mapping symbols.
 */

enum map_state { MAP_ARM, MAP_THUMB, MAP_DATA, MAP_NONE };

struct mapsym {
	size_t shndx;
	uint64_t off;
	enum map_state state;
};

static int elf_fail(const char *file, const char *call)
{
	fprintf(stderr, "opcodes_agree: %s: %s failed: %s\n", file, call,
		elf_errmsg(-1));
	return EXIT_USAGE;
}

static int mapsym_cmp(const void *pa, const void *pb)
{
	const struct mapsym *a = pa, *b = pb;

	if (a->shndx != b->shndx)
		return a->shndx < b->shndx ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return 0;
}

/* "$a", "$a.<anything>", likewise $t and $d (ELF for the Arm Architecture,
 * "Mapping symbols"). */
static enum map_state mapsym_state(const char *name)
{
	if (!name || name[0] != '$' || !name[1] ||
	    (name[2] != '\0' && name[2] != '.'))
		return MAP_NONE;
	switch (name[1]) {
	case 'a': return MAP_ARM;
	case 't': return MAP_THUMB;
	case 'd': return MAP_DATA;
	default: return MAP_NONE;
	}
}

/* Every mapping symbol of the file, sorted by section and offset. */
static int mapsyms_read(Elf *elf, const char *file, const GElf_Ehdr *eh,
			struct mapsym **out, size_t *nout)
{
	Elf_Scn *scn = NULL;
	struct mapsym *v = NULL;
	size_t n = 0, cap = 0;
	const char *failed = NULL;

	while (!failed && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;
		size_t nsyms;

		if (!gelf_getshdr(scn, &sh)) {
			failed = "gelf_getshdr";
			break;
		}
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data) {
			failed = "elf_getdata(.symtab)";
			break;
		}
		nsyms = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t i = 0; i < nsyms; i++) {
			GElf_Sym sym;
			GElf_Shdr tsh;
			Elf_Scn *target;
			enum map_state st;

			if (!gelf_getsym(data, (int)i, &sym)) {
				failed = "gelf_getsym";
				break;
			}
			st = mapsym_state(elf_strptr(elf, sh.sh_link, sym.st_name));
			if (st == MAP_NONE || sym.st_shndx == SHN_UNDEF ||
			    sym.st_shndx >= SHN_LORESERVE)
				continue;
			target = elf_getscn(elf, sym.st_shndx);
			if (!target || !gelf_getshdr(target, &tsh)) {
				failed = "elf_getscn(mapping symbol's section)";
				break;
			}
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				v = realloc(v, cap * sizeof(*v));
				if (!v) {
					perror("opcodes_agree");
					exit(EXIT_USAGE);
				}
			}
			v[n].shndx = sym.st_shndx;
			/* Relocatable files hold offsets, others addresses. */
			v[n].off = sym.st_value -
				   (eh->e_type == ET_REL ? 0 : tsh.sh_addr);
			v[n].state = st;
			n++;
		}
	}
	if (failed) {
		free(v);
		return elf_fail(file, failed);
	}
	if (n)
		qsort(v, n, sizeof(*v), mapsym_cmp);
	*out = v;
	*nout = n;
	return EXIT_AGREE;
}

static uint32_t read_word(const unsigned char *b, bool big_endian)
{
	if (big_endian)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[1] << 8 | b[0];
}

static void walk_region(struct source *s, const unsigned char *bytes,
			uint64_t size, uint64_t from, uint64_t to,
			enum map_state st, bool big_endian, bool assumed)
{
	if (to > size)
		to = size;
	if (from >= to)
		return;
	switch (st) {
	case MAP_THUMB:
		s->thumb_bytes += to - from;
		return;
	case MAP_DATA:
		s->data_bytes += to - from;
		return;
	case MAP_NONE:
		s->unmapped_bytes += to - from;
		return;
	case MAP_ARM:
		break;
	}
	if (assumed)
		s->assumed_arm_bytes += to - from;
	else
		s->arm_bytes += to - from;
	for (uint64_t o = (from + 3) & ~(uint64_t)3; o + 4 <= to; o += 4)
		check_word(s, read_word(bytes + o, big_endian));
}

static int check_elf(struct source *s, Elf *elf, const char *file)
{
	GElf_Ehdr eh;
	Elf_Scn *scn = NULL;
	struct mapsym *maps;
	size_t nmaps, k = 0;
	bool big_endian;
	int rc;

	if (!gelf_getehdr(elf, &eh))
		return elf_fail(file, "gelf_getehdr");
	if (eh.e_machine != EM_ARM || eh.e_ident[EI_CLASS] != ELFCLASS32) {
		fprintf(stderr, "opcodes_agree: %s: not a 32-bit ARM ELF file "
			"(e_machine %u, class %u)\n", file, eh.e_machine,
			eh.e_ident[EI_CLASS]);
		return EXIT_USAGE;
	}
	/* BE8 images keep instructions little-endian. */
	big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB &&
		     !(eh.e_flags & EF_ARM_BE8);
	rc = mapsyms_read(elf, file, &eh, &maps, &nmaps);
	if (rc)
		return rc;
	s->files++;
	if (nmaps)
		s->has_maps = true;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;
		size_t idx = elf_ndxscn(scn);
		uint64_t start = 0;
		enum map_state st;

		if (!gelf_getshdr(scn, &sh)) {
			free(maps);
			return elf_fail(file, "gelf_getshdr");
		}
		if (sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR) ||
		    !sh.sh_size)
			continue;
		data = elf_rawdata(scn, NULL);
		if (!data || data->d_size != sh.sh_size) {
			free(maps);
			return elf_fail(file, "elf_rawdata(executable section)");
		}
		s->sections++;
		while (k < nmaps && maps[k].shndx < idx)
			k++;
		/* Before a section's first mapping symbol: nothing is known
		 * if the file has some; a file with none is read as ARM. */
		st = nmaps ? MAP_NONE : MAP_ARM;
		for (; k < nmaps && maps[k].shndx == idx; k++) {
			walk_region(s, data->d_buf, sh.sh_size, start, maps[k].off,
				    st, big_endian, !nmaps);
			start = maps[k].off;
			st = maps[k].state;
		}
		walk_region(s, data->d_buf, sh.sh_size, start, sh.sh_size, st,
			    big_endian, !nmaps);
	}
	free(maps);
	return EXIT_AGREE;
}

static int check_file(struct source *s, const char *file)
{
	int fd = open(file, O_RDONLY), rc = EXIT_AGREE;
	Elf *ar, *elf;

	if (fd < 0) {
		fprintf(stderr, "opcodes_agree: %s: %s\n", file, strerror(errno));
		return EXIT_USAGE;
	}
	ar = elf_begin(fd, ELF_C_READ, NULL);
	if (!ar) {
		close(fd);
		return elf_fail(file, "elf_begin");
	}
	switch (elf_kind(ar)) {
	case ELF_K_ELF:
		rc = check_elf(s, ar, file);
		break;
	case ELF_K_AR:
		while (!rc && (elf = elf_begin(fd, ELF_C_READ, ar))) {
			Elf_Arhdr *ah = elf_getarhdr(elf);
			char member[512];

			snprintf(member, sizeof(member), "%s(%s)", file,
				 ah && ah->ar_name ? ah->ar_name : "?");
			if (elf_kind(elf) == ELF_K_ELF)
				rc = check_elf(s, elf, member);
			elf_next(elf);
			elf_end(elf);
		}
		break;
	default:
		fprintf(stderr, "opcodes_agree: %s: neither an ELF file nor an "
			"archive\n", file);
		rc = EXIT_USAGE;
	}
	elf_end(ar);
	close(fd);
	return rc;
}

/* ------------------------------------------------------------------------
 * Report.
 */

/* The sensitive words libopcodes flags "<UNPREDICTABLE>" (pc or an empty
 * register list where the ARM ARM forbids them, which the spec rewrites),
 * by group. */
static void print_marked(const struct counts *c)
{
	uint64_t total = 0, by[ARMPV_NGROUPS] = { 0 };
	const char *sep = "";

	for (unsigned i = 0; i < ARMPV_NFORMS; i++) {
		total += c->agree_marked[i];
		by[armpv_forms[i].group] += c->agree_marked[i];
	}
	if (!total)
		return;
	printf("\n%14sof the sensitive, libopcodes marks <UNPREDICTABLE>: %"
	       PRIu64 " (", "", total);
	for (unsigned g = 0; g < ARMPV_NGROUPS; g++)
		if (by[g]) {
			printf("%s%s %" PRIu64, sep, armpv_group_names[g], by[g]);
			sep = ", ";
		}
	printf(")");
}

static void print_counts(const struct counts *c, const char *arch)
{
	printf("    %-8s words %10" PRIu64 "  agree %10" PRIu64
	       " (sensitive %" PRIu64 ", not %" PRIu64 ")",
	       arch, c->words, c->agree_sensitive + c->agree_not,
	       c->agree_sensitive, c->agree_not);
	print_marked(c);
	for (size_t k = 0; k < NSPACES; k++) {
		const char *name = should_be_spaces[k].name;
		uint64_t sens = 0, not = 0, canon = 0;

		/* Spaces split in several rows share a name: add them up. */
		if (k && !strcmp(name, should_be_spaces[k - 1].name))
			continue;
		for (size_t j = k; j < NSPACES; j++) {
			if (strcmp(name, should_be_spaces[j].name))
				break;
			sens += c->refused_sens[j];
			not += c->refused_not[j];
			canon += c->refused_regpc_canon[j];
		}
		if (sens)
			printf("\n%14srefused, %s: %" PRIu64 " (canonical word "
			       "sensitive)", "", name, sens);
		if (not)
			printf("\n%14srefused, %s: %" PRIu64 " (canonical word "
			       "not sensitive)", "", name, not);
		if (canon)
			printf("\n%14srefused, %s: %" PRIu64 " (canonical word "
			       "refused too: %s)", "", name, canon,
			       regpc_space.name);
	}
	if (c->refused_regpc)
		printf("\n%14srefused, %s: %" PRIu64 " (libopcodes: the "
		       "sensitive instruction, <UNPREDICTABLE>)", "",
		       regpc_space.name, c->refused_regpc);
	for (size_t d = 0; d < NDEV; d++)
		if (c->dev[d])
			printf("\n%14sknown libopcodes deviation %s: %" PRIu64, "",
			       known_deviations[d].name, c->dev[d]);
	printf("\n%14sDISAGREE %" PRIu64 "\n", "", c->disagree);
}

static void print_source(const struct source *s)
{
	printf("%s\n", s->desc[0] ? s->desc : s->name);
	if (s->is_elf) {
		printf("    %" PRIu64 " ELF file(s), %" PRIu64 " executable "
		       "section(s); bytes: ARM %" PRIu64 ", Thumb skipped %" PRIu64
		       ", data skipped %" PRIu64 ", before any mapping symbol "
		       "skipped %" PRIu64 "\n", s->files, s->sections, s->arm_bytes,
		       s->thumb_bytes, s->data_bytes, s->unmapped_bytes);
		if (s->assumed_arm_bytes)
			printf("    no mapping symbols in %s: %" PRIu64 " bytes read "
			       "as ARM, literal pools and any Thumb included\n",
			       s->has_maps ? "some members" : "the file",
			       s->assumed_arm_bytes);
	}
	for (size_t a = 0; a < NARCH; a++)
		print_counts(&s->c[a], arch_descs[a].name);
}

static void print_example(const struct example *e)
{
	printf("  %s, %s: %08" PRIx32 "%s%s\n", e->source, e->arch, e->word,
	       e->why ? ": " : "", e->why ? e->why : "");
	printf("      libopcodes: \"%s\" -> %s\n", e->text, insn_name(e->lib));
	printf("      armpv:      %s", insn_name(e->ours));
	if (e->form)
		printf(" (format of form %s %s, spec line %u%s)", e->form->name,
		       e->form->form, e->form->spec_line,
		       e->ours == ARMPV_INSN_NONE ? ", carved out by a notsens row"
						  : "");
	else if (e->unpred)
		printf(" (spec line %u: %s)", e->unpred->spec_line,
		       e->unpred->text);
	printf("\n");
	if (e->canon != e->word)
		printf("      canonical %08" PRIx32 ": libopcodes \"%s\" -> %s; "
		       "armpv %s\n", e->canon, e->canon_text,
		       insn_name(e->lib_canon), insn_name(e->ours_canon));
}

/* Every form sensitive on an architecture, every notsens row and every
 * unpredictable row must have a word in the file. */
static bool coverage_ok(const struct source *s)
{
	bool ok = true;

	for (size_t a = 0; a < NARCH; a++) {
		for (unsigned i = 0; i < ARMPV_NFORMS; i++) {
			const struct armpv_form *f = &armpv_forms[i];

			if ((f->archs & arch_descs[a].bit) && !s->form_hits[i][a]) {
				printf("  %s: no %s word of form %s %s (spec line %u)\n",
				       s->name, arch_descs[a].name, f->name, f->form,
				       f->spec_line);
				ok = false;
			}
		}
		for (unsigned i = 0; i < ARMPV_NNOTSENS; i++) {
			const struct armpv_notsens *n = &armpv_notsens[i];

			if ((n->archs & arch_descs[a].bit) && !s->notsens_hits[i][a]) {
				printf("  %s: no %s word of notsens row at spec line %u "
				       "(%s)\n", s->name, arch_descs[a].name,
				       n->spec_line, n->text);
				ok = false;
			}
		}
		for (unsigned i = 0; i < ARMPV_NUNPREDICTABLE; i++) {
			const struct armpv_unpredictable *u = &armpv_unpredictables[i];

			if ((u->archs & arch_descs[a].bit) && !s->unpred_hits[i][a]) {
				printf("  %s: no %s word of unpredictable row at spec "
				       "line %u (%s)\n", s->name, arch_descs[a].name,
				       u->spec_line, u->text);
				ok = false;
			}
		}
	}
	return ok;
}

/* ------------------------------------------------------------------------
 */

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: opcodes_agree [--random N] [--seed S] [--no-sweep] [--show N]\n"
		"                     [--cover FILE]... [FILE...]\n"
		"\n"
		"Compare armpv's classification of ARM words with GNU libopcodes'\n"
		"disassembly, on ARMv5TE and ARMv6: a sweep of the decode bits\n"
		"(unless --no-sweep), N random words (default 1000000, seed\n"
		"default 1) and every ARM-state word of the executable sections of\n"
		"each ELF FILE (object, executable, shared object or archive).\n"
		"--cover FILE also requires FILE to hold a word of every spec form,\n"
		"notsens row and unpredictable row.  --show N lists the first N\n"
		"disagreements (default 10).\n"
		"\n"
		"Exit status: 0 agreement (refused words explained by the ARM\n"
		"ARM's should-be bits, known libopcodes deviations counted apart);\n"
		"1 a disagreement or missing coverage; 2 usage or file error.\n");
}

static bool parse_u64(const char *opt, const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s ? s : "", &end, 0);
	if (!s || errno || end == s || *end) {
		fprintf(stderr, "opcodes_agree: %s needs a number\n", opt);
		return false;
	}
	return true;
}

struct options {
	uint64_t nrandom, seed;
	unsigned show;
	bool sweep;
	struct source *files;
	size_t nfiles;
};

/* EXIT_AGREE to go on; otherwise the status to exit with. */
static int parse_options(int argc, char **argv, struct options *o)
{
	uint64_t show = 10;

	o->nrandom = 1000000;
	o->seed = 1;
	o->sweep = true;
	o->nfiles = 0;
	o->files = calloc((size_t)argc + 1, sizeof(*o->files));
	if (!o->files) {
		perror("opcodes_agree");
		return EXIT_USAGE;
	}
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		struct source *f = &o->files[o->nfiles];

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(stdout);
			exit(EXIT_AGREE);
		} else if (!strcmp(arg, "--random")) {
			if (!parse_u64(arg, val, &o->nrandom))
				return EXIT_USAGE;
			i++;
		} else if (!strcmp(arg, "--seed")) {
			if (!parse_u64(arg, val, &o->seed))
				return EXIT_USAGE;
			i++;
		} else if (!strcmp(arg, "--show")) {
			if (!parse_u64(arg, val, &show))
				return EXIT_USAGE;
			i++;
		} else if (!strcmp(arg, "--no-sweep")) {
			o->sweep = false;
		} else if (!strcmp(arg, "--cover") && val) {
			f->cover = true;
			f->is_elf = true;
			snprintf(f->name, sizeof(f->name), "%s", val);
			o->nfiles++;
			i++;
		} else if (arg[0] == '-' && arg[1]) {
			usage(stderr);
			return EXIT_USAGE;
		} else {
			f->is_elf = true;
			snprintf(f->name, sizeof(f->name), "%s", arg);
			o->nfiles++;
		}
	}
	o->show = show > 1000 ? 1000 : (unsigned)show;
	return EXIT_AGREE;
}

static int setup(unsigned show)
{
	max_show = show;
	examples = calloc(max_show + 1, sizeof(*examples));
	if (!examples) {
		perror("opcodes_agree");
		return EXIT_USAGE;
	}
	for (size_t a = 0; a < NARCH; a++) {
		arch_descs[a].bit = armpv_arch_parse(arch_descs[a].name);
		if (!arch_descs[a].bit) {
			fprintf(stderr, "opcodes_agree: the spec has no arch %s\n",
				arch_descs[a].name);
			return EXIT_USAGE;
		}
		char probe[64];
		if (!rw_disasm(0xe1a00000, 0, arch_descs[a].bit, probe, sizeof(probe))) {
			fprintf(stderr, "opcodes_agree: libopcodes has no ARM "
				"disassembler\n");
			return EXIT_USAGE;
		}
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "opcodes_agree: libelf: %s\n", elf_errmsg(-1));
		return EXIT_USAGE;
	}

	printf("opcodes_agree: armpv tables version %d (layout hash 0x%08x) "
	       "against GNU libopcodes\n", ARMPV_TABLES_VERSION,
	       ARMPV_TABLES_LAYOUT_HASH);
	printf("libopcodes machines: ");
	for (size_t a = 0; a < NARCH; a++)
		printf("%s%s = bfd_mach_arm %lu", a ? ", " : "",
		       arch_descs[a].name, arch_descs[a].mach);
	printf("\n\n");
	return EXIT_AGREE;
}

static void run_sweep(void)
{
	static struct source swp;

	/* Its own fixed seed: the random words depend on --seed only. */
	rng_state = SWEEP_SEED;
	snprintf(swp.name, sizeof(swp.name), "sweep");
	snprintf(swp.desc, sizeof(swp.desc), "sweep: %" PRIu64 " words "
		 "(cond 0000/1110/1111 x bits 27:20 x bits 7:4 x %zu fillings)",
		 sweep_words(), SWEEP_FILLS);
	check_sweep(&swp);
	print_source(&swp);
}

static void run_random(uint64_t n, uint64_t seed)
{
	static struct source rnd;

	rng_state = seed;
	snprintf(rnd.name, sizeof(rnd.name), "random");
	snprintf(rnd.desc, sizeof(rnd.desc), "random: %" PRIu64 " words, seed %"
		 PRIu64 " (%" PRIu64 " uniform, %" PRIu64 " near spec templates)",
		 n, seed, n / 2, n - n / 2);
	check_random(&rnd, n);
	print_source(&rnd);
}

/* EXIT_USAGE if a file cannot be read; *coverage false if a --cover file
 * misses a spec row. */
static int run_files(struct source *files, size_t n, bool *coverage)
{
	*coverage = true;
	for (size_t i = 0; i < n; i++) {
		struct source *s = &files[i];

		if (check_file(s, s->name))
			return EXIT_USAGE;
		print_source(s);
		if (!s->cover)
			continue;
		if (coverage_ok(s))
			printf("    covers every form, notsens and unpredictable row "
			       "of the spec on each architecture\n");
		else
			*coverage = false;
	}
	return EXIT_AGREE;
}

static int report(bool coverage)
{
	int rc = EXIT_AGREE;

	printf("\n");
	for (size_t k = 0; k < NSPACES; k++) {
		/* One example per named space (some span several rows). */
		if (!have_refused_example[k] ||
		    (k && have_refused_example[k - 1] &&
		     !strcmp(should_be_spaces[k].name, should_be_spaces[k - 1].name)))
			continue;
		printf("refused by the spec, %s (%s), first example:\n",
		       should_be_spaces[k].name, should_be_spaces[k].ref);
		print_example(&refused_examples[k]);
	}
	if (have_regpc_example) {
		printf("refused by the spec, %s (%s), first example:\n",
		       regpc_space.name, regpc_space.ref);
		print_example(&regpc_example);
	}
	for (size_t d = 0; d < NDEV; d++)
		printf("known libopcodes deviation %s: %s\n",
		       known_deviations[d].name, known_deviations[d].reason);
	if (total_disagree) {
		printf("\n%" PRIu64 " DISAGREEMENT(S); the first %zu:\n",
		       total_disagree, nexamples);
		for (size_t i = 0; i < nexamples; i++)
			print_example(&examples[i]);
		rc = EXIT_DISAGREE;
	}
	if (!coverage) {
		printf("\nsome --cover file misses spec rows (listed above)\n");
		rc = EXIT_DISAGREE;
	}
	printf("\nopcodes_agree: %s\n", rc == EXIT_AGREE ? "PASS" : "FAIL");
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	bool coverage;
	int rc;

	rc = parse_options(argc, argv, &o);
	if (rc)
		return rc;
	rc = setup(o.show);
	if (rc)
		return rc;
	if (o.sweep)
		run_sweep();
	if (o.nrandom)
		run_random(o.nrandom, o.seed);
	rc = run_files(o.files, o.nfiles, &coverage);
	if (rc)
		return rc;
	return report(coverage);
}
