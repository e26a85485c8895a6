/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * devmath.h -- arithmetic the device models need without libgcc: the
 * bare-metal monitor links no helper library, and ARMv5/ARMv6 have no
 * divide instruction, so a '/' or '%' on a variable would call
 * __aeabi_uidiv.  Only this file divides, by shifting and subtracting.
 */
#ifndef ARMPV_DEVMATH_H
#define ARMPV_DEVMATH_H

#include <stdint.h>

/* n / d and n % d for d != 0: restoring binary long division, one step
 * per quotient bit that can be set -- none when n < d, the common case
 * of a few ticks divided by a period.  CLZ (ARMv5 and later, and every
 * host) aligns d's top bit with n's, so d << i never overflows. */
static inline uint32_t dev_udivmod32(uint32_t n, uint32_t d, uint32_t *rem)
{
	uint32_t q = 0;

	if (n >= d) {
		int shift = __builtin_clz(d) - __builtin_clz(n);

		for (int i = shift; i >= 0; i--) {
			if (n >= d << i) {
				n -= d << i;
				q |= 1u << i;
			}
		}
	}
	if (rem)
		*rem = n;
	return q;
}

#endif /* ARMPV_DEVMATH_H */
