import { afterEach, describe, expect, it } from "vitest";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import type { Messenger, OutgoingMessage, SendResult } from "../../src/core/messenger.ts";
import { Outbox } from "../../src/outbox/outbox.ts";
import { createLogger } from "../../src/log/logger.ts";
import { textReply } from "../../src/core/reply.ts";
import { databaseKinds } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

/** A messenger that records what it was asked to send and answers from a script. */
class RecordingMessenger implements Messenger {
  readonly platform = "console" as const;
  readonly sent: OutgoingMessage[] = [];
  constructor(private readonly answers: SendResult[] = []) {}
  async send(m: OutgoingMessage): Promise<SendResult> {
    this.sent.push(m);
    return this.answers.shift() ?? { ok: true };
  }
}

const log = createLogger("silent");
const at = (iso: string) => new Date(iso);

describe.each(databaseKinds)("Dispatcher on %s", (kind) => {
  let rt: TestRuntime;
  afterEach(() => rt.dispose());

  const enqueue = (key: string, due = "2026-11-23T08:00:00Z") =>
    new Outbox(rt.store).enqueue({ key, kind: "notice", platform: "console", to: { kind: "channel", id: "#ccwp" }, replies: [textReply(key)], dueAt: at(due) });

  it("sends what is due once, and nothing before its time", async () => {
    rt = await testRuntime(kind);
    await enqueue("a");
    await enqueue("later", "2026-11-24T08:00:00Z");
    const m = new RecordingMessenger();
    const d = new Dispatcher(rt.store, [m], log);
    expect((await d.dispatchDue({ now: at("2026-11-23T09:00:00Z") })).map((r) => r.outcome)).toEqual(["sent"]);
    expect(await d.dispatchDue({ now: at("2026-11-23T09:00:00Z") })).toEqual([]);
    expect(m.sent.map((s) => s.key)).toEqual(["a"]);
  });

  it("retries a transient failure after Retry-After, then sends once", async () => {
    rt = await testRuntime(kind);
    await enqueue("r");
    const m = new RecordingMessenger([{ ok: false, retryable: true, retryAfterMs: 60_000, error: "429" }]);
    const d = new Dispatcher(rt.store, [m], log);
    expect((await d.dispatchDue({ now: at("2026-11-23T09:00:00Z") }))[0]!.outcome).toBe("retry");
    expect(await d.dispatchDue({ now: at("2026-11-23T09:00:30Z") })).toEqual([]);
    expect((await d.dispatchDue({ now: at("2026-11-23T09:01:01Z") }))[0]!.outcome).toBe("sent");
    expect(m.sent).toHaveLength(2);
    expect((await rt.store.db.delivery.findUniqueOrThrow({ where: { key: "r" } })).status).toBe("sent");
  });

  it("records a permanent failure and does not retry it", async () => {
    rt = await testRuntime(kind);
    await enqueue("p");
    const m = new RecordingMessenger([{ ok: false, retryable: false, error: "channel_not_found" }]);
    const d = new Dispatcher(rt.store, [m], log);
    await d.dispatchDue({ now: at("2026-11-23T09:00:00Z") });
    await d.dispatchDue({ now: at("2026-11-24T09:00:00Z") });
    expect(m.sent).toHaveLength(1);
    expect(await rt.store.db.delivery.findUniqueOrThrow({ where: { key: "p" } })).toMatchObject({ status: "failed", error: "channel_not_found" });
  });

  it("gives each due delivery to exactly one of two senders running at once", async () => {
    rt = await testRuntime(kind);
    for (let i = 0; i < 40; i++) await enqueue(`k${i}`);
    const a = new RecordingMessenger();
    const b = new RecordingMessenger();
    const now = at("2026-11-23T09:00:00Z");
    await Promise.all([new Dispatcher(rt.store, [a], log).dispatchDue({ now }), new Dispatcher(rt.store, [b], log).dispatchDue({ now })]);
    const keys = [...a.sent, ...b.sent].map((s) => s.key).sort();
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
  });

  it("asks the platform before re-sending a delivery whose sender died mid-send", async () => {
    rt = await testRuntime(kind);
    await enqueue("crash");
    // first sender claims it and dies before recording the result
    await rt.store.db.delivery.update({ where: { key: "crash" }, data: { status: "sending", attempts: 1, leasedBy: "dead", leaseUntil: at("2026-11-23T09:02:00Z") } });
    const m = new RecordingMessenger();
    const checking: Messenger = { platform: "console", send: (x) => m.send(x), findSent: async (key) => (key === "crash" ? "ts-1" : null) };
    const d = new Dispatcher(rt.store, [checking], log);
    expect(await d.dispatchDue({ now: at("2026-11-23T09:01:00Z") })).toEqual([]); // lease still held
    expect((await d.dispatchDue({ now: at("2026-11-23T09:03:00Z") }))[0]!.outcome).toBe("already-sent");
    expect(m.sent).toHaveLength(0);
  });
});
