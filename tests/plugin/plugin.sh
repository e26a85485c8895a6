#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The armpv_irqflags GCC plugin on small C files, for ARMv5TE and ARMv6K:
# what it replaces (no MRS/MSR/CPS left, the hypercall exactly in the
# unmasking functions), what it leaves alone (leave.c compiles to the same
# code with and without it), what it refuses (refuse.c: one error per
# marked line, with file:line), and its report's counts.
set -u
plugin="$top_builddir/rewriter/plugin/armpv_irqflags.so"
fx="$top_srcdir/tests/plugin"
objdump=${ARM_OBJDUMP:-arm-linux-gnueabi-objdump}
if [ ! -f "$plugin" ]; then
	echo "SKIP: the plugin was not built (configure found no plugin headers)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-plugin.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
cc() { "$ARM_CC" -O2 -Wall -Werror -c "$@"; }
pcc() { cc -fplugin="$plugin" "$@"; }
# The disassembly of one function of an object, instructions only.
fn() {
	"$objdump" -d --no-show-raw-insn "$1" |
		awk -v f="<$2>:" '$2 == f { on = 1; next } /^$/ { on = 0 } on' |
		sed 's/^ *[0-9a-f]*:[[:space:]]*//; s/[[:space:]]*@.*//'
}
count() { fn "$1" "$2" | grep -cE "$3"; }
sensitive='^(mrs|msr|cps)'
hc='^svcne[[:space:]]+0x00280004$'

for arch in armv5te armv6k; do
	a="$tmp/$arch"
	mkdir -p "$a"

	# --- what it replaces ---------------------------------------------
	cc -march=$arch -o "$a/masks-native.o" "$fx/masks.c"
	check "$arch: masks.c without the plugin holds MRS/MSR/CPS (the test can fail)" \
		'[ "$(count "$a/masks-native.o" nest "$sensitive")" -ge 4 ]'
	pcc -march=$arch -fplugin-arg-armpv_irqflags-report="$a/report" \
		-o "$a/masks.o" "$fx/masks.c" 2>"$a/masks.err"
	check "$arch: masks.c compiles with the plugin" '[ $? = 0 ] && [ ! -s "$a/masks.err" ]'
	for f in do_save_flags do_irq_save do_irq_restore do_irq_enable \
		do_irq_disable do_fiq_enable do_fiq_disable nest; do
		case $f in
		do_irq_restore | do_irq_enable | do_fiq_enable) want=1 ;;
		nest) want=2 ;;
		*) want=0 ;;
		esac
		check "$arch: $f: no MRS/MSR/CPS left" \
			'[ "$(count "$a/masks.o" $f "$sensitive")" = 0 ]'
		check "$arch: $f: $want conditional ARMPV_HC_PV_SYNC" \
			'[ "$(count "$a/masks.o" $f "$hc")" = $want ]'
		check "$arch: $f: no other SWI" \
			'[ "$(count "$a/masks.o" $f "^(svc|swi)")" = $want ]'
	done
	# The page is reached at 0xffbff000: mvn rX, #0x400000 (0xffbfffff)
	# with offset -4095 (word 0) and -4091 (word 1).
	check "$arch: do_irq_enable loads word 1 (pending) after storing word 0" \
		'fn "$a/masks.o" do_irq_enable | grep -E "^(ldr|str)" | sed "s/.*#//; s/\]//" | tr "\n" " " | grep -q "^-4095 -4095 -4091 $"'

	# The rewriter finds nothing left to trap (and takes the hypercall
	# SWIs for what they are).
	"$top_builddir/rewriter/armpv-rewrite" --check -q "$a/masks.o" >/dev/null
	check "$arch: armpv-rewrite --check: no sensitive instruction left" '[ $? = 0 ]'
	"$top_builddir/rewriter/armpv-rewrite" --check -q "$a/masks-native.o" >/dev/null
	check "$arch: armpv-rewrite --check: the native object has sites" '[ $? = 1 ]'

	# --- the report ---------------------------------------------------
	sed "s|^$fx/||" "$a/report" | sort >"$a/report.got"
	sort >"$a/report.want" <<-'EOT'
	masks.c: do_save_flags: 1 replaced (save_flags 1)
	masks.c: do_irq_save: 1 replaced (irq_save 1)
	masks.c: do_irq_restore: 1 replaced (irq_restore 1)
	masks.c: do_irq_enable: 1 replaced (irq_enable 1)
	masks.c: do_irq_disable: 1 replaced (irq_disable 1)
	masks.c: do_fiq_enable: 1 replaced (fiq_enable 1)
	masks.c: do_fiq_disable: 1 replaced (fiq_disable 1)
	masks.c: nest: 4 replaced (irq_restore 2, irq_save 2)
	EOT
	check "$arch: report counts per function" 'diff -u "$a/report.want" "$a/report.got"'
	pcc -march=$arch -fplugin-arg-armpv_irqflags-verbose -o "$a/v.o" "$fx/masks.c" 2>"$a/verbose"
	check "$arch: verbose reports to stderr" \
		'[ "$(grep -c "^armpv_irqflags: .*masks.c: " "$a/verbose")" = 8 ]'

	# At -O0 too (the kernel never builds so, but nothing depends on it).
	pcc -O0 -march=$arch -o "$a/masks-O0.o" "$fx/masks.c"
	check "$arch: -O0: no MRS/MSR/CPS left" \
		'! "$objdump" -d "$a/masks-O0.o" | grep -qE "[[:space:]](mrs|msr|cps)"'

	# At -Os (bcm2835_defconfig) the longer replacement must still be
	# inlined where the asm was: no called copy of pv_irq_save & co.
	pcc -Os -march=$arch -o "$a/masks-Os.o" "$fx/masks.c"
	check "$arch: -Os: the replaced inline functions are still inlined" \
		'! "${ARM_NM:-arm-linux-gnueabi-nm}" "$a/masks-Os.o" | grep -q " pv_" &&
		 ! "$objdump" -d "$a/masks-Os.o" | grep -qE "[[:space:]]bl[[:space:]]"'

	# --- what it leaves alone -----------------------------------------
	cc -march=$arch -o "$a/leave-native.o" "$fx/leave.c"
	pcc -march=$arch -fplugin-arg-armpv_irqflags-report="$a/leave.report" \
		-o "$a/leave.o" "$fx/leave.c" 2>"$a/leave.err"
	check "$arch: leave.c compiles with the plugin, no diagnostic" \
		'[ $? = 0 ] && [ ! -s "$a/leave.err" ]'
	"$objdump" -d "$a/leave-native.o" | tail -n +3 >"$a/leave-native.dis"
	"$objdump" -d "$a/leave.o" | tail -n +3 >"$a/leave.dis"
	check "$arch: leave.c: the same code with and without the plugin" \
		'cmp -s "$a/leave-native.dis" "$a/leave.dis"'
	check "$arch: leave.c: MRS/MSR left for the rewriter" \
		'[ "$(grep -cE "[[:space:]](mrs|msr)[[:space:]]" "$a/leave.dis")" -ge 4 ]'
	check "$arch: leave.c: nothing reported" '[ ! -s "$a/leave.report" ]'

	# --- what it refuses ----------------------------------------------
	pcc -march=$arch -o "$a/refuse.o" "$fx/refuse.c" 2>"$a/refuse.err"
	check "$arch: refuse.c fails to compile" '[ $? != 0 ] && [ ! -f "$a/refuse.o" ]'
	grep -n 'REFUSE \*/' "$fx/refuse.c" | cut -d: -f1 >"$a/refuse.want"
	sed -n "s|^$fx/refuse.c:\([0-9]*\):[0-9]*: error: armpv_irqflags: .*|\1|p" \
		"$a/refuse.err" >"$a/refuse.got"
	check "$arch: refuse.c: one error at each marked line (file:line)" \
		'[ -s "$a/refuse.want" ] && diff -u "$a/refuse.want" "$a/refuse.got"'
done

# Thumb: the replacement needs ARM state (conditional SWI).
pcc -march=armv5te -mthumb -o "$tmp/thumb.o" "$fx/masks.c" 2>"$tmp/thumb.err"
check "thumb: refused with the reason" \
	'[ $? != 0 ] && grep -q "pv-irqflags.h:[0-9]*:[0-9]*: error: armpv_irqflags: .*Thumb" "$tmp/thumb.err"'

# Arguments.
pcc -fplugin-arg-armpv_irqflags-bogus=1 -o "$tmp/x.o" "$fx/leave.c" 2>"$tmp/arg.err"
check "an unknown plugin argument is an error" \
	'[ $? != 0 ] && grep -q "unknown argument" "$tmp/arg.err"'

echo "# $pass passed, $fail failed"
[ "$fail" = 0 ]
