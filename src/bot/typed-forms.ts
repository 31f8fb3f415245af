/**
 * A form shown where forms cannot be (the console, a notification's text) must say what to type
 * instead: "reply with: collect.start" was a dead end, since a command id typed in chat is not a
 * command. Every form a command returns without its own typed line gets its command's usage, the
 * line help shows, so the typed form never drifts from the grammar it documents.
 */
import type { AnyCommand } from "../core/command.ts";
import type { Reply } from "../core/reply.ts";

/** `replies` with each form's `typed` line filled from the usage of the command it submits to. */
export function withTypedForms(replies: Reply[], commandOf: (id: string) => AnyCommand | undefined): Reply[] {
  return replies.map((r) =>
    r.blocks.some((b) => b.type === "form" && b.form.typed === undefined)
      ? {
          ...r,
          blocks: r.blocks.map((b) => (b.type === "form" && b.form.typed === undefined ? { ...b, form: { ...b.form, typed: commandOf(b.form.command)?.usage } } : b)),
        }
      : r,
  );
}
