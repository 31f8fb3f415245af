/**
 * One turn: what the bot does with each activity Teams sends. Messages and card presses go to the
 * core's one entry; installation tells the core where the bot can speak later and says hello.
 * This is the only handler; there is no keyword routing here (the core's router decides what text
 * means).
 */
import { randomBytes } from "node:crypto";
import { Activity, ActivityTypes } from "@microsoft/agents-activity";
import type { InvokeResponse, TurnContext } from "@microsoft/agents-hosting";
import type { Reply } from "../../src/core/reply.ts";
import type { Attachment, IncomingMessage } from "../../src/core/message.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { messageActivity } from "./activity.ts";
import { fileAttachments, type FileLinks } from "./attachments.ts";
import { ADAPTIVE_CARD_ACTION_INVOKE, cardPress, channelIdOf, conversationOf, executeData, isPersonal, mentionsBot, textMessage, userOf, type CardPress } from "./inbound.ts";
import { mentionedUsers, mentionIds } from "./mentions.ts";
import { ADAPTIVE_CARD_CONTENT_TYPE, renderCard, renderRejectedForm } from "./render.ts";
import { ReplySender } from "./reply-sender.ts";

export interface TurnDeps {
  rt: Runtime;
  links: FileLinks;
  /** sends the outbox deliveries a message caused (forwarded questions, requests for reports) */
  dispatch(deliveryIds: number[], now: Date): Promise<void>;
  /** records where the bot was added, so reminders can reach it (the core decides what to bind) */
  installed(activity: Activity, now: Date): Promise<void>;
  /** the files sent with an activity, as the core's attachments (fetched only if a command asks) */
  files(activity: Activity): Attachment[];
  /** the clock: adapters read it, the core gets it as `receivedAt` */
  clock: () => Date;
}

/** Set once the core has handled the turn's message: from then on a failure must not say "nothing was changed". */
const HANDLED = Symbol("secretariat.handled");

/** The turn logic handed to the SDK's `process()`. */
export function teamsTurn(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  const sender = new ReplySender(deps);
  return async (context) => {
    switch (context.activity.type) {
      case ActivityTypes.Message:
        return onMessage(context, deps, sender);
      case ActivityTypes.Invoke:
        return onInvoke(context, deps, sender);
      case ActivityTypes.ConversationUpdate:
        return onConversationUpdate(context, deps, sender);
      default:
        return; // typing, reactions, installationUpdate…: nothing to do
    }
  };
}

async function handle(context: TurnContext, deps: TurnDeps, message: IncomingMessage): Promise<Reply[]> {
  const result = await deps.rt.bot.handle(message);
  context.turnState.set(HANDLED, true);
  if (result.deliveryIds.length > 0) await deps.dispatch(result.deliveryIds, message.receivedAt);
  return result.replies;
}

const isRejection = (replies: Reply[]) => replies.length === 1 && replies[0]!.tone === "error";

async function onMessage(context: TurnContext, deps: TurnDeps, sender: ReplySender): Promise<void> {
  const activity = context.activity;
  const now = deps.clock();
  if (!isPersonal(activity)) await deps.installed(activity, now);
  if (activity.value !== undefined && activity.value !== null) {
    const press = cardPress(activity, activity.value, now);
    if (!press) return;
    const replies = await handle(context, deps, press.message);
    // A rejected form (Action.Submit path): the card it came from is refreshed with the errors.
    if (press.form && isRejection(replies) && activity.replyToId) {
      const card = renderRejectedForm(press.form, press.values ?? {}, replies[0]!, press.heading);
      const updated = await context
        .updateActivity(messageActivityWithId(activity.replyToId, card))
        .then(() => true)
        .catch((e: unknown) => (deps.rt.logger.warn({ err: e }, "teams: could not refresh the rejected form; sending it as a new message"), false));
      if (updated) return;
    }
    return sender.send(context, replies);
  }
  const mentioned = mentionedUsers(activity);
  const ids = mentioned.length > 0 && (isPersonal(activity) || mentionsBot(activity)) ? await mentionIds(context, mentioned) : new Map<string, string>();
  const message = textMessage(activity, now, deps.files(activity), ids);
  if (!message) return;
  await sender.send(context, await handle(context, deps, message));
}

function messageActivityWithId(id: string, card: Record<string, unknown>): Activity {
  return Activity.fromObject({ type: ActivityTypes.Message, id, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] });
}

/** Action.Execute: the answer is the invoke response, a card that replaces the one pressed. */
async function onInvoke(context: TurnContext, deps: TurnDeps, sender: ReplySender): Promise<void> {
  const activity = context.activity;
  if (activity.name !== ADAPTIVE_CARD_ACTION_INVOKE) return invokeResponse(context, { status: 200 });
  const press: CardPress | null = cardPress(activity, executeData(activity), deps.clock());
  if (!press)
    return invokeResponse(context, {
      status: 200,
      body: { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "This card is not from secretariat-bot." } },
    });
  const replies = await handle(context, deps, press.message);
  if (press.form && isRejection(replies)) {
    return invokeResponse(context, { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: renderRejectedForm(press.form, press.values ?? {}, replies[0]!, press.heading) } });
  }
  const [first, ...rest] = replies;
  // The card shows the first reply; anything more, and the first reply's files, follow as messages.
  if (rest.length > 0) await sender.send(context, rest);
  const files = first ? fileAttachments([first], deps.links, deps.clock()) : [];
  if (files.length > 0) await sender.sendActivity(context, messageActivity([], files), [first!]);
  return invokeResponse(context, {
    status: 200,
    body: first ? { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: renderCard(first) } : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Done." },
  });
}

async function invokeResponse(context: TurnContext, value: InvokeResponse): Promise<void> {
  await context.sendActivity(invokeActivity(value));
}

function invokeActivity(value: InvokeResponse): Activity {
  return Activity.fromObject({ type: ActivityTypes.InvokeResponse, value });
}

/** The bot was added to a team, a group chat or a personal chat: remember the place, say hello. */
async function onConversationUpdate(context: TurnContext, deps: TurnDeps, sender: ReplySender): Promise<void> {
  const activity = context.activity;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (!botAdded) return;
  const now = deps.clock();
  if (!isPersonal(activity)) await deps.installed(activity, now);
  // The welcome is the core's help, so it lists exactly what the bot understands for this user;
  // asking the core also creates the member (and, in a personal chat, stores how to reach them).
  const help = await handle(context, deps, { platform: "teams", kind: "text", text: "help", user: userOf(activity), conversation: conversationOf(activity), receivedAt: now });
  const welcome: Reply = {
    summary: "Hello from secretariat-bot",
    visibility: "shared",
    blocks: [
      { type: "text", text: "Hello! I am the secretariat bot of your working party.", style: "heading" },
      {
        type: "text",
        text: isPersonal(activity)
          ? "Write to me here: ask about the strategies, your deadlines or reports. I will also send you reminders and requests for progress reports."
          : "Mention me (@secretariat) with a question or a command. I will post reminders in this conversation.",
      },
    ],
  };
  await sender.send(context, [welcome, ...help.filter((r) => r.tone !== "error")]);
}

/** The last stop for errors in a turn: logged with a ref, and the user told what to do, never a stack. */
export function turnErrorHandler(deps: Pick<TurnDeps, "rt">): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const ref = randomBytes(4).toString("hex");
    const handled = context.turnState.get(HANDLED) === true;
    deps.rt.logger.error({ ref, err: error, activityType: context.activity.type, handled, conversation: channelIdOf(context.activity.conversation?.id ?? "") }, "teams turn failed");
    if (context.activity.type === ActivityTypes.Invoke) {
      const message = handled ? `Done, but the answer could not be shown (ref ${ref}).` : `Something went wrong (ref ${ref}).`;
      await context.sendActivity(invokeActivity({ status: 500, body: { statusCode: 500, type: "application/vnd.microsoft.error", value: { code: "InternalError", message } } })).catch(() => undefined);
      return;
    }
    if (context.activity.type === ActivityTypes.Message)
      await context
        .sendActivity(
          handled
            ? `Your message was carried out, but its answer could not be shown here (ref ${ref}). Do not send it again; tell the secretariat the ref if you need the answer.`
            : `Something went wrong (ref ${ref}); nothing was changed. Please try again, or tell the secretariat the ref.`,
        )
        .catch(() => undefined);
  };
}
