#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job (examples/demo.sh, what `./armpv-dev demo` runs) must work
# end to end: it exits 0, the rewritten example object has nothing
# sensitive left, the rewritten test kernel passes under armpv-run
# and under armpv-bm (qemu-system-arm), and the bare-metal monitor's
# test guest (tasks-guest: two tasks, timer preemption) passes under
# armpv-bm, with the monitors' statistics printed, and the rewritten
# Linux 6.1 versatile kernel runs the test initramfs's workload under
# armpv-bm (no terminal here: the workload, not the shell): its result
# lines, "result done" last, armpv-bm's statistics, no guest or internal
# error.
#
# Environment: top_srcdir, top_builddir, ARM_CC, QEMU_ARM; ARMPV_CACHE
# (the plain versatile kernel is built into it when missing).
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
	'^armpv-bm: devices: [1-9][0-9]* accesses emulated.* [1-9][0-9]* timer interrupts' \
	'^   armpv-rewrite: .*vmlinux: rewrote [1-9][0-9]* sites' \
	'^   armpv-rewrite: .*vmlinux.rw: clean: 0 sites' \
	'^result fork-exec 200 200$' '^result threads 4 x 20000' \
	'^result mem ok$' '^result done$' \
	'^   every result line as expected' \
	'^armpv-bm: [0-9][0-9]* traps: mrs [1-9][0-9]* msr [1-9].* cp15 [1-9]' \
	'^armpv-bm: virtual exceptions: und [0-9]* swi [1-9][0-9]* pabt [0-9]* dabt [1-9]' \
	'^armpv-bm: devices: [1-9][0-9]* accesses emulated, 0 external aborts; time: [1-9][0-9]* timer'; do
	if ! grep -q -- "$want" "$log"; then
		echo "FAIL: the demo's output lacks /$want/"
		status=1
	fi
done
if grep -aE '^armpv-bm: (guest error|internal error)|Oops|Kernel panic' "$log"; then
	echo "FAIL: the demo's output shows a guest or internal error"
	status=1
fi
# Two guests passed: the process test kernel (twice) and the tasks guest.
if test "$(grep -c '^[0-9][0-9]* passed, 0 failed$' "$log")" -lt 3; then
	echo "FAIL: the demo shows fewer than three passing transcripts"
	status=1
fi
# The board option: a board it does not know is refused before anything
# runs (--board raspi0 itself boots bcm2835 for a minute more: by hand,
# docs/linux.md).
sh "$top_srcdir/examples/demo.sh" "$top_builddir" --board foo >"$log.board" 2>&1
rc=$?
if test $rc -ne 2 || ! grep -q 'demo: --board foo: versatilepb or raspi0' "$log.board"; then
	echo "FAIL: demo.sh --board foo: status $rc (want 2 and the message):"
	cat "$log.board"
	status=1
fi
test $status -eq 0 && echo "demo: all steps ran ($log)"
exit $status
