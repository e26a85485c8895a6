# SPDX-License-Identifier: GPL-2.0-or-later
# Linux 6.1 built with armpv in the build.  The kernel builds are cached in
# ~/.cache/armpv/linux (ARMPV_CACHE); from nothing they take a while.
TESTS += tests/linux/versatile.sh tests/linux/bcm2835.sh
EXTRA_DIST += tests/linux/versatile.sh tests/linux/bcm2835.sh tests/linux/kernel.sh \
	tests/linux/build-kernel.sh tests/linux/repro.sh tests/linux/bench-rewrite.sh
# The test initramfs (tests/linux/initramfs/: busybox-static:armel, /init,
# the workload and bench.c) on the plain versatile kernel: workload.sh runs
# the workload and checks its result lines, console.sh uses the shell at
# the serial console (console.py types).  guest-lib.sh holds the QEMU
# command of each kind of run.
TESTS += tests/linux/workload.sh tests/linux/console.sh
EXTRA_DIST += tests/linux/workload.sh tests/linux/console.sh \
	tests/linux/console.py tests/linux/guest-lib.sh tests/linux/initramfs
# What the kernel build makes (Image or zImage and versatile-pb.dtb, built
# with armpv-as) in an armpv-bundle under armpv-bm, and the raw kernels
# armpv-bundle and armpv-bm refuse (docs/bundle.md "Raw kernels").
TESTS += tests/linux/rawimage.sh
EXTRA_DIST += tests/linux/rawimage.sh
