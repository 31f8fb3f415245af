/**
 * The messenger port: how the core speaks without being asked. Each adapter implements it
 * (console, Slack, Teams); the dispatcher picks the one for a delivery's platform.
 */
import type { Reply } from "./reply.ts";
import type { Platform } from "./message.ts";

export interface Recipient {
  kind: "channel" | "user";
  /** platform channel id, or platform user id */
  id: string;
  /** JSON conversation reference where the platform needs one (Teams) */
  ref?: string | null;
}

export interface OutgoingMessage {
  /** the delivery's idempotency key; travels with the message where the platform allows */
  key: string;
  to: Recipient;
  replies: Reply[];
  /** when this delivery was first tried (wall clock); a messenger resuming a half-sent message reads back to it */
  firstAttemptAt?: Date;
}

/**
 * Why a send failed, as the secretariat is told it: the platform limited the rate, was down
 * (5xx), could not be reached (network, timeout), or refused the message for good (channel gone,
 * bot removed, bad token). Only "refused" is permanent.
 */
export type FailureClass = "rate-limited" | "unavailable" | "network" | "refused";

export type SendResult =
  | { ok: true; platformRef?: string }
  | { ok: false; retryable: boolean; retryAfterMs?: number; error: string; errorClass?: FailureClass };

export interface Messenger {
  readonly platform: Platform;
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * Where the platform lets us check: the message already sent under this key (after a crash
   * between sending and recording), or null when it is certainly not there. It reads everything
   * posted to `to` since `since` (the delivery's first attempt). A lookup that cannot answer
   * throws: the dispatcher then waits and asks again, and never sends on a guess.
   * Platforms that cannot check leave it out.
   */
  findSent?(key: string, to: Recipient, since: Date): Promise<string | null>;
}
