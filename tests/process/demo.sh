#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job (examples/demo.sh, what `./armpv-dev demo` runs) must work
# end to end: it exits 0, the rewritten example object has nothing
# sensitive left, and the rewritten test kernel passes under armpv-run
# and under armpv-bm (qemu-system-arm), with the monitors' statistics
# printed.
#
# Environment: top_srcdir, top_builddir, ARM_CC, QEMU_ARM.
log=$top_builddir/examples/demo.out
mkdir -p "$top_builddir/examples"
if ! sh "$top_srcdir/examples/demo.sh" "$top_builddir" >"$log" 2>&1; then
	cat "$log"
	echo "FAIL: examples/demo.sh exited with an error"
	exit 1
fi
status=0
for want in '(byte-identical)' '^[0-9][0-9]* passed, 0 failed$' \
	'^armpv-run: [0-9][0-9]* traps: mrs [1-9]' \
	'^armpv-run: virtual exceptions: swi [1-9]' \
	'^armpv-bm: [0-9][0-9]* traps: mrs [1-9]' \
	'^armpv-bm: shadow paging: [1-9][0-9]* pages filled'; do
	if ! grep -q -- "$want" "$log"; then
		echo "FAIL: the demo's output lacks /$want/"
		status=1
	fi
done
test $status -eq 0 && echo "demo: all steps ran ($log)"
exit $status
