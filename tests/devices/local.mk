# SPDX-License-Identifier: GPL-2.0-or-later
# Tests of the device models (monitor/devices/): Check unit tests with
# expected values from the TRMs and manuals (docs/devices.md):
# check_devices for versatilepb's, check_bcm2835 for the BCM2835's.

check_PROGRAMS += tests/devices/check_devices
TESTS += tests/devices/check_devices

tests_devices_check_devices_SOURCES = tests/devices/check_devices.c
tests_devices_check_devices_CPPFLAGS = $(DEVICES_CPPFLAGS) $(CORE_CPPFLAGS)
tests_devices_check_devices_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_devices_check_devices_LDADD = $(DEVICES_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/devices/check_bcm2835
TESTS += tests/devices/check_bcm2835

tests_devices_check_bcm2835_SOURCES = tests/devices/check_bcm2835.c
tests_devices_check_bcm2835_CPPFLAGS = $(DEVICES_CPPFLAGS) $(CORE_CPPFLAGS)
tests_devices_check_bcm2835_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_devices_check_bcm2835_LDADD = $(DEVICES_LIBS) $(CHECK_LIBS)
