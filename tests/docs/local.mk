# SPDX-License-Identifier: GPL-2.0-or-later
# tests/docs/: the documentation against the programs.  man.sh keeps the
# manual pages (docs/man/) in step with each program's --help, exit
# statuses and sources, and renders each with groff -ww;
# readme-examples.sh runs the README's examples marked tested and
# compares their output with the README's.
TESTS += tests/docs/man.sh tests/docs/readme-examples.sh
EXTRA_DIST += tests/docs/man.sh tests/docs/readme-examples.sh README.md
tests/docs/man.log: $(ARMPV_MAN_PAGES) tables/armpv-tables$(EXEEXT) \
	rewriter/armpv-rewrite$(EXEEXT) monitor/bundle/armpv-bundle$(EXEEXT) \
	$(ARMPV_RUN)
tests/docs/readme-examples.log: tables/armpv-tables$(EXEEXT) \
	rewriter/armpv-rewrite$(EXEEXT)
