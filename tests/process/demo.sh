#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job (examples/demo.sh, what `./armpv-dev demo` runs) must work
# end to end: it exits 0, the rewritten example object has nothing
# sensitive left, the rewritten test kernel passes under armpv-run
# and under armpv-bm (qemu-system-arm), and the bare-metal monitor's
# test guest (tasks-guest: two tasks, timer preemption) passes under
# armpv-bm, with the monitors' statistics printed.
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
	'^armpv-bm: shadow paging: [1-9][0-9]* pages filled' \
	'^task A: back$' '^task B: back$' \
	'^armpv-bm: devices: [1-9][0-9]* accesses emulated.* [1-9][0-9]* timer interrupts'; do
	if ! grep -q -- "$want" "$log"; then
		echo "FAIL: the demo's output lacks /$want/"
		status=1
	fi
done
# Two guests passed: the process test kernel (twice) and the tasks guest.
if test "$(grep -c '^[0-9][0-9]* passed, 0 failed$' "$log")" -lt 3; then
	echo "FAIL: the demo shows fewer than three passing transcripts"
	status=1
fi
test $status -eq 0 && echo "demo: all steps ran ($log)"
exit $status
