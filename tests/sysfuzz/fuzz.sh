#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/sysfuzz/fuzz.sh -- the whole-system differential fuzzer's driver
# (docs/fuzzing.md): for each SEED, gen.py writes a random guest, which
# is built with start.S and runtime.c, run unrewritten natively on the
# board (qemu-system-arm) and rewritten by armpv-rewrite under armpv-bm;
# both runs must end ("sysfuzz end", status 0) and their transcripts
# (every step's digest) must be identical.
#
#   fuzz.sh [-b BOARD] [-c CPU] [-n STEPS] [-k KEEP] [-d DROP] [-i ITEMS]
#           [-o DIR] SEED...
#   fuzz.sh --soak DURATION [-b BOARD] [-c CPU] [-n STEPS] [-o DIR]
#
# BOARD versatilepb (default) or raspi0 (CPU arm1176 only); CPU arm926
# (default) or arm1176; STEPS per guest (default 24); KEEP and DROP are
# gen.py's --keep-steps and --drop-items (what reduce.py passes), ITEMS
# its --keep-items (the regression list's short form).  DIR
# (default $top_builddir/tests/sysfuzz/out) gets each seed's files in
# BOARD-CPU-SEED/: guest.S, the ELFs, native.log, bm.log, their
# transcripts and the diff.  --soak runs new seeds (from the time and
# the process id) until DURATION (30s, 10m, 2h) is up and prints each
# failing seed.  A failure prints a line
#
#   FAIL: SEED (board, cpu): what -- repro: tests/sysfuzz/fuzz.sh ...
#
# Status: 0 every seed passed; 1 a seed failed (the monitor, or a
# native run that did not finish: a generator fault, said so); 77
# qemu-system-arm missing; 99 a tool or build product missing or a
# guest that does not build.
#
# Environment: top_srcdir and top_builddir (default: this script's
# tree and its build/), ARM_CC, QEMU_SYSTEM_ARM, PYTHON (python3);
# SYSFUZZ_TIMEOUT, each QEMU run's limit in seconds (default 120);
# SYSFUZZ_GEN_FLAGS, more gen.py options (--no-raspi0-irq).

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
: "${PYTHON:=python3}"
. "$top_srcdir/tests/baremetal/lib.sh"

board=versatilepb cpu=arm926 steps=24 keep= drop= items= soak= outdir=
while test $# -gt 0; do
	case $1 in
	-b) board=$2; shift 2 ;;
	-c) cpu=$2; shift 2 ;;
	-n) steps=$2; shift 2 ;;
	-k) keep=$2; shift 2 ;;
	-d) drop=$2; shift 2 ;;
	-i) items=$2; shift 2 ;;
	-o) outdir=$2; shift 2 ;;
	--soak) soak=$2; shift 2 ;;
	-*) echo "$0: unknown option $1" >&2; exit 99 ;;
	*) break ;;
	esac
done
: "${outdir:=$top_builddir/tests/sysfuzz/out}"
if test -z "$soak" && test $# -eq 0; then
	echo "usage: $0 [-b BOARD] [-c CPU] [-n STEPS] SEED... | --soak DURATION" >&2
	exit 99
fi
case $cpu in
arm926) bm_arch=armv5te ;;
arm1176) bm_arch=armv6 ;;
*) echo "$0: unknown CPU $cpu" >&2; exit 99 ;;
esac
bm_set_board "$board"
bm_need_tools "$QEMU_SYSTEM_ARM" "$ARM_CC" "$PYTHON"
bm_need_built "$bm_rewriter" "$bm_monitor"
bm_set_timeout ${SYSFUZZ_TIMEOUT:-120}
src=$top_srcdir/tests/sysfuzz

# transcript LOG: the compared lines.
transcript() {
	grep -E '^(sysfuzz |step |bank |cp15 |exc |mem )' "$1"
}

# repro SEED: the command that runs SEED again as this run did.
repro() {
	printf 'tests/sysfuzz/fuzz.sh -b %s -c %s -n %s' "$board" "$cpu" "$steps"
	test -n "$keep" && printf ' -k %s' "$keep"
	test -n "$drop" && printf ' -d %s' "$drop"
	test -n "$items" && printf ' -i %s' "$items"
	printf ' %s\n' "$1"
}

# fail SEED WHAT: the failure line.
fail() {
	echo "FAIL: $1 ($board, $cpu): $2 -- repro: $(repro "$1")"
}

# build SEED: gen.py's guest for SEED, built twice (native: the board's
# entry; for armpv-bm: rewritten) in $out.  Status 99 on failure.
build() {
	"$PYTHON" "$src/gen.py" --board "$board" --cpu "$cpu" \
		--steps "$steps" \
		${keep:+--keep-steps "$keep"} ${drop:+--drop-items "$drop"} \
		${items:+--keep-items "$items"} $SYSFUZZ_GEN_FLAGS \
		-o "$out/guest.S" "$1" || return 99
	for kind in native bm; do
		flags=
		test $kind = native && flags=$(bm_native_cppflags $bm_plat)
		bm_compile_guest "$kind-" "$flags" "$src/start.S" \
			"$src/runtime.c" "$out/guest.S" &&
		bm_link_guest "$bm_proc/kern.ld" "$out/$kind.elf" || return 99
	done
	"$bm_rewriter" -q --arch "$bm_arch" \
		--user-code fz_user_start:fz_user_end \
		-o "$out/bm.rw.elf" "$out/bm.elf" || return 99
}

# one SEED: build, run both, compare.  Status 0 pass, 1 fail, 99 error.
one() {
	out=$outdir/$board-$cpu-$1
	rm -rf "$out"
	mkdir -p "$out" || return 99
	if ! build "$1" >"$out/build.log" 2>&1; then
		cat "$out/build.log"
		echo "ERROR: $1 ($board, $cpu): the guest does not build -- repro: $(repro "$1")"
		return 99
	fi
	bm_qemu -cpu $cpu -semihosting -kernel "$out/native.elf" \
		</dev/null >"$out/native.log" 2>&1
	nrc=$?
	transcript "$out/native.log" >"$out/native.tr"
	if test $nrc -ne 0 || ! grep -q '^sysfuzz end$' "$out/native.tr"; then
		fail "$1" "the native run did not finish (status $nrc: a generator or runtime fault, $out/native.log)"
		return 1
	fi
	bm_qemu -cpu $cpu -semihosting -kernel "$bm_monitor" \
		-initrd "$out/bm.rw.elf" </dev/null >"$out/bm.log" 2>&1
	brc=$?
	transcript "$out/bm.log" >"$out/bm.tr"
	if ! diff -u "$out/native.tr" "$out/bm.tr" >"$out/diff"; then
		first=$(grep -m1 -E '^[-+][a-z]' "$out/diff" | cut -c1-60)
		fail "$1" "transcripts differ ($(wc -l <"$out/native.tr") native lines, first: $first; status $brc; $out/diff)"
		grep 'armpv-bm: ' "$out/bm.log" | grep -v -E '^armpv-bm: (guest|ram|initrd|board|cpu)' | head -5
		return 1
	fi
	if test $brc -ne 0; then
		fail "$1" "armpv-bm status $brc ($out/bm.log)"
		return 1
	fi
	echo "PASS: $1 ($board, $cpu): $(wc -l <"$out/native.tr") transcript lines identical"
	rm -f "$out"/*.o
}

status=0
if test -n "$soak"; then
	case $soak in
	*s) secs=${soak%s} ;;
	*m) secs=$((${soak%m} * 60)) ;;
	*h) secs=$((${soak%h} * 3600)) ;;
	*) secs=$soak ;;
	esac
	end=$(($(date +%s) + secs))
	seed=$(( ($(date +%s) * 1000 + $$) % 2147483647 ))
	n=0 failed=0
	while test "$(date +%s)" -lt $end; do
		one $seed
		rc=$?
		n=$((n + 1))
		test $rc -ne 0 && failed=$((failed + 1)) && status=1
		seed=$((seed + 1))
	done
	echo "soak: $n seeds, $failed failed ($board, $cpu, $steps steps)"
	exit $status
fi
for seed in "$@"; do
	one "$seed"
	rc=$?
	test $rc -eq 99 && exit 99
	test $rc -ne 0 && status=1
done
exit $status
