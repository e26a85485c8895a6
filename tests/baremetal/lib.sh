# SPDX-License-Identifier: GPL-2.0-or-later
# tests/baremetal/lib.sh -- what the bare-metal test scripts share: the
# guest builds (tests/process/build.sh's flags), the qemu-system-arm
# versatilepb invocation, and the native-vs-armpv-bm transcript
# comparison.  Sourced, not run:
#
#   . "$top_srcdir/tests/baremetal/lib.sh"
#
# after top_srcdir and top_builddir are set.  Sourcing it defaults
# QEMU_SYSTEM_ARM (qemu-system-arm) and ARM_CC (arm-linux-gnueabi-gcc),
# and sets
#
#   bm_monitor   the armpv-bm image QEMU boots (-kernel)
#   bm_rewriter  armpv-rewrite
#   bm_proc      tests/process, whose check.c, plat-*.S and kern.ld the
#                guests share
#   bm_tmo       the timeout command QEMU runs under (bm_set_timeout);
#                empty: none
#   bm_arch      the architecture guests are compiled, linked and
#                rewritten for (-march, armpv-rewrite --arch): armv5te;
#                a script may set armv6 before building a guest
#
# The functions read two variables of the script: out, the directory
# they write in, and src, the guest's sources (included with -I).  Their
# own variables are named bm_*.  Those that find a missing tool or build
# product exit with the harness's statuses (77 skip, 99 hard error); the
# others return non-zero and leave the report to the script.

: "${QEMU_SYSTEM_ARM:=qemu-system-arm}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"
bm_monitor=$top_builddir/monitor/armpv-bm.bin
bm_rewriter=$top_builddir/rewriter/armpv-rewrite
bm_proc=$top_srcdir/tests/process
bm_tmo=
bm_arch=armv5te

# bm_need_tools COMMAND...: skip the test (77) when a COMMAND is missing.
bm_need_tools() {
	for bm_t in "$@"; do
		if ! command -v "$bm_t" >/dev/null 2>&1; then
			echo "$0: $bm_t not found" >&2
			exit 77
		fi
	done
}

# bm_need_built FILE...: a hard error (99) when a FILE is not built.
bm_need_built() {
	for bm_f in "$@"; do
		if test ! -f "$bm_f"; then
			echo "$0: $bm_f is not built" >&2
			exit 99
		fi
	done
}

# bm_set_timeout SECONDS: QEMU runs stop after SECONDS, when timeout(1)
# is there (status 124).
bm_set_timeout() {
	bm_tmo=
	if command -v timeout >/dev/null 2>&1; then
		bm_tmo="timeout $1"
	fi
}

# bm_build_process_kernels DIR: tests/process/build.sh, PLAT=armpv, into
# DIR (kern-v5.rw.elf, kern-v6.rw.elf and their unrewritten ELFs).
bm_build_process_kernels() {
	if ! PLAT=armpv "${SHELL:-/bin/sh}" "$bm_proc/build.sh" "$1" \
		>/dev/null; then
		echo "FAIL: building the test kernels" >&2
		return 1
	fi
}

# bm_compile_guest PREFIX CPPFLAGS SOURCE...: compile each SOURCE (C or
# assembly) with the flags of tests/process/build.sh for $bm_arch, the
# include directories $src, tests/baremetal (guest-start.h) and $bm_proc,
# and CPPFLAGS ("" for none; split into words), to $out/PREFIX<its
# name>.o.  The objects, in order, in bm_objs; stops at the first
# failure.
bm_compile_guest() {
	bm_prefix=$1 bm_cppflags=$2
	shift 2
	bm_objs=
	for bm_s in "$@"; do
		bm_o=$out/$bm_prefix$(basename "${bm_s%.*}").o
		$ARM_CC -c -std=c11 -O2 -Wall -Wextra -Werror \
			-march="$bm_arch" -marm -mfloat-abi=soft \
			-ffreestanding -fno-builtin -fno-pic -fno-pie \
			-fno-stack-protector -fno-tree-loop-distribute-patterns \
			-fno-asynchronous-unwind-tables -fno-unwind-tables \
			-Wa,--noexecstack -I"$src" -I"$top_srcdir/tests/baremetal" \
			-I"$bm_proc" $bm_cppflags \
			-o "$bm_o" "$bm_s" || return 1
		bm_objs="$bm_objs $bm_o"
	done
}

# bm_link_guest LDSCRIPT OUTPUT: link bm_objs (bm_compile_guest) into the
# ELF OUTPUT with LDSCRIPT, no library.
bm_link_guest() {
	$ARM_CC -nostdlib -ffreestanding -static -no-pie -march="$bm_arch" \
		-marm -T "$1" -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -o "$2" $bm_objs
}

# bm_rewrite_guest ELF: armpv-rewrite ELF (NAME.elf) for $bm_arch into
# NAME.rw.elf.
bm_rewrite_guest() {
	"$bm_rewriter" -q --arch "$bm_arch" -o "${1%.elf}.rw.elf" "$1"
}

# bm_build_guest NAME GUEST-C [CPPFLAGS]: a test guest in both forms,
# from $src/start.S, $src/GUEST-C, tests/process/check.c and a platform
# layer, linked by tests/process/kern.ld: $out/NAME.native.elf
# (plat-versatile.S, unrewritten, for QEMU's -kernel) and $out/NAME.elf
# (plat-armpv.S) rewritten into $out/NAME.rw.elf (for armpv-bm's
# -initrd).  CPPFLAGS as bm_compile_guest's, also in the objects' names.
bm_build_guest() {
	for bm_plat in versatile armpv; do
		case $bm_plat in
		versatile) bm_elf=$out/$1.native.elf ;;
		*) bm_elf=$out/$1.elf ;;
		esac
		bm_compile_guest "$bm_plat$3-" "$3" "$src/start.S" "$src/$2" \
			"$bm_proc/check.c" "$bm_proc/plat-$bm_plat.S" &&
		bm_link_guest "$bm_proc/kern.ld" "$bm_elf" || return 1
	done
	bm_rewrite_guest "$out/$1.elf"
}

# bm_asm_guest NAME ADDRESS ASM: a guest of a few lines, ASM after
# _start, in $out/NAME.S; linked at ADDRESS into $out/NAME.elf and
# rewritten (the rewriter's default architecture) into $out/NAME.rw.elf.
bm_asm_guest() {
	printf '\t.text\n\t.arm\n\t.global _start\n_start:\n%s\n' "$3" \
		>"$out/$1.S"
	$ARM_CC -nostdlib -static -no-pie -march=armv5te -marm \
		-Wl,-Ttext="$2" -Wl,--build-id=none -o "$out/$1.elf" \
		"$out/$1.S" &&
	"$bm_rewriter" -q -o "$out/$1.rw.elf" "$out/$1.elf"
}

# bm_qemu QEMU-ARGS...: qemu-system-arm -M versatilepb with 128 MiB, the
# console (UART0) on stdout, no monitor, no audio, and -no-reboot (a
# guest's reset request stops QEMU), under $bm_tmo.  QEMU-ARGS name the
# CPU, -semihosting (how armpv-bm and the guests' plat_exit stop QEMU
# with a status) and what to boot; the caller redirects.  The status is
# QEMU's (or 124 from timeout).
bm_qemu() {
	$bm_tmo "$QEMU_SYSTEM_ARM" -M versatilepb -m 128M \
		-nographic -monitor none -serial stdio -audiodev none,id=none \
		-no-reboot "$@"
}

# bm_transcript LOG: the lines of a console log that two runs are
# compared on: the checks, as tests/process/compare.sh.  A script whose
# guest prints more to compare redefines it after sourcing this file.
bm_transcript() {
	grep -E '^(ok|not ok|[0-9]+ passed)' "$1"
}

# bm_run_guest NAME CPU QEMU-ARGS...: boot QEMU-ARGS on -cpu CPU with
# semihosting, the console in $out/NAME.log (and copied to stdout, QEMU's
# stderr dropped).  The run must exit 0, its transcript hold no "not ok"
# and end with "N passed, 0 failed"; then the transcript goes to
# $out/NAME.checks.  Otherwise a FAIL line and status 1.
bm_run_guest() {
	bm_name=$1 bm_cpu=$2
	shift 2
	echo "== $bm_name on -cpu $bm_cpu"
	bm_qemu -cpu "$bm_cpu" -semihosting "$@" >"$out/$bm_name.log" \
		2>/dev/null
	bm_rc=$?
	cat "$out/$bm_name.log"
	if test $bm_rc -ne 0 ||
	   bm_transcript "$out/$bm_name.log" | grep -q '^not ok' ||
	   ! bm_transcript "$out/$bm_name.log" | tail -n 1 |
		grep -q '^[0-9]* passed, 0 failed$'; then
		echo "FAIL: $bm_name on -cpu $bm_cpu (status $bm_rc)"
		return 1
	fi
	bm_transcript "$out/$bm_name.log" >"$out/$bm_name.checks"
}

# bm_run_guest_pair CPU NATIVE-ELF REWRITTEN-ELF: bm_run_guest native-CPU
# with NATIVE-ELF as QEMU's -kernel, then (when that passed) bm-CPU:
# armpv-bm with REWRITTEN-ELF as its -initrd.  Status 1 when either fails.
bm_run_guest_pair() {
	bm_run_guest "native-$1" "$1" -kernel "$2" &&
	bm_run_guest "bm-$1" "$1" -kernel "$bm_monitor" -initrd "$3"
}

# bm_compare_transcripts CPU LINES [MIN]: the transcripts of the native
# run and the armpv-bm run on CPU (bm_run_guest native-CPU and bm-CPU)
# must be identical, and the native one at least MIN lines long (default
# 0): a PASS line counting them as LINES ("check lines", "transcript
# lines"), or a FAIL line (and the diff) and status 1.
bm_compare_transcripts() {
	bm_n=$(wc -l <"$out/native-$1.checks")
	if test "$bm_n" -lt "${3:-0}"; then
		echo "FAIL: $1: only $bm_n $2"
		return 1
	elif diff -u "$out/native-$1.checks" "$out/bm-$1.checks"; then
		echo "PASS: $1: $(wc -l <"$out/bm-$1.checks") $2 identical (native versatilepb vs armpv-bm)"
	else
		echo "FAIL: $1: transcripts differ (native '-', armpv-bm '+')"
		return 1
	fi
}
