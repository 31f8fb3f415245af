import { z } from "zod";
import { escapeSlack } from "./escape.js";
import { clip, SLACK_LIMITS as L } from "./limits.js";
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
const blockId = (name) => clip(`f:${name}`, L.actionId);
/** The modal view for a form; `origin` says where to answer after submission. */
export function formToModal(form, origin = {}) {
    const meta = { c: form.command, x: form.context, ...(origin.channel ? { ch: origin.channel } : {}) };
    // The response_url is a convenience: dropped rather than overflow private_metadata.
    let privateMetadata = JSON.stringify({ ...meta, ...(origin.responseUrl ? { r: origin.responseUrl } : {}) });
    if (privateMetadata.length > L.privateMetadata)
        privateMetadata = JSON.stringify(meta);
    let blocks = form.fields.map(inputBlock);
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
function plain(text, max) {
    return { type: "plain_text", text: clip(escapeSlack(text) || " ", max) };
}
function inputBlock(f) {
    return {
        type: "input",
        block_id: blockId(f.name),
        optional: !f.required,
        label: plain(f.label, L.inputLabel),
        element: inputElement(f),
    };
}
function inputElement(f) {
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
            return f.kind;
    }
}
/** Submitted values by field name; an empty optional field is left out. */
export function valuesFromState(values) {
    const out = {};
    for (const [block, actions] of Object.entries(values)) {
        if (!block.startsWith("f:"))
            continue;
        const a = actions[VALUE_ACTION];
        const v = a?.value ?? a?.selected_option?.value ?? a?.selected_date ?? null;
        if (v !== null && v !== undefined)
            out[block.slice(2)] = v;
    }
    return out;
}
/**
 * Field errors keyed by block id, as `response_action: "errors"` wants. An error about no field
 * in the form (or the whole form) is shown on the first field, so it is never lost.
 */
export function errorsForSlack(fieldErrors, blockIds) {
    const known = new Set(blockIds);
    const first = blockIds[0];
    const out = {};
    for (const [name, message] of Object.entries(fieldErrors)) {
        const id = known.has(blockId(name)) ? blockId(name) : first;
        if (!id)
            continue;
        out[id] = clip(out[id] ? `${out[id]}; ${message}` : message, 2000);
    }
    return out;
}
