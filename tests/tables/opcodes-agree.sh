#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The classifier against GNU libopcodes' ARM disassembler, on ARMv5TE and
# ARMv6: a sweep of the decode bits, 10^6 random words (fixed seed), every
# form, notsens and unpredictable row of the spec (tests/tables/forms.S,
# which must cover them all), and the cross toolchain's libc.so.6
# (stripped: read as ARM throughout) and libgcc.a (mapping symbols, some
# Thumb).
# Exit: 0 agreement, 1 disagreement or missing coverage, 99 set-up error.
set -u

fail() {
	echo "opcodes-agree.sh: $*" >&2
	exit 99
}

[ -n "${top_srcdir-}" ] && [ -n "${top_builddir-}" ] ||
	fail "top_srcdir and top_builddir must be set (run it with make check)"
[ -n "${ARM_CC-}" ] || fail "ARM_CC is not set (configure looks for arm-linux-gnueabi-gcc)"

prog=$top_builddir/tests/tables/opcodes_agree
[ -x "$prog" ] || fail "$prog is not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/opcodes-agree.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

# The register-shifted data-processing forms with Rd = pc are UNPREDICTABLE
# (the spec refuses them, libopcodes marks them); gas assembles them with
# a warning each (see forms.S).
"$ARM_CC" -c -march=armv6 -Wa,--no-warn -o "$tmp/forms.o" \
	"$top_srcdir/tests/tables/forms.S" || fail "cannot assemble forms.S"

libc=$("$ARM_CC" -print-file-name=libc.so.6)
libgcc=$("$ARM_CC" -print-libgcc-file-name)
for f in "$libc" "$libgcc"; do
	[ -f "$f" ] || fail "$f not found (Debian package gcc-arm-linux-gnueabi)"
done

(cd "$tmp" && "$prog" --random 1000000 --seed 1 --cover forms.o "$libc" "$libgcc") \
	>"$tmp/out"
rc=$?
cat "$tmp/out"
[ "$rc" -le 1 ] || fail "opcodes_agree failed to run (exit $rc)"

# forms.S has a Thumb function and data in its code section: the mapping
# symbols must have made the checker skip both.
if ! grep -A1 '^forms\.o$' "$tmp/out" |
	grep -q 'Thumb skipped [1-9][0-9]*, data skipped [1-9]'; then
	echo "opcodes-agree.sh: forms.o's Thumb and data words were not skipped" >&2
	rc=1
fi
# forms.S's register shifts with Rd = pc: refused by the spec and marked
# <UNPREDICTABLE> by libopcodes, on both architectures.
n=$(awk '/^forms\.o$/ { on = 1; next } !/^ / { on = 0 } on' "$tmp/out" |
	grep -c 'refused, data processing, S=1, Rd = pc, register shift: [1-9][0-9]* (libopcodes')
if [ "$n" -ne 2 ]; then
	echo "opcodes-agree.sh: forms.o's register-shift Rd = pc words were not refused as UNPREDICTABLE on both architectures" >&2
	rc=1
fi
exit "$rc"
