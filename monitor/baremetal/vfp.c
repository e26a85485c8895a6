/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vfp.c -- the guest kernel's accesses to the VFP system registers.
 *
 * FMRX/FMXR (VMRS/VMSR: MRC/MCR to coprocessor 10, opc1 7, CRm 0, opc2
 * 0) of FPEXC, FPINST and FPINST2 (and on the ARM1176 reads of MVFR0
 * and MVFR1) are privileged (ARM ARM C2.1, VFPv2;
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
 *
 * The ARM1176 also has CPACR (TRM 3.2.9): cp10/cp11 access, none at
 * reset, so that every VFP instruction is Undefined until the kernel
 * grants it (Linux: vfp_enable(), full access).  The real CPACR holds
 * the guest's grant for the mode it runs in (bm_vfp_sync(), after every
 * trap): full access as it is; privileged-only access full while the
 * virtual mode is privileged, none in virtual USR mode (the real CPU
 * runs both in USR mode).  The monitor's own accesses -- the probe, the
 * emulation below -- are made with the access the guest's CPACR gives
 * its virtual privileged mode.
 */
#include "armpv_core.h"
#include "bm.h"
#include "emulate.h"

#define VFP_SYSREG_MASK 0x0ff00fffu /* L (bit 20) tells VMRS from VMSR */
#define VFP_VMSR 0x0ee00a10u /* MCR p10, 7, Rt, c<reg>, c0, 0 */
#define VFP_VMRS 0x0ef00a10u /* MRC: the same with L set */
#define VFP_REG(word) (((word) >> 16) & 0xfu)
#define VFP_RT(word) (((word) >> 12) & 0xfu)
#define VFP_MVFR1 6u /* ARM1176's VFP11: media and VFP feature registers */
#define VFP_MVFR0 7u
#define VFP_FPEXC 8u
#define VFP_FPINST 9u
#define VFP_FPINST2 10u

static bool vfp_present;
volatile bool bm_vfp_probing, bm_vfp_probe_undef;

/* Is there a VFP?  Read FPSID (VMRS r0, FPSID) with the monitor's own
 * Undefined exception turned into a note (bm_monitor_exception()). */
static void cpacr_write(uint32_t v)
{
	/* A prefetch flush after it (TRM 3.2.9: "an IMB"). */
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 2\n\t"
			 "mcr p15, 0, %1, c7, c5, 4"
			 : : "r"(v), "r"(0) : "memory");
}

#define CPACR_CP10_CP11 0x00f00000u
static uint32_t cpacr_real; /* what the real CPACR holds (ARM1176) */
static bool cpacr_present;

void bm_vfp_init(void)
{
	uint32_t midr;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	cpacr_present = ((midr >> 4) & 0xfff) == 0xb76;
	/* The probe needs cp10 access on the ARM1176; none again after. */
	if (cpacr_present)
		cpacr_write(CPACR_CP10_CP11);
	bm_vfp_probe_undef = false;
	bm_vfp_probing = true;
	__asm__ volatile(".word 0xeef00a10" : : : "r0", "memory");
	bm_vfp_probing = false;
	vfp_present = !bm_vfp_probe_undef;
	if (cpacr_present)
		cpacr_write(cpacr_real = 0);
}

/* The guest's cp10/cp11 grant at privilege 'privileged': full (0b11) or
 * none, per coprocessor (0b10 is reserved: none). */
static uint32_t cpacr_for(const struct armpv_vcpu *vcpu, bool privileged)
{
	uint32_t want = 0;

	for (unsigned cp = 10; cp <= 11; cp++) {
		uint32_t a = (vcpu->cp15.cpacr >> (2 * cp)) & 3u;

		if (a == 3u || (a == 1u && privileged))
			want |= 3u << (2 * cp);
	}
	return want;
}

/* After every trap, so cheap while nothing changes: the guest's CPACR
 * and virtual privilege last seen, and the real CPACR for them. */
void bm_vfp_sync(const struct armpv_vcpu *vcpu)
{
	static uint32_t seen = 0xffffffffu;
	uint32_t key, want;

	if (!cpacr_present)
		return;
	key = vcpu->cp15.cpacr | armpv_mode_privileged(vcpu->cpsr);
	if (key == seen)
		return;
	seen = key;
	want = vfp_present ? cpacr_for(vcpu, key & 1u) : 0;
	if (want != cpacr_real)
		cpacr_write(cpacr_real = want);
}

static uint32_t vfp_read(unsigned reg)
{
	register uint32_t v __asm__("r0");

	switch (reg) {
	case VFP_MVFR1:
		__asm__ volatile(".word 0xeef60a10" : "=r"(v)); /* vmrs mvfr1 */
		break;
	case VFP_MVFR0:
		__asm__ volatile(".word 0xeef70a10" : "=r"(v));
		break;
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

	bool mvfr = reg == VFP_MVFR0 || reg == VFP_MVFR1;

	/* MVFR0/MVFR1: the ARM1176's VFP11 has them, read only and
	 * privileged (TRM 20.4.3-20.4.4; QEMU likewise); the ARM926EJ-S's
	 * VFP9-S has not (there, and written, the guest's Undefined). */
	if (mvfr && (!cpacr_present || op != VFP_VMRS))
		return false;
	if (!vfp_present || (op != VFP_VMRS && op != VFP_VMSR) ||
	    (reg != VFP_FPEXC && reg != VFP_FPINST && reg != VFP_FPINST2 &&
	     !mvfr) ||
	    (word >> 28) == 0xfu || rt == 15 ||
	    (vcpu->cpsr & ARMPV_PSR_T) ||
	    !armpv_mode_privileged(vcpu->cpsr))
		return false;
	/* ARM1176: cp10 as the guest's CPACR grants it to its privileged
	 * modes; without, the guest's Undefined instruction. */
	if (cpacr_present &&
	    !(cpacr_for(vcpu, true) & (3u << (2 * 10))))
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
