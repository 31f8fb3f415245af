/**
 * Text a delegate typed, made safe to put in the compiled note (issue 13 item 10). Two attacks:
 * bidirectional controls that make a reader see words in another order than they were written,
 * and a field that a spreadsheet runs as a formula when the note's tables are pasted into one.
 */

// Embeddings/overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks (U+200E, U+200F):
// none is needed in the note's languages, and any of them can reorder what a reader sees.
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

// A spreadsheet treats a cell as a formula when it starts with "=", "+", "-" or "@" (a leading tab
// or CR is dropped first). The rule is kept narrow so ordinary text stays as typed: "=", "+" and
// "@" always count, but "-" only when a letter, "(" or another formula character follows it, so
// "- item" lists and "-5 %" are left alone. A flagged field gets the apostrophe OWASP advises.
const FORMULA = /^[\t\r]*(?:[=+@]|-[\p{L}(=+\-@])/u;

/** The field without bidirectional controls, and with "'" before it when it would start a formula. */
export function safeText(text: string): string {
  const s = text.replace(BIDI, "");
  return FORMULA.test(s) ? `'${s}` : s;
}

/** safeText for an optional field. */
export const safeOptional = (text: string | null): string | null => (text === null ? null : safeText(text));
