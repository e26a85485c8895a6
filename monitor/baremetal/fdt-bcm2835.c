/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fdt-bcm2835.c -- the BCM2835 guest's device tree made whole after the
 * device filter (fdt-bcm2835.h says what and why).  Freestanding C11
 * like fdt.c and fdt-filter.c: no allocation, no recursion, no division.
 *
 * Deletions overwrite with FDT_NOP (offsets stay valid during a walk)
 * and one fdt_pack() follows them; the additions then move what follows
 * them, so each looks its nodes up again by path afterwards.
 *
 * References: Linux 6.1 arch/arm/boot/dts/bcm283x.dtsi (the SoC),
 * Documentation/devicetree/bindings/clock/fixed-clock.yaml,
 * .../soc/bcm/brcm,bcm2835-pm.yaml, .../serial/arm,pl011.yaml; DT spec
 * v0.3 2.3.8 ('ranges').
 */
#include "fdt-bcm2835.h"

#if __STDC_HOSTED__
#include <string.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif

/* The root's children that describe hardware the guest has not (or,
 * for __symbols__, name it). */
static const char *const root_dead[] = {
	"__symbols__", "thermal-zones", "leds", "phy", "arm-pmu",
};

/* "brcm,bcm2835-pm" then "brcm,bcm2835-pm-wdt", as bcm283x.dtsi. */
static const char pm_compatible[] = "brcm,bcm2835-pm\0brcm,bcm2835-pm-wdt";
static const char fixed_clock[] = "fixed-clock";
static const char uart_clock_name[] = "uart0_pclk";

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t cstrlen(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Does the string s start with 'prefix' (the whole of s when 'whole')?
 * Byte by byte: s may be a short name at the end of the strings block. */
static bool starts_with(const char *s, const char *prefix, bool whole)
{
	while (*prefix && *s == *prefix) {
		s++;
		prefix++;
	}
	return !*prefix && (!whole || !*s);
}

/* Is 'want' one of the strings of node's 'compatible'? */
static bool compatible_with(const struct fdt *f, int32_t node,
			    const char *want)
{
	uint32_t len, i = 0, n = cstrlen(want) + 1;
	const uint8_t *v = fdt_getprop(f, node, "compatible", &len);

	if (!v || len == 0 || v[len - 1])
		return false;
	while (i < len) {
		uint32_t j = i;

		while (v[j])
			j++;
		if (j + 1 - i == n && !memcmp(v + i, want, n))
			return true;
		i = j + 1;
	}
	return false;
}

/* The first property token of 'node' and each next one: the children
 * follow the properties (spec 5.4.2); NOPs are skipped. */
static uint32_t skip_nops(const struct fdt *f, uint32_t off)
{
	while (fdt_token(f, off) == FDT_NOP)
		off = fdt_token_next(f, off);
	return off;
}

/* The next child of a node after 'off' (a property, a child's
 * FDT_BEGIN_NODE, or the token after a child), or -1 at its end. */
static int32_t next_child(const struct fdt *f, uint32_t off)
{
	for (;;) {
		off = skip_nops(f, off);
		switch (fdt_token(f, off)) {
		case FDT_BEGIN_NODE:
			return (int32_t)off;
		case FDT_PROP:
			off = fdt_token_next(f, off);
			break;
		default:
			return -1;
		}
	}
}

/* The token after 'node' and its subtree. */
static uint32_t after_node(const struct fdt *f, int32_t node)
{
	uint32_t off = fdt_token_next(f, (uint32_t)node), depth = 0;

	for (;; off = fdt_token_next(f, off)) {
		uint32_t t = fdt_token(f, off);

		if (t == FDT_BEGIN_NODE)
			depth++;
		else if (t == FDT_END_NODE && depth-- == 0)
			return fdt_token_next(f, off);
	}
}

/* The first child of 'parent' compatible with 'compat', or -1. */
static int32_t child_compatible(const struct fdt *f, int32_t parent,
				const char *compat)
{
	int32_t c;

	for (c = next_child(f, fdt_token_next(f, (uint32_t)parent)); c >= 0;
	     c = next_child(f, after_node(f, c)))
		if (compatible_with(f, c, compat))
			return c;
	return -1;
}

/* Step 1's deletions under /soc and /clocks; the count. */
static unsigned drop_soc_and_clocks(struct fdt *f, int32_t soc,
				    int32_t clocks)
{
	unsigned n = 0;
	uint32_t len, next;
	int32_t c;

	/* The token after a child is taken before it turns into NOPs. */
	for (c = next_child(f, fdt_token_next(f, (uint32_t)soc)); c >= 0;
	     c = next_child(f, next)) {
		next = after_node(f, c);
		if (!fdt_getprop(f, c, "reg", &len) ||
		    compatible_with(f, c, "brcm,bcm2835-pm") ||
		    compatible_with(f, c, "brcm,bcm2835-pm-wdt")) {
			fdt_nop_node(f, c);
			n++;
		}
	}
	if (clocks >= 0)
		for (c = next_child(f, fdt_token_next(f, (uint32_t)clocks));
		     c >= 0; c = next_child(f, next)) {
			next = after_node(f, c);
			fdt_nop_node(f, c);
			n++;
		}
	return n;
}

/* Delete the PL011's pinctrl-* properties; the count. */
static unsigned drop_pinctrl(struct fdt *f, int32_t uart)
{
	unsigned n = 0;
	uint32_t off;

	for (off = skip_nops(f, fdt_token_next(f, (uint32_t)uart));
	     fdt_token(f, off) == FDT_PROP;
	     off = skip_nops(f, fdt_token_next(f, off)))
		if (starts_with(fdt_prop_name(f, off), "pinctrl-", false)) {
			fdt_nop_prop(f, off);
			n++;
		}
	return n;
}

/* One more than the largest phandle in the tree (at least 1). */
static uint32_t new_phandle(const struct fdt *f)
{
	uint32_t off = 0, max = 0, len;

	for (;; off = fdt_token_next(f, off)) {
		uint32_t t = fdt_token(f, off);
		const char *name;
		const uint8_t *v;

		if (t == FDT_END)
			return max + 1;
		if (t != FDT_PROP)
			continue;
		name = fdt_prop_name(f, off);
		v = fdt_prop_value(f, off, &len);
		if (len == 4 && (starts_with(name, "phandle", true) ||
				 starts_with(name, "linux,phandle", true)) &&
		    fdt_be32(v) > max && fdt_be32(v) != 0xffffffffu)
			max = fdt_be32(v);
	}
}

/* 'phys' (a CPU physical address) as an address of /soc's children:
 * the 'ranges' window (child, parent, length) holding [phys, phys +
 * size); false without one.  Empty 'ranges' is the identity. */
static bool soc_bus_address(const struct fdt *f, int32_t soc, uint32_t phys,
			    uint32_t size, uint32_t *bus)
{
	uint32_t cac = fdt_cells(f, soc, false), csc = fdt_cells(f, soc, true);
	uint32_t pac = fdt_cells(f, fdt_root(f), false), len, entry, off;
	const uint8_t *r = fdt_getprop(f, soc, "ranges", &len);

	if (!r)
		return false;
	if (len == 0) {
		*bus = phys;
		return true;
	}
	if (cac - 1 > 1 || pac - 1 > 1 || csc - 1 > 1)
		return false;
	entry = 4 * (cac + pac + csc);
	for (off = 0; len - off >= entry; off += entry) {
		uint32_t cb, pb, rlen;

		if (!fdt_read_u32(r + off, 4 * cac, &cb) ||
		    !fdt_read_u32(r + off + 4 * cac, 4 * pac, &pb) ||
		    !fdt_read_u32(r + off + 4 * (cac + pac), 4 * csc, &rlen))
			continue;
		if (phys - pb < rlen && size <= rlen - (phys - pb) &&
		    cb + (phys - pb) >= cb) {
			*bus = cb + (phys - pb);
			return true;
		}
	}
	return false;
}

/* "watchdog@" and 'addr' in lower-case hex without leading zeros (the
 * unit address, DT spec 2.2.1), into buf (at least 18 bytes). */
static void unit_name(char *buf, const char *prefix, uint32_t addr)
{
	uint32_t n = cstrlen(prefix);
	int shift = 28;

	memcpy(buf, prefix, n);
	buf[n++] = '@';
	while (shift > 0 && !((addr >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		buf[n++] = "0123456789abcdef"[(addr >> shift) & 0xf];
	buf[n] = '\0';
}

/* (v) in 'cells' (1 or 2) cells at p; the end. */
static uint8_t *put_cells(uint8_t *p, uint32_t cells, uint32_t v)
{
	if (cells == 2) {
		put_be32(p, 0);
		p += 4;
	}
	put_be32(p, v);
	return p + 4;
}

static int32_t soc_node(const struct fdt *f)
{
	return fdt_subnode(f, fdt_root(f), "soc");
}

static int32_t uart_node(const struct fdt *f)
{
	int32_t soc = soc_node(f);

	return soc < 0 ? -1 : child_compatible(f, soc, "arm,pl011");
}

/* Steps 2 and 3: /clocks/clk-uart and the PL011's clocks. */
static const char *add_uart_clock(struct fdt *f)
{
	static const char no_room[] = "no room in the device tree for the "
				      "PL011's clock";
	uint32_t ph = new_phandle(f);
	uint8_t v[8];
	int32_t clocks = fdt_subnode(f, fdt_root(f), "clocks"), clk;
	const char *err;

	if (clocks < 0 && fdt_add_subnode(f, fdt_root(f), "clocks") < 0)
		return no_room;
	clocks = fdt_subnode(f, fdt_root(f), "clocks");
	if (clocks < 0 || fdt_add_subnode(f, clocks, "clk-uart") < 0)
		return no_room;
	/* Added at the end of /clocks: /clocks itself did not move. */
	clk = fdt_subnode(f, clocks, "clk-uart");
	if (clk < 0)
		return no_room;
	put_be32(v, ph);
	if ((err = fdt_setprop(f, clk, "phandle", v, 4)) ||
	    (err = fdt_setprop(f, clk, "clock-output-names", uart_clock_name,
			       sizeof(uart_clock_name))))
		return err;
	put_be32(v, FDT_BCM2835_UART_CLOCK_HZ);
	if ((err = fdt_setprop(f, clk, "clock-frequency", v, 4)))
		return err;
	put_be32(v, 0);
	if ((err = fdt_setprop(f, clk, "#clock-cells", v, 4)) ||
	    (err = fdt_setprop(f, clk, "compatible", fixed_clock,
			       sizeof(fixed_clock))))
		return err;
	/* uartclk, apb_pclk: clock-names stays as it is. */
	put_be32(v, ph);
	put_be32(v + 4, ph);
	return fdt_setprop(f, uart_node(f), "clocks", v, 8);
}

/* Step 4: the PM block's watchdog, "pm" registers only. */
static const char *add_pm(struct fdt *f, uint32_t pm_base, uint32_t pm_size)
{
	static const char no_room[] = "no room in the device tree for the "
				      "PM watchdog";
	char name[32];
	uint8_t reg[16], *p;
	uint32_t bus;
	int32_t soc = soc_node(f), pm;
	uint32_t ac, sc;
	const char *err;

	if (soc < 0)
		return "no /soc node: not a BCM2835 device tree";
	ac = fdt_cells(f, soc, false);
	sc = fdt_cells(f, soc, true);
	if (ac - 1 > 1 || sc - 1 > 1)
		return "/soc's #address-cells and #size-cells must be 1 or 2";
	if (!soc_bus_address(f, soc, pm_base, pm_size, &bus))
		return "no window of /soc's 'ranges' holds the PM block";
	unit_name(name, "watchdog", bus);
	if (fdt_add_subnode(f, soc, name) < 0)
		return no_room;
	pm = fdt_subnode(f, soc_node(f), name);
	if (pm < 0)
		return no_room;
	p = put_cells(reg, ac, bus);
	p = put_cells(p, sc, pm_size);
	if ((err = fdt_setprop(f, pm, "system-power-controller", "", 0)) ||
	    (err = fdt_setprop(f, pm, "reg-names", "pm", 3)) ||
	    (err = fdt_setprop(f, pm, "reg", reg, (uint32_t)(p - reg))) ||
	    (err = fdt_setprop(f, pm, "compatible", pm_compatible,
			       sizeof(pm_compatible))))
		return err;
	return NULL;
}

const char *fdt_bcm2835_fixup(struct fdt *f, uint32_t pm_base,
			      uint32_t pm_size, struct fdt_bcm2835_stats *st)
{
	static const char no_uart[] = "no PL011 (compatible \"arm,pl011\", "
				      "with a 'reg') under /soc: the guest "
				      "would have no console";
	struct fdt_bcm2835_stats s = {0};
	int32_t root = fdt_root(f), soc, uart, node;
	const char *err;

	soc = soc_node(f);
	if (soc < 0)
		return "no /soc node: not a BCM2835 device tree";
	uart = child_compatible(f, soc, "arm,pl011");
	if (uart < 0)
		return no_uart;
	for (unsigned i = 0; i < sizeof(root_dead) / sizeof(root_dead[0]);
	     i++) {
		node = fdt_subnode(f, root, root_dead[i]);
		if (node >= 0) {
			fdt_nop_node(f, node);
			s.nodes++;
		}
	}
	s.nodes += drop_soc_and_clocks(f, soc, fdt_subnode(f, root, "clocks"));
	s.props = drop_pinctrl(f, uart);
	fdt_pack(f);
	/* Gone with the deletions if it had no 'reg' or claimed to be the
	 * PM block too: then no console either. */
	if (uart_node(f) < 0)
		return no_uart;
	if ((err = add_uart_clock(f)) || (err = add_pm(f, pm_base, pm_size)))
		return err;
	if (st)
		*st = s;
	return NULL;
}
