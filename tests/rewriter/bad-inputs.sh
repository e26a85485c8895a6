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

work=$tmp/work
file=$work/in.o
out=$work/out.o
failed=0
cases=0
runs=0

fail()
{
	echo "FAIL: $name ($mode): $*"
	sed 's/^/    stderr: /' "$tmp/stderr"
	failed=$((failed + 1))
}

# run MODE [valgrind]: a fresh copy of the case as $file, armpv-rewrite on
# it in MODE; status in $rc, output in $tmp/std*.
run()
{
	mode=$1
	rm -rf "$work" && mkdir "$work" && cp "$tmp/corpus/$name.o" "$file" || exit 99
	case $mode in
	in-place) set -- "$file" ;;
	output) set -- -o "$out" "$file" ;;
	check) set -- --check "$file" ;;
	list) set -- --list "$file" ;;
	esac
	if [ -n "${vg-}" ]; then
		mode="$mode, valgrind"
		valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite \
			"$rewrite" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	else
		"$rewrite" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	fi
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
		END { exit !found }' "$tmp/stderr"
}

# left_alone: the input is unchanged and the directory holds nothing else
# (no output, no temporary file).
left_alone()
{
	cmp -s "$tmp/corpus/$name.o" "$file" ||
		fail "the input was modified"
	extra=$(cd "$work" && ls -A | grep -v '^in\.o$')
	[ -z "$extra" ] || fail "files left behind:" $extra
}

check_bad()
{
	if [ "$rc" -gt 128 ]; then
		fail "killed by signal $((rc - 128))"
	elif [ -n "${vg-}" ] && [ "$rc" = 99 ]; then
		fail "valgrind found memory errors"
	elif [ "$rc" != "$status" ]; then
		fail "exit status $rc, expected $status"
	elif ! has_message "$fragment"; then
		fail "no message \"armpv-rewrite: $file: ...$fragment...\""
	fi
	left_alone
}

# check_ok STATUS WHAT: the run exited with STATUS and no signal.
check_ok()
{
	if [ "$rc" -gt 128 ]; then
		fail "killed by signal $((rc - 128))"
	elif [ -n "${vg-}" ] && [ "$rc" = 99 ]; then
		fail "valgrind found memory errors"
	elif [ "$rc" != "$1" ]; then
		fail "exit status $rc, expected $1 ($2)"
	else
		return 0
	fi
	return 1
}

# clean FILE: armpv-rewrite --check finds nothing left in FILE.
clean()
{
	"$rewrite" --check "$1" >/dev/null 2>>"$tmp/stderr"
	rc=$?
	check_ok 0 "--check on the result"
}

tab=$(printf '\t')
while IFS=$tab read -r name status fragment; do
	cases=$((cases + 1))
	before=$failed
	if [ "$status" = ok ]; then
		vg=
		run check && check_ok 1 "the sites are found"
		left_alone
		run output && check_ok 0 "rewritten" && clean "$out"
		cmp -s "$tmp/corpus/$name.o" "$file" || fail "the input was modified"
		run in-place && check_ok 0 "rewritten" && clean "$file"
		vg=1
		run output && check_ok 0 "rewritten"
		unset vg
	else
		unset vg
		for m in in-place output check list; do
			run $m
			check_bad
		done
		vg=1
		run in-place
		check_bad
		unset vg
	fi
	if [ "$failed" = "$before" ]; then
		if [ "$status" = ok ]; then
			echo "PASS: $name (valid)"
		else
			echo "PASS: $name ($status: $fragment)"
		fi
	fi
done <"$tmp/corpus/cases.tsv"

if [ "$cases" -lt 50 ]; then
	echo "$me: only $cases cases in cases.tsv" >&2
	exit 99
fi
echo "$me: $cases cases, $runs runs of armpv-rewrite, $failed failures"
[ "$failed" = 0 ]
