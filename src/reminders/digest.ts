/**
 * One message per channel and slot: the deadlines a channel is reminded of at one moment, grouped
 * by plan, with the original deadline words, the lead and buttons to mark done or to report.
 */
import { reply, type Block, type Button, type Reply } from "../core/reply.ts";
import { dueWithWords } from "../time/due-words.ts";
import { daysBetween, longDate, type CivilDate } from "../time/civil-date.ts";

/** What a digest says about one deadline; stored with the reminder so a later digest can name it. */
export interface ReminderItem {
  kind: "before" | "on" | "after" | "escalate";
  planNumber: number;
  planTitle: string;
  /** null for a plan's own date (adopt the next plan by) */
  actionCode: string | null;
  title: string;
  dueDate: CivilDate;
  dueText: string;
  lead: string | null;
  /** the day the reminder was meant for */
  day: CivilDate;
}

function when(item: ReminderItem, today: CivilDate): string {
  const n = daysBetween(today, item.dueDate);
  if (n > 1) return `due in ${n} days`;
  if (n === 1) return "due tomorrow";
  if (n === 0) return "due today";
  return `overdue by ${-n} day${n === -1 ? "" : "s"}`;
}

/**
 * Each deadline once: several rules or occurrences may remind of one deadline in the same digest
 * (a tick catching up two slots); the latest reminder stands for them.
 */
export function oncePerDeadline(items: readonly ReminderItem[]): ReminderItem[] {
  const byDeadline = new Map<string, ReminderItem>();
  for (const i of items) {
    const k = `${i.planNumber}|${i.actionCode ?? ""}|${i.dueDate}|${i.title}`;
    const seen = byDeadline.get(k);
    if (!seen || i.day > seen.day) byDeadline.set(k, i);
  }
  return [...byDeadline.values()];
}

export function digestReply(input: { workingParty: string; items: ReminderItem[]; missed: ReminderItem[]; today: CivilDate; late: boolean; escalation: boolean }): Reply {
  const { today } = input;
  const items = oncePerDeadline(input.items);
  const listed = new Set(items.map((i) => `${i.planNumber}|${i.actionCode ?? ""}|${i.dueDate}|${i.title}`));
  // A deadline this digest reminds of is not also listed as missed.
  const missed = oncePerDeadline(input.missed).filter((m) => !listed.has(`${m.planNumber}|${m.actionCode ?? ""}|${m.dueDate}|${m.title}`));
  const blocks: Block[] = [];
  const count = items.length;
  const summary = input.escalation
    ? `${input.workingParty}: ${count} deadline${count === 1 ? " is" : "s are"} overdue and need${count === 1 ? "s" : ""} the chair`
    : count > 0
      ? `${input.workingParty} deadline reminder: ${items.map((i) => `${i.actionCode ?? "plan"} ${when(i, today)}`).slice(0, 3).join("; ")}${count > 3 ? ` and ${count - 3} more` : ""}`
      : `${input.workingParty}: reminders missed while the bot was offline`;
  blocks.push({ type: "text", text: input.escalation ? `Overdue deadlines in ${input.workingParty} for the chair` : `Deadline reminders — ${input.workingParty}`, style: "heading" });
  if (input.late) blocks.push({ type: "text", text: "Sent late: the bot was offline at the scheduled time.", style: "muted" });
  const byPlan = new Map<string, ReminderItem[]>();
  for (const i of items) byPlan.set(`Plan ${i.planNumber} — ${i.planTitle}`, [...(byPlan.get(`Plan ${i.planNumber} — ${i.planTitle}`) ?? []), i]);
  for (const [plan, list] of byPlan) {
    blocks.push({ type: "text", text: plan, style: "heading" });
    for (const i of list.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || (a.actionCode ?? "").localeCompare(b.actionCode ?? ""))) {
      blocks.push({
        type: "section",
        title: i.actionCode ? `${i.actionCode} — ${i.title}` : i.title,
        text: `${when(i, today)}: ${dueWithWords(i.dueText, i.dueDate)}`,
        fields: i.lead ? [{ label: "Lead", value: i.lead }] : [],
      });
      const buttons: Button[] = i.actionCode
        ? [
            { label: `Mark ${i.actionCode} done`, command: "plan.done", args: { plan: i.planNumber, code: i.actionCode, text: `done ${i.actionCode}` }, style: "primary" },
            { label: "Report", command: "report.form", args: { action: i.actionCode, text: `report ${i.actionCode}` } },
          ]
        : [];
      if (buttons.length) blocks.push({ type: "buttons", buttons });
    }
  }
  if (missed.length > 0) {
    blocks.push({ type: "divider" });
    blocks.push({
      type: "section",
      title: `Missed while the bot was offline (${missed.length})`,
      text: missed
        .slice(0, 20)
        .map((m) => `• ${m.actionCode ? `${m.actionCode} ${m.title}` : m.title}: reminder of ${longDate(m.day)}, ${when(m, today)}`)
        .join("\n") + (missed.length > 20 ? `\n… and ${missed.length - 20} more` : ""),
    });
  }
  return reply(summary, blocks, "shared");
}
