#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# armpv in a Linux 6.1 build for versatilepb (ARM926EJ-S, ARMv5TE).
. "$top_srcdir/tests/linux/ran-in-main.sh"
exec sh "$top_srcdir/tests/linux/kernel.sh" versatile_defconfig armv5te
