#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The exhaustive proof over all 2^32 words, on every core.
exec "$top_builddir/tests/tables/exhaustive" --threads "$(nproc)"
