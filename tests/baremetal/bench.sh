#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The bare-metal benchmark (a benchmark, not a test: not in make check).
# Builds tests/baremetal/bench-guest/ natively (unrewritten, SVC on
# versatilepb) and rewritten (under armpv-bm), runs both under
#   qemu-system-arm -M versatilepb -cpu arm926 -icount shift=0,sleep=off
# where one instruction is one nanosecond of virtual time, and prints the
# executed instructions per operation of each and their ratio: a
# deterministic figure (docs/benchmarks.md).  Rows: kernel loops (IRQ
# save/restore, MRS) and user-task operations (null system call, context
# switch, page fault, timer interrupt delivery).
#
# Usage: top_builddir=BUILD sh tests/baremetal/bench.sh
# Environment: top_srcdir (default: this script's ../..), ARM_CC,
# QEMU_SYSTEM_ARM.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
me=bench.sh
if test -z "$top_builddir"; then
	echo "$me: set top_builddir to a built tree" >&2
	exit 99
fi
. "$top_srcdir/tests/baremetal/lib.sh"
src=$top_srcdir/tests/baremetal/bench-guest
out=$top_builddir/tests/baremetal/bench
mkdir -p "$out" || exit 99

if ! bm_build_guest bench bench.c; then
	echo "$me: cannot build the benchmark guest" >&2
	exit 99
fi

bm_tmo="timeout 300"
qemu() { # LOG QEMU-ARGS...
	log=$1
	shift
	bm_qemu -cpu arm926 -icount shift=0,sleep=off -semihosting "$@" \
		>"$log" 2>&1 </dev/null
}
qemu "$out/native.log" -kernel "$out/bench.native.elf" || {
	cat "$out/native.log"; echo "$me: native run failed" >&2; exit 1; }
qemu "$out/armpv.log" -kernel "$bm_monitor" -initrd "$out/bench.rw.elf" || {
	cat "$out/armpv.log"; echo "$me: armpv-bm run failed" >&2; exit 1; }

# bench NAME N TICKS [BASE]: instructions per operation = (TICKS - the
# TICKS of row BASE, "empty" when absent) * (1000 / 24) / N, from the
# 24 MHz counter at 1 instruction per ns.  N is each run's own (the
# timer row's is its number of interrupts).  The baseline rows (empty*)
# are not printed.
echo "operation              native insns/op   armpv-bm insns/op   ratio"
awk '
FNR == 1 { f++ }
$1 == "bench" {
	t[f, $2] = $4; n[f, $2] = $3
	base[$2] = NF >= 5 ? $5 : "empty"
	if (f == 1) order[++k] = $2
}
END {
	for (i = 1; i <= k; i++) {
		op = order[i]
		if (op ~ /^empty/) continue
		b = base[op]
		a = (t[1, op] - t[1, b]) * 1000 / 24 / n[1, op]
		c = (t[2, op] - t[2, b]) * 1000 / 24 / n[2, op]
		printf "%-22s %16.1f %19.1f %7.1f\n", op, a, c, (a > 0 ? c / a : 0)
	}
}' "$out/native.log" "$out/armpv.log"
