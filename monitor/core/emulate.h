/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * emulate.h -- helpers shared inside the core (not part of its API).
 */
#ifndef ARMPV_EMULATE_H
#define ARMPV_EMULATE_H

#include <stdbool.h>
#include <stdint.h>

#include "armpv_core.h"

/* ARM ARM A3.2: does condition 'cond' pass for the flags in 'cpsr'? */
bool armpv_cond_passed(uint32_t cond, uint32_t cpsr);

/* True if the vCPU's model implements ARMv6. */
static inline bool armpv_vcpu_is_v6(const struct armpv_vcpu *vcpu)
{
	return vcpu->vm->model == ARMPV_CPU_ARM1176JZFS;
}

/* CPSR bits a write may change at all on this model (the rest are
 * unallocated, read as zero). */
uint32_t armpv_psr_valid_mask(const struct armpv_vcpu *vcpu);

/* Undefined Instruction exception for the instruction at vcpu->r[15]. */
void armpv_vcpu_undef(struct armpv_vcpu *vcpu);

#endif /* ARMPV_EMULATE_H */
