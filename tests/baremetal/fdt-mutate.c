// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fdt-mutate -- the monitor's device tree code (monitor/baremetal/fdt.c)
 * on the host, under AddressSanitizer and UBSan, against every malformed
 * tree one edit away from a good one: each truncation, and each byte
 * replaced by a few values that hit tokens, lengths and offsets.  A
 * mutant fdt_open() accepts must survive the lookups and the boot
 * loader's edits (fdt_linux_fixup) inside its buffer, and the edited tree
 * must open again; so must each mutant after the device filter
 * (fdt-filter.c, with the versatile board's table), which may only
 * shrink it.  Also checks the edits on the good trees: /memory
 * reg, /chosen bootargs and the initrd pair set, then the pair removed,
 * nodes created when absent.  (QEMU refuses a malformed -dtb itself, so
 * the monitor's own boot path cannot be fed one under QEMU.)
 *
 *   fdt-mutate [--stride N] TREE.dtb...   exit 0 when every check passes;
 *                          --stride N mutates every Nth byte only (of
 *                          the trees after it: a large tree's run time)
 *   fdt-mutate --filter IN.dtb OUT.dtb
 *                          IN filtered for the versatile board (what
 *                          armpv-bm gives the guest, before its
 *                          /memory and /chosen edits) into OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt-filter.h"
#include "fdt.h"
#include "versatile.h"

static unsigned failures;

static void fail(const char *file, const char *what, long at)
{
	printf("FAIL: %s: %s (mutation at %ld)\n", file, what, at);
	failures++;
}

/* Lookups, the edits, then the edited tree opened again. */
static void exercise(const char *file, const uint8_t *blob, uint32_t size,
		     long at)
{
	struct fdt f, g, h;
	uint32_t where, len, cap = size + 2048;
	uint8_t *buf = malloc(cap);
	int32_t root, node;
	unsigned count;
	const char *err;

	if (fdt_open(&f, blob, size, &where)) {
		free(buf);
		return;
	}
	root = fdt_root(&f);
	node = fdt_subnode(&f, root, "chosen");
	if (node >= 0)
		fdt_getprop(&f, node, "bootargs", &len);
	fdt_memory_node(&f, 0, &count);
	fdt_cells(&f, root, true);
	err = fdt_open_into(&g, buf, cap, &f);
	if (!err) {
		uint32_t before = g.size;

		fdt_filter_devices(&g, versatile_regions, VERSATILE_NREGIONS,
				   NULL);
		if (g.size > before)
			fail(file, "the filter grew the tree", at);
		if (fdt_open(&h, g.blob, g.size, &where))
			fail(file, "the filtered tree does not open again", at);
		err = fdt_linux_fixup(&g, 0, 0x01000000, "console=ttyAMA0",
				      0x00800000, 0x00900000);
	}
	if (!err && fdt_open(&h, g.blob, g.size, &where))
		fail(file, "the edited tree does not open again", at);
	free(buf);
}

static uint32_t prop32(const struct fdt *f, const char *node,
		       const char *name, uint32_t index)
{
	uint32_t len;
	int32_t n = !strcmp(node, "memory")
			    ? fdt_memory_node(f, 0, &(unsigned){ 0 })
			    : fdt_subnode(f, fdt_root(f), node);
	const uint8_t *v = n >= 0 ? fdt_getprop(f, n, name, &len) : NULL;

	return v && len >= 4 * (index + 1) ? fdt_be32(v + 4 * index)
					   : 0xdeadbeef;
}

/* The good tree: what the monitor does to it, checked. */
static void check_edits(const char *file, const uint8_t *blob, uint32_t size)
{
	struct fdt f, g, h;
	uint32_t where, len, ac, cap = size + 1024;
	uint8_t *buf = malloc(cap);
	const char *err, *args = "console=ttyAMA0 root=/dev/ram";
	const uint8_t *v;

	err = fdt_open(&f, blob, size, &where);
	if (err) {
		printf("FAIL: %s: %s at 0x%x\n", file, err, where);
		failures++;
		free(buf);
		return;
	}
	err = fdt_open_into(&g, buf, cap, &f);
	if (!err)
		err = fdt_linux_fixup(&g, 0, 0x01000000, args, 0x00f00000,
				      0x00f01389);
	if (err || fdt_open(&h, g.blob, g.size, &where)) {
		fail(file, err ? err : "edited tree invalid", -1);
		free(buf);
		return;
	}
	/* reg in the root's cells: #address-cells 1 or 2, #size-cells 1. */
	ac = fdt_cells(&h, fdt_root(&h), false);
	if (prop32(&h, "memory", "reg", 0) != 0 ||
	    prop32(&h, "memory", "reg", ac - 1) != 0 ||
	    prop32(&h, "memory", "reg", ac) != 0x01000000)
		fail(file, "/memory reg is not (0, 16 MiB)", -1);
	v = fdt_getprop(&h, fdt_subnode(&h, fdt_root(&h), "chosen"),
			"bootargs", &len);
	if (!v || len != strlen(args) + 1 || memcmp(v, args, len))
		fail(file, "/chosen bootargs not set", -1);
	if (prop32(&h, "chosen", "linux,initrd-start", 0) != 0x00f00000 ||
	    prop32(&h, "chosen", "linux,initrd-end", 0) != 0x00f01389)
		fail(file, "initrd pair not set", -1);
	/* Again without an initrd: the pair goes. */
	err = fdt_linux_fixup(&g, 0, 0x01000000, NULL, 0, 0);
	if (err || fdt_open(&h, g.blob, g.size, &where) ||
	    prop32(&h, "chosen", "linux,initrd-start", 0) != 0xdeadbeef ||
	    prop32(&h, "chosen", "linux,initrd-end", 0) != 0xdeadbeef)
		fail(file, "initrd pair not removed", -1);
	v = fdt_getprop(&h, fdt_subnode(&h, fdt_root(&h), "chosen"),
			"bootargs", &len);
	if (!v || memcmp(v, args, strlen(args) + 1))
		fail(file, "bootargs lost by an edit without bootargs", -1);
	free(buf);
}

/* --filter IN OUT. */
static int filter_file(const char *in, const char *out)
{
	static uint8_t blob[65536], buf[65536];
	struct fdt f, g;
	struct fdt_filter_stats st;
	uint32_t where;
	size_t size;
	const char *err;
	FILE *fp = fopen(in, "rb");

	if (!fp) {
		perror(in);
		return 99;
	}
	size = fread(blob, 1, sizeof(blob), fp);
	fclose(fp);
	err = fdt_open(&f, blob, (uint32_t)size, &where);
	if (!err)
		err = fdt_open_into(&g, buf, sizeof(buf), &f);
	if (err) {
		printf("%s: %s\n", in, err);
		return 1;
	}
	fdt_filter_devices(&g, versatile_regions, VERSATILE_NREGIONS, &st);
	printf("%s: dropped %u nodes, %u linked nodes, %u paths\n", in,
	       st.nodes, st.links, st.paths);
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

	if (argc == 4 && !strcmp(argv[1], "--filter"))
		return filter_file(argv[2], argv[3]);
	for (int a = 1; a < argc; a++) {
		FILE *fp;
		uint8_t good[65536], *m;
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
		check_edits(argv[a], good, (uint32_t)size);
		/* Each truncation, in a buffer of exactly that size. */
		for (size_t n = 0; n < size; n += stride, runs++) {
			m = malloc(n ? n : 1);
			memcpy(m, good, n);
			exercise(argv[a], m, (uint32_t)n, (long)n);
			free(m);
		}
		/* Each byte, each value. */
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
		       "trees, edited without fault\n",
		       argv[a], size, runs, opened);
	}
	printf("%u failures\n", failures);
	return failures ? 1 : 0;
}
