/**
 * Local mode (TEAMS_ENABLE=1, no MicrosoftAppId): unauthenticated, so only on loopback, and only
 * talking to connectors on this machine; the switch that trusted any serviceUrl is refused where
 * it could do harm.
 */
import { describe, expect, it } from "vitest";
import { checkLocalMode } from "../../../adapters/teams/local-mode.ts";
import { ConfigError, loadConfig } from "../../../src/config/index.ts";
import { createLogger } from "../../../src/log/logger.ts";
import { capturingLogger } from "../../support/log-lines.ts";
import { marie, personalMessage } from "../../support/teams-activities.ts";
import { teamsTestServer } from "../../support/teams-server.ts";

const silent = createLogger("silent");
const refusal = (env: Record<string, string>): string => {
  try {
    checkLocalMode(loadConfig({ DATABASE_URL: "file:/tmp/unused.db", ...env }), silent);
    return "mounted";
  } catch (e) {
    return e instanceof ConfigError ? e.message : `other: ${String(e)}`;
  }
};

describe("checkLocalMode", () => {
  it("refuses to serve unauthenticated Teams on an address other than loopback, and says what to set", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.20"]) expect(refusal({ TEAMS_ENABLE: "1", HOST: host })).toMatch(/HOST=127\.0\.0\.1/);
  });

  it("serves local mode on loopback addresses", () => {
    for (const host of ["127.0.0.1", "::1", "localhost"]) expect(refusal({ TEAMS_ENABLE: "1", HOST: host })).toBe("mounted");
  });

  it("serves an authenticated bot on any address", () => {
    expect(refusal({ MicrosoftAppId: "00000000-1111-2222-3333-444444444444", MicrosoftAppPassword: "x", HOST: "0.0.0.0" })).toBe("mounted");
  });

  it("refuses TEAMS_TRUST_ANY_SERVICE_URL=1 with MicrosoftAppId", () => {
    expect(refusal({ MicrosoftAppId: "00000000-1111-2222-3333-444444444444", MicrosoftAppPassword: "x", TEAMS_TRUST_ANY_SERVICE_URL: "1" })).toMatch(/TEAMS_TRUST_ANY_SERVICE_URL=1 is refused/);
  });

  it("mounts nothing without MicrosoftAppId or TEAMS_ENABLE=1", () => {
    expect(checkLocalMode(loadConfig({ DATABASE_URL: "file:/tmp/unused.db", HOST: "0.0.0.0" }), silent)).toBe(false);
  });
});

describe("Teams local mode over HTTP", () => {
  it("answers a client on this machine (the Agents Playground's loopback serviceUrl) with nothing else set", async () => {
    const t = await teamsTestServer();
    try {
      const res = await t.post(personalMessage(t.connector.url.replace("127.0.0.1", "localhost"), marie, "whoami"));
      expect(res.status).toBe(200);
      expect(JSON.stringify(t.connector.cards[0])).toContain("Marie Dupont");
    } finally {
      await t.close();
    }
  });

  it("refuses an activity naming another machine's serviceUrl (even with the old switch), stores nothing, and logs what to set", async () => {
    const log = capturingLogger();
    const t = await teamsTestServer({ env: { TEAMS_TRUST_ANY_SERVICE_URL: "1" }, logger: log.logger });
    try {
      for (const serviceUrl of ["http://10.0.0.8:5432/", "https://smba.trafficmanager.net/emea/"]) {
        const res = await t.post(personalMessage(serviceUrl, marie, "whoami"));
        expect(res.status).toBe(403);
      }
      expect(t.connector.calls).toEqual([]);
      expect(await t.rt.store.db.member.count({ where: { platform: "teams" } })).toBe(0);
      const refusals = log.lines().filter((l) => l.startsWith("teams request refused"));
      expect(refusals).toHaveLength(2);
      expect(refusals[0]).toMatch(/set MicrosoftAppId and MicrosoftAppPassword/);
    } finally {
      await t.close();
    }
  });
});
