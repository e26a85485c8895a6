/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mem.h -- guest memory as the virtual CPU sees it: the guest's own
 * ARMv5/ARMv6 translation tables (walked in software, with its domains and
 * access permissions), then guest physical memory (RAM regions, or the
 * VM's MMIO handler).  Faults are reported as the hardware reports them,
 * so an emulated access that faults becomes the guest's own abort.
 */
#ifndef ARMPV_MEM_H
#define ARMPV_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "armpv_core.h"

/* Access flags. */
#define ARMPV_MEM_USER 1u  /* unprivileged access (LDRT/STRT and kin) */
#define ARMPV_MEM_WRITE 2u /* set by armpv_mem_write itself */
/* An instruction fetch, for a backend's shadow MMU: ARMv6 XP=1 XN is
 * checked (armpv_mem_translate_entry; never with ARMPV_MEM_WRITE). */
#define ARMPV_MEM_EXEC 4u

/* Fault status values (FSR[3:0], ARMv6 adds FS[4] at bit 10; ARM ARM
 * B4.6 and the ARMv6 VMSA). */
#define ARMPV_FSR_ALIGNMENT 0x1u
#define ARMPV_FSR_TRANS_SECTION 0x5u
#define ARMPV_FSR_TRANS_PAGE 0x7u
#define ARMPV_FSR_DOMAIN_SECTION 0x9u
#define ARMPV_FSR_DOMAIN_PAGE 0xbu
#define ARMPV_FSR_PERM_SECTION 0xdu
#define ARMPV_FSR_PERM_PAGE 0xfu
#define ARMPV_FSR_EXTABT_TRANS_L1 0xcu /* external abort on translation */
#define ARMPV_FSR_EXTABT_TRANS_L2 0xeu
#define ARMPV_FSR_EXTABT_NONLINEFETCH 0x8u /* precise external abort */
/* ARMv5 page variant of the above (ARM ARM B4.6); ARMv6 has only 0x8. */
#define ARMPV_FSR_EXTABT_NONLINEFETCH_PAGE 0xau
#define ARMPV_FSR_DOMAIN_SHIFT 4
#define ARMPV_FSR_WNR (1u << 11) /* ARMv6 DFSR: the access was a write */

struct armpv_mem_fault {
	uint32_t fsr; /* the value for DFSR: status, domain, WnR (v6) */
	/* The faulting modified virtual address: after the FCSE, as the
	 * FAR holds it (ARM926EJ-S and ARM1176JZF-S TRMs, c6). */
	uint32_t far;
};

/* Read or write 'size' bytes (1, 2 or 4) at virtual address 'va' as the
 * vCPU would, privileged unless ARMPV_MEM_USER.  No alignment check here
 * (the instruction's emulation checks SCTLR.A/U): an unaligned access is
 * done bytewise, each byte translated, and a fault on any byte aborts it
 * with FAR = the lowest faulting byte's address.  Values are
 * little-endian.  On a fault, nothing is written and *fault says why;
 * returns false.  A size other than 1, 2 or 4 (a core bug) returns false
 * with *fault untouched. */
bool armpv_mem_read(struct armpv_vcpu *vcpu, uint32_t va, unsigned size,
		    unsigned flags, uint32_t *value,
		    struct armpv_mem_fault *fault);
bool armpv_mem_write(struct armpv_vcpu *vcpu, uint32_t va, unsigned size,
		     unsigned flags, uint32_t value,
		     struct armpv_mem_fault *fault);

/* 'n' consecutive words from 'va' upwards: exactly n armpv_mem_read()s
 * (or writes) of size 4, in ascending order, stopping at the first that
 * faults (false, *fault set; the words before it done).  A block
 * transfer's: with the translation cache open, a run of words in one
 * entry over guest RAM is checked once and copied directly. */
bool armpv_mem_read_words(struct armpv_vcpu *vcpu, uint32_t va, unsigned n,
			  unsigned flags, uint32_t *words,
			  struct armpv_mem_fault *fault);
bool armpv_mem_write_words(struct armpv_vcpu *vcpu, uint32_t va, unsigned n,
			   unsigned flags, const uint32_t *words,
			   struct armpv_mem_fault *fault);

/* Translate 'va' (no access): the physical address, or a fault.  The
 * permission check is for a write if flags has ARMPV_MEM_WRITE.  fault
 * may be NULL. */
bool armpv_mem_translate(struct armpv_vcpu *vcpu, uint32_t va,
			 unsigned flags, uint32_t *pa,
			 struct armpv_mem_fault *fault);

/* armpv_mem_translate() that also gives the translation as a TLB entry
 * (struct armpv_mem_entry, armpv_core.h) for armpv_vcpu_emulate_access_at():
 * on success the physical address is entry->pa | (va & 0x3ff). */
bool armpv_mem_translate_entry(struct armpv_vcpu *vcpu, uint32_t va,
			       unsigned flags, struct armpv_mem_entry *entry,
			       struct armpv_mem_fault *fault);

/* The core's translation cache for one emulated instruction: between
 * open and close, each walk that finds its descriptor keeps it (one
 * entry, 1 KiB), and an access inside that 1 KiB reuses it, checking
 * only domain and permission: what a TLB does within an instruction.
 * 'seed' (may be NULL) is the first entry.  Walks for a shadow MMU
 * (armpv_mem_translate_page) neither use nor fill it.  Core-internal:
 * the emulation entry points open and close it. */
static inline void armpv_mem_cache_open(struct armpv_vcpu *vcpu,
					const struct armpv_mem_entry *seed)
{
	vcpu->mem_cache_on = true;
	vcpu->mem_cache_valid = seed != NULL;
	if (seed)
		vcpu->mem_cache = *seed;
}

static inline void armpv_mem_cache_close(struct armpv_vcpu *vcpu)
{
	vcpu->mem_cache_on = vcpu->mem_cache_valid = false;
}

/* The guest's mapping of the 4 KiB page holding 'va', for a shadow MMU:
 * its physical frame (of the subpage holding 'va'; a 1 KiB tiny page
 * elsewhere than in place makes its subpage count as unmapped) and what
 * each 1 KiB subpage k allows at the privilege of 'flags'
 * (ARMPV_MEM_USER or not): ARMPV_MEM_PERM_READ, ARMPV_MEM_PERM_WRITE
 * and ARMPV_MEM_PERM_EXEC (read, and not XN: ARMv6 XP=1; every readable
 * subpage in the ARMv5 format).  Exactly what
 * armpv_mem_translate() gives for each subpage and direction (tests/
 * monitor/check_mem.c checks it), for about the cost of one walk.
 * Returns false, with nothing set, if the walk for 'va' itself faults
 * before finding a descriptor (translation faults, external aborts on
 * the walk).  map_shift: log2 of the size of the largest guest
 * descriptor the subpages that count came from (10 tiny page, 12 small,
 * 16 large, 20 section, 24 supersection; 12 with the MMU off): the
 * guest TLB entry whose invalidation (by any MVA in that aligned block)
 * must drop what a shadow MMU made of this page. */
#define ARMPV_MEM_PERM_READ 1u
#define ARMPV_MEM_PERM_WRITE 2u
#define ARMPV_MEM_PERM_EXEC 4u
struct armpv_mem_page {
	uint32_t frame;	 /* physical address of the 4 KiB page */
	uint8_t perm[4]; /* ARMPV_MEM_PERM_* of subpage k (VA[11:10]) */
	uint8_t map_shift;
	bool ng; /* ARMv6 XP=1: the descriptor is not global (nG) */
	/* The guest descriptors the walk read, for a shadow MMU that keeps
	 * what it made while they stay the same: the first-level one (0
	 * with the MMU off), and per subpage k the second-level one it
	 * came from (0 for a section, or where subpage k's own walk in a
	 * fine table faulted). */
	uint32_t l1;
	uint32_t l2[4];
};
bool armpv_mem_translate_page(struct armpv_vcpu *vcpu, uint32_t va,
			      unsigned flags, struct armpv_mem_page *page);

/* The guest's first-level descriptor for 'va' as its walk reads it now
 * (after the FCSE; TTBR0, or TTBR1 by TTBCR.N on ARMv6).  False with
 * the MMU off, with TTBCR.PDx set for it, or when the read is an
 * external abort: no descriptor. */
bool armpv_mem_l1_descriptor(struct armpv_vcpu *vcpu, uint32_t va,
			     uint32_t *desc);

/* Guest physical access: RAM/ROM regions, else the MMIO handler.  Returns
 * false for an external abort (no device, or a write to ROM). */
bool armpv_phys_read(struct armpv_vm *vm, uint32_t pa, unsigned size,
		     uint32_t *value);
bool armpv_phys_write(struct armpv_vm *vm, uint32_t pa, unsigned size,
		      uint32_t value);

#endif /* ARMPV_MEM_H */
