/**
 * Reply → Adaptive Card 1.5 (the highest version Teams renders on every client). One card per
 * reply; every user-visible string goes through `cardText`, so text a user typed and the core
 * echoes back cannot become a mention or a link. Buttons and forms carry what the core needs to
 * route the press: buttons `{ command, args }` (Action.Submit), forms `{ command, form }`
 * (Action.Execute, so a rejected submission refreshes the same card through the invoke response).
 */
import { assertNever, replyToPlainText, type Block, type Button, type Form, type FormField, type Reply } from "../../src/core/reply.ts";

/** An Adaptive Card as JSON. */
export type AdaptiveCard = { type: "AdaptiveCard"; version: "1.5"; body: CardElement[]; fallbackText: string; [key: string]: unknown };
/** One element of a card body, as JSON. */
export type CardElement = Record<string, unknown>;

/** The content type Teams expects for Adaptive Card attachments and invoke responses. */
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/** Prefix of input ids: keeps a field named "command" apart from the routing data Teams merges in. */
export const FIELD_PREFIX = "field:";

/** What a form's submit action carries: the command and the form itself (to re-render it with errors). */
export interface FormActionData {
  command: string;
  form: Form;
  /** the heading of the reply the form came in ("Action 11.4: …"), shown again above a rejected form */
  heading?: string;
}

/** What a button carries: exactly what the core routes. */
export interface ButtonActionData {
  command: string;
  args: Record<string, string | number>;
}

/**
 * Neutralises what Teams would interpret in card text: `<at>` and other tags (mentions need an
 * entity, which we never send, but the tag must not look like one either) and `[text](url)` links.
 */
export function cardText(s: string): string {
  return s
    // "<topic>" reads as "‹topic›"; any other "<" that could open a tag becomes "‹".
    .replace(/<([A-Za-z/!][^<>\n]{0,80})>/g, "‹$1›")
    .replace(/<(?=[A-Za-z/!])/g, "‹")
    .replace(/\]\(/g, "]\u200B(")
    .replace(/\r\n?/g, "\n");
}

/** The Adaptive Card for one reply. */
export function renderCard(reply: Reply): AdaptiveCard {
  const error = reply.tone === "error";
  const heading = reply.blocks.find((b) => b.type === "text" && b.style === "heading");
  const context: BlockContext = { error, fieldErrors: reply.fieldErrors, heading: heading?.type === "text" ? heading.text.slice(0, 300) : undefined };
  const body = reply.blocks.flatMap((b) => renderBlock(b, context));
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    fallbackText: cardText(replyToPlainText(withoutFilePaths(reply))),
    msteams: { width: "Full" },
  };
}

/**
 * The plain-text form names a file by its path (right for the console, which runs beside the
 * files); in Teams that path is the server's (a temp directory), so the fallback names the file.
 */
function withoutFilePaths(reply: Reply): Reply {
  if (!reply.blocks.some((b) => b.type === "file")) return reply;
  return { ...reply, blocks: reply.blocks.map((b) => (b.type === "file" ? { type: "text", text: `📎 ${b.file.title ?? b.file.name} (${b.file.name})` } : b)) };
}

/** A form card again after a rejected submission: the values the user typed, each field's error, and the message on top. */
export function renderRejectedForm(form: Form, values: Record<string, unknown>, rejection: Reply, heading?: string): AdaptiveCard {
  const errors = rejection.fieldErrors ?? {};
  const fields = form.fields.map((f) => {
    const typed = values[f.name];
    const value = typeof typed === "string" ? typed : typed === undefined ? f.value : String(typed);
    const error = errors[f.name];
    return { ...f, value, error };
  });
  const message = Object.keys(errors).some((k) => fields.some((f) => f.name === k))
    ? "Please correct the fields marked below."
    : replyToPlainText(rejection);
  // The heading the form came with stays on top (issue 16: a rejected form lost it), then what to correct.
  const card = renderCard({
    summary: rejection.summary,
    visibility: "personal",
    blocks: [...(heading ? [{ type: "text" as const, text: heading, style: "heading" as const }] : []), { type: "form", form: { ...form, fields } }],
  });
  card.body.splice(heading ? 1 : 0, 0, { type: "TextBlock", text: cardText(message), wrap: true, color: "Attention", weight: "Bolder" });
  return card;
}

/** What a block's rendering needs from the reply around it. */
interface BlockContext {
  error: boolean;
  fieldErrors: Record<string, string> | undefined;
  heading: string | undefined;
}

function renderBlock(b: Block, { error, fieldErrors, heading }: BlockContext): CardElement[] {
  switch (b.type) {
    case "text":
      return [
        {
          type: "TextBlock",
          text: cardText(b.text),
          wrap: true,
          ...(b.style === "heading" ? { size: "Large", weight: "Bolder" } : {}),
          ...(b.style === "muted" ? { isSubtle: true } : {}),
          ...(error ? { color: "Attention" } : {}),
        },
      ];
    case "quote":
      return [
        {
          type: "Container",
          style: "emphasis",
          items: [
            { type: "TextBlock", text: cardText(b.text), wrap: true },
            {
              type: "TextBlock",
              text: cardText(`— ${b.source.document}, ${b.source.label}${b.source.title ? ` (${b.source.title})` : ""}`),
              wrap: true,
              isSubtle: true,
              size: "Small",
            },
          ],
        },
      ];
    case "fields":
      return [factSet(b.fields)];
    case "section":
      return [
        { type: "TextBlock", text: cardText(b.title), wrap: true, weight: "Bolder", size: "Medium" },
        ...(b.text ? [{ type: "TextBlock", text: cardText(b.text), wrap: true }] : []),
        ...(b.fields && b.fields.length > 0 ? [factSet(b.fields)] : []),
      ];
    case "buttons":
      return [{ type: "ActionSet", actions: b.buttons.map(buttonAction) }];
    case "form":
      return renderForm(b.form, fieldErrors, heading);
    case "file":
      return [{ type: "TextBlock", text: cardText(`📎 ${b.file.title ?? b.file.name} (${b.file.name})`), wrap: true }];
    case "divider":
      return [{ type: "TextBlock", text: " ", separator: true, spacing: "Medium" }];
    default:
      return assertNever(b);
  }
}

function factSet(fields: { label: string; value: string }[]): CardElement {
  return { type: "FactSet", facts: fields.map((f) => ({ title: cardText(f.label), value: cardText(f.value) })) };
}

function buttonAction(b: Button): CardElement {
  const data: ButtonActionData = { command: b.command, args: b.args };
  return {
    type: "Action.Submit",
    title: cardText(b.label),
    data,
    ...(b.style === "primary" ? { style: "positive" } : b.style === "danger" ? { style: "destructive" } : {}),
  };
}

function renderForm(form: Form, fieldErrors: Record<string, string> | undefined, heading: string | undefined): CardElement[] {
  // The form travels in the action data without values or errors, so a rejection can re-render it.
  const data: FormActionData = { command: form.command, form: { ...form, fields: form.fields.map(({ value: _v, error: _e, ...f }) => f) }, ...(heading ? { heading } : {}) };
  return [
    { type: "TextBlock", text: cardText(form.title), wrap: true, weight: "Bolder", size: "Medium" },
    ...form.fields.flatMap((f) => renderInput(f, fieldErrors?.[f.name] ?? f.error)),
    { type: "ActionSet", actions: [{ type: "Action.Execute", title: cardText(form.submitLabel), verb: form.command, data, style: "positive" }] },
  ];
}

function renderInput(f: FormField, error: string | undefined): CardElement[] {
  const common = {
    id: `${FIELD_PREFIX}${f.name}`,
    label: cardText(f.label),
    isRequired: Boolean(f.required),
    errorMessage: cardText(error ?? (f.required ? `${f.label} is required` : `Check ${f.label}`)),
  };
  let input: CardElement;
  switch (f.kind) {
    case "text":
    case "textarea":
      input = {
        type: "Input.Text",
        ...common,
        ...(f.kind === "textarea" ? { isMultiline: true } : {}),
        ...(f.maxLength ? { maxLength: f.maxLength } : {}),
        ...(f.placeholder ? { placeholder: cardText(f.placeholder) } : {}),
        ...(f.value !== undefined ? { value: f.value } : {}),
      };
      break;
    case "select":
      input = {
        type: "Input.ChoiceSet",
        ...common,
        style: "compact",
        choices: (f.options ?? []).map((o) => ({ title: cardText(o.label), value: o.value })),
        ...(f.value !== undefined ? { value: f.value } : {}),
        ...(f.placeholder ? { placeholder: cardText(f.placeholder) } : {}),
      };
      break;
    case "date":
      input = { type: "Input.Date", ...common, ...(f.value && /^\d{4}-\d{2}-\d{2}$/.test(f.value) ? { value: f.value } : {}) };
      break;
    default:
      return assertNever(f.kind);
  }
  // Teams shows `errorMessage` only for its own client-side checks; the server's verdict is shown as text.
  return error ? [input, { type: "TextBlock", text: cardText(`⚠ ${error}`), wrap: true, color: "Attention", size: "Small", spacing: "None" }] : [input];
}
