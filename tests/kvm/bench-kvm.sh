#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-kvm.sh -- the comparison of armpv-bm with KVM/ARM (docs/kvm.md):
# bench.c's seven lmbench-style operations natively and under KVM, in
# instructions executed at every exception level under -icount
# shift=0,sleep=off, beside armpv-bm's recorded figures, into a report:
#
#   make bench-kvm          (the same: top_srcdir=. top_builddir=build
#                            sh tests/kvm/bench-kvm.sh)
#   sh tests/kvm/bench-kvm.sh --report DIR [SECONDS]
#                  # the files again from a kept run's logs in DIR
#                  # (SECONDS: that run's host time, for the files)
#
# Four boots (kvm-lib.sh), each with armpv.bench=null,read,pipe,fork,
# exec,pagefault,signal,mmio (bench.c's seven operations of "bench
# bench", and a device register read, mmio; then the guest reboots):
# native, nvhe, nvhe_max, vhe; about five minutes of host time.  Their logs are native.log, nvhe.log, nvhe_max.log
# and vhe.log in a temporary directory (ARMPV_KEEP=1 keeps it;
# ARMPV_BENCH_RESUME=DIR takes a kept run's logs instead of booting).
# The armpv-bm side is not run here (24 and 9 boots: make bench-results
# and make bench-results BOARD=raspi0 refresh it): its figures are the
# results files those wrote, docs/bench/versatilepb.tsv (ARMv5: native
# and "rewritten", the post-link rewritten kernel under armpv-bm) and
# docs/bench/raspi0.tsv (ARMv6).  Writes, into OUT (ARMPV_BENCH_OUT,
# default $top_srcdir/docs/bench), each whole or not at all:
#   kvm.tsv             the KVM runs' results file (the format of
#                       tests/linux/bench-lib.sh bench_tsv; board "virt",
#                       kernels native, kvm-nvhe, kvm-nvhe-max, kvm-vhe),
#                       with "# label:" (commit, date) and the host time;
#   kvm-comparison.tsv  kvm.tsv's KVM rows and the armpv-bm rows of
#                       versatilepb.tsv and raspi0.tsv (kernels armpv-bm-
#                       v5, armpv-bm-v6), each ratio against its own
#                       board's native; native's rows are the ARMv7's;
#   kvm-comparison.svg             tests/linux/bench-plot.sh of kvm-comparison.tsv;
#   kvm-report.md       the table of every configuration per operation
#                       (docs/kvm.md includes its figures).
# Prints the table (kvm-lib.sh kl_table) and the host time of each boot.
#
# Environment: top_srcdir, top_builddir, and what kvm-lib.sh reads;
# ARMPV_BENCH_OUT, ARMPV_KEEP, ARMPV_BENCH_RESUME as above.
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

# kvm_tsv DIR: kvm.tsv's rows from DIR's four logs.
kvm_tsv() {
	bench_ops "$1/native.log" "$1/nvhe.log" "$1/nvhe_max.log" "$1/vhe.log" |
		awk -F '\t' '
		BEGIN { k[4] = "native"; k[5] = "kvm-nvhe"; k[6] = "kvm-nvhe-max"; k[7] = "kvm-vhe" }
		NF != 7 { print "bench-kvm: a row of " NF " fields" > "/dev/stderr"; exit 1 }
		{
			for (i = 4; i <= 7; i++)
				printf "virt\t%s\t%s\t%.1f\t%.2f\t-\n", k[i], $1, $i, ($4 > 0 ? $i / $4 : 0)
		}'
}

# comparison_tsv KVM.TSV V5.TSV V6.TSV: kvm-comparison.tsv's rows: KVM's
# rows (board "comparison"), then armpv-bm's "rewritten" rows of the two
# boards for the operations KVM.TSV has, as armpv-bm-v5 and armpv-bm-v6.
comparison_tsv() {
	awk -F '\t' '
	FNR == 1 { f++ }
	/^#/ || $1 == "board" { next }
	f == 1 { ops[$3] = 1; printf "comparison\t%s\t%s\t%s\t%s\t-\n", $2, $3, $4, $5; next }
	$2 == "rewritten" && ($3 in ops) {
		printf "comparison\tarmpv-bm-%s\t%s\t%s\t%s\t-\n", (f == 2 ? "v5" : "v6"), $3, $4, $5
	}' "$@"
}

# report_md KVM.TSV V5.TSV V6.TSV: the report's table (Markdown): per
# operation, each board's native and what runs on it, with the ratio.
report_md() {
	awk -F '\t' '
	FNR == 1 { f++ }
	/^#/ || $1 == "board" { next }
	f == 1 { if (!($3 in seen)) { seen[$3] = 1; ops[++n] = $3 } v[$2, $3] = $4; r[$2, $3] = $5; next }
	f == 2 { v[$2 "-v5", $3] = $4; r[$2 "-v5", $3] = $5; next }
	f == 3 { v[$2 "-v6", $3] = $4; r[$2 "-v6", $3] = $5; next }
	function cell(k, o, withratio) {
		if (!((k, o) in v)) return "n/a"
		return withratio ? sprintf("%s (%.2fx)", v[k, o], r[k, o]) : v[k, o]
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
	}' "$@"
}

# put FILE: stdin into FILE, whole or not at all.
put() {
	cat >"$1.tmp.$$" && chmod 644 "$1.tmp.$$" && mv "$1.tmp.$$" "$1" ||
		{ rm -f "$1.tmp.$$"; lg_die "cannot write $1"; }
}

# write_outputs DIR HOSTTIME: the four files (above) from DIR's logs.
write_outputs() {
	d=$1
	v5=$top_srcdir/docs/bench/versatilepb.tsv v6=$top_srcdir/docs/bench/raspi0.tsv
	[ -f "$v5" ] && [ -f "$v6" ] || lg_die "no $v5 or $v6 (make bench-results writes them)"
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
		bench_tsv_header
		printf '%s\n' "$rows"
	} | put "$outdir/kvm.tsv"
	{
		echo "# armpv-bm and KVM/ARM against native: tests/kvm/bench-kvm.sh"
		echo "# label: $label"
		echo "# each ratio against its own board's native: armpv-bm-v5 versatilepb's"
		echo "# (docs/bench/versatilepb.tsv), armpv-bm-v6 raspi0's (raspi0.tsv),"
		echo "# kvm-* the ARMv7 virt board's (kvm.tsv); native's rows are ARMv7's"
		echo "# title: armpv-bm and KVM/ARM: instructions per operation against native"
		echo "# bars: armpv-bm (ARMv5, ARMv6) and KVM/ARM (ARMv7 guest)"
		bench_tsv_header
		comparison_tsv "$outdir/kvm.tsv" "$v5" "$v6"
	} | put "$outdir/kvm-comparison.tsv"
	sh "$top_srcdir/tests/linux/bench-plot.sh" -o "$outdir/kvm-comparison.svg" \
		"$outdir/kvm-comparison.tsv" || lg_die "bench-plot.sh failed"
	{
		echo "<!-- generated by tests/kvm/bench-kvm.sh: $label -->"
		echo "Instructions per operation (ratio to the same board's native in"
		echo "parentheses); host time of the run $2 s."
		echo
		report_md "$outdir/kvm.tsv" "$v5" "$v6"
	} | put "$outdir/kvm-report.md"
	echo "# wrote $outdir/kvm.tsv, kvm-comparison.tsv, kvm-comparison.svg, kvm-report.md"
}

if [ "${1:-}" = --report ]; then
	write_outputs "$2" "${3:-0}"
	exit
fi

lg_workdir bench-kvm
kl_prepare
bm_set_timeout 1800
start=$(date +%s) # bench_run keeps its own t0
for kind in $kl_kinds; do
	bench_run "$kind" "kl_boot_$kind" "console=ttyAMA0 rdinit=/init armpv.bench=$kvm_ops"
done
host=$(($(date +%s) - start))
echo "# instructions per operation:"
bench_ops "$out/native.log" "$out/nvhe.log" "$out/nvhe_max.log" "$out/vhe.log" |
	kl_table $kl_kinds || lg_die "no table"
write_outputs "$out" "$host"
