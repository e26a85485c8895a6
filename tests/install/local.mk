# SPDX-License-Identifier: GPL-2.0-or-later
# make install / make uninstall from the build tree (README.md
# "Installing"), and make dist: install.sh installs into a DESTDIR, checks
# the file list against the layout, runs the installed commands from
# outside the source and build trees, and uninstalls.  print-install-dirs
# gives it the configured directories (and the tools it compiles with).
TESTS += tests/install/install.sh
EXTRA_DIST += tests/install/install.sh tests/install/use-tables.c
# dist.sh: make distdir holds exactly git's files (skipped in a tarball).
TESTS += tests/install/dist.sh
EXTRA_DIST += tests/install/dist.sh
tests/install/install.log: $(bin_PROGRAMS) $(lib_LIBRARIES) $(ARMPV_RUN) \
	$(ARMPV_BM_BIN) $(ARMPV_BM) $(PLUGIN_SO) tables/armpv-tables.pc
print-install-dirs:
	@echo "bindir='$(bindir)' libdir='$(libdir)' includedir='$(includedir)'"
	@echo "pkglibexecdir='$(pkglibexecdir)' pkglibdir='$(pkglibdir)'"
	@echo "pkgdatadir='$(pkgdatadir)' docdir='$(docdir)' mandir='$(mandir)'"
	@echo "plugin_so='$(PLUGIN_SO)' host_cc='$(CC)' pkg_config='$(PKG_CONFIG)'"
.PHONY: print-install-dirs
