/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * string.c -- the C library functions a freestanding program still needs:
 * GCC may emit calls to memcpy/memmove/memset (and the core calls them),
 * and the loader compares strings.  Built with
 * -fno-tree-loop-distribute-patterns, so these loops are not turned back
 * into calls to themselves.
 */
#include "bm.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	/* Word copies when both are aligned: the loader moves megabytes. */
	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	uint32_t w = (uint8_t)c * 0x01010101u;

	while (n && ((uintptr_t)d & 3)) {
		*d++ = (uint8_t)c;
		n--;
	}
	for (; n >= 4; n -= 4, d += 4)
		*(uint32_t *)(void *)d = w;
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t bm_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int bm_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

const char *bm_strstr(const char *hay, const char *needle)
{
	size_t n = bm_strnlen(needle, (size_t)-1);

	for (; *hay; hay++)
		if (!memcmp(hay, needle, n))
			return hay;
	return NULL;
}
