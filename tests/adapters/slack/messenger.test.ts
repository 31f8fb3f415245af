import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebClient, SlackMessenger } from "../../../adapters/slack/messenger.ts";
import { SlackStash } from "../../../adapters/slack/stash.ts";
import { reply, textReply, type Block } from "../../../src/core/reply.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { Outbox } from "../../../src/outbox/outbox.ts";
import type { Recipient } from "../../../src/core/messenger.ts";
import { tempDir } from "../../support/databases.ts";
import { testRuntime, type TestRuntime } from "../../support/runtime.ts";
import { SlackApiStandIn } from "../../support/slack-api-stand-in.ts";

let rt: TestRuntime;
let stand: SlackApiStandIn;
let messenger: SlackMessenger;
let dispatcher: Dispatcher;
let seq = 0;
const t0 = new Date("2026-11-23T09:00:00Z");

beforeAll(async () => {
  stand = await new SlackApiStandIn().start();
  rt = await testRuntime();
  messenger = new SlackMessenger(createWebClient("xoxb-messenger", stand.apiUrl), new SlackStash(rt.store), rt.logger);
  dispatcher = new Dispatcher(rt.store, [messenger], rt.logger);
});
afterAll(async () => {
  await stand.stop();
  await rt.dispose();
});

async function enqueue(to: Recipient, replies = [textReply("Reminder: 11.4 is due on 30 June.", "shared")]) {
  const key = `test:${++seq}`;
  const outbox = new Outbox(rt.store);
  await outbox.enqueue({ key, kind: "reminder", platform: "slack", to, replies, dueAt: t0 });
  return { key, id: outbox.createdIds[0]! };
}
/** The row as a sender that died after Slack accepted the message leaves it. */
const crashed = (id: number, firstAttemptAt: Date) =>
  rt.store.db.delivery.update({ where: { id }, data: { status: "sending", attempts: 1, leasedBy: "dead", leaseUntil: new Date(t0.getTime() - 1), firstAttemptAt } });
const sentWith = (key: string) => stand.of("chat.postMessage").filter((c) => (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key === key);

describe("slack messenger", () => {
  it("posts to a channel with the delivery key in the message metadata", async () => {
    const { key, id } = await enqueue({ kind: "channel", id: "C900" });
    const [r] = await dispatcher.dispatchDue({ now: t0, only: [id] });
    expect(r!.outcome).toBe("sent");
    const [post] = sentWith(key);
    expect(post!.args).toMatchObject({ channel: "C900", text: "Reminder: 11.4 is due on 30 June.", metadata: { event_type: "secretariat_delivery", event_payload: { key, part: 0, parts: 1 } } });
    expect(post!.token).toBe("xoxb-messenger");
  });

  it("opens a DM for a user once, or uses the DM stored with the member", async () => {
    const a = await enqueue({ kind: "user", id: "U910" });
    const b = await enqueue({ kind: "user", id: "U910" });
    const c = await enqueue({ kind: "user", id: "U911", ref: JSON.stringify({ channel: "D911" }) });
    await dispatcher.dispatchDue({ now: t0, only: [a.id, b.id, c.id] });
    expect(stand.of("conversations.open").map((x) => x.args.users)).toEqual(["U910"]);
    expect(sentWith(a.key)[0]!.args.channel).toBe("D910");
    expect(sentWith(b.key)[0]!.args.channel).toBe("D910");
    expect(sentWith(c.key)[0]!.args.channel).toBe("D911");
  });

  it("on 429 returns a retryable result with Retry-After, and sends once when tried again", async () => {
    const { key, id } = await enqueue({ kind: "channel", id: "C920" });
    stand.failNext("chat.postMessage", { status: 429, retryAfter: 42 });
    const direct = await messenger.send({ key: "probe-429", to: { kind: "channel", id: "C921" }, replies: [textReply("x")] });
    expect(direct).toEqual({ ok: false, retryable: true, retryAfterMs: 42_000, error: "ratelimited", errorClass: "rate-limited" });
    stand.failNext("chat.postMessage", { status: 429, retryAfter: 42 });
    const [first] = await dispatcher.dispatchDue({ now: t0, only: [id] });
    expect(first!.outcome).toBe("retry");
    const row = await rt.store.db.delivery.findUniqueOrThrow({ where: { id } });
    expect(row.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(42_000);
    expect(await dispatcher.dispatchDue({ now: t0, only: [id] })).toEqual([]); // not before Retry-After
    const [second] = await dispatcher.dispatchDue({ now: row.nextAttemptAt, only: [id] });
    expect(second!.outcome).toBe("sent");
    expect(sentWith(key)).toHaveLength(2); // the refused call and the accepted one
    expect(stand.of("conversations.history").some((c) => c.args.channel === "C920")).toBe(true); // checked before resending
  });

  it("records a delivery that went out before a crash as sent, without sending it again", async () => {
    const { key, id } = await enqueue({ kind: "channel", id: "C930" });
    // The send reached Slack, then the process died before recording it: the row is still "sending".
    expect((await messenger.send({ key, to: { kind: "channel", id: "C930" }, replies: [textReply("once")] })).ok).toBe(true);
    await rt.store.db.delivery.update({ where: { id }, data: { status: "sending", attempts: 1, leasedBy: "dead", leaseUntil: new Date(t0.getTime() - 1) } });
    const [r] = await dispatcher.dispatchDue({ now: t0, only: [id] });
    expect(r!.outcome).toBe("already-sent");
    expect(sentWith(key)).toHaveLength(1);
  });

  it("finds a message sent before a crash behind 250 newer messages, reading history back to the first attempt", async () => {
    const { key, id } = await enqueue({ kind: "channel", id: "C931" });
    const firstAttempt = new Date(); // real-clock: Slack's history is stamped with the real time
    expect((await messenger.send({ key, to: { kind: "channel", id: "C931" }, replies: [textReply("once")] })).ok).toBe(true);
    stand.chatter("C931", 250); // a busy channel: people kept talking after the bot's post
    await crashed(id, firstAttempt);
    const [r] = await dispatcher.dispatchDue({ now: t0, only: [id] });
    expect(r!.outcome).toBe("already-sent");
    expect(sentWith(key)).toHaveLength(1);
    const reads = stand.of("conversations.history").filter((c) => c.args.channel === "C931");
    expect(reads.length).toBeGreaterThan(1);
    // oldest: the first attempt, less a margin for the difference between our clock and Slack's
    const oldest = Number(reads[0]!.args.oldest);
    expect(oldest).toBeLessThanOrEqual(firstAttempt.getTime() / 1000);
    expect(oldest).toBeGreaterThan(firstAttempt.getTime() / 1000 - 3600);
  });

  it("does not post again while conversations.history fails after a crash, and records it once history answers", async () => {
    const { key, id } = await enqueue({ kind: "channel", id: "C932" });
    const firstAttempt = new Date(); // real-clock: Slack's history is stamped with the real time
    expect((await messenger.send({ key, to: { kind: "channel", id: "C932" }, replies: [textReply("once")] })).ok).toBe(true);
    await crashed(id, firstAttempt);
    stand.failNext("conversations.history", { status: 500 });
    const [r] = await dispatcher.dispatchDue({ now: t0, only: [id] });
    expect(r).toMatchObject({ outcome: "retry", errorClass: "lookup-failed" });
    expect(sentWith(key)).toHaveLength(1);
    const row = await rt.store.db.delivery.findUniqueOrThrow({ where: { id } });
    const [again] = await dispatcher.dispatchDue({ now: row.nextAttemptAt, only: [id] });
    expect(again!.outcome).toBe("already-sent");
    expect(sentWith(key)).toHaveLength(1);
  });

  it("reads history again over a fresh connection when Slack resets a kept-alive socket", async () => {
    const { key, id } = await enqueue({ kind: "channel", id: "C933" });
    const firstAttempt = new Date(); // real-clock: Slack's history is stamped with the real time
    expect((await messenger.send({ key, to: { kind: "channel", id: "C933" }, replies: [textReply("once")] })).ok).toBe(true);
    await crashed(id, firstAttempt);
    stand.failNext("conversations.history", { reset: true });
    const [r] = await dispatcher.dispatchDue({ now: t0, only: [id] });
    expect(r!.outcome).toBe("already-sent");
    expect(sentWith(key)).toHaveLength(1);
  });

  it("classifies failures: rate limits, outages and network errors are transient, a refusal is not", async () => {
    const to = { kind: "channel" as const, id: "C934" };
    const send = () => messenger.send({ key: `c-${++seq}`, to, replies: [textReply("x")] });
    stand.failNext("chat.postMessage", { status: 429, retryAfter: 3 });
    expect(await send()).toMatchObject({ ok: false, retryable: true, errorClass: "rate-limited" });
    stand.failNext("chat.postMessage", { status: 503 });
    expect(await send()).toMatchObject({ ok: false, retryable: true, errorClass: "unavailable" });
    stand.failNext("chat.postMessage", { error: "internal_error" });
    expect(await send()).toMatchObject({ ok: false, retryable: true, errorClass: "unavailable" });
    stand.failNext("chat.postMessage", { reset: true });
    expect(await send()).toMatchObject({ ok: false, retryable: true, errorClass: "network" });
    stand.failNext("chat.postMessage", { error: "channel_not_found" });
    expect(await send()).toMatchObject({ ok: false, retryable: false, errorClass: "refused" });
  });

  it("gives up on permanent errors and retries 5xx", async () => {
    const gone = await enqueue({ kind: "channel", id: "C940" });
    stand.failNext("chat.postMessage", { error: "channel_not_found" });
    expect((await dispatcher.dispatchDue({ now: t0, only: [gone.id] }))[0]).toMatchObject({ outcome: "failed", error: "channel_not_found" });
    const flaky = await enqueue({ kind: "channel", id: "C941" });
    stand.failNext("chat.postMessage", { status: 503 });
    expect((await dispatcher.dispatchDue({ now: t0, only: [flaky.id] }))[0]).toMatchObject({ outcome: "retry", error: "http 503" });
    for (const error of ["is_archived", "channel_not_found"]) {
      stand.failNext("chat.postMessage", { error });
      expect(await messenger.send({ key: `p-${error}`, to: { kind: "channel", id: "C942" }, replies: [textReply("x")] })).toEqual({ ok: false, retryable: false, error, errorClass: "refused" });
    }
  });

  it("joins a public channel it was not invited to and posts there once; a private one stays refused (issue 14 item 15)", async () => {
    stand.notJoined.set("C960", "public");
    const open = await enqueue({ kind: "channel", id: "C960" });
    expect((await dispatcher.dispatchDue({ now: t0, only: [open.id] }))[0]).toMatchObject({ outcome: "sent" });
    expect(stand.of("conversations.join").map((c) => c.args.channel)).toEqual(["C960"]);
    // the try Slack refused, then the one after joining; the stand-in stores only the second
    expect(sentWith(open.key)).toHaveLength(2);
    expect(stand.notJoined.has("C960")).toBe(false);

    stand.notJoined.set("G961", "private");
    const closed = await enqueue({ kind: "channel", id: "G961" });
    expect((await dispatcher.dispatchDue({ now: t0, only: [closed.id] }))[0]).toMatchObject({ outcome: "failed", error: "not_in_channel" });
    expect(sentWith(closed.key)).toHaveLength(1); // refused, and not tried again
  });

  it("uploads a file block with files.uploadV2's three steps", async () => {
    const dir = tempDir();
    const file = path.join(dir, "timeline.png");
    fs.writeFileSync(file, Buffer.alloc(2048, 7));
    const { key, id } = await enqueue({ kind: "channel", id: "C950" }, [reply("Timeline", [{ type: "text", text: "The plan at a glance" }, { type: "file", file: { name: "timeline.png", mediaType: "image/png", path: file, title: "Timeline" } }], "shared")]);
    expect((await dispatcher.dispatchDue({ now: t0, only: [id] }))[0]!.outcome).toBe("sent");
    expect(sentWith(key)).toHaveLength(1);
    const up = stand.of("files.getUploadURLExternal").at(-1)!;
    expect(up.args).toMatchObject({ filename: "timeline.png", length: "2048" });
    expect(stand.uploads.at(-1)!.bytes).toBeGreaterThanOrEqual(2048);
    expect(stand.of("files.completeUploadExternal").at(-1)!.args).toMatchObject({ channel_id: "C950" });
  });

  it("splits a long reply into messages, and resumes after the parts already posted", async () => {
    const blocks: Block[] = Array.from({ length: 120 }, (_, i) => ({ type: "text", text: `line ${i}` }));
    const { key, id } = await enqueue({ kind: "channel", id: "C960" }, [reply("Long", blocks, "shared")]);
    stand.failNext("chat.postMessage", { pass: true }, { status: 429, retryAfter: 1 });
    const [first] = await dispatcher.dispatchDue({ now: t0, only: [id] });
    expect(first!.outcome).toBe("retry");
    const row = await rt.store.db.delivery.findUniqueOrThrow({ where: { id } });
    const [second] = await dispatcher.dispatchDue({ now: row.nextAttemptAt, only: [id] });
    expect(second!.outcome).toBe("sent");
    // part 0, part 1 refused (429), then part 1 and part 2: part 0 is never posted twice
    expect(sentWith(key).map((c) => (c.args.metadata as { event_payload: { part: number } }).event_payload.part)).toEqual([0, 1, 1, 2]);
    expect(stand.violations).toEqual([]);
  });
});
