#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The page armpv-bm shares with a guest kernel built with the
# armpv_irqflags GCC plugin (docs/plugin.md, monitor/core/armpv_pv.h),
# end to end: tests/baremetal/pv-guest/ masks and unmasks with
# irqflags.h's asms (tests/plugin/pv-irqflags.h) around a timer's
# interrupts, mixes in raw MRS/MSR/CPS, and runs a user task that touches
# the page.  Its kernel C is built twice: as it is, and with the plugin
# (every masking asm then loads and stores the page).  For each of
# armv5te on -cpu arm926 and armv6 on -cpu arm1176, three runs must exit
# 0 with "N passed, 0 failed" and print identical transcripts:
#   native    the plain build, unrewritten, on versatilepb;
#   bm        the plain build, rewritten, under armpv-bm (every masking
#             a trap word);
#   bmpv      the plugin build, rewritten, under armpv-bm (the page).
# Also checked: the plugin replaced every masking asm of pv-guest.c (its
# report lists them; its object has no MRS, MSR or CPS left, and has the
# conditional ARMPV_HC_PV_SYNC), the bmpv runs made PV_SYNC hypercalls
# (at least the two the guest's pending-at-unmask checks need) and the
# bm runs none, and the raw MRS and MSR (ARMv6: CPS) of the bmpv runs
# went by the SWI fast path (vectors.S merges the page there).  The
# trap counts of bm and bmpv are printed (the plugin's saving).
#
# The plugin must be built when the cross compiler's plugin headers are
# installed (armpv-dev setup installs them): its absence is then a
# failure (99), not a skip.  Skipped (77) without qemu-system-arm, or
# without the headers.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm).
. "$top_srcdir/tests/baremetal/lib.sh"

bm_need_tools "$QEMU_SYSTEM_ARM"
src=$top_srcdir/tests/baremetal/pv-guest
out=$top_builddir/tests/baremetal/pv
plugin=$top_builddir/rewriter/plugin/armpv_irqflags.so
bm_need_built "$bm_rewriter" "$bm_monitor"
if test ! -f "$plugin"; then
	hdr=$($ARM_CC -print-file-name=plugin)/include/gcc-plugin.h
	if test -f "$hdr"; then
		echo "$0: $plugin is not built, but $hdr is installed" >&2
		exit 99
	fi
	echo "SKIP: no plugin headers for $ARM_CC ($hdr)"
	exit 77
fi
mkdir -p "$out" || exit 99

# build ARCH NAME [PLUGIN-FLAGS]: pv-guest.c with PLUGIN-FLAGS, start.S
# and check.c without, linked into $out/NAME.elf and rewritten into
# $out/NAME.rw.elf.  One ELF serves the native and the armpv-bm runs
# (no platform layer).
build() {
	bm_arch=$1
	bm_compile_guest "$2-" "-Dasm=__asm__ -I$top_srcdir/tests/plugin $3" \
		"$src/pv-guest.c" &&
	kobj=$bm_objs &&
	bm_compile_guest "$2-" "" "$src/start.S" "$bm_proc/check.c" &&
	bm_objs="$bm_objs $kobj" &&
	bm_link_guest "$bm_proc/kern.ld" "$out/$2.elf" &&
	bm_rewrite_guest "$out/$2.elf"
	bm_rc=$?
	bm_arch=armv5te
	return $bm_rc
}

status=0
# masking ARCH NAME: the object's MRS, MSR and CPS, and its conditional
# PV_SYNC hypercalls.
masking() {
	"${ARM_CC%gcc}objdump" -d "$out/$2-pv-guest.o" >"$out/$2.dis" ||
		exit 99
	insns=$(grep -cE '	(mrs|msr|cpsi[ed])	' "$out/$2.dis")
	syncs=$(grep -cE '	svcne	0x00280004' "$out/$2.dis")
}
for a in armv5te:v5 armv6:v6; do
	arch=${a%:*} v=${a#*:}
	rm -f "$out/report-$v"
	if ! build "$arch" "pv-guest-$v" ||
	   ! build "$arch" "pv-guest-$v-pv" \
		"-fplugin=$plugin -fplugin-arg-armpv_irqflags-report=$out/report-$v"; then
		echo "FAIL: building the shared-page test guest ($arch)" >&2
		exit 99
	fi
	masking "$arch" "pv-guest-$v"
	plain_insns=$insns
	masking "$arch" "pv-guest-$v-pv"
	replaced=$(sed -n 's/.*: \([0-9]*\) replaced.*/\1/p' "$out/report-$v" |
		awk '{ n += $1 } END { print n + 0 }')
	if test "$plain_insns" -lt 10 || test "$insns" -ne 0 ||
	   test "$syncs" -lt 4 || test "$replaced" -lt 10; then
		echo "FAIL: $arch: the plugin build: $insns MRS/MSR/CPS left (plain: $plain_insns), $syncs conditional PV_SYNC, $replaced sequences reported"
		status=1
	else
		echo "PASS: $arch: the plugin replaced $replaced sequences: no MRS/MSR/CPS left of $plain_insns, $syncs conditional PV_SYNC"
	fi
done

bm_set_timeout 120
# stat LOG KEY: the number after KEY on armpv-bm's traps line (0 when
# it is not there); KEY "traps:" gives the total.
stat() {
	grep -a '^armpv-bm: [0-9]* traps:' "$1" | tr ',' ' ' |
		awk -v k="$2" '{ n = 0
			for (i = 2; i <= NF; i++) {
				if (k == "traps:" && $i == k) n = $(i - 1)
				else if ($i == k && i < NF) n = $(i + 1)
			}
			print n }'
}
for r in arm926:v5:msr arm1176:v6:cps; do
	cpu=${r%%:*} v=${r#*:}
	fast=${v#*:} v=${v%:*}
	g=$out/pv-guest-$v
	bm_run_guest "native-$cpu" "$cpu" -kernel "$g.elf" &&
	bm_run_guest "bm-$cpu" "$cpu" -kernel "$bm_monitor" -initrd "$g.rw.elf" &&
	bm_run_guest "bmpv-$cpu" "$cpu" -kernel "$bm_monitor" \
		-initrd "$g-pv.rw.elf" || {
		status=1
		continue
	}
	bm_compare_transcripts "$cpu" "check lines ($v, plain)" 30 || status=1
	cp "$out/bmpv-$cpu.checks" "$out/bm-$cpu.checks"
	bm_compare_transcripts "$cpu" "check lines ($v, plugin)" 30 || status=1
	log=$out/bmpv-$cpu.log plog=$out/bm-$cpu.log
	pv=$(stat "$log" pv_sync)
	ppv=$(stat "$plog" pv_sync)
	if test "$pv" -lt 2 || test "$ppv" -ne 0 ||
	   ! grep -aq '^armpv-bm: [0-9]* traps:.* pv_sync [0-9]*$' "$plog"; then
		echo "FAIL: $cpu: pv_sync: plugin build ${pv:-none} (want >= 2), plain build ${ppv:-none} (want 0)"
		status=1
	else
		echo "PASS: $cpu: $pv PV_SYNC hypercalls (plugin build), none in the plain build"
	fi
	fastl=$(grep -a '^armpv-bm: of those, by the SWI fast path:' "$log")
	if ! echo "$fastl" | grep -q ' mrs [1-9]' ||
	   ! echo "$fastl" | grep -q " $fast [1-9]"; then
		echo "FAIL: $cpu: plugin build: want MRS and $fast by the SWI fast path: $fastl"
		status=1
	fi
	echo "# $cpu traps: plain build $(stat "$plog" traps:) (mrs $(stat "$plog" mrs) msr $(stat "$plog" msr) cps $(stat "$plog" cps)), plugin build $(stat "$log" traps:) (mrs $(stat "$log" mrs) msr $(stat "$log" msr) cps $(stat "$log" cps), pv_sync $pv)"
done
exit $status
