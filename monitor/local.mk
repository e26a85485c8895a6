# SPDX-License-Identifier: GPL-2.0-or-later
# monitor/: the portable core (virtual CPU, emulation of the sensitive
# instructions and of CP15, guest memory), built hosted here; the
# freestanding build is checked by tests/monitor/freestanding.sh.
noinst_LIBRARIES += monitor/libarmpv-core.a
monitor_libarmpv_core_a_SOURCES = \
	monitor/core/armpv_core.h monitor/core/cp15.h monitor/core/mem.h \
	monitor/core/emulate.h \
	monitor/core/vcpu.c monitor/core/emulate.c monitor/core/cp15.c \
	monitor/core/mem.c monitor/core/access.c
monitor_libarmpv_core_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/monitor/core
CORE_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/monitor/core
CORE_LIBS = monitor/libarmpv-core.a $(TABLES_LIB)

# The process-level monitor (docs/process-monitor.md): an ARM Linux
# program, so a plain rule builds it with the cross compiler from the same
# core and tables sources.  Linked high (0x70000000) so guest RAM can sit at
# address 0 of the process.
ARMPV_RUN = monitor/armpv-run
ARMPV_RUN_SRC = monitor/process/armpv-run.c monitor/core/armpv_hypercall.h
CORE_ARM_SRC = monitor/core/vcpu.c monitor/core/emulate.c \
	monitor/core/cp15.c monitor/core/mem.c monitor/core/access.c \
	tables/armpv_tables.c
EXTRA_DIST += $(ARMPV_RUN_SRC)
CLEANFILES += $(ARMPV_RUN)
# Installed where its ABI is named (README.md "Installing"): a static ARM
# EABI Linux program, run by qemu-arm on other hosts.  A script to
# automake, so that install-strip leaves it to the ARM strip.
armpvrundir = $(pkglibexecdir)/arm-linux-gnueabi
armpvrun_SCRIPTS = $(ARMPV_RUN)

$(ARMPV_RUN): $(ARMPV_RUN_SRC) $(CORE_ARM_SRC) $(monitor_libarmpv_core_a_SOURCES) \
		tables/armpv_tables.h $(TABLES_GEN)
	@$(MKDIR_P) monitor
	$(AM_V_GEN)$(ARM_CC) -static -O2 -Wl,-Ttext-segment=0x70000000 \
	  $(CORE_CPPFLAGS) $(AM_CFLAGS) -o $@ \
	  $(srcdir)/monitor/process/armpv-run.c \
	  $(addprefix $(srcdir)/,$(CORE_ARM_SRC)) tables/armpv_tables_gen.c
