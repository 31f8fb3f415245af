import { verifySlackRequest } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSignature, startSlackTestApp, type SlackTestApp } from "../../support/slack-app.ts";

// Slack's published example ("Verifying requests from Slack"): the documented signing secret,
// timestamp and slash-command body, and the signature Slack says it produces.
const EXAMPLE = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: 1531420618,
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

describe("slack request signing", () => {
  it("reproduces Slack's published signing example", () => {
    expect(slackSignature(EXAMPLE.secret, EXAMPLE.timestamp, EXAMPLE.body)).toBe(EXAMPLE.signature);
  });

  it("is what Bolt checks: the example passes at its own time and fails five minutes later", () => {
    const headers = { "x-slack-signature": EXAMPLE.signature, "x-slack-request-timestamp": EXAMPLE.timestamp };
    expect(() => verifySlackRequest({ signingSecret: EXAMPLE.secret, body: EXAMPLE.body, headers, nowMilliseconds: EXAMPLE.timestamp * 1000 })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: EXAMPLE.secret, body: EXAMPLE.body, headers, nowMilliseconds: (EXAMPLE.timestamp + 301) * 1000 })).toThrow(/stale/);
    expect(() => verifySlackRequest({ signingSecret: "another-secret", body: EXAMPLE.body, headers, nowMilliseconds: EXAMPLE.timestamp * 1000 })).toThrow(/signature mismatch/);
  });
});

describe("slack endpoint refuses unsigned requests", () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackTestApp();
  });
  afterAll(() => app.close());

  const slash = (user: string) =>
    new URLSearchParams({ team_id: "T1", channel_id: "C1", user_id: user, command: "/wp", text: "whoami", response_url: app.stand.responseUrl(`forged-${user}`), trigger_id: "t.1" }).toString();

  async function nothingChanged(user: string) {
    // a signed request afterwards is answered, so the forged one had every chance to be
    const ok = await app.command("whoami", "U-CONTROL");
    await app.stand.until(() => app.stand.responses.some((r) => r.id === ok.responseUrlId));
    expect(app.stand.responses.filter((r) => r.id.startsWith("forged-"))).toEqual([]);
    expect(app.stand.of("users.info").map((c) => c.args.user)).not.toContain(user);
    expect(await app.rt.store.db.member.count({ where: { platformUserId: user } })).toBe(0);
  }

  it("answers 401 to a forged signature and changes nothing", async () => {
    const body = slash("U-FORGED");
    const r = await app.post(body, { contentType: "application/x-www-form-urlencoded", signature: slackSignature("not-the-secret", Math.floor(Date.now() / 1000), body) });
    expect(r.status).toBe(401);
    await nothingChanged("U-FORGED");
  });

  it("answers 401 to a correctly signed request older than five minutes and changes nothing", async () => {
    const r = await app.post(slash("U-STALE"), { contentType: "application/x-www-form-urlencoded", timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(r.status).toBe(401);
    await nothingChanged("U-STALE");
  });

  it("answers 401 to a request without signature headers", async () => {
    const res = await fetch(`${app.url}/slack/events`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(401);
  });

  it("answers Slack's url_verification challenge when signed", async () => {
    const r = await app.post(JSON.stringify({ type: "url_verification", token: "x", challenge: "c-123" }));
    expect(r.status).toBe(200);
    expect(r.text).toContain("c-123");
  });
});

describe("slack endpoint refuses replayed and future-dated requests (issue 13 item 7)", () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackTestApp();
    const wp = await app.rt.store.db.workingParty.findFirstOrThrow();
    await app.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U-SEC", displayName: "Sec", role: "secretariat" } });
  });
  afterAll(() => app.close());

  const addRule = (id: string) =>
    new URLSearchParams({ team_id: "T1", channel_id: "C1", user_id: "U-SEC", command: "/wp", text: "reminder add 13 days before", response_url: app.stand.responseUrl(id), trigger_id: `t.${id}` }).toString();
  const rules = () => app.rt.store.db.reminderRule.count({ where: { offsetDays: 13 } });
  /** Waits for a later signed command's answer, so a refused one had every chance to run first. */
  async function settle() {
    const ok = await app.command("whoami", "U-CONTROL");
    await app.stand.until(() => app.stand.responses.some((r) => r.id === ok.responseUrlId));
  }

  it("answers a signed request once and runs nothing when the same request is sent again within five minutes", async () => {
    const before = await rules();
    const body = addRule("replay-1");
    const ts = Math.floor(Date.now() / 1000);
    const first = await app.post(body, { contentType: "application/x-www-form-urlencoded", timestamp: ts });
    expect(first.status).toBe(200);
    await app.stand.until(() => app.stand.responses.some((r) => r.id === "replay-1"));
    // 200 and an empty body, as for an event Slack sends again: nothing to retry, nothing learnt
    const again = await app.post(body, { contentType: "application/x-www-form-urlencoded", timestamp: ts });
    expect(again).toEqual({ status: 200, text: "" });
    await settle();
    expect(app.stand.responses.filter((r) => r.id === "replay-1")).toHaveLength(1);
    expect(await rules()).toBe(before + 1);
  });

  it("still runs nothing for the replay after the bot restarts: what was seen is kept in the store", async () => {
    const body = addRule("replay-2");
    const ts = Math.floor(Date.now() / 1000);
    expect((await app.post(body, { contentType: "application/x-www-form-urlencoded", timestamp: ts })).status).toBe(200);
    await app.stand.until(() => app.stand.responses.some((r) => r.id === "replay-2"));
    const before = await rules();
    await app.restart();
    expect(await app.post(body, { contentType: "application/x-www-form-urlencoded", timestamp: ts })).toEqual({ status: 200, text: "" });
    await settle();
    expect(app.stand.responses.filter((r) => r.id === "replay-2")).toHaveLength(1);
    expect(await rules()).toBe(before);
  });

  it("refuses a request signed for more than five minutes in the future and changes nothing", async () => {
    const before = await rules();
    const r = await app.post(addRule("future-1"), { contentType: "application/x-www-form-urlencoded", timestamp: Math.floor(Date.now() / 1000) + 3600 });
    expect(r.status).toBe(401);
    const r2 = await app.post(addRule("future-2"), { contentType: "application/x-www-form-urlencoded", timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(r2.status).toBe(401);
    await settle();
    expect(app.stand.responses.filter((r) => r.id.startsWith("future-"))).toEqual([]);
    expect(await rules()).toBe(before);
  });

  it("accepts a request whose clock is a little ahead (Slack's and ours differ by seconds)", async () => {
    const r = await app.post(addRule("ahead-1"), { contentType: "application/x-www-form-urlencoded", timestamp: Math.floor(Date.now() / 1000) + 30 });
    expect(r.status).toBe(200);
    await app.stand.until(() => app.stand.responses.some((r) => r.id === "ahead-1"));
  });
});
