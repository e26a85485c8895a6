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
EXTRA_DIST += tests/process
tests/process/run.log: $(ARMPV_RUN) rewriter/armpv-rewrite$(EXEEXT)
tests/process/compare.log: tests/process/run.log tests/process/native.log
