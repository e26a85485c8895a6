#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Shadow paging end to end: the MMU test guest (tests/baremetal/mmu-guest/,
# ARMv5TE, its own first-level table, a coarse table of small pages, a
# user task taking permission and translation faults, a page fault
# handled by mapping a page, a remap after a TLB invalidation, remapping
# by size, context switches between two first-level tables with one's
# tables changed while the other runs (a page moved, one removed, a
# section replaced by a coarse table, a table pointer replaced, a page
# of a table both share moved: armpv-bm keeps its shadow tables over
# the switches and must see each change), and on the ARM926EJ-S tiny
# pages out of place in a fine table, which armpv-bm must emulate) runs
# unrewritten in SVC natively on versatilepb (plat-versatile.S) and
# rewritten under armpv-bm (plat-armpv.S), on -cpu arm926 and -cpu
# arm1176 (SCTLR.XP = 0).  Each run must exit 0 with "N passed, 0 failed"
# and no "not ok", and the two transcripts of a CPU must be identical
# (the lines matching ^(ok|not ok|[0-9]+ passed), as tests/process/
# compare.sh).  Then the same guest built for raspi0 (-DBOARD_BCM2835,
# plat-bcm2835.S) runs natively on -M raspi0: its transcript must equal
# the versatilepb -cpu arm1176 one, and its armpv-bm raspi0 run's the
# native raspi0 one (lib.sh bm_compare_boards; ARMPV_BM_RASPI0=no: not
# run).  Skipped (77) without
# qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm).
. "$top_srcdir/tests/baremetal/lib.sh"

bm_need_tools "$QEMU_SYSTEM_ARM"
src=$top_srcdir/tests/baremetal/mmu-guest
out=$top_builddir/tests/baremetal/mmu
bm_need_built "$bm_rewriter" "$bm_monitor"
mkdir -p "$out" || exit 99

if ! bm_build_guest mmu-guest mmu-guest.c; then
	echo "FAIL: building the MMU test guest" >&2
	exit 99
fi

bm_set_timeout 60
status=0
for cpu in arm926 arm1176; do
	bm_run_guest_pair $cpu "$out/mmu-guest.native.elf" \
		"$out/mmu-guest.rw.elf" || {
		status=1
		continue
	}
	bm_compare_transcripts $cpu 'check lines' 20 || status=1
	# The ARM926EJ-S run has tiny pages out of place: emulated.
	if test $cpu = arm926 &&
	   ! grep -aq '^armpv-bm: shadow paging: .* [1-9][0-9]* tiny-page accesses emulated$' \
		"$out/bm-$cpu.log"; then
		echo "FAIL: $cpu: no tiny-page access emulated"
		status=1
	fi
done

bm_set_board raspi0
if ! bm_build_guest mmu-guest-raspi0 mmu-guest.c; then
	echo "FAIL: building the MMU test guest for raspi0" >&2
	exit 99
fi
if bm_run_guest_pair arm1176 "$out/mmu-guest-raspi0.native.elf" \
	"$out/mmu-guest-raspi0.rw.elf"; then
	bm_compare_boards arm1176 'check lines' 20 || status=1
else
	status=1
fi
exit $status
