/** How planning data reads in chat: one line per deadline, an action's details. */
import type { Block, Button } from "../../core/reply.ts";
import { longDate } from "../../time/civil-date.ts";
import type { DeadlineRow } from "./deadlines.ts";
import { dueWords } from "../../time/due-words.ts";

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const MARK = { open: "○", overdue: "⚠", done: "✓" } as const;

/** "⚠ 31 December 1998 · action 22 (plan 1) · December 1998 — Centres of expertise … (overdue)" */
export function deadlineLine(r: DeadlineRow): string {
  const who = r.action ? `action ${r.action} (plan ${r.plan})` : `plan ${r.plan}`;
  const said = dueWords(r.dueText, r.due);
  const words = said === null ? "" : ` · "${said}"`;
  return `${MARK[r.status]} ${longDate(r.due)} · ${who}${words} — ${cut(r.title, 90)}${r.leadDelegation ? ` [${r.leadDelegation}]` : ""} (${r.status})`;
}

/** Blocks listing deadlines, at most `max`, with a note on how many more there are. */
export function deadlineBlocks(heading: string, rows: DeadlineRow[], max = 15): Block[] {
  const shown = rows.slice(0, max);
  const blocks: Block[] = [{ type: "text", text: heading, style: "heading" }, { type: "text", text: shown.map(deadlineLine).join("\n") }];
  if (rows.length > max) blocks.push({ type: "text", text: `…and ${rows.length - max} more. Type calendar for the feed that lists them all.`, style: "muted" });
  return blocks;
}

/** The button that marks an action done (the same as typing "done CODE"). */
export function doneButton(code: string, plan: number): Button {
  return { label: `Mark ${code} done`, command: "plan.done", args: { code, plan, text: `done ${code}` }, style: "primary" };
}
