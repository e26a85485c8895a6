#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# step-profile.sh BENCH SYMBOL WARMUP HITS [OUTDIR] -- an exact, per
# instruction profile of one Linux operation under armpv-bm (versatilepb),
# by single-stepping QEMU's gdb stub.  Not part of make check: a tool,
# run by hand from the top of a built tree (./armpv-dev build).
#
# Boots the plain versatile kernel of the cache (~/.cache/armpv/linux/
# plain-versatile), rewritten by build/rewriter/armpv-rewrite, under
# build/monitor/armpv-bm.bin with the cached initramfs and
# "armpv.bench=BENCH" (so /init runs that benchmark only; no
# armpv.profile, which would turn the fast paths off), QEMU stopped
# with its gdb stub on a unix socket.  step-profile.py lets the guest
# run to the WARMUP-th execution of the guest kernel's SYMBOL (a guest
# VA: the monitor runs the kernel at the plain vmlinux's addresses),
# then single-steps until SYMBOL has been executed HITS more times,
# writing every PC to OUTDIR/trace; step-profile-sum.py names and sums
# it into OUTDIR/profile.txt (by component, the top 30 functions, the
# traps), and into OUTDIR/profile-noirq.txt without the guest's
# interrupts (the monitor injects the guest's timer tick from its own
# device model: QEMU's masking does not stop it).  One pipe round trip: BENCH pipe, SYMBOL pipe_write, HITS 2
# (the parent and the child each write once); one signal: signal,
# SYMBOL a function each delivery runs once (e.g. setup_frame), HITS 1.
# For example
#   nice -n 19 sh tests/linux/step-profile.sh pipe pipe_write 400 2 /tmp/sp
# Stepping runs at a few thousand instructions a second (printed on
# stderr); the window starts after the warm-up, so the shadow tables
# and caches are in their steady state.
set -eu
bench=$1 symbol=$2 warmup=$3 hits=$4
out=${5:-$(mktemp -d "${TMPDIR:-/tmp}/step-profile.XXXXXX")}
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
K=${ARMPV_KERNEL:-$HOME/.cache/armpv/linux/plain-versatile}
nm=${ARM_NM:-arm-linux-gnueabi-nm}
initramfs=$(ls "$HOME"/.cache/armpv/initramfs/initramfs-*.cpio.gz | head -1)
pc=$("$nm" "$K/vmlinux" | awk -v s="$symbol" '$3 == s { print "0x" $1; exit }')
[ -n "$pc" ] || { echo "step-profile: no $symbol in $K/vmlinux" >&2; exit 1; }
build/rewriter/armpv-rewrite -o "$out/vmlinux.rw" "$K/vmlinux"
build/monitor/bundle/armpv-bundle -q -o "$out/linux.bnd" \
	--kernel-offset 0xc0000000 -k "$out/vmlinux.rw" \
	-d "$K/arch/arm/boot/dts/versatile-pb.dtb" -i "$initramfs" \
	-c "console=ttyAMA0 rdinit=/init lpj=4980736 armpv.bench=$bench"
rm -f "$out/gdb.sock"
qemu-system-arm -M versatilepb -cpu arm926 -nographic -monitor none \
	-audiodev none,id=none -no-reboot -m 128M -semihosting \
	-kernel build/monitor/armpv-bm.bin -initrd "$out/linux.bnd" \
	-icount shift=0,sleep=off -serial "file:$out/console" -S \
	-chardev socket,id=gdb0,path="$out/gdb.sock",server=on,wait=off \
	-gdb chardev:gdb0 -pidfile "$out/qemu.pid" </dev/null &
qpid=$!
trap 'kill "$qpid" 2>/dev/null || :' EXIT
python3 "$here/step-profile.py" "$out/gdb.sock" "$pc" "$warmup" "$hits" \
	"$out/trace"
python3 "$here/step-profile-sum.py" "$out/trace" "$K/vmlinux" \
	build/monitor/armpv-bm.elf >"$out/profile.txt"
python3 "$here/step-profile-sum.py" "$out/trace" "$K/vmlinux" \
	build/monitor/armpv-bm.elf --no-irq >"$out/profile-noirq.txt"
echo "step-profile: $out/profile.txt, $out/profile-noirq.txt"
