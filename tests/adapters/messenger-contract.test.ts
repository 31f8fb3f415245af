/**
 * The messenger contract (issue 15): every platform's messenger, against its stand-in, keeps the
 * promises the Dispatcher relies on. Sent once, with its key; a 429 is retryable with the
 * platform's Retry-After, after one call; a refusal for good is not retryable; where the platform
 * can be asked "was it sent?", the answer is right, and a lookup that cannot answer throws.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleMessenger } from "../../adapters/console/messenger.ts";
import { createWebClient, SlackMessenger } from "../../adapters/slack/messenger.ts";
import { SlackStash } from "../../adapters/slack/stash.ts";
import type { SentMessage } from "../../src/cli/adapter-kit.ts";
import type { Messenger, Recipient } from "../../src/core/messenger.ts";
import { textReply } from "../../src/core/reply.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";
import { installed, marie } from "../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../support/teams-server.ts";

/** One platform under the contract: its messenger, a recipient, and the stand-in's switches. */
interface Harness {
  messenger: Messenger;
  to: Recipient;
  /** the posts the stand-in received carrying `key` (answered or refused) */
  postsWith(key: string): number;
  /** calls of the posting endpoint so far */
  calls(): number;
  /** the next post is answered 429 with Retry-After in seconds (undefined: the platform cannot) */
  rateLimitNext?(seconds: number): void;
  /** the next post is refused for good */
  refuseNext?(): void;
  /** the next "was it sent?" lookup fails */
  failLookupNext?(): void;
  close(): Promise<void>;
}

async function slackHarness(): Promise<Harness> {
  const stand = await new SlackApiStandIn().start();
  const rt: TestRuntime = await testRuntime();
  const posts = () => stand.of("chat.postMessage");
  return {
    messenger: new SlackMessenger(createWebClient("xoxb-contract", stand.apiUrl), new SlackStash(rt.store), rt.logger),
    to: { kind: "channel", id: "C777" },
    postsWith: (key) => posts().filter((c) => JSON.stringify(c.args.metadata ?? {}).includes(`"key":"${key}"`)).length,
    calls: () => posts().length,
    rateLimitNext: (seconds) => stand.failNext("chat.postMessage", { status: 429, retryAfter: seconds }),
    refuseNext: () => stand.failNext("chat.postMessage", { error: "channel_not_found" }),
    failLookupNext: () => stand.failNext("conversations.history", { status: 500 }),
    close: async () => {
      await stand.stop();
      await rt.dispose();
    },
  };
}

async function teamsHarness(): Promise<Harness> {
  const t: TeamsTestServer = await teamsTestServer();
  await t.post(installed(t.connector.url, marie, "team"));
  const binding = await t.rt.store.db.channelBinding.findFirstOrThrow({ where: { platform: "teams" } });
  t.connector.clear();
  const posts = () => t.connector.messages;
  return {
    messenger: t.messenger,
    to: { kind: "channel", id: binding.channelId, ref: binding.conversationRef },
    postsWith: (key) => posts().filter((c) => (c.body?.channelData as { secretariatDeliveryKey?: string } | undefined)?.secretariatDeliveryKey === key).length,
    calls: () => t.connector.calls.length,
    rateLimitNext: (seconds) => t.connector.failNext(429, { "retry-after": String(seconds) }),
    refuseNext: () => t.connector.failNext(403),
    close: () => t.close(),
  };
}

async function consoleHarness(): Promise<Harness> {
  const printed: SentMessage[] = [];
  return {
    messenger: new ConsoleMessenger((m) => printed.push(m)),
    to: { kind: "channel", id: "#ccwp" },
    postsWith: (key) => printed.filter((m) => m.key === key).length,
    calls: () => printed.length,
    close: async () => undefined,
  };
}

/** What each platform can do (Teams has no "was it sent?" lookup; the console never fails). */
interface Can {
  rateLimit: boolean;
  refuse: boolean;
  findSent: boolean;
}
const harnesses: [string, () => Promise<Harness>, Can][] = [
  ["slack", slackHarness, { rateLimit: true, refuse: true, findSent: true }],
  ["teams", teamsHarness, { rateLimit: true, refuse: true, findSent: false }],
  ["console", consoleHarness, { rateLimit: false, refuse: false, findSent: false }],
];

describe.each(harnesses)("the %s messenger keeps the messenger contract", (_platform, make, can) => {
  let h: Harness;
  let seq = 0;
  const key = () => `contract:${++seq}`;
  const message = (k: string) => ({ key: k, to: h.to, replies: [textReply("Reminder: 11.4 is due on 30 June.", "shared")] });
  beforeAll(async () => {
    h = await make();
  });
  afterAll(async () => {
    await h.close();
  });

  it("sends a message once, carrying its delivery key", async () => {
    const k = key();
    const r = await h.messenger.send(message(k));
    expect(r.ok).toBe(true);
    expect(h.postsWith(k)).toBe(1);
  });

  it("has a lookup exactly when the platform can be asked", () => {
    expect(typeof h.messenger.findSent === "function").toBe(can.findSent);
  });

  if (can.rateLimit)
    it("answers a 429 as retryable with the platform's Retry-After, after one call (the refused one)", async () => {
      const k = key();
      h.rateLimitNext!(7);
      const before = h.calls();
      const r = await h.messenger.send(message(k));
      expect(r).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
      expect(h.calls() - before).toBe(1);
    });

  if (can.refuse)
    it("answers a refusal for good as not retryable", async () => {
      h.refuseNext!();
      const r = await h.messenger.send(message(key()));
      expect(r).toMatchObject({ ok: false, retryable: false });
    });

  if (can.findSent)
    it("says what was sent under a key, null for a key never sent, and throws when it cannot tell", async () => {
      const findSent = h.messenger.findSent!.bind(h.messenger);
      const since = new Date(Date.now() - 60_000); // real-clock: the platform's own history, stamped with the real time
      const k = key();
      const sent = await h.messenger.send(message(k));
      expect(sent.ok).toBe(true);
      expect(await findSent(k, h.to, since)).toBe(sent.ok ? sent.platformRef : undefined);
      expect(await findSent(key(), h.to, since)).toBeNull();
      h.failLookupNext!();
      await expect(findSent(k, h.to, since)).rejects.toThrow();
    });
});
