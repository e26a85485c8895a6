#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# plugin-kernel.sh -- Linux 6.1 (versatile_defconfig) built with the
# armpv-as wrapper and the armpv_irqflags GCC plugin (docs/plugin.md,
# docs/linux.md) runs the workload under armpv-bm with far fewer traps.
#
# Builds the kernel when the cache lacks it (tests/linux/plugin-build.sh:
# armpv-plugin-versatile, 8 to 20 minutes on two cores) and checks:
#   - armpv-rewrite --check finds no sensitive instruction left in its
#     vmlinux (as kernel.sh for the armpv-as build);
#   - the plugin's report: more than 300 sequences replaced, among them
#     irq_save and irq_restore;
#   - its vmlinux holds fewer MRS/MSR trap sites than the armpv-as
#     build's (the cache's armpv-as-versatile, tests/linux/versatile.sh:
#     skipped, 77, without it);
#   - workload.sh with ARMPV_LINUX_RUNS="native bm_as bm_plugin" at
#     128 MiB: each of its checks (the same result lines as natively, the
#     computed checksums, the reset request, no Oops...) counted here;
#   - armpv-bm's statistics of the two runs under it: the plugin kernel
#     made pv_sync hypercalls (85 measured), and at least $min_ratio
#     times fewer MRS and MSR traps than the armpv-as kernel (measured
#     2026-12-05: 9,468,530 against 608,272, 15.6 times; the rest are
#     the assembly's: entry-armv.S, the bitops of arch/arm/lib).
#
# Environment: as workload.sh (top_srcdir, top_builddir, ARM_CC,
# QEMU_ARM, QEMU_SYSTEM_ARM, ARMPV_CACHE).  Skipped (77) when configure
# did not build the plugin.
. "$top_srcdir/tests/linux/ran-in-main.sh"
set -u
: "${top_builddir:=$top_srcdir/build}"
. "$top_srcdir/tests/linux/guest-lib.sh"
[ "$lg_board" = versatilepb ] || lg_die "versatilepb only"
min_ratio=10
rw=$top_builddir/rewriter/armpv-rewrite

kdir=$(sh "$top_srcdir/tests/linux/plugin-build.sh")
rc=$?
[ "$rc" = 77 ] && { echo "# skip: the plugin is not built (docs/plugin.md)"; exit 77; }
[ "$rc" = 0 ] || lg_die "the plugin kernel build failed"
echo "# plugin kernel $kdir"
lg_workdir plugin-kernel
lg_prepare_as

"$rw" --check --arch armv5te "$kdir/vmlinux" >"$out/check.out" 2>&1
crc=$?
check "plugin vmlinux: --check finds nothing left" '[ $crc = 0 ]'
[ $crc = 0 ] || sed 's/^/#   /' "$out/check.out" | head -20

# The report: one line per function, "SRC: FN: N replaced (kind n, ...)".
report=$kdir/armpv-irqflags.report
awk '{ for (i = 1; i <= NF; i++) if ($i == "replaced") n += $(i - 1) }
	END { print n + 0 }' "$report" >"$out/n" 2>/dev/null
n=$(cat "$out/n")
check "plugin report: more than 300 sequences replaced ($n, in $(wc -l <"$report") functions)" \
	'[ "$n" -gt 300 ]'
check "plugin report: irq_save and irq_restore among them" \
	'grep -q "irq_save [1-9]" "$report" && grep -q "irq_restore [1-9]" "$report"'
sed 's/.*(//; s/)$//; s/, /\n/g' "$report" |
	awk '{ k[$1] += $2 } END { for (i in k) printf "%s %d\n", i, k[i] }' |
	sort | tr '\n' ' ' | sed 's/^/# kinds: /; s/ $/\n/'

# MRS/MSR trap sites: the plugin's build against the armpv-as build.
sites() {
	"$rw" --json -n --arch armv5te "$1" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(sum(1 for s in d["sites"] if s["disasm"].split()[0].lower()[:3] in ("mrs", "msr")))'
}
sp=$(sites "$kdir/vmlinux")
sa=$(sites "$lg_as_vmlinux")
echo "# MRS/MSR trap sites: armpv-as $sa, plugin $sp"
check "plugin vmlinux: fewer MRS/MSR sites than the armpv-as build's" \
	'[ -n "$sp" ] && [ -n "$sa" ] && [ "$sp" -lt "$sa" ]'

# The workload: native, the armpv-as kernel and the plugin kernel, with
# workload.sh's checks.
ARMPV_LINUX_RUNS="native bm_as bm_plugin" ARMPV_LINUX_MEMS=128M \
	sh "$top_srcdir/tests/linux/workload.sh" >"$out/workload.out" 2>&1
wrc=$?
cat "$out/workload.out"
wp=$(grep -c '^ok ' "$out/workload.out")
wf=$(grep -c '^not ok ' "$out/workload.out")
pass=$((pass + wp)) fail=$((fail + wf))
check "workload.sh: status 0, checks passed ($wp)" '[ "$wrc" = 0 ] && [ "$wp" -gt 20 ]'

# armpv-bm's statistics line of each run, as workload.sh echoed it:
# "# armpv-bm: N traps: mrs A msr B ..., pv_sync P".
stat() {
	awk -v run="$1" -v key="$2" '
	/^# armpv-bm: [0-9]+ traps:/ && last == run {
		gsub(/[,;]/, " ")
		for (i = 4; i <= NF; i++) if ($(i - 1) == key) v = $i
	}
	/^# (bm_as|bm_plugin) 128M: QEMU ran/ { last = $2 }
	END { print v + 0 }' "$out/workload.out"
}
am=$(( $(stat bm_as mrs) + $(stat bm_as msr) ))
pm=$(( $(stat bm_plugin mrs) + $(stat bm_plugin msr) ))
ps=$(stat bm_plugin pv_sync)
echo "# MRS+MSR traps of the workload: armpv-as $am, plugin $pm; plugin pv_sync $ps"
check "plugin kernel: pv_sync hypercalls ($ps)" '[ "$ps" -gt 0 ]'
check "plugin kernel: at least $min_ratio times fewer MRS/MSR traps than armpv-as" \
	'[ "$pm" -gt 0 ] && [ "$am" -ge $((pm * min_ratio)) ]'
[ "$pm" -gt 0 ] && echo "# ratio $(awk -v a="$am" -v p="$pm" 'BEGIN { printf "%.1f", a / p }')"
lg_summary
