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
}

export type SendResult =
  | { ok: true; platformRef?: string }
  | { ok: false; retryable: boolean; retryAfterMs?: number; error: string };

export interface Messenger {
  readonly platform: Platform;
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * Where the platform lets us check: the message already sent under this key (after a crash
   * between sending and recording), or null. Platforms that cannot check leave it out.
   */
  findSent?(key: string, to: Recipient): Promise<string | null>;
}
