#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# soak.sh [-r RUNS] [-m MEM] [-k KIND] DURATION -- the test initramfs's
# workload over and over, for DURATION (seconds, or with a unit: 90s,
# 30m, 2h), by default under armpv-bm.
#
# Each boot (guest-lib.sh's lg_boot_KIND, KIND bm by default: the plain
# versatile Linux 6.1 rewritten after linking, under armpv-bm; native:
# the same kernel straight from QEMU) runs the workload RUNS times
# (default 5) in one boot: armpv.repeat=RUNS on the kernel command line,
# which the initramfs's /init honours.  Boots follow each other until
# DURATION is up: the first always, another while the time left is at
# least what the last one took.  For each boot it checks:
#   - QEMU stops by itself (the guest's reboot, with -no-reboot), status 0;
#   - RUNS runs started, and every run's result lines are exactly the
#     expected ones (guest-lib.sh's lg_expected);
#   - the console holds no Oops, BUG, WARNING, panic, OOM kill or
#     armpv-bm guest or internal error (lg_bad_lines).
# An "ok"/"not ok" line per check, a comment with the boot's time and
# armpv-bm's trap count, then the summary
#   soak: B boots, N workload runs in T s: N passed, F failed
# and "N passed, N failed" (the checks); status 0 when all passed.  The
# console log of a failing boot is kept (its path is printed).
#
# Not part of make check (it lasts as long as asked);
# tests/linux/soak-short.sh, which is, runs one boot of two runs.  By
# hand, after ./armpv-dev build:
#
#   sh tests/linux/soak.sh 30m
#
# Environment: top_srcdir (default: this clone), top_builddir (default:
# its build/), QEMU_SYSTEM_ARM, ARMPV_CACHE, ARMPV_KEEP=1 (keep every
# log).  Builds the plain kernel when the cache lacks it.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/linux/guest-lib.sh"

usage() {
	echo "usage: $0 [-r RUNS] [-m MEM] [-k bm|native] DURATION" >&2
	exit 99
}
runs=5 mem=128M kind=bm
while getopts r:m:k: opt; do
	case $opt in
	r) runs=$OPTARG ;;
	m) mem=$OPTARG ;;
	k) kind=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || usage
case $1 in
*h) n=${1%h} unit=3600 ;;
*m) n=${1%m} unit=60 ;;
*s) n=${1%s} unit=1 ;;
*) n=$1 unit=1 ;;
esac
case $n$runs in
'' | *[!0-9]*) usage ;;
esac
[ "$runs" -ge 1 ] || usage
case $kind in
bm | native) ;;
*) usage ;;
esac
duration=$((n * unit))

bm_need_tools python3
lg_prepare
lg_workdir soak
lg_expected "$out/expected" || lg_die "cannot compute the expected results"
echo "# soak: $kind, $mem, $runs workload runs a boot, for $duration s"

# A run of the workload takes one to two minutes of host time under
# armpv-bm.
bm_set_timeout $((runs * 300 + 120))
start=$(date +%s)
boots=0 good=0 bad=0 last=0
while :; do
	now=$(date +%s)
	if [ "$boots" -gt 0 ] && [ $((now - start + last)) -gt "$duration" ]; then
		break
	fi
	boots=$((boots + 1))
	name="boot $boots"
	log=$out/boot-$boots.log
	lg_run_workload "$kind" "$mem" "$log" "armpv.repeat=$runs"
	rc=$?
	last=$(($(date +%s) - now))
	traps=$(grep -a -m1 -E '^armpv-bm: [0-9]+ traps:' "$log" | cut -d, -f1)
	echo "# $name: $last s${traps:+; $traps}"
	fail0=$fail
	check "$name: QEMU stopped by the guest's reboot (status $rc)" \
		'[ $rc = 0 ] && grep -aq "reboot: Restarting system" "$log"'
	# Each run's result lines into boot-B.run-I.results.
	rm -f "$out/boot-$boots".run-*.results
	awk -v p="$out/boot-$boots.run-" '
		/^armpv: workload run [0-9]+ of [0-9]+$/ { f = p $4 ".results"; printf "" >f }
		/^result / && f != "" { print >f }' "$log"
	started=$(grep -ac '^armpv: workload run [0-9]* of [0-9]*$' "$log")
	check "$name: $runs workload runs started" '[ "$started" = "$runs" ]'
	i=1
	while [ "$i" -le "$runs" ]; do
		r=$out/boot-$boots.run-$i.results
		if [ -f "$r" ] && cmp -s "$out/expected" "$r"; then
			good=$((good + 1))
			ok "$name, run $i: the expected result lines"
		else
			bad=$((bad + 1))
			no "$name, run $i: the expected result lines"
			[ -f "$r" ] && diff -u "$out/expected" "$r" | sed 's/^/# /'
		fi
		i=$((i + 1))
	done
	errors=$(lg_bad_lines "$log")
	check "$name: no Oops, BUG, WARNING, panic, OOM or armpv-bm error" \
		'[ -z "$errors" ]'
	[ -z "$errors" ] || echo "$errors" | sed 's/^/#   /'
	if [ "$fail" != "$fail0" ]; then
		kept=$(mktemp "${TMPDIR:-/tmp}/armpv-soak-boot$boots.XXXXXX") &&
			cp "$log" "$kept" && echo "# $name: console log kept in $kept"
		echo "# $name: console log (last 20 lines):"
		tail -n 20 "$log" | sed 's/^/#   /'
	fi
done
echo "soak: $boots boots, $((good + bad)) workload runs in" \
	"$(($(date +%s) - start)) s: $good passed, $bad failed"
lg_summary
