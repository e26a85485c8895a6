#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# armpv-run's reports: --trace prints one line per trap; guests it cannot
# run end with a clear report and the documented exit status, never a hang
# (docs/process-monitor.md).  Each case is a few lines of ARM assembly,
# linked at 0x8000 and rewritten here.
#
# Environment (make check exports it): top_srcdir, top_builddir,
# QEMU_ARM, ARM_CC.
: "${QEMU_ARM:=qemu-arm}"
: "${ARM_CC:=arm-linux-gnueabi-gcc}"
run=$top_builddir/monitor/armpv-run
rewrite=$top_builddir/rewriter/armpv-rewrite
out=$top_builddir/tests/process/errors
mkdir -p "$out" || exit 99
tmo=
command -v timeout >/dev/null 2>&1 && tmo="timeout 60"

pass=0
fail=0
# guest NAME REWRITE ASM: assemble and link ASM (a body after _start)
guest() {
	printf '\t.text\n\t.arm\n\t.global _start\n_start:\n%s\n' "$3" \
		>"$out/$1.S"
	if ! $ARM_CC -nostdlib -static -no-pie -march=armv5te -marm \
		-Wl,-Ttext=0x8000 -Wl,--build-id=none -o "$out/$1.elf" \
		"$out/$1.S"; then
		echo "$0: cannot build $1" >&2
		exit 99
	fi
	if test "$2" = yes && ! "$rewrite" -q -o "$out/$1.rw.elf" \
		"$out/$1.elf"; then
		echo "$0: cannot rewrite $1" >&2
		exit 99
	fi
}
# expect NAME STATUS REGEX ARGS...: run armpv-run ARGS, want STATUS and a
# line of its output (stdout and stderr) matching the extended REGEX
expect() {
	name=$1 want=$2 re=$3
	shift 3
	$tmo "$QEMU_ARM" -cpu arm926 "$run" "$@" >"$out/$name.log" 2>&1
	rc=$?
	if test $rc -ne "$want"; then
		echo "FAIL: $name: exit status $rc, want $want"
		sed 's/^/  | /' "$out/$name.log"
		fail=$((fail + 1))
	elif ! grep -Eq -- "$re" "$out/$name.log"; then
		echo "FAIL: $name: no line matches /$re/"
		sed 's/^/  | /' "$out/$name.log"
		fail=$((fail + 1))
	else
		echo "ok: $name: status $rc, $(grep -E -m1 -- "$re" "$out/$name.log")"
		pass=$((pass + 1))
	fi
}

# MRS r3, CPSR in SVC (I, F set, flags clear) then exit 5.
guest mrs yes '	mrs r3, cpsr
	mov r0, #5
	swi 0x280000'
expect trace 5 \
	'^armpv-run: trap 00008000: ef[0-9a-f]{6} = e10f3000 MRS .*\[svc\] r3=000000d3' \
	--trace "$out/mrs.rw.elf"
expect trace-exit 5 'trap 00008008: ef280000 .*hypercall|trap 00008008: ef280000' \
	--trace "$out/mrs.rw.elf"

# The same guest, not rewritten: refused (its MRS would misbehave).
expect unrewritten 65 'not rewritten|\.note\.armpv|armpv-rewrite' \
	"$out/mrs.elf"

# An SWI from the virtual kernel that is neither a trap word nor a
# hypercall: a trap word of other tables, or corrupt code.
guest badswi yes '	swi 0x000123'
expect invalid-trap 67 'invalid trap word .* at 00008000 \(word ef000123\)' \
	"$out/badswi.rw.elf"

# An unknown hypercall.
guest badhc yes '	swi 0x2800ff'
expect unknown-hypercall 67 'unknown hypercall 0x2800ff at 00008000' \
	"$out/badhc.rw.elf"

# A native load outside guest RAM (16 MiB).
# An Undefined instruction of the kernel in Thumb state: the guest's
# own Undefined exception (no Thumb trap words exist), LR_und = the UDF +
# 2, SPSR with T set (ARM ARM A2.6.3); the handler (vector 0x04) exits
# 21 for that LR and SPSR.T, 63 otherwise.  (armpv-run stopped the
# guest on any Thumb trap before tests/sysfuzz met one in armpv-bm.)
guest thumb-undef yes '	mov r2, #0
	ldr r0, =0xe59ff018		@ ldr pc, [pc, #0x18]
	str r0, [r2, #0x04]
	adr r0, und_h
	str r0, [r2, #0x24]
	adr r5, tw
	ldr r0, =tw + 1
	bx r0
und_h:	mov r0, #21
	sub r1, lr, #2
	cmp r1, r5
	movne r0, #63
	mrs r1, spsr
	tst r1, #0x20
	moveq r0, #63
	swi 0x280000
	.align 2
	.thumb
tw:	.short 0xde42		@ not 0xde01, the Linux Thumb breakpoint (SIGTRAP)
	b .
	.arm'
expect thumb-undef 21 '\[und\] r1=' --trace "$out/thumb-undef.rw.elf"
# The same with 0xde01, which qemu-arm (as Linux) reports as SIGTRAP,
# Linux's Thumb breakpoint: an Undefined instruction all the same (the
# signal killed armpv-run before).
sed 's/^tw:.*/tw:	.short 0xde01/' "$out/thumb-undef.S" >"$out/thumb-de01.S"
guest thumb-de01 yes "$(sed -n '/^_start:/,$p' "$out/thumb-de01.S" | sed 1d)"
expect thumb-de01 21 '\[und\] r1=' --trace "$out/thumb-de01.rw.elf"
# BKPT of the kernel (SIGTRAP under qemu-arm): its own prefetch abort,
# LR_abt = the BKPT + 4, IFSR 0b00010 "instruction debug event" (ARM ARM
# A4.1.7; as armpv-bm): the handler (vector 0x0c) exits 23 for those,
# 63 otherwise.
guest bkpt yes '	mov r2, #0
	ldr r0, =0xe59ff018		@ ldr pc, [pc, #0x18]
	str r0, [r2, #0x0c]
	adr r0, pabt_h
	str r0, [r2, #0x2c]
	adr r5, bp
bp:	bkpt #0x1234
	b .
pabt_h:	mov r0, #23
	sub r1, lr, #4
	cmp r1, r5
	movne r0, #63
	mrc p15, 0, r1, c5, c0, 1
	cmp r1, #2
	movne r0, #63
	swi 0x280000'
expect bkpt 23 '\[abt\] r1=00000002' --trace "$out/bkpt.rw.elf"
guest wild yes '	ldr r1, =0x40000000
	ldr r0, [r1]
	swi 0x280000'
expect outside-ram 67 'native access to 40000000 at pc 00008004' \
	"$out/wild.rw.elf"

# WFI with no interrupt line high: nothing could wake the guest.
guest wfi yes '	mov r0, #0
	mcr p15, 0, r0, c7, c0, 4
	swi 0x280000'
expect wfi-forever 67 'WFI at 00008004 with no interrupt pending' \
	"$out/wfi.rw.elf"

# Bad invocations.
printf 'not an ELF file\n' >"$out/junk"
expect not-elf 65 'junk' "$out/junk"
expect no-file 66 'no-such-file' "$out/no-such-file"
expect bad-option 64 'usage|Usage|unrecognized|invalid' --no-such-option

echo "$pass passed, $fail failed"
test $fail -eq 0
