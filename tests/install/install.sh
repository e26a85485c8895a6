#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# install.sh -- make install DESTDIR=... from the build tree: every file of
# the layout (README.md "Installing") is installed and nothing else (man
# pages aside); the installed commands run from a directory outside the
# source and build trees, with nothing of armpv on PATH: armpv-tables,
# armpv-bundle, armpv-rewrite on the example guest code
# (examples/demo-guest.S), gcc -B with the installed armpv-as (which must
# run the installed armpv-rewrite: one on PATH fails), armpv-run under
# qemu-arm, the GCC plugin (when built) and a program linked with the
# tables library through its pkg-config file.  Then make uninstall
# DESTDIR=... leaves no file.
#
# Environment: top_srcdir, top_builddir, ARM_CC, QEMU_ARM.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; return 1; fi; }
# make in the build tree, not part of the make running this test.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -s --no-print-directory -C "$top_builddir" "$@"
}

dirs=$(mk print-install-dirs) || { echo "make print-install-dirs failed"; exit 99; }
eval "$dirs"
echo "# $dirs" | tr '\n' ' '
echo

mk install DESTDIR="$root" >"$tmp/install.log" 2>&1
check "make install DESTDIR=... succeeds" '[ $? = 0 ]' ||
	cat "$tmp/install.log"

# The layout.
{
	for f in armpv-rewrite armpv-tables armpv-bundle armpv-as; do
		echo "$bindir/$f"
	done
	echo "$pkglibexecdir/bin/as"
	echo "$pkglibexecdir/arm-linux-gnueabi/armpv-run"
	echo "$pkgdatadir/armpv-bm.bin"
	echo "$pkgdatadir/armpv-bm.elf"
	[ -z "$plugin_so" ] || echo "$pkglibdir/plugin/armpv_irqflags.so"
	echo "$libdir/libarmpv-tables.a"
	echo "$libdir/pkgconfig/armpv-tables.pc"
	echo "$includedir/armpv/armpv_tables.h"
	echo "$includedir/armpv/armpv_tables_gen.h"
	echo "$docdir/README.md"
	for f in "$top_srcdir"/docs/*.md; do echo "$docdir/docs/${f##*/}"; done
	echo "$docdir/examples/demo-guest.S"
} | sort >"$tmp/want"
(cd "$root" && find . ! -type d) | sed 's|^\.||' | sort >"$tmp/have"
echo "# $(wc -l <"$tmp/have") files installed"
comm -23 "$tmp/want" "$tmp/have" >"$tmp/missing"
comm -13 "$tmp/want" "$tmp/have" | grep -v "^$mandir/" >"$tmp/extra"
check "every file of the layout is installed" '[ ! -s "$tmp/missing" ]' ||
	sed 's/^/#   missing: /' "$tmp/missing"
check "nothing else is installed (man pages aside)" '[ ! -s "$tmp/extra" ]' ||
	sed 's/^/#   not in the layout: /' "$tmp/extra"
[ -z "$plugin_so" ] && echo "# the GCC plugin is not built: not installed"

B=$root$bindir
L=$root$pkglibexecdir
check "the commands are executable" \
	'[ -x "$B/armpv-rewrite" ] && [ -x "$B/armpv-tables" ] &&
	 [ -x "$B/armpv-bundle" ] && [ -x "$B/armpv-as" ] &&
	 [ -x "$L/arm-linux-gnueabi/armpv-run" ]'
check "the data files are not executable" \
	'[ ! -x "$root$pkgdatadir/armpv-bm.bin" ] && [ ! -x "$root$docdir/README.md" ] &&
	 [ ! -x "$root$libdir/libarmpv-tables.a" ]'
link=$(readlink "$L/bin/as")
check "libexec/armpv/bin/as is a relative link to bin/armpv-as ($link)" \
	'[ -L "$L/bin/as" ] && [ "${link#/}" = "$link" ] &&
	 [ "$(readlink -f "$L/bin/as")" = "$(readlink -f "$B/armpv-as")" ]'
check "armpv-bm.bin and .elf are the build's" \
	'cmp -s "$root$pkgdatadir/armpv-bm.bin" "$top_builddir/monitor/armpv-bm.bin" &&
	 cmp -s "$root$pkgdatadir/armpv-bm.elf" "$top_builddir/monitor/armpv-bm.elf"'
check "armpv-as is the source tree's" \
	'cmp -s "$B/armpv-as" "$top_srcdir/guest-patches/linux/armpv-as"'

# The installed commands, from outside both trees, with armpv-rewrite and
# armpv-tables on PATH impostors that fail.
mkdir -p "$tmp/run" "$tmp/fakebin"
for f in armpv-rewrite armpv-tables armpv-bundle armpv-as; do
	printf '#!/bin/sh\necho "%s from PATH ran, not the installed one" >&2\nexit 99\n' \
		"$f" >"$tmp/fakebin/$f"
	chmod +x "$tmp/fakebin/$f"
done
cd "$tmp/run" || exit 99
PATH=$tmp/fakebin:/usr/bin:/bin
export PATH
unset ARMPV_REWRITE ARMPV_ARCH ARMPV_REAL_AS

"$B/armpv-tables" --help >help.txt 2>&1
check "armpv-tables --help" '[ $? = 0 ] && grep -q "^usage: armpv-tables" help.txt'
"$B/armpv-tables" classify --arch armv5te e10f0000 >classify.txt 2>&1
check "armpv-tables classify e10f0000: mrs, trap ef000100" \
	'[ $? = 0 ] && grep -q "mrs.*-> trap ef000100" classify.txt'
"$B/armpv-bundle" --help >bundle.txt 2>&1
check "armpv-bundle --help" '[ $? = 0 ] && grep -qi "usage" bundle.txt'

# The example guest code: assembled plainly, then rewritten by the
# installed armpv-rewrite.
demo=$top_srcdir/examples/demo-guest.S
"$ARM_CC" -c -o plain.o "$demo"
check "examples/demo-guest.S assembles" '[ $? = 0 ]'
"$B/armpv-rewrite" --list -n plain.o >list.txt 2>&1
nsites=$(grep -c '^\.text+0x[0-9a-f]* .* -> [0-9a-f]\{8\}$' list.txt)
check "armpv-rewrite --list -n lists its sites ($nsites)" \
	'[ "$nsites" -gt 5 ] && grep -q "would rewrite $nsites sites" list.txt' ||
	cat list.txt
"$B/armpv-rewrite" -o rw.o plain.o 2>rw.txt
check "armpv-rewrite -o rewrites it" '[ $? = 0 ]' || cat rw.txt
"$B/armpv-rewrite" --check plain.o >/dev/null 2>&1
check "armpv-rewrite --check refuses the plain object" '[ $? != 0 ]'
"$B/armpv-rewrite" --check rw.o >/dev/null 2>&1
check "armpv-rewrite --check accepts the rewritten one" '[ $? = 0 ]'

# gcc -B with the installed wrapper directory: armpv-as assembles and runs
# the armpv-rewrite beside it (the one on PATH would fail the build).
"$ARM_CC" -B"$L/bin" -c -o as.o "$demo" 2>as.txt
check "gcc -B\$pkglibexecdir/bin (armpv-as) assembles it" '[ $? = 0 ]' || cat as.txt
check "the armpv-as object is the armpv-rewrite -o one, byte for byte" \
	'cmp -s as.o rw.o && ! cmp -s as.o plain.o'

"$QEMU_ARM" -cpu arm926 "$L/arm-linux-gnueabi/armpv-run" --help >run.txt 2>&1
check "qemu-arm armpv-run --help" '[ $? = 0 ] && grep -q "^Usage: armpv-run" run.txt'

if [ -n "$plugin_so" ]; then
	"$ARM_CC" -O2 -march=armv5te -c -o masks.o \
		-fplugin="$root$pkglibdir/plugin/armpv_irqflags.so" \
		-fplugin-arg-armpv_irqflags-report="$tmp/run/report" \
		"$top_srcdir/tests/plugin/masks.c" 2>plugin.txt
	check "the installed plugin compiles masks.c and replaces its sequences" \
		'[ $? = 0 ] && grep -q "do_irq_save: 1 replaced" report' ||
		cat plugin.txt
fi

# Another program, built with pkg-config's flags for the installed library.
flags=$(PKG_CONFIG_LIBDIR=$root$libdir/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root \
	"$pkg_config" --cflags --libs armpv-tables)
check "pkg-config armpv-tables ($flags)" '[ $? = 0 ] && [ -n "$flags" ]'
# shellcheck disable=SC2086 # the flags are words
$host_cc -std=c11 -o use-tables "$top_srcdir/tests/install/use-tables.c" $flags 2>cc.txt
check "a program links with the installed library" '[ $? = 0 ]' || cat cc.txt
./use-tables >use.txt 2>&1
check "it classifies, encodes and decodes (mrs -> ef000100)" \
	'[ $? = 0 ] && grep -q "^e10f0000 .* -> ef000100$" use.txt' || cat use.txt

cd "$tmp" || exit 99
mk uninstall DESTDIR="$root" >"$tmp/uninstall.log" 2>&1
check "make uninstall DESTDIR=... succeeds" '[ $? = 0 ]' ||
	cat "$tmp/uninstall.log"
(cd "$root" && find . ! -type d) >"$tmp/left"
check "make uninstall leaves no file" '[ ! -s "$tmp/left" ]' ||
	sed 's/^/#   left: /' "$tmp/left"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
