/**
 * What the Teams messenger does with each class of connector failure, through the real SDK and
 * the Dispatcher, against the loopback connector stand-in: a 429 is handed to the Dispatcher with
 * its Retry-After (seconds or an HTTP date) and retried only after it; a 5xx (and 408) is
 * transient: one call now, retried later with backoff; any other 4xx is permanent: one call,
 * never again; a connection that gets no answer is retried inside the send (bounded), then
 * handed on as transient. None of these is retried inside the send except the last.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { textReply } from "../../../src/core/reply.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { Outbox } from "../../../src/outbox/outbox.ts";
import { installed, marie } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";

let t: TeamsTestServer;
let binding: { channelId: string; conversationRef: string | null };
beforeAll(async () => {
  t = await teamsTestServer();
  await t.post(installed(t.connector.url, marie, "team"));
  binding = await t.rt.store.db.channelBinding.findFirstOrThrow({ where: { platform: "teams" } });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => t.connector.clear());

const now = new Date("2026-11-23T09:00:00Z");
const send = (key: string) => t.messenger.send({ key, to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef }, replies: [textReply("11.4 is due on 30 November", "shared")] });

describe("the Teams messenger's answer to a connector failure", () => {
  it("hands a 429 to the Dispatcher with Retry-After in seconds, after one call", async () => {
    t.connector.failNext(429, { "retry-after": "30" });
    expect(await send("k:429s")).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 });
    expect(t.connector.calls).toHaveLength(1);
  });

  it("reads a Retry-After given as an HTTP date", async () => {
    // The messenger's clock is the wall clock: a date 90 s ahead of it is about 90 s of waiting.
    const at = new Date(Date.now() + 90_000).toUTCString(); // real-clock: an HTTP Retry-After date is read against the real time
    t.connector.failNext(429, { "retry-after": at });
    const r = await send("k:429d");
    expect(r).toMatchObject({ ok: false, retryable: true });
    const wait = r.ok ? 0 : (r.retryAfterMs ?? 0);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(90_000);
    expect(t.connector.calls).toHaveLength(1);
  });

  it.each([500, 502, 503, 504, 408])("treats %i as transient: retryable, no Retry-After, one call", async (status) => {
    t.connector.failNext(status);
    const r = await send(`k:${status}`);
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(r.ok ? 0 : r.retryAfterMs).toBeUndefined();
    expect(r.ok ? "" : r.error).toMatch(new RegExp(`HTTP ${status}`));
    expect(t.connector.calls).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 413])("treats %i as permanent: not retryable, one call", async (status) => {
    t.connector.failNext(status);
    expect(await send(`k:${status}`)).toMatchObject({ ok: false, retryable: false });
    expect(t.connector.calls).toHaveLength(1);
  });

  it("retries a connection that got no answer twice within the send, then hands it on as transient", async () => {
    t.connector.dropNext();
    t.connector.dropNext();
    t.connector.dropNext();
    const dropped = t.connector.dropped;
    const r = await send("k:drops");
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(t.connector.dropped - dropped).toBe(3);
    expect(t.connector.messages).toEqual([]);
  });
});

describe("the Dispatcher acting on a Teams failure class", () => {
  const enqueue = async (key: string) => {
    const outbox = new Outbox(t.rt.store);
    await outbox.enqueue({ key, kind: "reminder", platform: "teams", to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef }, replies: [textReply("11.4 is due on 30 November", "shared")], dueAt: now });
  };
  const row = (key: string) => t.rt.store.db.delivery.findUniqueOrThrow({ where: { key } });

  it("waits Retry-After after a 429 (longer than its own backoff), then sends once", async () => {
    await enqueue("d:429");
    const dispatcher = new Dispatcher(t.rt.store, [t.messenger], t.rt.logger);
    t.connector.failNext(429, { "retry-after": "600" });
    expect((await dispatcher.dispatchDue({ now, only: [(await row("d:429")).id] })).map((r) => [r.outcome, r.errorClass])).toEqual([["retry", "rate-limited"]]);
    expect((await row("d:429")).nextAttemptAt.getTime()).toBe(now.getTime() + 600_000);
    const only = [(await row("d:429")).id];
    expect(await dispatcher.dispatchDue({ now: new Date(now.getTime() + 599_000), only })).toEqual([]);
    expect((await dispatcher.dispatchDue({ now: new Date(now.getTime() + 600_000), only })).map((r) => r.outcome)).toEqual(["sent"]);
    expect(t.connector.messages).toHaveLength(2);
  });

  it("retries a 503 later with backoff", async () => {
    await enqueue("d:503");
    const dispatcher = new Dispatcher(t.rt.store, [t.messenger], t.rt.logger);
    t.connector.failNext(503);
    expect((await dispatcher.dispatchDue({ now, only: [(await row("d:503")).id] })).map((r) => [r.outcome, r.errorClass])).toEqual([["retry", "unavailable"]]);
    expect((await row("d:503")).status).toBe("pending");
    expect((await row("d:503")).nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(t.connector.messages).toHaveLength(1);
  });

  it("marks a 403 failed for good and never sends it again", async () => {
    await enqueue("d:403");
    const dispatcher = new Dispatcher(t.rt.store, [t.messenger], t.rt.logger);
    t.connector.failNext(403);
    expect((await dispatcher.dispatchDue({ now, only: [(await row("d:403")).id] })).map((r) => [r.outcome, r.errorClass])).toEqual([["failed", "refused"]]);
    expect((await row("d:403")).status).toBe("failed");
    expect(await dispatcher.dispatchDue({ now: new Date(now.getTime() + 86_400_000), only: [(await row("d:403")).id] })).toEqual([]);
    expect(t.connector.messages).toHaveLength(1);
  });
});
