// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check.c -- the transcript: "ok N - what" / "not ok N - what (got 0x...,
 * want 0x...)", a last line "N passed, N failed".  No libc: our own hex
 * and decimal formatting on plat_putc().
 */
#include "plat.h"
#include "tests.h"

static unsigned check_passed, check_failed;
static char check_context[96];
static size_t check_context_len;

void put_str(const char *s)
{
	while (*s)
		plat_putc(*s++);
}

void put_hex(uint32_t v)
{
	int shift;

	put_str("0x");
	for (shift = 28; shift >= 0; shift -= 4)
		plat_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

/* Decimal without division: subtract powers of ten. */
void put_dec(uint32_t v)
{
	static const uint32_t pow10[] = { 1000000000, 100000000, 10000000,
					  1000000,    100000,	 10000,
					  1000,	      100,	 10,
					  1 };
	unsigned i, digit;
	int started = 0;

	for (i = 0; i < sizeof(pow10) / sizeof(pow10[0]); i++) {
		for (digit = 0; v >= pow10[i]; digit++)
			v -= pow10[i];
		if (digit || started || i == 9) {
			plat_putc('0' + digit);
			started = 1;
		}
	}
}

void check_ctx(const char *ctx)
{
	check_context_len = 0;
	check_context[0] = '\0';
	check_ctx_append(ctx);
}

size_t check_ctx_len(void)
{
	return check_context_len;
}

void check_ctx_truncate(size_t len)
{
	if (len < check_context_len) {
		check_context_len = len;
		check_context[len] = '\0';
	}
}

void check_ctx_append(const char *s)
{
	while (*s && check_context_len < sizeof(check_context) - 1)
		check_context[check_context_len++] = *s++;
	check_context[check_context_len] = '\0';
}

void check_ctx_append_dec(uint32_t v)
{
	char buf[11];
	int i = 10;

	buf[i] = '\0';
	do {
		uint32_t q = 0, r = v;

		while (r >= 10) { /* v / 10 without libgcc */
			r -= 10;
			q++;
		}
		buf[--i] = '0' + r;
		v = q;
	} while (v);
	check_ctx_append(&buf[i]);
}

void check_eq(const char *what, uint32_t got, uint32_t want)
{
	int ok = got == want;

	if (ok) {
		check_passed++;
		put_str("ok ");
	} else {
		check_failed++;
		put_str("not ok ");
	}
	put_dec(check_passed + check_failed);
	put_str(" - ");
	put_str(check_context);
	put_str(what);
	if (!ok) {
		put_str(" (got ");
		put_hex(got);
		put_str(", want ");
		put_hex(want);
		put_str(")");
	}
	plat_putc('\n');
}

int check_summary(void)
{
	put_dec(check_passed);
	put_str(" passed, ");
	put_dec(check_failed);
	put_str(" failed\n");
	return check_failed ? 1 : 0;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}
