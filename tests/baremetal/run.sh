#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The bare-metal monitor end to end: the process test kernels (built and
# rewritten by tests/process/build.sh, PLAT=armpv) boot under armpv-bm on
# qemu-system-arm -M versatilepb (-cpu arm926: kern-v5; -cpu arm1176:
# kern-v6), the guest passed in with -initrd.  Each run must exit 0
# (semihosting), end with "N passed, 0 failed", have no "not ok", and
# print the same check lines as armpv-run prints for the same kernel
# (tests/process/kern-v*.log, or armpv-run run here when that log is
# missing).  Then each again with armpv.profile, which turns the SWI
# fast path off: the checks and every statistic must be the same, the
# fast path having taken some MRS (and, on ARMv6, CPS) traps.  Then
# kern-v6 under armpv-bm on -M raspi0, with the same transcript as
# armpv-run's (ARMPV_BM_RASPI0=no: a NOT RUN line instead; lib.sh).
# tests/process/native.sh runs kern-v6 natively on raspi0.  Skipped (77) without qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC,
# QEMU_ARM; QEMU_SYSTEM_ARM (default qemu-system-arm).
. "$top_srcdir/tests/baremetal/lib.sh"
: "${QEMU_ARM:=qemu-arm}"
export top_srcdir top_builddir ARM_CC

bm_need_tools "$QEMU_SYSTEM_ARM"
run=$top_builddir/monitor/armpv-run
bm_need_built "$bm_rewriter" "$bm_monitor"
# Our own copy of the kernels: tests/process/run.sh may be rebuilding its
# own at the same time.
out=$top_builddir/tests/baremetal
bm_build_process_kernels "$out/kern" || exit 99
bm_set_timeout 120

status=0
for model in arm926:v5 arm1176:v6; do
	cpu=${model%%:*}
	v=${model#*:}
	log=$out/kern-$v.log
	ref=$top_builddir/tests/process/kern-$v.log
	echo "== $QEMU_SYSTEM_ARM -M versatilepb -cpu $cpu -kernel armpv-bm.bin -initrd kern-$v.rw.elf"
	bm_qemu -cpu "$cpu" -semihosting -kernel "$bm_monitor" \
		-initrd "$out/kern/kern-$v.rw.elf" >"$log" 2>/dev/null
	rc=$?
	cat "$log"
	if test $rc -ne 0; then
		echo "FAIL: kern-$v under armpv-bm on -cpu $cpu: status $rc"
		status=1
		continue
	elif grep -q '^not ok' "$log"; then
		echo "FAIL: kern-$v under armpv-bm on -cpu $cpu has failing checks"
		status=1
		continue
	elif test "$(tail -n 10 "$log" | grep -c '^[0-9]* passed, 0 failed$')" -ne 1 ||
	     ! bm_transcript "$log" | tail -n 1 | grep -q '^[0-9]* passed, 0 failed$'; then
		echo "FAIL: kern-$v under armpv-bm on -cpu $cpu: no final summary"
		status=1
		continue
	fi
	if test ! -f "$ref"; then
		ref=$out/kern-$v.armpv-run.log
		if test ! -x "$run" || ! command -v "$QEMU_ARM" >/dev/null 2>&1; then
			echo "$0: no tests/process/kern-$v.log, and cannot run armpv-run" >&2
			exit 99
		fi
		$bm_tmo "$QEMU_ARM" -cpu "$cpu" "$run" "$out/kern/kern-$v.rw.elf" \
			>"$ref" 2>&1
	fi
	bm_transcript "$ref" >"$out/kern-$v.ref.checks"
	bm_transcript "$log" >"$out/kern-$v.bm.checks"
	if ! test -s "$out/kern-$v.ref.checks"; then
		echo "FAIL: $ref holds no checks"
		status=1
	elif ! diff -u "$out/kern-$v.ref.checks" "$out/kern-$v.bm.checks"; then
		echo "FAIL: kern-$v: armpv-bm and armpv-run transcripts differ"
		status=1
	else
		echo "PASS: kern-$v on -cpu $cpu: $(wc -l <"$out/kern-$v.bm.checks") check lines, identical to armpv-run ($ref)"
	fi

	# The SWI fast path (vectors.S) against the C path: armpv.profile
	# sends every trap through C.  These kernels take no timer, so the
	# two runs must agree on every check and every count.
	plog=$out/kern-$v.slow.log
	bm_qemu -cpu "$cpu" -semihosting -kernel "$bm_monitor" \
		-initrd "$out/kern/kern-$v.rw.elf" -append armpv.profile \
		>"$plog" 2>/dev/null
	rc=$?
	counts='^(ok|not ok|[0-9]+ passed|armpv-bm: ([0-9]+ traps|virtual exceptions|shadow paging|devices):)'
	fast=$(grep -a '^armpv-bm: of those, by the SWI fast path:' "$log")
	slow=$(grep -a '^armpv-bm: of those, by the SWI fast path:' "$plog")
	if test $rc -ne 0; then
		echo "FAIL: kern-$v on -cpu $cpu with armpv.profile: status $rc"
		status=1
	elif ! grep -aE "$counts" "$log" >"$out/kern-$v.fast.counts" ||
	     ! grep -aE "$counts" "$plog" >"$out/kern-$v.slow.counts" ||
	     ! diff -u "$out/kern-$v.fast.counts" "$out/kern-$v.slow.counts"; then
		echo "FAIL: kern-$v on -cpu $cpu: the SWI fast path and the C path disagree (fast '-', C '+')"
		status=1
	elif ! echo "$fast" | grep -q ' mrs [1-9]' ||
	     { test $v = v6 && ! echo "$fast" | grep -q ' cps [1-9]'; } ||
	     ! echo "$slow" | grep -q ' mrs 0 msr 0 cps 0$'; then
		echo "FAIL: kern-$v on -cpu $cpu: fast path counts: '$fast'; with armpv.profile: '$slow'"
		status=1
	else
		echo "PASS: kern-$v on -cpu $cpu: SWI fast path ($fast) and C path: the same checks and counts"
	fi
done

# raspi0: kern-v6 (ARM1176) under armpv-bm, against armpv-run's.
bm_set_board raspi0
if test "$bm_raspi0_monitor" != yes; then
	echo "NOT RUN: kern-v6 under armpv-bm on raspi0 (ARMPV_BM_RASPI0=no)"
elif ! bm_run_guest kern-v6-raspi0 arm1176 -kernel "$bm_monitor" \
	-initrd "$out/kern/kern-v6.rw.elf"; then
	status=1
elif ! diff -u "$out/kern-v6.ref.checks" "$out/kern-v6-raspi0.checks"; then
	echo "FAIL: kern-v6 on raspi0: armpv-bm and armpv-run transcripts differ"
	status=1
else
	echo "PASS: kern-v6 on raspi0: $(wc -l <"$out/kern-v6-raspi0.checks") check lines, identical to armpv-run"
fi
exit $status
