/** Buttons and forms on Teams cards: Action.Submit messages and adaptiveCard/action invokes. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adaptiveCardProblems } from "../../support/adaptive-card-validator.ts";
import { execute, marie, personalMessage, submit } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";

let t: TeamsTestServer;
beforeEach(async () => {
  t = await teamsTestServer();
});
afterEach(async () => {
  await t.close();
});

type Json = Record<string, unknown>;
/** Every object in a card (depth first), to find actions and inputs. */
function walk(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === "object") {
    out.push(node as Json);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
}

async function askFormCard(): Promise<Json> {
  await t.post(personalMessage(t.connector.url, marie, "ask the secretariat"));
  const card = t.connector.cards.at(-1)!;
  expect(adaptiveCardProblems(card)).toEqual([]);
  return card;
}

async function bindSecretariatChannel(): Promise<void> {
  const wp = await t.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  const ref = { channelId: "msteams", serviceUrl: t.connector.url, conversation: { id: "19:secretariat@thread.tacv2", isGroup: true, conversationType: "channel" }, bot: { id: "28:bot-app-id" } };
  await t.rt.store.db.channelBinding.create({
    data: { workingPartyId: wp.id, platform: "teams", channelId: "19:secretariat@thread.tacv2", name: "Secretariat", purpose: "secretariat", conversationRef: JSON.stringify(ref) },
  });
}

describe("Teams forms (Action.Execute)", () => {
  it("renders a form as inputs with an Action.Execute carrying the command", async () => {
    const card = await askFormCard();
    const input = walk(card).find((n) => n.type === "Input.Text")!;
    expect(input).toMatchObject({ id: "field:question", isRequired: true, isMultiline: true, maxLength: 2000 });
    const action = walk(card).find((n) => n.type === "Action.Execute")!;
    expect(action).toMatchObject({ verb: "secretariat.ask", data: { command: "secretariat.ask" } });
  });

  it("refreshes the same card with the field's error when a submission is rejected, sending no new message", async () => {
    const card = await askFormCard();
    const action = walk(card).find((n) => n.type === "Action.Execute")!;
    t.connector.clear();
    const res = await t.post(execute(t.connector.url, marie, "secretariat.ask", { ...(action.data as Json), "field:question": "hi" }));
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Json };
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(adaptiveCardProblems(body.value)).toEqual([]);
    const text = JSON.stringify(body.value);
    expect(text).toContain("at least 3 characters");
    expect(walk(body.value).find((n) => n.type === "Input.Text")).toMatchObject({ id: "field:question", value: "hi" });
    expect(t.connector.messages).toHaveLength(0);
  });

  it("on a valid submission answers in the card and sends the forward proactively to the secretariat channel", async () => {
    await bindSecretariatChannel();
    const card = await askFormCard();
    const action = walk(card).find((n) => n.type === "Action.Execute")!;
    t.connector.clear();
    const res = await t.post(execute(t.connector.url, marie, "secretariat.ask", { ...(action.data as Json), "field:question": "When is the next CCWP meeting?" }));
    const body = res.body as { value: Json };
    expect(JSON.stringify(body.value)).toContain("I have passed your question to the secretariat");
    expect(adaptiveCardProblems(body.value)).toEqual([]);
    const proactive = t.connector.messages.filter((c) => c.path.startsWith("/v3/conversations/19:secretariat"));
    expect(proactive).toHaveLength(1);
    expect(JSON.stringify(proactive[0]!.body)).toContain("When is the next CCWP meeting?");
    const delivery = await t.rt.store.db.delivery.findFirstOrThrow({ where: { platform: "teams" } });
    expect(delivery.status).toBe("sent");
    expect((proactive[0]!.body!.channelData as Json).secretariatDeliveryKey).toBe(delivery.key);
    for (const c of t.connector.cards) expect(adaptiveCardProblems(c)).toEqual([]);
  });
});

describe("Teams buttons and forms (Action.Submit)", () => {
  it("runs the command a button carries, as if it had been typed", async () => {
    const res = await t.post(submit(t.connector.url, marie, { command: "whoami", args: {} }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(t.connector.cards[0])).toContain("Marie Dupont");
  });

  it("updates the submitted card in place when a form sent with Action.Submit is rejected", async () => {
    const card = await askFormCard();
    const action = walk(card).find((n) => n.type === "Action.Execute")!;
    t.connector.clear();
    await t.post(submit(t.connector.url, marie, { ...(action.data as Json), "field:question": "x" }, "card-activity-7"));
    expect(t.connector.messages).toHaveLength(1);
    const call = t.connector.messages[0]!;
    expect(call.method).toBe("PUT");
    expect(call.path).toMatch(/\/activities\/card-activity-7$/);
    expect(JSON.stringify(call.body)).toContain("at least 3 characters");
    for (const c of t.connector.cards) expect(adaptiveCardProblems(c)).toEqual([]);
  });

  it("ignores card data that is not ours", async () => {
    const res = await t.post(submit(t.connector.url, marie, { something: "else" }));
    expect(res.status).toBe(200);
    expect(t.connector.messages).toHaveLength(0);
  });
});
