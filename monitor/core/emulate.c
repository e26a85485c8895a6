/* SPDX-License-Identifier: GPL-2.0-or-later */
/* emulate.c: being written */
#include "armpv_core.h"
