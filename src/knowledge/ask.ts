/** Asking the knowledge base: the question's embedding (when a model is configured), then the index. */
import { answerQuestion, type Answer } from "./answer/answer.ts";
import type { Reader } from "./document-access.ts";
import type { SearchOutcome } from "./index/knowledge-index.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";

/** Answers one checked question from the documents `reader` (a working party's id) may read. */
export async function askKnowledgeBase(kb: KnowledgeBase, question: string, reader: Reader): Promise<{ answer: Answer; outcome: SearchOutcome }> {
  const index = await kb.getIndex(reader);
  const vector = kb.embedder && index.dense ? (await kb.embedder.embed([question]))[0] : undefined;
  return answerQuestion(index, question, vector);
}
