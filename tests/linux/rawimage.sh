#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# rawimage.sh -- what a Linux kernel build makes (arch/arm/boot/Image or
# zImage and versatile-pb.dtb, rewritten by the build) boots under armpv-bm
# from an armpv-bundle, and raw kernels that are not proven rewritten are
# refused (docs/bundle.md "Raw kernels", docs/linux.md).
#
# With the armpv-as versatile build (tests/linux/versatile.sh makes it;
# skipped without it) and the test initramfs:
#   - armpv-bundle -k Image --vmlinux and -k zImage --vmlinux
#     --decompressor write bundles (status 0; --list shows the raw kernel's
#     record);
#   - each boots under armpv-bm (128 MiB, -icount), and so does the
#     post-link zImage below once its decompressor is rewritten, with
#     "console=ttyAMA0 rdinit=/init armpv.workload" to the workload's
#     "result done" and the guest's reboot, with no guest or internal
#     error; the monitor says which kind of kernel it loaded;
#   - refusals by armpv-bundle, each with its status and message: the
#     plain Image with the plain vmlinux (no record, 4), the plain Image
#     with the rewritten vmlinux (not its bytes, 6), an Image without
#     --vmlinux (3), a zImage without --decompressor (2), the zImage of a
#     post-link rewrite (kbuild relinks the decompressor around the
#     rewritten kernel, but the decompressor's own code is not
#     rewritten: 4), and that zImage made again after armpv-rewrite on
#     the decompressor (accepted: the post-link route to a zImage), a
#     zImage against another build's decompressor (6);
#   - refusals by armpv-bm (status 65): a raw kernel whose header names
#     another tables layout, and one marked armv6 on the ARM926EJ-S.
#
# The post-link zImage is linked here as kbuild links it (the command in
# arch/arm/boot/compressed/.vmlinux.cmd of the plain build, run with our
# piggy.o; the plain build tree is only read).
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC,
# QEMU_ARM, QEMU_SYSTEM_ARM; ARMPV_CACHE; ARMPV_KEEP=1 keeps the logs.
. "$top_srcdir/tests/linux/ran-in-main.sh"
set -u
. "$top_srcdir/tests/linux/guest-lib.sh"

objcopy=${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}
as=${ARM_AS:-arm-linux-gnueabi-as}
bundle=$top_builddir/monitor/bundle/armpv-bundle
rw=$top_builddir/rewriter/armpv-rewrite
bm_need_tools "$objcopy" "$as" python3
lg_prepare
lg_workdir rawimage
lg_prepare_as
boot=$lg_as_kdir/arch/arm/boot
dtb=$boot/dts/versatile-pb.dtb
append="console=ttyAMA0 rdinit=/init armpv.workload"
echo "# armpv-as kernel $lg_as_kdir"
echo "# plain kernel $lg_kdir"
echo "# initramfs $lg_initrd"

# tool NAME STATUS REGEX ARGS...: armpv-bundle ARGS exits STATUS and its
# output matches REGEX.
tool() {
	tname=$1 tstatus=$2 tre=$3
	shift 3
	"$bundle" "$@" >"$out/$tname.out" 2>&1
	trc=$?
	check "armpv-bundle $tname: status $trc (want $tstatus)" \
		'[ $trc = $tstatus ] && grep -Eq "$tre" "$out/$tname.out"'
	sed 's/^/#   /' "$out/$tname.out"
}

# The bundles of what the armpv-as build made.
tool image 0 'kernel .*Image \(Image, [0-9]+ bytes, proven the rewritten vmlinux' \
	-o "$out/image.bnd" -k "$boot/Image" --vmlinux "$lg_as_vmlinux" \
	--kernel-offset 0xc0000000 -d "$dtb" -i "$lg_initrd" -c "$append"
tool zimage 0 'kernel .*zImage \(zImage, [0-9]+ bytes, proven the rewritten vmlinux' \
	-o "$out/zimage.bnd" -k "$boot/zImage" --vmlinux "$lg_as_vmlinux" \
	--decompressor "$boot/compressed/vmlinux" \
	--kernel-offset 0xc0000000 -d "$dtb" -i "$lg_initrd" -c "$append"
tool list-zimage 0 'raw kernel rewritten for tables layout 0x[0-9a-f]{8} \(this armpv.s\), armv5te, image at 0x00008000' \
	--list "$out/zimage.bnd"

# Refusals by the tool.
tool plain-image 4 'vmlinux: not rewritten \(no \.note\.armpv\)' \
	-o "$out/x.bnd" -k "$lg_kdir/arch/arm/boot/Image" \
	--vmlinux "$lg_kdir/vmlinux" --kernel-offset 0xc0000000
tool image-mismatch 6 'Image: differs from .*vmlinux.as at offset 0x[0-9a-f]+ .*not the one --vmlinux' \
	-o "$out/x.bnd" -k "$lg_kdir/arch/arm/boot/Image" \
	--vmlinux "$lg_as_vmlinux" --kernel-offset 0xc0000000
tool image-no-vmlinux 3 'Image: not an ELF file: a raw Image carries no armpv-rewrite record; give the rewritten vmlinux' \
	-o "$out/x.bnd" -k "$boot/Image" --kernel-offset 0xc0000000
tool zimage-no-decompressor 2 'zImage: a zImage: give its decompressor too' \
	-o "$out/x.bnd" -k "$boot/zImage" --vmlinux "$lg_as_vmlinux" \
	--kernel-offset 0xc0000000

# The post-link route: the plain vmlinux rewritten, Image and piggy_data
# made from it, the decompressor linked around it (kbuild's make zImage
# after armpv-rewrite vmlinux).
cdir=$lg_kdir/arch/arm/boot/compressed
"$objcopy" --strip-debug "$lg_kdir/vmlinux" "$out/vmlinux.pl" &&
	"$rw" --quiet "$out/vmlinux.pl" &&
	"$objcopy" -O binary -R .comment -S "$out/vmlinux.pl" "$out/Image.pl" &&
	gzip -n -f -9 <"$out/Image.pl" >"$out/piggy_data" &&
	printf '\t.section .piggydata, "a"\n\t.globl input_data\ninput_data:\n\t.incbin "%s"\n\t.globl input_data_end\ninput_data_end:\n' \
		"$out/piggy_data" >"$out/piggy.S" &&
	"$as" -o "$out/piggy.o" "$out/piggy.S" || lg_die "post-link Image and piggy.o"
link=$(sed -n 's|^cmd_arch/arm/boot/compressed/vmlinux := ||p' "$cdir/.vmlinux.cmd" |
	sed -e "s| arch/arm/boot/compressed/piggy.o | $out/piggy.o |" \
	    -e "s|-o arch/arm/boot/compressed/vmlinux\$|-o $out/decomp.pl|")
case $link in
*"$out/piggy.o"*"-o $out/decomp.pl") ;;
*) lg_die "cannot read the decompressor's link command in $cdir/.vmlinux.cmd" ;;
esac
(cd "$lg_kdir" && eval "$link") &&
	"$objcopy" -O binary -R .comment -S "$out/decomp.pl" "$out/zImage.pl" ||
	lg_die "linking the post-link decompressor"
tool postlink-zimage 4 'decomp.pl: [0-9]+ sensitive instructions in the zImage.s decompressor' \
	-o "$out/x.bnd" -k "$out/zImage.pl" --vmlinux "$out/vmlinux.pl" \
	--decompressor "$out/decomp.pl" --kernel-offset 0xc0000000
grep -q 'decomp.pl: \.text+0x[0-9a-f]* (address 0x[0-9a-f]*): e10f9000 mrs: a sensitive instruction in the decompressor' \
	"$out/postlink-zimage.out"
check "armpv-bundle postlink-zimage: names the decompressor's mrs r9, cpsr" '[ $? = 0 ]'
"$rw" --quiet --arch armv5te "$out/decomp.pl" &&
	"$objcopy" -O binary -R .comment -S "$out/decomp.pl" "$out/zImage.pl" ||
	lg_die "rewriting the post-link decompressor"
tool postlink-zimage-rewritten 0 'proven the rewritten vmlinux' \
	-o "$out/postlink.bnd" -k "$out/zImage.pl" --vmlinux "$out/vmlinux.pl" \
	--decompressor "$out/decomp.pl" --kernel-offset 0xc0000000 \
	-d "$dtb" -i "$lg_initrd" -c "$append"
tool zimage-other-decompressor 6 'zImage: differs from .*decomp.pl at offset 0x[0-9a-f]+' \
	-o "$out/x.bnd" -k "$boot/zImage" --vmlinux "$lg_as_vmlinux" \
	--decompressor "$out/decomp.pl" --kernel-offset 0xc0000000

bm_set_timeout 600

# Refusals by the monitor: the header's record of a raw kernel (the
# member CRCs do not cover the header; the tool wrote it).
# patch IN OUT OFFSET VALUE: IN with the 32-bit word at OFFSET set.
patch() {
	python3 -c 'import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
struct.pack_into("<I", d, int(sys.argv[3], 0), int(sys.argv[4], 0))
open(sys.argv[2], "wb").write(d)' "$@"
}
patch "$out/image.bnd" "$out/layout.bnd" 36 0x12345678
lg_run_bm 128M "$out/layout.bnd" >"$out/layout.log" 2>&1
rc=$?
check "armpv-bm: another tables layout in a raw kernel's header: status $rc (want 65)" \
	'[ $rc = 65 ] && grep -aq "guest image: bundle: its Image was rewritten with tables layout 0x12345678, this monitor decodes" "$out/layout.log"'
patch "$out/image.bnd" "$out/armv6.bnd" 28 1
lg_run_bm 128M "$out/armv6.bnd" >"$out/armv6.log" 2>&1
rc=$?
check "armpv-bm: a raw kernel for armv6 on the ARM926EJ-S: status $rc (want 65)" \
	'[ $rc = 65 ] && grep -aq "guest image: bundle: its Image was rewritten for armv6, but the CPU is armv5te" "$out/armv6.log"'

# The boots: the workload to its end, with the armpv-as build's Image and
# zImage, and the post-link zImage whose decompressor was rewritten.
for kind in image zimage postlink; do
	log=$out/$kind.log
	t0=$(date +%s)
	lg_run_bm 128M "$out/$kind.bnd" -icount shift=0,sleep=off \
		-serial stdio </dev/null >"$log" 2>&1
	rc=$?
	echo "# $kind: QEMU ran $(($(date +%s) - t0)) s"
	grep -a '^armpv-bm: guest' "$log" | sed 's/^/#   /'
	check "$kind: armpv-bm loaded the raw kernel" \
		'grep -aEq "^armpv-bm: guest bundle: kernel \((Image|zImage)\)" "$log"'
	check "$kind: /init ran" 'grep -aq "^armpv: " "$log"'
	check "$kind: the workload's result done" 'tr -d "\r" <"$log" | grep -aqx "result done"'
	check "$kind: QEMU stopped by the guest's reboot (status $rc)" \
		'[ $rc = 0 ] && grep -aq "reboot: Restarting system" "$log"'
	bad=$(grep -aE 'Oops|BUG|WARNING|Kernel panic|^armpv-bm: (guest error|internal error)' "$log")
	check "$kind: no Oops, BUG, WARNING, panic, guest or internal error" '[ -z "$bad" ]'
	[ -z "$bad" ] || echo "$bad" | sed 's/^/#   /'
	[ "$rc" = 0 ] || tail -n 30 "$log" | sed 's/^/#   /'
done

lg_summary
