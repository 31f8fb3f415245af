/** The bot's own commands: help, who am I, and the secretariat's member management. */
import { z } from "zod";
import { defineCommand, type AnyCommand, type CommandContext } from "../core/command.ts";
import { NotFoundError } from "../core/errors.ts";
import { helpReply } from "./help.ts";
import { memberReference, type MemberReference } from "../core/mention.ts";
import { reply, textReply } from "../core/reply.ts";
import { ROLES } from "../core/message.ts";
import { Delegation } from "../store/index.ts";

/** Built with the full list so help can describe every command, its own included. */
export function coreCommands(all: () => readonly AnyCommand[]): AnyCommand[] {
  return [
    defineCommand({
      id: "help",
      group: "General",
      summary: "List what the bot understands, or the commands about a topic.",
      usage: "help [topic]",
      examples: ["help", "help deadlines", "help collect"],
      args: z.object({ topic: z.string().max(100).optional() }),
      handler: async ({ topic }, ctx) => helpReply(all(), ctx.actor.role, topic),
    }),
    defineCommand({
      id: "whoami",
      group: "General",
      summary: "Show your role, delegation and working party.",
      usage: "whoami",
      examples: ["whoami"],
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
      id: "members.list",
      group: "Members",
      summary: "List the working party's members with their role and delegation.",
      usage: "members",
      examples: ["members", "member list"],
      roles: ["secretariat", "chair"],
      args: z.object({}),
      handler: async (_args, { actor, uow }) => {
        const wp = actor.workingParty;
        const members = await uow.members.inWorkingParty(wp.id);
        const line = (m: (typeof members)[number]) => `${m.displayName} (${m.platform}) — ${m.role}${m.delegation ? `, ${m.delegation}` : ""}`;
        return reply(`${wp.code} has ${members.length} member${members.length === 1 ? "" : "s"}`, [
          { type: "text", text: members.length ? members.map(line).join("\n") : `${wp.code} has no members yet.` },
        ]);
      },
    }),
    defineCommand({
      id: "members.role",
      group: "Members",
      summary: "Give a member a role (delegate, chair or secretariat).",
      usage: "role @user chair|secretariat|delegate",
      examples: ["role @marie chair", "role @Marie secretariat"],
      roles: ["secretariat"],
      args: z.object({ user: z.string().min(1).max(100).transform(memberReference), role: z.string().toLowerCase().pipe(z.enum(ROLES)) }),
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
      roles: ["secretariat"],
      args: z.object({ user: z.string().min(1).max(100).transform(memberReference), delegation: Delegation }),
      handler: async ({ user, delegation }, ctx) => {
        const m = await updateMember(ctx, user, { delegation }, "member.delegation");
        return textReply(`${m.displayName} now speaks for ${delegation}.`);
      },
    }),
  ];
}

async function updateMember(ctx: CommandContext, user: MemberReference, data: { role?: string; delegation?: string }, action: string) {
  const wp = ctx.actor.workingParty;
  const member =
    "userId" in user
      ? await ctx.uow.members.find({ workingPartyId: wp.id, platform: ctx.actor.platform, platformUserId: user.userId })
      : await ctx.uow.members.findNamed(wp.id, ctx.actor.platform, user.name);
  if (!member) {
    // A typed name is matched to user ids only (display names can be chosen by anyone).
    const hint = "userId" in user || ctx.actor.platform === "console" ? "" : ` Mention them (type @ and pick them) so I know exactly who is meant.`;
    throw new NotFoundError(`I do not know ${"userId" in user ? "that member" : user.name} in ${wp.code} yet: they must write to me once first.${hint}`);
  }
  const updated = await ctx.uow.members.update(member.id, data);
  await ctx.uow.audit.record({ workingPartyId: wp.id, actor: ctx.actor.ref, action, subject: `${member.platform}:${member.platformUserId}`, detail: data, at: ctx.now });
  return updated;
}
