/**
 * The reply model: plain tagged data that each adapter renders (Block Kit, Adaptive Cards, text).
 * The core writes no platform markup; user text is escaped by the renderers.
 */

/** A button runs a command with arguments, exactly as if the user had typed it. */
export interface Button {
  label: string;
  command: string;
  args: Record<string, string | number>;
  style?: "primary" | "danger";
}

/**
 * A command a message names, by id and arguments, so each surface writes it the way its users can
 * type it: chat as `text` (as a button's args.text), the command line as `secretariat …`.
 */
export interface CommandHint {
  command: string;
  /** the command's fields; a placeholder such as "N" where the reader picks the value */
  args: Record<string, string | number>;
  /** how it is typed in chat */
  text: string;
}

/** A message in parts: plain text, and the commands it names as hints. */
export type Said = readonly (string | CommandHint)[];

/** The message with each command written by `spell` (default: as typed in chat). */
export function saidText(parts: string | Said, spell: (h: CommandHint) => string = (h) => h.text): string {
  return typeof parts === "string" ? parts : parts.map((p) => (typeof p === "string" ? p : spell(p))).join("");
}

export interface Field {
  label: string;
  value: string;
}

export interface FormField {
  name: string;
  label: string;
  kind: "text" | "textarea" | "select" | "date";
  value?: string;
  options?: { value: string; label: string }[];
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
  /** validation message shown beside the field after a rejected submission */
  error?: string;
}

/** A form submits its values to `command`, together with the hidden `context`. */
export interface Form {
  command: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  context: Record<string, string>;
  /**
   * The line to type instead, where no form can be shown (the console, a notification): "report
   * 11 on track: what was done [next: …]". handleMessage gives every form without one the usage
   * of its command, so typing what the console shows always works.
   */
  typed?: string;
}

export interface FileRef {
  name: string;
  mediaType: string;
  /** absolute path of the file to send */
  path: string;
  title?: string;
}

export type Block =
  | { type: "text"; text: string; style?: "normal" | "heading" | "muted" }
  | { type: "quote"; text: string; source: { document: string; label: string; title?: string } }
  | { type: "fields"; fields: Field[] }
  | { type: "section"; title: string; text?: string; fields?: Field[] }
  | { type: "buttons"; buttons: Button[] }
  | { type: "form"; form: Form }
  | { type: "file"; file: FileRef }
  | { type: "divider" };

/** One message from the bot. `summary` is the fallback text every platform shows in notifications. */
export interface Reply {
  summary: string;
  blocks: Block[];
  /** personal: only the asker needs it (Slack ephemeral); shared: worth posting to the channel */
  visibility: "personal" | "shared";
  tone?: "info" | "error";
  /** after a rejected form: the message for each field, so the form can show them in place */
  fieldErrors?: Record<string, string>;
  /** a refusal that names commands: its text in parts, for surfaces that type commands otherwise */
  said?: Said;
}

/** A reply of one paragraph. */
export function textReply(text: string, visibility: Reply["visibility"] = "personal"): Reply {
  return { summary: firstLine(text), blocks: [{ type: "text", text }], visibility };
}

/** A reply of blocks with a summary line. */
export function reply(summary: string, blocks: Block[], visibility: Reply["visibility"] = "personal"): Reply {
  return { summary, blocks, visibility };
}

/** An error reply; the text says what to do next. */
export function errorReply(text: string): Reply {
  return { summary: firstLine(text), blocks: [{ type: "text", text }], visibility: "personal", tone: "error" };
}

const firstLine = (s: string) => {
  const line = s.split("\n", 1)[0] ?? "";
  return line.length > 150 ? `${line.slice(0, 149)}…` : line;
};

/** Plain text of a reply, as the console and notifications show it (a button as typed in chat). */
export function replyToPlainText(r: Reply): string {
  return plainTextWith()(r);
}

/** Plain text of replies with each button written as the command it runs by `spell` (the CLI's way). */
export const plainTextWith =
  (spell?: (h: CommandHint) => string) =>
  (r: Reply): string =>
    r.blocks.map((b) => blockToPlainText(b, spell)).filter((s) => s.length > 0).join("\n");

function blockToPlainText(b: Block, spell?: (h: CommandHint) => string): string {
  switch (b.type) {
    case "text":
      return b.style === "heading" ? b.text.toUpperCase() : b.text;
    case "quote":
      return `> ${b.text.replace(/\n/g, "\n> ")}\n  — ${b.source.document}, ${b.source.label}${b.source.title ? ` (${b.source.title})` : ""}`;
    case "fields":
      return b.fields.map((f) => `${f.label}: ${f.value}`).join("\n");
    case "section":
      return [b.title, b.text, ...(b.fields ?? []).map((f) => `  ${f.label}: ${f.value}`)].filter(Boolean).join("\n");
    case "buttons":
      return b.buttons.map((x) => `[${x.label}: ${spell ? spell(buttonHint(x)) : commandText(x)}]`).join(" ");
    case "form":
      return formToPlainText(b.form);
    case "file":
      return `📎 ${b.file.title ?? b.file.name}: ${b.file.path}`;
    case "divider":
      return "—";
    default:
      return assertNever(b);
  }
}

/** A form as text: the line to type, then each field with its value, choices or hint. */
function formToPlainText(form: Form): string {
  const field = (f: FormField) => {
    const value = f.options?.find((o) => o.value === f.value)?.label ?? f.value;
    const choices = f.options ? ` — one of: ${f.options.map((o) => o.label.toLowerCase()).join(", ")}` : "";
    const hint = !value && f.placeholder ? ` [${f.placeholder}]` : "";
    return `  ${f.label}${f.required ? " (required)" : ""}${value ? `: ${value}` : ""}${hint}${choices}${f.error ? `  ⚠ ${f.error}` : ""}`;
  };
  // Without a typed line the form cannot be answered here; name the places that show it.
  const how = form.typed ? `. Type it in one line:\n  ${form.typed}\nFields:` : " (open it in Slack, Teams or the web console):";
  return [`${form.title}${how}`, ...form.fields.map(field)].join("\n");
}

/** The text a user could type to do what a button does (console fallback). */
export function commandText(b: Button): string {
  return b.args.text !== undefined ? String(b.args.text) : b.command;
}

/** A button as the command it runs: its id, its arguments and the chat text. */
function buttonHint(b: Button): CommandHint {
  const { text: _text, ...args } = b.args;
  return { command: b.command, args, text: commandText(b) };
}

/** Exhaustiveness check for switches over tagged unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
