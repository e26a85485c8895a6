// SPDX-License-Identifier: GPL-2.0-or-later
/* A program of another package using the installed tables library
 * (tests/install/install.sh builds it with pkg-config's flags): classify
 * MRS r0, CPSR, encode its trap word, decode it back. */
#include <armpv/armpv_tables.h>
#include <stdio.h>

int main(void)
{
	const uint32_t word = 0xe10f0000u; /* mrs r0, cpsr */
	const struct armpv_form *f = armpv_classify(word, ARMPV_ARCH_ARMV5TE);
	uint32_t trap, back = 0;

	if (!f)
		return 1;
	trap = armpv_encode(f, word);
	if (armpv_decode(trap, &back) != f || back != word)
		return 2;
	printf("%08x %s -> %08x\n", (unsigned)word, f->name, (unsigned)trap);
	return 0;
}
