# SPDX-License-Identifier: GPL-2.0-or-later
# The armpv_irqflags GCC plugin (docs/plugin.md): plugin.sh compiles the
# fixtures with it and reads the objects, the report and the errors;
# run.sh executes the replaced sequences under qemu-arm.  Both skip (77)
# when configure did not build the plugin.
TESTS += tests/plugin/plugin.sh tests/plugin/run.sh
EXTRA_DIST += tests/plugin/plugin.sh tests/plugin/run.sh \
	tests/plugin/pv-irqflags.h tests/plugin/masks.c tests/plugin/masks.h \
	tests/plugin/leave.c tests/plugin/refuse.c tests/plugin/run.c
if ARMPV_PLUGIN
tests/plugin/plugin.log tests/plugin/run.log: $(PLUGIN_SO)
tests/plugin/plugin.log: rewriter/armpv-rewrite$(EXEEXT)
endif
