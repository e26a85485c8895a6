# SPDX-License-Identifier: GPL-2.0-or-later
# docs/man/: the manual pages, written by hand in roff (man(7) macros).
# Each NAME.N.in becomes NAME.N with the installation directories filled
# in (README.md "Installing"), so that FILES, SYNOPSIS and EXAMPLES name
# the paths this configuration installs to.  tests/docs/man.sh checks
# them against the programs' --help and sources, and renders each with
# groff -ww.
ARMPV_MAN_PAGES = docs/man/armpv-tables.1 docs/man/armpv-rewrite.1 \
	docs/man/armpv-bundle.1 docs/man/armpv-as.1 docs/man/armpv-run.1 \
	docs/man/armpv-plugin.7 docs/man/armpv-bm.8
man_MANS = $(ARMPV_MAN_PAGES)
EXTRA_DIST += $(ARMPV_MAN_PAGES:=.in) docs/man/local.mk
CLEANFILES += $(ARMPV_MAN_PAGES)

# Paths as make expands them (prefix and all), not configure's unexpanded
# ${prefix}: the same substitution for every page.
ARMPV_MAN_SED = sed -e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g' \
	-e 's|@bindir[@]|$(bindir)|g' \
	-e 's|@pkglibdir[@]|$(pkglibdir)|g' \
	-e 's|@pkglibexecdir[@]|$(pkglibexecdir)|g' \
	-e 's|@pkgdatadir[@]|$(pkgdatadir)|g' \
	-e 's|@docdir[@]|$(docdir)|g'
$(ARMPV_MAN_PAGES): Makefile
	$(AM_V_GEN)$(MKDIR_P) docs/man && \
	$(ARMPV_MAN_SED) $(srcdir)/$@.in > $@.tmp && mv $@.tmp $@
docs/man/armpv-tables.1: $(srcdir)/docs/man/armpv-tables.1.in
docs/man/armpv-rewrite.1: $(srcdir)/docs/man/armpv-rewrite.1.in
docs/man/armpv-bundle.1: $(srcdir)/docs/man/armpv-bundle.1.in
docs/man/armpv-as.1: $(srcdir)/docs/man/armpv-as.1.in
docs/man/armpv-run.1: $(srcdir)/docs/man/armpv-run.1.in
docs/man/armpv-plugin.7: $(srcdir)/docs/man/armpv-plugin.7.in
docs/man/armpv-bm.8: $(srcdir)/docs/man/armpv-bm.8.in
