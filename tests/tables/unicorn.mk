# SPDX-License-Identifier: GPL-2.0-or-later
# (filled in by the unicorn test work)
