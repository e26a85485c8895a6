#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo.sh BUILDDIR -- the main job, as far as armpv goes today.
#
# Assembles the built-in example guest code, then finds every sensitive
# instruction in it with the tables generated from tables/armpv.spec, shows
# the trap word that will replace each one, and checks that each trap word
# decodes back to the original.  The rewriter (which will do this on ELF
# files through mapping symbols) and the monitor (which will run the result)
# are not built yet: see README.md's status table.
set -eu

builddir=$(cd "${1:?usage: demo.sh BUILDDIR}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
cc=${ARM_CC:-arm-linux-gnueabi-gcc}
objcopy=${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}
objdump=${ARM_OBJDUMP:-arm-linux-gnueabi-objdump}
tables="$builddir/tables/armpv-tables"
out="$builddir/examples"
mkdir -p "$out"

echo "== 1. assemble the example guest code (examples/demo-guest.S, ARMv5TE)"
"$cc" -c -march=armv5te -o "$out/demo-guest.o" "$top/examples/demo-guest.S"
"$objcopy" -O binary --only-section=.text "$out/demo-guest.o" "$out/demo-guest.text"
echo "   $out/demo-guest.o: $(wc -c <"$out/demo-guest.text") bytes of ARM code"

echo
echo "== 2. the disassembler's view (objdump), for reference"
"$objdump" -d "$out/demo-guest.o" | sed -n '/^0/,$p' | grep -v '^$' | head -60

echo
echo "== 3. classify every word with the armpv tables, encode, verify the round trip"
"$tables" scan --arch armv5te "$out/demo-guest.text" | tee "$out/demo-scan.txt"
if grep -q 'ROUND TRIP FAILED' "$out/demo-scan.txt"; then
	echo "demo: a trap word did not decode back to its instruction" >&2
	exit 1
fi

echo
echo "== 4. what one trap word means to the monitor's decoder"
trap=$(sed -n '1s/.*-> \([0-9a-f]*\).*/\1/p' "$out/demo-scan.txt")
"$tables" decode "$trap"

echo
"$tables" version
echo "Done. Not yet built: the ELF rewriter (issue 3), the monitor core and"
echo "the monitors that run the rewritten guest (issues 4-6)."
