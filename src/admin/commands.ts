/** The secretariat's set-up commands in chat: which channels the bot speaks in, and removing a plan imported by mistake. */
import { z } from "zod";
import { defineCommand } from "../core/command.ts";
import { InputError, PermissionError } from "../core/errors.ts";
import { reply, textReply } from "../core/reply.ts";
import { bindChannel, moveChannel, Purpose, unbindChannel } from "./channels.ts";
import { removePlanCommand } from "./remove-plan.ts";

const purposeFrom = z
  .string()
  .optional()
  .transform((s) => (!s ? "reminders" : /secretariat/i.test(s) ? "secretariat" : /general/i.test(s) ? "general" : "reminders"))
  .pipe(Purpose);

export const adminCommands = [
  defineCommand({
    id: "channels.bind",
    group: "Set-up",
    summary: "Make this channel receive a working party's reminders (or secretariat messages).",
    usage: "bind this channel [to CODE] [for reminders|for the secretariat]",
    examples: ["bind this channel", "bind this channel to LEWP", "bind this channel to LEWP for the secretariat"],
    roles: ["secretariat"],
    args: z.object({ purpose: purposeFrom, wp: z.string().trim().toUpperCase().optional() }),
    handler: async ({ purpose, wp: code }, { actor, uow, message, now }) => {
      if (message.conversation.kind !== "channel") throw new InputError("Type this in the channel you want to bind, not in a direct message.");
      const target = code && code !== actor.workingParty.code ? await uow.workingParties.get(code) : actor.workingParty;
      if (target.id !== actor.workingParty.id) {
        const there = await uow.members.find({ workingPartyId: target.id, platform: actor.platform, platformUserId: actor.member.platformUserId });
        if (there?.role !== "secretariat") throw new PermissionError(`Only the secretariat of ${target.code} can bind a channel to it; nothing was changed.`);
      }
      const channel = { platform: message.platform, channelId: message.conversation.id };
      const by = { actor: actor.ref, at: now };
      const movedFrom = await moveChannel(uow, channel, target.id, by);
      const created = await bindChannel(uow, { workingPartyId: target.id, ...channel, purpose, name: message.conversation.name, conversationRef: message.conversation.ref }, by);
      const what = purpose === "reminders" ? "deadline reminders" : `${purpose} messages`;
      const moved = movedFrom.length ? ` It no longer belongs to ${movedFrom.join(", ")}.` : "";
      return textReply(created ? `This channel now receives ${target.code}'s ${what}.${moved}` : `This channel was already bound to ${target.code} for ${purpose}.`, "shared");
    },
  }),
  defineCommand({
    id: "channels.unbind",
    group: "Set-up",
    summary: "Stop sending reminders (or secretariat messages) to this channel.",
    usage: "unbind this channel [for reminders|for the secretariat]",
    examples: ["unbind this channel"],
    roles: ["secretariat"],
    args: z.object({ purpose: purposeFrom }),
    handler: async ({ purpose }, { actor, uow, message, now }) => {
      await unbindChannel(uow, { workingPartyId: actor.workingParty.id, platform: message.platform, channelId: message.conversation.id, purpose }, { actor: actor.ref, at: now });
      return textReply(`This channel no longer receives ${purpose} messages.`);
    },
  }),
  defineCommand({
    id: "channels.list",
    group: "Set-up",
    summary: "List the channels the bot speaks in for this working party.",
    usage: "channels",
    examples: ["channels"],
    args: z.object({}),
    handler: async (_a, { actor, uow }) => {
      const rows = await uow.channels.inWorkingParty(actor.workingParty.id);
      if (rows.length === 0) return textReply(`${actor.workingParty.code} has no channels bound yet. In a channel, the secretariat types: bind this channel`);
      return reply(`${rows.length} channel bindings`, [
        { type: "fields", fields: rows.map((r) => ({ label: `${r.purpose} (${r.platform})`, value: r.name })) },
      ]);
    },
  }),
  // here rather than in src/planning: removing a plan also withdraws its reminders (src/reminders sits above planning)
  removePlanCommand,
];
