# SPDX-License-Identifier: GPL-2.0-or-later
# The bare-metal monitor on qemu-system-arm -M versatilepb: run.sh boots
# the rewritten process test kernels under armpv-bm and compares their
# transcripts with armpv-run's (tests/process/run.sh's logs); errors.sh
# checks its refusals and reports; mmu.sh runs the MMU test guest
# (mmu-guest/) natively and under armpv-bm and compares the transcripts;
# tasks.sh does the same with the issue's test guest (tasks-guest/:
# every ARMv5 form of the sensitive instructions in its kernel, devices,
# timer preemption, two address spaces, page faults), and adversary.sh with a
# guest whose user task attacks monitor memory and forges trap words;
# boot.sh boots the boot protocol test guest (boot-guest/) from an
# armpv-bundle, with a device tree and with ATAGs, and natively by QEMU's
# Linux loader, and compares the transcripts; fdt.sh runs fdt.c and
# fdt-filter.c hosted, under the sanitizers, on one-edit mutations of
# three device trees and checks Linux's versatile-pb.dtb filtered;
# fdt-bcm2835.sh does the same with fdt-bcm2835.c for the raspi0 guest
# (Linux's bcm2835-rpi-zero.dtb filtered and fixed up);
# echo.sh feeds lines to the echo test guest (echo-guest/) on UART0,
# natively and under armpv-bm, and compares the transcripts; robust.sh
# runs robust-guest/ (BKPT, Thumb device loads and SWI, LDRT from user
# tasks, tiny pages of two frames in one page, the thread ID registers)
# the same way; pv.sh runs pv-guest/ built with and without the
# armpv_irqflags plugin (the shared page: docs/plugin.md); fastpath.sh
# runs a self-checking guest through the SWI fast path's SPSR and
# immediate MSR forms and through the C path (armpv.profile) and
# compares the counts.  Each (but pv.sh and fastpath.sh) also runs its guest built for raspi0
# (-DBOARD_BCM2835) natively on -M raspi0 and compares it with the
# versatilepb run, then under armpv-bm on raspi0 and compares that with
# the native raspi0 run (ARMPV_BM_RASPI0=no leaves those out; lib.sh).
TESTS += tests/baremetal/run.sh tests/baremetal/errors.sh \
	tests/baremetal/mmu.sh tests/baremetal/tasks.sh \
	tests/baremetal/adversary.sh tests/baremetal/boot.sh \
	tests/baremetal/fdt.sh tests/baremetal/fdt-bcm2835.sh \
	tests/baremetal/echo.sh \
	tests/baremetal/robust.sh tests/baremetal/pv.sh \
	tests/baremetal/fastpath.sh
# Listed, not the directory: the build tree has a tests/baremetal of its
# own (the tests' outputs), which make dist would copy too.  The guests'
# directories have no namesake there.
EXTRA_DIST += tests/baremetal/adversary.sh tests/baremetal/bench.sh \
	tests/baremetal/boot.sh tests/baremetal/echo.sh \
	tests/baremetal/errors.sh tests/baremetal/fastpath.sh \
	tests/baremetal/fdt-bcm2835-guest.c \
	tests/baremetal/fdt-bcm2835.sh tests/baremetal/fdt-mutate.c \
	tests/baremetal/fdt.sh tests/baremetal/fdt/bcm2835-rpi-zero.dtb \
	tests/baremetal/fdt/make-bcm2835-rpi-zero-dtb.sh \
	tests/baremetal/fdt/make-versatile-pb-dtb.sh \
	tests/baremetal/fdt/versatile-pb.dtb tests/baremetal/guest-board.h \
	tests/baremetal/guest-start.h tests/baremetal/lib.sh \
	tests/baremetal/mmu.sh tests/baremetal/pv.sh \
	tests/baremetal/robust.sh tests/baremetal/run.sh \
	tests/baremetal/tasks.sh tests/baremetal/adversary-guest \
	tests/baremetal/bench-guest tests/baremetal/boot-guest \
	tests/baremetal/echo-guest tests/baremetal/mmu-guest \
	tests/baremetal/pv-guest tests/baremetal/robust-guest \
	tests/baremetal/tasks-guest
tests/baremetal/run.log: $(ARMPV_BM_BIN) $(ARMPV_RUN) \
	rewriter/armpv-rewrite$(EXEEXT) tests/process/run.log
tests/baremetal/errors.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/mmu.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/tasks.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/adversary.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/echo.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/robust.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
# PLUGIN_SO is empty when configure does not build the plugin.
tests/baremetal/pv.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	$(PLUGIN_SO)
tests/baremetal/boot.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	monitor/bundle/armpv-bundle$(EXEEXT)
check_PROGRAMS += tests/baremetal/fdt-mutate
tests_baremetal_fdt_mutate_SOURCES = tests/baremetal/fdt-mutate.c \
	monitor/baremetal/fdt.c monitor/baremetal/fdt.h \
	monitor/baremetal/fdt-filter.c monitor/baremetal/fdt-filter.h
tests_baremetal_fdt_mutate_LDADD = $(DEVICES_LIBS)
tests_baremetal_fdt_mutate_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/monitor/baremetal -I$(top_srcdir)/monitor/devices
tests_baremetal_fdt_mutate_CFLAGS = $(AM_CFLAGS) \
	-fsanitize=address,undefined -fno-sanitize-recover=all
tests_baremetal_fdt_mutate_LDFLAGS = -fsanitize=address,undefined
tests/baremetal/fdt.log: tests/baremetal/fdt-mutate$(EXEEXT)
check_PROGRAMS += tests/baremetal/fdt-bcm2835-guest
tests_baremetal_fdt_bcm2835_guest_SOURCES = \
	tests/baremetal/fdt-bcm2835-guest.c \
	monitor/baremetal/fdt.c monitor/baremetal/fdt.h \
	monitor/baremetal/fdt-filter.c monitor/baremetal/fdt-filter.h \
	monitor/baremetal/fdt-bcm2835.c monitor/baremetal/fdt-bcm2835.h
tests_baremetal_fdt_bcm2835_guest_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/monitor/baremetal -I$(top_srcdir)/monitor/devices
tests_baremetal_fdt_bcm2835_guest_CFLAGS = $(AM_CFLAGS) \
	-fsanitize=address,undefined -fno-sanitize-recover=all
tests_baremetal_fdt_bcm2835_guest_LDFLAGS = -fsanitize=address,undefined
tests/baremetal/fdt-bcm2835.log: tests/baremetal/fdt-bcm2835-guest$(EXEEXT)
# What the tests leave in the build tree (their out= directories; fdt.sh's
# files beside the checked-in trees, in an in-tree build).
clean-local: clean-baremetal-tests
clean-baremetal-tests:
	-rm -rf tests/baremetal/adversary tests/baremetal/bench \
	  tests/baremetal/boot tests/baremetal/echo tests/baremetal/errors \
	  tests/baremetal/fastpath \
	  tests/baremetal/fdt-bcm2835 tests/baremetal/kern tests/baremetal/mmu \
	  tests/baremetal/pv tests/baremetal/robust tests/baremetal/tasks
	-rm -f tests/baremetal/kern-v[56]* tests/baremetal/fdt/bare.dt[bs] \
	  tests/baremetal/fdt/boot.dtb tests/baremetal/fdt/pb-guest.*
.PHONY: clean-baremetal-tests
