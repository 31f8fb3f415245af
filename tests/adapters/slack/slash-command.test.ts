import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply } from "../../../src/core/reply.ts";
import { SlackStash } from "../../../adapters/slack/stash.ts";
import { blockAction, startSlackTestApp, type SlackTestApp } from "../../support/slack-app.ts";

let app: SlackTestApp;
beforeAll(async () => {
  app = await startSlackTestApp();
});
afterAll(() => app.close());

const responsesTo = (id: string) => app.stand.responses.filter((r) => r.id === id);
const answers = (id: string, n = 1) => app.stand.until(() => responsesTo(id).length >= n && responsesTo(id));

describe("slack /wp", () => {
  it("acks at once and answers through the response_url, ephemeral", async () => {
    const r = await app.command("whoami", "U100");
    expect(r.status).toBe(200);
    expect(r.text).toBe(""); // the ack: an empty 200, the answer follows separately
    const [answer] = await answers(r.responseUrlId);
    expect(answer!.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer!.body.blocks)).toContain("delegate");
    expect(JSON.stringify(answer!.body)).not.toContain("Post to channel");
    expect(app.stand.of("users.info").map((c) => c.args.user)).toContain("U100");
  });

  it("asks users.info once per user and names the member, with their time zone, from it", async () => {
    app.stand.users.U200 = { name: "Marie Curie", tz: "Europe/Paris" };
    await answers((await app.command("whoami", "U200")).responseUrlId);
    const [answer] = await answers((await app.command("whoami", "U200")).responseUrlId);
    expect(JSON.stringify(answer!.body.blocks)).toContain("Marie Curie");
    expect(app.stand.of("users.info").filter((c) => c.args.user === "U200")).toHaveLength(1);
    const m = await app.rt.store.db.member.findFirstOrThrow({ where: { platform: "slack", platformUserId: "U200" } });
    expect(m).toMatchObject({ displayName: "Marie Curie", timeZone: "Europe/Paris" });
  });

  it("lets the secretariat set roles and delegations with <@U…> mentions, and refuses a delegate", async () => {
    const wp = await app.rt.store.db.workingParty.findFirstOrThrow();
    await app.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U300", displayName: "Sec", role: "secretariat" } });
    await answers((await app.command("whoami", "U301")).responseUrlId); // U301 writes once first
    const set = await app.command("role <@U301|pat> chair", "U300");
    expect(JSON.stringify((await answers(set.responseUrlId))[0]!.body)).toMatch(/now a chair/);
    const del = await app.command("delegation <@U301> fr", "U300");
    expect(JSON.stringify((await answers(del.responseUrlId))[0]!.body)).toMatch(/now speaks for FR/);
    expect(await app.rt.store.db.member.findFirstOrThrow({ where: { platformUserId: "U301" } })).toMatchObject({ role: "chair", delegation: "FR" });
    const refused = await app.command("role <@U300> delegate", "U301");
    expect(JSON.stringify((await answers(refused.responseUrlId))[0]!.body)).toMatch(/Only the secretariat/);
    expect(await app.rt.store.db.member.findFirstOrThrow({ where: { platformUserId: "U300" } })).toMatchObject({ role: "secretariat" });
  });

  it("never lets typed <!channel>, <!here> or <@U…> ping: they come back escaped", async () => {
    // Slack sends typed angle brackets as entities; the core sees them as typed.
    // `help TOPIC` echoes the topic it found nothing for.
    const r = await app.command("help &lt;!channel&gt; &lt;!here&gt; &lt;@U999&gt; & co", "U100");
    const [answer] = await answers(r.responseUrlId);
    const text = JSON.stringify(answer!.body);
    expect(text).not.toMatch(/<!channel>|<!here>|<@U999>/);
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).toContain("&amp; co");
  });

  it("keeps a real @channel in a question from being echoed: the adapter reads it as the word, the question drops it", async () => {
    const r = await app.command("<!channel> <@U999|someone> what does 3.a(ii) say?", "U100");
    const [answer] = await answers(r.responseUrlId);
    const text = JSON.stringify(answer!.body);
    expect(text).toMatch(/IV 3\.a\.\(ii\)/);
    expect(text).not.toMatch(/<!channel>|<@U999|@channel|@\{U999\}/);
  });

  it("posts a shared answer to the channel from its 'Post to channel' button, then removes the private copy", async () => {
    const token = await new SlackStash(app.rt.store).put("share", { reply: reply("Deadlines", [{ type: "text", text: "11.4 due 30 June" }], "shared") });
    const press = await app.interaction(blockAction(app.stand, { action_id: "share", value: token }, { responseUrlId: "share1" }));
    expect(press.status).toBe(200);
    const posts = await answers("share1", 2);
    expect(posts[0]!.body).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(JSON.stringify(posts[0]!.body.blocks)).toContain("11.4 due 30 June");
    expect(posts[1]!.body).toEqual({ delete_original: true });
  });

  it("says an expired shared answer has expired", async () => {
    await app.interaction(blockAction(app.stand, { action_id: "share", value: "nope" }, { responseUrlId: "share2" }));
    expect(JSON.stringify((await answers("share2"))[0]!.body)).toMatch(/expired/);
  });

  it("produced only payloads within Slack's limits", () => {
    expect(app.stand.violations).toEqual([]);
  });
});
