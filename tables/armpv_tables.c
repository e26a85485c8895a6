// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * armpv_tables.c -- the generic walkers over the generated tables.
 *
 * Hot paths: armpv_classify() runs over every word of a kernel image in the
 * rewriter and over all 2^32 words in the proof: it looks up candidate
 * forms by bits 27:20 (a few at most) and compares masks.  armpv_decode(),
 * on every trap in the monitor, is generated as straight-line code
 * (armpv_tables_gen.c).
 */
#include "armpv_tables.h"

static inline int form_matches(const struct armpv_form *f, uint32_t word)
{
	if ((word & f->insn_mask) != f->insn_value)
		return 0;
	return !f->conditional || (word >> 28) != 0xf;
}

const struct armpv_form *armpv_match(uint32_t word)
{
	unsigned key = (word >> 20) & 0xff;

	for (unsigned i = armpv_classify_index[key];
	     i < armpv_classify_index[key + 1]; i++) {
		const struct armpv_form *f = &armpv_forms[armpv_classify_rows[i]];
		if (form_matches(f, word))
			return f;
	}
	return NULL;
}

unsigned armpv_sensitive_archs(const struct armpv_form *f, uint32_t word)
{
	unsigned archs = f->archs;

	for (unsigned i = f->notsens_first;
	     i < (unsigned)f->notsens_first + f->notsens_count; i++) {
		const struct armpv_notsens *n = &armpv_notsens[i];
		if ((word & n->mask) == n->value)
			archs &= ~(unsigned)n->archs;
	}
	return archs;
}

const struct armpv_form *armpv_classify(uint32_t word, unsigned archs)
{
	const struct armpv_form *f = armpv_match(word);

	if (!f || !(armpv_sensitive_archs(f, word) & archs))
		return NULL;
	return f;
}

static inline uint32_t shift_bits(uint32_t v, int shift)
{
	return shift >= 0 ? v << shift : v >> -shift;
}

uint32_t armpv_encode(const struct armpv_form *f, uint32_t word)
{
	uint32_t trap = f->trap_value;

	for (unsigned i = 0; i < f->nmoves; i++)
		trap |= shift_bits(word & f->moves[i].mask, f->moves[i].shift);
	return trap;
}

uint32_t armpv_field(const struct armpv_form *f, uint32_t insn,
		     enum armpv_field field)
{
	uint32_t mask = f->field_mask[field], v = 0;
	unsigned k = 0;

	for (unsigned bit = 0; bit < 32; bit++)
		if (mask & (1u << bit))
			v |= ((insn >> bit) & 1u) << k++;
	return v;
}

const struct armpv_unpredictable *armpv_classify_unpredictable(uint32_t word,
								unsigned archs)
{
	unsigned key = (word >> 20) & 0xff;

	if (armpv_unpredictable_index[key] == armpv_unpredictable_index[key + 1] ||
	    armpv_match(word))
		return NULL;
	for (unsigned i = armpv_unpredictable_index[key];
	     i < armpv_unpredictable_index[key + 1]; i++) {
		const struct armpv_unpredictable *u =
			&armpv_unpredictables[armpv_unpredictable_rows[i]];
		if ((word & u->mask) == u->value && (u->archs & archs) &&
		    (!u->conditional || (word >> 28) != 0xf))
			return u;
	}
	return NULL;
}

const struct armpv_thumb_form *armpv_classify_thumb(uint16_t insn,
						    unsigned archs)
{
	for (unsigned i = 0; i < ARMPV_NTHUMB; i++) {
		const struct armpv_thumb_form *t = &armpv_thumb_forms[i];
		if ((insn & t->mask) == t->value && (t->archs & archs))
			return t;
	}
	return NULL;
}

static int name_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

unsigned armpv_arch_parse(const char *name)
{
	for (unsigned i = 0; i < ARMPV_NARCHS; i++)
		if (name_eq(armpv_arch_names[i], name))
			return 1u << i;
	return 0;
}

const char *armpv_arch_name(unsigned arch_bit)
{
	for (unsigned i = 0; i < ARMPV_NARCHS; i++)
		if (arch_bit == 1u << i)
			return armpv_arch_names[i];
	return "?";
}
