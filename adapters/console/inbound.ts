/** A typed line → IncomingMessage. The console user is the local operator. */
import type { IncomingMessage, Role } from "../../src/core/message.ts";

export interface ConsoleUser {
  id: string;
  role?: Role;
  delegation?: string;
}

export function consoleInbound(line: string, user: ConsoleUser, now: Date): IncomingMessage {
  return {
    platform: "console",
    kind: "text",
    text: line,
    user: { id: user.id, name: user.id, claims: { role: user.role, delegation: user.delegation } },
    conversation: { kind: "direct", id: `dm:${user.id}` },
    receivedAt: now,
  };
}
