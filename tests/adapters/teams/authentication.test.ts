/**
 * With MicrosoftAppId set, every request is authenticated: no header, a malformed or forged token,
 * a token for another audience get 401, and quickly (the requests below abort after 5 s), even
 * when the key endpoints cannot be reached. A token signed by the (stand-in) Bot Framework keys
 * is accepted, so the 401s are not just a closed door.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { blackHole, BotFrameworkKeysStandIn, signJwt } from "../../support/bot-framework-keys-stand-in.ts";
import { channelMention, jan, personalMessage } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";

const APP_ID = "00000000-1111-2222-3333-444444444444";
const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-a-real-secret", TEAMS_AUTH_TIMEOUT_MS: "1500" };

/** Posts with a 5 s deadline: a hang fails the test instead of passing late. */
async function postWithin5s(t: TeamsTestServer, activity: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity), signal: AbortSignal.timeout(5000) });
  await res.text();
  return res.status;
}

describe("Teams authentication with the key endpoints unreachable", () => {
  let t: TeamsTestServer;
  let hole: Awaited<ReturnType<typeof blackHole>>;
  beforeAll(async () => {
    hole = await blackHole();
    t = await teamsTestServer({ env, overrides: { authorityEndpoint: hole.url } });
  });
  afterAll(async () => {
    await t.close();
    await hole.close();
  });
  afterEach(() => expect(t.connector.calls).toEqual([]));

  const keyless = (claims: Record<string, unknown>) => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return signJwt({ iss: hole.issuer, exp: Math.floor(Date.now() / 1000) + 3600, ...claims }, privateKey, "unknown-kid");
  };

  // Headers are built when each test runs: the forged tokens name the black hole as their issuer.
  it.each([
    ["no Authorization header", () => ({})],
    ["a header that is not a bearer token", () => ({ authorization: "Basic dXNlcjpwYXNz" })],
    ["a malformed token", () => ({ authorization: "Bearer not.a.jwt" })],
    ["garbage base64 parts", () => ({ authorization: "Bearer e30.e30.e30" })],
    ["an unsigned (alg none) token", () => ({ authorization: `Bearer ${Buffer.from('{"alg":"none","kid":"x"}').toString("base64url")}.${Buffer.from(JSON.stringify({ aud: APP_ID, exp: 9e9 })).toString("base64url")}.x` })],
    ["a token for another audience", () => ({ authorization: `Bearer ${keyless({ aud: "another-bot" })}` })],
    ["an expired token", () => ({ authorization: `Bearer ${keyless({ aud: APP_ID, exp: 1_000_000 })}` })],
    ["a forged token for our app id (keys unreachable)", () => ({ authorization: `Bearer ${keyless({ aud: APP_ID })}` })],
  ])("refuses %s with 401", async (_name, headers) => {
    expect(await postWithin5s(t, personalMessage(t.connector.url, jan, "whoami"), headers() as Record<string, string>)).toBe(401);
  });
});

describe("Teams authentication against Microsoft's real endpoints (no internet here)", () => {
  it("answers a forged token with 401 instead of hanging or failing with 500", async () => {
    const t = await teamsTestServer({ env });
    try {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const token = signJwt({ iss: "https://api.botframework.com", aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 3600 }, privateKey, "kid");
      expect(await postWithin5s(t, personalMessage(t.connector.url, jan, "whoami"), { authorization: `Bearer ${token}` })).toBe(401);
      expect(t.connector.calls).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe("Teams authentication with reachable keys", () => {
  let keys: BotFrameworkKeysStandIn;
  let t: TeamsTestServer;
  // An authenticated bot only talks to Bot Framework hosts; a channel message without the bot's
  // mention needs no reply, so nothing leaves the machine.
  const emea = "https://smba.trafficmanager.net/emea/";
  beforeAll(async () => {
    keys = await new BotFrameworkKeysStandIn().start();
    t = await teamsTestServer({ env, overrides: { authorityEndpoint: keys.authorityEndpoint } });
  });
  afterAll(async () => {
    await t.close();
    await keys.close();
  });

  it("accepts a token signed by the authority's key for our app id and this serviceUrl", async () => {
    const status = await postWithin5s(t, channelMention(emea, jan, "hello", false), { authorization: `Bearer ${keys.channelToken(APP_ID, emea)}` });
    expect(status).toBe(200);
  });

  it("refuses a well-signed token whose serviceUrl claim is another endpoint", async () => {
    const status = await postWithin5s(t, channelMention(emea, jan, "hello", false), { authorization: `Bearer ${keys.channelToken(APP_ID, "https://smba.trafficmanager.net/amer/")}` });
    expect(status).toBe(401);
  });

  it("refuses a token signed by another key under the same key id", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const status = await postWithin5s(t, channelMention(emea, jan, "hello", false), { authorization: `Bearer ${keys.channelToken(APP_ID, emea, {}, privateKey)}` });
    expect(status).toBe(401);
  });

  it("refuses a well-signed token from an issuer it does not trust", async () => {
    const status = await postWithin5s(t, channelMention(emea, jan, "hello", false), { authorization: `Bearer ${keys.channelToken(APP_ID, emea, { iss: "https://sts.windows.net/another-tenant/" })}` });
    expect(status).toBe(401);
  });

  it("refuses a well-signed token for our app id whose activity names a serviceUrl outside Bot Framework", async () => {
    const status = await postWithin5s(t, channelMention(t.connector.url, jan, "hello", false), { authorization: `Bearer ${keys.channelToken(APP_ID, t.connector.url)}` });
    expect(status).toBe(403);
    expect(t.connector.calls).toEqual([]);
  });
});
