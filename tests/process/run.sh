#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The process-level test kernels under armpv-run: build kern-v5 (ARMv5TE)
# and kern-v6 (ARMv6), rewrite them, run them under qemu-arm on the
# matching CPU model, and pass if each exits 0 with no "not ok" line.
#
# Environment (make check exports it): top_srcdir, top_builddir,
# QEMU_ARM, ARM_CC.
: "${QEMU_ARM:=qemu-arm}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"
export top_srcdir top_builddir ARM_CC

run=$top_builddir/monitor/armpv-run
out=$top_builddir/tests/process
for f in "$top_builddir/rewriter/armpv-rewrite" "$run"; do
	if test ! -x "$f"; then
		echo "$0: $f is not built" >&2
		exit 99
	fi
done
if ! PLAT=armpv "${SHELL:-/bin/sh}" \
	"$top_srcdir/tests/process/build.sh" "$out"; then
	echo "FAIL: building the test kernels" >&2
	exit 99
fi

# A guest that hangs (a lost interrupt, a broken exception return) must
# fail, not stall make check.
tmo=
if command -v timeout >/dev/null 2>&1; then
	tmo="timeout 120"
fi

status=0
for model in arm926:v5 arm1176:v6; do
	cpu=${model%%:*}
	v=${model#*:}
	log=$out/kern-$v.log
	echo "== $QEMU_ARM -cpu $cpu armpv-run kern-$v.rw.elf"
	$tmo "$QEMU_ARM" -cpu "$cpu" "$run" "$out/kern-$v.rw.elf" >"$log" 2>&1
	rc=$?
	cat "$log"
	if test $rc -ne 0; then
		echo "FAIL: kern-$v on -cpu $cpu exited with status $rc"
		status=1
	elif grep -q '^not ok' "$log"; then
		echo "FAIL: kern-$v on -cpu $cpu has failing checks"
		status=1
	elif ! grep -q '^[0-9]* passed, 0 failed$' "$log"; then
		echo "FAIL: kern-$v on -cpu $cpu printed no summary"
		status=1
	fi
done
exit $status
