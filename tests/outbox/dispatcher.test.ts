import { afterEach, describe, expect, it } from "vitest";
import { Dispatcher, type DispatchResult } from "../../src/outbox/dispatcher.ts";
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
  private readonly answers: SendResult[];
  constructor(answers: SendResult[] = []) {
    this.answers = answers;
  }
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
    await rt.store.db.delivery.update({ where: { key: "crash" }, data: { status: "sending", attempts: 1, leasedBy: "dead", leaseUntil: at("2026-11-23T09:02:00Z"), firstAttemptAt: at("2026-11-23T09:00:00Z") } });
    const m = new RecordingMessenger();
    const asked: Date[] = [];
    const checking: Messenger = { platform: "console", send: (x) => m.send(x), findSent: async (key, _to, since) => (asked.push(since), key === "crash" ? "ts-1" : null) };
    const wall = new WallClock("2026-11-23T09:01:00Z");
    const d = new Dispatcher(rt.store, [checking], log, { clock: wall.read });
    expect(await d.dispatchDue({ now: at("2026-11-23T09:01:00Z") })).toEqual([]); // lease still held
    wall.set("2026-11-23T09:03:00Z");
    expect((await d.dispatchDue({ now: at("2026-11-23T09:03:00Z") }))[0]!.outcome).toBe("already-sent");
    expect(m.sent).toHaveLength(0);
    // the lookup reads the platform back to the first attempt
    expect(asked).toEqual([at("2026-11-23T09:00:00Z")]);
  });

  it("counts a lease from the wall clock at claim, so a tick for a past instant still protects its rows", async () => {
    rt = await testRuntime(kind);
    await enqueue("past", "2026-06-16T07:00:00Z");
    const wall = new WallClock("2026-11-23T09:00:00Z");
    let second: DispatchResult[] = [];
    const other = new Dispatcher(rt.store, [new RecordingMessenger()], log, { clock: wall.read });
    // `reminders tick --now` for a past instant sends; meanwhile the running bot ticks the present.
    const slow: Messenger = { platform: "console", send: async () => ((second = await other.dispatchDue({ now: wall.read() })), { ok: true }) };
    await new Dispatcher(rt.store, [slow], log, { clock: wall.read }).dispatchDue({ now: at("2026-06-16T07:00:00Z") });
    expect(second).toEqual([]);
  });

  it("skips a row whose lease ran out while earlier rows of its batch were sent, so a second copy sends it once", async () => {
    rt = await testRuntime(kind);
    for (const k of ["b1", "b2", "b3"]) await enqueue(k);
    const wall = new WallClock("2026-11-23T09:00:00Z");
    const copyB = new RecordingMessenger();
    const b = new Dispatcher(rt.store, [copyB], log, { clock: wall.read });
    const copyA = new RecordingMessenger();
    // Copy A's posts take 65 s each (well within the 2-minute lease); the batch outlives it, and
    // copy B ticks 130 s after A claimed, during A's second post.
    const slowA: Messenger = {
      platform: "console",
      send: async (m) => {
        wall.advance(65_000);
        if (m.key === "b2") await b.dispatchDue({ now: at("2026-11-23T09:02:10Z") });
        return copyA.send(m);
      },
    };
    const resultsA = await new Dispatcher(rt.store, [slowA], log, { clock: wall.read }).dispatchDue({ now: at("2026-11-23T09:00:00Z") });
    const keys = [...copyA.sent, ...copyB.sent].map((s) => s.key).sort();
    expect(keys).toEqual(["b1", "b2", "b3"]);
    expect(resultsA.map((r) => r.delivery.key)).toEqual(["b1", "b2"]);
    expect(await rt.store.db.delivery.count({ where: { status: "sent" } })).toBe(3);
  });

  it("never sends when the 'was it sent?' lookup fails: the row waits and is looked up again", async () => {
    rt = await testRuntime(kind);
    await enqueue("blind");
    await rt.store.db.delivery.update({ where: { key: "blind" }, data: { status: "sending", attempts: 1, leasedBy: "dead", leaseUntil: at("2026-11-23T09:02:00Z"), firstAttemptAt: at("2026-11-23T09:00:00Z") } });
    const m = new RecordingMessenger();
    let lookups = 0;
    const failing: Messenger = {
      platform: "console",
      send: (x) => m.send(x),
      findSent: async () => {
        if (++lookups === 1) throw new Error("conversations.history: http 500");
        return "ts-9";
      },
    };
    const wall = new WallClock("2026-11-23T09:03:00Z");
    const d = new Dispatcher(rt.store, [failing], log, { clock: wall.read });
    const [first] = await d.dispatchDue({ now: at("2026-11-23T09:03:00Z") });
    expect(first).toMatchObject({ outcome: "retry", errorClass: "lookup-failed" });
    expect(m.sent).toHaveLength(0);
    const row = await rt.store.db.delivery.findUniqueOrThrow({ where: { key: "blind" } });
    expect(row.status).toBe("pending");
    wall.set(row.nextAttemptAt.toISOString());
    expect((await d.dispatchDue({ now: row.nextAttemptAt }))[0]!.outcome).toBe("already-sent");
    expect(m.sent).toHaveLength(0);
  });

  it("keeps retrying through an outage longer than an hour and sends once when the platform is back", async () => {
    rt = await testRuntime(kind);
    await enqueue("outage", "2026-11-23T09:00:00Z");
    const m = new RecordingMessenger();
    let down = true;
    const flaky: Messenger = { platform: "console", send: async (x) => (down ? { ok: false, retryable: true, error: "http 503", errorClass: "unavailable" } : m.send(x)) };
    const wall = new WallClock("2026-11-23T09:00:00Z");
    const d = new Dispatcher(rt.store, [flaky], log, { clock: wall.read });
    const outcomes: string[] = [];
    for (let minute = 0; minute <= 150; minute++) {
      down = minute < 110; // a 110-minute outage
      wall.set(new Date(at("2026-11-23T09:00:00Z").getTime() + minute * 60_000).toISOString());
      for (const r of await d.dispatchDue({ now: wall.read() })) outcomes.push(r.outcome);
    }
    expect(outcomes).not.toContain("failed");
    expect(outcomes.at(-1)).toBe("sent");
    expect(m.sent).toHaveLength(1);
  });

  it("gives up a transient failure only once the delivery is older than the catch-up window", async () => {
    rt = await testRuntime(kind);
    await enqueue("stale", "2026-11-23T09:00:00Z");
    const flaky: Messenger = { platform: "console", send: async () => ({ ok: false, retryable: true, error: "http 503", errorClass: "unavailable" }) };
    const wall = new WallClock("2026-11-23T09:00:00Z");
    const d = new Dispatcher(rt.store, [flaky], log, { clock: wall.read });
    const outcomes: string[] = [];
    for (let hour = 0; hour <= 26; hour++) {
      wall.set(new Date(at("2026-11-23T09:00:00Z").getTime() + hour * 3600_000).toISOString());
      for (const r of await d.dispatchDue({ now: wall.read() })) outcomes.push(`${hour}:${r.outcome}`);
    }
    expect(outcomes.filter((o) => o.endsWith(":expired"))).toEqual([outcomes.at(-1)]);
    expect(Number(outcomes.at(-1)!.split(":")[0])).toBeGreaterThanOrEqual(24);
    expect((await rt.store.db.delivery.findUniqueOrThrow({ where: { key: "stale" } })).status).toBe("expired");
  });
});

/** The wall clock a Dispatcher reads for leases, moved by the test. */
class WallClock {
  private t: Date;
  constructor(iso: string) {
    this.t = new Date(iso);
  }
  readonly read = () => this.t;
  set(iso: string) {
    this.t = new Date(iso);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}
