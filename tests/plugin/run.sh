#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The plugin's sequences executed: masks.c compiled with the plugin, run.c
# playing the monitor under qemu-arm (ARM926 for ARMv5TE, ARM1176 for
# ARMv6K) with the shared page mapped at its real address, 0xffbff000.
# "checks": masks nest, restore returns the prior state, the hypercall is
# made exactly when unmasking with a line pending.  "stress": interrupts at
# random instructions (-singlestep: signals land between any two), none
# delivered into a masked region, none lost.  "stress-broken": the same
# with a wrongly ordered sequence must fail, or the stress proves nothing.
set -u
plugin="$top_builddir/rewriter/plugin/armpv_irqflags.so"
fx="$top_srcdir/tests/plugin"
if [ ! -f "$plugin" ]; then
	echo "SKIP: the plugin was not built (configure found no plugin headers)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-plugin-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }

for arch in armv5te:arm926 armv6k:arm1176; do
	cpu=${arch#*:} arch=${arch%:*}
	"$ARM_CC" -O2 -march=$arch -fplugin="$plugin" -c -o "$tmp/masks-$arch.o" "$fx/masks.c" &&
		"$ARM_CC" -O2 -march=$arch -Wall -Werror -static -I"$top_srcdir/monitor/core" \
			-I"$fx" -o "$tmp/run-$arch" "$fx/run.c" "$tmp/masks-$arch.o"
	check "$arch: run.c and masks.c build" '[ $? = 0 ]'
	"$QEMU_ARM" -cpu $cpu "$tmp/run-$arch" checks >"$tmp/checks.out" 2>&1
	check "$arch/$cpu: checks" '[ $? = 0 ]' || true
	cat "$tmp/checks.out"
	"$QEMU_ARM" -cpu $cpu -singlestep "$tmp/run-$arch" stress 1000000 >"$tmp/stress.out" 2>&1
	check "$arch/$cpu: stress" '[ $? = 0 ]'
	cat "$tmp/stress.out"
	check "$arch/$cpu: stress: interrupts arrived masked and were delivered by hypercalls" \
		'grep -qE "arrived masked, [1-9][0-9]* delivered by" "$tmp/stress.out"'
	"$QEMU_ARM" -cpu $cpu -singlestep "$tmp/run-$arch" stress-broken 1000000 >"$tmp/broken.out" 2>&1
	check "$arch/$cpu: stress-broken fails (the stress can see a lost interrupt)" \
		'[ $? = 1 ] && grep -q "lost interrupts" "$tmp/broken.out"'
	sed "s/^/#   expected: /" "$tmp/broken.out"
done

echo "# $pass passed, $fail failed"
[ "$fail" = 0 ]
