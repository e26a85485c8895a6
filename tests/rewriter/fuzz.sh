#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fuzz.sh -- fuzz armpv-rewrite's ELF front end and site scan for a
# bounded time.
#
# Builds tests/rewriter/fuzz-elf.c with clang and libFuzzer, AddressSanitizer
# and UndefinedBehaviorSanitizer (every report fatal), seeds it with the
# valid sample object and the bad-input corpus (make-bad-elf), and runs it
# for ARMPV_FUZZ_SECONDS seconds (default 60).  Any crash, sanitizer report,
# leak, timeout or broken front-end promise fails the test; the input that
# caused it is kept in tests/rewriter/fuzz-crashes/ under the build tree.
# Replay one with
#   ARMPV_FUZZ_VERBOSE=1 tests/rewriter/fuzz-elf FILE
# A missing clang or libFuzzer runtime is a failure, not a skip: the fuzz
# run is part of CI.
#
# Environment (set by make check): top_srcdir, top_builddir, ARM_CC.
# Optional: ARMPV_FUZZ_SECONDS, ARMPV_FUZZ_CC (default: clang, clang-14).

: "${top_srcdir:?}" "${top_builddir:?}" "${ARM_CC:?}"
me=fuzz.sh
seconds=${ARMPV_FUZZ_SECONDS:-60}
bin=$top_builddir/tests/rewriter/fuzz-elf
crashes=$top_builddir/tests/rewriter/fuzz-crashes
gen=$top_builddir/tests/rewriter/make-bad-elf
tables_gen=$top_builddir/tables/armpv_tables_gen.c

case $seconds in
'' | *[!0-9]* | 0)
	echo "$me: ARMPV_FUZZ_SECONDS=$seconds is not a positive number of seconds" >&2
	exit 99 ;;
esac
for f in "$gen" "$tables_gen"; do
	if [ ! -e "$f" ]; then
		echo "$me: $f not built" >&2
		exit 99
	fi
done

cc=${ARMPV_FUZZ_CC:-}
if [ -z "$cc" ]; then
	for c in clang clang-14; do
		if command -v "$c" >/dev/null 2>&1; then
			cc=$c
			break
		fi
	done
fi
if [ -z "$cc" ]; then
	echo "FAIL: $me: no clang found: the ELF fuzz target needs clang with libFuzzer (Debian packages clang and libclang-rt-14-dev, or set ARMPV_FUZZ_CC)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

# The libFuzzer runtime first, alone, so that its absence is named as such.
cat >"$tmp/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return (int)(data && size) * 0;
}
EOF
if ! "$cc" -fsanitize=fuzzer,address,undefined -o "$tmp/probe" "$tmp/probe.c" \
	>"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	echo "FAIL: $me: $cc cannot link a libFuzzer program (-fsanitize=fuzzer,address,undefined): the libFuzzer runtime is missing (Debian package libclang-rt-14-dev for clang 14)"
	exit 1
fi

libelf=$(pkg-config --cflags --libs libelf 2>/dev/null) || libelf=-lelf
mkdir -p "$top_builddir/tests/rewriter" || exit 99
# shellcheck disable=SC2086 # $libelf is a list of flags
if ! "$cc" -std=c11 -D_GNU_SOURCE -g -O1 \
	-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-I"$top_builddir/tables" -I"$top_srcdir/tables" -I"$top_srcdir/rewriter" \
	-o "$bin" \
	"$top_srcdir/tests/rewriter/fuzz-elf.c" \
	"$top_srcdir/rewriter/elf-model.c" "$top_srcdir/rewriter/scan.c" \
	"$top_srcdir/rewriter/record.c" \
	"$top_srcdir/tables/armpv_tables.c" "$tables_gen" \
	$libelf >"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	echo "FAIL: $me: the fuzz target does not build with $cc (compiler output above)"
	exit 1
fi

if ! "$ARM_CC" -c -march=armv5te -o "$tmp/sample.o" \
	"$top_srcdir/tests/rewriter/sample.S"; then
	echo "$me: cannot assemble tests/rewriter/sample.S with $ARM_CC" >&2
	exit 99
fi
mkdir "$tmp/seeds" "$tmp/corpus" && "$gen" "$tmp/sample.o" "$tmp/seeds" &&
	rm "$tmp/seeds/cases.tsv" || exit 99
mkdir -p "$crashes" || exit 99

echo "$me: fuzzing for $seconds s with $(ls "$tmp/seeds" | wc -l) seeds ($cc)"
UBSAN_OPTIONS=print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS} \
	"$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
	-rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$crashes/" "$tmp/corpus" "$tmp/seeds" \
	>"$tmp/fuzz.log" 2>&1
rc=$?
# The progress lines ("#N NEW ...") and the suggested dictionary are many
# and say little; keep the rest and the last progress line.
sed -e '/^#[0-9]/d' -e '/^###### Recommended dictionary/,/^###### End of recommended/d' \
	"$tmp/fuzz.log"
grep '^#[0-9]' "$tmp/fuzz.log" | tail -n 1
rmdir "$crashes" 2>/dev/null # only if nothing was kept

if [ "$rc" != 0 ]; then
	echo "FAIL: $me: fuzz-elf exited with status $rc; inputs kept:"
	ls -l "$crashes" 2>/dev/null
	echo "replay: ARMPV_FUZZ_VERBOSE=1 $bin FILE"
	exit 1
fi
if ! grep -q '^stat::number_of_executed_units: [1-9]' "$tmp/fuzz.log"; then
	echo "FAIL: $me: the fuzzer executed nothing"
	exit 1
fi
echo "$me: no crash in $seconds s"
