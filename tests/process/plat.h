/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plat.h -- what the test kernels need from the platform: a console, an
 * exit with status, and the two interrupt lines.  plat-armpv.S implements
 * them with armpv hypercalls; a native run on versatilepb would implement
 * them with the PL011 UART, the system controller and the PL190 VIC's
 * soft-interrupt register.
 */
#ifndef PLAT_H
#define PLAT_H

void plat_putc(int c);
void plat_exit(int status) __attribute__((noreturn));
void plat_set_irq(int level); /* level: 0 or 1 */
void plat_set_fiq(int level);

#endif /* PLAT_H */
