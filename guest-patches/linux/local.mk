# SPDX-License-Identifier: GPL-2.0-or-later
# guest-patches/linux/: the armpv-as assembler wrapper (docs/rewriter.md).
# Installed as $(bindir)/armpv-as, with $(pkglibexecdir)/bin/as a relative
# link to it: the directory to give gcc -B (README.md "Installing").
# armpv-as runs the armpv-rewrite it finds beside its resolved self.
dist_bin_SCRIPTS = guest-patches/linux/armpv-as
# The directory, not bin/as: make dist copies a listed file's content but
# keeps a directory's links.  (The build tree has no such directory.)
EXTRA_DIST += guest-patches/linux/bin
ARMPV_AS_BINDIR = $(pkglibexecdir)/bin

# The link is relative (both ends lexically, nothing resolved), so that it
# holds under DESTDIR and when the tree is moved.
install-exec-hook: install-armpv-as-link
install-armpv-as-link:
	$(MKDIR_P) '$(DESTDIR)$(ARMPV_AS_BINDIR)'
	rel=`realpath -ms --relative-to='$(ARMPV_AS_BINDIR)' '$(bindir)/armpv-as'` && \
	cd '$(DESTDIR)$(ARMPV_AS_BINDIR)' && rm -f as && $(LN_S) "$$rel" as
uninstall-hook: uninstall-armpv-as-link
uninstall-armpv-as-link:
	rm -f '$(DESTDIR)$(ARMPV_AS_BINDIR)/as'
.PHONY: install-armpv-as-link uninstall-armpv-as-link
