/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vfp.c -- the guest kernel's accesses to the VFP system registers.
 *
 * FMRX/FMXR (VMRS/VMSR: MRC/MCR to coprocessor 10, opc1 7, CRm 0, opc2
 * 0) of FPEXC, FPINST and FPINST2 are privileged (ARM ARM C2.1, VFPv2;
 * ARM1176 TRM 20.4): in USR mode they are Undefined.  The guest kernel
 * runs in real USR mode, so the one it executes in a virtual privileged
 * mode traps, and is done here on the real register: the guest owns the
 * real VFP (the monitor is built soft-float and never touches it), so
 * that FPEXC.EN is the guest's, and its user tasks' VFP instructions run
 * or trap as the guest kernel arranged (Linux enables VFP lazily, from
 * the Undefined exception of a task's first VFP instruction).  FPSID and
 * FPSCR need nothing: FPSID reads in USR mode on QEMU's cores, FPSCR is
 * a user register, and either, where it traps, traps in a privileged
 * mode too (FPSCR with FPEXC.EN clear).  A CPU without VFP (an ARM926EJ-S
 * without its VFP9-S) is found at boot, and there these words are the
 * guest's Undefined instruction, as on that CPU.
 */
#include "armpv_core.h"
#include "bm.h"
#include "emulate.h"

#define VFP_SYSREG_MASK 0x0fe00fffu
#define VFP_VMSR 0x0ee00a10u /* MCR p10, 7, Rt, c<reg>, c0, 0 */
#define VFP_VMRS 0x0ef00a10u /* MRC: the same with L set */
#define VFP_REG(word) (((word) >> 16) & 0xfu)
#define VFP_RT(word) (((word) >> 12) & 0xfu)
#define VFP_FPEXC 8u
#define VFP_FPINST 9u
#define VFP_FPINST2 10u

static bool vfp_present;
volatile bool bm_vfp_probing, bm_vfp_probe_undef;

/* Is there a VFP?  Read FPSID (VMRS r0, FPSID) with the monitor's own
 * Undefined exception turned into a note (bm_monitor_exception()). */
void bm_vfp_init(void)
{
	bm_vfp_probe_undef = false;
	bm_vfp_probing = true;
	__asm__ volatile(".word 0xeef00a10" : : : "r0", "memory");
	bm_vfp_probing = false;
	vfp_present = !bm_vfp_probe_undef;
}

static uint32_t vfp_read(unsigned reg)
{
	register uint32_t v __asm__("r0");

	switch (reg) {
	case VFP_FPEXC:
		__asm__ volatile(".word 0xeef80a10" : "=r"(v)); /* fmrx fpexc */
		break;
	case VFP_FPINST:
		__asm__ volatile(".word 0xeef90a10" : "=r"(v));
		break;
	default:
		__asm__ volatile(".word 0xeefa0a10" : "=r"(v));
		break;
	}
	return v;
}

static void vfp_write(unsigned reg, uint32_t value)
{
	register uint32_t v __asm__("r0") = value;

	switch (reg) {
	case VFP_FPEXC:
		__asm__ volatile(".word 0xeee80a10" : : "r"(v) : "memory");
		break;
	case VFP_FPINST:
		__asm__ volatile(".word 0xeee90a10" : : "r"(v) : "memory");
		break;
	default:
		__asm__ volatile(".word 0xeeea0a10" : : "r"(v) : "memory");
		break;
	}
}

/*
 * 'word', an Undefined instruction of the guest at vcpu->r[15]: if it is
 * one of the accesses above from a virtual privileged mode, do it and
 * step over it (a failed condition does nothing) and return true.
 */
bool bm_vfp_emulate(struct armpv_vcpu *vcpu, uint32_t word)
{
	unsigned reg = VFP_REG(word), rt = VFP_RT(word);
	uint32_t op = word & VFP_SYSREG_MASK;

	if (!vfp_present || (op != VFP_VMRS && op != VFP_VMSR) ||
	    (reg != VFP_FPEXC && reg != VFP_FPINST && reg != VFP_FPINST2) ||
	    (word >> 28) == 0xfu || rt == 15 ||
	    (vcpu->cpsr & ARMPV_PSR_T) ||
	    !armpv_mode_privileged(vcpu->cpsr))
		return false;
	if (armpv_cond_passed(word >> 28, vcpu->cpsr)) {
		if (op == VFP_VMRS)
			vcpu->r[rt] = vfp_read(reg);
		else
			vfp_write(reg, vcpu->r[rt]);
	}
	vcpu->r[15] += 4;
	return true;
}
