#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The instruction count of the monitor core's trap path when compiled for
# ARM, per trap class (tests/monitor/bench_classes.h): deterministic, from
# Unicorn's ARM926/ARM1176 models.  A benchmark, not a test.
#
# Builds, in a temporary directory under $top_builddir/tests/monitor:
#  - the core (monitor/core/*.c) and the tables library, freestanding for
#    ARM with the flags of tests/monitor/freestanding.sh (-O2, per -march),
#    linked with tests/monitor/bench_count_arm.c into a static ELF;
#  - tests/monitor/bench_count_host.c, the Unicorn counter, with $CC;
# then runs the counter on the ELF: per class, the instructions executed
# between the driver's markers (window), in armpv_vcpu_trap() (trap) and
# in armpv_decode() (decode), and the functions the trap's go to.
#
# Usage: top_builddir=BUILD sh tests/monitor/bench-arm-count.sh [ARCH...]
#   ARCH: armv5te (run on the ARM926 model), armv6 (ARM1176); default both.
# Environment: top_builddir (a configured, built tree: the generated
# tables), top_srcdir (default: this script's ../..), ARM_CC (default
# arm-linux-gnueabi-gcc), CC (default gcc), OPT (default -O2),
# KEEP=1 to keep the temporary directory.
# Exit: 0, 1 if a class failed, 99 on a build or set-up error.

# shellcheck disable=SC2154 # top_builddir: from the caller
me=bench-arm-count.sh
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"
: "${CC:=gcc}"
: "${OPT:=-O2}"

if test -z "$top_builddir"; then
	echo "$me: set top_builddir to a configured and built tree" >&2
	exit 99
fi
gen_c="$top_builddir/tables/armpv_tables_gen.c"
if test ! -f "$gen_c"; then
	echo "$me: $gen_c is not generated (make tables/tablegen.stamp)" >&2
	exit 99
fi
if ! command -v "$ARM_CC" >/dev/null 2>&1; then
	echo "$me: no ARM cross compiler '$ARM_CC'" >&2
	exit 99
fi
if ! pkg-config --exists unicorn; then
	echo "$me: no Unicorn (pkg-config unicorn; libunicorn-dev)" >&2
	exit 99
fi

archs=${*:-armv5te armv6}
srcdir="$top_srcdir/tests/monitor"
cc_include=$("$ARM_CC" -print-file-name=include)
nm=$("$ARM_CC" -print-prog-name=nm)
case $nm in
/*) ;;
*) nm=${ARM_CC%gcc}nm ;;
esac

mkdir -p "$top_builddir/tests/monitor" || exit 99
tmp=$(mktemp -d "$top_builddir/tests/monitor/arm-count.XXXXXX") || exit 99
if test "${KEEP:-0}" = 1; then
	echo "$me: keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 99' HUP INT TERM

# shellcheck disable=SC2046 # pkg-config prints word lists
if ! "$CC" -std=c11 -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Werror $(pkg-config --cflags unicorn) \
	"$srcdir/bench_count_host.c" -o "$tmp/bench_count_host" \
	$(pkg-config --libs unicorn); then
	echo "$me: cannot build the counter" >&2
	exit 99
fi

status=0
for arch in $archs; do
	case $arch in
	armv5te) model=arm926 ;;
	armv6) model=arm1176 ;;
	*)
		echo "$me: unknown ARCH '$arch' (armv5te, armv6)" >&2
		exit 99
		;;
	esac
	cflags="-std=c11 -ffreestanding -nostdinc -isystem $cc_include
-fno-pie -marm -march=$arch $OPT -Wall -Wextra -Wshadow -Wstrict-prototypes
-Wmissing-prototypes -Werror -I$top_srcdir/monitor/core
-I$top_builddir/tables -I$top_srcdir/tables"
	objs=
	for src in "$top_srcdir"/monitor/core/*.c \
		"$top_srcdir/tables/armpv_tables.c" "$gen_c" \
		"$srcdir/bench_count_arm.c"; do
		obj="$tmp/$arch-$(basename "$src" .c).o"
		extra=
		# The driver's memcpy/memset loops must not become calls to
		# themselves.
		test "${src##*/}" = bench_count_arm.c &&
			extra=-fno-tree-loop-distribute-patterns
		# shellcheck disable=SC2086 # cflags, extra: word lists
		if ! "$ARM_CC" $cflags $extra -c "$src" -o "$obj"; then
			echo "$me: $arch: cannot compile $src" >&2
			exit 99
		fi
		objs="$objs $obj"
	done
	# Where each global function comes from (the static ones follow
	# their STT_FILE symbol in the ELF).
	map="$tmp/count-$arch.map"
	for obj in $objs; do
		"$nm" -g --defined-only "$obj" |
			awk -v f="${obj##*/}" '$2 == "T" { sub(/^[^-]*-/, "", f);
				sub(/\.o$/, ".c", f); print f, $3 }'
	done >"$map"
	elf="$tmp/count-$arch.elf"
	# The image sits at 0x10000, entered at bench_main; no C library,
	# no libgcc (freestanding.sh checks that the core needs neither).
	# shellcheck disable=SC2086 # objs: a word list without spaces
	if ! "$ARM_CC" -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,-Ttext-segment=0x10000 -Wl,-e,bench_main -o "$elf" $objs; then
		echo "$me: $arch: cannot link $elf" >&2
		exit 99
	fi
	# shellcheck disable=SC2086 # cflags: on one line
	echo "== $arch ($model model): $ARM_CC" $cflags
	"$tmp/bench_count_host" "$elf" "$model" "$map"
	rc=$?
	if test $rc -eq 1; then
		status=1
	elif test $rc -ne 0; then
		exit 99
	fi
done
exit $status
