// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench -- the C half of the Linux guest's workload (tests/linux/initramfs/
 * workload), one static ARMv5 (armel) program with a subcommand a job:
 *
 *   bench bench [NAME]      lmbench-style timings, a line an operation:
 *                           "bench NAME ITERATIONS TOTAL-NS NS-PER-OP"
 *                           (only NAME's; "none": none)
 *   bench threads           pthreads adding to one counter with atomic
 *                           builtins, each checking its __thread variable
 *   bench segv null|kernel  dereference a bad pointer (SIGSEGV expected)
 *   bench efault            read/write with a bad user pointer (EFAULT)
 *   bench gen BYTES SEED    BYTES deterministic pseudo-random bytes
 *   bench elapsed CMD...    run CMD, print the milliseconds it took
 *   bench mem               allocate and touch MemAvailable less a margin
 *   bench bench mmio        a device register read (not in "bench bench":
 *                           named only; tests/kvm/bench-kvm.sh)
 *   bench boot-clock [reboot]  the machine's clock now: "info boot-clock
 *                           sys24mhz COUNT monotonic-ns NS" (on an ARMv6,
 *                           the Raspberry Pi: "stc1mhz COUNT", or "none -"
 *                           where STRICT_DEVMEM refuses the page) (/init's
 *                           first action: tests/linux/bench-linux.sh);
 *                           then, with reboot, restart the machine at once
 *
 * On ARMv5 the atomic builtins are libgcc calls into the kernel's
 * cmpxchg helper at 0xffff0fc0, and glibc's __aeabi_read_tp (TLS) calls
 * the get_tls helper at 0xffff0fe0 (Documentation/arm/kernel_user_helpers
 * .rst): the threads job runs user code inside the vector page.  The
 * timings use CLOCK_MONOTONIC, the guest's own clock.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE_SIZE 4096

static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(2);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		die("clock_gettime");
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void report(const char *name, unsigned iters, uint64_t total)
{
	printf("bench %s %u %llu %llu\n", name, iters, (unsigned long long)total,
	       (unsigned long long)(total / iters));
	fflush(stdout);
}

/* Timings: each returns the nanoseconds its ITERS operations took. */

static uint64_t bench_null(unsigned iters)
{
	uint64_t t0 = now_ns();

	for (unsigned i = 0; i < iters; i++)
		syscall(SYS_getppid);
	return now_ns() - t0;
}

static uint64_t bench_read(unsigned iters)
{
	char c;
	int fd = open("/dev/null", O_RDONLY);

	if (fd < 0)
		die("/dev/null");
	uint64_t t0 = now_ns();
	for (unsigned i = 0; i < iters; i++)
		if (read(fd, &c, 1) != 0)
			die("read /dev/null");
	uint64_t t = now_ns() - t0;
	close(fd);
	return t;
}

/* One byte to a child and back through two pipes. */
static uint64_t bench_pipe(unsigned iters)
{
	int there[2], back[2];
	char c = 'x';

	if (pipe(there) || pipe(back))
		die("pipe");
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(there[0]);
	close(back[1]);
	uint64_t t0 = now_ns();
	for (unsigned i = 0; i < iters; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			die("pipe round trip");
	uint64_t t = now_ns() - t0;
	close(there[1]);
	close(back[0]);
	waitpid(pid, NULL, 0);
	return t;
}

static void reap(pid_t pid)
{
	int st;

	if (pid < 0)
		die("fork");
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		die("child");
}

static uint64_t bench_fork(unsigned iters)
{
	uint64_t t0 = now_ns();

	for (unsigned i = 0; i < iters; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		reap(pid);
	}
	return now_ns() - t0;
}

static uint64_t bench_exec(unsigned iters)
{
	char *argv[] = {"true", NULL};
	char *envp[] = {NULL};
	uint64_t t0 = now_ns();

	for (unsigned i = 0; i < iters; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			execve("/bin/true", argv, envp);
			_exit(127);
		}
		reap(pid);
	}
	return now_ns() - t0;
}

/* A fault a page: map anonymous memory, write each page once, unmap. */
static uint64_t bench_pagefault(unsigned iters)
{
	enum { CHUNK = 256 };
	uint64_t t = 0;

	for (unsigned done = 0; done < iters; done += CHUNK) {
		volatile char *p = mmap(NULL, CHUNK * PAGE_SIZE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			die("mmap");
		uint64_t t0 = now_ns();
		for (unsigned i = 0; i < CHUNK; i++)
			p[i * PAGE_SIZE] = 1;
		t += now_ns() - t0;
		munmap((void *)p, CHUNK * PAGE_SIZE);
	}
	return t;
}

static volatile sig_atomic_t signals_caught;

static void on_usr1(int sig)
{
	(void)sig;
	signals_caught++;
}

static uint64_t bench_signal(unsigned iters)
{
	struct sigaction sa = {.sa_handler = on_usr1};

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL))
		die("sigaction");
	signals_caught = 0;
	uint64_t t0 = now_ns();
	for (unsigned i = 0; i < iters; i++)
		kill(getpid(), SIGUSR1);
	uint64_t t = now_ns() - t0;
	if (signals_caught != (sig_atomic_t)iters) {
		fprintf(stderr, "bench: %d signals of %u\n", (int)signals_caught, iters);
		exit(2);
	}
	return t;
}

/* The clock registers of "bench boot-clock" (below) and "mmio". */
#define SYSREG_BASE 0x10000000
#define SYS_24MHZ 0x5c
#define BCM2835_STC_BASE 0x20003000
#define BCM2835_STC_CLO 0x04
static volatile uint32_t *map_clock(bool *bcm2835, int *fd);

/*
 * One read of a device register (the machine's clock register that
 * "bench boot-clock" reads, through /dev/mem), the operation of a
 * driver's MMIO access: natively a load from the device, under armpv-bm
 * a data abort the monitor emulates, under KVM an exit to the VMM in
 * user space (armpv-kvm has nothing there: it reads as zero), the
 * papers' "I/O latency" (docs/kvm.md).  Only when named ("bench bench
 * mmio"): not part of "bench bench".
 */
static uint64_t bench_mmio(unsigned iters)
{
	bool bcm2835;
	int fd;
	volatile uint32_t *regs = map_clock(&bcm2835, &fd);
	unsigned off = (bcm2835 ? BCM2835_STC_CLO : SYS_24MHZ) / 4;
	uint32_t sum = 0;

	if (regs == NULL) {
		fprintf(stderr, "bench: mmio: /dev/mem refuses the clock's page\n");
		exit(2);
	}
	uint64_t t0 = now_ns();
	for (unsigned i = 0; i < iters; i++)
		sum += regs[off];
	uint64_t t = now_ns() - t0;
	munmap((void *)regs, PAGE_SIZE);
	close(fd);
	(void)sum;
	return t;
}

static const struct {
	const char *name;
	uint64_t (*run)(unsigned iters);
	unsigned iters;
	bool named_only; /* not in "bench bench", only "bench bench NAME" */
} benches[] = {
	{"null", bench_null, 20000, false},
	{"read", bench_read, 20000, false},
	{"pipe", bench_pipe, 2000, false},
	{"fork", bench_fork, 200, false},
	{"exec", bench_exec, 100, false},
	{"pagefault", bench_pagefault, 2048, false},
	{"signal", bench_signal, 5000, false},
	{"mmio", bench_mmio, 2000, true},
};

/* Every timing, or only the one named ("none": no timing at all, the
 * baseline of bench-linux.sh's per-operation statistics). */
static int cmd_bench(const char *only)
{
	bool known = only == NULL || strcmp(only, "none") == 0;

	for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) {
		if (only ? strcmp(only, benches[i].name) != 0 : benches[i].named_only)
			continue;
		known = true;
		report(benches[i].name, benches[i].iters,
		       benches[i].run(benches[i].iters));
	}
	if (!known)
		fprintf(stderr, "bench: no timing %s\n", only);
	return !known;
}

/*
 * Threads: each adds one per step to a shared counter with
 * __sync_fetch_and_add and, every other step, __atomic_compare_exchange
 * (both libgcc's __kernel_cmpxchg loop on ARMv5), and keeps its own sum in
 * a __thread variable that another thread's writes must not touch.
 */
enum { NTHREADS = 4, STEPS = 20000 };
static volatile int counter;
static __thread unsigned tls_value;

static void *thread_main(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;

	tls_value = id * 1000000u;
	for (unsigned i = 0; i < STEPS; i++) {
		if (i & 1) {
			int old = __atomic_load_n(&counter, __ATOMIC_RELAXED);
			while (!__atomic_compare_exchange_n(&counter, &old, old + 1, 0,
							    __ATOMIC_SEQ_CST,
							    __ATOMIC_RELAXED))
				;
		} else {
			__sync_fetch_and_add(&counter, 1);
		}
		tls_value++;
		if ((i & 1023) == 0)
			sched_yield();
	}
	return (void *)(uintptr_t)(tls_value == id * 1000000u + STEPS);
}

static int cmd_threads(void)
{
	pthread_t t[NTHREADS];
	unsigned tls_ok = 0;

	tls_value = 7;
	for (unsigned i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, thread_main, (void *)(uintptr_t)(i + 1)))
			die("pthread_create");
	for (unsigned i = 0; i < NTHREADS; i++) {
		void *ok;
		if (pthread_join(t[i], &ok))
			die("pthread_join");
		tls_ok += ok != NULL;
	}
	tls_ok += tls_value == 7;
	printf("result threads %d x %d counter %d tls %u/%d\n", NTHREADS, STEPS,
	       counter, tls_ok, NTHREADS + 1);
	return !(counter == NTHREADS * STEPS && tls_ok == NTHREADS + 1);
}

/*
 * Bad addresses, read through volatiles so that the compiler neither
 * warns about nor optimises the accesses: an unmapped user address
 * (below mmap_min_addr) and one of the kernel's linear map.
 */
static volatile uintptr_t bad_user_address = 8, bad_kernel_address = 0xc0008000;

/* A store through a null pointer, or a load from kernel memory (a
 * domain/permission fault in user mode): SIGSEGV, status 139 in sh. */
static int cmd_segv(const char *how)
{
	if (strcmp(how, "null") == 0)
		*(volatile int *)bad_user_address = 1;
	else if (strcmp(how, "kernel") == 0)
		return *(volatile int *)bad_kernel_address;
	else
		fprintf(stderr, "bench: segv null|kernel\n");
	return 2;
}

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "OK";
	case EFAULT: return "EFAULT";
	case EINVAL: return "EINVAL";
	case EBADF: return "EBADF";
	default: return "OTHER";
	}
}

/* System calls handed an unmapped buffer: the kernel's user accessors
 * fault and its exception table turns that into EFAULT. */
static int cmd_efault(void)
{
	void *bad = (void *)bad_user_address;
	int p[2];
	char buf[16] = "0123456789";
	const char *name[4];

	if (pipe(p))
		die("pipe");
	errno = 0;
	name[0] = errno_name(write(p[1], bad, 10) < 0 ? errno : 0);
	if (write(p[1], buf, 10) != 10)
		die("write");
	errno = 0;
	name[1] = errno_name(read(p[0], bad, 10) < 0 ? errno : 0);
	int z = open("/dev/zero", O_RDONLY);
	errno = 0;
	name[2] = errno_name(read(z, bad, 10) < 0 ? errno : 0);
	close(z);
	int f = open("/tmp/efault", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	errno = 0;
	name[3] = errno_name(write(f, bad, 10) < 0 ? errno : 0);
	close(f);
	unlink("/tmp/efault");
	printf("result efault write-pipe %s read-pipe %s read-zero %s write-file %s\n",
	       name[0], name[1], name[2], name[3]);
	return 0;
}

/* xorshift32 from SEED: the same BYTES on every machine. */
static int cmd_gen(unsigned long bytes, uint32_t seed)
{
	uint32_t buf[1024], x = seed ? seed : 1;

	while (bytes) {
		size_t n = bytes < sizeof buf ? bytes : sizeof buf;
		for (size_t i = 0; i < sizeof buf / 4; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			buf[i] = x;
		}
		if (fwrite(buf, 1, n, stdout) != n)
			die("write");
		bytes -= n;
	}
	return fflush(stdout) != 0;
}

static int cmd_elapsed(char **argv)
{
	uint64_t t0 = now_ns();
	pid_t pid = fork();
	int st;

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	printf("%llu\n", (unsigned long long)((now_ns() - t0) / 1000000u));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * The Versatile system registers' 24 MHz counter (SYS_24MHZ, 0x1000005c,
 * ARM DUI 0224 4.3.18), read through /dev/mem: on QEMU it is the virtual
 * clock since the machine started, which under -icount shift=0 counts one
 * nanosecond per executed instruction (hw/misc/arm_sysctl.c); under
 * armpv-bm the board model's, counting from the start of the models just
 * before the kernel's entry (docs/benchmarks.md "Linux 6.1 under
 * armpv-bm").  /init runs this first, before /dev or /proc are there, so
 * the node is made here.  Also CLOCK_MONOTONIC, whose zero is the
 * kernel's timekeeping_init(), not its entry.
 * On an ARMv6 (uname's machine armv6l: the Raspberry Pi's ARM1176,
 * QEMU -M raspi0) the BCM2835 system timer's free-running 1 MHz counter
 * instead (CLO, 0x20003004; BCM2835 ARM Peripherals 12.1): the
 * versatile address is RAM there (refused by STRICT_DEVMEM), or, with
 * less than 256 MiB, no device at all -- under armpv-bm an access
 * outside the board's devices.  Where STRICT_DEVMEM refuses the timer's
 * page as well (mmap: EPERM; bcm2835_defconfig has it, and maps the page
 * on the device tree armpv-bm gives its guest: tests/linux/bench-
 * raspi0.sh), "none -" and CLOCK_MONOTONIC alone.
 */
/* The clock register's page through /dev/mem (made when missing), and
 * the descriptor in *fd; NULL (fd closed) where STRICT_DEVMEM refuses
 * the BCM2835 timer's page. */
static volatile uint32_t *map_clock(bool *bcm2835, int *fd)
{
	struct stat st;
	struct utsname u;

	*bcm2835 = uname(&u) == 0 && strncmp(u.machine, "armv6", 5) == 0;
	if (stat("/dev/mem", &st) != 0 &&
	    mknod("/dev/mem", S_IFCHR | 0600, makedev(1, 1)) != 0)
		die("mknod /dev/mem");
	*fd = open("/dev/mem", O_RDONLY | O_SYNC);
	if (*fd < 0)
		die("/dev/mem");
	volatile uint32_t *regs = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED,
				       *fd, *bcm2835 ? BCM2835_STC_BASE : SYSREG_BASE);
	if (regs == MAP_FAILED && !(*bcm2835 && errno == EPERM))
		die("mmap /dev/mem");
	if (regs == MAP_FAILED) {
		close(*fd);
		*fd = -1;
		return NULL;
	}
	return regs;
}

static int cmd_boot_clock(bool stop)
{
	bool bcm2835;
	int fd = -1;
	volatile uint32_t *regs = map_clock(&bcm2835, &fd);

	if (regs == NULL) {
		/* STRICT_DEVMEM refuses the page (bcm2835_defconfig): the
		 * kernel's clock alone, "none -" for the count. */
		uint64_t mono = now_ns();
		printf("info boot-clock none - monotonic-ns %llu\n",
		       (unsigned long long)mono);
	} else {
		uint32_t count = regs[(bcm2835 ? BCM2835_STC_CLO : SYS_24MHZ) / 4];
		uint64_t mono = now_ns();
		printf("info boot-clock %s %lu monotonic-ns %llu\n",
		       bcm2835 ? "stc1mhz" : "sys24mhz", (unsigned long)count,
		       (unsigned long long)mono);
		munmap((void *)regs, PAGE_SIZE);
		close(fd);
	}
	if (fflush(stdout) != 0)
		return 1;
	/* As busybox "reboot -f": QEMU -no-reboot, and armpv-bm, stop. */
	if (stop && reboot(RB_AUTOBOOT) != 0)
		die("reboot");
	return 0;
}

static unsigned long meminfo_kib(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	unsigned long v = 0;
	size_t n = strlen(key);

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0 && line[n] == ':')
			v = strtoul(line + n + 1, NULL, 10);
	fclose(f);
	return v;
}

/* Most of the free memory, each page written (no swap: either it fits
 * or the OOM killer ends us), then read back. */
static int cmd_mem(void)
{
	unsigned long avail = meminfo_kib("MemAvailable");
	unsigned long margin = 8192 + avail / 16;
	unsigned long kib = avail > margin ? avail - margin : 0;
	size_t size = (size_t)kib * 1024;
	unsigned char *p = malloc(size);

	if (!p)
		die("malloc");
	for (size_t i = 0; i < size; i += PAGE_SIZE)
		p[i] = (unsigned char)(i / PAGE_SIZE);
	for (size_t i = 0; i < size; i += PAGE_SIZE)
		if (p[i] != (unsigned char)(i / PAGE_SIZE)) {
			fprintf(stderr, "bench: mem: page %zu lost\n", i / PAGE_SIZE);
			return 1;
		}
	printf("info mem touched %lu MiB of MemTotal %lu MiB (MemAvailable %lu MiB)\n",
	       kib / 1024, meminfo_kib("MemTotal") / 1024, avail / 1024);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (strcmp(cmd, "bench") == 0 && argc <= 3)
		return cmd_bench(argc == 3 ? argv[2] : NULL);
	if (strcmp(cmd, "threads") == 0)
		return cmd_threads();
	if (strcmp(cmd, "segv") == 0 && argc == 3)
		return cmd_segv(argv[2]);
	if (strcmp(cmd, "efault") == 0)
		return cmd_efault();
	if (strcmp(cmd, "gen") == 0 && argc == 4)
		return cmd_gen(strtoul(argv[2], NULL, 0),
			       (uint32_t)strtoul(argv[3], NULL, 0));
	if (strcmp(cmd, "elapsed") == 0 && argc > 2)
		return cmd_elapsed(argv + 2);
	if (strcmp(cmd, "mem") == 0)
		return cmd_mem();
	if (strcmp(cmd, "boot-clock") == 0 &&
	    (argc == 2 || (argc == 3 && strcmp(argv[2], "reboot") == 0)))
		return cmd_boot_clock(argc == 3);
	fprintf(stderr, "usage: bench bench [NAME|none]|threads|segv null|kernel|efault|"
			"gen BYTES SEED|elapsed CMD...|mem|boot-clock [reboot]\n");
	return 2;
}
