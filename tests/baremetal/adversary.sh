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
# identical (lines matching ^(ok|not ok|[0-9]+ passed)).  Built for
# raspi0 (-DBOARD_BCM2835, plat-bcm2835.S), the guest runs natively on
# -M raspi0: its transcript, with the probes' raspi0 device names
# rewritten into the versatilepb ones (bm_board_transcript), must equal
# the versatilepb -cpu arm1176 one, and the armpv-bm raspi0 run's the
# native raspi0 one (lib.sh bm_compare_boards; ARMPV_BM_RASPI0=no: not
# run).
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
. "$top_srcdir/tests/baremetal/lib.sh"

bm_need_tools "$QEMU_SYSTEM_ARM"
src=$top_srcdir/tests/baremetal/adversary-guest
out=$top_builddir/tests/baremetal/adversary
bm_need_built "$bm_rewriter" "$bm_monitor"
mkdir -p "$out" || exit 99

if ! bm_build_guest adversary-guest adversary-guest.c ||
   ! bm_build_guest highvec adversary-guest.c -DADV_HIGH_VECTORS; then
	echo "FAIL: building the adversarial test guest" >&2
	exit 99
fi

bm_set_timeout 60
status=0
for cpu in arm926 arm1176; do
	bm_run_guest_pair $cpu "$out/adversary-guest.native.elf" \
		"$out/adversary-guest.rw.elf" || {
		status=1
		continue
	}
	bm_compare_transcripts $cpu 'check lines' 100 || status=1
done

# raspi0: the probes name the board's devices (adversary-guest.h).
bm_board_transcript() {
	sed -e 's/system timer 0x20003004/SP804 0x101e3004/' \
	    -e 's/armctrl 0x2000b210/VIC 0x10140010/' \
	    -e 's/UART0 0x20201018/UART0 0x101f1018/' \
	    -e 's/UART0 0x20201000/UART0 0x101f1000/' "$1"
}
bm_set_board raspi0
if ! bm_build_guest adversary-guest-raspi0 adversary-guest.c; then
	echo "FAIL: building the adversarial test guest for raspi0" >&2
	exit 99
fi
if bm_run_guest_pair arm1176 "$out/adversary-guest-raspi0.native.elf" \
	"$out/adversary-guest-raspi0.rw.elf"; then
	bm_compare_boards arm1176 'check lines' 100 || status=1
else
	status=1
fi
bm_set_board versatilepb

# The expected refusal: the guest's own page at 0xffff0000.
bm_run_guest highvec-native arm926 -kernel "$out/highvec.native.elf" ||
	status=1
echo "== highvec-bm on -cpu arm926 (expected refusal, status 67)"
bm_qemu -cpu arm926 -semihosting -kernel "$bm_monitor" \
	-initrd "$out/highvec.rw.elf" >"$out/highvec-bm.log" 2>/dev/null
rc=$?
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
