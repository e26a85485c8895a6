#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# workload.sh -- Linux 6.1 (versatile_defconfig; bcm2835_defconfig with
# ARMPV_LINUX_BOARD=raspi0) runs the test initramfs's workload
# (tests/linux/initramfs/workload) to the end.
#
# Boots each kind of run of guest-lib.sh ($lg_runs: lg_boot_native, the
# plain kernel straight from QEMU, and lg_boot_bm, the same kernel
# rewritten after linking, under armpv-bm; on raspi0 by default
# lg_boot_native and lg_boot_native_guest, the plain kernel natively on
# the tree armpv-bm gives its guest; lg_boot_bm_as, the armpv-as build
# under armpv-bm, and lg_boot_bm_plugin, the versatile build with
# armpv-as and the GCC plugin, when named) with armpv.workload on the
# command line, at
# 128 MiB and 256 MiB (raspi0: 512 MiB; $lg_mems), under -icount
# shift=0,sleep=off (guest time is the count of instructions, and idle
# time is skipped: "sleep 1" is a second of the guest's time however
# fast the host), and checks:
#   - QEMU stops by itself (the guest's reboot, with -no-reboot), status 0;
#     the kinds in ARMPV_LINUX_POWEROFF_RUNS (raspi0 only) power off
#     instead (armpv.poweroff: "reboot: Power down"), status 0 too;
#   - under armpv-bm, that the monitor stopped on the guest's request:
#     "armpv-bm: guest reset request (SYS_RESETCTL ...)" (raspi0: PM_RSTC),
#     after a power-off "guest power-off request (PM_RSTS ...)";
#   - every result line, with the checksums computed here from the same
#     generator (bench.c's xorshift32);
#   - a bench line per operation;
#   - the kernel log (between the dmesg markers) holds no Oops, BUG,
#     WARNING, panic or OOM kill;
#   - the result lines are identical between every two runs (native and
#     armpv-bm, 128 MiB and 256 MiB), and armpv-bm reports no guest or
#     internal error.
# raspi0's native runs end as versatilepb's: the guest's reboot reaches
# the PM watchdog (guest-lib.sh lg_native_dtb), QEMU resets and, with
# -no-reboot, stops; under armpv-bm the monitor's model of that watchdog
# stops the machine (board-bcm2835.c).
# And, without booting, that the shipped bench binary calls the kernel's
# user helpers (cmpxchg 0xffff0fc0, get_tls 0xffff0fe0).
#
# Environment (make check exports it): top_srcdir, ARM_CC, ARM_OBJDUMP,
# QEMU_ARM; QEMU_SYSTEM_ARM; ARMPV_CACHE; ARMPV_LINUX_BOARD (versatilepb,
# raspi0); ARMPV_LINUX_RUNS (default "native bm"; raspi0 "native
# native_guest"); ARMPV_LINUX_MEMS; ARMPV_LINUX_POWEROFF_RUNS;
# ARMPV_LINUX_TIMEOUT (seconds per run, default 600).  Builds
# the plain versatile kernel when the cache lacks it; on raspi0 skipped
# (77) without the plain bcm2835 build; with bm_as, skipped without the
# board's armpv-as build (tests/linux/versatile.sh, bcm2835.sh); with
# bm_plugin, without the plugin build (tests/linux/plugin-kernel.sh).
. "$top_srcdir/tests/linux/ran-in-main.sh"
set -u
. "$top_srcdir/tests/linux/guest-lib.sh"

bm_need_tools "$ARM_OBJDUMP" python3
lg_prepare
lg_workdir workload
echo "# kernel $lg_kdir"
echo "# initramfs $lg_initrd"

# The shipped bench calls the kuser helpers: libgcc's atomics load the
# cmpxchg helper's address from a literal, glibc's __aeabi_read_tp
# branches to 0xffff0fff - 31.
(cd "$out" && gzip -dc "$lg_initrd" | cpio -id --quiet bin/bench)
"$ARM_OBJDUMP" -d "$out/bin/bench" >"$out/bench.dis" 2>/dev/null
check "bench: thread code calls the atomics and __aeabi_read_tp" \
	'awk "/<thread_main>:/,/^\$/" "$out/bench.dis" | grep -q "bl.*<__sync_fetch_and_add_4>" &&
	 awk "/<thread_main>:/,/^\$/" "$out/bench.dis" | grep -q "bl.*<__aeabi_read_tp>"'
check "bench: the atomics use the cmpxchg helper (.word 0xffff0fc0)" \
	'awk "/<__sync_fetch_and_add_4>:/,/^\$/" "$out/bench.dis" | grep -q "\.word.*0xffff0fc0"'
check "bench: __aeabi_read_tp is the get_tls helper (mvn #0xf000; sub pc, #31)" \
	'awk "/<__aeabi_read_tp>:/,/^\$/" "$out/bench.dis" | tr -s " \t" " " |
	 grep -A1 "mvn r0, #61440" | grep -q "sub pc, r0, #31"'

lg_expected "$out/expected" ||
	lg_die "cannot compute the expected results"

# The kinds of run whose workload ends in a power-off instead of the
# reboot (raspi0 only: versatilepb cannot power off).
poweroff_runs=${ARMPV_LINUX_POWEROFF_RUNS:-}
[ -z "$poweroff_runs" ] || [ -n "$lg_poweroff_reg" ] ||
	lg_die "ARMPV_LINUX_POWEROFF_RUNS: $lg_board cannot power off"
# The armpv-as build, when a kind of run boots it.  Without it (in CI
# from nothing, bcm2835.sh leaves armpv-as-bcm2835 unbuilt: kernel.sh)
# that run is left out, said so; the others run.
case " $lg_runs " in
*" bm_as "*)
	if lg_have_as; then
		lg_prepare_as
	else
		lg_runs=$(echo " $lg_runs " | sed 's/ bm_as / /; s/^ *//; s/ *$//')
		echo "# skip: the bm_as run (no armpv-as $lg_as_tag build in $lg_as_kdir:" \
			"tests/linux/$lg_as_tag.sh makes it)"
	fi ;;
esac
case " $lg_runs " in
*" bm_plugin "*) lg_prepare_plugin ;;
esac

# Each run's timeout in host seconds: ARMPV_LINUX_TIMEOUT (default 600;
# raise it on a loaded machine: the figures are -icount's, not time's).
bm_set_timeout "${ARMPV_LINUX_TIMEOUT:-600}"
# run KIND MEM: boot the workload, check its log ($out/KIND-MEM.log).
run() {
	log=$out/$1-$2.log
	# The kinds in $poweroff_runs end with a power-off (armpv.poweroff).
	case " $poweroff_runs " in
	*" $1 "*) stop=poweroff kstop="reboot: Power down" ;;
	*) stop=reboot kstop="reboot: Restarting system" ;;
	esac
	t0=$(date +%s.%N)
	if [ "$stop" = poweroff ]; then
		lg_run_workload "$1" "$2" "$log" armpv.poweroff
	else
		lg_run_workload "$1" "$2" "$log"
	fi
	rc=$?
	t1=$(date +%s.%N)
	echo "# $1 $2: QEMU ran $(echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }') s (host time)"
	grep -a -e '^info ' -e '^bench ' "$log" | sed 's/^/# /'
	check "$1 $2: QEMU stopped by the guest's $stop (status $rc)" \
		'[ $rc = 0 ] && grep -aq "$kstop" "$log"'
	case $1 in
	bm*)
		if [ "$stop" = poweroff ]; then
			mline="armpv-bm: guest power-off request ($lg_poweroff_reg "
		else
			mline="armpv-bm: guest reset request ($lg_reset_reg "
		fi
		check "$1 $2: armpv-bm stopped on the guest's $stop: $mline...)" \
			'grep -aqF "$mline" "$log"'
		grep -a '^armpv-bm: [0-9]* traps' "$log" | sed 's/^/# /'
		;;
	esac
	lg_results "$log" >"$log.results"
	missing=$(grep -vxF -f "$log.results" "$out/expected")
	check "$1 $2: every expected result line" '[ -z "$missing" ]'
	[ -z "$missing" ] || echo "$missing" | sed 's/^/#   missing: /'
	extra=$(grep -vxF -f "$out/expected" "$log.results")
	check "$1 $2: no other result line" '[ -z "$extra" ]'
	[ -z "$extra" ] || echo "$extra" | sed 's/^/#   unexpected: /'
	nbench=$(grep -aEc '^bench (null|read|pipe|fork|exec|pagefault|signal) [0-9]+ [0-9]+ [0-9]+$' "$log")
	check "$1 $2: 7 bench lines" '[ "$nbench" = 7 ]'
	sed -n '/^--- dmesg begin ---$/,/^--- dmesg end ---$/p' "$log" >"$log.dmesg"
	check "$1 $2: the kernel log printed" '[ "$(wc -l <"$log.dmesg")" -gt 20 ]'
	bad=$(lg_bad_lines "$log")
	check "$1 $2: no Oops, BUG, WARNING, panic or OOM in the log" '[ -z "$bad" ]'
	[ -z "$bad" ] || echo "$bad" | sed 's/^/#   /'
	if [ "$rc" != 0 ] || [ -n "$missing$extra" ]; then
		echo "# $1 $2: console log (last 40 lines):"
		tail -n 40 "$log" | sed 's/^/#   /'
	fi
}

logs=
for kind in $lg_runs; do
	for mem in $lg_mems; do
		run "$kind" "$mem"
		logs="$logs $out/$kind-$mem.log"
	done
done
# Every log against the first: RAM size and kind of run change nothing.
first=${logs# }
first=${first%% *}
for l in $logs; do
	[ "$l" = "$first" ] && continue
	lg_compare_results "$(basename "$first" .log) vs $(basename "$l" .log)" "$first" "$l"
done
# The comparison itself catches a difference: the first log with one
# result line changed.
sed 's/^result sleep ok$/result sleep bad/' "$first" >"$out/altered.log"
if (fail=0; lg_compare_results altered "$first" "$out/altered.log" >/dev/null
	[ "$fail" = 1 ]); then
	ok "lg_compare_results reports a changed result line"
else
	no "lg_compare_results reports a changed result line"
fi
lg_summary
