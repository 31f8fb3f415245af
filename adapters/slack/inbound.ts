/**
 * Slack payloads → IncomingMessage. Slack's text markup is turned back into what the user typed
 * (links, channel names, entities); user mentions become the core's neutral member reference
 * `@{U…}` (src/core/mention.ts). The bot's own mention is stripped from app_mention text, and a
 * leading `/wp` from a message typed where Slack does not run slash commands (threads).
 */
import { z } from "zod";
import { mentionToken } from "../../src/core/mention.ts";
import type { Attachment, Conversation, IncomingMessage, IncomingUser } from "../../src/core/message.ts";

/** "<https://x|x>", "<#C1|ccwp>", "&lt;" … → plain text; "<@U1|marie>" → "@{U1}". */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<#([A-Z0-9]+)>/g, "#$1")
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => label ?? "@group")
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => mentionToken(id))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** "/wp deadlines" typed as a message (in a thread, Slack posts slash commands as text) → "deadlines". */
export function withoutSlashCommand(text: string): string {
  return text.replace(/^\s*\/wp\b\s*/i, "");
}

/** Drops every mention of the bot (the "@bot" that addressed it) and trims. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text.trim();
  return text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>:?`, "g"), " ").replace(/\s+/g, " ").trim();
}

/** A conversation from a Slack channel id: D… is a direct message with the bot. */
export function conversationOf(channelId: string): Conversation {
  return { kind: channelId.startsWith("D") ? "direct" : "channel", id: channelId };
}

/** `/wp <text>`. */
export function fromSlashCommand(cmd: { text: string; channel_id: string }, user: IncomingUser, now: Date): IncomingMessage {
  return { platform: "slack", kind: "text", text: slackTextToPlain(cmd.text), user, conversation: conversationOf(cmd.channel_id), receivedAt: now };
}

/** A file shared with a message, as Slack's events carry it. */
export interface SlackFile {
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

/** Fetches a Slack file's bytes (files.slack.com with the bot token). */
export type SlackDownload = (url: string) => Promise<Uint8Array>;

/** `@bot …` in a channel, or a direct message (no mention to strip there unless typed), with the files shared in it. */
export function fromMessage(event: { text?: string; channel: string; files?: SlackFile[] }, botUserId: string | undefined, user: IncomingUser, now: Date, download?: SlackDownload): IncomingMessage {
  const attachments: Attachment[] = [];
  for (const f of event.files ?? []) {
    const url = f.url_private_download ?? f.url_private;
    if (!url || !download) continue;
    attachments.push({ name: f.name ?? f.title ?? "document", ...(f.mimetype ? { mimeType: f.mimetype } : {}), ...(f.size !== undefined ? { size: f.size } : {}), fetch: () => download(url) });
  }
  return {
    platform: "slack",
    kind: "text",
    text: withoutSlashCommand(slackTextToPlain(stripBotMention(event.text ?? "", botUserId))),
    user,
    conversation: conversationOf(event.channel),
    receivedAt: now,
    ...(attachments.length ? { attachments } : {}),
  };
}

const ButtonValue = z.object({ c: z.string().min(1).max(100), a: z.record(z.string(), z.union([z.string(), z.number()])).default({}) });

/** A pressed command button (value from render.ts encodeButton); null when the value is not ours. */
export function fromButton(value: string | undefined, channelId: string | undefined, user: IncomingUser, now: Date): IncomingMessage | null {
  let parsed;
  try {
    parsed = ButtonValue.safeParse(JSON.parse(value ?? ""));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  return {
    platform: "slack",
    kind: "action",
    command: parsed.data.c,
    args: parsed.data.a,
    user,
    conversation: channelId ? conversationOf(channelId) : { kind: "direct", id: `home:${user.id}` },
    receivedAt: now,
  };
}

/** A submitted modal: the form's command with its values and hidden context. */
export function fromFormSubmission(
  meta: { c: string; x: Record<string, string>; ch?: string },
  values: Record<string, string>,
  user: IncomingUser,
  now: Date,
): IncomingMessage {
  return {
    platform: "slack",
    kind: "form",
    command: meta.c,
    // Hidden context first: a user cannot overwrite it with a field of the same name.
    values: { ...values, ...meta.x },
    user,
    conversation: meta.ch ? conversationOf(meta.ch) : { kind: "direct", id: `home:${user.id}` },
    receivedAt: now,
  };
}

/** The App Home tab opened: the core's `home` command for this user. */
export function fromHomeOpened(channelId: string | undefined, user: IncomingUser, now: Date): IncomingMessage {
  return {
    platform: "slack",
    kind: "action",
    command: "home",
    args: {},
    user,
    conversation: channelId ? { kind: "direct", id: channelId } : { kind: "direct", id: `home:${user.id}` },
    receivedAt: now,
  };
}

/** Message shortcuts the manifest declares, by callback_id: the core command each one runs. */
export const MESSAGE_SHORTCUTS: Record<string, { command: string; arg: string }> = {
  ask_secretariat: { command: "secretariat.ask", arg: "question" },
};

/** A message shortcut on a message: its command with the message's text as the argument. */
export function fromMessageShortcut(callbackId: string, message: { text?: string }, channelId: string | undefined, user: IncomingUser, now: Date): IncomingMessage | null {
  const s = MESSAGE_SHORTCUTS[callbackId];
  if (!s) return null;
  return {
    platform: "slack",
    kind: "action",
    command: s.command,
    args: { [s.arg]: slackTextToPlain(message.text ?? "") },
    user,
    conversation: channelId ? conversationOf(channelId) : { kind: "direct", id: `home:${user.id}` },
    receivedAt: now,
  };
}
