# SPDX-License-Identifier: GPL-2.0-or-later
#
# ran-in-main.sh -- sourced first by each Linux kernel test (they build and
# boot kernels, minutes each; tests/kvm/kvm-short.sh too, its result
# looked for under tests/kvm).  `./armpv-dev test` runs make check, then
# make distcheck with configure's ARMPV_LINUX_TESTS_RAN_IN set to the build
# directory of that make check (DISTCHECK_CONFIGURE_FLAGS): inside
# distcheck, a Linux test whose result that directory holds is skipped
# (exit 77, SKIP) and says so and what the result was.  A test that did not
# run there runs here.  Unset (every other build), nothing happens.
#
# The test's name is its script's ($0); a test that execs another
# (workload-raspi0.sh execs workload.sh) is decided once, by the first.
if [ -n "${ARMPV_LINUX_TESTS_RAN_IN:-}" ] && [ -z "${ARMPV_LINUX_RAN_DECIDED:-}" ]; then
	ARMPV_LINUX_RAN_DECIDED=1
	export ARMPV_LINUX_RAN_DECIDED
	rim_name=${0##*/}
	rim_name=${rim_name%.sh}
	rim_dir=$(basename "$(dirname "$0")") # linux, or kvm (tests/kvm)
	rim_trs=$ARMPV_LINUX_TESTS_RAN_IN/tests/$rim_dir/$rim_name.trs
	rim_result=$(sed -n 's/^:test-result: *//p' "$rim_trs" 2>/dev/null)
	if [ -n "$rim_result" ]; then
		echo "skipped: ran in this CI run's main test ($rim_result:" \
			"$ARMPV_LINUX_TESTS_RAN_IN/tests/$rim_dir/$rim_name.log)"
		exit 77
	fi
	echo "# $rim_trs: no result, so $rim_name runs here"
fi
