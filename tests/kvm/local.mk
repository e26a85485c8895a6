# SPDX-License-Identifier: GPL-2.0-or-later
# The comparison with KVM/ARM (docs/kvm.md): the same Linux workload and
# lmbench-style operations natively, under KVM nVHE and KVM VHE, counted
# in instructions under QEMU's -icount.  armpv-kvm (tests/kvm/vmm/) is a
# static aarch64 program built with the aarch64 cross compiler (configure's
# AARCH64_CC; not built without it: ARMPV_KVM), from its own source and
# the models armpv-bm uses (the PL011, the device-tree editor).
KVM_VMM = tests/kvm/armpv-kvm
KVM_VMM_SRC = tests/kvm/vmm/armpv-kvm.c monitor/baremetal/fdt.c \
	monitor/devices/pl011.c
KVM_VMM_DEPS = $(KVM_VMM_SRC) monitor/baremetal/fdt.h \
	monitor/devices/pl011.h tests/kvm/local.mk
EXTRA_DIST += tests/kvm/vmm/armpv-kvm.c tests/kvm/host-init tests/kvm/hvc-guest.S \
	tests/kvm/kvm-lib.sh tests/kvm/kvm-short.sh
if ARMPV_KVM
noinst_DATA = $(KVM_VMM)
CLEANFILES += $(KVM_VMM)
$(KVM_VMM): $(KVM_VMM_DEPS)
	@$(MKDIR_P) tests/kvm
	$(AM_V_GEN)$(AARCH64_CC) -std=c11 -O2 $(WARN_CFLAGS) -static \
	  -I$(srcdir)/monitor/baremetal -I$(srcdir)/monitor/devices -o $@ \
	  $(addprefix $(srcdir)/,$(KVM_VMM_SRC))
tests/kvm/kvm-short.log: $(KVM_VMM)
endif
# kvm-short.sh: a few operations and the hypercall natively, under KVM
# nVHE and under KVM VHE (four boots; skipped without the cross compiler
# or qemu-system-aarch64).
TESTS += tests/kvm/kvm-short.sh
# The full comparison (docs/kvm.md "Running it"): make bench-kvm, twelve
# QEMU runs (native, KVM and armpv-bm's on versatilepb and raspi0) and the
# bare-metal benchmark on both boards, about a quarter of an hour; writes
# docs/bench/kvm.tsv, kvm-comparison.tsv, kvm-comparison.svg and
# kvm-report.md.  A benchmark, not a test.
EXTRA_DIST += tests/kvm/bench-kvm.sh
bench-kvm: all
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		QEMU_ARM='$(QEMU_ARM)' ARM_CC='$(ARM_CC)' ARM_OBJCOPY='$(ARM_OBJCOPY)' \
		QEMU_SYSTEM_ARM='$(QEMU_SYSTEM_ARM)' AARCH64_CC='$(AARCH64_CC)' \
		QEMU_SYSTEM_AARCH64='$(QEMU_SYSTEM_AARCH64)' \
		sh '$(abs_top_srcdir)/tests/kvm/bench-kvm.sh'
.PHONY: bench-kvm
