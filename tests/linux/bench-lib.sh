# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench-lib.sh -- what bench-linux.sh (versatilepb) and bench-raspi0.sh
# share: the boot in instructions from the clock readings, the operations
# from bench.c's lines, the report's table, the results file
# (docs/bench/*.tsv, bench-plot.sh draws them), armpv-bm's statistics
# lines, and one QEMU run with its log.  Sourced (sh): defines functions
# only.  A script sets bench_me (its name, for messages) first.
#
# The rows in between (bench_ops and the boot rows of each script, read
# by bench_table and bench_tsv) are tab-separated:
#   KEY LABEL FORMAT NATIVE REWRITTEN [PLUGIN]
# KEY names the row in the results file (boot, null, ...), LABEL in the
# table, FORMAT is d (a whole count: the boot) or f (one decimal: an
# average over the iterations); the values are instructions per
# operation, to 17 significant digits (the ratios come from them, not
# from the rounded figures).

: "${bench_me:=bench}"

# bench_boot_native LOG ENTRY KIND DIV: the boot natively, in
# instructions: the clock at /init ("info boot-clock KIND COUNT", bench.c)
# less its reading at the kernel's entry (the file ENTRY, gdb-clock.py),
# DIV ticks a microsecond (one instruction a nanosecond: -icount
# shift=0): sys24mhz 24, stc1mhz 1.
bench_boot_native() {
	tr -d '\r' <"$1" | awk -v entry="$(cat "$2" 2>/dev/null)" -v kind="$3" \
		-v div="$4" '
	$1 == "info" && $2 == "boot-clock" && $3 == kind { clk = $4 }
	END {
		if (clk == "" || entry == "") exit 1
		printf "%.0f\n", (clk - entry) * 1000 / div
	}'
}

# bench_boot_bm LOG KIND DIV: the same under armpv-bm, whose models'
# clock started at 0; the monitor's line at the guest's entry gives the
# ticks of its 1 MHz timer there ("models' clock N ticks").
bench_boot_bm() {
	tr -d '\r' <"$1" | awk -v kind="$2" -v div="$3" '
	/^armpv-bm: guest entry at/ {
		for (i = 1; i <= NF; i++)
			if ($i == "ticks") ticks = $(i - 1)
	}
	$1 == "info" && $2 == "boot-clock" && $3 == kind { clk = $4 }
	END {
		if (clk == "" || ticks == "") exit 1
		printf "%.0f\n", (clk / div - ticks) * 1000
	}'
}

# bench_ops LOG...: a row (above) per operation of bench.c's lines
# ("bench NAME ITERATIONS TOTAL-NS NS-PER-OP") in the first LOG, the
# nanoseconds per operation of each LOG; the seven operations of
# "bench bench" (or $bench_nops of them: tests/kvm/kvm-short.sh's
# few), each in every LOG, or a message and status 1.
bench_ops() {
	for l in "$@"; do
		tr -d '\r' <"$l"
		printf "\n@@bench-lib: end of log@@\n"
	done | awk -v me="$bench_me" -v nops="${bench_nops:-7}" '
	BEGIN { f = 0 }
	$0 == "@@bench-lib: end of log@@" { f++; next }
	$1 == "bench" && NF == 5 && $3 > 0 {
		ns[f, $2] = $4 / $3
		if (f == 0) order[++k] = $2
	}
	END {
		for (i = 1; i <= k; i++) {
			op = order[i]
			row = op "\t" op "\tf"
			for (j = 0; j < f; j++) {
				if (ns[j, op] == "") {
					print me ": no bench line " op " in log " j + 1 > "/dev/stderr"
					exit 1
				}
				row = row "\t" sprintf("%.17g", ns[j, op])
			}
			print row
		}
		if (k != nops) {
			print me ": " k " bench lines, " nops " expected" > "/dev/stderr"
			exit 1
		}
	}'
}

# bench_table [FILE]: the rows as the report's table.  Two kernels:
# native and armpv-bm and their ratio; three: native, rewritten and
# plugin, and each one's ratio to native.
bench_table() {
	awk -F '\t' '
	function ratio(a, b) { return a > 0 ? b / a : 0 }
	NF == 5 {
		if (NR == 1)
			printf "%-28s %16s %19s %7s\n", "operation",
				"native insns/op", "armpv-bm insns/op", "ratio"
		fmt = $3 == "d" ? "%-28s %16d %19d %7.2f\n" : "%-28s %16.1f %19.1f %7.2f\n"
		printf fmt, $2, $4, $5, ratio($4, $5)
		next
	}
	NF == 6 {
		if (NR == 1)
			printf "%-26s %14s %14s %14s %6s %6s\n", "operation",
				"native", "rewritten", "plugin", "rw/n", "pl/n"
		fmt = $3 == "d" ? "%-26s %14d %14d %14d %6.2f %6.2f\n" : \
			"%-26s %14.1f %14.1f %14.1f %6.2f %6.2f\n"
		printf fmt, $2, $4, $5, $6, ratio($4, $5), ratio($4, $6)
		next
	}
	{ print "bench_table: a row of " NF " fields: " $0 > "/dev/stderr"; exit 1 }' "$@"
}

# bench_aims: the issue's aims, KEY=TIMES: at most that many times
# native's instructions (issue 14: the boot within 1.2x; a null system
# call, a pipe round trip, fork+exit, a page fault and the interrupt
# masking of Linux's local_irq_save/restore each within 3x).
bench_aims="boot=1.2 boot-default=1.2 null=3 pipe=3 fork=3 pagefault=3 irq-save-restore=3"

# bench_tsv BOARD [FILE]: the rows as lines of the results file, a line
# a kernel and operation:
#   BOARD KERNEL OPERATION INSNS-PER-OP RATIO AIM
# KERNEL native, rewritten (the kernel rewritten after linking under
# armpv-bm) or plugin (built with armpv-as and the armpv_irqflags plugin,
# under armpv-bm); RATIO its instructions over native's; AIM bench_aims' (- where
# there is none).
bench_tsv() {
	board=$1
	shift
	awk -F '\t' -v board="$board" -v aims="$bench_aims" '
	BEGIN {
		n = split(aims, a, " ")
		for (i = 1; i <= n; i++) {
			split(a[i], kv, "=")
			aim[kv[1]] = kv[2]
		}
		kernel[4] = "native"; kernel[5] = "rewritten"; kernel[6] = "plugin"
	}
	NF < 5 || NF > 6 { print "bench_tsv: a row of " NF " fields: " $0 > "/dev/stderr"; exit 1 }
	{
		fmt = $3 == "d" ? "%s\t%s\t%s\t%d\t%.2f\t%s\n" : "%s\t%s\t%s\t%.1f\t%.2f\t%s\n"
		for (i = 4; i <= NF; i++)
			printf fmt, board, kernel[i], $1, $i, ($4 > 0 ? $i / $4 : 0),
				(i == 4 || !($1 in aim) ? "-" : aim[$1])
	}' "$@"
}

# bench_tsv_header: the results file's column names.
bench_tsv_header() {
	printf 'board\tkernel\toperation\tinsns_per_op\tratio\taim\n'
}

# bench_stats LOG: armpv-bm's statistics at the end of LOG as "KEY VALUE"
# lines: the traps by class (mrs, msr, cp15, ...), "fast" (by the SWI
# fast path), the virtual exceptions (v.swi, v.dabt, ...), the shadow
# paging and device counters, each named by its first word (pages,
# flushes, DACR, invalidations, accesses, timer, ...).
bench_stats() {
	tr -d '\r' <"$1" | awk '
	/^armpv-bm: [0-9]+ traps:/ {
		gsub(/[,;]/, " ")
		print "traps", $2
		for (i = 4; i <= NF; i++)
			if ($i ~ /^[0-9]+$/) print $(i - 1), $i
	}
	/^armpv-bm: of those, by the SWI fast path:/ {
		for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) f += $i
		print "fast", f
	}
	/^armpv-bm: virtual exceptions:/ {
		for (i = 4; i <= NF; i++)
			if ($i ~ /^[0-9]+$/) print "v." $(i - 1), $i
	}
	/^armpv-bm: (shadow paging|shadow tables kept|devices)/ {
		gsub(/[,;]/, " ")
		for (i = 2; i < NF; i++)
			if ($i ~ /^[0-9]+$/) print $(i + 1), $i
	}'
}

# bench_stats_lines LOG [nopc]: armpv-bm's statistics at the end of LOG
# (from its trap line on), commented; nopc leaves out the profile's
# sites.
bench_stats_lines() {
	echo "# armpv-bm statistics (${1##*/}):"
	tr -d '\r' <"$1" | sed -n '/^armpv-bm: [0-9]* traps/,$p' |
		grep -a '^armpv-bm: ' | if [ "${2:-}" = nopc ]; then
		grep -av '^armpv-bm:   pc '
	else
		cat
	fi | sed 's/^/#   /'
}

# bench_run NAME COMMAND...: one QEMU run, its console into $out/NAME.log,
# the host time it took on stdout; a failed run's last lines and lg_die.
# With ARMPV_BENCH_RESUME=DIR, a log NAME.log (and NAME.entry) of DIR, a
# kept earlier run's (ARMPV_KEEP=1), is taken instead.
bench_run() {
	name=$1
	shift
	if [ -n "${ARMPV_BENCH_RESUME:-}" ] && [ -s "$ARMPV_BENCH_RESUME/$name.log" ]; then
		cp "$ARMPV_BENCH_RESUME/$name.log" "$out/"
		[ ! -f "$ARMPV_BENCH_RESUME/$name.entry" ] ||
			cp "$ARMPV_BENCH_RESUME/$name.entry" "$out/"
		echo "# $name: reused from $ARMPV_BENCH_RESUME"
		return 0
	fi
	t0=$(date +%s)
	"$@" </dev/null >"$out/$name.log" 2>&1
	rc=$?
	echo "# $name: status $rc, $(($(date +%s) - t0)) s of host time"
	[ "$rc" = 0 ] || { tail -n 30 "$out/$name.log" | sed 's/^/#   /'; lg_die "$name failed"; }
}

# bench_native_gdb NAME BOOT MEM APPEND CLOCK QEMU-ARGS...: BOOT (a
# guest-lib.sh native boot: lg_boot_native, lg_boot_native_guest) with
# MEM and APPEND started stopped, gdb-clock.py reading the clock register
# at physical CLOCK when the kernel's first instruction ($entry_pa) runs,
# into $out/NAME.entry.
bench_native_gdb() {
	name=$1 boot=$2 mem=$3 append=$4 clock=$5
	shift 5
	$boot "$mem" "$append" "$@" -S \
		-chardev socket,id=gdb0,path="$out/gdb.sock",server=on,wait=off \
		-gdb chardev:gdb0 -pidfile "$out/qemu.pid" &
	qpid=$!
	python3 "$top_srcdir/tests/linux/gdb-clock.py" "$out/gdb.sock" \
		"$entry_pa" "$clock" >"$out/$name.entry" || {
		[ -s "$out/qemu.pid" ] && kill "$(cat "$out/qemu.pid")"
		wait "$qpid"
		return 1
	}
	wait "$qpid"
}

# bench_entry_pa VMLINUX: the kernel's entry, physical (the decompressor
# jumps there, MMU off): stext less PAGE_OFFSET (RAM at 0 on both
# boards), into entry_pa, or lg_die.
bench_entry_pa() {
	stext=$("${ARM_NM:-arm-linux-gnueabi-nm}" "$1" | awk '$3 == "stext" { print $1 }')
	[ -n "$stext" ] || lg_die "no stext in $1"
	entry_pa=$(printf '0x%x' $((0x$stext - 0xc0000000)))
}
