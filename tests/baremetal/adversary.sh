#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The adversarial guest (issue 6): the test guest of tests/baremetal/
# adversary-guest/ (ARMv5TE, its own tables and vectors) runs a user task
# that reads and writes what the monitor owns (its linear map, its alias
# of guest RAM, its vector page, its devices, guest physical addresses
# its tables do not map) and executes forged trap words (the SWI and
# coprocessor words of MSR, MRS, CPS, SRS, LDM^, MOVS pc, LDRT, STM^, the
# hypercalls; CP15 MCR/MRC; an undefined word).  Each must be what
# hardware gives a user task: the guest's data abort with its own
# tables' DFSR/FAR, its SWI or Undefined exception with LR = the word + 4
# and SPSR = the user CPSR.  Run unrewritten natively on versatilepb
# (plat-versatile.S) and rewritten under armpv-bm (plat-armpv.S), on
# -cpu arm926 and -cpu arm1176: each must exit 0 with "N passed, 0
# failed" and no "not ok", and the two transcripts of a CPU must be
# identical (lines matching ^(ok|not ok|[0-9]+ passed)).
#
# Separately, an expected refusal (errors.sh style): the same guest
# built with -DADV_HIGH_VECTORS maps its own page at VA 0xffff0000 (a
# Linux guest's vector page) and writes it.  Natively that works;
# armpv-bm owns that page today and stops the guest with "guest maps VA
# ffff0000 over the monitor" (status 67), a documented limitation
# (docs/baremetal-monitor.md, "The guest contract").
# Skipped (77) without qemu-system-arm.
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
src=$top_srcdir/tests/baremetal/adversary-guest
proc=$top_srcdir/tests/process
out=$top_builddir/tests/baremetal/adversary
for f in "$rewrite" "$bm"; do
	if test ! -f "$f"; then
		echo "$0: $f is not built" >&2
		exit 99
	fi
done
mkdir -p "$out" || exit 99

# The flags of tests/process/build.sh, ARMv5TE.
build() { # PLAT OUTPUT [CPPFLAGS]
	objs=
	for s in "$src/start.S" "$src/adversary-guest.c" "$proc/check.c" \
		"$proc/plat-$1.S"; do
		o=$out/$1$3-$(basename "${s%.*}").o
		$ARM_CC -c -std=c11 -O2 -Wall -Wextra -Werror \
			-march=armv5te -marm -mfloat-abi=soft \
			-ffreestanding -fno-builtin -fno-pic -fno-pie \
			-fno-stack-protector -fno-tree-loop-distribute-patterns \
			-fno-asynchronous-unwind-tables -fno-unwind-tables \
			-Wa,--noexecstack -I"$src" -I"$proc" $3 -o "$o" "$s" ||
			return 1
		objs="$objs $o"
	done
	$ARM_CC -nostdlib -ffreestanding -static -no-pie -march=armv5te \
		-marm -T "$proc/kern.ld" -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -o "$2" $objs
}
if ! build versatile "$out/adversary-guest.native.elf" ||
   ! build armpv "$out/adversary-guest.elf" ||
   ! "$rewrite" -q --arch armv5te -o "$out/adversary-guest.rw.elf" \
	"$out/adversary-guest.elf" ||
   ! build versatile "$out/highvec.native.elf" -DADV_HIGH_VECTORS ||
   ! build armpv "$out/highvec.elf" -DADV_HIGH_VECTORS ||
   ! "$rewrite" -q --arch armv5te -o "$out/highvec.rw.elf" \
	"$out/highvec.elf"; then
	echo "FAIL: building the adversarial test guest" >&2
	exit 99
fi

tmo=
command -v timeout >/dev/null 2>&1 && tmo="timeout 60"
checks() {
	grep -E '^(ok|not ok|[0-9]+ passed)' "$1"
}
qemu() { # NAME CPU QEMU-ARGS...: the log in $out/NAME.log, status in rc
	name=$1 cpu=$2
	shift 2
	$tmo "$QEMU_SYSTEM_ARM" -M versatilepb -cpu "$cpu" -m 128M \
		-nographic -monitor none -serial stdio -audiodev none,id=none \
		-semihosting -no-reboot "$@" >"$out/$name.log" 2>/dev/null
	rc=$?
}
# run NAME CPU QEMU-ARGS...: want status 0, a final summary, no "not ok"
run() {
	echo "== $1 on -cpu $2"
	qemu "$@"
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
	run native-$cpu $cpu -kernel "$out/adversary-guest.native.elf" || {
		status=1
		continue
	}
	run bm-$cpu $cpu -kernel "$bm" \
		-initrd "$out/adversary-guest.rw.elf" || {
		status=1
		continue
	}
	if test "$(wc -l <"$out/native-$cpu.checks")" -lt 100; then
		echo "FAIL: $cpu: only $(wc -l <"$out/native-$cpu.checks") check lines"
		status=1
	elif diff -u "$out/native-$cpu.checks" "$out/bm-$cpu.checks"; then
		echo "PASS: $cpu: $(wc -l <"$out/bm-$cpu.checks") check lines identical (native versatilepb vs armpv-bm)"
	else
		echo "FAIL: $cpu: transcripts differ (native '-', armpv-bm '+')"
		status=1
	fi
done

# The expected refusal: the guest's own page at 0xffff0000.
run highvec-native arm926 -kernel "$out/highvec.native.elf" || status=1
echo "== highvec-bm on -cpu arm926 (expected refusal, status 67)"
qemu highvec-bm arm926 -kernel "$bm" -initrd "$out/highvec.rw.elf"
cat "$out/highvec-bm.log"
if test $rc -eq 67 &&
   grep -q '^armpv-bm: guest error: guest maps VA ffff0000 over the monitor' \
	"$out/highvec-bm.log"; then
	echo "PASS: guest page at 0xffff0000 refused (status 67, documented limitation)"
else
	echo "FAIL: guest page at 0xffff0000: status $rc, want 67 and the report"
	status=1
fi
exit $status
