#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-results.sh -- every kernel of a board against native in one run,
# into a results file and its plots (docs/benchmarks.md "Results files
# and plots"):
#
#   top_srcdir=. top_builddir=build sh tests/linux/bench-results.sh [BOARD]
#   make bench-results [BOARD=raspi0]
#   sh tests/linux/bench-results.sh --tsv BOARD LOGS BAREMETAL
#                  # the rows of a kept run: the Linux logs in LOGS, the
#                  # output of tests/baremetal/bench.sh in BAREMETAL
#
# BOARD versatilepb (the default): bench-linux.sh with
# ARMPV_BENCH_PLUGIN=1, Linux 6.1 natively (plain-versatile), rewritten
# after linking under armpv-bm and built with armpv-as and the
# armpv_irqflags plugin under armpv-bm (armpv-plugin-versatile): 24
# boots.  BOARD raspi0: bench-raspi0.sh, natively (plain-bcm2835) and
# rewritten under armpv-bm: 9 boots.  Both under -icount shift=0: every
# figure an instruction count.  Then tests/baremetal/bench.sh BOARD, whose
# irq-save-restore-c row (Linux's local_irq_save/restore asms, compiled
# into the bare-metal benchmark guest, natively, rewritten under
# armpv-bm and, with the plugin, under armpv-bm) is the interrupt masking
# the issue's aim names (irq-save-restore in the results): Linux's own
# runs give no such figure.  Prints the reports as the scripts do and writes
#   OUT/BOARD.tsv              the results (bench-lib.sh bench_tsv), with
#                              "# label:" (commit, date) and the host time;
#   OUT/BOARD.svg              bench-plot.sh of it;
#   OUT/BOARD-before-after.svg bench-plot.sh of OUT/BOARD-before.tsv (a
#                              results file kept as the baseline: the
#                              figures before issue 14's speed work) and
#                              OUT/BOARD.tsv, when the first exists.
# Each file is replaced whole (a temporary file renamed) once every run
# succeeded; a failed run leaves them as they were.
#
# Environment: top_srcdir, top_builddir (build), and what bench-linux.sh
# and bench-raspi0.sh read; ARMPV_BENCH_OUT (OUT, default
# $top_srcdir/docs/bench); ARMPV_KEEP=1 keeps the logs (the Linux ones
# in a directory armpv-bench-linux.* or armpv-bench-raspi0.* inside);
# ARMPV_BENCH_RESUME=DIR, such a directory of a kept run: its logs are
# taken instead of the boots (bench-linux.sh), only the bare-metal
# benchmark runs again.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
export top_srcdir top_builddir
me=bench-results
outdir=${ARMPV_BENCH_OUT:-$top_srcdir/docs/bench}
die() { echo "$me: $*" >&2; exit 1; }
# results_tsv BOARD LOGS BAREMETAL: the results file's rows of a run: the
# Linux script's (--tsv LOGS), then irq-save-restore from
# tests/baremetal/bench.sh's output BAREMETAL: its irq-save-restore-c
# row natively and rewritten, and on versatilepb (whose Linux has a
# plugin kernel) the plugin build's.
results_tsv() {
	sh "$top_srcdir/tests/linux/$script" --tsv "$2" || return 1
	irq=$(awk -v plugin="$([ "$1" != versatilepb ] || echo 1)" '
	/^operation \(plugin build\)/ { pvsec = 1; next }
	$1 == "irq-save-restore-c" && NF == 4 {
		if (pvsec) p = $3
		else { n = $2; r = $3 }
	}
	END {
		if (n == "" || (plugin && p == "")) exit 1
		printf "irq-save-restore\tirq-save-restore\tf\t%s\t%s%s\n", n, r,
			(plugin ? "\t" p : "")
	}' "$3") || {
		echo "$me: no irq-save-restore-c row in $3" >&2
		return 1
	}
	printf '%s\n' "$irq" | bench_tsv "$1"
}

bench_me=$me
. "$top_srcdir/tests/linux/bench-lib.sh"
tsv_only=
if [ "${1:-}" = --tsv ]; then
	[ $# = 4 ] || { echo "usage: $me --tsv BOARD LOGS BAREMETAL" >&2; exit 2; }
	tsv_only=1
	shift
fi
board=${1:-versatilepb}
case $board in
versatilepb) script=bench-linux.sh dir=bench-linux ;;
raspi0) script=bench-raspi0.sh dir=bench-raspi0 ;;
*) echo "usage: $me [versatilepb|raspi0]" >&2; exit 2 ;;
esac
if [ -n "$tsv_only" ]; then
	results_tsv "$board" "$2" "$3"
	exit
fi
label="$(git -C "$top_srcdir" describe --always --dirty 2>/dev/null || echo unknown) ($(date -u +%Y-%m-%d))"
mkdir -p "$outdir" || die "cannot make $outdir"
work=$(mktemp -d "${TMPDIR:-/tmp}/armpv-$me.XXXXXX") || die "mktemp failed"
if [ "${ARMPV_KEEP:-0}" = 1 ]; then
	echo "# logs kept in $work"
else
	trap 'rm -rf "$work"' EXIT
fi
t0=$(date +%s)

# Linux: the script's own report on standard output, its logs kept in
# $work (its lg_workdir under TMPDIR).
TMPDIR=$work ARMPV_KEEP=1 ARMPV_BENCH_PLUGIN=1 \
	sh "$top_srcdir/tests/linux/$script" || die "$script failed"
logs=$(ls -d "$work/armpv-$dir".* 2>/dev/null)
[ -d "$logs" ] || die "no logs of $script in $work"
# The bare-metal guest's interrupt masking.
echo "# tests/baremetal/bench.sh $board:"
sh "$top_srcdir/tests/baremetal/bench.sh" "$board" >"$work/baremetal.txt" 2>&1 || {
	sed 's/^/#   /' "$work/baremetal.txt"
	die "tests/baremetal/bench.sh $board failed"
}
sed 's/^/#   /' "$work/baremetal.txt"
secs=$(($(date +%s) - t0))
echo "# $secs s of host time"

{
	echo "# armpv-bm against native on $board: tests/linux/bench-results.sh $board"
	echo "# label: $label"
	echo "# host time of the run: $secs s"
	echo "# irq-save-restore: tests/baremetal/bench.sh's irq-save-restore-c loop"
	echo "# (the bare-metal benchmark guest: Linux's local_irq_save/restore asms"
	echo "# in C, natively, rewritten and, versatilepb, built with the plugin)"
	results_tsv "$board" "$logs" "$work/baremetal.txt" || exit 1
} >"$work/$board.tsv" || die "no results file"

# put FILE NEW: NEW renamed to FILE (its directory's temporary first).
put() {
	tmp=$(mktemp "$1.XXXXXX") || die "cannot write $1"
	if cp "$2" "$tmp" && chmod 644 "$tmp" && mv "$tmp" "$1"; then
		echo "# wrote $1"
	else
		rm -f "$tmp"
		die "cannot write $1"
	fi
}
plot=$top_srcdir/tests/linux/bench-plot.sh
sh "$plot" -o "$work/$board.svg" "$work/$board.tsv" || die "bench-plot.sh failed"
if [ -f "$outdir/$board-before.tsv" ]; then
	sh "$plot" -o "$work/$board-before-after.svg" "$outdir/$board-before.tsv" \
		"$work/$board.tsv" || die "bench-plot.sh (before, after) failed"
fi
put "$outdir/$board.tsv" "$work/$board.tsv"
put "$outdir/$board.svg" "$work/$board.svg"
[ ! -f "$work/$board-before-after.svg" ] ||
	put "$outdir/$board-before-after.svg" "$work/$board-before-after.svg"
