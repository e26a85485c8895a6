#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# profile-syms.sh VMLINUX|SYSTEM.MAP < LOG -- armpv-bm's per-site profile (the
# "armpv-bm:   pc ..." lines printed at shutdown with armpv.profile:
# docs/baremetal-monitor.md "Per-site profile") with each guest PC named
# as a kernel symbol + offset, from VMLINUX's symbol table (or a
# System.map: "ADDRESS TYPE NAME" lines, what nm -n prints).  The plain
# vmlinux serves for the rewritten one: the post-link rewrite replaces
# instruction words in place, and every address stays.  A PC below
# PAGE_OFFSET (0xc0000000) is a user program's ("user").  Prints
#   PC COUNT WORD WHAT SYMBOL+0xOFFSET
# in the profile's order (busiest first).
set -eu
vmlinux=$1
nm=${ARM_NM:-arm-linux-gnueabi-nm}
syms=$(mktemp "${TMPDIR:-/tmp}/armpv-syms.XXXXXX")
trap 'rm -f "$syms"' EXIT
# Text symbols only (t, T, w, W), sorted; the ARM mapping symbols ($a,
# $d, $t) name no function.
if [ "$(head -c 4 "$vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ]; then
	"$nm" -n "$vmlinux"
else
	sort "$vmlinux"
fi | awk '$2 ~ /^[tTwW]$/ && $3 !~ /^\$/ { print $1, $3 }' >"$syms"
tr -d '\r' | awk -v syms="$syms" '
function hex(s,   i, c, v) {
	v = 0
	s = tolower(s)
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1)) - 1
		v = v * 16 + c
	}
	return v
}
BEGIN {
	while ((getline line < syms) > 0) {
		split(line, f, " ")
		n++
		addr[n] = hex(f[1])
		name[n] = f[2]
	}
}
# armpv-bm:   pc c0008f30        123  ef280001 mrs
$1 == "armpv-bm:" && $2 == "pc" {
	pc = hex($3)
	what = $6
	for (i = 7; i <= NF; i++) what = what " " $i
	if (pc < 3221225472) {
		sym = "user"
	} else {
		lo = 1; hi = n; best = 0
		while (lo <= hi) {
			mid = int((lo + hi) / 2)
			if (addr[mid] <= pc) { best = mid; lo = mid + 1 } else hi = mid - 1
		}
		sym = best ? sprintf("%s+0x%x", name[best], pc - addr[best]) : "?"
	}
	printf "%s %10s  %s %-14s %s\n", $3, $4, $5, what, sym
}'
