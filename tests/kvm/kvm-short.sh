#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# kvm-short.sh -- the KVM comparison (docs/kvm.md) made small: four of
# the benchmark's operations (null, pipe, pagefault and mmio, a device
# register read: armpv.bench=null,pipe,pagefault,mmio) in each
# configuration, one boot each (kvm-lib.sh):
# natively (Debian's armmp kernel on qemu-system-arm -M virt -cpu
# cortex-a15), under KVM nVHE (-cpu cortex-a57) and under KVM VHE (-cpu
# max), the guest a 32-bit Linux run by armpv-kvm.  Checks, for each:
#   - QEMU stopped by itself with status 0 (the guest's reboot; for KVM,
#     armpv-kvm's "guest asked for a reset", its status 0 and the host's
#     power-off), within the timeout;
#   - under KVM, KVM's count of the vCPU's exits (armpv-kvm's "kvm vcpu
#     exits N" line at the end, from KVM's binary statistics) above 0:
#     the guest ran under KVM and left it at least for its console;
#   - the guest is the 32-bit armmp kernel ("Linux version ...-armmp"),
#     under KVM on armpv-kvm's machine ("Machine model: armpv-kvm");
#   - the host's KVM runs in the mode asked: "Hyp mode initialized
#     successfully" (nVHE) or "VHE mode initialized successfully";
#   - a bench line per operation (iterations and instructions > 0), and
#     "bench finished (status 0)";
#   - the hypercall guest (tests/kvm/hvc-guest.S, which the KVM hosts
#     run before the Linux guest, and natively in a fourth, short run):
#     it stopped with status 0 and printed its figures; natively the
#     HVC costs at most 2 instructions (QEMU answers PSCI_VERSION
#     itself), under KVM over 100 (each HVC an exit to the host kernel);
#   - null, pipe and pagefault under KVM within 1/4 and 20 times
#     native's instructions: a plausibility bound (a guest clock that
#     stood still or ran wild fails it), not an aim; mmio over 100 times
#     native's (natively a load; under KVM each read must be an exit to
#     armpv-kvm, thousands of instructions).
# Then the table (kvm-lib.sh kl_table).  About 2 minutes of host time.
#
# Environment: top_srcdir, top_builddir; QEMU_SYSTEM_ARM, QEMU_SYSTEM_
# AARCH64, AARCH64_CC, ARM_CC, QEMU_ARM, ARMPV_CACHE (kvm-lib.sh);
# ARMPV_KEEP=1 keeps the logs.  Skipped (77) without the aarch64 cross
# compiler or qemu-system-aarch64.
. "$top_srcdir/tests/linux/ran-in-main.sh"
set -u
. "$top_srcdir/tests/kvm/kvm-lib.sh"

lg_workdir kvm-short
kl_prepare
bm_set_timeout 600
ops="null pipe pagefault mmio"
bench_nops=4
append="console=ttyAMA0 rdinit=/init armpv.bench=$(echo $ops | tr ' ' ,)"

# hvc_cost LOG: instructions per HVC of the hypercall guest in LOG
# (kl_hvc: the loop with the HVC less the loop without).
hvc_cost() {
	kl_hvc "$1" | awk '{ printf "%.1f\n", $2 - $1 }'
}
t0=$(date +%s)
kl_boot_native_hvc </dev/null >"$out/hvc-native.log" 2>&1
rc=$?
echo "# hvc-native: status $rc, $(($(date +%s) - t0)) s of host time"
check "hvc-native: QEMU stopped by itself, status 0" '[ "$rc" = 0 ]'
h=$(hvc_cost "$out/hvc-native.log")
echo "# hvc-native: ${h:-no} instructions per HVC"
check "hvc-native: the hypercall guest's figures, at most 2 instructions an HVC" \
	'[ -n "$h" ] && awk -v h="$h" "BEGIN { exit !(h >= 0 && h <= 2) }"'

for kind in native nvhe vhe; do
	t0=$(date +%s)
	"kl_boot_$kind" "$append" </dev/null >"$out/$kind.log" 2>&1
	rc=$?
	echo "# $kind: status $rc, $(($(date +%s) - t0)) s of host time"
	log=$out/$kind.log
	check "$kind: QEMU stopped by itself, status 0" '[ "$rc" = 0 ]'
	check "$kind: the guest is the 32-bit armmp kernel" \
		'grep -aq "Linux version [^ ]*-armmp " "$log"'
	check "$kind: the benchmark finished, status 0" \
		'grep -aq "^armpv: bench finished (status 0)" "$log"'
	for op in $ops; do
		check "$kind: a bench line for $op" \
			'tr -d "\r" <"$log" | awk -v op="$op" '"'"'$1 == "bench" && $2 == op && $3 > 0 && $4 > 0 { f = 1 } END { exit !f }'"'"
	done
	case $kind in
	native) continue ;;
	nvhe) mode="Hyp mode initialized successfully" ;;
	vhe) mode="VHE mode initialized successfully" ;;
	esac
	check "$kind: the host's KVM: $mode" \
		'grep -aq "^kvm-host: kvm: $mode" "$log"'
	check "$kind: the guest on armpv-kvm's machine" \
		'grep -aq "Machine model: armpv-kvm" "$log"'
	check "$kind: armpv-kvm stopped on the guest's reset, status 0" \
		'grep -aq "^armpv-kvm: guest asked for a reset" "$log" &&
		 grep -aq "^kvm-host: armpv-kvm status 0" "$log"'
	check "$kind: KVM counted the guest's exits (armpv-kvm: kvm vcpu exits N > 0)" \
		'tr -d "\r" <"$log" | awk '"'"'$1 == "armpv-kvm:" && $2 == "kvm" && $3 == "vcpu" && $4 == "exits" && $5 > 0 { f = 1 } END { exit !f }'"'"
	check "$kind: the hypercall guest stopped with status 0" \
		'grep -aq "^kvm-host: hypercall guest status 0" "$log"'
	h=$(hvc_cost "$log")
	echo "# $kind: ${h:-no} instructions per HVC"
	check "$kind: the hypercall guest's figures, over 100 instructions an HVC (an exit)" \
		'[ -n "$h" ] && awk -v h="$h" "BEGIN { exit !(h > 100) }"'
	tr -d '\r' <"$log" | grep -a '^armpv-kvm: kvm \|^armpv-kvm: MMIO' | sed "s/^/# $kind: /"
	check "$kind: mmio (a device read, an exit to armpv-kvm) over 100 times native's instructions" \
		'bench_ops "$out/native.log" "$log" | awk -F "\t" '"'"'$1 == "mmio" && $5 > $4 * 100 { f = 1 } END { exit !f }'"'"
	for op in null pipe pagefault; do
		check "$kind: $op within 1/4 and 20 times native's instructions" \
			'bench_ops "$out/native.log" "$log" | awk -F "\t" -v op="$op" '"'"'$1 == op && $5 >= $4 / 4 && $5 <= $4 * 20 { f = 1 } END { exit !f }'"'"
	done
done
echo "# instructions per operation (kl_table):"
bench_ops "$out/native.log" "$out/nvhe.log" "$out/vhe.log" | kl_table native nvhe vhe | sed 's/^/# /'
lg_summary
