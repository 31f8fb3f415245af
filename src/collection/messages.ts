/**
 * What the bot sends leads and chairs during a collection: the request with its button, the chase,
 * the chair's digest, and the report form pre-filled from the previous report. Reply data only.
 */
import { reply, type Block, type Reply } from "../core/reply.ts";
import type { Action, ActionPlan, Collection, ProgressReport, WorkingParty } from "../store/index.ts";
import { longDate } from "../time/civil-date.ts";
import { countLine, type CollectionStatus } from "./status.ts";
import { LIMITS, REPORT_STATUSES, STATUS_LABELS } from "./types.ts";


type Ctx = { collection: Pick<Collection, "id" | "dueDate">; plan: Pick<ActionPlan, "number" | "title">; workingParty: Pick<WorkingParty, "code"> };

/** The report typed in one line, for the console and anyone who prefers typing to the form. */
const typedReport = (code: string) => `report ${code} on track: what was done [next: next steps] [risks: risks]`;
const typedHint = (code: string) => `Or type: ${typedReport(code)}`;

function reportButton(ctx: Ctx, action: Pick<Action, "code">): Block {
  return {
    type: "buttons",
    buttons: [{ label: "Write the report", command: "report.form", args: { action: action.code, collection: ctx.collection.id, text: `report ${action.code}` }, style: "primary" }],
  };
}

/** The direct message asking a lead for a report. */
export function requestMessage(ctx: Ctx, action: Pick<Action, "code" | "title">, askedBy: string): Reply {
  const due = longDate(ctx.collection.dueDate);
  return reply(
    `Progress report requested: action ${action.code}, by ${due}`,
    [
      { type: "text", text: `Progress report on action ${action.code}`, style: "heading" },
      {
        type: "text",
        text: `${askedBy} is collecting progress reports on ${ctx.workingParty.code} action plan ${ctx.plan.number} (${ctx.plan.title}). Please report on action ${action.code}, "${action.title}", by ${due}.`,
      },
      reportButton(ctx, action),
      { type: "text", text: typedHint(action.code), style: "muted" },
    ],
    "personal",
  );
}

/** The reminder to a lead who has not reported yet. */
export function chaseMessage(ctx: Ctx, action: Pick<Action, "code" | "title">, dueToday: boolean): Reply {
  const due = longDate(ctx.collection.dueDate);
  return reply(
    `Reminder: the progress report on action ${action.code} is due ${dueToday ? "today" : `by ${due}`}`,
    [
      { type: "text", text: `Reminder: progress report on action ${action.code}`, style: "heading" },
      {
        type: "text",
        text: `We have no progress report yet on action ${action.code}, "${action.title}" (${ctx.workingParty.code} action plan ${ctx.plan.number}). It is due ${dueToday ? "today" : `by ${due}`}.`,
      },
      reportButton(ctx, action),
      { type: "text", text: typedHint(action.code), style: "muted" },
    ],
    "personal",
  );
}

/** The chair's digest of who has not reported. */
export function digestMessage(st: CollectionStatus): Reply {
  const lines = st.missing.map((m) => `${m.action} ${m.title} — ${m.lead}`);
  const shown = lines.length > 30 ? [...lines.slice(0, 30), `… and ${lines.length - 30} more`] : lines;
  return reply(`Plan ${st.plan.number} progress reports: ${countLine(st)}; ${st.missing.length} missing`, [
    { type: "text", text: `Progress reports on ${st.workingParty} action plan ${st.plan.number}: ${countLine(st)}, due ${longDate(st.dueDate)}`, style: "heading" },
    st.missing.length > 0
      ? { type: "section", title: `Not yet reported (${st.missing.length}); their leads have been reminded`, text: shown.join("\n") }
      : { type: "text", text: "Every action has reported." },
    { type: "buttons", buttons: [{ label: "Show status", command: "collect.status", args: { plan: st.plan.number, text: `collect status plan ${st.plan.number}` } }] },
  ]);
}

/** The report form for one action, pre-filled from `previous` (this collection's or an earlier one). */
export function reportForm(
  ctx: Ctx,
  action: Pick<Action, "code" | "title">,
  current: Pick<ProgressReport, "version"> | null,
  previous: Pick<ProgressReport, "status" | "summary" | "nextSteps" | "risks"> | null,
  note?: string,
): Reply {
  // Slack caps a modal title at 24 characters, so the action's title goes in the text above.
  const blocks: Block[] = [{ type: "text", text: `Action ${action.code}: ${action.title}`, style: "heading" }];
  if (note) blocks.push({ type: "text", text: note, style: "muted" });
  blocks.push({
    type: "form",
    form: {
      command: "report.submit",
      title: `Report on ${action.code}`.slice(0, 24),
      submitLabel: current ? "Save changes" : "Submit report",
      context: { collection: String(ctx.collection.id), action: action.code, version: String(current?.version ?? 0) },
      typed: typedReport(action.code),
      fields: [
        {
          name: "status",
          label: "Status",
          kind: "select",
          required: true,
          value: previous?.status ?? "on_track",
          options: REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        },
        { name: "summary", label: "Summary of progress", kind: "textarea", required: true, maxLength: LIMITS.summary, value: previous?.summary ?? undefined, placeholder: "What has been done since the plan started" },
        { name: "nextSteps", label: "Next steps", kind: "textarea", maxLength: LIMITS.nextSteps, value: previous?.nextSteps ?? undefined },
        { name: "risks", label: "Risks or obstacles", kind: "textarea", maxLength: LIMITS.risks, value: previous?.risks ?? undefined },
      ],
    },
  });
  return reply(`Progress report form for action ${action.code}`, blocks);
}
