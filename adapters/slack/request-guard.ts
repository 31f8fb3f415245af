/**
 * Checks a request to /slack/events before Bolt sees it: a valid signature, a timestamp neither
 * older nor newer than five minutes, and a signature not seen before. Bolt checks only the first
 * two halves (a stale timestamp, a bad signature), so on its own a captured request could be sent
 * again for five minutes and one signed for later was answered (issue 13 item 7).
 *
 * Signatures seen are kept in the store (the stash's "request" entries), not in memory: a replay
 * sent to another copy of the bot, or after a restart, is refused as well. A signature covers the
 * timestamp and the whole body, so it names one request; trigger_id would not cover events.
 */
import { createHash } from "node:crypto";
import { parse } from "node:querystring";
import { verifySlackRequest } from "@slack/bolt";
import type { SlackStash } from "./stash.ts";

/** Slack's window either side of now ("Verifying requests from Slack": five minutes). */
export const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

/**
 * What the guard decided; `reason` is for the log, never for the caller. A replay is answered 200
 * with nothing run: the first copy was answered, a 200 stops Slack from sending an event again (a
 * retry after a slow ack may carry the same signature), and a replayer learns nothing either way.
 */
export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 200; reason: string };

/** The parts of a buffered request the guard reads. */
export interface SignedRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

const header = (req: SignedRequest, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The signature and clock checks, pure: null when the request may go on, else why not.
 * `nowMs` is passed in (Bolt's `nowMilliseconds`).
 */
export function signatureProblem(req: SignedRequest, signingSecret: string, nowMs: number): string | null {
  const body = req.rawBody.toString();
  // Slack's unsigned ssl_check probe: Bolt answers it and drops anything else in the body.
  if (header(req, "content-type") === "application/x-www-form-urlencoded" && parse(body).ssl_check === "1") return null;
  const signature = header(req, "x-slack-signature");
  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  if (!signature || !Number.isInteger(timestamp)) return "signature headers missing";
  if (timestamp > Math.floor(nowMs / 1000) + SLACK_TIMESTAMP_WINDOW_S) return "timestamp more than five minutes in the future";
  try {
    verifySlackRequest({ signingSecret, body, headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp }, nowMilliseconds: nowMs });
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/** The guard itself: signature and clock, then "seen before?" in the store. */
export class SlackRequestGuard {
  private readonly signingSecret: string;
  private readonly stash: SlackStash;
  private readonly now: () => number;

  constructor(signingSecret: string, stash: SlackStash, now: () => number) {
    this.signingSecret = signingSecret;
    this.stash = stash;
    this.now = now;
  }

  async check(req: SignedRequest): Promise<GuardVerdict> {
    const problem = signatureProblem(req, this.signingSecret, this.now());
    if (problem) return { ok: false, status: 401, reason: problem };
    const signature = header(req, "x-slack-signature");
    // ssl_check carries no signature and changes nothing; it may come any number of times.
    if (!signature) return { ok: true };
    // Hashed so the key has one length whatever the header held.
    const id = createHash("sha256").update(signature).digest("base64url");
    if (!(await this.stash.claimOnce("request", id))) return { ok: false, status: 200, reason: "signature already used (replay)" };
    return { ok: true };
  }
}
