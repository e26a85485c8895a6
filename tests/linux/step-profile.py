# SPDX-License-Identifier: GPL-2.0-or-later
"""step-profile.py SOCKET PC WARMUP HITS OUT -- an exact instruction
trace of one window of a guest run, by single-stepping QEMU's gdb stub.

QEMU runs stopped (-S) with its gdb stub on the unix socket SOCKET (see
step-profile.sh).  This sets a breakpoint at PC (a virtual address of
the code being profiled: under armpv-bm a guest kernel VA, the same as
in the plain vmlinux), lets the machine run to its WARMUP-th execution,
removes it, then single-steps ('s' packets of gdb's remote protocol)
until PC has been reached HITS more times, writing each stepped PC (hex,
one a line, the first line PC itself) to OUT.  The last line is PC
again, not part of the window: the window is lines 1 .. N-1.

QEMU's stub steps with its own interrupts and timers masked (its default
sstep flags, "maintenance packet qqemu.sstep"), but armpv-bm injects
the guest's timer interrupt from its own device model as guest time
passes: step-profile-sum.py --no-irq leaves those spans out.  An
instruction that takes an exception is one step; the next PC is the
vector.  The stub speaks the raw protocol (the Stub class of
gdb-clock.py): no gdb for ARM is needed.  Prints the steps per second
on stderr.  step-profile-sum.py names and sums the trace.
"""
import importlib.util
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
_spec = importlib.util.spec_from_file_location(
    "gdb_clock", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "gdb-clock.py"))
gdb_clock = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gdb_clock)


def pc_of(stub):
    # QEMU 7.2's stub answers 'p' with nothing for the ARM core: 'g',
    # whose r15 is the 16th 32-bit word (8 hex digits, little-endian).
    stub.send(b"g")
    regs = stub.reply()
    return int.from_bytes(bytes.fromhex(regs[120:128].decode()), "little")


def expect_stop(stub, what):
    stop = stub.reply()
    if not stop.startswith((b"T05", b"S05")):
        sys.exit("step-profile: unexpected stop %r (%s)" % (stop, what))


def main():
    path, pc = sys.argv[1], int(sys.argv[2], 0)
    warmup, hits, out = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    stub = gdb_clock.Stub(path, wait=60)
    for i in range(warmup):
        stub.send(b"Z0,%x,4" % pc)
        if stub.reply() != b"OK":
            sys.exit("step-profile: cannot set a breakpoint at %#x" % pc)
        while True:
            stub.send(b"c")
            expect_stop(stub, "continue %d" % i)
            at = pc_of(stub)
            if at == pc:
                break
            print("step-profile: stopped at %#x, not %#x: continuing" %
                  (at, pc), file=sys.stderr)
        stub.send(b"z0,%x,4" % pc)
        stub.reply()
        if i + 1 < warmup:
            stub.send(b"s")
            expect_stop(stub, "step over")
    seen, steps = 0, 0
    t0 = time.monotonic()
    with open(out, "w") as f:
        f.write("%08x\n" % pc)
        while seen < hits:
            stub.send(b"s")
            expect_stop(stub, "step %d" % steps)
            cur = pc_of(stub)
            f.write("%08x\n" % cur)
            steps += 1
            if cur == pc:
                seen += 1
            if steps % 5000 == 0:
                f.flush()
                print("step-profile: %d steps, %.0f/s" %
                      (steps, steps / (time.monotonic() - t0)),
                      file=sys.stderr)
    dt = time.monotonic() - t0
    print("step-profile: %d steps in %.1f s (%.0f/s)" % (steps, dt, steps / dt),
          file=sys.stderr)
    stub.send(b"D")
    stub.reply()


if __name__ == "__main__":
    main()
