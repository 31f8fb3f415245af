/**
 * Where the Teams messenger finds and keeps conversation references. The messenger only asks
 * through this port; the rows themselves are the store's (members' direct references, channel
 * bindings' conversation references).
 */
import type { ConversationReference } from "@microsoft/agents-activity";
import type { Store } from "../../src/store/index.ts";

/** What the messenger needs to know about stored references (parsed JSON, as the store keeps them). */
export interface TeamsDirectory {
  /** the member's stored 1:1 reference, if any */
  directReference(userId: string): Promise<unknown>;
  /** stored references, most recent first: where a new chat can be opened from (tenant, connector, bot) */
  knownReferences(limit: number): Promise<unknown[]>;
  /** remembers the 1:1 chat the bot opened with a member */
  rememberDirectReference(userId: string, ref: ConversationReference): Promise<void>;
}

/**
 * A stored reference (JSON text or parsed), or null when it is not one. References written by
 * the botbuilder versions of this adapter name the bot `bot`; the Agents SDK calls it `agent`:
 * both are read.
 */
export function parseReference(stored: unknown): ConversationReference | null {
  let ref: unknown = stored;
  if (typeof stored === "string") {
    try {
      ref = JSON.parse(stored);
    } catch {
      return null;
    }
  }
  const r = ref as (ConversationReference & { bot?: ConversationReference["agent"] }) | null;
  if (!r || typeof r !== "object" || !r.conversation?.id || !r.serviceUrl) return null;
  const { bot, ...rest } = r;
  return { ...rest, agent: r.agent ?? bot };
}

/** The directory over the store's repositories (members' direct references, channel bindings' references). */
export function storeDirectory(store: Store): TeamsDirectory {
  const { members, channels } = store.repos;
  return {
    directReference: (userId) => members.directRefOf("teams", userId),
    knownReferences: async (limit) => [...(await members.directRefs("teams", limit)), ...(await channels.conversationRefs("teams", limit))],
    rememberDirectReference: (userId, ref) => members.setDirectRef("teams", userId, ref),
  };
}
