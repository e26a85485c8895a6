#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Rebuilds bcm2835-rpi-zero.dtb, the fixture of tests/baremetal/
# fdt-bcm2835.sh: Linux 6.1's arch/arm/boot/dts/bcm2835-rpi-zero.dtb as
# its build makes it (scripts/Makefile.lib's cmd_dtc: the C preprocessor
# with scripts/dtc/include-prefixes, then dtc -@, which
# arch/arm/boot/dts/Makefile asks for the Raspberry Pi trees: the
# __symbols__ node), from Debian's linux-source-6.1.  The result is
# byte for byte the bcm2835_defconfig build's (tests/linux/bcm2835.sh).
# Not run by make check (the tarball is 130 MB).
#
#   tests/baremetal/fdt/make-bcm2835-rpi-zero-dtb.sh [linux-source-6.1.tar.xz]
set -eu
tarball=${1:-/usr/src/linux-source-6.1.tar.xz}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
s=linux-source-6.1
tar -xJf "$tarball" -C "$tmp" --wildcards "$s/arch/arm/boot/dts/bcm*" \
	"$s/include/dt-bindings" "$s/scripts/dtc/include-prefixes"
cpp -nostdinc -I "$tmp/$s/scripts/dtc/include-prefixes" -undef -D__DTS__ \
	-x assembler-with-cpp -o "$tmp/zero.dts" \
	"$tmp/$s/arch/arm/boot/dts/bcm2835-rpi-zero.dts"
dtc -q -I dts -O dtb -b 0 -@ -i "$tmp/$s/arch/arm/boot/dts" \
	-o "$here/bcm2835-rpi-zero.dtb" "$tmp/zero.dts"
