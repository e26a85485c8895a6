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
#   bm_board     the QEMU machine the guests are built for and run on
#                (bm_set_board): versatilepb (the default) or raspi0;
#                with it bm_plat (the native platform layer,
#                tests/process/plat-$bm_plat.S), bm_board_cppflags (the
#                guests' -DBOARD_VERSATILE / -DBOARD_BCM2835) and bm_sfx
#                (in the names of raspi0 builds and logs: "-raspi0")
#   bm_raspi0_monitor  ARMPV_BM_RASPI0 (default yes): no leaves out the
#                armpv-bm half of the scripts' raspi0 comparisons (they
#                then run and compare the native raspi0 runs only, and
#                print NOT RUN lines for the rest)
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
bm_raspi0_monitor=${ARMPV_BM_RASPI0:-yes}

# bm_set_board BOARD: build for and run on BOARD, versatilepb or raspi0
# (BCM2835, ARM1176JZF-S only: its guests use tests/process/bcm2835.h's
# devices).  A hard error (99) for another BOARD.
bm_set_board() {
	case $1 in
	versatilepb)
		bm_plat=versatile bm_board_cppflags=-DBOARD_VERSATILE bm_sfx=
		;;
	raspi0)
		bm_plat=bcm2835 bm_board_cppflags=-DBOARD_BCM2835
		bm_sfx=-raspi0
		;;
	*)
		echo "$0: unknown board $1" >&2
		exit 99
		;;
	esac
	bm_board=$1
}
bm_set_board versatilepb

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
# the board's $bm_board_cppflags and CPPFLAGS ("" for none; split into
# words), to $out/PREFIX<its name>.o (PREFIX names raspi0 builds apart:
# bm_sfx).  The objects, in order, in bm_objs; stops at the first
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
			-I"$bm_proc" $bm_board_cppflags $bm_cppflags \
			-o "$bm_o" "$bm_s" || return 1
		bm_objs="$bm_objs $bm_o"
	done
}

# bm_native_cppflags PLAT: the CPPFLAGS of a guest built to run natively
# with the platform layer PLAT (armpv: none): on raspi0
# -DBOARD_SECURE_ENTRY (guest-start.h: leave the Secure state QEMU
# starts it in).
bm_native_cppflags() {
	if test "$1" = bcm2835; then
		echo -DBOARD_SECURE_ENTRY
	fi
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
# (plat-$bm_plat.S, the board's, unrewritten, for QEMU's -kernel) and
# $out/NAME.elf (plat-armpv.S) rewritten into $out/NAME.rw.elf (for
# armpv-bm's -initrd).  CPPFLAGS as bm_compile_guest's, also in the
# objects' names.  Both forms are built for $bm_board: a raspi0 NAME
# should say so (bm_sfx).
bm_build_guest() {
	for bm_p in $bm_plat armpv; do
		case $bm_p in
		armpv) bm_elf=$out/$1.elf ;;
		*) bm_elf=$out/$1.native.elf ;;
		esac
		bm_compile_guest "$bm_p$bm_sfx$3-" \
			"$3 $(bm_native_cppflags $bm_p)" "$src/start.S" \
			"$src/$2" "$bm_proc/check.c" "$bm_proc/plat-$bm_p.S" &&
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

# bm_qemu QEMU-ARGS...: qemu-system-arm -M $bm_board -- versatilepb with
# 128 MiB, raspi0 with its fixed 512 MiB (-m must not differ) -- the
# console (UART0) on stdout, no monitor, no audio, and -no-reboot (a
# guest's reset request stops QEMU), under $bm_tmo.  QEMU-ARGS name the
# CPU (raspi0: none; QEMU 7.2 ignores -cpu there), -semihosting (how
# armpv-bm and the guests' plat_exit stop QEMU with a status) and what
# to boot; the caller redirects.  The status is QEMU's (or 124 from
# timeout).
bm_qemu() {
	case $bm_board in
	raspi0) bm_machine="-M raspi0" ;;
	*) bm_machine="-M versatilepb -m 128M" ;;
	esac
	$bm_tmo "$QEMU_SYSTEM_ARM" $bm_machine \
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
	if test $bm_board = raspi0 && test "$bm_cpu" != arm1176; then
		echo "FAIL: $bm_name: raspi0 has no -cpu $bm_cpu"
		return 1
	fi
	echo "== $bm_name on -cpu $bm_cpu${bm_sfx:+ ($bm_board)}"
	bm_qemu -cpu "$bm_cpu" -semihosting "$@" >"$out/$bm_name.log" \
		2>/dev/null
	bm_rc=$?
	cat "$out/$bm_name.log"
	if test $bm_rc -ne 0 ||
	   bm_transcript "$out/$bm_name.log" | grep -q '^not ok' ||
	   ! bm_transcript "$out/$bm_name.log" | tail -n 1 |
		grep -q '^[0-9]* passed, 0 failed$'; then
		echo "FAIL: $bm_name on -cpu $bm_cpu${bm_sfx:+ ($bm_board)} (status $bm_rc)"
		return 1
	fi
	bm_transcript "$out/$bm_name.log" >"$out/$bm_name.checks"
}

# bm_run_guest_pair CPU NATIVE-ELF REWRITTEN-ELF: bm_run_guest
# native-CPU with NATIVE-ELF as QEMU's -kernel, then (when that passed)
# bm-CPU: armpv-bm with REWRITTEN-ELF as its -initrd.  Status 1 when
# either fails.  On raspi0 the names are native-CPU-raspi0 and
# bm-CPU-raspi0 (bm_sfx), and the armpv-bm run only with
# bm_raspi0_monitor = yes.
bm_run_guest_pair() {
	bm_run_guest "native-$1$bm_sfx" "$1" -kernel "$2" || return 1
	if test $bm_board = raspi0 && test "$bm_raspi0_monitor" != yes; then
		return 0
	fi
	bm_run_guest "bm-$1$bm_sfx" "$1" -kernel "$bm_monitor" -initrd "$3"
}

# bm_compare_transcripts LABEL LINES [MIN]: the transcripts of the
# native run and the armpv-bm run LABEL (bm_run_guest native-LABEL and
# bm-LABEL; LABEL is the CPU, and on raspi0 the CPU and bm_sfx) must be
# identical, and the native one at least MIN lines long (default 0): a
# PASS line counting them as LINES ("check lines", "transcript lines"),
# or a FAIL line (and the diff) and status 1.
bm_compare_transcripts() {
	bm_n=$(wc -l <"$out/native-$1.checks")
	if test "$bm_n" -lt "${3:-0}"; then
		echo "FAIL: $1: only $bm_n $2"
		return 1
	elif diff -u "$out/native-$1.checks" "$out/bm-$1.checks"; then
		echo "PASS: $1: $(wc -l <"$out/bm-$1.checks") $2 identical (native $bm_board vs armpv-bm)"
	else
		echo "FAIL: $1: transcripts differ (native '-', armpv-bm '+')"
		return 1
	fi
}

# bm_board_transcript CHECKS: the transcript CHECKS (a bm_run_guest
# .checks file) with what differs by board alone made the same: as it
# is.  A script whose guest prints board-specific lines (addresses)
# redefines it, rewriting the raspi0 forms into the versatilepb ones.
bm_board_transcript() {
	cat "$1"
}

# bm_compare_native_boards CPU LINES [MIN]: the native raspi0
# transcript (native-CPU-raspi0) must equal the native versatilepb one
# (native-CPU, run before with the same guest built for versatilepb)
# through bm_board_transcript, and be at least MIN lines long.  PASS or
# FAIL lines as bm_compare_transcripts; status 1 on a failure.
bm_compare_native_boards() {
	bm_n=$(wc -l <"$out/native-$1-raspi0.checks")
	if test "$bm_n" -lt "${3:-0}"; then
		echo "FAIL: $1-raspi0: only $bm_n $2"
		return 1
	fi
	bm_board_transcript "$out/native-$1.checks" >"$out/native-$1.board"
	bm_board_transcript "$out/native-$1-raspi0.checks" \
		>"$out/native-$1-raspi0.board"
	if diff -u "$out/native-$1.board" "$out/native-$1-raspi0.board"; then
		echo "PASS: $1: $bm_n $2 identical (native versatilepb vs native raspi0)"
	else
		echo "FAIL: $1: native transcripts differ (versatilepb '-', raspi0 '+')"
		return 1
	fi
}

# bm_compare_boards CPU LINES [MIN]: the raspi0 half of a guest's
# comparison, after bm_run_guest_pair CPU on raspi0:
# bm_compare_native_boards, then, with bm_raspi0_monitor = yes, the
# armpv-bm raspi0 transcript must equal the native raspi0 one
# (bm_compare_transcripts CPU-raspi0).  Without it a line says the
# armpv-bm half was not run (not a PASS).  Status 1 on a failure.
bm_compare_boards() {
	bm_compare_native_boards "$@" || return 1
	if test "$bm_raspi0_monitor" != yes; then
		echo "NOT RUN: $1-raspi0 under armpv-bm (ARMPV_BM_RASPI0=no)"
		return 0
	fi
	bm_compare_transcripts "$1-raspi0" "$2" "${3:-0}"
}
