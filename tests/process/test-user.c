// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-user.c -- user tasks, system calls and a context switch.
 *
 * The kernel drops to task A (user.S) with an exception return, takes its
 * SWIs at its own vector (ARM ARM A2.6.4: SWI entry, LR_svc = SWI + 4,
 * SPSR_svc = the user CPSR), saves the user registers with STM^ into the
 * frame (entry.S) and switches to task B by loading B's registers with
 * LDM^ on the way out.  The way back to user mode rotates through the
 * exception returns: MOVS pc, lr; SUBS pc, lr, #4; LDM {..., pc}^; and
 * RFE on ARMv6; each copies SPSR (or the loaded word) to CPSR.  Each task
 * checks itself through the kernel: the SWI after a return shows whether
 * the return restored its registers, flags and mode.
 */
#include "tests.h"

struct task {
	const char *name;
	struct pt_regs regs;
	const struct swi_site *sites;
	unsigned nsite;
	uint32_t pat;
	int last_form;
};

static uint32_t stack_a[256] __attribute__((aligned(8)));
static uint32_t stack_b[256] __attribute__((aligned(8)));
static struct task tasks[2];
static unsigned task_cur;
static unsigned form_next, form_used[NFORMS];
static const char *const form_names[] = { "MOVS pc, lr", "SUBS pc, lr, #4",
					  "LDM {..., pc}^", "RFE" };

static void task_init(struct task *t, const char *name, const char *pc,
		      uint32_t *stack_top, uint32_t pat,
		      const struct swi_site *sites)
{
	unsigned i;

	memset(t, 0, sizeof(*t));
	t->name = name;
	t->pat = pat;
	t->sites = sites;
	for (i = 0; i < 13; i++)
		t->regs.r[i] = pat + i;
	t->regs.sp = (uint32_t)stack_top;
	t->regs.lr = pat + 14;
	t->regs.pc = (uint32_t)pc;
	t->regs.psr = USR_MODE; /* user mode, interrupts enabled */
}

/* The register the task should hold: r<i> = pattern + i, r13 = stack. */
static uint32_t task_reg(const struct task *t, unsigned i)
{
	return i == 13 ? t->regs.sp : t->pat + i;
}

/* Check 15 registers in one line: the first that differs, if any. */
static void check_regs(const struct task *t, const uint32_t *regs,
		       const char *what)
{
	static const char *const names[] = { "r0",  "r1",  "r2", "r3",	"r4",
					     "r5",  "r6",  "r7", "r8",	"r9",
					     "r10", "r11", "r12", "r13", "r14" };
	unsigned i;

	for (i = 0; i < 15; i++)
		if (regs[i] != task_reg(t, i))
			break;
	check_ctx_append(what);
	if (i == 15) {
		check_eq(": r0-r14 as the task set them", 0, 0);
		return;
	}
	check_ctx_append(": ");
	check_eq(names[i], regs[i], task_reg(t, i));
}

static void check_task_regs(const struct task *t, const struct pt_regs *regs,
			    size_t ctx_len)
{
	uint32_t frame[15];

	memcpy(frame, regs->r, sizeof(regs->r));
	frame[13] = regs->sp;
	frame[14] = regs->lr;
	/* The task's snapshot, STMDB sp, {r0-r14} just below its SP. */
	check_regs(t, (const uint32_t *)(regs->sp - 60), "snapshot");
	check_ctx_truncate(ctx_len);
	check_regs(t, frame, "frame (STM^ of user sp, lr)");
}

/*
 * The SWI exception from a user task: regs is the frame entry.S built.
 * Returns the exception-return form to use, or RET_KERNEL.
 */
int swi_dispatch(struct pt_regs *regs)
{
	struct task *t = &tasks[task_cur];
	const struct swi_site *site = &t->sites[t->nsite];
	uint32_t nr;
	size_t ctx_len;
	int form;

	if ((regs->psr & PSR_MODE_MASK) != USR_MODE)
		kern_unexpected(2, regs->pc, regs->psr);
	nr = *(const uint32_t *)(regs->pc - 4) & 0x00ffffff;

	check_ctx("user: task ");
	check_ctx_append(t->name);
	check_ctx_append(" swi #");
	check_ctx_append_dec(t->nsite);
	if (t->last_form >= 0) {
		check_ctx_append(" after ");
		check_ctx_append(form_names[t->last_form]);
	}
	check_ctx_append(": ");
	ctx_len = check_ctx_len();
	check_eq("LR_svc = SWI + 4", regs->pc, site->addr + 4);
	check_eq("SPSR_svc = user CPSR", regs->psr, site->psr);
	if (site->addr)
		t->nsite++;

	switch (nr) {
	case SYS_CHECK:
		check_task_regs(t, regs, ctx_len);
		break;
	case SYS_SETFLAGS:
		regs->psr = (regs->psr & 0x0fffffff) | PSR_N | PSR_V;
		break;
	case SYS_YIELD:
		/* Context switch: the frame holds the user registers saved
		 * with STM^; load the other task's into it for LDM^. */
		memcpy(&t->regs, regs, sizeof(*regs));
		task_cur ^= 1;
		t = &tasks[task_cur];
		memcpy(regs, &t->regs, sizeof(*regs));
		break;
	case SYS_EXIT:
		return RET_KERNEL;
	default:
		check_eq("known system call", nr, SYS_CHECK);
		return RET_KERNEL;
	}
	form = form_next;
	form_next = (form_next + 1) % NFORMS;
	form_used[form]++;
	t->last_form = form;
	return form;
}

void test_user(void)
{
	unsigned i;

	task_init(&tasks[0], "A", task_a, &stack_a[256], TASK_A_PAT,
		  task_a_sites);
	task_init(&tasks[1], "B", task_b, &stack_b[256], TASK_B_PAT,
		  task_b_sites);
	task_cur = 0;
	tasks[0].last_form = FORM_MOVS;
	tasks[1].last_form = -1;
	form_next = FORM_SUBS;
	form_used[FORM_MOVS]++;
	user_enter(&tasks[0].regs, FORM_MOVS);

	check_ctx("user: ");
	check_eq("SYS_EXIT returns to the kernel (SVC, IRQ and FIQ masked)",
		 arch_local_save_flags() & PSR_LOW_MASK, PSR_KERNEL);
	check_eq("task A made every system call", tasks[0].sites[tasks[0].nsite].addr, 0);
	check_eq("task B made every system call", tasks[1].sites[tasks[1].nsite].addr, 0);
	for (i = 0; i < NFORMS; i++) {
		check_ctx("user: exception return ");
		check_ctx_append(form_names[i]);
		check_eq(" used", form_used[i] > 0, 1);
	}
}
