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
# transcripts of a CPU must be identical.  Then both builds for raspi0
# (-DBOARD_BCM2835, plat-bcm2835.S) natively on -M raspi0: each
# transcript must equal the versatilepb -cpu arm1176 one of its build,
# and each armpv-bm raspi0 run's the native raspi0 one (lib.sh
# bm_compare_boards; ARMPV_BM_RASPI0=no: not run).  Skipped (77) without qemu-system-arm.
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
	# Kept for the raspi0 comparison.
	test $cpu = arm1176 &&
		cp "$out/native-arm1176.checks" "$out/native-$guest.checks"
done

bm_set_board raspi0
for guest in robust-guest robust-v6; do
	case $guest in
	robust-v6) bm_arch=armv6 ;;
	*) bm_arch=armv5te ;;
	esac
	if ! bm_build_guest $guest-raspi0 robust-guest.c; then
		echo "FAIL: building $guest for raspi0" >&2
		exit 99
	fi
	if ! test -f "$out/native-$guest.checks"; then
		echo "FAIL: $guest: no versatilepb -cpu arm1176 transcript"
		status=1
	elif bm_run_guest_pair arm1176 "$out/$guest-raspi0.native.elf" \
		"$out/$guest-raspi0.rw.elf"; then
		cp "$out/native-$guest.checks" "$out/native-arm1176.checks"
		bm_compare_boards arm1176 "check lines ($guest)" 20 || status=1
	else
		status=1
	fi
done
exit $status
