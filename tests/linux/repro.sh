# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the kernel scripts: no build time, user or host in a kernel
# image, so that two builds of the same tree give the same bytes (kbuild
# reads these from the environment; see Documentation/kbuild/reproducible-builds.rst).
KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 1970"
KBUILD_BUILD_USER=armpv
KBUILD_BUILD_HOST=armpv
KBUILD_BUILD_VERSION=1
export KBUILD_BUILD_TIMESTAMP KBUILD_BUILD_USER KBUILD_BUILD_HOST KBUILD_BUILD_VERSION
