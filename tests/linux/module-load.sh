#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# module-load.sh -- a rewritten loadable module runs under armpv-bm
# (versatilepb, the plain versatile_defconfig kernel).
#
# tests/linux/module/armpv-irqtest.c is built out of tree (make M=)
# against the cache's plain-versatile build, made with its modules
# (ARMPV_KERNEL_MODULES=1: Module.symvers and scripts/module.lds), and
# rewritten by the post-link pass (armpv-rewrite on the .ko).  Its init
# function takes a spinlock with spin_lock_irqsave(), masks with
# local_irq_disable() and local_irq_save(), and prints what irqs_disabled()
# said before, inside and after each.  An archive appended to the test
# initramfs holds both .ko files and an /init of its own
# (tests/linux/module/init) that loads, reports and unloads each module
# named on the command line, then reboots.  Checks:
#   - the plain .ko holds sensitive sites, the rewritten one none
#     (--check), and kbuild wrote nothing into the kernel build;
#   - natively, the plain module: masked inside every pair, unmasked
#     around ("lock 0 1 0 disable 0 1 0 save 0 1 0 flags 1");
#   - under armpv-bm (the kernel rewritten after linking), the rewritten
#     module prints the same line: its traps act on the virtual CPSR;
#   - under armpv-bm, the plain module loads and runs, but its interrupt
#     masking silently does nothing: every "inside" is 0 (its MSR runs in
#     the real USR mode, which writes the flags only, and its MRS reads
#     the real CPSR).  That is what a user who forgets to rewrite a
#     module sees (docs/rewriter.md "Kernel modules");
#   - both insmod and rmmod succeed, QEMU stops by the guest's reboot,
#     armpv-bm stopped on the guest's reset request, no Oops, BUG,
#     WARNING, panic, guest or internal error.
# Environment: as workload.sh (make check exports it); ARMPV_KEEP=1.
. "$top_srcdir/tests/linux/ran-in-main.sh"
set -u
. "$top_srcdir/tests/linux/guest-lib.sh"

[ "$lg_board" = versatilepb ] || lg_die "versatilepb only"
export ARMPV_KERNEL_MODULES=1
lg_prepare
lg_workdir module
[ -f "$lg_kdir/Module.symvers" ] && [ -f "$lg_kdir/scripts/module.lds" ] ||
	lg_die "$lg_kdir has no Module.symvers or scripts/module.lds (a build without its modules)"
echo "# kernel $lg_kdir"

# The module, out of tree, as a user builds one.
mkdir -p "$out/mod" "$out/root/lib/armpv/plain"
cp "$top_srcdir/tests/linux/module/armpv-irqtest.c" \
	"$top_srcdir/tests/linux/module/Kbuild" "$out/mod/"
touch "$out/before-build"
. "$top_srcdir/tests/linux/repro.sh"
make -s -C "$lg_kdir" ARCH=arm CROSS_COMPILE="${CROSS_COMPILE:-arm-linux-gnueabi-}" \
	M="$out/mod" modules >"$out/build.log" 2>&1
check "the module builds out of tree (make M=)" '[ $? = 0 ] && [ -f "$out/mod/armpv-irqtest.ko" ]'
sed 's/^/# /' "$out/build.log"
[ -f "$out/mod/armpv-irqtest.ko" ] || lg_die "no module, nothing to boot"
written=$(find "$lg_kdir" -newer "$out/before-build" | head -n 5)
check "kbuild wrote nothing into the kernel build" '[ -z "$written" ]'
[ -z "$written" ] || echo "$written" | sed 's/^/#   written: /'

rw=$top_builddir/rewriter/armpv-rewrite
cp "$out/mod/armpv-irqtest.ko" "$out/root/lib/armpv/plain/"
"$rw" -o "$out/root/lib/armpv/armpv-irqtest.ko" "$out/mod/armpv-irqtest.ko" 2>"$out/rw.err"
check "armpv-rewrite rewrites the module" '[ $? = 0 ]'
sed 's/^/# /' "$out/rw.err"
"$rw" --check -q "$out/mod/armpv-irqtest.ko" >/dev/null 2>&1
check "the plain module holds sensitive instructions (--check: 1)" '[ $? = 1 ]'
"$rw" --check -q "$out/root/lib/armpv/armpv-irqtest.ko" >/dev/null 2>&1
check "the rewritten module holds none (--check: 0)" '[ $? = 0 ]'

# The archive over the test initramfs: /init and the two modules.
install -m 755 "$top_srcdir/tests/linux/module/init" "$out/root/init"
(cd "$out/root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
	gzip -n >"$out/overlay.cpio.gz" || lg_die "cannot make the archive"
cat "$lg_initrd" "$out/overlay.cpio.gz" >"$out/initrd.cpio.gz"
lg_initrd=$out/initrd.cpio.gz

bm_set_timeout 300
masked="lock 0 1 0 disable 0 1 0 save 0 1 0 flags 1"
unmasked="lock 0 0 0 disable 0 0 0 save 0 0 0 flags 1"
# boot KIND MODULES: boot KIND (lg_boot_KIND) loading MODULES.
boot() {
	log=$out/$1.log
	lg_boot_$1 128M "console=ttyAMA0 rdinit=/init armpv.modules=$2" \
		-icount shift=0,sleep=off -serial stdio </dev/null >"$log" 2>&1
	rc=$?
	tr -d '\r' <"$log" >"$log.txt" && mv "$log.txt" "$log"
	grep -a '^module ' "$log" | sed "s/^/# $1: /"
	check "$1: QEMU stopped by the guest's reboot (status $rc)" \
		'[ $rc = 0 ] && grep -aq "reboot: Restarting system" "$log"'
	bad=$(lg_bad_lines "$log")
	check "$1: no Oops, BUG, WARNING, panic or armpv-bm error" '[ -z "$bad" ]'
	[ -z "$bad" ] || echo "$bad" | sed 's/^/#   /'
	nmods=$(echo "$2" | tr , '\n' | wc -l)
	check "$1: every module loaded and unloaded ($nmods)" \
		'[ "$(grep -ac "^module [a-z]* insmod status 0$" "$log")" = "$nmods" ] &&
		 [ "$(grep -ac "^module [a-z]* rmmod status 0$" "$log")" = "$nmods" ]'
	if [ "$rc" != 0 ] || [ -n "$bad" ]; then
		tail -n 30 "$log" | sed 's/^/#   /'
	fi
}
boot native plain
check "native: the plain module masks interrupts ($masked)" \
	'grep -aqx "module plain: $masked" "$out/native.log"'
boot bm rewritten,plain
check "armpv-bm: armpv-bm stopped on the guest's reset request" \
	'grep -aqF "armpv-bm: guest reset request ($lg_reset_reg " "$out/bm.log"'
check "armpv-bm: the rewritten module masks interrupts ($masked)" \
	'grep -aqx "module rewritten: $masked" "$out/bm.log"'
check "armpv-bm: the plain module's masking does nothing ($unmasked)" \
	'grep -aqx "module plain: $unmasked" "$out/bm.log"'
lg_summary
