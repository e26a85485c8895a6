#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# armpv-rewrite on small objects assembled here: what is rewritten, what is
# left alone, what is refused, and that the input survives every failure.
# Expected values come from the ARM encodings written in the fixtures.
set -u
rw="$top_builddir/rewriter/armpv-rewrite"
tables="$top_builddir/tables/armpv-tables"
fx="$top_srcdir/tests/rewriter/fixtures"
objcopy=${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}
readelf=${ARM_READELF:-arm-linux-gnueabi-readelf}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-rw.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
asm() { "$ARM_CC" -c -g "$@"; }
# The little-endian word at byte offset $2 of .text in object $1.
word() {
	"$objcopy" -O binary --only-section=.text "$1" "$tmp/text.bin"
	od -An -tx4 -j "$2" -N4 "$tmp/text.bin" | tr -d ' '
}

# --- the built-in example: every site, the trap words, the record -------
asm -o "$tmp/demo.o" "$top_srcdir/examples/demo-guest.S"
cp "$tmp/demo.o" "$tmp/demo.orig"
"$rw" -q -o "$tmp/demo.rw" "$tmp/demo.o"
check "demo: rewrites with -o" '[ $? = 0 ] && [ -f "$tmp/demo.rw" ]'
check "demo: input untouched with -o" 'cmp -s "$tmp/demo.o" "$tmp/demo.orig"'
"$rw" --check -q "$tmp/demo.rw"
check "demo: --check clean after rewriting" '[ $? = 0 ]'
"$rw" --check -q "$tmp/demo.o" >/dev/null
check "demo: --check finds the sites before" '[ $? = 1 ]'
check "demo: mrs r0, cpsr at 0x0 became its SWI trap" '[ "$(word "$tmp/demo.rw" 0)" = ef000100 ]'
check "demo: ldmfd sp!, {r0-r3, pc}^ at 0x80 became its SWI trap" '[ "$(word "$tmp/demo.rw" 128)" = efde800f ]'
check "demo: orr at 0x4 unchanged" '[ "$(word "$tmp/demo.rw" 4)" = e3801080 ]'
check "demo: msr cpsr_f at 0x20 (not sensitive) unchanged" '[ "$(word "$tmp/demo.rw" 32)" = e128f001 ]'
# Every changed word decodes back to the original word.
"$objcopy" -O binary --only-section=.text "$tmp/demo.o" "$tmp/a.bin"
"$objcopy" -O binary --only-section=.text "$tmp/demo.rw" "$tmp/b.bin"
od -An -v -tx4 -w4 "$tmp/a.bin" | tr -d ' ' >"$tmp/a.txt"
od -An -v -tx4 -w4 "$tmp/b.bin" | tr -d ' ' >"$tmp/b.txt"
changed=$(paste -d' ' "$tmp/a.txt" "$tmp/b.txt" | awk '$1 != $2' | wc -l)
check "demo: exactly 14 words changed" '[ "$changed" = 14 ]'
bad=0
paste -d' ' "$tmp/a.txt" "$tmp/b.txt" | awk '$1 != $2' | while read -r orig trap; do
	"$tables" decode "$trap" | grep -q "trap for $orig" || echo "$trap"
done >"$tmp/bad.txt"
check "demo: every changed word decodes to the original" '[ ! -s "$tmp/bad.txt" ]'
# The record names the spec's layout version (3 since the register-shift
# forms went), read from the spec so that a version bump alone does not
# break this check.
spec_version=$(awk '$1 == "version" { print $2 }' "$top_srcdir/tables/armpv.spec")
check "demo: record in .comment with per-class counts" \
	'"$readelf" -p .comment "$tmp/demo.rw" | grep -q "armpv-rewrite tables=$spec_version .*arch=armv5te mrs=2 msr=5 stm_user=1 ldm_user=1 ldm_ret=1 strt=1 ldrbt=1 subs=1 movs=1"'
check "demo: section table otherwise unchanged" \
	'[ "$("$readelf" -SW "$tmp/demo.o" | grep -c "^  \[")" -lt "$("$readelf" -SW "$tmp/demo.rw" | grep -c "^  \[")" ]'

# Idempotence.
cp "$tmp/demo.rw" "$tmp/demo.rw2"
"$rw" "$tmp/demo.rw2" 2>"$tmp/err"
check "rewriting a rewritten file says so" 'grep -q "already rewritten" "$tmp/err"'
check "rewriting a rewritten file changes nothing" 'cmp -s "$tmp/demo.rw" "$tmp/demo.rw2"'

# In place, and listings.
cp "$tmp/demo.o" "$tmp/inplace.o"
"$rw" -q "$tmp/inplace.o"
check "in place gives the same bytes as -o" 'cmp -s "$tmp/inplace.o" "$tmp/demo.rw"'
check "no temporary files left" '[ -z "$(ls "$tmp" | grep armpv-)" ]'
"$rw" --list -n "$tmp/demo.o" >"$tmp/list" 2>/dev/null
check "--list: 14 lines" '[ "$(wc -l <"$tmp/list")" = 14 ]'
check "--list: section, symbol, disassembly, trap, source line" \
	'grep -q "^\.text+0x000000 00000000 <demo_irq_save+0x0> e10f0000 mrs r0, CPSR .*-> ef000100 .*demo-guest.S:16$" "$tmp/list"'
"$rw" --json -n "$tmp/demo.o" >"$tmp/json" 2>/dev/null
check "--json: valid JSON with 14 sites and counts" \
	'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d[\"sites\"])==14 and d[\"counts\"][\"msr\"]==5 and d[\"sites\"][0][\"source\"].endswith(\"demo-guest.S:16\")" "$tmp/json"'
cp "$tmp/demo.o" "$tmp/dry.o"
"$rw" -n -q "$tmp/dry.o"
check "--dry-run writes nothing" 'cmp -s "$tmp/dry.o" "$tmp/demo.o"'

# --- literal pools and data inside .text ----------------------------------
asm -o "$tmp/lit.o" "$fx/literal-pool.S"
"$rw" -q "$tmp/lit.o"
"$rw" --list -n "$tmp/lit.rw" >/dev/null 2>&1
check "literal pool: mrs site rewritten (offset 4)" '[ "$(word "$tmp/lit.o" 4)" = ef000101 ]'
check "literal pool: pool word e10f0000 left alone" \
	'"$objcopy" -O binary --only-section=.text "$tmp/lit.o" "$tmp/l.bin" && od -An -tx4 "$tmp/l.bin" | grep -q e10f0000'
check "literal pool: data words left alone" \
	'od -An -tx4 "$tmp/l.bin" | grep -q e8fd800f && od -An -tx4 "$tmp/l.bin" | grep -q e1b0f00e'
check "literal pool: movs pc, lr after the data rewritten" 'od -An -tx4 "$tmp/l.bin" | grep -q ef26800e'

# --- refusals leave the input alone ---------------------------------------
asm -o "$tmp/reloc.o" "$fx/reloc-on-site.S"
cp "$tmp/reloc.o" "$tmp/reloc.orig"
"$rw" -o "$tmp/reloc.out" "$tmp/reloc.o" 2>"$tmp/err"
st=$?
check "relocation on a site: exit 4" '[ $st = 4 ]'
check "relocation on a site: names the site and the type" \
	'grep -q "\.text+0x4 (h+0x4): relocation type 2 .*mrs" "$tmp/err"'
check "relocation on a site: R_ARM_NONE is not reported" '[ "$(grep -c "relocation type" "$tmp/err")" = 1 ]'
check "relocation on a site: no output, input untouched" \
	'[ ! -e "$tmp/reloc.out" ] && cmp -s "$tmp/reloc.o" "$tmp/reloc.orig"'

asm -o "$tmp/thumb.o" "$fx/thumb-cps.S"
cp "$tmp/thumb.o" "$tmp/thumb.orig"
"$rw" "$tmp/thumb.o" 2>"$tmp/err"
st=$?
check "Thumb CPS: exit 4 with its location" '[ $st = 4 ] && grep -q "\.text+0x4 (t+0x4): Thumb CPSIE/CPSID" "$tmp/err"'
check "Thumb CPS: input untouched" 'cmp -s "$tmp/thumb.o" "$tmp/thumb.orig"'

asm -o "$tmp/unpred.o" "$top_srcdir/tests/rewriter/fixtures/unpredictable.S"
cp "$tmp/unpred.o" "$tmp/unpred.orig"
"$rw" "$tmp/unpred.o" 2>"$tmp/err"
st=$?
check "UNPREDICTABLE words: refused (exit 4)" '[ $st = 4 ]'
check "UNPREDICTABLE: SBZ violation named with its place" \
	'grep -q "\.text+0x4 (u+0x4): e10f0001 is UNPREDICTABLE (MRS with SBO/SBZ" "$tmp/err"'
check "UNPREDICTABLE: STM^ with writeback named with its place" \
	'grep -q "\.text+0x8 (u+0x8): e8ed7fff is UNPREDICTABLE (STM with user registers and writeback)" "$tmp/err"'
check "UNPREDICTABLE: input untouched" 'cmp -s "$tmp/unpred.o" "$tmp/unpred.orig"'

"$ARM_CC" -c -o "$tmp/nodebug.o" "$top_srcdir/examples/demo-guest.S"
"${ARM_STRIP:-arm-linux-gnueabi-strip}" --strip-all -o "$tmp/nomap.o" "$tmp/nodebug.o"
cp "$tmp/nomap.o" "$tmp/nomap.orig"
"$rw" "$tmp/nomap.o" 2>"$tmp/err"
st=$?
check "no mapping symbols: refused (exit 4)" '[ $st = 4 ] && grep -q "no ARM mapping symbols" "$tmp/err"'
check "no mapping symbols: input untouched" 'cmp -s "$tmp/nomap.o" "$tmp/nomap.orig"'
"$rw" --assume-arm -q "$tmp/nomap.o" 2>"$tmp/err"
check "no mapping symbols: --assume-arm rewrites with a warning" \
	'[ $? = 0 ] && grep -q "warning: no mapping symbols" "$tmp/err" && [ "$(word "$tmp/nomap.o" 0)" = ef000100 ]'

# --- architecture ---------------------------------------------------------
asm -o "$tmp/v6.o" "$fx/v6-forms.S"
"$rw" --list -n "$tmp/v6.o" >"$tmp/list" 2>/dev/null
check "ARMv6 object: armv6 by default, 6 sites (cps x3, srs, rfe, msr cpsr_x)" '[ "$(wc -l <"$tmp/list")" = 6 ]'
"$rw" --arch armv5te --list -n "$tmp/v6.o" >"$tmp/list" 2>/dev/null
check "ARMv6 object with --arch armv5te: no site" '[ ! -s "$tmp/list" ]'
asm -o "$tmp/v7.o" "$fx/v7.S"
"$rw" -n "$tmp/v7.o" 2>"$tmp/err"
check "ARMv7 object: refused (exit 4)" '[ $? = 4 ] && grep -q "ARMv7, an M profile or later" "$tmp/err"'
"$rw" -n -q --arch armv6 "$tmp/v7.o"
check "ARMv7 object with --arch: accepted" '[ $? = 0 ]'

# --- a shared object (its dynamic relocations have no target section) -----
cat >"$tmp/so.S" <<'EOS'
	.arch	armv5te
	.text
	.arm
	.global	f
	.type	f, %function
f:	mrs	r0, cpsr
	ldr	r1, 1f
	bx	lr
1:	.word	ext(GOT)
EOS
"$ARM_CC" -shared -fPIC -nostdlib -o "$tmp/t.so" "$tmp/so.S"
"$rw" -q -o "$tmp/t.rw.so" "$tmp/t.so"
check "shared object: rewritten" '[ $? = 0 ]'
"$rw" --check -q "$tmp/t.rw.so"
check "shared object: nothing left" '[ $? = 0 ]'
check "shared object: record in .note.armpv" \
	'"$readelf" -n "$tmp/t.rw.so" | grep -q "armpv"'

# --- usage and I/O ---------------------------------------------------------
"$rw" --help | grep -q "^usage: armpv-rewrite"
check "--help" '[ $? = 0 ]'
"$rw" 2>/dev/null
check "no file: exit 2" '[ $? = 2 ]'
"$rw" --arch armv7 "$tmp/demo.o" 2>/dev/null
check "unknown --arch: exit 2" '[ $? = 2 ]'
"$rw" -o "$tmp/no/such/dir/out.o" "$tmp/demo.o" 2>/dev/null
check "unwritable output: exit 5" '[ $? = 5 ]'
"$rw" "$tmp/missing.o" 2>/dev/null
check "missing input: exit 5" '[ $? = 5 ]'

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
