/**
 * Checks a request to /slack/events: a valid signature, a timestamp neither older nor newer than
 * five minutes, and a signature not seen before. Bolt checks only the first two halves (a stale
 * timestamp, a bad signature), so on its own a captured request could be sent again for five
 * minutes and one signed for later was answered (issue 13 item 7).
 *
 * The halves run at different times. Signature and clock are pure and cheap, and the route checks
 * them before Bolt sees the request. "Seen before?" is a write to the store, and it is made after
 * the ack, before any work (listeners.ts): on the ack path it waited behind the store's other
 * writes, and under a 200-connection burst acks queued behind it (issue 13 item 9).
 *
 * Signatures seen are kept in the store (the stash's "request" entries), not in memory: a replay
 * sent to another copy of the bot, or after a restart, runs nothing either. A signature covers the
 * timestamp and the whole body, so it names one request; trigger_id would not cover events.
 */
import { createHash } from "node:crypto";
import { parse } from "node:querystring";
import { verifySlackRequest } from "@slack/bolt";
import type { SlackStash } from "./stash.ts";

/** Slack's window either side of now ("Verifying requests from Slack": five minutes). */
export const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

/** The parts of a buffered request the guard reads. */
export interface SignedRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

const header = (headers: SignedRequest["headers"], name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The signature and clock checks, pure: null when the request may go on, else why not.
 * `nowMs` is passed in (Bolt's `nowMilliseconds`).
 */
export function signatureProblem(req: SignedRequest, signingSecret: string, nowMs: number): string | null {
  const body = req.rawBody.toString();
  // Slack's unsigned ssl_check probe: Bolt answers it and drops anything else in the body.
  if (header(req.headers, "content-type") === "application/x-www-form-urlencoded" && parse(body).ssl_check === "1") return null;
  const signature = header(req.headers, "x-slack-signature");
  const timestamp = Number(header(req.headers, "x-slack-request-timestamp"));
  if (!signature || !Number.isInteger(timestamp)) return "signature headers missing";
  if (timestamp > Math.floor(nowMs / 1000) + SLACK_TIMESTAMP_WINDOW_S) return "timestamp more than five minutes in the future";
  try {
    verifySlackRequest({ signingSecret, body, headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp }, nowMilliseconds: nowMs });
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/**
 * The key a request is remembered under, from its signature (hashed, so it has one length whatever
 * the header held); undefined for Slack's unsigned ssl_check, which changes nothing.
 */
export function requestKey(headers: SignedRequest["headers"]): string | undefined {
  const signature = header(headers, "x-slack-signature");
  return signature ? createHash("sha256").update(signature).digest("base64url") : undefined;
}

/** "Seen before?": true the first time a request's key is claimed, on any copy of the bot. */
export async function firstRequest(stash: SlackStash, key: string | undefined): Promise<boolean> {
  return key === undefined || (await stash.claimOnce("request", key));
}
