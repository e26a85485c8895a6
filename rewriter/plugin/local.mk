# SPDX-License-Identifier: GPL-2.0-or-later
# rewriter/plugin/: the armpv_irqflags GCC plugin (docs/plugin.md).  A GCC
# plugin is a host shared object loaded by the ARM cross compiler
# (-fplugin=...), built against that compiler's plugin headers; automake has
# no primary for it, hence the explicit rule.  Installed as armpv's own, not
# into the cross compiler's plugin directory (another package's):
# $(pkglibdir)/plugin/armpv_irqflags.so, used with -fplugin=that path.
EXTRA_DIST += rewriter/plugin/armpv_irqflags.cc monitor/core/armpv_pv.h

if ARMPV_PLUGIN
PLUGIN_SO = rewriter/plugin/armpv_irqflags.so
plugindir = $(pkglibdir)/plugin
plugin_DATA = $(PLUGIN_SO)
CLEANFILES += $(PLUGIN_SO)

plugin_verbose = $(plugin_verbose_@AM_V@)
plugin_verbose_ = $(plugin_verbose_@AM_DEFAULT_V@)
plugin_verbose_0 = @echo "  CXXLD    " $@;

# The user's CPPFLAGS and LDFLAGS too, as automake's own rules take them
# (a Debian build's hardening: _FORTIFY_SOURCE, -z relro -z now).
$(PLUGIN_SO): $(srcdir)/rewriter/plugin/armpv_irqflags.cc \
		$(srcdir)/monitor/core/armpv_pv.h \
		$(srcdir)/monitor/core/armpv_hypercall.h
	@$(MKDIR_P) rewriter/plugin
	$(plugin_verbose)$(CXX) -std=gnu++17 -shared -fPIC -fno-rtti \
	  $(CPPFLAGS) $(CXXFLAGS) $(WARN_CXXFLAGS) -I'$(ARM_PLUGIN_DIR)/include' \
	  -I$(srcdir)/monitor/core $(LDFLAGS) -o $@ \
	  $(srcdir)/rewriter/plugin/armpv_irqflags.cc
endif
