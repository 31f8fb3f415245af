/**
 * The Teams mount: POST /api/messages on the shared HTTP server, always. With MicrosoftAppId set
 * every request is authenticated and Teams is the chat platform (`chat: true`); without one the
 * endpoint runs unauthenticated for local testing (logged loudly) and is the chat platform only
 * when TEAMS_ENABLE=1, so a plain `npm start` still opens the console chat beside it.
 * botbuilder is loaded lazily, when the server starts.
 */
import type { Mount } from "../index.ts";

/** The route Bot Framework posts activities to (the messaging endpoint of the Azure bot). */
export const TEAMS_ROUTE = "/api/messages";

/** The Teams mount as `adapters/index.ts` lists it. */
export const teamsMount: Mount = {
  name: "teams",
  async mount(server, rt) {
    const { teamsMountWith } = await import("./mount.ts");
    return teamsMountWith().mount(server, rt);
  },
};
