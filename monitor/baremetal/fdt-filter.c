/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdt-filter.c -- the guest's device tree cut down to the board's
 * devices (fdt-filter.h says what is kept).  Freestanding C11 like
 * fdt.c: no division (the ARM build has no __aeabi_uidiv), no
 * recursion, no allocation; nodes are dropped by overwriting them with
 * FDT_NOP (fdt_nop_node), so that the offsets of a walk stay valid, and
 * the tree is packed once at the end.
 *
 * Address translation: DT spec v0.3 2.3.6 ('reg': (address, length)
 * pairs in the parent's #address-cells/#size-cells), 2.3.8 ('ranges':
 * (child address, parent address, length) triples; empty = identity;
 * absent = no translation to the parent's space).
 */
#include "fdt-filter.h"

#if __STDC_HOSTED__
#include <string.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif

/* A path component longer than this is not resolved (the alias or
 * stdout-path naming it is deleted). */
#define FILTER_NAME_MAX 64u

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* 'cells' (1 or 2) big-endian cells at p as 32 bits; false for other
 * counts or a non-zero upper cell. */
static bool read_cells(const uint8_t *p, uint32_t cells, uint32_t *out)
{
	if (cells == 1 || cells == 2) {
		if (cells == 2 && fdt_be32(p))
			return false;
		*out = fdt_be32(p + 4 * (cells - 1));
		return true;
	}
	return false;
}

/* [addr, addr + size) inside [base, base + len)?  Without overflow. */
static bool range_inside(uint32_t addr, uint32_t size, uint32_t base,
			 uint32_t len)
{
	return addr - base < len && size <= len - (addr - base);
}

static bool in_regions(uint32_t addr, uint32_t size,
		       const struct dev_region *regions, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (!(regions[i].flags & DEV_REGION_NOT_IN_DT) &&
		    range_inside(addr, size, regions[i].base, regions[i].size))
			return true;
	return false;
}

/* Translate [*addr, *addr + size) from the address space of the children
 * of stack[depth - 1] to the root's, through the 'ranges' of
 * stack[depth - 1] .. stack[1] (each one known to have one). */
static bool translate(const struct fdt *f, const int32_t *stack,
		      uint32_t depth, uint32_t *addr, uint32_t size)
{
	for (uint32_t k = depth - 1; k > 0; k--) {
		int32_t bus = stack[k];
		uint32_t cac = fdt_cells(f, bus, false);
		uint32_t csc = fdt_cells(f, bus, true);
		uint32_t pac = fdt_cells(f, stack[k - 1], false);
		uint32_t len, entry, off;
		const uint8_t *r = fdt_getprop(f, bus, "ranges", &len);
		bool found = false;

		if (len == 0)
			continue; /* identity */
		if (cac - 1 > 1 || pac - 1 > 1 || csc - 1 > 1)
			return false;
		entry = 4 * (cac + pac + csc);
		for (off = 0; len - off >= entry; off += entry) {
			uint32_t cb, pb, rlen;

			if (!read_cells(r + off, cac, &cb) ||
			    !read_cells(r + off + 4 * cac, pac, &pb) ||
			    !read_cells(r + off + 4 * (cac + pac), csc, &rlen) ||
			    !range_inside(*addr, size, cb, rlen))
				continue;
			if (pb + (*addr - cb) < pb)
				return false; /* past 4 GiB */
			*addr = pb + (*addr - cb);
			found = true;
			break;
		}
		if (!found)
			return false;
	}
	return true;
}

static bool is_memory(const struct fdt *f, int32_t node)
{
	uint32_t len;
	const uint8_t *t = fdt_getprop(f, node, "device_type", &len);

	return t && len == 7 && !memcmp(t, "memory", 7);
}

/* Does the node at stack[depth] stay, as far as its 'reg' goes? */
static bool reg_provided(const struct fdt *f, const int32_t *stack,
			 uint32_t depth, const struct dev_region *regions,
			 unsigned n)
{
	int32_t node = stack[depth], parent = stack[depth - 1];
	uint32_t len, ac, sc, entry, off;
	const uint8_t *reg = fdt_getprop(f, node, "reg", &len);

	if (!reg || (depth == 1 && is_memory(f, node)))
		return true;
	for (uint32_t k = depth - 1; k > 0; k--)
		if (!fdt_getprop(f, stack[k], "ranges", &entry))
			return true; /* not a CPU address */
	ac = fdt_cells(f, parent, false);
	sc = fdt_cells(f, parent, true);
	if (ac - 1 > 1 || sc > 2 || len == 0)
		return false;
	entry = 4 * (ac + sc);
	for (off = 0; len - off >= entry; off += entry) {
		uint32_t addr, size = 1;

		if (!read_cells(reg + off, ac, &addr) ||
		    (sc && !read_cells(reg + off + 4 * ac, sc, &size)))
			return false;
		if (size == 0)
			size = 1;
		if (!translate(f, stack, depth, &addr, size) ||
		    !in_regions(addr, size, regions, n))
			return false;
	}
	return off == len;
}

/* Pass 1: every node whose 'reg' is not the board's, with its subtree. */
static unsigned drop_unprovided(struct fdt *f,
				const struct dev_region *regions, unsigned n)
{
	int32_t stack[FDT_MAX_DEPTH];
	uint32_t off = (uint32_t)fdt_root(f), depth = 0;
	unsigned dropped = 0;

	for (;;) {
		uint32_t t = fdt_token(f, off);

		if (t == FDT_END)
			return dropped;
		if (t == FDT_BEGIN_NODE) {
			stack[depth] = (int32_t)off;
			if (depth > 0 &&
			    !reg_provided(f, stack, depth, regions, n)) {
				fdt_nop_node(f, (int32_t)off);
				dropped++;
				continue; /* off is a FDT_NOP now */
			}
			depth++;
		} else if (t == FDT_END_NODE) {
			depth--;
		}
		off = fdt_token_next(f, off);
	}
}

static bool phandle_exists(const struct fdt *f, uint32_t ph)
{
	uint32_t off = 0;

	if (ph == 0 || ph == 0xffffffffu)
		return false;
	for (;; off = fdt_token_next(f, off)) {
		uint32_t t = fdt_token(f, off), len;
		const char *name;

		if (t == FDT_END)
			return false;
		if (t != FDT_PROP)
			continue;
		name = fdt_prop_name(f, off);
		if ((streq(name, "phandle") || streq(name, "linux,phandle")) &&
		    fdt_prop_value(f, off, &len) && len == 4 &&
		    fdt_be32(fdt_prop_value(f, off, &len)) == ph)
			return true;
	}
}

/* "port", "port@N", "ports": the nodes between a device and its
 * endpoints (Linux's Documentation/devicetree/bindings/graph.txt). */
static bool is_port(const struct fdt *f, int32_t node)
{
	const char *n = fdt_node_name(f, node);

	if (memcmp(n, "port", 4))
		return false;
	n += n[4] == 's' ? 5 : 4;
	return *n == '\0' || *n == '@';
}

/* The node a dangling reference at stack[top] takes with it: for an
 * interrupt-parent the node itself; for a remote-endpoint the device the
 * endpoint belongs to (above its port/ports nodes): a display pipeline
 * element whose neighbour is gone (the CLCD's panel, bridge, connector)
 * is hardware the guest cannot use.  Never the root (index 0). */
static uint32_t dangling_owner(const struct fdt *f, const int32_t *stack,
			       uint32_t top, bool endpoint)
{
	uint32_t k = top;

	if (!endpoint)
		return top;
	while (k > 1 && is_port(f, stack[k - 1]))
		k--;
	return k > 1 ? k - 1 : top;
}

/* Pass 2: nodes below the root whose interrupt-parent or
 * remote-endpoint names no node left (with what dangling_owner() says);
 * until none does. */
static unsigned drop_dangling(struct fdt *f)
{
	unsigned dropped = 0;
	bool again = true;

	while (again) {
		int32_t stack[FDT_MAX_DEPTH];
		uint32_t off = (uint32_t)fdt_root(f), depth = 0;

		again = false;
		for (;;) {
			uint32_t t = fdt_token(f, off), len;
			const uint8_t *v;
			const char *name;
			bool ep;

			if (t == FDT_END)
				break;
			if (t == FDT_BEGIN_NODE) {
				stack[depth++] = (int32_t)off;
			} else if (t == FDT_END_NODE) {
				depth--;
			} else if (t == FDT_PROP && depth > 1) {
				name = fdt_prop_name(f, off);
				v = fdt_prop_value(f, off, &len);
				ep = streq(name, "remote-endpoint");
				if ((ep || streq(name, "interrupt-parent")) &&
				    (len != 4 || !phandle_exists(f, fdt_be32(v)))) {
					depth = dangling_owner(f, stack,
							       depth - 1, ep);
					off = (uint32_t)stack[depth];
					fdt_nop_node(f, (int32_t)off);
					dropped++;
					again = true;
					continue;
				}
			}
			off = fdt_token_next(f, off);
		}
	}
	return dropped;
}

/* The node at the absolute path p[0..n), or -1. */
static int32_t path_node(const struct fdt *f, const uint8_t *p, uint32_t n)
{
	char name[FILTER_NAME_MAX];
	int32_t node = fdt_root(f);
	uint32_t i = 1;

	if (n == 0 || p[0] != '/')
		return -1;
	while (i < n) {
		uint32_t j = i;

		while (j < n && p[j] != '/')
			j++;
		if (j - i >= FILTER_NAME_MAX)
			return -1;
		if (j > i) {
			memcpy(name, p + i, j - i);
			name[j - i] = '\0';
			node = fdt_subnode(f, node, name);
			if (node < 0)
				return -1;
		}
		i = j + 1;
	}
	return node;
}

/* Length of the string property value v[0..len) up to 'stop' or its
 * NUL; len itself when it is not NUL-terminated (not a string). */
static uint32_t str_len(const uint8_t *v, uint32_t len, uint8_t stop)
{
	uint32_t i = 0;

	if (len == 0 || v[len - 1])
		return len;
	while (v[i] && v[i] != stop)
		i++;
	return i;
}

/* Does the path or alias name v[0..n) still lead to a node? */
static bool target_exists(const struct fdt *f, const uint8_t *v, uint32_t n)
{
	char alias[FILTER_NAME_MAX];
	int32_t aliases;
	uint32_t len;
	const uint8_t *a;

	if (n && v[0] == '/')
		return path_node(f, v, n) >= 0;
	aliases = fdt_subnode(f, fdt_root(f), "aliases");
	if (n == 0 || n >= FILTER_NAME_MAX || aliases < 0)
		return false;
	memcpy(alias, v, n);
	alias[n] = '\0';
	a = fdt_getprop(f, aliases, alias, &len);
	return a && str_len(a, len, 0) < len &&
	       path_node(f, a, str_len(a, len, 0)) >= 0;
}

/* Delete the properties of 'node' (all, or the one called 'only') whose
 * string value up to 'stop' names no node left. */
static unsigned drop_dead_paths(struct fdt *f, int32_t node, const char *only,
				uint8_t stop)
{
	uint32_t off, len, n;
	unsigned dropped = 0;

	if (node < 0)
		return 0;
	for (off = fdt_token_next(f, (uint32_t)node);;
	     off = fdt_token_next(f, off)) {
		uint32_t t = fdt_token(f, off);
		const uint8_t *v;

		if (t == FDT_NOP)
			continue;
		if (t != FDT_PROP)
			return dropped;
		if (only && !streq(fdt_prop_name(f, off), only))
			continue;
		v = fdt_prop_value(f, off, &len);
		n = str_len(v, len, stop);
		if (n == len || !target_exists(f, v, n)) {
			fdt_nop_prop(f, off);
			dropped++;
		}
	}
}

void fdt_filter_devices(struct fdt *f, const struct dev_region *regions,
			unsigned nregions, struct fdt_filter_stats *st)
{
	struct fdt_filter_stats s = {0};
	int32_t root, chosen;

	s.nodes = drop_unprovided(f, regions, nregions);
	s.links = drop_dangling(f);
	root = fdt_root(f);
	s.paths = drop_dead_paths(f, fdt_subnode(f, root, "aliases"), NULL, 0);
	chosen = fdt_subnode(f, root, "chosen");
	s.paths += drop_dead_paths(f, chosen, "stdout-path", ':');
	s.paths += drop_dead_paths(f, chosen, "linux,stdout-path", ':');
	fdt_pack(f);
	if (st)
		*st = s;
}
