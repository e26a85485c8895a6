/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tests.h -- the test kernels' C interface: the transcript (check.c),
 * the exception records the handlers fill (kern.c), the test areas and
 * the assembly routines they call.
 */
#ifndef TESTS_H
#define TESTS_H

#include <stddef.h>
#include <stdint.h>

#include "kern.h"

/* check.c: the transcript, one line per check. */
void put_str(const char *s);
void put_hex(uint32_t v);
void put_dec(uint32_t v);
/* check_eq(): "ok N - <context><what>" or "not ok ... (got, want)". */
void check_eq(const char *what, uint32_t got, uint32_t want);
void check_ctx(const char *ctx); /* prefix for the next checks */
void check_ctx_append(const char *s);
void check_ctx_append_dec(uint32_t v);
size_t check_ctx_len(void);
void check_ctx_truncate(size_t len); /* back to an earlier prefix */
int check_summary(void); /* prints "N passed, N failed"; exit status */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

/* kern.c: what the exception handlers saw. */
struct exc_record {
	uint32_t count, lr, spsr, cpsr;
};
struct abt_record {
	uint32_t count, cpsr, spsr, lr, dfsr, far;
};
extern volatile struct exc_record irq_rec, fiq_rec;
extern volatile struct abt_record abt_rec;
extern volatile char exc_seq[8];
extern volatile unsigned exc_nseq;
extern uint32_t entry_cpsr;
void kern_unexpected(uint32_t vector, uint32_t lr, uint32_t spsr)
	__attribute__((noreturn));

/* The test areas, in the order kmain runs them. */
void test_entry(void);
void test_banks(void);
void test_srs_rfe(void);
void test_irq(void);
void test_mmu(void);
void test_uaccess(void);
void test_user(void);

/* entry.S */
void setup_stacks(void);
void user_enter(const struct pt_regs *regs, int form);

/* banks.S */
void bank_test(uint32_t *out);
uint32_t srs_test(uint32_t *top, uint32_t lr, uint32_t spsr);
void rfe_test(uint32_t *pair, uint32_t *out);

/* irqflags.S */
uint32_t arch_local_save_flags(void);
uint32_t arch_local_irq_save(void);
void arch_local_irq_restore(uint32_t flags);
void arch_local_irq_restore_cx(uint32_t flags);
uint32_t local_all_save_restore_cx(void); /* ARMv6 */
void local_abt_enable(void);		  /* ARMv6 */
void local_abt_disable(void);		  /* ARMv6 */
void arch_local_irq_enable(void);
void arch_local_irq_disable(void);
void local_fiq_enable(void);
void local_fiq_disable(void);
void local_irq_fiq_enable(void);
extern const char irq_restore_resume[], irq_enable_resume[];
extern const char irq_restore_cx_resume[];
extern const char fiq_enable_resume[], irq_fiq_enable_resume[];

/* mmu.S */
uint32_t cp15_read_sctlr(void);
void cp15_write_sctlr(uint32_t v);
uint32_t cp15_read_ttbr0(void);
void cp15_write_ttbr0(uint32_t v);
uint32_t cp15_read_dacr(void);
void cp15_write_dacr(uint32_t v);
void cp15_tlb_invalidate_all(void);

/* uaccess.S */
struct ua_result {
	uint32_t err, base, rd, cpsr;
};
typedef void ua_fn(struct ua_result *res, uint32_t base, uint32_t rd,
		   uint32_t rm);
ua_fn ua_ldrt_post4, ua_ldrt_reg, ua_ldrbt_post1, ua_ldrbt_neg3;
ua_fn ua_strt_post4, ua_strbt_neg1, ua_strbt_negreg;
extern const char ua_ldrt_post4_insn[], ua_ldrt_reg_insn[];
extern const char ua_ldrbt_post1_insn[], ua_ldrbt_neg3_insn[];
extern const char ua_strt_post4_insn[], ua_strbt_neg1_insn[];
extern const char ua_strbt_negreg_insn[];
struct ex_entry {
	uint32_t insn, fixup;
};
extern const struct ex_entry __ex_table_start[], __ex_table_end[];

/* user.S and test-user.c */
struct swi_site {
	uint32_t addr, psr;
};
extern const struct swi_site task_a_sites[], task_b_sites[];
extern const char task_a[], task_b[];
int swi_dispatch(struct pt_regs *regs);

#endif /* TESTS_H */
