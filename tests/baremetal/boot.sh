#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The Linux boot protocol end to end (docs/bundle.md, docs/baremetal-monitor.md
# "Boot protocol"): the boot test guest (tests/baremetal/boot-guest/) checks
# what it finds at its first instruction -- r0, r1, r2, SVC mode with IRQ
# and FIQ masked, MMU off -- and the boot data r2 points at (a device tree
# or ATAGs: memory, command line, initrd placement), and prints the
# initrd's CRC-32.  It runs:
#
#   native-dtb    QEMU's own loader: -kernel boot-guest.bin -dtb -initrd -append
#   bm-dtb        armpv-bm booted with -dtb (its own boot data a device tree),
#                 the guest from a bundle: kernel + DTB + initrd + cmdline
#   native-atags  QEMU's loader without -dtb (ATAGs)
#   bm-atags      armpv-bm booted with ATAGs, a bundle without DTB: the
#                 monitor builds the guest's ATAGs
#
# on -cpu arm926 and arm1176.  Each run must exit 0 with "N passed, 0
# failed" and no "not ok"; a native and an armpv-bm transcript of the same
# kind must be identical (the lines ^(ok|not ok|[0-9]+ passed|cmdline:|initrd:));
# the command line and the CRC-32 must be the expected ones; the "info:"
# line of armpv-bm says r1 = ~0 with a device tree and 127 MiB of memory.
# raspi0: the guest built with -DBOARD_BCM2835 (the PM watchdog's exit,
# the raspi0 machine type 3138 in r1) and boot.dts with the board's
# compatible run natively by QEMU's raspi0 loader (the raw image at
# 0x10000, the boot setup leaving Secure state) with a device tree and
# with ATAGs; each transcript, the machine type's name rewritten, must
# equal the versatilepb -cpu arm1176 one of its kind; armpv-bm on
# raspi0 boots the raspi0 bundles (device tree and ATAGs), each
# transcript equal to the native raspi0 one (ARMPV_BM_RASPI0=no: not
# run, lib.sh).
# Then armpv-bundle's own refusals, and --kernel-offset (a guest linked
# at virtual 0xc0008000, loaded at physical 0x8000).  Skipped (77) without
# qemu-system-arm or dtc.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC,
# ARM_OBJCOPY; QEMU_SYSTEM_ARM (default qemu-system-arm), DTC (default dtc).
: "${ARM_OBJCOPY:=arm-linux-gnueabi-objcopy}"
: "${DTC:=dtc}"
. "$top_srcdir/tests/baremetal/lib.sh"

bm_need_tools "$QEMU_SYSTEM_ARM" "$DTC"
bundle=$top_builddir/monitor/bundle/armpv-bundle
src=$top_srcdir/tests/baremetal/boot-guest
out=$top_builddir/tests/baremetal/boot
bm_need_built "$bm_rewriter" "$bm_monitor" "$bundle"
mkdir -p "$out" || exit 99

# The guest: tests/process/build.sh's flags, ARMv5TE, linked at 0x10000.
if ! bm_compile_guest "" "" "$src/start.S" "$src/boot-guest.c" \
	"$bm_proc/check.c"; then
	echo "FAIL: building the boot test guest" >&2
	exit 99
fi
if ! bm_link_guest "$src/boot.ld" "$out/boot-guest.elf" ||
   ! $ARM_OBJCOPY -O binary "$out/boot-guest.elf" "$out/boot-guest.bin" ||
   ! bm_rewrite_guest "$out/boot-guest.elf" ||
   ! "$DTC" -q -I dts -O dtb -o "$out/boot.dtb" "$src/boot.dts"; then
	echo "FAIL: building the boot test guest or its device tree" >&2
	exit 99
fi
# An initrd of 5001 bytes (not a multiple of 4), deterministic.
python3 -c '
import sys
sys.stdout.buffer.write(bytes((i * 7 + i // 251) & 255 for i in range(5001)))
' >"$out/initrd.bin" || exit 99
want_crc=$(python3 -c '
import sys, zlib
print("0x%08x" % zlib.crc32(open(sys.argv[1], "rb").read()))' "$out/initrd.bin")
cmdline='console=ttyAMA0 armpv.test=boot the quick brown fox'

if ! "$bundle" -q -o "$out/guest-dtb.bnd" -k "$out/boot-guest.rw.elf" \
	-d "$out/boot.dtb" -i "$out/initrd.bin" -c "$cmdline" ||
   ! "$bundle" -q -o "$out/guest-atags.bnd" -k "$out/boot-guest.rw.elf" \
	-i "$out/initrd.bin" -c "$cmdline"; then
	echo "FAIL: armpv-bundle"
	exit 1
fi

bm_set_timeout 60
# The transcript: the checks, the command line and the initrd's CRC-32.
bm_transcript() {
	grep -aE '^(ok|not ok|[0-9]+ passed|cmdline:|initrd:)' "$1"
}
# run NAME CPU QEMU-ARGS...: want status 0, a final summary, no "not ok",
# the command line and the initrd's CRC-32
run() {
	name=$1 cpu=$2
	shift 2
	echo "== $name on -cpu $cpu"
	bm_qemu -cpu "$cpu" -semihosting "$@" >"$out/$name-$cpu.log" 2>&1
	rc=$?
	cat "$out/$name-$cpu.log"
	if test $rc -ne 0 || grep -aq '^not ok' "$out/$name-$cpu.log" ||
	   ! bm_transcript "$out/$name-$cpu.log" | grep -q '^[0-9]* passed, 0 failed$'; then
		echo "FAIL: $name on -cpu $cpu (status $rc)"
		return 1
	fi
	if ! grep -aqxF "cmdline: $cmdline" "$out/$name-$cpu.log"; then
		echo "FAIL: $name on -cpu $cpu: command line is not '$cmdline'"
		return 1
	fi
	if ! grep -aqx "initrd: 5001 bytes, crc32 $want_crc" "$out/$name-$cpu.log"; then
		echo "FAIL: $name on -cpu $cpu: initrd is not 5001 bytes, crc32 $want_crc"
		return 1
	fi
	bm_transcript "$out/$name-$cpu.log" >"$out/$name-$cpu.checks"
}
# compare NATIVE BM CPU
compare() {
	if diff -u "$out/$1-$3.checks" "$out/$2-$3.checks"; then
		echo "PASS: $3: $1 and $2: $(wc -l <"$out/$2-$3.checks") transcript lines identical"
	else
		echo "FAIL: $3: transcripts differ ($1 '-', $2 '+')"
		return 1
	fi
}

status=0
for cpu in arm926 arm1176; do
	run native-dtb $cpu -kernel "$out/boot-guest.bin" -dtb "$out/boot.dtb" \
		-initrd "$out/initrd.bin" -append "$cmdline" &&
	run bm-dtb $cpu -kernel "$bm_monitor" -dtb "$out/boot.dtb" \
		-initrd "$out/guest-dtb.bnd" &&
	compare native-dtb bm-dtb $cpu || status=1
	# armpv-bm read its own device tree, and gave the guest ~0 in r1
	# and its 127 MiB of RAM (-m 128M less the monitor's MiB).
	if ! grep -aq '^armpv-bm: machine .* (device tree)' "$out/bm-dtb-$cpu.log" ||
	   ! grep -aq '^info: r1 0xffffffff .* memory 0x07f00000 ' "$out/bm-dtb-$cpu.log"; then
		echo "FAIL: bm-dtb on $cpu: monitor not booted by device tree, or guest r1/memory wrong"
		status=1
	fi
	run native-atags $cpu -kernel "$out/boot-guest.bin" \
		-initrd "$out/initrd.bin" -append "$cmdline" &&
	run bm-atags $cpu -kernel "$bm_monitor" -initrd "$out/guest-atags.bnd" &&
	compare native-atags bm-atags $cpu || status=1
	if ! grep -aq '^info: r1 0x00000183 .* memory 0x07f00000 ' "$out/bm-atags-$cpu.log"; then
		echo "FAIL: bm-atags on $cpu: guest r1/memory wrong"
		status=1
	fi
done

# raspi0.
bm_set_board raspi0
if ! bm_compile_guest "raspi0-" "" "$src/start.S" "$src/boot-guest.c" \
	"$bm_proc/check.c" ||
   ! bm_link_guest "$src/boot.ld" "$out/boot-guest-raspi0.elf" ||
   ! $ARM_OBJCOPY -O binary "$out/boot-guest-raspi0.elf" \
	"$out/boot-guest-raspi0.bin" ||
   ! bm_rewrite_guest "$out/boot-guest-raspi0.elf" ||
   ! sed 's/"arm,versatile-pb"/"raspberrypi,model-zero", "brcm,bcm2835"/' \
	"$src/boot.dts" | "$DTC" -q -I dts -O dtb -o "$out/boot-raspi0.dtb" ||
   ! "$bundle" -q -o "$out/guest-dtb-raspi0.bnd" \
	-k "$out/boot-guest-raspi0.rw.elf" -d "$out/boot-raspi0.dtb" \
	-i "$out/initrd.bin" -c "$cmdline" ||
   ! "$bundle" -q -o "$out/guest-atags-raspi0.bnd" \
	-k "$out/boot-guest-raspi0.rw.elf" -i "$out/initrd.bin" \
	-c "$cmdline"; then
	echo "FAIL: building the boot test guest for raspi0" >&2
	exit 99
fi
# compare_boards KIND: native-KIND on raspi0 against versatilepb's.
compare_boards() {
	sed 's/raspi0 machine type/versatilepb machine type/' \
		"$out/native-$1-raspi0-arm1176.checks" \
		>"$out/native-$1-raspi0-arm1176.board"
	if diff -u "$out/native-$1-arm1176.checks" \
		"$out/native-$1-raspi0-arm1176.board"; then
		echo "PASS: arm1176: native-$1: $(wc -l <"$out/native-$1-arm1176.checks") transcript lines identical (native versatilepb vs native raspi0)"
	else
		echo "FAIL: arm1176: native-$1 transcripts differ (versatilepb '-', raspi0 '+')"
		return 1
	fi
}
if run native-dtb-raspi0 arm1176 -kernel "$out/boot-guest-raspi0.bin" \
	-dtb "$out/boot-raspi0.dtb" -initrd "$out/initrd.bin" \
	-append "$cmdline"; then
	compare_boards dtb || status=1
else
	status=1
fi
if run native-atags-raspi0 arm1176 -kernel "$out/boot-guest-raspi0.bin" \
	-initrd "$out/initrd.bin" -append "$cmdline"; then
	compare_boards atags || status=1
else
	status=1
fi
if test "$bm_raspi0_monitor" != yes; then
	echo "NOT RUN: boot-guest under armpv-bm on raspi0 (ARMPV_BM_RASPI0=no)"
else
	run bm-dtb-raspi0 arm1176 -kernel "$bm_monitor" \
		-dtb "$out/boot-raspi0.dtb" -initrd "$out/guest-dtb-raspi0.bnd" &&
	compare native-dtb-raspi0 bm-dtb-raspi0 arm1176 || status=1
	# The BCM2835 board found from the device tree; the guest's r1 ~0
	# and 447 MiB (QEMU's 448 less the monitor's MiB).
	log=$out/bm-dtb-raspi0-arm1176.log
	if ! grep -aq '^armpv-bm: armpv .*, bcm2835 devices)' "$log" ||
	   ! grep -aq '^armpv-bm: machine .* (device tree)' "$log" ||
	   ! grep -aq '^info: r1 0xffffffff .* memory 0x1bf00000 ' "$log"; then
		echo "FAIL: bm-dtb-raspi0: monitor not on bcm2835 by device tree, or guest r1/memory wrong"
		status=1
	fi
	run bm-atags-raspi0 arm1176 -kernel "$bm_monitor" \
		-initrd "$out/guest-atags-raspi0.bnd" &&
	compare native-atags-raspi0 bm-atags-raspi0 arm1176 || status=1
	log=$out/bm-atags-raspi0-arm1176.log
	if ! grep -aq '^armpv-bm: armpv .*, bcm2835 devices)' "$log" ||
	   ! grep -aq '^info: r1 0x00000c42 .* memory 0x1bf00000 ' "$log"; then
		echo "FAIL: bm-atags-raspi0: monitor not on bcm2835, or guest r1/memory wrong"
		status=1
	fi
fi
bm_set_board versatilepb

# --kernel-offset: a guest linked at 0xc0008000 (virtual, as a vmlinux's
# load addresses are), position-independent, loaded at physical 0x8000;
# it exits with status 5 + (pc >> 12 == 8: 1).
if ! bm_asm_guest high 0xc0008000 '	mov r0, pc
	lsr r0, r0, #12
	cmp r0, #8
	moveq r0, #6
	movne r0, #5
	swi 0x280000'; then
	echo "FAIL: building the high-linked guest" >&2
	exit 99
fi
"$bundle" -q -o "$out/high.bnd" -k "$out/high.rw.elf" 2>"$out/high.err"
rc=$?
if test $rc -ne 3 || ! grep -q 'try --kernel-offset 0xc0000000' "$out/high.err"; then
	echo "FAIL: armpv-bundle without --kernel-offset: status $rc, want 3 and a hint"
	cat "$out/high.err"
	status=1
else
	echo "ok: armpv-bundle without --kernel-offset: $(cat "$out/high.err")"
fi
"$bundle" -q --kernel-offset 0xc0000000 -o "$out/high.bnd" -k "$out/high.rw.elf"
bm_qemu -cpu arm926 -semihosting -kernel "$bm_monitor" \
	-initrd "$out/high.bnd" >"$out/high.log" 2>&1
rc=$?
if test $rc -ne 6 || ! grep -q '^armpv-bm: guest: .*entry 00008000' "$out/high.log"; then
	echo "FAIL: --kernel-offset: status $rc, want 6 (entered at physical 0x8000)"
	sed 's/^/  | /' "$out/high.log"
	status=1
else
	echo "ok: --kernel-offset 0xc0000000: entered at physical 0x8000"
fi

# armpv-bundle's refusals: status and the message naming the file.
# tool NAME STATUS REGEX ARGS...
tool() {
	name=$1 want=$2 re=$3
	shift 3
	"$bundle" "$@" >"$out/tool-$name.log" 2>&1
	rc=$?
	if test $rc -ne "$want" || ! grep -Eq -- "$re" "$out/tool-$name.log"; then
		echo "FAIL: armpv-bundle $name: status $rc (want $want), output:"
		sed 's/^/  | /' "$out/tool-$name.log"
		status=1
	else
		echo "ok: armpv-bundle $name: status $rc, $(head -n 1 "$out/tool-$name.log")"
	fi
}
tool unrewritten 4 'boot-guest.elf: not rewritten \(no \.note\.armpv\)' \
	-o "$out/x.bnd" -k "$out/boot-guest.elf"
tool not-elf 3 'initrd.bin: not an ELF file' \
	-o "$out/x.bnd" -k "$out/initrd.bin"
tool not-dtb 3 'initrd.bin: offset 0x0: bad magic' \
	-o "$out/x.bnd" -k "$out/boot-guest.rw.elf" -d "$out/initrd.bin"
head -c 100 "$out/boot.dtb" >"$out/short.dtb"
tool short-dtb 3 'short.dtb: offset 0x4: totalsize' \
	-o "$out/x.bnd" -k "$out/boot-guest.rw.elf" -d "$out/short.dtb"
tool long-cmdline 2 'at most 1023' -o "$out/x.bnd" \
	-k "$out/boot-guest.rw.elf" -c "$(python3 -c 'print("x" * 1024)')"
tool no-kernel 2 'need -o BUNDLE and -k KERNEL' -o "$out/x.bnd"
tool overwrite-input 2 'is one of the inputs' -o "$out/boot-guest.rw.elf" \
	-k "$out/boot-guest.rw.elf"
tool missing 5 'nothing.elf: cannot open' -o "$out/x.bnd" \
	-k "$out/nothing.elf"
tool list 0 'cmdline +offset' --list "$out/guest-dtb.bnd"
tool list-not-bundle 3 'not an armpv bundle' --list "$out/initrd.bin"
if test -e "$out/x.bnd" || ls "$out"/x.bnd.* >/dev/null 2>&1; then
	echo "FAIL: a refused armpv-bundle run left an output or temporary file"
	status=1
fi
exit $status
