#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-plot.sh -- a results file of bench-results.sh (docs/bench/*.tsv:
# tests/linux/bench-lib.sh bench_tsv) as an SVG plot: per operation, a bar
# per kernel run under armpv-bm (rewritten, plugin), its instructions as
# a ratio to native's on a logarithmic axis, native's own count beside
# the operation's name, and the aim for the operation as a red
# mark.  Given two results files, before and after: each kernel's bar of
# the first (lighter) above its bar of the second.
#
#   sh tests/linux/bench-plot.sh [-o OUT.svg] [-t TITLE] [-b BARS] RESULTS.tsv [AFTER.tsv]
#
# BARS names what the bars are, in the subtitle and the axis (default
# "the kernels under armpv-bm").  A results file may carry both: "#
# title: TEXT" and "# bars: TEXT" lines (tests/kvm/bench-kvm.sh's
# kvm-comparison.tsv), taken where -t and -b are not given.  The aim's
# legend is drawn only when a row has an aim.
# Each file is named on the plot by its "# label: TEXT" line (bench-
# results.sh writes the commit and date there), or else by its file name.
# Written with awk alone (no plotting package): the same input gives the
# same bytes.  OUT is written whole or not at all (a temporary file
# renamed); without -o the SVG goes to standard output.  Exit status 1 on
# a malformed file (the message names the file and line), 2 on a usage
# error.
set -u
me=bench-plot
out= title= bars= bopt=
usage() {
	echo "usage: $me [-o OUT.svg] [-t TITLE] [-b BARS] RESULTS.tsv [AFTER.tsv]" >&2
	exit 2
}
while getopts o:t:b: opt; do
	case $opt in
	o) out=$OPTARG ;;
	b) bars=$OPTARG bopt=1 ;;
	t) title=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || [ $# = 2 ] || usage
for f in "$@"; do
	[ -r "$f" ] || { echo "$me: $f: cannot read" >&2; exit 1; }
done

plot() {
	LC_ALL=C awk -F '\t' -v me="$me" -v title="$title" -v barsopt="$bars" -v bopt="$bopt" '
	function esc(s) {
		gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
		gsub(/"/, "\\&quot;", s)
		return s
	}
	function bad(msg) {
		printf "%s: %s:%d: %s\n", me, FILENAME, FNR, msg > "/dev/stderr"
		failed = 1
		exit 1
	}
	function lg(x) { return log(x) / log(10) }
	function x(r) {
		if (r < 10 ^ lo) r = 10 ^ lo
		return x0 + (lg(r) - lo) / (hi - lo) * (x1 - x0)
	}
	FNR == 1 {
		nf++
		name[nf] = FILENAME
		sub(/.*\//, "", name[nf]); sub(/\.tsv$/, "", name[nf])
		label[nf] = name[nf]
	}
	/^# label: / { label[nf] = substr($0, 10); next }
	/^# title: / { if (ftitle == "") ftitle = substr($0, 10); next }
	/^# bars: / { if (fbars == "") fbars = substr($0, 9); next }
	/^#/ || /^$/ { next }
	$0 == "board\tkernel\toperation\tinsns_per_op\tratio\taim" { head[nf] = 1; next }
	{
		if (!head[nf]) bad("no header line before the first row")
		if (NF != 6) bad("a row of " NF " fields, 6 expected")
		if ($4 !~ /^[0-9]+(\.[0-9]+)?$/ || $5 !~ /^[0-9]+(\.[0-9]+)?$/)
			bad("instructions or ratio not a number: " $0)
		if ($6 != "-" && $6 !~ /^[0-9]+(\.[0-9]+)?$/) bad("aim not a number or -: " $6)
		if (board == "") board = $1
		else if ($1 != board) bad("board " $1 " after " board ": one board a plot")
		if (!($3 in opseen)) { opseen[$3] = 1; ops[++nops] = $3 }
		if ($2 == "native") { native[nf, $3] = $4; next }
		if (!($2 in kseen)) { kseen[$2] = 1; kern[++nk] = $2 }
		if ((nf, $2, $3) in ins) bad("a second row of " $2 " " $3)
		ins[nf, $2, $3] = $4
		ratio[nf, $2, $3] = $5
		if ($6 != "-") aim[$3] = $6 + 0
		if ($5 + 0 > 0) {
			if (rmin == "" || $5 + 0 < rmin) rmin = $5 + 0
			if ($5 + 0 > rmax) rmax = $5 + 0
		}
	}
	END {
		if (failed) exit 1
		for (f = 1; f <= nf; f++)
			if (!head[f]) {
				print me ": " name[f] ": no header line" > "/dev/stderr"
				exit 1
			}
		if (nk == 0) { print me ": no kernel under armpv-bm in the results" > "/dev/stderr"; exit 1 }
		for (o in aim) {
			if (aim[o] < rmin) rmin = aim[o]
			if (aim[o] > rmax) rmax = aim[o]
		}
		if (rmin > 1) rmin = 1
		lo = int(lg(rmin) + 100) - 100
		if (10 ^ lo > rmin) lo--
		hi = int(lg(rmax) + 100) - 100
		if (10 ^ hi < rmax) hi++
		if (hi <= lo) hi = lo + 1
		# Series: each kernel, each file (before, after).
		for (k = 1; k <= nk; k++)
			for (f = 1; f <= nf; f++) { ns++; sk[ns] = kern[k]; sf[ns] = f }
		color["rewritten"] = "#4e79a7"; color["plugin"] = "#f28e2b"
		spare[1] = "#59a14f"; spare[2] = "#b07aa1"; spare[3] = "#76b7b2"
		spare[4] = "#e15759"; spare[5] = "#9c755f"; spare[6] = "#edc948"
		for (k = 1; k <= nk; k++)
			if (!(kern[k] in color)) color[kern[k]] = spare[(k - 1) % 6 + 1]
		W = 980; x0 = 250; x1 = 790; bh = 12; gap = 3; ggap = 20
		# The height of a group: its bars, or the two lines of its label.
		bars = ns * (bh + gap) - gap
		gh = bars > 28 ? bars : 28
		top = 100 + (nf > 1 ? 12 : 0)
		H = top + nops * (gh + ggap) + 54
		if (title == "") title = ftitle
		if (title == "") title = "armpv-bm on " board ": instructions per operation against native"
		if (!bopt) barsopt = fbars
		if (barsopt == "") {
			what = "the kernels under armpv-bm"; axis = "instructions under armpv-bm"
		} else {
			what = barsopt; axis = "instructions (" barsopt ")"
		}
		printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n", W, H, W, H
		printf "<title>%s</title>\n", esc(title)
		printf "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", W, H
		printf "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", 12, esc(title)
		if (nf == 1)
			printf "<text x=\"12\" y=\"44\" fill=\"#444444\">%s; bars: %s</text>\n", esc(label[1]), esc(what)
		else
			printf "<text x=\"12\" y=\"44\" fill=\"#444444\">before (lighter bars): %s; after: %s; bars: %s</text>\n", esc(label[1]), esc(label[2]), esc(what)
		# Legend.
		lx = 12; ly = 66 + (nf > 1 ? 12 : 0)
		for (s = 1; s <= ns; s++) {
			t = sk[s] (nf > 1 ? (sf[s] == 1 ? ", before" : ", after") : "")
			printf "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"%s/>\n", lx, ly - 10, color[sk[s]], (nf > 1 && sf[s] == 1 ? " fill-opacity=\"0.45\"" : "")
			printf "<text x=\"%d\" y=\"%d\">%s</text>\n", lx + 16, ly, esc(t)
			lx += 16 + 7 * length(t) + 14
		}
		for (o in aim) naims++
		if (naims) {
			printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"3\"/>\n", lx, ly - 10, lx, ly + 2
			printf "<text x=\"%d\" y=\"%d\">aim (issue 14)</text>\n", lx + 8, ly
		}
		# The axis: a line and a label a decade, native (1) darker.
		ybot = top + nops * (gh + ggap) - ggap + 6
		for (d = lo; d <= hi; d++) {
			xd = x(10 ^ d)
			printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\"%s/>\n", xd, top - 8, xd, ybot, (d == 0 ? "#000000" : "#bbbbbb"), (d == 0 ? "" : " stroke-dasharray=\"3,3\"")
			t = (d >= 0 ? sprintf("%d", 10 ^ d) : sprintf("%." (-d) "f", 10 ^ d)) "x"
			printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444444\">%s</text>\n", xd, top - 12, t
			printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444444\">%s</text>\n", xd, ybot + 14, t
		}
		printf "<text x=\"%d\" y=\"%d\" fill=\"#444444\">%s / native instructions (log scale); 1x = native</text>\n", x0, ybot + 32, esc(axis)
		# The operations.
		y = top
		for (i = 1; i <= nops; i++) {
			o = ops[i]
			printf "<g id=\"op-%s\">\n", esc(o)
			printf "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", 12, y + gh / 2 - 2, esc(o)
			t = ""
			for (f = 1; f <= nf; f++)
				t = t (f > 1 ? " / " : "") ((f, o) in native ? native[f, o] : "n/a")
			printf "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#444444\">native: %s</text>\n", 12, y + gh / 2 + 11, t
			for (s = 1; s <= ns; s++) {
				yb = y + int((gh - bars) / 2) + (s - 1) * (bh + gap)
				k = sk[s]; f = sf[s]
				if (!((f, k, o) in ins) || ratio[f, k, o] <= 0) {
					printf "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#888888\">%s: not measured</text>\n", x0 + 4, yb + bh - 2, esc(k)
					continue
				}
				r = ratio[f, k, o]
				printf "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s><title>%s %s: %s insns/op, %sx native</title></rect>\n", x0, yb, x(r) - x0, bh, color[k], (nf > 1 && f == 1 ? " fill-opacity=\"0.45\"" : ""), esc(k), esc(o), ins[f, k, o], r
				# The figures after the bar, or after the aim where
				# they would cross its mark (6 px a character).
				t = r "x  (" ins[f, k, o] ")"
				tx = x(r) + 4
				if ((o in aim) && x(aim[o]) > tx - 3 && x(aim[o]) < tx + 6 * length(t))
					tx = x(aim[o]) + 5
				printf "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>\n", tx, yb + bh - 2, t
			}
			if (o in aim) {
				xa = x(aim[o])
				printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"3\"><title>aim: %sx native</title></line>\n", xa, y - 3, xa, y + gh + 3, aim[o]
				printf "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#d62728\" text-anchor=\"middle\">aim %sx</text>\n", xa, y + gh + 12, aim[o]
			}
			printf "</g>\n"
			y += gh + ggap
		}
		printf "</svg>\n"
	}' "$@"
}

if [ -z "$out" ]; then
	plot "$@"
	exit
fi
tmp=$(mktemp "$out.XXXXXX") || exit 1
if plot "$@" >"$tmp" && chmod 644 "$tmp"; then
	mv "$tmp" "$out" || { rm -f "$tmp"; exit 1; }
else
	rm -f "$tmp"
	exit 1
fi
