/**
 * The Teams mount: POST /api/messages on the shared HTTP server. With MicrosoftAppId set every
 * request is authenticated; without one the endpoint is mounted only when TEAMS_ENABLE=1, and then
 * runs unauthenticated for local testing (logged loudly). A plain `npm start` mounts no Teams
 * endpoint and opens the console chat.
 * The Agents SDK is loaded lazily, only when the server starts with Teams asked for (a console-only
 * `start` that loaded it kept 7–16 MB more resident, measured at load average 20).
 */
import type { Config } from "../../src/config/index.ts";
import type { Mount } from "../index.ts";

/** The route Bot Framework posts activities to (the messaging endpoint of the Azure bot). */
export const TEAMS_ROUTE = "/api/messages";

/** Whether Teams is asked for at all (MicrosoftAppId, or TEAMS_ENABLE=1); local-mode.ts says whether it may be served. */
export function teamsWanted(config: Config): boolean {
  return Boolean(config.MicrosoftAppId) || config.TEAMS_ENABLE === "1";
}

/** The Teams mount as `adapters/index.ts` lists it. */
export const teamsMount: Mount = {
  name: "teams",
  async mount(server, rt, dispatcher, clock) {
    if (!teamsWanted(rt.config)) return null;
    const { teamsMountWith } = await import("./mount.ts");
    return teamsMountWith().mount(server, rt, dispatcher, clock);
  },
};
