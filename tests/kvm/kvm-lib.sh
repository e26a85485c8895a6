# SPDX-License-Identifier: GPL-2.0-or-later
# tests/kvm/kvm-lib.sh -- what the KVM comparison's scripts share
# (tests/kvm/kvm-short.sh, tests/kvm/bench-kvm.sh; docs/kvm.md): the
# Debian packages it is made from, the KVM host's initramfs, and the QEMU
# command of each kind of run.  Sourced after top_srcdir (and
# top_builddir) are set; sources tests/linux/guest-lib.sh (the test
# initramfs, the checks' counting, lg_die, lg_workdir).
#
# Made only from Debian's archive, each .deb fetched once with apt-get
# download into $ARMPV_CACHE/debs (default ~/.cache/armpv/debs; the
# newest there is used: remove it to take a newer one) and unpacked into
# $ARMPV_CACHE/kvm/NAME (dpkg-deb -x, once):
#   - linux-image-cloud-arm64:arm64's kernel: the host, KVM built in;
#   - linux-image-armmp:armhf's kernel: the guest, a 32-bit ARMv7
#     multiplatform zImage (also booted natively, the baseline);
#   - busybox-static:arm64: the host's /init shell.
# The arm64 and armhf architectures are dpkg's foreign architectures
# (./armpv-dev setup adds them); ARMPV_KVM_HOST_KERNEL and
# ARMPV_KVM_GUEST_KERNEL name other kernel images to use as they are.
#
# The kinds of run, kl_boot_KIND APPEND [QEMU-ARGS...], each with the
# guest's kernel command line APPEND, under -icount shift=0,sleep=off,
# one CPU, stopping by themselves (the workload's reboot):
#   kl_boot_native  the guest kernel and armpv's test initramfs natively on
#                   qemu-system-arm -M virt,gic-version=3 -cpu cortex-a15
#                   -m 256M (the machine armpv-kvm gives its guest: the
#                   same GICv3, timer, PL011 and RAM);
#   kl_boot_nvhe    the host on qemu-system-aarch64 -M virt,virtualization=
#                   on,gic-version=3 -cpu cortex-a57 -m 1G: no VHE, so KVM
#                   runs split (nVHE: the host kernel at EL1, KVM's world
#                   switch at EL2), and in it armpv-kvm runs the same guest
#                   kernel and initramfs as a 32-bit (AArch32 EL1) guest
#                   with 256 MiB;
#   kl_boot_vhe     the same with -cpu max,pauth-impdef=on: ARMv8.1 VHE,
#                   the host kernel itself at EL2 (pauth-impdef: QEMU's
#                   cheap pointer-authentication algorithm, the same
#                   instructions executed, faster to emulate);
#   kl_boot_nvhe_max  the VHE run's CPU with the host kernel told to use
#                   nVHE all the same (kvm-arm.mode=nvhe): VHE against
#                   nVHE on one CPU model.  The guest sees the host CPU's
#                   MIDR, and the 32-bit kernel picks its Spectre
#                   workarounds by it (arch/arm/mm/proc-v7-bugs.c): the
#                   branch-history loop at every entry from user mode on
#                   a Cortex-A15 (native) and a Cortex-A57 (nvhe), none on
#                   QEMU's max (MIDR 0x000f0510: vhe, nvhe_max).  So nvhe
#                   is the run to set against native, nvhe_max the one
#                   to set against vhe (docs/kvm.md).
# kl_kinds: every kind, in the report's order; kl_label KIND: its name
# in the report.
. "$top_srcdir/tests/linux/guest-lib.sh"
: "${QEMU_SYSTEM_AARCH64:=qemu-system-aarch64}"
: "${QEMU_SYSTEM_ARM:=qemu-system-arm}"
: "${AARCH64_CC:=aarch64-linux-gnu-gcc}"
kl_debs=$lg_cache/debs
kl_unpacked=$lg_cache/kvm
kl_vmm=$top_builddir/tests/kvm/armpv-kvm

# kl_deb PACKAGE:ARCH GLOB: the newest cached .deb named GLOB (in
# $kl_debs), downloaded when there is none: PACKAGE, or the package a
# meta-package PACKAGE depends on first (linux-image-cloud-arm64 ->
# linux-image-6.1.0-N-cloud-arm64).  Its path, or a message and status 1.
kl_deb() {
	kl_d=$(ls $kl_debs/$2 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$kl_d" ]; then
		kl_p=$(apt-cache depends "$1" 2>/dev/null |
			awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
		mkdir -p "$kl_debs" || return 1
		kl_dl=$(mktemp -d "$kl_debs/.download.XXXXXX") || return 1
		# apt drops privileges to _apt, which cannot write a home
		# directory: download as ourselves (as mkinitramfs.sh).
		if ! (cd "$kl_dl" && apt-get -q -o APT::Sandbox::User="$(id -un)" \
			download "${kl_p:-$1}" >&2); then
			rm -rf "$kl_dl"
			echo "$0: apt-get download ${kl_p:-$1} failed (./armpv-dev setup adds the arm64 and armhf architectures)" >&2
			return 1
		fi
		for kl_f in "$kl_dl"/*.deb; do
			kl_name=$(dpkg-deb -f "$kl_f" Package)_$(dpkg-deb -f "$kl_f" Version |
				sed 's/^[0-9]*://')_$(dpkg-deb -f "$kl_f" Architecture).deb
			mv "$kl_f" "$kl_debs/$kl_name"
			kl_d=$kl_debs/$kl_name
		done
		rm -rf "$kl_dl"
	fi
	[ -n "$kl_d" ] && [ -f "$kl_d" ] || { echo "$0: no $1 .deb in $kl_debs" >&2; return 1; }
	echo "$kl_d"
}

# kl_unpack DEB: DEB unpacked (once) into $kl_unpacked/NAME; the
# directory.
kl_unpack() {
	kl_u=$kl_unpacked/$(basename "$1" .deb)
	if [ ! -d "$kl_u" ]; then
		mkdir -p "$kl_unpacked" &&
			kl_t=$(mktemp -d "$kl_unpacked/.unpack.XXXXXX") &&
			dpkg-deb -x "$1" "$kl_t" &&
			mv "$kl_t" "$kl_u" || {
			rm -rf "${kl_t:-}"
			echo "$0: cannot unpack $1" >&2
			return 1
		}
	fi
	echo "$kl_u"
}

# kl_fetch: the three packages (above), fetched and unpacked: kl_host_
# kernel, kl_guest_kernel, kl_busybox (files), kl_host_config and kl_guest_
# config (the kernels' configurations, when from the packages); 1 when
# one cannot be had.
kl_fetch() {
	kl_host_config= kl_guest_config=
	if [ -n "${ARMPV_KVM_HOST_KERNEL:-}" ]; then
		kl_host_kernel=$ARMPV_KVM_HOST_KERNEL
	else
		kl_d=$(kl_deb linux-image-cloud-arm64:arm64 'linux-image-6.1.0-*-cloud-arm64_*_arm64.deb') &&
			kl_d=$(kl_unpack "$kl_d") || return 1
		kl_host_kernel=$(ls "$kl_d"/boot/vmlinuz-* | head -n 1)
		kl_host_config=$(ls "$kl_d"/boot/config-* | head -n 1)
	fi
	if [ -n "${ARMPV_KVM_GUEST_KERNEL:-}" ]; then
		kl_guest_kernel=$ARMPV_KVM_GUEST_KERNEL
	else
		kl_d=$(kl_deb linux-image-armmp:armhf 'linux-image-6.1.0-*-armmp_*_armhf.deb') &&
			kl_d=$(kl_unpack "$kl_d") || return 1
		kl_guest_kernel=$(ls "$kl_d"/boot/vmlinuz-* | head -n 1)
		kl_guest_config=$(ls "$kl_d"/boot/config-* | head -n 1)
	fi
	kl_d=$(kl_deb busybox-static:arm64 'busybox-static_*_arm64.deb') &&
		kl_d=$(kl_unpack "$kl_d") || return 1
	kl_busybox=$kl_d/bin/busybox
	for kl_f in "$kl_host_kernel" "$kl_guest_kernel" "$kl_busybox"; do
		[ -f "$kl_f" ] || { echo "$0: $kl_f missing" >&2; return 1; }
	done
}

# kl_prepare: for a test: the tools, armpv-kvm built, the packages
# (kl_fetch), armpv's test initramfs (lg_initrd) and the host's initramfs
# in $out (kl_host_initrd; lg_workdir first); skipped (77) without the
# aarch64 cross compiler or qemu-system-aarch64 (configure's), a hard
# error when a package cannot be had.
kl_prepare() {
	bm_need_tools "$QEMU_SYSTEM_AARCH64" "$QEMU_SYSTEM_ARM" "$QEMU_ARM" \
		"$ARM_CC" "$AARCH64_CC" cpio gzip dpkg-deb apt-get
	if [ ! -f "$kl_vmm" ]; then
		echo "# skip: $kl_vmm is not built (configure found no $AARCH64_CC that links a static program)"
		exit 77
	fi
	kl_fetch || lg_die "cannot fetch the KVM comparison's Debian packages"
	lg_prepare_initramfs || lg_die "making the test initramfs failed"
	kl_hvc_guest || lg_die "cannot build tests/kvm/hvc-guest.S"
	kl_host_initrd=$out/host.cpio.gz
	kl_mkhost "$kl_host_initrd" || lg_die "cannot make the host's initramfs"
	echo "# host kernel $kl_host_kernel"
	echo "# guest kernel $kl_guest_kernel"
	echo "# guest initramfs $lg_initrd"
}

# kl_hvc_guest: tests/kvm/hvc-guest.S (the hypercall micro-benchmark,
# docs/kvm.md "The hypercall") assembled for ARMv7 with ARM_CC and made
# a flat binary with ARM_OBJCOPY: $out/hvc-guest.bin (kl_hvc_bin), or 1.
kl_hvc_guest() {
	kl_hvc_bin=$out/hvc-guest.bin
	$ARM_CC -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-Ttext=0 \
		-o "$out/hvc-guest.elf" "$top_srcdir/tests/kvm/hvc-guest.S" &&
		"${ARM_OBJCOPY:-arm-linux-gnueabi-objcopy}" -O binary \
			"$out/hvc-guest.elf" "$kl_hvc_bin.tmp" &&
		mv "$kl_hvc_bin.tmp" "$kl_hvc_bin"
}

# kl_mkhost OUT: the host's initramfs: busybox (and a link an applet,
# made by /init: busybox --install), tests/kvm/host-init as /init,
# armpv-kvm, the guest kernel, armpv's test initramfs and the hypercall
# guest (kl_hvc_bin) under /guest.
# newc, sorted, owned by root, time 0, gzip -n; written to a temporary
# file and renamed.
kl_mkhost() {
	kl_t=$(mktemp -d "${TMPDIR:-/tmp}/armpv-kvmhost.XXXXXX") || return 1
	kl_r=$kl_t/root
	mkdir -p "$kl_r/bin" "$kl_r/guest" &&
		install -m 755 "$kl_busybox" "$kl_r/bin/busybox" &&
		install -m 755 "$kl_vmm" "$kl_r/bin/armpv-kvm" &&
		install -m 755 "$top_srcdir/tests/kvm/host-init" "$kl_r/init" &&
		install -m 644 "$kl_guest_kernel" "$kl_r/guest/zImage" &&
		install -m 644 "$lg_initrd" "$kl_r/guest/initramfs.cpio.gz" &&
		install -m 644 "$kl_hvc_bin" "$kl_r/guest/hvc-guest.bin" &&
		find "$kl_r" -exec touch -h -d @0 {} + &&
		(cd "$kl_r" && find . -mindepth 1 | LC_ALL=C sort |
			cpio -o -H newc -R 0:0 --reproducible --quiet) |
		gzip -6n >"$kl_t/out" &&
		mv "$kl_t/out" "$1.tmp.$$" && mv "$1.tmp.$$" "$1"
	kl_rc=$?
	rm -rf "$kl_t"
	return $kl_rc
}

kl_icount="-icount shift=0,sleep=off"

kl_boot_native() {
	kl_append=$1
	shift
	$bm_tmo "$QEMU_SYSTEM_ARM" -M virt,gic-version=3 -cpu cortex-a15 -smp 1 \
		-m 256M -nographic -nic none -no-reboot -monitor none \
		-kernel "$kl_guest_kernel" -initrd "$lg_initrd" \
		-append "$kl_append" $kl_icount "$@"
}

# kl_boot_native_hvc: the hypercall guest natively (QEMU's virt board
# answers its PSCI calls itself: each HVC one instruction).
kl_boot_native_hvc() {
	$bm_tmo "$QEMU_SYSTEM_ARM" -M virt,gic-version=3 -cpu cortex-a15 -smp 1 \
		-m 256M -nographic -nic none -no-reboot -monitor none \
		-kernel "$kl_hvc_bin" $kl_icount "$@"
}

# kl_hvc LOG: the hypercall guest's figures in LOG (a native run's, or
# a KVM host's, whose host-init runs it first: "kvm-hvc: " lines), as
# "EMPTY HVC": instructions per iteration of its empty loop and of its
# loop with the HVC (ticks * 1e9 / cntfrq / iterations); nothing and 1
# when they are not all there.
kl_hvc() {
	tr -d '\r' <"$1" | sed -n 's/^\(kvm-hvc: \)\{0,1\}hvc-guest: //p' | awk '
	function h(s,   v, i) { # "0x..." (mawk has no strtonum)
		v = 0
		for (i = 3; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	$1 == "cntfrq" { f = h($2) }
	$1 == "empty" || $1 == "hvc" { n[$1] = h($2); t[$1] = h($3) }
	END {
		if (!f || !n["empty"] || !n["hvc"]) exit 1
		printf "%.1f %.1f\n", t["empty"] * 1e9 / f / n["empty"], t["hvc"] * 1e9 / f / n["hvc"]
	}'
}

# kl_boot_host CPU APPEND QEMU-ARGS...: the host with CPU, its guest's
# command line APPEND (armpv_kvm.append="APPEND" on the host's).
kl_boot_host() {
	kl_cpu=$1 kl_append=$2
	shift 2
	$bm_tmo "$QEMU_SYSTEM_AARCH64" -M virt,virtualization=on,gic-version=3 \
		-cpu "$kl_cpu" -smp 1 -m 1G -nographic -nic none -no-reboot -monitor none \
		-kernel "$kl_host_kernel" -initrd "$kl_host_initrd" \
		-append "console=ttyAMA0 rdinit=/init loglevel=4 ${kl_host_extra:-}armpv_kvm.append=\"$kl_append\"" \
		$kl_icount "$@"
}

kl_boot_nvhe() {
	kl_boot_host cortex-a57 "$@"
}

kl_boot_vhe() {
	kl_boot_host max,pauth-impdef=on "$@"
}

kl_boot_nvhe_max() {
	kl_host_extra="kvm-arm.mode=nvhe "
	kl_boot_host max,pauth-impdef=on "$@"
	kl_rc=$?
	kl_host_extra=
	return $kl_rc
}

kl_kinds="native nvhe nvhe_max vhe"
kl_label() {
	case $1 in
	native) echo "native (A15)" ;;
	nvhe) echo "KVM nVHE (A57)" ;;
	nvhe_max) echo "KVM nVHE (max)" ;;
	vhe) echo "KVM VHE (max)" ;;
	*) echo "$1" ;;
	esac
}

# The operations' rows (tests/linux/bench-lib.sh bench_ops: KEY LABEL f
# NATIVE KVM-NVHE KVM-VHE, instructions per operation): bench.c's own
# CLOCK_MONOTONIC figures.  The guest's clock is the architected counter
# (read by the vDSO without a trap, natively as under KVM: CNTVCT less
# KVM's CNTVOFF), which QEMU drives from its virtual clock: under -icount
# shift=0 a nanosecond an instruction executed, by the host and the guest
# alike, at every exception level (counter at 62.5 MHz: 16 instructions a
# tick).
bench_me=kvm
. "$top_srcdir/tests/linux/bench-lib.sh"

# kl_table KIND...: the rows (stdin; the first value native's, then one
# per KIND) as the report's table: instructions per operation, then each
# KIND's ratio to native.
kl_table() {
	kl_h=
	for kl_k in "$@"; do
		kl_h="$kl_h	$(kl_label "$kl_k")"
	done
	awk -F '\t' -v heads="$kl_h" '
	function ratio(a, b) { return a > 0 ? b / a : 0 }
	BEGIN { nh = split(substr(heads, 2), h, "\t") }
	NF != nh + 3 { print "kl_table: a row of " NF " fields: " $0 > "/dev/stderr"; exit 1 }
	{
		if (NR == 1) {
			printf "%-10s", "operation"
			for (i = 1; i <= nh; i++) printf " %15s", h[i]
			for (i = 2; i <= nh; i++) printf " %6s", "r" i - 1
			printf "\n"
		}
		printf "%-10s", $2
		for (i = 4; i <= NF; i++) printf($3 == "d" ? " %15d" : " %15.1f", $i)
		for (i = 5; i <= NF; i++) printf " %6.2f", ratio($4, $i)
		printf "\n"
	}
	END {
		for (i = 2; i <= nh; i++) printf "# r%d: %s / %s\n", i - 1, h[i], h[1]
	}'
}
