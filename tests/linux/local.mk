# SPDX-License-Identifier: GPL-2.0-or-later
# Linux 6.1 built with armpv in the build.  The kernel builds are cached in
# ~/.cache/armpv/linux (ARMPV_CACHE); from nothing they take a while.
TESTS += tests/linux/versatile.sh tests/linux/bcm2835.sh
EXTRA_DIST += tests/linux/versatile.sh tests/linux/bcm2835.sh tests/linux/kernel.sh \
	tests/linux/build-kernel.sh tests/linux/repro.sh tests/linux/bench-rewrite.sh
