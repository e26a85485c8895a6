# SPDX-License-Identifier: GPL-2.0-or-later
# Every trap word armpv produces traps on qemu-arm's ARM926EJ-S and
# ARM1176JZF-S models, keeps its condition and changes nothing first.
#
# tests/tables/traps-arm is an ARM Linux program built with the cross
# compiler, so it cannot be an automake program (those use $(CC)): a plain
# rule builds it from the same table sources as the host library, and the
# test's log depends on it, so `make check` builds it on demand.

QEMU_TRAPS_BIN = tests/tables/traps-arm
QEMU_TRAPS_SRC = tests/tables/traps.c tests/tables/traps-tramp.S

TESTS += tests/tables/qemu-traps.sh
EXTRA_DIST += tests/tables/qemu-traps.sh $(QEMU_TRAPS_SRC)
CLEANFILES += $(QEMU_TRAPS_BIN)

$(QEMU_TRAPS_BIN): $(QEMU_TRAPS_SRC) tables/armpv_tables.c \
		tables/armpv_tables.h $(TABLES_GEN)
	@$(MKDIR_P) tests/tables
	$(AM_V_GEN)$(ARM_CC) -static -O2 $(AM_CPPFLAGS) $(AM_CFLAGS) -o $@ \
	  $(srcdir)/tests/tables/traps.c $(srcdir)/tests/tables/traps-tramp.S \
	  $(srcdir)/tables/armpv_tables.c tables/armpv_tables_gen.c

tests/tables/qemu-traps.log: $(QEMU_TRAPS_BIN)
