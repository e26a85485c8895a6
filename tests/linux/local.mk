# SPDX-License-Identifier: GPL-2.0-or-later
# Linux 6.1 built with armpv in the build.  The kernel builds are cached in
# ~/.cache/armpv/linux (ARMPV_CACHE); from nothing they take a while.
TESTS += tests/linux/versatile.sh tests/linux/bcm2835.sh
# Each kernel test skips inside the distcheck of `./armpv-dev test` when
# that run's make check ran it (configure's ARMPV_LINUX_TESTS_RAN_IN).
EXTRA_DIST += tests/linux/ran-in-main.sh
EXTRA_DIST += tests/linux/versatile.sh tests/linux/bcm2835.sh tests/linux/kernel.sh \
	tests/linux/modules-check.py \
	tests/linux/build-kernel.sh tests/linux/repro.sh tests/linux/bench-rewrite.sh
# The test initramfs (tests/linux/initramfs/: busybox-static:armel, /init,
# the workload and bench.c) on the plain versatile kernel: workload.sh runs
# the workload and checks its result lines, console.sh uses the shell at
# the serial console (console.py types).  guest-lib.sh holds the QEMU
# command of each kind of run.
TESTS += tests/linux/workload.sh tests/linux/console.sh
EXTRA_DIST += tests/linux/workload.sh tests/linux/console.sh \
	tests/linux/console.py tests/linux/guest-lib.sh tests/linux/initramfs
# soak.sh runs the workload under armpv-bm over and over for a given time
# (by hand: sh tests/linux/soak.sh 30m); make check runs soak-short.sh,
# one boot of two runs (armpv.repeat=2).
# module-load.sh: a module built out of tree against the plain versatile
# build (with its modules), rewritten, loaded under armpv-bm (and the
# plain one: the documented failure mode).
TESTS += tests/linux/module-load.sh
EXTRA_DIST += tests/linux/module-load.sh tests/linux/module/init \
	tests/linux/module/armpv-irqtest.c tests/linux/module/Kbuild
tests/linux/module-load.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	monitor/bundle/armpv-bundle$(EXEEXT)
TESTS += tests/linux/soak-short.sh
EXTRA_DIST += tests/linux/soak.sh tests/linux/soak-short.sh
tests/linux/soak-short.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	monitor/bundle/armpv-bundle$(EXEEXT)
# Linux natively against armpv-bm, in instructions (docs/benchmarks.md
# "Linux 6.1 under armpv-bm"): make bench-linux, or tests/linux/
# bench-linux.sh by hand; five boots, not in make check.  make check
# runs its report on canned logs (bench-linux-parse.sh).
TESTS += tests/linux/bench-linux-parse.sh
EXTRA_DIST += tests/linux/bench-linux.sh tests/linux/bench-linux-parse.sh \
	tests/linux/bench-lib.sh tests/linux/bench-linux-logs \
	tests/linux/gdb-clock.py tests/linux/profile-syms.sh \
	tests/linux/step-profile.sh tests/linux/step-profile.py \
	tests/linux/step-profile-sum.py
bench-linux: all
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		QEMU_ARM='$(QEMU_ARM)' ARM_CC='$(ARM_CC)' \
		sh '$(abs_top_srcdir)/tests/linux/bench-linux.sh'
.PHONY: bench-linux
# The same on raspi0 (bcm2835_defconfig, the cache's plain-bcm2835):
# make bench-raspi0 (ARMPV_BM_BEFORE=IMAGE adds another armpv-bm's shadow
# fills per operation); its report's canned logs are bench-linux-logs/
# raspi0, checked by bench-linux-parse.sh.
EXTRA_DIST += tests/linux/bench-raspi0.sh
bench-raspi0: all
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		QEMU_ARM='$(QEMU_ARM)' ARM_CC='$(ARM_CC)' \
		sh '$(abs_top_srcdir)/tests/linux/bench-raspi0.sh'
.PHONY: bench-raspi0
# Every kernel of a board against native in one run, into docs/bench/: a
# results file (BOARD.tsv) and its plots (docs/benchmarks.md "Results
# files and plots"): make bench-results (versatilepb: native, rewritten,
# plugin: 24 boots) or make bench-results BOARD=raspi0.  make check runs
# bench-results-parse.sh: the results file and the plots from canned logs.
TESTS += tests/linux/bench-results-parse.sh
EXTRA_DIST += tests/linux/bench-results.sh tests/linux/bench-plot.sh \
	tests/linux/bench-results-parse.sh docs/bench
bench-results: all
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		QEMU_ARM='$(QEMU_ARM)' ARM_CC='$(ARM_CC)' \
		sh '$(abs_top_srcdir)/tests/linux/bench-results.sh' $(BOARD)
.PHONY: bench-results
# What the kernel build makes (Image or zImage and versatile-pb.dtb, built
# with armpv-as) in an armpv-bundle under armpv-bm, and the raw kernels
# armpv-bundle and armpv-bm refuse (docs/bundle.md "Raw kernels").
TESTS += tests/linux/rawimage.sh
EXTRA_DIST += tests/linux/rawimage.sh
tests/linux/rawimage.log: $(ARMPV_BM_BIN) monitor/bundle/armpv-bundle$(EXEEXT) \
	tests/linux/versatile.log
# The versatile kernel built with armpv-as and the armpv_irqflags GCC
# plugin (docs/plugin.md; plugin-build.sh builds it into the cache as
# armpv-plugin-versatile): --check, the plugin's report, and the workload
# natively, as the armpv-as kernel and as the plugin kernel under
# armpv-bm, with the traps the plugin saves.  After versatile.log, which
# builds the armpv-as kernel it compares with (and so that from nothing
# the kernel builds run one after the other); one more kernel build from
# nothing (docs/linux.md).  Skipped without the plugin.
TESTS += tests/linux/plugin-kernel.sh
EXTRA_DIST += tests/linux/plugin-kernel.sh tests/linux/plugin-build.sh
tests/linux/plugin-kernel.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	monitor/bundle/armpv-bundle$(EXEEXT) $(PLUGIN_SO) tests/linux/versatile.log
# On raspi0 (the bcm2835_defconfig builds that bcm2835.sh makes):
# workload-raspi0.sh runs workload.sh natively on Linux's tree and on the
# tree armpv-bm gives its guest, and under armpv-bm the post-link vmlinux
# and the armpv-as build's; console-raspi0.sh is console.sh under
# armpv-bm; bcm2835-guestdt.sh proves the guest's tree enough, natively,
# with QEMU's trace of every device access.
TESTS += tests/linux/workload-raspi0.sh tests/linux/console-raspi0.sh \
	tests/linux/bcm2835-guestdt.sh
EXTRA_DIST += tests/linux/workload-raspi0.sh tests/linux/console-raspi0.sh \
	tests/linux/bcm2835-guestdt.sh
# The first two after bcm2835.log, which builds the kernels they boot
# (from nothing, they would skip before it); bcm2835-guestdt.sh skips
# (77) without the build and does not wait for it.
tests/linux/workload-raspi0.log: tests/baremetal/fdt-bcm2835-guest$(EXEEXT) \
	$(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	monitor/bundle/armpv-bundle$(EXEEXT) tests/linux/bcm2835.log
tests/linux/console-raspi0.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	monitor/bundle/armpv-bundle$(EXEEXT) tests/linux/bcm2835.log
tests/linux/bcm2835-guestdt.log: tests/baremetal/fdt-bcm2835-guest$(EXEEXT)
