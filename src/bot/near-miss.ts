/**
 * Text that looks like a command but that no phrase of the grammar matches ("colect status",
 * "collect", "remider rules", "report.submit") gets "did you mean …" with the command's usage: a
 * strategy passage quoted back at a mistyped command misleads. The command words come from the
 * commands' own usage lines, the ones help shows, so a new command is covered without a list here.
 *
 * A text looks like a command when its first word is a command's first word (or that word
 * mistyped, or a command id as buttons name it), and each other word is a word of some usage (or
 * one mistyped) or an argument (a number, a code, a date, @someone). "action 40 timetable" and
 * "report on Naples II cooperation" have words no usage has, so they stay questions. Words such as
 * "of", "the" and "in" are in usages too but say nothing: "role of the EU in the WCO" needs a word
 * that does (a number, or a usage word that is not an English stop word) to count as a command.
 */
import { distance } from "fastest-levenshtein";
import { eng } from "stopword";
import type { AnyCommand } from "../core/command.ts";

/** How many typing mistakes a word of this length may carry and still be read as a command word. */
function tolerance(word: string): number {
  // Short words are too close to ordinary ones ("done" and "none", "bind" and "find"): exact only.
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

/** The nearest of `words` to `word` within its tolerance, or undefined. */
function nearest(word: string, words: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = tolerance(word) + 1;
  for (const w of words) {
    const d = distance(word, w);
    if (d < bestDistance) [best, bestDistance] = [w, d];
  }
  return best;
}

/** A number, code or date ("99.1", "2026-12-15", "08:30"), @someone, quoted text or a code in capitals ("FR"). */
const isArgument = (typed: string): boolean => /\d/.test(typed) || /^[@"\u201c]/.test(typed) || /^[A-Z]{2,8}$/.test(typed);
/** An argument that could hardly be part of a question: a number, a code with digits, @someone. */
const isTellingArgument = (typed: string): boolean => /\d/.test(typed) || typed.startsWith("@");
const STOP_WORDS = new Set(eng);

/** The tokens of each way a usage line gives ("reminder add … | escalate after N working days"), without (comments). */
function usageAlternatives(usage: string): string[][] {
  return usage
    .replace(/\([^)]*\)/g, " ")
    .split(" | ")
    .map((alt) => alt.split(/[\s[\]|,:]+/).filter(Boolean));
}

/** Literal words are in lower case; placeholders (N, CODE, YYYY-MM-DD) in capitals. */
const isLiteral = (token: string) => /^[a-z]+$/.test(token);

/** Finds the command a text nearly names; `matches` runs the grammar (without its fallback). */
export class NearMiss {
  /** first word of a usage → the commands typed with it, in help's order */
  private readonly heads = new Map<string, AnyCommand[]>();
  private readonly words = new Set<string>();
  private readonly ids = new Map<string, AnyCommand>();
  private readonly matches: (text: string) => AnyCommand | undefined;

  /** `commands` without the fallback: free questions have no command word. */
  constructor(commands: readonly AnyCommand[], matches: (text: string) => AnyCommand | undefined) {
    this.matches = matches;
    for (const c of commands) {
      this.ids.set(c.id.toLowerCase(), c);
      for (const alt of usageAlternatives(c.usage)) {
        alt.filter(isLiteral).forEach((w) => this.words.add(w));
        const head = alt[0];
        if (head === undefined || !isLiteral(head)) continue;
        const list = this.heads.get(head) ?? [];
        if (!list.includes(c)) this.heads.set(head, [...list, c]);
      }
    }
  }

  /** "did you mean …" for a text that looks like a command, or undefined for one that reads as a question. */
  suggest(text: string): string | undefined {
    const typed = text.split(" ").map((t) => t.replace(/[?!.,;:]+$/, "")).filter(Boolean);
    const first = typed[0]?.toLowerCase();
    if (first === undefined) return undefined;
    const byId = this.ids.get(first);
    if (byId) return `“${text}” is how buttons name that command; in chat, type it like this:\n${line(byId)}`;
    const head = this.heads.has(first) ? first : nearest(first, this.heads.keys());
    if (head === undefined) return undefined;
    const corrected = [head];
    const bare = [head];
    let telling = typed.length === 1;
    for (const t of typed.slice(1)) {
      if (isArgument(t)) {
        corrected.push(t);
        bare.push(t);
        telling ||= isTellingArgument(t);
        continue;
      }
      const w = t.toLowerCase();
      const word = this.words.has(w) ? w : nearest(w, this.words);
      if (word === undefined) return undefined;
      corrected.push(word === w ? t : word);
      telling ||= !STOP_WORDS.has(word);
    }
    const guess = corrected.join(" ");
    const command = guess.toLowerCase() !== typed.join(" ").toLowerCase() ? this.matches(guess) : undefined;
    if (command) return `Did you mean “${guess}”?\n${line(command)}`;
    if (!telling) return undefined;
    // "action 99.2 status": the command word and its arguments alone may be the command meant.
    const shorter = bare.join(" ");
    const withoutWords = shorter !== guess ? this.matches(shorter) : undefined;
    if (withoutWords) return `Did you mean “${shorter}”?\n${line(withoutWords)}`;
    const candidates = this.heads.get(head)!;
    return [
      candidates.length === 1 ? `“${text}” is not quite a command. Did you mean:` : `“${text}” is not quite a command. Did you mean one of these?`,
      ...candidates.map(line),
      `Type help ${head} for examples; to ask the strategy documents instead, start with ask.`,
    ].join("\n");
  }
}

const line = (c: AnyCommand) => `  ${c.usage} — ${c.summary}`;
