# SPDX-License-Identifier: GPL-2.0-or-later
# tests/linux/guest-lib.sh -- what the scripts booting Linux with the test
# initramfs share (workload.sh, console.sh): the checks' counting, the plain
# versatile kernel (built by build-kernel.sh when the cache lacks it), the
# initramfs (tests/linux/initramfs/mkinitramfs.sh, cached under its key),
# the QEMU command of each kind of run, and the comparison of the result
# lines of two runs.  Sourced, not run, after top_srcdir is set:
#
#   . "$top_srcdir/tests/linux/guest-lib.sh"
#
# A kind of run is one function, lg_boot_KIND MEM APPEND QEMU-ARGS...:
# QEMU on versatilepb (-cpu arm926) with MEM of RAM, booting Linux with
# the kernel command line APPEND and the initramfs, QEMU-ARGS added (the
# console's -serial, -icount ...).  lg_boot_native boots the plain kernel
# directly; a run under armpv-bm is another such function (its -kernel
# the monitor, its -initrd a bundle of the same kernel, device tree,
# initramfs and APPEND), and the scripts run every kind named in
# $lg_runs.  Variables and functions here are named lg_*, but for the
# counters pass and fail and ok/no/check, as in tests/linux/kernel.sh.
# tests/baremetal/lib.sh (sourced from here) gives the tool checks, the
# timeout and, for a run under armpv-bm, bm_monitor.  That run will be
# lg_boot_bm: the same kernel rewritten after linking (armpv-rewrite, the
# post-link pass), in an armpv-bundle with the same device tree,
# initramfs and command line, booted by armpv-bm.

: "${top_builddir:=$top_srcdir/build}"
. "$top_srcdir/tests/baremetal/lib.sh"
: "${ARM_OBJDUMP:=arm-linux-gnueabi-objdump}"
: "${QEMU_ARM:=qemu-arm}"
export ARM_CC QEMU_ARM
lg_cache=${ARMPV_CACHE:-$HOME/.cache/armpv}
lg_ramfs_src=$top_srcdir/tests/linux/initramfs
# The kinds of run the scripts do, in order (see above).
lg_runs=${ARMPV_LINUX_RUNS:-native bm}

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

# lg_prepare: the plain versatile kernel (lg_zimage, lg_dtb; built into the
# cache when it is not there, which takes a while) and the initramfs
# (lg_initrd), or a hard error.
lg_prepare() {
	bm_need_tools "$QEMU_SYSTEM_ARM" "$QEMU_ARM" "$ARM_CC" cpio gzip dpkg-deb
	lg_kdir=$(sh "$top_srcdir/tests/linux/build-kernel.sh" plain-versatile \
		versatile_defconfig) || lg_die "building the plain versatile kernel failed"
	lg_zimage=$lg_kdir/arch/arm/boot/zImage
	lg_dtb=$lg_kdir/arch/arm/boot/dts/versatile-pb.dtb
	[ -f "$lg_zimage" ] && [ -f "$lg_dtb" ] || lg_die "no zImage or dtb in $lg_kdir"
	lg_key=$(sh "$lg_ramfs_src/mkinitramfs.sh" --key) ||
		lg_die "cannot fetch busybox-static:armel"
	lg_initrd=$lg_cache/initramfs/initramfs-$lg_key.cpio.gz
	if [ ! -f "$lg_initrd" ]; then
		mkdir -p "$lg_cache/initramfs"
		sh "$lg_ramfs_src/mkinitramfs.sh" "$lg_initrd" ||
			lg_die "mkinitramfs.sh failed"
	fi
}

# lg_prepare_as: the armpv-as versatile build as tests/linux/versatile.sh
# (kernel.sh) left it in the cache (lg_as_kdir: its Image, zImage,
# arch/arm/boot/compressed/vmlinux and versatile-pb.dtb), and its vmlinux
# without debug information, given its armpv-rewrite record
# (lg_as_vmlinux, in $out: armpv-as rewrites the objects, the record is
# the vmlinux's; armpv-rewrite adds it and changes no loaded byte).  Not
# built here (kernel.sh owns its key and its build): skip (77) without it.
lg_prepare_as() {
	lg_as_kdir=$lg_cache/linux/armpv-as-versatile
	if [ ! -f "$lg_as_kdir/.armpv-stamp" ] || [ ! -f "$lg_as_kdir/vmlinux" ] ||
	   [ ! -f "$lg_as_kdir/arch/arm/boot/zImage" ]; then
		echo "# skip: no armpv-as versatile build in $lg_as_kdir (make check TESTS=tests/linux/versatile.sh makes it)"
		exit 77
	fi
	lg_as_vmlinux=$out/vmlinux.as
	"${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}" --strip-debug \
		"$lg_as_kdir/vmlinux" "$lg_as_vmlinux" &&
		"$top_builddir/rewriter/armpv-rewrite" --quiet "$lg_as_vmlinux" >&2 ||
		lg_die "cannot give $lg_as_kdir/vmlinux its armpv-rewrite record"
}

# lg_qemu QEMU-ARGS...: qemu-system-arm -M versatilepb -cpu arm926, no
# display, monitor or audio, -no-reboot (the guest's reboot stops QEMU),
# under $bm_tmo (bm_set_timeout).  The console is the caller's: -serial
# stdio, or -nographic's default when QEMU-ARGS name none.
lg_qemu() {
	$bm_tmo "$QEMU_SYSTEM_ARM" -M versatilepb -cpu arm926 -nographic \
		-monitor none -audiodev none,id=none -no-reboot "$@"
}

# lg_boot_native MEM APPEND QEMU-ARGS...: the plain kernel, booted by
# QEMU's own Linux loader.
lg_boot_native() {
	lg_mem=$1 lg_append=$2
	shift 2
	lg_qemu -m "$lg_mem" -kernel "$lg_zimage" -dtb "$lg_dtb" \
		-initrd "$lg_initrd" -append "$lg_append" "$@"
}

# lg_boot_bm MEM APPEND QEMU-ARGS...: the same kernel, rewritten by the
# post-link pass (lg_vmlinux_rw, made once per work directory), bundled
# with the device tree, the initramfs and APPEND, under armpv-bm.
lg_boot_bm() {
	lg_mem=$1 lg_append=$2
	shift 2
	lg_vmlinux_rw=$out/vmlinux.rw
	if [ ! -f "$lg_vmlinux_rw" ]; then
		"$top_builddir/rewriter/armpv-rewrite" -o "$lg_vmlinux_rw" \
			"$lg_kdir/vmlinux" >&2 || return 99
	fi
	"$top_builddir/monitor/bundle/armpv-bundle" -q -o "$out/linux.bnd" \
		--kernel-offset 0xc0000000 -k "$lg_vmlinux_rw" -d "$lg_dtb" \
		-i "$lg_initrd" -c "$lg_append" >&2 || return 99
	lg_run_bm "$lg_mem" "$out/linux.bnd" "$@"
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
