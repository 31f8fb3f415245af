/**
 * The Teams adapter on the Agents SDK sends nothing anywhere but the connector it answers (and,
 * authenticated, the key endpoint it is pointed at): no telemetry, no statsbeat, no "phone home".
 * Agents SDK 1.8.1 has no Application Insights or statsbeat code (its telemetry package only
 * speaks to an OpenTelemetry API a deployment installs and configures itself, which we do not),
 * so there is no switch to turn off; these tests hold that true: every TCP connection and DNS
 * lookup the process makes while the bot starts, authenticates, answers, opens a chat and
 * posts proactively is recorded (Node's own net and dns, wrapped for the test), and none is for
 * another machine.
 */
import dns from "node:dns";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textReply } from "../../../src/core/reply.ts";
import { BotFrameworkKeysStandIn } from "../../support/bot-framework-keys-stand-in.ts";
import { channelMention, installed, jan, marie, personalMessage } from "../../support/teams-activities.ts";
import { teamsTestServer } from "../../support/teams-server.ts";

const APP_ID = "00000000-1111-2222-3333-444444444444";

/** Every host the process tried to reach (connect or look up) since the recorder was installed. */
const contacted: string[] = [];
const connect = net.Socket.prototype.connect;
const lookup = dns.lookup;

beforeAll(() => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect() hands over its arguments normalised, as one array [options, callback].
    const first = (Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0]) as { host?: string; path?: string } | number | string | undefined;
    const options = first && typeof first === "object" ? first : { host: typeof args[1] === "string" ? args[1] : undefined, path: undefined };
    if (options.path === undefined) contacted.push(`connect ${options.host ?? "localhost"}`);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  dns.lookup = function (hostname: string, ...rest: unknown[]) {
    contacted.push(`lookup ${hostname}`);
    return (lookup as (...a: unknown[]) => unknown).call(dns, hostname, ...rest);
  } as typeof dns.lookup;
});
afterAll(() => {
  net.Socket.prototype.connect = connect;
  dns.lookup = lookup;
});

const isLoopback = (entry: string) => /^(connect|lookup) (localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/.test(entry);

describe("the Teams adapter's traffic", () => {
  it("in local mode goes to the loopback connector only, through install, replies, a new 1:1 chat and a proactive post", async () => {
    contacted.length = 0;
    const t = await teamsTestServer();
    try {
      expect((await t.post(installed(t.connector.url, marie, "team"))).status).toBe(200);
      expect((await t.post(personalMessage(t.connector.url, marie, "help"))).status).toBe(200);
      expect((await t.post(channelMention(t.connector.url, marie, "deadlines"))).status).toBe(200);
      const binding = await t.rt.store.db.channelBinding.findFirstOrThrow({ where: { platform: "teams" } });
      expect((await t.messenger.send({ key: "k:channel", to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef }, replies: [textReply("x", "shared")] })).ok).toBe(true);
      const wp = await t.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
      await t.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "teams", platformUserId: jan.aadObjectId, displayName: jan.name } });
      expect((await t.messenger.send({ key: "k:new-chat", to: { kind: "user", id: jan.aadObjectId, ref: null }, replies: [textReply("x")] })).ok).toBe(true);
      // The recorder works: the bot's own calls to the stand-in were seen.
      expect(t.connector.messages.length).toBeGreaterThanOrEqual(4);
      expect(contacted.filter((c) => c.startsWith("connect")).length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
    expect(contacted.filter((c) => !isLoopback(c))).toEqual([]);
  });

  it("authenticated, reaches only the key endpoint it is given while it checks a token and takes the turn", async () => {
    contacted.length = 0;
    const keys = await new BotFrameworkKeysStandIn().start();
    const emea = "https://smba.trafficmanager.net/emea/";
    const t = await teamsTestServer({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-a-real-secret" }, overrides: { authorityEndpoint: keys.authorityEndpoint } });
    try {
      // A channel message not for the bot: authenticated, stored, and answered by nobody.
      const res = await t.post(channelMention(emea, jan, "hello", false), { authorization: `Bearer ${keys.channelToken(APP_ID, emea)}` });
      expect(res.status).toBe(200);
      expect((await t.post(channelMention(emea, jan, "hello", false))).status).toBe(401);
    } finally {
      await t.close();
      await keys.close();
    }
    expect(contacted.filter((c) => !isLoopback(c))).toEqual([]);
  });
});

describe("the SDK's telemetry", () => {
  it("has nothing to report to: no OpenTelemetry API for it to find, no Application Insights or exporter installed", () => {
    const fromTelemetry = createRequire(createRequire(import.meta.url).resolve("@microsoft/agents-telemetry"));
    expect(() => fromTelemetry.resolve("@opentelemetry/api")).toThrow(/Cannot find module/);
    const lock = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
    const reporters = Object.keys(lock.packages).filter((p) => /node_modules\/(applicationinsights|@azure\/monitor-opentelemetry[^/]*|@opentelemetry\/(sdk-[^/]+|exporter-[^/]+))$/.test(p));
    expect(reporters).toEqual([]);
    // …and the lock file is the one the SDK is in (the check reads the right file).
    expect(Object.keys(lock.packages)).toContain("node_modules/@microsoft/agents-hosting");
  });
});
