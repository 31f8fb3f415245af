/**
 * The Teams app manifest's dynamic parts: the bot id (the Azure bot's MicrosoftAppId) and the
 * command lists, built from the commands the core understands so the menu Teams shows never
 * offers something the bot would not recognise. Teams allows 10 commands per list, titles up to
 * 32 characters and descriptions up to 128.
 */
import type { AnyCommand } from "../../src/core/command.ts";

/** One entry of a bot command list in the manifest. */
export interface ManifestCommand {
  title: string;
  description: string;
}

/** The bot scopes the app is installed in: personal chat, team channels, group chats. */
export const BOT_SCOPES = ["personal", "team", "groupChat"] as const;

/** What a delegate reaches for most, first in the menu; the rest follow in router order. */
const MENU_FIRST = ["help", "deadlines.list", "plan.current", "home", "collect.status", "reminders.upcoming", "plan.timeline", "plan.presidency", "secretariat.ask"];

/**
 * Commands for the menu: the first example of each command that needs nothing more typed (no
 * user to mention), the most used first, at most 10 (Teams' limit).
 */
export function teamsCommandList(commands: readonly AnyCommand[]): ManifestCommand[] {
  const out: ManifestCommand[] = [];
  const seen = new Set<string>();
  const rank = (c: AnyCommand) => (MENU_FIRST.includes(c.id) ? MENU_FIRST.indexOf(c.id) : MENU_FIRST.length);
  for (const c of [...commands].sort((a, b) => rank(a) - rank(b))) {
    const example = c.examples.find((e) => !/[@<]/.test(e) && e.length <= 32);
    if (!example || seen.has(example)) continue;
    seen.add(example);
    out.push({ title: example, description: c.summary.slice(0, 128) });
    if (out.length === 10) break;
  }
  return out;
}

/**
 * The manifest with the bot id and command lists filled in and, when the deployment has a public
 * https URL, the web console as a personal tab (Teams shows tabs only from https domains it lists).
 */
export function buildTeamsManifest(template: Record<string, unknown>, options: { botId?: string; commands: ManifestCommand[]; publicUrl?: string }): Record<string, unknown> {
  const bots = (template.bots as Record<string, unknown>[] | undefined) ?? [];
  const base = options.publicUrl?.startsWith("https://") ? options.publicUrl : undefined;
  return {
    ...template,
    bots: bots.map((b) => ({
      ...b,
      ...(options.botId ? { botId: options.botId } : {}),
      scopes: [...BOT_SCOPES],
      // Users send the bot documents to import ("import this") in the personal chat.
      supportsFiles: true,
      commandLists: [{ scopes: [...BOT_SCOPES], commands: options.commands }],
    })),
    ...(base
      ? {
          staticTabs: [{ entityId: "secretariat-console", name: "Console", contentUrl: `${base}/console/teams-tab`, websiteUrl: `${base}/console/`, scopes: ["personal"] }],
          validDomains: [...new Set([...((template.validDomains as string[] | undefined) ?? []), new URL(base).host])],
        }
      : {}),
  };
}
