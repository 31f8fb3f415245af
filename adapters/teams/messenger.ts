/**
 * The Teams messenger: proactive messages into channels and 1:1 chats from stored conversation
 * references (`continueConversationAsync` with the app id), a new 1:1 conversation for a member
 * who has none yet (`createConversationAsync`, tenant and serviceUrl taken from any stored
 * reference), files as attachments. It never retries: a 429 or a 5xx is reported as retryable
 * and the Dispatcher reschedules. Teams offers no lookup of "was this key already sent?", so there
 * is no findSent (README: what a crash between send and record may cause).
 */
import { TurnContext, type ConversationReference } from "botbuilder";
import type { Logger } from "../../src/log/logger.ts";
import type { Messenger, OutgoingMessage, Recipient, SendResult } from "../../src/core/messenger.ts";
import type { Store } from "../../src/store/index.ts";
import { messageActivity } from "./activity.ts";
import { fileAttachments, type FileLinks } from "./attachments.ts";
import type { TeamsCloudAdapter } from "./bot-framework.ts";
import { isTrustedServiceUrl } from "./service-url.ts";

/** The audience of tokens for the public Bot Framework connector. */
const CONNECTOR_AUDIENCE = "https://api.botframework.com";

export interface TeamsMessengerOptions {
  adapter: TeamsCloudAdapter;
  appId: string;
  trustAnyServiceUrl: boolean;
  store: Store;
  links: FileLinks;
  logger: Logger;
  /** the clock (adapters may read it); links expire relative to it */
  clock?: () => Date;
}

export class TeamsMessenger implements Messenger {
  readonly platform = "teams" as const;
  private readonly clock: () => Date;

  private readonly o: TeamsMessengerOptions;

  constructor(o: TeamsMessengerOptions) {
    this.o = o;
    this.clock = o.clock ?? (() => new Date());
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const log = this.o.logger.child({ key: message.key, to: message.to.id });
    let activity;
    try {
      activity = messageActivity(message.replies, fileAttachments(message.replies, this.o.links, this.clock()), message.key);
    } catch (e) {
      return { ok: false, retryable: false, error: `cannot build the message: ${(e as Error).message}` };
    }
    const ref = parseReference(message.to.ref);
    if (ref) {
      if (!isTrustedServiceUrl(ref.serviceUrl, this.o.trustAnyServiceUrl))
        return { ok: false, retryable: false, error: `the stored reference points at ${ref.serviceUrl}, which is not a Bot Framework endpoint` };
      let sentId: string | undefined;
      let failure: unknown;
      try {
        await this.o.adapter.continueConversationAsync(this.o.appId, ref, async (ctx) => {
          // Caught here: the adapter's turn-error handler must not swallow a 429.
          try {
            newMessage(ctx);
            sentId = (await ctx.sendActivity(activity))?.id;
          } catch (e) {
            failure = e;
          }
        });
      } catch (e) {
        failure ??= e;
      }
      if (failure) return classify(failure, this.clock(), log);
      return { ok: true, platformRef: sentId ?? `teams:${message.key}` };
    }
    if (message.to.kind === "user") return this.sendToNewChat(message.to, activity, log);
    return { ok: false, retryable: false, error: `no conversation reference stored for channel ${message.to.id}: add the bot to it in Teams` };
  }

  /** A 1:1 chat with a member the bot has never spoken to: created on the tenant of a stored reference. */
  private async sendToNewChat(to: Recipient, activity: ReturnType<typeof messageActivity>, log: Logger): Promise<SendResult> {
    const known = await this.anyReference();
    if (!known) return { ok: false, retryable: false, error: "no Teams conversation is known yet, so there is no tenant to reach the user in: install the app first" };
    if (!isTrustedServiceUrl(known.serviceUrl, this.o.trustAnyServiceUrl))
      return { ok: false, retryable: false, error: `the stored serviceUrl ${known.serviceUrl} is not a Bot Framework endpoint` };
    const tenantId = known.conversation?.tenantId ?? (known as { tenantId?: string }).tenantId;
    let sentId: string | undefined;
    let newRef: Partial<ConversationReference> | undefined;
    let failure: unknown;
    try {
      await this.o.adapter.createConversationAsync(
        this.o.appId,
        "msteams",
        known.serviceUrl!,
        CONNECTOR_AUDIENCE,
        {
          isGroup: false,
          bot: known.bot!,
          // Teams accepts the user's AAD object id here; it is the id we know members by.
          members: [{ id: to.id, name: "" }],
          tenantId,
          channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
          // No initial activity: the message is sent in the turn below, like every other send.
          activity: undefined as never,
        },
        async (ctx) => {
          try {
            newRef = TurnContext.getConversationReference(ctx.activity);
            delete newRef.activityId;
            newMessage(ctx);
            sentId = (await ctx.sendActivity(activity))?.id;
          } catch (e) {
            failure = e;
          }
        },
      );
    } catch (e) {
      failure ??= e;
    }
    if (newRef) {
      // Remembered at once, so the next message (or a retry) reuses this chat instead of creating another.
      await this.o.store.db.member.updateMany({ where: { platform: "teams", platformUserId: to.id }, data: { directRef: JSON.stringify(newRef) } });
    }
    if (failure) return classify(failure, this.clock(), log);
    return { ok: true, platformRef: sentId ?? "teams:new-chat" };
  }

  private async anyReference(): Promise<Partial<ConversationReference> | null> {
    const db = this.o.store.db;
    const member = await db.member.findFirst({ where: { platform: "teams", directRef: { not: null } }, orderBy: { updatedAt: "desc" }, select: { directRef: true } });
    const binding = member ? null : await db.channelBinding.findFirst({ where: { platform: "teams", conversationRef: { not: null } }, orderBy: { id: "desc" }, select: { conversationRef: true } });
    return parseReference(member?.directRef ?? binding?.conversationRef);
  }
}

/**
 * A proactive turn starts from a made-up activity; without its id the message is posted as a new
 * message (POST …/activities) instead of a reply to an activity that never existed.
 */
function newMessage(ctx: TurnContext): void {
  delete (ctx.activity as { id?: string }).id;
}

function parseReference(json: string | null | undefined): Partial<ConversationReference> | null {
  if (!json) return null;
  try {
    const ref = JSON.parse(json) as Partial<ConversationReference>;
    return ref && typeof ref === "object" && ref.conversation?.id && ref.serviceUrl ? ref : null;
  } catch {
    return null;
  }
}

/** A connector failure → the outcome the Dispatcher acts on: 429 and 5xx retry later, other 4xx never. */
export function classify(e: unknown, now: Date, log?: Logger): SendResult {
  const err = e as { statusCode?: number; response?: { status?: number; headers?: { get?(n: string): string | undefined | null } }; message?: string };
  const status = err.statusCode ?? err.response?.status;
  const message = `${status ? `HTTP ${status}: ` : ""}${String(err.message ?? e).slice(0, 300)}`;
  log?.warn({ status, error: message }, "teams connector refused the message");
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(err.response?.headers?.get?.("retry-after") ?? null, now);
    return { ok: false, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), error: message };
  }
  if (status === undefined || status >= 500 || status === 408) return { ok: false, retryable: true, error: message };
  return { ok: false, retryable: false, error: message };
}

/** Retry-After: seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
