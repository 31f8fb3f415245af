/**
 * Small state the Slack adapter must keep across requests and copies of the bot, in the store's
 * SystemSetting table under "slack:" keys: forms behind "Open" buttons and answers behind "Post to
 * channel" (a button value holds at most 2,000 characters), event ids already handled (Slack
 * retries an event it thinks was lost, possibly to another copy), and request signatures already
 * seen (a captured request sent again, request-guard.ts).
 */
import { randomBytes } from "node:crypto";
import type { Form, Reply } from "../../src/core/reply.ts";
import type { Store } from "../../src/store/index.ts";
import type { SettingRepository } from "../../src/store/settings.ts";

const PREFIX = "slack:";

/** How long each kind of entry is kept. */
export const STASH_TTL_MS = {
  form: 90 * 86_400_000,
  share: 7 * 86_400_000,
  event: 86_400_000,
  // A signature is accepted from five minutes before its timestamp to five minutes after.
  request: 10 * 60_000,
} as const;
export type StashKind = keyof typeof STASH_TTL_MS;

export class SlackStash {
  private readonly settings: SettingRepository;

  constructor(store: Store) {
    this.settings = store.repos.settings;
  }

  /** Stores a JSON value under a fresh token. */
  async put(kind: StashKind, value: unknown): Promise<string> {
    const token = randomBytes(12).toString("base64url");
    // 96 random bits: a taken token means something is badly wrong, not bad luck.
    if (!(await this.settings.add(`${PREFIX}${kind}:${token}`, JSON.stringify(value)))) throw new Error("a fresh stash token was already taken");
    return token;
  }

  /** The value under a token, or null when unknown or pruned. */
  async get<T>(kind: StashKind, token: string): Promise<T | null> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return null;
    const value = await this.settings.get(`${PREFIX}${kind}:${token}`);
    return value === null ? null : (JSON.parse(value) as T);
  }

  /**
   * True the first time an id is claimed, false ever after (a unique key: also across copies of
   * the bot on one database).
   */
  async claimOnce(kind: StashKind, id: string): Promise<boolean> {
    return this.settings.add(`${PREFIX}${kind}:${id}`, "1");
  }

  /** Deletes entries older than their kind's lifetime. */
  async prune(now: Date): Promise<number> {
    let n = 0;
    for (const [kind, ttl] of Object.entries(STASH_TTL_MS)) {
      n += await this.settings.deleteOlder(`${PREFIX}${kind}:`, new Date(now.getTime() - ttl));
    }
    return n;
  }
}

/**
 * Stashes every form in `replies` and returns the lookup render.ts uses for the "Open" buttons.
 * (A form with pre-filled report text easily exceeds a button value's 2,000 characters.)
 */
export async function stashForms(stash: SlackStash, replies: Reply[]): Promise<(form: Form) => string | undefined> {
  const refs = new Map<Form, string>();
  for (const r of replies) for (const b of r.blocks) if (b.type === "form") refs.set(b.form, await stash.put("form", b.form));
  return (form) => refs.get(form);
}
