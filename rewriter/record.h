/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * record.h -- the mark armpv-rewrite leaves in its output.
 *
 * The record is one line of text:
 *   armpv-rewrite tables=1 layout=0x2426f501 arch=armv5te mrs=2 msr=5 ...
 * naming the tables the trap words follow and the trap sites per class.
 * Executables and shared objects carry it in a non-allocated SHT_NOTE
 * section ".note.armpv" (owner "armpv", type 1), padded to a fixed size so a
 * later run can update it in place.  Relocatable objects carry it as a
 * string in an extra ".comment" section: the linker merges .comment
 * sections and the Linux linker script keeps them out of the image, whereas
 * any ".note.*" input section would land in the kernel's allocated .notes
 * and shift its layout.
 */
#ifndef ARMPV_RECORD_H
#define ARMPV_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "armpv_tables.h"
#include "elf-model.h"

#define RW_NOTE_NAME "armpv"
#define RW_NOTE_TYPE 1
#define RW_NOTE_DESC_SIZE 512

struct rw_record {
	bool found;
	unsigned version;
	uint32_t layout;
	unsigned arch;
	unsigned long counts[ARMPV_NINSNS];
	size_t note_section; /* .note.armpv index, 0 if none */
};

/* Find the last record in the file; 'out' may be NULL. */
bool rw_record_find(const struct rw_elf *e, struct rw_record *out);

/* Does the record say exactly this? */
bool rw_record_matches(const struct rw_record *rec, unsigned arch,
		       const unsigned long counts[ARMPV_NINSNS]);

/* What writing the output adds to the (already patched) image. */
struct rw_record_patch {
	Elf32_Ehdr ehdr;	 /* the new ELF header */
	unsigned char *tail;	 /* bytes appended after the image */
	size_t tail_size;
	size_t note_offset;	 /* in-place note update: file offset, or 0 */
	unsigned char note[RW_NOTE_DESC_SIZE];
};

enum rw_status rw_record_prepare(const struct rw_elf *e, const struct rw_record *old,
				 unsigned arch, const unsigned long counts[ARMPV_NINSNS],
				 struct rw_record_patch *p);
/* Apply the patch to fd, which holds a copy of the file (rw_elf_copy). */
enum rw_status rw_record_apply(int fd, const struct rw_elf *e,
			       const struct rw_record_patch *p);
void rw_record_free(struct rw_record_patch *p);

#endif
