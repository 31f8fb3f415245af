/**
 * JSON text columns (lists, payloads, platform references) are the same on SQLite and PostgreSQL.
 * The repositories read them through this one function; nothing outside src/store parses them.
 */

/** The parsed value, or `fallback` when the text is missing or not JSON. */
export function parseJsonColumn(text: string | null | undefined, fallback: unknown): unknown {
  if (text === null || text === undefined || text === "") return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

/** A JSON array of strings; anything else counts as empty. */
export function parseStringList(text: string | null | undefined): string[] {
  const v = parseJsonColumn(text, []);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
