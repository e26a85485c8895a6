// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check_mem.c -- unit tests of monitor/core/mem.c: guest physical memory
 * (RAM, ROM, MMIO, accesses straddling a region end) and the software
 * walk of the guest's ARMv5 (ARM926EJ-S) and ARMv6 (ARM1176JZF-S)
 * translation tables.
 *
 * Guest page tables are built by hand, descriptor by descriptor, in a host
 * buffer registered as the guest's RAM.  Every expected value is written
 * here from the manuals, never obtained from the code under test:
 *   - ARM ARM (DDI 0100I) B4.4 access permissions and domains, B4.6 fault
 *     status encodings, B4.7 descriptor formats, B8 FCSE;
 *   - ARM926EJ-S TRM (DDI 0198D) Tables 3-9 (fault priority, domain
 *     validity), 3-11 (DACR 0b10 behaves as no access), 3-12 (AP, S, R),
 *     Figure 3-13 (page translation fault before page domain fault);
 *   - ARM1176JZF-S TRM (DDI 0301H) Table 6-1 (APX), 6.2.5 (supersections
 *     are domain 0), 6.11 (backwards-compatible and ARMv6 formats), 3.2.15
 *     (TTBCR.N, PD0/PD1), DFSR WnR (bit 11).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "armpv_core.h"
#include "emulate.h"
#include "mem.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---------------------------------------------------------------------
 * The test machine.
 *
 *   0x00000000-0x0003ffff  RAM (host buffer ram[])
 *   0x00040000-0x00040fff  ROM (host buffer rom[])
 *   0x10000000-0x10000fff  a device (the MMIO handler accepts it)
 *   anything else          nothing: external abort
 *
 * In RAM: the first-level table at 0x0000 (TTBR0), a second 16 KiB table
 * at 0x4000 (TTBR1), coarse tables at 0x8000 and 0x8400, a fine table at
 * 0x9000, a 4 KiB TTBR0 table (TTBCR.N=2) at 0xa000; data from 0x10000.
 */
#define RAM_BASE 0x00000000u
#define RAM_SIZE 0x40000u
#define ROM_BASE 0x00040000u
#define ROM_SIZE 0x1000u
#define DEV_BASE 0x10000000u
#define DEV_SIZE 0x1000u

#define L1_TABLE 0x0000u
#define L1_TABLE1 0x4000u
#define COARSE 0x8000u
#define COARSE2 0x8400u
#define FINE 0x9000u
#define L1_SMALL 0xa000u

static uint8_t ram[RAM_SIZE];
static uint8_t rom[ROM_SIZE];
static struct armpv_vm vm;
static struct armpv_vcpu vcpu;

/* MMIO log: every handler call. */
struct mmio_call {
	uint32_t pa;
	unsigned size;
	bool is_write;
	uint32_t data;
};
static struct mmio_call mmio_log[16];
static int mmio_calls;
static uint32_t dev_reg[DEV_SIZE / 4];

static bool test_mmio(void *opaque, uint32_t pa, unsigned size, bool is_write,
		      uint32_t *data)
{
	(void)opaque;
	if (mmio_calls < N(mmio_log))
		mmio_log[mmio_calls] = (struct mmio_call){ pa, size, is_write,
							   *data };
	mmio_calls++;
	if (pa - DEV_BASE >= DEV_SIZE)
		return false;
	/* Writes land in dev_reg[].  Reads below offset 0x400 return a
	 * pattern naming the address; from 0x400 up, dev_reg[] (so that a
	 * test can put descriptors there). */
	if (is_write)
		dev_reg[(pa - DEV_BASE) / 4] = *data;
	else if (pa - DEV_BASE < 0x400)
		*data = 0xa5000000u | (pa & 0xffffu);
	else
		*data = dev_reg[(pa - DEV_BASE) / 4];
	return true;
}

static void put32(uint32_t pa, uint32_t v)
{
	ck_assert_uint_lt(pa, RAM_SIZE);
	for (int i = 0; i < 4; i++)
		ram[pa + i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(uint32_t pa)
{
	return ram[pa] | ram[pa + 1] << 8 | ram[pa + 2] << 16 |
	       (uint32_t)ram[pa + 3] << 24;
}

static void machine(enum armpv_cpu_model model)
{
	memset(ram, 0, sizeof(ram));
	for (unsigned i = 0; i < ROM_SIZE; i++)
		rom[i] = (uint8_t)(0x80 + i);
	memset(mmio_log, 0, sizeof(mmio_log));
	memset(dev_reg, 0, sizeof(dev_reg));
	mmio_calls = 0;
	armpv_vm_init(&vm, model);
	ck_assert_int_eq(armpv_vm_add_region(&vm, RAM_BASE, RAM_SIZE, ram, 0),
			 0);
	ck_assert_int_eq(armpv_vm_add_region(&vm, ROM_BASE, ROM_SIZE, rom,
					     ARMPV_REGION_READONLY),
			 0);
	armpv_vm_set_mmio(&vm, test_mmio, NULL);
	armpv_vcpu_init(&vcpu, &vm);
	/* MMU on, S=R=0, XP=0; every domain a client. */
	vcpu.cp15.sctlr = ARMPV_SCTLR_M;
	vcpu.cp15.ttbr0 = L1_TABLE;
	vcpu.cp15.ttbr1 = 0;
	vcpu.cp15.ttbcr = 0;
	vcpu.cp15.dacr = 0x55555555u;
	vcpu.cp15.fcse_pid = 0;
}

static void v5(void)
{
	machine(ARMPV_CPU_ARM926EJS);
}

static void v6(void)
{
	machine(ARMPV_CPU_ARM1176JZFS);
}

static void v6xp(void)
{
	machine(ARMPV_CPU_ARM1176JZFS);
	vcpu.cp15.sctlr |= ARMPV_SCTLR_XP;
}

/* ---------------------------------------------------------------------
 * Descriptors, written from the ARM ARM B4.7 and ARM1176 TRM 6.11
 * figures (AP fields already shifted into place by the callers' macros).
 */
#define DOM(d) ((uint32_t)(d) << 5)
/* First level. */
#define L1_SECT(pa, ap, d) (((pa)&0xfff00000u) | (ap) << 10 | DOM(d) | 0x2u)
#define L1_COARSE(pa, d) (((pa)&0xfffffc00u) | DOM(d) | 0x1u)
#define L1_FINE(pa, d) (((pa)&0xfffff000u) | DOM(d) | 0x3u)
#define L1_APX (1u << 15)
#define L1_SUPER (1u << 18)
/* Second level: the four subpage APs equal unless a test says so. */
#define AP4(ap) ((ap) << 4 | (ap) << 6 | (ap) << 8 | (ap) << 10)
#define L2_LARGE(pa, ap4) (((pa)&0xffff0000u) | (ap4) | 0x1u)
#define L2_SMALL(pa, ap4) (((pa)&0xfffff000u) | (ap4) | 0x2u)
#define L2_TINY(pa, ap) (((pa)&0xfffffc00u) | (ap) << 4 | 0x3u)
/* ARMv6 XP=1 second level: one AP at 5:4, APX at 9, XN at 0 (small). */
#define L2_APX (1u << 9)
#define L2_XSMALL(pa, ap) (((pa)&0xfffff000u) | (ap) << 4 | 0x2u)
#define L2_XSMALL_XN(pa, ap) (((pa)&0xfffff000u) | (ap) << 4 | 0x3u)
#define L2_XLARGE(pa, ap) (((pa)&0xffff0000u) | (ap) << 4 | 0x1u)

static void l1_set(uint32_t table, uint32_t va, uint32_t desc)
{
	put32(table + (va >> 20) * 4, desc);
}

static void coarse_set(uint32_t table, uint32_t va, uint32_t desc)
{
	put32(table + ((va >> 12) & 0xff) * 4, desc);
}

static void fine_set(uint32_t table, uint32_t va, uint32_t desc)
{
	put32(table + ((va >> 10) & 0x3ff) * 4, desc);
}

/* Expected FSR values (ARM ARM B4.6; WnR: ARM1176 DFSR bit 11). */
#define FSR(status, dom) ((uint32_t)(status) | (uint32_t)(dom) << 4)
#define WNR 0x800u

static uint32_t xlate(uint32_t va, unsigned flags)
{
	uint32_t pa = 0xdeadbeefu;
	struct armpv_mem_fault f = { 0, 0 };

	ck_assert_msg(armpv_mem_translate(&vcpu, va, flags, &pa, &f),
		      "va %08x flags %u: fault fsr %03x far %08x", va, flags,
		      f.fsr, f.far);
	return pa;
}

static void xlate_fault(uint32_t va, unsigned flags, uint32_t fsr,
			uint32_t far)
{
	uint32_t pa = 0xdeadbeefu;
	struct armpv_mem_fault f = { 0xffffffffu, 0xffffffffu };

	ck_assert_msg(!armpv_mem_translate(&vcpu, va, flags, &pa, &f),
		      "va %08x flags %u: no fault, pa %08x", va, flags, pa);
	ck_assert_msg(f.fsr == fsr && f.far == far,
		      "va %08x flags %u: fsr %03x far %08x, want %03x %08x",
		      va, flags, f.fsr, f.far, fsr, far);
}

/* ---------------------------------------------------------------------
 * Guest physical memory.
 */
START_TEST(phys_ram_little_endian)
{
	uint32_t v;

	v5();
	ck_assert(armpv_phys_write(&vm, 0x100, 4, 0x11223344u));
	ck_assert_uint_eq(ram[0x100], 0x44);
	ck_assert_uint_eq(ram[0x101], 0x33);
	ck_assert_uint_eq(ram[0x102], 0x22);
	ck_assert_uint_eq(ram[0x103], 0x11);
	ck_assert(armpv_phys_write(&vm, 0x105, 2, 0xfffffeefu));
	ck_assert_uint_eq(ram[0x105], 0xef);
	ck_assert_uint_eq(ram[0x106], 0xfe);
	ck_assert_uint_eq(ram[0x107], 0x00);
	ck_assert(armpv_phys_read(&vm, 0x101, 4, &v)); /* unaligned */
	ck_assert_uint_eq(v, 0x00112233u); /* bytes 0x101..0x104: 33 22 11 00 */
	ck_assert(armpv_phys_read(&vm, 0x102, 2, &v));
	ck_assert_uint_eq(v, 0x1122u);
	ck_assert(armpv_phys_read(&vm, 0x103, 1, &v));
	ck_assert_uint_eq(v, 0x11u);
	ck_assert_int_eq(mmio_calls, 0);
}
END_TEST

START_TEST(phys_rom)
{
	uint32_t v;

	v5();
	ck_assert(armpv_phys_read(&vm, ROM_BASE + 4, 4, &v));
	ck_assert_uint_eq(v, 0x87868584u);
	/* Writes to ROM are external aborts (mem.h), nothing changes. */
	ck_assert(!armpv_phys_write(&vm, ROM_BASE + 4, 4, 0));
	ck_assert(!armpv_phys_write(&vm, ROM_BASE + 5, 1, 0));
	ck_assert_uint_eq(rom[4], 0x84);
	ck_assert_uint_eq(rom[5], 0x85);
	ck_assert_int_eq(mmio_calls, 0);
}
END_TEST

START_TEST(phys_mmio)
{
	uint32_t v = 0;

	v5();
	ck_assert(armpv_phys_read(&vm, DEV_BASE + 0x10, 4, &v));
	ck_assert_uint_eq(v, 0xa5000010u);
	ck_assert(armpv_phys_write(&vm, DEV_BASE + 0x14, 4, 0xcafef00du));
	ck_assert(armpv_phys_read(&vm, DEV_BASE + 0x22, 2, &v));
	ck_assert_uint_eq(v, 0x0022u); /* truncated to the size */
	ck_assert_int_eq(mmio_calls, 3);
	ck_assert_uint_eq(mmio_log[0].pa, DEV_BASE + 0x10);
	ck_assert_uint_eq(mmio_log[0].size, 4);
	ck_assert(!mmio_log[0].is_write);
	ck_assert_uint_eq(mmio_log[1].pa, DEV_BASE + 0x14);
	ck_assert(mmio_log[1].is_write);
	ck_assert_uint_eq(mmio_log[1].data, 0xcafef00du);
	ck_assert_uint_eq(dev_reg[5], 0xcafef00du);
	ck_assert_uint_eq(mmio_log[2].size, 2);

	/* The handler refuses (no device there): external abort. */
	ck_assert(!armpv_phys_read(&vm, 0x20000000u, 4, &v));
	ck_assert(!armpv_phys_write(&vm, 0x20000000u, 1, 0));
	ck_assert_int_eq(mmio_calls, 5);

	/* An unaligned device access reaches the device as bytes. */
	mmio_calls = 0;
	ck_assert(armpv_phys_read(&vm, DEV_BASE + 0x31, 2, &v));
	ck_assert_int_eq(mmio_calls, 2);
	ck_assert_uint_eq(mmio_log[0].pa, DEV_BASE + 0x31);
	ck_assert_uint_eq(mmio_log[0].size, 1);
	ck_assert_uint_eq(mmio_log[1].pa, DEV_BASE + 0x32);
	ck_assert_uint_eq(v, 0x3231u);

	/* No handler at all: external abort. */
	armpv_vm_set_mmio(&vm, NULL, NULL);
	mmio_calls = 0;
	ck_assert(!armpv_phys_read(&vm, DEV_BASE, 4, &v));
	ck_assert(!armpv_phys_write(&vm, DEV_BASE, 4, 0));
	ck_assert_int_eq(mmio_calls, 0);
	/* Bad sizes are refused. */
	ck_assert(!armpv_phys_read(&vm, 0, 3, &v));
	ck_assert(!armpv_phys_write(&vm, 0, 8, 0));
}
END_TEST

START_TEST(phys_straddle)
{
	uint32_t v;

	v5();
	/* RAM's last two bytes and ROM's first two. */
	ram[RAM_SIZE - 2] = 0x11;
	ram[RAM_SIZE - 1] = 0x22;
	ck_assert(armpv_phys_read(&vm, RAM_SIZE - 2, 4, &v));
	ck_assert_uint_eq(v, 0x81802211u);
	/* A write reaching ROM aborts before storing anything. */
	ck_assert(!armpv_phys_write(&vm, RAM_SIZE - 2, 4, 0xaabbccddu));
	ck_assert_uint_eq(ram[RAM_SIZE - 2], 0x11);
	ck_assert_uint_eq(ram[RAM_SIZE - 1], 0x22);
	/* ROM's end and what follows: no region, the handler refuses. */
	ck_assert(!armpv_phys_read(&vm, ROM_BASE + ROM_SIZE - 2, 4, &v));
	ck_assert_int_eq(mmio_calls, 1);
	ck_assert_uint_eq(mmio_log[0].pa, ROM_BASE + ROM_SIZE);
	ck_assert_uint_eq(mmio_log[0].size, 1);
	/* The last byte of the address space and the first, wrapping. */
	ram[0] = 0x5a;
	mmio_calls = 0;
	ck_assert(!armpv_phys_read(&vm, 0xffffffffu, 2, &v));
	ck_assert_int_eq(mmio_calls, 1);
	ck_assert_uint_eq(mmio_log[0].pa, 0xffffffffu);
}
END_TEST

START_TEST(phys_straddle_device)
{
	uint32_t v;
	static uint8_t ram2[0x100];

	/* RAM ending right below the device: bytes split both ways. */
	v5();
	ck_assert_int_eq(armpv_vm_add_region(&vm, DEV_BASE - 0x100, 0x100,
					     ram2, 0),
			 0);
	ram2[0xff] = 0x77;
	ck_assert(armpv_phys_read(&vm, DEV_BASE - 1, 2, &v));
	ck_assert_uint_eq(v, 0x0077u); /* device byte 0 reads 0x00 */
	ck_assert_int_eq(mmio_calls, 1);
	ck_assert_uint_eq(mmio_log[0].pa, DEV_BASE);
	ck_assert_uint_eq(mmio_log[0].size, 1);
	ck_assert(armpv_phys_write(&vm, DEV_BASE - 1, 2, 0x1234u));
	ck_assert_uint_eq(ram2[0xff], 0x34);
	ck_assert_int_eq(mmio_calls, 2);
	ck_assert(mmio_log[1].is_write);
	ck_assert_uint_eq(mmio_log[1].data, 0x12u);
}
END_TEST

/* A region starting inside an aligned word: the word is not device
 * space, so it goes bytewise (the device sees byte accesses). */
START_TEST(phys_region_inside_word)
{
	uint32_t v;
	static uint8_t ram3[2] = { 0x33, 0x44 };

	v5();
	ck_assert_int_eq(armpv_vm_add_region(&vm, DEV_BASE + 0x102, 2, ram3,
					     0),
			 0);
	ck_assert(armpv_phys_read(&vm, DEV_BASE + 0x100, 4, &v));
	ck_assert_uint_eq(v & 0xffff0000u, 0x44330000u);
	ck_assert_int_eq(mmio_calls, 2);
	ck_assert_uint_eq(mmio_log[0].pa, DEV_BASE + 0x100);
	ck_assert_uint_eq(mmio_log[0].size, 1);
	ck_assert_uint_eq(mmio_log[1].pa, DEV_BASE + 0x101);
	ck_assert(armpv_phys_write(&vm, DEV_BASE + 0x100, 4, 0x11223344u));
	ck_assert_uint_eq(ram3[0], 0x22);
	ck_assert_uint_eq(ram3[1], 0x11);
	ck_assert_int_eq(mmio_calls, 4);
	ck_assert_uint_eq(mmio_log[2].size, 1);
}
END_TEST

/* ---------------------------------------------------------------------
 * MMU off.
 */
START_TEST(mmu_off_flat)
{
	uint32_t v;
	struct armpv_mem_fault f;

	v5();
	vcpu.cp15.sctlr = 0;
	vcpu.cp15.dacr = 0; /* would fault everything with the MMU on */
	vcpu.cp15.fcse_pid = 0x06000000u; /* ignored with the MMU off */
	ck_assert_uint_eq(xlate(0x00012345u, ARMPV_MEM_USER | ARMPV_MEM_WRITE),
			  0x00012345u);
	ck_assert_uint_eq(xlate(0xfffff000u, 0), 0xfffff000u);
	ck_assert(armpv_mem_write(&vcpu, 0x10000, 4, ARMPV_MEM_USER,
				  0x01020304u, &f));
	ck_assert_uint_eq(get32(0x10000), 0x01020304u);
	/* External abort with the MMU off: section form, domain 0. */
	ck_assert(!armpv_mem_read(&vcpu, 0x30000000u, 4, 0, &v, &f));
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_EXTABT_NONLINEFETCH, 0));
	ck_assert_uint_eq(f.far, 0x30000000u);
}
END_TEST

/* ---------------------------------------------------------------------
 * Descriptor types, ARMv5.
 */
START_TEST(v5_descriptor_types)
{
	v5();
	/* Section: VA 0x401xxxxx -> PA 0x000xxxxx. */
	l1_set(L1_TABLE, 0x40100000u, L1_SECT(0x00000000u, 3, 0));
	ck_assert_uint_eq(xlate(0x40112345u, 0), 0x00012345u);
	ck_assert_uint_eq(xlate(0x401fffffu, 0), 0x000fffffu);

	/* Coarse table: large, small; tiny is not allowed there. */
	l1_set(L1_TABLE, 0x40200000u, L1_COARSE(COARSE, 0));
	for (uint32_t i = 0; i < 16; i++) /* 16 copies (B4.7) */
		coarse_set(COARSE, 0x40200000u + i * 0x1000u,
			   L2_LARGE(0x00030000u, AP4(3u)));
	coarse_set(COARSE, 0x40210000u, L2_SMALL(0x00017000u, AP4(3u)));
	coarse_set(COARSE, 0x40211000u, L2_TINY(0x00018400u, 3u));
	ck_assert_uint_eq(xlate(0x4020abcdu, 0), 0x0003abcdu);
	ck_assert_uint_eq(xlate(0x4020fffeu, 0), 0x0003fffeu);
	ck_assert_uint_eq(xlate(0x40210abcu, 0), 0x00017abcu);
	/* UNPREDICTABLE on ARMv5; mem.c gives a page translation fault. */
	xlate_fault(0x40211000u, 0, FSR(ARMPV_FSR_TRANS_PAGE, 0), 0x40211000u);

	/* Fine table (1 KiB entries): large, small, tiny. */
	l1_set(L1_TABLE, 0x40300000u, L1_FINE(FINE, 0));
	for (uint32_t i = 0; i < 64; i++) /* a large page: 64 copies */
		fine_set(FINE, 0x40300000u + i * 0x400u,
			 L2_LARGE(0x00020000u, AP4(3u)));
	for (uint32_t i = 0; i < 4; i++) /* a small page: 4 copies */
		fine_set(FINE, 0x40310000u + i * 0x400u,
			 L2_SMALL(0x00015000u, AP4(3u)));
	fine_set(FINE, 0x40311000u, L2_TINY(0x00016c00u, 3u));
	ck_assert_uint_eq(xlate(0x4030f123u, 0), 0x0002f123u);
	ck_assert_uint_eq(xlate(0x40310f00u, 0), 0x00015f00u);
	ck_assert_uint_eq(xlate(0x403110ffu, 0), 0x00016cffu);
	ck_assert_uint_eq(xlate(0x403113ffu, 0), 0x00016fffu);
	/* The next tiny page is not mapped. */
	xlate_fault(0x40311400u, 0, FSR(ARMPV_FSR_TRANS_PAGE, 0), 0x40311400u);
}
END_TEST

/* Subpages: AP3..AP0 of a small page by VA[11:10], of a large page by
 * VA[15:14] (ARM ARM B4.7).  AP0=3 (rw/rw), AP1=2 (rw/r), AP2=1 (rw/-),
 * AP3=0 (-/- with S=R=0). */
static void subpages(void)
{
	const uint32_t aps = 3u << 4 | 2u << 6 | 1u << 8 | 0u << 10;
	const unsigned uw = ARMPV_MEM_USER | ARMPV_MEM_WRITE;
	uint32_t w = armpv_vcpu_is_v6(&vcpu) ? WNR : 0;

	l1_set(L1_TABLE, 0x40400000u, L1_COARSE(COARSE, 2));
	coarse_set(COARSE, 0x40400000u, L2_SMALL(0x00011000u, aps));
	for (uint32_t i = 0; i < 16; i++)
		coarse_set(COARSE, 0x40410000u + i * 0x1000u,
			   L2_LARGE(0x00020000u, aps));
	for (int sub = 0; sub < 4; sub++) {
		uint32_t small = 0x40400000u + sub * 0x400u + 0x10;
		uint32_t large = 0x40410000u + sub * 0x4000u + 0x10;
		uint32_t vas[2] = { small, large };

		for (int k = 0; k < 2; k++) {
			uint32_t va = vas[k];

			if (sub == 0)
				xlate(va, uw);
			else
				xlate_fault(va, uw,
					    FSR(ARMPV_FSR_PERM_PAGE, 2) | w, va);
			if (sub <= 1)
				xlate(va, ARMPV_MEM_USER);
			else
				xlate_fault(va, ARMPV_MEM_USER,
					    FSR(ARMPV_FSR_PERM_PAGE, 2), va);
			if (sub <= 2)
				xlate(va, ARMPV_MEM_WRITE);
			else
				xlate_fault(va, 0, FSR(ARMPV_FSR_PERM_PAGE, 2),
					    va);
		}
	}
}

START_TEST(v5_subpages)
{
	v5();
	subpages();
}
END_TEST

/* ---------------------------------------------------------------------
 * Access permissions, table-driven.
 *
 * ARM ARM B4.4.1 Table B4-1 (= ARM926EJ-S TRM Table 3-12) and, with APX,
 * ARM1176 TRM Table 6-1.  "--" no access, "r-" read-only, "rw" read/write.
 * S=R=1 is UNPREDICTABLE; mem.c documents its choice (no access).
 */
struct ap_row {
	unsigned apx, ap, s, r;
	const char *priv, *user;
};

static const struct ap_row ap_table[] = {
	{ 0, 0, 0, 0, "--", "--" }, { 0, 0, 1, 0, "r-", "--" },
	{ 0, 0, 0, 1, "r-", "r-" }, { 0, 0, 1, 1, "--", "--" },
	{ 0, 1, 0, 0, "rw", "--" }, { 0, 1, 1, 0, "rw", "--" },
	{ 0, 1, 0, 1, "rw", "--" }, { 0, 2, 0, 0, "rw", "r-" },
	{ 0, 2, 1, 0, "rw", "r-" }, { 0, 2, 0, 1, "rw", "r-" },
	{ 0, 3, 0, 0, "rw", "rw" }, { 0, 3, 1, 0, "rw", "rw" },
	{ 0, 3, 0, 1, "rw", "rw" },
	/* APX=1: ARMv6, XP=1 only.  APX=1, AP=00 is reserved: no access. */
	{ 1, 0, 0, 0, "--", "--" }, { 1, 1, 0, 0, "r-", "--" },
	{ 1, 2, 0, 0, "r-", "r-" }, { 1, 3, 0, 0, "r-", "r-" },
	{ 1, 0, 0, 1, "--", "--" }, { 1, 1, 1, 0, "r-", "--" },
};

/* Check the four accesses of one mapping against a row. */
static void check_ap_row(const struct ap_row *row, uint32_t va, bool page,
			 unsigned dom)
{
	uint32_t w = armpv_vcpu_is_v6(&vcpu) ? WNR : 0;
	uint32_t status = page ? ARMPV_FSR_PERM_PAGE : ARMPV_FSR_PERM_SECTION;

	for (int user = 0; user < 2; user++) {
		const char *p = user ? row->user : row->priv;
		unsigned fl = user ? ARMPV_MEM_USER : 0;

		if (p[0] == 'r')
			xlate(va, fl);
		else
			xlate_fault(va, fl, FSR(status, dom), va);
		if (p[1] == 'w')
			xlate(va, fl | ARMPV_MEM_WRITE);
		else
			xlate_fault(va, fl | ARMPV_MEM_WRITE,
				    FSR(status, dom) | w, va);
	}
}

/* One model/format: section, small page (and large/extended small page)
 * for every row it supports. */
static void ap_table_run(bool xp)
{
	for (int i = 0; i < N(ap_table); i++) {
		const struct ap_row *row = &ap_table[i];
		uint32_t sr = (row->s ? ARMPV_SCTLR_S : 0) |
			      (row->r ? ARMPV_SCTLR_R : 0);
		uint32_t l1apx = row->apx ? L1_APX : 0;
		uint32_t l2apx = row->apx ? L2_APX : 0;

		if (row->apx && !xp)
			continue;
		vcpu.cp15.sctlr = (vcpu.cp15.sctlr &
				   ~(ARMPV_SCTLR_S | ARMPV_SCTLR_R)) |
				  sr;
		l1_set(L1_TABLE, 0x40500000u,
		       L1_SECT(0x00000000u, row->ap, 7) | l1apx);
		l1_set(L1_TABLE, 0x40600000u, L1_COARSE(COARSE2, 9));
		if (xp) {
			put32(COARSE2, L2_XSMALL(0x00012000u, row->ap) | l2apx);
			put32(COARSE2 + 4,
			      L2_XSMALL_XN(0x00013000u, row->ap) | l2apx);
			for (int k = 0; k < 16; k++)
				put32(COARSE2 + 0x40 + 4 * k,
				      L2_XLARGE(0x00020000u, row->ap) | l2apx);
		} else {
			put32(COARSE2, L2_SMALL(0x00012000u, AP4(row->ap)));
			put32(COARSE2 + 4, L2_SMALL(0x00013000u, AP4(row->ap)));
			for (int k = 0; k < 16; k++)
				put32(COARSE2 + 0x40 + 4 * k,
				      L2_LARGE(0x00020000u, AP4(row->ap)));
		}
		check_ap_row(row, 0x40512340u, false, 7);
		check_ap_row(row, 0x40600120u, true, 9);
		check_ap_row(row, 0x40601120u, true, 9);
		check_ap_row(row, 0x40618000u, true, 9);
	}
}

START_TEST(v5_ap_table)
{
	v5();
	ap_table_run(false);
}
END_TEST

START_TEST(v6_ap_table)
{
	v6();
	ap_table_run(false);
}
END_TEST

START_TEST(v6xp_ap_table)
{
	v6xp();
	ap_table_run(true);
}
END_TEST

/* ---------------------------------------------------------------------
 * Domains (ARM ARM B4.4.2; DACR 0b10 as the ARM926EJ-S/ARM1176 TRMs).
 */
static void domains_run(void)
{
	uint32_t w = armpv_vcpu_is_v6(&vcpu) ? WNR : 0;

	/* Section in domain 5 and a small page in domain 12, both AP=01
	 * (privileged rw, user none). */
	l1_set(L1_TABLE, 0x40700000u, L1_SECT(0x00000000u, 1, 5));
	l1_set(L1_TABLE, 0x40800000u, L1_COARSE(COARSE, 12));
	coarse_set(COARSE, 0x40800000u, L2_SMALL(0x00014000u, AP4(1u)));
	for (uint32_t d = 0; d < 4; d++) {
		vcpu.cp15.dacr = d << 10 | d << 24;
		switch (d) {
		case 0: /* no access */
		case 2: /* reserved: behaves as no access */
			xlate_fault(0x40700010u, 0,
				    FSR(ARMPV_FSR_DOMAIN_SECTION, 5),
				    0x40700010u);
			xlate_fault(0x40700010u, ARMPV_MEM_WRITE,
				    FSR(ARMPV_FSR_DOMAIN_SECTION, 5) | w,
				    0x40700010u);
			xlate_fault(0x40800010u, ARMPV_MEM_USER,
				    FSR(ARMPV_FSR_DOMAIN_PAGE, 12),
				    0x40800010u);
			break;
		case 1: /* client: AP checked */
			xlate(0x40700010u, ARMPV_MEM_WRITE);
			xlate_fault(0x40700010u, ARMPV_MEM_USER,
				    FSR(ARMPV_FSR_PERM_SECTION, 5),
				    0x40700010u);
			xlate(0x40800010u, ARMPV_MEM_WRITE);
			xlate_fault(0x40800010u, ARMPV_MEM_USER,
				    FSR(ARMPV_FSR_PERM_PAGE, 12),
				    0x40800010u);
			break;
		case 3: /* manager: no AP check at all */
			xlate(0x40700010u, ARMPV_MEM_USER | ARMPV_MEM_WRITE);
			xlate(0x40800010u, ARMPV_MEM_USER | ARMPV_MEM_WRITE);
			break;
		}
	}
	/* Manager even over AP=00 with S=R=0. */
	l1_set(L1_TABLE, 0x40900000u, L1_SECT(0x00000000u, 0, 15));
	vcpu.cp15.dacr = 3u << 30;
	xlate(0x40900000u, ARMPV_MEM_USER | ARMPV_MEM_WRITE);
	vcpu.cp15.dacr = 1u << 30;
	xlate_fault(0x40900000u, 0, FSR(ARMPV_FSR_PERM_SECTION, 15),
		    0x40900000u);
}

START_TEST(v5_domains)
{
	v5();
	domains_run();
}
END_TEST

START_TEST(v6_domains)
{
	v6xp();
	domains_run();
}
END_TEST

/* ---------------------------------------------------------------------
 * Translation faults and external aborts on the walk.
 */
static void faults_run(void)
{
	uint32_t w = armpv_vcpu_is_v6(&vcpu) ? WNR : 0;

	/* First level: fault descriptor, domain invalid -> 0.  Bits 31:2
	 * of a fault descriptor are the OS's, ignored. */
	l1_set(L1_TABLE, 0x41000000u, 0xfffffffcu);
	xlate_fault(0x41000004u, 0, FSR(ARMPV_FSR_TRANS_SECTION, 0),
		    0x41000004u);
	xlate_fault(0x41000004u, ARMPV_MEM_WRITE | ARMPV_MEM_USER,
		    FSR(ARMPV_FSR_TRANS_SECTION, 0) | w, 0x41000004u);
	/* Second level: domain valid, from the first-level descriptor. */
	l1_set(L1_TABLE, 0x41100000u, L1_COARSE(COARSE, 6));
	coarse_set(COARSE, 0x41105000u, 0xfffff000u);
	xlate_fault(0x41105abcu, 0, FSR(ARMPV_FSR_TRANS_PAGE, 6),
		    0x41105abcu);
	xlate_fault(0x41105abcu, ARMPV_MEM_WRITE,
		    FSR(ARMPV_FSR_TRANS_PAGE, 6) | w, 0x41105abcu);
	/* A page translation fault comes before the page domain check
	 * (ARM926EJ-S TRM Figure 3-13), even in a no-access domain. */
	vcpu.cp15.dacr = 0x55555555u & ~(3u << 12);
	xlate_fault(0x41105abcu, 0, FSR(ARMPV_FSR_TRANS_PAGE, 6),
		    0x41105abcu);
	vcpu.cp15.dacr = 0x55555555u;

	/* External abort on the second-level fetch: domain valid. */
	l1_set(L1_TABLE, 0x41200000u, L1_COARSE(0x20000000u, 4));
	xlate_fault(0x41200000u, 0, FSR(ARMPV_FSR_EXTABT_TRANS_L2, 4),
		    0x41200000u);
	/* On the first-level fetch: TTBR0 points nowhere; domain invalid. */
	vcpu.cp15.ttbr0 = 0x20000000u;
	xlate_fault(0x00000000u, ARMPV_MEM_WRITE,
		    FSR(ARMPV_FSR_EXTABT_TRANS_L1, 0) | w, 0x00000000u);
	vcpu.cp15.ttbr0 = L1_TABLE;
}

START_TEST(v5_faults)
{
	v5();
	faults_run();
}
END_TEST

START_TEST(v6_faults)
{
	v6xp();
	faults_run();
}
END_TEST

START_TEST(walk_through_mmio)
{
	/* A walk into device space reads descriptors from the device: the
	 * handler is called with size 4 at the descriptor's address. */
	v5();
	l1_set(L1_TABLE, 0x41300000u, L1_COARSE(DEV_BASE + 0x400u, 0));
	dev_reg[0x404 / 4] = L2_SMALL(0x00016000u, AP4(3u));
	mmio_calls = 0;
	ck_assert_uint_eq(xlate(0x41301123u, 0), 0x00016123u);
	ck_assert_int_eq(mmio_calls, 1);
	ck_assert_uint_eq(mmio_log[0].pa, DEV_BASE + 0x404u);
	ck_assert_uint_eq(mmio_log[0].size, 4);
}
END_TEST

/* ---------------------------------------------------------------------
 * ARMv6 specifics.
 */
START_TEST(v6_compat_format)
{
	v6();
	/* Fine tables do not exist on ARMv6: section translation fault. */
	l1_set(L1_TABLE, 0x42000000u, L1_FINE(FINE, 3));
	xlate_fault(0x42000000u, 0, FSR(ARMPV_FSR_TRANS_SECTION, 0),
		    0x42000000u);
	/* Coarse 0b11 is an extended small page (one AP at 5:4). */
	l1_set(L1_TABLE, 0x42100000u, L1_COARSE(COARSE, 3));
	coarse_set(COARSE, 0x42100000u, L2_TINY(0x00019000u, 2u));
	ck_assert_uint_eq(xlate(0x42100fedu, ARMPV_MEM_USER), 0x00019fedu);
	xlate_fault(0x42100fedu, ARMPV_MEM_USER | ARMPV_MEM_WRITE,
		    FSR(ARMPV_FSR_PERM_PAGE, 3) | WNR, 0x42100fedu);
	/* Subpages still apply in this format. */
	subpages();
}
END_TEST

START_TEST(v6_supersections)
{
	unsigned fmt;

	for (fmt = 0; fmt < 2; fmt++) {
		if (fmt)
			v6xp();
		else
			v6();
		/* 16 copies at VA 0x50000000, PA 0x00000000; domain bits
		 * say 3, but supersections are domain 0 (TRM 6.2.5). */
		for (uint32_t i = 0; i < 16; i++)
			l1_set(L1_TABLE, 0x50000000u + (i << 20),
			       L1_SECT(0x00000000u, 1, 3) | L1_SUPER);
		vcpu.cp15.dacr = 1u | 0u << 6; /* d0 client, d3 no access */
		ck_assert_uint_eq(xlate(0x50012345u, 0), 0x00012345u);
		ck_assert_uint_eq(xlate(0x50f00001u, 0), 0x00f00001u);
		xlate_fault(0x50abcdefu, ARMPV_MEM_USER,
			    FSR(ARMPV_FSR_PERM_SECTION, 0), 0x50abcdefu);
		vcpu.cp15.dacr = 0;
		xlate_fault(0x50abcdefu, 0, FSR(ARMPV_FSR_DOMAIN_SECTION, 0),
			    0x50abcdefu);
	}
	/* XP=1: APX read-only supersection. */
	for (uint32_t i = 0; i < 16; i++)
		l1_set(L1_TABLE, 0x51000000u + (i << 20),
		       L1_SECT(0x01000000u, 3, 0) | L1_SUPER | L1_APX);
	vcpu.cp15.dacr = 1;
	ck_assert_uint_eq(xlate(0x51234567u, ARMPV_MEM_USER), 0x01234567u);
	xlate_fault(0x51234567u, ARMPV_MEM_WRITE,
		    FSR(ARMPV_FSR_PERM_SECTION, 0) | WNR, 0x51234567u);
	/* ARMv5 has no supersections: bit 18 is just a section bit. */
	v5();
	l1_set(L1_TABLE, 0x52300000u, L1_SECT(0x00000000u, 3, 0) | L1_SUPER);
	ck_assert_uint_eq(xlate(0x52345678u, 0), 0x00045678u);
}
END_TEST

START_TEST(v6xp_descriptor_types)
{
	v6xp();
	/* L1 0b11 is reserved with XP=1 too. */
	l1_set(L1_TABLE, 0x43000000u, L1_FINE(FINE, 0));
	xlate_fault(0x43000000u, 0, FSR(ARMPV_FSR_TRANS_SECTION, 0),
		    0x43000000u);
	/* Large (one AP, APX at 9), extended small with and without XN:
	 * XN does not matter for data accesses. */
	l1_set(L1_TABLE, 0x43100000u, L1_COARSE(COARSE, 1));
	for (uint32_t i = 0; i < 16; i++)
		coarse_set(COARSE, 0x43100000u + i * 0x1000u,
			   L2_XLARGE(0x00030000u, 3u) | (1u << 15) /* XN */);
	coarse_set(COARSE, 0x43110000u, L2_XSMALL(0x00011000u, 3u));
	coarse_set(COARSE, 0x43111000u, L2_XSMALL_XN(0x00012000u, 3u));
	coarse_set(COARSE, 0x43112000u, L2_XSMALL(0x00013000u, 3u) | L2_APX);
	ck_assert_uint_eq(xlate(0x4310beefu, ARMPV_MEM_WRITE), 0x0003beefu);
	ck_assert_uint_eq(xlate(0x43110123u, ARMPV_MEM_WRITE), 0x00011123u);
	ck_assert_uint_eq(xlate(0x43111123u, ARMPV_MEM_WRITE), 0x00012123u);
	ck_assert_uint_eq(xlate(0x43112123u, ARMPV_MEM_USER), 0x00013123u);
	xlate_fault(0x43112123u, ARMPV_MEM_WRITE,
		    FSR(ARMPV_FSR_PERM_PAGE, 1) | WNR, 0x43112123u);
	/* With XP=1 bits 11:6 of a small page are TEX/APX/S/nG, not
	 * subpage APs: AP3=AP2=AP1=0 must not restrict anything. */
	coarse_set(COARSE, 0x43113000u, L2_XSMALL(0x00014000u, 3u));
	ck_assert_uint_eq(xlate(0x43113c00u, ARMPV_MEM_USER | ARMPV_MEM_WRITE),
			  0x00014c00u);
	/* Section APX. */
	l1_set(L1_TABLE, 0x43200000u, L1_SECT(0x00000000u, 1, 0) | L1_APX);
	xlate(0x43200000u, 0);
	xlate_fault(0x43200000u, ARMPV_MEM_WRITE,
		    FSR(ARMPV_FSR_PERM_SECTION, 0) | WNR, 0x43200000u);
	xlate_fault(0x43200000u, ARMPV_MEM_USER,
		    FSR(ARMPV_FSR_PERM_SECTION, 0), 0x43200000u);
}
END_TEST

/* XN (ARMv6, XP=1: section bit 4, large page bit 15, extended small page
 * bit 0): an instruction fetch (ARMPV_MEM_EXEC) takes a permission fault
 * after the domain and AP checks, none in a manager domain; data
 * accesses ignore it; with XP=0 there is no XN. */
START_TEST(v6xp_execute_never)
{
	struct armpv_mem_page pg;

	v6xp();
	l1_set(L1_TABLE, 0x43000000u, L1_SECT(0x00000000u, 3, 2) | 0x10u);
	l1_set(L1_TABLE, 0x43100000u, L1_COARSE(COARSE, 1));
	l1_set(L1_TABLE, 0x43200000u, L1_SECT(0x00100000u, 3, 0));
	coarse_set(COARSE, 0x43100000u, L2_XSMALL_XN(0x00011000u, 3u));
	coarse_set(COARSE, 0x43101000u, L2_XSMALL(0x00012000u, 3u));
	for (uint32_t i = 0; i < 16; i++)
		coarse_set(COARSE, 0x43110000u + i * 0x1000u,
			   L2_XLARGE(0x00030000u, 3u) | (1u << 15));
	coarse_set(COARSE, 0x43120000u, L2_XSMALL_XN(0x00013000u, 1u));
	xlate_fault(0x43000010u, ARMPV_MEM_EXEC | ARMPV_MEM_USER,
		    FSR(ARMPV_FSR_PERM_SECTION, 2), 0x43000010u);
	xlate_fault(0x43100010u, ARMPV_MEM_EXEC,
		    FSR(ARMPV_FSR_PERM_PAGE, 1), 0x43100010u);
	xlate_fault(0x43118010u, ARMPV_MEM_EXEC,
		    FSR(ARMPV_FSR_PERM_PAGE, 1), 0x43118010u);
	ck_assert_uint_eq(xlate(0x43000010u, ARMPV_MEM_USER), 0x00000010u);
	ck_assert_uint_eq(xlate(0x43101010u, ARMPV_MEM_EXEC), 0x00012010u);
	ck_assert_uint_eq(xlate(0x43200010u, ARMPV_MEM_EXEC), 0x00100010u);
	/* AP before XN: a user fetch from a privileged-only XN page is
	 * the same permission fault. */
	xlate_fault(0x43120000u, ARMPV_MEM_EXEC | ARMPV_MEM_USER,
		    FSR(ARMPV_FSR_PERM_PAGE, 1), 0x43120000u);
	/* A domain fault comes first. */
	vcpu.cp15.dacr = 0x55555555u & ~(3u << 4);
	xlate_fault(0x43000010u, ARMPV_MEM_EXEC,
		    FSR(ARMPV_FSR_DOMAIN_SECTION, 2), 0x43000010u);
	/* Manager: no permission check, XN included. */
	vcpu.cp15.dacr = 0x55555555u | (3u << 4);
	ck_assert_uint_eq(xlate(0x43000010u, ARMPV_MEM_EXEC), 0x00000010u);
	vcpu.cp15.dacr = 0x55555555u;
	ck_assert(armpv_mem_translate_page(&vcpu, 0x43100000u, 0, &pg));
	ck_assert_uint_eq(pg.perm[0], ARMPV_MEM_PERM_READ | ARMPV_MEM_PERM_WRITE);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x43101000u, 0, &pg));
	ck_assert_uint_eq(pg.perm[3], ARMPV_MEM_PERM_READ |
					      ARMPV_MEM_PERM_WRITE |
					      ARMPV_MEM_PERM_EXEC);
	/* nG (section bit 17, page bit 11): reported for a shadow MMU. */
	ck_assert(!pg.ng);
	l1_set(L1_TABLE, 0x43300000u, L1_SECT(0x00200000u, 3, 0) | (1u << 17));
	coarse_set(COARSE, 0x43102000u, L2_XSMALL(0x00014000u, 3u) | 0x800u);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x43300000u, 0, &pg));
	ck_assert(pg.ng);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x43102000u, 0, &pg));
	ck_assert(pg.ng);
	/* XP=0: bit 4 of a section and bit 0 of a small page are no XN,
	 * bit 17 no nG. */
	vcpu.cp15.sctlr &= ~ARMPV_SCTLR_XP;
	ck_assert_uint_eq(xlate(0x43000010u, ARMPV_MEM_EXEC), 0x00000010u);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x43000000u, 0, &pg));
	ck_assert_uint_eq(pg.perm[1], ARMPV_MEM_PERM_READ |
					      ARMPV_MEM_PERM_WRITE |
					      ARMPV_MEM_PERM_EXEC);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x43300000u, 0, &pg));
	ck_assert(!pg.ng);
}
END_TEST

START_TEST(v6_ttbcr)
{
	v6();
	/* N=2: VA[31:30] == 0 uses TTBR0, a 4 KiB table (base 31:12);
	 * else TTBR1.  Low TTBR bits are attributes, not address. */
	vcpu.cp15.ttbcr = 2;
	vcpu.cp15.ttbr0 = L1_SMALL | 0x1bu;
	vcpu.cp15.ttbr1 = L1_TABLE1 | 0x19u;
	put32(L1_SMALL + 0x3ff * 4, L1_SECT(0x00000000u, 3, 0));
	put32(L1_SMALL + 0x001 * 4, L1_SECT(0x00100000u, 3, 0));
	put32(L1_TABLE1 + 0x400 * 4, L1_SECT(0x00000000u, 3, 0));
	put32(L1_TABLE1 + 0xfff * 4, L1_SECT(0x00000000u, 3, 0));
	/* Poison: the same indices in the other tables must not be used. */
	put32(L1_TABLE1 + 0x3ff * 4, L1_SECT(0x00200000u, 3, 0));
	put32(L1_TABLE + 0x400 * 4, L1_SECT(0x00300000u, 3, 0));
	ck_assert_uint_eq(xlate(0x3ff01234u, 0), 0x00001234u);
	ck_assert_uint_eq(xlate(0x00101234u, 0), 0x00101234u);
	ck_assert_uint_eq(xlate(0x40005678u, 0), 0x00005678u);
	ck_assert_uint_eq(xlate(0xfff0abcdu, 0), 0x0000abcdu);
	/* A hole in the TTBR1 table. */
	xlate_fault(0x80000000u, 0, FSR(ARMPV_FSR_TRANS_SECTION, 0),
		    0x80000000u);
	/* PD1: no walk through TTBR1, section translation fault; TTBR0
	 * unaffected.  PD0 the other way round. */
	vcpu.cp15.ttbcr = 2 | 1u << 5;
	xlate_fault(0x40005678u, ARMPV_MEM_WRITE,
		    FSR(ARMPV_FSR_TRANS_SECTION, 0) | WNR, 0x40005678u);
	ck_assert_uint_eq(xlate(0x3ff01234u, 0), 0x00001234u);
	vcpu.cp15.ttbcr = 2 | 1u << 4;
	xlate_fault(0x3ff01234u, 0, FSR(ARMPV_FSR_TRANS_SECTION, 0),
		    0x3ff01234u);
	ck_assert_uint_eq(xlate(0x40005678u, 0), 0x00005678u);
	/* N=0: TTBR0 for everything, a full 16 KiB table. */
	vcpu.cp15.ttbcr = 0;
	vcpu.cp15.ttbr0 = L1_TABLE;
	ck_assert_uint_eq(xlate(0x40005678u, 0), 0x00305678u);
	/* N=7: only VA < 32 MiB uses TTBR0 (a 128-byte table). */
	vcpu.cp15.ttbcr = 7;
	vcpu.cp15.ttbr0 = L1_SMALL + 0x80u;
	put32(L1_SMALL + 0x80 + 0x1f * 4, L1_SECT(0x00000000u, 3, 0));
	ck_assert_uint_eq(xlate(0x01f00042u, 0), 0x00000042u);
	ck_assert_uint_eq(xlate(0x40005678u, 0), 0x00005678u);
	/* ARMv5 has no TTBCR: TTBR0 always. */
	v5();
	vcpu.cp15.ttbcr = 2;
	vcpu.cp15.ttbr1 = L1_TABLE1;
	l1_set(L1_TABLE, 0x40000000u, L1_SECT(0x00000000u, 3, 0));
	put32(L1_TABLE1 + 0x400 * 4, L1_SECT(0x00300000u, 3, 0));
	ck_assert_uint_eq(xlate(0x40005678u, 0), 0x00005678u);
}
END_TEST

/* ---------------------------------------------------------------------
 * FCSE (ARM ARM B8): VA < 32 MiB -> VA | PID<<25; FAR holds the MVA.
 */
static void fcse_run(void)
{
	uint32_t v;
	struct armpv_mem_fault f;

	vcpu.cp15.fcse_pid = 3u << 25; /* process block 3: 0x06000000 */
	l1_set(L1_TABLE, 0x06100000u, L1_SECT(0x00000000u, 3, 0));
	l1_set(L1_TABLE, 0x00100000u, L1_SECT(0x00200000u, 3, 0)); /* unused */
	l1_set(L1_TABLE, 0x02000000u, L1_SECT(0x00000000u, 3, 0));
	ck_assert_uint_eq(xlate(0x00112345u, 0), 0x00012345u);
	/* 32 MiB and above: unmodified. */
	ck_assert_uint_eq(xlate(0x02012345u, 0), 0x00012345u);
	/* A fault reports the MVA. */
	ck_assert(!armpv_mem_read(&vcpu, 0x01f00010u, 4, 0, &v, &f));
	ck_assert_uint_eq(f.far, 0x07f00010u);
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_TRANS_SECTION, 0));
	/* Through the whole path. */
	put32(0x12344, 0x600dcafeu);
	ck_assert(armpv_mem_read(&vcpu, 0x00112344u, 4, ARMPV_MEM_USER, &v,
				 &f));
	ck_assert_uint_eq(v, 0x600dcafeu);
}

START_TEST(v5_fcse)
{
	v5();
	fcse_run();
}
END_TEST

START_TEST(v6_fcse)
{
	v6xp();
	fcse_run();
}
END_TEST

/* ---------------------------------------------------------------------
 * armpv_mem_read/armpv_mem_write.
 */
static void map_two_pages(void)
{
	/* VA 0x60000000 -> PA 0x20000, VA 0x60001000 -> PA 0x12000 (not
	 * contiguous, so each byte must be translated), 0x60002000
	 * unmapped, 0x60003000 read-only for user (AP=10). */
	l1_set(L1_TABLE, 0x60000000u, L1_COARSE(COARSE, 1));
	coarse_set(COARSE, 0x60000000u, L2_SMALL(0x00020000u, AP4(3u)));
	coarse_set(COARSE, 0x60001000u, L2_SMALL(0x00012000u, AP4(3u)));
	coarse_set(COARSE, 0x60003000u, L2_SMALL(0x00013000u, AP4(2u)));
}

static void rw_run(void)
{
	uint32_t w = armpv_vcpu_is_v6(&vcpu) ? WNR : 0;
	struct armpv_mem_fault f;
	uint32_t v;

	map_two_pages();
	/* Aligned. */
	ck_assert(armpv_mem_write(&vcpu, 0x60000010u, 4, ARMPV_MEM_USER,
				  0xa1b2c3d4u, &f));
	ck_assert_uint_eq(get32(0x20010), 0xa1b2c3d4u);
	ck_assert(armpv_mem_read(&vcpu, 0x60000012u, 2, 0, &v, &f));
	ck_assert_uint_eq(v, 0xa1b2u);
	ck_assert(armpv_mem_write(&vcpu, 0x60000013u, 1, 0, 0x1ffu, &f));
	ck_assert_uint_eq(ram[0x20013], 0xff);
	ck_assert_uint_eq(ram[0x20014], 0x00);
	/* Unaligned across the page boundary: bytes split between PAs. */
	ck_assert(armpv_mem_write(&vcpu, 0x60000ffeu, 4, ARMPV_MEM_USER,
				  0x44332211u, &f));
	ck_assert_uint_eq(ram[0x20ffe], 0x11);
	ck_assert_uint_eq(ram[0x20fff], 0x22);
	ck_assert_uint_eq(ram[0x12000], 0x33);
	ck_assert_uint_eq(ram[0x12001], 0x44);
	ck_assert(armpv_mem_read(&vcpu, 0x60000fffu, 2, 0, &v, &f));
	ck_assert_uint_eq(v, 0x3322u);
	ck_assert(armpv_mem_read(&vcpu, 0x60000ffdu, 4, 0, &v, &f));
	ck_assert_uint_eq(v, 0x33221100u);

	/* Into the unmapped page: FAR = the first faulting byte, nothing
	 * written. */
	memset(&ram[0x12ff0], 0xee, 0x10);
	coarse_set(COARSE, 0x60002000u, 0);
	ck_assert(!armpv_mem_write(&vcpu, 0x60001ffdu, 4, 0, 0x01020304u, &f));
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_TRANS_PAGE, 1) | w);
	ck_assert_uint_eq(f.far, 0x60002000u);
	for (int i = 0; i < 0x10; i++)
		ck_assert_uint_eq(ram[0x12ff0 + i], 0xee);
	ck_assert(!armpv_mem_read(&vcpu, 0x60001fffu, 2, 0, &v, &f));
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_TRANS_PAGE, 1));
	ck_assert_uint_eq(f.far, 0x60002000u);

	/* Unaligned user write from a user-writable page (0x60002000, now
	 * mapped) into the user read-only one at 0x60003000. */
	coarse_set(COARSE, 0x60002000u, L2_SMALL(0x00014000u, AP4(3u)));
	ram[0x14fff] = 0x99;
	ram[0x13000] = 0x98;
	ck_assert(!armpv_mem_write(&vcpu, 0x60002fffu, 2, ARMPV_MEM_USER,
				   0x1234u, &f));
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_PERM_PAGE, 1) | w);
	ck_assert_uint_eq(f.far, 0x60003000u);
	ck_assert_uint_eq(ram[0x14fff], 0x99);
	ck_assert_uint_eq(ram[0x13000], 0x98);
	/* The same write privileged succeeds; a user read too. */
	ck_assert(armpv_mem_write(&vcpu, 0x60002fffu, 2, 0, 0x1234u, &f));
	ck_assert_uint_eq(ram[0x14fff], 0x34);
	ck_assert_uint_eq(ram[0x13000], 0x12);
	ck_assert(armpv_mem_read(&vcpu, 0x60002fffu, 2, ARMPV_MEM_USER, &v,
				 &f));
	ck_assert_uint_eq(v, 0x1234u);
	/* Bad size: refused. */
	ck_assert(!armpv_mem_read(&vcpu, 0x60000000u, 3, 0, &v, &f));
}

START_TEST(v5_read_write)
{
	v5();
	rw_run();
}
END_TEST

START_TEST(v6_read_write)
{
	v6();
	rw_run();
}
END_TEST

/* A small page, read/write for all, in the vCPU's current format (with
 * XP=1, AP4()'s bit 9 would be APX). */
static uint32_t l2_small_rw(uint32_t pa)
{
	if (vcpu.cp15.sctlr & ARMPV_SCTLR_XP)
		return L2_XSMALL(pa, 3u);
	return L2_SMALL(pa, AP4(3u));
}

/* External aborts on the access itself, through the MMU: ARMv5 section
 * 0b1000 / page 0b1010 with the domain; ARMv6 0b01000 (+WnR). */
static void extabt_run(void)
{
	bool is_v6 = armpv_vcpu_is_v6(&vcpu);
	uint32_t w = is_v6 ? WNR : 0;
	uint32_t page = is_v6 ? ARMPV_FSR_EXTABT_NONLINEFETCH
			      : ARMPV_FSR_EXTABT_NONLINEFETCH_PAGE;
	struct armpv_mem_fault f;
	uint32_t v;

	/* A section onto nothing (PA 0x20000000) in domain 2. */
	l1_set(L1_TABLE, 0x70000000u, L1_SECT(0x20000000u, 3, 2));
	ck_assert(!armpv_mem_read(&vcpu, 0x70000100u, 4, 0, &v, &f));
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_EXTABT_NONLINEFETCH, 2));
	ck_assert_uint_eq(f.far, 0x70000100u);
	ck_assert(!armpv_mem_write(&vcpu, 0x70000100u, 4, 0, 0, &f));
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_EXTABT_NONLINEFETCH, 2) | w);
	/* A small page onto ROM: reads work, writes abort. */
	l1_set(L1_TABLE, 0x70100000u, L1_COARSE(COARSE, 8));
	coarse_set(COARSE, 0x70100000u, l2_small_rw(ROM_BASE));
	ck_assert(armpv_mem_read(&vcpu, 0x70100000u, 4, 0, &v, &f));
	ck_assert_uint_eq(v, 0x83828180u);
	ck_assert(!armpv_mem_write(&vcpu, 0x70100002u, 2, 0, 0, &f));
	ck_assert_uint_eq(f.fsr, FSR(page, 8) | w);
	ck_assert_uint_eq(f.far, 0x70100002u);
	ck_assert_uint_eq(rom[2], 0x82);
	/* Unaligned write from RAM into ROM: nothing written, FAR at the
	 * first ROM byte. */
	coarse_set(COARSE, 0x70101000u, l2_small_rw(ROM_BASE - 0x1000u));
	coarse_set(COARSE, 0x70102000u, l2_small_rw(ROM_BASE));
	ram[ROM_BASE - 1] = 0x42;
	ck_assert(!armpv_mem_write(&vcpu, 0x70101fffu, 2, 0, 0xffffu, &f));
	ck_assert_uint_eq(f.fsr, FSR(page, 8) | w);
	ck_assert_uint_eq(f.far, 0x70102000u);
	ck_assert_uint_eq(ram[ROM_BASE - 1], 0x42);
	ck_assert_uint_eq(rom[0], 0x80);
}

START_TEST(v5_extabt)
{
	v5();
	extabt_run();
}
END_TEST

START_TEST(v6_extabt)
{
	v6xp();
	extabt_run();
}
END_TEST

START_TEST(mmio_through_mmu)
{
	struct armpv_mem_fault f;
	uint32_t v;

	v5();
	l1_set(L1_TABLE, 0xf1000000u, L1_SECT(DEV_BASE, 3, 0));
	mmio_calls = 0;
	ck_assert(armpv_mem_read(&vcpu, 0xf1000020u, 4, 0, &v, &f));
	ck_assert_uint_eq(v, 0xa5000020u);
	ck_assert(armpv_mem_write(&vcpu, 0xf1000024u, 2, 0, 0xbeefu, &f));
	ck_assert_int_eq(mmio_calls, 2);
	ck_assert_uint_eq(mmio_log[1].pa, DEV_BASE + 0x24u);
	ck_assert_uint_eq(mmio_log[1].size, 2);
	ck_assert(mmio_log[1].is_write);
	ck_assert_uint_eq(mmio_log[1].data, 0xbeefu);
	/* Beyond the device: the handler refuses, external abort. */
	ck_assert(!armpv_mem_read(&vcpu, 0xf1001000u, 4, 0, &v, &f));
	ck_assert_uint_eq(f.fsr, FSR(ARMPV_FSR_EXTABT_NONLINEFETCH, 0));
	ck_assert_uint_eq(f.far, 0xf1001000u);
}
END_TEST

/* ---------------------------------------------------------------------
 */
/* ---------------------------------------------------------------------
 * armpv_mem_translate_page() against armpv_mem_translate(): random
 * tables (every first- and second-level type, AP, domain, DACR, S/R,
 * MMU off), random addresses and privilege; the page's frame and each
 * subpage's read and write permission must be what one translation per
 * subpage and direction gives.
 */
static uint32_t lcg_state;

static uint32_t lcg(void)
{
	lcg_state = lcg_state * 1664525u + 1013904223u;
	return lcg_state ^ (lcg_state >> 16);
}

static void random_tables(void)
{
	static const uint32_t l2_tables[3] = { COARSE, COARSE2, FINE };

	for (uint32_t mb = 0; mb < 8; mb++) {
		uint32_t r = lcg(), d = (r >> 8) & 0xfu, desc;

		switch (r & 7u) {
		case 0:
			desc = 0;
			break;
		case 1:
		case 2:
			desc = L1_SECT(lcg(), (r >> 12) & 3u, d) |
			       (r & 0x10000u ? L1_APX : 0) |
			       (r & 0x20000u ? L1_SUPER : 0);
			break;
		case 3:
		case 4:
			desc = L1_COARSE(l2_tables[(r >> 12) & 1u], d);
			break;
		default:
			desc = L1_FINE(FINE, d);
			break;
		}
		l1_set(L1_TABLE, mb << 20, desc);
	}
	/* Second-level entries: random type, base, AP fields and bits. */
	for (uint32_t a = COARSE; a < FINE + 0x1000u; a += 4)
		put32(a, lcg());
	vcpu.cp15.dacr = lcg();
	vcpu.cp15.sctlr &= ~(ARMPV_SCTLR_S | ARMPV_SCTLR_R | ARMPV_SCTLR_M);
	vcpu.cp15.sctlr |= (lcg() & 1u ? ARMPV_SCTLR_S : 0) |
			   (lcg() & 1u ? ARMPV_SCTLR_R : 0) |
			   (lcg() & 15u ? ARMPV_SCTLR_M : 0);
}

static void translate_page_run(void)
{
	for (unsigned round = 0; round < 60; round++) {
		random_tables();
		for (unsigned n = 0; n < 64; n++) {
			uint32_t va = lcg() & 0x7ffc00u;
			unsigned flags = lcg() & ARMPV_MEM_USER;
			struct armpv_mem_page pg = { 0xdeadbeefu, { 9, 9, 9, 9 },
						     0, false, 9, { 9, 9, 9, 9 } };
			uint32_t pa, l1;

			if (!armpv_mem_translate_page(&vcpu, va, flags, &pg)) {
				ck_assert(!armpv_mem_translate(&vcpu, va, flags,
							       &pa, NULL));
				continue;
			}
			/* The descriptors reported are the tables' own. */
			if (!(vcpu.cp15.sctlr & ARMPV_SCTLR_M))
				l1 = 0;
			else
				ck_assert(armpv_mem_l1_descriptor(&vcpu, va,
								  &l1));
			ck_assert_uint_eq(pg.l1, l1);
			for (unsigned k = 0; k < 4; k++) {
				uint32_t want = 0;

				if ((l1 & 3u) == 1u)
					want = get32((l1 & 0xfffffc00u) +
						     ((va >> 10) & 0x3fcu));
				else if ((l1 & 3u) == 3u && pg.l2[k])
					want = get32((l1 & 0xfffff000u) +
						     ((va >> 8) & 0xff0u) +
						     4 * k);
				ck_assert_uint_eq(pg.l2[k], want);
			}
			for (unsigned k = 0; k < 4; k++) {
				uint32_t sva = (va & ~0xfffu) | k << 10;
				unsigned want = 0;

				if (armpv_mem_translate(&vcpu, sva, flags, &pa,
							NULL) &&
				    pa == pg.frame + (k << 10)) {
					want = ARMPV_MEM_PERM_READ;
					if (armpv_mem_translate(
						    &vcpu, sva,
						    flags | ARMPV_MEM_WRITE,
						    &pa, NULL))
						want |= ARMPV_MEM_PERM_WRITE;
					if (armpv_mem_translate(
						    &vcpu, sva,
						    flags | ARMPV_MEM_EXEC,
						    &pa, NULL))
						want |= ARMPV_MEM_PERM_EXEC;
				}
				ck_assert_msg(pg.perm[k] == want,
					      "va %08x sub %u user %u: perm %u, "
					      "want %u (frame %08x)",
					      va, k, flags, pg.perm[k], want,
					      pg.frame);
			}
		}
	}
}

/*
 * map_shift: the size of the guest descriptor the page came from, which
 * a shadow MMU must drop whole on an invalidate by any MVA inside it
 * (ARM ARM B4.7: section 1 MiB, large page 64 KiB, small 4 KiB, tiny 1
 * KiB; ARM1176 TRM 6.11: supersection 16 MiB, extended small page).
 */
static unsigned page_shift(uint32_t va)
{
	struct armpv_mem_page pg = { 0, { 0, 0, 0, 0 }, 0, false, 0, { 0 } };

	ck_assert_msg(armpv_mem_translate_page(&vcpu, va, 0, &pg),
		      "va %08x: no page", va);
	return pg.map_shift;
}

START_TEST(v5_translate_page_shift)
{
	v5();
	l1_set(L1_TABLE, 0x00100000u, L1_SECT(0x00000000u, 3, 0));
	l1_set(L1_TABLE, 0x00200000u, L1_COARSE(COARSE, 0));
	coarse_set(COARSE, 0x00210000u, L2_SMALL(0x1000u, AP4(3)));
	for (uint32_t k = 0; k < 16; k++)
		coarse_set(COARSE, 0x00220000u + (k << 12),
			   L2_LARGE(0x10000u, AP4(3)));
	l1_set(L1_TABLE, 0x00300000u, L1_FINE(FINE, 0));
	for (uint32_t k = 0; k < 4; k++)
		fine_set(FINE, 0x00300000u + (k << 10),
			 L2_TINY(0x2000u + (k << 10), 3));
	/* A fine table's small page: four 1 KiB entries, one descriptor
	 * each, all of the 4 KiB page. */
	for (uint32_t k = 0; k < 4; k++)
		fine_set(FINE, 0x00301000u + (k << 10),
			 L2_SMALL(0x3000u, AP4(3)));
	ck_assert_uint_eq(page_shift(0x00180000u), 20);
	ck_assert_uint_eq(page_shift(0x00210000u), 12);
	ck_assert_uint_eq(page_shift(0x0022f000u), 16);
	ck_assert_uint_eq(page_shift(0x00300400u), 10);
	ck_assert_uint_eq(page_shift(0x00301c00u), 12);
	vcpu.cp15.sctlr &= ~ARMPV_SCTLR_M;
	ck_assert_uint_eq(page_shift(0x00180000u), 12);
}
END_TEST

START_TEST(v6_translate_page_shift)
{
	v6();
	for (uint32_t k = 0; k < 16; k++) /* repeated 16 times (TRM 6.11) */
		l1_set(L1_TABLE, 0x01000000u + (k << 20),
		       L1_SECT(0x00000000u, 3, 0) | L1_SUPER);
	l1_set(L1_TABLE, 0x00100000u, L1_SECT(0x00000000u, 3, 0));
	l1_set(L1_TABLE, 0x00200000u, L1_COARSE(COARSE, 0));
	coarse_set(COARSE, 0x00201000u, L2_XSMALL_XN(0x1000u, 3));
	ck_assert_uint_eq(page_shift(0x01234000u), 24);
	ck_assert_uint_eq(page_shift(0x00100000u), 20);
	ck_assert_uint_eq(page_shift(0x00201000u), 12);
}
END_TEST

/*
 * The descriptors a page's walk read (armpv_mem_page.l1, l2[]), for a
 * shadow MMU that keeps what it made while they stay the same: a
 * section's first-level descriptor alone, a coarse table's entry for
 * the page (a large page's 16 copies: the one at the page's own index),
 * a fine table's four 1 KiB entries, none with the MMU off; and the
 * first-level descriptor read on its own (armpv_mem_l1_descriptor()),
 * after the FCSE (ARM ARM B8.2), from TTBR1 by TTBCR.N, none with PDx
 * (ARM1176 TRM 3.2.15).
 */
START_TEST(v5_translate_page_descriptors)
{
	struct armpv_mem_page pg;
	uint32_t d, sect = L1_SECT(0x00000000u, 3, 1),
		    coarse = L1_COARSE(COARSE, 2), fine = L1_FINE(FINE, 3);

	v5();
	l1_set(L1_TABLE, 0x00100000u, sect);
	l1_set(L1_TABLE, 0x00200000u, coarse);
	coarse_set(COARSE, 0x00210000u, L2_SMALL(0x1000u, AP4(3)) | 0xcu);
	for (uint32_t k = 0; k < 16; k++)
		coarse_set(COARSE, 0x00220000u + (k << 12),
			   L2_LARGE(0x10000u, AP4(2)) | (k == 5 ? 0 : 0x4u));
	l1_set(L1_TABLE, 0x00300000u, fine);
	for (uint32_t k = 0; k < 4; k++)
		fine_set(FINE, 0x00300000u + (k << 10),
			 L2_TINY(0x2000u + (k << 10), 3));
	fine_set(FINE, 0x00300800u, 0); /* a hole */
	ck_assert(armpv_mem_translate_page(&vcpu, 0x00180000u, 0, &pg));
	ck_assert_uint_eq(pg.l1, sect);
	for (unsigned k = 0; k < 4; k++)
		ck_assert_uint_eq(pg.l2[k], 0);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x00210400u, 0, &pg));
	ck_assert_uint_eq(pg.l1, coarse);
	for (unsigned k = 0; k < 4; k++)
		ck_assert_uint_eq(pg.l2[k], L2_SMALL(0x1000u, AP4(3)) | 0xcu);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x00225000u, 0, &pg));
	ck_assert_uint_eq(pg.l2[2], L2_LARGE(0x10000u, AP4(2)));
	ck_assert(armpv_mem_translate_page(&vcpu, 0x00226000u, 0, &pg));
	ck_assert_uint_eq(pg.l2[2], L2_LARGE(0x10000u, AP4(2)) | 0x4u);
	ck_assert(armpv_mem_translate_page(&vcpu, 0x00300c00u, 0, &pg));
	ck_assert_uint_eq(pg.l1, fine);
	ck_assert_uint_eq(pg.l2[0], L2_TINY(0x2000u, 3));
	ck_assert_uint_eq(pg.l2[1], L2_TINY(0x2400u, 3));
	ck_assert_uint_eq(pg.l2[2], 0);
	ck_assert_uint_eq(pg.l2[3], L2_TINY(0x2c00u, 3));
	ck_assert(armpv_mem_l1_descriptor(&vcpu, 0x00300c00u, &d));
	ck_assert_uint_eq(d, fine);
	ck_assert(armpv_mem_l1_descriptor(&vcpu, 0x00400000u, &d));
	ck_assert_uint_eq(d, 0);
	/* FCSE: VA 0x00100000 with PID 2 is MVA 0x04100000. */
	l1_set(L1_TABLE, 0x04100000u, coarse);
	vcpu.cp15.fcse_pid = 0x04000000u;
	ck_assert(armpv_mem_l1_descriptor(&vcpu, 0x00100000u, &d));
	ck_assert_uint_eq(d, coarse);
	ck_assert(armpv_mem_l1_descriptor(&vcpu, 0x02100000u, &d));
	ck_assert_uint_eq(d, 0);
	vcpu.cp15.fcse_pid = 0;
	vcpu.cp15.sctlr &= ~ARMPV_SCTLR_M;
	ck_assert(armpv_mem_translate_page(&vcpu, 0x00180000u, 0, &pg));
	ck_assert_uint_eq(pg.l1, 0);
	ck_assert_uint_eq(pg.l2[1], 0);
	ck_assert(!armpv_mem_l1_descriptor(&vcpu, 0x00180000u, &d));
}
END_TEST

START_TEST(v6_l1_descriptor)
{
	uint32_t d;

	v6();
	vcpu.cp15.ttbcr = 2; /* N = 2: 0x40000000 up from TTBR1 */
	vcpu.cp15.ttbr0 = L1_SMALL;
	vcpu.cp15.ttbr1 = L1_TABLE1;
	l1_set(L1_SMALL, 0x00100000u, L1_SECT(0x00100000u, 3, 0));
	l1_set(L1_TABLE1, 0xc0100000u, L1_SECT(0x00200000u, 3, 0));
	ck_assert(armpv_mem_l1_descriptor(&vcpu, 0x00100000u, &d));
	ck_assert_uint_eq(d, L1_SECT(0x00100000u, 3, 0));
	ck_assert(armpv_mem_l1_descriptor(&vcpu, 0xc0100000u, &d));
	ck_assert_uint_eq(d, L1_SECT(0x00200000u, 3, 0));
	vcpu.cp15.ttbcr |= 1u << 5; /* PD1 */
	ck_assert(!armpv_mem_l1_descriptor(&vcpu, 0xc0100000u, &d));
	ck_assert(armpv_mem_l1_descriptor(&vcpu, 0x00100000u, &d));
}
END_TEST

START_TEST(v5_translate_page)
{
	v5();
	lcg_state = 5;
	translate_page_run();
}
END_TEST

START_TEST(v6_translate_page)
{
	v6();
	lcg_state = 6;
	translate_page_run();
	v6xp();
	lcg_state = 7;
	translate_page_run();
}
END_TEST

/* ---------------------------------------------------------------------
 * Block transfers: armpv_mem_read_words/write_words against n one-word
 * accesses (what LDM/STM did word by word), with the translation cache
 * open as in a trap's emulation, on random layouts: a 24 KiB window of
 * pages that are RAM with random subpage permissions, ROM, the device,
 * unmapped, or the coarse table itself (a store over its own
 * descriptors); ARMv5 fine tables of tiny pages; random domains, S/R,
 * XP/APX, privilege; the MMU off across the end of RAM, ROM, nothing.
 */
#define BLOCK_VA 0x00200000u
#define BLOCK_PAGES 6
#define BLOCK_FRAMES 0x20000u

struct block_outcome {
	bool ok;
	struct armpv_mem_fault fault;
	uint32_t words[16];
	int mmio_calls;
	struct mmio_call mmio_log[N(mmio_log)];
	uint32_t dev_reg[N(dev_reg)];
};

static uint8_t block_ram0[RAM_SIZE], block_ram1[RAM_SIZE];

/* A random page of the window (4 KiB, or four tiny pages). */
static uint32_t block_page_pa(unsigned kind, unsigned page)
{
	switch (kind) {
	case 1:
		return ROM_BASE;
	case 2:
		return DEV_BASE;
	case 3:
		return COARSE & ~0xfffu; /* the tables' own page */
	default:
		return BLOCK_FRAMES + page * 0x1000u;
	}
}

static void block_layout(bool v6, bool xp)
{
	unsigned dom = lcg() % 4;
	bool fine = !v6 && lcg() % 3 == 0;

	memset(ram, 0, 0x10000);
	vcpu.cp15.sctlr = ARMPV_SCTLR_M | (xp ? ARMPV_SCTLR_XP : 0) |
			  (lcg() % 2 ? ARMPV_SCTLR_S : 0) |
			  (lcg() % 2 ? ARMPV_SCTLR_R : 0);
	vcpu.cp15.dacr = 0x55555555u;
	/* Mostly client, sometimes manager, rarely no access. */
	vcpu.cp15.dacr &= ~(3u << (2 * dom));
	vcpu.cp15.dacr |= (uint32_t)(lcg() % 8 == 0 ? 0 : lcg() % 3 ? 1 : 3)
			  << (2 * dom);
	l1_set(L1_TABLE, BLOCK_VA,
	       fine ? L1_FINE(FINE, dom) : L1_COARSE(COARSE, dom));
	for (unsigned page = 0; page < BLOCK_PAGES; page++) {
		uint32_t va = BLOCK_VA + page * 0x1000u;
		unsigned kind = lcg() % 6; /* 4, 5: RAM */
		uint32_t pa = block_page_pa(kind, page);

		if (lcg() % 5 == 0)
			continue; /* unmapped: translation fault */
		if (fine) {
			for (unsigned k = 0; k < 4; k++)
				if (lcg() % 4)
					fine_set(FINE, va + k * 0x400u,
						 L2_TINY(block_page_pa(lcg() % 6,
								       page) +
								 k * 0x400u,
							 lcg() % 4));
		} else if (xp) {
			coarse_set(COARSE, va,
				   L2_XSMALL(pa, lcg() % 4) |
					   (lcg() % 4 ? 0 : L2_APX));
		} else {
			coarse_set(COARSE, va,
				   L2_SMALL(pa, (lcg() & 0xffu) << 4));
		}
	}
}

/*
 * Guest RAM through a window (armpv_vm_add_window), as armpv-bm reaches
 * it: ARMPV_WINDOW_MIN_LIVE page slots reused in turn, each a copy of its
 * page written back when the slot is reused (and then poisoned), so that
 * a pointer the core kept too long, or a page crossed through one
 * pointer, reads or writes the wrong bytes.
 */
static struct {
	bool on;
	unsigned next;
	uint32_t page[ARMPV_WINDOW_MIN_LIVE]; /* page + 1; 0 free */
	uint8_t slot[ARMPV_WINDOW_MIN_LIVE][ARMPV_WINDOW_PAGE];
	unsigned maps;
} win;

static void window_writeback(unsigned s)
{
	if (!win.page[s])
		return;
	memcpy(ram + (win.page[s] - 1) * ARMPV_WINDOW_PAGE, win.slot[s],
	       ARMPV_WINDOW_PAGE);
	memset(win.slot[s], 0xa5, ARMPV_WINDOW_PAGE);
	win.page[s] = 0;
}

static uint8_t *test_window(void *opaque, uint32_t offset)
{
	uint32_t page = offset / ARMPV_WINDOW_PAGE + 1;
	unsigned s;

	ck_assert_ptr_eq(opaque, &win);
	ck_assert_uint_lt(offset, RAM_SIZE);
	for (s = 0; s < ARMPV_WINDOW_MIN_LIVE; s++)
		if (win.page[s] == page)
			return win.slot[s] + offset % ARMPV_WINDOW_PAGE;
	s = win.next;
	win.next = (win.next + 1) % ARMPV_WINDOW_MIN_LIVE;
	window_writeback(s);
	memcpy(win.slot[s], ram + (page - 1) * ARMPV_WINDOW_PAGE,
	       ARMPV_WINDOW_PAGE);
	win.page[s] = page;
	win.maps++;
	return win.slot[s] + offset % ARMPV_WINDOW_PAGE;
}

/* RAM (region 0) reached directly, or through the window. */
static void window_use(bool on)
{
	struct armpv_region *r = &vm.regions[0];

	for (unsigned s = 0; s < ARMPV_WINDOW_MIN_LIVE; s++)
		window_writeback(s);
	ck_assert_uint_eq(r->guest_phys, RAM_BASE);
	r->host = on ? NULL : ram;
	r->window = on ? test_window : NULL;
	r->window_opaque = on ? &win : NULL;
}

static void block_reset(const uint8_t *ram0)
{
	window_use(false);
	memcpy(ram, ram0, sizeof(ram));
	memset(mmio_log, 0, sizeof(mmio_log));
	memset(dev_reg, 0, sizeof(dev_reg));
	mmio_calls = 0;
	armpv_mem_cache_open(&vcpu, NULL);
}

static void block_done(struct block_outcome *o)
{
	armpv_mem_cache_close(&vcpu);
	window_use(false);
	o->mmio_calls = mmio_calls;
	memcpy(o->mmio_log, mmio_log, sizeof(mmio_log));
	memcpy(o->dev_reg, dev_reg, sizeof(dev_reg));
}

/* The same outcome, or a message saying where they part. */
static void block_compare(const struct block_outcome *want,
			  const struct block_outcome *got, const char *what,
			  uint32_t va, unsigned n, unsigned flags)
{
	ck_assert_msg(got->ok == want->ok &&
			      (want->ok || (got->fault.fsr == want->fault.fsr &&
					    got->fault.far == want->fault.far)),
		      "%s va %08x n %u flags %u sctlr %08x: ok %d fsr %03x "
		      "far %08x, per word ok %d fsr %03x far %08x",
		      what, va, n, flags, vcpu.cp15.sctlr, got->ok,
		      got->fault.fsr, got->fault.far, want->ok,
		      want->fault.fsr, want->fault.far);
	ck_assert_msg(!memcmp(got->words, want->words, sizeof(got->words)),
		      "%s va %08x n %u: words differ", what, va, n);
	ck_assert_msg(got->mmio_calls == want->mmio_calls &&
			      !memcmp(got->mmio_log, want->mmio_log,
				      sizeof(got->mmio_log)) &&
			      !memcmp(got->dev_reg, want->dev_reg,
				      sizeof(got->dev_reg)),
		      "%s va %08x n %u: device accesses differ (%d, want %d)",
		      what, va, n, got->mmio_calls, want->mmio_calls);
}

/* One block each way; returns the index of the word the per-word read
 * faulted on (n if none). */
static unsigned block_one(uint32_t va, unsigned n, unsigned flags)
{
	static struct block_outcome want, got;
	unsigned stop = n;

	memcpy(block_ram0, ram, sizeof(ram));
	for (unsigned i = 0; i < 16; i++)
		want.words[i] = got.words[i] = 0xdead0000u | i;

	/* Loads. */
	block_reset(block_ram0);
	want.ok = true;
	for (unsigned i = 0; i < n && want.ok; i++) {
		want.ok = armpv_mem_read(&vcpu, va + 4 * i, 4, flags,
					 &want.words[i], &want.fault);
		if (!want.ok)
			stop = i;
	}
	block_done(&want);
	block_reset(block_ram0);
	window_use(win.on);
	got.ok = armpv_mem_read_words(&vcpu, va, n, flags, got.words,
				      &got.fault);
	block_done(&got);
	block_compare(&want, &got, "read", va, n, flags);

	/* Stores, of distinct words: memory and device must match. */
	for (unsigned i = 0; i < 16; i++)
		got.words[i] = want.words[i] = lcg();
	block_reset(block_ram0);
	want.ok = true;
	for (unsigned i = 0; i < n && want.ok; i++)
		want.ok = armpv_mem_write(&vcpu, va + 4 * i, 4, flags,
					  want.words[i], &want.fault);
	block_done(&want);
	memcpy(block_ram1, ram, sizeof(ram));
	block_reset(block_ram0);
	window_use(win.on);
	got.ok = armpv_mem_write_words(&vcpu, va, n, flags, got.words,
				       &got.fault);
	block_done(&got);
	block_compare(&want, &got, "write", va, n, flags);
	ck_assert_msg(!memcmp(ram, block_ram1, sizeof(ram)),
		      "write va %08x n %u flags %u: memory differs", va, n,
		      flags);
	memcpy(ram, block_ram0, sizeof(ram));
	return stop;
}

static void block_run(bool v6, bool xp, int layouts)
{
	unsigned mid_fault = 0, whole = 0, device = 0;

	for (int layout = 0; layout < layouts; layout++) {
		bool mmu = lcg() % 8 != 0;

		block_layout(v6, xp);
		if (!mmu)
			vcpu.cp15.sctlr &= ~ARMPV_SCTLR_M;
		for (int t = 0; t < 20; t++) {
			/* Mostly just below a 1 KiB boundary, so that the
			 * block crosses it; with the MMU off across the end
			 * of RAM, ROM, nothing. */
			uint32_t va = mmu ? BLOCK_VA : RAM_SIZE - 0x800u;
			unsigned kib = mmu ? 4 * BLOCK_PAGES + 1 : 8;

			if (lcg() % 4)
				va += 0x400u * (1 + lcg() % kib) -
				      4 * (1 + lcg() % 15);
			else
				va += 4 * (lcg() % (0x100u * kib));
			unsigned n = 1 + lcg() % 16;
			unsigned flags = lcg() % 3 ? 0 : ARMPV_MEM_USER;
			unsigned stop;

			mmio_calls = 0;
			stop = block_one(va, n, flags);
			mid_fault += stop > 0 && stop < n;
			whole += stop == n;
			device += mmio_calls > 0;
		}
	}
	/* The layouts did reach the cases this is about. */
	ck_assert_uint_gt(mid_fault, layouts / 3);
	ck_assert_uint_gt(whole, 10 * layouts / 3);
	ck_assert_uint_gt(device, layouts / 3);
}

START_TEST(v5_block_words)
{
	v5();
	lcg_state = 11;
	block_run(false, false, 300);
}
END_TEST

/* The block paths through a window onto RAM (armpv-bm's), against the
 * per-word paths on RAM reached directly. */
START_TEST(window_block_words)
{
	win.on = true;
	win.maps = 0;
	v5();
	lcg_state = 14;
	block_run(false, false, 100);
	v6xp();
	lcg_state = 15;
	block_run(true, true, 100);
	win.on = false;
	/* Pages were mapped again and again: slots were reused. */
	ck_assert_uint_gt(win.maps, 10u * ARMPV_WINDOW_MIN_LIVE);
}
END_TEST

START_TEST(v6_block_words)
{
	v6();
	lcg_state = 12;
	block_run(true, false, 300);
	v6xp();
	lcg_state = 13;
	block_run(true, true, 300);
}
END_TEST

static Suite *mem_suite(void)
{
	Suite *s = suite_create("mem");
	TCase *tc;

	tc = tcase_create("phys");
	tcase_add_test(tc, phys_ram_little_endian);
	tcase_add_test(tc, phys_rom);
	tcase_add_test(tc, phys_mmio);
	tcase_add_test(tc, phys_straddle);
	tcase_add_test(tc, phys_straddle_device);
	tcase_add_test(tc, phys_region_inside_word);
	suite_add_tcase(s, tc);

	tc = tcase_create("armv5");
	tcase_add_test(tc, mmu_off_flat);
	tcase_add_test(tc, v5_descriptor_types);
	tcase_add_test(tc, v5_subpages);
	tcase_add_test(tc, v5_ap_table);
	tcase_add_test(tc, v5_domains);
	tcase_add_test(tc, v5_faults);
	tcase_add_test(tc, walk_through_mmio);
	tcase_add_test(tc, v5_fcse);
	tcase_add_test(tc, v5_read_write);
	tcase_add_test(tc, v5_extabt);
	tcase_add_test(tc, mmio_through_mmu);
	tcase_add_test(tc, v5_translate_page);
	tcase_add_test(tc, v5_translate_page_shift);
	tcase_add_test(tc, v5_translate_page_descriptors);
	tcase_add_test(tc, v5_block_words);
	suite_add_tcase(s, tc);

	tc = tcase_create("armv6");
	tcase_add_test(tc, v6_ap_table);
	tcase_add_test(tc, v6xp_ap_table);
	tcase_add_test(tc, v6_domains);
	tcase_add_test(tc, v6_faults);
	tcase_add_test(tc, v6_compat_format);
	tcase_add_test(tc, v6_supersections);
	tcase_add_test(tc, v6xp_descriptor_types);
	tcase_add_test(tc, v6xp_execute_never);
	tcase_add_test(tc, v6_ttbcr);
	tcase_add_test(tc, v6_fcse);
	tcase_add_test(tc, v6_read_write);
	tcase_add_test(tc, v6_extabt);
	tcase_add_test(tc, v6_translate_page);
	tcase_add_test(tc, v6_translate_page_shift);
	tcase_add_test(tc, v6_l1_descriptor);
	tcase_add_test(tc, v6_block_words);
	tcase_add_test(tc, window_block_words);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(mem_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
