#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo.sh BUILDDIR -- the main job, as far as armpv goes today.
#
# Assembles the built-in example guest code, lists its sensitive
# instructions, rewrites the object into trap words, checks the result and
# shows what the monitor's decoder will read back from a trap word.  The
# monitor that runs the rewritten guest is not built yet: see README.md.
set -eu

builddir=$(cd "${1:?usage: demo.sh BUILDDIR}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
cc=${ARM_CC:-arm-linux-gnueabi-gcc}
objdump=${ARM_OBJDUMP:-arm-linux-gnueabi-objdump}
rw="$builddir/rewriter/armpv-rewrite"
tables="$builddir/tables/armpv-tables"
out="$builddir/examples"
mkdir -p "$out"
obj="$out/demo-guest.o"
rewritten="$out/demo-guest.rewritten.o"

echo "== 1. assemble the example guest code (examples/demo-guest.S, ARMv5TE)"
"$cc" -c -g -march=armv5te -o "$obj" "$top/examples/demo-guest.S"
echo "   $obj"

echo
echo "== 2. its sensitive instructions (armpv-rewrite --list --dry-run)"
"$rw" --list --dry-run "$obj"

echo
echo "== 3. rewrite them into trap words"
"$rw" -o "$rewritten" "$obj"

echo
echo "== 4. the rewritten code, as the disassembler sees it"
"$objdump" -d "$rewritten" | sed -n '/^0/,$p' | grep -v '^$' | head -40

echo
echo "== 5. nothing sensitive is left, and rewriting again changes nothing"
"$rw" --check "$rewritten"
cp "$rewritten" "$out/again.o"
"$rw" "$out/again.o"
cmp "$rewritten" "$out/again.o" && echo "   (byte-identical)"
rm -f "$out/again.o"

echo
echo "== 6. what the monitor's decoder reads back from two trap words"
"$tables" decode ef000100 efde800f

echo
"$tables" version
echo "Done.  Not yet built: the monitor core and the monitors that run the"
echo "rewritten guest (issues 4-6)."
