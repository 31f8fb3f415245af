/** The secretariat's set-up commands in chat: which channels the bot speaks in. */
import { z } from "zod";
import { defineCommand } from "../core/command.ts";
import { InputError } from "../core/errors.ts";
import { reply, textReply } from "../core/reply.ts";
import { bindChannel, Purpose, unbindChannel } from "./channels.ts";

const purposeFrom = z
  .string()
  .optional()
  .transform((s) => (!s ? "reminders" : /secretariat/i.test(s) ? "secretariat" : /general/i.test(s) ? "general" : "reminders"))
  .pipe(Purpose);

export const adminCommands = [
  defineCommand({
    id: "channels.bind",
    group: "Set-up",
    summary: "Make this channel receive the working party's reminders (or secretariat messages).",
    usage: "bind this channel [for reminders|for the secretariat]",
    examples: ["bind this channel", "bind this channel for the secretariat"],
    roles: ["secretariat"],
    args: z.object({ purpose: purposeFrom }),
    handler: async ({ purpose }, { actor, uow, message, now }) => {
      if (message.conversation.kind !== "channel") throw new InputError("Type this in the channel you want to bind, not in a direct message.");
      const key = { workingPartyId: actor.workingParty.id, platform: message.platform, channelId: message.conversation.id, purpose };
      const created = await bindChannel(uow, { ...key, name: message.conversation.name, conversationRef: message.conversation.ref }, { actor: actor.ref, at: now });
      return textReply(created ? `This channel now receives ${actor.workingParty.code}'s ${purpose === "reminders" ? "deadline reminders" : `${purpose} messages`}.` : `This channel was already bound for ${purpose}.`, "shared");
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
];
