/**
 * The chat reply for an answer: the quote with its source and the next best sources; a list
 * with its items; or, when the bot declines, what it could not find, the closest passage it did
 * find (so the delegate can judge), and a button that passes the question to the secretariat.
 */
import { reply, type Block, type Reply } from "../../core/reply.ts";
import type { SearchOutcome } from "../index/knowledge-index.ts";
import { DECLINE_TEXT, shorten, type Answer } from "./answer.ts";

/** The chat reply for an answer. */
export function answerReply(a: Answer, outcome: SearchOutcome): Reply {
  if (!a.answered) return declineReply(a, outcome);
  const blocks: Block[] = [];
  const first = a.sources[0]!;
  if (outcome.list) {
    const items = outcome.list;
    blocks.push({ type: "text", text: `${first.title} (${first.document}) lists ${items.length}:` });
    for (const h of items) {
      const s = a.sources.find((x) => x.document === h.document.slug && x.label === h.passage.label)!;
      blocks.push({ type: "quote", text: s.text, source: { document: s.document, label: s.label, title: s.title } });
    }
  } else {
    blocks.push({ type: "quote", text: first.text, source: { document: first.document, label: first.label, title: first.title } });
  }
  const listed = new Set((outcome.list ?? []).map((h) => `${h.document.slug} ${h.passage.label}`));
  const more = a.sources.slice(1).filter((s) => !listed.has(`${s.document} ${s.label}`)).slice(0, 3);
  if (more.length > 0) {
    blocks.push({ type: "text", text: "Also relevant:", style: "muted" });
    blocks.push({ type: "fields", fields: more.map((s) => ({ label: `${s.document} ${s.label}`, value: shorten(s.text, 160) })) });
  }
  const summary = outcome.list ? `${first.document}: ${outcome.list.map((h) => h.passage.label).join(", ")}` : `${first.document} ${first.label}: ${shorten(first.text, 100)}`;
  return reply(summary, blocks);
}

function declineReply(a: Answer, outcome: SearchOutcome): Reply {
  const blocks: Block[] = [];
  if (outcome.refusal) {
    blocks.push({ type: "text", text: outcome.refusal.message });
  } else {
    blocks.push({ type: "text", text: `${DECLINE_TEXT} No passage I found answers “${a.question}” with enough confidence.` });
    const closest = a.sources[0];
    if (closest) {
      // the nearest passage, marked as such: the delegate can judge it, the bot does not claim it
      blocks.push({ type: "text", text: "The closest passage I found:", style: "muted" });
      blocks.push({ type: "quote", text: shorten(closest.text, 400), source: { document: closest.document, label: closest.label, title: closest.title } });
    }
  }
  blocks.push({ type: "text", text: "The secretariat can answer it: press the button to pass it on. (Type help to see what else I can do.)", style: "muted" });
  // `text` is what a console user types to do the same (adapters without buttons show it)
  blocks.push({ type: "buttons", buttons: [{ label: "Ask the secretariat", command: "secretariat.ask", args: { question: a.question, text: `ask the secretariat: ${a.question}` } }] });
  return reply(outcome.refusal ? outcome.refusal.message : DECLINE_TEXT, blocks);
}
