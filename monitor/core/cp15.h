/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp15.h -- the virtual system control coprocessor (CP15) of the
 * ARM926EJ-S and ARM1176JZF-S.
 *
 * Every CP15 instruction is privileged, so a de-privileged guest kernel's
 * MCR/MRC to p15 reaches the monitor as an Undefined Instruction trap;
 * armpv_cp15_access() emulates it against this state.
 */
#ifndef ARMPV_CP15_H
#define ARMPV_CP15_H

#include <stdint.h>

struct armpv_vcpu;

/* SCTLR (c1, c0, 0) bits used by the core. */
#define ARMPV_SCTLR_M (1u << 0)	 /* MMU enable */
#define ARMPV_SCTLR_A (1u << 1)	 /* alignment fault checking */
#define ARMPV_SCTLR_C (1u << 2)	 /* data cache */
#define ARMPV_SCTLR_S (1u << 8)	 /* system protection */
#define ARMPV_SCTLR_R (1u << 9)	 /* ROM protection */
#define ARMPV_SCTLR_I (1u << 12) /* instruction cache */
#define ARMPV_SCTLR_V (1u << 13) /* high vectors (0xffff0000) */
#define ARMPV_SCTLR_U (1u << 22) /* ARMv6: unaligned access model */
#define ARMPV_SCTLR_XP (1u << 23) /* ARMv6: extended page tables */
#define ARMPV_SCTLR_VE (1u << 24) /* ARMv6: vectored interrupts */
#define ARMPV_SCTLR_EE (1u << 25) /* ARMv6: CPSR.E on exceptions */
#define ARMPV_SCTLR_B (1u << 7)	  /* big-endian (BE-32) */
#define ARMPV_SCTLR_TR (1u << 28) /* ARM1176: TEX remap enable */
#define ARMPV_SCTLR_FA (1u << 29) /* ARM1176: force AP (access flag) */

/* ACTLR (c1, c0, 1) of the ARM1176JZF-S: block transfer (MCRR range)
 * cache operations disabled (DDI 0301H, c1 Auxiliary Control Register). */
#define ARMPV_ACTLR_RV (1u << 5)

/* Events a backend must act on (a shadow MMU, caches): set by the
 * emulation, cleared by the backend. */
#define ARMPV_CP15_EV_TRANSLATION (1u << 0) /* SCTLR.M, TTBRx, TTBCR, DACR,
					       FCSE PID or context ID */
#define ARMPV_CP15_EV_TLB (1u << 1)	    /* a TLB maintenance operation */
#define ARMPV_CP15_EV_CACHE (1u << 2)	    /* a cache maintenance operation */
/* With EV_TLB: the only TLB operation since the backend last cleared the
 * events was one invalidate by MVA (c8, c5/c6/c7, 1), of the entry
 * covering cp15.tlb_mva.  A backend that ignores this bit and treats
 * EV_TLB as "flush everything" stays correct. */
#define ARMPV_CP15_EV_TLB_MVA (1u << 3)
/* With EV_TRANSLATION: every translation change since the backend last
 * cleared the events was a DACR write (cp15.dacr holds the last).  A
 * shadow MMU may then keep shadows per DACR value and switch between
 * them (a kernel with software PAN writes DACR on every entry and user
 * access); one that ignores this bit and flushes stays correct. */
#define ARMPV_CP15_EV_DACR (1u << 4)
/* ARM1176: a write to TPIDRURO (c13, c0, 3), the thread ID user mode
 * reads without a trap: a backend running the guest on the real CPU
 * copies cp15.tpidr[1] into the real register. */
#define ARMPV_CP15_EV_TPIDRURO (1u << 5)
/* With EV_TRANSLATION: every translation change since the backend last
 * cleared the events was a TTBR0 write (either CPU) or an ARM1176
 * CONTEXTIDR write: a guest context switch.  With SCTLR.XP = 1 the
 * guest's global (not nG) TLB entries survive it (ARM1176 TRM 6.7,
 * "Global and process-specific translation table entries"): a shadow
 * MMU may keep what it made of global descriptors.  In the ARMv5 format
 * nothing but the table base changed: a shadow MMU may keep what it
 * made as long as the new tables give the same (armpv-bm checks the
 * descriptors again).  One that flushes stays correct. */
#define ARMPV_CP15_EV_CONTEXT (1u << 6)

struct armpv_cp15 {
	uint32_t midr, ctr, tcmtr, tlbtr; /* ID registers (read-only) */
	uint32_t sctlr;			  /* c1, c0, 0 */
	uint32_t actlr, cpacr;		  /* c1, c0, 1 / 2 (ARM1176) */
	uint32_t ttbr0, ttbr1, ttbcr;	  /* c2 (TTBR1, TTBCR: ARMv6) */
	uint32_t dacr;			  /* c3 */
	uint32_t dfsr, ifsr;		  /* c5 (IFSR: ARMv6) */
	uint32_t far, ifar;		  /* c6 (IFAR: ARMv6) */
	uint32_t fcse_pid, contextidr;	  /* c13 (context ID: ARMv6) */
	uint32_t tpidr[3];		  /* c13 thread IDs (ARMv6K) */
	uint32_t events;		  /* ARMPV_CP15_EV_* */
	uint32_t tlb_mva; /* with ARMPV_CP15_EV_TLB_MVA: Rd of the operation,
			     MVA[31:12] (ARMv6: ASID in [7:0]) */
	/* the CP15 emulation adds its further registers below */
	uint32_t par;			  /* c7, c4, 0 PA (ARM1176) */
	uint32_t wfar;			  /* c6, c0, 1 (ARM1176) */
	uint32_t dclr, iclr;		  /* c9, c0, 0 / 1 cache lockdown */
	uint32_t dtcmrr, itcmrr;	  /* c9, c1, 0 / 1 TCM regions */
	uint32_t tcmsr, cbor;		  /* c9, c2, 0 / c9, c8, 0 (ARM1176) */
	uint32_t tlblr;			  /* c10, c0, 0 TLB lockdown */
	uint32_t prrr, nmrr;		  /* c10, c2, 0 / 1 (ARM1176) */
	/* The last word armpv_cp15_access() answered with UNDEF, so a
	 * backend can log the exact encoding that lacks a row. */
	uint32_t undef_word;
};

/* Results of armpv_cp15_access(). */
enum armpv_cp15_result {
	ARMPV_CP15_DONE,  /* emulated: advance PC */
	ARMPV_CP15_UNDEF, /* the real CPU would take the Undefined exception */
	ARMPV_CP15_WFI,	  /* wait for interrupt: advance PC and halt */
};

/*
 * Fast-path classes (armpv_cp15_fast_class()): CP15 instructions whose
 * whole effect in armpv_cp15_access() is simple enough for a backend to
 * do without calling it -- the bare-metal monitor does them in its
 * Undefined Instruction vector, before any C (docs/baremetal-monitor.md
 * "The CP15 fast path").  Each describes what armpv_cp15_access() does
 * for the word, on a vCPU of the model, when it returns ARMPV_CP15_DONE;
 * the caller still checks the condition (and counts the access as the
 * core does: stats.cp15, or stats.cond_failed), the privilege, and
 * advances the PC.
 */
enum armpv_cp15_fast {
	ARMPV_CP15_FAST_NONE = 0, /* only armpv_cp15_access() knows */
	/* MCR: a cache, branch predictor, prefetch buffer or barrier
	 * operation, or a write ignored: its only effect is
	 * ARMPV_CP15_EV_CACHE, or nothing.  A backend whose answer to
	 * EV_CACHE is nothing (guest memory uncached) skips the word. */
	ARMPV_CP15_FAST_NOP = 1,
	/* MCR: TLB invalidate by MVA (c8, c5/c6/c7, 1): ARMPV_CP15_EV_TLB
	 * and ARMPV_CP15_EV_TLB_MVA with cp15.tlb_mva = Rd when no TLB
	 * event is pending, else plain EV_TLB. */
	ARMPV_CP15_FAST_TLB_MVA = 2,
};

/* The class of MCR 'word' on 'model' (an enum armpv_cpu_model): its
 * condition is not looked at, but 1111 (MCR2) is never a class.  An MRC
 * (none is simple enough yet: the ARM926's test and clean, which QEMU
 * lets User mode run without a trap, would be the one), or anything the
 * table has no row for or answers Undefined, is ARMPV_CP15_FAST_NONE. */
enum armpv_cp15_fast armpv_cp15_fast_class(unsigned model, uint32_t word);

/* Reset values for the vCPU's model. */
void armpv_cp15_reset(struct armpv_vcpu *vcpu);

/* Emulate 'word', a coprocessor instruction to p15 (MCR, MRC; MCRR/MRRC
 * on ARM1176), executed in a privileged mode, its condition already
 * passed. */
enum armpv_cp15_result armpv_cp15_access(struct armpv_vcpu *vcpu,
					 uint32_t word);

/* Self-check of the register table (sorted, no overlapping rows, access
 * consistent with handlers and fields).  Returns 0, or the 1-based index
 * of the first bad row (table rows, then wildcard rows after them).  The
 * unit test calls it; a backend may call it once at start-up. */
unsigned armpv_cp15_check_table(void);

#endif /* ARMPV_CP15_H */
