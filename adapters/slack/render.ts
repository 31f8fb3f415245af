/**
 * Reply → Block Kit. One switch over the reply model's block types; every text from the reply is
 * escaped (escape.ts) and every payload is kept within Slack's limits (limits.ts) by splitting or
 * cutting with a "more" hint, so a long answer never becomes an invalid_blocks error.
 */
import type { types as slack } from "@slack/bolt";
import { assertNever, type Block, type Button, type FileRef, type Form, type Reply } from "../../src/core/reply.ts";
import { escapeSlack } from "./escape.ts";
import { chunk, clip, SLACK_LIMITS as L, splitText } from "./limits.ts";

/** One Slack message: fallback text and blocks. */
export interface SlackMessage {
  text: string;
  blocks: slack.KnownBlock[];
}

/** A reply rendered for Slack: the messages to post and the files to upload beside them. */
export interface RenderedReply {
  messages: SlackMessage[];
  files: FileRef[];
}

export interface RenderOptions {
  /** the button value that reopens a form (a stash token); without it a form shows how to type it */
  formRef?: (form: Form) => string | undefined;
  /** a stash token: adds a "Post to channel" button (shared answers to a slash command) */
  shareToken?: string;
  /** prefix of block and action ids, so several replies can share one view without clashes */
  idPrefix?: string;
}

/** Action ids the listeners match on. */
export const ACTION = { command: "cmd", form: "form", share: "share" } as const;

/** Messages per reply before the rest is cut with a hint: a reply longer than this is a bug upstream. */
const MAX_PARTS = 4;

/** Renders a reply as one or more messages of at most 50 blocks each. */
export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedReply {
  const blocks = renderBlocks(reply, options);
  if (options.shareToken) blocks.push(shareActions(options.shareToken));
  const parts = chunk(blocks, L.messageBlocks);
  if (parts.length > MAX_PARTS) {
    const kept = parts.slice(0, MAX_PARTS);
    const last = kept[MAX_PARTS - 1]!;
    const hidden = blocks.length - MAX_PARTS * L.messageBlocks + 1;
    last.splice(L.messageBlocks - 1, 1, moreHint(hidden));
    parts.splice(0, parts.length, ...kept);
  }
  const summary = escapeSlack(reply.tone === "error" ? `⚠ ${reply.summary}` : reply.summary);
  return {
    messages: parts.map((p, i) => ({ text: clip(i === 0 ? summary : `${summary} (continued)`, L.messageText), blocks: p })),
    files: reply.blocks.flatMap((b) => (b.type === "file" ? [b.file] : [])),
  };
}

/** Renders replies into at most `max` blocks (a modal or the App Home), cutting with a hint. */
export function renderViewBlocks(replies: Reply[], max: number = L.viewBlocks, options: RenderOptions = {}): slack.KnownBlock[] {
  const blocks = replies.flatMap((r, i) => [...(i > 0 ? [{ type: "divider" } as slack.DividerBlock] : []), ...renderBlocks(r, { ...options, idPrefix: `${i}.` })]);
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), moreHint(blocks.length - max + 1)];
}

/** All blocks of a reply, before splitting into messages. */
export function renderBlocks(reply: Reply, options: RenderOptions = {}): slack.KnownBlock[] {
  const out: slack.KnownBlock[] = [];
  reply.blocks.forEach((b, i) => out.push(...renderBlock(b, `${options.idPrefix ?? ""}${i}`, options)));
  if (out.length === 0) out.push(mrkdwnSection(escapeSlack(reply.summary.trim() || "(no content)")));
  return out;
}

function renderBlock(b: Block, index: string, options: RenderOptions): slack.KnownBlock[] {
  switch (b.type) {
    case "text": {
      // Slack refuses empty text objects; an empty paragraph is simply not shown.
      if (b.text.trim() === "") return [];
      if (b.style === "heading") return [{ type: "header", text: { type: "plain_text", text: clip(escapeSlack(b.text) || " ", L.headerText) } }];
      if (b.style === "muted") return [context(escapeSlack(b.text))];
      return splitText(escapeSlack(b.text), L.sectionText).map(mrkdwnSection);
    }
    case "quote": {
      const quoted = escapeSlack(b.text)
        .split("\n")
        .map((l) => `>${l}`)
        .join("\n");
      const src = `${b.source.document}, ${b.source.label}${b.source.title ? ` (${b.source.title})` : ""}`;
      return [...splitText(quoted, L.sectionText).map((t, i) => mrkdwnSection(i === 0 ? t : `>${t.replace(/^>/, "")}`)), context(`_${escapeSlack(src)}_`)];
    }
    case "fields":
      return fieldSections(b.fields);
    case "section": {
      const head = `*${escapeSlack(b.title)}*${b.text ? `\n${escapeSlack(b.text)}` : ""}`;
      return [...splitText(head, L.sectionText).map(mrkdwnSection), ...fieldSections(b.fields ?? [])];
    }
    case "buttons":
      return buttonBlocks(b.buttons, index);
    case "form":
      return formBlocks(b.form, index, options);
    case "file":
      return [context(`📎 ${escapeSlack(b.file.title ?? b.file.name)} (${escapeSlack(b.file.name)})`)];
    case "divider":
      return [{ type: "divider" }];
    default:
      return assertNever(b);
  }
}

function mrkdwnSection(text: string): slack.SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: clip(text || " ", L.sectionText) } };
}

function context(text: string): slack.ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: clip(text || " ", L.contextText) }] };
}

function moreHint(hidden: number): slack.ContextBlock {
  return context(`… and ${hidden} more not shown here. Ask more narrowly (for example \`deadlines this month\`), or use the command line for the full list.`);
}

function fieldSections(fields: { label: string; value: string }[]): slack.SectionBlock[] {
  return chunk(fields, L.sectionFields).map((group) => ({
    type: "section",
    fields: group.map((f) => ({ type: "mrkdwn", text: clip(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value) || "—"}`, L.fieldText) })),
  }));
}

/** The value a command button carries: the command and its arguments, as the core's Button names them. */
export function encodeButton(b: Pick<Button, "command" | "args">): string {
  return JSON.stringify({ c: b.command, a: b.args });
}

function buttonBlocks(buttons: Button[], index: string): slack.KnownBlock[] {
  const elements: slack.Button[] = [];
  const untyped: Button[] = [];
  buttons.forEach((b, i) => {
    const value = encodeButton(b);
    // A value over Slack's limit cannot travel with the button; the user can still type the command.
    if (value.length > L.buttonValue) return void untyped.push(b);
    elements.push({
      type: "button",
      action_id: `${ACTION.command}:${index}:${i}`,
      text: { type: "plain_text", text: clip(escapeSlack(b.label.trim()) || b.command, L.buttonText) },
      value,
      ...(b.style ? { style: b.style } : {}),
    });
  });
  const blocks: slack.KnownBlock[] = chunk(elements, L.actionsElements).map((els, j) => ({ type: "actions", block_id: `b${index}.${j}`, elements: els }));
  if (untyped.length > 0) blocks.push(context(untyped.map((b) => `${escapeSlack(b.label)}: type \`${escapeSlack(b.command)}\``).join(" · ")));
  return blocks;
}

function formBlocks(form: Form, index: string, options: RenderOptions): slack.KnownBlock[] {
  const ref = options.formRef?.(form);
  const intro = mrkdwnSection(`*${escapeSlack(form.title)}*\n${escapeSlack(form.fields.map((f) => f.label).join(" · "))}`);
  if (!ref) return [intro, context(`Type \`${escapeSlack(form.command)}\` followed by your answer.`)];
  return [
    intro,
    {
      type: "actions",
      block_id: `f${index}`,
      elements: [
        {
          type: "button",
          action_id: `${ACTION.form}:${index}`,
          style: "primary",
          text: { type: "plain_text", text: clip(escapeSlack(`Open: ${form.title}`), L.buttonText) },
          value: ref,
        },
      ],
    },
  ];
}

function shareActions(token: string): slack.ActionsBlock {
  return {
    type: "actions",
    block_id: "share",
    elements: [{ type: "button", action_id: ACTION.share, text: { type: "plain_text", text: "Post to channel" }, value: token }],
  };
}
