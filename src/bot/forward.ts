/**
 * "Ask the secretariat": a question the bot cannot answer (or one for a person) is forwarded to
 * the working party's secretariat channel(s) through the outbox. Typed with the question, or as a
 * form without it.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { defineCommand } from "../core/command.ts";
import { NotFoundError } from "../core/errors.ts";
import { reply, textReply } from "../core/reply.ts";
import { secretariatChannels } from "../outbox/recipients.ts";

export const forwardCommand = defineCommand({
  id: "secretariat.ask",
  group: "General",
  summary: "Pass a question to the secretariat.",
  usage: "ask the secretariat: QUESTION",
  examples: ["ask the secretariat: when is the next CCWP meeting?", "ask the secretariat"],
  args: z.object({ question: z.string().trim().min(3, "write the question (at least 3 characters)").max(2000, "at most 2,000 characters").optional() }),
  handler: async ({ question }, ctx) => {
    if (!question) {
      return reply("Ask the secretariat", [
        {
          type: "form",
          form: {
            command: "secretariat.ask",
            title: "Ask the secretariat",
            submitLabel: "Send",
            context: {},
            fields: [{ name: "question", label: "Your question", kind: "textarea", required: true, maxLength: 2000, placeholder: "What would you like to ask?" }],
          },
        },
      ]);
    }
    const { actor, deps, now, outbox } = ctx;
    const channels = await secretariatChannels(deps.store.repos, actor.workingParty.id);
    if (channels.length === 0) throw new NotFoundError(`${actor.workingParty.code} has no secretariat channel yet; ask the secretariat to bind one.`);
    // Same person, same question, same minute: one forward, however often the button is pressed.
    const digest = createHash("sha256").update(`${actor.ref}\n${question}\n${now.toISOString().slice(0, 16)}`).digest("hex").slice(0, 16);
    const from = `${actor.member.displayName}${actor.delegation ? ` (${actor.delegation})` : ""}`;
    for (const ch of channels) {
      await outbox.enqueue({
        key: `forward:${digest}:${ch.id}`,
        kind: "forward",
        platform: ch.platform,
        to: ch.to,
        workingPartyId: actor.workingParty.id,
        dueAt: now,
        replies: [
          reply(`Question from ${from}`, [
            { type: "text", text: `Question from ${from}:`, style: "heading" },
            { type: "quote", text: question, source: { document: "asked in chat", label: actor.platform } },
          ], "shared"),
        ],
      });
    }
    return textReply("I have passed your question to the secretariat. They will answer you directly.");
  },
});
