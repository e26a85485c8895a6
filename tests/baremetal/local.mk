# SPDX-License-Identifier: GPL-2.0-or-later
# The bare-metal monitor on qemu-system-arm -M versatilepb: run.sh boots
# the rewritten process test kernels under armpv-bm and compares their
# transcripts with armpv-run's (tests/process/run.sh's logs); errors.sh
# checks its refusals and reports; mmu.sh runs the MMU test guest
# (mmu-guest/) natively and under armpv-bm and compares the transcripts;
# tasks.sh does the same with the multi-tasking test guest (tasks-guest/:
# devices, timer preemption, two address spaces), and adversary.sh with a
# guest whose user task attacks monitor memory and forges trap words.
TESTS += tests/baremetal/run.sh tests/baremetal/errors.sh \
	tests/baremetal/mmu.sh tests/baremetal/tasks.sh \
	tests/baremetal/adversary.sh
EXTRA_DIST += tests/baremetal
tests/baremetal/run.log: $(ARMPV_BM_BIN) $(ARMPV_RUN) \
	rewriter/armpv-rewrite$(EXEEXT) tests/process/run.log
tests/baremetal/errors.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/mmu.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/tasks.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
tests/baremetal/adversary.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
