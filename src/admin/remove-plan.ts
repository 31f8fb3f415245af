/**
 * `remove plan N` takes back a plan imported by mistake (issue 14, item 12): the secretariat only,
 * in two steps because it destroys data. The first step says what would go and offers a button
 * (or `remove plan N confirm`); the second deletes the plan with its actions and deadlines,
 * withdraws its reminders not yet sent and writes the audit entry, in one unit of work.
 *
 * The rule that keeps reports safe: a plan is not removed while one of its collections is open
 * (leads may be filling in the form) or holds a stored progress report (removing the plan would
 * delete it). Closed collections without reports go with the plan.
 */
import { z } from "zod";
import { defineCommand, type CommandContext } from "../core/command.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import { reply, textReply, type Reply } from "../core/reply.ts";
import { withdrawPlanReminders } from "../reminders/withdraw-plan.ts";
import { longDate } from "../time/civil-date.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

type Removal = Awaited<ReturnType<CommandContext["uow"]["actionPlans"]["removal"]>>;

/** Why a plan cannot be removed, one clause per collection in the way; empty when it can. */
export function removalObstacles(collections: Removal["collections"]): string[] {
  return collections
    .filter((c) => c.status === "open" || c.reports > 0)
    .map((c) => {
      const what = `collection #${c.id} (due ${longDate(c.dueDate)}, ${c.status})`;
      if (c.reports > 0) return `${what} holds ${plural(c.reports, "progress report")}`;
      return `${what} is open: leads may be writing their reports (close it first with collect close)`;
    });
}

/** What the plan's removal deletes, in words: "3 actions, 7 deadlines and 1 closed collection". */
export function contents(r: Removal): string {
  const parts = [plural(r.actions, "action"), plural(r.deadlines, "deadline")];
  if (r.collections.length) parts.push(`${plural(r.collections.length, "closed collection")} without reports`);
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

export const removePlanCommand = defineCommand({
  id: "plan.remove",
  group: "Plans",
  summary: "Remove a plan imported by mistake, with its actions and deadlines (the secretariat; asks to confirm).",
  usage: "remove plan N [confirm]",
  examples: ["remove plan 12", "delete plan 12", "remove plan 12 confirm"],
  args: z.object({
    number: z.coerce.number({ error: "a plan number such as 12" }).int("a plan number such as 12").min(1, "a plan number such as 12").max(1_000_000, "a plan number such as 12"),
    confirm: z.enum(["confirm", "yes"], { error: 'type "confirm" after the number to remove the plan' }).optional(),
  }),
  roles: ["secretariat"],
  handler: async ({ number, confirm }, ctx): Promise<Reply> => {
    const { actor, uow } = ctx;
    const wp = actor.workingParty;
    const plan = await uow.actionPlans.byNumber(wp.id, number);
    if (!plan) throw new NotFoundError(`${wp.code} has no plan ${number}; nothing was removed. Type current plan to see the plans.`);
    const r = await uow.actionPlans.removal(plan.id);
    const obstacles = removalObstacles(r.collections);
    if (obstacles.length)
      throw new InputError(`${wp.code} plan ${number} cannot be removed: ${obstacles.join("; ")}. Removing the plan would lose them; nothing was removed.`);
    const name = `${wp.code} plan ${number} (${plan.title})`;
    if (!confirm) {
      return reply(`Remove ${wp.code} plan ${number}? Nothing is removed until you confirm.`, [
        { type: "text", text: `Remove ${name}?`, style: "heading" },
        { type: "text", text: `This deletes its ${contents(r)}. Its reminders not yet sent will not go out. The audit log keeps a record; the plan file can be imported again.` },
        { type: "text", text: `Nothing is removed until you confirm: press the button or type remove plan ${number} confirm.`, style: "muted" },
        { type: "buttons", buttons: [{ label: `Remove plan ${number}`, command: "plan.remove", args: { number, confirm: "confirm", text: `remove plan ${number} confirm` }, style: "danger" }] },
      ]);
    }
    const reminders = await withdrawPlanReminders(uow.deliveries, wp, number);
    let requests = 0;
    // Closed collections have no chase left to plan, but a request that failed may still wait for a retry.
    for (const c of r.collections) requests += await uow.deliveries.withdraw({ keyPrefix: `collect:${c.id}:` }, `plan ${number} was removed`);
    await uow.actionPlans.remove(plan.id);
    await uow.audit.record({
      workingPartyId: wp.id,
      actor: actor.ref,
      action: "plan.remove",
      subject: `${wp.code} plan ${number}`,
      detail: { number, title: plan.title, actions: r.actions, deadlines: r.deadlines, collections: r.collections.length, remindersWithdrawn: reminders.withdrawn, remindersRewritten: reminders.rewritten, requestsWithdrawn: requests },
      at: ctx.now,
    });
    return textReply(`Removed ${name}: its ${contents(r)}. Its reminders not yet sent will not go out.`, "shared");
  },
});
