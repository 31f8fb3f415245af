/**
 * Replies that meet a failing connector. A command that ran must have its answer delivered (or
 * kept to be delivered), never be followed by "nothing was changed" (issue 16, item 1: with a
 * connector that dropped the first request, `done 21` marked the action done while the bot said
 * nothing had changed).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { marie, personalMessage } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";

let t: TeamsTestServer;
beforeEach(async () => {
  t = await teamsTestServer();
});
afterEach(async () => {
  await t.close();
});

/** Marie as the secretariat, and an open action she may mark done. */
async function secretariatWithOpenAction(): Promise<string> {
  await t.post(personalMessage(t.connector.url, marie, "whoami"));
  await t.rt.store.db.member.updateMany({ where: { platform: "teams", platformUserId: marie.aadObjectId }, data: { role: "secretariat" } });
  const action = await t.rt.store.db.action.findFirstOrThrow({ where: { status: { not: "done" } }, orderBy: { id: "asc" } });
  t.connector.clear();
  return action.code;
}

const sentTexts = () => t.connector.messages.map((c) => JSON.stringify(c.body));
const keyOf = (i: number) => (t.connector.messages[i]!.body!.channelData as Record<string, string>).secretariatDeliveryKey;

describe("Teams replies", () => {
  it("arrive when the connector drops the first request, once, and the command's change holds", async () => {
    const code = await secretariatWithOpenAction();
    t.connector.dropNext();
    const res = await t.post(personalMessage(t.connector.url, marie, `done ${code}`));
    expect(res.status).toBe(200);
    expect(t.connector.dropped).toBe(1);
    expect(t.connector.messages).toHaveLength(1);
    expect(sentTexts()[0]).toContain(`Action ${code}`);
    expect(sentTexts()[0]).toContain("is marked done");
    expect(sentTexts().join("")).not.toContain("nothing was changed");
    expect(await t.rt.store.db.action.count({ where: { code, status: "done" } })).toBeGreaterThan(0);
  });

  it("refused by the connector (500) are queued in the outbox and delivered from it under the same key", async () => {
    const code = await secretariatWithOpenAction();
    t.connector.failNext(500);
    const activity = personalMessage(t.connector.url, marie, `done ${code}`);
    await t.post(activity);
    expect(t.connector.messages).toHaveLength(2);
    expect(keyOf(0)).toBe(`teams-reply:${activity.conversation.id}:${activity.id}:1`);
    expect(keyOf(1)).toBe(keyOf(0));
    expect(sentTexts()[1]).toContain("is marked done");
    expect(sentTexts().join("")).not.toContain("nothing was changed");
    const delivery = await t.rt.store.db.delivery.findUniqueOrThrow({ where: { key: keyOf(0) } });
    expect(delivery).toMatchObject({ kind: "reply", platform: "teams", status: "sent" });
  });

  it("are kept pending in the outbox while the connector is down, and the user is told nothing false", async () => {
    const code = await secretariatWithOpenAction();
    t.connector.failNext(503);
    t.connector.failNext(503);
    const activity = personalMessage(t.connector.url, marie, `done ${code}`);
    expect((await t.post(activity)).status).toBe(200);
    const delivery = await t.rt.store.db.delivery.findUniqueOrThrow({ where: { key: `teams-reply:${activity.conversation.id}:${activity.id}:1` } });
    expect(delivery.status).toBe("pending");
    expect(delivery.payload).toContain("is marked done");
    expect(sentTexts().join("")).not.toContain("nothing was changed");
  });

  it("answered twice (Bot Framework redelivers an activity) are recorded once", async () => {
    const code = await secretariatWithOpenAction();
    const activity = personalMessage(t.connector.url, marie, `done ${code}`);
    t.connector.failNext(500);
    t.connector.failNext(500);
    await t.post(activity);
    t.connector.failNext(500);
    await t.post(activity);
    expect(await t.rt.store.db.delivery.count({ where: { kind: "reply" } })).toBe(1);
  });
});
