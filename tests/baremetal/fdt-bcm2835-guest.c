// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fdt-bcm2835-guest -- the raspi0 guest's device tree made on the host:
 * monitor/baremetal/fdt.c, fdt-filter.c and fdt-bcm2835.c built hosted
 * with AddressSanitizer and UBSan, with the board's four device regions
 * (armctrl 0x2000b200 +0x200, system timer 0x20003000 +0x1000, PM
 * 0x20100000 +0x114, PL011 0x20201000 +0x1000; the raspi0 board's
 * table in armpv-bm lists the same).
 *
 *   fdt-bcm2835-guest --guest IN.dtb OUT.dtb [BOOTARGS]
 *        IN filtered (fdt_filter_devices) and fixed up
 *        (fdt_bcm2835_fixup) into OUT; with BOOTARGS, also
 *        fdt_linux_fixup's /chosen bootargs (no /memory or initrd
 *        change: QEMU's loader sets those when OUT is its -dtb)
 *   fdt-bcm2835-guest [--stride N] TREE.dtb...
 *        checks on each good TREE (the fixup's errors: no /soc, no
 *        PL011, no room, which leave a tree that opens), then every
 *        truncation and every Nth byte replaced by a few values: a
 *        mutant fdt_open() accepts goes through the filter, the fixup
 *        and fdt_linux_fixup inside its buffer, and the result, error
 *        or not, opens again.  Exit 0 when every check passes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt-bcm2835.h"
#include "fdt-filter.h"
#include "fdt.h"

#define PM_BASE 0x20100000u
#define PM_SIZE 0x114u

static const struct dev_region regions[] = {
	{ 0x20003000u, 0x1000u, "system timer", 0 },
	{ 0x2000b200u, 0x200u, "armctrl", 0 },
	{ PM_BASE, PM_SIZE, "pm", 0 },
	{ 0x20201000u, 0x1000u, "pl011", 0 },
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

static unsigned failures;

static void fail(const char *file, const char *what, long at)
{
	printf("FAIL: %s: %s (mutation at %ld)\n", file, what, at);
	failures++;
}

/* Filter and fix 'blob' up in a buffer of 'cap' bytes; the fixup's
 * error (NULL: none), the result in *g; "open" when blob is no tree. */
static const char *make_guest(struct fdt *g, uint8_t *buf, uint32_t cap,
			      const uint8_t *blob, uint32_t size,
			      struct fdt_filter_stats *fs,
			      struct fdt_bcm2835_stats *bs)
{
	struct fdt f;
	uint32_t where;
	const char *err = fdt_open(&f, blob, size, &where);

	if (err)
		return "open";
	err = fdt_open_into(g, buf, cap, &f);
	if (err)
		return err;
	fdt_filter_devices(g, regions, NREGIONS, fs);
	return fdt_bcm2835_fixup(g, PM_BASE, PM_SIZE, bs);
}

static void exercise(const char *file, const uint8_t *blob, uint32_t size,
		     long at)
{
	struct fdt g, h;
	uint32_t where, cap = size + 1024;
	uint8_t *buf = malloc(cap);
	const char *err = make_guest(&g, buf, cap, blob, size, NULL, NULL);

	if (err && !strcmp(err, "open")) {
		free(buf);
		return;
	}
	if (fdt_open(&h, g.blob, g.size, &where))
		fail(file, err ? "a refused tree does not open again"
			       : "the guest tree does not open again",
		     at);
	else if (!err &&
		 !fdt_linux_fixup(&g, 0, 0x08000000, "console=ttyAMA0", 0, 0) &&
		 fdt_open(&h, g.blob, g.size, &where))
		fail(file, "the edited guest tree does not open again", at);
	free(buf);
}

static int32_t path(const struct fdt *f, const char *a, const char *b)
{
	int32_t n = fdt_subnode(f, fdt_root(f), a);

	return n >= 0 && b ? fdt_subnode(f, n, b) : n;
}

/* The fixup's refusals on a good tree, each leaving a tree that opens. */
static void check_refusals(const char *file, const uint8_t *blob,
			   uint32_t size)
{
	struct fdt g, h;
	uint32_t where, cap = size + 1024;
	uint8_t *buf = malloc(cap);
	const char *err = make_guest(&g, buf, cap, blob, size, NULL, NULL);
	int32_t n;

	if (err) {
		printf("FAIL: %s: %s\n", file, err);
		failures++;
		free(buf);
		return;
	}
	/* No PL011. */
	make_guest(&g, buf, cap, blob, size, NULL, NULL);
	n = fdt_subnode(&g, path(&g, "soc", NULL), "serial@7e201000");
	if (n < 0) {
		fail(file, "no /soc/serial@7e201000 in the guest tree", -1);
	} else {
		fdt_nop_node(&g, n);
		fdt_pack(&g);
		err = fdt_bcm2835_fixup(&g, PM_BASE, PM_SIZE, NULL);
		if (!err || !strstr(err, "no PL011"))
			fail(file, "a tree without the PL011 is not refused", -1);
	}
	/* No /soc. */
	make_guest(&g, buf, cap, blob, size, NULL, NULL);
	fdt_nop_node(&g, path(&g, "soc", NULL));
	fdt_pack(&g);
	err = fdt_bcm2835_fixup(&g, PM_BASE, PM_SIZE, NULL);
	if (!err || !strstr(err, "no /soc"))
		fail(file, "a tree without /soc is not refused", -1);
	/* A PM block outside /soc's window. */
	make_guest(&g, buf, cap, blob, size, NULL, NULL);
	err = fdt_bcm2835_fixup(&g, 0x40000000u, PM_SIZE, NULL);
	if (!err || !strstr(err, "ranges"))
		fail(file, "a PM block outside /soc's ranges is not refused",
		     -1);
	if (fdt_open(&h, g.blob, g.size, &where))
		fail(file, "the refused tree does not open", -1);
	/* No room.  The fixup deletes more than it adds on Linux's tree;
	 * on its own result less the two nodes it adds (t: nothing left
	 * to delete) it must add them again, byte for byte the same
	 * result, and with every capacity short of that refuse without a
	 * write past it (ASan) and leave a tree that opens. */
	{
		uint8_t *want = malloc(cap), *t = malloc(cap);
		uint32_t want_size, t_size;
		struct fdt f;

		make_guest(&g, buf, cap, blob, size, NULL, NULL);
		memcpy(want, g.blob, g.size);
		want_size = g.size;
		fdt_nop_node(&g, fdt_subnode(&g, path(&g, "clocks", NULL),
					     "clk-uart"));
		fdt_nop_node(&g, fdt_subnode(&g, path(&g, "soc", NULL),
					     "watchdog@7e100000"));
		fdt_pack(&g);
		memcpy(t, g.blob, g.size);
		t_size = g.size;
		for (uint32_t room = 0;; room += 4) {
			fdt_open(&f, t, t_size, &where);
			fdt_open_into(&g, buf, t_size + room, &f);
			err = fdt_bcm2835_fixup(&g, PM_BASE, PM_SIZE, NULL);
			if (fdt_open(&h, g.blob, g.size, &where) ||
			    g.size > g.cap)
				fail(file, "a fixup without room broke the tree",
				     room);
			if (!err) {
				printf("%s: the fixup adds %u bytes (refused "
				       "with less room)\n",
				       file, room);
				if (g.size != want_size ||
				    memcmp(g.blob, want, want_size))
					fail(file, "the fixup of its own result "
						   "less its nodes differs",
					     -1);
				break;
			}
			if (!strstr(err, "no room") || room > 4096) {
				fail(file, err, room);
				break;
			}
		}
		free(want);
		free(t);
	}
	free(buf);
}

/* --guest IN OUT [BOOTARGS]. */
static int guest_file(const char *in, const char *out, const char *bootargs)
{
	static uint8_t blob[65536], buf[65536];
	struct fdt g;
	struct fdt_filter_stats fs = {0};
	struct fdt_bcm2835_stats bs = {0};
	size_t size;
	const char *err;
	FILE *fp = fopen(in, "rb");

	if (!fp) {
		perror(in);
		return 99;
	}
	size = fread(blob, 1, sizeof(blob), fp);
	fclose(fp);
	err = make_guest(&g, buf, sizeof(buf), blob, (uint32_t)size, &fs, &bs);
	if (!err && bootargs) {
		int32_t chosen = path(&g, "chosen", NULL);

		err = chosen < 0 ? "no /chosen"
				 : fdt_setprop(&g, chosen, "bootargs", bootargs,
					       (uint32_t)strlen(bootargs) + 1);
	}
	if (err) {
		printf("%s: %s\n", in, err);
		return 1;
	}
	printf("%s: %zu bytes -> %u; filter dropped %u nodes, %u linked "
	       "nodes, %u paths; bcm2835 fixup deleted %u nodes, %u PL011 "
	       "properties\n",
	       in, size, g.size, fs.nodes, fs.links, fs.paths, bs.nodes,
	       bs.props);
	fp = fopen(out, "wb");
	if (!fp || fwrite(g.blob, 1, g.size, fp) != g.size || fclose(fp)) {
		perror(out);
		return 99;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const uint8_t values[] = { 0x00, 0xff, 0x01, 0x02, 0x03,
					   0x04, 0x09, 0x80, 0x7f };
	size_t stride = 1;

	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "--guest"))
		return guest_file(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	for (int a = 1; a < argc; a++) {
		FILE *fp;
		static uint8_t good[65536];
		uint8_t *m;
		size_t size;
		unsigned opened = 0, runs = 0;

		if (!strcmp(argv[a], "--stride") && a + 1 < argc) {
			stride = strtoul(argv[++a], NULL, 0);
			stride = stride ? stride : 1;
			continue;
		}
		fp = fopen(argv[a], "rb");
		if (!fp) {
			perror(argv[a]);
			return 99;
		}
		size = fread(good, 1, sizeof(good), fp);
		fclose(fp);
		check_refusals(argv[a], good, (uint32_t)size);
		for (size_t n = 0; n < size; n += stride, runs++) {
			m = malloc(n ? n : 1);
			memcpy(m, good, n);
			exercise(argv[a], m, (uint32_t)n, (long)n);
			free(m);
		}
		for (size_t i = 0; i < size; i += stride) {
			for (size_t k = 0; k < sizeof(values); k++, runs++) {
				struct fdt f;
				uint32_t where;

				m = malloc(size);
				memcpy(m, good, size);
				m[i] = values[k];
				if (!fdt_open(&f, m, (uint32_t)size, &where))
					opened++;
				exercise(argv[a], m, (uint32_t)size, (long)i);
				free(m);
			}
		}
		printf("%s: %zu bytes, %u mutants, %u of them still valid "
		       "trees, filtered and fixed up without fault\n",
		       argv[a], size, runs, opened);
	}
	printf("%u failures\n", failures);
	return failures ? 1 : 0;
}
