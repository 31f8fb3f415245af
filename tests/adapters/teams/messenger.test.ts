/**
 * The Teams messenger against the connector stand-in: proactive messages to channels and 1:1
 * chats from stored references, a new 1:1 chat for a member the bot has not spoken to, files as
 * attachments, and 429s reported for the Dispatcher to reschedule (never retried, never doubled).
 */
import fs from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reply, textReply } from "../../../src/core/reply.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { Outbox } from "../../../src/outbox/outbox.ts";
import { adaptiveCardProblems } from "../../support/adaptive-card-validator.ts";
import { databaseKinds, tempDir } from "../../support/databases.ts";
import { installed, jan, marie, personalMessage, TENANT } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";

let t: TeamsTestServer;
beforeEach(async () => {
  t = await teamsTestServer({ env: { PUBLIC_URL: "https://bot.example.org" } });
});
afterEach(async () => {
  await t.close();
});

const channelRef = async () => {
  await t.post(installed(t.connector.url, marie, "team"));
  const binding = await t.rt.store.db.channelBinding.findFirstOrThrow({ where: { platform: "teams" } });
  t.connector.clear();
  return binding;
};

describe("TeamsMessenger", () => {
  it("posts into a channel from its stored conversation reference, with the delivery key", async () => {
    const binding = await channelRef();
    const r = await t.messenger.send({ key: "reminder:1:2:3", to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef }, replies: [textReply("Deadline tomorrow: 11.4 final report", "shared")] });
    expect(r).toMatchObject({ ok: true, platformRef: "stand-in-1" });
    expect(t.connector.messages).toHaveLength(1);
    const call = t.connector.messages[0]!;
    expect(call).toMatchObject({ method: "POST", path: "/v3/conversations/19:ccwp-general@thread.tacv2/activities" });
    expect(call.body).toMatchObject({ type: "message", channelData: { secretariatDeliveryKey: "reminder:1:2:3" } });
    expect(adaptiveCardProblems(t.connector.cards[0])).toEqual([]);
  });

  it("messages a member in their 1:1 chat from the stored direct reference", async () => {
    await t.post(personalMessage(t.connector.url, marie, "whoami"));
    const member = await t.rt.store.db.member.findFirstOrThrow({ where: { platformUserId: marie.aadObjectId } });
    t.connector.clear();
    const r = await t.messenger.send({ key: "ask:1", to: { kind: "user", id: marie.aadObjectId, ref: member.directRef }, replies: [textReply("Please send your report for 11.4.")] });
    expect(r.ok).toBe(true);
    expect(t.connector.messages.map((c) => c.path)).toEqual([`/v3/conversations/a:personal-${marie.aadObjectId}/activities`]);
  });

  it("creates a 1:1 chat for a member who has none, on the tenant of a stored reference, and remembers it", async () => {
    await t.post(personalMessage(t.connector.url, marie, "whoami"));
    const wp = await t.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    await t.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "teams", platformUserId: jan.aadObjectId, displayName: jan.name, delegation: "NL" } });
    t.connector.clear();
    const r = await t.messenger.send({ key: "ask:2", to: { kind: "user", id: jan.aadObjectId, ref: null }, replies: [textReply("Please send your report for 11.5.")] });
    expect(r.ok).toBe(true);
    const [create, post] = t.connector.calls;
    expect(create).toMatchObject({ method: "POST", path: "/v3/conversations" });
    expect(create!.body).toMatchObject({ isGroup: false, members: [{ id: jan.aadObjectId }], tenantId: TENANT, bot: { id: "28:bot-app-id" } });
    expect(post).toMatchObject({ method: "POST", path: "/v3/conversations/a:new-chat-1/activities" });
    expect(JSON.stringify(post!.body)).toContain("11.5");
    const janMember = await t.rt.store.db.member.findFirstOrThrow({ where: { platformUserId: jan.aadObjectId } });
    expect(JSON.parse(janMember.directRef!).conversation.id).toBe("a:new-chat-1");
  });

  it("refuses to create a chat when no Teams conversation is known yet", async () => {
    const r = await t.messenger.send({ key: "ask:3", to: { kind: "user", id: jan.aadObjectId, ref: null }, replies: [textReply("x")] });
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(t.connector.calls).toEqual([]);
  });

  it("sends a PNG inline as base64 and a .docx as a download card with a signed link served by the bot", async () => {
    const binding = await channelRef();
    const dir = tempDir();
    const png = path.join(dir, "timeline.png");
    fs.writeFileSync(png, new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#036"/></svg>').render().asPng());
    const docx = path.join(dir, "report.docx");
    fs.writeFileSync(docx, "PK fake docx bytes");
    const r = await t.messenger.send({
      key: "report:1",
      to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef },
      replies: [
        reply("Timeline and report", [
          { type: "file", file: { name: "timeline.png", mediaType: "image/png", path: png, title: "Timeline" } },
          { type: "file", file: { name: "report.docx", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", path: docx, title: "Compiled report" } },
        ]),
      ],
    });
    expect(r.ok).toBe(true);
    const attachments = t.connector.messages[0]!.body!.attachments as { contentType: string; contentUrl?: string; content?: Record<string, unknown> }[];
    const image = attachments.find((a) => a.contentType === "image/png")!;
    expect(Buffer.from(image.contentUrl!.replace(/^data:image\/png;base64,/, ""), "base64")).toEqual(fs.readFileSync(png));
    for (const c of t.connector.cards) expect(adaptiveCardProblems(c)).toEqual([]);
    const download = JSON.stringify(t.connector.cards).match(/https:\/\/bot\.example\.org(\/teams\/files\/[^"]+)/);
    expect(download).not.toBeNull();
    const served = await fetch(t.url.replace("/api/messages", download![1]!));
    expect(served.status).toBe(200);
    expect(await served.text()).toBe("PK fake docx bytes");
    const forged = await fetch(t.url.replace("/api/messages", download![1]!.replace(/.$/, (c) => (c === "A" ? "B" : "A"))));
    expect(forged.status).toBe(404);
  });

  it("reports a 429 as retryable with the connector's Retry-After, after exactly one call", async () => {
    const binding = await channelRef();
    t.connector.failNext(429, { "retry-after": "7" });
    const r = await t.messenger.send({ key: "reminder:9", to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef }, replies: [textReply("x")] });
    expect(r).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    expect(t.connector.calls).toHaveLength(1);
  });

  it("refuses a stored reference whose serviceUrl is not on this machine in local mode (a port such as PostgreSQL's elsewhere)", async () => {
    const ref = JSON.stringify({ serviceUrl: "http://10.0.0.8:5432/", conversation: { id: "19:x@thread.tacv2" }, bot: { id: "28:b" }, channelId: "msteams" });
    const r = await t.messenger.send({ key: "k", to: { kind: "channel", id: "19:x@thread.tacv2", ref }, replies: [textReply("x")] });
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(r.ok ? "" : r.error).toMatch(/10\.0\.0\.8:5432.*not a loopback/);
    expect(t.connector.calls).toEqual([]);
  });

  it("retries a dropped connection and delivers the message once", async () => {
    const binding = await channelRef();
    t.connector.dropNext();
    const r = await t.messenger.send({ key: "reminder:drop", to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef }, replies: [textReply("x")] });
    expect(r.ok).toBe(true);
    expect(t.connector.dropped).toBe(1);
    expect(t.connector.messages.map((c) => (c.body!.channelData as Record<string, string>).secretariatDeliveryKey)).toEqual(["reminder:drop"]);
  });

  it("reads references the botbuilder versions stored (the bot named `bot`, not `agent`)", async () => {
    const ref = JSON.stringify({ serviceUrl: t.connector.url, channelId: "msteams", conversation: { id: "19:old@thread.tacv2", isGroup: true }, bot: { id: "28:bot-app-id", name: "secretariat" } });
    const r = await t.messenger.send({ key: "old:1", to: { kind: "channel", id: "19:old@thread.tacv2", ref }, replies: [textReply("x")] });
    expect(r.ok).toBe(true);
    expect(t.connector.messages[0]!.body!.from).toMatchObject({ id: "28:bot-app-id" });
  });
});

describe("TeamsMessenger opening a 1:1 chat", () => {
  const newMember = async () => {
    const wp = await t.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    await t.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "teams", platformUserId: jan.aadObjectId, displayName: jan.name, delegation: "NL" } });
  };
  const toJan = (key: string) => t.messenger.send({ key, to: { kind: "user", id: jan.aadObjectId, ref: null }, replies: [textReply("Please send your report for 11.5.")] });

  it("opens it from an older usable reference when the newest cannot be used, instead of failing for good", async () => {
    await t.post(installed(t.connector.url, marie, "team"));
    await newMember();
    // The newest reference (Marie's 1:1) points at a connector this bot may not call.
    await t.rt.store.db.member.updateMany({ where: { platformUserId: marie.aadObjectId }, data: { directRef: JSON.stringify({ serviceUrl: "https://10.1.2.3/", conversation: { id: "a:x", tenantId: TENANT }, agent: { id: "28:bot-app-id" }, channelId: "msteams" }) } });
    await t.rt.store.db.member.create({ data: { workingPartyId: (await t.rt.store.db.workingParty.findFirstOrThrow()).id, platform: "teams", platformUserId: "aad-marie-0001-x", displayName: "M", directRef: JSON.stringify({ serviceUrl: "https://10.1.2.3/", conversation: { id: "a:y", tenantId: TENANT }, agent: { id: "28:bot-app-id" }, channelId: "msteams" }) } });
    t.connector.clear();
    const r = await toJan("ask:older");
    expect(r.ok).toBe(true);
    expect(t.connector.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /v3/conversations", "POST /v3/conversations/a:new-chat-1/activities"]);
  });

  it("posts a retry into the chat the first attempt opened instead of opening another", async () => {
    await t.post(installed(t.connector.url, marie, "team"));
    await newMember();
    t.connector.clear();
    t.connector.passNext(); // the chat is created…
    t.connector.failNext(503); // …but the message is refused
    const first = await toJan("ask:retry");
    expect(first).toMatchObject({ ok: false, retryable: true });
    const second = await toJan("ask:retry");
    expect(second.ok).toBe(true);
    expect(t.connector.calls.filter((c) => c.path === "/v3/conversations")).toHaveLength(1);
    expect(t.connector.messages.at(-1)!.path).toBe("/v3/conversations/a:new-chat-1/activities");
  });

  it("says why when Teams refuses to open the chat (the app is not installed for the user), and does not retry", async () => {
    await t.post(installed(t.connector.url, marie, "team"));
    await newMember();
    t.connector.clear();
    t.connector.failNext(403);
    const r = await toJan("ask:403");
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(r.ok ? "" : r.error).toMatch(/installed for them in the personal scope/);
    expect(t.connector.calls).toHaveLength(1);
  });

  it("refuses when no stored reference can open a chat, naming why", async () => {
    await t.post(personalMessage(t.connector.url, marie, "whoami"));
    await newMember();
    await t.rt.store.db.member.updateMany({ where: { platformUserId: marie.aadObjectId }, data: { directRef: JSON.stringify({ serviceUrl: t.connector.url, conversation: { id: "a:x" }, agent: { id: "28:bot-app-id" }, channelId: "msteams" }) } });
    t.connector.clear();
    const r = await toJan("ask:none");
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(r.ok ? "" : r.error).toMatch(/none of the 1 stored Teams references can open a chat/);
    expect(t.connector.calls).toEqual([]);
  });
});

describe.each(databaseKinds)("Teams deliveries through the outbox on %s", (kind) => {
  it("reschedules a throttled delivery and sends it exactly once later", async () => {
    await t.close();
    t = await teamsTestServer({ kind });
    const binding = await channelRef();
    const now = new Date("2026-11-23T09:00:00Z");
    const outbox = new Outbox(t.rt.store);
    await outbox.enqueue({ key: "reminder:deadline-7:rule-1:teams", kind: "reminder", platform: "teams", to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef }, replies: [textReply("11.4 is due on 30 November", "shared")], dueAt: now });
    const dispatcher = new Dispatcher(t.rt.store, [t.messenger], t.rt.logger);
    t.connector.failNext(429, { "retry-after": "120" });
    const first = await dispatcher.dispatchDue({ now });
    expect(first.map((r) => r.outcome)).toEqual(["retry"]);
    const row = await t.rt.store.db.delivery.findUniqueOrThrow({ where: { key: "reminder:deadline-7:rule-1:teams" } });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + 120_000);
    expect(await dispatcher.dispatchDue({ now: new Date(now.getTime() + 60_000) })).toEqual([]);
    const later = await dispatcher.dispatchDue({ now: new Date(now.getTime() + 121_000) });
    expect(later.map((r) => r.outcome)).toEqual(["sent"]);
    expect(await dispatcher.dispatchDue({ now: new Date(now.getTime() + 3_600_000) })).toEqual([]);
    expect(t.connector.messages).toHaveLength(2); // the refused attempt and the one that went out
    expect(t.connector.messages.every((c) => (c.body!.channelData as Record<string, string>).secretariatDeliveryKey === "reminder:deadline-7:rule-1:teams")).toBe(true);
  });
});
