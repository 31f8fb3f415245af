/**
 * Mentions of people in a Teams message → the core's neutral member reference `@{user id}`
 * (src/core/mention.ts), so `role <at>Marie Dupont</at> chair` is the same command as Slack's
 * `role <@U0123> chair`. Members are known by their AAD object id (inbound.ts `userOf`); a mention
 * entity names the person by their Teams id ("29:…") and only sometimes by AAD id, so the
 * connector is asked for the rest (its members API, as `TeamsInfo.getMember` does), bounded in
 * time; when it cannot tell, the Teams id is used as it is.
 */
import type { Activity } from "@microsoft/agents-activity";
import type { ConnectorClient, TurnContext } from "@microsoft/agents-hosting";

/** A person mentioned in a message (never the bot itself). */
export interface MentionedUser {
  id: string;
  aadObjectId?: string;
  /** the mention as it appears in the text ("<at>Marie Dupont</at>") */
  text: string;
}

/** The people a message mentions, in order, without the bot. */
export function mentionedUsers(activity: Activity): MentionedUser[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).flatMap((e) => {
    if (e.type !== "mention") return [];
    const m = e as { mentioned?: { id?: unknown; aadObjectId?: unknown }; text?: unknown };
    const id = m.mentioned?.id;
    if (typeof id !== "string" || !id || id === botId || typeof m.text !== "string" || !m.text) return [];
    return [{ id, text: m.text, ...(typeof m.mentioned?.aadObjectId === "string" ? { aadObjectId: m.mentioned.aadObjectId } : {}) }];
  });
}

/** Longest wait for the connector's answer about one mentioned person. */
const LOOKUP_TIMEOUT_MS = 3000;

/** Teams id → the id the core knows the person by (their AAD object id when it can be found). */
export async function mentionIds(context: TurnContext, users: MentionedUser[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClient | undefined;
  const conversationId = context.activity.conversation?.id;
  for (const u of users.slice(0, 10)) {
    if (ids.has(u.id)) continue;
    let aad = u.aadObjectId;
    if (!aad && client && conversationId) {
      const member = await Promise.race([
        client.getConversationMember(u.id, conversationId).catch(() => null),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS).unref()),
      ]);
      const found = (member as { aadObjectId?: unknown } | null)?.aadObjectId;
      if (typeof found === "string" && found) aad = found;
    }
    ids.set(u.id, aad ?? u.id);
  }
  return ids;
}
