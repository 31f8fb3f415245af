/** Asking the knowledge base: the question's embedding (when a model is configured), then the index. */
import { answerQuestion, type Answer } from "./answer/answer.ts";
import type { SearchOutcome } from "./index/knowledge-index.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";

/** Answers one checked question. */
export async function askKnowledgeBase(kb: KnowledgeBase, question: string): Promise<{ answer: Answer; outcome: SearchOutcome }> {
  const index = await kb.getIndex();
  const vector = kb.embedder && index.dense ? (await kb.embedder.embed([question]))[0] : undefined;
  return answerQuestion(index, question, vector);
}
