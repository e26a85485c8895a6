#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo.sh BUILDDIR [--board versatilepb|raspi0] -- the main job, as far
# as armpv goes today.
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
# sensitive form checked), rewritten and booted under armpv-bm.  Last,
# Linux 6.1 (versatile_defconfig, tests/linux/build-kernel.sh: built into
# the cache on first use, with progress lines) rewritten after linking
# and booted under armpv-bm with the test initramfs: with stdin and
# stdout a terminal, the console is the terminal (a busybox shell;
# "reboot" or Ctrl-A X ends it); otherwise the guest runs the workload
# (armpv.workload) and its result lines, checked, and armpv-bm's
# statistics are shown.
#
# --board raspi0 (or ARMPV_DEMO_BOARD=raspi0) makes that last step the
# first Raspberry Pi's instead: Linux 6.1 bcm2835_defconfig (built into
# the cache on first use, about 14 minutes on two cores, with progress
# lines), rewritten for ARMv6, under armpv-bm on QEMU -M raspi0 (ARM1176,
# 512 MiB).  The steps before stay on versatilepb.
set -eu

usage="usage: demo.sh BUILDDIR [--board versatilepb|raspi0]"
builddir=$(cd "${1:?$usage}" && pwd)
shift
board=${ARMPV_DEMO_BOARD:-versatilepb}
while [ $# -gt 0 ]; do
	case $1 in
	--board) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; board=$2; shift 2 ;;
	--board=*) board=${1#--board=}; shift ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
case $board in
versatilepb | raspi0) ;;
*) echo "demo: --board $board: versatilepb or raspi0" >&2; exit 2 ;;
esac
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
if [ "$board" = raspi0 ]; then
	echo "== 10. Linux 6.1 (bcm2835_defconfig), rewritten after linking, under armpv-bm"
	echo "   on the first Raspberry Pi (qemu-system-arm -M raspi0: ARM1176, ARMv6,"
	echo "   512 MiB): the plain kernel from Debian's linux-source-6.1, built once"
	echo "   into ${ARMPV_CACHE:-~/.cache/armpv}/linux (the first time about 14 minutes"
	echo "   on two cores, with progress lines), and the test initramfs (busybox,"
	echo "   /init, a workload of checks and benchmarks):"
else
	echo "== 10. Linux 6.1 (versatile_defconfig), rewritten after linking, under armpv-bm"
	echo "   the plain kernel from Debian's linux-source-6.1, built once into"
	echo "   ${ARMPV_CACHE:-~/.cache/armpv}/linux (the first time 8 to 20 minutes on two"
	echo "   cores, with progress lines), and the test initramfs (busybox, /init, a"
	echo "   workload of checks and benchmarks):"
fi
# demo_progress LOG N: in the background while the workload runs (one to
# two minutes of host time, its console going to LOG), a line after each
# ARMPV_PROGRESS_INTERVAL seconds (default 30) with how many of its N
# result lines have come; ends by itself with this script.
demo_progress() {
	t0=$(date +%s) i=0
	while sleep 1 && kill -0 $$ 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -ge "${ARMPV_PROGRESS_INTERVAL:-30}" ] || continue
		i=0
		n=$(grep -ac '^result ' "$1" 2>/dev/null) || n=0
		echo "   ... $(($(date +%s) - t0)) s: $n of $2 result lines so far"
	done
}
ARMPV_LINUX_BOARD=$board
# shellcheck source=../tests/linux/guest-lib.sh
. "$top/tests/linux/guest-lib.sh"
out=$builddir/examples/linux
[ "$board" = versatilepb ] || out=$out-$board
mkdir -p "$out"
mem=${lg_mems%% *}
arch=armv5te
[ "$board" = versatilepb ] || arch=armv6
if ! lg_prepare_kernel || ! lg_prepare_initramfs; then
	echo "demo: the Linux kernel or the initramfs could not be had (above)" >&2
	exit 1
fi
echo "   $lg_kdir/vmlinux"
echo "   $lg_initrd"
echo "   rewritten by the post-link pass (armpv-rewrite vmlinux):"
rm -f "$out/vmlinux.rw"
if ! lg_rewrite_vmlinux 2>"$out/rewrite.log"; then
	cat "$out/rewrite.log" >&2
	echo "demo: rewriting vmlinux failed" >&2
	exit 1
fi
sed 's/^/   /' "$out/rewrite.log"
if ! "$rw" --check --arch "$arch" "$lg_vmlinux_rw" >"$out/check.log" 2>&1; then
	cat "$out/check.log" >&2
	echo "demo: the rewritten vmlinux is not clean" >&2
	exit 1
fi
sed 's/^/   /' "$out/check.log"
if [ -t 0 ] && [ -t 1 ]; then
	echo "   booted under armpv-bm with its console here: a busybox shell (job"
	if [ "$board" = raspi0 ]; then
		echo "   control, Ctrl-C).  'reboot' or 'poweroff' in the guest stops QEMU;"
	else
		echo "   control, Ctrl-C).  'reboot' in the guest stops QEMU;"
	fi
	echo "   Ctrl-A X quits at any time.  (Without a terminal the demo runs the"
	echo "   workload instead.)"
	echo
	bm_tmo=
	status=0
	lg_boot_bm "$mem" "console=ttyAMA0 rdinit=/init" -serial mon:stdio ||
		status=$?
	echo
	echo "   QEMU stopped (status $status)."
else
	echo "   booted under armpv-bm with armpv.workload (no terminal: the workload"
	echo "   instead of a shell); its result lines and the monitor's statistics:"
	log=$out/workload.bm.log
	lg_expected "$out/expected" ||
		{ echo "demo: cannot compute the expected results" >&2; exit 1; }
	bm_set_timeout 900
	status=0
	rm -f "$log"
	demo_progress "$log" "$(wc -l <"$out/expected")" &
	progress_pid=$!
	lg_run_workload bm "$mem" "$log" || status=$?
	kill "$progress_pid" 2>/dev/null || :
	grep -aE '^armpv-bm: (armpv|machine|guest bundle)' "$log"
	grep -aE '^info kernel|^result |^armpv: ' "$log"
	grep -aE '^armpv-bm: (guest (reset|power-off) request|[0-9]+ traps|of those|virtual|shadow|devices)' "$log"
	bad=$(lg_bad_lines "$log")
	if [ "$status" -ne 0 ] || [ -n "$bad" ] ||
		! lg_results "$log" | cmp -s "$out/expected" -; then
		echo "$bad" >&2
		echo "demo: the workload under armpv-bm failed (status $status," \
			"result lines other than $out/expected, or errors; console: $log)" >&2
		exit 1
	fi
	echo "   every result line as expected ($(wc -l <"$out/expected") lines)"
fi

echo
"$tables" version
if [ "$board" = versatilepb ]; then
	echo "Done.  ./armpv-dev demo --board raspi0 boots the Raspberry Pi's kernel instead."
else
	echo "Done."
fi
echo "Not yet: cached guest pages on the ARM1176 (raspi0), speed within 3x native (docs/baremetal-monitor.md, \"What is not done yet\")."
