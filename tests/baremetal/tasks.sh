#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The issue's test guest end to end (tests/baremetal/tasks-guest/): its
# own first-level tables, a kernel-mode phase that runs every ARMv5 form
# of the sensitive instructions and checks the results, two user tasks in
# separate address spaces, each taking a page fault its kernel handles by
# mapping a page, system calls, preemption by the SP804 timer through the
# PL190 VIC, the secondary interrupt controller's registers and the
# SP810 page Linux read-modify-writes, console on UART0's registers, exit
# by the system controller's reset.  It runs unrewritten in SVC natively on versatilepb
# and rewritten under armpv-bm, where the devices are the monitor's
# models driven by its real timer.  Built for ARMv5TE, it runs on -cpu
# arm926 and -cpu arm1176 (SCTLR.XP = 0); built for ARMv6 (its irq
# window with CPSIE/CPSID, and SRS and RFE checked too), on -cpu arm1176.
# The same guest ELF serves both runs of a build (no platform layer: it
# touches only the board).  Each run must exit 0 with "N passed, 0
# failed" and no "not ok", and the two transcripts of a CPU and build
# must be identical (the lines matching ^(ok|not ok|[0-9]+ passed|task
# |# ): the checks and what the tasks write by system call).
#
# Coverage: the rewriter must find every row of the tables for the
# build's architecture (armpv-tables list) among the guest's sites, and
# armpv-bm's statistics must show each of those instruction classes
# trapped at least once, and MRS and MSR (ARMv6: CPS) among those the SWI
# fast path took (vectors.S).  The guest's "info:" line (not compared)
# counts the data-processing exception returns that copied SPSR to CPSR:
# QEMU 7.2 does that for SUBS and MOVS only (docs/monitor-core.md
# "dp-s-pc"), the ARM ARM and armpv-bm for all 26 forms, which is
# required of the armpv-bm runs.
#
# raspi0: both builds again with -DBOARD_BCM2835 (the system timer's
# compare 1 through the armctrl, the PM watchdog's reset, the armctrl's
# registers instead of the SIC's and SP810's: tasks-guest.c) run
# natively on -M raspi0; each transcript, without the board's own
# register checks (sic:, sp810:, armctrl:) and renumbered, must equal
# the versatilepb -cpu arm1176 one of its build; and each runs under
# armpv-bm on raspi0 with the same checks as above (coverage of the
# raspi0 build, trap classes, fast path, dp returns, the transcript
# equal to the native raspi0 one; ARMPV_BM_RASPI0=no: not run, lib.sh).
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

# build ARCH NAME: the guest for ARCH (armv5te, armv6) into
# $out/NAME.elf and $out/NAME.rw.elf.  One ELF serves the native and the
# armpv-bm runs (no platform layer), so not bm_build_guest.
build() {
	bm_arch=$1
	bm_compile_guest "$1$bm_sfx-" "" "$src/start.S" "$src/tasks-guest.c" \
		"$src/sensitive.S" "$src/test-sensitive.c" "$bm_proc/check.c" \
		"$bm_proc/banks.S" "$bm_proc/test-banks.c" \
		"$bm_proc/uaccess.S" &&
	bm_link_guest "$bm_proc/kern.ld" "$out/$2.elf" &&
	bm_rewrite_guest "$out/$2.elf"
	bm_rc=$?
	bm_arch=armv5te
	return $bm_rc
}
if ! build armv5te tasks-guest || ! build armv6 tasks-guest-v6; then
	echo "FAIL: building the multi-tasking test guest" >&2
	exit 99
fi

# Every row of the tables (class/form) for ARCH must be a site of ELF;
# the classes in $classes.
status=0
site='.*"class": "\([a-z_]*\)", "group": "[a-z]*", "form": "\([^"]*\)".*'
coverage() {
	rows=$("$tables" list |
		awk -v a="$1" '$1 ~ /^[0-9]+$/ && $5 ~ a { print $3 "/" $4 }')
	sites=$("$bm_rewriter" -n --json --arch "$1" "$2" |
		sed -n "s/$site/\\1\\/\\2/p" | sort -u)
	classes=$(echo "$rows" | sed 's,/.*,,' | sort -u)
	missing=
	for r in $rows; do
		echo "$sites" | grep -qx "$r" || missing="$missing $r"
	done
	if test -z "$rows" || test -n "$missing"; then
		echo "FAIL: $1 rows not in the guest:${missing:- (none listed)}"
		status=1
	else
		echo "PASS: all $(echo "$rows" | wc -l) $1 rows are guest sites"
	fi
}

bm_set_timeout 120
# The transcript: the checks and what the tasks write by system call.
bm_transcript() {
	grep -aE '^(ok|not ok|[0-9]+ passed|task |# )' "$1"
}

# run LABEL CPU ELF FAST-CLASS: the native run and the armpv-bm run of
# ELF (and its .rw.elf) on CPU, logs named after LABEL; every class of
# $classes trapped, FAST-CLASS among the fast path's, the transcripts
# identical.
run() {
	bm_run_guest "native-$1" "$2" -kernel "$out/$3.elf" &&
	bm_run_guest "bm-$1" "$2" -kernel "$bm_monitor" \
		-initrd "$out/$3.rw.elf" || {
		status=1
		return
	}
	# Every class trapped at least once under armpv-bm.
	traps=$(grep -a '^armpv-bm: [0-9]* traps:' "$out/bm-$1.log")
	for c in $classes; do
		if ! echo "$traps" | grep -q " $c [1-9]"; then
			echo "FAIL: $1: armpv-bm trapped no $c"
			status=1
		fi
	done
	# Its MRS CPSR traps, and the irq_window()'s re-masking (MSR CPSR_c
	# on ARMv5, CPSID on ARMv6), went by the SWI fast path (vectors.S).
	fast=$(grep -a '^armpv-bm: of those, by the SWI fast path:' \
		"$out/bm-$1.log")
	if ! echo "$fast" | grep -q ' mrs [1-9]' ||
	   ! echo "$fast" | grep -q " $4 [1-9]"; then
		echo "FAIL: $1: armpv-bm: want MRS and $4 by the SWI fast path: $fast"
		status=1
	fi
	dp='^info: data-processing returns that copied SPSR to CPSR: 26 of 26$'
	if ! grep -aq "$dp" "$out/bm-$1.log"; then
		echo "FAIL: $1: armpv-bm: not every dp return copied SPSR"
		status=1
	fi
	if test "$(grep -c '^ok' "$out/native-$1.checks")" -lt 400; then
		echo "FAIL: $1: only $(grep -c '^ok' "$out/native-$1.checks") checks"
		status=1
	elif ! bm_compare_transcripts "$1" 'transcript lines'; then
		status=1
	fi
}

coverage armv5te "$out/tasks-guest.elf"
run arm926 arm926 tasks-guest msr
run arm1176 arm1176 tasks-guest msr
coverage armv6 "$out/tasks-guest-v6.elf"
run arm1176-v6 arm1176 tasks-guest-v6 cps

# raspi0.  The boards' own register checks are left out of the
# comparison, the rest renumbered (and the summary recounted).
bm_board_transcript() {
	grep -aEv '^(not )?ok [0-9]+ - (sic|sp810|armctrl): ' "$1" |
	sed 's/timer pending at the armctrl$/timer pending at the VIC/' |
	awk '/^(not )?ok [0-9]+ - / {
		n++
		if ($1 == "not")
			f++
		sub(/ok [0-9]+ - /, "ok " n " - ")
	}
	/^[0-9]+ passed, [0-9]+ failed$/ {
		$0 = n - f " passed, " f " failed"
	}
	{ print }'
}
bm_set_board raspi0
if ! build armv5te tasks-guest-raspi0 ||
   ! build armv6 tasks-guest-v6-raspi0; then
	echo "FAIL: building the multi-tasking test guest for raspi0" >&2
	exit 99
fi
for r in armv5te:arm1176:tasks-guest-raspi0:msr \
	armv6:arm1176-v6:tasks-guest-v6-raspi0:cps; do
	arch=${r%%:*} fast=${r##*:}
	r=${r#*:}
	label=${r%%:*} elf=${r#*:}
	elf=${elf%:*}
	if test "$bm_raspi0_monitor" = yes; then
		coverage "$arch" "$out/$elf.elf"
		run "$label-raspi0" arm1176 "$elf" "$fast"
		test -f "$out/native-$label-raspi0.checks" || continue
	elif ! bm_run_guest "native-$label-raspi0" arm1176 \
		-kernel "$out/$elf.elf"; then
		status=1
		continue
	else
		echo "NOT RUN: $label-raspi0 under armpv-bm (ARMPV_BM_RASPI0=no)"
	fi
	if grep -q '^[0-9]* passed' "$out/native-$label.checks"; then
		bm_compare_native_boards "$label" 'transcript lines' 400 ||
			status=1
	else
		echo "FAIL: $label: no versatilepb transcript to compare with"
		status=1
	fi
done
exit $status
