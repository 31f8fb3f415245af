/**
 * The boundary of the core: what an adapter hands in. Who is speaking is in actor.ts, replies are
 * in reply.ts. Nothing here knows Slack or Teams.
 */

export const PLATFORMS = ["console", "slack", "teams"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ROLES = ["delegate", "chair", "secretariat"] as const;
export type Role = (typeof ROLES)[number];

/** Where a message came from: a channel (or group chat) or a direct conversation with the bot. */
export interface Conversation {
  kind: "channel" | "direct";
  /** platform id of the channel or DM ("#ccwp", "C0123", a Teams conversation id) */
  id: string;
  /** JSON the platform needs to speak there later (Teams conversation reference) */
  ref?: string;
  /** the channel's name as people know it ("CCWP / General"), when the platform says */
  name?: string;
}

export interface IncomingUser {
  /** platform user id ("U0123", an AAD object id, a console name) */
  id: string;
  name?: string;
  timeZone?: string;
  /**
   * Role and delegation asserted by a trusted local operator (console, `secretariat say`). Ignored
   * for Slack and Teams, whose users get their role from the store only.
   */
  claims?: { role?: Role; delegation?: string };
  /** JSON the platform needs to message this user directly later */
  directRef?: string;
}

interface IncomingBase {
  platform: Platform;
  user: IncomingUser;
  conversation: Conversation;
  /** working party code when the adapter knows it; otherwise the channel binding or the default */
  workingParty?: string;
  receivedAt: Date;
}

/**
 * A file sent with a message ("import this" with a PDF), neutral of the platform: the adapter
 * says what it is and how to fetch its bytes (Slack: url_private with the bot token; Teams: the
 * attachment's download URL). Fetched only by a command that needs it.
 */
export interface Attachment {
  name: string;
  mimeType?: string;
  /** bytes, when the platform says */
  size?: number;
  fetch(): Promise<Uint8Array>;
}

/** Text typed by a user, a button pressed, or a form submitted: the three ways in. */
export type IncomingMessage = IncomingBase &
  (
    | { kind: "text"; text: string; attachments?: Attachment[] }
    | { kind: "action"; command: string; args: Record<string, unknown> }
    | { kind: "form"; command: string; values: Record<string, unknown> }
  );
