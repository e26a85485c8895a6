# SPDX-License-Identifier: GPL-2.0-or-later
# The bare-metal monitor (docs/baremetal-monitor.md): a freestanding ARM
# image for qemu-system-arm -M versatilepb, built like armpv-run by a plain
# rule with the cross compiler, from its own sources and the same core and
# tables sources.  -nostdlib and no libgcc: the link fails if anything but
# what we define (memcpy/memmove/memset included) is needed.
ARMPV_BM = monitor/armpv-bm.elf
ARMPV_BM_BIN = monitor/armpv-bm.bin
ARMPV_BM_SRC = monitor/baremetal/head.S monitor/baremetal/vectors.S \
	monitor/baremetal/run.c monitor/baremetal/boot.c \
	monitor/baremetal/loader.c monitor/baremetal/bundle.c \
	monitor/baremetal/fdt.c monitor/baremetal/fdt-filter.c \
	monitor/baremetal/fdt-bcm2835.c monitor/baremetal/vfp.c \
	monitor/baremetal/mmu.c \
	monitor/baremetal/shadow.c monitor/baremetal/cache.c \
	monitor/baremetal/board.c \
	monitor/baremetal/board-versatile.c monitor/baremetal/board-bcm2835.c \
	monitor/baremetal/board-time.c \
	monitor/baremetal/uart-rx.c \
	monitor/baremetal/console.c monitor/baremetal/string.c
# The device models the guest sees (docs/devices.md), built freestanding.
ARMPV_BM_DEV_SRC = monitor/devices/pl011.c monitor/devices/pl190.c \
	monitor/devices/sic.c monitor/devices/sp804.c monitor/devices/sysctl.c \
	monitor/devices/versatile.c monitor/devices/bcm2835.c \
	monitor/devices/bcm2835-intc.c monitor/devices/bcm2835-systimer.c \
	monitor/devices/bcm2835-pm.c
ARMPV_BM_DEPS = $(ARMPV_BM_SRC) monitor/baremetal/bm.h monitor/baremetal/board.h \
	monitor/baremetal/board-time.h \
	monitor/baremetal/fdt.h monitor/baremetal/fdt-filter.h \
	monitor/baremetal/fdt-bcm2835.h \
	monitor/devices/devmap.h monitor/bundle/armpv_bundle.h \
	monitor/baremetal/bm.ld monitor/baremetal/local.mk
# -fno-tree-loop-distribute-patterns: string.c's loops must not become
# calls to memset/memcpy themselves.
ARMPV_BM_CFLAGS = -std=c11 -O2 -g -march=armv5te -marm -mfloat-abi=soft \
	-ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables \
	-fno-unwind-tables -Wa,--noexecstack $(WARN_CFLAGS)
EXTRA_DIST += $(ARMPV_BM_DEPS)
CLEANFILES += $(ARMPV_BM) $(ARMPV_BM_BIN)
# Installed in $(pkgdatadir) (README.md "Installing"): one image for both
# boards (it finds its board from the device tree or ATAGs it is booted
# with: docs/baremetal-monitor.md "Boards"), and
# its ELF, with debug information (-g: the image is the same), for gdb
# and objdump.
pkgdata_DATA = $(ARMPV_BM_BIN) $(ARMPV_BM)

$(ARMPV_BM): $(ARMPV_BM_DEPS) $(CORE_ARM_SRC) \
		$(monitor_devices_libarmpv_devices_a_SOURCES) \
		$(monitor_libarmpv_core_a_SOURCES) tables/armpv_tables.h \
		monitor/core/armpv_hypercall.h $(TABLES_GEN)
	@$(MKDIR_P) monitor
	$(AM_V_GEN)$(ARM_CC) $(ARMPV_BM_CFLAGS) $(CORE_CPPFLAGS) \
	  -I$(srcdir)/monitor/baremetal -I$(srcdir)/monitor/devices \
	  -I$(srcdir)/monitor/bundle \
	  -nostdlib -static -no-pie \
	  -T $(srcdir)/monitor/baremetal/bm.ld -Wl,--build-id=none \
	  -Wl,--no-warn-rwx-segments -o $@ \
	  $(addprefix $(srcdir)/,$(ARMPV_BM_SRC) $(ARMPV_BM_DEV_SRC) \
	    $(CORE_ARM_SRC)) \
	  tables/armpv_tables_gen.c

# The raw image QEMU (-kernel) and U-Boot load at physical 0x10000.
$(ARMPV_BM_BIN): $(ARMPV_BM)
	$(AM_V_GEN)$(ARM_OBJCOPY) -O binary $(ARMPV_BM) $@
