import { describe, expect, it } from "vitest";
import { firstRequest, requestKey, signatureProblem, type SignedRequest } from "../../../adapters/slack/request-guard.ts";
import { SlackStash } from "../../../adapters/slack/stash.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { createLogger } from "../../../src/log/logger.ts";
import { openRuntime } from "../../../src/runtime/open-runtime.ts";
import { databaseKinds } from "../../support/databases.ts";
import { testRuntime } from "../../support/runtime.ts";
import { slackSignature } from "../../support/slack-app.ts";

const SECRET = "guard-secret";
const NOW_S = 1_780_000_000;

function signed(body: string, ts: number, secret = SECRET): SignedRequest {
  return { headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(secret, ts, body) }, rawBody: Buffer.from(body) };
}

describe("signatureProblem", () => {
  const body = "command=%2Fwp&text=whoami";
  it.each([
    ["now", NOW_S, null],
    ["five minutes ago", NOW_S - 300, null],
    ["five minutes ahead", NOW_S + 300, null],
    ["five minutes and a second ahead", NOW_S + 301, /future/],
    ["an hour ahead", NOW_S + 3600, /future/],
    ["five minutes and a second ago", NOW_S - 301, /stale/],
  ])("a request signed %s: %s", (_what, ts, expected) => {
    const problem = signatureProblem(signed(body, ts), SECRET, NOW_S * 1000);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it("refuses another secret's signature, a missing header and a timestamp that is not a number", () => {
    expect(signatureProblem(signed(body, NOW_S, "other"), SECRET, NOW_S * 1000)).toMatch(/mismatch/);
    expect(signatureProblem({ headers: {}, rawBody: Buffer.from(body) }, SECRET, NOW_S * 1000)).toMatch(/missing/);
    expect(signatureProblem({ ...signed(body, NOW_S), headers: { ...signed(body, NOW_S).headers, "x-slack-request-timestamp": "soon" } }, SECRET, NOW_S * 1000)).toMatch(/missing/);
  });

  it("lets Slack's unsigned ssl_check probe through (Bolt answers it and drops the rest of the body)", () => {
    expect(signatureProblem({ headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: Buffer.from("ssl_check=1&token=x") }, SECRET, NOW_S * 1000)).toBeNull();
  });
});

describe.each(databaseKinds)("firstRequest on %s", (kind) => {
  it("says a signed request is new once, across two copies of the bot on one database", async () => {
    const rt = await testRuntime(kind);
    const copy = await openRuntime(loadConfig({ DATABASE_URL: rt.database.url }), createLogger("silent"));
    try {
      const stashes = [rt, copy].map((r) => new SlackStash(r.store));
      const key = requestKey(signed("command=%2Fwp&text=reminder+add+7+days+before", NOW_S).headers);
      const verdicts = await Promise.all([firstRequest(stashes[0]!, key), firstRequest(stashes[1]!, key), firstRequest(stashes[0]!, key)]);
      expect(verdicts.filter(Boolean)).toHaveLength(1);
      // a different request (new timestamp, so a new signature) is new
      expect(await firstRequest(stashes[1]!, requestKey(signed("command=%2Fwp&text=reminder+add+7+days+before", NOW_S + 1).headers))).toBe(true);
      // Slack's unsigned ssl_check has no key and is never remembered
      expect(requestKey({ "content-type": "application/x-www-form-urlencoded" })).toBeUndefined();
      expect(await firstRequest(stashes[0]!, undefined)).toBe(true);
      expect(await rt.store.db.systemSetting.count({ where: { key: { startsWith: "slack:request:" } } })).toBe(2);
    } finally {
      await copy.close();
      await rt.dispose();
    }
  });
});
