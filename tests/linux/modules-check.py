#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""modules-check.py REWRITE ARCH PLAIN-TREE AS-TREE WORKDIR

The loadable modules of a kernel build, as kernel.sh checks vmlinux:
every .ko of PLAIN-TREE (the ordinary build) is copied into WORKDIR and
rewritten there by REWRITE (armpv-rewrite, the post-link pass); AS-TREE
is the same build with armpv-as.  For every module:
  - both rewritten .ko files pass --check (nothing sensitive left);
  - the sites of both, per module, are the classifier's sites in the
    plain .ko (section, offset, instruction, trap word), and the
    per-class counts agree;
  - the post-link .ko is the plain one but for the trap words and the
    record the rewriter appends (tests/rewriter/kocmp.py diff);
  - the executable sections of the post-link and the armpv-as .ko are
    identical (kocmp.py code).
With ARMPV_MODULES_ONLY="A.ko B.ko ..." (paths in the trees) only those
modules are checked, each of which must be in both trees; AS-TREE "-"
(no armpv-as build) skips the checks that need it (check NAME skipped).
Prints one "name value" line per figure (modules, with-sites, sites,
counts) and one per check, "check NAME ok" or "check NAME FAILED: the
modules", for kernel.sh to read.  Exit status 0 when every check passed.
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "rewriter"))
import kocmp  # noqa: E402


def kos(tree):
    out = []
    for d, _, files in os.walk(tree):
        out += [os.path.relpath(os.path.join(d, f), tree)
                for f in files if f.endswith(".ko")]
    return sorted(out)


def main(argv):
    if len(argv) != 6:
        sys.stderr.write(__doc__)
        return 2
    rw, arch, plain, asm, work = argv[1:]

    def run(*args):
        return subprocess.run([rw, "--arch", arch] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def sites(path, trapped):
        r = run("--json", "-n", path)
        if r.returncode != 0:
            return None, None
        d = json.loads(r.stdout)
        return d, {(s["section"], s["offset"], s["insn"], s["trap"])
                   for s in d["sites"]
                   if s["already_trap"] == trapped and not s["user_code"]}

    only = os.environ.get("ARMPV_MODULES_ONLY", "").split()
    mods = sorted(only) if only else kos(plain)
    failed = {k: [] for k in ("same-set", "rewrite", "check-post", "check-as",
                              "sites-post", "sites-as", "counts", "bytes",
                              "code")}
    need_as = ("same-set", "check-as", "sites-as", "code")
    if asm == "-":
        asm = None
    if only:
        for t in [plain] + ([asm] if asm else []):
            missing = [m for m in mods
                       if not os.path.exists(os.path.join(t, m))]
            if missing:
                failed["same-set"].append("not in %s: %s" %
                                          (t, " ".join(missing)))
    elif asm and mods != kos(asm):
        failed["same-set"].append("%d plain, %d armpv-as" %
                                  (len(mods), len(kos(asm))))
    total, with_sites, counts = 0, 0, {}
    for m in mods:
        name = os.path.basename(m)
        if not os.path.exists(os.path.join(plain, m)):
            continue
        post = os.path.join(work, m)
        os.makedirs(os.path.dirname(post), exist_ok=True)
        shutil.copyfile(os.path.join(plain, m), post)
        if run("-q", post).returncode != 0:
            failed["rewrite"].append(name)
            continue
        if run("--check", "-q", post).returncode != 0:
            failed["check-post"].append(name)
        a = os.path.join(asm, m) if asm else post
        if not os.path.exists(a):
            continue
        if asm and run("--check", "-q", a).returncode != 0:
            failed["check-as"].append(name)
        pd, p = sites(os.path.join(plain, m), False)
        qd, q = sites(post, True)
        ad, s = sites(a, True)
        if pd is None or qd is None or ad is None:
            failed["sites-post"].append(name + " (no listing)")
            continue
        if p != q or sites(post, False)[1]:
            failed["sites-post"].append(name)
        if p != s or sites(a, False)[1]:
            failed["sites-as"].append(name)
        if not pd["counts"] == qd["counts"] == ad["counts"]:
            failed["counts"].append(name)
        total += len(p)
        with_sites += bool(p)
        for k, v in pd["counts"].items():
            counts[k] = counts.get(k, 0) + v
        d = kocmp.diff(os.path.join(plain, m), post, pd)
        if d[-1] != "bad none" or d[1].split()[1:] not in ([], [".comment"]):
            failed["bytes"].append("%s (%s; %s)" % (name, d[1], d[-1]))
        c = kocmp.code(post, a)
        if c[-1] != "bad none":
            failed["code"].append("%s (%s)" % (name, c[-1]))
    print("modules", len(mods))
    print("with-sites", with_sites)
    print("sites", total)
    print("counts", json.dumps({k: v for k, v in counts.items() if v},
                               sort_keys=True))
    for k, v in failed.items():
        if asm is None and k in need_as:
            print("check %s skipped" % k)
            continue
        print("check %s %s" % (k, "ok" if not v else
                               "FAILED: " + " ".join(v[:20]) +
                               (" ..." if len(v) > 20 else "")))
    return 0 if not any(failed.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
