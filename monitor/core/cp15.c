/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cp15.c: being written */
#include "armpv_core.h"
