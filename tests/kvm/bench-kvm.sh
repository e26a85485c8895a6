#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-kvm.sh -- the comparison of armpv-bm with KVM/ARM (docs/kvm.md):
# bench.c's seven lmbench-style operations, a device register read and a
# hypercall, natively, under armpv-bm (ARMv5 versatilepb, ARMv6 raspi0)
# and under KVM/ARM (ARMv7 guest), in instructions executed at every
# privilege level under -icount shift=0,sleep=off, into a report:
#
#   make bench-kvm          (the same: top_srcdir=. top_builddir=build
#                            sh tests/kvm/bench-kvm.sh)
#   sh tests/kvm/bench-kvm.sh --report DIR [SECONDS]
#                  # the files again from a kept run's logs in DIR
#                  # (SECONDS: that run's host time, for the files)
#
# Every figure comes from this run, from the build it runs in (none from
# a results file recorded earlier).  The runs, one at a time, their logs
# in a temporary directory (ARMPV_KEEP=1 keeps it; ARMPV_BENCH_RESUME=DIR
# takes a kept run's logs instead of booting, each that is there):
#   native.log, nvhe.log, nvhe_max.log, vhe.log  (kvm-lib.sh) Debian's
#           armmp kernel with armpv.bench=null,read,pipe,fork,exec,
#           pagefault,signal,mmio (bench.c's seven operations of "bench
#           bench", and mmio, a device register read; then the guest
#           reboots) natively on QEMU's virt board and as armpv-kvm's
#           guest under KVM nVHE (Cortex-A57), nVHE (max) and VHE (max);
#           the three KVM hosts first run the hypercall guest
#           (tests/kvm/hvc-guest.S: host-init's "kvm-hvc:" lines);
#   hvc-native.log  the hypercall guest natively (kl_boot_native_hvc);
#   v5/native.log, v5/bm.log  the plain versatile kernel (the cache's
#           plain-versatile, as tests/linux/bench-linux.sh) natively on
#           versatilepb (the device tree armpv-bm gives its guest:
#           fdt-mutate --filter) and rewritten under armpv-bm, the same
#           armpv.bench=... (guest-lib.sh lg_boot_native, lg_boot_bm);
#   v6/native.log, v6/bm.log  the same with the plain bcm2835 kernel on
#           raspi0 (as tests/linux/bench-raspi0.sh: lg_boot_native_guest,
#           lg_boot_bm);
#   baremetal-v5.txt, baremetal-v6.txt  tests/baremetal/bench.sh
#           versatilepb and raspi0: their "hypercall" row is armpv-bm's
#           null hypercall (ARMPV_HC_PV_SYNC with nothing to deliver).
# Twelve QEMU runs and the two bare-metal benchmarks, about a quarter of
# an hour of host time on a quiet 2-core machine.  Writes, into OUT
# (ARMPV_BENCH_OUT, default $top_srcdir/docs/bench), each whole or not at
# all:
#   kvm.tsv             every figure as a results file (the format of
#                       tests/linux/bench-lib.sh bench_tsv): board "virt"
#                       (kernels native, kvm-nvhe, kvm-nvhe-max, kvm-vhe),
#                       "versatilepb" and "raspi0" (native, rewritten: the
#                       kernel rewritten after linking, under armpv-bm),
#                       with "# label:" (commit, date) and the host time;
#                       the hypercall rows' ratio "-" where there is no
#                       native hypercall (armpv-bm's);
#   kvm-comparison.tsv  kvm.tsv's rows but the hypercall's, for the plot:
#                       board "comparison", kernels native (ARMv7), kvm-*,
#                       armpv-bm-v5 and armpv-bm-v6, each ratio against
#                       its own board's native;
#   kvm-comparison.svg  tests/linux/bench-plot.sh of kvm-comparison.tsv;
#   kvm-report.md       the table of every configuration per operation
#                       (docs/kvm.md includes its figures).
# Prints the table (kvm-lib.sh kl_table) and the host time of each run.
#
# Environment: top_srcdir, top_builddir, and what kvm-lib.sh and
# guest-lib.sh read; ARMPV_BENCH_OUT, ARMPV_KEEP, ARMPV_BENCH_RESUME as
# above.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
export top_srcdir top_builddir
. "$top_srcdir/tests/kvm/kvm-lib.sh"
bench_me=bench-kvm
# bench.c's seven operations of "bench bench", and mmio (a device register
# read: under KVM an exit to armpv-kvm), named only.
kvm_ops=null,read,pipe,fork,exec,pagefault,signal,mmio
bench_nops=8
outdir=${ARMPV_BENCH_OUT:-$top_srcdir/docs/bench}

# hypercall LOG: the hypercall guest's round trip in LOG (kl_hvc): the
# loop with the HVC less the loop without, instructions per call.
hypercall() {
	kl_hvc "$1" | awk '{ printf "%.17g\n", $2 - $1 }'
}

# bm_hypercall FILE: the "hypercall" row of tests/baremetal/bench.sh's
# output FILE: armpv-bm's instructions per null hypercall.
bm_hypercall() {
	awk '$1 == "hypercall" && NF == 4 && $3 > 0 { print $3; f = 1 } END { exit !f }' "$1"
}

# boot_row LOG...: the row of the boot (bench-lib.sh's row format):
# each LOG's CLOCK_MONOTONIC at /init's first action ("info boot-clock
# ... monotonic-ns NS", bench.c): the instructions from the guest
# kernel's timekeeping start to /init, under KVM the host's included
# (the decompressor and the kernel's earliest code before its clock
# starts are not in it); or a message and status 1.
boot_row() {
	r="boot	boot (kernel clock at /init)	d"
	for l in "$@"; do
		v=$(tr -d '\r' <"$l" | awk '$1 == "info" && $2 == "boot-clock" {
			for (i = 3; i < NF; i++) if ($i == "monotonic-ns") v = $(i + 1)
		} END { if (v == "") exit 1; print v }') || {
			echo "bench-kvm: no boot-clock line in $l" >&2
			return 1
		}
		r="$r	$v"
	done
	printf '%s\n' "$r"
}

# kvm_tsv DIR: kvm.tsv's rows from DIR's logs (above).
kvm_tsv() {
	d=$1
	{
		boot_row "$d/native.log" "$d/nvhe.log" "$d/nvhe_max.log" "$d/vhe.log" &&
		bench_ops "$d/native.log" "$d/nvhe.log" "$d/nvhe_max.log" "$d/vhe.log" &&
		printf 'hypercall\thypercall\tf\t%s\t%s\t%s\t%s\n' \
			"$(hypercall "$d/hvc-native.log")" "$(hypercall "$d/nvhe.log")" \
			"$(hypercall "$d/nvhe_max.log")" "$(hypercall "$d/vhe.log")"
	} | awk -F '\t' '
		BEGIN { k[4] = "native"; k[5] = "kvm-nvhe"; k[6] = "kvm-nvhe-max"; k[7] = "kvm-vhe" }
		NF != 7 || $4 == "" || $5 == "" || $6 == "" || $7 == "" {
			print "bench-kvm: no figures for " $1 > "/dev/stderr"; exit 1
		}
		{
			fmt = $3 == "d" ? "virt\t%s\t%s\t%d\t%.2f\t-\n" : "virt\t%s\t%s\t%.1f\t%.2f\t-\n"
			for (i = 4; i <= 7; i++)
				printf fmt, k[i], $1, $i, ($4 > 0 ? $i / $4 : 0)
		}' || return 1
	for b in v5 v6; do
		case $b in v5) board=versatilepb ;; *) board=raspi0 ;; esac
		{
			boot_row "$d/$b/native.log" "$d/$b/bm.log" &&
			bench_ops "$d/$b/native.log" "$d/$b/bm.log"
		} | bench_tsv $board || return 1
		h=$(bm_hypercall "$d/baremetal-$b.txt") || {
			echo "bench-kvm: no hypercall row in $d/baremetal-$b.txt" >&2
			return 1
		}
		printf '%s\trewritten\thypercall\t%s\t-\t-\n' $board "$h"
	done
}

# comparison_tsv KVM.TSV: kvm-comparison.tsv's rows: kvm.tsv's but the
# hypercall's (armpv-bm has no native one), board "comparison", the
# armpv-bm rows (kernel rewritten) as armpv-bm-v5 (versatilepb) and
# armpv-bm-v6 (raspi0); native's rows are the ARMv7's.
comparison_tsv() {
	awk -F '\t' '
	/^#/ || $1 == "board" || $3 == "hypercall" { next }
	$1 == "virt" { printf "comparison\t%s\t%s\t%s\t%s\t-\n", $2, $3, $4, $5; next }
	$2 == "rewritten" {
		printf "comparison\tarmpv-bm-%s\t%s\t%s\t%s\t-\n", ($1 == "versatilepb" ? "v5" : "v6"), $3, $4, $5
	}' "$1"
}

# report_md KVM.TSV: the report's table (Markdown): per operation, each
# board's native and what runs on it, with the ratio to that native
# where there is one.
report_md() {
	awk -F '\t' '
	/^#/ || $1 == "board" { next }
	{
		if (!($3 in seen)) { seen[$3] = 1; ops[++n] = $3 }
		k = $2 ($1 == "versatilepb" ? "-v5" : $1 == "raspi0" ? "-v6" : "")
		v[k, $3] = $4; r[k, $3] = $5
	}
	function cell(k, o, withratio) {
		if (!((k, o) in v)) return "n/a"
		if (!withratio || r[k, o] == "-") return v[k, o]
		return sprintf("%s (%.2fx)", v[k, o], r[k, o])
	}
	END {
		print "| operation | native ARMv5 | armpv-bm ARMv5 | native ARMv6 | armpv-bm ARMv6 | native ARMv7 (A15) | KVM nVHE (A57) | KVM nVHE (max) | KVM VHE (max) |"
		print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
		for (i = 1; i <= n; i++) {
			o = ops[i]
			printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", o,
				cell("native-v5", o, 0), cell("rewritten-v5", o, 1),
				cell("native-v6", o, 0), cell("rewritten-v6", o, 1),
				cell("native", o, 0), cell("kvm-nvhe", o, 1),
				cell("kvm-nvhe-max", o, 1), cell("kvm-vhe", o, 1)
		}
	}' "$1"
}

# put FILE: stdin into FILE, whole or not at all.
put() {
	cat >"$1.tmp.$$" && chmod 644 "$1.tmp.$$" && mv "$1.tmp.$$" "$1" ||
		{ rm -f "$1.tmp.$$"; lg_die "cannot write $1"; }
}

# write_outputs DIR HOSTTIME: the four files (above) from DIR's logs.
write_outputs() {
	d=$1
	label="$(git -C "$top_srcdir" describe --always --dirty 2>/dev/null || echo unknown) ($(date -u +%Y-%m-%d))"
	rows=$(kvm_tsv "$d") || lg_die "no figures in $d's logs"
	mkdir -p "$outdir"
	{
		echo "# armpv-bm against KVM/ARM: tests/kvm/bench-kvm.sh (docs/kvm.md)"
		echo "# label: $label"
		echo "# host time of the run: $2 s"
		echo "# virt: Debian's armmp kernel and armpv's test initramfs, natively on"
		echo "# qemu-system-arm -M virt -cpu cortex-a15, and as a 32-bit guest of"
		echo "# armpv-kvm under Debian's arm64 cloud kernel on qemu-system-aarch64"
		echo "# -M virt,virtualization=on: kvm-nvhe -cpu cortex-a57, kvm-nvhe-max"
		echo "# -cpu max with kvm-arm.mode=nvhe, kvm-vhe -cpu max"
		echo "# versatilepb, raspi0: the plain versatile and bcm2835 kernels natively"
		echo "# and rewritten under armpv-bm (rewritten), this build's monitor"
		echo "# hypercall: virt tests/kvm/hvc-guest.S (PSCI_VERSION by HVC: natively"
		echo "# QEMU answers it, under KVM the host kernel); versatilepb, raspi0"
		echo "# tests/baremetal/bench.sh's hypercall row (ARMPV_HC_PV_SYNC, nothing"
		echo "# to deliver; no native hypercall: ratio -)"
		bench_tsv_header
		printf '%s\n' "$rows"
	} | put "$outdir/kvm.tsv"
	{
		echo "# armpv-bm and KVM/ARM against native: tests/kvm/bench-kvm.sh"
		echo "# label: $label"
		echo "# each ratio against its own board's native: armpv-bm-v5 versatilepb's,"
		echo "# armpv-bm-v6 raspi0's, kvm-* the ARMv7 virt board's; native's rows are"
		echo "# ARMv7's (kvm.tsv has every board's native)"
		echo "# title: armpv-bm and KVM/ARM: instructions per operation against native"
		echo "# bars: armpv-bm (ARMv5, ARMv6) and KVM/ARM (ARMv7 guest)"
		bench_tsv_header
		comparison_tsv "$outdir/kvm.tsv"
	} | put "$outdir/kvm-comparison.tsv"
	sh "$top_srcdir/tests/linux/bench-plot.sh" -o "$outdir/kvm-comparison.svg" \
		"$outdir/kvm-comparison.tsv" || lg_die "bench-plot.sh failed"
	{
		echo "<!-- generated by tests/kvm/bench-kvm.sh: $label -->"
		echo "Instructions per operation (ratio to the same board's native in"
		echo "parentheses; hypercall: a round trip, natively one HVC that QEMU"
		echo "answers, on armpv-bm's boards none); host time of the run $2 s."
		echo
		report_md "$outdir/kvm.tsv"
	} | put "$outdir/kvm-report.md"
	echo "# wrote $outdir/kvm.tsv, kvm-comparison.tsv, kvm-comparison.svg, kvm-report.md"
}

# armpv_board BOARD SUBDIR: the plain kernel of BOARD (versatilepb,
# raspi0) natively and rewritten under armpv-bm with armpv.bench=$kvm_ops,
# logs SUBDIR/native.log and SUBDIR/bm.log; in a subshell, guest-lib.sh
# sourced for BOARD (its state, vmlinux.rw and the device trees, in
# SUBDIR); non-zero when a run failed or a kernel cannot be had
# (raspi0's plain bcm2835 build is made by tests/linux/bcm2835.sh, not
# here).
armpv_board() (
	ARMPV_LINUX_BOARD=$1
	sub=$2
	[ -z "${ARMPV_BENCH_RESUME:-}" ] || ARMPV_BENCH_RESUME=$ARMPV_BENCH_RESUME/$(basename "$sub")
	. "$top_srcdir/tests/linux/guest-lib.sh"
	bm_set_timeout 1800
	out=$sub
	mkdir -p "$out" || lg_die "cannot make $out"
	lg_prepare # raspi0 without its kernel: "# skip", status 77
	icount="-icount shift=0,sleep=off"
	append="console=ttyAMA0 rdinit=/init armpv.bench=$kvm_ops"
	case $1 in
	raspi0)
		[ -x "$top_builddir/tests/baremetal/fdt-bcm2835-guest" ] ||
			make -C "$top_builddir" tests/baremetal/fdt-bcm2835-guest >&2 ||
			lg_die "cannot build tests/baremetal/fdt-bcm2835-guest"
		bench_run native lg_boot_native_guest 512M "$append" $icount -serial stdio
		bench_run bm lg_boot_bm 512M "$append" $icount -serial stdio
		;;
	*)
		lg_filtered_dtb || lg_die "cannot filter $lg_dtb"
		bench_run native lg_native_filtered lg_boot_native 128M "$append" \
			$icount -serial stdio
		bench_run bm lg_boot_bm 128M "$append" $icount -serial stdio
		;;
	esac
)

# baremetal BOARD FILE: tests/baremetal/bench.sh BOARD's output into FILE
# (or a kept run's, ARMPV_BENCH_RESUME).
baremetal() {
	if [ -n "${ARMPV_BENCH_RESUME:-}" ] && [ -s "$ARMPV_BENCH_RESUME/$(basename "$2")" ]; then
		cp "$ARMPV_BENCH_RESUME/$(basename "$2")" "$2"
		echo "# $(basename "$2"): reused from $ARMPV_BENCH_RESUME"
		return 0
	fi
	t0=$(date +%s)
	sh "$top_srcdir/tests/baremetal/bench.sh" "$1" >"$2" 2>&1
	rc=$?
	echo "# $(basename "$2"): status $rc, $(($(date +%s) - t0)) s of host time"
	[ "$rc" = 0 ] || { tail -n 30 "$2" | sed 's/^/#   /'; lg_die "tests/baremetal/bench.sh $1 failed"; }
}

if [ "${1:-}" = --report ]; then
	write_outputs "$2" "${3:-0}"
	exit
fi

lg_workdir bench-kvm
kl_prepare
bm_set_timeout 1800
start=$(date +%s) # bench_run keeps its own t0
bench_run hvc-native kl_boot_native_hvc
for kind in $kl_kinds; do
	bench_run "$kind" "kl_boot_$kind" "console=ttyAMA0 rdinit=/init armpv.bench=$kvm_ops"
done
armpv_board versatilepb "$out/v5" || lg_die "armpv-bm's versatilepb runs failed"
armpv_board raspi0 "$out/v6" || lg_die "armpv-bm's raspi0 runs failed"
baremetal versatilepb "$out/baremetal-v5.txt"
baremetal raspi0 "$out/baremetal-v6.txt"
host=$(($(date +%s) - start))
echo "# instructions per operation (ARMv7: native and KVM):"
bench_ops "$out/native.log" "$out/nvhe.log" "$out/nvhe_max.log" "$out/vhe.log" |
	kl_table $kl_kinds || lg_die "no table"
write_outputs "$out" "$host"
cat "$outdir/kvm-report.md"
