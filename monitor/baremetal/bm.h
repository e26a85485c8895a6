/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bm.h -- the bare-metal monitor's shared definitions: memory map, the
 * world-switch frame (shared with the assembly, hence plain #defines),
 * and the functions the parts call on each other.  See
 * docs/baremetal-monitor.md.
 */
#ifndef BM_H
#define BM_H

#include "armpv_pv.h"

/*
 * Memory map (docs/baremetal-monitor.md "Memory map").  The monitor keeps
 * the first MiB of the board's RAM (QEMU loads the image at physical
 * 0x10000); the rest is guest RAM, guest physical 0 up.  While the guest
 * runs, the monitor's virtual addresses are only where Linux 6.1 maps
 * nothing under the configurations armpv supports (0xffa00000-0xffbfffff:
 * above the device tree's fixed 2 MiB at 0xff800000, below the fixmap's
 * guard at 0xffc00000), plus its vector page, at 0 or 0xffff0000, opposite
 * to the guest's own vectors:
 *  - BM_MON_VA: one section, the monitor's MiB (image, stacks, tables);
 *  - BM_WIN_VA: one coarse table: BM_WIN_PAGES pages of guest RAM mapped
 *    on demand for the core (mmu.c, bm_guest_window()), then the real
 *    devices the monitor drives, one page per slot (BM_IO_SLOT_VA: the
 *    board's choice, board.h), privileged only.
 * While it boots, the monitor also maps all of the board's RAM at
 * BM_BOOT_VA (bm_pa_to_va(): boot information, the initrd, loading the
 * guest): its first BM_BOOT_EARLY bytes from head.S, then exactly the
 * RAM the boot information gives (bm_mmu_boot_ram()); bm_mmu_boot_done()
 * removes that before the guest runs.
 */
#define BM_MON_VA 0xffa00000
#define BM_MON_PA 0x00000000
#define BM_MON_SIZE 0x00100000
#define BM_IMAGE_PA 0x00010000
#define BM_WIN_VA 0xffb00000
#define BM_WIN_PAGES 240
#define BM_IO_VA (BM_WIN_VA + (BM_WIN_PAGES << 12))
/* The device slots: the console's UART (a PL011 on every board so far:
 * console.c), the interrupt controller, the timer, the clock. */
#define BM_IO_CONSOLE 0
#define BM_IO_INTC 1
#define BM_IO_TIMER 2
#define BM_IO_CLOCK 3
#define BM_IO_PAGES 4
#define BM_IO_SLOT_VA(k) (BM_IO_VA + ((k) << 12))
/* The page shared with a guest kernel built with the armpv_irqflags
 * plugin (armpv_pv.h, docs/plugin.md): the window table's last slot,
 * after the device slots.  Guest read/write in the shadow roots of the
 * virtual privileged modes only (mmu.c, bm_mmu_pv_root()). */
#define BM_PV_SLOT 255
#define BM_PV_VA ARMPV_PV_PAGE_VA
#define BM_BOOT_VA 0xc0000000
#define BM_BOOT_SIZE 0x20000000 /* RAM the monitor uses: 512 MiB at most */
/* What head.S maps of it before the RAM size is known, where the boot
 * information must lie: all a Versatile can have (its devices start
 * at 256 MiB), half a Raspberry Pi's. */
#define BM_BOOT_EARLY 0x10000000
#define BM_GUEST_PA 0x00100000	/* guest physical 0 */
#define BM_GUEST_MIN 0x04000000 /* the least guest RAM (armpv-bundle's) */
#define BM_HIGH_VECTORS 0xffff0000

/* Processor modes and PSR bits used by the assembly (ARM ARM A2.5). */
#define BM_MODE_USR 0x10
#define BM_MODE_FIQ 0x11
#define BM_MODE_IRQ 0x12
#define BM_MODE_SVC 0x13
#define BM_MODE_ABT 0x17
#define BM_MODE_UND 0x1b
#define BM_PSR_A 0x100
#define BM_PSR_I 0x80
#define BM_PSR_F 0x40
#define BM_PSR_E 0x200
#define BM_PSR_J 0x01000000
/* The CPSR bits a USR-mode program owns (N Z C V Q, GE, E, T); the rest
 * are virtual (run.c vcpu_leave()). */
#define BM_USER_PSR 0xf80f0220
#define BM_SCTLR_V 0x2000	/* high vectors */
#define BM_SCTLR_EE 0x02000000	/* ARMv6: CPSR.E on exceptions */

/*
 * The world switch (vectors.S) stores the guest's registers straight into
 * the core's vCPU, bm_vcpu.r[] (run.c), and its fast paths read and
 * write the virtual CPSR and SPSRs and read the virtual interrupt lines
 * and SCTLR there: their offsets in struct armpv_vcpu, checked by
 * _Static_asserts in run.c.
 */
#define BM_VCPU_R 4
#define BM_VCPU_CPSR 68
#define BM_VCPU_R13_BANK 72
#define BM_VCPU_R14_BANK 96
#define BM_VCPU_SPSR 120
#define BM_VCPU_SCTLR 204
#define BM_VCPU_IRQ_LINE 184
#define BM_VCPU_FIQ_LINE 185
#define BM_VCPU_FCSE_PID 248
/* The offset of bm_cache_stats.ops_mva (cache.c): vectors.S counts too. */
#define BM_CACHE_OPS_MVA 16
/* The core's banks (enum armpv_bank) the assembly names: the index of a
 * mode's r13_bank, r14_bank and spsr slot. */
#define BM_BANK_USR 0
#define BM_BANK_IRQ 2
#define BM_BANK_SVC 3

/* The fast paths' trap counts, bm_fast_traps[] (run.c folds them into
 * the core's statistics): one 64-bit counter per class.  The SWI fast
 * path's trap words, then the CP15 fast path's (vec_undef): its no-ops,
 * its TLB invalidations by MVA (counted by bm_fast_tlb_mva()); then the
 * system-call fast path's in assembly: the guest's SWI from virtual USR
 * mode (a virtual SWI exception), MOVS pc, Rm to it (vec_swi), STM^
 * (vec_undef) and LDM^ without PC (vec_swi) of the User registers. */
#define BM_FAST_MRS 0
#define BM_FAST_MSR 1
#define BM_FAST_CPS 2
#define BM_FAST_SWI_NCLASSES 3
#define BM_FAST_CP15 3
#define BM_FAST_CP15_TLB_MVA 4
#define BM_FAST_SYS_SWI 5
#define BM_FAST_SYS_MOVS 6
#define BM_FAST_SYS_STM 7
#define BM_FAST_SYS_LDM 8
#define BM_FAST_NCLASSES 9

/* The CP15 fast path's table, bm_cp15_fast[] (run.c fills it for the
 * guest's CPU from the core's armpv_cp15_fast_class()): indexed by the
 * MCR word's CRn (bits 19:16) above its bits 7:0 (opcode_2, 1, CRm),
 * the words with opcode_1 0 only; an enum armpv_cp15_fast
 * (ARMPV_CP15_FAST_NOP 1, _TLB_MVA 2), 0 for the C path. */
#define BM_CP15_FAST_SIZE 4096
#define BM_CP15_FAST_NOP 1
#define BM_CP15_FAST_TLB_MVA 2
/* The monitor's own class, beyond the core's (cp15_fast_init()): an MCR
 * the core emulates whose effects shadow_sync() alone acts on (DACR,
 * SCTLR, TTBR and TLB writes): bm_fast_cp15_core(), the core and
 * shadow_sync() without the rest of a trap. */
#define BM_CP15_FAST_CORE 3
/* Two more, each where the core's row does what the stub assumes (the
 * scratch vCPU shows it): an SCTLR write, which the stub skips when it
 * changes none of bm_sctlr_wmask's bits (else BM_CP15_FAST_CORE); a
 * DACR write, the field and shadow_sync() (bm_fast_dacr()). */
#define BM_CP15_FAST_SCTLR 4
#define BM_CP15_FAST_DACR 5
/* A c7 cache operation run for real on the guest's r[Rd], while guest
 * pages are cached (cache.c, bm_fast_cache(); else such words are
 * BM_CP15_FAST_NOP). */
#define BM_CP15_FAST_CACHE 6

/* What brought the CPU into the monitor (the vector stubs' argument). */
#define BM_EXC_UNDEF 1
#define BM_EXC_SWI 2
#define BM_EXC_PABT 3
#define BM_EXC_DABT 4
#define BM_EXC_RESERVED 5
#define BM_EXC_IRQ 6
#define BM_EXC_FIQ 7

#define BM_STACK_SIZE 8192

#ifndef __ASSEMBLER__
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses (QEMU's, through semihosting), as armpv-run's. */
enum bm_exit {
	BM_EXIT_BAD_GUEST = 65,	  /* the guest image is not a runnable guest */
	BM_EXIT_NO_INPUT = 66,	  /* no guest passed in (-initrd) */
	BM_EXIT_GUEST_ERROR = 67, /* the guest cannot go on (see report) */
	BM_EXIT_INTERNAL = 70,	  /* a fault inside the monitor */
};

/* head.S / vectors.S */
_Noreturn void bm_guest_enter(uint32_t cpsr);
void bm_vectors_start(void);
void bm_vectors_end(void);
void bm_vec_swi_slow(void); /* the SWI stub without the fast path */
void bm_vec_undef_slow(void); /* the Undefined stub without it */
extern uint64_t bm_fast_traps[BM_FAST_NCLASSES]; /* run.c */
extern uint8_t bm_cp15_fast[BM_CP15_FAST_SIZE];	 /* run.c */
extern uint8_t bm_mode_bank[32];		 /* run.c */
extern uint32_t bm_spsr_write_mask[16];		 /* run.c */
void bm_fast_tlb_mva(uint32_t mva);		 /* run.c, for vectors.S */
void bm_fast_cp15_core(uint32_t word);		 /* run.c, for vectors.S */
void bm_fast_dacr(uint32_t dacr);		 /* run.c, for vectors.S */
void bm_fast_cache(uint32_t word, uint32_t value); /* cache.c, vectors.S */
void bm_fast_sys_sync(void);			 /* run.c, for vectors.S */
extern uint32_t bm_psr_valid_mask; /* run.c: the PSR bits of the guest's CPU */
uint32_t bm_fast_undef(uint32_t word, uint32_t spsr); /* run.c, for vectors.S */
/* STM^ and LDM^ left to C by a probe of guest memory (vectors.S
 * user_block) or LDRT and kin by the shadow's User permissions (run.c). */
extern uint64_t bm_fast_sys_probe_failed;
extern uint32_t bm_sctlr_read_fast, bm_sctlr_wmask; /* run.c */
extern uint32_t bm_fast_cps;	/* nonzero: the guest's CPU has CPS */
extern uint32_t bm_l1_table[4096];
extern uint8_t bm_vector_page[4096];
_Static_assert(BM_PV_VA == BM_WIN_VA + (BM_PV_SLOT << 12) &&
		       BM_WIN_PAGES + BM_IO_PAGES <= BM_PV_SLOT,
	       "the shared page is the window's last slot, past the devices");
/* Guest RAM: BM_GUEST_PA up, bm_guest_size bytes (run.c). */
extern uint32_t bm_guest_size;

/* console.c: the board's PL011 and a small formatter.  Until
 * bm_console_start() (the board's console page mapped) output is kept;
 * bm_console_early() is what was kept if it never started. */
void bm_console_start(void);
const char *bm_console_early(void);
void bm_putc(char c);
void bm_puts(const char *s);
void bm_vprintf(const char *fmt, va_list ap);
void bm_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void bm_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* mmu.c */
void bm_mmu_init(void);
/* The boot's linear map covers RAM [0, size) exactly. */
void bm_mmu_boot_ram(uint32_t size);
/* The boot is over: the linear map of RAM at BM_BOOT_VA goes. */
void bm_mmu_boot_done(void);
/* The real MMU's table format: the ARMv5 one (false: the ARM926EJ-S;
 * the ARM1176 with SCTLR.XP = 0) or ARMv6's (true), following the
 * guest's SCTLR.XP on the ARM1176 (bm_mmu_set_format()); descriptors
 * of the monitor's own in the current format. */
extern bool bm_xp;
bool bm_mmu_xp(void);
void bm_mmu_set_format(bool xp);
enum bm_page_kind { BM_PAGE_CACHED, BM_PAGE_UNCACHED, BM_PAGE_DEVICE };
uint32_t bm_desc_coarse(uint32_t table_pa);
uint32_t bm_desc_monitor_page(uint32_t pa, enum bm_page_kind kind);
/* The board's real device pages (board.h io_pa) at BM_IO_SLOT_VA. */
void bm_mmu_map_io(const uint32_t pa[BM_IO_PAGES]);
/* The real vectors at 0xffff0000 (high) or at 0, opposite the guest's. */
void bm_mmu_vectors(bool high);
bool bm_mmu_vectors_high(void);
/* A monitor slot of bm_l1_table shared with the guest (a coarse table
 * holding the vector page): its table, or NULL. */
const uint32_t *bm_mmu_partial_l2(uint32_t slot);
/* The core's window onto guest RAM (armpv_window_fn). */
uint8_t *bm_guest_window(void *opaque, uint32_t offset);
/* The monitor's virtual address of physical 'pa' in its own MiB. */
static inline void *bm_mon_va(uint32_t pa)
{
	return (void *)(uintptr_t)(pa - BM_MON_PA + BM_MON_VA);
}
static inline uint32_t bm_mon_pa(const void *va)
{
	return (uint32_t)(uintptr_t)va - BM_MON_VA + BM_MON_PA;
}
/* The shared page (BM_PV_VA): the monitor reads and writes it there,
 * in every root (privileged only where the guest may not). */
static inline struct armpv_pv_page *bm_pv_page(void)
{
	return (struct armpv_pv_page *)(uintptr_t)BM_PV_VA;
}
/* A shadow root of the virtual privileged modes: its window slot gets the
 * table in which the guest may read and write the shared page. */
void bm_mmu_pv_root(uint32_t l1[4096]);
/* Point vector 'exc' (BM_EXC_*) of the vector page at 'stub'. */
void bm_mmu_set_vector(unsigned exc, void (*stub)(void));

/* shadow.c: the shadow tables, one first-level root per virtual
 * privilege.  ap[k] is the real AP of 1 KiB subpage k (ARM ARM B4.4.1:
 * 3 user read/write, 2 user read-only, 0 no access; S = R = 0). */
#define BM_SHADOW_KERNEL 0 /* virtual privileged modes */
#define BM_SHADOW_USER 1   /* virtual USR mode */
#define BM_SHADOW_ROOTS 2
#define BM_AP_NONE 0u
#define BM_AP_USER_RO 2u
#define BM_AP_USER_RW 3u
void bm_shadow_init(void);
bool bm_shadow_is_monitor(uint32_t va);
void bm_shadow_flush(void);
/* The guest's DACR changed, nothing else: false if no context is left. */
bool bm_shadow_set_dacr(uint32_t dacr);
/* Load the root of 'privilege' (BM_SHADOW_KERNEL/USER) of the current
 * DACR context; bm_shadow_current() is the root loaded, for lookup and
 * map. */
void bm_shadow_switch(unsigned privilege);
unsigned bm_shadow_current(void);
bool bm_shadow_lookup(unsigned root, uint32_t va, uint32_t *host_pa,
		      unsigned *ap);
/* What the guest's walk for a page read and found (armpv_mem_page):
 * its first-level descriptor (0 with the MMU off), the second-level one
 * of each 1 KiB subpage (0 for a section), log2 of the size of the guest
 * mapping (map_shift, for bm_shadow_invalidate_mva()), and whether it is
 * not global (ARMv6 format). */
struct bm_shadow_src {
	uint32_t l1;
	uint32_t l2[4];
	unsigned shift;
	bool ng;
};
void bm_shadow_map(unsigned root, uint32_t va, uint32_t host_frame,
		   const unsigned ap[4], bool xn, uint32_t cb,
		   const struct bm_shadow_src *src);
/* A guest context switch (ARMv6 format) to address space (asid, ttbr):
 * the tables of non-global entries of the one left are kept for it,
 * those of the one entered (if kept) attached again. */
void bm_shadow_switch_space(uint32_t asid, uint32_t ttbr);
/* Drop, in both roots, what came from the guest mapping covering 'va'. */
void bm_shadow_invalidate_mva(uint32_t va);
/* ARMv5 format: the guest invalidated its whole TLB, or wrote TTBR0.
 * Every table leaves the roots and is kept, to be checked against the
 * guest's descriptors when its MiB is touched again; a section's is
 * checked at once against the guest's first-level table at guest
 * physical 'table' (the one of every VA: 0 if there is none such) and
 * stays if it still holds. */
void bm_shadow_keep_all(uint32_t table);
/* Is a table kept for the MiB of 'va' in 'root' (none attached there)? */
bool bm_shadow_kept(unsigned root, uint32_t va);
/* The guest's first-level descriptor for the MiB of 'va' is 'l1' now:
 * attach the table kept for it, without the entries whose guest
 * descriptors changed since they were made.  False if there is none. */
bool bm_shadow_reuse(unsigned root, uint32_t va, uint32_t l1);
/* Counters for the statistics. */
struct bm_shadow_stats {
	uint64_t keeps;	  /* bm_shadow_keep_all() */
	uint64_t in_place; /* section tables checked at a keep, kept attached */
	uint64_t reused;  /* tables attached again */
	uint64_t kept;	  /* their entries that stayed */
	uint64_t dropped; /* their entries whose descriptors changed */
	uint64_t reclaimed; /* kept tables given back to the pool */
};
extern struct bm_shadow_stats bm_shadow_stats;

/* cache.c: guest RAM in the real caches (ARM926EJ-S; docs/
 * baremetal-monitor.md "Caches").  bm_cache_guest: guest pages may be
 * cached (armpv.cache, not =off; never on the ARM1176). */
extern bool bm_cache_guest;
void bm_cache_init(bool off, bool arm1176);
/* C and B (ARMv5 descriptor bits 3:2) of the shadow entry from 'src'. */
uint32_t bm_cache_shadow_cb(const struct bm_shadow_src *src);
/* The guest's SCTLR is 'sctlr': true if that changes whether its pages
 * are cached (the caller drops every shadow entry, the fast path's
 * classes are chosen again). */
bool bm_cache_regime(uint32_t sctlr);
bool bm_cache_regime_cached(void);
/* Is c7 MCR 'word' one bm_fast_cache() runs? */
bool bm_cache_fast_op(uint32_t word);
/* armpv_vm.data_sync: before the core's access to guest VA [va, +len). */
void bm_cache_data_sync(void *opaque, uint32_t va, uint32_t len);
/* A cache operation the C path emulated (ARMPV_CP15_EV_CACHE). */
void bm_cache_slow_op(void);
struct bm_cache_stats {
	uint64_t fills_c, fills_b; /* shadow entries cached, buffered only */
	uint64_t ops_mva, ops_whole, ops_other; /* by the fast path */
	uint64_t ops_slow;	  /* by the C path (bm_cache_slow_op()) */
	uint64_t lines_synced;	  /* for the core (bm_cache_data_sync()) */
	uint64_t regime_changes;  /* cached <-> uncached */
};
extern struct bm_cache_stats bm_cache_stats;

/* boot.c: what the boot loader passed. */
struct bm_boot_info {
	uint32_t machine;
	uint32_t ram_size;
	uint32_t initrd_pa, initrd_size;
	bool profile;	/* "armpv.profile" on the command line */
	bool cache_off;	/* "armpv.cache=off" on the command line */
	bool dtb;	/* r2 was a device tree, not ATAGs */
	/* The tree's root 'compatible' (NUL-separated strings) while the
	 * boot's linear map lasts; NULL without one. */
	const char *compatible;
	uint32_t compatible_len;
};
void bm_boot_parse(uint32_t machine, uint32_t tags_pa,
		   struct bm_boot_info *info);
void *bm_pa_to_va(uint32_t pa);

struct armpv_vm;
/* board.c: the board's devices and time (board.h: the descriptor). */
struct armpv_vcpu;
extern struct armpv_vcpu bm_vcpu; /* run.c: the guest's vCPU */
struct bm_board_stats {
	uint64_t mmio;	    /* guest device accesses emulated */
	uint64_t irqs;	    /* real timer interrupts */
	uint64_t sleeps;    /* real WFIs for the guest's WFI */
	uint64_t uart_irqs; /* real console UART receive interrupts */
	uint64_t rx_bytes;  /* characters moved from the real UART */
};
extern struct bm_board_stats bm_board_stats;
void bm_board_init(struct armpv_vm *vm, struct armpv_vcpu *vcpu);
void bm_board_irq(void);
bool bm_board_wfi(void);
void bm_board_quiesce(void);
bool bm_board_is_device(uint32_t pa);
/* The machine's own clock (versatilepb: SYS_24MHZ, QEMU's virtual
 * clock), and the real clock's 1 MHz ticks since the models started
 * (the guest's time). */
uint32_t bm_board_machine_clock(void);
uint32_t bm_board_ticks(void);
/* The board's devices (its one table), for the guest's device tree. */
const struct dev_region *bm_board_regions(unsigned *count);
/* run.c: the guest asked its board to restart (restart true) or to
 * power off; 'how' is what it wrote, for the report. */
_Noreturn void bm_guest_reset(bool restart, const char *how, uint32_t value);

/* run.c: the loader is about to write guest RAM [pa, pa + len). */
void bm_guest_claim(uint32_t pa, uint32_t len, const char *what);

/* loader.c: a rewritten ELF into guest RAM; returns the entry. */
uint32_t bm_guest_load(struct armpv_vm *vm, const uint8_t *image,
		       uint32_t size, uint8_t *ram, uint32_t phys_offset,
		       uint32_t *end);

/* bundle.c: the initrd (a bare ELF or an armpv bundle) into guest RAM,
 * and the registers the guest is entered with. */
struct bm_guest_entry {
	uint32_t pc, r[3];
};
void bm_guest_boot(struct armpv_vm *vm, const uint8_t *image, uint32_t size,
		   uint8_t *ram, uint32_t machine, struct bm_guest_entry *e);

/* run.c; bm_main() is called by head.S with r1 and r2 of the boot. */
_Noreturn void bm_main(uint32_t machine, uint32_t tags_pa);
_Noreturn void bm_halt(int status);
_Noreturn void bm_bad_guest(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
uint32_t bm_trap(unsigned exc, uint32_t spsr);
void bm_monitor_exception(unsigned exc, uint32_t spsr, uint32_t lr);

/* vfp.c: the guest kernel's FPEXC, FPINST, FPINST2 accesses. */
extern volatile bool bm_vfp_probing, bm_vfp_probe_undef;
void bm_vfp_init(void);
bool bm_vfp_emulate(struct armpv_vcpu *vcpu, uint32_t word);
/* After every trap: the real CPACR (ARM1176) as the guest grants VFP. */
void bm_vfp_sync(const struct armpv_vcpu *vcpu);

/* string.c (the core needs them too) */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t bm_strnlen(const char *s, size_t max);
int bm_strcmp(const char *a, const char *b);
const char *bm_strstr(const char *hay, const char *needle);
#endif /* __ASSEMBLER__ */

#endif /* BM_H */
