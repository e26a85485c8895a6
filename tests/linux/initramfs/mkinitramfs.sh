#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mkinitramfs.sh OUT.cpio.gz -- the initramfs of armpv's Linux guest tests
# mkinitramfs.sh --fetch     -- the busybox .deb it is made from (printed)
# mkinitramfs.sh --key       -- a checksum of everything OUT is made from
#
# Made only from Debian packages and our own files, no kernel tree:
#   - busybox-static:armel, fetched once with apt-get download into
#     $ARMPV_CACHE/debs (default ~/.cache/armpv/debs; the newest .deb
#     there is used: remove it to take a newer one), unpacked with
#     dpkg-deb -x; /bin/busybox and a symbolic link an applet (the list
#     asked of busybox itself under $QEMU_ARM, qemu-user);
#   - /init, /etc/inittab and /bin/armpv-workload (this directory's init,
#     inittab, workload);
#   - /bin/bench, bench.c built static with $ARM_CC (glibc armel from
#     libc6-dev-armel-cross).
# The archive is GNU cpio's newc from a staging directory, sorted, every
# file owned by root with time 0, gzip without name or time: the same
# inputs give the same bytes, so it can be cached under --key.  OUT is
# written to a temporary file and renamed.  The armel architecture and an
# apt-get update are ./armpv-dev setup's.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
debs=${ARMPV_CACHE:-$HOME/.cache/armpv}/debs
cc=${ARM_CC:-arm-linux-gnueabi-gcc}
qemu_arm=${QEMU_ARM:-qemu-arm}
pkg=busybox-static:armel

die() { echo "mkinitramfs: $*" >&2; exit 1; }

# The cached busybox-static armel .deb, downloaded when there is none.
fetch_deb() {
	deb=$(ls "$debs"/busybox-static_*_armel.deb 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$deb" ]; then
		mkdir -p "$debs"
		dl=$(mktemp -d "$debs/.download.XXXXXX")
		# apt drops privileges to _apt, which cannot write a home
		# directory: download as ourselves.
		if ! (cd "$dl" && apt-get -q -o APT::Sandbox::User="$(id -un)" \
			download "$pkg" >&2); then
			rm -rf "$dl"
			die "apt-get download $pkg failed (./armpv-dev setup adds the armel architecture)"
		fi
		for f in "$dl"/*.deb; do
			# apt names it with the epoch escaped (1%3a1.35.0-...).
			name=$(dpkg-deb -f "$f" Package)_$(dpkg-deb -f "$f" Version | sed 's/^[0-9]*://')_armel.deb
			mv "$f" "$debs/$name"
			deb=$debs/$name
		done
		rm -rf "$dl"
	fi
	[ -n "$deb" ] && [ -f "$deb" ] || die "no $pkg .deb in $debs"
	echo "$deb"
}

key() {
	deb=$(fetch_deb)
	{
		for f in "$here/mkinitramfs.sh" "$here/init" "$here/inittab" \
			"$here/workload" "$here/bench.c" "$deb"; do
			sha256sum <"$f"
		done
		"$cc" --version | head -n 1
		cpio --version | head -n 1
		gzip --version | head -n 1
	} | sha256sum | cut -c1-16
}

case ${1:-} in
--fetch) fetch_deb; exit 0 ;;
--key) key; exit 0 ;;
-* | "") sed -n '4,6s/^# //p' "$0" >&2; exit 2 ;;
esac
out=$1
deb=$(fetch_deb)

umask 022
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-initramfs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" \
	"$root/dev" "$root/proc" "$root/sys" "$root/tmp" "$root/root" \
	"$root/etc"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"

dpkg-deb -x "$deb" "$tmp/deb"
cp "$tmp/deb/bin/busybox" "$root/bin/busybox"
chmod 755 "$root/bin/busybox"
"$qemu_arm" "$root/bin/busybox" --list-full >"$tmp/applets" ||
	die "cannot list busybox's applets with $qemu_arm"
# linuxrc is for the old initrd (noinitrd boot); /init is ours.
grep -v -x -e linuxrc -e bin/busybox "$tmp/applets" | while read -r path; do
	ln -s /bin/busybox "$root/$path"
done
[ -L "$root/bin/sh" ] || die "busybox has no sh applet"

install -m 755 "$here/init" "$root/init"
install -m 755 "$here/workload" "$root/bin/armpv-workload"
install -m 644 "$here/inittab" "$root/etc/inittab"
"$cc" -std=gnu11 -static -O2 -Wall -Wextra -Werror -pthread \
	-o "$root/bin/bench" "$here/bench.c" || die "cannot build bench.c"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"

find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9n >"$tmp/out"
mv "$tmp/out" "$out.tmp.$$"
mv "$out.tmp.$$" "$out"
