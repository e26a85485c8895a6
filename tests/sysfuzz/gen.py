#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""gen.py -- the whole-system fuzzer's guest generator (docs/fuzzing.md).

    gen.py [--board versatilepb|raspi0] [--cpu arm926|arm1176] [--steps N]
           [--no-raspi0-irq] [--keep-steps LIST]
           [--drop-items LIST] [--keep-items LIST] [-o OUT.S] SEED

writes the assembly half of a random guest for tests/sysfuzz/start.S and runtime.c:
its translation tables (sections, coarse and fine tables, large, small and
tiny pages, random AP and domains), its first DACR and SCTLR bits, its
first registers, and N steps of random kernel code from a weighted menu
(data processing, multiplies, every load and store form with random
addresses in the scratch MiBs, aligned or not, LDM/STM, the sensitive
instructions: MRS, MSR of CPSR and SPSR with every field mask, mode
changes, CPS, STM^/LDM^, LDRT and company, the exception returns MOVS
pc, SUBS pc, LDM^ with pc and RFE, to ARM or Thumb state; SRS; CP15
reads and writes: DACR, the fault registers, SCTLR.A, S, R and V, the
FCSE PID, TTBR0, TLB and cache operations, the thread ID registers, WFI
with an interrupt pending; branches whose fetch aborts (XN among the
causes); Thumb blocks with SVC, BKPT and undefined halfwords; BKPT and
undefined words).  The same SEED and options give
the same file, byte for byte.

Everything random is drawn first, the whole guest, then --keep-steps
(comma-separated step numbers), --drop-items (STEP.ITEM, or
STEP.ITEM.SUB for an item of a user excursion or Thumb block, comma-
separated) and --keep-items (the step items kept, all others dropped)
leave parts out, so a reduced guest keeps the rest of the
original exactly (reduce.py).  An item needing a state that the items
left out no longer give (a mode with an SPSR, SCTLR.A set) is left out
too.
"""

import argparse
import random
import sys

USR, FIQ, IRQ, SVC, ABT, UND, SYS = 0x10, 0x11, 0x12, 0x13, 0x17, 0x1B, 0x1F
PRIV = [FIQ, IRQ, SVC, ABT, UND, SYS]
WITH_SPSR = [FIQ, IRQ, SVC, ABT, UND]
MODE_NAME = {FIQ: "FIQ", IRQ: "IRQ", SVC: "SVC", ABT: "ABT", UND: "UND",
             SYS: "SYS", USR: "USR"}

SCRATCH_VA = 0x01000000
SCRATCH_PA = 0x00400000
# The ARM1176's supersection seeds: 16 MiB at virtual 0x01000000 to
# physical 0x02000000 (sysfuzz.h FZ_SUPER_PA), the scratch frames there.
SUPER_PA = 0x02000000
SCRATCH_MBS = 4
L2_PA = 0x00104000
WINDOW = 0x10000

CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge",
         "lt", "gt", "le"]

# CP15 c7 operations both CPUs have (ARM926EJ-S TRM 2.3.8 Table 2-18,
# ARM1176JZF-S TRM 3.2.22), by (CRm, opc2); then the ARM1176's own.
C7_COMMON = [(5, 0), (5, 1), (5, 2), (5, 4), (6, 0), (6, 1), (6, 2), (7, 0),
             (10, 1), (10, 2), (10, 4), (13, 1), (14, 1), (14, 2)]
C7_V6 = [(5, 6), (5, 7), (10, 0), (10, 5), (12, 5), (14, 0), (7, 1), (11, 0),
         (15, 7)]
# CP15 registers read by MRC, (CRn, opc1, CRm, opc2).
CP15_READ_COMMON = [(0, 0, 0, 0), (0, 0, 0, 1), (1, 0, 0, 0), (2, 0, 0, 0),
                    (3, 0, 0, 0), (5, 0, 0, 0), (5, 0, 0, 1), (6, 0, 0, 0),
                    (13, 0, 0, 0)]
CP15_READ_V6 = [(0, 0, 0, 3), (0, 0, 1, 0), (0, 0, 1, 1), (0, 0, 1, 4),
                (0, 0, 2, 0), (1, 0, 0, 1), (1, 0, 0, 2), (2, 0, 0, 1),
                (2, 0, 0, 2), (6, 0, 0, 2), (13, 0, 0, 1), (13, 0, 0, 2),
                (13, 0, 0, 3), (13, 0, 0, 4)]
# Written with random values: DFSR, IFSR, FAR; ARMv6 also IFAR,
# CONTEXTIDR and the three thread ID registers.
CP15_WRITE_COMMON = [(5, 0, 0, 0), (5, 0, 0, 1), (6, 0, 0, 0)]
CP15_WRITE_V6 = [(6, 0, 0, 2), (13, 0, 0, 1), (13, 0, 0, 2), (13, 0, 0, 3),
                 (13, 0, 0, 4)]

# QEMU resets the ARM926's SCTLR to 0x00090078, the ARM926EJ-S's is
# 0x00050078 (deviation "arm926-sctlr", docs/fuzzing.md): bits 19:18 are
# cleared from what an MRC of it read.
SCTLR_926_BIC = "bic%s r%d, r%d, #0xc0000"


# The SWI comment that ends a user excursion (runtime.c, sysfuzz.h).
FZ_SWI_KERNEL = 0xF2E3D4


def emit(w, lines):
    for ln in lines:
        w(ln if ln.endswith(":") else "\t" + ln)


def multiple(addr, mode, n):
    """The word addresses an LDM/STM of n registers at base addr
    accesses (ARM ARM A5.4)."""
    first = {"ia": addr, "ib": addr + 4, "da": addr - 4 * (n - 1),
             "db": addr - 4 * n}[mode]
    return [first + 4 * i for i in range(n)]


class State:
    """What the generator tracks through a step: the mode, SCTLR.A and
    DACR."""

    def __init__(self, mode, align, dacr, unal, sr=0):
        self.mode = mode
        self.align = align
        self.dacr = dacr
        self.unal = unal  # ARMv6 SCTLR.U: unaligned accesses
        self.sr = sr  # SCTLR.S and R (bits 8, 9)
        self.fcse = 0  # the FCSE PID
        self.fcse_used = False  # a nonzero PID was set: FAR may be an MVA


    def set_fcse(self, pid):
        self.fcse = pid
        self.fcse_used = self.fcse_used or pid != 0


class Item:
    """One menu pick: its lines, the state it needs (or None: "align",
    SCTLR.A set, or a predicate), how it changes the state (or None)
    and the data addresses it accesses."""

    def __init__(self, lines, need=None, effect=None, addrs=(),
                 multi_load=False, user=None, thumb=None):
        self.lines = lines
        # A Thumb block: its Thumb items, run between self.lines (the
        # switch to Thumb) and the switch back.
        self.thumb = thumb
        # A user excursion: its user-mode items (lines run after
        # self.lines, in the user-code section).
        self.user = user
        self.user_thumb = None  # a user excursion's first, Thumb, items
        self.need = need
        self.effect = effect
        self.addrs = addrs  # the data addresses it accesses
        # A load of several registers, which an abort leaves UNKNOWN
        # (ARM ARM A2.6.5): never generated where it could abort.
        self.multi_load = multi_load


class Gen:
    def __init__(self, seed, board, cpu, steps, raspi0_irq=True):
        self.r = random.Random(seed)
        self.board = board
        self.raspi0_irq = raspi0_irq
        self.seed = seed
        self.cpu = cpu
        self.v6 = cpu == "arm1176"
        self.nsteps = steps
        self.label = 0

    # -- helpers --------------------------------------------------------
    def reg(self, avoid=()):
        return self.r.choice([n for n in range(13) if n not in avoid])

    def cond(self):
        return self.r.choice(CONDS) if self.r.random() < 0.2 else ""

    def lab(self):
        self.label += 1
        return ".Lfz%d" % self.label

    def word32(self):
        k = self.r.random()
        if k < 0.3:
            return self.r.randrange(0, 256)
        if k < 0.4:
            return self.r.choice([0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF])
        return self.r.getrandbits(32)

    def imm_op2(self):
        v = self.r.randrange(256)
        rot = self.r.randrange(16) * 2
        return ((v >> rot) | (v << (32 - rot))) & 0xFFFFFFFF if rot else v

    def address(self, size, unaligned_ok):
        """A data address: mostly a scratch window, sometimes past it, in
        the never-mapped MiB, or the kernel's identity map of a window."""
        k = self.r.random()
        if k < 0.04:
            base = SCRATCH_VA + SCRATCH_MBS * 0x100000
            off = self.r.randrange(WINDOW)
        elif k < 0.08:
            base = self.scratch_pa + \
                self.r.randrange(SCRATCH_MBS) * 0x100000
            off = self.r.randrange(WINDOW)
        else:
            base = SCRATCH_VA + self.r.randrange(SCRATCH_MBS) * 0x100000
            off = self.r.randrange(WINDOW if k < 0.95 else 4 * WINDOW)
        off = min(off, WINDOW * 4 - 64)
        if not (unaligned_ok and self.r.random() < 0.3):
            off &= ~(size - 1)
        return base + off

    def psr(self, modes, thumb=False):
        v = self.r.getrandbits(5) << 27  # N Z C V Q
        v |= self.r.choice(modes)
        v |= self.r.getrandbits(2) << 6  # I F
        if self.v6:
            v |= self.r.getrandbits(4) << 16  # GE
            v |= self.r.getrandbits(1) << 8  # A
        return v

    # -- the menu -------------------------------------------------------
    def dp(self):
        op = self.r.choice(["and", "eor", "sub", "rsb", "add", "adc", "sbc",
                            "rsc", "orr", "bic", "mov", "mvn", "cmp", "cmn",
                            "tst", "teq"])
        k = self.r.random()
        if k < 0.35:
            op2 = "#%d" % self.imm_op2()
        elif k < 0.6:
            op2 = "r%d" % self.reg()
        elif k < 0.85:
            sh = self.r.choice(["lsl", "lsr", "asr", "ror"])
            n = self.r.randrange(1, 32)
            op2 = "r%d, %s #%d" % (self.reg(), sh, n)
            if self.r.random() < 0.2:
                op2 = "r%d, rrx" % self.reg()
        else:
            op2 = "r%d, %s r%d" % (self.reg(),
                                   self.r.choice(["lsl", "lsr", "asr", "ror"]),
                                   self.reg())
        s = "s" if self.r.random() < 0.4 else ""
        c = self.cond()
        if op in ("cmp", "cmn", "tst", "teq"):
            return ["%s%s r%d, %s" % (op, c, self.reg(), op2)]
        if op in ("mov", "mvn"):
            return ["%s%s%s r%d, %s" % (op, c, s, self.reg(), op2)]
        return ["%s%s%s r%d, r%d, %s" % (op, c, s, self.reg(), self.reg(),
                                         op2)]

    def mul(self):
        c = self.cond()
        s = "s" if self.r.random() < 0.3 else ""
        k = self.r.randrange(3)
        if k == 0:
            rd = self.reg()
            rm = self.reg([rd])
            return ["mul%s%s r%d, r%d, r%d" % (c, s, rd, rm, self.reg())]
        if k == 1:
            rd = self.reg()
            rm = self.reg([rd])
            return ["mla%s%s r%d, r%d, r%d, r%d" % (c, s, rd, rm, self.reg(),
                                                    self.reg())]
        lo = self.reg()
        hi = self.reg([lo])
        rm = self.reg([lo, hi])
        op = self.r.choice(["umull", "smull", "umlal", "smlal"])
        return ["%s%s%s r%d, r%d, r%d, r%d" % (op, c, s, lo, hi, rm,
                                               self.reg())]

    def misc(self):
        c = self.cond()
        ops5 = ["clz r%d, r%d" % (self.reg(), self.reg()),
                "qadd r%d, r%d, r%d" % (self.reg(), self.reg(), self.reg()),
                "qdsub r%d, r%d, r%d" % (self.reg(), self.reg(), self.reg()),
                "smulbt r%d, r%d, r%d" % (self.reg(), self.reg(), self.reg()),
                "smlatb r%d, r%d, r%d, r%d" % (self.reg(), self.reg(),
                                               self.reg(), self.reg()),
                "smulwb r%d, r%d, r%d" % (self.reg(), self.reg(), self.reg())]
        ops6 = ["rev r%d, r%d" % (self.reg(), self.reg()),
                "rev16 r%d, r%d" % (self.reg(), self.reg()),
                "revsh r%d, r%d" % (self.reg(), self.reg()),
                "uxtb r%d, r%d, ror #%d" % (self.reg(), self.reg(),
                                            self.r.choice([0, 8, 16, 24])),
                "sxth r%d, r%d" % (self.reg(), self.reg()),
                "uadd8 r%d, r%d, r%d" % (self.reg(), self.reg(), self.reg()),
                "qsub16 r%d, r%d, r%d" % (self.reg(), self.reg(), self.reg()),
                "sel r%d, r%d, r%d" % (self.reg(), self.reg(), self.reg()),
                "usat r%d, #%d, r%d" % (self.reg(), self.r.randrange(32),
                                        self.reg()),
                "pkhbt r%d, r%d, r%d, lsl #%d" % (self.reg(), self.reg(),
                                                  self.reg(),
                                                  self.r.randrange(32))]
        ops = ops5 + (ops6 if self.v6 else [])
        ins = self.r.choice(ops)
        op, rest = ins.split(" ", 1)
        return ["%s%s %s" % (op, c, rest)]

    def ldst(self):
        form = self.r.choice(["ldr", "ldr", "str", "str", "ldrb", "strb",
                              "ldrh", "strh", "ldrsb", "ldrsh"])
        size = {"ldr": 4, "str": 4, "ldrb": 1, "strb": 1}.get(form, 2)
        unal = False
        rb = self.reg()
        rd = self.reg([rb])
        lines = []
        need = None
        if size > 1 and self.r.random() < 0.15:
            # Unaligned: only where SCTLR.A gives its alignment fault or
            # ARMv6's U its unaligned access; QEMU 7.2 makes a plain
            # unaligned access where ARMv5 and ARMv6 with U = 0 rotate
            # a word and leave halfwords UNPREDICTABLE (deviation
            # "legacy-unaligned", docs/fuzzing.md).
            unal = True
            need = "unaligned"
        addr = self.address(size, unal)
        small = form in ("ldrh", "strh", "ldrsb", "ldrsh")
        lim = 255 if small else 4095
        off = self.r.randrange(-min(lim, 64), min(lim, 64) + 1)
        if size > 1 and not unal:
            off &= ~(size - 1)
        c = self.cond()
        lines.append("ldr r%d, =0x%08x" % (rb, (addr - off) & 0xFFFFFFFF))
        k = self.r.randrange(4)
        if k == 0:
            lines.append("%s%s r%d, [r%d, #%d]" % (form[:3] + c + form[3:],
                                                   "", rd, rb, off))
        elif k == 1:
            lines.append("%s r%d, [r%d, #%d]!" % (form[:3] + c + form[3:],
                                                  rd, rb, off))
        elif k == 2:
            lines[0] = "ldr r%d, =0x%08x" % (rb, addr)
            lines.append("%s r%d, [r%d], #%d" % (form[:3] + c + form[3:],
                                                 rd, rb, off))
        else:
            rm = self.reg([rb, rd])
            lines.append("ldr r%d, =%d" % (rm, off))
            lines.append("%s r%d, [r%d, r%d]" % (form[:3] + c + form[3:],
                                                 rd, rb, rm))
        return Item(lines, need=need, addrs=[addr])

    def ldstm(self):
        rb = self.reg()
        regs = sorted(self.r.sample(range(13), self.r.randrange(1, 8)))
        wb = self.r.random() < 0.4
        if wb and rb in regs:
            regs.remove(rb)
            if not regs:
                regs = [self.reg([rb])]
        load = self.r.random() < 0.5
        mode = self.r.choice(["ia", "ib", "da", "db"])
        addr = self.address(4, False)
        need = None
        if self.r.random() < 0.1:
            addr += self.r.randrange(1, 4)
            need = "align"
        lst = ", ".join("r%d" % n for n in regs)
        return Item(["ldr r%d, =0x%08x" % (rb, addr),
                     "%s%s%s r%d%s, {%s}" % ("ldm" if load else "stm",
                                             self.cond(), mode, rb,
                                             "!" if wb else "", lst)],
                    need=need, addrs=multiple(addr, mode, len(regs)),
                    multi_load=load)

    def ldrd(self):
        rd = self.r.choice([0, 2, 4, 6, 8, 10])
        rb = self.reg([rd, rd + 1])
        addr = self.address(8, False)
        op = self.r.choice(["ldrd", "strd"])
        return Item(["ldr r%d, =0x%08x" % (rb, addr),
                     "%s%s r%d, r%d, [r%d]" % (op[:3] + self.cond(), op[3:],
                                               rd, rd + 1, rb)],
                    addrs=[addr, addr + 4], multi_load=op == "ldrd")

    def swp(self):
        rb = self.reg()
        rd = self.reg([rb])
        rm = self.reg([rb])
        addr = self.address(4, False)
        lines = ["ldr r%d, =0x%08x" % (rb, addr)]
        if self.v6 and self.r.random() < 0.5:
            rt = self.reg([rb])
            rs = self.reg([rb, rt])
            lines += ["ldrex r%d, [r%d]" % (rt, rb),
                      "strex r%d, r%d, [r%d]" % (rs, rt, rb)]
        else:
            lines.append("swp%s%s r%d, r%d, [r%d]" % (
                self.cond(), self.r.choice(["", "b"]), rd, rm, rb))
        return Item(lines, addrs=[addr])

    def mrs_lines(self, c, rd, psr):
        """MRS{c} rd, psr; on ARMv5 then a BIC of bit 8, which QEMU's
        ARM926 sets, reserved on ARMv5 (deviation "arm926-psr-a",
        docs/fuzzing.md): no register may carry it."""
        return ["mrs%s r%d, %s" % (c, rd, psr)] + (
            [] if self.v6 else ["bic%s r%d, r%d, #0x100" % (c, rd, rd)])

    def mrs(self):
        rd = self.reg()
        c = self.cond()
        if self.r.random() < 0.5:
            return Item(self.mrs_lines(c, rd, "cpsr"))
        return Item(self.mrs_lines(c, rd, "spsr"),
                    need=lambda s: s.mode in WITH_SPSR)

    def msr_flags(self):
        if self.r.random() < 0.5:
            return ["msr%s cpsr_f, #0x%08x" % (self.cond(),
                                               self.r.getrandbits(5) << 27)]
        rx = self.reg()
        return ["ldr r%d, =0x%08x" % (rx, self.word32()),
                "msr%s cpsr_f, r%d" % (self.cond(), rx)]

    def msr_mode(self):
        mode = self.r.choice(PRIV)
        ifl = self.r.getrandbits(2) << 6
        eff = (lambda m: lambda s: setattr(s, "mode", m))(mode)
        k = self.r.random()
        if k < 0.4:
            return Item(["msr cpsr_c, #0x%02x" % (mode | ifl)], effect=eff)
        rx = self.reg()
        v = self.psr([mode])
        if k < 0.7:
            return Item(["ldr r%d, =0x%08x" % (rx, v | (self.r.getrandbits(24)
                                                         << 8)),
                         "msr cpsr_c, r%d" % rx], effect=eff)
        fields = "fsxc" if self.v6 and self.r.random() < 0.5 else "fc"
        return Item(["ldr r%d, =0x%08x" % (rx, v),
                     "msr cpsr_%s, r%d" % (fields, rx)], effect=eff)

    def msr_spsr(self):
        """MSR SPSR: a register with a PSR value whose mode exists (T,
        J and, on ARMv5, bits 8-23 clear) through a random field mask, or
        an immediate to the flags or the control field."""
        need = lambda s: s.mode in WITH_SPSR
        k = self.r.random()
        if k < 0.2:
            return Item(["msr%s spsr_f, #0x%08x" % (
                self.cond(), self.r.getrandbits(5) << 27)], need=need)
        if k < 0.4:
            return Item(["msr%s spsr_c, #0x%02x" % (
                self.cond(), self.psr(PRIV + [USR]) & 0xFF)], need=need)
        fields = "".join(f for f in "fsxc" if self.r.random() < 0.5) or "c"
        rx = self.reg()
        return Item(["ldr r%d, =0x%08x" % (rx, self.psr(PRIV + [USR])),
                     "msr%s spsr_%s, r%d" % (self.cond(), fields, rx)],
                    need=need)

    def cps(self):
        k = self.r.random()
        flags = "".join(f for f in "aif" if self.r.random() < 0.5) or "i"
        if k < 0.4:
            return Item(["cps%s %s" % (self.r.choice(["ie", "id"]), flags)])
        mode = self.r.choice(PRIV)
        eff = (lambda m: lambda s: setattr(s, "mode", m))(mode)
        if k < 0.7:
            return Item(["cps #%d" % mode], effect=eff)
        return Item(["cps%s %s, #%d" % (self.r.choice(["ie", "id"]), flags,
                                        mode)], effect=eff)

    def user_bank(self):
        rb = self.reg()
        store = self.r.random() < 0.5
        # LDM^ leaves the User bank's r13 and r14 alone: SYS mode, which
        # steps enter, shares them and pushes the epilogue on that sp.
        regs = sorted(self.r.sample(range(15 if store else 13),
                                    self.r.randrange(1, 6)))
        lst = ", ".join("r%d" % n for n in regs)
        mode = self.r.choice(["ia", "ib", "da", "db"])
        addr = self.address(4, False)
        # Neither in SYS mode: UNPREDICTABLE there (ARM ARM A4.1.22,
        # A4.1.99).
        ins = "%s%s%s r%d, {%s}^" % ("stm" if store else "ldm",
                                     self.cond(), mode, rb, lst)
        return Item(["ldr r%d, =0x%08x" % (rb, addr), ins],
                    need=lambda s: s.mode != SYS,
                    addrs=multiple(addr, mode, len(regs)),
                    multi_load=not store)

    def ldrt(self):
        form = self.r.choice(["ldrt", "strt", "ldrbt", "strbt"])
        rb = self.reg()
        rd = self.reg([rb])
        size = 4 if form in ("ldrt", "strt") else 1
        # Unaligned only with SCTLR.A set, for its alignment fault:
        # QEMU 7.2 makes a plain unaligned access of LDRT and STRT where
        # ARMv5 and ARMv6 with U = 0 rotate (deviation
        # "legacy-unaligned", docs/fuzzing.md).
        unal = size == 4 and self.r.random() < 0.15
        addr = self.address(size, unal)
        need = "unaligned" if unal else None
        off = self.r.randrange(-16, 17) & ~(size - 1)
        c = self.cond()
        name = form[:3] + c + form[3:]
        if self.r.random() < 0.6:
            return Item(["ldr r%d, =0x%08x" % (rb, addr),
                         "%s r%d, [r%d], #%d" % (name, rd, rb, off)],
                        need=need, addrs=[addr])
        rm = self.reg([rb, rd])
        return Item(["ldr r%d, =0x%08x" % (rb, addr),
                     "mov r%d, #%d" % (rm, self.r.randrange(0, 64, size)),
                     "%s r%d, [r%d], %sr%d" % (name, rd, rb,
                                               self.r.choice(["", "-"]), rm)],
                    need=need, addrs=[addr])

    def exc_return(self):
        """An exception return to a privileged mode with an SPSR the item
        sets first: MOVS pc, lr; SUBS pc, lr, #4; LDM^ with pc; on ARMv6
        RFE.  (Not the other data-processing forms: QEMU 7.2 branches
        there instead of copying SPSR, docs/fuzzing.md.)"""
        target = self.r.choice(PRIV)
        v = self.psr([target])
        rx = self.reg()
        l = self.lab()
        # A third return to Thumb state (SPSR.T set): a Thumb block at
        # l, which ends in ARM state (BX PC) as one entered by BX.
        thumb = None
        if self.r.random() < 0.35:
            v |= 0x20
            thumb = (l, self.thumb_items())
        eff = (lambda m: lambda s: setattr(s, "mode", m))(target)
        lines = ["ldr r%d, =0x%08x" % (rx, v), "msr spsr_cxsf, r%d" % rx]
        k = self.r.randrange(4 if self.v6 else 3)
        if k == 0:
            lines += ["adr lr, %s" % l, "movs pc, lr"]
        elif k == 1:
            lines += ["adr lr, %s + 4" % l, "subs pc, lr, #4"]
        elif k == 2:
            rb = self.reg([rx])
            regs = sorted(set(self.r.sample(range(13), self.r.randrange(0, 4)))
                          - {rb})
            lst = ", ".join(["r%d" % n for n in regs] + ["pc"])
            lines += ["ldr r%d, =fz_slot" % rb, "adr lr, %s" % l,
                      "str lr, [r%d, #%d]" % (rb, 4 * len(regs)),
                      "ldmia r%d, {%s}^" % (rb, lst)]
        else:
            rb = self.reg([rx])
            lines += ["ldr r%d, =fz_slot" % rb, "adr lr, %s" % l,
                      "str lr, [r%d]" % rb, "str r%d, [r%d, #4]" % (rx, rb),
                      "rfeia r%d" % rb]
        if thumb is None:
            lines.append("%s:" % l)
        return Item(lines, need=lambda s: s.mode in WITH_SPSR, effect=eff,
                    thumb=thumb)

    def cp15_read(self):
        regs = CP15_READ_COMMON + (CP15_READ_V6 if self.v6 else [])
        crn, op1, crm, op2 = self.r.choice(regs)
        c = self.cond()
        rd = self.reg()
        if self.board == "raspi0" and (crn, crm, op2) in ((0, 1, 1),
                                                          (1, 0, 2)):
            # QEMU's raspi0 has the Security Extensions (EL3), and the
            # native guest runs Non-secure (guest-start.h): ID_PFR1 reads
            # 0x11 there, CPACR 0x3f0fffff whatever was written, where
            # armpv-bm gives the guest no Security Extensions (deviation
            # "raspi0-security", docs/fuzzing.md)
            crn, op1, crm, op2 = 0, 0, 1, 0
        lines = ["mrc%s p15, %d, r%d, c%d, c%d, %d" % (c, op1, rd, crn, crm,
                                                      op2)]
        if not self.v6 and crn == 1:
            lines.append(SCTLR_926_BIC % (c, rd, rd))
        if self.v6 and (crn, crm, op2) == (5, 0, 1):
            # ARM1176 IFSR[7:4] are UNP/SBZ; QEMU writes a prefetch
            # abort's domain there (deviation "arm1176-ifsr-domain",
            # docs/fuzzing.md)
            lines.append("bic%s r%d, r%d, #0xf0" % (c, rd, rd))
        if (crn, crm, op2) == (1, 0, 2):
            # QEMU's arm1176 reads CPACR[31:30] (ARMv7's ASEDIS, D32DIS)
            # as ones, the ARM1176JZF-S has them SBZ (TRM 3.2.9;
            # deviation "arm1176-cpacr", docs/fuzzing.md)
            lines.append("bic%s r%d, r%d, #0xc0000000" % (c, rd, rd))
        if crn == 6:
            # FAR, IFAR: not once an FCSE PID was set, which an abort
            # may have written as an MVA (deviation "fcse-far": QEMU
            # gives the VA, the CPUs the modified VA; runtime.c shows
            # them as VAs)
            return Item(lines, need=lambda s: not s.fcse_used)
        return lines

    def cp15_write(self):
        k = self.r.random()
        rx = self.reg()
        if k < 0.2:
            dacr = 1
            for d in range(1, 16):
                dacr |= self.r.choice([0, 1, 3]) << (2 * d)
            return Item(["ldr r%d, =0x%08x" % (rx, dacr),
                         "mcr p15, 0, r%d, c3, c0, 0" % rx],
                        effect=(lambda d: lambda s: setattr(s, "dacr", d))(
                            dacr))
        if k < 0.35:
            setit = self.r.random() < 0.5
            eff = (lambda a: lambda s: setattr(s, "align", a))(setit)
            lines = ["mrc p15, 0, r%d, c1, c0, 0" % rx,
                     "%s r%d, r%d, #2" % ("orr" if setit else "bic", rx, rx),
                     "mcr p15, 0, r%d, c1, c0, 0" % rx]
            if not self.v6:
                lines.append(SCTLR_926_BIC % ("", rx, rx))
            return Item(lines, effect=eff)
        if k < 0.5:
            regs = CP15_WRITE_COMMON + (CP15_WRITE_V6 if self.v6 else [])
            crn, op1, crm, op2 = self.r.choice(regs)
            v = self.word32()
            if crn == 5:
                # The fault status registers' defined bits only: the
                # others read UNPREDICTABLE values (QEMU keeps what was
                # written).  ARM926EJ-S TRM 2.3.6; ARM1176JZF-S TRM
                # 3.2.24 (DFSR: SD, WnR, FS[4], domain, status) and
                # 3.2.25 (IFSR: SD, FS[4], status).
                v &= 0xFF if not self.v6 else (0x1CFF if op2 == 0
                                               else 0x140F)
            return Item(["ldr r%d, =0x%08x" % (rx, v),
                         "mcr%s p15, %d, r%d, c%d, c%d, %d" % (
                             self.cond(), op1, rx, crn, crm, op2)])
        if k < 0.7:
            crm, op2 = self.r.choice([(7, 0), (5, 0), (6, 0), (7, 1),
                                      (5, 1), (6, 1)])
            return Item(["ldr r%d, =0x%08x" % (rx, self.address(4, False)),
                         "mcr%s p15, 0, r%d, c8, c%d, %d" % (self.cond(), rx,
                                                             crm, op2)])
        ops = C7_COMMON + (C7_V6 if self.v6 else [])
        crm, op2 = self.r.choice(ops)
        lines = ["ldr r%d, =0x%08x" % (rx, self.address(4, False)),
                 "mcr%s p15, 0, r%d, c7, c%d, %d" % (self.cond(), rx, crm,
                                                     op2)]
        if not self.v6 and self.r.random() < 0.2:
            # ARM926EJ-S test and clean: the flags from the D-cache's state
            lines = ["mrc%s p15, 0, r15, c7, c10, 3" % self.cond()]
        return Item(lines)

    def irq(self):
        """An interrupt at a chosen point (versatilepb): with I and F
        set, one of the VIC's sources 0-3 enabled, routed to IRQ or FIQ
        and raised by its software interrupt register (PL190 TRM 3.3.6:
        VICSOFTINT); then, or later when a random item unmasks it, the
        instruction that clears I or F takes it, in both runs at that
        instruction (an MSR or CPS ends QEMU's translation block, and
        armpv-bm delivers a virtual line as it returns from the trap).
        The runtime's handler records it with the VIC's status and
        clears the soft interrupts."""
        ra = self.reg()
        rv = self.reg([ra])
        src = self.r.randrange(4)
        fiq = self.r.random() < 0.4
        lines = self.mrs_lines("", rv, "cpsr") + [
            "orr r%d, r%d, #0xc0" % (rv, rv), "msr cpsr_c, r%d" % rv]
        if self.board == "raspi0":
            # No software interrupt register: the system timer's compare
            # 1 (IRQ) or 3 (FIQ), armed and waited for (start.S).
            lines.append("bl fz_raise_%s" % ("fiq" if fiq else "irq"))
        else:
            lines += ["ldr r%d, =0x10140000" % ra,
                      "mov r%d, #%d" % (rv, 1 << src),
                      "str r%d, [r%d, #0x10]" % (rv, ra),  # VICINTENABLE
                      "mov r%d, #%d" % (rv, (1 << src) if fiq else 0),
                      "str r%d, [r%d, #0x0c]" % (rv, ra),  # VICINTSELECT
                      "mov r%d, #%d" % (rv, 1 << src),
                      "str r%d, [r%d, #0x18]" % (rv, ra)]  # VICSOFTINT
        if self.r.random() < 0.3:
            # WFI (CP15 c7 c0 4, both CPUs) with the interrupt pending:
            # it wakes at once, masked or not (ARM926EJ-S TRM 2.3.8,
            # ARM1176JZF-S TRM 3.2.22); never without one (nothing
            # would wake it)
            lines += ["mov r%d, #0" % rv, "mcr p15, 0, r%d, c7, c0, 4" % rv]
        k = self.r.random()
        if k < 0.6:
            if self.v6 and self.r.random() < 0.5:
                lines.append("cpsie %s" % ("f" if fiq else "i"))
            else:
                lines += self.mrs_lines("", rv, "cpsr") + [
                    "bic r%d, r%d, #0x%x" % (rv, rv, 0x40 if fiq else 0x80),
                    "msr cpsr_c, r%d" % rv]
        return Item(lines, need=lambda s: s.mode != USR)

    def bkpt(self):
        return ["bkpt #0x%x" % self.r.randrange(0x10000)]

    def undef(self):
        k = self.r.random()
        # Not coprocessor instructions to CP4-CP9, CP12, CP13: those are
        # armpv's trap words in a guest kernel (docs/encoding.md, "Where
        # trap words live"), whatever the kernel meant by them.
        if k < 0.8:
            imm = self.r.getrandbits(16)
            w = 0xE7F000F0 | ((imm >> 4) << 8) | (imm & 0xF)
        elif not self.v6:
            w = self.r.choice([0xE6BF0F30, 0xE6FF0071, 0xE6812F91])
        else:
            w = 0xE7F000F0
        return [".word 0x%08x" % w]

    MENU = [("dp", 20), ("mul", 4), ("misc", 4), ("ldst", 14), ("ldstm", 8),
            ("ldrd", 2), ("swp", 2), ("mrs", 4), ("msr_flags", 3),
            ("msr_mode", 6), ("msr_spsr", 3), ("cps", 3), ("user_bank", 4),
            ("ldrt", 5), ("exc_return", 4), ("cp15_read", 5),
            ("cp15_write", 6), ("bkpt", 2), ("undef", 2),
            ("user_excursion", 5), ("irq", 3), ("thumb_block", 4),
            ("sctlr_sr", 2), ("pabt", 3), ("vectors", 2), ("fcse", 2),
            ("srs", 3), ("ttbr", 2)]

    def ttbr(self):
        """TTBR0 written: the runtime's first-level table or its copy
        (runtime.c: the same translations at another address), then the
        TLBs invalidated or not (the translations are the same)."""
        rx = self.reg()
        lines = ["ldr r%d, =0x%08x" % (rx, self.r.choice([0x00100000,
                                                          0x00110000])),
                 "mcr p15, 0, r%d, c2, c0, 0" % rx]
        if self.r.random() < 0.5:
            lines += ["mov r%d, #0" % rx, "mcr p15, 0, r%d, c8, c7, 0" % rx]
        return lines

    def sctlr_sr(self):
        """SCTLR.S and R changed (read, modify, write): none, S or R
        (both is UNPREDICTABLE, ARM ARM B4.4.1), what AP 00 lets
        privileged and user reads do; then the TLBs invalidated."""
        rx = self.reg()
        sr = self.r.choice([0, 1 << 8, 1 << 9])
        lines = ["mrc p15, 0, r%d, c1, c0, 0" % rx,
                 "bic r%d, r%d, #0x300" % (rx, rx)]
        if sr:
            lines.append("orr r%d, r%d, #0x%x" % (rx, rx, sr))
        lines += ["mcr p15, 0, r%d, c1, c0, 0" % rx,
                  "mov r%d, #0" % rx, "mcr p15, 0, r%d, c8, c7, 0" % rx]
        return Item(lines, effect=(lambda v: lambda s: setattr(s, "sr", v))(
            sr))

    def pabt(self):
        """A branch (BX, to ARM or Thumb state, or MOV pc) to a scratch
        address whose fetch aborts by the tables, DACR and SCTLR.S/R or,
        in the ARMv6 format, by XN: the prefetch abort, after which the
        handler resumes at the label fz_resume holds (runtime.c), in
        ARM state.  Never where the fetch could succeed (the scratch
        data would run)."""
        addr = self.address(4, False)
        rx = self.reg()
        l = self.lab()
        k = self.r.randrange(3)
        br = ["bx r%d" % rx, "mov pc, r%d" % rx][k == 2]
        tgt = addr | (1 if k == 1 else 0)
        return Item(["adr lr, %s" % l, "ldr r%d, =fz_resume" % rx,
                     "str lr, [r%d]" % rx,
                     "ldr r%d, =0x%08x" % (rx, tgt), br, "%s:" % l],
                    need=lambda s: s.mode != USR and self.fetch_aborts(
                        addr, s), addrs=[addr])

    def vectors(self):
        """SCTLR.V set or cleared: the vectors high (at 0xffff0000,
        which the runtime maps to a copy of them) or low."""
        rx = self.reg()
        op = self.r.choice(["orr", "bic"])
        return ["mrc p15, 0, r%d, c1, c0, 0" % rx,
                "%s r%d, r%d, #0x2000" % (op, rx, rx),
                "mcr p15, 0, r%d, c1, c0, 0" % rx] + \
            ([] if self.v6 else [SCTLR_926_BIC % ("", rx, rx)])

    def fcse(self):
        """The FCSE PID written: the seed's (whose relocated MiBs the
        runtime maps as their originals) or 0; then it is read back."""
        rx = self.reg()
        pid = self.r.choice([0, self.fcse_pid])
        return Item(["ldr r%d, =0x%08x" % (rx, pid << 25),
                     "mcr p15, 0, r%d, c13, c0, 0" % rx,
                     "mrc p15, 0, r%d, c13, c0, 0" % self.reg()],
                    effect=(lambda p: lambda s: s.set_fcse(p))(pid))

    def srs(self):
        """SRS (ARMv6) to the current mode's own stack, decrement
        before, no writeback, then the two words read back: LR and SPSR
        (ARM ARM A4.1.90).  Only in a mode with an SPSR."""
        mode = self.r.choice([SVC, SVC, IRQ, FIQ, ABT, UND])
        ra, rb = self.reg(), self.reg()
        return Item(["srsdb sp, #%d" % mode, "ldr r%d, [sp, #-8]" % ra,
                     "ldr r%d, [sp, #-4]" % rb],
                    need=(lambda m: lambda s: s.mode == m)(mode))

    # -- Thumb ----------------------------------------------------------
    def lo(self, avoid=()):
        return self.r.choice([n for n in range(8) if n not in avoid])

    def t_dp(self):
        d, n, m = self.lo(), self.lo(), self.lo()
        k = self.r.randrange(12)
        if k == 0:
            return ["movs r%d, #%d" % (d, self.r.randrange(256))]
        if k == 1:
            return ["%s r%d, r%d, #%d" % (self.r.choice(["adds", "subs"]), d,
                                          n, self.r.randrange(8))]
        if k == 2:
            return ["%s r%d, #%d" % (self.r.choice(["adds", "subs", "cmp"]),
                                     d, self.r.randrange(256))]
        if k == 3:
            return ["%s r%d, r%d, r%d" % (self.r.choice(["adds", "subs"]), d,
                                          n, m)]
        if k == 4:
            return ["%s r%d, r%d, #%d" % (self.r.choice(["lsls", "lsrs",
                                                         "asrs"]), d, m,
                                          self.r.randrange(1, 32))]
        if k in (5, 6):
            op = self.r.choice(["ands", "eors", "adcs", "sbcs", "rors",
                                "orrs", "bics", "lsls", "lsrs", "asrs"])
            return ["%s r%d, r%d, r%d" % (op, d, d, m)]
        if k == 7:
            return ["%s r%d, r%d" % (self.r.choice(["tst", "cmp", "cmn",
                                                    "mvns", "negs"]), d, m)]
        if k == 8:
            return ["muls r%d, r%d, r%d" % (d, m, d)]
        if k == 9:  # high registers, never sp or pc
            h = self.r.randrange(8, 13)
            return [self.r.choice(["mov r%d, r%d" % (h, d),
                                   "mov r%d, r%d" % (d, h),
                                   "add r%d, r%d" % (d, h),
                                   "add r%d, r%d" % (h, d),
                                   "cmp r%d, r%d" % (h, d)])]
        if k == 10 and self.v6:
            return ["%s r%d, r%d" % (self.r.choice(["rev", "rev16", "revsh",
                                                    "sxtb", "sxth", "uxtb",
                                                    "uxth"]), d, m)]
        # MOV of two low registers is ARMv6's (ARMv5: ADDS Rd, Rm, #0).
        return ["mov r%d, r%d" % (d, m) if self.v6 else
                "adds r%d, r%d, #0" % (d, m)]

    def t_ldst(self):
        form, size = self.r.choice([("ldr", 4), ("str", 4), ("ldrb", 1),
                                    ("strb", 1), ("ldrh", 2), ("strh", 2),
                                    ("ldrsb", 1), ("ldrsh", 2)])
        rb = self.lo()
        rt = self.lo([rb])
        unal = size > 1 and self.r.random() < 0.15
        addr = self.address(size, unal)
        need = "unaligned" if unal else None
        if form in ("ldrsb", "ldrsh") or self.r.random() < 0.3:
            rm = self.lo([rb, rt])
            off = self.r.randrange(-64, 64)
            if not unal:
                off &= ~(size - 1)
            return Item(["ldr r%d, =0x%08x" % (rb, (addr - off) & 0xFFFFFFFF),
                         "ldr r%d, =%d" % (rm, off),
                         "%s r%d, [r%d, r%d]" % (form, rt, rb, rm)],
                        need=need, addrs=[addr])
        off = self.r.randrange(32) * size
        return Item(["ldr r%d, =0x%08x" % (rb, (addr - off) & 0xFFFFFFFF),
                     "%s r%d, [r%d, #%d]" % (form, rt, rb, off)],
                    need=need, addrs=[addr])

    def t_ldstm(self):
        rb = self.lo()
        regs = sorted(set(self.r.sample(range(8), self.r.randrange(1, 5)))
                      - {rb}) or [self.lo([rb])]
        load = self.r.random() < 0.5
        addr = self.address(4, False)
        return Item(["ldr r%d, =0x%08x" % (rb, addr),
                     "%s r%d!, {%s}" % ("ldmia" if load else "stmia", rb,
                                        ", ".join("r%d" % n for n in regs))],
                    addrs=multiple(addr, "ia", len(regs)), multi_load=load)

    def t_bkpt(self):
        return ["bkpt #%d" % self.r.randrange(256)]

    def t_undef(self):
        return [".short 0x%04x" % (0xDE00 | self.r.randrange(256))]

    def t_swi(self):
        # Not 0xab: QEMU's -semihosting takes a privileged Thumb SVC
        # 0xab as a semihosting call (native.log: "Unsupported
        # SemiHosting SWI"), the board's debugger, not the CPU
        imm = self.r.randrange(256)
        return ["svc #%d" % (imm if imm != 0xAB else 0xAA)]

    def t_cps(self):
        flags = "".join(f for f in "aif" if self.r.random() < 0.5) or "i"
        return ["cps%s %s" % (self.r.choice(["ie", "id"]), flags)]

    THUMB_MENU = [("t_dp", 20), ("t_ldst", 12), ("t_ldstm", 5),
                  ("t_bkpt", 2), ("t_undef", 2), ("t_swi", 2)]
    THUMB_USER = [("t_cps", 2)]

    def thumb_items(self, user=False):
        """The items of a Thumb block: the Thumb menu, SVC included (in
        the kernel its own SWI exception, as in a task; ARM ARM
        A2.6.4); in a user task also (ARMv6) CPS, which has no effect
        there, and not in the kernel (CPS has no Thumb trap word, the
        rewriter refuses it: docs/rewriter.md)."""
        menu = self.THUMB_MENU + ([m for m in self.THUMB_USER
                                   if m[0] != "t_cps" or self.v6]
                                  if user else [])
        return [self.item(menu) for _ in range(self.r.randrange(2, 10))]

    def thumb_block(self, user=False):
        """A block of Thumb code: ADR and BX into it, BX PC out of it
        (ARM ARM A7.1.10: from a word-aligned BX PC, ARM state at +4).
        (exc_return also enters one, by an SPSR with T set.)"""
        sub = self.thumb_items(user)
        rx = self.reg()
        label = self.lab()
        return Item(["adr r%d, %s + 1" % (rx, label), "bx r%d" % rx],
                    thumb=(label, sub))

    def user_thumb(self):
        return self.thumb_block(user=True)

    # -- user tasks: an excursion into USR mode ------------------------
    def user_msr(self):
        """MSR CPSR_c or CPSR_fc from USR mode: the control field is not
        written there (ARM ARM A4.1.39)."""
        rx = self.reg()
        return ["ldr r%d, =0x%08x" % (rx, self.psr(PRIV)),
                "msr%s cpsr_%s, r%d" % (self.cond(), self.r.choice(["c", "fc"]),
                                        rx)]

    def user_cps(self):
        """CPS from USR mode: no effect (ARM ARM A4.1.16)."""
        flags = "".join(f for f in "aif" if self.r.random() < 0.5) or "i"
        if self.r.random() < 0.5:
            return ["cps #%d" % self.r.choice(PRIV)]
        return ["cps%s %s" % (self.r.choice(["ie", "id"]), flags)]

    def user_cp15(self):
        """MRC or MCR of CP15 from USR mode: the task's Undefined
        instruction but for what the ARM1176 lets User mode do (its
        barriers, TPIDRURO reads, TPIDRURW; 1176 TRM 3.2.22, 3.2.46).
        Not the ARM926's test and clean (QEMU lets User mode read it,
        tests/baremetal/robust.sh)."""
        rx = self.reg()
        k = self.r.random()
        if k < 0.4:
            regs = CP15_READ_COMMON + (CP15_READ_V6 if self.v6 else [])
            crn, op1, crm, op2 = self.r.choice(regs)
            return ["mrc%s p15, %d, r%d, c%d, c%d, %d" % (
                self.cond(), op1, rx, crn, crm, op2)]
        if k < 0.7:
            regs = CP15_WRITE_COMMON + (CP15_WRITE_V6 if self.v6 else []) \
                + [(3, 0, 0, 0), (8, 0, 7, 0), (8, 0, 7, 1), (2, 0, 0, 0)]
            crn, op1, crm, op2 = self.r.choice(regs)
        else:
            crm, op2 = self.r.choice(C7_COMMON + (C7_V6 if self.v6 else []))
            crn, op1 = 7, 0
        return ["ldr r%d, =0x%08x" % (rx, self.word32()),
                "mcr%s p15, %d, r%d, c%d, c%d, %d" % (self.cond(), op1, rx,
                                                      crn, crm, op2)]

    def user_undef(self):
        """Undefined words of a user task, the trap spaces' coprocessor
        instructions included (a task's own: armpv-bm tells them from
        the kernel's traps by the virtual mode; CP10 and CP11 left out,
        the ARM1176's VFP)."""
        if self.r.random() < 0.5:
            return self.undef()
        cp = self.r.choice([4, 5, 6, 7, 8, 9, 12, 13])
        k = self.r.random()
        if k < 0.5:  # MCR/MRC
            w = 0xEE000010 | self.r.getrandbits(3) << 21 | \
                self.r.getrandbits(1) << 20 | self.r.getrandbits(4) << 16 | \
                self.reg() << 12 | cp << 8 | self.r.getrandbits(3) << 5 | \
                self.r.getrandbits(4)
        elif k < 0.75:  # CDP
            w = 0xEE000000 | self.r.getrandbits(20) << 4 & 0xFFF0E0 | \
                cp << 8 | self.r.getrandbits(4)
            w = (w & ~0xF00) | cp << 8
        else:  # LDC/STC, P = 1 (never the unallocated P = U = N = 0)
            cp = self.r.choice([4, 5, 6, 7, 12, 13])  # not CP8, CP9 (ibid.)
            w = 0xED000000 | self.r.getrandbits(1) << 23 | \
                self.r.getrandbits(2) << 21 | self.r.getrandbits(1) << 20 | \
                self.reg() << 16 | self.r.getrandbits(4) << 12 | cp << 8 | \
                self.r.getrandbits(8)
        return [".word 0x%08x" % w]

    def swi(self):
        comment = self.r.getrandbits(24)
        if comment == FZ_SWI_KERNEL:
            comment ^= 1
        return ["swi%s 0x%06x" % (self.cond(), comment)]

    USER_MENU = [("dp", 20), ("mul", 3), ("misc", 3), ("ldst", 14),
                 ("ldstm", 8), ("ldrd", 2), ("swp", 2), ("mrs", 3),
                 ("msr_flags", 2), ("user_msr", 3), ("user_cps", 2),
                 ("ldrt", 4), ("user_cp15", 5), ("bkpt", 2),
                 ("user_undef", 4), ("swi", 5), ("user_thumb", 4)]

    def user_excursion(self):
        """An exception return to USR mode (flags and on ARMv6 GE random)
        at a block of user items in the user-code section, which
        ends with SWI FZ_SWI_KERNEL: the runtime's SWI handler returns
        from that one in SVC (I, F set) after it, where a branch comes
        back here."""
        # I, F and A clear: a task's MRS CPSR, which no trap word
        # replaces, reads the real CPSR, whose I, F, A are armpv-bm's
        # while it runs the task (docs/fuzzing.md, armpv's limits).
        v = self.psr([USR]) & ~0x1C0
        rx = self.reg()
        n = self.r.randrange(2, 14)
        menu = [(m, w) for m, w in self.USER_MENU
                if m != "user_cps" or self.v6]
        sub = [self.item(menu) for _ in range(n)]
        # A quarter enter the task in Thumb state (SPSR.T set): a
        # Thumb block first, which goes on in ARM state (BX PC).
        thumb = None
        if self.r.random() < 0.25:
            v |= 0x20
            thumb = self.thumb_items(user=True)
        eff = lambda s: setattr(s, "mode", SVC)
        it = Item(["ldr r%d, =0x%08x" % (rx, v),
                   "msr spsr_cxsf, r%d" % rx], need=lambda s: s.mode in
                  WITH_SPSR, effect=eff, user=sub)
        it.user_thumb = thumb
        return it

    def item(self, menu=None):
        menu = menu or [(n, w) for n, w in self.MENU
                        if (n not in ("cps", "srs") or self.v6) and
                        (n != "irq" or self.board == "versatilepb" or
                         self.raspi0_irq)]
        names = [n for n, w in menu]
        weights = [w for n, w in menu]
        it = getattr(self, self.r.choices(names, weights)[0])()
        if isinstance(it, list):
            it = Item(it)
        return it

    # -- the whole guest ------------------------------------------------
    def domain_before_l2(self, addr, dacr):
        """Whether an access at addr meets deviation "domain-before-l2"
        (docs/fuzzing.md): QEMU 7.2 checks the domain of a coarse or fine
        table's first-level descriptor before it reads the second-level
        one, so an invalid second-level entry in a no-access domain gives
        a domain fault; the ARM926EJ-S (TRM Figure 3-13) and ARMv6 give
        the page translation fault that armpv-bm gives."""
        i = (addr - SCRATCH_VA) >> 20
        if not 0 <= i < len(self.l1kind) or \
                self.l1kind[i] not in ("coarse", "fine"):
            return False
        if (dacr >> (2 * self.l1dom[i])) & 1:
            return False  # client or manager
        return ((addr >> 10) & 0x3FF) not in self.l2valid[i]

    def aborts(self, addr, st):
        """Whether a word load at addr in st's mode aborts, by the tables,
        DACR, SCTLR.A, S and R (ARM ARM B4.4-B4.6, ARMv5 format)."""
        user = st.mode == USR
        if addr & 3 and st.align:
            return True
        if self.scratch_pa <= addr < self.scratch_pa + \
                SCRATCH_MBS * 0x100000:
            return user  # the kernel's identity map
        i = (addr - SCRATCH_VA) >> 20
        if not 0 <= i < len(self.l1kind) or self.l1kind[i] == "fault":
            return True
        kind = self.l1kind[i]
        apx = 0
        if kind == "section":
            ap, apx = self.l1ap[i]
        else:
            sub = (addr >> 10) & 0x3FF
            n = sub if kind == "fine" else sub >> 2
            d = self.l2map[i].get(n)
            if d is None:
                return True
            if self.xp:  # one AP and APX (bit 9) per page
                ap, apx = (d >> 4) & 3, (d >> 9) & 1
            elif d & 3 == 3:
                ap = (d >> 4) & 3  # tiny
            elif d & 3 == 2:
                ap = (d >> (4 + 2 * ((addr >> 10) & 3))) & 3  # small
            else:
                ap = (d >> (4 + 2 * ((addr >> 14) & 3))) & 3  # large
        dom = (st.dacr >> (2 * self.l1dom[i])) & 3
        if dom in (0, 2):
            return True
        if dom == 3:
            return False
        if ap == 0:  # reads need S (privileged only) or R (B4.5.1)
            return not (st.sr == 1 << 9 or (st.sr == 1 << 8 and
                                            not user))
        # APX:AP 101 privileged read-only, 110 and 111 read-only (ARMv6
        # B4.5.1): reads as for APX = 0.
        return user and ap == 1

    def fetch_aborts(self, addr, st):
        """Whether an instruction fetch at the word address addr in
        st's mode aborts: as a load (read permission), and in the ARMv6
        format also by XN in a client domain (ARM ARM B4.7).  Never
        true where the fetch could succeed: the scratch data is no
        rewritten kernel code (armpv-bm runs the kernel in USR mode)."""
        if self.aborts(addr & ~3, State(st.mode, False, st.dacr, st.unal,
                                        st.sr)):
            return True
        if not self.xp:
            return False
        i = (addr - SCRATCH_VA) >> 20
        if not 0 <= i < len(self.l1kind):
            return False
        # XN only in a client domain: a manager's accesses are not
        # checked against the descriptor's permissions, and QEMU 7.2
        # and armpv-bm alike let a manager domain's XN pages run
        # (seed 1 on arm1176 ran the scratch data in both)
        if (st.dacr >> (2 * self.l1dom[i])) & 3 != 1:
            return False
        if self.l1kind[i] == "section":
            return bool(self.l1xn[i])
        d = self.l2map[i].get((addr >> 12) & 0xFF)
        if d & 2:
            return bool(d & 1)  # small page: XN bit 0
        return bool((d >> 15) & 1)  # large page: XN bit 15

    def tables(self):
        """First-level descriptors of the scratch MiBs and the
        (mib, index, descriptor) triples of their second-level tables
        (ARMv5 format; ARM926EJ-S TRM 3.2)."""
        l1, l2 = [], []
        self.l1kind, self.l1dom, self.l1ap = [], [], []
        self.l1xn = {}
        # The ARM1176 may use the ARMv6 format (SCTLR.XP = 1, ARM1176JZF-S
        # TRM 6.11): APX, XN, nG, S, TEX; no subpages, no fine tables.
        self.xp = self.v6 and self.r.random() < 0.5
        # A quarter of those map the scratch by a supersection.
        self.super = self.xp and self.r.random() < 0.25
        self.scratch_pa = SUPER_PA if self.super else SCRATCH_PA
        if self.super:
            return self.tables_super(), []
        bit4 = 0 if self.xp else 1 << 4
        for i in range(SCRATCH_MBS):
            pa = SCRATCH_PA + i * 0x100000
            dom = self.r.randrange(16)
            if self.xp:
                self.tables_xp(i, pa, dom, l1, l2)
                continue
            kinds = ["section", "coarse", "fault"] + ([] if self.v6 else
                                                      ["fine"])
            kind = self.r.choices(kinds, [3, 4, 1] + ([] if self.v6
                                                      else [3]))[0]
            ap = lambda: self.r.randrange(4)
            aps = lambda: (ap() * 0x55 if self.r.random() < 0.5 else
                           ap() | ap() << 2 | ap() << 4 | ap() << 6)
            self.l1kind.append(kind)
            self.l1dom.append(dom)
            if kind != "section":
                self.l1ap.append(None)
            if kind == "fault":
                l1.append(0)
            elif kind == "section":
                l1.append(pa | ap() << 10 | dom << 5 | bit4 | 2)
                self.l1ap.append(((l1[-1] >> 10) & 3, 0))
            elif kind == "coarse":
                l1.append((L2_PA + i * 0x1000) | dom << 5 |
                          (0 if self.v6 else bit4) | 1)
                if self.r.random() < 0.25:
                    d = pa | aps() << 4 | 1
                    l2 += [(i, n, d) for n in range(16)]
                else:
                    for n in range(16):
                        if self.r.random() < 0.2:
                            continue
                        frame = pa + self.r.randrange(16) * 0x1000
                        l2.append((i, n, frame | aps() << 4 | 2))
            else:
                l1.append((L2_PA + i * 0x1000) | dom << 5 | bit4 | 3)
                if self.r.random() < 0.15:
                    d = pa | aps() << 4 | 1
                    l2 += [(i, n, d) for n in range(64)]
                    continue
                for p in range(16):
                    k = self.r.random()
                    if k < 0.15:
                        continue
                    if k < 0.45:
                        d = (pa + self.r.randrange(16) * 0x1000) | \
                            aps() << 4 | 2
                        l2 += [(i, 4 * p + n, d) for n in range(4)]
                        continue
                    for n in range(4):
                        if self.r.random() < 0.2:
                            continue
                        frame = pa + self.r.randrange(64) * 0x400
                        l2.append((i, 4 * p + n, frame | ap() << 4 | 3))
        # The 1 KiB subpages each scratch MiB's second-level table maps.
        self.l2valid = [set() for _ in range(SCRATCH_MBS)]
        self.l2map = [{} for _ in range(SCRATCH_MBS)]
        for i, n, d in l2:
            self.l2map[i][n] = d
            if self.l1kind[i] == "coarse":
                self.l2valid[i].update(range(4 * n, 4 * n + 4))
            else:
                self.l2valid[i].add(n)
        return l1, l2

    def xp_attrs(self):
        """Random ARMv6-format attributes: APX, AP (never the reserved
        100), a Normal memory type TEX, C, B (001 0 0, 000 1 0, 000 1 1,
        001 1 1; never Device or Strongly-ordered, where an unaligned
        access is UNPREDICTABLE), XN, nG, S."""
        apx, ap = 0, self.r.randrange(4)
        if self.r.random() < 0.3:
            apx, ap = 1, self.r.randrange(1, 4)
        tex, c, b = self.r.choice([(1, 0, 0), (0, 1, 0), (0, 1, 1),
                                   (1, 1, 1)])
        return apx, ap, tex, c, b, self.r.getrandbits(1), \
            self.r.getrandbits(1), self.r.getrandbits(1)

    def tables_super(self):
        """The scratch's 16 MiB at SCRATCH_VA as one supersection (ARM
        ARM B4.7: 16 identical first-level entries, bit 18 set, in
        domain 0, physical SUPER_PA), random
        attributes; so the MiB after the four scratch ones is mapped
        too."""
        apx, ap, tex, c, b, xn, ng, sh = self.xp_attrs()
        d = SUPER_PA | 1 << 18 | ng << 17 | sh << 16 | apx << 15 | \
            tex << 12 | ap << 10 | xn << 4 | c << 3 | b << 2 | 2
        self.l1kind = ["section"] * 16
        self.l1dom = [0] * 16
        self.l1ap = [(ap, apx)] * 16
        self.l1xn = {i: xn for i in range(16)}
        self.l2valid = [set() for _ in range(16)]
        self.l2map = [{} for _ in range(16)]
        return [d] * 16

    def tables_xp(self, i, pa, dom, l1, l2):
        """Scratch MiB i in the ARMv6 format (ARM ARM B4.7, ARM1176JZF-S
        TRM Figures 6-6 to 6-10): a section or a coarse table of large
        and small pages, each with random APX:AP (never the reserved
        100), XN, nG, S and a Normal memory type (TEX, C, B: 001 0 0,
        000 1 0, 000 1 1, 001 1 1; never Device or Strongly-ordered,
        where an unaligned access is UNPREDICTABLE)."""
        attrs = self.xp_attrs
        kind = self.r.choices(["section", "coarse", "fault"], [3, 5, 1])[0]
        self.l1kind.append(kind)
        self.l1dom.append(dom)
        if kind == "fault":
            l1.append(0)
            self.l1ap.append(None)
            return
        if kind == "section":
            apx, ap, tex, c, b, xn, ng, sh = attrs()
            l1.append(pa | ng << 17 | sh << 16 | apx << 15 | tex << 12 |
                      ap << 10 | dom << 5 | xn << 4 | c << 3 | b << 2 | 2)
            self.l1xn[i] = xn
            self.l1ap.append((ap, apx))
            return
        self.l1ap.append(None)
        l1.append((L2_PA + i * 0x1000) | dom << 5 | 1)
        if self.r.random() < 0.25:
            apx, ap, tex, c, b, xn, ng, sh = attrs()
            d = pa | xn << 15 | tex << 12 | ng << 11 | sh << 10 | \
                apx << 9 | ap << 4 | c << 3 | b << 2 | 1
            l2 += [(i, n, d) for n in range(16)]
            return
        for n in range(16):
            if self.r.random() < 0.2:
                continue
            apx, ap, tex, c, b, xn, ng, sh = attrs()
            frame = pa + self.r.randrange(16) * 0x1000
            l2.append((i, n, frame | ng << 11 | sh << 10 | apx << 9 |
                       tex << 6 | ap << 4 | c << 3 | b << 2 | 2 | xn))

    def generate(self, keep_steps=None, drop_items=frozenset(),
                 keep_items=None):
        l1, l2 = self.tables()
        dacr = 1
        for d in range(1, 16):
            dacr |= self.r.choice([0, 1, 1, 3]) << (2 * d)
        align = self.r.random() < 0.3
        self.sr = self.r.choice([0, 0, 1 << 8, 1 << 9])
        # The FCSE PID the steps may set: its 32 MiB of modified
        # addresses (PID << 25) clear of the runtime's other first-level
        # entries (the devices' MiBs at 0x10000000 and 0x20000000, the
        # high vectors' at 0xfff00000): runtime.c maps them as 0-32 MiB.
        self.fcse_pid = self.r.choice([p for p in range(1, 100)
                                       if p not in (8, 16) and
                                       (p != 1 or not self.super)])
        unal = self.v6 and self.r.random() < 0.5
        sctlr = (2 if align else 0) | self.sr | (1 << 22 if unal else 0) | \
            (1 << 23 if self.xp else 0)
        regs0 = [self.r.getrandbits(5) << 27] + [self.word32()
                                                 for _ in range(13)]
        steps = []
        for s in range(self.nsteps):
            n = self.r.randrange(4, 24)
            steps.append([self.item() for _ in range(n)])

        out = []
        w = out.append
        w("/* Generated by tests/sysfuzz/gen.py --board %s --cpu %s --steps"
          " %d %d: do not edit. */" % (self.board, self.cpu, self.nsteps,
                                       self.seed))
        w('#include "kern.h"')
        w("\t.section .rodata")
        w("\t.align 2")
        for name, val in (("fz_seed", self.seed), ("fz_dacr0", dacr),
                          ("fz_sctlr_set", sctlr),
                          ("fz_fcse_pid", self.fcse_pid),
                          ("fz_scratch_pa", self.scratch_pa),
                          ("fz_nl1", len(l1))):
            w("GLOBAL(%s)\n\t.word 0x%08x" % (name, val))
        w("GLOBAL(fz_l1)")
        for d in l1:
            w("\t.word 0x%08x" % d)
        w("GLOBAL(fz_nl2)\n\t.word %d" % len(l2))
        w("GLOBAL(fz_l2)")
        for t in l2:
            w("\t.word %d, %d, 0x%08x" % t)
        w("GLOBAL(fz_regs0)")
        for v in regs0:
            w("\t.word 0x%08x" % v)
        user = []
        kept = [s for s in range(self.nsteps)
                if keep_steps is None or s in keep_steps]
        w("GLOBAL(fz_nsteps)\n\t.word %d" % len(kept))
        w("GLOBAL(fz_steps)")
        for s in kept:
            w("\t.word fz_step_%d" % s)
        w('GLOBAL(fz_cpu)\n\t.asciz "%s"' % self.cpu)
        w("\t.bss\n\t.align 3\nGLOBAL(fz_slot)\n\t.space 64")
        w("\t.text\n\t.arm")
        # SCTLR.A and DACR carry over from step to step; each step
        # starts in SVC (fz_run_step).
        st = State(SVC, align, dacr, unal, self.sr)
        for s in kept:
            st.mode = SVC
            w("fz_step_%d:" % s)
            for i, it in enumerate(steps[s]):
                name = "%d.%d" % (s, i)
                if name in drop_items or (keep_items is not None and
                                          name not in keep_items):
                    continue
                if not self.fits(it, st):
                    continue
                w("@ %d.%d (%s)" % (s, i, MODE_NAME[st.mode]))
                emit(w, it.lines)
                if it.user is not None:
                    self.excursion(w, user, name, it, st, drop_items)
                # An exception return's Thumb block runs in the mode it
                # returned to.
                if it.effect:
                    it.effect(st)
                if it.thumb is not None:
                    self.emit_thumb(w, name, it.thumb, st, drop_items)
            w("\tpush {r0-r12}\n\tmrs r0, cpsr\n\tpush {r0}\n"
              "\tb fz_step_done\n\t.ltorg")
        # The user tasks' code: armpv-rewrite --user-code keeps it as
        # assembled (docs/rewriter.md "User-mode code the kernel
        # carries"); it runs in USR mode natively too.
        w("\t.section .text.user, \"ax\"\n\t.arm\nGLOBAL(fz_user_start)")
        out.extend(user)
        w("GLOBAL(fz_user_end)")
        return "\n".join(out) + "\n"

    def fits(self, it, st):
        """Whether item it is defined in state st (and keeps clear of
        the deviations the generator avoids)."""
        if it.need == "align":
            if not st.align:
                return False
        elif it.need == "unaligned":
            if not st.align and not st.unal:
                return False
        elif it.need is not None and not it.need(st):
            return False
        if any(self.domain_before_l2(a, st.dacr) for a in it.addrs):
            return False
        return not (it.multi_load and any(self.aborts(a, st)
                                          for a in it.addrs))

    def emit_thumb(self, w, name, thumb, st, drop, first=0):
        """A Thumb block's Thumb half into w: its items that fit st and
        are not in drop (named from NAME.FIRST up), a literal pool, the
        way back to ARM state."""
        label, sub = thumb
        w("\t.thumb\n\t.syntax unified\n\t.align 2\n%s:" % label)
        for j, it in enumerate(sub, first):
            if not self.fits(it, st) or "%s.%d" % (name, j) in drop:
                continue
            w("@ %s.%d (Thumb)" % (name, j))
            emit(w, it.lines)
        w("\tb %s_pool\n\t.align 2\n\t.ltorg\n%s_pool:\n\t.align 2\n"
          "\tbx pc\n\tnop\n\t.syntax divided\n\t.arm" % (label, label))

    def excursion(self, w, user, name, exc, st, drop):
        """A user excursion's kernel side (the return into USR mode and
        the label it comes back to) into w, its user code into user:
        its Thumb items first if it enters in Thumb state (named from
        NAME.100 up), then its ARM items."""
        sub = exc.user
        label = "fz_user_" + name.replace(".", "_")
        w("\tldr lr, =%s\n\tmovs pc, lr\n.L%s_back:" % (label, label))
        kst = State(USR, st.align, st.dacr, st.unal, st.sr)
        kst.fcse, kst.fcse_used = st.fcse, st.fcse_used
        u = user.append
        if exc.user_thumb is not None:
            self.emit_thumb(u, name, (label, exc.user_thumb), kst, drop, 100)
        else:
            u("%s:" % label)
        for j, it in enumerate(sub):
            if not self.fits(it, kst) or it.effect or it.user is not None \
                    or "%s.%d" % (name, j) in drop:
                continue
            u("@ %s.%d (USR)" % (name, j))
            emit(u, it.lines)
            if it.thumb is not None:
                self.emit_thumb(u, "%s.%d" % (name, j), it.thumb, kst, drop)
        u("\tswi 0x%06x\n\tb .L%s_back\n\t.ltorg" % (FZ_SWI_KERNEL, label))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("seed", type=int)
    ap.add_argument("--board", choices=["versatilepb", "raspi0"],
                    default="versatilepb")
    ap.add_argument("--cpu", choices=["arm926", "arm1176"], default="arm926")
    ap.add_argument("--steps", type=int, default=24)
    ap.add_argument("--keep-steps", default=None)
    ap.add_argument("--drop-items", default="")
    ap.add_argument("--keep-items", default=None)
    ap.add_argument("--no-raspi0-irq", dest="raspi0_irq",
                    action="store_false",
                    help="no interrupts on raspi0 (the system timer's "
                    "compares: docs/fuzzing.md)")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    keep = None
    if a.keep_steps is not None:
        keep = {int(x) for x in a.keep_steps.split(",") if x}
    drop = frozenset(x for x in a.drop_items.split(",") if x)
    keep_items = None
    if a.keep_items is not None:
        keep_items = frozenset(x for x in a.keep_items.split(",") if x)
    text = Gen(a.seed, a.board, a.cpu, a.steps,
               a.raspi0_irq).generate(keep, drop, keep_items)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        tmp = a.output + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        import os
        os.replace(tmp, a.output)


if __name__ == "__main__":
    main()
