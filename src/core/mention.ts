/**
 * A member named in a message, the same from every platform. Adapters write each platform
 * mention (Slack `<@U0123|marie>`, Teams `<at>Marie Dupont</at>` with its mention entity) into
 * the text as `@{platform user id}`, one token without spaces, so `role @{U0123} chair` means the
 * same on Slack and Teams. A name typed by hand (`role @marie chair`, `role marie chair`) stays a
 * name, looked up as a platform user id (on the console, the user name), never as a display name:
 * anyone can call themselves "marie" on Slack or Teams.
 */

/** The token an adapter writes for a mention of a platform user: "@{U0123}". */
export function mentionToken(platformUserId: string): string {
  return `@{${platformUserId}}`;
}

/** Every mention token in a text, as it appears ("@{U0123}"). */
export const MENTION_TOKEN = /@\{([^{}\s]+)\}/g;

/** Who a command's argument names: a mentioned platform user, or a name typed by hand. */
export type MemberReference = { userId: string } | { name: string };

/** "@{U0123}" → { userId: "U0123" }; "@alice" or "alice" → { name: "alice" }. */
export function memberReference(text: string): MemberReference {
  const t = text.trim();
  const m = /^@\{([^{}\s]+)\}$/.exec(t);
  return m ? { userId: m[1]! } : { name: t.replace(/^@/, "") };
}
