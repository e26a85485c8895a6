#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The robustness test guest (tests/baremetal/robust-guest/): things a
# guest kernel or user task may do that once stopped or hung armpv-bm --
# BKPT in the kernel and in user tasks (ARM and Thumb), Thumb loads from
# a device page with SCTLR.A (and on the ARM1176 U) set, an LDM/STM
# across two 1 KiB tiny pages of different frames (ARM926), a user
# task's LDRT from a device page, Thumb SWI and Thumb device loads --
# and, built for ARMv6 (-cpu arm1176 only), the user thread ID
# registers (TPIDRURO written by the kernel and read by a user task,
# TPIDRURW the other way).  Each run unrewritten natively on versatilepb
# (plat-versatile.S) and rewritten under armpv-bm (plat-armpv.S): it must
# exit 0 with "N passed, 0 failed" and no "not ok", and the two
# transcripts of a CPU must be identical.  Skipped (77) without
# qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm).
. "$top_srcdir/tests/baremetal/lib.sh"

bm_need_tools "$QEMU_SYSTEM_ARM"
src=$top_srcdir/tests/baremetal/robust-guest
out=$top_builddir/tests/baremetal/robust
bm_need_built "$bm_rewriter" "$bm_monitor"
mkdir -p "$out" || exit 99

if ! bm_build_guest robust-guest robust-guest.c; then
	echo "FAIL: building the robustness test guest" >&2
	exit 99
fi
bm_arch=armv6
if ! bm_build_guest robust-v6 robust-guest.c; then
	echo "FAIL: building the robustness test guest for ARMv6" >&2
	exit 99
fi

bm_set_timeout 30
status=0
for run in arm926:robust-guest arm1176:robust-guest arm1176:robust-v6; do
	cpu=${run%%:*} guest=${run#*:}
	bm_run_guest_pair $cpu "$out/$guest.native.elf" \
		"$out/$guest.rw.elf" || {
		status=1
		continue
	}
	bm_compare_transcripts $cpu "check lines ($guest)" 20 || status=1
done
exit $status
