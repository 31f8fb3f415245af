/**
 * Chat commands of progress-report collection. Chairs and the secretariat start, chase, close and
 * compile; leads report by form or typed text. Listed before the other jobs' commands because
 * "report ..." and "collect ..." must not fall through to free questions.
 */
import { z } from "zod";
import { defineCommand, type CommandContext, type AnyCommand } from "../core/command.ts";
import { InputError } from "../core/errors.ts";
import { reply, textReply, type Block } from "../core/reply.ts";
import type { Role } from "../core/message.ts";
import { chaseCollection } from "./chase.ts";
import { closeCollection } from "./close.ts";
import { compileAudited } from "./compile/index.ts";
import { findCollection } from "./find.ts";
import { longDate } from "../time/civil-date.ts";
import { reportForm } from "./messages.ts";
import { checkMayReport, findReportTarget, previousReport, submitReport } from "./report.ts";
import { startCollection, startSummary } from "./start.ts";
import { loadSnapshot } from "./snapshot.ts";
import { collectionStatus, countLine, statusReply } from "./status.ts";
import { ActionCodeSchema, ReportContentSchema, STATUS_LABELS } from "./types.ts";

const CHAIRS: readonly Role[] = ["chair", "secretariat"];
const GROUP = "Progress reports";

/** "" and absent are the same in forms; numbers arrive as text from patterns and forms. */
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalInt = (what: string) => z.preprocess(blankToUndefined, z.coerce.number(`${what} must be a number`).int(`${what} must be a whole number`).positive(`${what} must be positive`).optional());

const DueDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "the due date must be written YYYY-MM-DD, e.g. 2026-12-15")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), "that due date does not exist");

const PlanArgs = z.object({ plan: optionalInt("the plan number") });

const StartArgs = z.object({
  plan: optionalInt("the plan number"),
  due: z.preprocess(blankToUndefined, DueDate.optional()),
  actions: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(2000)
      .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
      .pipe(z.array(ActionCodeSchema).max(500))
      .optional(),
  ),
});

const SubmitArgs = z.object({
  collection: optionalInt("the collection"),
  action: ActionCodeSchema,
  version: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
  ...ReportContentSchema.shape,
});


/** The commands, in matching order. */
/** The collection a command names (plan N, or the open one) and its loaded state. */
async function collectionOf(ctx: CommandContext, plan?: number) {
  const repos = ctx.deps.store.repos;
  const c = await findCollection(repos, ctx.actor.workingParty.id, ctx.actor.workingParty.code, plan);
  return { c, snap: await loadSnapshot(repos, c.id) };
}

export const collectionCommands: AnyCommand[] = [
  defineCommand({
    id: "collect.start",
    group: GROUP,
    summary: "Start collecting progress reports on a plan's actions.",
    usage: "collect start plan N due YYYY-MM-DD [actions 99.1,99.2]",
    examples: ["collect start plan 99 due 2026-12-15", "collect start plan 99 due 2026-12-15 actions 99.1,99.3", "collect start"],
    roles: CHAIRS,
    args: StartArgs,
    handler: async (args, ctx) => {
      if (args.plan === undefined || args.due === undefined) {
        return reply("Start a progress-report collection", [
          {
            type: "form",
            form: {
              command: "collect.start",
              title: "Start collecting progress reports",
              submitLabel: "Start and ask the leads",
              context: {},
              fields: [
                { name: "plan", label: "Action plan number", kind: "text", required: true, value: args.plan?.toString(), placeholder: "99" },
                { name: "due", label: "Reports due on", kind: "date", required: true, value: args.due, placeholder: "YYYY-MM-DD" },
                { name: "actions", label: "Only these actions (optional)", kind: "text", value: args.actions?.join(", "), placeholder: "99.1, 99.2 — empty: every action" },
              ],
            },
          },
        ]);
      }
      const r = await startCollection({ plan: args.plan, due: args.due, actions: args.actions }, ctx);
      return reply(`Collection started for plan ${args.plan}`, [
        { type: "text", text: startSummary(r, args.due) },
        { type: "buttons", buttons: [{ label: "Show status", command: "collect.status", args: { plan: args.plan, text: `collect status plan ${args.plan}` } }] },
      ]);
    },
  }),
  defineCommand({
    id: "collect.status",
    group: GROUP,
    summary: "Show how many actions have reported, who is missing and who is late.",
    usage: "collect status [plan N]",
    examples: ["collect status", "collect status plan 99"],
    roles: CHAIRS,
    args: PlanArgs,
    handler: async ({ plan }, ctx) => {
      const { snap } = await collectionOf(ctx, plan);
      return statusReply(collectionStatus(snap, ctx.now));
    },
  }),
  defineCommand({
    id: "collect.chase",
    group: GROUP,
    summary: "Remind now the leads who have not reported, and send the chairs a digest.",
    usage: "collect chase [plan N] [action CODE]",
    examples: ["collect chase", "collect chase plan 99", "collect chase plan 99 action 99.2"],
    roles: CHAIRS,
    args: PlanArgs.extend({ action: z.preprocess(blankToUndefined, ActionCodeSchema.optional()) }),
    handler: async ({ plan, action }, ctx) => {
      const { c, snap: all } = await collectionOf(ctx, plan);
      // One action: the same chase over a snapshot that asks only that action.
      const snap = action ? { ...all, actions: all.actions.filter((a) => a.code === action) } : all;
      if (action && snap.actions.length === 0) throw new InputError(`Action ${action} is not asked in the collection for plan ${all.plan.number}; nothing was sent.`);
      if (c.status === "closed") throw new InputError(`The collection for plan ${snap.plan.number} is closed; there is nobody left to chase.`);
      // One manual chase per minute: pressing twice does not remind anyone twice.
      const tag = `manual-${ctx.now.toISOString().slice(0, 16).replace(/[-:]/g, "")}`;
      const r = await chaseCollection(ctx.deps.store, ctx.outbox, snap, { tag, now: ctx.now, actor: ctx.actor.ref });
      if (r.missing.length === 0) return textReply(`Every action of plan ${snap.plan.number} has reported; nobody to chase.`);
      if (r.created === 0) return textReply(`The leads of ${r.missing.join(", ")} were already reminded a moment ago.`);
      return textReply(
        `Reminded ${r.reminders} lead${r.reminders === 1 ? "" : "s"} for ${r.missing.length} action${r.missing.length === 1 ? "" : "s"} without a report (${r.missing.join(", ")})${r.digests ? `, and sent the digest to ${r.digests} chair${r.digests === 1 ? "" : "s"} or channel${r.digests === 1 ? "" : "s"}` : ""}.`,
      );
    },
  }),
  defineCommand({
    id: "collect.close",
    group: GROUP,
    summary: "Close a collection; reports arriving later are kept and marked late.",
    usage: "collect close [plan N]",
    examples: ["collect close", "collect close plan 99"],
    roles: CHAIRS,
    args: PlanArgs,
    handler: async ({ plan }, ctx) => {
      const { c, snap } = await collectionOf(ctx, plan);
      await closeCollection(ctx, c, snap.plan.number);
      const st = collectionStatus(snap, ctx.now);
      return textReply(
        `Closed the collection for plan ${snap.plan.number}: ${countLine(st)}.${st.missing.length ? ` No report on ${st.missing.map((m) => m.action).join(", ")}; any that still arrive are kept and marked late.` : ""} Type collect compile for the report.`,
      );
    },
  }),
  defineCommand({
    id: "collect.compile",
    group: GROUP,
    summary: "Compile the reports into a Council-style note (.docx and Markdown).",
    usage: "collect compile [plan N]",
    examples: ["collect compile", "collect compile plan 99"],
    roles: CHAIRS,
    args: PlanArgs,
    handler: async ({ plan }, ctx) => {
      const store = ctx.deps.store;
      const c = await findCollection(store.repos, ctx.actor.workingParty.id, ctx.actor.workingParty.code, plan);
      const out = await compileAudited(store, c.id, ctx.now, { actor: ctx.actor.ref, workingPartyId: ctx.actor.workingParty.id });
      const d = out.document;
      const blocks: Block[] = [
        { type: "text", text: `Progress report on ${d.workingParty.code} action plan ${d.plan.number}: ${d.reported} of ${d.total} actions reported${d.closed ? "" : " so far (the collection is still open)"}.` },
        { type: "file", file: { name: out.docx.split(/[\\/]/).pop()!, mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", path: out.docx, title: "Progress report (Word)" } },
        { type: "file", file: { name: out.markdown.split(/[\\/]/).pop()!, mediaType: "text/markdown", path: out.markdown, title: "Progress report (Markdown)" } },
      ];
      return reply(`Progress report on plan ${d.plan.number} compiled`, blocks);
    },
  }),
  defineCommand({
    id: "report.submit",
    group: GROUP,
    summary: "Report progress on an action you lead.",
    usage: "report CODE on track|delayed|completed|not started: SUMMARY [next: …] [risks: …]",
    examples: ["report 99.1 on track: two joint trainings held next: third in March risks: budget", "report 99.2 delayed: waiting for the Commission's study"],
    args: SubmitArgs,
    handler: async (args, ctx) => {
      const t = await findReportTarget(ctx, args.action, args.collection);
      await checkMayReport(ctx, t, "report.submit");
      const { report, edit } = await submitReport(ctx, t, { status: args.status, summary: args.summary, nextSteps: args.nextSteps, risks: args.risks }, args.version);
      // Reached only after the transaction committed: the thank-you never precedes the data.
      const lateNote = report.late ? (t.collection.status === "closed" ? " The collection had closed, so it is kept and marked late." : ` It was due ${longDate(t.collection.dueDate)}, so it is marked late.`) : "";
      return reply(`Thank you: report on ${t.action.code} ${edit ? "updated" : "recorded"}`, [
        {
          type: "text",
          text: `Thank you. Your report on action ${t.action.code} (${STATUS_LABELS[args.status]}) is ${edit ? `updated (version ${report.version})` : "recorded"}.${lateNote}${t.collection.status === "open" ? ` You can change it until the collection closes: report ${t.action.code}.` : ""}`,
        },
      ]);
    },
  }),
  defineCommand({
    id: "report.form",
    group: GROUP,
    summary: "Open the report form for an action you lead, filled in with its last report.",
    usage: "report CODE",
    examples: ["report 99.1"],
    args: z.object({ action: ActionCodeSchema, collection: optionalInt("the collection") }),
    handler: async ({ action, collection }, ctx) => {
      const t = await findReportTarget(ctx, action, collection);
      await checkMayReport(ctx, t, "report.form");
      const { current, previous } = await previousReport(ctx, t);
      const note =
        t.collection.status === "closed"
          ? "This collection has closed; a report sent now is kept and marked late."
          : current
            ? `You are editing version ${current.version}; the collection is open until the chair closes it.`
            : previous
              ? "Filled in from this action's previous report; update what has changed."
              : undefined;
      return reportForm({ collection: t.collection, plan: t.collection.plan, workingParty: ctx.actor.workingParty }, t.action, current, previous, note);
    },
  }),
];
