/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mem.c -- guest memory as the virtual CPU sees it.
 *
 * The emulation of LDRT/STRT, LDM/STM^, SRS/RFE must reach guest memory
 * exactly as the instruction would have on the real CPU: through the
 * guest's own translation tables, with its domains and access
 * permissions, and with the guest's own abort when that fails.  This file
 * walks the ARMv5 (ARM926EJ-S) and ARMv6 (ARM1176JZF-S) short-descriptor
 * tables in software from the vCPU's virtual CP15, then reaches guest
 * physical memory (RAM/ROM regions or the VM's MMIO handler).
 *
 * References: ARM ARM (DDI 0100I) B4 "Virtual Memory System Architecture"
 * and B8 "Fast Context Switch Extension"; ARM926EJ-S TRM (DDI 0198D)
 * chapter 3; ARM1176JZF-S TRM (DDI 0301H) chapters 3 and 6.
 *
 * No software TLB, on purpose: the guest edits its tables with ordinary
 * stores that the monitor never sees, and a cached translation would
 * outlive them.  Whether TLB maintenance (ARMPV_CP15_EV_TLB) is a sound
 * invalidation point is for the shadow MMU to decide; until then every
 * access walks the tables, which is correct whatever the guest does.
 */
#include "mem.h"
#include "emulate.h"

/* ---------------------------------------------------------------------
 * Guest physical memory.
 */

static const struct armpv_region *phys_region(const struct armpv_vm *vm,
					      uint32_t pa)
{
	for (unsigned i = 0; i < vm->nregions; i++) {
		const struct armpv_region *r = &vm->regions[i];

		/* Unsigned difference: no overflow at the top of memory. */
		if (pa - r->guest_phys < r->size)
			return r;
	}
	return NULL;
}

/* The region holding all of [pa, pa + size), or NULL if none does; a
 * window region only if one page holds it all, so that region_ptr()
 * reaches every byte. */
static const struct armpv_region *phys_region_whole(const struct armpv_vm *vm,
						    uint32_t pa, unsigned size)
{
	const struct armpv_region *r = phys_region(vm, pa);

	if (r && (uint64_t)(pa - r->guest_phys) + size <= r->size &&
	    (r->host || (pa & (ARMPV_WINDOW_PAGE - 1)) + size <=
				ARMPV_WINDOW_PAGE))
		return r;
	return NULL;
}

/* The host address of 'pa' in region r (see armpv_window_fn). */
static inline uint8_t *region_ptr(const struct armpv_region *r, uint32_t pa)
{
	uint32_t off = pa - r->guest_phys;

	return r->host ? r->host + off : r->window(r->window_opaque, off);
}

/* True if no region holds any byte of [pa, pa + size), which does not
 * wrap: device space.  Two ranges meet when either starts inside the
 * other (unsigned differences, as phys_region). */
static bool phys_is_device(const struct armpv_vm *vm, uint32_t pa,
			   unsigned size)
{
	for (unsigned i = 0; i < vm->nregions; i++) {
		const struct armpv_region *r = &vm->regions[i];

		if (pa - r->guest_phys < r->size || r->guest_phys - pa < size)
			return false;
	}
	return true;
}

/* Could a write of one byte at pa succeed?  RAM: yes; ROM: no (external
 * abort, see armpv_phys_write); device: only a handler can tell, so yes
 * if there is one. */
static bool phys_byte_writable(const struct armpv_vm *vm, uint32_t pa)
{
	const struct armpv_region *r = phys_region(vm, pa);

	if (r)
		return !(r->flags & ARMPV_REGION_READONLY);
	return vm->mmio != NULL;
}

/* Little-endian, assembled from bytes: the host's byte order and
 * alignment rules never matter. */
static uint32_t host_load_le(const uint8_t *p, unsigned size)
{
	uint32_t v = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* A little-endian host loads an aligned word as it is (a page
	 * table walk's descriptors, LDM^ frames). */
	typedef uint32_t __attribute__((may_alias)) host_word;

	if (size == 4 && !((uintptr_t)p & 3u))
		return *(const host_word *)p;
#endif
	for (unsigned i = 0; i < size; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void host_store_le(uint8_t *p, unsigned size, uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	typedef uint32_t __attribute__((may_alias)) host_word;

	if (size == 4 && !((uintptr_t)p & 3u)) {
		*(host_word *)p = v;
		return;
	}
#endif
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t size_mask(unsigned size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static bool phys_mmio(struct armpv_vm *vm, uint32_t pa, unsigned size,
		      bool is_write, uint32_t *data)
{
	if (!vm->mmio)
		return false;
	return vm->mmio(vm->mmio_opaque, pa, size, is_write, data);
}

static bool phys_read_byte(struct armpv_vm *vm, uint32_t pa, uint32_t *byte)
{
	const struct armpv_region *r = phys_region(vm, pa);

	if (r) {
		*byte = *region_ptr(r, pa);
		return true;
	}
	if (!phys_mmio(vm, pa, 1, false, byte))
		return false;
	*byte &= 0xff;
	return true;
}

static bool phys_write_byte(struct armpv_vm *vm, uint32_t pa, uint32_t byte)
{
	const struct armpv_region *r = phys_region(vm, pa);

	if (r) {
		if (r->flags & ARMPV_REGION_READONLY)
			return false;
		*region_ptr(r, pa) = (uint8_t)byte;
		return true;
	}
	return phys_mmio(vm, pa, 1, true, &byte);
}

static bool phys_size_ok(unsigned size)
{
	return size == 1 || size == 2 || size == 4;
}

/*
 * A device sees one access of the full size only when it is naturally
 * aligned and wholly in device space: that is all a bus can carry.
 * Anything else (an access straddling a region end, an unaligned device
 * access) is split into bytes, each going where its own address leads.
 */
bool armpv_phys_read(struct armpv_vm *vm, uint32_t pa, unsigned size,
		     uint32_t *value)
{
	const struct armpv_region *r;
	uint32_t v = 0;

	if (!phys_size_ok(size))
		return false;
	r = phys_region_whole(vm, pa, size);
	if (r) {
		*value = host_load_le(region_ptr(r, pa), size);
		return true;
	}
	if (!(pa & (size - 1)) && phys_is_device(vm, pa, size)) {
		if (!phys_mmio(vm, pa, size, false, &v))
			return false;
		*value = v & size_mask(size);
		return true;
	}
	for (unsigned i = 0; i < size; i++) {
		uint32_t byte;

		if (!phys_read_byte(vm, pa + i, &byte))
			return false;
		v |= byte << (8 * i);
	}
	*value = v;
	return true;
}

/*
 * Writes to a READONLY region are external aborts, as mem.h promises.
 * That is what a guest kernel should see for a store to its boot ROM: on
 * the Versatile boards a store to the ROM/flash is not silently dropped
 * by the CPU either way, and an abort makes a stray store visible instead
 * of letting the guest believe the ROM changed.  A board model that wants
 * flash command cycles registers the flash as a device, not as ROM.
 *
 * A write split into bytes checks every byte first, so that a ROM or
 * absent-device byte aborts the write before anything is stored.  Only a
 * device handler refusing a byte midway can leave earlier bytes written;
 * on hardware those would be separate bus transfers too.
 */
bool armpv_phys_write(struct armpv_vm *vm, uint32_t pa, unsigned size,
		      uint32_t value)
{
	const struct armpv_region *r;

	if (!phys_size_ok(size))
		return false;
	value &= size_mask(size);
	r = phys_region_whole(vm, pa, size);
	if (r) {
		if (r->flags & ARMPV_REGION_READONLY)
			return false;
		host_store_le(region_ptr(r, pa), size, value);
		return true;
	}
	if (!(pa & (size - 1)) && phys_is_device(vm, pa, size))
		return phys_mmio(vm, pa, size, true, &value);
	for (unsigned i = 0; i < size; i++)
		if (!phys_byte_writable(vm, pa + i))
			return false;
	for (unsigned i = 0; i < size; i++)
		if (!phys_write_byte(vm, pa + i, (value >> (8 * i)) & 0xff))
			return false;
	return true;
}

/* ---------------------------------------------------------------------
 * The guest's virtual MMU.
 */

/* TTBCR (ARMv6; ARM1176 TRM 3.2.15). */
#define MEM_TTBCR_N_MASK 0x7u
#define MEM_TTBCR_PD0 (1u << 4)
#define MEM_TTBCR_PD1 (1u << 5)

/* FCSE PID (c13, c0, 0): bits 31:25 replace VA[31:25] below 32 MiB. */
#define MEM_FCSE_PID_MASK 0xfe000000u
#define MEM_FCSE_LIMIT 0x02000000u

/* First-level descriptors (ARM ARM B4.7; ARM1176 TRM 6.11). */
#define MEM_L1_TYPE_MASK 0x3u
#define MEM_L1_FAULT 0x0u
#define MEM_L1_COARSE 0x1u
#define MEM_L1_SECTION 0x2u
#define MEM_L1_FINE 0x3u /* ARMv5; reserved on ARMv6 */
#define MEM_L1_DOMAIN_SHIFT 5
#define MEM_L1_DOMAIN_MASK 0xfu
#define MEM_L1_AP_SHIFT 10
#define MEM_L1_APX (1u << 15)	       /* ARMv6, XP=1 */
#define MEM_L1_XN (1u << 4)	       /* ARMv6, XP=1: section XN */
#define MEM_L1_NG (1u << 17)	       /* ARMv6, XP=1: not global */
#define MEM_L1_SUPERSECTION (1u << 18) /* ARMv6 */
#define MEM_L1_SECTION_BASE 0xfff00000u
#define MEM_L1_SUPER_BASE 0xff000000u
#define MEM_L1_COARSE_BASE 0xfffffc00u
#define MEM_L1_FINE_BASE 0xfffff000u

/* Second-level descriptors (ARM ARM B4.7; ARM1176 TRM 6.11). */
#define MEM_L2_TYPE_MASK 0x3u
#define MEM_L2_FAULT 0x0u
#define MEM_L2_LARGE 0x1u
#define MEM_L2_SMALL 0x2u
#define MEM_L2_TINY 0x3u /* ARMv5 fine tables; extended small on v6 */
#define MEM_L2_AP_SHIFT 4
#define MEM_L2_APX (1u << 9) /* ARMv6, XP=1 */
#define MEM_L2_LARGE_XN (1u << 15) /* ARMv6, XP=1 */
#define MEM_L2_SMALL_XN 1u	   /* ARMv6, XP=1: extended small page */
#define MEM_L2_NG (1u << 11)	   /* ARMv6, XP=1: not global */
#define MEM_L2_LARGE_BASE 0xffff0000u
#define MEM_L2_SMALL_BASE 0xfffff000u
#define MEM_L2_TINY_BASE 0xfffffc00u

/* DACR fields (ARM ARM B4.4.2). */
#define MEM_DOMAIN_NOACCESS 0x0u
#define MEM_DOMAIN_CLIENT 0x1u
#define MEM_DOMAIN_RESERVED 0x2u
#define MEM_DOMAIN_MANAGER 0x3u

/* What a successful walk found, beyond the address: the external abort
 * of the access itself is reported with it (ARM ARM B4.6: section or
 * page variant, domain). */
struct mem_walk {
	uint32_t pa;
	uint32_t mva;
	uint32_t domain;
	bool page;
	/* For armpv_mem_translate_page(): find the descriptor only, no
	 * access check (flag MEM_DESC_ONLY), and report its permission fields: APX,
	 * the AP of each 1 KiB subpage of the 4 KiB page holding the MVA,
	 * whether the descriptor covers that whole 4 KiB page (not an entry
	 * of a fine table, which answers for its own 1 KiB), and an MMU-off flat mapping. */
	bool whole, flat;
	bool xn; /* ARMv6 XP=1 execute-never */
	bool ng; /* ARMv6 XP=1 not global (ASID-specific) */
	uint32_t apx, ap4[4];
	unsigned shift; /* log2 of the bytes the descriptor maps */
	uint32_t ap;	/* the AP of the MVA's own 1 KiB (a full walk) */
	uint8_t *host;	/* pa in writable RAM, from a translation entry */
	/* The descriptors the walk read: first level (0 with the MMU off),
	 * second level (0 for a section). */
	uint32_t l1, l2;
};

/* A walk flag of the core's own, beside ARMPV_MEM_USER/WRITE. */
#define MEM_DESC_ONLY 0x80000000u

/* A descriptor (word aligned): armpv_phys_read(), with guest RAM, where
 * the tables are, first and inline. */
static inline bool mem_read_descriptor(struct armpv_vm *vm, uint32_t pa,
				       uint32_t *v)
{
	const struct armpv_region *r = phys_region_whole(vm, pa, 4);

	if (r) {
		*v = host_load_le(region_ptr(r, pa), 4);
		return true;
	}
	return armpv_phys_read(vm, pa, 4, v);
}

/* The end of a walk that found its descriptor: the access check, or for
 * a descriptor-only walk its fields (ap4 set by the caller). */
static bool mem_walk_done(const struct armpv_vcpu *vcpu,
			  struct armpv_mem_fault *fault, struct mem_walk *w,
			  uint32_t apx, uint32_t ap, unsigned flags);

static bool mem_fault(const struct armpv_vcpu *vcpu,
		      struct armpv_mem_fault *fault, uint32_t status,
		      uint32_t domain, unsigned flags, uint32_t mva)
{
	/* Status bit 4 lives in FSR[10] (ARMv6); none of ours sets it. */
	uint32_t fsr = (status & 0xfu) | ((status & 0x10u) << 6) |
		       (domain << ARMPV_FSR_DOMAIN_SHIFT);

	/* ARM1176 TRM, c5 Data Fault Status Register: bit 11 (WnR) says a
	 * write caused the abort.  The ARM926EJ-S FSR has no such bit. */
	if (armpv_vcpu_is_v6(vcpu) && (flags & ARMPV_MEM_WRITE))
		fsr |= ARMPV_FSR_WNR;
	if (fault) {
		fault->fsr = fsr;
		fault->far = mva;
	}
	return false;
}

/*
 * Access permissions: ARM ARM B4.4.1 Table B4-1 (AP with SCTLR.S/R), and
 * for ARMv6 with XP=1 the APX bit, ARM1176 TRM Table 6-1.
 *
 *   APX AP  S R   privileged  user
 *   0   00  0 0   none        none
 *   0   00  1 0   read        none
 *   0   00  0 1   read        read
 *   0   00  1 1   UNPREDICTABLE: we give no access (QEMU does the same;
 *                 older TRMs call it "reserved, generates a fault")
 *   0   01  x x   read/write  none
 *   0   10  x x   read/write  read
 *   0   11  x x   read/write  read/write
 *   1   00        reserved: no access (ARM1176 TLB lockdown encodes a
 *                 fault here)
 *   1   01        read        none
 *   1   10        read        read
 *   1   11        read        read (ARMv6K: ARM1176 TRM Table 6-1)
 *
 * S and R are deprecated on ARMv6 but still honoured by ARM1176 for
 * APX=0, AP=00 in both table formats (TRM 6.5, Table 6-1).
 */
static bool mem_ap_allows(uint32_t sctlr, uint32_t apx, uint32_t ap,
			  unsigned flags)
{
	bool user = flags & ARMPV_MEM_USER;
	bool write = flags & ARMPV_MEM_WRITE;

	if (apx) {
		if (write || ap == 0)
			return false;
		return ap != 1 || !user;
	}
	switch (ap) {
	case 0:
		if (write)
			return false;
		switch (sctlr & (ARMPV_SCTLR_S | ARMPV_SCTLR_R)) {
		case ARMPV_SCTLR_S:
			return !user;
		case ARMPV_SCTLR_R:
			return true;
		default:
			return false;
		}
	case 1:
		return !user;
	case 2:
		return !user || !write;
	default:
		return true;
	}
}

/*
 * Domain, then permission (ARM ARM B4.6, Figure "Sequence for checking
 * faults"; ARM926EJ-S TRM Figure 3-13).  DACR 0b10 is reserved: the
 * ARM926EJ-S TRM (Table 3-11) says it "currently behaves like the no
 * access mode", the ARM1176 TRM (3.2.16) that it generates a domain
 * fault; both give a domain fault, and so do we.
 */
static bool mem_check_access(const struct armpv_vcpu *vcpu,
			     struct armpv_mem_fault *fault, uint32_t domain,
			     uint32_t apx, uint32_t ap, bool page,
			     unsigned flags, uint32_t mva)
{
	uint32_t dom = (vcpu->cp15.dacr >> (2 * domain)) & 3u;

	if (dom == MEM_DOMAIN_NOACCESS || dom == MEM_DOMAIN_RESERVED)
		return mem_fault(vcpu, fault,
				 page ? ARMPV_FSR_DOMAIN_PAGE
				      : ARMPV_FSR_DOMAIN_SECTION,
				 domain, flags, mva);
	if (dom == MEM_DOMAIN_MANAGER)
		return true;
	if (!mem_ap_allows(vcpu->cp15.sctlr, apx, ap, flags))
		return mem_fault(vcpu, fault,
				 page ? ARMPV_FSR_PERM_PAGE
				      : ARMPV_FSR_PERM_SECTION,
				 domain, flags, mva);
	return true;
}

/*
 * An instruction fetch from an XN region (ARMv6, XP=1): a permission
 * fault, checked after the domain and AP (ARM1176 TRM 6.5.2, "Execute
 * Never bits"), so in a manager domain -- whose accesses are not
 * checked against the descriptor's permissions (ARM1176 TRM 6.6,
 * Table 6-3) -- there is none.
 */
static bool mem_xn_allows(const struct armpv_vcpu *vcpu,
			  struct armpv_mem_fault *fault,
			  const struct mem_walk *w, unsigned flags)
{
	uint32_t dom = (vcpu->cp15.dacr >> (2 * w->domain)) & 3u;

	if (!w->xn || dom == MEM_DOMAIN_MANAGER)
		return true;
	return mem_fault(vcpu, fault,
			 w->page ? ARMPV_FSR_PERM_PAGE : ARMPV_FSR_PERM_SECTION,
			 w->domain, flags & ~ARMPV_MEM_WRITE, w->mva);
}

/*
 * The first-level descriptor's address.  ARMv5 has TTBR0 only.  ARMv6
 * (ARM1176 TRM 3.2.15): with TTBCR.N > 0, an MVA whose top N bits are not
 * all zero uses TTBR1 (a full 16 KiB table), otherwise TTBR0, whose table
 * shrinks to 16 KiB >> N (base bits 31:14-N, index MVA[31-N:20]).  PDx set
 * means "no walk on a TLB miss": we have no TLB, so every access with
 * that TTBR takes the section translation fault the TRM specifies.
 */
static bool mem_l1_address(const struct armpv_vcpu *vcpu, uint32_t mva,
			   uint32_t *addr)
{
	const struct armpv_cp15 *c = &vcpu->cp15;
	uint32_t n;

	if (!armpv_vcpu_is_v6(vcpu)) {
		*addr = (c->ttbr0 & 0xffffc000u) | ((mva >> 20) << 2);
		return true;
	}
	n = c->ttbcr & MEM_TTBCR_N_MASK;
	if (n && (mva >> (32 - n))) {
		if (c->ttbcr & MEM_TTBCR_PD1)
			return false;
		*addr = (c->ttbr1 & 0xffffc000u) | ((mva >> 20) << 2);
		return true;
	}
	if (c->ttbcr & MEM_TTBCR_PD0)
		return false;
	*addr = (c->ttbr0 & (0xffffffffu << (14 - n))) |
		(((mva >> 20) & (0xfffu >> n)) << 2);
	return true;
}

/*
 * A second-level descriptor: its address from the first-level one, and
 * what it maps.  Returns false with *status set for a first-level type
 * that cannot lead to a second level.
 */
static bool mem_walk_l2(struct armpv_vcpu *vcpu, uint32_t l1, uint32_t mva,
			unsigned flags, struct mem_walk *w,
			struct armpv_mem_fault *fault)
{
	bool v6 = armpv_vcpu_is_v6(vcpu);
	bool xp = v6 && (vcpu->cp15.sctlr & ARMPV_SCTLR_XP);
	bool fine = (l1 & MEM_L1_TYPE_MASK) == MEM_L1_FINE;
	uint32_t l2addr, l2, ap, apx = 0;

	if (fine)
		/* 1024 entries of 1 KiB, index MVA[19:10] (B4.7). */
		l2addr = (l1 & MEM_L1_FINE_BASE) | ((mva >> 8) & 0xffcu);
	else
		/* 256 entries of 4 KiB, index MVA[19:12] (B4.7). */
		l2addr = (l1 & MEM_L1_COARSE_BASE) | ((mva >> 10) & 0x3fcu);
	if (!mem_read_descriptor(vcpu->vm, l2addr, &l2))
		return mem_fault(vcpu, fault, ARMPV_FSR_EXTABT_TRANS_L2,
				 w->domain, flags, mva);
	w->l2 = l2;

	switch (l2 & MEM_L2_TYPE_MASK) {
	case MEM_L2_FAULT:
		/* The page translation fault comes before the domain check
		 * (ARM926EJ-S TRM Figure 3-13); its domain is valid. */
		return mem_fault(vcpu, fault, ARMPV_FSR_TRANS_PAGE, w->domain,
				 flags, mva);
	case MEM_L2_LARGE:
		/* 64 KiB.  Subpage AP3..AP0 at bits 11:4 by MVA[15:14]
		 * (B4.7); with XP=1 one AP at 5:4 and APX at 9. */
		w->pa = (l2 & MEM_L2_LARGE_BASE) | (mva & 0xffffu);
		if (xp) {
			ap = (l2 >> MEM_L2_AP_SHIFT) & 3u;
			apx = l2 & MEM_L2_APX;
			w->xn = (l2 & MEM_L2_LARGE_XN) != 0;
			w->ng = (l2 & MEM_L2_NG) != 0;
		} else {
			ap = (l2 >> (MEM_L2_AP_SHIFT + 2 * ((mva >> 14) & 3u))) &
			     3u;
		}
		/* A 4 KiB page lies inside one 16 KiB subpage; in a fine
		 * table each 1 KiB entry is its own descriptor. */
		w->whole = !fine;
		w->shift = 16;
		w->ap4[0] = w->ap4[1] = w->ap4[2] = w->ap4[3] = ap;
		break;
	case MEM_L2_SMALL:
		w->pa = (l2 & MEM_L2_SMALL_BASE) | (mva & 0xfffu);
		w->whole = !fine;
		w->shift = 12;
		if (xp) {
			/* Extended small page, bit 0 = XN. */
			ap = (l2 >> MEM_L2_AP_SHIFT) & 3u;
			apx = l2 & MEM_L2_APX;
			w->xn = (l2 & MEM_L2_SMALL_XN) != 0;
			w->ng = (l2 & MEM_L2_NG) != 0;
			w->ap4[0] = w->ap4[1] = w->ap4[2] = w->ap4[3] = ap;
		} else {
			/* Subpage AP3..AP0 by MVA[11:10] (B4.7). */
			ap = (l2 >> (MEM_L2_AP_SHIFT + 2 * ((mva >> 10) & 3u))) &
			     3u;
			for (unsigned k = 0; k < 4; k++)
				w->ap4[k] = (l2 >> (MEM_L2_AP_SHIFT + 2 * k)) &
					    3u;
		}
		break;
	default: /* 0b11 */
		if (v6) {
			/* ARMv6: extended small page in both formats
			 * (ARM1176 TRM Figures 6-5 and 6-8); APX only with
			 * XP=1, where bit 0 is XN. */
			w->pa = (l2 & MEM_L2_SMALL_BASE) | (mva & 0xfffu);
			ap = (l2 >> MEM_L2_AP_SHIFT) & 3u;
			if (xp) {
				apx = l2 & MEM_L2_APX;
				w->xn = (l2 & MEM_L2_SMALL_XN) != 0;
				w->ng = (l2 & MEM_L2_NG) != 0;
			}
			w->whole = true;
			w->shift = 12;
			w->ap4[0] = w->ap4[1] = w->ap4[2] = w->ap4[3] = ap;
		} else if (fine) {
			/* ARMv5 tiny page, 1 KiB, one AP (B4.7). */
			w->pa = (l2 & MEM_L2_TINY_BASE) | (mva & 0x3ffu);
			ap = (l2 >> MEM_L2_AP_SHIFT) & 3u;
			w->whole = false;
			w->shift = 10;
			w->ap4[(mva >> 10) & 3u] = ap;
		} else {
			/* A tiny page in a coarse table is UNPREDICTABLE on
			 * ARMv5 (the ARM926EJ-S has no XScale extended small
			 * page): we give a page translation fault, as QEMU
			 * does. */
			return mem_fault(vcpu, fault, ARMPV_FSR_TRANS_PAGE,
					 w->domain, flags, mva);
		}
		break;
	}
	w->page = true;
	return mem_walk_done(vcpu, fault, w, apx, ap, flags);
}

static bool mem_walk_tables(struct armpv_vcpu *vcpu, uint32_t va,
			    unsigned flags, struct mem_walk *w,
			    struct armpv_mem_fault *fault)
{
	const struct armpv_cp15 *c = &vcpu->cp15;
	bool v6 = armpv_vcpu_is_v6(vcpu);
	bool xp = v6 && (c->sctlr & ARMPV_SCTLR_XP);
	uint32_t mva = va, l1addr, l1, ap, apx = 0;

	w->domain = 0;
	w->page = false;
	w->xn = w->ng = false;
	w->l1 = w->l2 = 0;
	/*
	 * MMU off: flat mapping, no permission checks and no FCSE (ARM1176
	 * TRM, "Behavior with MMU disabled": PA = VA; the FCSE PID "Should
	 * Be Zero" with the MMU off,
	 * so a non-zero PID there is the guest's UNPREDICTABLE and we
	 * ignore it).
	 */
	if (!(c->sctlr & ARMPV_SCTLR_M)) {
		w->pa = w->mva = va;
		w->flat = w->whole = true;
		w->shift = 12;
		w->ap = w->apx = 0;
		return true;
	}
	w->flat = false;
	/* FCSE (ARM ARM B8): below 32 MiB, VA[31:25] = the PID. */
	if (va < MEM_FCSE_LIMIT)
		mva = va | (c->fcse_pid & MEM_FCSE_PID_MASK);
	w->mva = mva;

	/* Domain fields of faults raised before a descriptor gives one are
	 * "invalid" (ARM926EJ-S TRM Table 3-9): we write 0 there. */
	if (!mem_l1_address(vcpu, mva, &l1addr))
		return mem_fault(vcpu, fault, ARMPV_FSR_TRANS_SECTION, 0, flags,
				 mva);
	if (!mem_read_descriptor(vcpu->vm, l1addr, &l1))
		return mem_fault(vcpu, fault, ARMPV_FSR_EXTABT_TRANS_L1, 0,
				 flags, mva);
	w->l1 = l1;

	switch (l1 & MEM_L1_TYPE_MASK) {
	case MEM_L1_FAULT:
		return mem_fault(vcpu, fault, ARMPV_FSR_TRANS_SECTION, 0, flags,
				 mva);
	case MEM_L1_FINE:
		/* Fine tables are ARMv5 only; ARMv6 reserves the type in
		 * both formats (ARM1176 TRM 6.11, "Invalid" in Figure 6-6)
		 * and we give it a section translation fault. */
		if (v6)
			return mem_fault(vcpu, fault, ARMPV_FSR_TRANS_SECTION,
					 0, flags, mva);
		/* fall through */
	case MEM_L1_COARSE:
		w->domain = (l1 >> MEM_L1_DOMAIN_SHIFT) & MEM_L1_DOMAIN_MASK;
		return mem_walk_l2(vcpu, l1, mva, flags, w, fault);
	default: /* section or supersection */
		break;
	}
	if (v6 && (l1 & MEM_L1_SUPERSECTION)) {
		/* 16 MiB, in either format; always domain 0 (ARM1176 TRM
		 * 6.2.5).  ARM1176 has no PA[39:32]: bits 23:20 ignored. */
		w->pa = (l1 & MEM_L1_SUPER_BASE) | (mva & ~MEM_L1_SUPER_BASE);
		w->shift = 24;
	} else {
		w->pa = (l1 & MEM_L1_SECTION_BASE) |
			(mva & ~MEM_L1_SECTION_BASE);
		w->domain = (l1 >> MEM_L1_DOMAIN_SHIFT) & MEM_L1_DOMAIN_MASK;
		w->shift = 20;
	}
	ap = (l1 >> MEM_L1_AP_SHIFT) & 3u;
	if (xp) {
		apx = l1 & MEM_L1_APX;
		w->xn = (l1 & MEM_L1_XN) != 0;
		w->ng = (l1 & MEM_L1_NG) != 0;
	}
	w->whole = true;
	w->ap4[0] = w->ap4[1] = w->ap4[2] = w->ap4[3] = ap;
	return mem_walk_done(vcpu, fault, w, apx, ap, flags);
}

static bool mem_walk_done(const struct armpv_vcpu *vcpu,
			  struct armpv_mem_fault *fault, struct mem_walk *w,
			  uint32_t apx, uint32_t ap, unsigned flags)
{
	w->apx = apx;
	w->ap = ap;
	if (flags & MEM_DESC_ONLY)
		return true;
	if (!mem_check_access(vcpu, fault, w->domain, apx, ap, w->page,
			      flags, w->mva))
		return false;
	return !(flags & ARMPV_MEM_EXEC) ||
	       mem_xn_allows(vcpu, fault, w, flags);
}

/* ---------------------------------------------------------------------
 * Translation entries: one walk's result for its 1 KiB (the smallest
 * page, and the granule of ARMv5 subpage permissions), checked again
 * for each access.  Domain and permission come from the DACR and SCTLR
 * at the time of the access, as a TLB entry's do (ARM ARM B4.4).
 */
#define MEM_ENTRY_MASK 0xfffffc00u

/* The bit of entry.allowed for an access with 'flags'. */
static unsigned mem_entry_bit(unsigned flags)
{
	return 1u << (flags & (ARMPV_MEM_USER | ARMPV_MEM_WRITE));
}

/* e from a walk that succeeded for 'flags'. */
static void mem_entry_fill(struct armpv_mem_entry *e, uint32_t va,
			   const struct mem_walk *w, unsigned flags)
{
	e->allowed = (uint8_t)mem_entry_bit(flags);
	e->host = NULL;
	e->va = va & MEM_ENTRY_MASK;
	e->mva = w->mva & MEM_ENTRY_MASK;
	e->pa = w->pa & MEM_ENTRY_MASK;
	e->flat = w->flat;
	e->page = w->page;
	e->domain = (uint8_t)w->domain;
	e->ap = (uint8_t)w->ap;
	e->apx = w->apx != 0;
}

/*
 * The walk of 'va' from entry e, which holds va's 1 KiB.  While the cache
 * is open, the DACR and SCTLR cannot change (an emulated instruction
 * that accesses memory writes no CP15 register), so an access check
 * that passed once passes again: e->allowed remembers it.
 */
static bool mem_entry_walk(const struct armpv_vcpu *vcpu,
			   struct armpv_mem_entry *e, uint32_t va,
			   unsigned flags, struct mem_walk *w,
			   struct armpv_mem_fault *fault)
{
	uint32_t off = va & ~MEM_ENTRY_MASK;
	unsigned bit = mem_entry_bit(flags);

	w->pa = e->pa | off;
	w->mva = e->mva | off;
	w->domain = e->domain;
	w->page = e->page;
	w->flat = e->flat;
	w->host = e->host ? e->host + off : NULL;
	if (e->flat || (e->allowed & bit))
		return true;
	if (!mem_check_access(vcpu, fault, e->domain, e->apx, e->ap, e->page,
			      flags, w->mva))
		return false;
	e->allowed |= (uint8_t)bit;
	return true;
}

/* A walk while the translation cache is open. */
static bool mem_walk_cached(struct armpv_vcpu *vcpu, uint32_t va,
			    unsigned flags, struct mem_walk *w,
			    struct armpv_mem_fault *fault)
{
	if (vcpu->mem_cache_valid &&
	    !((va ^ vcpu->mem_cache.va) & MEM_ENTRY_MASK))
		return mem_entry_walk(vcpu, &vcpu->mem_cache, va, flags, w,
				      fault);
	struct armpv_mem_entry *e = &vcpu->mem_cache;
	const struct armpv_region *r;

	if (!mem_walk_tables(vcpu, va, flags, w, fault))
		return false;
	mem_entry_fill(e, va, w, flags);
	/* Guest RAM holding the whole 1 KiB: accessed directly. */
	r = phys_region_whole(vcpu->vm, e->pa, ~MEM_ENTRY_MASK + 1);
	if (r && !(r->flags & ARMPV_REGION_READONLY))
		e->host = region_ptr(r, e->pa);
	w->host = e->host ? e->host + (va & ~MEM_ENTRY_MASK) : NULL;
	vcpu->mem_cache_valid = true;
	return true;
}

/* Every walk but the shadow MMU's descriptor-only ones (which call
 * mem_walk_tables): through the translation cache while one is open. */
static inline bool mem_walk(struct armpv_vcpu *vcpu, uint32_t va,
			    unsigned flags, struct mem_walk *w,
			    struct armpv_mem_fault *fault)
{
	if (vcpu->mem_cache_on)
		return mem_walk_cached(vcpu, va, flags, w, fault);
	w->host = NULL;
	return mem_walk_tables(vcpu, va, flags, w, fault);
}

bool armpv_mem_translate_entry(struct armpv_vcpu *vcpu, uint32_t va,
			       unsigned flags, struct armpv_mem_entry *entry,
			       struct armpv_mem_fault *fault)
{
	struct mem_walk w;

	if (!mem_walk(vcpu, va, flags, &w, fault))
		return false;
	mem_entry_fill(entry, va, &w, flags);
	return true;
}

bool armpv_mem_translate(struct armpv_vcpu *vcpu, uint32_t va,
			 unsigned flags, uint32_t *pa,
			 struct armpv_mem_fault *fault)
{
	struct mem_walk w;

	if (!mem_walk(vcpu, va, flags, &w, fault))
		return false;
	*pa = w.pa;
	return true;
}

/*
 * One descriptor-only walk for the whole 4 KiB page, then the access
 * check per subpage and direction without further memory reads: a
 * shadow MMU fills a page at the cost of about one walk instead of one
 * per subpage and direction.  A tiny page answers for its own 1 KiB; the
 * other subpages are walked one by one (ARMv5 fine tables only).
 */
bool armpv_mem_translate_page(struct armpv_vcpu *vcpu, uint32_t va,
			      unsigned flags, struct armpv_mem_page *page)
{
	struct mem_walk w;
	unsigned self = (va >> 10) & 3u;

	flags = (flags & ARMPV_MEM_USER) | MEM_DESC_ONLY;
	if (!mem_walk_tables(vcpu, va, flags, &w, NULL))
		return false;
	page->frame = w.pa & ~0xfffu;
	page->map_shift = (uint8_t)w.shift;
	page->ng = w.ng;
	page->l1 = w.l1;
	for (unsigned k = 0; k < 4; k++) {
		struct mem_walk t = w;
		unsigned check = flags & ~MEM_DESC_ONLY;

		page->perm[k] = 0;
		page->l2[k] = w.l2;
		if (w.flat) {
			page->perm[k] = ARMPV_MEM_PERM_READ |
					ARMPV_MEM_PERM_WRITE |
					ARMPV_MEM_PERM_EXEC;
			continue;
		}
		if (!w.whole) {
			/* Tiny pages: each subpage its own descriptor, in
			 * place in this frame or not shadowed with it. */
			page->l2[k] = 0;
			if (k != self &&
			    !mem_walk_tables(vcpu, (va & ~0xc00u) | (k << 10), flags,
				      &t, NULL))
				continue;
			page->l2[k] = t.l2;
			if ((t.pa & ~0x3ffu) != page->frame + (k << 10))
				continue;
			if (t.shift > page->map_shift)
				page->map_shift = (uint8_t)t.shift;
		}
		if (!mem_check_access(vcpu, NULL, t.domain, t.apx, t.ap4[k],
				      t.page, check, t.mva))
			continue;
		page->perm[k] = ARMPV_MEM_PERM_READ;
		if (mem_check_access(vcpu, NULL, t.domain, t.apx, t.ap4[k],
				     t.page, check | ARMPV_MEM_WRITE, t.mva))
			page->perm[k] |= ARMPV_MEM_PERM_WRITE;
		if (mem_xn_allows(vcpu, NULL, &t, check))
			page->perm[k] |= ARMPV_MEM_PERM_EXEC;
	}
	return true;
}

bool armpv_mem_l1_descriptor(struct armpv_vcpu *vcpu, uint32_t va,
			     uint32_t *desc)
{
	uint32_t mva = va, addr;

	if (!(vcpu->cp15.sctlr & ARMPV_SCTLR_M))
		return false;
	if (va < MEM_FCSE_LIMIT)
		mva = va | (vcpu->cp15.fcse_pid & MEM_FCSE_PID_MASK);
	return mem_l1_address(vcpu, mva, &addr) &&
	       mem_read_descriptor(vcpu->vm, addr, desc);
}

/*
 * The access itself failed on the bus: a precise external abort (ARM ARM
 * B4.6 "external abort on non-linefetch", section 0b1000 or page 0b1010
 * with the domain; ARMv6 has the single 0b01000, "precise external
 * abort", ARM1136JF-S/ARM1176JZF-S TRMs, fault status encodings).
 * With the MMU off there is no descriptor: section form, domain 0.
 */
static bool mem_extabt(const struct armpv_vcpu *vcpu,
		       const struct mem_walk *w, unsigned flags,
		       struct armpv_mem_fault *fault)
{
	uint32_t status = ARMPV_FSR_EXTABT_NONLINEFETCH;

	if (w->page && !armpv_vcpu_is_v6(vcpu))
		status = ARMPV_FSR_EXTABT_NONLINEFETCH_PAGE;
	return mem_fault(vcpu, fault, status, w->domain, flags, w->mva);
}

static bool mem_size_ok(unsigned size)
{
	return size == 1 || size == 2 || size == 4;
}

/* The backend's hook before a data access (armpv_vm.data_sync). */
static inline void mem_data_sync(const struct armpv_vcpu *vcpu, uint32_t va,
				 uint32_t len)
{
	const struct armpv_vm *vm = vcpu->vm;

	if (vm->data_sync)
		vm->data_sync(vm->data_sync_opaque, va, len);
}

/*
 * Reads and writes.  An aligned access never crosses a 1 KiB page, so one
 * walk serves it.  An unaligned one is done bytewise, every byte walked
 * first: the first byte (lowest address) that faults aborts the whole
 * access, FAR = that byte's MVA.  That follows the "MVA of first aborted
 * address in transfer" ARM926EJ-S-based parts document for multi-word
 * transfers (DDI 0198D 3.5, FAR values).  The architecture does not pin
 * this down for an unaligned access split across two pages.
 */
bool armpv_mem_read(struct armpv_vcpu *vcpu, uint32_t va, unsigned size,
		    unsigned flags, uint32_t *value,
		    struct armpv_mem_fault *fault)
{
	struct mem_walk w[4];
	uint32_t v = 0;

	flags &= ~ARMPV_MEM_WRITE;
	if (!mem_size_ok(size))
		return false;
	mem_data_sync(vcpu, va, size);
	if (!(va & (size - 1))) {
		if (!mem_walk(vcpu, va, flags, &w[0], fault))
			return false;
		if (w[0].host)
			v = host_load_le(w[0].host, size);
		else if (!armpv_phys_read(vcpu->vm, w[0].pa, size, &v))
			return mem_extabt(vcpu, &w[0], flags, fault);
		*value = v;
		return true;
	}
	for (unsigned i = 0; i < size; i++)
		if (!mem_walk(vcpu, va + i, flags, &w[i], fault))
			return false;
	for (unsigned i = 0; i < size; i++) {
		uint32_t byte;

		if (!armpv_phys_read(vcpu->vm, w[i].pa, 1, &byte))
			return mem_extabt(vcpu, &w[i], flags, fault);
		v |= byte << (8 * i);
	}
	*value = v;
	return true;
}

bool armpv_mem_write(struct armpv_vcpu *vcpu, uint32_t va, unsigned size,
		     unsigned flags, uint32_t value,
		     struct armpv_mem_fault *fault)
{
	struct mem_walk w[4];

	flags |= ARMPV_MEM_WRITE;
	if (!mem_size_ok(size))
		return false;
	mem_data_sync(vcpu, va, size);
	if (!(va & (size - 1))) {
		if (!mem_walk(vcpu, va, flags, &w[0], fault))
			return false;
		if (w[0].host)
			host_store_le(w[0].host, size, value);
		else if (!armpv_phys_write(vcpu->vm, w[0].pa, size, value))
			return mem_extabt(vcpu, &w[0], flags, fault);
		return true;
	}
	for (unsigned i = 0; i < size; i++)
		if (!mem_walk(vcpu, va + i, flags, &w[i], fault))
			return false;
	/* Nothing is stored unless every byte can be (ROM, absent device). */
	for (unsigned i = 0; i < size; i++)
		if (!phys_byte_writable(vcpu->vm, w[i].pa))
			return mem_extabt(vcpu, &w[i], flags, fault);
	for (unsigned i = 0; i < size; i++)
		if (!armpv_phys_write(vcpu->vm, w[i].pa, 1,
				      (value >> (8 * i)) & 0xffu))
			return mem_extabt(vcpu, &w[i], flags, fault);
	return true;
}

/*
 * Block transfers: the words of an LDM/STM one after the other, as
 * armpv_mem_read/write() of each would do them.  Those would find, for
 * every word after the first of a 1 KiB entry over guest RAM, the same
 * entry, its access check already passed (e->allowed; a flat entry has
 * none) and its host address: so a run of words inside that entry is
 * walked and checked once, at its first word, and copied directly.  A
 * word elsewhere (a device, ROM, the cache closed) takes the one-word
 * path, whose walk then finds the entry just made (no table read
 * twice); a fault is the walk's own, on the word the per-word path
 * would stop at, with its status and FAR, the words before it done.
 */
static unsigned mem_words_in_entry(uint32_t va, unsigned n)
{
	unsigned left = (~MEM_ENTRY_MASK + 1 - (va & ~MEM_ENTRY_MASK)) / 4;

	return n < left ? n : left;
}

/* The walk of a block's word at va, through the cache (mem_walk_cached,
 * which leaves the entry as the one-word path's walk would): w->host if
 * it may be copied directly, else NULL for the one-word path (cache
 * closed, an unaligned word).  False with *fault: the word's fault. */
static bool mem_words_walk(struct armpv_vcpu *vcpu, uint32_t va,
			   unsigned flags, struct mem_walk *w,
			   struct armpv_mem_fault *fault)
{
	w->host = NULL;
	if (!vcpu->mem_cache_on || (va & 3u))
		return true;
	return mem_walk_cached(vcpu, va, flags, w, fault);
}

/* The loop of both: loads into rd[], or stores wr[] (the other NULL). */
static bool mem_words(struct armpv_vcpu *vcpu, uint32_t va, unsigned n,
		      unsigned flags, uint32_t *rd, const uint32_t *wr,
		      struct armpv_mem_fault *fault)
{
	if (n)
		mem_data_sync(vcpu, va, 4 * n);
	for (unsigned k = 0; k < n;) {
		struct mem_walk w;
		unsigned run = 1;

		if (!mem_words_walk(vcpu, va, flags, &w, fault))
			return false;
		if (w.host) {
			run = mem_words_in_entry(va, n - k);
			if (wr)
				for (unsigned i = 0; i < run; i++)
					host_store_le(w.host + 4 * i, 4,
						      wr[k + i]);
			else
				for (unsigned i = 0; i < run; i++)
					rd[k + i] = host_load_le(w.host + 4 * i,
								 4);
			k += run;
		} else if (wr ? !armpv_mem_write(vcpu, va, 4, flags, wr[k], fault)
			      : !armpv_mem_read(vcpu, va, 4, flags, &rd[k],
						fault)) {
			return false;
		} else {
			k++;
		}
		va += 4 * run;
	}
	return true;
}

bool armpv_mem_read_words(struct armpv_vcpu *vcpu, uint32_t va, unsigned n,
			  unsigned flags, uint32_t *words,
			  struct armpv_mem_fault *fault)
{
	return mem_words(vcpu, va, n, flags & ~ARMPV_MEM_WRITE, words, NULL,
			 fault);
}

bool armpv_mem_write_words(struct armpv_vcpu *vcpu, uint32_t va, unsigned n,
			   unsigned flags, const uint32_t *words,
			   struct armpv_mem_fault *fault)
{
	return mem_words(vcpu, va, n, flags | ARMPV_MEM_WRITE, NULL, words,
			 fault);
}
