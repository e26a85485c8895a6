/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench.c -- the benchmark guest (tests/baremetal/bench.sh): times each
 * loop of start.S with the Versatile SYS_24MHZ counter (DUI 0224 4.3)
 * and prints "bench NAME N TICKS" lines; bench.sh turns them into
 * instructions per operation.  Runs natively (unrewritten, SVC) and
 * rewritten under armpv-bm, where the counter is the device model's.
 */
#include <stdint.h>

#include "tests.h"

#define SYS_24MHZ ((volatile uint32_t *)0x1000005cu)
#define ITERATIONS 20000u

void loop_empty(uint32_t n);
void loop_irq(uint32_t n);
void loop_mrs(uint32_t n);
int bmain(void);

static void measure(const char *name, void (*loop)(uint32_t))
{
	uint32_t t0, t1;

	loop(16); /* warm: translation blocks, shadow pages */
	t0 = *SYS_24MHZ;
	loop(ITERATIONS);
	t1 = *SYS_24MHZ;
	put_str("bench ");
	put_str(name);
	put_str(" ");
	put_dec(ITERATIONS);
	put_str(" ");
	put_dec(t1 - t0);
	put_str("\n");
}

int bmain(void)
{
	measure("empty", loop_empty);
	measure("irq-save-restore", loop_irq);
	measure("mrs", loop_mrs);
	return 0;
}
