/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bcm2835-probe-start.S -- entry of the native probe on QEMU raspi0: a
 * stack below the image, then probe_main (bcm2835-probe.c). */
	.arm
	.globl _start
_start:
	ldr	sp, =0x8000
	bl	probe_main
1:	b	1b
	.section .note.GNU-stack, "", %progbits
