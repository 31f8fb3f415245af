/**
 * Teams activity → IncomingMessage. Personal chat, channel and group messages that @mention the
 * bot (the mention removed before the core sees the text), Action.Submit messages and
 * `adaptiveCard/action` invokes (Action.Execute). Nothing here decides what a message means.
 */
import type { Activity } from "@microsoft/agents-activity";
import { z } from "zod";
import type { Form } from "../../src/core/reply.ts";
import type { Attachment, Conversation, IncomingMessage, IncomingUser } from "../../src/core/message.ts";
import { mentionToken } from "../../src/core/mention.ts";
import { mentionedUsers } from "./mentions.ts";
import { FIELD_PREFIX } from "./render.ts";

/** The Teams invoke name of an Action.Execute press. */
export const ADAPTIVE_CARD_ACTION_INVOKE = "adaptiveCard/action";

const Command = z.string().trim().min(1).max(100);
const ButtonData = z.object({ command: Command, args: z.record(z.string(), z.union([z.string(), z.number()])).default({}) });
const FormData = z.object({
  command: Command,
  form: z.object({
    command: Command,
    title: z.string(),
    submitLabel: z.string(),
    fields: z.array(z.object({ name: z.string(), label: z.string(), kind: z.enum(["text", "textarea", "select", "date"]) }).passthrough()).max(50),
    context: z.record(z.string(), z.string()).default({}),
  }),
  heading: z.string().max(300).optional(),
});

/** A card press decoded: the message for the core, and the form when it was a form (to re-render it). */
export interface CardPress {
  message: IncomingMessage;
  form?: Form;
  /** the values the user typed, by field name */
  values?: Record<string, unknown>;
  /** the heading the form was sent with */
  heading?: string;
}

/** True for a conversation the bot shares with one user. */
export function isPersonal(activity: Activity): boolean {
  return activity.conversation?.conversationType === "personal" || (!activity.conversation?.conversationType && !activity.conversation?.isGroup);
}

/**
 * A channel message arrives in its thread ("19:…@thread.tacv2;messageid=…"); the channel itself is
 * the part before ";messageid", so a binding names the channel and later posts start new threads.
 */
export function channelIdOf(conversationId: string): string {
  return conversationId.split(";messageid=")[0]!;
}

/** The reference to speak in this activity's conversation later (not as a reply to this activity). */
export function referenceOf(activity: Activity): string {
  const ref = activity.getConversationReference();
  delete ref.activityId;
  if (ref.conversation?.id) ref.conversation = { ...ref.conversation, id: channelIdOf(ref.conversation.id) };
  return JSON.stringify(ref);
}

/** Where the activity happened, with the reference needed to speak there later and the channel's name. */
export function conversationOf(activity: Activity): Conversation {
  const personal = isPersonal(activity);
  const name = personal ? undefined : channelNameOf(activity);
  return { kind: personal ? "direct" : "channel", id: channelIdOf(activity.conversation?.id ?? ""), ref: referenceOf(activity), ...(name ? { name } : {}) };
}

/**
 * "CCWP / General": the team and channel names Teams sends, or the group chat's name. Teams gives
 * no name for a team's General channel, whose id is the team's own.
 */
export function channelNameOf(activity: Activity): string | undefined {
  const data = activity.channelData as { channel?: { id?: string; name?: string }; team?: { id?: string; name?: string } } | undefined;
  const general = data?.team?.name && data.channel?.id !== undefined && data.channel.id === data.team.id ? "General" : undefined;
  const name = [data?.team?.name, data?.channel?.name ?? general ?? activity.conversation?.name].filter(Boolean).join(" / ");
  return name ? name.slice(0, 200) : undefined;
}

/** The Teams user: AAD object id when Teams gives it (stable across chats), name, time zone. */
export function userOf(activity: Activity): IncomingUser {
  const from = activity.from;
  const id = from?.aadObjectId || from?.id || "unknown";
  const user: IncomingUser = { id };
  if (from?.name) user.name = from.name.slice(0, 200);
  const tz = validTimeZone(activity.localTimezone);
  if (tz) user.timeZone = tz;
  if (isPersonal(activity)) user.directRef = referenceOf(activity);
  return user;
}

// Building an Intl.DateTimeFormat costs about half a millisecond: remember the answer per zone.
const knownZones = new Map<string, boolean>();

function validTimeZone(tz: string | undefined): string | undefined {
  if (!tz || tz.length > 64) return undefined;
  let valid = knownZones.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      valid = true;
    } catch {
      valid = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, valid);
  }
  return valid ? tz : undefined;
}

/** True when a channel or group message @mentions this bot (Teams only delivers those, but a bot may be sent others). */
export function mentionsBot(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => e.type === "mention" && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
}

/**
 * A typed message → text for the core: the bot's mention removed (the SDK's
 * `Activity.removeRecipientMention`), every other person's mention written as the neutral member
 * reference `@{id}` (`ids` maps their Teams id to the id the core knows them by, see mentions.ts),
 * then what Teams adds around text in channels (leftover `<at>` tags, HTML, entities) dropped.
 */
export function textOf(activity: Activity, ids: ReadonlyMap<string, string> = new Map()): string {
  let text = (mentionsBot(activity) ? activity.removeRecipientMention() : activity.text) ?? "";
  for (const m of mentionedUsers(activity)) text = text.replace(m.text, mentionToken(ids.get(m.id) ?? m.aadObjectId ?? m.id));
  return text
    .replace(/<at>[^<]*<\/at>/gi, (m) => m.replace(/<\/?at>/gi, ""))
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?(p|div|span|strong|em|b|i)[^>]*>/gi, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

function base(activity: Activity, receivedAt: Date) {
  return { platform: "teams" as const, user: userOf(activity), conversation: conversationOf(activity), receivedAt };
}

/**
 * A typed message, with the files sent with it, or null when it is not for the bot (a channel
 * message without its mention).
 */
export function textMessage(activity: Activity, receivedAt: Date, files: Attachment[] = [], mentionIds: ReadonlyMap<string, string> = new Map()): IncomingMessage | null {
  if (!isPersonal(activity) && !mentionsBot(activity)) return null;
  return { ...base(activity, receivedAt), kind: "text", text: textOf(activity, mentionIds), ...(files.length > 0 ? { attachments: files } : {}) };
}

/**
 * A card press: `data` is Action.Submit's `activity.value` or Action.Execute's `value.action.data`,
 * with the inputs' values merged in by Teams. Null when the data is not ours.
 */
export function cardPress(activity: Activity, data: unknown, receivedAt: Date): CardPress | null {
  const form = FormData.safeParse(data);
  if (form.success) {
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (k.startsWith(FIELD_PREFIX)) values[k.slice(FIELD_PREFIX.length)] = v;
    const spec = form.data.form as Form;
    return { message: { ...base(activity, receivedAt), kind: "form", command: form.data.command, values: { ...spec.context, ...values } }, form: spec, values, ...(form.data.heading ? { heading: form.data.heading } : {}) };
  }
  const button = ButtonData.safeParse(data);
  if (button.success) return { message: { ...base(activity, receivedAt), kind: "action", command: button.data.command, args: button.data.args } };
  return null;
}

/** The data of an `adaptiveCard/action` invoke (Action.Execute). */
export function executeData(activity: Activity): unknown {
  const v = activity.value as { action?: { type?: string; data?: unknown } } | undefined;
  return v?.action?.type === "Action.Execute" ? v.action.data : undefined;
}
