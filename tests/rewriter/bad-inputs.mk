# SPDX-License-Identifier: GPL-2.0-or-later
# armpv-rewrite on bad input: every malformed ELF file gets exit status 3
# and a message naming the file and the problem, never a crash, and the
# input is never touched (tests/rewriter/bad-inputs.sh).
#
# No binary is committed: make-bad-elf derives the corpus from
# tests/rewriter/sample.S, assembled by the test with $(ARM_CC).  fuzz.mk
# seeds the fuzzer with the same corpus.

check_PROGRAMS += tests/rewriter/make-bad-elf
tests_rewriter_make_bad_elf_SOURCES = tests/rewriter/make-bad-elf.c

TESTS += tests/rewriter/bad-inputs.sh
EXTRA_DIST += tests/rewriter/bad-inputs.sh tests/rewriter/sample.S
