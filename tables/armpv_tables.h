/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * armpv_tables.h -- classify, encode and decode the sensitive instructions.
 *
 * The data behind these functions is generated from tables/armpv.spec
 * (armpv_tables_gen.h/.c); this file and armpv_tables.c hold only the
 * generic code that walks it.  Freestanding: no libc beyond <stdint.h> and
 * <stddef.h>, so the bare-metal monitor links the same objects.
 */
#ifndef ARMPV_TABLES_H
#define ARMPV_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "armpv_tables_gen.h"

/* A bit move: trap bits = (insn & mask) shifted left by shift (right if
 * negative).  Decoding applies the inverse. */
struct armpv_move {
	uint32_t mask;
	int8_t shift;
};

/* One sensitive form: a spec 'insn' line. */
struct armpv_form {
	uint8_t id;	      /* enum armpv_form_id */
	uint8_t insn;	      /* enum armpv_insn */
	uint8_t group;	      /* enum armpv_group */
	uint8_t archs;	      /* ARMPV_ARCH_* bits that have the form */
	uint8_t conditional;  /* cond field kept; 1111 never matches */
	uint8_t space;	      /* index into armpv_trapspaces */
	uint16_t spec_line;
	const char *name, *form, *format, *text;
	uint32_t insn_mask, insn_value; /* literal bits of the instruction */
	uint32_t trap_mask, trap_value; /* literal bits of the trap word */
	uint8_t notsens_first, notsens_count; /* carve-outs in armpv_notsens */
	uint8_t nmoves;
	struct armpv_move moves[ARMPV_MAX_MOVES];
	uint32_t field_mask[ARMPV_NFIELDS]; /* where each field sits in insn */
};

/* Words inside a form that are not sensitive on 'archs'. */
struct armpv_notsens {
	uint32_t mask, value;
	uint8_t archs;
	uint16_t spec_line;
	const char *text;
};

/* Words of a sensitive encoding space that the ARM ARM makes UNPREDICTABLE
 * (SBZ/SBO bits violated, writeback with user registers, ...). */
struct armpv_unpredictable {
	uint32_t mask, value;
	uint8_t archs;
	uint8_t conditional;
	uint16_t spec_line;
	const char *text;
};

/* A sensitive 16-bit Thumb instruction (no trap encoding exists). */
struct armpv_thumb_form {
	const char *name;
	uint8_t archs;
	uint16_t mask, value;
	uint16_t spec_line;
	const char *text;
};

struct armpv_field_info {
	char letter;
	const char *name, *text;
};

struct armpv_trapspace {
	const char *name;
	uint32_t mask, value;
	const char *text;
};

extern const struct armpv_form armpv_forms[ARMPV_NFORMS];
extern const struct armpv_notsens armpv_notsens[];
extern const struct armpv_field_info armpv_fields[ARMPV_NFIELDS];
extern const struct armpv_thumb_form armpv_thumb_forms[];
extern const struct armpv_unpredictable armpv_unpredictables[];
extern const struct armpv_trapspace armpv_trapspaces[ARMPV_NSPACES];
extern const char *const armpv_arch_names[ARMPV_NARCHS];
extern const char *const armpv_insn_names[ARMPV_NINSNS];
extern const char *const armpv_group_names[ARMPV_NGROUPS];
extern const unsigned char armpv_insn_group[ARMPV_NINSNS];
extern const unsigned short armpv_classify_index[257];
extern const unsigned char armpv_classify_rows[];
extern const unsigned short armpv_unpredictable_index[257];
extern const unsigned char armpv_unpredictable_rows[];

/* The form 'word' matches, whether or not it is sensitive on a given
 * architecture; NULL if it matches none. */
const struct armpv_form *armpv_match(uint32_t word);

/* The architectures (ARMPV_ARCH_* bits) on which 'word', which matches
 * form 'f', is sensitive. */
unsigned armpv_sensitive_archs(const struct armpv_form *f, uint32_t word);

/* Classify 'word' for an architecture set: the form if it is sensitive on
 * any architecture in 'archs', else NULL. */
const struct armpv_form *armpv_classify(uint32_t word, unsigned archs);

/* The trap word for 'word', which armpv_classify() gave form 'f'. */
uint32_t armpv_encode(const struct armpv_form *f, uint32_t word);

/* If 'trap' is a trap word armpv produces, store the original instruction
 * in *insn and return its form; otherwise return NULL. */
const struct armpv_form *armpv_decode(uint32_t trap, uint32_t *insn);

/* The value of an operand field of 'insn' (a word of form 'f'); 0 if the
 * form has no such field (see armpv_form_has_field). */
uint32_t armpv_field(const struct armpv_form *f, uint32_t insn,
		     enum armpv_field field);

static inline int armpv_form_has_field(const struct armpv_form *f,
				       enum armpv_field field)
{
	return f->field_mask[field] != 0;
}

/* For a word that matches no sensitive form (armpv_match() is NULL): the
 * UNPREDICTABLE pattern of a sensitive encoding space it falls in on
 * 'archs', or NULL.  The rewriter refuses such words. */
const struct armpv_unpredictable *armpv_classify_unpredictable(uint32_t word,
								unsigned archs);

/* The sensitive Thumb form a 16-bit Thumb instruction is on 'archs', or
 * NULL.  (The only one on ARMv5TE/ARMv6 is CPS, ARMv6.) */
const struct armpv_thumb_form *armpv_classify_thumb(uint16_t insn,
						    unsigned archs);

/* Architecture names: "armv5te", "armv6".  Returns the ARMPV_ARCH_* bit, or
 * 0 if the name is unknown. */
unsigned armpv_arch_parse(const char *name);
const char *armpv_arch_name(unsigned arch_bit);

#endif /* ARMPV_TABLES_H */
