/* SPDX-License-Identifier: GPL-2.0-or-later */
/* srcline.h -- source file:line of a code address, from DWARF (libdwfl). */
#ifndef ARMPV_SRCLINE_H
#define ARMPV_SRCLINE_H

#include "elf-model.h"

struct rw_srcline;

/* NULL when the file has no usable DWARF line information. */
struct rw_srcline *rw_srcline_open(const struct rw_elf *e);
/* The source file of (section, offset), with *line; NULL if unknown. */
const char *rw_srcline_lookup(struct rw_srcline *s, size_t sec, uint32_t offset,
			      int *line);
void rw_srcline_close(struct rw_srcline *s);

#endif
