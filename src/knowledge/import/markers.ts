/**
 * Numbering markers at the start of a paragraph: "1.", "a)", "(ii)", "IV.", "- b)", "1.2.3".
 * The style (kind of counter plus its punctuation) decides nesting; the value decides whether a
 * marker continues a list or starts a new one.
 */

/** Counter kind and punctuation, e.g. "arabic." or "(roman)". */
export type MarkerStyle = string;

/** A parsed marker. */
export interface Marker {
  /** as written, without bullet: "a)", "(ii)", "IV.", "3.1" */
  raw: string;
  /** counter kind plus punctuation; equal styles are siblings */
  style: MarkerStyle;
  /** position in its counter: 1 for "1", "a", "i", "A", "I" */
  value: number;
  /** the counter text without punctuation: "a", "ii", "IV", "3.1" */
  core: string;
  kind: "arabic" | "decimal" | "alpha" | "ALPHA" | "roman" | "ROMAN" | "named";
  /** the text after the marker */
  rest: string;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** Value of a lower-case roman numeral, or NaN when it is not one (only i, v, x, l, c). */
export function romanValue(s: string): number {
  const t = s.toLowerCase();
  if (!/^[ivxlc]+$/.test(t)) return NaN;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t[i]!]!;
    const next = ROMAN[t[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  // Reject non-canonical forms such as "iiii" or "vx" that are more likely words or letters.
  return toRoman(total) === t ? total : NaN;
}

function toRoman(n: number): string {
  const table: [number, string][] = [[100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

const BULLET = /^(?:[-•*–]\s+)+/;
const NAMED = /^(article|section|chapter|part|objective|priority|action|measure|title)\s+(\d{1,3}|[IVXLC]{1,6})(?:\s*[.:–—-]\s+|\s*$|\s+(?=[A-Z]))/i;
const PATTERNS: { re: RegExp; open: string; close: string }[] = [
  { re: /^\(([0-9]{1,5}|[a-zA-Z]|[ivxlc]{1,6})\)\s+/, open: "(", close: ")" },
  { re: /^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.?\s+/, open: "", close: "." },
  { re: /^([0-9]{1,5}|[a-zA-Z]|[ivxlcIVXLC]{1,6})([.)])\s+/, open: "", close: "" },
];

/**
 * Parses the marker at the start of `text`. `previous` is consulted for the letters that are also
 * roman numerals ("i", "v", "x", "I", "C"...): they continue an alphabetic list when the letter
 * before them was the last item of that list.
 */
export function parseMarker(text: string, continues: (style: MarkerStyle, value: number) => boolean = () => false): Marker | undefined {
  const body = text.replace(BULLET, "");
  // "Article 3", "Section II", "Objective 2:", "Action 4 –": the word is part of the label
  let named = NAMED.exec(body);
  // after a bare space, the heading must start with a capital ("Article 3 Scope", not "Part II of this")
  if (named && !/[.:–—-]\s*$/.test(named[0]) && !/^(?:[A-Z]|$)/.test(body.slice(named[0].length))) named = null;
  if (named) {
    const word = named[1]![0]!.toUpperCase() + named[1]!.slice(1).toLowerCase();
    const n = named[2]!;
    const value = /^\d+$/.test(n) ? Number(n) : romanValue(n);
    if (!Number.isNaN(value)) return { raw: `${word} ${n}`, core: n, style: `named:${word}`, value, kind: "named", rest: body.slice(named[0].length).trim() };
  }
  for (const p of PATTERNS) {
    const m = p.re.exec(body);
    if (!m) continue;
    const core = m[1]!;
    const close = p.close || m[2]!;
    const rest = body.slice(m[0].length).trim();
    if (/^[0-9]+(?:\.[0-9]+)+$/.test(core)) {
      const parts = core.split(".");
      return { raw: core, core, style: `decimal${parts.length}`, value: Number(parts.at(-1)), kind: "decimal", rest };
    }
    if (/^[0-9]+$/.test(core)) {
      // Four digits or more only continue a running list ("1000." after "999."): alone they are a year opening a sentence.
      if (core.length > 3 && !continues(`${p.open}arabic${close}`, Number(core))) return undefined;
      return { raw: `${p.open}${core}${close}`, core, style: `${p.open}arabic${close}`, value: Number(core), kind: "arabic", rest };
    }
    const lower = core === core.toLowerCase();
    const rv = romanValue(core);
    const alphaValue = core.length === 1 ? core.toLowerCase().charCodeAt(0) - 96 : NaN;
    const alphaStyle = `${p.open}${lower ? "alpha" : "ALPHA"}${close}`;
    const romanStyle = `${p.open}${lower ? "roman" : "ROMAN"}${close}`;
    let asRoman: boolean;
    if (Number.isNaN(rv)) asRoman = false;
    else if (Number.isNaN(alphaValue)) asRoman = true;
    else if (continues(alphaStyle, alphaValue)) asRoman = false;
    else if (continues(romanStyle, rv)) asRoman = true;
    // A lone "i"/"I" starts a roman list; other single letters (c, l, v, x) are letters.
    else asRoman = rv === 1;
    if (asRoman) return { raw: `${p.open}${core}${close}`, core, style: romanStyle, value: rv, kind: lower ? "roman" : "ROMAN", rest };
    if (Number.isNaN(alphaValue)) continue;
    // An upper-case letter followed by ")" or "." only counts when text follows it.
    if (rest.length === 0) return undefined;
    return { raw: `${p.open}${core}${close}`, core, style: alphaStyle, value: alphaValue, kind: lower ? "alpha" : "ALPHA", rest };
  }
  return undefined;
}
