#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# dist.sh -- the release tarball holds exactly the source tree: make
# distdir (what make dist packs) into a temporary directory, and compare
# its files with git's list of the tree (tracked and untracked files, the
# ignored ones aside).  A file the tarball lacks is a missing EXTRA_DIST
# or dist_ entry (distcheck finds only those a build or test needs); a
# file it has that git does not is a build output that slipped in (make
# dist copies a listed directory from the build tree too).  Not compared:
# what autoreconf makes (configure, aclocal.m4, Makefile.in, build-aux/),
# what only the repository needs (.gitignore, .ci/), and debian/: Debian
# keeps a package's debian/ out of its upstream (.orig) tarball, and
# ./armpv-dev package adds it to the unpacked tarball (docs/packaging.md).
# Skipped (77) outside a git checkout: a release tarball has no list to
# compare with.
#
# Environment: top_srcdir, top_builddir.
set -u
src=$(cd "$top_srcdir" && pwd -P)
if ! command -v git >/dev/null 2>&1 ||
	[ "$(git -C "$src" rev-parse --show-toplevel 2>/dev/null)" != "$src" ]; then
	echo "# skip: $top_srcdir is not the top of a git checkout (a release tarball): nothing to compare with"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/armpv-dist.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
d=$tmp/armpv
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory \
	-C "$top_builddir" distdir distdir="$d" top_distdir="$d" >"$tmp/make.log" 2>&1 || {
	cat "$tmp/make.log"
	echo "FAIL: make distdir"
	exit 1
}
(cd "$d" && find . ! -type d) | sed 's|^\./||' |
	grep -v -e '^configure$' -e '^aclocal\.m4$' -e '^build-aux/' \
		-e '\(^\|/\)Makefile\.in$' | sort >"$tmp/dist"
git -C "$src" ls-files --cached --others --exclude-standard |
	grep -v -e '^\.gitignore$' -e '^\.ci/' -e '^debian/' | sort -u >"$tmp/git"
# A file deleted but not yet committed is not in the tree.
while read -r f; do
	[ -e "$src/$f" ] || [ -L "$src/$f" ] && echo "$f"
done <"$tmp/git" >"$tmp/tree"
echo "# $(wc -l <"$tmp/dist") files in the tarball, $(wc -l <"$tmp/tree") in the tree"
status=0
comm -23 "$tmp/tree" "$tmp/dist" >"$tmp/missing"
comm -13 "$tmp/tree" "$tmp/dist" >"$tmp/extra"
if [ -s "$tmp/missing" ]; then
	sed 's/^/FAIL: not in the tarball (add it to EXTRA_DIST or a dist_ variable): /' "$tmp/missing"
	status=1
fi
if [ -s "$tmp/extra" ]; then
	sed 's/^/FAIL: in the tarball but not in the source tree: /' "$tmp/extra"
	status=1
fi
# The symbolic link gcc -B finds must stay one.
if [ ! -L "$d/guest-patches/linux/bin/as" ]; then
	echo "FAIL: guest-patches/linux/bin/as is not a symbolic link in the tarball"
	status=1
fi
[ $status = 0 ] && echo "PASS: the tarball holds exactly the source tree"
exit $status
