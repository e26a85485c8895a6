#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# console.sh on raspi0: a person at the shell of Linux 6.1
# bcm2835_defconfig (the cache's plain-bcm2835, made by tests/linux/
# bcm2835.sh; skipped without it), the post-link vmlinux under armpv-bm
# (lg_boot_bm): typing, Ctrl-C, line editing, then "reboot", and in a
# second boot "poweroff", each of which stops QEMU through the monitor's
# PM watchdog.  Natively the same is workload-raspi0.sh's to show; here
# two boots of about 20 s of host time each.
. "$top_srcdir/tests/linux/ran-in-main.sh"
ARMPV_LINUX_BOARD=raspi0
: "${ARMPV_LINUX_RUNS:=bm}"
export ARMPV_LINUX_BOARD ARMPV_LINUX_RUNS
exec sh "$top_srcdir/tests/linux/console.sh"
