#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# smoke.sh [PREFIX] -- armpv as installed (the Debian packages, or make
# install), run from outside the source tree: every program and image
# comes from PREFIX (default /usr), none from a build directory.
#
#   1. the example guest code the package installs
#      ($docdir/examples/demo-guest.S) assembled by the ARM cross gcc,
#      its sensitive instructions listed and rewritten by armpv-rewrite;
#      nothing sensitive left, a second run changes nothing, the input
#      untouched; the same object assembled through armpv-as (gcc
#      -B$pkglibexecdir/bin) is byte-identical to the rewritten one
#   2. armpv-tables decodes a trap word back to its instruction
#   3. the bare-metal monitor's test guest (tests/baremetal/tasks-guest/,
#      built from this tree's sources with the cross gcc, rewritten by the
#      installed armpv-rewrite) booted under the installed armpv-bm image
#      on qemu-system-arm -M versatilepb -cpu arm926 and on -M raspi0:
#      the guest's checks all pass, and armpv-bm reports its traps
#   4. the ARMv5TE process test kernel (tests/process/) rewritten and run
#      under the installed armpv-run in qemu-arm -cpu arm926
#   5. the armpv_irqflags plugin loaded by the ARM cross gcc on
#      tests/plugin/masks.c: no MRS/MSR left
#   6. a host program built against the tables library with pkg-config
#      (libarmpv-tables-dev) classifies, encodes and decodes a word
#   7. a manual page for every installed command and for armpv-bm, each
#      rendered by groff without a warning
#
# Prints "ok - ..." or "not ok - ..." per check and ends with "N passed,
# N failed"; exits 1 if any failed, 2 on bad usage, 99 if something it
# needs (a tool, an installed file) is missing.  ./armpv-dev package runs
# it after installing the packages (docs/packaging.md).
#
# Environment: ARM_CC (arm-linux-gnueabi-gcc), QEMU_ARM (qemu-arm),
# QEMU_SYSTEM_ARM (qemu-system-arm), PKG_CONFIG (pkg-config), CC (cc).
# check's second argument is evaluated later (single quotes on purpose);
# top_builddir, bm_monitor and bm_rewriter are read by lib.sh.
# shellcheck disable=SC2016,SC2034
set -u

case $# in
0) prefix=/usr ;;
1) prefix=$1 ;;
*) echo "usage: smoke.sh [PREFIX]" >&2; exit 2 ;;
esac
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
: "${ARM_CC:=arm-linux-gnueabi-gcc}" "${QEMU_ARM:=qemu-arm}"
: "${QEMU_SYSTEM_ARM:=qemu-system-arm}" "${PKG_CONFIG:=pkg-config}"
: "${CC:=cc}"
objdump=${ARM_CC%gcc}objdump

bindir=$prefix/bin
rw=$bindir/armpv-rewrite
tables=$bindir/armpv-tables
libexec=$prefix/libexec/armpv
armpv_run=$libexec/arm-linux-gnueabi/armpv-run
monitor=$prefix/share/armpv/armpv-bm.bin
example=$prefix/share/doc/armpv/examples/demo-guest.S
# The plugin is in $pkglibdir: $libdir/armpv, and Debian's libdir has the
# multiarch triplet.
plugin=
for p in "$prefix"/lib/armpv/plugin/armpv_irqflags.so \
	"$prefix"/lib/*/armpv/plugin/armpv_irqflags.so; do
	if [ -f "$p" ]; then plugin=$p; break; fi
done

missing() { echo "smoke.sh: $*" >&2; exit 99; }
for f in "$rw" "$tables" "$bindir/armpv-bundle" "$bindir/armpv-as" \
	"$libexec/bin/as" "$armpv_run" "$monitor" "$example"; do
	[ -e "$f" ] || missing "$f is not installed"
done
[ -n "$plugin" ] || missing "armpv_irqflags.so is not installed under $prefix/lib"
for t in "$ARM_CC" "$objdump" "$QEMU_ARM" "$QEMU_SYSTEM_ARM" "$PKG_CONFIG" \
	"$CC"; do
	command -v "$t" >/dev/null 2>&1 || missing "$t not found"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-smoke.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
case $(pwd -P)/ in
"$top_srcdir"/*) missing "the temporary directory $tmp is in the source tree" ;;
esac

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
# check DESCRIPTION COMMAND: ok if the shell COMMAND succeeds.
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }

echo "# armpv as installed in $prefix ($("$rw" --version 2>&1 | sed -n 1p))"

# --- 1. the example, rewritten ---------------------------------------------
"$ARM_CC" -c -g -march=armv5te -o demo.o "$example"
check "the installed example assembles" '[ $? = 0 ]'
cp demo.o demo.orig.o
"$rw" --list --dry-run demo.o >list.txt 2>&1
sites=$(grep -c -- '-> [0-9a-f]\{8\} ' list.txt)
summary=$(sed -n 's/.*would rewrite \([0-9]*\) sites.*/\1/p' list.txt)
check "armpv-rewrite --list: $sites sensitive instructions, as its summary says" \
	'[ "$sites" -gt 0 ] && [ "$sites" = "$summary" ]'
"$rw" -o demo.rw.o demo.o
check "armpv-rewrite rewrites it" '[ $? = 0 ] && [ -s demo.rw.o ]'
check "the input is untouched" 'cmp -s demo.o demo.orig.o'
check "the output differs from the input" '! cmp -s demo.o demo.rw.o'
"$rw" --check -q demo.o >/dev/null 2>&1
check "armpv-rewrite --check: the input has sensitive instructions" '[ $? = 1 ]'
"$rw" --check -q demo.rw.o >/dev/null 2>&1
check "armpv-rewrite --check: nothing sensitive left" '[ $? = 0 ]'
cp demo.rw.o again.o && "$rw" again.o
check "rewriting again changes nothing" 'cmp -s demo.rw.o again.o'
"$ARM_CC" -B"$libexec/bin" -c -g -march=armv5te -o demo.as.o "$example"
check "gcc -B$libexec/bin (armpv-as) gives the rewritten object" \
	'[ $? = 0 ] && cmp -s demo.rw.o demo.as.o'

# --- 2. the decoder --------------------------------------------------------
# ef000100 is the trap word of "mrs r0, cpsr" (armpv-tables encode e10f0000).
trap_word=$("$tables" encode e10f0000 2>&1 | grep -o '\b[0-9a-f]\{8\}\b' | tail -n 1)
"$tables" decode "$trap_word" >decode.txt 2>&1
check "armpv-tables decode $trap_word gives back e10f0000 (mrs)" \
	'grep -q e10f0000 decode.txt && grep -qi mrs decode.txt'

# --- 3. the bare-metal test guest under the installed armpv-bm -------------
top_builddir=$tmp
# shellcheck source=tests/baremetal/lib.sh
. "$top_srcdir/tests/baremetal/lib.sh"
bm_monitor=$monitor
bm_rewriter=$rw
bm_set_timeout 120
src=$top_srcdir/tests/baremetal/tasks-guest
for board in versatilepb raspi0; do
	bm_set_board "$board"
	out=$tmp/tasks-$board
	mkdir -p "$out"
	cpu=arm926
	[ "$board" = raspi0 ] && cpu=arm1176
	if bm_compile_guest "" "" "$src/start.S" "$src/tasks-guest.c" \
		"$src/sensitive.S" "$src/test-sensitive.c" "$bm_proc/check.c" \
		"$bm_proc/banks.S" "$bm_proc/test-banks.c" "$bm_proc/uaccess.S" &&
	   bm_link_guest "$bm_proc/kern.ld" "$out/tasks-guest.elf" &&
	   bm_rewrite_guest "$out/tasks-guest.elf"; then
		ok "$board: the test guest builds and the installed armpv-rewrite rewrites it"
	else
		no "$board: the test guest builds and the installed armpv-rewrite rewrites it"
		continue
	fi
	log=$out/bm.log
	bm_qemu -cpu "$cpu" -semihosting -kernel "$monitor" \
		-initrd "$out/tasks-guest.rw.elf" >"$log" 2>&1 </dev/null
	status=$?
	grep -E '^armpv-bm: (armpv|machine)|^[0-9]+ passed|^armpv-bm: [0-9]+ traps' \
		"$log" | sed 's/^/#   /'
	check "$board: the guest under armpv-bm passes all its checks (status $status)" \
		'[ $status = 0 ] && grep -q "^[1-9][0-9]* passed, 0 failed$" "$log" &&
		 ! grep -q "^not ok" "$log"'
	check "$board: armpv-bm trapped the guest's sensitive instructions" \
		'grep -q "^armpv-bm: [1-9][0-9]* traps" "$log"'
done

# --- 4. the process test kernel under the installed armpv-run --------------
# build.sh rewrites with $top_builddir/rewriter/armpv-rewrite, which is not
# there (top_builddir is $tmp): it builds kern-v5.elf only, rewritten here.
mkdir -p proc
if env PLAT=armpv top_srcdir="$top_srcdir" top_builddir="$tmp" ARM_CC="$ARM_CC" \
	sh "$top_srcdir/tests/process/build.sh" proc >proc/build.log 2>&1 &&
   "$rw" -q --arch armv5te -o proc/kern-v5.rw.elf proc/kern-v5.elf; then
	ok "the process test kernel builds and the installed armpv-rewrite rewrites it"
	$bm_tmo "$QEMU_ARM" -cpu arm926 "$armpv_run" --stats \
		proc/kern-v5.rw.elf >proc/run.log 2>&1 </dev/null
	status=$?
	grep -E '^[0-9]+ passed|^armpv-run: [0-9]+ traps' proc/run.log |
		sed 's/^/#   /'
	check "the kernel under armpv-run in qemu-arm passes all its checks (status $status)" \
		'[ $status = 0 ] && grep -q "^[1-9][0-9]* passed, 0 failed$" proc/run.log'
else
	cat proc/build.log >&2
	no "the process test kernel builds and the installed armpv-rewrite rewrites it"
fi

# --- 5. the GCC plugin -----------------------------------------------------
"$ARM_CC" -O2 -march=armv5te -fplugin="$plugin" -c -o masks.o \
	"$top_srcdir/tests/plugin/masks.c" 2>plugin.err
check "the cross gcc loads $plugin" '[ $? = 0 ] && [ ! -s plugin.err ]'
check "masks.c compiled with the plugin has no MRS/MSR" \
	'! "$objdump" -d masks.o | grep -qE "[[:space:]](mrs|msr)[[:space:]]"'
"$rw" --check -q masks.o >/dev/null 2>&1
check "armpv-rewrite --check finds nothing to trap in it" '[ $? = 0 ]'

# --- 6. the tables library -------------------------------------------------
cat >lib.c <<'EOF'
#include <stdio.h>
#include <armpv/armpv_tables.h>

int main(void)
{
	const struct armpv_form *f, *d;
	uint32_t word = 0xe10f0000, trap, back = 0; /* mrs r0, cpsr */

	f = armpv_classify(word, armpv_arch_parse("armv5te"));
	if (!f)
		return 1;
	trap = armpv_encode(f, word);
	d = armpv_decode(trap, &back);
	printf("%s %08x %08x\n", f->name, (unsigned)trap, (unsigned)back);
	return !(d == f && back == word && trap != word);
}
EOF
# shellcheck disable=SC2046 # pkg-config's words are wanted
"$CC" -o lib lib.c $("$PKG_CONFIG" --cflags --libs armpv-tables) 2>lib.err
check "a program builds against armpv-tables.pc" '[ $? = 0 ]'
check "it classifies, encodes and decodes mrs r0, cpsr ($(./lib 2>&1))" './lib >/dev/null'

# --- 7. the manual pages ---------------------------------------------------
# One per installed command and the monitor's (compressed by dh_compress in
# the package, plain from make install), each rendered without a warning.
for page in man1/armpv-tables.1 man1/armpv-rewrite.1 man1/armpv-bundle.1 \
	man1/armpv-as.1 man1/armpv-run.1 man7/armpv-plugin.7 man8/armpv-bm.8; do
	f=
	for c in "$prefix/share/man/$page.gz" "$prefix/share/man/$page"; do
		if [ -f "$c" ]; then f=$c; break; fi
	done
	check "manual page $page is installed" '[ -n "$f" ]'
	[ -n "$f" ] || continue
	gzip -dcf "$f" | groff -man -Tutf8 -ww -P-cbou >page.txt 2>page.err
	check "$page renders without warnings" \
		'[ $? = 0 ] && [ ! -s page.err ] && grep -q "^NAME" page.txt'
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
