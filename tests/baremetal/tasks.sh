#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The issue's test guest end to end (tests/baremetal/tasks-guest/,
# ARMv5TE): its own first-level tables, a kernel-mode phase that runs
# every ARMv5 form of the sensitive instructions and checks the results,
# two user tasks in separate address spaces, each taking a page fault its
# kernel handles by mapping a page, system calls, preemption by the SP804
# timer through the PL190 VIC, console on UART0's registers, exit by the
# system controller's reset.  It runs unrewritten in SVC natively on
# versatilepb and rewritten under armpv-bm, where the devices are the
# monitor's models driven by its real timer; on -cpu arm926 and -cpu
# arm1176 (SCTLR.XP = 0).  The same guest ELF serves both runs (no
# platform layer: it touches only the board).  Each run must exit 0 with
# "N passed, 0 failed" and no "not ok", and the two transcripts of a CPU
# must be identical (the lines matching ^(ok|not ok|[0-9]+ passed|task |# ):
# the checks and what the tasks write by system call).
#
# Coverage: the rewriter must find every armv5te row of the tables
# (armpv-tables list) among the guest's sites, and armpv-bm's statistics
# must show every armv5te instruction class trapped at least once, and
# MRS among those the SWI fast path took (vectors.S).  The
# guest's "info:" line (not compared) counts the data-processing
# exception returns that copied SPSR to CPSR: QEMU 7.2 does that for SUBS
# and MOVS only (docs/monitor-core.md "dp-s-pc"), the ARM ARM and
# armpv-bm for all 26 forms, which is required of the armpv-bm runs.
# Skipped (77) without qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm).
. "$top_srcdir/tests/baremetal/lib.sh"

bm_need_tools "$QEMU_SYSTEM_ARM"
tables=$top_builddir/tables/armpv-tables
src=$top_srcdir/tests/baremetal/tasks-guest
out=$top_builddir/tests/baremetal/tasks
bm_need_built "$bm_rewriter" "$bm_monitor" "$tables"
mkdir -p "$out" || exit 99

# One ELF for both runs (no platform layer), so not bm_build_guest.
if ! bm_compile_guest "" "" "$src/start.S" "$src/tasks-guest.c" \
	"$src/sensitive.S" "$src/test-sensitive.c" "$bm_proc/check.c" \
	"$bm_proc/banks.S" "$bm_proc/test-banks.c" "$bm_proc/uaccess.S" ||
   ! bm_link_guest "$bm_proc/kern.ld" "$out/tasks-guest.elf" ||
   ! bm_rewrite_guest "$out/tasks-guest.elf"; then
	echo "FAIL: building the multi-tasking test guest" >&2
	exit 99
fi

# Every armv5te row of the tables (class/form) must be a site of the guest.
rows=$("$tables" list |
	awk '$1 ~ /^[0-9]+$/ && $5 ~ /armv5te/ { print $3 "/" $4 }')
site='.*"class": "\([a-z_]*\)", "group": "[a-z]*", "form": "\([^"]*\)".*'
sites=$("$bm_rewriter" -n --json --arch armv5te "$out/tasks-guest.elf" |
	sed -n "s/$site/\\1\\/\\2/p" | sort -u)
classes=$(echo "$rows" | sed 's,/.*,,' | sort -u)
status=0
missing=
for r in $rows; do
	echo "$sites" | grep -qx "$r" || missing="$missing $r"
done
if test -z "$rows" || test -n "$missing"; then
	echo "FAIL: armv5te rows not in the guest:${missing:- (none listed)}"
	status=1
else
	echo "PASS: all $(echo "$rows" | wc -l) armv5te rows are guest sites"
fi

bm_set_timeout 120
# The transcript: the checks and what the tasks write by system call.
bm_transcript() {
	grep -aE '^(ok|not ok|[0-9]+ passed|task |# )' "$1"
}

for cpu in arm926 arm1176; do
	bm_run_guest_pair $cpu "$out/tasks-guest.elf" \
		"$out/tasks-guest.rw.elf" || {
		status=1
		continue
	}
	# Every class trapped at least once under armpv-bm.
	traps=$(grep -a '^armpv-bm: [0-9]* traps:' "$out/bm-$cpu.log")
	for c in $classes; do
		if ! echo "$traps" | grep -q " $c [1-9]"; then
			echo "FAIL: $cpu: armpv-bm trapped no $c"
			status=1
		fi
	done
	# Its MRS CPSR traps went by the SWI fast path (vectors.S); its MSRs
	# change modes or fields the fast path leaves to C (run.sh covers it).
	if ! grep -aq '^armpv-bm: of those, by the SWI fast path: mrs [1-9]' \
		"$out/bm-$cpu.log"; then
		echo "FAIL: $cpu: armpv-bm: no MRS by the SWI fast path"
		status=1
	fi
	dp='^info: data-processing returns that copied SPSR to CPSR: 26 of 26$'
	if ! grep -aq "$dp" "$out/bm-$cpu.log"; then
		echo "FAIL: $cpu: armpv-bm: not every dp return copied SPSR"
		status=1
	fi
	if test "$(grep -c '^ok' "$out/native-$cpu.checks")" -lt 400; then
		echo "FAIL: $cpu: only $(grep -c '^ok' "$out/native-$cpu.checks") checks"
		status=1
	elif ! bm_compare_transcripts $cpu 'transcript lines'; then
		status=1
	fi
done
exit $status
