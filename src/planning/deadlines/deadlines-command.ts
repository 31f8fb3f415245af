/**
 * `deadlines`: what is coming up, in a named window (this week, March 2027, Q1 2027), overdue,
 * of one plan, or on the actions the member leads. Civil "today" is ctx.now in the working
 * party's time zone.
 */
import { z } from "zod";
import { defineCommand, type CommandContext } from "../../core/command.ts";
import { InputError } from "../../core/errors.ts";
import { reply, textReply, type Block } from "../../core/reply.ts";
import { longDate, todayIn } from "../../time/civil-date.ts";
import { deadlineBlocks } from "./chat-format.ts";
import { namedWindow, RELATIVE_WINDOWS, relativeWindow, type DeadlineWindow } from "../phrases/deadline-window.ts";
import { listDeadlines } from "./deadlines.ts";
import { requirePlan } from "../cycle/plans.ts";

const today = (ctx: CommandContext) => todayIn(ctx.now, ctx.actor.workingParty.timeZone);
const SCOPES = [...RELATIVE_WINDOWS, "overdue", "mine"] as const;

export const deadlinesCommand = defineCommand({
  id: "deadlines.list",
  group: "Deadlines",
  summary: "List deadlines: coming up, this week or month, in a month, overdue, of a plan, or the ones you lead.",
  usage: "deadlines [this week|this month|in MONTH YEAR|overdue|mine|plan N]",
  examples: ["deadlines", "what is due this month", "deadlines this week", "deadlines in March 2027", "what is overdue", "overdue", "upcoming deadlines", "deadlines plan 1", "my deadlines"],
  args: z.object({
    scope: z.string().toLowerCase().pipe(z.enum(SCOPES)).optional(),
    /** a named period: "March 2027", "Q1 2027", "2027" */
    period: z.string().trim().min(1).max(100).optional(),
    plan: z.coerce.number().int().min(1).optional(),
  }),
  handler: async ({ scope, period, plan }, ctx) => {
    const repos = ctx.deps.store.repos;
    const wp = ctx.actor.workingParty;
    const t = today(ctx);
    if (plan !== undefined) {
      await requirePlan(ctx, plan);
      const rows = await listDeadlines(repos, { workingPartyId: wp.id, planNumber: plan }, t);
      if (rows.length === 0) return textReply(`Plan ${plan} of ${wp.code} has no deadlines.`);
      return reply(`${rows.length} deadline(s) of plan ${plan}`, deadlineBlocks(`Deadlines of ${wp.code} plan ${plan}`, rows));
    }
    if (period !== undefined || (scope !== undefined && scope !== "overdue" && scope !== "mine")) {
      const w = period !== undefined ? namedWindow(period, t) : relativeWindow(scope as (typeof RELATIVE_WINDOWS)[number], t);
      if ("error" in w) throw new InputError(w.error);
      return windowReply(ctx, w, await listDeadlines(repos, { workingPartyId: wp.id, from: w.from, until: w.until }, t));
    }
    if (scope === "overdue") {
      // Most recently missed first: the old ones are rarely what the chair is after.
      const rows = (await listDeadlines(repos, { workingPartyId: wp.id, overdue: true }, t)).reverse();
      if (rows.length === 0) return textReply(`Nothing is overdue in ${wp.code}.`);
      return reply(`${rows.length} overdue deadline(s)`, deadlineBlocks(`Overdue in ${wp.code} (as of ${longDate(t)}), latest first`, rows));
    }
    if (scope === "mine") {
      const rows = (await listDeadlines(repos, { workingPartyId: wp.id, ledBy: ctx.actor }, t)).filter((r) => r.status !== "done");
      const whose = ctx.actor.delegation ? `${ctx.actor.delegation} or you` : "you";
      if (rows.length === 0)
        return textReply(`No open deadline in ${wp.code} is on an action led by ${whose}.${ctx.actor.delegation ? "" : " (No delegation is set for you: ask the secretariat to set it.)"}`);
      return reply(`${rows.length} deadline(s) you lead`, deadlineBlocks(`Deadlines of actions led by ${whose}`, rows));
    }
    const upcoming = await listDeadlines(repos, { workingPartyId: wp.id, from: t, limit: 10 }, t);
    const overdue = await listDeadlines(repos, { workingPartyId: wp.id, overdue: true }, t);
    const blocks: Block[] = upcoming.length ? deadlineBlocks(`Coming up in ${wp.code}`, upcoming, 10) : [{ type: "text", text: `No deadline is coming up in ${wp.code}.` }];
    if (overdue.length) blocks.push({ type: "text", text: `${overdue.length} deadline(s) are overdue: type what is overdue to see them.`, style: "muted" });
    return reply(upcoming.length ? `${upcoming.length} upcoming deadline(s)` : "No upcoming deadlines", blocks);
  },
});

function windowReply(ctx: CommandContext, w: DeadlineWindow, rows: Awaited<ReturnType<typeof listDeadlines>>) {
  const wp = ctx.actor.workingParty;
  const span = w.from === w.until ? longDate(w.from) : `${longDate(w.from)} – ${longDate(w.until)}`;
  if (rows.length === 0) return textReply(`Nothing is due in ${wp.code} ${w.name} (${span}).`);
  return reply(`${rows.length} deadline(s) ${w.name}`, deadlineBlocks(`Due ${w.name} in ${wp.code} (${span})`, rows));
}
