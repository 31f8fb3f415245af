/**
 * A form answered field by field where no form can be shown (the console): the bot asks each field
 * in turn and takes the person's next message as its value. A bad value is refused with the
 * command's own rule and asked again; nothing is stored until the last answer, which is submitted
 * to the form's command exactly as a Slack modal or a Teams card would submit it (same router,
 * roles, validation and unit of work). `cancel` drops the answers. A whole command typed instead
 * (the form's typed line, or any other) ends the questions and runs as usual.
 *
 * The answers wait in memory, per platform, conversation and person: they are a few words of a
 * conversation in progress, not data, and a restart forgetting them loses nothing stored.
 */
import type { z } from "zod";
import type { AnyCommand } from "../core/command.ts";
import type { IncomingMessage, Platform } from "../core/message.ts";
import { plainIssue } from "../core/plain-issue.ts";
import { errorReply, textReply, type Form, type FormField, type Reply } from "../core/reply.ts";
import type { HandleResult } from "./handle-message.ts";

/** Where a form in a reply is shown as a form; elsewhere it is asked field by field. */
const SHOWS_FORMS: Record<Platform, boolean> = { console: false, slack: true, teams: true };

/** Answers left unfinished this long are forgotten: the next message is read afresh. */
const IDLE_MS = 30 * 60_000;
/** At most this many forms are being answered at once; the oldest is dropped beyond it. */
const MAX_OPEN = 1000;

/** Typed as a field's answer: keep the value shown (or leave an optional field empty). */
const KEEP = "-";

interface Dialogue {
  form: Form;
  command: AnyCommand;
  answers: Record<string, string>;
  /** the field asked now */
  index: number;
  lastAt: number;
}

export interface DialogueDeps {
  /** the command a form submits to */
  command(id: string): AnyCommand | undefined;
  /** whether a text is a whole command of the grammar (not a question, not a near miss) */
  isCommand(text: string): boolean;
  /** the core's one entry: routes, checks and runs a message */
  run(input: IncomingMessage): Promise<HandleResult>;
}

export class FormDialogues {
  private readonly open = new Map<string, Dialogue>();
  private readonly deps: DialogueDeps;
  constructor(deps: DialogueDeps) {
    this.deps = deps;
  }

  async handle(input: IncomingMessage): Promise<HandleResult> {
    const key = `${input.platform}\u0000${input.conversation.id}\u0000${input.user.id}`;
    const d = this.open.get(key);
    const at = input.receivedAt.getTime();
    if (d && (input.kind !== "text" || at - d.lastAt > IDLE_MS)) this.open.delete(key);
    else if (d && input.kind === "text") {
      const text = input.text.replace(/\s+/g, " ").trim();
      if (/^(cancel|stop)$/i.test(text)) {
        this.open.delete(key);
        return done([textReply(`Cancelled: the form “${d.form.title}” was not submitted, and nothing was stored.`)]);
      }
      if (!this.deps.isCommand(text)) {
        d.lastAt = at;
        return this.answer(key, d, text, input);
      }
      this.open.delete(key);
    }
    const result = await this.deps.run(input);
    return input.kind === "text" ? this.maybeStart(key, input, result) : result;
  }

  /** Opens the questions for the first form of a reply, on a platform that cannot show it. */
  private maybeStart(key: string, input: IncomingMessage, result: HandleResult): HandleResult {
    if (SHOWS_FORMS[input.platform]) return result;
    const form = result.replies.flatMap((r) => r.blocks).find((b) => b.type === "form")?.form;
    const command = form && this.deps.command(form.command);
    if (!form || !command || form.fields.length === 0) return result;
    if (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    const d: Dialogue = { form, command, answers: {}, index: 0, lastAt: input.receivedAt.getTime() };
    this.open.set(key, d);
    const intro = `Or answer it here, one field at a time (${form.fields.length} in all; type ${KEEP} to keep a value shown or skip an optional field, cancel to stop).`;
    return { ...result, replies: [...result.replies, textReply(`${intro}\n${question(d)}`)] };
  }

  private async answer(key: string, d: Dialogue, text: string, input: IncomingMessage): Promise<HandleResult> {
    const field = d.form.fields[d.index]!;
    const value = text === KEEP ? (field.value ?? "") : fromChoice(field, text);
    const problem = this.problem(d, field, value);
    if (problem) return done([errorReply(`${field.label}: ${problem}. Nothing was stored.\n${question(d)}`)]);
    d.answers[field.name] = value;
    // the next field not answered yet (after a refused answer was asked again, the rest stand)
    d.index = d.form.fields.findIndex((f) => !(f.name in d.answers));
    if (d.index >= 0) return done([textReply(question(d))]);

    // the last answer: submitted as the form would be, through the same command
    const values = { ...d.form.context, ...d.answers };
    const result = await this.deps.run({ ...base(input), kind: "form", command: d.form.command, values });
    const refused = result.replies.find((r) => r.tone === "error");
    const again = refused?.fieldErrors && d.form.fields.findIndex((f) => refused.fieldErrors![f.name] !== undefined);
    if (refused && again !== undefined && again >= 0) {
      // the command refused one of the answers (a due date already past): that field again
      d.index = again;
      delete d.answers[d.form.fields[again]!.name];
      return { ...result, replies: [...result.replies, textReply(question(d))] };
    }
    this.open.delete(key);
    return this.maybeStart(key, input, result);
  }

  /** Why a value cannot be this field's, by the field's own limits and the command's schema. */
  private problem(d: Dialogue, field: FormField, value: string): string | undefined {
    if (field.required && value.trim() === "") return "required; there is no value to keep";
    if (field.maxLength !== undefined && value.length > field.maxLength) return `at most ${field.maxLength} characters (this is ${value.length})`;
    // only the issues of this field count: the fields not asked yet are still missing
    const parsed = (d.command.args as z.ZodType).safeParse({ ...d.form.context, ...d.answers, [field.name]: value }, { error: plainIssue });
    return parsed.success ? undefined : parsed.error.issues.find((i) => String(i.path[0]) === field.name)?.message;
  }
}

/** "2/3 Reports due on? e.g. YYYY-MM-DD": the field asked now, with what it takes. */
function question(d: Dialogue): string {
  const f = d.form.fields[d.index]!;
  const shown = f.options?.find((o) => o.value === f.value)?.label ?? f.value;
  const hints = [
    f.options ? `one of: ${f.options.map((o) => o.label.toLowerCase()).join(", ")}` : "",
    !shown && f.placeholder ? `e.g. ${f.placeholder}` : "",
    shown ? `now: ${shown.length > 80 ? `${shown.slice(0, 79)}…` : shown} (${KEEP} keeps it)` : "",
    !f.required && !shown ? `optional: ${KEEP} skips it` : "",
  ].filter(Boolean);
  return `${d.index + 1}/${d.form.fields.length} ${f.label}?${hints.length ? ` (${hints.join("; ")})` : ""}`;
}

/** A choice typed as its label ("On track") or its value ("on_track") is the choice's value. */
function fromChoice(f: FormField, text: string): string {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, " ").trim();
  return f.options?.find((o) => norm(o.label) === norm(text) || norm(o.value) === norm(text))?.value ?? text;
}

const done = (replies: Reply[]): HandleResult => ({ replies, deliveryIds: [] });

/** The message's sender and place, without its text. */
function base(input: IncomingMessage) {
  const { platform, user, conversation, workingParty, receivedAt } = input;
  return { platform, user, conversation, receivedAt, ...(workingParty !== undefined ? { workingParty } : {}) };
}
