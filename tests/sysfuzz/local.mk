# SPDX-License-Identifier: GPL-2.0-or-later
# The whole-system differential fuzzer (docs/fuzzing.md): check.sh runs
# fuzz.sh's random guests (gen.py, start.S, runtime.c) natively on the
# board and rewritten under armpv-bm on fixed seeds and the regression
# set (regress.list); reduce.py and fuzz.sh --soak are run by hand.
TESTS += tests/sysfuzz/check.sh
EXTRA_DIST += tests/sysfuzz/check.sh tests/sysfuzz/fuzz.sh \
	tests/sysfuzz/gen.py tests/sysfuzz/reduce.py \
	tests/sysfuzz/regress.list tests/sysfuzz/runtime.c \
	tests/sysfuzz/start.S tests/sysfuzz/sysfuzz.h
tests/sysfuzz/check.log: $(ARMPV_BM_BIN) rewriter/armpv-rewrite$(EXEEXT)
clean-local: clean-sysfuzz-tests
clean-sysfuzz-tests:
	-rm -rf tests/sysfuzz/check tests/sysfuzz/out tests/sysfuzz/reduce \
	  tests/sysfuzz/batch
.PHONY: clean-sysfuzz-tests
