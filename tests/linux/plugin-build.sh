#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# plugin-build.sh -- the versatile_defconfig kernel built with the armpv-as
# wrapper (docs/linux.md, section 1) and the armpv_irqflags GCC plugin
# (docs/plugin.md), into the cache as armpv-plugin-versatile
# (build-kernel.sh: reused when its key is unchanged, progress lines on
# stderr while it builds).  Prints the build directory.
#
#   top_srcdir=. top_builddir=build sh tests/linux/plugin-build.sh
#
# The plugin's report (one line per function holding replaced sequences)
# is the build's armpv-irqflags.report.  The key holds, beside the make
# arguments and the armpv-as build's own (tests/linux/kernel.sh): the
# plugin's source, the shared page's header, and the plugin itself
# without its debug information and GNU build-id (both depend on the
# build directory: two build trees of the same sources then make the
# same stripped .so, checked with a fresh clone; what it compiled of
# armpv_hypercall.h is in it).  That
# stripped .so is what the compiler loads, from a copy in the cache named
# by its hash ($ARMPV_CACHE/linux/.plugins/HASH/armpv_irqflags.so: GCC
# names a plugin after its file, and -fplugin-arg-armpv_irqflags-...
# needs that name), so that rebuilding armpv meanwhile cannot pull it
# away, and so that the path, which is in the make arguments, changes
# only with its content.
set -eu
: "${top_builddir:=$top_srcdir/build}"
cache=${ARMPV_CACHE:-$HOME/.cache/armpv}/linux
so=$top_builddir/rewriter/plugin/armpv_irqflags.so
rw=$top_builddir/rewriter/armpv-rewrite
[ -f "$so" ] || { echo "plugin-build.sh: no $so (configure did not build the plugin: docs/plugin.md)" >&2; exit 77; }
[ -x "$rw" ] || { echo "plugin-build.sh: no $rw" >&2; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-plugin-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The .so is the host's: the host objcopy, without the debug information
# and without the GNU build-id, which the linker computes over the debug
# information too (it names the build directory: every clone would hash,
# and build the kernel, differently).
objcopy --strip-debug --remove-section=.note.gnu.build-id "$so" \
	"$tmp/p.so" ||
	{ echo "plugin-build.sh: cannot strip $so" >&2; exit 99; }
h=$(sha256sum <"$tmp/p.so" | cut -c1-16)
plugin=$cache/.plugins/$h/armpv_irqflags.so
if [ ! -f "$plugin" ]; then
	mkdir -p "$cache/.plugins/$h"
	cp "$tmp/p.so" "$plugin.tmp.$$" && mv "$plugin.tmp.$$" "$plugin"
fi

# The kernel build runs armpv-rewrite thousands of times: a copy of its
# own (as kernel.sh).
cp "$rw" "$tmp/armpv-rewrite"
bindir=$top_srcdir/guest-patches/linux/bin
name=armpv-plugin-versatile
# The key hashes the files in this order: the clone's, sorted, then the
# plugin, whose path is in the cache.  (Sorted together, the plugin came
# first in a clone under /tmp or /work and last in one under /check, so
# two clones of the same commit keyed the build differently and each
# rebuilt the kernel the other had left.)
deps="$(ls "$top_srcdir"/tables/armpv.spec "$top_srcdir"/tables/*.[ch] \
	"$top_srcdir"/rewriter/*.[ch] "$top_srcdir"/guest-patches/linux/armpv-as \
	"$top_srcdir"/rewriter/plugin/armpv_irqflags.cc \
	"$top_srcdir"/monitor/core/armpv_pv.h) $plugin"
ARMPV_KERNEL_DEPS="$deps" ARMPV_KEY_ROOT="$top_srcdir" \
	ARMPV_REWRITE="$tmp/armpv-rewrite" ARMPV_ARCH=armv5te \
	sh "$top_srcdir/tests/linux/build-kernel.sh" "$name" versatile_defconfig \
	KCFLAGS="-B$bindir -fplugin=$plugin -fplugin-arg-armpv_irqflags-report=$cache/$name/armpv-irqflags.report" \
	KAFLAGS="-B$bindir"
