/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guest-board.h -- the board the bare-metal test guests are built for,
 * chosen at build time (tests/baremetal/lib.sh bm_set_board):
 * -DBOARD_BCM2835 for QEMU's raspi0, otherwise versatilepb.  What every
 * guest needs of it: the PL011 UART0 (the native console) and the MiB
 * that holds it, which guests with their own tables map for the kernel.
 * The boards' other devices are in tests/process/bcm2835.h and in the
 * guests that drive them.  For C and assembly alike.
 */
#ifndef GUEST_BOARD_H
#define GUEST_BOARD_H

#ifdef BOARD_BCM2835
#include "bcm2835.h"
#define BOARD_UART0 BCM2835_UART0
#define BOARD_UART0_MB 0x20200000
#else
#define BOARD_UART0 0x101f1000
#define BOARD_UART0_MB 0x10100000
#endif

#endif /* GUEST_BOARD_H */
