/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * console.c -- the monitor's console: the board's console UART, a PL011
 * (PrimeCell UART TRM DDI 0183) on every board so far, polled, and a
 * small printf.  The UART is programmed by the boot loader (QEMU needs
 * nothing), as Linux's early console assumes.  Until the board is known
 * and its UART mapped (bm_console_start()), what the monitor says is
 * kept in a buffer: written out then, or by bm_halt() through
 * semihosting if the monitor stops first (bm_console_early()).
 *
 * The formatter knows %c %s %d %u %x with width and '0' padding and the
 * l/ll length modifiers.  Decimal conversion subtracts powers of ten: the
 * ARM926EJ-S has no divide instruction and we link no libgcc.
 */
#include "bm.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1u << 5) /* transmit FIFO full */

static volatile uint32_t *const uart =
	(volatile uint32_t *)BM_IO_SLOT_VA(BM_IO_CONSOLE);
static bool started;
static char early[1024]; /* NUL-terminated; what does not fit is lost */
static unsigned early_len;

static void uart_putc(char c)
{
	while (uart[UART_FR / 4] & UART_FR_TXFF)
		;
	uart[UART_DR / 4] = (uint8_t)c;
}

void bm_putc(char c)
{
	if (started)
		uart_putc(c);
	else if (early_len < sizeof(early) - 1)
		early[early_len++] = c;
}

void bm_console_start(void)
{
	started = true;
	for (unsigned i = 0; i < early_len; i++)
		uart_putc(early[i]);
	early_len = 0;
}

const char *bm_console_early(void)
{
	return started || !early_len ? NULL : early;
}

void bm_puts(const char *s)
{
	while (*s)
		bm_putc(*s++);
}

static void put_padded(const char *s, unsigned len, unsigned width, char pad)
{
	for (; width > len; width--)
		bm_putc(pad);
	while (len--)
		bm_putc(*s++);
}

static unsigned fmt_dec(char *buf, uint64_t v)
{
	static const uint64_t pow10[20] = {
		10000000000000000000ull, 1000000000000000000ull,
		100000000000000000ull, 10000000000000000ull,
		1000000000000000ull, 100000000000000ull, 10000000000000ull,
		1000000000000ull, 100000000000ull, 10000000000ull,
		1000000000ull, 100000000ull, 10000000ull, 1000000ull,
		100000ull, 10000ull, 1000ull, 100ull, 10ull, 1ull,
	};
	unsigned len = 0;

	for (unsigned i = 0; i < 20; i++) {
		char digit = '0';

		while (v >= pow10[i]) {
			v -= pow10[i];
			digit++;
		}
		if (digit != '0' || len || i == 19)
			buf[len++] = digit;
	}
	return len;
}

static unsigned fmt_hex(char *buf, uint64_t v)
{
	unsigned len = 0;
	int shift = 60;

	for (; shift > 0 && !(v >> shift); shift -= 4)
		;
	for (; shift >= 0; shift -= 4)
		buf[len++] = "0123456789abcdef"[(v >> shift) & 0xf];
	return len;
}

void bm_vprintf(const char *fmt, va_list ap)
{
	char buf[24];

	for (; *fmt; fmt++) {
		unsigned width = 0, lng = 0, len;
		char pad = ' ';
		uint64_t v;

		if (*fmt != '%') {
			bm_putc(*fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0', fmt++;
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (unsigned)(*fmt - '0');
		for (; *fmt == 'l'; fmt++)
			lng++;
		switch (*fmt) {
		case 'c':
			bm_putc((char)va_arg(ap, int));
			continue;
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			put_padded(s, (unsigned)bm_strnlen(s, 4096), width, ' ');
			continue;
		}
		case 'd': {
			int64_t d = lng >= 2 ? va_arg(ap, long long)
				  : lng ? va_arg(ap, long) : va_arg(ap, int);

			if (d < 0) {
				bm_putc('-');
				v = 0 - (uint64_t)d;
			} else {
				v = (uint64_t)d;
			}
			len = fmt_dec(buf, v);
			put_padded(buf, len, width, pad);
			continue;
		}
		case 'u':
		case 'x':
			v = lng >= 2 ? va_arg(ap, unsigned long long)
			  : lng ? va_arg(ap, unsigned long)
				: va_arg(ap, unsigned);
			len = *fmt == 'u' ? fmt_dec(buf, v) : fmt_hex(buf, v);
			put_padded(buf, len, width, pad);
			continue;
		case '%':
			bm_putc('%');
			continue;
		case '\0':
			return;
		default:
			bm_putc('%');
			bm_putc(*fmt);
		}
	}
}

void bm_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
}

/* A line from the monitor itself: prefixed, as armpv-run's reports. */
void bm_report(const char *fmt, ...)
{
	va_list ap;

	bm_puts("armpv-bm: ");
	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
	bm_putc('\n');
}
