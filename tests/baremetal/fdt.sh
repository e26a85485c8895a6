#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The monitor's device tree reader and editor (monitor/baremetal/fdt.c),
# built hosted with AddressSanitizer and UBSan as tests/baremetal/fdt-mutate,
# against the boot test's tree, a bare tree (no /memory, no /chosen: the
# edits must create them) and every truncation and one-byte mutation of
# both.  Skipped (77) without dtc.
#
# Environment (make check exports it): top_srcdir, top_builddir; DTC
# (default dtc).
: "${DTC:=dtc}"
if ! command -v "$DTC" >/dev/null 2>&1; then
	echo "$0: $DTC not found" >&2
	exit 77
fi
out=$top_builddir/tests/baremetal/fdt
mkdir -p "$out" || exit 99
printf '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <1>;\n\tcompatible = "bare";\n};\n' \
	>"$out/bare.dts"
"$DTC" -q -I dts -O dtb -o "$out/boot.dtb" \
	"$top_srcdir/tests/baremetal/boot-guest/boot.dts" &&
"$DTC" -q -I dts -O dtb -o "$out/bare.dtb" "$out/bare.dts" || exit 99
exec "$top_builddir/tests/baremetal/fdt-mutate" "$out/boot.dtb" "$out/bare.dtb"
