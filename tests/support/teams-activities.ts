/**
 * Activities as Bot Framework posts them for Teams (shapes taken from real Teams payloads:
 * personal message, channel message with an <at> mention, conversationUpdate on install,
 * Action.Submit message and adaptiveCard/action invoke).
 */
export const BOT = { id: "28:bot-app-id", name: "secretariat" };
export const TENANT = "72f988bf-0000-0000-0000-000000000001";

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const marie: TeamsUser = { id: "29:1marie", aadObjectId: "aad-marie-0001", name: "Marie Dupont" };
export const jan: TeamsUser = { id: "29:1jan", aadObjectId: "aad-jan-0002", name: "Jan de Vries" };

let seq = 0;
const nextId = () => `1700000000${String(++seq).padStart(3, "0")}`;

function base(serviceUrl: string, from: TeamsUser, conversation: { id: string; [k: string]: unknown }, extra: Record<string, unknown> = {}) {
  return {
    channelId: "msteams",
    serviceUrl,
    id: nextId(),
    timestamp: "2026-11-23T10:00:00.000Z",
    localTimestamp: "2026-11-23T11:00:00.000+01:00",
    localTimezone: "Europe/Brussels",
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT } },
    locale: "en-GB",
    ...extra,
  };
}

export const personalConversation = (u: TeamsUser) => ({ conversationType: "personal", id: `a:personal-${u.aadObjectId}` });
export const channelConversation = { conversationType: "channel", isGroup: true, id: "19:ccwp-general@thread.tacv2" };
const teamChannelData = { tenant: { id: TENANT }, team: { id: "19:team@thread.tacv2", name: "CCWP" }, channel: { id: "19:ccwp-general@thread.tacv2", name: "General" } };

/** A message typed in the personal chat with the bot. */
export function personalMessage(serviceUrl: string, from: TeamsUser, text: string) {
  return { type: "message", text, textFormat: "plain", ...base(serviceUrl, from, personalConversation(from)) };
}

/** A channel post that @mentions the bot, as Teams sends it (the mention inside <at> tags, an entity). */
export function channelMention(serviceUrl: string, from: TeamsUser, text: string, mention = true) {
  const id = nextId();
  return {
    type: "message",
    text: mention ? `<at>secretariat</at> ${text}` : text,
    textFormat: "plain",
    ...base(serviceUrl, from, { ...channelConversation, id: `${channelConversation.id};messageid=${id}` }, { id, channelData: teamChannelData }),
    entities: mention ? [{ type: "mention", text: "<at>secretariat</at>", mentioned: BOT }, { type: "clientInfo", locale: "en-GB" }] : [{ type: "clientInfo", locale: "en-GB" }],
  };
}

/** The bot added to a team (channel) or to a personal chat. */
export function installed(serviceUrl: string, from: TeamsUser, where: "team" | "personal") {
  const conversation = where === "team" ? channelConversation : personalConversation(from);
  return {
    type: "conversationUpdate",
    membersAdded: [{ id: BOT.id }],
    ...base(serviceUrl, from, conversation, where === "team" ? { channelData: { ...teamChannelData, eventType: "teamMemberAdded" } } : {}),
  };
}

/** An Action.Submit press: a message whose value is the action's data merged with the inputs. */
export function submit(serviceUrl: string, from: TeamsUser, value: Record<string, unknown>, replyToId = "stand-in-1") {
  return { type: "message", value, replyToId, ...base(serviceUrl, from, personalConversation(from)) };
}

/** An Action.Execute press: the adaptiveCard/action invoke. */
export function execute(serviceUrl: string, from: TeamsUser, verb: string, data: Record<string, unknown>) {
  return {
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    replyToId: "stand-in-1",
    ...base(serviceUrl, from, personalConversation(from)),
  };
}
