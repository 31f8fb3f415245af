/**
 * Starting a collection: checks the plan, the actions and the due date, records the collection and
 * its items, and asks each action's lead through the outbox, all in one transaction with its audit
 * entry, so a crash leaves either everything or nothing.
 */
import type { CommandContext } from "../core/command.ts";
import { ConflictError, InputError, NotFoundError } from "../core/errors.ts";
import type { Platform } from "../core/message.ts";
import type { Action, Collection, Member } from "../store/index.ts";
import { leadInfo, leadMembers } from "../store/plans/leads.ts";
import { longDate } from "../time/civil-date.ts";
import { requestMessage } from "./messages.ts";
import { civilDay } from "./schedule.ts";

/** What `collect start` asks for. */
export interface StartInput {
  plan: number;
  due: string;
  actions?: string[];
}

/** The outcome, for the reply. */
export interface StartResult {
  collection: Collection;
  asked: { action: Action; members: Member[] }[];
  /** actions whose lead nobody can be reached for yet */
  unreachable: { action: Action; lead: string }[];
}

/** The idempotency key of one request to one lead. */
export const askKey = (collectionId: number, actionId: number, memberId: number) => `collect:${collectionId}:ask:${actionId}:${memberId}`;

/** Starts a collection, or throws a BotError that says why not (nothing is changed then). */
export async function startCollection(input: StartInput, ctx: CommandContext): Promise<StartResult> {
  const { actor, now } = ctx;
  const repos = ctx.deps.store.repos;
  const wp = actor.workingParty;
  const today = civilDay(now, wp.timeZone);
  if (input.due <= today) {
    const later = { command: "collect.start", args: { plan: input.plan, due: nextMonth(today) }, text: `collect start plan ${input.plan} due ${nextMonth(today)}` };
    throw new InputError([`The due date ${longDate(input.due)} is not in the future (today is ${longDate(today)} in ${wp.timeZone}). Give a later date, e.g. `, later, "."], { due: "must be after today" });
  }
  const plan = await repos.actionPlans.withActionsInOrder(wp.id, input.plan);
  if (!plan) {
    const plans = (await repos.actionPlans.list(wp.id)).reverse();
    throw new NotFoundError(
      `${wp.code} has no action plan ${input.plan}. ${plans.length ? `Its plans are: ${plans.map((p) => p.number).join(", ")}.` : "No plan has been imported yet; the secretariat imports one with secretariat import plan FILE."}`,
    );
  }
  let actions = plan.actions.filter((a) => a.status !== "dropped");
  if (input.actions && input.actions.length > 0) {
    const byCode = new Map(plan.actions.map((a) => [a.code.toLowerCase(), a]));
    const unknown = input.actions.filter((c) => !byCode.has(c.toLowerCase()));
    if (unknown.length > 0) {
      throw new NotFoundError(`Plan ${plan.number} has no action ${unknown.join(", ")}. Its actions are: ${plan.actions.map((a) => a.code).join(", ") || "none"}.`);
    }
    actions = [...new Set(input.actions.map((c) => byCode.get(c.toLowerCase())!))];
  }
  if (actions.length === 0) throw new InputError(`Plan ${plan.number} has no open actions to report on.`);
  const members = await repos.members.inWorkingParty(wp.id);
  const askedBy = `${actor.role === "chair" ? "The chair" : "The secretariat"} of ${wp.code}`;

  return ctx.deps.store.unitOfWork(async (uow) => {
    // Inside the unit of work, so two chairs starting at once cannot both succeed unnoticed.
    const open = await uow.collections.openForPlan(plan.id);
    if (open) {
      throw new ConflictError(`A collection for plan ${plan.number} is already open (due ${longDate(open.dueDate)}). See it with collect status plan ${plan.number}, or close it first with collect close plan ${plan.number}.`);
    }
    const collection = await uow.collections.start({ workingPartyId: wp.id, planId: plan.id, dueDate: input.due, startedBy: actor.ref, startedAt: now }, actions.map((a) => a.id));
    const result: StartResult = { collection, asked: [], unreachable: [] };
    const msgCtx = { collection, plan, workingParty: wp };
    for (const action of actions) {
      const leads = leadMembers(action, members);
      if (leads.length === 0) {
        result.unreachable.push({ action, lead: leadInfo(action, members).label });
        continue;
      }
      for (const m of leads) {
        await ctx.outbox.enqueue(
          {
            key: askKey(collection.id, action.id, m.id),
            kind: "report-request",
            platform: m.platform as Platform,
            to: { kind: "user", id: m.platformUserId, ref: m.directRef },
            workingPartyId: wp.id,
            dueAt: now,
            replies: [requestMessage(msgCtx, action, askedBy)],
          },
          uow,
        );
      }
      result.asked.push({ action, members: leads });
    }
    await uow.audit.record({
      workingPartyId: wp.id,
      actor: actor.ref,
      action: "collection.start",
      subject: `collection:${collection.id}`,
      detail: {
        plan: plan.number,
        due: input.due,
        actions: actions.map((a) => a.code),
        asked: result.asked.flatMap((x) => x.members.map((m) => `${m.platform}:${m.platformUserId}`)),
        unreachable: result.unreachable.map((u) => u.action.code),
      },
      at: now,
    });
    return result;
  });
}

/** One sentence for the chair: who was asked, and whose lead is unknown. */
export function startSummary(r: StartResult, due: string): string {
  const people = new Set(r.asked.flatMap((a) => a.members.map((m) => m.id))).size;
  const parts = [`Collection started: ${r.asked.length + r.unreachable.length} action${r.asked.length + r.unreachable.length === 1 ? "" : "s"}, reports due ${longDate(due)}. ${
      // "I asked 0 leads for 0 actions" when nobody could be asked (issue 14 item 16's counts, in chat)
      r.asked.length === 0 ? "I could ask no lead directly." : `I asked ${people} lead${people === 1 ? "" : "s"} for ${r.asked.length} action${r.asked.length === 1 ? "" : "s"} directly.`
    }`];
  if (r.unreachable.length > 0) {
    parts.push(
      `No member is known yet for ${r.unreachable.map((u) => `${u.action.code} (lead ${u.lead})`).join(", ")}: they are asked once a member of the lead delegation writes to me and you run collect chase, or the secretariat can enter their report.`,
    );
  }
  return parts.join("\n");
}

function nextMonth(today: string): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
