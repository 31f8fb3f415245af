/**
 * Who a Slack user is: display name and time zone from `users.info`, fetched once per user and
 * kept (one call per person, not per message; Slack's users.info is Tier 4).
 */
import type { webApi } from "@slack/bolt";
import type { IncomingUser } from "../../src/core/message.ts";
import type { Logger } from "../../src/log/logger.ts";

interface Profile {
  name?: string;
  timeZone?: string;
}

export class SlackDirectory {
  private readonly cache = new Map<string, Promise<Profile>>();

  private readonly client: webApi.WebClient;
  private readonly logger: Logger;

  constructor(client: webApi.WebClient, logger: Logger) {
    this.client = client;
    this.logger = logger;
  }

  /** The IncomingUser for a Slack user id; `dmChannel` is their DM with the bot when known. */
  async user(userId: string, dmChannel?: string): Promise<IncomingUser> {
    const p = await this.profile(userId);
    return {
      id: userId,
      ...(p.name ? { name: p.name } : {}),
      ...(p.timeZone ? { timeZone: p.timeZone } : {}),
      ...(dmChannel?.startsWith("D") ? { directRef: JSON.stringify({ channel: dmChannel }) } : {}),
    };
  }

  private profile(userId: string): Promise<Profile> {
    let p = this.cache.get(userId);
    if (!p) {
      p = this.fetch(userId);
      this.cache.set(userId, p);
    }
    return p;
  }

  private async fetch(userId: string): Promise<Profile> {
    try {
      const r = await this.client.users.info({ user: userId });
      const u = r.user;
      const name = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name;
      return { ...(name ? { name } : {}), ...(u?.tz ? { timeZone: u.tz } : {}) };
    } catch (e) {
      // Without a name the member is shown by id; the next message asks again.
      this.cache.delete(userId);
      this.logger.warn({ err: (e as Error).message, user: userId }, "users.info failed");
      return {};
    }
  }
}
