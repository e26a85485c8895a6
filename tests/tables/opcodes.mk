# SPDX-License-Identifier: GPL-2.0-or-later
# The classifier against GNU libopcodes' ARM disassembler: a sweep of the
# decode bits, 10^6 random words, every form of the spec (forms.S,
# assembled at test time) and real code from the cross toolchain.

check_PROGRAMS += tests/tables/opcodes_agree
tests_tables_opcodes_agree_SOURCES = tests/tables/opcodes_agree.c rewriter/disasm.c
tests_tables_opcodes_agree_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/rewriter $(LIBELF_CFLAGS)
tests_tables_opcodes_agree_LDADD = $(TABLES_LIB) $(OPCODES_LIBS) $(LIBELF_LIBS)
TESTS += tests/tables/opcodes-agree.sh
EXTRA_DIST += tests/tables/opcodes-agree.sh tests/tables/forms.S
