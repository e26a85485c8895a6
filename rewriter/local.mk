# SPDX-License-Identifier: GPL-2.0-or-later
# rewriter/: armpv-rewrite.
bin_PROGRAMS += rewriter/armpv-rewrite
rewriter_armpv_rewrite_SOURCES = rewriter/armpv-rewrite.c \
	rewriter/elf-model.c rewriter/elf-model.h \
	rewriter/scan.c rewriter/scan.h \
	rewriter/record.c rewriter/record.h \
	rewriter/disasm.c rewriter/disasm.h \
	rewriter/srcline.c rewriter/srcline.h
rewriter_armpv_rewrite_CPPFLAGS = $(AM_CPPFLAGS) $(LIBELF_CFLAGS) $(LIBDW_CFLAGS)
rewriter_armpv_rewrite_LDADD = $(TABLES_LIB) $(LIBDW_LIBS) $(LIBELF_LIBS) $(OPCODES_LIBS)
