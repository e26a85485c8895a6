#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/sysfuzz/check.sh -- the whole-system fuzzer's bounded run in make
# check (docs/fuzzing.md): fuzz.sh on fixed seeds, on versatilepb with
# -cpu arm926 and -cpu arm1176 and on raspi0, then the regression set
# (regress.list: each entry's guest must still hold its PATTERN, and
# pass).  Each seed: a guest built, run natively and under armpv-bm, the
# transcripts identical.  SYSFUZZ_SEEDS (default 3) seeds per
# configuration, from 1 (0: the regression set only).  Skipped (77)
# without qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM, PYTHON (python3).
: "${PYTHON:=python3}"
fuzz="${SHELL:-/bin/sh} $top_srcdir/tests/sysfuzz/fuzz.sh"
list=$top_srcdir/tests/sysfuzz/regress.list
out=$top_builddir/tests/sysfuzz/check
seeds=$(seq 1 "${SYSFUZZ_SEEDS:-3}")
status=0

# run ARGS...: fuzz.sh ARGS; 77 and 99 end the test with that status.
run() {
	$fuzz -o "$out" "$@"
	rc=$?
	case $rc in
	0) ;;
	77 | 99) exit $rc ;;
	*) status=1 ;;
	esac
}

if test -n "$seeds"; then
	run -b versatilepb -c arm926 $seeds
	run -b versatilepb -c arm1176 $seeds
	run -b raspi0 -c arm1176 $seeds
fi

n=0
while read -r board cpu steps seed pattern opts; do
	case $board in
	'#'* | '') continue ;;
	esac
	n=$((n + 1))
	# shellcheck disable=SC2086 # opts: fuzz.sh options, split
	run -b "$board" -c "$cpu" -n "$steps" $opts "$seed" </dev/null
	guest=$out/$board-$cpu-$seed/guest.S
	if ! grep -Eq -- "$pattern" "$guest"; then
		echo "FAIL: regression $board $cpu $seed: the guest no longer holds '$pattern' (gen.py changed: choose the entry again, docs/fuzzing.md)"
		status=1
	fi
done <"$list"
echo "regression set: $n entries"
exit $status
