#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# armpv-bm's refusals and reports: a guest it cannot run ends with a clear
# console report and a halt -- QEMU stopped through semihosting with the
# documented status (docs/baremetal-monitor.md), never a hang.  The
# unrewritten test kernel, broken images, no image, and small guests (a
# few lines of ARM assembly linked at 0x8000, rewritten here) that touch
# what is not theirs: monitor memory, the real vector page, addresses
# past guest RAM (external aborts, as absent hardware), with their MMU off
# and on; address spaces kept over context switches (ARMv6 ASIDs, and
# ARMv5 tables checked again: the fills they save); and the emulated
# devices: UART0, the VIC, the system
# controller's reset, a WFI woken by an SP804 model's interrupt; the
# monitor booted with a device tree instead of ATAGs; and broken guest
# bundles (truncated, bad magic or version, a member out of bounds or
# corrupt, no kernel, an unrewritten kernel, a DTB that is not one, a
# bad command line, members too large for guest RAM).  Skipped (77)
# without qemu-system-arm.
#
# Environment (make check exports it): top_srcdir, top_builddir, ARM_CC;
# QEMU_SYSTEM_ARM (default qemu-system-arm); DTC (default dtc: the
# device-tree cases are skipped without it).
. "$top_srcdir/tests/baremetal/lib.sh"
export top_srcdir top_builddir ARM_CC

bm_need_tools "$QEMU_SYSTEM_ARM"
out=$top_builddir/tests/baremetal/errors
mkdir -p "$out" || exit 99
bm_build_process_kernels "$out/kern" || exit 99
bm_set_timeout 60

pass=0
fail=0
# guest NAME ASM: assemble, link at 0x8000 and rewrite ASM (after _start)
guest() {
	if ! bm_asm_guest "$1" 0x8000 "$2"; then
		echo "$0: cannot build $1" >&2
		exit 99
	fi
}
# expect NAME STATUS REGEX QEMU-ARGS...: boot armpv-bm with QEMU-ARGS,
# want exit STATUS and a console line matching the extended REGEX
expect() {
	name=$1 want=$2 re=$3
	shift 3
	bm_qemu -cpu arm926 -kernel "$bm_monitor" "$@" >"$out/$name.log" 2>&1
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

# The test kernel, not rewritten: refused before it runs.
expect unrewritten 65 \
	'^armpv-bm: guest image: not rewritten \(no \.note\.armpv\)' \
	-semihosting -initrd "$out/kern/kern-v5.elf"
# Without -semihosting the monitor cannot stop QEMU: it reports and
# halts (WFI, interrupts masked), and only the timeout ends the run.
if test -n "$bm_tmo"; then
	tmo_save=$bm_tmo
	bm_tmo="timeout 10"
	expect unrewritten-halt 124 '^armpv-bm: guest image: not rewritten' \
		-initrd "$out/kern/kern-v5.elf"
	bm_tmo=$tmo_save
fi
# An ARMv6 guest on the ARM926EJ-S.
expect v6-on-v5 65 'rewritten for armv6, but the CPU is armv5te' \
	-semihosting -initrd "$out/kern/kern-v6.rw.elf"
# Broken images.
printf 'not an ELF file\n' >"$out/junk"
expect not-elf 65 '^armpv-bm: guest image: not an ELF file' \
	-semihosting -initrd "$out/junk"
head -c 200 "$out/kern/kern-v5.rw.elf" >"$out/truncated.elf"
expect truncated 65 '^armpv-bm: guest image: (program headers|no usable section headers)' \
	-semihosting -initrd "$out/truncated.elf"
# No guest at all.
expect no-initrd 66 'no guest: pass the rewritten guest ELF with -initrd' \
	-semihosting
# The monitor booted with a device tree instead of ATAGs (QEMU -dtb):
# it reads /memory, /chosen bootargs and linux,initrd-start/-end from it,
# and runs the same guest.
if command -v "${DTC:-dtc}" >/dev/null 2>&1 &&
   "${DTC:-dtc}" -q -I dts -O dtb -o "$out/boot.dtb" \
	"$top_srcdir/tests/baremetal/boot-guest/boot.dts"; then
	expect dtb 0 '^armpv-bm: machine 387, RAM 128 MiB \(device tree\), guest image at 04000000' \
		-semihosting -dtb "$out/boot.dtb" -initrd "$out/kern/kern-v5.rw.elf"
	expect dtb-profile 0 '^armpv-bm: per-site trap profile on' \
		-semihosting -dtb "$out/boot.dtb" -append 'armpv.profile' \
		-initrd "$out/kern/kern-v5.rw.elf"
	# A board armpv-bm does not know: refused before any device is
	# touched, the report through semihosting (no console yet).
	sed 's/"arm,versatile-pb"/"acme,anvil", "acme,anvil-base"/' \
		"$top_srcdir/tests/baremetal/boot-guest/boot.dts" |
		"${DTC:-dtc}" -q -I dts -O dtb -o "$out/anvil.dtb" - || exit 99
	expect unknown-board 66 'the device tree.s board \(compatible "acme,anvil"\.\.\.\) is none armpv-bm supports' \
		-semihosting -dtb "$out/anvil.dtb" \
		-initrd "$out/kern/kern-v5.rw.elf"
else
	echo "skip: dtb (no dtc: Debian package device-tree-compiler)"
fi
# The same with ATAGs: QEMU's versatileab passes machine type 606.
expect unknown-machine 66 'machine type 606 \(r1\) is no board armpv-bm supports' \
	-M versatileab -semihosting -initrd "$out/kern/kern-v5.rw.elf"

# The guest's own exit status passes through.
guest exit5 '	mov r0, #5
	swi 0x280000'
expect exit-status 5 '^armpv-bm: [0-9]+ traps:' \
	-semihosting -initrd "$out/exit5.rw.elf"
# An SWI from the virtual kernel that is neither a trap word nor a
# hypercall.
guest badswi '	swi 0x000123'
expect invalid-trap 67 'guest error: invalid trap word .* at 00008000 \(word ef000123\)' \
	-semihosting -initrd "$out/badswi.rw.elf"
guest badhc '	swi 0x2800ff'
expect unknown-hypercall 67 'guest error: unknown hypercall 0x2800ff at 00008000' \
	-semihosting -initrd "$out/badhc.rw.elf"
guest wfi '	mov r0, #0
	mcr p15, 0, r0, c7, c0, 4
	swi 0x280000'
expect wfi-forever 67 'guest error: WFI at 00008004 with no interrupt pending' \
	-semihosting -initrd "$out/wfi.rw.elf"

# Absent hardware, MMU off (virtual = guest physical): native accesses
# to what is neither guest RAM nor a device of the board -- the monitor's
# image (its linear map), its vector page, the first word past guest RAM,
# a hole in the I/O window -- and an instruction fetch past guest RAM.
# The guest's walk allows them and no device answers: the guest gets the
# external abort absent hardware gives (data abort DFSR 0x8, FAR the
# address; prefetch abort IFSR 0x8), not a monitor stop.  Its handlers
# (vectors 0x0c and 0x10 installed first) exit with the status (DFSR or
# IFSR & 0xf, + 32 for a prefetch abort; 63 if FAR/LR is not the address
# in r5).  (The shadow tables never point outside guest RAM, and the
# monitor's own mappings stay privileged-only, so none of these reaches
# what is there.)
vectors='	mov r2, #0
	ldr r0, =0xe59ff018		@ ldr pc, [pc, #0x18]
	str r0, [r2, #0x0c]
	str r0, [r2, #0x10]
	adr r0, pabt_h
	str r0, [r2, #0x2c]
	adr r0, dabt_h
	str r0, [r2, #0x30]
	b 9f
pabt_h:	mrc p15, 0, r0, c5, c0, 1
	and r0, r0, #0xf
	add r0, r0, #32
	sub r1, lr, #4
	cmp r1, r5
	movne r0, #63
	swi 0x280000
dabt_h:	mrc p15, 0, r0, c5, c0, 0
	and r0, r0, #0xf
	mrc p15, 0, r1, c6, c0, 0
	cmp r1, r5
	movne r0, #63
	swi 0x280000
9:'
# (-m 128M: guest RAM is 127 MiB, the monitor keeping the first.)
for c in monitor-read:ldr:ffa10000 monitor-write:str:ffa10000 \
	vectors-write:str:ffff0000 vectors-read:ldr:ffff0000 \
	past-ram:ldr:07f00000 absent-io:ldr:10150000; do
	name=${c%%:*}
	rest=${c#*:}
	op=${rest%%:*}
	addr=${rest#*:}
	guest "$name" "$vectors
	ldr r5, =0x$addr
	$op r0, [r5]
	mov r0, #0
	swi 0x280000"
	expect "$name" 8 \
		'^armpv-bm: devices: 0 accesses emulated, 1 external aborts' \
		-semihosting -initrd "$out/$name.rw.elf"
done
guest fetch "$vectors
	ldr r5, =0x08000000
	bx r5"
expect fetch-past-ram 40 \
	'^armpv-bm: devices: 0 accesses emulated, 1 external aborts' \
	-semihosting -initrd "$out/fetch.rw.elf"

# The board's devices, emulated (MMU off): UART0 output, the VIC's
# PeriphID0 (0x90: status 0x90 & 0x3f), the system controller's reset
# (unlock, then SYS_RESETCTL bit 8): the machine stops with status 0.
guest uart-write '	ldr r1, =0x101f1000
	mov r0, #0x55
	str r0, [r1]
	mov r0, #0x0a
	strb r0, [r1]
	mov r0, #0
	swi 0x280000'
expect uart-write 0 '^U$' -semihosting -initrd "$out/uart-write.rw.elf"
guest vic-id '	ldr r1, =0x10140fe0
	ldr r0, [r1]
	and r0, r0, #0x3f
	swi 0x280000'
expect vic-id 16 '^armpv-bm: devices: 1 accesses emulated, 0 external' \
	-semihosting -initrd "$out/vic-id.rw.elf"
guest sysctl-reset '	ldr r1, =0x10000000
	ldr r0, =0xa05f
	str r0, [r1, #0x20]
	ldr r0, =0x105
	str r0, [r1, #0x40]
	mov r0, #7
	swi 0x280000'
expect sysctl-reset 0 '^armpv-bm: guest reset request \(SYS_RESETCTL 105\): stopping' \
	-semihosting -initrd "$out/sysctl-reset.rw.elf"
# The per-site profile (armpv.profile on the command line): the MRS at
# 0x8004 trapped 5 times, and is the busiest site.
guest profile '	mov r4, #5
1:	mrs r1, cpsr
	subs r4, r4, #1
	bne 1b
	mov r0, #0
	swi 0x280000'
expect profile 0 '^armpv-bm:   pc 00008004 +5  [0-9a-f]{8} mrs$' \
	-semihosting -append 'console=ttyAMA0 armpv.profile' \
	-initrd "$out/profile.rw.elf"
# WFI with a timer running: SP804 0 (0x101e2000) one-shot, 200000 ticks
# (0.2 s: long enough that a loaded host cannot let it expire before the
# WFI, which would then not sleep),
# interrupt on, its VIC source 4 enabled, virtual IRQs masked.  WFI
# sleeps in the real WFI until the model timer fires, then the VIC's
# IRQSTATUS shows source 4: status 10 + 1.
guest wfi-timer '	ldr r1, =0x101e2000
	mov r0, #0x23			@ 32-bit first: LOAD written in the
	str r0, [r1, #8]		@ reset 16-bit mode keeps 16 bits
	ldr r0, =200000
	str r0, [r1]
	mov r0, #0xa3			@ enable, interrupt, 32-bit, one-shot
	str r0, [r1, #8]
	ldr r1, =0x10140000
	mov r0, #0x10
	str r0, [r1, #0x10]		@ VICINTENABLE: source 4
	mov r0, #0
	mcr p15, 0, r0, c7, c0, 4
	ldr r0, [r1]			@ VICIRQSTATUS
	lsr r0, r0, #4
	and r0, r0, #1
	add r0, r0, #10
	swi 0x280000'
expect wfi-timer 11 '^armpv-bm: devices: .* [1-9][0-9]* WFI sleeps' \
	-semihosting -initrd "$out/wfi-timer.rw.elf"

# With the guest's MMU on: a first-level table at guest physical 1 MiB,
# virtual 0 identity (section, AP 11: descriptor $ident, 0xc12 unless
# set), one more section SECT at virtual VA, DACR = domain 0 client; then
# a load from ADDR, then the exit with status 0 (or what the optional
# sixth argument leaves in r0).
mmu_guest() {
	guest "$1" "	ldr r0, =0x100000
	ldr r1, =${ident:-0xc12}
	str r1, [r0]
	ldr r1, =$3
	ldr r2, =($2 >> 20) * 4
	str r1, [r0, r2]
	mcr p15, 0, r0, c2, c0, 0
	mov r1, #1
	mcr p15, 0, r1, c3, c0, 0
	mrc p15, 0, r1, c1, c0, 0
	ldr r2, =(1 | $5)
	orr r1, r1, r2
	mcr p15, 0, r1, c1, c0, 0
	ldr r1, =$4
	ldr r0, [r1]
	${6:-mov r0, #0}
	swi 0x280000"
}
# The guest maps guest RAM where the monitor is (0xffa00000-0xffbfffff,
# which Linux 6.1 never maps): refused with a report naming the address.
mmu_guest over-monitor 0xffa00000 0xc12 0xffa10000 0
expect over-monitor 67 'guest error: guest maps VA ffa10000 over the monitor \(at pc [0-9a-f]{8}, guest physical 00010000\): the monitor keeps ffa00000-ffbfffff and its vector page at ffff0000' \
	-semihosting -initrd "$out/over-monitor.rw.elf"
# Where Linux puts its kernel, 0xc0000000, is the guest's now.
# It reads its own first word (mov r0, #0x100000: 0xe3a00601) there: 3.
mmu_guest linux-kernel-va 0xc0000000 0xc12 0xc0008000 0 "and r0, r0, #0x0f000000
	mov r0, r0, lsr #24"
expect linux-kernel-va 3 '^armpv-bm: shadow paging: [1-9]' \
	-semihosting -initrd "$out/linux-kernel-va.rw.elf"
# The guest maps the I/O window at 0x20000000 and reads UART0's UARTFR
# there: emulated (TXFE | RXFE = 0x90; status 0x90 >> 4).
mmu_guest mmu-device 0x20000000 0x10100c12 0x200f1018 0 'lsr r0, r0, #4'
expect mmu-device 9 '^armpv-bm: devices: 1 accesses emulated' \
	-semihosting -initrd "$out/mmu-device.rw.elf"
# ARMv6 extended page tables (SCTLR.XP = 1, bit 23) on the ARM1176: the
# guest's sections in that format (bit 4 is XN there: clear), the same
# read of its own first word through 0xc0000000: 3.
ident=0xc02 mmu_guest xp 0xc0000000 0xc02 0xc0008000 0x800000 "and r0, r0, #0x0f000000
	mov r0, r0, lsr #24"
unset ident
expect xp-sections 3 '^armpv-bm: shadow paging: [1-9]' \
	-semihosting -cpu arm1176 -initrd "$out/xp.rw.elf"
# XN (ARMv6 format): the same word read through an XN section
# (0xc0000000, descriptor bit 4), then a jump there: a prefetch abort,
# IFSR permission fault, section (0xd, domain 0), LR_abt - 4 the target;
# its handler (the low vectors, written first) exits with the status:
# 13, or 99 for a wrong LR.  The real MMU runs the ARMv6 format then
# (the statistics say so).
guest xn "	ldr r0, =0xe59ff010		@ 0x0c: ldr pc, [pc, #16]
	mov r1, #0x0c
	str r0, [r1]
	ldr r0, =pabt
	str r0, [r1, #0x18]		@ 0x24: the handler
	ldr r0, =0x100000
	ldr r1, =0xc02
	str r1, [r0]
	ldr r1, =0xc12
	ldr r2, =(0xc0000000 >> 20) * 4
	str r1, [r0, r2]
	mcr p15, 0, r0, c2, c0, 0
	mov r1, #1
	mcr p15, 0, r1, c3, c0, 0
	mrc p15, 0, r1, c1, c0, 0
	ldr r2, =(1 | 0x800000)
	orr r1, r1, r2
	mcr p15, 0, r1, c1, c0, 0
	ldr r1, =0xc0008000
	ldr r3, [r1]
	ldr r1, =(0xc0000000 + there)
	mov pc, r1
there:	mov r0, #1
	swi 0x280000
pabt:	mrc p15, 0, r0, c5, c0, 1
	and r0, r0, #0x3f
	sub r2, lr, #4
	ldr r1, =(0xc0000000 + there)
	cmp r2, r1
	movne r0, #99
	swi 0x280000"
expect xn-fetch 13 '^armpv-bm: shadow paging: .* 1 table format switches' \
	-semihosting -cpu arm1176 -initrd "$out/xn.rw.elf"
# A context switch (ARMv6 format): a non-global (nG, bit 17) section at
# 0xc0000000 read (guest physical 0x8000: _start's first word, 0xe3a00601
# -> 3 after the shift), then pointed at 2 MiB (zero there) with no TLB
# maintenance, and CONTEXTIDR given another ASID: the old ASID's entry
# cannot serve the new one (ARM1176 TRM 6.7), so the read gives 0 -- the
# monitor keeps only global entries over the switch.  Status 3 + 0.
guest asid "	ldr r0, =0x100000
	ldr r1, =0xc02
	str r1, [r0]
	ldr r1, =0x100c02		@ the table's MiB too
	str r1, [r0, #4]
	ldr r1, =0x20c02
	ldr r4, =(0xc0000000 >> 20) * 4
	str r1, [r0, r4]
	mcr p15, 0, r0, c2, c0, 0
	mov r1, #1
	mcr p15, 0, r1, c3, c0, 0
	mov r1, #1
	mcr p15, 0, r1, c13, c0, 1	@ ASID 1
	mrc p15, 0, r1, c1, c0, 0
	ldr r2, =(1 | 0x800000)
	orr r1, r1, r2
	mcr p15, 0, r1, c1, c0, 0
	ldr r1, =0xc0008000
	ldr r3, [r1]
	and r3, r3, #0x0f000000
	mov r3, r3, lsr #24
	ldr r1, =0x220c02		@ now 2 MiB, still nG
	str r1, [r0, r4]
	mov r1, #2
	mcr p15, 0, r1, c13, c0, 1	@ ASID 2
	ldr r1, =0xc0008000
	ldr r0, [r1]
	add r0, r0, r3
	swi 0x280000"
# Address spaces kept over a switch (ARMv6 format): under ASID 1 a
# non-global section at 0xc0000000 is read, under ASID 2 another at
# 0xc0100000, then under ASID $1 (1: back to the first; 3: a new one)
# the first again.  Coming back, the first's shadow entry is still there:
# one page fill fewer than for a new address space (the same guest
# otherwise).  Both exit with _start's first word's nibble, 3.
asid_guest() {
	guest "asid-back$1" "	ldr r0, =0x100000
	ldr r1, =0xc02
	str r1, [r0]
	ldr r1, =0x100c02
	str r1, [r0, #4]
	ldr r1, =0x20c02
	ldr r4, =(0xc0000000 >> 20) * 4
	str r1, [r0, r4]
	ldr r1, =0x20c02
	add r4, r4, #4
	str r1, [r0, r4]		@ 0xc0100000 -> 0 too
	mcr p15, 0, r0, c2, c0, 0
	mov r1, #1
	mcr p15, 0, r1, c3, c0, 0
	mcr p15, 0, r1, c13, c0, 1	@ ASID 1
	mrc p15, 0, r1, c1, c0, 0
	ldr r2, =(1 | 0x800000)
	orr r1, r1, r2
	mcr p15, 0, r1, c1, c0, 0
	ldr r1, =0xc0008000
	ldr r3, [r1]
	mov r1, #2
	mcr p15, 0, r1, c13, c0, 1	@ ASID 2
	ldr r1, =0xc0108000
	ldr r3, [r1]
	mov r1, #$1
	mcr p15, 0, r1, c13, c0, 1	@ ASID 1 again, or 3
	ldr r1, =0xc0008000
	ldr r0, [r1]
	and r0, r0, #0x0f000000
	mov r0, r0, lsr #24
	swi 0x280000"
}
asid_guest 1
asid_guest 3
expect asid-back 3 '^armpv-bm: shadow paging: .* 2 context switches' \
	-semihosting -cpu arm1176 -initrd "$out/asid-back1.rw.elf"
expect asid-new 3 '^armpv-bm: shadow paging: .* 2 context switches' \
	-semihosting -cpu arm1176 -initrd "$out/asid-back3.rw.elf"
fills() {
	sed -n 's/^armpv-bm: shadow paging: \([0-9]*\) pages filled.*/\1/p' "$1"
}
back=$(fills "$out/asid-back.log") new=$(fills "$out/asid-new.log")
if test -n "$back" && test -n "$new" && test "$back" -eq $((new - 1)); then
	echo "ok: asid-kept: $back pages filled coming back, $new for a new address space"
	pass=$((pass + 1))
else
	echo "FAIL: asid-kept: '$back' pages filled coming back, '$new' for a new address space (want one fewer)"
	fail=$((fail + 1))
fi
# The MMU on: TTBR0 = r0, DACR = domain 0 client, SCTLR.M (r1 clobbered).
mmu_on_r0="	mcr p15, 0, r0, c2, c0, 0
	mov r1, #1
	mcr p15, 0, r1, c3, c0, 0
	mrc p15, 0, r1, c1, c0, 0
	orr r1, r1, #1
	mcr p15, 0, r1, c1, c0, 0"
# Tables kept over a context switch (ARMv5 format, docs/baremetal-
# monitor.md "Keeping tables"): under table A a coarse table at
# 0xc0000000 maps pages X and Y to guest physical 0x8000 (_start's first
# word, 0xe3a00601); both are read; the guest switches to table B as
# Linux does (TTBR0, invalidate the TLBs), writes $2 to A's entry for Y
# and $3 to A's first-level entry for 0xc0000000, and back in A (the
# same) X and Y are read again: the status is the sum of their words'
# nibbles 27:24.  same: both written as they were, 3 + 3, and both pages
# come back without a fill; pte: Y moved to 2 MiB (zero), 3 + 0, one
# fill more (Y's); table: A's first-level entry points to a copy of the
# coarse table, 6, two fills more (a table is kept for its first-level
# descriptor).
kept_guest() {
	guest "kept-$1" "	ldr r0, =0x100000		@ A
	ldr r6, =0x104000		@ B
	ldr r5, =0x108000		@ A's coarse table for 0xc0000000
	ldr r1, =0xc02
	str r1, [r0]
	str r1, [r6]
	ldr r1, =0x100c02		@ the tables' MiB
	str r1, [r0, #4]
	str r1, [r6, #4]
	ldr r1, =0x108011
	ldr r4, =(0xc0000000 >> 20) * 4
	str r1, [r0, r4]
	ldr r1, =0x8ff2			@ small page, frame 0x8000, AP 11
	str r1, [r5]
	str r1, [r5, #4]
	str r1, [r5, #0x400]		@ the copy at 0x108400
	str r1, [r5, #0x404]
$mmu_on_r0
	ldr r1, =0xc0000000
	ldr r3, [r1]
	add r1, r1, #0x1000
	ldr r3, [r1]
	mov r7, #0
	mcr p15, 0, r6, c2, c0, 0	@ B
	mcr p15, 0, r7, c8, c7, 0
	ldr r1, =$2
	str r1, [r5, #4]		@ A's PTE of Y
	ldr r1, =$3
	str r1, [r0, r4]		@ A's first-level entry
	mcr p15, 0, r0, c2, c0, 0	@ A
	mcr p15, 0, r7, c8, c7, 0
	ldr r1, =0xc0000000
	ldr r3, [r1]
	add r1, r1, #0x1000
	ldr r2, [r1]
	and r3, r3, #0x0f000000
	and r2, r2, #0x0f000000
	add r0, r3, r2
	mov r0, r0, lsr #24
	swi 0x280000"
}
kept_guest same 0x8ff2 0x108011
kept_guest pte 0x200ff2 0x108011
kept_guest table 0x8ff2 0x108411
for cpu in arm926 arm1176; do
	expect "kept-same-$cpu" 6 '^armpv-bm: shadow tables kept \(ARMv5 format\): [1-9]' \
		-semihosting -cpu $cpu -initrd "$out/kept-same.rw.elf"
	expect "kept-pte-$cpu" 3 '^armpv-bm: shadow tables kept .* [1-9][0-9]* stale \(dropped\)' \
		-semihosting -cpu $cpu -initrd "$out/kept-pte.rw.elf"
	expect "kept-table-$cpu" 6 '^armpv-bm: shadow tables kept \(ARMv5 format\): [1-9]' \
		-semihosting -cpu $cpu -initrd "$out/kept-table.rw.elf"
	same=$(fills "$out/kept-same-$cpu.log")
	pte=$(fills "$out/kept-pte-$cpu.log")
	table=$(fills "$out/kept-table-$cpu.log")
	if test -n "$same" && test -n "$pte" && test -n "$table" &&
	   test "$pte" -eq $((same + 1)) && test "$table" -eq $((same + 2)); then
		echo "ok: kept-fills-$cpu: $same pages filled, $pte with a PTE changed, $table with the table pointer changed"
		pass=$((pass + 1))
	else
		echo "FAIL: kept-fills-$cpu: '$same' pages filled, '$pte' with a PTE changed (want one more), '$table' with the table pointer changed (want two more)"
		fail=$((fail + 1))
	fi
done
# More tables than the pool's 256, kept over TLB invalidations (ARMv5
# format): 300 sections at 0x10000000 up map guest physical MiBs 2-101
# (MiB i: 2 + i % 100, whose first word holds its number), each read
# once with an invalidation of the TLBs every 64; then every section is
# pointed at MiB 2, the TLBs invalidated, and each read again.  The pool
# runs out and takes kept tables back (the statistics count them), and
# no kept table may serve a section that changed: the sum is 15450 +
# 600, status 5 (1 if not).
guest kept-pool "	mov r3, #0
	mov r2, #0x200000
	mov r8, #0x100000
1:	add r1, r3, #2			@ MiB 2 + k holds 2 + k
	str r1, [r2], r8
	add r3, r3, #1
	cmp r3, #100
	bne 1b
	ldr r0, =0x100000
	ldr r1, =0xc02
	str r1, [r0]
	ldr r1, =0x100c02
	str r1, [r0, #4]
	mov r3, #0
	add r4, r0, #0x400		@ slot 0x100: 0x10000000
2:	add r1, r3, #2
	cmp r3, #100
	subhs r1, r1, #100
	cmp r3, #200
	subhs r1, r1, #100
	mov r1, r1, lsl #20
	orr r1, r1, #0xc00
	orr r1, r1, #0x2
	str r1, [r4, r3, lsl #2]
	add r3, r3, #1
	cmp r3, #300
	bne 2b
$mmu_on_r0
	mov r5, #0
	mov r7, #0
	bl pass
	ldr r1, =0x200c02		@ every section: MiB 2
	mov r3, #0
3:	str r1, [r4, r3, lsl #2]
	add r3, r3, #1
	cmp r3, #300
	bne 3b
	mcr p15, 0, r7, c8, c7, 0
	bl pass
	ldr r1, =16050
	cmp r5, r1
	moveq r0, #5
	movne r0, #1
	swi 0x280000
pass:	mov r3, #0
	mov r6, #0x10000000
4:	ldr r1, [r6], r8
	add r5, r5, r1
	add r3, r3, #1
	tst r3, #63
	mcreq p15, 0, r7, c8, c7, 0
	cmp r3, #300
	bne 4b
	mov pc, lr"
expect kept-pool 5 '^armpv-bm: shadow tables kept .* [1-9][0-9]* reclaimed by the pool' \
	-semihosting -initrd "$out/kept-pool.rw.elf"
# The guest kernel's VFP system registers (vfp.c): FPEXC written with EN
# then read back (VMSR, VMRS: privileged, so trapped and done on the real
# VFP) -- status EN >> 28 = 4; on the ARM1176 after the guest's CPACR
# grants cp10/cp11 (none at reset), plus MVFR0's low nibble (QEMU's
# VFP11: 1): 5.
guest vfp926 "	ldr r0, =0x40000000
	.word 0xeee80a10		@ vmsr fpexc, r0
	mov r0, #0
	.word 0xeef80a10		@ vmrs r0, fpexc
	mov r0, r0, lsr #28
	swi 0x280000"
expect vfp-fpexc 4 '^armpv-bm: 1 traps' \
	-semihosting -initrd "$out/vfp926.rw.elf"
guest vfp1176 "	ldr r0, =0x00f00000
	mcr p15, 0, r0, c1, c0, 2	@ CPACR: cp10, cp11 full access
	ldr r0, =0x40000000
	.word 0xeee80a10		@ vmsr fpexc, r0
	mov r0, #0
	.word 0xeef80a10		@ vmrs r0, fpexc
	mov r0, r0, lsr #28
	.word 0xeef71a10		@ vmrs r1, mvfr0
	and r1, r1, #0xf
	add r0, r0, r1
	swi 0x280000"
expect vfp-cpacr-mvfr0 5 '^armpv-bm: 2 traps' \
	-semihosting -cpu arm1176 -initrd "$out/vfp1176.rw.elf"
expect asid-switch 3 '^armpv-bm: shadow paging: .* [1-9][0-9]* context switches keeping entries' \
	-semihosting -cpu arm1176 -initrd "$out/asid.rw.elf"

# The CP15 fast path (vectors.S; docs/baremetal-monitor.md "The CP15
# fast path"), where its answer is the core's and not QEMU's (which the
# robustness guest compares with): the guest's Undefined handler (vector
# 0x04, written first) exits with 21 when LR_und - 4 is the instruction
# at r5, 63 otherwise.
undvec='	mov r2, #0
	ldr r0, =0xe59ff018		@ ldr pc, [pc, #0x18]
	str r0, [r2, #0x04]
	adr r0, und_h
	str r0, [r2, #0x24]
	b 9f
und_h:	mov r0, #21
	sub r1, lr, #4
	cmp r1, r5
	movne r0, #63
	swi 0x280000
9:'
# Flush BTAC (c7 c5 6) is the ARM1176'"'"'s alone: on the ARM926EJ-S the
# kernel's MCR is its Undefined instruction (QEMU makes every c7
# encoding a no-op); on the ARM1176 a no-op by the fast path.
guest cp15-btac "$undvec
	adr r5, 1f
1:	.word 0xee070fd5		@ mcr p15, 0, r0, c7, c5, 6
	mov r0, #0
	swi 0x280000"
expect cp15-invalid-926 21 '^armpv-bm: of those, by the CP15 fast path: cp15 0 ' \
	-semihosting -initrd "$out/cp15-btac.rw.elf"
expect cp15-btac-1176 0 '^armpv-bm: of those, by the CP15 fast path: cp15 1 ' \
	-semihosting -cpu arm1176 -initrd "$out/cp15-btac.rw.elf"
# The ARM926's test and clean (MRC p15, 0, r15, c7, c10, 3) from the
# ARM1176's kernel: Undefined, it has none.
guest cp15-test-clean "$undvec
	adr r5, 1f
1:	.word 0xee17ff7a		@ mrc p15, 0, r15, c7, c10, 3
	mov r0, #0
	swi 0x280000"
expect cp15-test-clean-1176 21 '^armpv-bm: of those, by the CP15 fast path: cp15 0 ' \
	-semihosting -cpu arm1176 -initrd "$out/cp15-test-clean.rw.elf"
# An Undefined instruction of the kernel in Thumb state whose word read
# as ARM is an MCR the fast path takes: LSRS r2, r3, #30 (Z set) and UDF
# #7 at 2 mod 4 read as MCRLE p15, 0, r0, c7, c10, 4.  It is the
# kernel's own Undefined exception (no Thumb trap words exist): LR_und
# = the UDF + 2 = tw + 4, so the handler exits 21 (63 for another LR);
# a fast path reading the word regardless would skip the UDF and spin
# (until the timeout).  (Until tests/sysfuzz met one, the monitor
# stopped the guest here, 67.)
guest cp15-thumb "$undvec
	adr r5, tw
	mov r3, #0
	ldr r0, =tw + 1
	bx r0
	.align 2
tw:	.word 0xde070f9a
	.word 0xe7fee7fe		@ b . (Thumb): not reached"
for cpu in arm926 arm1176; do
	expect cp15-thumb-$cpu 21 '^armpv-bm: virtual exceptions: und 1$' \
		-semihosting -cpu $cpu -initrd "$out/cp15-thumb.rw.elf"
done
# An SWI of the kernel in Thumb state (from SVC mode, as Linux's
# kernel never does but a guest may): the kernel's own SWI exception,
# as the hardware takes it (ARM ARM A2.6.4): LR_svc = the SWI + 2, SPSR
# the kernel's CPSR with T set, the handler in ARM state.  The handler
# (vector 0x08) exits 22 when LR_svc - 2 is the SWI at r5, SPSR.T is
# set and its CPSR is SVC mode in ARM state, 63 otherwise.  Its SWI
# comment 0x80 read as an ARM word with the halfword after it
# (0xdf80df80) is neither a trap word nor a hypercall.  (Until
# tests/sysfuzz met one, the monitor stopped the guest here, 67.)
guest swi-thumb '	mov r2, #0
	ldr r0, =0xe59ff018		@ ldr pc, [pc, #0x18]
	str r0, [r2, #0x08]
	adr r0, swi_h
	str r0, [r2, #0x28]
	adr r5, tw
	ldr r0, =tw + 1
	bx r0
swi_h:	mov r0, #22
	sub r1, lr, #2
	cmp r1, r5
	movne r0, #63
	mrs r1, spsr
	tst r1, #0x20
	moveq r0, #63
	mrs r1, cpsr
	and r1, r1, #0x3f
	cmp r1, #0x13
	movne r0, #63
	swi 0x280000
	.align 2
	.thumb
tw:	swi 0x80
	swi 0x80
	b .
	.arm'
for cpu in arm926 arm1176; do
	expect swi-thumb-$cpu 22 '^armpv-bm: virtual exceptions: .*swi 1' \
		-semihosting -cpu $cpu -initrd "$out/swi-thumb.rw.elf"
done
# What the fast path counts (the kernel's cache maintenance: three
# operations by MVA and set/way, two TLB invalidations by MVA, an MCREQ
# with Z set; an MCRNE with Z set, which does not trap; a TLB invalidate
# all, through the core: bm_fast_cp15_core()), and the same counts with
# armpv.profile, where every trap goes through C: the core's lines
# identical.
guest cp15-counts '	mov r0, #0
	mcr p15, 0, r0, c7, c10, 1
	mcr p15, 0, r0, c7, c14, 2
	mcr p15, 0, r0, c7, c5, 0
	ldr r0, =0x00100000
	mcr p15, 0, r0, c8, c7, 1
	mcr p15, 0, r0, c8, c6, 1
	mov r1, #0x40000000
	msr cpsr_f, r1
	.word 0x0e070f3a		@ mcreq p15, 0, r0, c7, c10, 1
	.word 0x1e070f3a		@ mcrne p15, 0, r0, c7, c10, 1
	mcr p15, 0, r0, c8, c7, 0
	mov r0, #0
	swi 0x280000'
counts='^armpv-bm: ([0-9]+ traps|shadow paging):'
for cpu in arm926 arm1176; do
	g=cp15-counts-$cpu
	expect $g-fast 0 '^armpv-bm: of those, by the CP15 fast path: cp15 7 \(TLB invalidations by MVA 2\)$' \
		-semihosting -cpu $cpu -initrd "$out/cp15-counts.rw.elf"
	expect $g-slow 0 '^armpv-bm: of those, by the CP15 fast path: cp15 0 \(TLB invalidations by MVA 0\)$' \
		-semihosting -cpu $cpu -append armpv.profile \
		-initrd "$out/cp15-counts.rw.elf"
	if grep -aE "$counts" "$out/$g-fast.log" >"$out/$g.fast.counts" &&
	   grep -aE "$counts" "$out/$g-slow.log" >"$out/$g.slow.counts" &&
	   grep -q ', cp15 7, condition failed 0,' "$out/$g.fast.counts" &&
	   grep -q ' 2 invalidations by MVA' "$out/$g.fast.counts" &&
	   diff -u "$out/$g.fast.counts" "$out/$g.slow.counts"; then
		echo "ok: $g-same: the fast path and the C path count the same"
		pass=$((pass + 1))
	else
		echo "FAIL: $g-same: the fast path and the C path count differently (fast '-', C '+')"
		fail=$((fail + 1))
	fi
done
# A virtual interrupt line high (masked: the reset CPSR has I set; the
# VIC's soft interrupt 0, enabled): the fast path leaves the trap to C
# (bm_trap() delivers the line if the shared page lets it in).
guest cp15-line-high '	ldr r1, =0x10140000
	mov r0, #1
	str r0, [r1, #0x10]		@ VICINTENABLE: source 0
	str r0, [r1, #0x18]		@ VICSOFTINT: source 0
	mcr p15, 0, r0, c7, c10, 1
	mov r0, #0
	swi 0x280000'
expect cp15-line-high 0 '^armpv-bm: of those, by the CP15 fast path: cp15 0 ' \
	-semihosting -initrd "$out/cp15-line-high.rw.elf"
grep -q ', cp15 1, ' "$out/cp15-line-high.log" || {
	echo "FAIL: cp15-line-high: the MCR was not counted"
	fail=$((fail + 1))
}

# Bad bundles (docs/bundle.md): each refused before the guest runs, with a
# "guest image: bundle:" report and status 65.  They are written by
# mkbundle below, a second writer of the format (independent of
# armpv-bundle, which refuses to write most of them); the first case
# checks that it agrees with the monitor on a good bundle.
# mkbundle OUT [key=value...] MEMBER...: MEMBER is TYPE:FILE (TYPE 1
# kernel, 2 dtb, 3 initrd, 4 cmdline) or TYPE:@TEXT (TEXT and a NUL) or
# TYPE:zero:N (N zero bytes); keys: version, total (bytes added to
# total_size), offset.I (member I's offset), crc.I (xor'd into its CRC),
# and the header's kernel_offset, flags, format (kernel_format, 1 ELF,
# 2 Image, 3 zImage), layout, load, end (raw_*; format version 2).
mkbundle() {
	python3 - "$@" <<'PYEOF'
import struct, sys, zlib
out, args = sys.argv[1], sys.argv[2:]
keys = dict(a.split("=", 1) for a in args if "=" in a)
members = []
for a in args:
    if "=" in a:
        continue
    t, what = a.split(":", 1)
    if what.startswith("@"):
        data = what[1:].encode() + b"\0"
    elif what.startswith("zero:"):
        data = bytes(int(what[5:]))
    else:
        data = open(what, "rb").read()
    members.append((int(t), data))
n = len(members)
off = 48 + 16 * n
table, body = b"", b""
for i, (t, data) in enumerate(members):
    pad = (-(off + len(body))) % 8
    body += bytes(pad)
    moff = off + len(body)
    table += struct.pack("<IIII", t, int(keys.get("offset.%d" % i, str(moff)), 0),
                         len(data), zlib.crc32(data) ^ int(keys.get("crc.%d" % i, "0"), 0))
    body += data
total = off + len(body)
k = lambda name, default="0": int(keys.get(name, default), 0)
hdr = b"ARMPVBDL" + struct.pack("<IIIIIIIIII", k("version", "2"), off,
                                total + k("total"), n, k("kernel_offset"),
                                k("flags"), k("format", "1"), k("layout"),
                                k("load"), k("end"))
open(out, "wb").write(hdr + table + body)
PYEOF
}
# bad NAME REGEX MKBUNDLE-ARGS...: the bundle's report and status 65
bad() {
	bname=$1 bre=$2
	shift 2
	mkbundle "$out/$bname.bnd" "$@" || exit 99
	expect "$bname" 65 "^armpv-bm: guest image: $bre" \
		-semihosting -initrd "$out/$bname.bnd"
}
printf 'not a device tree at all, though longer than its header' >"$out/junk.dtb"
printf 'a b c' >"$out/bundle-cmdline.txt"	# no NUL at its end
mkbundle "$out/bundle-good.bnd" 1:"$out/exit5.rw.elf" 3:zero:100 4:@"x y"
expect bundle-good 5 '^armpv-bm: guest: kernel up to 0000[0-9a-f]{4}, entry 00008000; ATAGs at' \
	-semihosting -initrd "$out/bundle-good.bnd"
head -c 300 "$out/bundle-good.bnd" >"$out/bundle-truncated.bnd"
expect bundle-truncated 65 '^armpv-bm: guest image: bundle: truncated: its header says [0-9]+ bytes, the initrd holds 300' \
	-semihosting -initrd "$out/bundle-truncated.bnd"
printf 'ARMPVBDX' >"$out/bundle-magic.bnd"
tail -c +9 "$out/bundle-good.bnd" >>"$out/bundle-magic.bnd"
expect bundle-bad-magic 65 '^armpv-bm: guest image: not an ELF file, nor an armpv bundle \(first bytes 41 52 4d 50\)' \
	-semihosting -initrd "$out/bundle-magic.bnd"
bad bundle-version 'bundle: format version 3, this monitor reads version 2' \
	version=3 1:"$out/exit5.rw.elf"
bad bundle-version-1 'bundle: format version 1, written by an older armpv-bundle: this monitor reads version 2; write the bundle again' \
	version=1 1:"$out/exit5.rw.elf"
bad bundle-out-of-bounds 'bundle: member 1 \(initrd\) at offset 0x100000, 100 bytes, is outside the bundle' \
	offset.1=0x100000 1:"$out/exit5.rw.elf" 3:zero:100
bad bundle-crc 'bundle: member 1 \(initrd\) at offset 0x[0-9a-f]+: CRC-32 [0-9a-f]{8}, the header says [0-9a-f]{8}: the bundle is corrupt' \
	crc.1=1 1:"$out/exit5.rw.elf" 3:zero:100
bad bundle-no-kernel 'bundle: no kernel member' 3:zero:100
bad bundle-kernel-not-elf 'bundle: kernel member at offset 0x40 is not an ELF file' \
	1:zero:64
bad bundle-unrewritten 'not rewritten \(no \.note\.armpv\)' \
	1:"$out/exit5.elf" 4:@"console=ttyAMA0"
bad bundle-not-dtb 'bundle: dtb member at offset 0x[0-9a-f]+: bad magic \(not 0xd00dfeed\): not a device tree' \
	1:"$out/exit5.rw.elf" 2:"$out/junk.dtb"
if test -f "$out/boot.dtb"; then
	head -c 200 "$out/boot.dtb" >"$out/short.dtb"
	bad bundle-short-dtb 'bundle: dtb member at offset 0x[0-9a-f]+: totalsize is smaller than the header or larger than the bytes there' \
		1:"$out/exit5.rw.elf" 2:"$out/short.dtb"
fi
bad bundle-cmdline 'bundle: cmdline member at offset 0x[0-9a-f]+ \(5 bytes\): must be text ending in its only NUL' \
	1:"$out/exit5.rw.elf" 4:"$out/bundle-cmdline.txt"
# An initrd placed at the top of guest RAM over the bundle as QEMU put
# it (guest physical 63 MiB up, of 127): refused, nothing overwritten.
bad bundle-overlap 'the initrd at guest physical 0[0-9a-f]{7}-07efffff would overwrite the guest image as the boot loader placed it \(03f00000-0[0-9a-f]{7}\)' \
	1:"$out/exit5.rw.elf" 3:zero:41943040

echo "$pass passed, $fail failed"
test $fail -eq 0
