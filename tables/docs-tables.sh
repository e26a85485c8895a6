#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# docs-tables.sh TABLEGEN SPEC DOC [--check]
#
# Replace the part of DOC between the markers
#   <!-- BEGIN tablegen --markdown -->  and  <!-- END tablegen --markdown -->
# with what TABLEGEN --markdown makes of SPEC (atomically), or with --check
# only compare and exit 1, showing the difference, if they differ.
set -eu
tablegen=$1 spec=$2 doc=$3 mode=${4:-update}
begin='<!-- BEGIN tablegen --markdown -->'
end='<!-- END tablegen --markdown -->'

grep -qxF "$begin" "$doc" && grep -qxF "$end" "$doc" ||
	{ echo "$doc: markers '$begin' / '$end' not found" >&2; exit 2; }

tmp=$(mktemp "${TMPDIR:-/tmp}/armpv-docs.XXXXXX")
trap 'rm -f "$tmp" "$tmp.md" "$tmp.new"' EXIT
"$tablegen" "$spec" --markdown "$tmp.md"
# The generated text names the spec by the path it was given; name it by
# its place in the tree so that the result does not depend on the build.
sed -i "s|from $spec |from tables/armpv.spec |" "$tmp.md"

awk -v begin="$begin" -v end="$end" -v gen="$tmp.md" '
	$0 == begin { print; while ((getline line < gen) > 0) print line; skip = 1; next }
	$0 == end { skip = 0 }
	!skip { print }
' "$doc" >"$tmp.new"

if [ "$mode" = --check ]; then
	if ! cmp -s "$doc" "$tmp.new"; then
		echo "$doc: generated tables differ from $spec (run make update-docs):" >&2
		diff -u "$doc" "$tmp.new" >&2 || true
		exit 1
	fi
	echo "$doc: tables match $spec"
	exit 0
fi
cmp -s "$doc" "$tmp.new" && { echo "$doc: up to date"; exit 0; }
cp "$tmp.new" "$doc.tmp$$" && mv "$doc.tmp$$" "$doc"
echo "$doc: tables updated from $spec"
