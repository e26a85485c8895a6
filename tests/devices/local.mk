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

# Differential check against QEMU's raspi0 (bcm2835-qemu.sh): the probe
# built hosted against the models; the script builds it natively too.
check_PROGRAMS += tests/devices/bcm2835-probe
tests_devices_bcm2835_probe_SOURCES = tests/devices/bcm2835-probe.c
tests_devices_bcm2835_probe_CPPFLAGS = $(DEVICES_CPPFLAGS) -DPROBE_HOSTED
tests_devices_bcm2835_probe_LDADD = $(DEVICES_LIBS)
TESTS += tests/devices/bcm2835-qemu.sh
EXTRA_DIST += tests/devices/bcm2835-qemu.sh \
	tests/devices/bcm2835-probe-start.S
