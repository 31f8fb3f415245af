/**
 * The idempotency keys of reminders, built from identities that survive edits: the working party's
 * code, the plan's number, the action's code, the deadline's due day and what is due, the rule's
 * meaning (not its row id, so an identical rule adds nothing), the occurrence, and the platform
 * address (not the binding's row id, so re-binding a channel re-sends nothing). Row ids change on
 * re-import and re-creation; none of them is part of a key.
 *
 *   rem:CCWP:101:1.1:2026-06-30~-:b14:0:2026-06-16:slack/C0123
 */
import { createHash } from "node:crypto";
import type { Rule } from "./rules.ts";

/** A deadline as its plan file states it: action code (or the plan itself), due day, what is due. */
export function deadlineIdentity(d: { actionCode: string | null; dueDate: string; what: string | null }): string {
  const what = d.what ? createHash("sha256").update(d.what.trim().toLowerCase()).digest("hex").slice(0, 8) : "-";
  return `${d.actionCode ?? "plan"}:${d.dueDate}~${what}`;
}

/** What a rule means, "b14", "on", "a1r7", "e5" (a "c" suffix: calendar days rather than working days). */
export function ruleIdentity(r: Pick<Rule, "kind" | "offsetDays" | "repeatDays" | "workingDaysOnly">): string {
  const base = r.kind === "on" ? "on" : `${r.kind[0]}${r.offsetDays}${r.kind === "after" && r.repeatDays ? `r${r.repeatDays}` : ""}`;
  return r.workingDaysOnly ? base : `${base}c`;
}

/** Where a message goes: "slack/C0123", "teams/19:abc@thread", "console/#ccwp", "slack/user/U1". */
export function addressIdentity(a: { platform: string; kind: "channel" | "user"; address: string }): string {
  return `${a.platform}/${a.kind === "user" ? "user/" : ""}${a.address}`;
}

export function reminderKey(k: { workingParty: string; planNumber: number; deadline: string; rule: string; occurrence: number; day: string; address: string }): string {
  return `rem:${k.workingParty}:${k.planNumber}:${k.deadline}:${k.rule}:${k.occurrence}:${k.day}:${k.address}`;
}

/** Two rules that mean the same (same kind, offset and repeat; channels and time aside). */
export function sameMeaning(a: Pick<Rule, "kind" | "offsetDays" | "repeatDays" | "workingDaysOnly">, b: Pick<Rule, "kind" | "offsetDays" | "repeatDays" | "workingDaysOnly">): boolean {
  return ruleIdentity(a) === ruleIdentity(b);
}
