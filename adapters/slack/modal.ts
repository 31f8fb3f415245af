/**
 * A reply's form as a Slack modal: fields become input blocks (block_id `f:<name>`), the form's
 * command and hidden context travel in `private_metadata`, the submitted state comes back as plain
 * values, and field errors go back as `response_action: "errors"` keyed by block id.
 */
import type { types as slack } from "@slack/bolt";
import { z } from "zod";
import type { Form, FormField } from "../../src/core/reply.ts";
import { escapeSlack } from "./escape.ts";
import { clip, SLACK_LIMITS as L } from "./limits.ts";

/** callback_id of every modal the bot opens. */
export const FORM_CALLBACK = "secretariat_form";
const VALUE_ACTION = "v";

/** What a modal carries back to us in private_metadata. */
export const FormMeta = z.object({
  /** the command the values are submitted to */
  c: z.string().min(1).max(100),
  /** the form's hidden context */
  x: z.record(z.string(), z.string()).default({}),
  /** response_url of the message the form was opened from, to answer there */
  r: z.url().optional(),
  /** channel the form was opened from */
  ch: z.string().max(40).optional(),
});
export type FormMeta = z.infer<typeof FormMeta>;

const blockId = (name: string) => clip(`f:${name}`, L.actionId);

/** The modal view for a form; `origin` says where to answer after submission. */
export function formToModal(form: Form, origin: { responseUrl?: string; channel?: string } = {}): slack.ModalView {
  const meta: FormMeta = { c: form.command, x: form.context, ...(origin.channel ? { ch: origin.channel } : {}) };
  // The response_url is a convenience: dropped rather than overflow private_metadata.
  let privateMetadata = JSON.stringify({ ...meta, ...(origin.responseUrl ? { r: origin.responseUrl } : {}) });
  if (privateMetadata.length > L.privateMetadata) privateMetadata = JSON.stringify(meta);
  let blocks: slack.KnownBlock[] = form.fields.map(inputBlock);
  if (blocks.length > L.viewBlocks) {
    blocks = [...blocks.slice(0, L.viewBlocks - 1), { type: "context", elements: [{ type: "mrkdwn", text: `${form.fields.length - L.viewBlocks + 1} more fields could not be shown.` }] }];
  }
  return {
    type: "modal",
    callback_id: FORM_CALLBACK,
    title: plain(form.title, L.modalTitle),
    submit: plain(form.submitLabel || "Submit", L.modalTitle),
    close: plain("Cancel", L.modalTitle),
    private_metadata: privateMetadata,
    blocks,
  };
}

function plain(text: string, max: number): slack.PlainTextElement {
  return { type: "plain_text", text: clip(escapeSlack(text) || " ", max) };
}

function inputBlock(f: FormField): slack.InputBlock {
  return {
    type: "input",
    block_id: blockId(f.name),
    optional: !f.required,
    label: plain(f.label, L.inputLabel),
    element: inputElement(f),
  };
}

function inputElement(f: FormField): slack.InputBlockElement {
  const placeholder = f.placeholder ? { placeholder: plain(f.placeholder, L.placeholder) } : {};
  switch (f.kind) {
    case "text":
    case "textarea": {
      const max = Math.min(f.maxLength ?? L.inputMaxLength, L.inputMaxLength);
      return {
        type: "plain_text_input",
        action_id: VALUE_ACTION,
        multiline: f.kind === "textarea",
        max_length: max,
        // Pre-filled from the last report: raw text, since an input's value is not rendered as mrkdwn.
        ...(f.value ? { initial_value: f.value.slice(0, max) } : {}),
        ...placeholder,
      };
    }
    case "select": {
      const options = (f.options ?? []).slice(0, L.selectOptions).map((o) => ({ text: plain(o.label, L.optionText), value: clip(o.value, L.optionValue) }));
      const initial = options.find((o) => o.value === f.value);
      return { type: "static_select", action_id: VALUE_ACTION, options, ...(initial ? { initial_option: initial } : {}), ...placeholder };
    }
    case "date":
      return { type: "datepicker", action_id: VALUE_ACTION, ...(f.value && /^\d{4}-\d{2}-\d{2}$/.test(f.value) ? { initial_date: f.value } : {}), ...placeholder };
    default:
      return f.kind satisfies never;
  }
}

/** The shape of `view.state.values` for our inputs. */
type StateValues = Record<string, Record<string, { type?: string; value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null }>>;

/** Submitted values by field name; an empty optional field is left out. */
export function valuesFromState(values: StateValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [block, actions] of Object.entries(values)) {
    if (!block.startsWith("f:")) continue;
    const a = actions[VALUE_ACTION];
    const v = a?.value ?? a?.selected_option?.value ?? a?.selected_date ?? null;
    if (v !== null && v !== undefined) out[block.slice(2)] = v;
  }
  return out;
}

/**
 * Field errors keyed by block id, as `response_action: "errors"` wants. An error about no field
 * in the form (or the whole form) is shown on the first field, so it is never lost.
 */
export function errorsForSlack(fieldErrors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const known = new Set(blockIds);
  const first = blockIds[0];
  const out: Record<string, string> = {};
  for (const [name, message] of Object.entries(fieldErrors)) {
    const id = known.has(blockId(name)) ? blockId(name) : first;
    if (!id) continue;
    out[id] = clip(out[id] ? `${out[id]}; ${message}` : message, 2000);
  }
  return out;
}
