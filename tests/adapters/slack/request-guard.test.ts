import { describe, expect, it } from "vitest";
import { SlackRequestGuard, signatureProblem, type SignedRequest } from "../../../adapters/slack/request-guard.ts";
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

describe.each(databaseKinds)("SlackRequestGuard on %s", (kind) => {
  it("lets a signed request through once, across two copies of the bot on one database", async () => {
    const rt = await testRuntime(kind);
    const copy = await openRuntime(loadConfig({ DATABASE_URL: rt.database.url }), createLogger("silent"));
    try {
      const guards = [rt, copy].map((r) => new SlackRequestGuard(SECRET, new SlackStash(r.store), () => NOW_S * 1000));
      const req = signed("command=%2Fwp&text=reminder+add+7+days+before", NOW_S);
      const verdicts = await Promise.all([guards[0]!.check(req), guards[1]!.check(req), guards[0]!.check(req)]);
      expect(verdicts.filter((v) => v.ok)).toHaveLength(1);
      expect(verdicts.filter((v) => !v.ok)).toEqual([
        { ok: false, status: 200, reason: expect.stringMatching(/replay/) },
        { ok: false, status: 200, reason: expect.stringMatching(/replay/) },
      ]);
      // a different request (new timestamp, so a new signature) passes
      expect(await guards[1]!.check(signed("command=%2Fwp&text=reminder+add+7+days+before", NOW_S + 1))).toEqual({ ok: true });
      // a forged one is refused before anything is written
      expect(await guards[0]!.check(signed("command=%2Fwp&text=x", NOW_S, "forger"))).toMatchObject({ ok: false, status: 401 });
      expect(await rt.store.db.systemSetting.count({ where: { key: { startsWith: "slack:request:" } } })).toBe(2);
    } finally {
      await copy.close();
      await rt.dispose();
    }
  });
});
