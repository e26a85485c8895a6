#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The test kernels must print the same transcript rewritten under armpv-run
# (run.sh: kern-vN.log) as unrewritten in SVC on versatilepb (native.sh:
# kern-vN.native.log): every "ok"/"not ok" line and the summary, in order.
# Lines that name the platform (the banner) are not compared.
#
# Environment: top_builddir.  Exit: 0 same, 1 different, 77 when native.sh
# was skipped (no qemu-system-arm), 99 when run.sh left no transcript.
out=$top_builddir/tests/process
status=0
for v in v5 v6; do
	rw=$out/kern-$v.log
	nat=$out/kern-$v.native.log
	if test ! -s "$rw"; then
		echo "$0: $rw missing: run.sh did not run" >&2
		exit 99
	fi
	if test ! -s "$nat"; then
		echo "$0: $nat missing: native.sh skipped"
		exit 77
	fi
	grep -E '^(ok|not ok|[0-9]+ passed)' "$rw" >"$out/kern-$v.cmp.rw"
	grep -E '^(ok|not ok|[0-9]+ passed)' "$nat" >"$out/kern-$v.cmp.native"
	n=$(wc -l <"$out/kern-$v.cmp.rw")
	if test "$n" -lt 10; then
		echo "FAIL: kern-$v: only $n transcript lines under armpv-run"
		status=1
	elif diff -u "$out/kern-$v.cmp.native" "$out/kern-$v.cmp.rw"; then
		echo "kern-$v: $n transcript lines identical (native versatilepb vs armpv-run)"
	else
		echo "FAIL: kern-$v: transcripts differ (native '-', armpv-run '+')"
		status=1
	fi
done
exit $status
