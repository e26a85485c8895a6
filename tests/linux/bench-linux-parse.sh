#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-linux-parse.sh -- the report of tests/linux/bench-linux.sh (which
# boots Linux five times: not a make check test) on canned logs, without
# QEMU: tests/linux/bench-linux-logs/ holds the lines of one run's logs
# that the report reads (2026-12-05, docs/benchmarks.md "Linux 6.1 under
# armpv-bm"), a System.map of the symbols its profile names, and the
# expected report (table, statistics, events per operation) and named
# profile.  Checks both, and that a log without its clock reading or
# with a bench line missing is refused.  The same for bench-raspi0.sh's
# report on its canned logs (bench-linux-logs/raspi0/).
#
# Environment (make check exports it): top_srcdir.
set -u
logs=$top_srcdir/tests/linux/bench-linux-logs
script=$top_srcdir/tests/linux/bench-linux.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-bench-parse.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }

# fresh: the canned logs in $tmp/d (the report writes beside them).
fresh() {
	rm -rf "$tmp/d"
	mkdir "$tmp/d" && cp "$logs"/*.log "$logs"/*.entry "$tmp/d/"
}

fresh
if sh "$script" --report "$tmp/d" >"$tmp/report" 2>"$tmp/err" &&
	cmp -s "$logs/report.expected" "$tmp/report"; then
	ok "the table and statistics of the canned logs"
else
	no "the table and statistics of the canned logs"
	diff -u "$logs/report.expected" "$tmp/report" | sed 's/^/# /'
	sed 's/^/# /' "$tmp/err"
fi
if sh "$top_srcdir/tests/linux/profile-syms.sh" "$logs/System.map" \
	<"$logs/bm-boot.log" >"$tmp/profile" &&
	cmp -s "$logs/profile.expected" "$tmp/profile"; then
	ok "the profile's PCs named"
else
	no "the profile's PCs named"
	diff -u "$logs/profile.expected" "$tmp/profile" | sed 's/^/# /'
fi
# A user PC and one below the first symbol.
printf 'armpv-bm:   pc 00010a40          7  e5913000 device access\r\narmpv-bm:   pc c0000010          1  ef000102 mrs\n' |
	sh "$top_srcdir/tests/linux/profile-syms.sh" "$logs/System.map" >"$tmp/user"
if grep -q '^00010a40 .*device access  *user$' "$tmp/user" &&
	grep -q '^c0000010 .* ?$' "$tmp/user"; then
	ok "a user PC, a PC before every symbol"
else
	no "a user PC, a PC before every symbol"
	sed 's/^/# /' "$tmp/user"
fi

# refused NAME LOG SED: the report fails once SED has edited LOG.
refused() {
	fresh
	sed -i "$3" "$tmp/d/$2"
	if sh "$script" --report "$tmp/d" >/dev/null 2>&1; then
		no "refused: $1"
	else
		ok "refused: $1"
	fi
}
refused "no clock reading at /init under armpv-bm" bm.log '/^info boot-clock/d'
refused "no guest entry line" bm.log '/guest entry at/d'
refused "no native entry reading" native.entry 'd'
refused "a bench line missing natively" native.log '/^bench fork /d'
refused "a bench line missing under armpv-bm" bm.log '/^bench pipe /d'
refused "an operation's run without its bench line" bm-op-fork.log '/^bench /d'

# raspi0: bench-raspi0.sh's report on its canned logs (bench-linux-logs/
# raspi0/, 2026-12-05, docs/benchmarks.md "Linux 6.1 bcm2835 on raspi0"):
# the boot rows from the kernel's clock, the operations, the shadow fills
# per operation and per context switch under armpv-bm now and before.
rlogs=$logs/raspi0
rscript=$top_srcdir/tests/linux/bench-raspi0.sh
rfresh() {
	rm -rf "$tmp/r"
	mkdir "$tmp/r" && cp "$rlogs"/*.log "$rlogs"/*.entry "$tmp/r/"
}
rfresh
if sh "$rscript" --report "$tmp/r" >"$tmp/rreport" 2>"$tmp/err" &&
	cmp -s "$rlogs/report.expected" "$tmp/rreport"; then
	ok "raspi0: the table, statistics and fills per switch of the canned logs"
else
	no "raspi0: the table, statistics and fills per switch of the canned logs"
	diff -u "$rlogs/report.expected" "$tmp/rreport" | sed 's/^/# /'
	sed 's/^/# /' "$tmp/err"
fi
# rrefused NAME LOG SED: the raspi0 report fails once SED has edited LOG.
rrefused() {
	rfresh
	sed -i "$3" "$tmp/r/$2"
	if sh "$rscript" --report "$tmp/r" >/dev/null 2>&1; then
		no "raspi0 refused: $1"
	else
		ok "raspi0 refused: $1"
	fi
}
rrefused "no Run /init timestamp natively" native-boot.log '/Run \/init/d'
rrefused "no clock reading at /init under armpv-bm" bm-boot.log '/^info boot-clock/d'
rrefused "no guest entry line" bm-boot.log '/guest entry at/d'
rrefused "no native entry reading" native-boot.entry 'd'
rrefused "a bench line missing natively" native.log '/^bench fork /d'
rrefused "a bench line missing under armpv-bm" bm.log '/^bench pipe /d'
rrefused "an operation's run without its bench line" before-op-pipe.log '/^bench /d'
rrefused "an operation's run now emptied" bm-op-fork.log 'd'
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
