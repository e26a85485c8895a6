# SPDX-License-Identifier: GPL-2.0-or-later
# docs/encoding.md carries tables generated from the spec; this test keeps
# them from drifting, and `make update-docs` refreshes them.
TESTS += tests/tables/docs-drift.sh
EXTRA_DIST += tests/tables/docs-drift.sh tables/docs-tables.sh docs/encoding.md

update-docs: tables/tablegen$(EXEEXT)
	$(SHELL) $(top_srcdir)/tables/docs-tables.sh tables/tablegen$(EXEEXT) \
	  $(SPEC) $(top_srcdir)/docs/encoding.md
.PHONY: update-docs
