# SPDX-License-Identifier: GPL-2.0-or-later
# monitor/: the portable core (virtual CPU, emulation of the sensitive
# instructions and of CP15, guest memory), built hosted here; the
# freestanding build is checked by tests/monitor/freestanding.sh.
noinst_LIBRARIES += monitor/libarmpv-core.a
monitor_libarmpv_core_a_SOURCES = \
	monitor/core/armpv_core.h monitor/core/cp15.h monitor/core/mem.h \
	monitor/core/emulate.h \
	monitor/core/vcpu.c monitor/core/emulate.c monitor/core/cp15.c \
	monitor/core/mem.c
monitor_libarmpv_core_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/monitor/core
CORE_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/monitor/core
CORE_LIBS = monitor/libarmpv-core.a $(TABLES_LIB)
