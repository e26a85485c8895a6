# SPDX-License-Identifier: GPL-2.0-or-later
# tests/linux/guest-lib.sh -- what the scripts booting Linux with the test
# initramfs share (workload.sh, console.sh, soak.sh, and the main job,
# examples/demo.sh): the checks' counting, the plain versatile kernel
# (built by build-kernel.sh when the cache lacks it), the initramfs
# (tests/linux/initramfs/mkinitramfs.sh, cached under its key), the QEMU
# command of each kind of run, a run of the workload and the result lines
# it must print, and the comparison of the result lines of two runs.
# Sourced, not run, after top_srcdir is set:
#
#   . "$top_srcdir/tests/linux/guest-lib.sh"
#
# A kind of run is one function, lg_boot_KIND MEM APPEND QEMU-ARGS...:
# QEMU on the board (lg_qemu) with MEM of RAM, booting Linux with
# the kernel command line APPEND and the initramfs, QEMU-ARGS added (the
# console's -serial, -icount ...).  lg_boot_native boots the plain kernel
# directly; a run under armpv-bm is another such function (its -kernel
# the monitor, its -initrd a bundle of the same kernel, device tree,
# initramfs and APPEND), and the scripts run every kind named in
# $lg_runs.
#
# The board is $ARMPV_LINUX_BOARD: versatilepb (the default: QEMU -M
# versatilepb -cpu arm926, versatile_defconfig, versatile-pb.dtb, MEM
# as asked) or raspi0 (QEMU -M raspi0, an ARM1176 with 512 MiB, the only
# size QEMU takes: MEM must be 512M, lg_mems says so; bcm2835_defconfig,
# bcm2835-rpi-zero.dtb).  On raspi0 the plain kernel is the cache's
# plain-bcm2835, as tests/linux/bcm2835.sh left it (skipped, 77,
# without it: not built here), lg_boot_native's tree is Linux's with the
# PM node cut to its "pm" registers (lg_native_dtb), and lg_boot_native_
# guest boots natively on the tree armpv-bm gives its guest (filtered and
# fixed up: tests/baremetal/fdt-bcm2835-guest), the strongest check that
# this tree is all Linux needs.  Variables and functions here are named lg_*, but for the
# counters pass and fail and ok/no/check, as in tests/linux/kernel.sh.
# A script that is not a test calls lg_prepare_kernel and
# lg_prepare_initramfs, which return an error, instead of lg_prepare,
# which ends the script with the harness's status.
# tests/baremetal/lib.sh (sourced from here) gives the tool checks, the
# timeout and, for a run under armpv-bm, bm_monitor.  That run is
# lg_boot_bm: the same kernel rewritten after linking (armpv-rewrite, the
# post-link pass), in an armpv-bundle with the same device tree,
# initramfs and command line, booted by armpv-bm; lg_boot_bm_as the
# board's armpv-as build (lg_prepare_as) the same way, lg_boot_bm_plugin
# the versatile build with armpv-as and the GCC plugin (lg_prepare_plugin).  On raspi0 under
# armpv-bm the guest's reboot and power-off stop QEMU through the
# monitor's PM watchdog, which says so (lg_reset_reg, lg_poweroff_reg).

: "${top_builddir:=$top_srcdir/build}"
. "$top_srcdir/tests/baremetal/lib.sh"
: "${ARM_OBJDUMP:=arm-linux-gnueabi-objdump}"
: "${QEMU_ARM:=qemu-arm}"
export ARM_CC QEMU_ARM
lg_cache=${ARMPV_CACHE:-$HOME/.cache/armpv}
lg_ramfs_src=$top_srcdir/tests/linux/initramfs
lg_board=${ARMPV_LINUX_BOARD:-versatilepb}
# The kinds of run the scripts do, in order (see above), and the RAM
# sizes of workload.sh's runs.
case $lg_board in
versatilepb)
	lg_runs=${ARMPV_LINUX_RUNS:-native bm}
	lg_mems=${ARMPV_LINUX_MEMS:-128M 256M}
	;;
raspi0)
	lg_runs=${ARMPV_LINUX_RUNS:-native native_guest}
	lg_mems=${ARMPV_LINUX_MEMS:-512M}
	;;
*)
	echo "$0: ARMPV_LINUX_BOARD=$lg_board: versatilepb or raspi0" >&2
	exit 99
	;;
esac

# What armpv-bm says when the guest's reboot or power-off reaches the
# board (bm_guest_reset: "armpv-bm: guest reset request (REG VALUE):
# stopping", or "power-off request"): the register each is read from.
# versatilepb cannot power off (the kernel halts).
case $lg_board in
raspi0) lg_reset_reg=PM_RSTC lg_poweroff_reg=PM_RSTS ;;
*) lg_reset_reg=SYS_RESETCTL lg_poweroff_reg= ;;
esac

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
lg_summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}
# lg_die MESSAGE: a hard error (99), counted as a failure.
lg_die() {
	echo "$0: $*" >&2
	echo "$pass passed, $((fail + 1)) failed"
	exit 99
}

# lg_workdir NAME: a new temporary directory for the logs in out, removed
# at exit unless ARMPV_KEEP=1.
lg_workdir() {
	out=$(mktemp -d "${TMPDIR:-/tmp}/armpv-$1.XXXXXX") || lg_die "mktemp failed"
	if [ "${ARMPV_KEEP:-0}" = 1 ]; then
		echo "# logs kept in $out"
	else
		trap 'rm -rf "$out"' EXIT
	fi
}

# lg_prepare: the plain versatile kernel and the initramfs
# (lg_prepare_kernel, lg_prepare_initramfs), or a hard error.
lg_prepare() {
	bm_need_tools "$QEMU_SYSTEM_ARM" "$QEMU_ARM" "$ARM_CC" cpio gzip dpkg-deb
	if [ "$lg_board" = raspi0 ]; then
		bm_need_tools "${DTC:-dtc}" fdtput
		# A test does not build it: tests/linux/bcm2835.sh does.
		: "${ARMPV_LINUX_KDIR:=$lg_cache/linux/plain-bcm2835}"
		lg_prepare_kernel || {
			echo "# skip: no plain bcm2835 build (make check TESTS=tests/linux/bcm2835.sh makes it)"
			exit 77
		}
	else
		lg_prepare_kernel || lg_die "building the plain versatile kernel failed"
	fi
	lg_prepare_initramfs || lg_die "making the initramfs failed"
}

# lg_prepare_kernel: the plain kernel of the board (lg_kdir, lg_zimage,
# lg_dtb, and lg_kdir/vmlinux), built into the cache when it is not there
# (build-kernel.sh, with its progress lines on stderr: versatile 8 to 20
# minutes on two cores, bcm2835 about 14), under the name and with the
# defconfig tests/linux/kernel.sh gives it, so that the tests' build is
# the one used.  Non-zero, the reason on stderr, when it cannot be had:
# for scripts that are not tests (examples/demo.sh) as for lg_prepare.
# ARMPV_LINUX_KDIR names a plain build to use as it is, without
# build-kernel.sh (lg_prepare sets it on raspi0: a test does not build
# the bcm2835 kernel).
lg_prepare_kernel() {
	case $lg_board in
	raspi0) set -- plain-bcm2835 bcm2835_defconfig bcm2835-rpi-zero.dtb ;;
	*) set -- plain-versatile versatile_defconfig versatile-pb.dtb ;;
	esac
	if [ -n "${ARMPV_LINUX_KDIR:-}" ]; then
		lg_kdir=$ARMPV_LINUX_KDIR
	else
		lg_kdir=$(sh "$top_srcdir/tests/linux/build-kernel.sh" "$1" "$2") ||
			return 1
	fi
	lg_zimage=$lg_kdir/arch/arm/boot/zImage
	lg_dtb=$lg_kdir/arch/arm/boot/dts/$3
	[ -f "$lg_zimage" ] && [ -f "$lg_dtb" ] && [ -f "$lg_kdir/vmlinux" ] ||
		{ echo "$0: no zImage, $3 or vmlinux in $lg_kdir" >&2; return 1; }
}

# lg_prepare_initramfs: the test initramfs (lg_initrd), made into the
# cache under its key when it is not there; non-zero when it cannot be.
lg_prepare_initramfs() {
	lg_key=$(sh "$lg_ramfs_src/mkinitramfs.sh" --key) ||
		{ echo "$0: cannot fetch busybox-static:armel" >&2; return 1; }
	lg_initrd=$lg_cache/initramfs/initramfs-$lg_key.cpio.gz
	if [ ! -f "$lg_initrd" ]; then
		mkdir -p "$lg_cache/initramfs"
		sh "$lg_ramfs_src/mkinitramfs.sh" "$lg_initrd" ||
			{ echo "$0: mkinitramfs.sh failed" >&2; return 1; }
	fi
}

# lg_have_as: whether the board's armpv-as build is in the cache
# (lg_as_kdir, lg_as_dtb and lg_as_tag set either way).
lg_have_as() {
	case $lg_board in
	raspi0) lg_as_tag=bcm2835 lg_as_dtb=bcm2835-rpi-zero.dtb ;;
	*) lg_as_tag=versatile lg_as_dtb=versatile-pb.dtb ;;
	esac
	lg_as_kdir=$lg_cache/linux/armpv-as-$lg_as_tag
	lg_as_dtb=$lg_as_kdir/arch/arm/boot/dts/$lg_as_dtb
	[ -f "$lg_as_kdir/.armpv-stamp" ] && [ -f "$lg_as_kdir/vmlinux" ] &&
		[ -f "$lg_as_kdir/arch/arm/boot/zImage" ] && [ -f "$lg_as_dtb" ]
}

# lg_prepare_as: the armpv-as build of the board (versatile or bcm2835)
# as tests/linux/versatile.sh or bcm2835.sh (kernel.sh) left it in the
# cache (lg_as_kdir: its Image, zImage, arch/arm/boot/compressed/vmlinux
# and device tree, lg_as_dtb), and its vmlinux without debug information,
# given its armpv-rewrite record (lg_as_vmlinux, in $out: armpv-as
# rewrites the objects, the record is the vmlinux's; armpv-rewrite adds
# it and changes no loaded byte).  Not built here (kernel.sh owns its key
# and its build): skip (77) without it.
lg_prepare_as() {
	lg_have_as || {
		echo "# skip: no armpv-as $lg_as_tag build in $lg_as_kdir (make check TESTS=tests/linux/$lg_as_tag.sh makes it)"
		exit 77
	}
	case $lg_board in
	raspi0) set -- --arch armv6 ;;
	*) set -- ;;
	esac
	lg_as_vmlinux=$out/vmlinux.as
	"${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}" --strip-debug \
		"$lg_as_kdir/vmlinux" "$lg_as_vmlinux" &&
		"$top_builddir/rewriter/armpv-rewrite" --quiet "$@" "$lg_as_vmlinux" >&2 ||
		lg_die "cannot give $lg_as_kdir/vmlinux its armpv-rewrite record"
}

# lg_prepare_plugin: the versatile kernel built with armpv-as and the
# armpv_irqflags GCC plugin (docs/plugin.md), as tests/linux/
# plugin-kernel.sh (plugin-build.sh) left it in the cache (lg_plugin_kdir,
# its device tree lg_plugin_dtb), and its vmlinux without debug
# information, given its armpv-rewrite record (lg_plugin_vmlinux, in
# $out), as lg_prepare_as.  versatilepb only; not built here: skip (77)
# without it.
lg_prepare_plugin() {
	[ "$lg_board" = versatilepb ] ||
		lg_die "no plugin kernel for $lg_board (versatilepb only)"
	lg_plugin_kdir=$lg_cache/linux/armpv-plugin-versatile
	lg_plugin_dtb=$lg_plugin_kdir/arch/arm/boot/dts/versatile-pb.dtb
	if [ ! -f "$lg_plugin_kdir/.armpv-stamp" ] || [ ! -f "$lg_plugin_kdir/vmlinux" ] ||
	   [ ! -f "$lg_plugin_dtb" ]; then
		echo "# skip: no plugin build in $lg_plugin_kdir (make check TESTS=tests/linux/plugin-kernel.sh makes it)"
		exit 77
	fi
	lg_plugin_vmlinux=$out/vmlinux.plugin
	"${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}" --strip-debug \
		"$lg_plugin_kdir/vmlinux" "$lg_plugin_vmlinux" &&
		"$top_builddir/rewriter/armpv-rewrite" --quiet "$lg_plugin_vmlinux" >&2 ||
		lg_die "cannot give $lg_plugin_kdir/vmlinux its armpv-rewrite record"
}

# lg_qemu QEMU-ARGS...: qemu-system-arm -M versatilepb -cpu arm926, no
# display, monitor or audio, -no-reboot (the guest's reboot stops QEMU),
# under $bm_tmo (bm_set_timeout), then the words of $ARMPV_QEMU_ARGS if
# set: for debugging a test's run by hand, e.g. ARMPV_QEMU_ARGS="-gdb
# unix:/tmp/g.sock,server=on,wait=off" to attach gdb-multiarch with
# build/monitor/armpv-bm.elf to a run that hangs (docs/linux.md).  The console is the caller's: -serial
# stdio, or -nographic's default when QEMU-ARGS name none; for a person
# at a terminal -serial mon:stdio (and bm_tmo empty: timeout(1) would
# take the terminal from QEMU), where Ctrl-A X quits.
lg_qemu() {
	case $lg_board in
	raspi0) set -- -M raspi0 "$@" ;;
	*) set -- -M versatilepb -cpu arm926 "$@" ;;
	esac
	# shellcheck disable=SC2086 # ARMPV_QEMU_ARGS: words, for debugging
	$bm_tmo "$QEMU_SYSTEM_ARM" "$@" -nographic \
		-monitor none -audiodev none,id=none -no-reboot \
		${ARMPV_QEMU_ARGS:-}
}

# lg_native_dtb: the device tree of lg_boot_native, in lg_native_dtb.
# versatilepb: the build's.  raspi0: the build's with the PM block's node
# (watchdog@7e100000, "brcm,bcm2835-pm") given only its "pm" registers,
# once per work directory: with its second range, "asb" (0x7e00a000),
# Linux 6.1 also probes the PM power domains (drivers/mfd/bcm2835-pm.c),
# whose driver reads the ASB registers QEMU 7.2 does not model (an
# external abort, a panic in bcm2835_power_probe); without the node
# Linux has no restart handler and "reboot" leaves QEMU running.  With
# the "pm" registers alone it registers the watchdog only, whose
# restart QEMU's bcm2835-powermgt turns into a system reset: the guest's
# reboot stops QEMU (-no-reboot), as on versatilepb.
lg_native_dtb() {
	lg_native_dtb=$lg_dtb
	[ "$lg_board" = raspi0 ] || return 0
	lg_native_dtb=$out/native.dtb
	[ -f "$lg_native_dtb" ] && return 0
	cp "$lg_dtb" "$lg_native_dtb.tmp" &&
		fdtput -t x "$lg_native_dtb.tmp" /soc/watchdog@7e100000 reg 0x7e100000 0x114 &&
		fdtput -t s "$lg_native_dtb.tmp" /soc/watchdog@7e100000 reg-names pm &&
		mv "$lg_native_dtb.tmp" "$lg_native_dtb"
}

# lg_boot_native MEM APPEND QEMU-ARGS...: the plain kernel, booted by
# QEMU's own Linux loader, on lg_native_dtb's tree.
lg_boot_native() {
	lg_mem=$1 lg_append=$2
	shift 2
	lg_native_dtb || return 99
	lg_qemu -m "$lg_mem" -kernel "$lg_zimage" -dtb "$lg_native_dtb" \
		-initrd "$lg_initrd" -append "$lg_append" "$@"
}

# lg_filtered_dtb: the versatilepb tree (lg_dtb) as armpv-bm gives it to
# its guest, made by the monitor's own filter hosted
# (tests/baremetal/fdt-mutate --filter, built when missing), in
# lg_filtered_dtb ($out/filtered.dtb), once per work directory.
lg_filtered_dtb() {
	lg_filtered_dtb=$out/filtered.dtb
	[ -f "$lg_filtered_dtb" ] && return 0
	lg_fdt_mutate=$top_builddir/tests/baremetal/fdt-mutate
	[ -x "$lg_fdt_mutate" ] ||
		make -C "$top_builddir" tests/baremetal/fdt-mutate >&2 || return 99
	"$lg_fdt_mutate" --filter "$lg_dtb" "$lg_filtered_dtb.tmp" >&2 &&
		mv "$lg_filtered_dtb.tmp" "$lg_filtered_dtb"
}

# lg_native_filtered BOOT ARGS...: BOOT ARGS (lg_boot_native, or a
# function of the caller's that ends in it) in a subshell, lg_dtb the
# guest's filtered tree (lg_filtered_dtb): natively the kernel probes
# the devices it probes under armpv-bm (versatilepb; QEMU still has
# every device of the board).  Status 99 when the tree cannot be made.
lg_native_filtered() (
	lg_filtered_dtb || { echo "$0: cannot filter $lg_dtb" >&2; exit 99; }
	lg_dtb=$lg_filtered_dtb
	"$@"
)

# lg_guest_dtb: the raspi0 guest's device tree, as armpv-bm makes it
# from Linux's (fdt-filter.c to the board's four devices, fdt-bcm2835.c's
# fixup), in lg_guest_dtb ($out/guest.dtb), once per work directory.
lg_guest_dtb() {
	lg_guest_dtb=$out/guest.dtb
	[ -f "$lg_guest_dtb" ] ||
		"$top_builddir/tests/baremetal/fdt-bcm2835-guest" --guest \
			"$lg_dtb" "$lg_guest_dtb" >&2
}

# lg_boot_native_guest MEM APPEND QEMU-ARGS...: the plain kernel
# natively (raspi0) on the guest's device tree (lg_guest_dtb): QEMU has
# every device of the SoC, the tree names the four of armpv-bm's board.
lg_boot_native_guest() {
	lg_mem=$1 lg_append=$2
	shift 2
	lg_guest_dtb || return 99
	lg_qemu -m "$lg_mem" -kernel "$lg_zimage" -dtb "$lg_guest_dtb" \
		-initrd "$lg_initrd" -append "$lg_append" "$@"
}

# lg_rewrite_vmlinux: the plain kernel's vmlinux rewritten by the
# post-link pass, then without its debug information (bcm2835_defconfig's
# is 160 MiB of a 177 MiB vmlinux; the bundle needs none of it), into
# lg_vmlinux_rw ($out/vmlinux.rw), once per work directory;
# armpv-rewrite's summary line on stderr.
lg_rewrite_vmlinux() {
	lg_vmlinux_rw=$out/vmlinux.rw
	# bcm2835_defconfig's objects are tagged ARMv7 (ARCH_MULTI_V7): the
	# kernel runs on the ARM1176, an ARMv6 (tests/linux/bcm2835.sh).
	set --
	[ "$lg_board" != raspi0 ] || set -- --arch armv6
	[ -f "$lg_vmlinux_rw" ] && return 0
	"$top_builddir/rewriter/armpv-rewrite" "$@" -o "$out/vmlinux.rw.tmp" \
		"$lg_kdir/vmlinux" >&2 &&
		"${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}" --strip-debug \
			"$out/vmlinux.rw.tmp" "$lg_vmlinux_rw" &&
		rm -f "$out/vmlinux.rw.tmp"
}

# lg_boot_bm MEM APPEND QEMU-ARGS...: the same kernel, rewritten
# (lg_rewrite_vmlinux), bundled with the device tree, the initramfs and
# APPEND, under armpv-bm.
lg_boot_bm() {
	lg_mem=$1 lg_append=$2
	shift 2
	lg_rewrite_vmlinux || return 99
	"$top_builddir/monitor/bundle/armpv-bundle" -q -o "$out/linux.bnd" \
		--kernel-offset 0xc0000000 -k "$lg_vmlinux_rw" -d "$lg_dtb" \
		-i "$lg_initrd" -c "$lg_append" >&2 || return 99
	lg_run_bm "$lg_mem" "$out/linux.bnd" "$@"
}

# lg_boot_bm_as MEM APPEND QEMU-ARGS...: the armpv-as build's vmlinux
# (lg_prepare_as, called first by the script: it may skip), bundled with
# that build's device tree, the initramfs and APPEND, under armpv-bm.
lg_boot_bm_as() {
	lg_mem=$1 lg_append=$2
	shift 2
	"$top_builddir/monitor/bundle/armpv-bundle" -q -o "$out/linux-as.bnd" \
		--kernel-offset 0xc0000000 -k "$lg_as_vmlinux" -d "$lg_as_dtb" \
		-i "$lg_initrd" -c "$lg_append" >&2 || return 99
	lg_run_bm "$lg_mem" "$out/linux-as.bnd" "$@"
}

# lg_boot_bm_plugin MEM APPEND QEMU-ARGS...: the plugin build's vmlinux
# (lg_prepare_plugin, called first by the script: it may skip), bundled
# the same way, under armpv-bm.
lg_boot_bm_plugin() {
	lg_mem=$1 lg_append=$2
	shift 2
	"$top_builddir/monitor/bundle/armpv-bundle" -q -o "$out/linux-plugin.bnd" \
		--kernel-offset 0xc0000000 -k "$lg_plugin_vmlinux" -d "$lg_plugin_dtb" \
		-i "$lg_initrd" -c "$lg_append" >&2 || return 99
	lg_run_bm "$lg_mem" "$out/linux-plugin.bnd" "$@"
}

# lg_run_bm MEM BUNDLE QEMU-ARGS...: armpv-bm booting the armpv-bundle
# BUNDLE (its initrd), with MEM of RAM and semihosting (the monitor's
# exit status is QEMU's).
lg_run_bm() {
	lg_mem=$1
	shift
	lg_bundle=$1
	shift
	lg_qemu -m "$lg_mem" -semihosting -kernel "$bm_monitor" \
		-initrd "$lg_bundle" "$@"
}

# lg_results LOG: the lines two runs must share (the guest's "result ").
lg_results() {
	tr -d '\r' <"$1" | grep -a '^result '
}

# lg_compare_results NAME LOG-A LOG-B: ok when the result lines of the two
# console logs are identical and there are some, else not ok and the diff.
lg_compare_results() {
	lg_results "$2" >"$2.results"
	lg_results "$3" >"$3.results"
	if [ -s "$2.results" ] && cmp -s "$2.results" "$3.results"; then
		ok "$1: $(wc -l <"$2.results") result lines identical"
	else
		no "$1: result lines differ ('-' $(basename "$2"), '+' $(basename "$3"))"
		diff -u "$2.results" "$3.results" | sed 's/^/# /'
	fi
}

# lg_run_workload KIND MEM LOG [APPEND...]: boot KIND (lg_boot_KIND) with
# MEM of RAM and armpv.workload on the command line (and APPEND: e.g.
# armpv.repeat=N), under -icount shift=0,sleep=off (guest time is the
# count of instructions, and idle time is skipped: "sleep 1" is a second
# of the guest's time however fast the host), the console in LOG
# without carriage returns.  QEMU's status.
lg_run_workload() {
	lg_log=$3
	lg_boot_$1 "$2" "console=ttyAMA0 rdinit=/init armpv.workload${4:+ $4}" \
		-icount shift=0,sleep=off -serial stdio </dev/null >"$lg_log" 2>&1
	lg_rc=$?
	tr -d '\r' <"$lg_log" >"$lg_log.txt"
	mv "$lg_log.txt" "$lg_log"
	return $lg_rc
}

# lg_bad_lines LOG: the lines of LOG that no run may print: an Oops,
# BUG, WARNING, panic or OOM kill of the kernel, an error of armpv-bm.
# Status 0 with none too (for set -e).
lg_bad_lines() {
	grep -aE 'Oops|BUG|WARNING|Kernel panic|Out of memory|oom-kill|Internal error|^armpv-bm: (guest error|internal error)' "$1" ||
		:
}

# lg_expected FILE: the result lines every workload run must print, into
# FILE, the checksums computed here from the same generator (bench.c's
# xorshift32); non-zero when they cannot be.
lg_expected() {
	python3 - "$1" <<'EOF'
import hashlib, sys
def gen(n, seed):
    # bench.c cmd_gen: xorshift32 words, little-endian, in 4 KiB blocks.
    x, words = seed or 1, []
    m = 0xffffffff
    for _ in range((n + 3) // 4):
        x ^= (x << 13) & m
        x ^= x >> 17
        x ^= (x << 5) & m
        words.append(x)
    import array
    a = array.array("I", words)
    if sys.byteorder != "little":
        a.byteswap()
    return a.tobytes()[:n]
pipe = gen(1 << 20, 42).translate(bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz",
                                                  b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
big = gen(8 << 20, 7)
lines = [
    "fork-exec 200 200",
    "pipeline " + hashlib.md5(pipe).hexdigest(),
    "trap USR1",
    "sigterm 143",
    "segv null 139 kernel 139",
    "efault write-pipe EFAULT read-pipe EFAULT read-zero EFAULT write-file EFAULT",
    "bigfile %d md5 %s sha1 %s" % (len(big), hashlib.md5(big).hexdigest(),
                                   hashlib.sha1(big).hexdigest()),
    "threads 4 x 20000 counter 80000 tls 5/5",
    "sleep ok",
    "mem ok",
    "done",
]
open(sys.argv[1], "w").write("".join("result %s\n" % l for l in lines))
EOF
	[ -s "$1" ]
}
