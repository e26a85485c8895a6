#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Shadow paging end to end: the MMU test guest (tests/baremetal/mmu-guest/,
# ARMv5TE, its own first-level table, a coarse table of small pages, a
# user task taking permission and translation faults, a page fault
# handled by mapping a page, a remap after a TLB invalidation) runs
# unrewritten in SVC natively on versatilepb (plat-versatile.S) and
# rewritten under armpv-bm (plat-armpv.S), on -cpu arm926 and -cpu
# arm1176 (SCTLR.XP = 0).  Each run must exit 0 with "N passed, 0 failed"
# and no "not ok", and the two transcripts of a CPU must be identical
# (the lines matching ^(ok|not ok|[0-9]+ passed), as tests/process/
# compare.sh).  Skipped (77) without qemu-system-arm.
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
src=$top_srcdir/tests/baremetal/mmu-guest
proc=$top_srcdir/tests/process
out=$top_builddir/tests/baremetal/mmu
for f in "$rewrite" "$bm"; do
	if test ! -f "$f"; then
		echo "$0: $f is not built" >&2
		exit 99
	fi
done
mkdir -p "$out" || exit 99

# The flags of tests/process/build.sh, ARMv5TE.
build() { # PLAT OUTPUT
	objs=
	for s in "$src/start.S" "$src/mmu-guest.c" "$proc/check.c" \
		"$proc/plat-$1.S"; do
		o=$out/$1-$(basename "${s%.*}").o
		$ARM_CC -c -std=c11 -O2 -Wall -Wextra -Werror \
			-march=armv5te -marm -mfloat-abi=soft \
			-ffreestanding -fno-builtin -fno-pic -fno-pie \
			-fno-stack-protector -fno-tree-loop-distribute-patterns \
			-fno-asynchronous-unwind-tables -fno-unwind-tables \
			-Wa,--noexecstack -I"$src" -I"$proc" -o "$o" "$s" ||
			return 1
		objs="$objs $o"
	done
	$ARM_CC -nostdlib -ffreestanding -static -no-pie -march=armv5te \
		-marm -T "$proc/kern.ld" -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -o "$2" $objs
}
if ! build versatile "$out/mmu-guest.native.elf" ||
   ! build armpv "$out/mmu-guest.elf" ||
   ! "$rewrite" -q --arch armv5te -o "$out/mmu-guest.rw.elf" \
	"$out/mmu-guest.elf"; then
	echo "FAIL: building the MMU test guest" >&2
	exit 99
fi

tmo=
command -v timeout >/dev/null 2>&1 && tmo="timeout 60"
checks() {
	grep -E '^(ok|not ok|[0-9]+ passed)' "$1"
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
	if test $rc -ne 0 || grep -q '^not ok' "$out/$name.log" ||
	   ! checks "$out/$name.log" | tail -n 1 |
		grep -q '^[0-9]* passed, 0 failed$'; then
		echo "FAIL: $name on -cpu $cpu (status $rc)"
		return 1
	fi
	checks "$out/$name.log" >"$out/$name.checks"
}

status=0
for cpu in arm926 arm1176; do
	run native-$cpu $cpu -kernel "$out/mmu-guest.native.elf" || {
		status=1
		continue
	}
	run bm-$cpu $cpu -kernel "$bm" -initrd "$out/mmu-guest.rw.elf" || {
		status=1
		continue
	}
	if test "$(wc -l <"$out/native-$cpu.checks")" -lt 20; then
		echo "FAIL: $cpu: only $(wc -l <"$out/native-$cpu.checks") check lines"
		status=1
	elif diff -u "$out/native-$cpu.checks" "$out/bm-$cpu.checks"; then
		echo "PASS: $cpu: $(wc -l <"$out/bm-$cpu.checks") check lines identical (native versatilepb vs armpv-bm)"
	else
		echo "FAIL: $cpu: transcripts differ (native '-', armpv-bm '+')"
		status=1
	fi
done
exit $status
