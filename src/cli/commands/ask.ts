/** `secretariat ask "QUESTION"`: answers from the strategy documents; no question reads stdin, one per line. */
import readline from "node:readline";
import type { Command } from "commander";
import { z } from "zod";
import { BotError } from "../../core/errors.ts";
import type { Answer } from "../../knowledge/answer/answer.ts";
import type { CliContext } from "../context.ts";
import { cliRefusal } from "../command-hints.ts";
import { CliError } from "../io.ts";
import { workingPartyOf } from "../operator.ts";
import { parseOptions } from "../options.ts";

const Options = z.object({ wp: z.string().trim().min(1).optional(), json: z.boolean().optional() });

/** Adds `ask` to the program. */
export function registerAsk(program: Command, ctx: CliContext): void {
  program
    .command("ask")
    .description("answer a question from the strategy documents; without QUESTION, one question per line on stdin")
    .argument("[question...]", "the question")
    .option("--wp <code>", "answer as this working party, from the documents it may read (default DEFAULT_WORKING_PARTY)")
    .option("--json", 'one line per question: {"question","answered","answer","sources":[{"document","title","label","text","score"}]}')
    .action(async (words: string[], raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      const json = Boolean(o.json);
      // the knowledge job is loaded when a question is asked, not for `ask --help`
      const [{ checkQuestion, neutraliseMentions }, { askKnowledgeBase }, { knowledgeBase }] = await Promise.all([
        import("../../knowledge/answer/answer.ts"),
        import("../../knowledge/ask.ts"),
        import("../../knowledge/knowledge-base.ts"),
      ]);
      await ctx.withRuntime(async (rt) => {
        // as a working party: another's own documents are never quoted (src/knowledge/document-access.ts)
        const wp = await workingPartyOf(rt, o.wp);
        const kb = await knowledgeBase(rt.store, rt.config);
        const one = async (question: string): Promise<Answer | string> => {
          try {
            return (await askKnowledgeBase(kb, checkQuestion(question), wp.id)).answer;
          } catch (e) {
            if (e instanceof BotError) return cliRefusal(e);
            throw e;
          }
        };
        const print = (typed: string, a: Answer | string) => {
          // what is echoed never carries a mention that would ping when pasted into a chat
          const question = neutraliseMentions(typed).slice(0, 200);
          if (typeof a === "string") {
            ctx.io.out(json ? JSON.stringify({ question, answered: false, answer: a, sources: [], error: a }) : `? ${question}\n${a}\n`);
          } else ctx.io.out(json ? JSON.stringify(a) : textOf(a));
        };
        if (words.length > 0) {
          const question = words.join(" ");
          const a = await one(question);
          if (typeof a === "string") throw new CliError(a, 2);
          print(question, a);
          return;
        }
        const lines = readline.createInterface({ input: ctx.io.stdin, crlfDelay: Infinity });
        for await (const line of lines) {
          if (line.trim() === "") continue;
          print(line, await one(line));
        }
      });
    });
}

function textOf(a: Answer): string {
  const head = a.answered ? a.answer : `${a.answer} Ask the secretariat: secretariat say --as YOU "ask the secretariat: ${a.question}"`;
  const src = a.answered ? a.sources.slice(0, 4).map((s, i) => `${i === 0 ? "—" : " "} ${s.document} ${s.label}${i === 0 ? ` (${s.title})` : ""}  [${s.score}]`) : [];
  // declined: the closest passage, marked as such, so the reader can judge it
  const closest = !a.answered && a.sources[0] ? [`  closest passage: ${a.sources[0].document} ${a.sources[0].label}: ${a.sources[0].text.slice(0, 200)}${a.sources[0].text.length > 200 ? "…" : ""}`] : [];
  return [`? ${a.question}`, head, ...src, ...closest, ""].join("\n");
}
