/**
 * Chat commands of the planning job: deadlines, the current plan and its adoption date, actions
 * and the objectives they implement, marking an action done, the calendar feeds
 * (calendar/calendar-commands.ts), the timeline and the presidency. Civil "today" is ctx.now in the working party's time zone.
 */
import { readableDocuments } from "../knowledge/document-access.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { defineCommand, type AnyCommand, type CommandContext } from "../core/command.ts";
import { NotFoundError, PermissionError } from "../core/errors.ts";
import { reply, textReply, type Block } from "../core/reply.ts";
import { longDate, todayIn } from "../time/civil-date.ts";
import { calendarCommands } from "./calendar/calendar-commands.ts";
import { deadlineBlocks, deadlineLine, doneButton } from "./deadlines/chat-format.ts";
import { listDeadlines } from "./deadlines/deadlines.ts";
import { labelKey } from "./plan-file/objective-label.ts";
import { Delegation } from "../store/delegation.ts";
import { leadLabel, mayReport } from "../store/plans/leads.ts";
import { adoptionSentence, currentPlan, laterPlanExists, requirePlan } from "./cycle/plans.ts";
import { listYears } from "./cycle/presidencies.ts";
import { presidencySummary } from "./cycle/presidency-summary.ts";
import { svgToPng } from "./timeline/timeline-png.ts";
import { deadlinesCommand } from "./deadlines/deadlines-command.ts";
import { renderTimelineSvg, timelineData } from "./timeline/timeline.ts";

const today = (ctx: CommandContext) => todayIn(ctx.now, ctx.actor.workingParty.timeZone);
const Code = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9._/-]+$/, "an action code such as 22 or 12.1");

/** An action by code: in the current plan first, else the latest plan that has it. */
async function findAction(ctx: CommandContext, code: string, planNumber?: number) {
  const repos = ctx.deps.store.repos;
  const wp = ctx.actor.workingParty;
  const candidates = await repos.actionPlans.actionsCoded(wp.id, code, planNumber);
  if (candidates.length === 0) throw new NotFoundError(`${wp.code} has no action ${code}${planNumber ? ` in plan ${planNumber}` : ""}. Type current plan to see the plan, or deadlines to list actions with deadlines.`);
  const cur = await currentPlan(repos, wp.id, today(ctx));
  return candidates.find((a) => a.planId === cur?.id) ?? candidates.sort((a, b) => b.plan.number - a.plan.number)[0]!;
}

/** The planning job's commands, in matching order. */
export const planningCommands: AnyCommand[] = [
  deadlinesCommand,
  defineCommand({
    id: "plan.current",
    group: "Plans",
    summary: "Show the current action plan and when the next one must be adopted.",
    usage: "current plan",
    examples: ["current plan", "when must the next plan be adopted?"],
    args: z.object({}),
    handler: async (_args, ctx) => {
      const repos = ctx.deps.store.repos;
      const wp = ctx.actor.workingParty;
      const t = today(ctx);
      const plan = await currentPlan(repos, wp.id, t);
      if (!plan) return textReply(`${wp.code} has no action plan yet. The secretariat can import one: secretariat import plan FILE.`);
      const later = await laterPlanExists(repos, wp.id, plan);
      const actions = await repos.actionPlans.actionCount(plan.id);
      const rows = await listDeadlines(repos, { planId: plan.id }, t);
      // The same deadlines as `deadlines` counts: the plan's own "adopt the next plan by" is one of them.
      const n = (s: string) => rows.filter((r) => r.status === s).length;
      return reply(`${wp.code} plan ${plan.number}: ${plan.title}`, [
        { type: "text", text: `${wp.code} plan ${plan.number}: ${plan.title}`, style: "heading" },
        {
          type: "fields",
          fields: [
            { label: "Period", value: `${longDate(plan.startDate)} – ${longDate(plan.endDate)}` },
            { label: "Adopt the next plan by", value: longDate(plan.adoptNextBy) },
            { label: "Actions", value: String(actions) },
            { label: "Deadlines", value: `${n("open")} open, ${n("overdue")} overdue, ${n("done")} done` },
          ],
        },
        { type: "text", text: adoptionSentence(plan, later, t) },
      ]);
    },
  }),
  defineCommand({
    id: "plan.objective",
    group: "Plans",
    summary: "List the actions that implement a strategy objective.",
    usage: "which actions implement objective LABEL of the DOCUMENT?",
    examples: ["which actions implement objective 3.b of the 2012 strategy?"],
    args: z.object({ label: z.string().trim().min(1).max(60), document: z.string().trim().min(1).max(100) }),
    handler: async ({ label, document }, ctx) => {
      const wp = ctx.actor.workingParty;
      const year = /\b(19|20)\d{2}\b/.exec(document)?.[0];
      const words = document.toLowerCase().replace(/\b(the|strategy|resolution|programme)\b/g, " ").trim();
      // only the documents this working party may read are named (src/knowledge/document-access.ts)
      const docs = await readableDocuments(ctx.deps.store.repos, wp.id);
      const slugs = docs.filter((d) => (year ? String(d.year) === year || d.slug.includes(year) : d.slug.includes(words) || d.title.toLowerCase().includes(words))).map((d) => d.slug);
      const links = await ctx.deps.store.repos.actionPlans.objectiveLinks(wp.id, slugs.length ? { slugs } : year ? { slugPart: year } : {});
      const key = labelKey(label);
      const hits = links.filter((l) => {
        const k = labelKey(l.label);
        return k === key || k.startsWith(`${key}(`);
      });
      if (hits.length === 0) return textReply(`No action of ${wp.code} is linked to objective ${label} of the ${document}. Plans link actions to objectives with "objectives:" in the plan file.`);
      const lines = hits
        .sort((a, b) => a.action.plan.number - b.action.plan.number || a.action.ord - b.action.ord)
        .map((h) => `• Action ${h.action.code} (plan ${h.action.plan.number}) — ${h.action.title}  [${h.label}]`);
      return reply(`${hits.length} action(s) implement ${label}`, [
        { type: "text", text: `Actions implementing objective ${label} of the ${document}`, style: "heading" },
        { type: "text", text: lines.join("\n") },
      ]);
    },
  }),
  defineCommand({
    id: "plan.action",
    group: "Plans",
    summary: "Show an action: terms of reference, lead, deadlines and the objectives it implements.",
    usage: "action CODE",
    examples: ["action 22", "action 12.1"],
    args: z.object({ code: Code, plan: z.coerce.number().int().min(1).optional() }),
    handler: async ({ code, plan }, ctx) => {
      const a = await findAction(ctx, code, plan);
      const t = today(ctx);
      const rows = await listDeadlines(ctx.deps.store.repos, { planId: a.planId }, t);
      const mine = rows.filter((r) => r.action === a.code);
      const lead = leadLabel(a, a.leadMember) ?? "not set";
      const participants = JSON.parse(a.participants) as string[];
      const blocks: Block[] = [
        { type: "text", text: `Action ${a.code} (plan ${a.plan.number}${a.section ? ` · ${a.section}` : ""})`, style: "heading" },
        { type: "text", text: a.title },
        {
          type: "fields",
          fields: [
            { label: "Lead", value: lead },
            ...(participants.length ? [{ label: "Participants", value: participants.join(", ") }] : []),
            { label: "Status", value: a.status === "done" && a.doneAt ? `done (${todayIn(a.doneAt, ctx.actor.workingParty.timeZone)})` : a.status },
            { label: "Objectives", value: a.objectives.length ? a.objectives.map((o) => `${o.label}${o.documentSlug ? ` (${o.documentSlug})` : ""}`).join("; ") : "none linked" },
          ],
        },
      ];
      if (a.goals && a.goals !== a.title) blocks.push({ type: "section", title: "Goals", text: a.goals.length > 1200 ? `${a.goals.slice(0, 1199)}…` : a.goals });
      if (a.outcome) blocks.push({ type: "section", title: "Expected outcome", text: a.outcome });
      blocks.push({ type: "section", title: "Deadlines", text: mine.length ? mine.map(deadlineLine).join("\n") : "No deadline." });
      if (a.status !== "done") blocks.push({ type: "buttons", buttons: [doneButton(a.code, a.plan.number)] });
      return reply(`Action ${a.code}: ${a.title.slice(0, 100)}`, blocks);
    },
  }),
  defineCommand({
    id: "plan.done",
    group: "Plans",
    summary: "Mark an action done (the secretariat, or the lead's delegation).",
    usage: "done CODE",
    examples: ["done 22", "mark 12.1 done"],
    args: z.object({ code: Code, plan: z.coerce.number().int().min(1).optional() }),
    handler: async ({ code, plan }, ctx) => {
      const a = await findAction(ctx, code, plan);
      const { actor } = ctx;
      // The rule: plans are edited by the secretariat; a lead may close its own action.
      // handleMessage records the refusal in the audit log.
      if (!mayReport(actor, a)) {
        throw new PermissionError(
          `Only the secretariat or the lead of action ${a.code}${a.leadDelegation ? ` (${a.leadDelegation})` : ""} can mark it done. You are ${actor.delegation ? `with ${actor.delegation}` : "without a delegation"}; nothing was changed.`,
        );
      }
      if (a.status === "done") return textReply(`Action ${a.code} (plan ${a.plan.number}) is already done.`);
      await ctx.deps.store.unitOfWork(async (uow) => {
        await uow.actionPlans.markDone(a.id, ctx.now);
        await uow.audit.record({ workingPartyId: actor.workingParty.id, actor: actor.ref, action: "action.done", subject: `${actor.workingParty.code} plan ${a.plan.number} action ${a.code}`, at: ctx.now });
      });
      return textReply(`Action ${a.code} (plan ${a.plan.number}) is marked done. Its deadlines no longer count as open or overdue.`, "shared");
    },
  }),
  defineCommand({
    id: "plan.reopen",
    group: "Plans",
    summary: "Reopen an action marked done by mistake (the secretariat).",
    usage: "reopen CODE",
    examples: ["reopen 22", "reopen action 12.1"],
    args: z.object({ code: Code, plan: z.coerce.number().int().min(1).optional() }),
    roles: ["secretariat"],
    handler: async ({ code, plan }, ctx) => {
      const a = await findAction(ctx, code, plan);
      const { actor } = ctx;
      if (a.status !== "done") return textReply(`Action ${a.code} (plan ${a.plan.number}) is not marked done; nothing was changed.`);
      await ctx.deps.store.unitOfWork(async (uow) => {
        await uow.actionPlans.reopen(a.id);
        await uow.audit.record({ workingPartyId: actor.workingParty.id, actor: actor.ref, action: "action.reopen", subject: `${actor.workingParty.code} plan ${a.plan.number} action ${a.code}`, at: ctx.now });
      });
      return textReply(`Action ${a.code} (plan ${a.plan.number}) is open again. Its deadlines count as open or overdue again, and its reminders resume (none already sent is sent twice).`, "shared");
    },
  }),
  ...calendarCommands,
  defineCommand({
    id: "plan.timeline",
    group: "Plans",
    summary: "Picture of the plans, adopt-by dates, deadlines and presidencies.",
    usage: "timeline",
    examples: ["timeline"],
    args: z.object({}),
    handler: async (_args, ctx) => {
      const wp = ctx.actor.workingParty;
      const t = today(ctx);
      const data = await timelineData(ctx.deps.store.repos, wp.code, t);
      const png = svgToPng(renderTimelineSvg(data!));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secretariat-timeline-"));
      const name = `${wp.code.toLowerCase()}-timeline-${t}.png`;
      const file = path.join(dir, `${randomBytes(4).toString("hex")}-${name}`);
      fs.writeFileSync(file, png);
      return reply(`${wp.code} timeline`, [{ type: "file", file: { name, mediaType: "image/png", path: file, title: `${wp.code}: plans and deadlines as of ${longDate(t)}` } }], "shared");
    },
  }),
  defineCommand({
    id: "plan.presidency",
    group: "Plans",
    summary: "The Council presidency and trio in office, the next hand-over and the deadlines in the term.",
    usage: "presidency",
    examples: ["presidency", "who holds the presidency?"],
    args: z.object({}),
    handler: async (_args, ctx) => {
      const t = today(ctx);
      const s = await presidencySummary(ctx.deps.store.repos, t, ctx.actor.workingParty.id);
      if (!s.term) return textReply(`I have no presidency listed for ${longDate(t)}; the bundled list covers ${listYears()}.`);
      const blocks: Block[] = [
        { type: "text", text: `The ${s.term.adjective} Presidency (${s.term.country}), ${longDate(s.term.start)} – ${longDate(s.term.end)}`, style: "heading" },
        {
          type: "fields",
          fields: [
            { label: "Trio", value: s.trio.length ? s.trio.map((x) => x.country).join(", ") : "no formal trio before 2007" },
            { label: "Next hand-over", value: s.next ? `${s.next.country} on ${longDate(s.next.start)} (in ${s.next.inDays} days)` : "not in the list" },
          ],
        },
      ];
      blocks.push(...(s.deadlines.length ? deadlineBlocks(`Deadlines of ${ctx.actor.workingParty.code} in this term`, s.deadlines) : [{ type: "text" as const, text: `No deadline of ${ctx.actor.workingParty.code} falls in this term.` }]));
      return reply(`${s.term.country} holds the presidency`, blocks);
    },
  }),
];
