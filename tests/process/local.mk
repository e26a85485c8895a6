# SPDX-License-Identifier: GPL-2.0-or-later
# The process-level monitor end to end: the ARMv5TE and ARMv6 test kernels
# are cross-compiled, rewritten by armpv-rewrite, and run by armpv-run under
# qemu-arm -cpu arm926 / arm1176 (tests/process/run.sh builds them).
# native.sh runs the same kernels unrewritten in SVC mode on
# qemu-system-arm versatilepb; compare.sh checks that both print the same
# transcript.
TESTS += tests/process/run.sh tests/process/native.sh tests/process/compare.sh \
	tests/process/demo.sh tests/process/errors.sh
tests/process/errors.log: $(ARMPV_RUN) rewriter/armpv-rewrite$(EXEEXT)
tests/process/demo.log: $(ARMPV_RUN) $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT) \
	tables/armpv-tables$(EXEEXT) monitor/bundle/armpv-bundle$(EXEEXT)
# Listed, not the directory: the build tree's tests/process holds the
# tests' outputs, which make dist would copy too.
EXTRA_DIST += tests/process/README.md tests/process/banks.S \
	tests/process/bcm2835.h tests/process/build.sh \
	tests/process/check.c tests/process/compare.sh \
	tests/process/demo.sh tests/process/entry.S \
	tests/process/errors.sh tests/process/irqflags.S \
	tests/process/kern.c tests/process/kern.h tests/process/kern.ld \
	tests/process/mmu.S tests/process/native.sh \
	tests/process/plat-armpv.S tests/process/plat-bcm2835.S \
	tests/process/plat-versatile.S tests/process/plat.h \
	tests/process/run.sh tests/process/test-banks.c \
	tests/process/test-irq.c tests/process/test-uaccess.c \
	tests/process/test-user.c tests/process/tests.h \
	tests/process/uaccess.S tests/process/user.S
tests/process/run.log: $(ARMPV_RUN) rewriter/armpv-rewrite$(EXEEXT)
tests/process/compare.log: tests/process/run.log tests/process/native.log
# What the tests leave in the build tree: build.sh's kernels and objects,
# run.sh's, native.sh's and errors.sh's outputs, and the demo's
# (examples/demo.sh writes in the build tree's examples/).
clean-local: clean-process-tests
clean-process-tests:
	-rm -rf tests/process/errors examples/tasks examples/linux \
	  examples/linux-raspi0
	-rm -f tests/process/v[56]-*.o tests/process/kern-v[56].* \
	  examples/demo.out examples/demo.out.board examples/kern-build.log \
	  examples/kern-v[56].* examples/v[56]-*.o examples/demo-guest.o \
	  examples/demo-guest.rewritten.o
.PHONY: clean-process-tests
