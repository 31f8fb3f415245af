/**
 * Where the Teams messenger finds and keeps conversation references. The messenger only asks
 * through this port; the rows themselves are the store's (members' direct references, channel
 * bindings' conversation references).
 */
import type { ConversationReference } from "@microsoft/agents-activity";
import type { Store } from "../../src/store/index.ts";

/** What the messenger needs to know about stored references. */
export interface TeamsDirectory {
  /** the member's stored 1:1 reference, if any */
  directReference(userId: string): Promise<string | null>;
  /** stored references, most recent first: where a new chat can be opened from (tenant, connector, bot) */
  knownReferences(limit: number): Promise<string[]>;
  /** remembers the 1:1 chat the bot opened with a member */
  rememberDirectReference(userId: string, ref: string): Promise<void>;
}

/**
 * A stored reference, or null when it is not one. References written by the botbuilder versions
 * of this adapter name the bot `bot`; the Agents SDK calls it `agent`: both are read.
 */
export function parseReference(json: string | null | undefined): ConversationReference | null {
  if (!json) return null;
  try {
    const ref = JSON.parse(json) as ConversationReference & { bot?: ConversationReference["agent"] };
    if (!ref || typeof ref !== "object" || !ref.conversation?.id || !ref.serviceUrl) return null;
    if (!ref.agent && ref.bot) ref.agent = ref.bot;
    delete ref.bot;
    return ref;
  } catch {
    return null;
  }
}

/** The directory over the store. */
export function storeDirectory(store: Store): TeamsDirectory {
  const db = store.db;
  return {
    async directReference(userId) {
      const m = await db.member.findFirst({ where: { platform: "teams", platformUserId: userId, directRef: { not: null } }, orderBy: { updatedAt: "desc" }, select: { directRef: true } });
      return m?.directRef ?? null;
    },
    async knownReferences(limit) {
      const members = await db.member.findMany({ where: { platform: "teams", directRef: { not: null } }, orderBy: { updatedAt: "desc" }, take: limit, select: { directRef: true } });
      const bindings = await db.channelBinding.findMany({ where: { platform: "teams", conversationRef: { not: null } }, orderBy: { id: "desc" }, take: limit, select: { conversationRef: true } });
      return [...members.map((m) => m.directRef!), ...bindings.map((b) => b.conversationRef!)];
    },
    async rememberDirectReference(userId, ref) {
      await db.member.updateMany({ where: { platform: "teams", platformUserId: userId }, data: { directRef: ref } });
    },
  };
}
