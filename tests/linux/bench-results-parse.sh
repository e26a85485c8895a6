#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-results-parse.sh -- the results files of tests/linux/bench-
# results.sh and their plots (bench-plot.sh), without QEMU:
# tests/linux/bench-linux-logs/results-BOARD/ holds the lines that the
# results read of the logs of the run that made docs/bench/BOARD-
# before.tsv (versatilepb: native, rewritten and plugin kernels; raspi0:
# native and rewritten; and tests/baremetal/bench.sh's output): the rows
# made of them must be that file's.
# Then the plots: those in docs/bench/ drawn from its results files, well-formed XML (xmllint where installed, else a check
# of the elements' nesting), every operation there with every figure of
# its rows and its aim, the same bytes twice, before and after in one
# plot, and malformed results refused without touching the output.
#
# Environment (make check exports it): top_srcdir.
set -u
logs=$top_srcdir/tests/linux/bench-linux-logs
results=$top_srcdir/tests/linux/bench-results.sh
plot=$top_srcdir/tests/linux/bench-plot.sh
docs=$top_srcdir/docs/bench
before=$docs/versatilepb-before.tsv
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-bench-results.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
rows() { grep -v '^#' "$1"; }

# The results of the canned logs (copied: the reports write beside
# them) must be the rows of the baseline results files.
for board in versatilepb raspi0; do
	mkdir "$tmp/$board" && cp "$logs/results-$board"/* "$tmp/$board/" || exit 99
	if sh "$results" --tsv $board "$tmp/$board" "$tmp/$board/baremetal.txt" \
		>"$tmp/$board.tsv" 2>"$tmp/err" &&
		rows "$docs/$board-before.tsv" | cmp -s - "$tmp/$board.tsv"; then
		ok "$board: the canned run's rows are docs/bench/$board-before.tsv's"
	else
		no "$board: the canned run's rows are docs/bench/$board-before.tsv's"
		rows "$docs/$board-before.tsv" | diff - "$tmp/$board.tsv" | sed 's/^/# /'
		sed 's/^/# /' "$tmp/err"
	fi
done
if [ "$(rows "$before" | awk -F '\t' '$2 == "plugin"' | wc -l)" = 10 ] &&
	[ "$(rows "$before" | awk -F '\t' '$2 == "rewritten"' | wc -l)" = 10 ] &&
	[ "$(rows "$before" | awk -F '\t' '$2 == "native"' | wc -l)" = 10 ]; then
	ok "versatilepb: 10 operations natively, rewritten and with the plugin"
else
	no "versatilepb: 10 operations natively, rewritten and with the plugin"
fi
sed '/^irq-save-restore/d' "$tmp/versatilepb/baremetal.txt" >"$tmp/nobm.txt"
if sh "$results" --tsv versatilepb "$tmp/versatilepb" "$tmp/nobm.txt" >/dev/null 2>&1; then
	no "refused: no irq-save-restore row in the bare-metal benchmark's output"
else
	ok "refused: no irq-save-restore row in the bare-metal benchmark's output"
fi

# well_formed SVG: xmllint, or the elements' nesting by awk.
well_formed() {
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout "$1"
	else
		tr '\n' ' ' <"$1" | awk '
		{
			s = $0
			while (match(s, /<[^>]*>/)) {
				t = substr(s, RSTART + 1, RLENGTH - 2)
				s = substr(s, RSTART + RLENGTH)
				if (t ~ /^[?!]/ || t ~ /\/$/) continue
				split(t, w, /[ \t]/)
				if (t ~ /^\//) {
					if (n == 0 || st[n] != substr(w[1], 2)) exit 1
					n--
				} else
					st[++n] = w[1]
			}
		}
		END { exit n != 0 }'
	fi
}
# figures TSV SVG: every operation of TSV has its group in SVG, its
# native count, each kernel's ratio and instructions, and its aim.
figures() {
	awk -F '\t' '!/^#/ && $1 != "board"' "$1" | while IFS='	' read -r b k o i r a; do
		grep -q "<g id=\"op-$o\">" "$2" || { echo "no group of $o"; continue; }
		# The group's lines.
		sed -n "/<g id=\"op-$o\">/,/<\/g>/p" "$2" >"$tmp/group"
		if [ "$k" = native ]; then
			grep -q ">native: \([0-9.]* / \)*$i\( / [0-9.]*\)*<" "$tmp/group" ||
				echo "$o: no native $i"
		else
			grep -qF ">${r}x  ($i)<" "$tmp/group" || echo "$o: no $k ${r}x ($i)"
			[ "$a" = - ] || grep -qF ">aim ${a}x<" "$tmp/group" || echo "$o: no aim ${a}x"
		fi
	done
}
check_plot() { # NAME SVG TSV...
	name=$1 svg=$2
	shift 2
	if well_formed "$svg"; then ok "$name: well-formed"; else no "$name: well-formed"; fi
	: >"$tmp/missing"
	for t in "$@"; do figures "$t" "$svg" >>"$tmp/missing"; done
	if [ ! -s "$tmp/missing" ]; then
		ok "$name: every operation, figure and aim"
	else
		no "$name: every operation, figure and aim"
		sed 's/^/# /' "$tmp/missing"
	fi
}

sh "$plot" -o "$tmp/v.svg" "$before" 2>"$tmp/err" || sed 's/^/# /' "$tmp/err"
check_plot "versatilepb plot" "$tmp/v.svg" "$before"
sh "$plot" "$before" >"$tmp/v2.svg" 2>/dev/null
if cmp -s "$tmp/v.svg" "$tmp/v2.svg"; then
	ok "the same results give the same bytes (-o and standard output)"
else
	no "the same results give the same bytes (-o and standard output)"
fi
if [ "$(grep -c '<rect x="250" ' "$tmp/v.svg")" = 20 ]; then
	ok "a bar per kernel under armpv-bm and operation (20)"
else
	no "a bar per kernel under armpv-bm and operation (20): $(grep -c '<rect x="250" ' "$tmp/v.svg")"
fi
sh "$plot" -o "$tmp/r.svg" "$docs/raspi0-before.tsv" 2>"$tmp/err" || sed 's/^/# /' "$tmp/err"
check_plot "raspi0 plot" "$tmp/r.svg" "$docs/raspi0-before.tsv"

# The plots in docs/bench/ are those of its results files as this script
# draws them (bench-results.sh writes both; a change to the plot redraws
# them: sh tests/linux/bench-plot.sh -o docs/bench/B.svg docs/bench/B.tsv).
for svg in "$docs"/*.svg; do
	b=${svg##*/}
	b=${b%.svg}
	case $b in
	*-before-after) set -- "$docs/${b%-before-after}-before.tsv" "$docs/${b%-before-after}.tsv" ;;
	*) set -- "$docs/$b.tsv" ;;
	esac
	if sh "$plot" "$@" 2>"$tmp/err" | cmp -s - "$svg"; then
		ok "docs/bench/$b.svg is the plot of its results"
	else
		no "docs/bench/$b.svg is the plot of its results"
		sed 's/^/# /' "$tmp/err"
	fi
done

# Before and after: an "after" with the rewritten kernel's null system
# call at 2.5 times native (and a label), the plugin's pipe gone.
awk -F '\t' -v OFS='\t' '
/^# label:/ { print "# label: after <test> & co"; next }
$2 == "rewritten" && $3 == "null" { $4 = "287.5"; $5 = "2.50" }
$2 == "plugin" && $3 == "pipe" { next }
{ print }' "$before" >"$tmp/after.tsv"
sh "$plot" -o "$tmp/ba.svg" "$before" "$tmp/after.tsv" 2>"$tmp/err" || sed 's/^/# /' "$tmp/err"
check_plot "before/after plot" "$tmp/ba.svg" "$before" "$tmp/after.tsv"
if grep -qF 'after: after &lt;test&gt; &amp; co' "$tmp/ba.svg" &&
	[ "$(grep -c 'fill-opacity="0.45"><title>' "$tmp/ba.svg")" = 20 ] &&
	[ "$(grep -c '<rect x="250" ' "$tmp/ba.svg")" = 39 ] &&
	grep -q 'plugin: not measured' "$tmp/ba.svg"; then
	ok "before/after: labels escaped, 20 bars before (lighter), 19 after, the missing one said"
else
	no "before/after: labels escaped, 20 bars before (lighter), 19 after, the missing one said"
fi

# Refused: the output is left as it was, no temporary file is left.
refused() { # NAME SED
	sed "$2" "$before" >"$tmp/bad.tsv"
	echo untouched >"$tmp/out.svg"
	if sh "$plot" -o "$tmp/out.svg" "$tmp/bad.tsv" 2>"$tmp/err"; then
		no "refused: $1"
	elif [ "$(cat "$tmp/out.svg")" = untouched ] &&
		[ -z "$(ls "$tmp" | grep '^out\.svg\.')" ] &&
		grep -q "bad.tsv:[0-9]*: " "$tmp/err"; then
		ok "refused: $1 (file:line named, output untouched)"
	else
		no "refused: $1 (file:line named, output untouched)"
		sed 's/^/# /' "$tmp/err"
	fi
}
refused "a row of five fields" 's/\t-$//'
refused "instructions not a number" '/rewritten\tnull/s/\t[0-9.]*\t/\tmany\t/'
refused "two boards in one file" '$s/^versatilepb/raspi0/'
refused "no header line" '/^board/d'
refused "a row twice" '/rewritten\tfork/p'
if sh "$plot" "$tmp/nonexistent.tsv" >/dev/null 2>&1; then
	no "refused: a file that does not exist"
else
	ok "refused: a file that does not exist"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
