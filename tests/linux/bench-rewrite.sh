#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-rewrite.sh VMLINUX [ARCH] -- armpv-rewrite against objdump -d on the
# same file, in one run: wall time (best of 3) and peak resident memory.
# Prints a Markdown table row for docs/benchmarks.md.
set -eu
vmlinux=$1 arch=${2:-armv5te}
rw=${ARMPV_REWRITE:-${top_builddir:-build}/rewriter/armpv-rewrite}
objdump=${ARM_OBJDUMP:-arm-linux-gnueabi-objdump}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

best() { # best-of-3 "seconds maxrss_kB" of a command
	b=""
	for i in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>&1
		t=$(cat "$tmp/t")
		if [ -z "$b" ] || awk -v a="${t% *}" -v b="${b% *}" 'BEGIN { exit !(a < b) }'; then
			b=$t
		fi
	done
	echo "$b"
}

size=$(wc -c <"$vmlinux")
r=$(best "$rw" -q --arch "$arch" -o "$tmp/out" "$vmlinux")
o=$(best "$objdump" -d "$vmlinux")
awk -v f="$(basename "$vmlinux")" -v size="$size" -v r="$r" -v o="$o" 'BEGIN {
	split(r, R, " "); split(o, O, " ");
	printf "| %s (%.1f MiB) | %.2f s | %.1f MiB | %.2f s | %.1f MiB | %.0fx | %.2f |\n",
		f, size / 1048576, R[1], R[2] / 1024, O[1], O[2] / 1024,
		(R[1] > 0 ? O[1] / R[1] : 0), R[2] * 1024 / size
}'
