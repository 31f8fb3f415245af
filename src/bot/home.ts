/**
 * A member's home: their deadlines (overdue and the next 60 days) for the actions they or their
 * delegation lead, those actions, the open collections asking them for a report (with a button to
 * report), and the working party's next adopt-by date. Platform-neutral: Slack publishes it as the
 * App Home tab; the console shows it as text.
 */
import { addCivilDays, civilDateAt } from "../time/civil-date.ts";
import { z } from "zod";
import type { Repositories } from "../store/index.ts";
import { defineCommand } from "../core/command.ts";
import { reply, type Block, type Button, type Reply } from "../core/reply.ts";
import { longDate } from "../time/civil-date.ts";
import type { Actor } from "../core/actor.ts";
import { currentPlan } from "../planning/cycle/plans.ts";

/** How far ahead the home looks for deadlines. */
export const HOME_HORIZON_DAYS = 60;
/** Rows per list before "… and N more". */
const LIST_MAX = 15;

export const homeCommand = defineCommand({
  id: "home",
  group: "General",
  summary: "Show your deadlines, the actions you lead, open report requests and the next adopt-by date.",
  usage: "home",
  examples: ["home"],
  args: z.object({}),
  handler: async (_args, ctx) => buildHome(ctx.deps.store.repos, ctx.actor, ctx.now),
});

/** Builds the home reply from the store. Pure apart from the reads. */
export async function buildHome(repos: Pick<Repositories, "actionPlans" | "collections">, actor: Actor, now: Date): Promise<Reply> {
  const wp = actor.workingParty;
  const today = civilDateAt(now, wp.timeZone);
  const horizon = addCivilDays(today, HOME_HORIZON_DAYS);
  const actions = await repos.actionPlans.openLedBy(wp.id, actor);
  const actionIds = actions.map((a) => a.id);
  const deadlines = await repos.actionPlans.deadlinesOf(actionIds, horizon);
  const collections = await repos.collections.openAsking(wp.id, actionIds);
  const plan = await currentPlan(repos, wp.id, today);

  const who = `${actor.member.displayName}${actor.delegation ? ` (${actor.delegation})` : ""}`;
  const blocks: Block[] = [
    { type: "text", text: `${wp.code} — ${wp.name}`, style: "heading" },
    {
      type: "fields",
      fields: [
        { label: "You", value: `${who}, ${actor.role}` },
        {
          label: "Next action plan to adopt by",
          value: plan ? `${longDate(plan.adoptNextBy)} (plan ${plan.number} ends ${longDate(plan.endDate)})` : "no plan yet",
        },
      ],
    },
  ];

  const lines = deadlines.map((d) => `${d.dueDate < today ? "⚠ overdue " : ""}${longDate(d.dueDate)} — ${d.action?.code ?? ""} ${d.what ?? d.action?.title ?? ""}${d.text === d.dueDate ? "" : ` (“${d.text}”)`}`.replace(/\s+/g, " "));
  blocks.push({ type: "section", title: `Your deadlines (overdue and next ${HOME_HORIZON_DAYS} days)`, text: listText(lines, "Nothing due for your actions.") });
  blocks.push({
    type: "section",
    title: actor.delegation ? `Actions ${actor.delegation} leads` : "Actions you lead",
    text: listText(
      actions.map((a) => `${a.code} ${a.title} (plan ${a.plan.number})`),
      actor.delegation ? "None in the current plans." : "None. Ask the secretariat to set your delegation (delegation @you XX).",
    ),
  });

  const asks = collections.flatMap((c) => c.items.map((i) => ({ c, i })));
  if (asks.length > 0) {
    blocks.push({ type: "section", title: "Progress reports asked of you", text: listText(asks.map(({ c, i }) => `${i.action.code} ${i.action.title} — due ${longDate(c.dueDate)}`), "") });
    const buttons: Button[] = asks.slice(0, LIST_MAX).map(({ c, i }) => ({ label: `Report on ${i.action.code}`, command: "report.form", args: { action: i.action.code, collection: c.id, text: `report ${i.action.code}` }, style: "primary" }));
    blocks.push({ type: "buttons", buttons });
  } else if (collections.length > 0) {
    blocks.push({ type: "text", text: `${collections.length} collection(s) open; none asks your actions for a report.`, style: "muted" });
  }
  blocks.push({ type: "text", text: "Type help in a message to the bot to see what else I can do.", style: "muted" });
  return reply(`Home: ${deadlines.length} deadline(s), ${actions.length} action(s), ${asks.length} report(s) asked`, blocks);
}

function listText(lines: string[], empty: string): string {
  if (lines.length === 0) return empty;
  const shown = lines.slice(0, LIST_MAX).map((l) => `• ${l}`);
  if (lines.length > LIST_MAX) shown.push(`… and ${lines.length - LIST_MAX} more`);
  return shown.join("\n");
}
