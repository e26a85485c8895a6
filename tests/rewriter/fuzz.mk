# SPDX-License-Identifier: GPL-2.0-or-later
# A bounded libFuzzer run on armpv-rewrite's ELF front end
# (tests/rewriter/fuzz.sh, ARMPV_FUZZ_SECONDS, default 60).
#
# The target needs clang's -fsanitize=fuzzer, which $(CC) need not have,
# so it is not an automake program: fuzz.sh builds tests/rewriter/fuzz-elf
# with clang from the front end's sources and fails, saying why, if it
# cannot.  Seeds come from make-bad-elf and sample.S (bad-inputs.mk, which
# must be included too).  Crashing inputs are kept in
# tests/rewriter/fuzz-crashes/ under the build tree.

TESTS += tests/rewriter/fuzz.sh
EXTRA_DIST += tests/rewriter/fuzz.sh tests/rewriter/fuzz-elf.c
CLEANFILES += tests/rewriter/fuzz-elf
# A crash found is kept (above) until make clean.
clean-local: clean-fuzz-crashes
clean-fuzz-crashes:
	-rm -rf tests/rewriter/fuzz-crashes
.PHONY: clean-fuzz-crashes
