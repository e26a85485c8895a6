// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * armpv_irqflags.cc -- a GCC plugin for the ARM cross compiler that turns
 * a Linux kernel's interrupt masking into loads and stores of the page the
 * armpv monitor shares with the guest (monitor/core/armpv_pv.h), so that
 * masking and unmasking make no trap.  docs/plugin.md is the manual.
 *
 * One GIMPLE pass runs on every function right after the CFG is built
 * (before SSA and before any inlining, so that the bodies of
 * arch_local_irq_save() and friends in arch/arm/include/asm/irqflags.h are
 * replaced once and every inlined copy inherits the replacement).  It
 * recognises the asm statements of irqflags.h by their instructions
 * (comments, spacing and case ignored) and operand shapes, and puts
 * equivalent GIMPLE in their place.  A second pass, after the last GIMPLE
 * optimisation, counts the markers the first one left in each function
 * that is really emitted, and writes the report.
 *
 * Options (-fplugin-arg-armpv_irqflags-NAME[=VALUE]):
 *   report=FILE  append "SOURCE: FUNCTION: N replaced (kind n, ...)" lines
 *   verbose      write the same lines to stderr
 */
#include "gcc-plugin.h"
#include "plugin-version.h"

#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimplify.h"
#include "stringpool.h"
#include "diagnostic-core.h"
#include "tm.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "armpv_hypercall.h"
#include "armpv_pv.h"

int plugin_is_GPL_compatible;

static const char plugin_name_str[] = "armpv_irqflags";

/* The marker that opens every replaced sequence: an empty asm (an assembly
 * comment) with a "memory" clobber, i.e. the compiler barrier the original
 * asm's "memory" clobber was, plus the name the report counts. */
#define MARKER_PREFIX "@ armpv-irqflags: "

static FILE *report_file;
static bool report_verbose;

/* ---------------------------------------------------------------------
 * Templates: an asm's instructions, canonical.
 */

struct insn {
	std::string mnem;
	std::vector<std::string> ops;
};

/* "#0x80" and "#128" are the same operand: canonical decimal. */
static std::string canon_operand(const std::string &op)
{
	if (op.size() > 1 && op[0] == '#') {
		char *end;
		errno = 0;
		unsigned long v = strtoul(op.c_str() + 1, &end, 0);
		if (errno == 0 && *end == '\0' && end != op.c_str() + 1)
			return "#" + std::to_string(v);
	}
	return op;
}

static void push_insn(std::vector<insn> &out, const std::string &text)
{
	size_t i = 0, n = text.size();
	while (i < n && isspace((unsigned char)text[i]))
		i++;
	if (i == n)
		return;
	insn in;
	while (i < n && !isspace((unsigned char)text[i]))
		in.mnem += (char)tolower((unsigned char)text[i++]);
	std::string op;
	for (; i <= n; i++) {
		if (i == n || text[i] == ',') {
			if (!op.empty() || i < n)
				in.ops.push_back(canon_operand(op));
			op.clear();
		} else if (!isspace((unsigned char)text[i])) {
			op += (char)tolower((unsigned char)text[i]);
		}
	}
	out.push_back(in);
}

/* Split an asm template into instructions: '\n' and ';' separate them,
 * '@' starts a comment (GNU as for ARM). */
static std::vector<insn> template_insns(const char *tmpl)
{
	std::vector<insn> out;
	std::string cur;
	bool comment = false;
	for (const char *p = tmpl;; p++) {
		if (*p == '\0' || *p == '\n' || *p == ';') {
			push_insn(out, cur);
			cur.clear();
			comment = false;
			if (*p == '\0')
				break;
		} else if (*p == '@') {
			comment = true;
		} else if (!comment) {
			cur += *p;
		}
	}
	return out;
}

/* The instructions as one line, for diagnostics: "mrs %0,cpsr; cpsid i". */
static std::string insns_text(const std::vector<insn> &v)
{
	std::string s;
	for (const insn &in : v) {
		s += (s.empty() ? "" : "; ") + in.mnem;
		for (size_t i = 0; i < in.ops.size(); i++)
			s += (i ? "," : " ") + in.ops[i];
	}
	return s;
}

/* "%N" -> N, anything else -> -1. */
static int operand_number(const std::string &op)
{
	if (op.size() == 2 && op[0] == '%' && isdigit((unsigned char)op[1]))
		return op[1] - '0';
	return -1;
}

/* CPS interrupt flags "i", "f", "if", "fi" -> CPSR mask bits; 0 for
 * anything else (A named, a flag repeated, not flags at all). */
static unsigned cps_mask(const std::string &flags)
{
	unsigned mask = 0;
	for (char c : flags) {
		unsigned bit = c == 'i' ? ARMPV_PV_CPSR_I : c == 'f' ? ARMPV_PV_CPSR_F : 0;
		if (bit == 0 || (mask & bit))
			return 0;
		mask |= bit;
	}
	return mask;
}

static unsigned imm_mask(const std::string &op)
{
	if (op.size() < 2 || op[0] != '#')
		return 0;
	unsigned long v = strtoul(op.c_str() + 1, NULL, 10);
	if (v == 0 || (v & ~(unsigned long)(ARMPV_PV_CPSR_I | ARMPV_PV_CPSR_F)))
		return 0;
	return (unsigned)v;
}

static bool is_mrs_cpsr(const insn &in, int *rd)
{
	if (in.mnem != "mrs" || in.ops.size() != 2 || in.ops[1] != "cpsr")
		return false;
	*rd = operand_number(in.ops[0]);
	return *rd >= 0;
}

static bool is_msr_cpsr_c(const insn &in, int *rm)
{
	if (in.mnem != "msr" || in.ops.size() != 2 || in.ops[0] != "cpsr_c")
		return false;
	*rm = operand_number(in.ops[1]);
	return *rm >= 0;
}

/* ---------------------------------------------------------------------
 * What an asm does to the interrupt masks.
 */

enum mask_kind {
	MK_NONE,    /* not interrupt masking: left alone */
	MK_READ,    /* %0 = CPSR                          (save_flags) */
	MK_SAVE,    /* %0 = CPSR, CPSR |= mask [, %1 = new] (irq_save) */
	MK_SET,     /* CPSR |= mask [, %0 = new]          (disable) */
	MK_CLEAR,   /* CPSR &= ~mask [, %0 = new]         (enable) */
	MK_RESTORE, /* CPSR_c = %0 (input)                (restore) */
};

struct mask_op {
	mask_kind kind;
	unsigned mask;   /* CPSR bits set or cleared */
	unsigned nout;   /* output operands the shape needs */
	unsigned nin;    /* input operands the shape needs */
};

/* The recognised templates (docs/plugin.md, "What is replaced"). */
static mask_op match_template(const std::vector<insn> &v)
{
	const mask_op none = { MK_NONE, 0, 0, 0 };
	int a, b;

	if (v.size() == 1 && is_mrs_cpsr(v[0], &a) && a == 0)
		return { MK_READ, 0, 1, 0 };
	if (v.size() == 1 && is_msr_cpsr_c(v[0], &a) && a == 0)
		return { MK_RESTORE, ARMPV_PV_CPSR_I | ARMPV_PV_CPSR_F, 0, 1 };
	if (v.size() == 1 && (v[0].mnem == "cpsid" || v[0].mnem == "cpsie") &&
	    v[0].ops.size() == 1) {
		unsigned mask = cps_mask(v[0].ops[0]);
		if (mask)
			return { v[0].mnem == "cpsid" ? MK_SET : MK_CLEAR, mask, 0, 0 };
	}
	if (v.size() == 2 && is_mrs_cpsr(v[0], &a) && a == 0 &&
	    v[1].mnem == "cpsid" && v[1].ops.size() == 1) {
		unsigned mask = cps_mask(v[1].ops[0]);
		if (mask)
			return { MK_SAVE, mask, 1, 0 };
	}
	if (v.size() == 3 && is_mrs_cpsr(v[0], &a) && a == 0 &&
	    (v[1].mnem == "orr" || v[1].mnem == "bic") && v[1].ops.size() == 3 &&
	    is_msr_cpsr_c(v[2], &b)) {
		int d = operand_number(v[1].ops[0]);
		int n = operand_number(v[1].ops[1]);
		unsigned mask = imm_mask(v[1].ops[2]);
		bool orr = v[1].mnem == "orr";
		if (mask && n == 0 && d == 0 && b == 0)
			return { orr ? MK_SET : MK_CLEAR, mask, 1, 0 };
		if (mask && orr && n == 0 && d == 1 && b == 1)
			return { MK_SAVE, mask, 2, 0 };
	}
	return none;
}

/* Not one of the templates: is it still made of nothing but interrupt
 * masking (MRS of CPSR, MSR of CPSR_c from an operand, CPSIE/CPSID,
 * ORR/BIC of an operand with an immediate), with at least one write of I
 * or F?  Then it is refused rather than left to the rewriter, so that
 * nobody believes it was made trap-free. */
static bool looks_like_masking(const std::vector<insn> &v)
{
	bool writes = false;
	int r;
	for (const insn &in : v) {
		if (is_mrs_cpsr(in, &r))
			continue;
		if (is_msr_cpsr_c(in, &r)) {
			writes = true;
			continue;
		}
		if ((in.mnem == "cpsid" || in.mnem == "cpsie") && in.ops.size() == 1) {
			std::string f = in.ops[0];
			if (f.find_first_not_of("aif") != std::string::npos)
				return false;
			if (f.find_first_of("if") != std::string::npos)
				writes = true;
			continue;
		}
		if ((in.mnem == "orr" || in.mnem == "bic") && in.ops.size() == 3 &&
		    operand_number(in.ops[0]) >= 0 &&
		    operand_number(in.ops[1]) >= 0 && in.ops[2][0] == '#')
			continue;
		return false;
	}
	return writes;
}

/* ---------------------------------------------------------------------
 * Operand shapes.
 */

static const char *op_constraint(tree op)
{
	return TREE_STRING_POINTER(TREE_VALUE(TREE_PURPOSE(op)));
}

static bool word_sized_integer(tree t)
{
	tree type = TREE_TYPE(t);
	return (INTEGRAL_TYPE_P(type) || POINTER_TYPE_P(type)) &&
	       TYPE_PRECISION(type) == 32;
}

static bool clobbers_memory(gasm *stmt)
{
	for (unsigned i = 0; i < gimple_asm_nclobbers(stmt); i++)
		if (strcmp(TREE_STRING_POINTER(TREE_VALUE(gimple_asm_clobber_op(stmt, i))),
			   "memory") == 0)
			return true;
	return false;
}

/* The shape irqflags.h uses: register operands of 32-bit integer type,
 * exactly the number the template names, no asm goto. */
static const char *check_shape(gasm *stmt, const mask_op &m)
{
	if (gimple_asm_nlabels(stmt) != 0)
		return "asm goto";
	if (gimple_asm_noutputs(stmt) != m.nout)
		return "unexpected number of output operands";
	if (gimple_asm_ninputs(stmt) != m.nin)
		return "unexpected number of input operands";
	for (unsigned i = 0; i < m.nout; i++) {
		tree op = gimple_asm_output_op(stmt, i);
		const char *c = op_constraint(op);
		if (strcmp(c, "=r") != 0 && strcmp(c, "=&r") != 0)
			return "an output operand is not \"=r\"";
		if (!word_sized_integer(TREE_VALUE(op)))
			return "an output operand is not a 32-bit integer";
	}
	for (unsigned i = 0; i < m.nin; i++) {
		tree op = gimple_asm_input_op(stmt, i);
		if (strcmp(op_constraint(op), "r") != 0)
			return "the input operand is not \"r\"";
		if (!word_sized_integer(TREE_VALUE(op)))
			return "the input operand is not a 32-bit integer";
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * The replacement (docs/plugin.md, "The sequences").
 */

struct emitter {
	gimple_seq seq;
	location_t loc;

	void add(gimple *g)
	{
		gimple_set_location(g, loc);
		gimple_seq_add_stmt(&seq, g);
	}

	/* *(volatile uint32_t *)(ARMPV_PV_PAGE_VA + off) */
	static tree page_word(unsigned off)
	{
		tree vt = build_qualified_type(unsigned_type_node, TYPE_QUAL_VOLATILE);
		tree pt = build_pointer_type(vt);
		tree m = build2(MEM_REF, vt,
				build_int_cst(pt, (HOST_WIDE_INT)ARMPV_PV_PAGE_VA + off),
				build_int_cst(pt, 0));
		TREE_THIS_VOLATILE(m) = 1;
		TREE_SIDE_EFFECTS(m) = 1;
		return m;
	}

	tree load(unsigned off)
	{
		tree t = create_tmp_reg(unsigned_type_node, "armpv_pv");
		gassign *g = gimple_build_assign(t, page_word(off));
		gimple_set_has_volatile_ops(g, true);
		add(g);
		return t;
	}

	void store(unsigned off, tree val)
	{
		gassign *g = gimple_build_assign(page_word(off), val);
		gimple_set_has_volatile_ops(g, true);
		add(g);
	}

	tree binop(tree_code code, tree a, tree b)
	{
		tree t = create_tmp_reg(unsigned_type_node, "armpv_pv");
		add(gimple_build_assign(t, code, a, b));
		return t;
	}

	tree convert(tree type, tree val)
	{
		if (useless_type_conversion_p(type, TREE_TYPE(val)))
			return val;
		tree t = create_tmp_reg(type, "armpv_pv");
		add(gimple_build_assign(t, NOP_EXPR, val));
		return t;
	}

	/* out = val, for an asm output operand (a register or memory). */
	void assign_output(tree out, tree val)
	{
		add(gimple_build_assign(out, convert(TREE_TYPE(out), val)));
	}

	static tree string_list(const char *s)
	{
		return build_tree_list(NULL_TREE, build_string(strlen(s) + 1, s));
	}

	/* asm volatile ("@ armpv-irqflags: NAME" ::: "memory") */
	void barrier(const char *name)
	{
		std::string text = std::string(name ? MARKER_PREFIX : "") + (name ? name : "");
		vec<tree, va_gc> *clobbers = NULL;
		vec_safe_push(clobbers, string_list("memory"));
		gasm *g = gimple_build_asm_vec(text.c_str(), NULL, NULL, clobbers, NULL);
		gimple_asm_set_volatile(g, true);
		add(g);
	}

	/* The hypercall when (pending & mask) != 0: TST, then an SWI that
	 * only executes when the test found a bit (a failed condition makes
	 * an SWI a no-op, ARM ARM A4.1.107). */
	void hypercall_if(tree pending, tree mask)
	{
		static char text[128];
		snprintf(text, sizeof(text),
			 "tst\t%%0, %%1\n\tswine\t%#x\t@ armpv-irqflags: ARMPV_HC_PV_SYNC",
			 (unsigned)ARMPV_HC_PV_SYNC);
		vec<tree, va_gc> *inputs = NULL, *clobbers = NULL;
		tree in0 = string_list("r");
		tree in1 = string_list("rI");
		vec_safe_push(inputs, build_tree_list(in0, pending));
		vec_safe_push(inputs, build_tree_list(in1, mask));
		vec_safe_push(clobbers, string_list("memory"));
		vec_safe_push(clobbers, string_list("cc"));
		gasm *g = gimple_build_asm_vec(text, inputs, NULL, clobbers, NULL);
		gimple_asm_set_volatile(g, true);
		add(g);
	}
};

static const char *kind_name(const mask_op &m)
{
	static const char *const names[][4] = {
		/* mask:   -       F               I               I|F */
		/* MK_NONE */ { 0, 0, 0, 0 },
		/* MK_READ */ { "save_flags", 0, 0, 0 },
		/* MK_SAVE */ { 0, "fiq_save", "irq_save", "irqfiq_save" },
		/* MK_SET */ { 0, "fiq_disable", "irq_disable", "irqfiq_disable" },
		/* MK_CLEAR */ { 0, "fiq_enable", "irq_enable", "irqfiq_enable" },
		/* MK_RESTORE */ { 0, 0, 0, "irq_restore" },
	};
	if (m.kind == MK_READ)
		return names[MK_READ][0];
	return names[m.kind][m.mask >> 6];
}

static void replace_asm(gimple_stmt_iterator *gsi, gasm *stmt, const mask_op &m)
{
	emitter e = { NULL, gimple_location(stmt) };
	tree mask = build_int_cst(unsigned_type_node, m.mask);
	tree old, now, pending;

	e.barrier(kind_name(m));
	switch (m.kind) {
	case MK_READ:
		e.assign_output(TREE_VALUE(gimple_asm_output_op(stmt, 0)),
				e.load(ARMPV_PV_CPSR));
		break;
	case MK_SAVE:
	case MK_SET:
		old = e.load(ARMPV_PV_CPSR);
		now = e.binop(BIT_IOR_EXPR, old, mask);
		e.store(ARMPV_PV_CPSR, now);
		if (m.kind == MK_SAVE) {
			e.assign_output(TREE_VALUE(gimple_asm_output_op(stmt, 0)), old);
			if (m.nout == 2)
				e.assign_output(TREE_VALUE(gimple_asm_output_op(stmt, 1)), now);
		} else if (m.nout == 1) {
			e.assign_output(TREE_VALUE(gimple_asm_output_op(stmt, 0)), now);
		}
		break;
	case MK_CLEAR:
		old = e.load(ARMPV_PV_CPSR);
		now = e.binop(BIT_AND_EXPR, old,
			      build_int_cst(unsigned_type_node, ~m.mask));
		e.store(ARMPV_PV_CPSR, now);
		pending = e.load(ARMPV_PV_PENDING);
		e.hypercall_if(pending, mask);
		if (m.nout == 1)
			e.assign_output(TREE_VALUE(gimple_asm_output_op(stmt, 0)), now);
		break;
	case MK_RESTORE:
		now = e.convert(unsigned_type_node,
				TREE_VALUE(gimple_asm_input_op(stmt, 0)));
		e.store(ARMPV_PV_CPSR, now);
		pending = e.load(ARMPV_PV_PENDING);
		/* Unmasked now: the mask bits clear in the flags. */
		e.hypercall_if(pending, e.binop(BIT_AND_EXPR,
						e.binop(BIT_XOR_EXPR, now,
							build_int_cst(unsigned_type_node, ~0u)),
						mask));
		break;
	default:
		gcc_unreachable();
	}
	e.barrier(NULL);

	gsi_insert_seq_before(gsi, e.seq, GSI_SAME_STMT);
	gsi_remove(gsi, true);
}

/* ---------------------------------------------------------------------
 * Pass 1: replace.
 */

static const pass_data replace_pass_data = {
	GIMPLE_PASS,
	"armpv_irqflags",
	OPTGROUP_NONE,
	TV_NONE,
	PROP_cfg, /* properties_required */
	0,	  /* properties_provided */
	0,	  /* properties_destroyed */
	0,	  /* todo_flags_start */
	0,	  /* todo_flags_finish */
};

struct replace_pass : gimple_opt_pass {
	replace_pass(gcc::context *ctx) : gimple_opt_pass(replace_pass_data, ctx) {}

	unsigned int execute(function *fun) override
	{
		basic_block bb;
		bool replaced = false;
		FOR_EACH_BB_FN(bb, fun) {
			gimple_stmt_iterator gsi = gsi_start_bb(bb);
			while (!gsi_end_p(gsi)) {
				gasm *stmt = dyn_cast<gasm *>(gsi_stmt(gsi));
				if (stmt && visit(&gsi, stmt))
					replaced = true;
				else
					gsi_next(&gsi);
			}
		}
		/* An inline function that held one (arch_local_irq_save and
		 * friends) is inlined regardless of the size limits, as the
		 * single asm was: at -Os (bcm2835_defconfig) the inliner
		 * would otherwise keep a called copy of the longer GIMPLE.
		 * The flag always_inline sets, without its error when a call
		 * cannot be inlined. */
		if (replaced && DECL_DECLARED_INLINE_P(fun->decl))
			DECL_DISREGARD_INLINE_LIMITS(fun->decl) = 1;
		return 0;
	}

	/* True when the statement at *gsi was replaced (and gsi moved on). */
	bool visit(gimple_stmt_iterator *gsi, gasm *stmt)
	{
		std::vector<insn> insns = template_insns(gimple_asm_string(stmt));
		mask_op m = match_template(insns);
		location_t loc = gimple_location(stmt);

		/* A lone MRS of the CPSR is save_flags only in save_flags's
		 * shape (volatile, "memory" clobber); any other reads the mode
		 * or the flags for its own ends and stays the rewriter's. */
		if (m.kind == MK_READ && !(gimple_asm_volatile_p(stmt) &&
					   clobbers_memory(stmt)))
			return false;
		if (m.kind == MK_NONE) {
			if (looks_like_masking(insns))
				error_at(loc, "%s: %<asm%> masks interrupts in a form "
					 "this plugin cannot replace: %qs",
					 plugin_name_str, insns_text(insns).c_str());
			return false;
		}
		if (const char *why = check_shape(stmt, m)) {
			error_at(loc, "%s: interrupt-masking %<asm%> (%s) with operands "
				 "this plugin cannot replace: %s",
				 plugin_name_str, kind_name(m), why);
			return false;
		}
		if (TARGET_THUMB) {
			error_at(loc, "%s: interrupt-masking %<asm%> (%s) in Thumb code: "
				 "the replacement needs ARM state",
				 plugin_name_str, kind_name(m));
			return false;
		}
		replace_asm(gsi, stmt, m);
		return true;
	}
};

/* ---------------------------------------------------------------------
 * Pass 2: count what is left in each emitted function, and report.
 */

static const pass_data report_pass_data = {
	GIMPLE_PASS, "armpv_irqflags_report", OPTGROUP_NONE, TV_NONE,
	PROP_cfg, 0, 0, 0, 0,
};

struct report_pass : gimple_opt_pass {
	report_pass(gcc::context *ctx) : gimple_opt_pass(report_pass_data, ctx) {}

	bool gate(function *) override { return report_file || report_verbose; }

	unsigned int execute(function *fun) override
	{
		std::map<std::string, unsigned> count;
		unsigned total = 0;
		basic_block bb;
		const size_t plen = strlen(MARKER_PREFIX);
		FOR_EACH_BB_FN(bb, fun) {
			for (gimple_stmt_iterator gsi = gsi_start_bb(bb);
			     !gsi_end_p(gsi); gsi_next(&gsi)) {
				gasm *stmt = dyn_cast<gasm *>(gsi_stmt(gsi));
				if (!stmt)
					continue;
				const char *s = gimple_asm_string(stmt);
				if (strncmp(s, MARKER_PREFIX, plen) != 0)
					continue;
				count[s + plen]++;
				total++;
			}
		}
		if (total == 0)
			return 0;
		std::string line = std::string(main_input_filename) + ": " +
				   function_name(fun) + ": " +
				   std::to_string(total) + " replaced (";
		bool first = true;
		for (auto &kv : count) {
			line += (first ? "" : ", ") + kv.first + " " +
				std::to_string(kv.second);
			first = false;
		}
		line += ")\n";
		if (report_file) {
			fputs(line.c_str(), report_file);
			fflush(report_file);
		}
		if (report_verbose)
			fprintf(stderr, "%s: %s", plugin_name_str, line.c_str());
		return 0;
	}
};

/* ---------------------------------------------------------------------
 * Registration.
 */

static struct plugin_info info = {
	"0.1.0",
	"armpv-irqflags: interrupt masking on the armpv shared page "
	"(docs/plugin.md); args: report=FILE, verbose",
};

int plugin_init(struct plugin_name_args *args, struct plugin_gcc_version *version)
{
	if (!plugin_default_version_check(version, &gcc_version)) {
		error("%s: built for GCC %s, loaded by GCC %s", plugin_name_str,
		      gcc_version.basever, version->basever);
		return 1;
	}
	for (int i = 0; i < args->argc; i++) {
		const plugin_argument &a = args->argv[i];
		if (strcmp(a.key, "report") == 0 && a.value) {
			/* Appended to: a kernel build runs one compiler per file. */
			report_file = fopen(a.value, "a");
			if (!report_file) {
				error("%s: cannot open report file %qs: %s",
				      plugin_name_str, a.value, xstrerror(errno));
				return 1;
			}
		} else if (strcmp(a.key, "verbose") == 0 && !a.value) {
			report_verbose = true;
		} else {
			error("%s: unknown argument %qs (known: report=FILE, verbose)",
			      plugin_name_str, a.key);
			return 1;
		}
	}
	register_callback(args->base_name, PLUGIN_INFO, NULL, &info);

	struct register_pass_info replace = {
		new replace_pass(g), "cfg", 1, PASS_POS_INSERT_AFTER
	};
	register_callback(args->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &replace);
	struct register_pass_info report = {
		new report_pass(g), "optimized", 1, PASS_POS_INSERT_AFTER
	};
	register_callback(args->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &report);
	return 0;
}
