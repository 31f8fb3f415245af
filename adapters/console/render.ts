/** Reply → terminal text. The console shows plain text, so nothing needs escaping. */
import { replyToPlainText, type Reply } from "../../src/core/reply.ts";

export function renderForConsole(replies: Reply[]): string {
  return replies.map((r) => (r.tone === "error" ? `⚠ ${replyToPlainText(r)}` : replyToPlainText(r))).join("\n\n");
}
