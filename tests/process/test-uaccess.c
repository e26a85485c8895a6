// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-uaccess.c -- the MMU set-up and the user-permission accesses.
 *
 * test_mmu() builds an identity first-level table of 1 MiB sections
 * (ARMv5 format, ARM ARM B4.7; on ARMv6 SCTLR.XP = 0 keeps that format,
 * ARM1176 TRM 6.11.1) and turns the MMU on.  test_uaccess() then runs
 * LDRT/LDRBT/STRT/STRBT on a user page and on the kernel-only section:
 * there the access is checked with User permissions (B4.4) and gives a
 * permission fault, section: DFSR status 0b1101, domain in bits 7:4, on
 * ARMv6 WnR (bit 11) for a write; FAR = the address; LR_abt = the
 * instruction + 8 (A2.6.6); and the base register is restored (ARMv6:
 * the Base Restored Abort Model, A2.6.5; ARM926EJ-S TRM: base restored).
 */
#include "tests.h"

#define SECT_TYPE 0x2	/* bits 1:0 = 0b10: section */
#define SECT_DOMAIN_SHIFT 5
#define SECT_AP_SHIFT 10
#define AP_KERNEL_RW 1	/* privileged read/write, User none */
#define AP_USER_RW 3
#ifdef KERN_V6
#define SECT_BIT4 0	/* ARMv6: bit 4 is XN in the new format, SBZ here */
#else
#define SECT_BIT4 0x10	/* ARMv5: bit 4 should be 1 */
#endif

#define FSR_PERM_SECTION 0xd
#define FSR_DOMAIN_SHIFT 4
#ifdef KERN_V6
#define FSR_WNR 0x800
#else
#define FSR_WNR 0
#endif
#define DFSR_KONLY_READ (FSR_PERM_SECTION | (KONLY_DOMAIN << FSR_DOMAIN_SHIFT))
#define DFSR_KONLY_WRITE (DFSR_KONLY_READ | FSR_WNR)

#define SCTLR_M 0x1
#define SCTLR_A 0x2
#define SCTLR_V 0x2000
#define SCTLR_XP 0x800000

static uint32_t ttb[4096] __attribute__((aligned(16384)));
static uint32_t ua_buf[4] __attribute__((aligned(16)));

void test_mmu(void)
{
	uint32_t i, sctlr;

	for (i = 0; i < 4096; i++) {
		uint32_t ap = i < (KONLY_BASE >> 20) ? AP_USER_RW : AP_KERNEL_RW;
		uint32_t dom = i == (KONLY_BASE >> 20) ? KONLY_DOMAIN : 0;

		ttb[i] = (i << 20) | (ap << SECT_AP_SHIFT) |
			 (dom << SECT_DOMAIN_SHIFT) | SECT_BIT4 | SECT_TYPE;
	}
	cp15_write_dacr(DACR_VALUE);
	cp15_write_ttbr0((uint32_t)ttb);
	cp15_tlb_invalidate_all();
	sctlr = cp15_read_sctlr();
	sctlr &= ~(SCTLR_A | SCTLR_V | SCTLR_XP);
	cp15_write_sctlr(sctlr | SCTLR_M);

	check_ctx("mmu: ");
	check_eq("TTBR0 reads back", cp15_read_ttbr0() & 0xffffc000,
		 (uint32_t)ttb);
	check_eq("DACR reads back", cp15_read_dacr(), DACR_VALUE);
	check_eq("SCTLR.M set, A, V, XP clear",
		 cp15_read_sctlr() & (SCTLR_M | SCTLR_A | SCTLR_V | SCTLR_XP),
		 SCTLR_M);
}

static void check_ok_access(const struct ua_result *r, uint32_t rd,
			    uint32_t base)
{
	check_eq("no fault", r->err, 0);
	check_eq("value", r->rd, rd);
	check_eq("base written back", r->base, base);
}

static void test_uaccess_user_page(void)
{
	struct ua_result r;
	uint32_t buf = (uint32_t)ua_buf;
	uint32_t aborts = abt_rec.count;

	ua_buf[0] = 0x11223344;
	ua_buf[1] = 0;
	ua_buf[2] = 0;

	check_ctx("uaccess: LDRT r2, [r1], #4: ");
	ua_ldrt_post4(&r, buf, 0, 0);
	check_ok_access(&r, 0x11223344, buf + 4);
	check_eq("CPSR unchanged", r.cpsr, UA_CPSR);

	check_ctx("uaccess: LDRT r2, [r1], r3, lsl #2: ");
	ua_ldrt_reg(&r, buf, 0, 3);
	check_ok_access(&r, 0x11223344, buf + 12);

	check_ctx("uaccess: LDRBT r2, [r1], #1: ");
	ua_ldrbt_post1(&r, buf + 1, 0xffffffff, 0);
	check_ok_access(&r, 0x33, buf + 2); /* little-endian byte 1 */

	check_ctx("uaccess: LDRBT r2, [r1], #-3: ");
	ua_ldrbt_neg3(&r, buf + 3, 0, 0);
	check_ok_access(&r, 0x11, buf);

	check_ctx("uaccess: STRT r2, [r1], #4: ");
	ua_strt_post4(&r, buf + 4, 0xcafef00d, 0);
	check_eq("no fault", r.err, 0);
	check_eq("stored", ua_buf[1], 0xcafef00d);
	check_eq("base written back", r.base, buf + 8);

	check_ctx("uaccess: STRBT r2, [r1], #-1: ");
	ua_strbt_neg1(&r, buf + 9, 0x123456a5, 0);
	check_eq("no fault", r.err, 0);
	check_eq("stored the low byte only", ua_buf[2], 0x0000a500);
	check_eq("base written back", r.base, buf + 8);

	check_ctx("uaccess: STRBT r2, [r1], -r3: ");
	ua_strbt_negreg(&r, buf + 10, 0x5a, 10);
	check_eq("no fault", r.err, 0);
	check_eq("stored", ua_buf[2], 0x005aa500);
	check_eq("base written back", r.base, buf);

	check_ctx("uaccess: user page: ");
	check_eq("no data abort taken", abt_rec.count, aborts);
}

/* One faulting access: the abort's record, and the state after fixup. */
static void check_fault(const struct ua_result *r, uint32_t aborts,
			const char *insn, uint32_t base, uint32_t dfsr,
			uint32_t far)
{
	check_eq("data abort taken", abt_rec.count, aborts + 1);
	check_eq("fixup returned -EFAULT", r->err, (uint32_t)-EFAULT);
	check_eq("base register restored", r->base, base);
	check_eq("LR_abt = instruction + 8", abt_rec.lr, (uint32_t)insn + 8);
	check_eq("SPSR_abt = CPSR at the access", abt_rec.spsr, UA_CPSR);
	check_eq("handler in ABT mode, I set",
		 abt_rec.cpsr & PSR_LOW_MASK,
		 ABT_MODE | PSR_I | PSR_F | PSR_A_SET);
	check_eq("DFSR: permission fault, section, domain", abt_rec.dfsr & 0xfff,
		 dfsr);
	check_eq("FAR = the address", abt_rec.far, far);
	check_eq("CPSR restored by the abort return", r->cpsr, UA_CPSR);
}

static void test_uaccess_kernel_page(void)
{
	volatile uint32_t *konly = (volatile uint32_t *)KONLY_WORD;
	struct ua_result r;
	uint32_t aborts;

	check_ctx("uaccess: kernel-only section: ");
	*konly = 0x600dc0de;
	check_eq("privileged STR/LDR allowed", *konly, 0x600dc0de);

	check_ctx("uaccess: LDRT from kernel-only: ");
	aborts = abt_rec.count;
	ua_ldrt_post4(&r, KONLY_WORD, 0, 0);
	check_fault(&r, aborts, ua_ldrt_post4_insn, KONLY_WORD,
		    DFSR_KONLY_READ, KONLY_WORD);

	check_ctx("uaccess: LDRBT from kernel-only: ");
	aborts = abt_rec.count;
	ua_ldrbt_post1(&r, KONLY_WORD + 3, 0, 0);
	check_fault(&r, aborts, ua_ldrbt_post1_insn,
		    KONLY_WORD + 3, DFSR_KONLY_READ, KONLY_WORD + 3);

	check_ctx("uaccess: STRT to kernel-only: ");
	aborts = abt_rec.count;
	ua_strt_post4(&r, KONLY_WORD, 0xbadbad00, 0);
	check_fault(&r, aborts, ua_strt_post4_insn, KONLY_WORD,
		    DFSR_KONLY_WRITE, KONLY_WORD);
	check_eq("memory unchanged", *konly, 0x600dc0de);

	check_ctx("uaccess: STRBT to kernel-only: ");
	aborts = abt_rec.count;
	ua_strbt_neg1(&r, KONLY_WORD + 1, 0xee, 0);
	check_fault(&r, aborts, ua_strbt_neg1_insn,
		    KONLY_WORD + 1, DFSR_KONLY_WRITE, KONLY_WORD + 1);
	check_eq("memory unchanged", *konly, 0x600dc0de);

	check_ctx("uaccess: LDRT register offset from kernel-only: ");
	aborts = abt_rec.count;
	ua_ldrt_reg(&r, KONLY_WORD + 8, 0, 1);
	check_fault(&r, aborts, ua_ldrt_reg_insn, KONLY_WORD + 8,
		    DFSR_KONLY_READ, KONLY_WORD + 8);
}

void test_uaccess(void)
{
	test_uaccess_user_page();
	test_uaccess_kernel_page();
}
