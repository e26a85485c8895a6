#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bad-inputs.sh -- armpv-rewrite on the generated bad-input corpus.
#
# tests/rewriter/sample.S is assembled into a valid ARM object, and
# make-bad-elf derives the corpus from it: NAME.o files, each with one thing
# broken, and cases.tsv saying what armpv-rewrite must answer (see
# make-bad-elf.c).  Every bad case runs in four modes (in place, -o OUT,
# --check, --list) and each run must:
#   - exit with the case's status (3 bad input, or 4 for a valid file that
#     cannot be rewritten safely), never by a signal;
#   - print "armpv-rewrite: FILE: ..." containing the case's fragment;
#   - leave FILE byte-identical, create no OUT and leave no temporary file
#     (FILE.armpv-* or OUT.armpv-*) behind.
# The in-place run is repeated under valgrind, which must find no memory
# error and no definite leak.  The few valid variants ("ok") must be
# accepted: --check finds the sites, -o OUT and in-place rewriting succeed
# and leave a clean file (also under valgrind).
#
# Environment (set by make check): top_srcdir, top_builddir, ARM_CC.
# Optional: ARMPV_TEST_JOBS, valgrind runs at a time (default: CPUs).

: "${top_srcdir:?}" "${top_builddir:?}" "${ARM_CC:?}"
rewrite=$top_builddir/rewriter/armpv-rewrite
gen=$top_builddir/tests/rewriter/make-bad-elf
me=bad-inputs.sh

for prog in "$rewrite" "$gen"; do
	if [ ! -x "$prog" ]; then
		echo "$me: $prog not built" >&2
		exit 99
	fi
done
if ! command -v valgrind >/dev/null 2>&1; then
	echo "$me: valgrind not found (Debian package: valgrind)" >&2
	exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bad-inputs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

if ! "$ARM_CC" -c -march=armv5te -o "$tmp/sample.o" \
	"$top_srcdir/tests/rewriter/sample.S"; then
	echo "$me: cannot assemble tests/rewriter/sample.S with $ARM_CC" >&2
	exit 99
fi
mkdir "$tmp/corpus" && "$gen" "$tmp/sample.o" "$tmp/corpus" || exit 99

failed=0
failed_cases=" "
cases=0
runs=0
jobs=${ARMPV_TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}

fail()
{
	echo "FAIL: $name ($mode): $*"
	sed 's/^/    stderr: /' "$work/stderr"
	failed=$((failed + 1))
	case $failed_cases in
	*" $name "*) ;;
	*) failed_cases="$failed_cases$name " ;;
	esac
}

# prepare NAME: $work is a fresh directory holding only $file, a copy of
# case NAME; $out is where -o writes.
prepare()
{
	work=$tmp/work/$1
	file=$work/in.o
	out=$work/out.o
	rm -rf "$work" && mkdir -p "$work" && cp "$tmp/corpus/$1.o" "$file" || exit 99
}

# in_mode MODE COMMAND...: COMMAND (armpv-rewrite, perhaps under valgrind)
# with the arguments of MODE.
in_mode()
{
	m=$1
	shift
	case $m in
	in-place) "$@" "$file" ;;
	output) "$@" -o "$out" "$file" ;;
	check) "$@" --check "$file" ;;
	list) "$@" --list "$file" ;;
	esac
}

# run MODE: armpv-rewrite on a fresh copy of the case in MODE; status in
# $rc, output in $work/std*.
run()
{
	mode=$1
	prepare "$name"
	in_mode "$mode" "$rewrite" >"$work/stdout" 2>"$work/stderr"
	rc=$?
	runs=$((runs + 1))
}

# has_message FRAGMENT: a line "armpv-rewrite: $file: ..." whose text
# contains FRAGMENT, "*" in FRAGMENT standing for any text.
has_message()
{
	awk -v prefix="armpv-rewrite: $file: " -v frag="$1" '
		index($0, prefix) == 1 {
			rest = substr($0, length(prefix) + 1)
			n = split(frag, piece, "*")
			for (i = 1; i <= n; i++) {
				at = index(rest, piece[i])
				if (!at)
					next
				rest = substr(rest, at + length(piece[i]))
			}
			found = 1
		}
		END { exit !found }' "$work/stderr"
}

# left_alone [OUT]: the input is unchanged and its directory holds nothing
# else (no temporary file; no output unless OUT is given).
left_alone()
{
	cmp -s "$tmp/corpus/$name.o" "$file" ||
		fail "the input was modified"
	extra=
	for f in "$work"/* "$work"/.[!.]*; do
		case ${f##*/} in
		'*' | '.[!.]*' | in.o | stdout | stderr | "${1:-in.o}") ;;
		*) extra="$extra ${f##*/}" ;;
		esac
	done
	[ -z "$extra" ] || fail "files left behind:$extra"
}

# status_is STATUS WHAT: the run exited with STATUS, not by a signal, and
# valgrind (when used) found nothing.
status_is()
{
	if [ "$rc" -gt 128 ]; then
		fail "killed by signal $((rc - 128))"
	elif [ "$rc" = 99 ] && [ "$vg" = yes ]; then
		fail "valgrind found memory errors or leaks"
	elif [ "$rc" != "$1" ]; then
		fail "exit status $rc, expected $1 ($2)"
	else
		return 0
	fi
	return 1
}

check_bad()
{
	if status_is "$status" "the case's status" && ! has_message "$fragment"; then
		fail "no message \"armpv-rewrite: $file: ...$fragment...\""
	fi
	left_alone
}

# clean FILE: armpv-rewrite --check finds nothing left in FILE.
clean()
{
	"$rewrite" --check "$1" >/dev/null 2>>"$work/stderr"
	rc=$?
	status_is 0 "--check on the result"
}

tab=$(printf '\t')

# Every case in every mode.
vg=no
while IFS=$tab read -r name status fragment; do
	cases=$((cases + 1))
	if [ "$status" = ok ]; then
		run check && status_is 1 "--check finds the sites"
		left_alone
		run output && status_is 0 "rewritten to OUT" && clean "$out"
		left_alone out.o
		run in-place && status_is 0 "rewritten in place" && clean "$file"
	else
		for m in in-place output check list; do
			run $m
			check_bad
		done
	fi
done <"$tmp/corpus/cases.tsv"

# Every case again under valgrind, in place (valid ones with -o OUT), at
# most $jobs at a time: valgrind's start-up is most of the cost.
vg=yes
vg_start()
{
	prepare "$name"
	if [ "$status" = ok ]; then mode=output; else mode=in-place; fi
	(
		in_mode "$mode" valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite "$rewrite" \
			>"$work/stdout" 2>"$work/stderr"
		echo $? >"$work.rc"
	) &
	runs=$((runs + 1))
}
vg_check()
{
	work=$tmp/work/$name
	file=$work/in.o
	if [ "$status" = ok ]; then mode="output, valgrind"; else mode="in-place, valgrind"; fi
	rc=$(cat "$work.rc") || exit 99
	if [ "$status" = ok ]; then
		status_is 0 "rewritten to OUT"
		left_alone out.o
	else
		check_bad
	fi
}
n=0
while IFS=$tab read -r name status fragment; do
	vg_start
	n=$((n + 1))
	if [ "$n" -ge "$jobs" ]; then
		wait
		n=0
	fi
done <"$tmp/corpus/cases.tsv"
wait
while IFS=$tab read -r name status fragment; do
	vg_check
done <"$tmp/corpus/cases.tsv"

while IFS=$tab read -r name status fragment; do
	case $failed_cases in
	*" $name "*) ;;
	*)
		if [ "$status" = ok ]; then
			echo "PASS: $name (valid)"
		else
			echo "PASS: $name ($status: $fragment)"
		fi
		;;
	esac
done <"$tmp/corpus/cases.tsv"

if [ "$cases" -lt 50 ]; then
	echo "$me: only $cases cases in cases.tsv" >&2
	exit 99
fi
echo "$me: $cases cases ($(grep -c "${tab}ok$tab" "$tmp/corpus/cases.tsv") valid), $runs runs of armpv-rewrite ($cases under valgrind), $failed failures"
[ "$failed" = 0 ]
