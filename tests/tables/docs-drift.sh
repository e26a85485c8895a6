#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# docs/encoding.md's layout tables must be what the spec generates.
exec "$top_srcdir/tables/docs-tables.sh" "$top_builddir/tables/tablegen" \
	"$top_srcdir/tables/armpv.spec" "$top_srcdir/docs/encoding.md" --check
