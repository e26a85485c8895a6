#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# console.sh -- the serial console of Linux 6.1 (versatile_defconfig;
# bcm2835_defconfig with ARMPV_LINUX_BOARD=raspi0) with the test
# initramfs, used as a person uses it.
#
# Boots each kind of run of guest-lib.sh ($lg_runs: native, and under
# armpv-bm) with the first of $lg_mems (128 MiB; raspi0 512 MiB)
# without armpv.workload, so /init leaves a shell on ttyAMA0 (busybox
# init, cttyhack), with UART0 on a unix socket that console.py drives:
# a command, Ctrl-C into a foreground "sleep 30" (the prompt back at
# once, status 130, little guest time gone), line editing with backspace
# and the up arrow, then "reboot", after which QEMU must stop by itself
# (-no-reboot) with status 0.  A second boot types "poweroff", which
# versatilepb can only do as a halt: the kernel must say so, then this
# script stops QEMU; on raspi0 the machine powers off ("reboot: Power
# down") and QEMU must stop by itself with status 0.  Under armpv-bm,
# the monitor's line for each ("guest reset request (SYS_RESETCTL" or
# "(PM_RSTC", "guest power-off request (PM_RSTS") must be there.
# Without -icount: guest time follows the host's clock, so "sleep 30"
# lasts until Ctrl-C arrives (under sleep=off it would be over at once).
#
# Environment (make check exports it): top_srcdir, ARM_CC, QEMU_ARM;
# QEMU_SYSTEM_ARM; ARMPV_CACHE; ARMPV_LINUX_BOARD; ARMPV_LINUX_RUNS.
# Builds the plain versatile kernel when the cache lacks it (raspi0:
# skipped without the plain bcm2835 build).
. "$top_srcdir/tests/linux/ran-in-main.sh"
set -u
. "$top_srcdir/tests/linux/guest-lib.sh"

bm_need_tools python3
lg_prepare
lg_workdir console

bm_set_timeout 300
# session KIND STOP: a boot of KIND with console.py at its console, which
# ends by typing STOP (reboot or poweroff); armpv-bm's lines are on the
# console (the monitor's output is UART0's).
session() {
	name=$1-$2
	sock=$out/$name.sock
	lg_boot_$1 "${lg_mems%% *}" "console=ttyAMA0 rdinit=/init" \
		-serial "unix:$sock,server=on,wait=on" \
		</dev/null >"$out/$name.qemu" 2>&1 &
	qpid=$!
	# versatilepb cannot power off: its "poweroff" is console.py's halt.
	pystop=$2
	[ "$2" != poweroff ] || [ -n "$lg_poweroff_reg" ] || pystop=halt
	python3 "$top_srcdir/tests/linux/console.py" "$sock" "$out/$name.log" \
		"$pystop" >"$out/$name.tap" 2>&1
	sed "s/^\(not ok\|ok\) - /&$name: /" "$out/$name.tap"
	pass=$((pass + $(grep -c '^ok' "$out/$name.tap")))
	fail=$((fail + $(grep -c '^not ok' "$out/$name.tap")))
	if [ "$pystop" = halt ]; then
		# Halted for good: give it a moment to prove it, then stop it.
		sleep 2
		check "$name: QEMU still there after the halt" 'kill -0 $qpid 2>/dev/null'
		kill $qpid 2>/dev/null
		{ wait $qpid; } 2>/dev/null
	else
		{ wait $qpid; } 2>/dev/null
		rc=$?
		check "$name: QEMU stopped by itself (status $rc)" '[ $rc = 0 ]'
		case $1 in
		bm*)
			if [ "$2" = poweroff ]; then
				mline="armpv-bm: guest power-off request ($lg_poweroff_reg "
			else
				mline="armpv-bm: guest reset request ($lg_reset_reg "
			fi
			check "$name: armpv-bm stopped on the guest's $2: $mline...)" \
				'cat "$out/$name.log" "$out/$name.qemu" | grep -aqF "$mline"'
			;;
		esac
	fi
	if grep -q '^not ok' "$out/$name.tap" || ! grep -q '^ok' "$out/$name.tap"; then
		echo "# $name: console (last 40 lines):"
		tr -d '\r' <"$out/$name.log" | tail -n 40 | sed 's/^/#   /'
		sed 's/^/#   qemu: /' "$out/$name.qemu"
	fi
	bad=$(tr -d '\r' <"$out/$name.log" | grep -aE 'Oops|BUG|WARNING|Kernel panic')
	check "$name: no Oops, BUG, WARNING or panic on the console" '[ -z "$bad" ]'
}

for kind in $lg_runs; do
	session "$kind" reboot
	session "$kind" poweroff
done
lg_summary
