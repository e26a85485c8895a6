#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's examples must work as shown.  A fenced block preceded by
#   <!-- tested: tests/docs/readme-examples.sh -->
# is a transcript: each "$ COMMAND" line is run with sh in a scratch
# directory where build/ is the build tree and examples/ the source's
# (arm-linux-gnueabi-gcc is $ARM_CC), it must exit 0, and its standard
# output then standard error must be the lines after it up to the next
# "$ " line; a line "..." stands for any number of lines (trailing spaces
# ignored).  Every block of the section "Using the tables" must be so
# marked, so that no untested example sits there.
set -u

: "${top_srcdir:?}" "${top_builddir:?}"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/work" "$tmp/bin"
ln -s "$(cd "$top_builddir" && pwd)" "$tmp/work/build"
ln -s "$(cd "$top_srcdir" && pwd)/examples" "$tmp/work/examples"
if [ -n "${ARM_CC:-}" ]; then
	printf '#!/bin/sh\nexec "%s" "$@"\n' "$ARM_CC" >"$tmp/bin/arm-linux-gnueabi-gcc"
	chmod +x "$tmp/bin/arm-linux-gnueabi-gcc"
fi

PATH=$tmp/bin:$PATH python3 - "$top_srcdir/README.md" "$tmp/work" <<'PYEOF'
import re
import subprocess
import sys

readme, work = sys.argv[1], sys.argv[2]
MARK = "<!-- tested: tests/docs/readme-examples.sh -->"
lines = open(readme, encoding="utf-8").read().split("\n")

# Blocks: (first line number, marked, section, body lines).
blocks = []
section = None
i = 0
while i < len(lines):
    line = lines[i]
    if line.startswith("## "):
        section = line[3:].strip()
    if line.startswith("```"):
        start = i
        j = i - 1
        while j >= 0 and lines[j].strip() == "":
            j -= 1
        marked = j >= 0 and lines[j].strip() == MARK
        body = []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        blocks.append((start + 1, marked, section, body))
    i += 1

failures = 0
checks = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def matches(want, got):
    """want may hold "..." lines, each any number of lines of got."""
    memo = {}

    def m(a, b):
        if (a, b) in memo:
            return memo[(a, b)]
        if a == len(want):
            r = b == len(got)
        elif want[a] == "...":
            r = m(a + 1, b) or (b < len(got) and m(a, b + 1))
        else:
            r = b < len(got) and want[a] == got[b] and m(a + 1, b + 1)
        memo[(a, b)] = r
        return r

    return m(0, 0)


for start, marked, sec, body in blocks:
    if sec == "Using the tables":
        checks += 1
        if not marked:
            fail("README.md:%d: a block of \"Using the tables\" is not marked tested" % start)

tested = [b for b in blocks if b[1]]
checks += 1
if len(tested) < 2:
    fail("README.md: %d tested blocks, expected at least 2" % len(tested))

ncommands = 0
for start, marked, sec, body in tested:
    # Commands and the output each must give.
    steps = []
    for k, line in enumerate(body):
        if line.startswith("$ "):
            steps.append((start + 1 + k, line[2:], []))
        elif steps:
            steps[-1][2].append(line.rstrip())
        else:
            fail("README.md:%d: output before any command" % (start + 1 + k))
    checks += 1
    if not steps:
        fail("README.md:%d: a tested block without a \"$ \" line" % start)
    for lineno, cmd, want in steps:
        ncommands += 1
        p = subprocess.run(["sh", "-c", cmd], cwd=work, capture_output=True,
                           text=True, timeout=120)
        got = [l.rstrip() for l in (p.stdout + p.stderr).split("\n")]
        if got and got[-1] == "":
            got.pop()
        checks += 1
        if p.returncode != 0:
            fail("README.md:%d: `%s` exits %d" % (lineno, cmd, p.returncode))
        checks += 1
        if not matches(want, got):
            fail("README.md:%d: `%s` gives other output than the README shows:" % (lineno, cmd))
            print("  README:")
            for l in want:
                print("    " + l)
            print("  got:")
            for l in got:
                print("    " + l)

print("%d blocks, %d commands, %d checks, %d failures"
      % (len(tested), ncommands, checks, failures))
sys.exit(1 if failures else 0)
PYEOF
