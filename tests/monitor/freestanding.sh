#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The monitor core must build freestanding for ARM: the bare-metal monitor
# links the same objects as the hosted monitor, with no C library beneath.
#
#  1. Every core source (monitor/core/*.c, *.h), every device model
#     (monitor/devices/*.c, *.h) and the tables library
#     (tables/armpv_tables.[ch] and the generated armpv_tables_gen.[ch])
#     includes only the core's own headers, the tables' headers and
#     <stdint.h>, <stddef.h>, <stdbool.h>.
#  2. Each source compiles with $ARM_CC -ffreestanding -nostdinc (only the
#     compiler's own header directory) -O2 -Wall -Wextra -Werror, for
#     -march=armv5te (ARM926EJ-S) and -march=armv6 (ARM1176JZF-S).
#  3. The objects link into one relocatable object ($ARM_CC -nostdlib -r)
#     whose only undefined symbols are in ALLOWED_UNDEF: the string
#     functions the bare-metal monitor provides.  No libgcc helper is
#     allowed: the core does no division, 64-bit shift or floating point
#     that would need one; a helper appearing means the code changed and
#     the bare-metal link must be taught about it first.
#  4. The API entry points are defined in that object.
#
# Environment (automake's AM_TESTS_ENVIRONMENT): top_srcdir, top_builddir,
# ARM_CC.  Exit: 0 pass, 1 fail, 77 skip (no $ARM_CC), 99 hard error.

ALLOWED_UNDEF="memcpy memmove memset"
ALLOWED_HEADERS="stdint.h stddef.h stdbool.h"
ARCHS="armv5te armv6"
REQUIRED_DEFS="armpv_vm_init armpv_vm_add_region armpv_vm_set_mmio
armpv_vcpu_init armpv_vcpu_trap armpv_vcpu_exception armpv_vcpu_check_irq
armpv_decode armpv_cp15_reset armpv_cp15_access armpv_mem_read
armpv_mem_write armpv_vcpu_emulate_access"
# The device models (monitor/devices/) are held to the same rules.
REQUIRED_DEFS="$REQUIRED_DEFS pl011_mmio vic_mmio vic_set_line sp804_mmio
sp804_advance sp804_next_event sysctl_mmio versatile_mmio versatile_advance
bcm2835_intc_mmio bcm2835_systimer_mmio bcm2835_systimer_advance
bcm2835_pm_mmio bcm2835_pm_advance bcm2835_mmio bcm2835_advance
bcm2835_next_event"

me=freestanding.sh
# shellcheck disable=SC2154 # top_srcdir, top_builddir: from the harness

if test -z "$top_srcdir" || test -z "$top_builddir"; then
	echo "$me: top_srcdir and top_builddir must be set" >&2
	exit 99
fi
if test -z "$ARM_CC" || ! command -v "$ARM_CC" >/dev/null 2>&1; then
	echo "$me: no ARM cross compiler (ARM_CC='$ARM_CC'): skipped"
	exit 77
fi

core="$top_srcdir/monitor/core"
devices="$top_srcdir/monitor/devices"
gen_c="$top_builddir/tables/armpv_tables_gen.c"
gen_h="$top_builddir/tables/armpv_tables_gen.h"
if test ! -f "$gen_c" || test ! -f "$gen_h"; then
	echo "$me: $gen_c or $gen_h is not generated" >&2
	exit 99
fi

nm=$("$ARM_CC" -print-prog-name=nm)
case $nm in
/*) ;;
*) nm=${ARM_CC%gcc}nm ;; # not beside the compiler: the triplet's nm
esac
if ! command -v "$nm" >/dev/null 2>&1; then
	echo "$me: no nm for $ARM_CC (tried $nm)" >&2
	exit 99
fi
cc_include=$("$ARM_CC" -print-file-name=include)
if test ! -f "$cc_include/stdint.h"; then
	echo "$me: $ARM_CC has no stdint.h in $cc_include" >&2
	exit 99
fi

tmp=$(mktemp -d "$top_builddir/tests/monitor/freestanding.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# ---------------------------------------------------------------------
# 1. Includes.
sources=$(ls "$core"/*.c "$devices"/*.c)
headers_ok=" "
for h in "$core"/*.h "$devices"/*.h "$top_srcdir/tables/armpv_tables.h" \
	"$gen_h"; do
	headers_ok="$headers_ok${h##*/} "
done
echo "== includes: only$headers_ok$ALLOWED_HEADERS"
for f in "$core"/*.c "$core"/*.h "$devices"/*.c "$devices"/*.h \
	"$top_srcdir/tables/armpv_tables.c" \
	"$top_srcdir/tables/armpv_tables.h" "$gen_c" "$gen_h"; do
	n=0
	# Print "LINE:HEADER" for every #include, whatever its spacing.
	incs=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*//p' \
		"$f")
	while IFS= read -r inc; do
		test -n "$inc" || continue
		n=$((n + 1))
		case $inc in
		\"*\"*)
			name=${inc#\"}
			name=${name%%\"*}
			case $headers_ok in
			*" $name "*) ;;
			*) fail "$f includes \"$name\" (not a core or tables header)" ;;
			esac
			;;
		\<*\>*)
			name=${inc#<}
			name=${name%%>*}
			case " $ALLOWED_HEADERS " in
			*" $name "*) ;;
			*) fail "$f includes <$name> (allowed: $ALLOWED_HEADERS)" ;;
			esac
			;;
		*)
			fail "$f: computed #include $inc"
			;;
		esac
	done <<EOF
$incs
EOF
	echo "   ${f#"$top_srcdir"/}: $n includes"
done

# ---------------------------------------------------------------------
# 2-4. Compile, link, check symbols, per architecture.
for arch in $ARCHS; do
	# -fno-pie: Debian's compilers default to PIE; the bare-metal monitor
	# is linked at a fixed address and has no GOT.
	cflags="-std=c11 -ffreestanding -nostdinc -isystem $cc_include
-fno-pie -marm -march=$arch -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes
-Wmissing-prototypes -Werror"
	# shellcheck disable=SC2086 # cflags is a word list: one line
	echo "== $arch: $ARM_CC" $cflags
	objs=
	compiled=yes
	for src in $sources "$top_srcdir/tables/armpv_tables.c" "$gen_c"; do
		obj="$tmp/$arch-${src##*/}"
		obj=${obj%.c}.o
		# shellcheck disable=SC2086 # cflags is a word list
		if "$ARM_CC" $cflags -I"$core" -I"$devices" \
			-I"$top_builddir/tables" \
			-I"$top_srcdir/tables" -c "$src" -o "$obj"; then
			echo "   compiled ${src##*/}"
			objs="$objs $obj"
		else
			fail "$arch: $src does not compile freestanding"
			compiled=no
		fi
	done
	test $compiled = yes || continue

	core_o="$tmp/$arch-core.o"
	# shellcheck disable=SC2086 # objs is a word list (no spaces in it)
	if ! "$ARM_CC" -nostdlib -r -o "$core_o" $objs; then
		fail "$arch: the objects do not link with -nostdlib -r"
		continue
	fi
	echo "   linked $(echo "$objs" | wc -w) objects: $ARM_CC -nostdlib -r"

	undef=$("$nm" -u "$core_o" | awk '{ print $NF }' | sort -u)
	for sym in $undef; do
		case " $ALLOWED_UNDEF " in
		*" $sym "*)
			echo "   undefined $sym: allowed (bare-metal monitor)"
			continue
			;;
		esac
		case $sym in
		__aeabi_* | __gnu_* | __*di3 | __*si3 | __*sf* | __*df*)
			fail "$arch: undefined libgcc helper $sym (not allowed; see" \
				"the head of $me)"
			;;
		*)
			fail "$arch: undefined symbol $sym (allowed: $ALLOWED_UNDEF)"
			;;
		esac
	done
	test -n "$undef" || echo "   no undefined symbols"

	defined=$("$nm" -g --defined-only "$core_o" | awk '{ print $NF }')
	missing=
	for sym in $REQUIRED_DEFS; do
		echo "$defined" | grep -qx "$sym" || missing="$missing $sym"
	done
	if test -n "$missing"; then
		fail "$arch: API not defined:$missing"
	else
		# shellcheck disable=SC2086 # one line
		echo "   defines the API:" $REQUIRED_DEFS
	fi
done

if test $status -eq 0; then
	echo "PASS: the core builds freestanding for $ARCHS"
fi
exit $status
