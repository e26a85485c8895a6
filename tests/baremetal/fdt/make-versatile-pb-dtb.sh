#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Rebuilds versatile-pb.dtb, the fixture of tests/baremetal/fdt.sh: Linux
# 6.1's arch/arm/boot/dts/versatile-pb.dtb as its build makes it (the C
# preprocessor as scripts/Makefile.lib's cmd_dtc, then dtc), from Debian's
# linux-source-6.1.  Not run by make check (the tarball is 130 MB).
#
#   tests/baremetal/fdt/make-versatile-pb-dtb.sh [linux-source-6.1.tar.xz]
set -eu
tarball=${1:-/usr/src/linux-source-6.1.tar.xz}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
d=linux-source-6.1/arch/arm/boot/dts
tar -xJf "$tarball" -C "$tmp" "$d/versatile-pb.dts" "$d/versatile-ab.dts"
cpp -nostdinc -I "$tmp/$d" -undef -D__DTS__ -x assembler-with-cpp \
	-o "$tmp/pb.dts" "$tmp/$d/versatile-pb.dts"
dtc -q -I dts -O dtb -b 0 -o "$here/versatile-pb.dtb" "$tmp/pb.dts"
