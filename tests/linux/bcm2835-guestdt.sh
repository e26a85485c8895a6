#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bcm2835-guestdt.sh -- the device tree armpv-bm gives a raspi0 guest
# (Linux's bcm2835-rpi-zero.dtb filtered to the board's four devices and
# fixed up by monitor/baremetal/fdt-bcm2835.c; tests/baremetal/
# fdt-bcm2835-guest makes it on the host) is all Linux 6.1 needs, proven
# without armpv-bm: the plain bcm2835_defconfig kernel (the cache's
# plain-bcm2835; skipped, 77, without it) boots natively on QEMU -M raspi0
# with that tree and the test initramfs, under -icount shift=0,sleep=off
# and QEMU's trace of every access to a device (memory_region_ops_read/
# write, -D), and
#   - its console is ttyAMA0, the PL011 at 0x20201000, and the PM
#     block's watchdog is registered;
#   - the workload prints every expected result line, the kernel log no
#     Oops, BUG, WARNING, panic or OOM kill;
#   - the guest's reboot stops QEMU (-no-reboot: the PM watchdog's
#     restart), status 0;
#   - every device access from the kernel's entry to the reboot lies in
#     one of the four regions of armpv-bm's raspi0 board: armctrl
#     0x2000b200 +0x200, system timer 0x20003000 +0x1000, PM 0x20100000
#     +0x114, PL011 0x20201000 +0x1000 (one outside would be an external
#     abort under armpv-bm), and each of the four is used.
# And that this check finds what it looks for: the same kernel on Linux's
# own tree (lg_boot_native, to the end of its boot: armpv_stop=boot)
# reaches devices outside those regions (cprman, gpio, the mailbox...).
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC,
# QEMU_ARM, QEMU_SYSTEM_ARM; ARMPV_CACHE; ARMPV_KEEP=1 keeps the logs.
. "$top_srcdir/tests/linux/ran-in-main.sh"
set -u
ARMPV_LINUX_BOARD=raspi0
. "$top_srcdir/tests/linux/guest-lib.sh"

bm_need_tools python3
lg_prepare
lg_workdir bcm2835-guestdt
echo "# kernel $lg_kdir"
echo "# initramfs $lg_initrd"
lg_expected "$out/expected" || lg_die "cannot compute the expected results"
bm_set_timeout 600

# outside TRACE: the device accesses of QEMU's trace outside the four
# regions, one "read|write ADDRESS REGION-NAME" line each distinct
# (address, kind); and on stderr the count per region of those inside.
outside() {
	python3 - "$1" <<'PY'
import re, sys
regions = {"armctrl": (0x2000b200, 0x200), "system timer": (0x20003000, 0x1000),
           "pm": (0x20100000, 0x114), "pl011": (0x20201000, 0x1000)}
inside, out = {k: 0 for k in regions}, set()
pat = re.compile(r"memory_region_ops_(read|write) cpu \d+ mr \S+ addr (0x[0-9a-f]+) "
                 r"value \S+ size (\d+) name '([^']*)'")
for line in open(sys.argv[1], errors="replace"):
    m = pat.match(line)
    if not m:
        continue
    a, n = int(m[2], 16), int(m[3])
    for k, (b, s) in regions.items():
        if b <= a and a + n <= b + s:
            inside[k] += 1
            break
    else:
        out.add("%s %#010x %s" % (m[1], a, m[4]))
print(" ".join("%s=%d" % kv for kv in inside.items()), file=sys.stderr)
for l in sorted(out):
    print(l)
PY
}

# The guest's tree, natively, the workload.
log=$out/guest.log
lg_boot_native_guest 512M "console=ttyAMA0 rdinit=/init armpv.workload" \
	-icount shift=0,sleep=off -serial stdio \
	-trace 'memory_region_ops_*' -D "$out/guest.trace" </dev/null >"$log" 2>&1
rc=$?
tr -d '\r' <"$log" >"$log.txt" && mv "$log.txt" "$log"
check "guest tree: QEMU stopped by the guest's reboot (status $rc)" \
	'[ $rc = 0 ] && grep -aq "reboot: Restarting system" "$log"'
check "guest tree: console on ttyAMA0, the PL011 at 0x20201000" \
	'grep -aq "printk: console \[ttyAMA0\] enabled" "$log" &&
	 grep -aq "20201000.serial: ttyAMA0 at MMIO 0x20201000" "$log"'
check "guest tree: the PM block's watchdog registered" \
	'grep -aq "bcm2835-wdt bcm2835-wdt: Broadcom BCM2835 watchdog timer" "$log"'
lg_results "$log" >"$log.results"
missing=$(grep -vxF -f "$log.results" "$out/expected")
check "guest tree: every expected result line" '[ -z "$missing" ]'
[ -z "$missing" ] || echo "$missing" | sed 's/^/#   missing: /'
bad=$(lg_bad_lines "$log")
check "guest tree: no Oops, BUG, WARNING, panic or OOM in the log" '[ -z "$bad" ]'
[ -z "$bad" ] || echo "$bad" | sed 's/^/#   /'
outside "$out/guest.trace" >"$out/guest.outside" 2>"$out/guest.inside"
echo "# guest tree: device accesses inside the regions: $(cat "$out/guest.inside")"
check "guest tree: no device access outside the four regions" '[ ! -s "$out/guest.outside" ]'
sed 's/^/#   outside: /' "$out/guest.outside" | head -20
check "guest tree: each of the four regions used" '! grep -q "=0\b" "$out/guest.inside"'
if [ "$rc" != 0 ] || [ -n "$missing" ]; then
	echo "# guest tree: console log (last 40 lines):"
	tail -n 40 "$log" | sed 's/^/#   /'
fi

# Linux's own tree, natively, to the end of the boot: the check sees
# the rest of the SoC.
log=$out/native.log
lg_boot_native 512M "console=ttyAMA0 rdinit=/init armpv_stop=boot" \
	-icount shift=0,sleep=off -serial stdio \
	-trace 'memory_region_ops_*' -D "$out/native.trace" </dev/null >"$log" 2>&1
rc=$?
check "Linux's tree: QEMU stopped by the guest's reboot (status $rc)" \
	'[ $rc = 0 ] && grep -aq "reboot: Restarting system" "$log"'
outside "$out/native.trace" >"$out/native.outside" 2>/dev/null
check "Linux's tree: device accesses outside the four regions seen ($(wc -l <"$out/native.outside") addresses: $(cut -d' ' -f3- "$out/native.outside" | sort -u | tr '\n' ' '))" \
	'grep -q "bcm2835-cprman" "$out/native.outside"'
lg_summary
