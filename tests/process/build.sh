#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the process test kernels: kern-v5.elf (-march=armv5te) and
# kern-v6.elf (-march=armv6) from the same sources, then their rewritten
# copies kern-v5.rw.elf and kern-v6.rw.elf.
#
#   tests/process/build.sh [OUTDIR]
#
# With PLAT=versatile it builds kern-v5.native.elf and kern-v6.native.elf
# instead: the same kernels, unrewritten, with plat-versatile.S, for
# native.sh.
#
# Environment: top_srcdir, top_builddir (defaults: this tree and
# $top_srcdir/build), ARM_CC (default arm-linux-gnueabi-gcc).  OUTDIR
# defaults to $top_builddir/tests/process.
set -e

here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"
out=${1:-$top_builddir/tests/process}
src=$top_srcdir/tests/process
rewrite=$top_builddir/rewriter/armpv-rewrite

: "${PLAT:=armpv}"
sources="entry.S banks.S irqflags.S uaccess.S mmu.S user.S plat-$PLAT.S
	 kern.c check.c test-banks.c test-irq.c test-uaccess.c test-user.c"
case $PLAT in
armpv) suffix= ;;
*) suffix=.$PLAT ;;
esac

mkdir -p "$out"
for v in 5:armv5te 6:armv6; do
	n=${v%%:*}
	march=${v#*:}
	objs=
	for s in $sources; do
		o=$out/v$n-${s%.*}$suffix.o
		# -fno-builtin and no loop-to-libcall rewriting: we provide
		# memcpy/memset ourselves and link no library.
		$ARM_CC -c -std=c11 -O2 -Wall -Wextra -Werror \
			-march=$march -marm -mfloat-abi=soft \
			-ffreestanding -fno-builtin -fno-pic -fno-pie \
			-fno-stack-protector -fno-tree-loop-distribute-patterns \
			-fno-asynchronous-unwind-tables -fno-unwind-tables -Wa,--noexecstack \
			-I"$src" -o "$o" "$src/$s"
		objs="$objs $o"
	done
	$ARM_CC -nostdlib -ffreestanding -static -no-pie \
		-march=$march -marm -T "$src/kern.ld" \
		-Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		-o "$out/kern-v$n$suffix.elf" $objs
	if test "$PLAT" != armpv; then
		continue
	elif test -x "$rewrite"; then
		"$rewrite" --arch "$march" -o "$out/kern-v$n.rw.elf" \
			"$out/kern-v$n.elf"
	else
		echo "$0: $rewrite not built: kern-v$n.rw.elf skipped" >&2
	fi
done
