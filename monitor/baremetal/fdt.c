/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdt.c -- flattened device tree: validate, look up, edit in place
 * (Devicetree Specification v0.3, chapter 5; fdt.h says what each function
 * does).  Freestanding C11: no libfdt, no library calls but memmove,
 * memcpy, memset and memcmp, no division.  The blob is big-endian and may
 * sit at any alignment, so every field is read and written byte by byte.
 *
 * Layout (spec 5.2): a 40-byte header, the memory reservation block (8-byte
 * aligned (address, size) pairs up to a (0, 0) pair), the structure block
 * (tokens, each 4-byte aligned) and the strings block (property names).
 * Structure tokens (spec 5.4.1): FDT_BEGIN_NODE + NUL-terminated name
 * padded to 4; FDT_PROP + len + nameoff + value padded to 4; FDT_END_NODE;
 * FDT_NOP; FDT_END last.  Properties come before subnodes (spec 5.4.2).
 */
#include "fdt.h"

#if __STDC_HOSTED__
#include <string.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif

/* Header fields (spec 5.2, struct fdt_header). */
#define H_MAGIC 0
#define H_TOTALSIZE 4
#define H_OFF_STRUCT 8
#define H_OFF_STRINGS 12
#define H_OFF_RSVMAP 16
#define H_VERSION 20
#define H_LAST_COMP 24
#define H_SIZE_STRINGS 32
#define H_SIZE_STRUCT 36

#define ALIGN4(x) (((x) + 3u) & ~3u)

uint32_t fdt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t fdt_strnlen(const uint8_t *s, uint32_t max)
{
	uint32_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static uint32_t cstrlen(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	return n;
}

static uint8_t *sp(const struct fdt *f, uint32_t off)
{
	return f->blob + f->off_struct + off;
}

static uint32_t tok(const struct fdt *f, uint32_t off)
{
	return fdt_be32(sp(f, off));
}

static const char *node_name(const struct fdt *f, int32_t node)
{
	return (const char *)sp(f, (uint32_t)node + 4);
}

/* The offset after the token at 'off' (structure already validated). */
static uint32_t tok_next(const struct fdt *f, uint32_t off)
{
	switch (tok(f, off)) {
	case FDT_BEGIN_NODE:
		return off + 4 +
		       ALIGN4(fdt_strnlen(sp(f, off + 4),
					  f->size_struct - off - 4) +
			      1);
	case FDT_PROP:
		return off + 12 + ALIGN4(fdt_be32(sp(f, off + 4)));
	default:
		return off + 4;
	}
}

uint32_t fdt_token(const struct fdt *f, uint32_t off)
{
	return tok(f, off);
}

uint32_t fdt_token_next(const struct fdt *f, uint32_t off)
{
	return tok_next(f, off);
}

const char *fdt_node_name(const struct fdt *f, int32_t node)
{
	return node_name(f, node);
}

const char *fdt_prop_name(const struct fdt *f, uint32_t prop)
{
	return (const char *)f->blob + f->off_strings +
	       fdt_be32(sp(f, prop + 8));
}

const uint8_t *fdt_prop_value(const struct fdt *f, uint32_t prop,
			      uint32_t *len)
{
	*len = fdt_be32(sp(f, prop + 4));
	return sp(f, prop + 12);
}

/* The structure block, token by token: every length inside the block,
 * names terminated, nesting balanced, exactly one root, FDT_END. */
static const char *check_struct(const struct fdt *f, uint32_t *where)
{
	uint32_t off = 0, depth = 0;
	bool root_done = false;

	for (;;) {
		uint32_t t, left;

		*where = f->off_struct + off;
		if (f->size_struct - off < 4)
			return "structure block ends without FDT_END";
		t = tok(f, off);
		left = f->size_struct - off - 4;
		switch (t) {
		case FDT_BEGIN_NODE: {
			uint32_t n = fdt_strnlen(sp(f, off + 4), left);

			if (n == left)
				return "node name runs past the structure block";
			if (root_done && depth == 0)
				return "a second root node";
			if (++depth > FDT_MAX_DEPTH)
				return "nodes nested too deep";
			if (ALIGN4(n + 1) > left)
				return "node name padding past the structure "
				       "block";
			off += 4 + ALIGN4(n + 1);
			break;
		}
		case FDT_END_NODE:
			if (depth == 0)
				return "FDT_END_NODE without a node";
			if (--depth == 0)
				root_done = true;
			off += 4;
			break;
		case FDT_PROP: {
			uint32_t len, nameoff;

			if (depth == 0)
				return "property outside any node";
			if (left < 8)
				return "property header past the structure "
				       "block";
			len = fdt_be32(sp(f, off + 4));
			nameoff = fdt_be32(sp(f, off + 8));
			if (len > left - 8 || ALIGN4(len) > left - 8)
				return "property value past the structure "
				       "block";
			if (nameoff >= f->size_strings ||
			    fdt_strnlen(f->blob + f->off_strings + nameoff,
					f->size_strings - nameoff) ==
				    f->size_strings - nameoff)
				return "property name outside the strings "
				       "block";
			off += 12 + ALIGN4(len);
			break;
		}
		case FDT_NOP:
			off += 4;
			break;
		case FDT_END:
			if (depth || !root_done)
				return "FDT_END inside a node, or no root node";
			return NULL;
		default:
			return "unknown structure token";
		}
	}
}

const char *fdt_open(struct fdt *f, const void *blob, uint32_t avail,
		     uint32_t *where)
{
	const uint8_t *b = blob;
	uint32_t rsv, n;

	*where = 0;
	if (avail < FDT_HEADER_SIZE)
		return "too small for a device tree header";
	if (fdt_be32(b + H_MAGIC) != FDT_MAGIC)
		return "bad magic (not 0xd00dfeed): not a device tree";
	*f = (struct fdt){
		.blob = (uint8_t *)(uintptr_t)blob,
		.size = fdt_be32(b + H_TOTALSIZE),
		.off_struct = fdt_be32(b + H_OFF_STRUCT),
		.size_struct = fdt_be32(b + H_SIZE_STRUCT),
		.off_strings = fdt_be32(b + H_OFF_STRINGS),
		.size_strings = fdt_be32(b + H_SIZE_STRINGS),
	};
	f->cap = f->size;
	*where = H_TOTALSIZE;
	if (f->size < FDT_HEADER_SIZE || f->size > avail)
		return "totalsize is smaller than the header or larger than "
		       "the bytes there";
	*where = H_VERSION;
	/* Version 17 is what dtc and QEMU write; 16 lacks size_dt_struct. */
	if (fdt_be32(b + H_VERSION) < 17 || fdt_be32(b + H_LAST_COMP) > 17)
		return "header version is not 17 (compatible)";
	*where = H_OFF_RSVMAP;
	rsv = fdt_be32(b + H_OFF_RSVMAP);
	if ((rsv & 7) || rsv < FDT_HEADER_SIZE || rsv > f->size)
		return "memory reservation block misplaced";
	for (n = rsv;; n += 16) {
		*where = n;
		if (f->size - n < 16)
			return "memory reservation block has no (0, 0) end";
		if (!(fdt_be32(b + n) | fdt_be32(b + n + 4) |
		      fdt_be32(b + n + 8) | fdt_be32(b + n + 12)))
			break;
	}
	*where = H_OFF_STRUCT;
	if ((f->off_struct & 3) || (f->size_struct & 3) ||
	    f->off_struct < FDT_HEADER_SIZE || f->off_struct > f->size ||
	    f->size_struct > f->size - f->off_struct)
		return "structure block outside totalsize or misaligned";
	*where = H_OFF_STRINGS;
	if (f->off_strings < FDT_HEADER_SIZE || f->off_strings > f->size ||
	    f->size_strings > f->size - f->off_strings)
		return "strings block outside totalsize";
	return check_struct(f, where);
}

int32_t fdt_root(const struct fdt *f)
{
	uint32_t off = 0;

	while (tok(f, off) == FDT_NOP)
		off += 4;
	return (int32_t)off;
}

/* "memory" matches "memory" and "memory@0"; "memory@0" only itself. */
static bool name_matches(const char *node, const char *want)
{
	uint32_t n = cstrlen(want);

	if (memcmp(node, want, n))
		return false;
	return node[n] == '\0' || node[n] == '@';
}

int32_t fdt_subnode(const struct fdt *f, int32_t node, const char *name)
{
	uint32_t off = tok_next(f, (uint32_t)node), depth = 0;

	for (;; off = tok_next(f, off)) {
		switch (tok(f, off)) {
		case FDT_BEGIN_NODE:
			if (depth == 0 &&
			    name_matches(node_name(f, (int32_t)off), name))
				return (int32_t)off;
			depth++;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return -1;
			depth--;
			break;
		case FDT_END:
			return -1;
		}
	}
}

/* The FDT_PROP token of 'name' in 'node', or -1. */
static int32_t find_prop(const struct fdt *f, int32_t node, const char *name)
{
	uint32_t off = tok_next(f, (uint32_t)node);
	uint32_t n = cstrlen(name) + 1;

	for (;; off = tok_next(f, off)) {
		uint32_t t = tok(f, off), nameoff;

		if (t == FDT_NOP)
			continue;
		if (t != FDT_PROP)
			return -1;
		nameoff = fdt_be32(sp(f, off + 8));
		if (n <= f->size_strings - nameoff &&
		    !memcmp(f->blob + f->off_strings + nameoff, name, n))
			return (int32_t)off;
	}
}

const uint8_t *fdt_getprop(const struct fdt *f, int32_t node,
			   const char *name, uint32_t *len)
{
	int32_t p = find_prop(f, node, name);

	if (p < 0)
		return NULL;
	*len = fdt_be32(sp(f, (uint32_t)p + 4));
	return sp(f, (uint32_t)p + 12);
}

/* Linux 6.1 (drivers/of/fdt.c, early_init_dt_scan_memory) takes the
 * root's children whose device_type is "memory", and only those. */
static bool is_memory(const struct fdt *f, int32_t node)
{
	uint32_t len;
	const uint8_t *t = fdt_getprop(f, node, "device_type", &len);

	return t && len == 7 && !memcmp(t, "memory", 7);
}

int32_t fdt_memory_node(const struct fdt *f, unsigned index, unsigned *count)
{
	uint32_t off = tok_next(f, (uint32_t)fdt_root(f)), depth = 0;
	int32_t found = -1;

	*count = 0;
	for (;; off = tok_next(f, off)) {
		switch (tok(f, off)) {
		case FDT_BEGIN_NODE:
			if (depth++ == 0 && is_memory(f, (int32_t)off)) {
				if (*count == index)
					found = (int32_t)off;
				++*count;
			}
			break;
		case FDT_END_NODE:
			if (depth-- == 0)
				return found;
			break;
		case FDT_END:
			return found;
		}
	}
}

uint32_t fdt_cells(const struct fdt *f, int32_t node, bool size)
{
	uint32_t len;
	const uint8_t *v = fdt_getprop(f, node,
				       size ? "#size-cells" : "#address-cells",
				       &len);

	if (v && len == 4)
		return fdt_be32(v);
	return size ? 1 : 2;
}

bool fdt_read_u32(const uint8_t *val, uint32_t len, uint32_t *out)
{
	if (len == 4) {
		*out = fdt_be32(val);
		return true;
	}
	if (len == 8 && fdt_be32(val) == 0) {
		*out = fdt_be32(val + 4);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Editing: the blob is header, reservations, structure, strings, in
 * that order (fdt_open_into() makes it so), totalsize its end. */

static void write_header(struct fdt *f)
{
	put_be32(f->blob + H_TOTALSIZE, f->size);
	put_be32(f->blob + H_OFF_STRUCT, f->off_struct);
	put_be32(f->blob + H_SIZE_STRUCT, f->size_struct);
	put_be32(f->blob + H_OFF_STRINGS, f->off_strings);
	put_be32(f->blob + H_SIZE_STRINGS, f->size_strings);
}

const char *fdt_open_into(struct fdt *dst, uint8_t *buf, uint32_t cap,
			  const struct fdt *src)
{
	uint32_t rsv = fdt_be32(src->blob + H_OFF_RSVMAP), rsv_len = 16;
	uint32_t need;

	while (fdt_be32(src->blob + rsv + rsv_len - 16) |
	       fdt_be32(src->blob + rsv + rsv_len - 12) |
	       fdt_be32(src->blob + rsv + rsv_len - 8) |
	       fdt_be32(src->blob + rsv + rsv_len - 4))
		rsv_len += 16;
	/* Each part is inside src's totalsize (fdt_open), so this sum
	 * cannot wrap. */
	need = FDT_HEADER_SIZE + rsv_len + src->size_struct + src->size_strings;
	if (need > cap)
		return "no room to copy the device tree";
	memcpy(buf, src->blob, FDT_HEADER_SIZE);
	memcpy(buf + FDT_HEADER_SIZE, src->blob + rsv, rsv_len);
	memcpy(buf + FDT_HEADER_SIZE + rsv_len, src->blob + src->off_struct,
	       src->size_struct);
	memcpy(buf + FDT_HEADER_SIZE + rsv_len + src->size_struct,
	       src->blob + src->off_strings, src->size_strings);
	memset(buf + need, 0, cap - need);
	*dst = (struct fdt){
		.blob = buf,
		.size = need,
		.cap = cap,
		.off_struct = FDT_HEADER_SIZE + rsv_len,
		.size_struct = src->size_struct,
		.off_strings = FDT_HEADER_SIZE + rsv_len + src->size_struct,
		.size_strings = src->size_strings,
	};
	put_be32(buf + H_OFF_RSVMAP, FDT_HEADER_SIZE);
	put_be32(buf + H_VERSION, 17);
	put_be32(buf + H_LAST_COMP, 16);
	write_header(dst);
	return NULL;
}

/* Replace old_len bytes at structure offset 'at' by new_len bytes
 * (zeroed when new), moving what follows, strings included. */
static bool struct_resize(struct fdt *f, uint32_t at, uint32_t old_len,
			  uint32_t new_len)
{
	uint32_t from = f->off_struct + at + old_len;
	uint32_t to = f->off_struct + at + new_len;

	if (new_len > old_len && new_len - old_len > f->cap - f->size)
		return false;
	memmove(f->blob + to, f->blob + from, f->size - from);
	if (new_len > old_len) {
		memset(f->blob + f->off_struct + at + old_len, 0,
		       new_len - old_len);
		f->size += new_len - old_len;
		f->size_struct += new_len - old_len;
		f->off_strings += new_len - old_len;
	} else {
		f->size -= old_len - new_len;
		f->size_struct -= old_len - new_len;
		f->off_strings -= old_len - new_len;
		memset(f->blob + f->size, 0, old_len - new_len);
	}
	write_header(f);
	return true;
}

/* The offset of 'name' in the strings block, appended if absent; -1
 * when there is no room. */
static int32_t string_offset(struct fdt *f, const char *name)
{
	uint32_t n = cstrlen(name) + 1;

	for (uint32_t i = 0; i + n <= f->size_strings; i++)
		if (!memcmp(f->blob + f->off_strings + i, name, n))
			return (int32_t)i;
	if (n > f->cap - f->size)
		return -1;
	memcpy(f->blob + f->size, name, n);
	f->size += n;
	f->size_strings += n;
	write_header(f);
	return (int32_t)(f->size_strings - n);
}

const char *fdt_setprop(struct fdt *f, int32_t node, const char *name,
			const void *val, uint32_t len)
{
	int32_t p = find_prop(f, node, name);
	uint32_t at;

	if (len > f->cap)
		return "property value too large";
	if (p >= 0) {
		at = (uint32_t)p;
		if (!struct_resize(f, at + 12,
				   ALIGN4(fdt_be32(sp(f, at + 4))),
				   ALIGN4(len)))
			return "no room in the device tree for a property";
	} else {
		int32_t nameoff = string_offset(f, name);

		at = tok_next(f, (uint32_t)node);
		if (nameoff < 0 || !struct_resize(f, at, 0, 12 + ALIGN4(len)))
			return "no room in the device tree for a property";
		put_be32(sp(f, at), FDT_PROP);
		put_be32(sp(f, at + 8), (uint32_t)nameoff);
	}
	put_be32(sp(f, at + 4), len);
	memcpy(sp(f, at + 12), val, len);
	memset(sp(f, at + 12 + len), 0, ALIGN4(len) - len);
	return NULL;
}

void fdt_delprop(struct fdt *f, int32_t node, const char *name)
{
	int32_t p = find_prop(f, node, name);

	if (p >= 0)
		struct_resize(f, (uint32_t)p,
			      12 + ALIGN4(fdt_be32(sp(f, (uint32_t)p + 4))), 0);
}

/* The FDT_END_NODE that closes 'node'. */
static uint32_t node_end(const struct fdt *f, int32_t node)
{
	uint32_t off = tok_next(f, (uint32_t)node), depth = 0;

	for (;; off = tok_next(f, off)) {
		uint32_t t = tok(f, off);

		if (t == FDT_BEGIN_NODE)
			depth++;
		else if (t == FDT_END_NODE && depth-- == 0)
			return off;
	}
}

int32_t fdt_add_subnode(struct fdt *f, int32_t node, const char *name)
{
	uint32_t off = node_end(f, node);
	uint32_t n = cstrlen(name) + 1;

	if (!struct_resize(f, off, 0, 8 + ALIGN4(n)))
		return -1;
	put_be32(sp(f, off), FDT_BEGIN_NODE);
	memcpy(sp(f, off + 4), name, n);
	put_be32(sp(f, off + 4 + ALIGN4(n)), FDT_END_NODE);
	return (int32_t)off;
}

static void nop_span(struct fdt *f, uint32_t off, uint32_t end)
{
	for (; off < end; off += 4)
		put_be32(sp(f, off), FDT_NOP);
}

void fdt_nop_node(struct fdt *f, int32_t node)
{
	nop_span(f, (uint32_t)node, node_end(f, node) + 4);
}

void fdt_nop_prop(struct fdt *f, uint32_t prop)
{
	nop_span(f, prop, tok_next(f, prop));
}

void fdt_pack(struct fdt *f)
{
	uint32_t off = 0, w = 0, gone;

	for (;;) {
		uint32_t t = tok(f, off), next = tok_next(f, off);

		if (t != FDT_NOP) {
			memmove(sp(f, w), sp(f, off), next - off);
			w += next - off;
		}
		if (t == FDT_END)
			break;
		off = next;
	}
	/* The strings block follows the structure (fdt_open_into). */
	gone = f->size_struct - w;
	memmove(sp(f, w), f->blob + f->off_strings, f->size_strings);
	f->size_struct = w;
	f->off_strings -= gone;
	f->size -= gone;
	memset(f->blob + f->size, 0, gone);
	write_header(f);
}

/* Cells of 'v' in 'cells' (1 or 2) big-endian words at p. */
static uint8_t *put_cells(uint8_t *p, uint32_t cells, uint32_t v)
{
	if (cells == 2) {
		put_be32(p, 0);
		p += 4;
	}
	put_be32(p, v);
	return p + 4;
}

const char *fdt_linux_fixup(struct fdt *f, uint32_t mem_base,
			    uint32_t mem_size, const char *bootargs,
			    uint32_t initrd_start, uint32_t initrd_end)
{
	int32_t root = fdt_root(f), mem, chosen;
	uint32_t ac = fdt_cells(f, root, false), sc = fdt_cells(f, root, true);
	unsigned count;
	uint8_t reg[16], *p;
	const char *err;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return "the root's #address-cells and #size-cells must be 1 "
		       "or 2";
	mem = fdt_memory_node(f, 0, &count);
	if (count > 1)
		return "more than one memory node (device_type \"memory\"): "
		       "keep one, the monitor gives it the guest's RAM";
	if (mem < 0) {
		mem = fdt_add_subnode(f, root, "memory");
		if (mem < 0)
			return "no room in the device tree for /memory";
		err = fdt_setprop(f, mem, "device_type", "memory", 7);
		if (err)
			return err;
	}
	p = put_cells(reg, ac, mem_base);
	p = put_cells(p, sc, mem_size);
	err = fdt_setprop(f, mem, "reg", reg, (uint32_t)(p - reg));
	if (err)
		return err;
	/* Linux prefers linux,usable-memory to reg (early_init_dt_scan_memory):
	 * a stale one would give the guest RAM it does not have. */
	fdt_delprop(f, mem, "linux,usable-memory");

	root = fdt_root(f);
	chosen = fdt_subnode(f, root, "chosen");
	if (chosen < 0) {
		chosen = fdt_add_subnode(f, root, "chosen");
		if (chosen < 0)
			return "no room in the device tree for /chosen";
	}
	if (bootargs) {
		err = fdt_setprop(f, chosen, "bootargs", bootargs,
				  cstrlen(bootargs) + 1);
		if (err)
			return err;
	}
	if (initrd_end > initrd_start) {
		uint8_t v[4];

		put_be32(v, initrd_start);
		err = fdt_setprop(f, chosen, "linux,initrd-start", v, 4);
		if (err)
			return err;
		put_be32(v, initrd_end);
		return fdt_setprop(f, chosen, "linux,initrd-end", v, 4);
	}
	fdt_delprop(f, chosen, "linux,initrd-start");
	fdt_delprop(f, chosen, "linux,initrd-end");
	return NULL;
}
