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
# ${prefix}: the same substitution for every page.  Each "/" of a path
# is followed by \: (a break point that prints nothing), so that a long
# prefix (distcheck's, a home directory's) still fills lines without
# groff's "can't break line".
$(ARMPV_MAN_PAGES): Makefile
	$(AM_V_GEN)$(MKDIR_P) docs/man && \
	brk() { printf '%s\n' "$$1" | sed 's|/|/\\\\:|g'; } && \
	sed -e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g' \
	    -e "s|@bindir[@]|$$(brk '$(bindir)')|g" \
	    -e "s|@pkglibdir[@]|$$(brk '$(pkglibdir)')|g" \
	    -e "s|@pkglibexecdir[@]|$$(brk '$(pkglibexecdir)')|g" \
	    -e "s|@pkgdatadir[@]|$$(brk '$(pkgdatadir)')|g" \
	    -e "s|@docdir[@]|$$(brk '$(docdir)')|g" \
	    $(srcdir)/$@.in > $@.tmp && mv $@.tmp $@
docs/man/armpv-tables.1: $(srcdir)/docs/man/armpv-tables.1.in
docs/man/armpv-rewrite.1: $(srcdir)/docs/man/armpv-rewrite.1.in
docs/man/armpv-bundle.1: $(srcdir)/docs/man/armpv-bundle.1.in
docs/man/armpv-as.1: $(srcdir)/docs/man/armpv-as.1.in
docs/man/armpv-run.1: $(srcdir)/docs/man/armpv-run.1.in
docs/man/armpv-plugin.7: $(srcdir)/docs/man/armpv-plugin.7.in
docs/man/armpv-bm.8: $(srcdir)/docs/man/armpv-bm.8.in
