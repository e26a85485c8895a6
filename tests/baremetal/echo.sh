#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# UART0 input end to end: the echo test guest (tests/baremetal/echo-guest/,
# ARMv5TE) reads lines from its PL011 UART0 and echoes them, polled with
# its receive FIFO full first, then by interrupt with WFI, then by
# interrupt while it spins (echo-guest.c).  QEMU's stdin (-serial stdio)
# is a FIFO this script writes each phase's lines into when the guest
# prints "# ready N", so the input never comes before the guest is ready
# for it, and in the WFI phase it comes while the guest sleeps.  Natively
# on versatilepb and rewritten under armpv-bm (the real UART's input
# drained into the monitor's PL011 model: docs/baremetal-monitor.md
# "Devices, time and interrupts"), on -cpu arm926 and -cpu arm1176.
# Each run must exit 0 with "N passed, 0 failed" and no "not ok", echo
# exactly the lines sent, and the two transcripts of a CPU must be
# identical (^(ok|not ok|[0-9]+ passed|# ): the checks, the echoed lines,
# each phase's character count and checksum).  Under armpv-bm the
# monitor must have moved every character sent, slept in WFI and taken
# real UART interrupts.
#
# raspi0: the guest built with -DBOARD_BCM2835 (UART0 at 0x20201000,
# its interrupt at the armctrl) runs the same way natively on -M raspi0:
# the same lines echoed, and a transcript equal to the versatilepb -cpu
# arm1176 one, and the armpv-bm raspi0 run (with the same monitor
# statistics) the native raspi0 one
# (lib.sh bm_compare_boards; ARMPV_BM_RASPI0=no: not run).
#
# Then small guests (a few lines of assembly) on the monitor's WFI rule:
# a WFI with UART0's receive interrupt enabled at only one of the
# model's PL011 and VIC is still "nothing can wake the guest" (67);
# enabled at both, it sleeps (no input: only the timeout ends it) and
# input wakes it.  Skipped (77) without qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm).
. "$top_srcdir/tests/baremetal/lib.sh"

bm_need_tools "$QEMU_SYSTEM_ARM"
src=$top_srcdir/tests/baremetal/echo-guest
out=$top_builddir/tests/baremetal/echo
bm_need_built "$bm_rewriter" "$bm_monitor"
mkdir -p "$out" || exit 99
# A QEMU that died must not kill the script when it writes the input.
trap '' PIPE

# One ELF for both runs (no platform layer), so not bm_build_guest.
if ! bm_compile_guest "" "" "$src/start.S" "$src/echo-guest.c" \
	"$bm_proc/check.c" ||
   ! bm_link_guest "$bm_proc/kern.ld" "$out/echo-guest.elf" ||
   ! bm_rewrite_guest "$out/echo-guest.elf"; then
	echo "FAIL: building the echo test guest" >&2
	exit 99
fi

# Each phase's input: EG_LINES (4) lines, more characters than two
# 16-entry FIFOs hold, an empty line among them.
long=
for w in alpha bravo charlie delta echo foxtrot golf hotel india juliet \
	kilo lima mike november oscar papa quebec romeo sierra tango; do
	long="$long$w "
done
printf '%s\n' 'hello, world' \
	'The quick brown fox jumps over the lazy dog 0123456789' '' \
	"$long!" >"$out/phase1.in"
printf '%s\n' 'second phase: interrupts and WFI' "$long?" \
	'{[(<punctuation>)]} #$&*+-=~' 'x' >"$out/phase2.in"
printf '%s\n' '' 'third phase: interrupts while running' \
	"$long$long" 'the end' >"$out/phase3.in"
cat "$out/phase1.in" "$out/phase2.in" "$out/phase3.in" >"$out/all.in"
sent=$(wc -c <"$out/all.in")

bm_set_timeout 120
# The transcript: the checks, the echoed lines, the phases' sums.
bm_transcript() {
	grep -aE '^(ok|not ok|[0-9]+ passed|# )' "$1"
}
# feed NAME CPU QEMU-ARGS...: QEMU with a FIFO as its stdin; each time
# the guest prints "# ready N", phase N's input goes in.  Want status 0,
# a final summary, no "not ok", the lines sent echoed back.
feed() {
	name=$1 cpu=$2
	shift 2
	echo "== $name on -cpu $cpu"
	fifo=$out/$name.fifo
	rm -f "$fifo"
	mkfifo "$fifo" || return 1
	bm_qemu -cpu "$cpu" -semihosting "$@" <"$fifo" >"$out/$name.log" \
		2>/dev/null &
	pid=$!
	exec 3>"$fifo"
	for phase in 1 2 3; do
		n=0
		until grep -aq "^# ready $phase:" "$out/$name.log"; do
			if ! kill -0 $pid 2>/dev/null || test $n -ge 1200; then
				break 2
			fi
			sleep 0.1
			n=$((n + 1))
		done
		cat "$out/phase$phase.in" >&3
	done
	exec 3>&-
	wait $pid
	rc=$?
	rm -f "$fifo"
	cat "$out/$name.log"
	grep -a '^# echo ' "$out/$name.log" |
		sed 's/^# echo [0-9]*\.[0-9]*: \[\(.*\)\]$/\1/' >"$out/$name.echo"
	if test $rc -ne 0 || grep -aq '^not ok' "$out/$name.log" ||
	   ! bm_transcript "$out/$name.log" | tail -n 1 |
		grep -q '^[0-9]* passed, 0 failed$'; then
		echo "FAIL: $name on -cpu $cpu (status $rc)"
		return 1
	fi
	if ! cmp -s "$out/all.in" "$out/$name.echo"; then
		echo "FAIL: $name on -cpu $cpu: the lines echoed are not the lines sent"
		diff -u "$out/all.in" "$out/$name.echo"
		return 1
	fi
	bm_transcript "$out/$name.log" >"$out/$name.checks"
}

# bm_stats LABEL: every character through the monitor, a WFI slept, a
# real UART interrupt taken (phase 3 spins without trapping).
bm_stats() {
	stats=$(grep -a '^armpv-bm: devices: ' "$out/bm-$1.log")
	if ! echo "$stats" | grep -Eq " [1-9][0-9]* WFI sleeps; UART0 input: [1-9][0-9]* interrupts, $sent characters\$"; then
		echo "FAIL: $1: armpv-bm: want WFI sleeps, UART0 interrupts and $sent characters: $stats"
		return 1
	fi
}

status=0
for cpu in arm926 arm1176; do
	feed native-$cpu $cpu -kernel "$out/echo-guest.elf" || {
		status=1
		continue
	}
	feed bm-$cpu $cpu -kernel "$bm_monitor" -initrd "$out/echo-guest.rw.elf" || {
		status=1
		continue
	}
	bm_stats $cpu || status=1
	bm_compare_transcripts $cpu 'transcript lines' || status=1
	if test "$(grep -c '^ok' "$out/native-$cpu.checks")" -lt 14; then
		echo "FAIL: $cpu: only $(grep -c '^ok' "$out/native-$cpu.checks") checks"
		status=1
	fi
done

# raspi0.
bm_set_board raspi0
if ! bm_compile_guest "raspi0-" "" "$src/start.S" "$src/echo-guest.c" \
	"$bm_proc/check.c" ||
   ! bm_link_guest "$bm_proc/kern.ld" "$out/echo-guest-raspi0.elf" ||
   ! bm_rewrite_guest "$out/echo-guest-raspi0.elf"; then
	echo "FAIL: building the echo test guest for raspi0" >&2
	exit 99
fi
if ! feed native-arm1176-raspi0 arm1176 -kernel "$out/echo-guest-raspi0.elf"
then
	status=1
elif test "$bm_raspi0_monitor" = yes &&
     { ! feed bm-arm1176-raspi0 arm1176 -kernel "$bm_monitor" \
	-initrd "$out/echo-guest-raspi0.rw.elf" ||
       ! bm_stats arm1176-raspi0; }; then
	status=1
elif test ! -f "$out/native-arm1176.checks"; then
	echo "FAIL: arm1176: no versatilepb transcript to compare with"
	status=1
else
	bm_compare_boards arm1176 'transcript lines' || status=1
fi
bm_set_board versatilepb

# The WFI rule, with guests of a few lines (errors.sh's way).
# guest NAME ASM: ASM (after _start) linked at 0x8000 and rewritten.
guest() {
	bm_asm_guest "$1" 0x8000 "$2" || {
		echo "$0: cannot build $1" >&2
		exit 99
	}
}
# expect NAME STATUS REGEX INPUT: armpv-bm runs NAME.rw.elf with INPUT on
# its UART0 (stdin); want exit STATUS and a console line matching the
# extended REGEX, and no guest error unless REGEX is one.
expect() {
	name=$1 want=$2 re=$3
	printf '%s' "$4" | bm_qemu -cpu arm926 -semihosting \
		-kernel "$bm_monitor" -initrd "$out/$name.rw.elf" \
		>"$out/$name.log" 2>&1
	rc=$?
	if test $rc -ne "$want"; then
		echo "FAIL: $name: exit status $rc, want $want"
		sed 's/^/  | /' "$out/$name.log"
		status=1
	elif ! grep -Eq -- "$re" "$out/$name.log" ||
	     { grep -q 'guest error' "$out/$name.log" &&
	       ! echo "$re" | grep -q 'guest error'; }; then
		echo "FAIL: $name: no line matches /$re/ (or a guest error)"
		sed 's/^/  | /' "$out/$name.log"
		status=1
	else
		echo "ok: $name: status $rc, $(grep -E -m1 -- "$re" "$out/$name.log")"
	fi
}
# RXIM and RTIM at the model's PL011 (UARTIMSC), or VIC source 12, or
# both; then WFI; then the exit hypercall with r0: VICIRQSTATUS bit 12
# as 32, plus UARTDR's low 5 bits.
uart_wfi_guest() {
	guest "$1" "	ldr r1, =0x101f1000
	ldr r2, =0x10140000
	mov r0, #$2
	str r0, [r1, #0x38]		@ UARTIMSC
	mov r0, #$3
	str r0, [r2, #0x10]		@ VICINTENABLE
	mov r0, #0
	mcr p15, 0, r0, c7, c0, 4	@ WFI
	ldr r3, [r2]			@ VICIRQSTATUS
	lsr r3, r3, #12
	and r3, r3, #1
	ldr r0, [r1]			@ UARTDR
	and r0, r0, #0x1f
	add r0, r0, r3, lsl #5
	swi 0x280000"
}
uart_wfi_guest uart-pl011-only 0x50 0
uart_wfi_guest uart-vic-only 0 0x1000
uart_wfi_guest uart-both 0x50 0x1000
uart_wfi_guest uart-both-sleeps 0x50 0x1000
expect uart-pl011-only 67 \
	'guest error: WFI at [0-9a-f]+ with no interrupt pending' ''
expect uart-vic-only 67 \
	'guest error: WFI at [0-9a-f]+ with no interrupt pending' ''
# 'Z' (0x5a): 26, + 32 for the VIC's source 12.
expect uart-both 58 \
	'^armpv-bm: devices: .*; UART0 input: [0-9]+ interrupts, 1 characters$' Z
if test -n "$bm_tmo"; then
	bm_set_timeout 5
	expect uart-both-sleeps 124 '^armpv-bm: armpv bare-metal monitor' ''
fi
exit $status
