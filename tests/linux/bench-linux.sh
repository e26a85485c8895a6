#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-linux.sh -- Linux 6.1 (versatile_defconfig) natively against the
# same kernel, rewritten after linking, under armpv-bm: the boot to /init
# and the lmbench-style operations of bench.c, in executed instructions,
# as a table (docs/benchmarks.md "Linux 6.1 under armpv-bm"); --tsv
# gives the same figures as a results file (tests/linux/bench-lib.sh
# bench_tsv: the rows of native, the rewritten and, with plugin.log, the
# plugin kernel), which bench-results.sh writes and bench-plot.sh draws.
#
#   top_srcdir=. top_builddir=build sh tests/linux/bench-linux.sh
#   sh tests/linux/bench-linux.sh --report DIR   # the report from DIR's logs
#   sh tests/linux/bench-linux.sh --tsv DIR      # DIR's results file
#   sh tests/linux/bench-linux.sh --stats LOG    # armpv-bm's statistics
#
# Every run is qemu-system-arm -M versatilepb -cpu arm926 -m 128M under
# -icount shift=0,sleep=off (guest-lib.sh): virtual time advances one
# nanosecond per instruction executed, and jumps over idle time (a WFI
# with nothing to do; counted in the figures like executed time).  The
# runs, one at a time, logs in DIR (ARMPV_KEEP=1 keeps it):
#   native-default.log, bm-default.log  the boot as it comes: the plain
#                 command line with armpv.bench=none (/init prints the
#                 clock, then /proc/uptime, and reboots), natively the
#                 whole versatile-pb.dtb;
#   then with lpj= (the delay loop calibration skipped, the value it
#   found) and natively the device tree armpv-bm gives its guest:
#   native.log    the plain kernel with armpv.bench: /init prints the
#                 machine clock first (bench boot-clock: SYS_24MHZ through
#                 /dev/mem), runs "bench bench", reboots.  QEMU starts
#                 stopped; gdb-clock.py, on the gdb stub, reads SYS_24MHZ
#                 when the kernel's first instruction (stext, physical,
#                 after QEMU's boot stub and the zImage decompressor) runs
#                 (native.entry);
#   bm.log        the same under armpv-bm, which prints its clocks at the
#                 guest's entry (stext, loaded from the bundle) and its
#                 statistics at the reboot;
#   bm-boot.log   armpv-bm with armpv_stop=boot (/init's bench reboots
#                 right after the clock reading) and armpv.profile on the
#                 monitor's command line (QEMU -append: its ATAG_CMDLINE):
#                 the statistics and the 20 busiest trap sites of the
#                 boot alone, named by profile-syms.sh from the plain
#                 vmlinux;
#   bm-op-NAME.log  armpv-bm with armpv.bench=NAME, each timing alone, and
#                 NAME none: the statistics of each less none's, per
#                 operation (ARMPV_BENCH_EVENTS=0 skips them).
# The boot in instructions, from the kernel's entry to /init's first
# action (busybox sh started as /init, forked and exec'd bench, bench
# made /dev/mem, mapped the system registers and read SYS_24MHZ):
#   natively, (SYS_24MHZ at /init - SYS_24MHZ at entry) * 1000 / 24: the
#     real counter is QEMU's virtual clock since the machine started;
#     resolution 1000/24 instructions;
#   under armpv-bm the guest reads the model's SYS_24MHZ, 24 per tick of
#     the monitor's real 1 MHz SP804 since the models started; the
#     monitor printed the ticks at the guest's entry: (SYS_24MHZ / 24 -
#     ticks) * 1000, resolution 1000 instructions.  It counts every
#     instruction the machine executes, the monitor's included, and
#     the monitor's own console line at the entry (a few thousand).
# The operations: bench.c's own CLOCK_MONOTONIC figures, ns = instructions
# both ways (the guest's clock is the machine's virtual time natively and
# the models' under armpv-bm).
#
# With ARMPV_BENCH_PLUGIN=1, the same boots of the versatile kernel built
# with armpv-as and the armpv_irqflags GCC plugin (the cache's
# armpv-plugin-versatile, tests/linux/plugin-kernel.sh makes it;
# guest-lib.sh lg_prepare_plugin) under armpv-bm: plugin-default.log,
# plugin.log, plugin-boot.log (profiled, named from its own vmlinux) and
# plugin-op-NAME.log, and a second table, native against the rewritten
# and the plugin kernel (bl_report_plugin), with the plugin kernel's
# events per operation (and its pv_sync hypercalls).  11 more boots.
#
# Environment: top_srcdir, top_builddir (build); QEMU_SYSTEM_ARM, ARM_CC,
# QEMU_ARM, ARMPV_CACHE, ARMPV_LINUX_KDIR (a plain versatile build used
# as it is) as guest-lib.sh; ARMPV_KEEP=1 keeps the logs;
# ARMPV_BENCH_EVENTS=0 skips the per-operation boots (=plugin: the plugin
# kernel's only); ARMPV_BENCH_RESUME=DIR
# reuses the logs of a kept earlier run in DIR (e.g. to add the plugin
# kernel's boots to it).  13 boots, about
# five minutes of host time: not part of make check (make bench-linux
# runs it); bench-linux-parse.sh checks the report on canned logs.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export top_srcdir

bench_me=bench-linux
. "$top_srcdir/tests/linux/bench-lib.sh"

# bl_rows DIR [plugin]: the table's rows (bench-lib.sh): the boot from
# native-default.log/.entry and bm-default.log (the plain command line
# and device tree) and from native.log/.entry and bm.log (delay loop
# preset, the same devices), the operations from native.log and bm.log;
# with plugin, the plugin kernel's (plugin-default.log, plugin.log) too.
bl_rows() {
	d=$1
	nd=$(bench_boot_native "$d/native-default.log" "$d/native-default.entry" sys24mhz 24) &&
	bd=$(bench_boot_bm "$d/bm-default.log" sys24mhz 24) &&
	nb=$(bench_boot_native "$d/native.log" "$d/native.entry" sys24mhz 24) &&
	bb=$(bench_boot_bm "$d/bm.log" sys24mhz 24) &&
	if [ -n "${2:-}" ]; then
		pd=$(bench_boot_bm "$d/plugin-default.log" sys24mhz 24) &&
		pb=$(bench_boot_bm "$d/plugin.log" sys24mhz 24) &&
		pd="	$pd" pb="	$pb"
	else
		pd= pb=
	fi || {
		echo "bench-linux: a clock reading is missing" >&2
		return 1
	}
	printf 'boot-default\tboot (default)\td\t%s\t%s%s\n' "$nd" "$bd" "$pd"
	printf 'boot\tboot (lpj, same devices)\td\t%s\t%s%s\n' "$nb" "$bb" "$pb"
	bench_ops "$d/native.log" "$d/bm.log" ${2:+"$d/plugin.log"}
}

# bl_report DIR: the table of native and the rewritten kernel (bl_rows),
# then the clocks at the guests' entries and armpv-bm's statistics.
bl_report() {
	d=$1
	rows=$(bl_rows "$d") || return 1
	printf '%s\n' "$rows" | bench_table || return 1
	for l in native-default native bm-default bm; do
		tr -d '\r' <"$d/$l.log" | awk -v l="$l" '
		/^armpv-bm: guest entry at/ { sub(/^armpv-bm: /, ""); print "# " l ": " $0 }
		$1 == "info" && $2 == "uptime" { print "# " l ": /proc/uptime at /init " $5, $6 }'
	done
	awk -v e="$(cat "$d/native-default.entry")" -v f="$(cat "$d/native.entry")" 'BEGIN {
		printf "# native-default: kernel entry at SYS_24MHZ %d (%.0f instructions: boot stub, zImage)\n", e, e * 1000 / 24
		printf "# native: kernel entry at SYS_24MHZ %d (%.0f instructions)\n", f, f * 1000 / 24
	}'
	for l in bm bm-boot; do
		[ ! -f "$d/$l.log" ] || bench_stats_lines "$d/$l.log"
	done
}

# bl_report_plugin DIR: with the plugin kernel's logs (plugin-default.log,
# plugin.log: ARMPV_BENCH_PLUGIN=1), the three kernels side by side:
# native, rewritten (bm*.log: the plain kernel rewritten after linking,
# the same Image as the armpv-as build's but for its GNU build-id,
# tests/linux/kernel.sh) and the plugin kernel (armpv-as and the
# armpv_irqflags GCC plugin), each under armpv-bm against native; then
# the plugin kernel's statistics.
bl_report_plugin() {
	d=$1
	rows=$(bl_rows "$d" plugin) || return 1
	printf '%s\n' "$rows" | bench_table || return 1
	for l in plugin plugin-boot; do
		[ ! -f "$d/$l.log" ] || bench_stats_lines "$d/$l.log" nopc
	done
}

# bl_tsv DIR: the results file (bench-lib.sh bench_tsv) of DIR's logs:
# native, rewritten and, with plugin.log, plugin.
bl_tsv() {
	rows=$(bl_rows "$1" $([ ! -f "$1/plugin.log" ] || echo plugin)) || return 1
	bench_tsv_header
	printf '%s\n' "$rows" | bench_tsv versatilepb
}

# bl_events DIR: per operation, what armpv-bm did: the statistics of
# bm-op-NAME.log (boot, "bench bench NAME", reboot) less those of
# bm-op-none.log (the same without the timing), divided by the
# operation's iterations.
bl_events() {
	p=${2:-bm}
	printf '%-10s %7s %6s %7s %6s %5s %6s %6s %5s %5s %6s %5s %6s %6s %5s %5s %6s %6s %6s' \
		op traps fast mrs/msr cp15 uaccs ldmstm movs swi dabt pabt irq \
		fills flushes keeps reatt DACR mva-inv device
	[ "$p" = bm ] && echo || printf ' %7s\n' pv_sync
	bench_stats "$1/$p-op-none.log" >"$1/$p-none.stats"
	for op in null read pipe fork exec pagefault signal; do
		[ -f "$1/$p-op-$op.log" ] || continue
		bench_stats "$1/$p-op-$op.log" >"$1/$p-$op.stats"
		n=$(tr -d '\r' <"$1/$p-op-$op.log" | awk -v op="$op" '$1 == "bench" && $2 == op { print $3 }')
		[ -n "$n" ] || { echo "bench-linux: no bench line in $p-op-$op.log" >&2; return 1; }
		awk -v op="$op" -v n="$n" -v pv="$([ "$p" = bm ] || echo 1)" '
		FNR == 1 { f++ }
		{ v[f, $1] += $2 }
		function d(k) { return (v[2, k] - v[1, k]) / n }
		END {
			printf "%-10s %7.1f %6.1f %7.1f %6.1f %5.1f %6.1f %6.1f %5.2f %5.2f %6.2f %5.2f %6.1f %6.2f %5.2f %5.1f %6.1f %6.2f %6.2f",
				op, d("traps"), d("fast"), d("mrs") + d("msr"), d("cp15"),
				d("ldrt") + d("strt") + d("ldrbt") + d("strbt"),
				d("ldm_user") + d("stm_user") + d("ldm_ret"), d("movs"),
				d("v.swi"), d("v.dabt"), d("v.pabt"), d("v.irq"),
				d("pages"), d("flushes"), d("keeps"), d("reattached"),
				d("DACR"), d("invalidations"), d("accesses")
			if (pv) printf " %7.2f", d("pv_sync")
			printf "\n"
		}' "$1/$p-none.stats" "$1/$p-$op.stats"
	done
}

case ${1:-} in
--stats)
	bench_stats "$2"
	exit
	;;
--tsv)
	bl_tsv "$2"
	exit
	;;
esac
if [ "${1:-}" = --report ]; then
	bl_report "$2" || exit
	[ ! -f "$2/bm-op-none.log" ] || bl_events "$2" || exit
	if [ -f "$2/plugin.log" ]; then
		bl_report_plugin "$2" || exit
		[ ! -f "$2/plugin-op-none.log" ] || bl_events "$2" plugin
	fi
	exit
fi

. "$top_srcdir/tests/linux/guest-lib.sh"
bm_need_tools python3
bm_need_built "$bm_monitor" "$top_builddir/rewriter/armpv-rewrite" \
	"$top_builddir/monitor/bundle/armpv-bundle"
lg_prepare
lg_workdir bench-linux
plugin=${ARMPV_BENCH_PLUGIN:-0}
[ "$plugin" = 0 ] || lg_prepare_plugin
echo "# kernel $lg_kdir"
echo "# initramfs $lg_initrd"
bm_set_timeout 1800
icount="-icount shift=0,sleep=off"
cmdline="console=ttyAMA0 rdinit=/init"
bench_entry_pa "$lg_kdir/vmlinux"
run() { bench_run "$@"; }
native_gdb() { # NAME APPEND
	bench_native_gdb "$1" lg_boot_native 128M "$2" 0x1000005c $icount -serial stdio
}

# The boot as it is: the plain command line, natively the whole
# versatile-pb.dtb (armpv-bm gives the guest the board's devices only).
run native-default native_gdb native-default "$cmdline armpv.bench=none"
run bm-default lg_boot_bm 128M "$cmdline armpv.bench=none" $icount -serial stdio
# Then the delay loop's calibration (a busy loop of about 25 jiffies,
# time-bound: the same virtual time on both) skipped with the value it
# found, and natively the device tree armpv-bm gives its guest
# (fdt-mutate --filter: the monitor's own filter, hosted), so that both
# kernels probe the same devices.
lpj=$(tr -d '\r' <"$out/native-default.log" | sed -n 's/.*(lpj=\([0-9]*\)).*/\1/p')
[ -n "$lpj" ] || lg_die "no lpj in the native boot log"
lg_filtered_dtb || lg_die "cannot filter $lg_dtb"
run native lg_native_filtered native_gdb native "$cmdline lpj=$lpj armpv.bench"
run bm lg_boot_bm 128M "$cmdline lpj=$lpj armpv.bench" $icount -serial stdio
# The boot alone, profiled (the monitor's command line: QEMU -append):
# /init stops right after its clock reading (armpv_stop=boot).
run bm-boot lg_boot_bm 128M "$cmdline lpj=$lpj armpv_stop=boot" $icount \
	-serial stdio -append armpv.profile
if [ "$plugin" != 0 ]; then
	run plugin-default lg_boot_bm_plugin 128M "$cmdline armpv.bench=none" \
		$icount -serial stdio
	run plugin lg_boot_bm_plugin 128M "$cmdline lpj=$lpj armpv.bench" \
		$icount -serial stdio
	run plugin-boot lg_boot_bm_plugin 128M "$cmdline lpj=$lpj armpv_stop=boot" \
		$icount -serial stdio -append armpv.profile
fi
echo "# kernel command lines: \"$cmdline armpv.bench=none\" (default), \"$cmdline lpj=$lpj armpv.bench\""
bl_report "$out" || lg_die "no report"
echo "# the busiest trap sites of the boot, named (profile-syms.sh):"
sh "$top_srcdir/tests/linux/profile-syms.sh" "$lg_kdir/vmlinux" \
	<"$out/bm-boot.log" | sed 's/^/#   /'
# Per operation, what armpv-bm did (ARMPV_BENCH_EVENTS=0 skips these
# eight boots): each timing alone, and none.
if [ "${ARMPV_BENCH_EVENTS:-1}" = 1 ]; then
	for op in none null read pipe fork exec pagefault signal; do
		run "bm-op-$op" lg_boot_bm 128M "$cmdline lpj=$lpj armpv.bench=$op" \
			$icount -serial stdio
	done
	echo "# armpv-bm's events per operation (bm-op-NAME.log less bm-op-none.log):"
	bl_events "$out" | sed 's/^/# /'
fi
if [ "$plugin" != 0 ]; then
	echo "# the plugin kernel (ARMPV_BENCH_PLUGIN=1): native, rewritten, plugin"
	bl_report_plugin "$out" || lg_die "no plugin report"
	echo "# the plugin kernel's busiest trap sites of the boot, named:"
	sh "$top_srcdir/tests/linux/profile-syms.sh" "$lg_plugin_kdir/vmlinux" \
		<"$out/plugin-boot.log" | sed 's/^/#   /'
	if [ "${ARMPV_BENCH_EVENTS:-1}" != 0 ]; then
		for op in none null read pipe fork exec pagefault signal; do
			run "plugin-op-$op" lg_boot_bm_plugin 128M \
				"$cmdline lpj=$lpj armpv.bench=$op" $icount -serial stdio
		done
		echo "# the plugin kernel's events per operation (plugin-op-NAME.log less plugin-op-none.log):"
		bl_events "$out" plugin | sed 's/^/# /'
	fi
fi
