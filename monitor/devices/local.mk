# SPDX-License-Identifier: GPL-2.0-or-later
# monitor/devices/: portable models of the devices a guest sees (versatilepb
# and BCM2835 boards)
# (docs/devices.md), built hosted here for the unit tests; the freestanding
# build is checked by tests/monitor/freestanding.sh.
noinst_LIBRARIES += monitor/devices/libarmpv-devices.a
monitor_devices_libarmpv_devices_a_SOURCES = \
	monitor/devices/devmath.h monitor/devices/devmap.h \
	monitor/devices/pl011.h monitor/devices/pl011.c \
	monitor/devices/pl190.h monitor/devices/pl190.c \
	monitor/devices/sic.h monitor/devices/sic.c \
	monitor/devices/sp804.h monitor/devices/sp804.c \
	monitor/devices/sysctl.h monitor/devices/sysctl.c \
	monitor/devices/versatile.h monitor/devices/versatile.c \
	monitor/devices/bcm2835-intc.h monitor/devices/bcm2835-intc.c \
	monitor/devices/bcm2835-systimer.h monitor/devices/bcm2835-systimer.c \
	monitor/devices/bcm2835-pm.h monitor/devices/bcm2835-pm.c \
	monitor/devices/bcm2835.h monitor/devices/bcm2835.c
DEVICES_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/monitor/devices
DEVICES_LIBS = monitor/devices/libarmpv-devices.a
