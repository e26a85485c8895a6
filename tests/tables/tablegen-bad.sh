#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tablegen-bad.sh -- tablegen on the spec-error corpus.
#
# Every tests/tables/bad-specs/*.spec holds exactly one mistake and a line
#   # expect: FRAGMENT
# tablegen must reject it, both when only validating and when asked for all
# three outputs: exit status 1, an error "SPEC:LINE: error: ..." containing
# FRAGMENT (LINE being the line marked "# <-- error" if the spec marks one),
# and no file written.  good*.spec and the real tables/armpv.spec must be
# accepted and must produce all three outputs.
#
# Environment (set by make check): top_srcdir, top_builddir.

: "${top_srcdir:?}" "${top_builddir:?}"
tablegen=$top_builddir/tables/tablegen
corpus=$top_srcdir/tests/tables/bad-specs

if [ ! -x "$tablegen" ]; then
	echo "tablegen-bad.sh: $tablegen not built" >&2
	exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tablegen-bad.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

failed=0
checked=0

fail()
{
	echo "FAIL: $spec: $*"
	sed 's/^/    stderr: /' "$tmp/stderr"
	failed=$((failed + 1))
}

# run SPEC [--outputs]: run tablegen, status in $rc, output in $tmp/std*.
run()
{
	rm -rf "$tmp/out" && mkdir "$tmp/out" || exit 99
	if [ "${2-}" = --outputs ]; then
		"$tablegen" "$1" --header "$tmp/out/gen.h" \
			--source "$tmp/out/gen.c" --markdown "$tmp/out/gen.md" \
			>"$tmp/stdout" 2>"$tmp/stderr"
	else
		"$tablegen" "$1" >"$tmp/stdout" 2>"$tmp/stderr"
	fi
	rc=$?
}

# has_error SPEC LINE FRAGMENT: stderr has "SPEC:N: error: ...FRAGMENT..."
# with N = LINE, or any number if LINE is empty.
has_error()
{
	awk -v spec="$1" -v line="$2" -v frag="$3" '
		index($0, spec ":") == 1 {
			rest = substr($0, length(spec) + 2)
			if (rest !~ /^[0-9]+: error: /)
				next
			n = rest
			sub(/:.*/, "", n)
			if (line != "" && n != line)
				next
			if (index(rest, frag))
				ok = 1
		}
		END { exit !ok }' "$tmp/stderr"
}

check_bad()
{
	expect=$(sed -n 's/^# expect: //p' "$spec" | head -n 1)
	line=$(grep -n '# <-- error' "$spec" | head -n 1 | cut -d: -f1)
	if [ -z "$expect" ]; then
		fail "no \"# expect:\" line (name good specs good*.spec)"
		return
	fi
	for mode in --validate --outputs; do
		run "$spec" $mode
		if [ "$rc" -ne 1 ]; then
			fail "$mode: exit status $rc, expected 1"
		elif ! has_error "$spec" "$line" "$expect"; then
			fail "$mode: no \"$spec:${line:-LINE}: error: ...$expect...\""
		elif [ -n "$(ls -A "$tmp/out")" ]; then
			fail "$mode: wrote $(ls -A "$tmp/out" | tr '\n' ' ')"
		else
			continue
		fi
		return
	done
	echo "ok: $spec: ${line:+line $line: }$expect"
}

check_good()
{
	for mode in --validate --outputs; do
		run "$spec" $mode
		if [ "$rc" -ne 0 ]; then
			fail "$mode: exit status $rc, expected 0"
		elif [ -s "$tmp/stderr" ]; then
			fail "$mode: accepted, but said something on stderr"
		elif [ $mode = --outputs ] &&
		     ! { [ -s "$tmp/out/gen.h" ] && [ -s "$tmp/out/gen.c" ] &&
			 [ -s "$tmp/out/gen.md" ]; }; then
			fail "$mode: an output is missing or empty"
		elif [ $mode = --outputs ] &&
		     [ "$(ls -A "$tmp/out" | wc -l)" -ne 3 ]; then
			fail "$mode: left behind $(ls -A "$tmp/out" | tr '\n' ' ')"
		else
			continue
		fi
		return
	done
	echo "ok: $spec: accepted"
}

for spec in "$corpus"/*.spec; do
	[ -f "$spec" ] || { echo "no specs in $corpus"; exit 99; }
	checked=$((checked + 1))
	case ${spec##*/} in
	good*.spec) check_good ;;
	*) check_bad ;;
	esac
done

spec=$top_srcdir/tables/armpv.spec
checked=$((checked + 1))
check_good

echo "$checked specs, $failed failed"
[ "$failed" -eq 0 ]
