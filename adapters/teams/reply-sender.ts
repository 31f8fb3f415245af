/**
 * Sending a turn's replies so that none is lost. A reply goes out in the turn (the connector
 * client retries dropped connections itself); if it still cannot be posted (the connector is
 * down, throttles or drops every try) the command has nevertheless run, so the reply is queued in
 * the outbox for the user's conversation and sent by the Dispatcher, which honours Retry-After
 * and retries later. The user is never told "nothing was changed" after a change (issue 16, item
 * 1). Each reply carries its own key in channelData, the same in the turn and from the outbox,
 * built from the activity it answers: a second copy is recognisable and the outbox records it once.
 */
import { randomUUID } from "node:crypto";
import type { Activity } from "@microsoft/agents-activity";
import type { TurnContext } from "@microsoft/agents-hosting";
import type { Reply } from "../../src/core/reply.ts";
import type { Recipient } from "../../src/core/messenger.ts";
import { Outbox } from "../../src/outbox/outbox.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { DELIVERY_KEY_FIELD, messageActivity } from "./activity.ts";
import { fileAttachments, type FileLinks } from "./attachments.ts";
import { channelIdOf, isPersonal, userOf } from "./inbound.ts";

export interface ReplySenderDeps {
  rt: Runtime;
  links: FileLinks;
  dispatch(deliveryIds: number[], now: Date): Promise<void>;
  clock: () => Date;
}

/** How many replies this turn has sent so far (for their keys). */
const SENT = Symbol("secretariat.replies");

export class ReplySender {
  private readonly deps: ReplySenderDeps;

  constructor(deps: ReplySenderDeps) {
    this.deps = deps;
  }

  /** Posts `replies` as one message in the turn's conversation, or queues them if that fails. */
  async send(context: TurnContext, replies: Reply[]): Promise<void> {
    if (replies.length === 0) return;
    await this.sendActivity(context, messageActivity(replies, fileAttachments(replies, this.deps.links, this.deps.clock())), replies);
  }

  /** Posts `activity` (rendered from `replies`); on failure queues `replies` under the same key. */
  async sendActivity(context: TurnContext, activity: Activity, replies: Reply[]): Promise<void> {
    const key = nextKey(context);
    activity.channelData = { ...(activity.channelData as Record<string, unknown> | undefined), [DELIVERY_KEY_FIELD]: key };
    try {
      await context.sendActivity(activity);
    } catch (error) {
      await this.later(context.activity, key, replies, error);
    }
  }

  private async later(answered: Activity, key: string, replies: Reply[], error: unknown): Promise<void> {
    const now = this.deps.clock();
    const { rt } = this.deps;
    rt.logger.warn({ key, err: error }, "teams reply could not be posted in the turn; queued in the outbox");
    const outbox = new Outbox(rt.store);
    await outbox.enqueue({ key, kind: "reply", platform: "teams", to: recipientOf(answered), replies, dueAt: now });
    if (outbox.createdIds.length > 0) await this.deps.dispatch(outbox.createdIds, now);
  }
}

/** `teams-reply:<conversation>:<activity>:<n>`: stable for the activity, so a redelivered activity's reply is the same row. */
function nextKey(context: TurnContext): string {
  const n = ((context.turnState.get(SENT) as number | undefined) ?? 0) + 1;
  context.turnState.set(SENT, n);
  const a = context.activity;
  return `teams-reply:${a.conversation?.id ?? "?"}:${a.id ?? randomUUID()}:${n}`;
}

/** Where a queued reply goes: the same conversation (thread included), as a new message. */
function recipientOf(activity: Activity): Recipient {
  const ref = activity.getConversationReference();
  delete ref.activityId;
  return isPersonal(activity)
    ? { kind: "user", id: userOf(activity).id, ref: JSON.stringify(ref) }
    : { kind: "channel", id: channelIdOf(activity.conversation!.id), ref: JSON.stringify(ref) };
}
