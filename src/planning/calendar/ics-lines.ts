/**
 * iCalendar content lines folded as RFC 5545 §3.1 says: at most 75 octets each, excluding the line
 * break, a continuation starting with one space. The `ics` package folds at 75 characters, so a
 * line with "—" or "✓" (3 octets each) reached 77–79 octets, which strict readers refuse.
 */

const MAX_OCTETS = 75;

/** Unfolds `text` (CRLF lines, continuations start with a space or tab) and folds it again by octets. */
export function foldIcsLines(text: string): string {
  const logical: string[] = [];
  for (const line of text.split(/\r\n/)) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && logical.length > 0) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical.map(foldLine).join("\r\n");
}

/** One content line folded so that no physical line passes 75 octets and no character is split. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = " "; // the continuation's leading space counts towards its 75 octets
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}
