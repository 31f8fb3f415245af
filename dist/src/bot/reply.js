/**
 * The reply model: plain tagged data that each adapter renders (Block Kit, Adaptive Cards, text).
 * The core writes no platform markup; user text is escaped by the renderers.
 */
/** A reply of one paragraph. */
export function textReply(text, visibility = "personal") {
    return { summary: firstLine(text), blocks: [{ type: "text", text }], visibility };
}
/** A reply of blocks with a summary line. */
export function reply(summary, blocks, visibility = "personal") {
    return { summary, blocks, visibility };
}
/** An error reply; the text says what to do next. */
export function errorReply(text) {
    return { summary: firstLine(text), blocks: [{ type: "text", text }], visibility: "personal", tone: "error" };
}
const firstLine = (s) => {
    const line = s.split("\n", 1)[0] ?? "";
    return line.length > 150 ? `${line.slice(0, 149)}…` : line;
};
/** Plain text of a reply, as the console and notifications show it. */
export function replyToPlainText(r) {
    return r.blocks.map(blockToPlainText).filter((s) => s.length > 0).join("\n");
}
function blockToPlainText(b) {
    switch (b.type) {
        case "text":
            return b.style === "heading" ? b.text.toUpperCase() : b.text;
        case "quote":
            return `> ${b.text.replace(/\n/g, "\n> ")}\n  — ${b.source.document}, ${b.source.label}${b.source.title ? ` (${b.source.title})` : ""}`;
        case "fields":
            return b.fields.map((f) => `${f.label}: ${f.value}`).join("\n");
        case "section":
            return [b.title, b.text, ...(b.fields ?? []).map((f) => `  ${f.label}: ${f.value}`)].filter(Boolean).join("\n");
        case "buttons":
            return b.buttons.map((x) => `[${x.label}: ${commandText(x)}]`).join(" ");
        case "form":
            return [
                `${b.form.title} — reply with: ${b.form.command}`,
                ...b.form.fields.map((f) => `  ${f.label}${f.required ? " (required)" : ""}${f.value ? `: ${f.value}` : ""}${f.error ? `  ⚠ ${f.error}` : ""}`),
            ].join("\n");
        case "file":
            return `📎 ${b.file.title ?? b.file.name}: ${b.file.path}`;
        case "divider":
            return "—";
        default:
            return assertNever(b);
    }
}
/** The text a user could type to do what a button does (console fallback). */
export function commandText(b) {
    return b.args.text !== undefined ? String(b.args.text) : b.command;
}
/** Exhaustiveness check for switches over tagged unions. */
export function assertNever(x) {
    throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
