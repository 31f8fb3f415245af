/**
 * The one delegation rule: what a delegation is and the code it is stored as. Chat commands
 * (`delegation`, `calendar XX`), the CLI (`say`, `member set`, `calendar`), the plan importer and
 * the web console's action form all use it, so a delegation accepted in one place is accepted in
 * all, and stored the same way (leads are matched to members by this code).
 *
 * A delegation is a country's ISO 3166-1 alpha-2 code (FR, DE) or one of the bodies that sit in
 * working parties (COM, EUROPOL, OLAF, GSC). A country may also be written by its English name
 * ("France", "Czech Republic" as the presidency list spells it). Greece and the United Kingdom are
 * stored as EL and UK, the codes Council documents use (Interinstitutional Style Guide), so GR and
 * GB are read as those.
 */
import { z } from "zod";
import { ISO_COUNTRY_CODES } from "./country-codes.ts";

/** The bodies other than member states that speak in a working party. */
export const BODIES = ["COM", "EUROPOL", "OLAF", "GSC"] as const;

/** Where the Council's code differs from ISO's. */
const COUNCIL_CODE: Record<string, string> = { GR: "EL", GB: "UK" };

/** Names that are not CLDR's English short name but that people (or our own data) write. */
const OTHER_NAMES: Record<string, string> = {
  "czech republic": "CZ", // data/council-presidencies.csv
  turkey: "TR",
  "great britain": "UK",
  britain: "UK",
  "slovak republic": "SK",
  "republic of ireland": "IE",
  holland: "NL",
  macedonia: "MK",
  "european commission": "COM",
  commission: "COM",
  "european anti-fraud office": "OLAF",
  "general secretariat of the council": "GSC",
  "council secretariat": "GSC",
};

/** "the Netherlands" → "netherlands": names compared without case, accents, "the" or punctuation. */
function nameKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

let names: Map<string, string> | undefined;

/** English name → stored code, built on first use (only when a name, not a code, is written). */
function nameIndex(): Map<string, string> {
  if (names) return names;
  names = new Map();
  for (const style of ["long", "short"] as const) {
    const display = new Intl.DisplayNames(["en"], { type: "region", style, fallback: "none" });
    for (const iso of ISO_COUNTRY_CODES) {
      const name = display.of(iso);
      if (name) names.set(nameKey(name), COUNCIL_CODE[iso] ?? iso);
    }
  }
  for (const [name, code] of Object.entries(OTHER_NAMES)) names.set(name, code);
  return names;
}

/** The stored code of a two-letter or body code, or null. "gr" → "EL", "fr" → "FR". */
function codeOf(text: string): string | null {
  const upper = text.trim().toUpperCase();
  if ((BODIES as readonly string[]).includes(upper)) return upper;
  if (upper === "EL" || upper === "UK") return upper;
  if (ISO_COUNTRY_CODES.has(upper)) return COUNCIL_CODE[upper] ?? upper;
  return null;
}

/**
 * The stored code of the delegation `text` names, or null when it names none.
 * @example delegationCode("France") === "FR"; delegationCode("gr") === "EL"; delegationCode("XX") === null
 */
export function delegationCode(text: string): string | null {
  if (text.length > 100) return null;
  // A name is letters and the punctuation names use ("Bosnia & Herzegovina", "Côte d’Ivoire");
  // anything else ("Germany!") is a typing slip to show back, not to guess past.
  if (!/^[\p{L} .,'’&()-]*$/u.test(text)) return null;
  return codeOf(text) ?? nameIndex().get(nameKey(text)) ?? null;
}

/** What to say when `text` names no delegation (one wording for chat, CLI, files and forms). */
export function delegationError(text: string): string {
  const shown = text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();
  return `"${shown}" is not a delegation: write a country's ISO code or English name (FR or France, DE or Germany), or COM, EUROPOL, OLAF or GSC`;
}

/** Zod schema for a delegation typed by a user or written in a file; yields the stored code. */
export const Delegation = z.string().transform((s, ctx) => {
  const code = delegationCode(s);
  if (code === null) {
    ctx.addIssue({ code: "custom", message: delegationError(s) });
    return z.NEVER;
  }
  return code;
});
