/**
 * One turn: what the bot does with each activity Teams sends. Messages and card presses go to the
 * core's one entry; installation stores where the bot can speak later and says hello. This is the
 * only handler; there is no keyword routing here (the core's router decides what text means).
 */
import { randomBytes } from "node:crypto";
import { ActivityTypes, TurnContext, type Activity, type InvokeResponse } from "botbuilder";
import type { Reply } from "../../src/core/reply.ts";
import type { IncomingMessage } from "../../src/core/message.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { messageActivity } from "./activity.ts";
import { fileAttachments, type FileLinks } from "./attachments.ts";
import { ADAPTIVE_CARD_ACTION_INVOKE, cardPress, conversationOf, executeData, isPersonal, textMessage, userOf, type CardPress } from "./inbound.ts";
import { ADAPTIVE_CARD_CONTENT_TYPE, renderCard, renderRejectedForm } from "./render.ts";

export interface TurnDeps {
  rt: Runtime;
  links: FileLinks;
  /** sends the outbox deliveries a message caused (forwarded questions, requests for reports) */
  dispatch(deliveryIds: number[], now: Date): Promise<void>;
  /** the clock: adapters read it, the core gets it as `receivedAt` */
  clock: () => Date;
}

/** The turn logic handed to CloudAdapter. */
export function teamsTurn(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    switch (activity.type) {
      case ActivityTypes.Message:
        return onMessage(context, deps);
      case ActivityTypes.Invoke:
        return onInvoke(context, deps);
      case ActivityTypes.ConversationUpdate:
        return onConversationUpdate(context, deps);
      default:
        return; // typing, reactions, installationUpdate…: nothing to do
    }
  };
}

async function handle(deps: TurnDeps, message: IncomingMessage): Promise<Reply[]> {
  const result = await deps.rt.bot.handle(message);
  if (result.deliveryIds.length > 0) await deps.dispatch(result.deliveryIds, message.receivedAt);
  return result.replies;
}

async function send(context: TurnContext, deps: TurnDeps, replies: Reply[]): Promise<void> {
  if (replies.length === 0) return;
  await context.sendActivity(messageActivity(replies, fileAttachments(replies, deps.links, deps.clock())));
}

const isRejection = (replies: Reply[]) => replies.length === 1 && replies[0]!.tone === "error";

async function onMessage(context: TurnContext, deps: TurnDeps): Promise<void> {
  const activity = context.activity;
  const now = deps.clock();
  if (!isPersonal(activity)) await rememberChannel(deps, activity);
  if (activity.value !== undefined && activity.value !== null) {
    const press = cardPress(activity, activity.value, now);
    if (!press) return;
    const replies = await handle(deps, press.message);
    // A rejected form (Action.Submit path): the card it came from is refreshed with the errors.
    if (press.form && isRejection(replies) && activity.replyToId) {
      await context.updateActivity({
        id: activity.replyToId,
        type: "message",
        attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderRejectedForm(press.form, press.values ?? {}, replies[0]!) }],
      });
      return;
    }
    return send(context, deps, replies);
  }
  const message = textMessage(activity, now);
  if (!message) return;
  await send(context, deps, await handle(deps, message));
}

/** Action.Execute: the answer is the invoke response, a card that replaces the one pressed. */
async function onInvoke(context: TurnContext, deps: TurnDeps): Promise<void> {
  const activity = context.activity;
  if (activity.name !== ADAPTIVE_CARD_ACTION_INVOKE) return invokeResponse(context, { status: 200 });
  const press: CardPress | null = cardPress(activity, executeData(activity), deps.clock());
  if (!press)
    return invokeResponse(context, {
      status: 200,
      body: { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "This card is not from secretariat-bot." } },
    });
  const replies = await handle(deps, press.message);
  if (press.form && isRejection(replies)) {
    return invokeResponse(context, { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: renderRejectedForm(press.form, press.values ?? {}, replies[0]!) } });
  }
  const [first, ...rest] = replies;
  // The card shows the first reply; anything more, and the first reply's files, follow as messages.
  if (rest.length > 0) await send(context, deps, rest);
  const files = first ? fileAttachments([first], deps.links, deps.clock()) : [];
  if (files.length > 0) await context.sendActivity({ type: "message", attachments: files });
  return invokeResponse(context, {
    status: 200,
    body: first ? { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: renderCard(first) } : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Done." },
  });
}

async function invokeResponse(context: TurnContext, value: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: "invokeResponse", value });
}

/** The bot was added to a team, a group chat or a personal chat: remember the place, say hello. */
async function onConversationUpdate(context: TurnContext, deps: TurnDeps): Promise<void> {
  const activity = context.activity;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (!botAdded) return;
  const now = deps.clock();
  if (!isPersonal(activity)) await rememberChannel(deps, activity);
  // The welcome is the core's help, so it lists exactly what the bot understands for this user;
  // asking the core also creates the member (and, in a personal chat, stores how to reach them).
  const help = await handle(deps, { platform: "teams", kind: "text", text: "help", user: userOf(activity), conversation: conversationOf(activity), receivedAt: now });
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
  await send(context, deps, [welcome, ...help.filter((r) => r.tone !== "error")]);
}

/**
 * Stores the conversation reference of a team channel or group chat: as a "general" channel
 * binding of the default working party when the channel has no binding yet; otherwise the
 * reference is filled in (or refreshed) on the bindings the secretariat made for it, so reminders
 * and forwards can reach it.
 */
async function rememberChannel(deps: TurnDeps, activity: Activity): Promise<void> {
  const db = deps.rt.store.db;
  const channelId = activity.conversation.id.split(";")[0]!; // a thread's id carries ";messageid=…"
  const ref = TurnContext.getConversationReference(activity);
  ref.conversation = { ...ref.conversation!, id: channelId };
  delete ref.activityId;
  const data = JSON.stringify(ref);
  const bindings = await db.channelBinding.findMany({ where: { platform: "teams", channelId }, select: { id: true, conversationRef: true } });
  if (bindings.length > 0) {
    const stale = bindings.filter((b) => b.conversationRef !== data).map((b) => b.id);
    if (stale.length > 0) await db.channelBinding.updateMany({ where: { id: { in: stale } }, data: { conversationRef: data } });
    return;
  }
  const wp = await db.workingParty.findUnique({ where: { code: deps.rt.config.DEFAULT_WORKING_PARTY } });
  if (!wp) return;
  const channelData = activity.channelData as { channel?: { name?: string }; team?: { name?: string } } | undefined;
  const name = [channelData?.team?.name, channelData?.channel?.name ?? activity.conversation.name].filter(Boolean).join(" / ") || channelId;
  const key = { workingPartyId: wp.id, platform: "teams", channelId, purpose: "general" };
  await db.channelBinding.upsert({
    where: { workingPartyId_platform_channelId_purpose: key },
    create: { ...key, name: name.slice(0, 200), conversationRef: data },
    update: { conversationRef: data },
  });
}

/** The last stop for errors in a turn: logged with a ref, and the user told what to do, never a stack. */
export function turnErrorHandler(deps: Pick<TurnDeps, "rt">): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const ref = randomBytes(4).toString("hex");
    deps.rt.logger.error({ ref, err: error, activityType: context.activity.type }, "teams turn failed");
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: "invokeResponse", value: { status: 500, body: { statusCode: 500, type: "application/vnd.microsoft.error", value: { code: "InternalError", message: `Something went wrong (ref ${ref}).` } } } }).catch(() => undefined);
      return;
    }
    if (context.activity.type === ActivityTypes.Message)
      await context.sendActivity(`Something went wrong (ref ${ref}); nothing was changed. Please try again, or tell the secretariat the ref.`).catch(() => undefined);
  };
}
