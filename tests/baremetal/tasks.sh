#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Devices, timer interrupts and preemptive multi-tasking end to end: the
# multi-tasking test guest (tests/baremetal/tasks-guest/, ARMv5TE: its own
# first-level tables, two user tasks in separate address spaces, system
# calls, preemption by the SP804 timer through the PL190 VIC, console on
# UART0's registers, exit by the system controller's reset) runs
# unrewritten in SVC natively on versatilepb and rewritten under armpv-bm,
# where the devices are the monitor's models driven by its real timer;
# on -cpu arm926 and -cpu arm1176 (SCTLR.XP = 0).  The same guest ELF
# serves both runs (no platform layer: it touches only the board).  Each
# run must exit 0 with "N passed, 0 failed" and no "not ok", and the two
# transcripts of a CPU must be identical (the lines matching
# ^(ok|not ok|[0-9]+ passed|task |# ): the checks and what the tasks
# write by system call).  Skipped (77) without qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm).
: "${QEMU_SYSTEM_ARM:=qemu-system-arm}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"

if ! command -v "$QEMU_SYSTEM_ARM" >/dev/null 2>&1; then
	echo "$0: $QEMU_SYSTEM_ARM not found" >&2
	exit 77
fi
bm=$top_builddir/monitor/armpv-bm.bin
rewrite=$top_builddir/rewriter/armpv-rewrite
src=$top_srcdir/tests/baremetal/tasks-guest
proc=$top_srcdir/tests/process
out=$top_builddir/tests/baremetal/tasks
for f in "$rewrite" "$bm"; do
	if test ! -f "$f"; then
		echo "$0: $f is not built" >&2
		exit 99
	fi
done
mkdir -p "$out" || exit 99

# The flags of tests/process/build.sh, ARMv5TE.
objs=
for s in "$src/start.S" "$src/tasks-guest.c" "$proc/check.c"; do
	o=$out/$(basename "${s%.*}").o
	$ARM_CC -c -std=c11 -O2 -Wall -Wextra -Werror \
		-march=armv5te -marm -mfloat-abi=soft \
		-ffreestanding -fno-builtin -fno-pic -fno-pie \
		-fno-stack-protector -fno-tree-loop-distribute-patterns \
		-fno-asynchronous-unwind-tables -fno-unwind-tables \
		-Wa,--noexecstack -I"$src" -I"$proc" -o "$o" "$s" || {
		echo "FAIL: building the multi-tasking test guest" >&2
		exit 99
	}
	objs="$objs $o"
done
if ! $ARM_CC -nostdlib -ffreestanding -static -no-pie -march=armv5te \
	-marm -T "$proc/kern.ld" -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -o "$out/tasks-guest.elf" $objs ||
   ! "$rewrite" -q --arch armv5te -o "$out/tasks-guest.rw.elf" \
	"$out/tasks-guest.elf"; then
	echo "FAIL: building the multi-tasking test guest" >&2
	exit 99
fi

tmo=
command -v timeout >/dev/null 2>&1 && tmo="timeout 120"
checks() {
	grep -aE '^(ok|not ok|[0-9]+ passed|task |# )' "$1"
}
# run NAME CPU QEMU-ARGS...: want status 0, a final summary, no "not ok"
run() {
	name=$1 cpu=$2
	shift 2
	echo "== $name on -cpu $cpu"
	$tmo "$QEMU_SYSTEM_ARM" -M versatilepb -cpu "$cpu" -m 128M \
		-nographic -monitor none -serial stdio -audiodev none,id=none \
		-semihosting -no-reboot "$@" >"$out/$name.log" 2>/dev/null
	rc=$?
	cat "$out/$name.log"
	if test $rc -ne 0 || grep -aq '^not ok' "$out/$name.log" ||
	   ! checks "$out/$name.log" | tail -n 1 |
		grep -q '^[0-9]* passed, 0 failed$'; then
		echo "FAIL: $name on -cpu $cpu (status $rc)"
		return 1
	fi
	checks "$out/$name.log" >"$out/$name.checks"
}

status=0
for cpu in arm926 arm1176; do
	run native-$cpu $cpu -kernel "$out/tasks-guest.elf" || {
		status=1
		continue
	}
	run bm-$cpu $cpu -kernel "$bm" -initrd "$out/tasks-guest.rw.elf" || {
		status=1
		continue
	}
	if test "$(grep -c '^ok' "$out/native-$cpu.checks")" -lt 10; then
		echo "FAIL: $cpu: only $(grep -c '^ok' "$out/native-$cpu.checks") checks"
		status=1
	elif diff -u "$out/native-$cpu.checks" "$out/bm-$cpu.checks"; then
		echo "PASS: $cpu: $(wc -l <"$out/bm-$cpu.checks") transcript lines identical (native versatilepb vs armpv-bm)"
	else
		echo "FAIL: $cpu: transcripts differ (native '-', armpv-bm '+')"
		status=1
	fi
done
exit $status
