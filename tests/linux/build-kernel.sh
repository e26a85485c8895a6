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
#
# With ARMPV_KERNEL_MODULES=1 the loadable modules are built too (make
# modules: every .ko of the defconfig, Module.symvers and scripts/
# module.lds, which an out-of-tree module built with M= needs).  They
# have a stamp of their own (.armpv-modules-stamp, the same key), so a
# cached build without them gets them added (make modules alone: vmlinux
# is not relinked) instead of being rebuilt.  ARMPV_KERNEL_MODULES="A.ko
# B.ko ..." (paths in the build tree) builds those modules alone (kbuild's
# single targets, with KBUILD_MODPOST_WARN=1: the symbols of the modules
# not built are unresolved); a build with all its modules has them.
#
# With ARMPV_KERNEL_QUERY=1 nothing is built: exit 0 (printing the build
# directory) when the build is there and up to date, 3 when it is not.
#
# A build that is there is used without taking the lock (a build of
# another kernel is not waited for).
#
# A build from nothing takes 8 to 20 minutes on two cores: while make
# runs, a line on stderr every $ARMPV_PROGRESS_INTERVAL seconds (default
# 30) says how far it is, "build-kernel: NAME: N of about M objects, T
# min S s" (N the targets kbuild has made, counted by their .*.cmd files; M
# those of the last build of DEFCONFIG, remembered in
# $ARMPV_CACHE/linux/.objects-DEFCONFIG).  Lines, not a redrawn bar: CI
# has no terminal.
set -eu

name=$1 defconfig=$2
shift 2
cache=${ARMPV_CACHE:-$HOME/.cache/armpv}/linux
tarball=/usr/src/linux-source-6.1.tar.xz
cross=${CROSS_COMPILE:-arm-linux-gnueabi-}
jobs=$(nproc 2>/dev/null || echo 2)

[ -f "$tarball" ] || { echo "build-kernel: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 1; }
mkdir -p "$cache"
. "$(dirname "$0")/repro.sh"

out="$cache/$name"

# bk_count: the targets kbuild has made in $out so far (one .*.cmd each).
bk_count() {
	find "$out/" -name '.*.cmd' 2>/dev/null | wc -l
}
# bk_start_progress, bk_stop_progress: the progress lines (see above),
# from a background loop.  It sleeps a second at a time, so that once
# stopped nothing of it outlives the build by more than that, ends by
# itself when this script is gone (killed: an asynchronous list ignores
# SIGINT, and the EXIT trap may not run), and does not hold the lock
# (fd 9).
bk_pid=
bk_start_progress() {
	bk_t0=$(date +%s)
	bk_total=$(cat "$cache/.objects-$defconfig" 2>/dev/null) || bk_total=
	case $bk_total in
	'' | *[!0-9]*) bk_total=$(bk_default_total) ;;
	esac
	bk_every=${ARMPV_PROGRESS_INTERVAL:-30}
	(
		i=0
		while sleep 1 && kill -0 $$ 2>/dev/null; do
			i=$((i + 1))
			[ "$i" -ge "$bk_every" ] || continue
			i=0
			t=$(($(date +%s) - bk_t0))
			echo "build-kernel: $name: $(bk_count)${bk_total:+ of about $bk_total}" \
				"objects, $((t / 60)) min $((t % 60)) s"
		done
	) >&2 9>&- &
	bk_pid=$!
	trap 'bk_stop_progress' EXIT
}
bk_stop_progress() {
	[ -z "$bk_pid" ] || kill "$bk_pid" 2>/dev/null || :
	bk_pid=
}
# bk_default_total: M before the first build of DEFCONFIG here, from
# builds of Debian's 6.1.x (arm-linux-gnueabi-gcc 12); any guess will do
# for a progress line.
bk_default_total() {
	case $defconfig in
	versatile_defconfig) echo 1770 ;;
	esac
}
# Paths under ARMPV_KEY_ROOT (the armpv clone) count relative to it, so a
# fresh clone elsewhere (CI) reuses the cache when its files are the same.
args=$(echo "$defconfig $cross $*" | { [ -n "${ARMPV_KEY_ROOT:-}" ] &&
	sed "s|$ARMPV_KEY_ROOT|<armpv>|g" || cat; })
key=$( { ls -l --time-style=+%s "$tarball"; echo "$args";
	 env | grep '^KBUILD_BUILD_' | sort;
	 for f in ${ARMPV_KERNEL_DEPS:-}; do sha256sum <"$f"; done; } | sha256sum | cut -c1-16)
# bk_inputs: what the key hashes, readably (each dependency's checksum
# beside its name, relative to ARMPV_KEY_ROOT), kept beside the stamp as
# .armpv-key-inputs: a rebuild for "inputs changed" prints what changed.
bk_inputs() {
	ls -l --time-style=+%s "$tarball"
	echo "$args"
	env | grep '^KBUILD_BUILD_' | sort
	for f in ${ARMPV_KERNEL_DEPS:-}; do
		echo "$(sha256sum <"$f" | cut -c1-16) $f"
	done | { [ -n "${ARMPV_KEY_ROOT:-}" ] &&
		sed "s|$ARMPV_KEY_ROOT|<armpv>|" || cat; }
}
modules=${ARMPV_KERNEL_MODULES:-0}
# The modules' stamp: the key, and for a list of modules its checksum too.
case $modules in
0 | 1) mstamp=$key ;;
*) mstamp="$key $(echo "$modules" | tr ' ' '\n' | sed '/^$/d' | sort |
	sha256sum | cut -c1-16)" ;;
esac
# bk_make_modules: the modules asked for, in the build that is there.
bk_make_modules() {
	if [ "$modules" = 1 ]; then
		make -s -C "$cache/src" O="$out" ARCH=arm CROSS_COMPILE="$cross" \
			"$@" -j"$jobs" modules >&2
	else
		bk_rc=0
		make -s -C "$cache/src" O="$out" ARCH=arm CROSS_COMPILE="$cross" \
			"$@" KBUILD_MODPOST_WARN=1 -j"$jobs" $modules \
			>"$out/.armpv-modules.log" 2>&1 || bk_rc=$?
		grep -v '^WARNING: modpost: ' "$out/.armpv-modules.log" >&2 || :
		if [ "$bk_rc" != 0 ]; then
			echo "build-kernel: $name: make of the modules failed ($bk_rc)" >&2
			exit 1
		fi
		for m in $modules; do
			[ -f "$out/$m" ] || { echo "build-kernel: $name: $m not built" >&2; exit 1; }
		done
	fi
}
# bk_built: the build of this key is there (its stamp is written last, so
# a build with the stamp is whole); bk_modules_built: its modules too.
bk_built() {
	[ -f "$out/.armpv-stamp" ] && [ "$(cat "$out/.armpv-stamp")" = "$key" ] &&
		[ -f "$out/vmlinux" ]
}
bk_modules_built() {
	[ -f "$out/.armpv-modules-stamp" ] || return 1
	case $(cat "$out/.armpv-modules-stamp") in
	"$key" | "$mstamp") return 0 ;;
	esac
	return 1
}
# bk_done_if_up_to_date: when the build of this key is there (with its
# modules, when asked for), say so, print it and exit.  No lock is needed
# to use it, and a build of another kernel (holding the lock for many
# minutes) need not be waited for.
bk_done_if_up_to_date() {
	if bk_built && { [ "$modules" = 0 ] || bk_modules_built; }; then
		echo "build-kernel: $name is up to date ($out)" >&2
		[ -f "$cache/.objects-$defconfig" ] ||
			bk_count >"$cache/.objects-$defconfig"
		# (builds older than .armpv-key-inputs get theirs now)
		if [ ! -f "$out/.armpv-key-inputs" ]; then
			bk_inputs >"$out/.armpv-key-inputs.$$" &&
				mv "$out/.armpv-key-inputs.$$" "$out/.armpv-key-inputs"
		fi
		echo "$out"
		exit 0
	fi
}
bk_done_if_up_to_date
[ "${ARMPV_KERNEL_QUERY:-0}" != 1 ] || exit 3
# Tests running side by side (make -j check) want the same builds: one
# build-kernel.sh at a time; the others then find the build done.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache/.lock"
	if ! flock -n 9; then
		echo "build-kernel: waiting for another kernel build ($cache/.lock)" >&2
		flock 9
	fi
	bk_done_if_up_to_date
fi
# The build is there but not its modules: make them alone.  kbuild
# compiles the modules' objects and links the .ko files; vmlinux and the
# images stay as they are (tests using them meanwhile are undisturbed).
if bk_built; then
	echo "build-kernel: $name: adding the modules" >&2
	t0=$(date +%s)
	bk_make_modules "$@"
	t=$(($(date +%s) - t0))
	echo "build-kernel: $name: modules built in $((t / 60)) min $((t % 60)) s," \
		"$(find "$out/" -name '*.ko' | wc -l) .ko files" >&2
	echo "$mstamp" >"$out/.armpv-modules-stamp"
	echo "$out"
	exit 0
fi
src="$cache/src"
if [ ! -f "$src/.unpacked" ]; then
	echo "build-kernel: unpacking $tarball (a minute or two)" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.unpacked"
	mv "$src.tmp" "$src"
fi

# kbuild tracks its own inputs, not armpv's, and not everything (the
# built-in initramfs keeps its first build time): any change of the key
# means a build from scratch.
if [ -d "$out" ]; then
	echo "build-kernel: $name: inputs changed, rebuilding from scratch" >&2
	if [ -f "$out/.armpv-key-inputs" ]; then
		bk_inputs >"$cache/.key-inputs-$name.$$"
		echo "build-kernel: $name: what changed (- before, + now):" >&2
		diff "$out/.armpv-key-inputs" "$cache/.key-inputs-$name.$$" |
			grep '^[<>]' | sed 's/^</-/; s/^>/+/' >&2 || :
		rm -f "$cache/.key-inputs-$name.$$"
	fi
	rm -rf "$out"
fi
mkdir -p "$out"
rm -f "$out/.armpv-stamp" "$out/.armpv-modules-stamp"
echo "build-kernel: building $name ($defconfig) in $out" >&2
make -s -C "$src" O="$out" ARCH=arm CROSS_COMPILE="$cross" "$@" "$defconfig" >&2
# Kconfig turns GCC_PLUGINS on by itself when the cross compiler's plugin
# headers are installed (armpv-dev installs them for armpv's own plugin,
# docs/plugin.md): off, so that a build is the same with or without them
# (and as the cached builds made before them).
"$src/scripts/config" --file "$out/.config" --disable GCC_PLUGINS
make -s -C "$src" O="$out" ARCH=arm CROSS_COMPILE="$cross" "$@" \
	olddefconfig >&2
goals="vmlinux zImage dtbs"
[ "$modules" != 1 ] || goals="$goals modules"
bk_start_progress
make -s -C "$src" O="$out" ARCH=arm CROSS_COMPILE="$cross" "$@" -j"$jobs" \
	$goals >&2
case $modules in 0 | 1) ;; *) bk_make_modules "$@" ;; esac
bk_stop_progress
t=$(($(date +%s) - bk_t0))
echo "build-kernel: $name built in $((t / 60)) min $((t % 60)) s," \
	"$(bk_count) objects" >&2
bk_count >"$cache/.objects-$defconfig"
bk_inputs >"$out/.armpv-key-inputs"
echo "$key" >"$out/.armpv-stamp"
[ "$modules" = 0 ] || echo "$mstamp" >"$out/.armpv-modules-stamp"
echo "$out"
