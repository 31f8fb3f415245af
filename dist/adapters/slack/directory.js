export class SlackDirectory {
    client;
    logger;
    cache = new Map();
    constructor(client, logger) {
        this.client = client;
        this.logger = logger;
    }
    /** The IncomingUser for a Slack user id; `dmChannel` is their DM with the bot when known. */
    async user(userId, dmChannel) {
        const p = await this.profile(userId);
        return {
            id: userId,
            ...(p.name ? { name: p.name } : {}),
            ...(p.timeZone ? { timeZone: p.timeZone } : {}),
            ...(dmChannel?.startsWith("D") ? { directRef: JSON.stringify({ channel: dmChannel }) } : {}),
        };
    }
    profile(userId) {
        let p = this.cache.get(userId);
        if (!p) {
            p = this.fetch(userId);
            this.cache.set(userId, p);
        }
        return p;
    }
    async fetch(userId) {
        try {
            const r = await this.client.users.info({ user: userId });
            const u = r.user;
            const name = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name;
            return { ...(name ? { name } : {}), ...(u?.tz ? { timeZone: u.tz } : {}) };
        }
        catch (e) {
            // Without a name the member is shown by id; the next message asks again.
            this.cache.delete(userId);
            this.logger.warn({ err: e.message, user: userId }, "users.info failed");
            return {};
        }
    }
}
