/** The Teams entry points over real HTTP: personal chat, channel mention, install, card presses. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adaptiveCardProblems } from "../../support/adaptive-card-validator.ts";
import { channelMention, installed, jan, marie, personalMessage } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";
import { databaseKinds } from "../../support/databases.ts";

describe.each(databaseKinds)("Teams entry points on %s", (kind) => {
  let t: TeamsTestServer;
  beforeEach(async () => {
    t = await teamsTestServer({ kind });
  });
  afterEach(async () => {
    await t.close();
  });

  const cardTexts = (card: Record<string, unknown>): string => JSON.stringify(card.body);

  describe("Teams personal chat", () => {
    it("answers a personal message with an Adaptive Card posted to the connector as a reply", async () => {
      const activity = personalMessage(t.connector.url, marie, "whoami");
      const res = await t.post(activity);
      expect(res.status).toBe(200);
      expect(t.connector.messages).toHaveLength(1);
      const call = t.connector.messages[0]!;
      expect(call.path).toBe(`/v3/conversations/${activity.conversation.id}/activities/${activity.id}`);
      const card = t.connector.cards[0]!;
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(cardTexts(card)).toContain("Marie Dupont");
      expect(call.body?.summary).toBe("You are Marie Dupont");
    });

    it("maps the Teams user to a member by AAD object id, with name, time zone and a direct reference", async () => {
      await t.post(personalMessage(t.connector.url, marie, "whoami"));
      const member = await t.rt.store.db.member.findFirstOrThrow({ where: { platform: "teams", platformUserId: marie.aadObjectId } });
      expect(member.displayName).toBe("Marie Dupont");
      expect(member.timeZone).toBe("Europe/Brussels");
      const ref = JSON.parse(member.directRef!);
      expect(ref.conversation.id).toBe(`a:personal-${marie.aadObjectId}`);
      expect(ref.serviceUrl).toBe(t.connector.url);
    });
  });

  describe("Teams members", () => {
    it("takes role and delegation from the store, not from Teams", async () => {
      await t.post(personalMessage(t.connector.url, marie, "whoami"));
      await t.rt.store.db.member.updateMany({ where: { platform: "teams", platformUserId: marie.aadObjectId }, data: { role: "chair", delegation: "FR" } });
      t.connector.clear();
      await t.post(personalMessage(t.connector.url, marie, "whoami"));
      const facts = JSON.stringify(t.connector.cards[0]);
      expect(facts).toContain('{"title":"Role","value":"chair"}');
      expect(facts).toContain('{"title":"Delegation","value":"FR"}');
    });
  });

  describe("Teams channel messages", () => {
    it("answers a message that @mentions the bot, with the mention removed before the core sees it", async () => {
      const res = await t.post(channelMention(t.connector.url, jan, "whoami"));
      expect(res.status).toBe(200);
      expect(t.connector.cards).toHaveLength(1);
      expect(cardTexts(t.connector.cards[0]!)).toContain("Jan de Vries");
    });

    it("ignores a channel message that does not mention the bot", async () => {
      const res = await t.post(channelMention(t.connector.url, jan, "whoami", false));
      expect(res.status).toBe(200);
      expect(t.connector.messages).toHaveLength(0);
    });

    it("cannot be made to mention anyone: echoed <at> tags are neutralised and no mention entity is sent", async () => {
      // .invalid is the name reserved for names that resolve nowhere (RFC 2606): no passage has it, so
      // the question is declined and echoed whatever the ranking's weights ("example" matches "examples").
      await t.post(personalMessage(t.connector.url, marie, "<at>General</at> what is [this](https://evil.invalid)?"));
      const call = t.connector.messages[0]!;
      // What Teams shows: every text of the activity and its card; a button's hidden `data` is not shown.
      const sent = JSON.stringify(call.body, (k, v) => (k === "data" ? undefined : v));
      expect(sent).toContain("evil.invalid"); // the text is echoed …
      expect(sent).not.toContain("<at>");
      expect(sent).not.toContain("](https://evil"); // … but never as a link
      expect(call.body?.entities ?? []).not.toContainEqual(expect.objectContaining({ type: "mention" }));
    });
  });

  describe("Teams installation", () => {
    it("stores the channel's conversation reference as a general binding and posts a welcome card", async () => {
      const res = await t.post(installed(t.connector.url, marie, "team"));
      expect(res.status).toBe(200);
      const binding = await t.rt.store.db.channelBinding.findFirstOrThrow({ where: { platform: "teams" } });
      expect(binding).toMatchObject({ channelId: "19:ccwp-general@thread.tacv2", purpose: "general", name: "CCWP / General" });
      expect(JSON.parse(binding.conversationRef!).conversation.id).toBe("19:ccwp-general@thread.tacv2");
      expect(t.connector.messages).toHaveLength(1);
      for (const card of t.connector.cards) expect(adaptiveCardProblems(card)).toEqual([]);
      expect(cardTexts(t.connector.cards[0]!)).toContain("Hello!");
      expect(t.connector.cards.map(cardTexts).join("")).toContain("whoami");
    });

    it("records the binding it makes when added to a team in the audit log, once", async () => {
      await t.post(installed(t.connector.url, marie, "team"));
      await t.post(channelMention(t.connector.url, jan, "whoami"));
      const entries = await t.rt.store.db.auditEntry.findMany({ where: { action: "channel.bind" } });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: `teams:${marie.aadObjectId}`, subject: "teams:19:ccwp-general@thread.tacv2" });
      expect(JSON.parse(entries[0]!.detail)).toMatchObject({ purpose: "general" });
    });

    it("gives a member a role when the secretariat mentions them in a channel (the same command as on Slack)", async () => {
      await t.post(personalMessage(t.connector.url, marie, "whoami"));
      await t.post(personalMessage(t.connector.url, jan, "whoami"));
      await t.rt.store.db.member.updateMany({ where: { platform: "teams", platformUserId: jan.aadObjectId }, data: { role: "secretariat" } });
      // Teams names the mentioned person by their Teams id; the connector's members API gives the AAD id.
      t.connector.roster.set(marie.id, { id: marie.id, name: marie.name, aadObjectId: marie.aadObjectId });
      const activity = channelMention(t.connector.url, jan, "role <at>Marie Dupont</at> chair");
      activity.entities.push({ type: "mention", text: "<at>Marie Dupont</at>", mentioned: { id: marie.id, name: marie.name } } as never);
      t.connector.clear();
      await t.post(activity);
      expect(JSON.stringify(t.connector.cards)).toContain("Marie Dupont is now a chair of CCWP");
      const m = await t.rt.store.db.member.findFirstOrThrow({ where: { platform: "teams", platformUserId: marie.aadObjectId } });
      expect(m.role).toBe("chair");
    });

    it("names a channel bound with `bind this channel` by its team and channel, not its id", async () => {
      await t.post(personalMessage(t.connector.url, jan, "whoami"));
      await t.rt.store.db.member.updateMany({ where: { platform: "teams", platformUserId: jan.aadObjectId }, data: { role: "secretariat" } });
      await t.post(channelMention(t.connector.url, jan, "bind this channel"));
      const binding = await t.rt.store.db.channelBinding.findFirstOrThrow({ where: { platform: "teams", purpose: "reminders" } });
      expect(binding.name).toBe("CCWP / General");
    });

    it("fills in the reference of a channel the secretariat bound before the bot was added, without adding a binding", async () => {
      const wp = await t.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
      await t.rt.store.db.channelBinding.create({ data: { workingPartyId: wp.id, platform: "teams", channelId: "19:ccwp-general@thread.tacv2", name: "CCWP reminders", purpose: "reminders" } });
      await t.post(channelMention(t.connector.url, jan, "whoami"));
      const bindings = await t.rt.store.db.channelBinding.findMany({ where: { platform: "teams" } });
      expect(bindings).toHaveLength(1);
      expect(JSON.parse(bindings[0]!.conversationRef!).conversation.id).toBe("19:ccwp-general@thread.tacv2");
    });

    it("stores the member's direct reference on a personal install", async () => {
      await t.post(installed(t.connector.url, marie, "personal"));
      const member = await t.rt.store.db.member.findFirstOrThrow({ where: { platform: "teams", platformUserId: marie.aadObjectId } });
      expect(JSON.parse(member.directRef!).conversation.id).toBe(`a:personal-${marie.aadObjectId}`);
      expect(t.connector.messages).toHaveLength(1);
    });
  });
});
