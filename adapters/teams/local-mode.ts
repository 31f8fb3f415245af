/**
 * Local mode: `TEAMS_ENABLE=1` without `MicrosoftAppId` serves /api/messages unauthenticated, for
 * the Agents Playground and tests on this machine. Anyone who can reach that port can act as any
 * user, so it listens on loopback only and refuses to start on another address (issue 16, item
 * 2); and the bot then only talks to loopback connectors (service-url.ts). The old switch that
 * trusted any serviceUrl is refused with an app id and has no effect without one (issue 13, item 8).
 */
import type { Config } from "../../src/config/index.ts";
import { ConfigError } from "../../src/config/index.ts";
import type { Logger } from "../../src/log/logger.ts";
import { isLoopbackHost } from "./service-url.ts";
import { TEAMS_ROUTE, teamsWanted } from "./index.ts";

/**
 * Whether the Teams endpoint is to be mounted: with MicrosoftAppId (authenticated), or in local
 * mode when HOST is a loopback address. Throws a ConfigError naming what to change otherwise.
 */
export function checkLocalMode(config: Config, log: Logger): boolean {
  const trustAny = config.TEAMS_TRUST_ANY_SERVICE_URL === "1";
  if (config.MicrosoftAppId) {
    if (trustAny)
      throw new ConfigError("TEAMS_TRUST_ANY_SERVICE_URL=1 is refused with MicrosoftAppId: an authenticated bot only talks to Bot Framework endpoints; remove the variable");
    return true;
  }
  if (!teamsWanted(config)) return false;
  if (!isLoopbackHost(config.HOST))
    throw new ConfigError(
      `TEAMS_ENABLE=1 without MicrosoftAppId serves Teams unauthenticated, so it listens on loopback only; HOST=${config.HOST} would let anyone on the network act as any user. Set HOST=127.0.0.1, or set MicrosoftAppId to serve Teams`,
    );
  log.warn(
    { route: TEAMS_ROUTE, host: config.HOST },
    "TEAMS ENDPOINT IS UNAUTHENTICATED (local mode): MicrosoftAppId is not set, so anyone on this machine can post activities as any user; replies go only to loopback serviceUrls (the Agents Playground, test stand-ins)",
  );
  if (trustAny) log.warn("TEAMS_TRUST_ANY_SERVICE_URL=1 is no longer needed: local mode trusts loopback serviceUrls, and only those");
  return true;
}
