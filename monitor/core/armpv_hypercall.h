/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * armpv_hypercall.h -- hypercalls a guest kernel may make: an SWI with a
 * payload in 0x280000-0x3fffff (free trap space, tables/armpv.spec) from a
 * virtual privileged mode.  They change no register.  Plain #defines, so
 * guest assembly can include this file.
 */
#ifndef ARMPV_HYPERCALL_H
#define ARMPV_HYPERCALL_H

#define ARMPV_HC_EXIT 0x280000	  /* stop the VM; r0 = exit status */
#define ARMPV_HC_PUTC 0x280001	  /* console output; r0 = the byte */
#define ARMPV_HC_SET_IRQ 0x280002 /* virtual IRQ line := r0 (0 or 1) */
#define ARMPV_HC_SET_FIQ 0x280003 /* virtual FIQ line := r0 (0 or 1) */
/* Unmasked on the shared page (armpv_pv.h) with an interrupt pending:
 * take I and F from the page, deliver what the virtual CPSR now allows.
 * Issued as SWINE by code the armpv-irqflags plugin generates. */
#define ARMPV_HC_PV_SYNC 0x280004

#endif /* ARMPV_HYPERCALL_H */
