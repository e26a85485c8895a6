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

/* n / d and n % d for d != 0: restoring binary long division, 32 steps. */
static inline uint32_t dev_udivmod32(uint32_t n, uint32_t d, uint32_t *rem)
{
	uint32_t q = 0, r = 0;

	for (int i = 31; i >= 0; i--) {
		/* r < d here, so r << 1 | bit fits unless d > 2^31, where
		 * the carry out of r means r >= d anyway. */
		uint32_t carry = r >> 31;

		r = (r << 1) | ((n >> i) & 1u);
		if (carry || r >= d) {
			r -= d;
			q |= 1u << i;
		}
	}
	if (rem)
		*rem = r;
	return q;
}

#endif /* ARMPV_DEVMATH_H */
