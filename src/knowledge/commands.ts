/** Chat commands of the knowledge job: `ask QUESTION`, and free text no other command matched. */
import { z } from "zod";
import { defineCommand } from "../core/command.ts";
import { answerReply } from "./answer/answer-reply.ts";
import { checkQuestion } from "./answer/answer.ts";
import { askKnowledgeBase } from "./ask.ts";
import { knowledgeBase } from "./knowledge-base.ts";

/** `ask QUESTION`: answers from the strategy documents the asker's working party may read, quoting the passage and its label. */
export const askCommand = defineCommand({
  id: "knowledge.ask",
  group: "Strategies",
  summary: "Answer a question from the strategy documents, quoting the passage and its label.",
  usage: "ask QUESTION (or just type the question)",
  examples: ["what does 3.a(ii) say?", "ask which strategy talks about Naples II?", "the three strategic objectives of the 2012 strategy"],
  args: z.object({ question: z.string() }),
  readOnly: true,
  handler: async ({ question }, ctx) => {
    const q = checkQuestion(question);
    const { answer, outcome } = await askKnowledgeBase(await knowledgeBase(ctx.deps.store, ctx.deps.config), q, ctx.actor.workingParty.id);
    ctx.deps.logger.debug({ answered: answer.answered, via: outcome.via, confidence: outcome.confidence }, "knowledge answer");
    return answerReply(answer, outcome);
  },
});
