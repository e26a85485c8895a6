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

# --- executable bytes the scan cannot read: an error, never skipped -------
# $a renamed away: .text starts with 12 bytes no mapping symbol covers.
asm -o "$tmp/lp.o" "$fx/literal-pool.S"
"$objcopy" --redefine-sym '$a=code' "$tmp/lp.o" "$tmp/noa.o"
cp "$tmp/noa.o" "$tmp/noa.orig"
"$rw" "$tmp/noa.o" 2>"$tmp/err"
st=$?
check "code before the first mapping symbol: refused (exit 4), naming section and offset" \
	'[ $st = 4 ] && grep -q "noa.o: \.text+0x0: 12 bytes of executable code before the section.s first mapping symbol (\$d at 0xc)" "$tmp/err"'
check "code before the first mapping symbol: input untouched" 'cmp -s "$tmp/noa.o" "$tmp/noa.orig"'
"$rw" --check "$tmp/noa.o" >/dev/null 2>&1
check "code before the first mapping symbol: --check does not say clean (exit 4)" '[ $? = 4 ]'
"$rw" --assume-arm -q "$tmp/noa.o" 2>"$tmp/err"
check "code before the first mapping symbol: --assume-arm reads it as ARM, with a warning" \
	'[ $? = 0 ] && grep -q "warning: \.text+0x0: 12 bytes before .*read as ARM code (--assume-arm)" "$tmp/err" && [ "$(word "$tmp/noa.o" 4)" = ef000101 ]'

asm -o "$tmp/t2.o" "$fx/thumb2.S"
"$rw" -n "$tmp/t2.o" 2>"$tmp/err"
check "Thumb code of an ARMv6T2 file: refused (exit 4), not read as 16-bit Thumb" \
	'[ $? = 4 ] && grep -q "\.text+0x0: Thumb code built for ARMv6T2 or later may hold 32-bit Thumb-2 instructions" "$tmp/err"'

# Code in a non-executable section (copied elsewhere by the kernel).
asm -o "$tmp/copied.o" "$fx/copied-code.S"
cp "$tmp/copied.o" "$tmp/copied.orig"
"$rw" "$tmp/copied.o" 2>"$tmp/err"
st=$?
check "sensitive code in a non-executable section: refused (exit 4), naming it" \
	'[ $st = 4 ] && grep -q "\.rodata+0xc (copied+0x0): sensitive instruction e10f0000 (mrs) in code of section \.rodata, which is not executable" "$tmp/err"'
check "non-executable section: the sensitive-free trampoline is not reported" \
	'[ "$(grep -c "sensitive instruction" "$tmp/err")" = 1 ]'
check "non-executable section: input untouched" 'cmp -s "$tmp/copied.o" "$tmp/copied.orig"'
"$rw" --user-code copied:copied_end "$tmp/copied.o" 2>"$tmp/err"
check "non-executable section: --user-code keeps it, .text is rewritten" \
	'[ $? = 0 ] && grep -q "1 sensitive instruction in user-mode code copied..copied_end (\.rodata+0xc..0x14) kept as it is" "$tmp/err" && [ "$(word "$tmp/copied.o" 0)" != f10c0080 ]'
"$objcopy" -O binary --only-section=.rodata "$tmp/copied.o" "$tmp/ro.bin"
check "non-executable section: its MRS is still there" \
	'od -An -tx4 -j 12 -N4 "$tmp/ro.bin" | grep -q e10f0000'
"$rw" --user-code copied "$tmp/copied.orig" 2>"$tmp/err"
check "--user-code without END: exit 2" '[ $? = 2 ] && grep -q "expected START:END" "$tmp/err"'
"$rw" -n --user-code copied:nosuch "$tmp/copied.orig" 2>"$tmp/err"
check "--user-code naming a missing symbol: exit 4" '[ $? = 4 ] && grep -q "user-code range copied..nosuch: no symbol nosuch" "$tmp/err"'

# --- user-mode code the kernel carries: the kuser helpers and the vDSO -----
# A vDSO holding "mrs r0, cpsr", assembled through armpv-as as kbuild does
# (from the object tree, arch/arm/vdso/...), then linked; a kernel holding
# it and kuser helpers with an MRS, both through armpv-as and through the
# post-link pass.
bin="$top_srcdir/guest-patches/linux/bin"
k="$tmp/ktree"
mkdir -p "$k/arch/arm/vdso" "$k/arch/arm/kernel"
# (Assembled from the same directory: -g records it.)
(cd "$k" && "$ARM_CC" -c -g -o "$tmp/vdso.plain.o" "$fx/vdso.S")
(cd "$k" && ARMPV_REWRITE="$rw" "$ARM_CC" -B"$bin" -c -g \
	-o arch/arm/vdso/vdso-code.o "$fx/vdso.S") 2>"$tmp/err"
check "armpv-as: a vDSO object is left exactly as assembled" \
	'[ $? = 0 ] && cmp -s "$k/arch/arm/vdso/vdso-code.o" "$tmp/vdso.plain.o"'
check "armpv-as: says the vDSO's sensitive instruction is kept" \
	'grep -q "vdso-code.o: user-mode code (--user-file): 1 sensitive instruction kept" "$tmp/err"'
(cd "$k" && ARMPV_REWRITE="$rw" "$ARM_CC" -B"$bin" -c -g \
	-o arch/arm/kernel/vdso-elsewhere.o "$fx/vdso.S") 2>/dev/null
check "armpv-as: the same code outside arch/arm/vdso/ is rewritten" \
	'[ "$(word "$k/arch/arm/kernel/vdso-elsewhere.o" 0)" = ef000100 ]'
(cd "$k" && ARMPV_USER_CODE= ARMPV_REWRITE="$rw" "$ARM_CC" -B"$bin" -c -g \
	-o arch/arm/vdso/vdso-nopattern.o "$fx/vdso.S") 2>/dev/null
check "armpv-as: ARMPV_USER_CODE empty rewrites arch/arm/vdso/ too" \
	'[ "$(word "$k/arch/arm/vdso/vdso-nopattern.o" 0)" = ef000100 ]'
"$ARM_CC" -nostdlib -shared -o "$tmp/vdso.so" "$k/arch/arm/vdso/vdso-code.o"
# The kernel: plain, and through armpv-as.
asm -Wa,-I,"$tmp" -o "$tmp/ukern.o" "$fx/user-code-kernel.S"
(cd "$k" && ARMPV_REWRITE="$rw" "$ARM_CC" -B"$bin" -c -g -Wa,-I,"$tmp" \
	-o arch/arm/kernel/ukern.o "$fx/user-code-kernel.S") 2>"$tmp/err"
check "armpv-as: kernel object rewritten, the kuser MRS kept and said so" \
	'[ $? = 0 ] && grep -q "1 sensitive instruction in user-mode code __kuser_helper_start..__kuser_helper_end (\.init\.text+0x0..0x20) kept" "$tmp/err"'
# The words of a section of an object or executable, one per line.
words() {
	"$objcopy" -O binary --only-section="$2" "$1" "$tmp/sec.bin"
	od -An -v -tx4 -w4 "$tmp/sec.bin" | tr -d ' '
}
check "armpv-as: .text sites rewritten" \
	'[ "$(words "$k/arch/arm/kernel/ukern.o" .text | sed -n 1p)" = ef000100 ]'
check "armpv-as: kuser helper MRS kept, the MSR after the helpers rewritten" \
	'[ "$(words "$k/arch/arm/kernel/ukern.o" .init.text | sed -n 1p)" = e10f0000 ] && [ "$(words "$k/arch/arm/kernel/ukern.o" .init.text | sed -n 9p)" != e121f001 ]'
check "armpv-as: the embedded vDSO image unchanged (its MRS kept)" \
	'[ "$(words "$k/arch/arm/kernel/ukern.o" .data..ro_after_init | md5sum)" = "$(words "$tmp/ukern.o" .data..ro_after_init | md5sum)" ] && words "$tmp/ukern.o" .data..ro_after_init | grep -q e10f0000'
# Post-link: a linked kernel from the plain object.
"$ARM_CC" -nostdlib -static -Wl,-Ttext=0xc0008000 -o "$tmp/uvmlinux" "$tmp/ukern.o"
cp "$tmp/uvmlinux" "$tmp/uvmlinux.plain"
"$rw" "$tmp/uvmlinux" 2>"$tmp/err"
check "post-link: kernel rewritten, the kuser MRS kept and said so" \
	'[ $? = 0 ] && grep -q "1 sensitive instruction in user-mode code __kuser_helper_start..__kuser_helper_end" "$tmp/err"'
"$rw" --check "$tmp/uvmlinux" >/dev/null 2>&1
check "post-link: --check clean, the kept MRS is not a site left" '[ $? = 0 ]'
check "post-link: kuser MRS kept, kernel sites rewritten" \
	'[ "$(words "$tmp/uvmlinux" .init.text | sed -n 1p)" = e10f0000 ] && [ "$(words "$tmp/uvmlinux" .text | sed -n 1p)" = ef000100 ]'
# (The default linker script puts .data..ro_after_init into .data.)
check "post-link: the vDSO image is byte-identical (its MRS kept)" \
	'[ "$(words "$tmp/uvmlinux" .data | md5sum)" = "$(words "$tmp/uvmlinux.plain" .data | md5sum)" ] && words "$tmp/uvmlinux" .data | grep -q e10f0000'
"$rw" --json -n "$tmp/uvmlinux.plain" >"$tmp/json" 2>/dev/null
check "--json: the kept site is marked user_code and counted apart" \
	'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); k=[s for s in d[\"sites\"] if s[\"user_code\"]]; assert len(k)==1 and k[0][\"insn\"]==\"0xe10f0000\" and d[\"user_code_kept\"]==1 and d[\"to_rewrite\"]==3" "$tmp/json"'
cp "$tmp/uvmlinux.plain" "$tmp/uvmlinux.nodef"
"$rw" -q --no-default-user-code "$tmp/uvmlinux.nodef"
check "--no-default-user-code: the kuser MRS is rewritten (the default is what keeps it)" \
	'[ "$(words "$tmp/uvmlinux.nodef" .init.text | sed -n 1p)" = ef000100 ]'

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
