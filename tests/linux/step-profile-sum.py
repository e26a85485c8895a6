# SPDX-License-Identifier: GPL-2.0-or-later
"""step-profile-sum.py TRACE VMLINUX MONITOR-ELF [TOP] [--no-irq] -- names and sums a
step-profile.py trace (one PC a line; the last line, the breakpoint
reached again, is left out).

Each PC is named from the text symbols of VMLINUX (the guest kernel,
0xc0000000 and up; the plain vmlinux serves for the rewritten one) or
of MONITOR-ELF (armpv-bm.elf: its symbols, and for each PC its source
file by addr2line); a PC below 0xc0000000 is "user".  Prints:

  - the instructions by component (user; guest kernel; the monitor by
    source file);
  - the TOP (30) functions by instructions, with their calls (steps
    that land on the symbol's first instruction);
  - the traps: each step from a non-monitor PC to a monitor PC, by the
    monitor address entered (the exception vector) and by the guest
    function that trapped.

The guest's interrupts in the window (the monitor injects the guest's
timer interrupt from its own device model, whatever QEMU's stub masks)
are listed as spans; --no-irq leaves them out of the sums.

ARM_NM and ARM_ADDR2LINE name the tools (arm-linux-gnueabi-nm, -addr2line).
"""
import bisect
import collections
import os
import subprocess
import sys

NM = os.environ.get("ARM_NM", "arm-linux-gnueabi-nm")
A2L = os.environ.get("ARM_ADDR2LINE", "arm-linux-gnueabi-addr2line")
PAGE_OFFSET = 0xC0000000
HIGH_VECTORS = 0xFFFF0000
VECTOR_PAGE_END = 0x40
IRQ_VECTOR = 0xFFFF1020  # Linux's vector_irq (stubs page)
VECTOR_NAMES = ("reset", "undef", "swi", "pabt", "dabt", "unused", "irq",
                "fiq")


def text_symbols(elf):
    out = subprocess.run([NM, "-n", elf], check=True, capture_output=True,
                         text=True).stdout
    syms = []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "tTwW" and not f[2].startswith("$"):
            syms.append((int(f[0], 16), f[2]))
    syms.sort()
    return syms


class Namer:
    def __init__(self, syms):
        self.addrs = [a for a, _ in syms]
        self.names = [n for _, n in syms]

    def __call__(self, pc):
        i = bisect.bisect_right(self.addrs, pc) - 1
        if i < 0:
            return None, None
        return self.names[i], self.addrs[i]


def source_files(elf, pcs):
    if not pcs:
        return {}
    out = subprocess.run([A2L, "-e", elf], input="\n".join(
        "%x" % p for p in pcs), check=True, capture_output=True,
        text=True).stdout.splitlines()
    return {pc: os.path.basename(line.split(":")[0]) for pc, line in
            zip(pcs, out)}


def irq_spans(pcs, is_mon):
    """The spans of the guest's interrupts: each entry into Linux's
    vector_irq (IRQ_VECTOR), from the first monitor instruction after
    the last guest instruction before it (g; not in Linux's vector page) to the guest's return to g
    or g + 4 (the interrupted instruction, or the one after the trapped
    one).  The trap that let the monitor inject the interrupt is in the
    span: a few hundred instructions at most."""
    spans = []
    i = 0
    while i < len(pcs):
        if not IRQ_VECTOR <= pcs[i] < IRQ_VECTOR + 0x80:
            i += 1
            continue
        g = i - 1
        while g >= 0 and (is_mon(pcs[g]) or pcs[g] >= HIGH_VECTORS):
            g -= 1
        if g < 0:
            i += 1
            continue
        j = i + 1
        while j < len(pcs) and pcs[j] not in (pcs[g], pcs[g] + 4):
            j += 1
        spans.append((g + 1, j))
        i = j
    return spans


def main():
    trace, vmlinux, monelf = sys.argv[1:4]
    args = [a for a in sys.argv[4:] if a != "--no-irq"]
    top = int(args[0]) if args else 30
    with open(trace) as f:
        pcs = [int(x, 16) for x in f.read().split()][:-1]
    guest = Namer(text_symbols(vmlinux))
    msyms = text_symbols(monelf)
    mon = Namer(msyms)
    mon_lo = msyms[0][0]

    def is_mon(pc):
        return mon_lo <= pc < HIGH_VECTORS or pc < VECTOR_PAGE_END

    def mon_name(pc):
        # The monitor's vector page is at 0 while the guest's (Linux's)
        # vectors are high (monitor/baremetal/mmu.c): 8 LDR pc words.
        if pc < VECTOR_PAGE_END:
            kind = VECTOR_NAMES[pc // 4] if pc < 32 else "literal"
            return "vector %s (%#x)" % (kind, pc), pc
        return mon(pc)

    spans = irq_spans(pcs, is_mon)
    if "--no-irq" in sys.argv:
        keep = [True] * len(pcs)
        for a, b in spans:
            for i in range(a, b):
                keep[i] = False
        pcs = [p for p, k in zip(pcs, keep) if k]
    files = source_files(monelf, sorted({p for p in pcs
                                         if mon_lo <= p < HIGH_VECTORS}))
    per_fn = collections.Counter()
    calls = collections.Counter()
    comp = collections.Counter()
    fn_comp = {}
    traps_by_vec = collections.Counter()
    traps_by_site = collections.Counter()
    prev = None
    for pc in pcs:
        if is_mon(pc):
            name, start = mon_name(pc)
            c = "monitor " + (files.get(pc, "?") if pc >= VECTOR_PAGE_END
                              else "vector page")
            key = name
        elif HIGH_VECTORS <= pc < HIGH_VECTORS + 0x1000:
            # Linux's vector page: the branches and the kuser helpers.
            name, start = "(linux vector page)", None
            c, key = "guest kernel", name
        elif pc >= PAGE_OFFSET:
            name, start = guest(pc)
            c, key = "guest kernel", "%s" % name
        else:
            name, start, c, key = "user", None, "user", "(user)"
        per_fn[key] += 1
        fn_comp[key] = c
        comp[c] += 1
        if start == pc:
            calls[key] += 1
        if prev is not None and is_mon(pc) and not is_mon(prev):
            traps_by_vec["%08x %s" % (pc, mon_name(pc)[0])] += 1
            gname = guest(prev)[0] if prev >= PAGE_OFFSET else "(user)"
            traps_by_site["%s -> %s" % (gname, mon_name(pc)[0])] += 1
        prev = pc
    total = len(pcs)
    print("window: %d instructions%s" % (total, " without the IRQ spans"
                                          if "--no-irq" in sys.argv else ""))
    for a, b in spans:
        print("guest IRQ span: steps %d to %d: %d instructions" % (a, b, b - a))
    print("\n# by component")
    for c, n in comp.most_common():
        print("%9d %5.1f%%  %s" % (n, 100.0 * n / total, c))
    mon_total = sum(n for c, n in comp.items() if c.startswith("monitor"))
    print("%9d %5.1f%%  monitor, all" % (mon_total, 100.0 * mon_total / total))
    print("\n# top %d functions: instructions, share, calls, component" % top)
    for k, n in per_fn.most_common(top):
        print("%9d %5.1f%% %6d  %-40s %s" % (n, 100.0 * n / total, calls[k],
                                              k, fn_comp[k]))
    print("\n# traps (guest -> monitor): %d, by vector" %
          sum(traps_by_vec.values()))
    for k, n in traps_by_vec.most_common():
        print("%6d  %s" % (n, k))
    print("\n# traps by guest function -> monitor entry")
    for k, n in traps_by_site.most_common(40):
        print("%6d  %s" % (n, k))


if __name__ == "__main__":
    main()
