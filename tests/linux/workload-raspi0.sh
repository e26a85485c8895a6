#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# workload.sh on raspi0: Linux 6.1 bcm2835_defconfig (the cache's
# plain-bcm2835, made by tests/linux/bcm2835.sh; skipped without it) runs
# the workload natively on QEMU -M raspi0 with Linux's device tree (the
# PM node cut to its "pm" registers) and with the tree armpv-bm gives its
# guest, and the result lines of the two runs are the same.
ARMPV_LINUX_BOARD=raspi0
export ARMPV_LINUX_BOARD
exec sh "$top_srcdir/tests/linux/workload.sh"
