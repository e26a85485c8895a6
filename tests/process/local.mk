# SPDX-License-Identifier: GPL-2.0-or-later
# The process-level monitor end to end: the ARMv5TE and ARMv6 test kernels
# are cross-compiled, rewritten by armpv-rewrite, and run by armpv-run under
# qemu-arm -cpu arm926 / arm1176 (tests/process/run.sh builds them).
TESTS += tests/process/run.sh
EXTRA_DIST += tests/process
tests/process/run.log: $(ARMPV_RUN) rewriter/armpv-rewrite$(EXEEXT)
