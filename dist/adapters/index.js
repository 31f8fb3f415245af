import { runConsoleChat } from "./console/index.js";
import { ConsoleMessenger } from "./console/messenger.js";
import { HttpServer } from "./http/server.js";
import { slackMount } from "./slack/index.js";
import { mountCalendarRoute } from "./http/calendar-route.js";
import { teamsMount } from "./teams/index.js";
const mounts = [
    { name: "calendar", mount: async (server, rt) => (mountCalendarRoute(server, rt), { describe: "calendar feeds GET /calendar/<token>.ics", chat: false }) },
    slackMount,
    teamsMount,
];
/**
 * Starts the HTTP server with every configured mount. `chat` in the result says whether a chat
 * platform (Slack, Teams) is among them; without one, `start` opens the console chat as well.
 */
async function startServers(rt) {
    const server = new HttpServer(rt.logger);
    const started = [];
    let chat = false;
    const messengers = [];
    const stops = [];
    for (const m of mounts) {
        const mounted = await m.mount(server, rt);
        if (!mounted)
            continue;
        started.push(mounted.describe);
        chat ||= mounted.chat;
        if (mounted.messenger)
            messengers.push(mounted.messenger);
        if (mounted.stop)
            stops.push(mounted.stop);
    }
    if (started.length === 0)
        return { started, chat, messengers, stop: async () => undefined };
    const address = await server.listen(rt.config.PORT, rt.config.HOST);
    started.push(`http ${address.address}:${address.port}`);
    return {
        started,
        chat,
        messengers,
        async stop() {
            for (const s of stops)
                await s();
            await server.close();
        },
    };
}
export const adapterKit = {
    consoleMessenger: (sink) => new ConsoleMessenger(sink),
    runConsoleChat,
    startServers,
    platformMessengers: async (rt) => (await Promise.all(mounts.map((m) => m.messenger?.(rt) ?? null))).filter((m) => m !== null),
};
