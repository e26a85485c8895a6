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

# Caches (mmu-guest.c caches(), ARM926EJ-S): the shadow entries carry the
# guest's C and B (C while its SCTLR.C is set), its cache operations are
# run, LDRT/STRT through the uncached window clean their lines first;
# with armpv.cache=off none of it, and the same transcript.
# bm_cache_count LOG FIELD-REGEX: the number before FIELD-REGEX on LOG's
# caches line.
bm_cache_count() {
	sed -n "s/^armpv-bm: caches: .*[^0-9]\([0-9][0-9]*\) $2.*/\1/p" "$1"
}
cache_check() { # LOG WHAT MIN MAX REGEX
	n=$(bm_cache_count "$1" "$5")
	if test -z "$n" || test "$n" -lt "$3" || test "$n" -gt "$4"; then
		echo "FAIL: arm926 caches: $2: '$n', want $3 to $4"
		status=1
	else
		echo "PASS: arm926 caches: $2: $n"
	fi
}
log=$out/bm-arm926.log
if ! grep -aq '^armpv-bm: caches: .*; guest RAM cacheable$' "$log"; then
	echo "FAIL: arm926: guest RAM not cacheable by default"
	status=1
fi
cache_check "$log" "operations by MVA (3 a page, 4 more)" 16 16 'by MVA,'
cache_check "$log" "whole D-cache invalidations" 1 1 'whole D-cache'
cache_check "$log" "set/way, I-cache, drain" 4 100 'other'
cache_check "$log" "lines cleaned for LDRT/STRT" 8 100 'lines cleaned'
cache_check "$log" "changes cached <-> uncached" 2 2 'changes cached'
if ! grep -aq '^armpv-bm: caches: pages filled cached [2-9][0-9]*, buffered only [1-9][0-9]*;' "$log"; then
	echo "FAIL: arm926: the pages of C and B 11, 10 and 01 not filled so"
	status=1
fi
if bm_run_guest bm-arm926-nocache arm926 -kernel "$bm_monitor" \
	-initrd "$out/mmu-guest.rw.elf" -append armpv.cache=off; then
	if diff -u "$out/bm-arm926.checks" "$out/bm-arm926-nocache.checks" &&
	   grep -aq '^armpv-bm: caches: pages filled cached 0, buffered only 0; guest cache operations run: 0 by MVA, 0 whole D-cache, 0 other, 0 by the C path; 0 lines cleaned for the core; 0 changes cached <-> uncached; guest RAM uncached$' \
		"$out/bm-arm926-nocache.log"; then
		echo "PASS: arm926: armpv.cache=off: the same transcript, nothing cached or run"
	else
		echo "FAIL: arm926: armpv.cache=off"
		status=1
	fi
else
	status=1
fi

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
