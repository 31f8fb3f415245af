export const slackMount = {
    name: "slack",
    async messenger(rt) {
        const c = rt.config;
        if (!c.SLACK_BOT_TOKEN || !c.SLACK_SIGNING_SECRET)
            return null;
        const [{ createWebClient, SlackMessenger }, { SlackStash }] = await Promise.all([import("./messenger.js"), import("./stash.js")]);
        const apiUrl = c.SLACK_API_URL ? (c.SLACK_API_URL.endsWith("/") ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`) : undefined;
        return new SlackMessenger(createWebClient(c.SLACK_BOT_TOKEN, apiUrl), new SlackStash(rt.store.db), rt.logger);
    },
    async mount(server, rt) {
        const c = rt.config;
        if (!c.SLACK_BOT_TOKEN || !c.SLACK_SIGNING_SECRET)
            return null;
        const { startSlack } = await import("./app.js");
        const slack = await startSlack(server, rt, { ...c, SLACK_BOT_TOKEN: c.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: c.SLACK_SIGNING_SECRET });
        return { messenger: slack.messenger, describe: slack.describe, chat: true, stop: () => slack.stop() };
    },
};
