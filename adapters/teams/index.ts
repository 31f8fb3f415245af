/**
 * The Teams mount: POST /api/messages on the shared HTTP server. With MicrosoftAppId set every
 * request is authenticated; without one the endpoint is mounted only when TEAMS_ENABLE=1, and then
 * runs unauthenticated for local testing (logged loudly). A plain `npm start` mounts no Teams
 * endpoint and opens the console chat.
 * The Agents SDK is loaded lazily, when the server starts.
 */
import type { Mount } from "../index.ts";

/** The route Bot Framework posts activities to (the messaging endpoint of the Azure bot). */
export const TEAMS_ROUTE = "/api/messages";

/** The Teams mount as `adapters/index.ts` lists it. */
export const teamsMount: Mount = {
  name: "teams",
  async mount(server, rt, dispatcher) {
    const { teamsMountWith } = await import("./mount.ts");
    return teamsMountWith().mount(server, rt, dispatcher);
  },
};
