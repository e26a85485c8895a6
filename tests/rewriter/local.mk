# SPDX-License-Identifier: GPL-2.0-or-later
# armpv-rewrite on fixtures assembled at test time.
TESTS += tests/rewriter/rewrite.sh
EXTRA_DIST += tests/rewriter/rewrite.sh \
	tests/rewriter/fixtures/literal-pool.S \
	tests/rewriter/fixtures/reloc-on-site.S \
	tests/rewriter/fixtures/thumb-cps.S \
	tests/rewriter/fixtures/v6-forms.S \
	tests/rewriter/fixtures/v7.S \
	tests/rewriter/fixtures/unpredictable.S \
	tests/rewriter/fixtures/thumb2.S \
	tests/rewriter/fixtures/copied-code.S \
	tests/rewriter/fixtures/vdso.S \
	tests/rewriter/fixtures/user-code-kernel.S \
	examples/demo-guest.S examples/demo.sh
# A loadable module (.ko) through armpv-as and the post-link pass.
TESTS += tests/rewriter/module.sh
EXTRA_DIST += tests/rewriter/module.sh tests/rewriter/kocmp.py \
	tests/rewriter/fixtures/module/armpv_mod.c \
	tests/rewriter/fixtures/module/armpv_mod.mod.c \
	tests/rewriter/fixtures/module/module.lds
