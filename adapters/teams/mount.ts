/**
 * The Teams wiring behind the mount (loaded only when the server starts, so CLI commands that do
 * not serve never load botbuilder).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Mount } from "../index.ts";
import type { HttpServer } from "../http/server.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { FILE_ROUTE, FileLinks } from "./attachments.ts";
import { createTeamsAdapter, type BotFrameworkOverrides } from "./bot-framework.ts";
import { teamsEndpoint } from "./endpoint.ts";
import { TeamsMessenger } from "./messenger.ts";
import { TEAMS_ROUTE } from "./index.ts";
import { teamsTurn, turnErrorHandler } from "./turn.ts";

/** Builds the Teams mount; tests pass overrides (a loopback OpenID endpoint). */
export function teamsMountWith(overrides: BotFrameworkOverrides = {}): Mount {
  return {
    name: "teams",
    async mount(server: HttpServer, rt: Runtime) {
      const { config, logger } = rt;
      const log = logger.child({ adapter: "teams" });
      const appId = config.MicrosoftAppId ?? "";
      // Never an open endpoint by accident: unauthenticated only when asked for (local testing).
      if (!appId && config.TEAMS_ENABLE !== "1") return null;
      if (!appId)
        log.warn(
          { route: TEAMS_ROUTE },
          "TEAMS ENDPOINT IS UNAUTHENTICATED: MicrosoftAppId is not set, so anyone who can reach this port can post activities as any user. Use this for local testing only.",
        );
      if (config.TEAMS_TRUST_ANY_SERVICE_URL === "1") log.warn("TEAMS_TRUST_ANY_SERVICE_URL=1: replies go to any serviceUrl (test mode only)");
      const adapter = createTeamsAdapter(config, overrides);
      const clock = () => new Date();
      // Download links survive restarts only when signed with a stable secret.
      const links = new FileLinks(config.MicrosoftAppPassword ?? randomBytes(32).toString("hex"), config.PUBLIC_URL);
      const messenger = new TeamsMessenger({ adapter, appId, trustAnyServiceUrl: config.TEAMS_TRUST_ANY_SERVICE_URL === "1", store: rt.store, links, logger: log, clock });
      const dispatcher = new Dispatcher(rt.store, [messenger], log);
      const deps = {
        rt,
        links,
        clock,
        // Only Teams deliveries go out here, at once; those for other platforms wait for the scheduler.
        dispatch: async (ids: number[], now: Date) => void (await dispatcher.dispatchDue({ now, only: ids })),
      };
      adapter.onTurnError = turnErrorHandler(deps);
      server.route("POST", TEAMS_ROUTE, teamsEndpoint(adapter, config, log, teamsTurn(deps)));
      server.route("GET", FILE_ROUTE, (req, res) => {
        const file = links.verify((req.url ?? "").split("?")[0]!.slice(FILE_ROUTE.length), clock());
        if (!file || !fs.existsSync(file.path)) return void res.writeHead(404, { "content-type": "text/plain" }).end("link expired or unknown\n");
        res.writeHead(200, { "content-type": file.mediaType, "content-disposition": `attachment; filename="${file.name.replace(/[^\w.-]/g, "_")}"` });
        fs.createReadStream(file.path).pipe(res);
      });
      const chat = Boolean(appId) || config.TEAMS_ENABLE === "1";
      return { messenger, chat, describe: `teams ${TEAMS_ROUTE} (${appId ? "authenticated" : "UNAUTHENTICATED"})` };
    },
  };
}

