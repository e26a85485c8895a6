# SPDX-License-Identifier: GPL-2.0-or-later
# Unit tests of the tables library (Check), the spec-error corpus of
# tablegen, and the armpv-tables command line.  Paths are relative to the
# top directory (this fragment is included by Makefile.am).

check_PROGRAMS += tests/tables/check_tables
tests_tables_check_tables_SOURCES = tests/tables/check_tables.c
tests_tables_check_tables_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_tables_check_tables_LDADD = $(TABLES_LIB) $(CHECK_LIBS)
TESTS += tests/tables/check_tables

# tablegen must reject each spec of bad-specs/ with its expected error, and
# accept good*.spec and tables/armpv.spec.
TESTS += tests/tables/tablegen-bad.sh
EXTRA_DIST += tests/tables/tablegen-bad.sh tests/tables/bad-specs

TESTS += tests/tables/cli.sh
EXTRA_DIST += tests/tables/cli.sh
