// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kern.c -- the test kernel's main line and its exception handlers' C
 * halves.  entry.S starts it in SVC mode; kmain() runs the test areas and
 * returns the exit status.  Every expected value is what the ARM
 * architecture (ARM ARM A2, B4) says a privileged kernel sees on an
 * ARM926EJ-S (ARMv5TE) or ARM1176JZF-S (ARMv6); the same program is meant
 * to run natively on a board with a native platform layer.
 */
#include "plat.h"
#include "tests.h"

volatile struct exc_record irq_rec, fiq_rec;
volatile struct abt_record abt_rec;
volatile char exc_seq[8];
volatile unsigned exc_nseq;

static void exc_seq_add(char c)
{
	if (exc_nseq < sizeof(exc_seq))
		exc_seq[exc_nseq++] = c;
}

/* IRQ and FIQ handlers: record the entry, lower the (level) line. */
void irq_handler_c(uint32_t lr, uint32_t spsr, uint32_t cpsr)
{
	irq_rec.count++;
	irq_rec.lr = lr;
	irq_rec.spsr = spsr;
	irq_rec.cpsr = cpsr;
	exc_seq_add('I');
	plat_set_irq(0);
}

void fiq_handler_c(uint32_t lr, uint32_t spsr, uint32_t cpsr)
{
	fiq_rec.count++;
	fiq_rec.lr = lr;
	fiq_rec.spsr = spsr;
	fiq_rec.cpsr = cpsr;
	exc_seq_add('F');
	plat_set_fiq(0);
}

/* Layout shared with vec_dabt in entry.S. */
struct abt_info {
	uint32_t cpsr, spsr, lr, dfsr, far, pad;
};

/*
 * Data abort: the faulting instruction is at LR_abt - 8 (ARM ARM
 * A2.6.6); an instruction in the exception table resumes at its fixup.
 */
uint32_t dabt_handler_c(const struct abt_info *info)
{
	const struct ex_entry *e;

	abt_rec.count++;
	abt_rec.cpsr = info->cpsr;
	abt_rec.spsr = info->spsr;
	abt_rec.lr = info->lr;
	abt_rec.dfsr = info->dfsr;
	abt_rec.far = info->far;
	for (e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == info->lr - 8)
			return e->fixup;
	put_str("not ok - unexpected data abort: lr ");
	put_hex(info->lr);
	put_str(" dfsr ");
	put_hex(info->dfsr);
	put_str(" far ");
	put_hex(info->far);
	plat_putc('\n');
	check_summary();
	plat_exit(3);
}

void kern_unexpected(uint32_t vector, uint32_t lr, uint32_t spsr)
{
	static const char *const names[] = { "reset",	      "undefined",
					     "swi",	      "prefetch abort",
					     "data abort",    "reserved",
					     "irq",	      "fiq" };

	put_str("not ok - unexpected ");
	put_str(names[vector & 7]);
	put_str(" exception: lr ");
	put_hex(lr);
	put_str(" spsr ");
	put_hex(spsr);
	plat_putc('\n');
	check_summary();
	plat_exit(3);
}

/* The state at entry: reset state, ARM ARM A2.6.2 (SVC, I, F; A on v6). */
void test_entry(void)
{
	check_ctx("entry: ");
	check_eq("CPSR mode is SVC", entry_cpsr & PSR_MODE_MASK, SVC_MODE);
	check_eq("CPSR I, F (A on ARMv6) set, ARM state",
		 entry_cpsr & (PSR_LOW_MASK & ~PSR_MODE_MASK),
		 PSR_I | PSR_F | PSR_A_SET);
}

int kmain(void)
{
#ifdef KERN_V6
	put_str("# armpv process test kernel, ARMv6\n");
#else
	put_str("# armpv process test kernel, ARMv5TE\n");
#endif
	test_entry();
	test_banks();
	setup_stacks();
	test_srs_rfe();
	test_irq();
	test_mmu();
	test_uaccess();
	test_user();
	return check_summary();
}
