#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The manual pages (docs/man/) must not drift from the programs they
# describe:
#   - every page renders with groff -man -ww without a warning, has the
#     conventional sections and no unsubstituted @dir@;
#   - the options a program's --help prints are exactly the options its
#     page's OPTIONS section lists (armpv-run's --help run under qemu-arm);
#     armpv-tables' commands too;
#   - the statuses of EXIT STATUS are exactly the program's exit-status
#     enum (plus "0 to 63", the guest's own, for the monitors);
#   - armpv-as(1)'s ENVIRONMENT names exactly the variables the script
#     reads, armpv-plugin(7)'s OPTIONS exactly the plugin's keys, and
#     armpv-bm(8) documents the command-line words the monitor looks for
#     and every statistics line it prints.
# Pages are read as groff renders them (plain ASCII), so what is checked
# is what a reader sees.
set -u

: "${top_srcdir:?}" "${top_builddir:?}"
man=$top_builddir/docs/man
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
check() { checks=$((checks + 1)); }

command -v groff >/dev/null 2>&1 || {
	echo "groff not found (Debian package groff-base; ./armpv-dev setup installs it)"
	exit 99
}

# render PAGE: the page as plain text, no overstriking.
render() {
	groff -man -Tascii -P-c -rLL=200n "$1" 2>/dev/null | sed 's/.\x08//g'
}

# section TEXT NAME: the lines of section NAME of a rendered page.
section() {
	awk -v name="$2" '
		/^[A-Z][A-Z ]*$/ { on = ($0 == name); next }
		on { print }' "$1"
}

# Tags of a .TP list in a rendered section: the lines indented exactly 7
# (the section's own indent), cut at the first run of two spaces (where
# the description begins when the tag is short).
tags() {
	sed -n 's/^       \([^ ].*\)$/\1/p' | sed 's/  .*//'
}

# Option names in text: --long and -s, each once, sorted.
option_names() {
	grep -o -E '(^|[][ ,|])(--[a-z0-9][a-z0-9-]*|-[A-Za-z])' |
		sed 's/^[][ ,|]//' | sort -u
}

# same WHAT EXPECTED ACTUAL: two sorted lists must be equal.
same() {
	check
	if ! cmp -s "$2" "$3"; then
		fail "$1: differ (< source/--help, > manual page):"
		diff "$2" "$3" | sed -n 's/^[<>] .*/    &/p'
	fi
}

# enum_values FILE PREFIX: the values of PREFIX_* = N in FILE, sorted.
enum_values() {
	sed -n "s/.*\\b$2[A-Z_]* = \\([0-9][0-9]*\\).*/\\1/p" "$1" | sort -un
}

# exit_tags PAGE.txt: the numeric tags of its EXIT STATUS, sorted.
exit_tags() {
	section "$1" "EXIT STATUS" | tags | grep -E '^[0-9]+$' | sort -un
}

pages="armpv-tables.1 armpv-rewrite.1 armpv-bundle.1 armpv-as.1
	armpv-run.1 armpv-plugin.7 armpv-bm.8"

# --- Every page: renders cleanly, conventional sections ---------------------

for p in $pages; do
	f=$man/$p
	check
	[ -f "$f" ] || { fail "$p: not built ($f)"; continue; }
	check
	groff -man -Tutf8 -ww -z "$f" 2>"$tmp/warn"
	[ ! -s "$tmp/warn" ] || { fail "$p: groff -ww says:"; sed 's/^/    /' "$tmp/warn"; }
	if command -v mandoc >/dev/null 2>&1; then
		check
		mandoc -T lint -W warning "$f" >"$tmp/lint" 2>&1 ||
			{ fail "$p: mandoc -T lint says:"; sed 's/^/    /' "$tmp/lint"; }
	fi
	check
	! grep -n '@[a-zA-Z_]*@' "$f" >"$tmp/subst" ||
		{ fail "$p: unsubstituted:"; sed 's/^/    /' "$tmp/subst"; }
	render "$f" >"$tmp/$p.txt"
	name=${p%.*}
	sec=${p##*.}
	check
	head -n 1 "$tmp/$p.txt" | grep -q "^$(echo "$name" | tr a-z- A-Z-)($sec)" ||
		fail "$p: header is not $name($sec): $(head -n 1 "$tmp/$p.txt")"
	check
	section "$tmp/$p.txt" NAME | grep -q -E "^ *$name(, [a-z_-]+)* - " ||
		fail "$p: NAME does not start \"$name - \""
	want="NAME SYNOPSIS DESCRIPTION EXAMPLES SEE_ALSO"
	case $sec in 1 | 8) want="$want EXIT_STATUS" ;; esac
	for s in $want; do
		check
		grep -q "^$(echo "$s" | tr _ ' ')\$" "$tmp/$p.txt" ||
			fail "$p: no $(echo "$s" | tr _ ' ') section"
	done
	if command -v lexgrog >/dev/null 2>&1; then
		check
		lexgrog "$f" >/dev/null 2>&1 || fail "$p: lexgrog cannot read its NAME (whatis)"
	fi
done

# --- Options: --help against OPTIONS ------------------------------------------

# help_options: the option names on the --help lines that begin with an
# option (its "Options:" list), up to the description.
help_options() {
	grep -E '^ +-' | sed -E 's/^ +//; s/(  |\t).*//' | option_names
}

man_options() {
	section "$tmp/$1.txt" OPTIONS | tags | grep '^-' | option_names
}

compare_options() { # PAGE HELPFILE
	help_options <"$2" >"$tmp/help.opts"
	man_options "$1" >"$tmp/man.opts"
	check
	[ -s "$tmp/help.opts" ] || fail "$1: no options found in --help"
	same "$1: options of --help and of OPTIONS" "$tmp/help.opts" "$tmp/man.opts"
}

"$top_builddir/tables/armpv-tables" --help >"$tmp/h" 2>&1 ||
	fail "armpv-tables --help failed"
compare_options armpv-tables.1 "$tmp/h"
# Its commands: the --help "Commands:" list and the page's Commands list.
sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$tmp/h" | sort >"$tmp/help.cmds"
awk '/^   Commands$/ { on = 1; next } /^[A-Z]/ { on = 0 } on' \
	"$tmp/armpv-tables.1.txt" | tags | sed 's/ .*//' | grep '^[a-z]' |
	sort >"$tmp/man.cmds"
same "armpv-tables.1: commands of --help and of Commands" "$tmp/help.cmds" "$tmp/man.cmds"

"$top_builddir/rewriter/armpv-rewrite" --help >"$tmp/h" 2>&1 ||
	fail "armpv-rewrite --help failed"
compare_options armpv-rewrite.1 "$tmp/h"

"$top_builddir/monitor/bundle/armpv-bundle" --help >"$tmp/h" 2>&1 ||
	fail "armpv-bundle --help failed"
compare_options armpv-bundle.1 "$tmp/h"

# armpv-run is an ARM program.
if [ -n "${QEMU_ARM:-}" ] && [ -x "$QEMU_ARM" ]; then
	"$QEMU_ARM" -cpu arm926 "$top_builddir/monitor/armpv-run" --help >"$tmp/h" 2>&1 ||
		fail "armpv-run --help (under $QEMU_ARM) failed"
	compare_options armpv-run.1 "$tmp/h"
else
	fail "no qemu-arm (QEMU_ARM='${QEMU_ARM:-}'): cannot run armpv-run --help"
fi

# --- Exit statuses: the enums against EXIT STATUS -----------------------------

compare_exits() { # PAGE FILE PREFIX [guest]
	enum_values "$top_srcdir/$2" "$3" >"$tmp/src.exit"
	exit_tags "$tmp/$1.txt" >"$tmp/man.exit"
	check
	[ -s "$tmp/src.exit" ] || fail "$1: no $3* values in $2"
	same "$1: statuses of $2 ($3*) and of EXIT STATUS" "$tmp/src.exit" "$tmp/man.exit"
	if [ "${4:-}" = guest ]; then
		check
		section "$tmp/$1.txt" "EXIT STATUS" | tags | grep -qx '0 to 63' ||
			fail "$1: EXIT STATUS has no \"0 to 63\" (the guest's own status)"
	fi
}
compare_exits armpv-tables.1 tables/armpv-tables.c EXIT_
compare_exits armpv-rewrite.1 rewriter/elf-model.h RW_
compare_exits armpv-bundle.1 monitor/bundle/bundle-tool.h BN_
compare_exits armpv-run.1 monitor/process/armpv-run.c RUN_EXIT_ guest
compare_exits armpv-bm.8 monitor/baremetal/bm.h BM_EXIT_ guest

# --- armpv-as: its environment ---------------------------------------------------

grep -o 'ARMPV_[A-Z_]*' "$top_srcdir/guest-patches/linux/armpv-as" | sort -u >"$tmp/src.env"
section "$tmp/armpv-as.1.txt" ENVIRONMENT | tags | grep '^ARMPV_' | sort -u >"$tmp/man.env"
check
[ -s "$tmp/src.env" ] || fail "armpv-as: no ARMPV_* variable found in the script"
same "armpv-as.1: variables of the script and of ENVIRONMENT" "$tmp/src.env" "$tmp/man.env"

# --- armpv-plugin: the keys -fplugin-arg-armpv_irqflags-KEY -------------------------

grep -o 'strcmp(a\.key, "[a-z_]*")' "$top_srcdir/rewriter/plugin/armpv_irqflags.cc" |
	sed 's/.*"\([a-z_]*\)".*/\1/' | sort -u >"$tmp/src.keys"
section "$tmp/armpv-plugin.7.txt" OPTIONS | tags | sed 's/=.*//' |
	grep -E '^[a-z_]+$' | sort -u >"$tmp/man.keys"
check
[ -s "$tmp/src.keys" ] || fail "armpv-plugin: no plugin keys found in armpv_irqflags.cc"
same "armpv-plugin.7: keys of the plugin and of OPTIONS" "$tmp/src.keys" "$tmp/man.keys"

# --- armpv-bm: command-line words, statistics lines --------------------------------

# boot.c reads the monitor's command line (ATAG_CMDLINE, bootargs).
grep -o '"armpv\.[a-z_.=]*"' "$top_srcdir/monitor/baremetal/boot.c" | tr -d '"' |
	sort -u >"$tmp/src.words"
section "$tmp/armpv-bm.8.txt" OPTIONS | tags | grep '^armpv\.' | sort -u >"$tmp/man.words"
check
[ -s "$tmp/src.words" ] || fail "armpv-bm: no armpv.* words found in monitor/baremetal/boot.c"
same "armpv-bm.8: command-line words of the monitor and of OPTIONS" "$tmp/src.words" "$tmp/man.words"

# Each "armpv-bm: ..." line print_stats() and print_profile() write, its
# string literals joined, numbers as N and an optional %s left out, must
# be on the page as written (the lines built in a loop: up to their
# colon).
sed -n '/^static void print_stats(void)/,/^}/p; /^static void print_profile(void)/,/^}/p' \
	"$top_srcdir/monitor/baremetal/run.c" | tr '\n\t' '  ' |
	sed -E 's/"[[:space:]]*"//g' >"$tmp/stats.c"
check
grep -q 'the busiest' "$tmp/stats.c" || fail "armpv-bm: print_profile() not found in run.c"
grep -o -E '"(armpv-bm: )?[^"]*' "$tmp/stats.c" | sed 's/^"//' |
	grep -E '^armpv-bm: |^%llu traps:' | sed -E 's/^armpv-bm: //; s/\\n$//;
		s/%s//g; s/%[0-9]*(llu|u|x)/N/g' |
	grep -v -E '^ *(pc .*)?$' | sort -u >"$tmp/stats.lines"
check
[ "$(wc -l <"$tmp/stats.lines")" -ge 6 ] ||
	fail "armpv-bm: found only $(wc -l <"$tmp/stats.lines") statistics lines in run.c"
section "$tmp/armpv-bm.8.txt" "CONSOLE OUTPUT" | tr -s ' \n' '  ' >"$tmp/console"
while IFS= read -r line; do
	check
	grep -qF "armpv-bm: $line" "$tmp/console" ||
		fail "armpv-bm.8: CONSOLE OUTPUT does not show the line \"armpv-bm: $line ...\""
done <"$tmp/stats.lines"
# And the other way: each statistics line the page shows is one of them
# (compared up to its first colon).
sed 's/:.*//' "$tmp/stats.lines" | sort -u >"$tmp/stats.heads"
section "$tmp/armpv-bm.8.txt" "CONSOLE OUTPUT" | tags | sed -n 's/^armpv-bm: \([^:]*\):.*/\1/p' |
	sort -u >"$tmp/man.heads"
same "armpv-bm.8: statistics lines of run.c and of CONSOLE OUTPUT" "$tmp/stats.heads" "$tmp/man.heads"

echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
