/** The bot's own commands: help, who am I, and the secretariat's member management. */
import { z } from "zod";
import { audit } from "../audit/audit-log.ts";
import { defineCommand, type AnyCommand } from "../core/command.ts";
import { NotFoundError } from "../core/errors.ts";
import { helpReply } from "./help.ts";
import { parseUserMention } from "./members.ts";
import { reply, textReply } from "../core/reply.ts";
import { ROLES } from "../core/message.ts";

const Delegation = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,3}$|^(COM|EUROPOL|OLAF|GSC)$/, "a delegation code such as FR, DE or COM");

/** Built with the full list so help can describe every command, its own included. */
export function coreCommands(all: () => readonly AnyCommand[]): AnyCommand[] {
  return [
    defineCommand({
      id: "help",
      group: "General",
      summary: "List what the bot understands, or the commands about a topic.",
      usage: "help [topic]",
      examples: ["help", "help deadlines", "help collect"],
      patterns: [/^(?:help|\?|commands)(?:\s+(?<topic>.+))?$/i],
      args: z.object({ topic: z.string().max(100).optional() }),
      handler: async ({ topic }, ctx) => helpReply(all(), ctx.actor.role, topic),
    }),
    defineCommand({
      id: "whoami",
      group: "General",
      summary: "Show your role, delegation and working party.",
      usage: "whoami",
      examples: ["whoami"],
      patterns: [/^(?:whoami|who am i\??)$/i],
      args: z.object({}),
      handler: async (_args, { actor }) =>
        reply(`You are ${actor.member.displayName}`, [
          {
            type: "fields",
            fields: [
              { label: "Name", value: actor.member.displayName },
              { label: "Role", value: actor.role },
              { label: "Delegation", value: actor.delegation ?? "none set" },
              { label: "Working party", value: `${actor.workingParty.code} — ${actor.workingParty.name}` },
            ],
          },
        ]),
    }),
    defineCommand({
      id: "members.role",
      group: "Members",
      summary: "Give a member a role (delegate, chair or secretariat).",
      usage: "role @user chair|secretariat|delegate",
      examples: ["role @marie chair", "role <@U0123> secretariat"],
      patterns: [/^role\s+(?<user>\S+)\s+(?<role>\S+)$/i],
      roles: ["secretariat"],
      args: z.object({ user: z.string().min(1).max(100).transform(parseUserMention), role: z.string().toLowerCase().pipe(z.enum(ROLES)) }),
      handler: async ({ user, role }, ctx) => {
        const m = await updateMember(ctx, user, { role }, "member.role");
        return textReply(`${m.displayName} is now ${role === "secretariat" ? "in the secretariat" : `a ${role}`} of ${ctx.actor.workingParty.code}.`);
      },
    }),
    defineCommand({
      id: "members.delegation",
      group: "Members",
      summary: "Set the delegation a member speaks for.",
      usage: "delegation @user XX",
      examples: ["delegation @marie FR"],
      patterns: [/^delegation\s+(?<user>\S+)\s+(?<delegation>\S+)$/i],
      roles: ["secretariat"],
      args: z.object({ user: z.string().min(1).max(100).transform(parseUserMention), delegation: Delegation }),
      handler: async ({ user, delegation }, ctx) => {
        const m = await updateMember(ctx, user, { delegation }, "member.delegation");
        return textReply(`${m.displayName} now speaks for ${delegation}.`);
      },
    }),
  ];
}

async function updateMember(
  ctx: Parameters<AnyCommand["handler"]>[1],
  user: string,
  data: { role?: string; delegation?: string },
  action: string,
) {
  const db = ctx.deps.store.db;
  const wpId = ctx.actor.workingParty.id;
  const member =
    (await db.member.findFirst({ where: { workingPartyId: wpId, platform: ctx.actor.platform, platformUserId: user } })) ??
    (await db.member.findFirst({ where: { workingPartyId: wpId, displayName: user } }));
  if (!member) throw new NotFoundError(`I do not know ${user} in ${ctx.actor.workingParty.code} yet: they must write to me once first.`);
  return db.$transaction(async (tx) => {
    const updated = await tx.member.update({ where: { id: member.id }, data });
    await audit(tx, { workingPartyId: wpId, actor: ctx.actor.ref, action, subject: `${member.platform}:${member.platformUserId}`, detail: data, at: ctx.now });
    return updated;
  });
}
