#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""kocmp.py -- compare a plain ARM ELF file with its rewritten copy, by an
ELF reader of its own (not binutils, which the rewriter shares nothing
with but could share a misreading).

  kocmp.py diff PLAIN REWRITTEN SITES.json
      Every section header and every byte of every section of REWRITTEN
      as in PLAIN, but for the trap words at the sites of SITES.json
      (armpv-rewrite --json -n of PLAIN); sections REWRITTEN has beyond
      PLAIN's are named.  Prints "sections N M", "new NAMES", "bad WHERE"
      ("bad none" when nothing else differs).

  kocmp.py code A B
      The executable sections (SHF_EXECINSTR) of A and B, by name: the
      same names, the same bytes.  Prints "code N" (how many) and "bad
      NAMES" ("bad none").

Used by tests/rewriter/module.sh and, over every module of a kernel
build, by tests/linux/modules-check.py.
"""
import json
import struct
import sys

SHT_NOBITS = 8
SHF_EXECINSTR = 4


def sections(path):
    """(data, [(name, header tuple)]) of the 32-bit LE ELF file PATH."""
    d = open(path, "rb").read()
    shoff, = struct.unpack_from("<I", d, 32)
    shnum, shstrndx = struct.unpack_from("<HH", d, 48)
    hdrs = [struct.unpack_from("<10I", d, shoff + 40 * i) for i in range(shnum)]
    names = hdrs[shstrndx]

    def name(h):
        o = names[4] + h[0]
        return d[o:d.index(b"\0", o)].decode()
    return d, [(name(h), h) for h in hdrs]


def diff(plain, rewritten, sites):
    """Lines saying how REWRITTEN differs from PLAIN beyond the traps."""
    a, sa = sections(plain)
    b, sb = sections(rewritten)
    traps = {(s["section"], s["offset"]): int(s["trap"], 16)
             for s in sites["sites"]}
    bad = []
    for i, ((na, ha), (nb, hb)) in enumerate(zip(sa, sb)):
        if na != nb or ha[1:] != hb[1:]:
            bad.append("header %d %s" % (i, na))
            continue
        if ha[1] == SHT_NOBITS or ha[5] == 0:
            continue
        x, y = a[ha[4]:ha[4] + ha[5]], b[hb[4]:hb[4] + hb[5]]
        for off in range(0, len(x), 4):
            if x[off:off + 4] != y[off:off + 4]:
                t = traps.get((na, off))
                if t is None or y[off:off + 4] != struct.pack("<I", t):
                    bad.append("%s+0x%x" % (na, off))
    if len(sb) < len(sa):
        bad.append("sections missing")
    return ["sections %d %d" % (len(sa), len(sb)),
            "new " + " ".join(n for n, h in sb[len(sa):]),
            "bad " + (" ".join(bad) or "none")]


def code(path_a, path_b):
    """Lines saying whether the executable sections of A and B agree."""
    def exe(path):
        d, ss = sections(path)
        return {n: d[h[4]:h[4] + h[5]] for n, h in ss
                if h[2] & SHF_EXECINSTR and h[1] != SHT_NOBITS}
    ca, cb = exe(path_a), exe(path_b)
    bad = sorted(n for n in set(ca) | set(cb) if ca.get(n) != cb.get(n))
    return ["code %d" % len(ca), "bad " + (" ".join(bad) or "none")]


def main(argv):
    if len(argv) == 5 and argv[1] == "diff":
        lines = diff(argv[2], argv[3], json.load(open(argv[4])))
    elif len(argv) == 4 and argv[1] == "code":
        lines = code(argv[2], argv[3])
    else:
        sys.stderr.write("usage: kocmp.py diff PLAIN REWRITTEN SITES.json"
                         " | code A B\n")
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
