/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * armpv_pv.h -- the page the monitor shares with a guest kernel built with
 * the armpv-irqflags GCC plugin (rewriter/plugin/, docs/plugin.md).
 *
 * The plugin turns the kernel's interrupt masking (arch_local_irq_save
 * and friends, MRS/MSR CPSR on ARMv5, CPS on ARMv6) into loads and
 * stores of this page, so that masking and unmasking cost no trap.  Plain
 * #defines (and a struct outside assembly), so that guest assembly, the
 * plugin (a host C++ program) and the monitor share one definition.
 *
 * Mapping.  The page is at guest virtual address ARMPV_PV_PAGE_VA, inside
 * the monitor's reserved 0xffa00000-0xffbfffff where Linux 6.1 maps
 * nothing (docs/baremetal-monitor.md).  It is readable and writable by the
 * guest while, and only while, the guest runs in a virtual privileged
 * mode (SVC, IRQ, FIQ, ABT, UND, SYS), with the guest's MMU on or off; in
 * virtual USR mode it is not accessible (a guest process that touches it
 * gets the data abort its own page tables would give for an unmapped
 * address).  Normal memory, the same physical page at all times.
 *
 * Words (32-bit, little-endian, at the offsets below):
 *
 *   cpsr     Bits 7:0 of the virtual CPSR: I (0x80), F (0x40), T (0x20)
 *            and M[4:0], as the monitor keeps them; bits 31:8 are zero
 *            whenever the monitor wrote the word.  The monitor stores it
 *            every time it returns to the guest in a virtual privileged
 *            mode (after a trap, a hypercall, a real exception, the entry
 *            of a virtual exception and an exception return), and takes
 *            I and F -- only those two bits -- back from it into the
 *            virtual CPSR each time it is entered from such a mode,
 *            before it looks at anything else.  The guest changes only I
 *            and F (it may write any value; the monitor ignores the rest
 *            and rewrites the word).
 *
 *   pending  ARMPV_PV_PENDING_IRQ (0x80) while the virtual IRQ line is
 *            high, | ARMPV_PV_PENDING_FIQ (0x40) while the virtual FIQ
 *            line is high; zero when neither is (so "nonzero when a
 *            virtual IRQ or FIQ line is high").  The bits are those of
 *            the CPSR mask bits that hold the line back, so the guest's
 *            test after unmasking is (pending & ~new_cpsr & 0xc0).  Only
 *            the monitor writes it, whenever a line changes and at least
 *            before it returns to the guest.
 *
 * Protocol (the monitor's side):
 *  - It delivers no virtual IRQ (FIQ) while the page's I (F) is set, and
 *    it delivers a pending one the page allows at the next entry from the
 *    guest: every entry first merges the page's I and F into the virtual
 *    CPSR (above), then checks for a deliverable interrupt as after any
 *    emulated CPSR write (docs/monitor-core.md).
 *  - ARMPV_HC_PV_SYNC (armpv_hypercall.h) is the guest saying "I unmasked
 *    on the page with an interrupt pending": beyond the merge every entry
 *    does, the monitor delivers the interrupt the new virtual CPSR allows,
 *    with the preferred return address the instruction after the SWI (as
 *    the hardware takes an interrupt after the MSR/CPS that unmasked it).
 *    With nothing deliverable (the line dropped meanwhile) it returns.
 *
 * Why an interrupt between any two guest instructions is harmless: see
 * docs/plugin.md, "Interrupts inside a sequence".
 */
#ifndef ARMPV_PV_H
#define ARMPV_PV_H

#define ARMPV_PV_PAGE_VA 0xffbff000 /* guest virtual, 4 KiB aligned */

#define ARMPV_PV_CPSR 0x0    /* byte offset of word 0 */
#define ARMPV_PV_PENDING 0x4 /* byte offset of word 1 */

#define ARMPV_PV_CPSR_I 0x80 /* CPSR.I: IRQ masked */
#define ARMPV_PV_CPSR_F 0x40 /* CPSR.F: FIQ masked */

#define ARMPV_PV_PENDING_IRQ 0x80 /* virtual IRQ line high */
#define ARMPV_PV_PENDING_FIQ 0x40 /* virtual FIQ line high */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct armpv_pv_page {
	volatile uint32_t cpsr;	   /* ARMPV_PV_CPSR */
	volatile uint32_t pending; /* ARMPV_PV_PENDING */
};
#endif

#endif /* ARMPV_PV_H */
