#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# workload.sh on raspi0: Linux 6.1 bcm2835_defconfig (the cache's
# plain-bcm2835 and armpv-as-bcm2835, made by tests/linux/bcm2835.sh;
# skipped without them) runs the workload on QEMU -M raspi0 four ways:
#   native        the plain zImage, Linux's device tree (the PM node cut
#                 to its "pm" registers);
#   native_guest  the same on the tree armpv-bm gives its guest;
#   bm            the plain vmlinux rewritten after linking (armpv-rewrite
#                 --arch armv6), without debug information, under
#                 armpv-bm; its reboot stops the machine through the
#                 monitor's PM watchdog ("guest reset request (PM_RSTC");
#   bm_as         the armpv-as build's vmlinux under armpv-bm, ending in a
#                 power-off ("guest power-off request (PM_RSTS").
# The result lines of the four runs must be the expected ones and the
# same.  About 3 minutes of host time (docs/linux.md).
. "$top_srcdir/tests/linux/ran-in-main.sh"
ARMPV_LINUX_BOARD=raspi0
: "${ARMPV_LINUX_RUNS:=native native_guest bm bm_as}"
: "${ARMPV_LINUX_POWEROFF_RUNS:=bm_as}"
export ARMPV_LINUX_BOARD ARMPV_LINUX_RUNS ARMPV_LINUX_POWEROFF_RUNS
exec sh "$top_srcdir/tests/linux/workload.sh"
