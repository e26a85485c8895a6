/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysctl.h -- the Versatile system registers (status and system control,
 * 0x10000000 on versatilepb), the subset a guest needs: identification,
 * the lock, reset control, the 100 Hz and 24 MHz counters, LEDs,
 * oscillators and flags.  Register map: Versatile Platform Baseboard for
 * ARM926EJ-S User Guide (ARM DUI 0224), section 4.3 "Status and system
 * control registers".
 *
 * Time: the backend calls sysctl_advance() with elapsed 1 MHz ticks (the
 * same tick source as the SP804s); SYS_24MHZ counts 24 per tick and
 * SYS_100HZ one per 10,000 ticks, both from reset.
 *
 * MMIO (sysctl_mmio): word accesses only (armpv's choice); byte or
 * halfword accesses abort.  Registers of the board's map that are not
 * modelled (SYS_CLCD, SYS_MCI, SYS_PCICTL, ...) and the reserved rest of
 * the 4 KB page read as zero and ignore writes; 'unmodelled_accesses'
 * counts them, so that a backend can report what a guest missed.
 */
#ifndef ARMPV_SYSCTL_H
#define ARMPV_SYSCTL_H

#include <stdbool.h>
#include <stdint.h>

/* Offsets (DUI 0224 table 4-5). */
#define SYS_ID 0x00
#define SYS_SW 0x04
#define SYS_LED 0x08
#define SYS_OSC0 0x0c /* SYS_OSC0-4: 0x0c-0x1c */
#define SYS_OSC4 0x1c
#define SYS_LOCK 0x20
#define SYS_100HZ 0x24
#define SYS_CFGDATA1 0x28
#define SYS_CFGDATA2 0x2c
#define SYS_FLAGS 0x30 /* read; write: SYS_FLAGSSET */
#define SYS_FLAGSCLR 0x34
#define SYS_NVFLAGS 0x38 /* read; write: SYS_NVFLAGSSET */
#define SYS_NVFLAGSCLR 0x3c
#define SYS_RESETCTL 0x40
#define SYS_24MHZ 0x5c

/* SYS_LOCK (DUI 0224 4.3.7): writing 0xA05F unlocks the locked
 * registers, any other value locks them; bit 16 reads 1 when locked. */
#define SYS_LOCK_VALUE 0xa05fu
#define SYS_LOCK_LOCKED (1u << 16)

/* SYS_RESETCTL: bits 2:0 the reset level, bit 8 starts the reset (what
 * QEMU's versatilepb acts on, and what Linux 6.1's
 * drivers/power/reset/arm-versatile-reboot.c sets: lock open, then bits
 * 0x107 updated to 0x105, then the lock closed). */
#define SYS_RESETCTL_LEVEL_MASK 0x7u
#define SYS_RESETCTL_RESET (1u << 8)
#define SYS_RESETCTL_MASK 0x1ffu

/* QEMU 7.2 versatilepb's SYS_ID: manufacturer 0x41 (ARM), the PB926
 * board. */
#define SYS_ID_VERSATILEPB 0x41007004u

struct sysctl {
	/* Output: the guest asked for a reset of the given level; the
	 * backend stops or restarts the machine. */
	void (*reset)(void *opaque, uint32_t resetctl);
	void *opaque;

	uint32_t id;
	uint32_t led;
	uint32_t osc[5];
	uint32_t lockval; /* bits 15:0 as written */
	uint32_t cfgdata1, cfgdata2, flags, nvflags;
	uint32_t resetctl;
	uint32_t count_100hz, count_24mhz;
	uint32_t rem_100hz; /* ticks towards the next 100 Hz count */
	bool reset_requested;
	uint32_t unmodelled_accesses;
};

void sysctl_init(struct sysctl *s, void (*reset)(void *, uint32_t),
		 void *opaque);
void sysctl_reset(struct sysctl *s); /* power-on values (NVFLAGS kept) */

bool sysctl_mmio(struct sysctl *s, uint32_t offset, unsigned size,
		 bool is_write, uint32_t *data);

/* Advance the counters by 'ticks' of the 1 MHz reference. */
void sysctl_advance(struct sysctl *s, uint32_t ticks);

#endif /* ARMPV_SYSCTL_H */
