/** Reply → terminal text. The console shows plain text, so nothing needs escaping. */
import { replyToPlainText } from "../../src/bot/reply.js";
export function renderForConsole(replies) {
    return replies.map((r) => (r.tone === "error" ? `⚠ ${replyToPlainText(r)}` : replyToPlainText(r))).join("\n\n");
}
