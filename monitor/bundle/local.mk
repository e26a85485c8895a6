# SPDX-License-Identifier: GPL-2.0-or-later
# monitor/bundle/: armpv-bundle, the host tool that writes the guest bundle
# armpv-bm boots (docs/bundle.md).  It links the monitor's own device tree
# code (monitor/baremetal/fdt.c, built hosted here) so that it accepts
# exactly the trees the monitor accepts, and shares the format header
# armpv_bundle.h with the monitor.
bin_PROGRAMS += monitor/bundle/armpv-bundle
monitor_bundle_armpv_bundle_SOURCES = monitor/bundle/armpv-bundle.c \
	monitor/bundle/armpv_bundle.h monitor/bundle/bundle-tool.h \
	monitor/bundle/raw-kernel.c \
	monitor/baremetal/fdt.c monitor/baremetal/fdt.h
monitor_bundle_armpv_bundle_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/monitor/bundle -I$(top_srcdir)/monitor/baremetal
monitor_bundle_armpv_bundle_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
# The tables library classifies a zImage decompressor's code; zlib
# inflates its payload (raw-kernel.c).
monitor_bundle_armpv_bundle_LDADD = $(TABLES_LIB) $(ZLIB_LIBS)
$(monitor_bundle_armpv_bundle_OBJECTS): tables/armpv_tables_gen.h
