#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every trap word armpv produces traps on both target CPU models, under
# qemu-arm user mode: the ARM926EJ-S model runs the armv5te forms, the
# ARM1176JZF-S model the armv6 ones.  traps.c says what is checked.
bin="$top_builddir/tests/tables/traps-arm"
if test ! -x "$bin"; then
	echo "$0: $bin is not built" >&2
	exit 99
fi

status=0
for model in arm926:armv5te arm1176:armv6; do
	cpu=${model%%:*}
	arch=${model#*:}
	echo "== $QEMU_ARM -cpu $cpu traps-arm $arch"
	"$QEMU_ARM" -cpu "$cpu" "$bin" "$arch"
	rc=$?
	if test $rc -ne 0; then
		echo "FAIL: -cpu $cpu ($arch) exited with status $rc"
		# Keep a hard error (99) from either run.
		if test $status -ne 99; then
			status=$rc
		fi
	fi
done
exit $status
