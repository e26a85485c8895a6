#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# build-kernel.sh NAME DEFCONFIG [MAKE-ARGS...]
#
# Build Debian's linux-source-6.1 for ARM with DEFCONFIG (e.g.
# versatile_defconfig) into $ARMPV_CACHE/linux/NAME (default cache
# ~/.cache/armpv), unpacking the source once into $ARMPV_CACHE/linux/src.
# MAKE-ARGS are passed to every make (e.g. AS=/path/armpv-as).  A build whose
# inputs (source tarball, defconfig, make arguments, and the files named in
# $ARMPV_KERNEL_DEPS) are unchanged is reused: the stamp file holds their
# checksum; paths inside $ARMPV_KEY_ROOT are keyed relative to it.  Prints
# the build directory on success.
set -eu

name=$1 defconfig=$2
shift 2
cache=${ARMPV_CACHE:-$HOME/.cache/armpv}/linux
tarball=/usr/src/linux-source-6.1.tar.xz
cross=${CROSS_COMPILE:-arm-linux-gnueabi-}
jobs=$(nproc 2>/dev/null || echo 2)

[ -f "$tarball" ] || { echo "build-kernel: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 1; }
mkdir -p "$cache"
# Tests running side by side (make -j check) want the same builds: one
# build-kernel.sh at a time; the others then find the build done.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache/.lock"
	flock 9
fi
src="$cache/src"
if [ ! -f "$src/.unpacked" ]; then
	echo "build-kernel: unpacking $tarball" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.unpacked"
	mv "$src.tmp" "$src"
fi

. "$(dirname "$0")/repro.sh"

out="$cache/$name"
# Paths under ARMPV_KEY_ROOT (the armpv clone) count relative to it, so a
# fresh clone elsewhere (CI) reuses the cache when its files are the same.
args=$(echo "$defconfig $cross $*" | { [ -n "${ARMPV_KEY_ROOT:-}" ] &&
	sed "s|$ARMPV_KEY_ROOT|<armpv>|g" || cat; })
key=$( { ls -l --time-style=+%s "$tarball"; echo "$args";
	 env | grep '^KBUILD_BUILD_' | sort;
	 for f in ${ARMPV_KERNEL_DEPS:-}; do sha256sum <"$f"; done; } | sha256sum | cut -c1-16)
if [ -f "$out/.armpv-stamp" ] && [ "$(cat "$out/.armpv-stamp")" = "$key" ] &&
	[ -f "$out/vmlinux" ]; then
	echo "build-kernel: $name is up to date ($out)" >&2
	echo "$out"
	exit 0
fi
# kbuild tracks its own inputs, not armpv's, and not everything (the
# built-in initramfs keeps its first build time): any change of the key
# means a build from scratch.
if [ -d "$out" ]; then
	echo "build-kernel: $name: inputs changed, rebuilding from scratch" >&2
	rm -rf "$out"
fi
mkdir -p "$out"
rm -f "$out/.armpv-stamp"
echo "build-kernel: building $name ($defconfig) in $out" >&2
make -s -C "$src" O="$out" ARCH=arm CROSS_COMPILE="$cross" "$@" "$defconfig" >&2
make -s -C "$src" O="$out" ARCH=arm CROSS_COMPILE="$cross" "$@" -j"$jobs" \
	vmlinux zImage dtbs >&2
echo "$key" >"$out/.armpv-stamp"
echo "$out"
