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
# switch, page fault, timer interrupt delivery).  When configure built
# the armpv_irqflags GCC plugin, bench.c is also built with it and
# rewritten (bench.pv.rw.elf) and run under armpv-bm, and a second table
# gives its irq-save-restore-c row (local_irq_save/restore as Linux's C
# writes them: with the plugin, loads and stores of armpv-bm's shared
# page) against the plain build's natively: the plugin kernel's
# interrupt masking.
#
# BOARD raspi0 (lib.sh bm_set_board) builds the guest for ARMv6 with
# -DBOARD_BCM2835 instead (its clock the system timer's 1 MHz CLO, its
# timer interrupt the system timer's compare 1 through the armctrl; the
# irq save/restore loop ARMv6 Linux's, with CPSID, and a CPSID row) and
# runs it on
#   qemu-system-arm -M raspi0 -icount shift=0,sleep=off
# (ARM1176JZF-S); the armpv-bm run must have taken CPS by the SWI fast
# path (its exit statistics).  Logs and builds are named with "-raspi0".
#
# Usage: top_builddir=BUILD sh tests/baremetal/bench.sh [BOARD]
# BOARD: versatilepb (the default) or raspi0.
# Environment: top_srcdir (default: this script's ../..), ARM_CC,
# QEMU_SYSTEM_ARM; ARMPV_BENCH_TIMEOUT, the seconds each QEMU run may
# take (1800 by default: -icount runs crawl on a loaded machine).
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

# The board; with it the CPU and the counter's nanoseconds per tick,
# tick_num / tick_den.
bm_set_board "${1:-versatilepb}"
case $bm_board in
raspi0)
	bm_arch=armv6 cpu=arm1176 tick_num=1000 tick_den=1
	;;
*)
	cpu=arm926 tick_num=1000 tick_den=24
	;;
esac

if ! bm_build_guest "bench$bm_sfx" bench.c; then
	echo "$me: cannot build the benchmark guest" >&2
	exit 99
fi
# The plugin build, when configure built the armpv_irqflags plugin:
# bench.c compiled with it (its irq-save-restore-c loop then masks by
# loads and stores of armpv-bm's shared page), the rest as the armpv
# form's, rewritten into bench.pv.rw.elf, run under armpv-bm only.
plugin=$top_builddir/rewriter/plugin/armpv_irqflags.so
pv=
if test -f "$plugin"; then
	bm_compile_guest "pv$bm_sfx-" "-fplugin=$plugin" "$src/bench.c" &&
	pvobj=$bm_objs &&
	bm_compile_guest "armpv$bm_sfx-" "" "$src/start.S" "$bm_proc/check.c" \
		"$bm_proc/plat-armpv.S" &&
	bm_objs="$bm_objs $pvobj" &&
	bm_link_guest "$bm_proc/kern.ld" "$out/bench$bm_sfx.pv.elf" &&
	bm_rewrite_guest "$out/bench$bm_sfx.pv.elf" || {
		echo "$me: cannot build the benchmark guest with the plugin" >&2
		exit 99
	}
	pv=$out/armpv-pv$bm_sfx.log
fi

bm_tmo="timeout ${ARMPV_BENCH_TIMEOUT:-1800}" # loaded machines are slow
qemu() { # LOG QEMU-ARGS...
	log=$1
	shift
	bm_qemu -cpu $cpu -icount shift=0,sleep=off -semihosting "$@" \
		>"$log" 2>&1 </dev/null
}
native=$out/native$bm_sfx.log armpv=$out/armpv$bm_sfx.log
qemu "$native" -kernel "$out/bench$bm_sfx.native.elf" || {
	cat "$native"; echo "$me: native run failed" >&2; exit 1; }
qemu "$armpv" -kernel "$bm_monitor" -initrd "$out/bench$bm_sfx.rw.elf" || {
	cat "$armpv"; echo "$me: armpv-bm run failed" >&2; exit 1; }
if test -n "$pv"; then
	qemu "$pv" -kernel "$bm_monitor" -initrd "$out/bench$bm_sfx.pv.rw.elf" || {
		cat "$pv"; echo "$me: armpv-bm run of the plugin build failed" >&2; exit 1; }
fi
if test $bm_board = raspi0 &&
   ! grep -a '^armpv-bm: of those, by the SWI fast path:' "$armpv" |
	grep -q ' cps [1-9]'; then
	grep -a '^armpv-bm: ' "$armpv"
	echo "$me: armpv-bm took no CPS by the SWI fast path" >&2
	exit 1
fi

# bench NAME N TICKS [BASE]: instructions per operation = (TICKS - the
# TICKS of row BASE, "empty" when absent) * tick_num / tick_den / N,
# from the counter at 1 instruction per ns (versatilepb's 24 MHz:
# 1000 / 24; raspi0's 1 MHz: 1000 / 1).  N is each run's own (the timer
# row's is its number of interrupts).  The baseline rows (empty*) are
# not printed.
# table NATIVE-LOG ARMPV-LOG [ONLY]: the rows (all, or ONLY's).
table() {
	awk -v num=$tick_num -v den=$tick_den -v only="${3:-}" '
	FNR == 1 { f++ }
	$1 == "bench" {
		t[f, $2] = $4; n[f, $2] = $3
		base[$2] = NF >= 5 ? $5 : "empty"
		if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 }
	}
	END {
		for (i = 1; i <= k; i++) {
			op = order[i]
			if (op ~ /^empty/ || (only != "" && op != only)) continue
			b = base[op]
			if (!((1, op) in t)) { # only under armpv-bm (hypercall)
				c = (t[2, op] - t[2, b]) * num / den / n[2, op]
				printf "%-22s %16s %19.1f %7s\n", op, "n/a", c, "n/a"
				continue
			}
			a = (t[1, op] - t[1, b]) * num / den / n[1, op]
			c = (t[2, op] - t[2, b]) * num / den / n[2, op]
			printf "%-22s %16.1f %19.1f %7.1f\n", op, a, c, (a > 0 ? c / a : 0)
		}
	}' "$1" "$2"
}
echo "operation              native insns/op   armpv-bm insns/op   ratio"
table "$native" "$armpv"
# The plugin build's interrupt masking (the plugin kernel's), against
# the plain build's natively.
if test -n "$pv"; then
	echo "operation (plugin build) native insns/op   armpv-bm insns/op   ratio"
	table "$native" "$pv" irq-save-restore-c
fi
