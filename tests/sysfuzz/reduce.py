#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""reduce.py -- shrink a failing whole-system fuzzer guest (docs/fuzzing.md).

    reduce.py [-b BOARD] [-c CPU] [-n STEPS] SEED

runs tests/sysfuzz/fuzz.sh on SEED as given, which must fail (its
transcripts differ, or armpv-bm stops with a status; a native run that
does not finish is not a failure to reduce), then shrinks the guest
while it still fails the same way: the steps after the first one whose
digest differs go first, then the steps before it and last the items of
each step that is left (with those of its user excursions and Thumb
blocks), each by delta debugging (Zeller's ddmin) over
gen.py's --keep-steps and --drop-items.  Prints the reduced guest's
command (fuzz.sh -k ... -d ... SEED) and its step code.  Each test is a
build and two QEMU runs (about three seconds).
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


class Runner:
    def __init__(self, a):
        self.a = a
        self.runs = 0
        self.out = os.path.join(
            os.environ.get("top_builddir",
                           os.path.join(HERE, "..", "..", "build")),
            "tests", "sysfuzz", "reduce")

    def args(self, keep, drop):
        cmd = ["-b", self.a.board, "-c", self.a.cpu, "-n", str(self.a.steps)]
        if keep is not None:
            cmd += ["-k", ",".join(str(s) for s in sorted(keep))]
        if drop:
            cmd += ["-d", ",".join(sorted(drop))]
        return cmd + [str(self.a.seed)]

    def run(self, keep, drop):
        """The failure fuzz.sh reports for this guest: 'differ', 'status'
        or None (a pass, or a native run that did not finish)."""
        self.runs += 1
        p = subprocess.run(["sh", os.path.join(HERE, "fuzz.sh"), "-o",
                            self.out] + self.args(keep, drop),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if p.returncode == 99:
            sys.exit("reduce.py: fuzz.sh failed:\n" + p.stdout)
        m = re.search(r"^FAIL: .*?: (transcripts differ|armpv-bm status)",
                      p.stdout, re.M)
        self.last = p.stdout
        return m.group(1) if m else None

    def guest_dir(self):
        return os.path.join(self.out, "%s-%s-%d" % (self.a.board, self.a.cpu,
                                                    self.a.seed))


def ddmin(items, fails):
    """The smallest subset of items (a list) that fails(subset) keeps
    failing for that ddmin finds."""
    n = 2
    while len(items) >= 2:
        chunk = max(1, len(items) // n)
        parts = [items[i:i + chunk] for i in range(0, len(items), chunk)]
        done = False
        for i, _ in enumerate(parts):
            rest = [x for j, p in enumerate(parts) if j != i for x in p]
            if fails(rest):
                items, n, done = rest, max(n - 1, 2), True
                break
        if not done:
            if n >= len(items):
                break
            n = min(len(items), 2 * n)
    return items


def first_diff_step(r):
    with open(os.path.join(r.guest_dir(), "diff")) as f:
        for line in f:
            m = re.match(r"^[-+](step|bank|cp15|exc|mem) (\d+) ", line)
            if m:
                return int(m.group(2))
    return None


def step_items(r, s):
    """Step s's items in the guest as built: STEP.ITEM, and the items
    of its user excursions and Thumb blocks, STEP.ITEM.SUB[.SUB]."""
    with open(os.path.join(r.guest_dir(), "guest.S")) as f:
        return re.findall(r"^@ (%d(?:\.\d+)+) " % s, f.read(), re.M)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("seed", type=int)
    ap.add_argument("-b", "--board", default="versatilepb")
    ap.add_argument("-c", "--cpu", default="arm926")
    ap.add_argument("-n", "--steps", type=int, default=24)
    a = ap.parse_args()
    r = Runner(a)
    kind = r.run(None, set())
    if kind is None:
        sys.exit("reduce.py: seed %d does not fail:\n%s" % (a.seed, r.last))
    steps = list(range(a.steps))
    if kind == "transcripts differ":
        # The digests are printed in order: what comes after the first
        # differing step cannot matter.  Their numbers are positions
        # among the kept steps, here all of them.
        k = first_diff_step(r)
        if k is not None and r.run(set(steps[:k + 1]), set()) == kind:
            steps = steps[:k + 1]
    steps = ddmin(steps, lambda ks: r.run(set(ks), set()) == kind)
    r.run(set(steps), set())
    items = [i for s in steps for i in step_items(r, s)]
    keep_items = ddmin(items, lambda ks: r.run(
        set(steps), set(items) - set(ks)) == kind)
    drop = set(items) - set(keep_items)
    if r.run(set(steps), drop) != kind:
        sys.exit("reduce.py: the reduced guest no longer fails")
    cmd = " ".join(r.args(set(steps), drop))
    print("reduced after %d runs: %s (%d steps, %d items)" % (
        r.runs, kind, len(steps), len(keep_items)))
    print("repro: tests/sysfuzz/fuzz.sh " + cmd)
    with open(os.path.join(r.guest_dir(), "guest.S")) as f:
        text = f.read()
    print(text[text.index("\t.text"):])


if __name__ == "__main__":
    main()
