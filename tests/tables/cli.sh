#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# cli.sh -- the armpv-tables command line: output text and exit statuses
# (0 every word sensitive / a trap word, 1 some word not, 2 usage error).
# The expected words are hand-encoded from the ARM ARM and from the trap
# layouts in tables/armpv.spec, like those of check_tables.c.
#
# Environment (set by make check): top_srcdir, top_builddir.

: "${top_srcdir:?}" "${top_builddir:?}"
cli=$top_builddir/tables/armpv-tables
spec=$top_srcdir/tables/armpv.spec

if [ ! -x "$cli" ]; then
	echo "cli.sh: $cli not built" >&2
	exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

failed=0
checks=0
cmd=

fail()
{
	echo "FAIL: armpv-tables $cmd: $*"
	sed 's/^/    stdout: /' "$tmp/stdout"
	sed 's/^/    stderr: /' "$tmp/stderr"
	failed=$((failed + 1))
}

# t STATUS ARGS...: run armpv-tables ARGS, expect exit status STATUS.
t()
{
	want=$1
	shift
	cmd=$*
	checks=$((checks + 1))
	"$cli" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	[ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want"
}

# out TEXT / err TEXT: the last command's stdout / stderr has a line
# containing TEXT.
out()
{
	checks=$((checks + 1))
	grep -F -e "$1" "$tmp/stdout" >/dev/null ||
		fail "stdout lacks \"$1\""
}

err()
{
	checks=$((checks + 1))
	grep -F -e "$1" "$tmp/stderr" >/dev/null ||
		fail "stderr lacks \"$1\""
}

# stdout_is TEXT: the last command's stdout is exactly TEXT.
stdout_is()
{
	checks=$((checks + 1))
	printf '%s\n' "$1" >"$tmp/want"
	cmp -s "$tmp/want" "$tmp/stdout" || fail "stdout is not \"$1\""
}

empty()
{
	checks=$((checks + 1))
	[ ! -s "$tmp/$1" ] || fail "$1 is not empty"
}

# --- Help and usage ------------------------------------------------------

t 0 --help
out "usage: armpv-tables COMMAND [OPTIONS] [ARGS]"
out "classify [--arch A] WORD..."
empty stderr
t 0 -h
out "usage: armpv-tables"
t 2
err "usage: armpv-tables"
empty stdout
t 2 frobnicate
err "usage: armpv-tables"
t 2 classify
err "usage: armpv-tables"
t 2 --frobnicate list
err "unknown option --frobnicate"

# --- classify --------------------------------------------------------------

# mrs r0, cpsr: SWI payload 0x000100-0x00011f (mrs), cond kept.
t 0 classify e10f0000
out "e10f0000: status mrs (reg) on armv5te,armv6 -> trap ef000100"
out "MRS Rd, CPSR/SPSR; cond=0xe spsr=0x0 rd=0x0"
# subsne pc, lr, #4, with a 0x prefix.
t 0 classify 0x125ef004
out "125ef004: dataproc subs (imm) on armv5te,armv6 -> trap 1f82e004"
out "opcode=0x2"
out "rn=0xe"
# ldmia sp!, {r0-r3, pc}^: SWI 0xc00000-0xffffff; the pc bit is a literal
# of the format, so not part of reglist.
t 0 classify e8fd800f
out "e8fd800f: ldmstm ldm_ret (only form) on armv5te,armv6 -> trap efde800f"
out "rn=0xd"
out "reglist=0xf"
# cpsid i: ARMv6 only.
t 0 classify f10c0080
out "f10c0080: status cps (only form) on armv6 -> trap ef000e40"
t 1 classify --arch armv5te f10c0080
out "f10c0080: not sensitive on armv5te (sensitive on armv6)"
# msr cpsr_x, r0: the x field holds A only from ARMv6 on.
t 0 classify --arch armv6 e122f000
out "e122f000: status msr (reg) on armv6 -> trap ef000220"
t 1 classify e122f000 --arch armv5te
out "e122f000: not sensitive on armv5te (sensitive on armv6)"
# msr cpsr_f, r0: flags only, on neither.
t 1 classify e128f000
stdout_is "e128f000: not sensitive on armv6"
# mov pc, lr (no S).
t 1 classify --arch armv5te e1a0f00e
stdout_is "e1a0f00e: not sensitive on armv5te"
# movs pc, r2, lsl r1: Rd = pc with a register shift is UNPREDICTABLE
# (ARM ARM A5.1.5): no sensitive form since layout version 3, on either
# architecture (the rewriter refuses it).
t 1 classify e1b0f112
stdout_is "e1b0f112: not sensitive on armv6"
t 1 classify --arch armv5te e011f312
stdout_is "e011f312: not sensitive on armv5te"
# One word not sensitive makes the status 1; both are reported.
t 1 classify e25ef004 e1a0f00e
out "e25ef004: dataproc subs (imm) on armv5te,armv6 -> trap ef82e004"
out "e1a0f00e: not sensitive on armv6"
# Bad words and architectures.
t 2 classify e10f000g
err "\"e10f000g\" is not a 32-bit hexadecimal word"
t 2 classify 1e10f0000
err "is not a 32-bit hexadecimal word"
t 2 classify ""
err "is not a 32-bit hexadecimal word"
t 2 classify --arch armv7 e10f0000
err "unknown architecture \"armv7\""
empty stdout

# --- encode ----------------------------------------------------------------

t 0 encode e25ef004
stdout_is "ef82e004"
empty stderr
# ldmia r0, {r1,r2}^ and stmia sp, {r0-lr}^: SWI 0xa80006 and LDC cp7.
t 0 encode --arch armv5te e8d00006 e8cd7fff
stdout_is "efa80006
ed75f7ff"
# ldrt r0, [r1], -r2, lsl #2: SWI payload 0x4xxxxx.
t 0 encode e6310102
stdout_is "ef508082"
t 1 encode --arch armv5te f10c0080
empty stdout
err "f10c0080 is not sensitive on armv5te"
t 1 encode e1a0f00e
empty stdout
t 1 encode e1b0f112
empty stdout
err "e1b0f112 is not sensitive on armv6"
t 2 encode xyz
err "\"xyz\" is not a 32-bit hexadecimal word"
t 2 encode --arch armv5 e25ef004
err "unknown architecture \"armv5\""

# --- decode ----------------------------------------------------------------

t 0 decode ef82e004
out "ef82e004: trap for e25ef004, dataproc subs (imm) in swi"
t 0 decode efde800f
out "efde800f: trap for e8fd800f, ldmstm ldm_ret (only form) in swi"
t 0 decode ed75f7ff
out "ed75f7ff: trap for e8cd7fff, ldmstm stm_user (only form) in ldc_stc"
t 0 decode ee940404
out "ee940404: trap for e4b10004, usermem ldrt (imm) in cdp_mcr"
t 0 decode 0xef000e40
out "ef000e40: trap for f10c0080, status cps (only form) in swi"
# SWI 0 (EABI), SWI 0x900001 (OABI), mcr p15, 0, r0, c1, c0, 0, add.
for w in ef000000 ef900001 ee010f10 e0810002; do
	t 1 decode $w
	stdout_is "$w: not an armpv trap word"
done
# The trap layout of msr cpsr_f, r0, which is never produced.
t 1 decode ef000280
stdout_is "ef000280: not an armpv trap word"
# Layout version 2's trap for movs pc, r2, lsl r3 (SWI 0x2b40c2): the
# range 0x280000-0x3fffff is free now.
t 1 decode ef2b40c2
stdout_is "ef2b40c2: not an armpv trap word"
t 1 decode ef82e004 ef000000
out "ef82e004: trap for e25ef004"
out "ef000000: not an armpv trap word"
t 2 decode -- ef82e004
t 2 decode zz
err "\"zz\" is not a 32-bit hexadecimal word"

# --- encode then decode ------------------------------------------------------

for arch in armv5te armv6; do
	for w in e10f0000 114f5000 e121f000 e16ff001 e321f0d3 e8fd800f e8d00006 \
		 e8cd7fff e4b10004 e4732001 e6a43fc5 e66cb1ae e1b0f00e 125ef004 \
		 e1f0f082 f8bd0a00 f96d0513 f10e01df; do
		case $arch:$w in armv5te:f*) continue ;; esac
		t 0 encode --arch $arch $w
		trap_word=$(cat "$tmp/stdout")
		t 0 decode "$trap_word"
		out "$trap_word: trap for $w,"
	done
done

# --- list and version --------------------------------------------------------

t 0 list
forms=$(grep -c '^insn[[:space:]]' "$spec")
listed=$(grep -v -c '^#' "$tmp/stdout")
checks=$((checks + 1))
[ "$listed" -eq "$forms" ] ||
	fail "$listed forms listed, the spec has $forms insn lines"
# Each form's spec line is an insn line of the spec.
checks=$((checks + 1))
grep -v '^#' "$tmp/stdout" | awk '{ print $NF }' | while read -r n; do
	sed -n "${n}p" "$spec" | grep '^insn[[:space:]]' >/dev/null ||
		echo "line $n"
done >"$tmp/badlines"
[ ! -s "$tmp/badlines" ] ||
	fail "spec line not an insn line: $(tr '\n' ' ' <"$tmp/badlines")"
# ands pc, Rn, Rm, shift #n: cccc 0000 0001 nnnn 1111 aaaa ahh0 mmmm, trap
# cccc 1111 0010 0000 0nnn naaa aahh mmmm.
out "dataproc  ands      shimm  armv5te,armv6   0ff0f010/0010f000     0fff8000/0f200000     swi "
# No register-shift form is left.
checks=$((checks + 1))
! grep -q ' shreg ' "$tmp/stdout" || fail "a shreg form is listed"
list_header=$(head -n 1 "$tmp/stdout")

version=$(awk '$1 == "version" { print $2 }' "$spec")
t 0 version
out "armpv tables layout version $version, hash 0x"
checks=$((checks + 1))
hash=$(sed -n 's/.*hash \(0x[0-9a-f]\{8\}\)$/\1/p' "$tmp/stdout")
[ -n "$hash" ] && [ "$list_header" = "# armpv tables, layout version $version, hash $hash" ] ||
	fail "list header \"$list_header\" does not match the version line"
t 2 version 1
t 0 --version
out "armpv tables layout version $version, hash $hash"

# --- scan ------------------------------------------------------------------

# subs pc, lr, #4; mov pc, lr; ldmia sp!, {r0-r3, pc}^ (little-endian).
printf '\004\360\136\342\016\360\240\341\017\200\375\350' >"$tmp/code.bin"
t 0 scan "$tmp/code.bin"
out "$tmp/code.bin+0x000000: e25ef004 dataproc subs (imm) -> ef82e004"
out "$tmp/code.bin+0x000008: e8fd800f ldmstm ldm_ret (only form) -> efde800f"
out "$tmp/code.bin: 3 words, 2 sensitive on armv6, ldm_ret 1, subs 1"
t 2 scan "$tmp/missing.bin"
err "missing.bin"

echo "$checks checks, $failed failed"
[ "$failed" -eq 0 ]
