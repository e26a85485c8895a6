#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-raspi0.sh -- bench-linux.sh on raspi0: Linux 6.1 bcm2835_defconfig
# (the cache's plain-bcm2835, made by tests/linux/bcm2835.sh; skipped,
# 77, without it) natively against the same vmlinux, rewritten after
# linking (armpv-rewrite --arch armv6, stripped: lg_rewrite_vmlinux),
# under armpv-bm; the boot and the lmbench-style operations of bench.c in
# executed instructions, and armpv-bm's shadow fills per guest context
# switch (docs/benchmarks.md "Linux 6.1 bcm2835 on raspi0").
#
#   top_srcdir=. top_builddir=build sh tests/linux/bench-raspi0.sh
#   ARMPV_BM_BEFORE=/tmp/bm-before/build/monitor/armpv-bm.bin sh ...
#   sh tests/linux/bench-raspi0.sh --report DIR   # the report from DIR's logs
#   sh tests/linux/bench-raspi0.sh --tsv DIR      # DIR's results file
#
# Every run is qemu-system-arm -M raspi0 -m 512M under -icount
# shift=0,sleep=off (guest-lib.sh): one nanosecond of virtual time per
# instruction executed by the whole machine (armpv-bm's included).  The
# clock is the BCM2835 system timer's free-running 1 MHz CLO (natively
# QEMU's, the virtual clock since the machine started; under armpv-bm
# the monitor's model, advanced by the real one from 0 at the models'
# start): one tick is 1000 instructions, and the kernel's sched_clock and
# CLOCK_MONOTONIC (on the same counter) count 1000 ns a tick.  The boot,
# as bench-linux.sh, from the kernel's entry to /init's first action
# ("bench boot-clock": CLO through /dev/mem, which the guest's device
# tree lets it map); and, from the same logs, the part the kernel's own
# clock sees: the printk timestamp of "Run /init as init process", whose
# zero is sched_clock's registration by the BCM2835 timer driver in
# time_init(); the rest is head.S, setup_arch (the page tables), the
# memory allocators, and /init starting bench.  Natively the kernel boots
# on the device tree armpv-bm gives its guest (lg_boot_native_guest), so
# that both probe the same devices.  The runs, one at a time, logs in
# DIR (ARMPV_KEEP=1 keeps it):
#   native-boot.log  the plain zImage with armpv_stop=boot (/init reboots
#                  after its clock reading); QEMU starts stopped and
#                  gdb-clock.py reads CLO at the kernel's first instruction
#                  (stext, physical) into native-boot.entry;
#   bm-boot.log    the same under armpv-bm, which prints the models' ticks
#                  at the guest's entry;
#   native.log     the plain zImage with armpv.bench (/init: clock, "bench
#                  bench", reboot): the operations;
#   bm.log         the same under armpv-bm, its statistics at the reboot;
#   bm-profile.log armpv-bm with armpv_stop=boot and armpv.profile on the
#                  monitor's command line: the boot's statistics and
#                  busiest trap sites (named by profile-syms.sh);
#   bm-op-NAME.log armpv-bm with armpv.bench=NAME for NAME in none and
#                  $ARMPV_BENCH_OPS (default: pipe fork exec): the
#                  statistics of each less none's, per operation;
#   before-op-NAME.log  the same under $ARMPV_BM_BEFORE, another armpv-bm
#                  image (the monitor before "a guest context switch in the
#                  ARMv6 format keeps what came from global descriptors"),
#                  when set: shadow fills per operation then and now.
# The kernel's jitterentropy self-test (crypto/jitterentropy.c, at
# late_initcall) times itself: on this 1 MHz clock it usually fails
# after some 50 million instructions, but may run on for 90 million
# more and pass; the report says how it went in each boot, and two boots
# compare only if it went the same way.
# The statistics are read by bench-lib.sh's bench_stats.  armpv-bm's "context
# switches keeping global entries" counts the guest's switches (each
# TTBR0/CONTEXTIDR write in the ARMv6 format); a monitor from before that
# counter prints none, and its fills per switch are divided by the same
# operation's switches under the current monitor (the guest does the same
# work under both).
#
# Environment: top_srcdir, top_builddir (build); QEMU_SYSTEM_ARM, ARM_CC,
# QEMU_ARM, ARMPV_CACHE, ARMPV_LINUX_KDIR as guest-lib.sh; ARMPV_KEEP=1;
# ARMPV_BENCH_OPS; ARMPV_BM_BEFORE; ARMPV_BENCH_RESUME=DIR (the logs of
# a kept earlier run taken instead of a boot, as bench-linux.sh).  Nine boots (thirteen with
# ARMPV_BM_BEFORE), two to three minutes of host time: not part of make
# check; bench-linux-parse.sh checks the report on canned logs.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export top_srcdir
bench_me=bench-raspi0
. "$top_srcdir/tests/linux/bench-lib.sh"

# br_printk LOG: the kernel's timestamp at "Run /init as init process",
# in nanoseconds.
br_printk() {
	tr -d '\r' <"$1" | awk '
	/\] Run \/init as init process/ {
		sub(/^\[ */, ""); sub(/\].*/, "")
		split($0, t, ".")
		printf "%.0f\n", t[1] * 1e9 + t[2] * 1e3
		found = 1
		exit
	}
	END { if (!found) exit 1 }'
}
# br_rows DIR: the table's rows (bench-lib.sh): the boot from
# native-boot.log/.entry and bm-boot.log, and the part of it from
# time_init to /init, the kernel's timestamp (br_printk), and the rest;
# the seven operations from native.log and bm.log.
br_rows() {
	d=$1
	nb=$(bench_boot_native "$d/native-boot.log" "$d/native-boot.entry" stc1mhz 1) &&
	bb=$(bench_boot_bm "$d/bm-boot.log" stc1mhz 1) &&
	np=$(br_printk "$d/native-boot.log") && bp=$(br_printk "$d/bm-boot.log") || {
		echo "bench-raspi0: a boot clock reading is missing" >&2
		return 1
	}
	printf 'boot\tboot (entry to /init)\td\t%s\t%s\n' "$nb" "$bb"
	printf 'boot-kernel\t  time_init to Run /init\td\t%s\t%s\n' "$np" "$bp"
	printf 'boot-early\t  the rest\td\t%s\t%s\n' $((nb - np)) $((bb - bp))
	bench_ops "$d/native.log" "$d/bm.log"
}

# br_report DIR: the table (br_rows); then whether each boot's
# jitterentropy self-test failed (a path of some 50 to 200 million
# instructions that depends on timing: the two boots compare only if it
# went the same way in both), armpv-bm's statistics of bm.log and
# bm-profile.log.
br_report() {
	d=$1
	rows=$(br_rows "$d") || return 1
	printf '%s\n' "$rows" | bench_table || return 1
	for l in native-boot bm-boot native bm; do
		tr -d '\r' <"$d/$l.log" | awk -v l="$l" '
		/^armpv-bm: guest entry at/ { sub(/^armpv-bm: /, ""); print "# " l ": " $0 }
		/jitterentropy: Initialization failed/ { j = 1 }
		END { print "# " l ": jitterentropy self-test " (j ? "failed" : "passed") }'
	done
	echo "# native-boot: kernel entry at CLO $(cat "$d/native-boot.entry")"
	for l in bm bm-profile; do
		[ ! -f "$d/$l.log" ] || bench_stats_lines "$d/$l.log"
	done
}

# br_tsv DIR: the results file (bench-lib.sh bench_tsv) of DIR's logs.
br_tsv() {
	rows=$(br_rows "$1") || return 1
	bench_tsv_header
	printf '%s\n' "$rows" | bench_tsv raspi0
}

# br_events DIR: per operation and monitor (now: bm-op-*, before:
# before-op-*), what armpv-bm did: the statistics of the operation's run
# less those of the run without a timing (*-op-none.log), divided by the
# iterations; fills per switch with the switches counted now.  The first
# row of each monitor is the run without a timing itself (boot, workload
# setup, reboot).
br_events() {
	printf '%-7s %-10s %9s %9s %9s %9s %11s\n' monitor op traps fills \
		flushes switches fills/switch
	for m in bm before; do
		[ -f "$1/$m-op-none.log" ] || continue
		bench_stats "$1/$m-op-none.log" >"$1/$m-none.stats"
		bench_stats "$1/bm-op-none.log" >"$1/bm-none.stats"
		awk -v m="$m" '
		FNR == 1 { f++ }
		{ v[f, $1] = $2 }
		END {
			sw = v[2, "context"]
			printf "%-7s %-10s %9d %9d %9d %9d %11.2f\n", (m == "bm" ? "now" : m),
				"boot", v[1, "traps"], v[1, "pages"], v[1, "flushes"],
				v[1, "context"], (sw > 0 ? v[1, "pages"] / sw : 0)
		}' "$1/$m-none.stats" "$1/bm-none.stats"
		for f in "$1/$m"-op-*.log; do
			op=${f##*/$m-op-}
			op=${op%.log}
			[ "$op" != none ] || continue
			n=$(tr -d '\r' <"$f" | awk -v op="$op" '$1 == "bench" && $2 == op { print $3 }')
			[ -n "$n" ] || { echo "bench-raspi0: no bench line in $f" >&2; return 1; }
			[ -f "$1/bm-op-$op.log" ] ||
				{ echo "bench-raspi0: no bm-op-$op.log" >&2; return 1; }
			bench_stats "$f" >"$1/$m-$op.stats"
			bench_stats "$1/bm-op-$op.log" >"$1/bm-$op.stats"
			awk -v m="$m" -v op="$op" -v n="$n" '
			FNR == 1 { f++ }
			{ v[f, $1] = $2 }
			function d(k, a, b) { return (v[b, k] - v[a, k]) / n }
			END {
				# 1: this monitor none, 2: op; 3: now none, 4: now op.
				sw = d("context", 3, 4)
				printf "%-7s %-10s %9.1f %9.2f %9.3f %9.2f %11.2f\n",
					(m == "bm" ? "now" : m), op, d("traps", 1, 2),
					d("pages", 1, 2), d("flushes", 1, 2),
					d("context", 1, 2), (sw > 0 ? d("pages", 1, 2) / sw : 0)
			}' "$1/$m-none.stats" "$1/$m-$op.stats" "$1/bm-none.stats" \
				"$1/bm-$op.stats"
		done
	done
}

case ${1:-} in
--report)
	br_report "$2" || exit
	[ ! -f "$2/bm-op-none.log" ] || br_events "$2"
	exit
	;;
--tsv)
	br_tsv "$2"
	exit
	;;
esac

ARMPV_LINUX_BOARD=raspi0
. "$top_srcdir/tests/linux/guest-lib.sh"
bm_need_tools python3
bm_need_built "$bm_monitor" "$top_builddir/rewriter/armpv-rewrite" \
	"$top_builddir/monitor/bundle/armpv-bundle"
# The guest's device tree for the native run (a check program).
[ -x "$top_builddir/tests/baremetal/fdt-bcm2835-guest" ] ||
	make -C "$top_builddir" tests/baremetal/fdt-bcm2835-guest >&2 ||
	lg_die "cannot build tests/baremetal/fdt-bcm2835-guest"
lg_prepare
lg_workdir bench-raspi0
echo "# kernel $lg_kdir"
echo "# initramfs $lg_initrd"
bm_set_timeout 1800
icount="-icount shift=0,sleep=off"
cmdline="console=ttyAMA0 rdinit=/init"

run() { bench_run "$@"; }
native_gdb() { # NAME APPEND
	bench_native_gdb "$1" lg_boot_native_guest 512M "$2" 0x20003004 $icount \
		-serial stdio
}
bench_entry_pa "$lg_kdir/vmlinux"

run native-boot native_gdb native-boot "$cmdline armpv_stop=boot"
run bm-boot lg_boot_bm 512M "$cmdline armpv_stop=boot" $icount -serial stdio
run native lg_boot_native_guest 512M "$cmdline armpv.bench" $icount -serial stdio
run bm lg_boot_bm 512M "$cmdline armpv.bench" $icount -serial stdio
run bm-profile lg_boot_bm 512M "$cmdline armpv_stop=boot" $icount -serial stdio \
	-append armpv.profile
echo "# kernel command lines: \"$cmdline armpv_stop=boot\" (boot), \"$cmdline armpv.bench\""
br_report "$out" || lg_die "no report"
echo "# the busiest trap sites of the boot, named (profile-syms.sh):"
sh "$top_srcdir/tests/linux/profile-syms.sh" "$lg_kdir/vmlinux" \
	<"$out/bm-profile.log" | sed 's/^/#   /'
ops="none ${ARMPV_BENCH_OPS:-pipe fork exec}"
for op in $ops; do
	run "bm-op-$op" lg_boot_bm 512M "$cmdline armpv.bench=$op" $icount -serial stdio
done
if [ -n "${ARMPV_BM_BEFORE:-}" ]; then
	bm_monitor=$ARMPV_BM_BEFORE
	for op in $ops; do
		run "before-op-$op" lg_boot_bm 512M "$cmdline armpv.bench=$op" \
			$icount -serial stdio
	done
fi
echo "# armpv-bm's events per operation (*-op-NAME.log less *-op-none.log):"
br_events "$out" | sed 's/^/# /'
