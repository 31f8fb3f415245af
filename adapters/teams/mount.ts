/**
 * The Teams wiring behind the mount (loaded only when the server starts, so CLI commands that do
 * not serve never load the Agents SDK).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Activity } from "@microsoft/agents-activity";
import type { Mount } from "../index.ts";
import type { HttpServer } from "../http/server.ts";
import { rememberChannel } from "../../src/admin/channels.ts";
import type { Clock } from "../../src/core/clock.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { createTeamsAdapter, type AgentsSdkOverrides } from "./agents-sdk.ts";
import { FILE_ROUTE, FileLinks } from "./attachments.ts";
import { storeDirectory } from "./directory.ts";
import { MAX_BODY_BYTES, teamsEndpoint } from "./endpoint.ts";
import { channelIdOf, channelNameOf, referenceOf, userOf } from "./inbound.ts";
import { incomingFiles } from "./incoming-files.ts";
import { checkLocalMode } from "./local-mode.ts";
import { TeamsMessenger } from "./messenger.ts";
import { TEAMS_ROUTE } from "./index.ts";
import { teamsTurn, turnErrorHandler } from "./turn.ts";

/** Builds the Teams mount; tests pass overrides (a loopback key endpoint, quick retries). */
export function teamsMountWith(overrides: AgentsSdkOverrides = {}): Mount {
  return {
    name: "teams",
    async mount(server: HttpServer, rt: Runtime, shared?: Dispatcher, now?: Clock) {
      const { config, logger } = rt;
      const log = logger.child({ adapter: "teams" });
      const appId = config.MicrosoftAppId ?? "";
      // Never an open endpoint by accident: unauthenticated only when asked for (local testing), and then on loopback only.
      if (!checkLocalMode(config, log)) return null;
      const adapter = createTeamsAdapter(config, overrides);
      const clock = now ?? (() => new Date());
      // Download links survive restarts only when signed with a stable secret.
      const links = new FileLinks(config.MicrosoftAppPassword ?? randomBytes(32).toString("hex"), config.PUBLIC_URL);
      if (!config.PUBLIC_URL) log.warn("PUBLIC_URL is not set: Teams users cannot download compiled reports (the card names the file only)");
      const messenger = new TeamsMessenger({ adapter, appId, directory: storeDirectory(rt.store), links, logger: log, clock });
      // the process's one dispatcher (adapters/index.ts); a mount on its own (tests) gets its own
      const dispatcher = shared ?? new Dispatcher(rt.store, [], log);
      dispatcher.mount(messenger);
      const deps = {
        rt,
        links,
        clock,
        dispatch: async (ids: number[], now: Date) => void (await dispatcher.dispatchDue({ now, only: ids })),
        files: (activity: Activity) => incomingFiles(activity, adapter.trust),
        // Where the bot is added is the core's business: admin binds it (audited) or refreshes the bindings made for it.
        installed: async (activity: Activity, now: Date) => {
          const channelId = channelIdOf(activity.conversation!.id);
          await rt.store.unitOfWork((uow) =>
            rememberChannel(
              uow,
              { platform: "teams", channelId, name: channelNameOf(activity) ?? channelId, ref: JSON.parse(referenceOf(activity)) as unknown, defaultWorkingParty: config.DEFAULT_WORKING_PARTY },
              { actor: `teams:${userOf(activity).id}`, at: now },
            ),
          );
        },
      };
      adapter.onTurnError = turnErrorHandler(deps);
      const endpoint = teamsEndpoint(adapter, { appId, authTimeoutMs: config.TEAMS_AUTH_TIMEOUT_MS, logger: log, clock }, teamsTurn(deps));
      server.route("POST", TEAMS_ROUTE, endpoint, { bodyLimit: MAX_BODY_BYTES });
      server.route("GET", FILE_ROUTE, (req, res) => {
        const file = links.verify((req.url ?? "").split("?")[0]!.slice(FILE_ROUTE.length), clock());
        if (!file || !fs.existsSync(file.path)) return void res.writeHead(404, { "content-type": "text/plain" }).end("link expired or unknown\n");
        res.writeHead(200, { "content-type": file.mediaType, "content-disposition": `attachment; filename="${file.name.replace(/[^\w.-]/g, "_")}"` });
        fs.createReadStream(file.path).pipe(res);
      });
      return { messenger, chat: true, describe: `teams ${TEAMS_ROUTE} (${appId ? "authenticated" : "UNAUTHENTICATED, local mode: loopback only"})` };
    },
  };
}
