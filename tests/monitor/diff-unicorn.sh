#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Differential test of the monitor core against Unicorn's ARM926 and
# ARM1176 models (tests/monitor/diff_unicorn.c): every sensitive form of
# each model's architecture from 10^5 random initial states with the MMU
# off, the CP15 registers Unicorn models, the guest's own loads and
# stores, then the forms and classes that access memory again from 2 *
# 10^4 states each with the MMU on (random translation tables); the
# counts and seed are fixed here so that CI is reproducible.
#
# A longer soak: ARMPV_DIFF_STATES=10000000 ARMPV_DIFF_MMU_STATES=1000000
# ARMPV_DIFF_SEED=$RANDOM (the environment wins over the defaults below;
# the seed is printed).
#
# Environment (automake's AM_TESTS_ENVIRONMENT): top_builddir.
# Exit: 0 pass, 1 fail, 77 skip (no test binary: Unicorn absent, which
# configure does not allow), 99 hard error (Unicorn misbehaving).

: "${top_builddir:=.}"
bin="$top_builddir/tests/monitor/diff_unicorn"
if ! test -x "$bin"; then
	echo "diff-unicorn: $bin not built (Unicorn missing?): skipped"
	exit 77
fi

states="${ARMPV_DIFF_STATES:-100000}"
ARMPV_DIFF_MMU_STATES="${ARMPV_DIFF_MMU_STATES:-20000}"
export ARMPV_DIFF_MMU_STATES
seed="${ARMPV_DIFF_SEED:-0x61726d7076}"
status=0
for model in arm926 arm1176; do
	"$bin" "$model" "$states" "$seed"
	rc=$?
	case $rc in
	0) ;;
	1) test $status -eq 99 || status=1 ;;
	*) status=99 ;;
	esac
done
exit $status
