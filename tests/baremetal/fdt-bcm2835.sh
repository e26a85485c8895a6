#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The raspi0 guest's device tree (monitor/baremetal/fdt-bcm2835.c after
# fdt-filter.c), built hosted with AddressSanitizer and UBSan as
# tests/baremetal/fdt-bcm2835-guest, on Linux 6.1's bcm2835-rpi-zero.dtb
# (the fixture tests/baremetal/fdt/bcm2835-rpi-zero.dtb;
# make-bcm2835-rpi-zero-dtb.sh there rebuilds it from linux-source-6.1):
#   - the fixup's refusals (no /soc, no PL011, the PM block outside
#     /soc's ranges, every capacity short of what it adds) leave a tree
#     that opens; its own result less the nodes it adds is fixed up to
#     the same bytes; every truncation and one-byte mutation of every
#     7th byte goes through the filter, the fixup and the boot loader's
#     edits without a fault, and what comes out opens again;
#   - the guest tree (dtc -O dts of it): exactly the nodes listed below;
#     every 'reg' under /soc one of the board's four devices; the PL011's
#     clocks both the new 48 MHz fixed clock, no pinctrl; the PM node
#     with only its "pm" registers; no phandle reference (interrupt-
#     parent, clocks) to a node that went; serial0 and stdout-path the
#     PL011.
# tests/linux/bcm2835-guestdt.sh boots Linux natively on it.  Skipped
# (77) without dtc.
#
# Environment (make check exports it): top_srcdir, top_builddir; DTC
# (default dtc).
: "${DTC:=dtc}"
if ! command -v "$DTC" >/dev/null 2>&1; then
	echo "$0: $DTC not found" >&2
	exit 77
fi
out=$top_builddir/tests/baremetal/fdt-bcm2835
zero=$top_srcdir/tests/baremetal/fdt/bcm2835-rpi-zero.dtb
guest=$top_builddir/tests/baremetal/fdt-bcm2835-guest
mkdir -p "$out" || exit 99
"$guest" --stride 7 "$zero" || exit 1

"$guest" --guest "$zero" "$out/guest.dtb" || exit 1
"$DTC" -q -I dtb -O dts -o "$out/guest.dts" "$out/guest.dtb" || {
	echo "FAIL: the guest tree does not decompile"
	exit 1
}
nodes() {
	awk '/\{$/ { n = $1; p = (d ? path[d] : ""); d++;
		     path[d] = (n == "/" ? "" : p "/" n); print (n == "/" ? "/" : path[d]) }
	     /^[ \t]*\};$/ { d-- }' "$1"
}
nodes "$out/guest.dts" >"$out/guest.nodes"
cat >"$out/guest.want" <<'WANT'
/
/aliases
/chosen
/reserved-memory
/reserved-memory/linux,cma
/soc
/soc/timer@7e003000
/soc/serial@7e201000
/soc/interrupt-controller@7e00b200
/soc/watchdog@7e100000
/clocks
/clocks/clk-uart
/cpus
/cpus/cpu@0
/memory@0
WANT
status=0
check() {
	if eval "$2"; then
		echo "PASS: $1"
	else
		echo "FAIL: $1"
		status=1
	fi
}
check "bcm2835-rpi-zero.dtb for raspi0's guest: the board's devices and what has no registers" \
	'diff -u "$out/guest.want" "$out/guest.nodes"'
# prop NODE-PATH NAME: the value dtc prints, "<none>" when absent.
prop() {
	awk -v want="$1" -v name="$2" '
	/\{$/ { n = $1; p = (d ? path[d] : ""); d++;
		path[d] = (n == "/" ? "/" : (p == "/" ? "" : p) "/" n); next }
	/^[ \t]*\};$/ { d--; next }
	d && path[d] == want {
		line = $0; sub(/^[ \t]*/, "", line)
		if (line == name ";") { v = "<empty>"; found = 1 }
		else if (index(line, name " = ") == 1) {
			v = substr(line, length(name) + 4); sub(/;$/, "", v); found = 1
		}
	}
	END { print found ? v : "<none>" }' "$out/guest.dts"
}
regs=$(sed -n '/^	soc {$/,/^	};$/s/^			reg = //p' "$out/guest.dts" | sort | tr '\n' ' ')
check "every /soc 'reg' is one of the four devices ($regs)" \
	'[ "$regs" = "<0x7e003000 0x1000>; <0x7e00b200 0x200>; <0x7e100000 0x114>; <0x7e201000 0x200>; " ]'
check "/soc ranges map 0x7e000000 to 0x20000000" \
	'[ "$(prop /soc ranges)" = "<0x7e000000 0x20000000 0x2000000>" ]'
clk=$(prop /clocks/clk-uart phandle)
clk=${clk#<}
clk=${clk%>}
check "the PL011's clocks are both /clocks/clk-uart ($clk)" \
	'[ "$(prop /soc/serial@7e201000 clocks)" = "<$clk $clk>" ] &&
	 [ "$(prop /soc/serial@7e201000 clock-names)" = "\"uartclk\\0apb_pclk\"" ]'
check "clk-uart is a 48 MHz fixed clock" \
	'[ "$(prop /clocks/clk-uart compatible)" = "\"fixed-clock\"" ] &&
	 [ "$(prop /clocks/clk-uart clock-frequency)" = "<0x2dc6c00>" ] &&
	 [ "$(prop /clocks/clk-uart "#clock-cells")" = "<0x00>" ]'
check "the PL011 has no pinctrl" '! grep -q pinctrl "$out/guest.dts"'
check "the PM node: pm registers only, the watchdog's compatibles, system-power-controller" \
	'[ "$(prop /soc/watchdog@7e100000 reg-names)" = "\"pm\"" ] &&
	 [ "$(prop /soc/watchdog@7e100000 compatible)" = "\"brcm,bcm2835-pm\\0brcm,bcm2835-pm-wdt\"" ] &&
	 [ "$(prop /soc/watchdog@7e100000 system-power-controller)" = "<empty>" ] &&
	 [ "$(prop /soc/watchdog@7e100000 clocks)" = "<none>" ]'
check "serial0 and stdout-path name the PL011" \
	'[ "$(prop /aliases serial0)" = "\"/soc/serial@7e201000\"" ] &&
	 [ "$(prop /aliases serial1)" = "<none>" ] &&
	 [ "$(prop /chosen stdout-path)" = "\"serial0:115200n8\"" ]'
check "the interrupt parent is the armctrl" \
	'[ "$(prop / interrupt-parent)" = "$(prop /soc/interrupt-controller@7e00b200 phandle)" ]'
defined=$(sed -n 's/.*phandle = <\(0x[0-9a-f]*\)>;/\1/p' "$out/guest.dts" | sort -u)
used=$(sed -n -e 's/.*interrupt-parent = <\(0x[0-9a-f]*\)>;/\1/p' \
	-e 's/.*clocks = <\([^>]*\)>;/\1/p' "$out/guest.dts" | tr ' ' '\n' | sort -u)
for p in $used; do
	check "phandle $p, referred to, is defined" 'echo "$defined" | grep -qx "$p"'
done
check "phandles are unique" \
	'[ "$(sed -n "s/.*phandle = <\(0x[0-9a-f]*\)>;/\1/p" "$out/guest.dts" | sort | uniq -d)" = "" ]'
exit $status
