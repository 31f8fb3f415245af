/**
 * What /api/messages refuses before anything runs: a malformed activity gets 400 (an activity
 * without a conversation used to be answered 200, reach the core and crash inside the SDK), a
 * body over the cap 413, and nothing is stored or sent for any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { marie, personalMessage } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";

let t: TeamsTestServer;
beforeAll(async () => {
  t = await teamsTestServer();
});
afterAll(async () => {
  await t.close();
});

const good = () => personalMessage(t.connector.url, marie, "whoami") as Record<string, unknown>;
const without = (field: string) => () => {
  const a = good();
  delete a[field];
  return a;
};
const withField = (field: string, value: unknown) => () => ({ ...good(), [field]: value });

describe("the Teams endpoint", () => {
  it.each([
    ["no conversation", without("conversation")],
    ["a conversation without an id", withField("conversation", { conversationType: "personal" })],
    ["an empty conversation id", withField("conversation", { id: "" })],
    ["no type", without("type")],
    ["no serviceUrl", without("serviceUrl")],
    ["no sender", without("from")],
    ["no recipient", without("recipient")],
    ["a sender without an id", withField("from", { name: "Marie" })],
    ["a conversation that is a string", withField("conversation", "a:personal")],
    ["entities that are not a list (the SDK's own schema)", withField("entities", "mention")],
    ["a text of 200,000 characters", withField("text", "x".repeat(200_000))],
  ])("refuses an activity with %s: 400, nothing stored, nothing sent", async (_name, build) => {
    const res = await t.post(build());
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await t.rt.store.db.member.count()).toBe(0);
    expect(await t.rt.store.db.delivery.count()).toBe(0);
    expect(t.connector.calls).toEqual([]);
  });

  it("refuses a body that is not JSON with 400", async () => {
    const res = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
  });

  it("refuses a body over 1 MB with 413 before reading it", async () => {
    const res = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...good(), text: "x".repeat(1_100_000) }) });
    expect(res.status).toBe(413);
    expect(await t.rt.store.db.member.count()).toBe(0);
  });

  it("still answers a well-formed activity (the checks are not a closed door)", async () => {
    const res = await t.post(good());
    expect(res.status).toBe(200);
    expect(t.connector.messages).toHaveLength(1);
  });
});
