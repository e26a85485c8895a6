#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# soak-short.sh -- tests/linux/soak.sh for make check: one boot of the
# rewritten Linux 6.1 versatile kernel under armpv-bm running the
# workload twice (armpv.repeat=2), each run's result lines checked.
# The long soak is by hand: sh tests/linux/soak.sh 30m.
#
# Environment (make check exports it): top_srcdir, top_builddir;
# QEMU_SYSTEM_ARM; ARMPV_CACHE.  Builds the plain kernel when the cache
# lacks it.
. "$top_srcdir/tests/linux/ran-in-main.sh"
exec "${SHELL:-/bin/sh}" "$top_srcdir/tests/linux/soak.sh" -r 2 1s
