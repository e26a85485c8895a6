#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The monitor's device tree reader, editor and device filter
# (monitor/baremetal/fdt.c, fdt-filter.c), built hosted with
# AddressSanitizer and UBSan as tests/baremetal/fdt-mutate, against the
# boot test's tree, a bare tree (no /memory, no /chosen: the edits must
# create them) and every truncation and one-byte mutation of both, and
# of every 7th byte of Linux 6.1's versatile-pb.dtb (the fixture
# tests/baremetal/fdt/versatile-pb.dtb; make-versatile-pb-dtb.sh there
# rebuilds it from linux-source-6.1).  Then that DTB filtered for the
# versatile board as armpv-bm gives it to the guest: exactly the nodes
# listed below remain (dtc -O dts of the result), and nothing in it
# names a node that went.  Skipped (77) without dtc.
#
# Environment (make check exports it): top_srcdir, top_builddir; DTC
# (default dtc).
: "${DTC:=dtc}"
if ! command -v "$DTC" >/dev/null 2>&1; then
	echo "$0: $DTC not found" >&2
	exit 77
fi
out=$top_builddir/tests/baremetal/fdt
pb=$top_srcdir/tests/baremetal/fdt/versatile-pb.dtb
mutate=$top_builddir/tests/baremetal/fdt-mutate
mkdir -p "$out" || exit 99
printf '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <1>;\n\tcompatible = "bare";\n};\n' \
	>"$out/bare.dts"
"$DTC" -q -I dts -O dtb -o "$out/boot.dtb" \
	"$top_srcdir/tests/baremetal/boot-guest/boot.dts" &&
"$DTC" -q -I dts -O dtb -o "$out/bare.dtb" "$out/bare.dts" || exit 99
"$mutate" "$out/boot.dtb" "$out/bare.dtb" --stride 7 "$pb" || exit 1

# The filtered versatile-pb.dtb: its nodes, one path a line.
"$mutate" --filter "$pb" "$out/pb-guest.dtb" || exit 1
"$DTC" -q -I dtb -O dts -o "$out/pb-guest.dts" "$out/pb-guest.dtb" || {
	echo "FAIL: the filtered tree does not decompile"
	exit 1
}
nodes() {
	awk '/\{$/ { n = $1; p = (d ? path[d] : ""); d++;
		     path[d] = (n == "/" ? "" : p "/" n); print (n == "/" ? "/" : path[d]) }
	     /^[ \t]*\};$/ { d-- }' "$1"
}
nodes "$out/pb-guest.dts" >"$out/pb-guest.nodes"
cat >"$out/pb-guest.want" <<'WANT'
/
/aliases
/chosen
/memory
/xtal24mhz@24M
/core-module@10000000
/core-module@10000000/led@8,0
/core-module@10000000/led@8,1
/core-module@10000000/led@8,2
/core-module@10000000/led@8,3
/core-module@10000000/led@8,4
/core-module@10000000/led@8,5
/core-module@10000000/led@8,6
/core-module@10000000/led@8,7
/core-module@10000000/cm_aux_osc@24M
/core-module@10000000/timclk@1M
/core-module@10000000/pclk@24M
/amba
/amba/interrupt-controller@10140000
/amba/interrupt-controller@10003000
/amba/uart@101f1000
/amba/timer@101e2000
/amba/timer@101e3000
/amba/fpga
/amba/fpga/sysreg@0
WANT
status=0
if ! diff -u "$out/pb-guest.want" "$out/pb-guest.nodes"; then
	echo "FAIL: versatile-pb.dtb filtered: other nodes than the board's"
	status=1
else
	echo "PASS: versatile-pb.dtb filtered: $(wc -l <"$out/pb-guest.nodes") nodes, the board's devices and what has no registers"
fi
# What was kept names only what is left: the one alias and stdout-path
# are UART0; no phandle reference to a node that went (dtc -O dts prints
# references as numbers: every <&x> used must still be defined).
if ! grep -q '^		serial0 = "/amba/uart@101f1000";$' "$out/pb-guest.dts" ||
   test "$(sed -n '/^	aliases {/,/^	};/p' "$out/pb-guest.dts" | grep -c ' = ')" != 1 ||
   ! grep -q '^		stdout-path = "/amba/uart@101f1000";$' "$out/pb-guest.dts"; then
	echo "FAIL: /aliases or /chosen stdout-path not just UART0"
	status=1
fi
defined=$(sed -n 's/.*phandle = <\(0x[0-9a-f]*\)>;/\1/p' "$out/pb-guest.dts" | sort -u)
used=$(sed -n -e 's/.*\(interrupt-parent\|remote-endpoint\) = <\(0x[0-9a-f]*\)>;/\2/p' \
	-e 's/.*clocks = <\([^>]*\)>;/\1/p' "$out/pb-guest.dts" |
	tr ' ' '\n' | sort -u)
for p in $used; do
	if ! echo "$defined" | grep -qx "$p"; then
		echo "FAIL: a kept node refers to phandle $p, which went"
		status=1
	fi
done
exit $status
