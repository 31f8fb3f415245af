/**
 * The Messenger port for Slack: posts to channels, opens a DM and posts to users, uploads files,
 * each message carrying the delivery's idempotency key in its metadata so `findSent` can tell, after
 * a crash between sending and recording, that it already went out. The WebClient here never
 * retries by itself: a 429 comes back as a retryable result with Slack's Retry-After, and the
 * Dispatcher reschedules, so nothing is sent twice.
 */
import fs from "node:fs";
import { webApi } from "@slack/bolt";
import type { Logger } from "../../src/log/logger.ts";
import type { Messenger, OutgoingMessage, Recipient, SendResult } from "../../src/core/messenger.ts";
import type { FileRef } from "../../src/core/reply.ts";
import { renderReply, type SlackMessage } from "./render.ts";
import { stashForms, type SlackStash } from "./stash.ts";

/** event_type of the metadata every proactive message carries. */
export const DELIVERY_EVENT = "secretariat_delivery";

/** Slack errors that will not go away by trying again. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "user_not_visible",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "missing_scope",
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "restricted_action",
  "no_permission",
  "team_access_not_granted",
  "invalid_metadata_format",
  "invalid_metadata_schema",
]);

/** A WebClient as the adapter uses it: no hidden retries, rate limits surfaced, a bounded wait. */
export function createWebClient(token: string, slackApiUrl: string | undefined, logger?: webApi.WebClientOptions["logger"]): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.endsWith("/") ? slackApiUrl : `${slackApiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    ...(logger ? { logger } : {}),
  });
}

/** A failed Web API call as the Dispatcher wants it: retry later (and when), or give up, and why. */
export function classifySlackError(e: unknown): Extract<SendResult, { ok: false }> {
  const err = e as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  switch (err.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { ok: false, retryable: true, retryAfterMs: Math.max(1, err.retryAfter ?? 30) * 1000, error: "ratelimited", errorClass: "rate-limited" };
    case webApi.ErrorCode.PlatformError: {
      const code = err.data?.error ?? "unknown_error";
      if (code === "ratelimited") return { ok: false, retryable: true, error: code, errorClass: "rate-limited" };
      const transient = !PERMANENT.has(code) && /^(internal_error|fatal_error|service_unavailable|request_timeout|timeout)$/.test(code);
      return { ok: false, retryable: transient, error: code, errorClass: transient ? "unavailable" : "refused" };
    }
    case webApi.ErrorCode.HTTPError: {
      // 5xx: Slack's side; 4xx other than 429: our request, which will not improve.
      const down = (err.statusCode ?? 500) >= 500;
      return { ok: false, retryable: down, error: `http ${err.statusCode ?? "?"}`, errorClass: down ? "unavailable" : "refused" };
    }
    default:
      // Network errors and timeouts: the request may not have arrived; findSent guards the retry.
      return { ok: false, retryable: true, error: String(err.message ?? e).slice(0, 300), errorClass: "network" };
  }
}

/** A connection dropped before any answer: a kept-alive socket the other side had closed. */
function isConnectionReset(e: unknown): boolean {
  type Cause = { code?: string; message?: string; cause?: Cause };
  const err = e as { code?: string; original?: Cause };
  if (err.code !== webApi.ErrorCode.RequestError) return false;
  // fetch (undici) reports "fetch failed" with the socket's error as its cause
  const causes: string[] = [];
  for (let c: Cause | undefined = err.original; c && causes.length < 4; c = c.cause) causes.push(`${c.code ?? ""} ${c.message ?? ""}`);
  return /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed|socket hang up/i.test(causes.join(" "));
}

/**
 * Runs an idempotent read (history, users, opening a DM), again over a fresh connection if a
 * kept-alive socket was reset under it. Posts are never retried here: a reset post may have
 * arrived, and the Dispatcher's "was it sent?" lookup decides.
 */
export async function idempotentRead<T>(read: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (e) {
      if (i >= tries || !isConnectionReset(e)) throw e;
    }
  }
}

/** Our clock and Slack's may differ: history is read from this much before the first attempt. */
const CLOCK_MARGIN_MS = 10 * 60_000;
/** A lookup reads at most this many pages of 200 messages, then gives up (and the row waits). */
const MAX_HISTORY_PAGES = 50;

export class SlackMessenger implements Messenger {
  readonly platform = "slack" as const;
  private readonly dmChannels = new Map<string, string>();

  readonly client: webApi.WebClient;
  private readonly stash: SlackStash;
  private readonly logger: Logger;

  constructor(client: webApi.WebClient, stash: SlackStash, logger: Logger) {
    this.client = client;
    this.stash = stash;
    this.logger = logger;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const channel = await this.channelFor(message.to);
      const formRef = await stashForms(this.stash, message.replies);
      const rendered = message.replies.map((r) => renderReply(r, { formRef }));
      const parts = rendered.flatMap((r) => r.messages);
      const files = rendered.flatMap((r) => r.files);
      // A multi-part delivery interrupted half-way resumes after the parts already posted.
      const posted = parts.length > 1 ? await this.postedParts(channel, message.key, message.firstAttemptAt ?? new Date()) : new Set<number>();
      let firstTs: string | undefined;
      for (const [i, part] of parts.entries()) {
        if (posted.has(i)) continue;
        const ts = await this.post(channel, part, { key: message.key, part: i, parts: parts.length });
        firstTs ??= ts;
      }
      for (const f of files) await uploadFile(this.client, channel, f);
      return { ok: true, platformRef: `${channel}/${firstTs ?? "resumed"}` };
    } catch (e) {
      const result = classifySlackError(e);
      this.logger.warn({ key: message.key, error: result.error, retryable: result.retryable }, "slack send failed");
      return result;
    }
  }

  async findSent(key: string, to: Recipient, since: Date): Promise<string | null> {
    const channel = await this.channelFor(to);
    const found = await this.history(channel, key, since);
    if (found.length === 0) return null;
    const parts = found[0]!.parts;
    if (new Set(found.map((f) => f.part)).size < parts) return null;
    return `${channel}/${found.find((f) => f.part === 0)?.ts ?? found[0]!.ts}`;
  }

  /** The channel to post in: a channel id as is, a user's DM (from their stored ref, or opened). */
  async channelFor(to: Recipient): Promise<string> {
    if (to.kind === "channel") return to.id;
    const fromRef = dmFromRef(to.ref);
    if (fromRef) return fromRef;
    const known = this.dmChannels.get(to.id);
    if (known) return known;
    const r = await idempotentRead(() => this.client.conversations.open({ users: to.id }));
    const id = r.channel?.id;
    if (!id) throw Object.assign(new Error("conversations.open returned no channel"), { code: webApi.ErrorCode.PlatformError, data: { error: "channel_not_found" } });
    this.dmChannels.set(to.id, id);
    return id;
  }

  private async post(channel: string, m: SlackMessage, payload: { key: string; part: number; parts: number }): Promise<string | undefined> {
    const once = () => this.client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, metadata: { event_type: DELIVERY_EVENT, event_payload: payload } });
    try {
      return (await once()).ts;
    } catch (e) {
      // A channel bound before the bot was invited: a public one it joins (channels:join) and posts
      // again; a private one it cannot, and the refusal (not_in_channel) reaches the secretariat.
      if ((e as { data?: { error?: string } }).data?.error !== "not_in_channel") throw e;
      const joined = await this.client.conversations.join({ channel }).then(
        () => true,
        () => false,
      );
      if (!joined) throw e;
      this.logger.info({ channel }, "slack: joined a public channel the bot had not been invited to");
      return (await once()).ts;
    }
  }

  private async postedParts(channel: string, key: string, since: Date): Promise<Set<number>> {
    return new Set((await this.history(channel, key, since)).map((f) => f.part));
  }

  /**
   * The parts of delivery `key` posted in `channel` since `since`: every page back to then (a
   * busy channel may have hundreds of newer messages), stopping early once all parts are found.
   * Throws when Slack cannot answer; the caller must not take that for "not sent".
   */
  private async history(channel: string, key: string, since: Date): Promise<{ ts: string; part: number; parts: number }[]> {
    const oldest = ((since.getTime() - CLOCK_MARGIN_MS) / 1000).toFixed(6);
    const out: { ts: string; part: number; parts: number }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      const r = await idempotentRead(() => this.client.conversations.history({ channel, limit: 200, oldest, include_all_metadata: true, ...(cursor ? { cursor } : {}) }));
      for (const m of r.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: { key?: string; part?: number; parts?: number } } | undefined;
        if (meta?.event_type !== DELIVERY_EVENT || meta.event_payload?.key !== key || !m.ts) continue;
        out.push({ ts: m.ts, part: Number(meta.event_payload.part ?? 0), parts: Number(meta.event_payload.parts ?? 1) });
      }
      if (out.length > 0 && new Set(out.map((f) => f.part)).size >= out[0]!.parts) return out;
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!r.has_more || !cursor) return out;
    }
    throw new Error(`more than ${MAX_HISTORY_PAGES * 200} messages in ${channel} since the first attempt; cannot tell whether it was sent`);
  }
}

/** The DM channel stored with a member ({"channel":"D…"}), if any. */
export function dmFromRef(ref: string | null | undefined): string | undefined {
  if (!ref) return undefined;
  try {
    const c = (JSON.parse(ref) as { channel?: unknown }).channel;
    return typeof c === "string" && /^D[A-Z0-9]+$/.test(c) ? c : undefined;
  } catch {
    return undefined;
  }
}

/** Uploads one file to a channel with files.uploadV2 (getUploadURLExternal, upload, complete). */
export async function uploadFile(client: webApi.WebClient, channel: string, f: FileRef, threadTs?: string): Promise<void> {
  const base = { channel_id: channel, file: fs.readFileSync(f.path), filename: f.name, title: f.title ?? f.name };
  await client.filesUploadV2(threadTs ? { ...base, thread_ts: threadTs } : base);
}
