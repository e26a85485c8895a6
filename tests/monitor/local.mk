# SPDX-License-Identifier: GPL-2.0-or-later
# Tests of the monitor core: Check unit tests per part, the differential
# test against Unicorn's ARM926/ARM1176 models, and the freestanding build.

check_PROGRAMS += tests/monitor/check_cp15 tests/monitor/check_mem \
	tests/monitor/check_emulate tests/monitor/check_access
TESTS += tests/monitor/check_cp15 tests/monitor/check_mem \
	tests/monitor/check_emulate tests/monitor/check_access

tests_monitor_check_cp15_SOURCES = tests/monitor/check_cp15.c
tests_monitor_check_cp15_CPPFLAGS = $(CORE_CPPFLAGS)
tests_monitor_check_cp15_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_monitor_check_cp15_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

tests_monitor_check_mem_SOURCES = tests/monitor/check_mem.c
tests_monitor_check_mem_CPPFLAGS = $(CORE_CPPFLAGS)
tests_monitor_check_mem_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_monitor_check_mem_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

tests_monitor_check_emulate_SOURCES = tests/monitor/check_emulate.c
tests_monitor_check_emulate_CPPFLAGS = $(CORE_CPPFLAGS)
tests_monitor_check_emulate_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_monitor_check_emulate_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

tests_monitor_check_access_SOURCES = tests/monitor/check_access.c
tests_monitor_check_access_CPPFLAGS = $(CORE_CPPFLAGS)
tests_monitor_check_access_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_monitor_check_access_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

# Differential test against Unicorn: fixed seed here; a soak run with
# ARMPV_DIFF_STATES / ARMPV_DIFF_SEED (docs/monitor-core.md).
check_PROGRAMS += tests/monitor/diff_unicorn
tests_monitor_diff_unicorn_SOURCES = tests/monitor/diff_unicorn.c
tests_monitor_diff_unicorn_CPPFLAGS = $(CORE_CPPFLAGS)
tests_monitor_diff_unicorn_CFLAGS = $(AM_CFLAGS) $(UNICORN_CFLAGS)
tests_monitor_diff_unicorn_LDADD = $(CORE_LIBS) $(UNICORN_LIBS) -lpthread
TESTS += tests/monitor/diff-unicorn.sh
EXTRA_DIST += tests/monitor/diff-unicorn.sh

# The core must build freestanding for ARM (the bare-metal monitor).
TESTS += tests/monitor/freestanding.sh
EXTRA_DIST += tests/monitor/freestanding.sh

# Benchmarks (not tests): host-side emulation rate per class.
noinst_PROGRAMS += tests/monitor/bench_core
tests_monitor_bench_core_SOURCES = tests/monitor/bench_core.c
tests_monitor_bench_core_CPPFLAGS = $(CORE_CPPFLAGS)
tests_monitor_bench_core_LDADD = $(CORE_LIBS)
EXTRA_DIST += tests/monitor/bench_classes.h tests/monitor/bench-arm-count.sh \
	tests/monitor/bench_count_arm.c tests/monitor/bench_count_host.c
