#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# module.sh -- a loadable Linux module (.ko) through both integration
# points: objects rewritten by armpv-as then linked into the module, and
# the plain module rewritten afterwards by armpv-rewrite (the post-link
# pass).  The module is tests/rewriter/fixtures/module/ built and linked as
# kbuild does (ld -r with module.lds: .plt and .init.plt of
# CONFIG_ARM_MODULE_PLTS, __ksymtab, .modinfo, __versions,
# .gnu.linkonce.this_module and its relocations, .init.text, .exit.text).
# Checks:
#   - both .ko files: --check clean; their sites are the classifier's
#     sites in the plain .ko (9: MRS and two MSR in each of .text,
#     .init.text and .exit.text), per class too;
#   - the post-link .ko is the plain one but for the trap words at the
#     sites and the appended record: every section header and every byte
#     of every section compared, by a reader of its own (python);
#   - the code sections of both .ko files are identical;
#   - a rewritten .ko rewritten again changes nothing; a signed module is
#     refused, untouched.
set -u
rw="$top_builddir/rewriter/armpv-rewrite"
fx="$top_srcdir/tests/rewriter/fixtures/module"
bin="$top_srcdir/guest-patches/linux/bin"
objcopy=${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-module.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }

# The flags that matter of an ARMv5 kbuild (arch/arm/Makefile).
cflags="-O2 -g -march=armv5te -marm -mabi=aapcs-linux -fno-pic -ffreestanding -fno-common -mno-unaligned-access"
# build DIR [CC-ARGS...]: the module in DIR, as kbuild builds it.
build() {
	d=$1
	shift
	mkdir -p "$d" && (cd "$d" &&
		"$ARM_CC" $cflags "$@" -c -o armpv_mod.o "$fx/armpv_mod.c" &&
		"$ARM_CC" $cflags "$@" -c -o armpv_mod.mod.o "$fx/armpv_mod.mod.c" &&
		"$ARM_CC" -nostdlib -r -Wl,-T,"$fx/module.lds" -o armpv_mod.ko \
			armpv_mod.o armpv_mod.mod.o)
}
build "$tmp/plain" || { echo "module.sh: cannot build the module with $ARM_CC" >&2; exit 99; }
ARMPV_REWRITE="$rw" ARMPV_ARCH=armv5te build "$tmp/as" -B"$bin"
check "armpv-as: the module builds" '[ $? = 0 ] && [ -f "$tmp/as/armpv_mod.ko" ]'
cp "$tmp/plain/armpv_mod.ko" "$tmp/post.ko"
"$rw" --arch armv5te "$tmp/post.ko" 2>"$tmp/err"
check "post-link: armpv-rewrite rewrites the .ko" '[ $? = 0 ]'
cat "$tmp/err"

for k in "$tmp/post.ko" "$tmp/as/armpv_mod.ko"; do
	"$rw" --check --arch armv5te "$k" >/dev/null 2>&1
	check "--check clean: ${k#$tmp/}" '[ $? = 0 ]'
done
"$rw" --check -q "$tmp/plain/armpv_mod.ko" >/dev/null 2>&1
check "--check finds the plain .ko's sites" '[ $? = 1 ]'

"$rw" --json -n --arch armv5te "$tmp/plain/armpv_mod.ko" >"$tmp/plain.json" 2>/dev/null
"$rw" --json -n --arch armv5te "$tmp/post.ko" >"$tmp/post.json" 2>/dev/null
"$rw" --json -n --arch armv5te "$tmp/as/armpv_mod.ko" >"$tmp/as.json" 2>/dev/null
python3 - "$tmp/plain.json" "$tmp/post.json" "$tmp/as.json" >"$tmp/cmp.txt" <<'PY'
import json, sys
plain, post, asm = (json.load(open(p)) for p in sys.argv[1:4])
def sites(d, trapped):
    return {(s["section"], s["offset"], s["insn"], s["trap"]) for s in d["sites"]
            if s["already_trap"] == trapped and not s["user_code"]}
p, q, a = sites(plain, False), sites(post, True), sites(asm, True)
print("plain", len(p), "post", len(q), "as", len(a))
print("sections", " ".join(sorted({s[0] for s in p})))
print("same_post", p == q and not sites(post, False))
print("same_as", p == a and not sites(asm, False))
print("counts", plain["counts"]["mrs"], plain["counts"]["msr"],
      plain["counts"] == post["counts"] == asm["counts"])
PY
cat "$tmp/cmp.txt"
check "plain .ko: 9 sites in .text, .init.text and .exit.text" \
	'grep -q "^plain 9 " "$tmp/cmp.txt" && grep -q "^sections .exit.text .init.text .text$" "$tmp/cmp.txt"'
check "post-link sites = the classifier's sites in the plain .ko" 'grep -q "^same_post True" "$tmp/cmp.txt"'
check "armpv-as sites = the classifier's sites in the plain .ko" 'grep -q "^same_as True" "$tmp/cmp.txt"'
check "per-class counts agree (mrs 3, msr 6)" 'grep -q "^counts 3 6 True" "$tmp/cmp.txt"'

# Nothing else changed: an ELF reader of its own (kocmp.py) compares the
# plain and the post-link .ko section by section, byte by byte.
python3 "$top_srcdir/tests/rewriter/kocmp.py" diff "$tmp/plain/armpv_mod.ko" "$tmp/post.ko" \
	"$tmp/plain.json" >"$tmp/diff.txt"
cat "$tmp/diff.txt"
check "post-link .ko: every section header and byte as in the plain .ko but the trap words" \
	'grep -q "^bad none$" "$tmp/diff.txt"'
check "post-link .ko: one section added (the record, .comment)" \
	'[ "$(sed -n "s/^new //p" "$tmp/diff.txt")" = .comment ]'
for s in .text .init.text .exit.text; do
	"$objcopy" -O binary --only-section=$s "$tmp/post.ko" "$tmp/a.bin"
	"$objcopy" -O binary --only-section=$s "$tmp/as/armpv_mod.ko" "$tmp/b.bin"
	check "$s identical in the armpv-as and the post-link .ko" 'cmp -s "$tmp/a.bin" "$tmp/b.bin"'
done

cp "$tmp/post.ko" "$tmp/again.ko"
"$rw" "$tmp/again.ko" 2>"$tmp/err"
check "rewriting the rewritten .ko changes nothing" \
	'[ $? = 0 ] && grep -q "already rewritten" "$tmp/err" && cmp -s "$tmp/again.ko" "$tmp/post.ko"'

cp "$tmp/plain/armpv_mod.ko" "$tmp/signed.ko"
printf 'SIGNATURE~Module signature appended~\n' >>"$tmp/signed.ko"
cp "$tmp/signed.ko" "$tmp/signed.orig"
"$rw" "$tmp/signed.ko" 2>"$tmp/err"
check "a signed module is refused (exit 4), untouched" \
	'[ $? = 4 ] && grep -q "a signed module" "$tmp/err" && cmp -s "$tmp/signed.ko" "$tmp/signed.orig"'

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
