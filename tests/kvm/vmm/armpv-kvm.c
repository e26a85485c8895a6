// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * armpv-kvm -- the smallest virtual machine monitor that runs armpv's
 * Linux workload under KVM/ARM, for the comparison of armpv-bm with
 * hardware virtualization (docs/kvm.md).  It runs inside an arm64 Linux
 * host (Debian's cloud kernel, KVM built in) that QEMU boots at EL2
 * (-M virt,virtualization=on), and is built static for aarch64.
 *
 *   armpv-kvm [--aarch64] [--mem MIB] --kernel IMAGE [--initrd FILE]
 *             [--append CMDLINE]
 *
 * The guest is one vCPU: a 32-bit (AArch32 EL1, KVM_ARM_VCPU_EL1_32BIT)
 * ARM Linux booted from its zImage by default, or with --aarch64 an arm64
 * Image.  Its machine, the shape of QEMU's virt board:
 *   0x08000000  GICv3 distributor (KVM's in-kernel vGICv3)
 *   0x080a0000  GICv3 redistributor of vCPU 0
 *   0x09000000  PL011 UART, SPI 1 (monitor/devices/pl011.c, the model
 *               armpv-bm gives its guests; its output goes to our
 *               stdout; nothing is read: the benchmark needs no input)
 *   0x40000000  RAM, MIB MiB (default 256)
 * plus the architected timer (KVM's, PPIs 13, 14, 11, 10) and PSCI 0.2
 * by HVC (KVM's: SYSTEM_OFF and SYSTEM_RESET end the run).  The device
 * tree is generated (monitor/baremetal/fdt.c's editor, from an empty
 * root).  Any other MMIO access reads as zero and ignores writes (the
 * first such address is reported), as an empty bus slot would.
 *
 * Boot (Documentation/arm/booting.rst, arm64/booting.rst): the zImage at
 * RAM + 32 MiB (the decompressor puts the kernel at RAM + 32 KiB, below
 * it), the device tree at RAM + 127 MiB, the initramfs at RAM + 128 MiB;
 * r0 = 0, r1 = ~0 (no machine number: device tree only), r2 = the tree,
 * SVC mode with interrupts masked (KVM's reset state for a 32-bit vCPU).
 * An arm64 Image goes at RAM + its text_offset, x0 = the tree.
 *
 * Exit status: 0 when the guest powered off or asked for a reset (the
 * workload's "reboot -f"), 1 on any error (message on stderr), 2 on bad
 * usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdt.h"
#include "pl011.h"

#define GIC_DIST_BASE 0x08000000u
#define GIC_DIST_SIZE 0x10000u
#define GIC_REDIST_BASE 0x080a0000u
#define GIC_REDIST_SIZE 0x20000u /* one vCPU's two 64 KiB frames */
#define UART_BASE 0x09000000u
#define UART_SIZE 0x1000u
#define UART_SPI 1u /* INTID 33 */
#define RAM_BASE 0x40000000u
#define KERNEL32_OFFSET 0x02000000u
#define DTB_OFFSET 0x07f00000u
#define DTB_MAX 0x10000u
#define INITRD_OFFSET 0x08000000u
#define UART_CLOCK_HZ 24000000u

static const char *me = "armpv-kvm";

static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", me);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static _Noreturn void die_errno(const char *what)
{
	die("%s: %s", what, strerror(errno));
}

/* The whole of 'path' into 'dst' (at most 'cap' bytes); its size. */
static size_t load_file(const char *path, void *dst, size_t cap)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	size_t done = 0;

	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0)
		die("%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		die("%s: not a regular file", path);
	if ((uint64_t)st.st_size > cap)
		die("%s: %lld bytes, only %zu fit where it goes in guest RAM",
		    path, (long long)st.st_size, cap);
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, (char *)dst + done, (size_t)st.st_size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("%s: read at offset %zu: %s", path, done,
			    n < 0 ? strerror(errno) : "file shrank");
		done += (size_t)n;
	}
	close(fd);
	return done;
}

/* --- the device tree --- */

static uint8_t *be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
	return p + 4;
}

static void prop(struct fdt *f, int32_t node, const char *name,
		 const void *val, uint32_t len)
{
	const char *err = fdt_setprop(f, node, name, val, len);

	if (err)
		die("device tree: property %s: %s", name, err);
}

static void prop_str(struct fdt *f, int32_t node, const char *name,
		     const char *s)
{
	prop(f, node, name, s, (uint32_t)strlen(s) + 1);
}

/* A property of n 32-bit cells. */
static void prop_cells(struct fdt *f, int32_t node, const char *name,
		       unsigned n, ...)
{
	uint8_t buf[32 * 4], *p = buf;
	va_list ap;

	va_start(ap, n);
	for (unsigned i = 0; i < n && i < 32; i++)
		p = be32(p, va_arg(ap, uint32_t));
	va_end(ap);
	prop(f, node, name, buf, (uint32_t)(p - buf));
}

static int32_t subnode(struct fdt *f, int32_t parent, const char *name)
{
	int32_t n = fdt_add_subnode(f, parent, name);

	if (n < 0)
		die("device tree: no room for node %s", name);
	return n;
}

enum { PH_GIC = 1, PH_CLK = 2 };

/*
 * The guest's tree, built into 'out' (DTB_MAX bytes) from an empty root:
 * properties before children, children in order, so that every node
 * offset stays valid while it is filled.  Returns its size.
 */
static uint32_t make_fdt(uint8_t *out, uint64_t ram_size, bool aarch64,
			 const char *bootargs, uint64_t initrd_start,
			 uint64_t initrd_end)
{
	/* header, empty reservation map, "BEGIN_NODE '' END_NODE END", no strings */
	static uint8_t empty[40 + 16 + 16];
	uint8_t *p = empty;
	struct fdt src, f;
	const char *err;
	uint32_t where;

	p = be32(p, FDT_MAGIC);
	p = be32(p, sizeof empty);
	p = be32(p, 56);      /* off_dt_struct */
	p = be32(p, 72);      /* off_dt_strings */
	p = be32(p, 40);      /* off_mem_rsvmap */
	p = be32(p, 17);      /* version */
	p = be32(p, 16);      /* last_comp_version */
	p = be32(p, 0);       /* boot_cpuid_phys */
	p = be32(p, 0);       /* size_dt_strings */
	p = be32(p, 16);      /* size_dt_struct */
	p += 16;              /* the reservation map's (0, 0) */
	p = be32(p, FDT_BEGIN_NODE);
	p = be32(p, 0);       /* the root's empty name, padded */
	p = be32(p, FDT_END_NODE);
	be32(p, FDT_END);
	err = fdt_open(&src, empty, sizeof empty, &where);
	if (!err)
		err = fdt_open_into(&f, out, DTB_MAX, &src);
	if (err)
		die("device tree: %s", err);

	int32_t root = fdt_root(&f);
	prop_cells(&f, root, "#address-cells", 1, 2);
	prop_cells(&f, root, "#size-cells", 1, 2);
	prop_cells(&f, root, "interrupt-parent", 1, PH_GIC);
	prop_str(&f, root, "compatible", "linux,dummy-virt");
	prop_str(&f, root, "model", "armpv-kvm");

	int32_t n = subnode(&f, root, "chosen");
	prop_str(&f, n, "bootargs", bootargs);
	prop_str(&f, n, "stdout-path", "/pl011@9000000");
	if (initrd_end > initrd_start) {
		prop_cells(&f, n, "linux,initrd-start", 2,
			   (uint32_t)(initrd_start >> 32), (uint32_t)initrd_start);
		prop_cells(&f, n, "linux,initrd-end", 2,
			   (uint32_t)(initrd_end >> 32), (uint32_t)initrd_end);
	}

	n = subnode(&f, root, "memory@40000000");
	prop_str(&f, n, "device_type", "memory");
	prop_cells(&f, n, "reg", 4, 0, RAM_BASE, (uint32_t)(ram_size >> 32),
		   (uint32_t)ram_size);

	n = subnode(&f, root, "cpus");
	prop_cells(&f, n, "#address-cells", 1, 1);
	prop_cells(&f, n, "#size-cells", 1, 0);
	n = subnode(&f, n, "cpu@0");
	prop_str(&f, n, "device_type", "cpu");
	prop_str(&f, n, "compatible", aarch64 ? "arm,armv8" : "arm,cortex-a15");
	prop_cells(&f, n, "reg", 1, 0);

	n = subnode(&f, root, "psci");
	static const char psci[] = "arm,psci-0.2\0arm,psci";
	prop(&f, n, "compatible", psci, sizeof psci);
	prop_str(&f, n, "method", "hvc");

	n = subnode(&f, root, "intc@8000000");
	prop_str(&f, n, "compatible", "arm,gic-v3");
	prop_cells(&f, n, "#interrupt-cells", 1, 3);
	prop(&f, n, "interrupt-controller", "", 0);
	prop_cells(&f, n, "#redistributor-regions", 1, 1);
	prop_cells(&f, n, "reg", 8, 0, GIC_DIST_BASE, 0, GIC_DIST_SIZE,
		   0, GIC_REDIST_BASE, 0, GIC_REDIST_SIZE);
	prop_cells(&f, n, "phandle", 1, PH_GIC);

	/* Secure, non-secure, virtual, hypervisor PPIs, level high. */
	n = subnode(&f, root, "timer");
	static const char timer[] = "arm,armv8-timer\0arm,armv7-timer";
	prop(&f, n, "compatible", timer, sizeof timer);
	prop_cells(&f, n, "interrupts", 12, 1, 13, 4, 1, 14, 4, 1, 11, 4,
		   1, 10, 4);
	prop(&f, n, "always-on", "", 0);

	n = subnode(&f, root, "apb-pclk");
	prop_str(&f, n, "compatible", "fixed-clock");
	prop_cells(&f, n, "#clock-cells", 1, 0);
	prop_cells(&f, n, "clock-frequency", 1, UART_CLOCK_HZ);
	prop_str(&f, n, "clock-output-names", "clk24mhz");
	prop_cells(&f, n, "phandle", 1, PH_CLK);

	n = subnode(&f, root, "pl011@9000000");
	static const char uart[] = "arm,pl011\0arm,primecell";
	prop(&f, n, "compatible", uart, sizeof uart);
	prop_cells(&f, n, "reg", 4, 0, UART_BASE, 0, UART_SIZE);
	prop_cells(&f, n, "interrupts", 3, 0, UART_SPI, 4);
	prop_cells(&f, n, "clocks", 2, PH_CLK, PH_CLK);
	static const char clk_names[] = "uartclk\0apb_pclk";
	prop(&f, n, "clock-names", clk_names, sizeof clk_names);

	return f.size;
}

/* --- KVM --- */

static int vm_fd, vcpu_fd, gic_fd;

static uint64_t core_reg_id(size_t offset)
{
	return KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
	       (offset / sizeof(uint32_t));
}

static void set_core_reg(size_t offset, uint64_t value)
{
	struct kvm_one_reg r = {.id = core_reg_id(offset),
				.addr = (uint64_t)(uintptr_t)&value};

	if (ioctl(vcpu_fd, KVM_SET_ONE_REG, &r) != 0)
		die_errno("KVM_SET_ONE_REG (a core register)");
}

static void gic_attr(uint32_t group, uint64_t attr, void *value)
{
	struct kvm_device_attr a = {.group = group, .attr = attr,
				    .addr = (uint64_t)(uintptr_t)value};

	if (ioctl(gic_fd, KVM_SET_DEVICE_ATTR, &a) != 0)
		die("vGICv3: KVM_SET_DEVICE_ATTR group %u attr %" PRIu64 ": %s",
		    group, attr, strerror(errno));
}

/* The UART's interrupt line, as the model drives it. */
static bool uart_line;

static void set_uart_irq(bool level)
{
	struct kvm_irq_level l = {
		.irq = (KVM_ARM_IRQ_TYPE_SPI << KVM_ARM_IRQ_TYPE_SHIFT) |
		       (32 + UART_SPI),
		.level = level,
	};

	if (ioctl(vm_fd, KVM_IRQ_LINE, &l) != 0)
		die_errno("KVM_IRQ_LINE");
	uart_line = level;
}

/* The console: the UART's bytes to stdout, a line at a time. */
static char out_buf[256];
static size_t out_len;

static void out_flush(void)
{
	size_t done = 0;

	while (done < out_len) {
		ssize_t n = write(1, out_buf + done, out_len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* a closed stdout loses the console, not the run */
		done += (size_t)n;
	}
	out_len = 0;
}

static void uart_putc(void *opaque, uint8_t byte)
{
	(void)opaque;
	out_buf[out_len++] = (char)byte;
	if (byte == '\n' || out_len == sizeof out_buf)
		out_flush();
}

/*
 * KVM's own counters of 'fd' (a VM or a vCPU: KVM_GET_STATS_FD, binary
 * statistics, Documentation/virt/kvm/api.rst 4.133): a line "armpv-kvm:
 * kvm WHAT NAME VALUE" for each cumulative counter that is not zero
 * (exits by kind, stage-2 faults, halts...), so that a run says which
 * exits it took.  Silent where the kernel has no such statistics.
 */
static void print_stats(int fd, const char *what)
{
	int sfd = ioctl(fd, KVM_GET_STATS_FD, NULL);
	struct kvm_stats_header h;

	if (sfd < 0)
		return;
	if (pread(sfd, &h, sizeof h, 0) != (ssize_t)sizeof h || h.num_desc > 4096 ||
	    h.name_size == 0 || h.name_size > 1024) {
		close(sfd);
		return;
	}
	size_t dsize = sizeof(struct kvm_stats_desc) + h.name_size;
	char *descs = malloc(dsize * h.num_desc);
	if (descs && pread(sfd, descs, dsize * h.num_desc, h.desc_offset) ==
			     (ssize_t)(dsize * h.num_desc)) {
		for (uint32_t i = 0; i < h.num_desc; i++) {
			struct kvm_stats_desc *d = (void *)(descs + i * dsize);
			uint64_t v;
			if ((d->flags & KVM_STATS_TYPE_MASK) != KVM_STATS_TYPE_CUMULATIVE ||
			    d->size != 1 ||
			    pread(sfd, &v, sizeof v, h.data_offset + d->offset) !=
				    (ssize_t)sizeof v || v == 0)
				continue;
			d->name[h.name_size - 1] = '\0';
			fprintf(stderr, "%s: kvm %s %s %" PRIu64 "\n", me, what, d->name, v);
		}
	}
	free(descs);
	close(sfd);
}

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: %s [--aarch64] [--mem MIB] --kernel IMAGE "
		"[--initrd FILE] [--append CMDLINE]\n", me);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *kernel = NULL, *initrd = NULL, *append = "";
	unsigned long mem_mib = 256;
	bool aarch64 = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--aarch64") == 0) {
			aarch64 = true;
		} else if (i + 1 < argc && strcmp(a, "--kernel") == 0) {
			kernel = argv[++i];
		} else if (i + 1 < argc && strcmp(a, "--initrd") == 0) {
			initrd = argv[++i];
		} else if (i + 1 < argc && strcmp(a, "--append") == 0) {
			append = argv[++i];
		} else if (i + 1 < argc && strcmp(a, "--mem") == 0) {
			char *end;
			mem_mib = strtoul(argv[++i], &end, 10);
			if (*end || mem_mib < 192 || mem_mib > 2048) {
				fprintf(stderr, "%s: --mem %s: a number of MiB "
					"from 192 to 2048\n", me, argv[i]);
				usage();
			}
		} else {
			usage();
		}
	}
	if (!kernel)
		usage();
	uint64_t ram_size = (uint64_t)mem_mib << 20;

	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die_errno("/dev/kvm");
	if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		die("/dev/kvm: KVM API version is not %d", KVM_API_VERSION);
	if (!aarch64 && ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_ARM_EL1_32BIT) <= 0)
		die("KVM cannot run a 32-bit EL1 guest on this CPU "
		    "(KVM_CAP_ARM_EL1_32BIT)");
	vm_fd = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm_fd < 0)
		die_errno("KVM_CREATE_VM");

	uint8_t *ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED)
		die_errno("mmap of guest RAM");
	struct kvm_userspace_memory_region region = {
		.slot = 0, .guest_phys_addr = RAM_BASE, .memory_size = ram_size,
		.userspace_addr = (uint64_t)(uintptr_t)ram,
	};
	if (ioctl(vm_fd, KVM_SET_USER_MEMORY_REGION, &region) != 0)
		die_errno("KVM_SET_USER_MEMORY_REGION");

	/* The in-kernel vGICv3: its device before the vCPU, initialised after. */
	struct kvm_create_device cd = {.type = KVM_DEV_TYPE_ARM_VGIC_V3};
	if (ioctl(vm_fd, KVM_CREATE_DEVICE, &cd) != 0)
		die_errno("KVM_CREATE_DEVICE (vGICv3)");
	gic_fd = (int)cd.fd;
	uint64_t addr = GIC_DIST_BASE;
	gic_attr(KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_DIST, &addr);
	addr = GIC_REDIST_BASE;
	gic_attr(KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_REDIST, &addr);
	uint32_t nr_irqs = 64; /* 32 private + 32 SPIs */
	gic_attr(KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nr_irqs);

	vcpu_fd = ioctl(vm_fd, KVM_CREATE_VCPU, 0);
	if (vcpu_fd < 0)
		die_errno("KVM_CREATE_VCPU");
	struct kvm_vcpu_init init;
	if (ioctl(vm_fd, KVM_ARM_PREFERRED_TARGET, &init) != 0)
		die_errno("KVM_ARM_PREFERRED_TARGET");
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	if (!aarch64)
		init.features[0] |= 1u << KVM_ARM_VCPU_EL1_32BIT;
	if (ioctl(vcpu_fd, KVM_ARM_VCPU_INIT, &init) != 0)
		die_errno("KVM_ARM_VCPU_INIT");
	gic_attr(KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT, NULL);

	/* The images. */
	uint64_t entry, initrd_start = 0, initrd_end = 0;
	if (aarch64) {
		/* arm64 Image header: text_offset at 8, image_size at 16
		 * (Documentation/arm64/booting.rst); loaded at a 2 MiB
		 * aligned base + text_offset. */
		size_t n = load_file(kernel, ram + 0x200000, DTB_OFFSET - 0x200000);
		uint64_t text_offset, image_size;
		memcpy(&text_offset, ram + 0x200000 + 8, 8);
		memcpy(&image_size, ram + 0x200000 + 16, 8);
		if (n < 64 || memcmp(ram + 0x200000 + 56, "ARM\x64", 4) != 0)
			die("%s: not an arm64 Image (no ARM\\x64 magic at 56)", kernel);
		if (text_offset != 0) {
			if (0x200000 + text_offset + n > DTB_OFFSET)
				die("%s: text_offset 0x%" PRIx64 " too large", kernel,
				    text_offset);
			memmove(ram + 0x200000 + text_offset, ram + 0x200000, n);
		}
		if (image_size > DTB_OFFSET - 0x200000 - text_offset)
			die("%s: image_size 0x%" PRIx64 " does not fit below the "
			    "device tree", kernel, image_size);
		entry = RAM_BASE + 0x200000 + text_offset;
	} else {
		size_t n = load_file(kernel, ram + KERNEL32_OFFSET,
				     DTB_OFFSET - KERNEL32_OFFSET);
		uint32_t magic;
		if (n >= 0x30)
			memcpy(&magic, ram + KERNEL32_OFFSET + 0x24, 4);
		if (n < 0x30 || magic != 0x016f2818)
			die("%s: not an ARM zImage (no 0x016f2818 magic at 0x24)",
			    kernel);
		entry = RAM_BASE + KERNEL32_OFFSET;
	}
	if (initrd) {
		size_t n = load_file(initrd, ram + INITRD_OFFSET,
				     ram_size - INITRD_OFFSET);
		initrd_start = RAM_BASE + INITRD_OFFSET;
		initrd_end = initrd_start + n;
	}
	make_fdt(ram + DTB_OFFSET, ram_size, aarch64, append, initrd_start,
		 initrd_end);
	uint64_t dtb = RAM_BASE + DTB_OFFSET;

	if (aarch64) {
		set_core_reg(offsetof(struct kvm_regs, regs.regs[0]), dtb);
	} else {
		set_core_reg(offsetof(struct kvm_regs, regs.regs[0]), 0);
		set_core_reg(offsetof(struct kvm_regs, regs.regs[1]), 0xffffffffu);
		set_core_reg(offsetof(struct kvm_regs, regs.regs[2]), dtb);
	}
	set_core_reg(offsetof(struct kvm_regs, regs.pc), entry);

	struct pl011 uart;
	pl011_init(&uart, uart_putc, NULL);

	int run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size < (int)sizeof(struct kvm_run))
		die_errno("KVM_GET_VCPU_MMAP_SIZE");
	struct kvm_run *run = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE,
				   MAP_SHARED, vcpu_fd, 0);
	if (run == MAP_FAILED)
		die_errno("mmap of kvm_run");

	uint64_t unknown_accesses = 0, uart_accesses = 0;
	for (;;) {
		if (ioctl(vcpu_fd, KVM_RUN, 0) != 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die_errno("KVM_RUN");
		}
		switch (run->exit_reason) {
		case KVM_EXIT_MMIO: {
			uint64_t a = run->mmio.phys_addr;
			unsigned len = run->mmio.len;
			uint32_t data = 0;
			if (run->mmio.is_write)
				memcpy(&data, run->mmio.data, len <= 4 ? len : 4);
			if (a >= UART_BASE && a < UART_BASE + UART_SIZE && len <= 4) {
				uart_accesses++;
				if (!pl011_mmio(&uart, (uint32_t)(a - UART_BASE), len,
						run->mmio.is_write, &data))
					data = 0; /* an abort on the APB: RAZ here */
				if (uart.line != uart_line)
					set_uart_irq(uart.line);
			} else if (unknown_accesses++ == 0) {
				out_flush();
				fprintf(stderr, "%s: guest %s at 0x%" PRIx64 " (%u bytes): "
					"nothing there, reads as zero (reported once)\n",
					me, run->mmio.is_write ? "write" : "read", a, len);
			}
			if (!run->mmio.is_write) {
				memset(run->mmio.data, 0, sizeof run->mmio.data);
				memcpy(run->mmio.data, &data, len <= 4 ? len : 4);
			}
			break;
		}
		case KVM_EXIT_SYSTEM_EVENT:
			out_flush();
			fprintf(stderr, "%s: guest %s\n", me,
				run->system_event.type == KVM_SYSTEM_EVENT_SHUTDOWN ?
				"powered off" :
				run->system_event.type == KVM_SYSTEM_EVENT_RESET ?
				"asked for a reset: stopping" : "stopped (system event)");
			print_stats(vm_fd, "vm");
			print_stats(vcpu_fd, "vcpu");
			fprintf(stderr, "%s: MMIO exits to armpv-kvm: %" PRIu64
				" UART, %" PRIu64 " elsewhere\n", me, uart_accesses,
				unknown_accesses);
			return 0;
		case KVM_EXIT_INTR:
			break;
		case KVM_EXIT_FAIL_ENTRY:
			die("KVM_RUN: entry failed, hardware reason 0x%llx",
			    (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
		case KVM_EXIT_INTERNAL_ERROR:
			die("KVM_RUN: internal error, suberror %u",
			    run->internal.suberror);
		default:
			die("KVM_RUN: unexpected exit reason %u", run->exit_reason);
		}
	}
}
