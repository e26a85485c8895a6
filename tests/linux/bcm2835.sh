#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# armpv in a Linux 6.1 build for the first Raspberry Pi (ARM1176JZF-S, ARMv6).
. "$top_srcdir/tests/linux/ran-in-main.sh"
exec sh "$top_srcdir/tests/linux/kernel.sh" bcm2835_defconfig armv6
