/**
 * The Teams messenger: proactive messages into channels and 1:1 chats from stored conversation
 * references (the Agents SDK's `continueConversation`), a new 1:1 chat for a member who has none
 * yet (`createConversationAsync`, from a stored reference of the same tenant), files as
 * attachments. A 429 or a 5xx is reported as retryable and the Dispatcher reschedules; only
 * connections that got no answer are retried inside the send (connector-retry.ts). Teams offers
 * no lookup of "was this key already sent?", so there is no findSent (README: what a crash
 * between send and record may cause).
 */
import type { Activity, ConversationReference } from "@microsoft/agents-activity";
import type { TurnContext } from "@microsoft/agents-hosting";
import type { Logger } from "../../src/log/logger.ts";
import type { Messenger, OutgoingMessage, Recipient, SendResult } from "../../src/core/messenger.ts";
import { messageActivity } from "./activity.ts";
import type { TeamsCloudAdapter } from "./agents-sdk.ts";
import { fileAttachments, type FileLinks } from "./attachments.ts";
import { parseReference, type TeamsDirectory } from "./directory.ts";
import { isTrustedServiceUrl } from "./service-url.ts";

/** The audience of tokens for the public Bot Framework connector. */
const CONNECTOR_AUDIENCE = "https://api.botframework.com";

export interface TeamsMessengerOptions {
  adapter: TeamsCloudAdapter;
  appId: string;
  directory: TeamsDirectory;
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

  /** Who the proactive turn speaks as: the app id, or the anonymous identity of local mode. */
  private get identity(): string | Record<string, never> {
    return this.o.appId || {};
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const log = this.o.logger.child({ key: message.key, to: message.to.id });
    let activity: Activity;
    try {
      activity = messageActivity(message.replies, fileAttachments(message.replies, this.o.links, this.clock()), message.key);
    } catch (e) {
      return { ok: false, retryable: false, error: `cannot build the message: ${(e as Error).message}` };
    }
    // A user without a reference in the row may have one by now: the chat a first attempt opened, or their own message.
    const ref = parseReference(message.to.ref) ?? (message.to.kind === "user" ? parseReference(await this.o.directory.directReference(message.to.id)) : null);
    if (ref) {
      if (!isTrustedServiceUrl(ref.serviceUrl, this.o.adapter.trust))
        return { ok: false, retryable: false, error: `the stored reference of ${message.to.kind} ${message.to.id} points at ${ref.serviceUrl}, which is not a ${this.trustName} endpoint` };
      return this.sendInto(ref, activity, message.key, log);
    }
    if (message.to.kind === "user") return this.sendToNewChat(message.to, activity, log);
    return { ok: false, retryable: false, error: `no conversation reference stored for channel ${message.to.id}: add the bot to it in Teams` };
  }

  private get trustName(): string {
    return this.o.adapter.trust === "loopback" ? "loopback (local mode)" : "Bot Framework";
  }

  private async sendInto(ref: ConversationReference, activity: Activity, key: string, log: Logger): Promise<SendResult> {
    let sentId: string | undefined;
    let failure: unknown;
    try {
      await this.o.adapter.continueConversation(this.identity, ref, async (ctx) => {
        // Caught here: the adapter's turn-error handler must not swallow a 429.
        try {
          sentId = await postNew(ctx, activity);
        } catch (e) {
          failure = e;
        }
      });
    } catch (e) {
      failure ??= e;
    }
    if (failure) return classify(failure, this.clock(), log);
    return { ok: true, platformRef: sentId ?? `teams:${key}` };
  }

  /**
   * A 1:1 chat with a member the bot has never spoken to, opened on the tenant of a stored
   * reference. Every usable reference is a candidate (most recent first, one per connector and
   * tenant), so one stale or foreign reference does not fail the delivery; the chat is remembered
   * before the message is sent, so a retry posts into it instead of opening another.
   */
  private async sendToNewChat(to: Recipient, activity: Activity, log: Logger): Promise<SendResult> {
    const known = (await this.o.directory.knownReferences(50)).map((r) => parseReference(r)).filter((r): r is ConversationReference => r !== null);
    if (known.length === 0) return { ok: false, retryable: false, error: "no Teams conversation is known yet, so there is no tenant to reach the user in: install the app in a team or a chat first" };
    const seen = new Set<string>();
    const candidates = known.filter((r) => {
      const tenant = tenantOf(r);
      const id = `${r.serviceUrl}\n${tenant}`;
      if (!tenant || !r.agent?.id || !isTrustedServiceUrl(r.serviceUrl, this.o.adapter.trust) || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (candidates.length === 0) return { ok: false, retryable: false, error: `none of the ${known.length} stored Teams references can open a chat (each lacks a tenant or the bot's id, or is not a ${this.trustName} endpoint)` };
    let last: SendResult | null = null;
    for (const from of candidates) {
      const outcome = await this.openChat(to, from, activity, log);
      // Only a refusal of this tenant or connector makes another candidate worth trying.
      if (outcome.ok || outcome.retryable || !("tryNext" in outcome) || !outcome.tryNext) return strip(outcome);
      last = strip(outcome);
    }
    return last!;
  }

  private async openChat(to: Recipient, from: ConversationReference, activity: Activity, log: Logger): Promise<SendResult & { tryNext?: boolean }> {
    const tenantId = tenantOf(from)!;
    let sentId: string | undefined;
    let opened = false;
    let failure: unknown;
    try {
      await this.o.adapter.createConversationAsync(
        this.o.appId,
        "msteams",
        from.serviceUrl!,
        CONNECTOR_AUDIENCE,
        {
          isGroup: false,
          agent: from.agent!,
          // The connector's wire name for the bot is `bot`; the SDK's type says `agent` and sends it as given.
          ...({ bot: from.agent } as object),
          // Teams accepts the user's AAD object id here; it is the id we know members by.
          members: [{ id: to.id, name: "" }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
          // No initial activity: the message is sent in the turn below, like every other send.
          activity: undefined as never,
        },
        async (ctx) => {
          opened = true;
          try {
            const ref = ctx.activity.getConversationReference();
            delete ref.activityId;
            await this.o.directory.rememberDirectReference(to.id, ref);
            sentId = await postNew(ctx, activity);
          } catch (e) {
            failure = e;
          }
        },
      );
    } catch (e) {
      failure ??= e;
    }
    if (!failure) return { ok: true, platformRef: sentId ?? "teams:new-chat" };
    const result = classify(failure, this.clock(), log);
    if (opened || result.ok || result.retryable) return result;
    const status = statusOf(failure);
    if (status === 403)
      return { ...result, error: `Teams refused to open a 1:1 chat with ${to.id} (403): the app must be installed for them in the personal scope (for example by an admin set-up policy)` };
    return { ...result, tryNext: true };
  }
}

const strip = ({ tryNext: _t, ...r }: SendResult & { tryNext?: boolean }): SendResult => r as SendResult;

function tenantOf(ref: ConversationReference): string | undefined {
  return ref.conversation?.tenantId ?? (ref as { tenantId?: string }).tenantId;
}

/**
 * Posts `activity` as a new message in the turn's conversation. A proactive turn starts from a
 * made-up activity; without its id the message is posted as a new message (POST …/activities)
 * instead of a reply to an activity that never existed.
 */
async function postNew(ctx: TurnContext, activity: Activity): Promise<string | undefined> {
  delete (ctx.activity as { id?: string }).id;
  return (await ctx.sendActivity(activity))?.id;
}

function statusOf(e: unknown): number | undefined {
  const err = e as { status?: number; statusCode?: number; response?: { status?: number } };
  return err.status ?? err.statusCode ?? err.response?.status;
}

/** A connector failure → the outcome the Dispatcher acts on: 429 and 5xx retry later, other 4xx never. */
export function classify(e: unknown, now: Date, log?: Logger): SendResult {
  const err = e as { response?: { headers?: { get?(n: string): string | undefined | null } }; message?: string };
  const status = statusOf(e);
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
