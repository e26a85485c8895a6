/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdt.h -- a small flattened-device-tree reader and in-place editor
 * (Devicetree Specification v0.3, chapter 5 "Flattened Devicetree (DTB)
 * Format").  Freestanding and without libfdt: armpv-bm reads the DTB its
 * boot loader passes and edits the guest's; armpv-bundle links the same
 * file hosted, so the tool accepts exactly what the monitor accepts.
 *
 * Every offset and length in the blob is checked against the blob's size
 * once, by fdt_open(); the lookups and edits then walk a structure known
 * to be well formed.  Errors are static strings (no console here: the
 * callers report them, with fdt_open()'s offset).
 */
#ifndef ARMPV_FDT_H
#define ARMPV_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_HEADER_SIZE 40u /* version 17 */
#define FDT_MAX_DEPTH 32u   /* deeper is garbage, not a board */

/* Structure block tokens (spec 5.4.1). */
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

struct fdt {
	uint8_t *blob;	/* the header; writable for the edits */
	uint32_t size;	/* totalsize */
	uint32_t cap;	/* bytes usable at blob (edits grow up to this) */
	uint32_t off_struct, size_struct, off_strings, size_strings;
};

uint32_t fdt_be32(const uint8_t *p);

/*
 * Check the blob at 'blob' (at most 'avail' bytes readable there): magic,
 * version 17 header, the memory reservation map, structure and strings
 * blocks inside totalsize, and a well-formed structure block (tokens,
 * names, property lengths and name offsets, nesting, one root, FDT_END).
 * NULL when good, else what is wrong, *where the byte offset in the blob.
 */
const char *fdt_open(struct fdt *f, const void *blob, uint32_t avail,
		     uint32_t *where);

/* The root node, and lookups.  A node is the offset of its
 * FDT_BEGIN_NODE token in the structure block; -1 is "none".  A name
 * without '@' matches a node "name" or "name@unit". */
int32_t fdt_root(const struct fdt *f);
int32_t fdt_subnode(const struct fdt *f, int32_t node, const char *name);
const uint8_t *fdt_getprop(const struct fdt *f, int32_t node,
			   const char *name, uint32_t *len);
/* The root's memory nodes (device_type "memory", or named memory):
 * the index-th, and how many there are. */
int32_t fdt_memory_node(const struct fdt *f, unsigned index,
			unsigned *count);
/* #address-cells / #size-cells of 'node' (defaults 2 and 1: DT spec
 * 2.3.5). */
uint32_t fdt_cells(const struct fdt *f, int32_t node, bool size);
/* A number of 1 or 2 cells (len 4 or 8) that must fit 32 bits; false if
 * it does not. */
bool fdt_read_u32(const uint8_t *val, uint32_t len, uint32_t *out);

/*
 * Walking token by token (offsets in the structure block of an opened
 * tree): the token at 'off', the offset of the next one; a node's name;
 * a property's name and value (len: its length).
 */
uint32_t fdt_token(const struct fdt *f, uint32_t off);
uint32_t fdt_token_next(const struct fdt *f, uint32_t off);
const char *fdt_node_name(const struct fdt *f, int32_t node);
const char *fdt_prop_name(const struct fdt *f, uint32_t prop);
const uint8_t *fdt_prop_value(const struct fdt *f, uint32_t prop,
			      uint32_t *len);

/*
 * Editing.  fdt_open_into() copies an opened tree into 'buf' (cap bytes,
 * not overlapping it) in the layout the edits need -- header, memory
 * reservation map, structure block, strings block last -- so that a
 * property or node can grow the structure block by moving the strings
 * up, and a new name can be appended to the strings.  The copy's
 * totalsize is what it uses; the rest of cap is zeroed free space.
 */
const char *fdt_open_into(struct fdt *dst, uint8_t *buf, uint32_t cap,
			  const struct fdt *src);
const char *fdt_setprop(struct fdt *f, int32_t node, const char *name,
			const void *val, uint32_t len);
void fdt_delprop(struct fdt *f, int32_t node, const char *name);
/* Adds an empty child at the end of 'node'; returns it, or -1 when
 * there is no room. */
int32_t fdt_add_subnode(struct fdt *f, int32_t node, const char *name);
/* Overwrite a node (its whole subtree) or a property with FDT_NOP
 * tokens, which readers skip (spec 5.4.1): offsets of everything else
 * stay valid, so a walk can go on.  fdt_pack() then removes every
 * FDT_NOP (and anything after FDT_END in the structure block). */
void fdt_nop_node(struct fdt *f, int32_t node);
void fdt_nop_prop(struct fdt *f, uint32_t prop);
void fdt_pack(struct fdt *f);

/*
 * What a boot loader does to a Linux DTB (Documentation/arm/booting.rst
 * 4b): the memory node's reg = one bank (base, size) in the root's cells;
 * /chosen created if absent; bootargs set when 'bootargs' is not NULL;
 * linux,initrd-start/-end set (32-bit cells, as Linux's
 * early_init_dt_check_for_initrd() reads any length) when initrd_end >
 * initrd_start, removed otherwise (a stale pair would make Linux use
 * whatever lies there).  Refused: more than one memory node, cell counts
 * other than 1 or 2.
 */
const char *fdt_linux_fixup(struct fdt *f, uint32_t mem_base,
			    uint32_t mem_size, const char *bootargs,
			    uint32_t initrd_start, uint32_t initrd_end);

#endif /* ARMPV_FDT_H */
