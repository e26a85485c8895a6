// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * srcline.c -- DWARF line lookup through libdwfl's offline mode.
 *
 * libdwfl opens the file itself.  For a relocatable object it lays the
 * sections out at addresses of its own and applies the DWARF relocations;
 * a (section, offset) pair is translated through the section addresses in
 * libdwfl's copy of the ELF file.
 */
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

#include "srcline.h"

struct rw_srcline {
	Dwfl *dwfl;
	Dwfl_Module *mod;
	Elf *elf;
	GElf_Addr bias;
};

static const Dwfl_Callbacks offline_callbacks = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

struct rw_srcline *rw_srcline_open(const struct rw_elf *e)
{
	struct rw_srcline *s = calloc(1, sizeof(*s));
	bool has_lines = false;

	for (size_t i = 1; i < e->nsections; i++)
		has_lines |= !strcmp(e->sections[i].name, ".debug_line");
	if (!s || !has_lines)
		goto fail;
	s->dwfl = dwfl_begin(&offline_callbacks);
	if (!s->dwfl)
		goto fail;
	s->mod = dwfl_report_offline(s->dwfl, "", e->path, -1);
	if (!s->mod || dwfl_report_end(s->dwfl, NULL, NULL) != 0)
		goto fail;
	s->elf = dwfl_module_getelf(s->mod, &s->bias);
	if (!s->elf)
		goto fail;
	return s;
fail:
	rw_srcline_close(s);
	return NULL;
}

const char *rw_srcline_lookup(struct rw_srcline *s, size_t sec, uint32_t offset,
			      int *line)
{
	GElf_Shdr sh;
	Elf_Scn *scn = elf_getscn(s->elf, sec);

	if (!scn || !gelf_getshdr(scn, &sh))
		return NULL;
	Dwfl_Line *l = dwfl_module_getsrc(s->mod, sh.sh_addr + s->bias + offset);
	if (!l)
		return NULL;
	return dwfl_lineinfo(l, NULL, line, NULL, NULL, NULL);
}

void rw_srcline_close(struct rw_srcline *s)
{
	if (!s)
		return;
	if (s->dwfl)
		dwfl_end(s->dwfl);
	free(s);
}
