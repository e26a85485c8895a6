#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The same test kernels, unrewritten, natively in SVC mode on QEMU's
# versatilepb (ARM926EJ-S, and -cpu arm1176) with plat-versatile.S: a
# check of the tests' expected values against a hardware model, with no
# armpv code involved.  Skipped (77) without qemu-system-arm.
#
# Environment: top_srcdir, top_builddir, ARM_CC; QEMU_SYSTEM_ARM
# (default qemu-system-arm).
: "${QEMU_SYSTEM_ARM:=qemu-system-arm}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"
export top_srcdir top_builddir ARM_CC

if ! command -v "$QEMU_SYSTEM_ARM" >/dev/null 2>&1; then
	echo "$0: $QEMU_SYSTEM_ARM not found" >&2
	exit 77
fi
out=$top_builddir/tests/process
if ! PLAT=versatile "${SHELL:-/bin/sh}" \
	"$top_srcdir/tests/process/build.sh" "$out"; then
	echo "FAIL: building the native test kernels" >&2
	exit 99
fi
tmo=
if command -v timeout >/dev/null 2>&1; then
	tmo="timeout 120"
fi

status=0
for model in arm926:v5 arm1176:v6; do
	cpu=${model%%:*}
	v=${model#*:}
	log=$out/kern-$v.native.log
	echo "== $QEMU_SYSTEM_ARM -M versatilepb -cpu $cpu kern-$v.versatile.elf"
	# -semihosting: plat_exit() reports the status with SYS_EXIT.
	$tmo "$QEMU_SYSTEM_ARM" -M versatilepb -cpu "$cpu" -m 128M \
		-nographic -monitor none -serial stdio -audiodev none,id=none \
		-semihosting -no-reboot \
		-kernel "$out/kern-$v.versatile.elf" >"$log" 2>/dev/null
	rc=$?
	cat "$log"
	if test $rc -ne 0 || grep -q '^not ok' "$log" ||
	   ! grep -q '^[0-9]* passed, 0 failed$' "$log"; then
		echo "FAIL: kern-$v natively on -cpu $cpu (status $rc)"
		status=1
	fi
done

# raspi0: kern-v6 only (above).
if ! PLAT=bcm2835 "${SHELL:-/bin/sh}" \
	"$top_srcdir/tests/process/build.sh" "$out"; then
	echo "FAIL: building the raspi0 test kernels" >&2
	exit 99
fi
log=$out/kern-v6.raspi0.log
echo "== $QEMU_SYSTEM_ARM -M raspi0 kern-v6.bcm2835.elf"
$tmo "$QEMU_SYSTEM_ARM" -M raspi0 -nographic -monitor none -serial stdio \
	-semihosting -no-reboot -kernel "$out/kern-v6.bcm2835.elf" \
	>"$log" 2>/dev/null
rc=$?
cat "$log"
checks='^(ok|not ok|[0-9]+ passed)'
if test $rc -ne 0 || grep -q '^not ok' "$log" ||
   ! grep -q '^[0-9]* passed, 0 failed$' "$log"; then
	echo "FAIL: kern-v6 natively on raspi0 (status $rc)"
	status=1
elif ! grep -E "$checks" "$out/kern-v6.native.log" >"$out/kern-v6.native.checks" ||
     ! grep -E "$checks" "$log" >"$out/kern-v6.raspi0.checks" ||
     ! diff -u "$out/kern-v6.native.checks" "$out/kern-v6.raspi0.checks"; then
	echo "FAIL: kern-v6: native transcripts differ (versatilepb '-', raspi0 '+')"
	status=1
else
	echo "PASS: kern-v6: $(wc -l <"$out/kern-v6.raspi0.checks") check lines identical (native versatilepb -cpu arm1176 vs native raspi0)"
fi
exit $status
