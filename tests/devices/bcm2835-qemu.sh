#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Differential check of the BCM2835 models against QEMU's raspi0: the
# same register sequence (bcm2835-probe.c) runs natively on
# qemu-system-arm -M raspi0 and hosted against the models
# (tests/devices/bcm2835-probe, linked with monitor/devices/), and the two
# transcripts ("name=value" lines) are compared.  A line may differ only
# as the table of known differences below says (docs/devices.md,
# "Differences from QEMU", where the model follows the chip): both its
# QEMU value and its model value must be the listed ones, so a change on
# either side fails the test.
#
# Environment (automake's AM_TESTS_ENVIRONMENT): top_srcdir,
# top_builddir, ARM_CC (default arm-linux-gnueabi-gcc), QEMU_SYSTEM_ARM
# (default qemu-system-arm).  Exit: 0 pass, 1 fail, 77 skip (no ARM_CC or
# QEMU), 99 hard error.

: "${QEMU_SYSTEM_ARM:=qemu-system-arm}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"
me=bcm2835-qemu.sh

# name, QEMU 7.2's value, the model's value.
KNOWN="
ic_basic_uart_irq1 00080300 00080100
ic_basic_uart 00080200 00080000
st_cs_c3_eq_clo 00000008 00000000
"

if test -z "$top_srcdir" || test -z "$top_builddir"; then
	echo "$me: top_srcdir and top_builddir must be set" >&2
	exit 99
fi
for t in "$ARM_CC" "$QEMU_SYSTEM_ARM"; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "$me: $t not found: skipped"
		exit 77
	fi
done
src=$top_srcdir/tests/devices
host=$top_builddir/tests/devices/bcm2835-probe
if test ! -x "$host"; then
	echo "$me: $host is not built" >&2
	exit 99
fi
tmp=$(mktemp -d "$top_builddir/tests/devices/bcm2835-qemu.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

# The native probe: an ELF at 0x10000 (QEMU's raspi loader starts it in
# SVC mode with the MMU off).
if ! "$ARM_CC" -march=armv6 -marm -O1 -ffreestanding -nostdlib -static \
	-Wl,-Ttext=0x10000 -Wl,--build-id=none -o "$tmp/probe.elf" \
	"$src/bcm2835-probe-start.S" "$src/bcm2835-probe.c"; then
	echo "$me: building the native probe failed" >&2
	exit 99
fi
tmo=
if command -v timeout >/dev/null 2>&1; then
	tmo="timeout 60"
fi
# -icount: QEMU's system timer then counts executed instructions (one
# tick per 1000), not host time, so that the probe's 20-tick compare is
# ahead of CLO when written however loaded the host is.
$tmo "$QEMU_SYSTEM_ARM" -M raspi0 -icount shift=0,sleep=off \
	-kernel "$tmp/probe.elf" \
	-serial stdio -display none -monitor none -semihosting \
	</dev/null >"$tmp/qemu.raw" 2>"$tmp/qemu.err"
status=$?
if test $status -ne 0; then
	echo "$me: QEMU exited with $status" >&2
	cat "$tmp/qemu.err" >&2
	exit 99
fi
"$host" >"$tmp/model.raw" || exit 99
# The UART transcript only: "name=value" lines.
grep '^[a-z0-9_]*=' "$tmp/qemu.raw" | tr -d '\r' >"$tmp/qemu.txt"
grep '^[a-z0-9_]*=' "$tmp/model.raw" >"$tmp/model.txt"
if ! grep -q '^done$' "$tmp/qemu.raw" || ! grep -q '^done$' "$tmp/model.raw"
then
	echo "FAIL: a transcript is incomplete"
	cat "$tmp/qemu.raw" "$tmp/model.raw"
	exit 1
fi
n_q=$(wc -l <"$tmp/qemu.txt")
n_m=$(wc -l <"$tmp/model.txt")
if test "$n_q" -ne "$n_m" || test "$n_q" -lt 30; then
	echo "FAIL: $n_q lines from QEMU, $n_m from the models"
	exit 1
fi

fail=0
same=0
known=0
paste -d '=' "$tmp/qemu.txt" "$tmp/model.txt" >"$tmp/both.txt"
while IFS='=' read -r name q name2 m; do
	if test "$name" != "$name2"; then
		echo "FAIL: line order differs: $name / $name2"
		fail=1
		continue
	fi
	if test "$q" = "$m"; then
		same=$((same + 1))
		continue
	fi
	line=$(printf '%s\n' "$KNOWN" | grep "^$name ")
	if test "$line" = "$name $q $m"; then
		echo "known difference: $name: QEMU $q, model $m"
		known=$((known + 1))
	else
		echo "FAIL: $name: QEMU $q, model $m"
		fail=1
	fi
done <"$tmp/both.txt"
# Every known difference must still be one.
for name in $(printf '%s\n' "$KNOWN" | awk 'NF { print $1 }'); do
	if grep -q "^$name=\([0-9a-f]*\)=$name=\1\$" "$tmp/both.txt"; then
		echo "FAIL: $name no longer differs: update the table and docs"
		fail=1
	fi
done
echo "$same lines identical, $known known differences"
if test $fail -ne 0; then
	exit 1
fi
echo "PASS: the BCM2835 models answer as QEMU's raspi0 but for the known differences"
exit 0
