#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo.sh BUILDDIR -- the main job, as far as armpv goes today.
#
# Assembles the built-in example guest code, lists its sensitive
# instructions, rewrites the object into trap words, checks the result and
# shows what the monitor's decoder will read back from a trap word.  Then
# runs a rewritten privileged test kernel (tests/process/) under the
# process-level monitor armpv-run in qemu-arm: the code believes it runs
# in SVC mode, every sensitive instruction traps and is emulated.  Finally
# boots the same rewritten kernel under the bare-metal monitor armpv-bm on
# qemu-system-arm versatilepb, and last the monitor's own test guest
# (tests/baremetal/tasks-guest/: MMU, two user tasks in separate address
# spaces, timer preemption, system calls, page faults, every ARMv5
# sensitive form checked), rewritten and booted under armpv-bm.
set -eu

builddir=$(cd "${1:?usage: demo.sh BUILDDIR}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
cc=${ARM_CC:-arm-linux-gnueabi-gcc}
objdump=${ARM_OBJDUMP:-arm-linux-gnueabi-objdump}
rw="$builddir/rewriter/armpv-rewrite"
tables="$builddir/tables/armpv-tables"
out="$builddir/examples"
mkdir -p "$out"
obj="$out/demo-guest.o"
rewritten="$out/demo-guest.rewritten.o"

echo "== 1. assemble the example guest code (examples/demo-guest.S, ARMv5TE)"
"$cc" -c -g -march=armv5te -o "$obj" "$top/examples/demo-guest.S"
echo "   $obj"

echo
echo "== 2. its sensitive instructions (armpv-rewrite --list --dry-run)"
"$rw" --list --dry-run "$obj"

echo
echo "== 3. rewrite them into trap words"
"$rw" -o "$rewritten" "$obj"

echo
echo "== 4. the rewritten code, as the disassembler sees it"
"$objdump" -d "$rewritten" | sed -n '/^0/,$p' | grep -v '^$' | head -40

echo
echo "== 5. nothing sensitive is left, and rewriting again changes nothing"
"$rw" --check "$rewritten"
cp "$rewritten" "$out/again.o"
"$rw" "$out/again.o"
cmp "$rewritten" "$out/again.o" && echo "   (byte-identical)"
rm -f "$out/again.o"

echo
echo "== 6. what the monitor's decoder reads back from two trap words"
"$tables" decode ef000100 efde800f

echo
echo "== 7. a rewritten ARMv5TE test kernel under armpv-run (qemu-arm -cpu arm926)"
echo "   built from tests/process/ with -march=armv5te and rewritten:"
PLAT=armpv top_srcdir="$top" top_builddir="$builddir" ARM_CC="$cc" \
	sh "$top/tests/process/build.sh" "$out" >"$out/kern-build.log" 2>&1 ||
	{ cat "$out/kern-build.log" >&2; exit 1; }
grep 'kern-v5.elf: rewrote' "$out/kern-build.log"
echo "   first lines of its transcript, its summary, and the monitor's statistics:"
log="$out/kern-v5.log"
status=0
${QEMU_ARM:-qemu-arm} -cpu arm926 "$builddir/monitor/armpv-run" --stats \
	"$out/kern-v5.rw.elf" >"$log" 2>&1 || status=$?
sed -n '1,6p' "$log"
echo "   ..."
grep -E '^[0-9]+ passed|^armpv-run:' "$log"
if test "$status" -ne 0; then
	echo "demo: armpv-run exited with status $status (transcript: $log)" >&2
	exit 1
fi

echo
echo "== 8. the same rewritten kernel under the bare-metal monitor armpv-bm"
echo "   (qemu-system-arm -M versatilepb -cpu arm926: the guest in real USR mode,"
echo "   shadow page tables, the monitor core emulating every trap)"
log="$out/kern-v5.bm.log"
status=0
${QEMU_SYSTEM_ARM:-qemu-system-arm} -M versatilepb -cpu arm926 -m 128M \
	-nographic -monitor none -serial stdio -audiodev none,id=none \
	-semihosting -no-reboot -kernel "$builddir/monitor/armpv-bm.bin" \
	-initrd "$out/kern-v5.rw.elf" >"$log" 2>&1 </dev/null || status=$?
grep -E '^armpv-bm: (armpv|machine)' "$log"
sed -n '/^# armpv/,$p' "$log" | sed -n '1,4p'
echo "   ..."
grep -E '^[0-9]+ passed|^armpv-bm: [0-9]+ traps|^armpv-bm: virtual|^armpv-bm: shadow' "$log"
if test "$status" -ne 0; then
	echo "demo: armpv-bm exited with status $status (transcript: $log)" >&2
	exit 1
fi

echo
echo "== 9. the bare-metal monitor's test guest (tests/baremetal/tasks-guest/)"
echo "   built for ARMv5TE, rewritten, booted under armpv-bm: its own page tables,"
echo "   two user tasks in separate address spaces preempted by the SP804 timer"
echo "   through the PL190 VIC, system calls, a page fault each, every sensitive"
echo "   form run from its kernel and checked; console on the PL011"
top_srcdir=$top
top_builddir=$builddir
# shellcheck source=../tests/baremetal/lib.sh
. "$top/tests/baremetal/lib.sh"
src=$top/tests/baremetal/tasks-guest
out=$builddir/examples/tasks
mkdir -p "$out"
if ! bm_compile_guest "" "" "$src/start.S" "$src/tasks-guest.c" \
	"$src/sensitive.S" "$src/test-sensitive.c" "$bm_proc/check.c" \
	"$bm_proc/banks.S" "$bm_proc/test-banks.c" "$bm_proc/uaccess.S" ||
   ! bm_link_guest "$bm_proc/kern.ld" "$out/tasks-guest.elf" ||
   ! bm_rewrite_guest "$out/tasks-guest.elf"; then
	echo "demo: building the test guest failed" >&2
	exit 1
fi
echo "   $out/tasks-guest.rw.elf: $("$rw" -n --json --arch armv5te \
	"$out/tasks-guest.elf" | grep -c '"class"') sensitive sites rewritten"
log=$out/tasks-guest.bm.log
bm_set_timeout 120
status=0
bm_qemu -cpu arm926 -semihosting -kernel "$bm_monitor" \
	-initrd "$out/tasks-guest.rw.elf" >"$log" 2>/dev/null </dev/null ||
	status=$?
grep -E '^armpv-bm: (armpv|machine|guest:)' "$log"
grep -E '^# ' "$log"
grep -E '^ok ' "$log" | sed -n '1,3p'
echo "   ..."
grep -E '^task |^[0-9]+ passed' "$log"
grep -E '^armpv-bm: ([0-9]+ traps|of those|virtual|shadow|devices)' "$log"
if test "$status" -ne 0 || ! grep -q '^[0-9]* passed, 0 failed$' "$log"; then
	echo "demo: the test guest under armpv-bm failed (status $status, transcript: $log)" >&2
	exit 1
fi

echo
"$tables" version
echo "Done.  Not yet: booting a rewritten Linux kernel under armpv-bm"
echo "(docs/baremetal-monitor.md, \"What is not done yet\")."
