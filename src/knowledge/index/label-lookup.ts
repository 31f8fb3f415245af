/**
 * Label look-ups: passages whose label ends with the counters the question names, in the
 * documents it names. A label the named document does not have is refused with the labels it
 * does have nearest to it, never answered with another passage.
 */
import { labelMarkers, labelWords, type LabelRef } from "./question-refs.ts";
import type { Entry, IndexDocument, Refusal } from "./types.ts";

/** The passages a look-up reads, grouped once at build time. */
export class LabelTable {
  /** last counter of a label → passages */
  private readonly byLastMarker = new Map<string, Entry[]>();
  private readonly byDocLastMarker = new Map<string, Entry[]>();
  /** label tokens (" ii 1 c for the ccwp d ") → passages, for labels typed in full */
  private readonly byLabelTokens = new Map<string, Entry[]>();
  private readonly labelVocabulary = new Set<string>();

  private readonly byDoc: ReadonlyMap<string, Entry[]>;
  private readonly docs: ReadonlyMap<string, IndexDocument>;

  constructor(byDoc: ReadonlyMap<string, Entry[]>, docs: ReadonlyMap<string, IndexDocument>) {
    this.byDoc = byDoc;
    this.docs = docs;
    for (const list of byDoc.values()) {
      for (const e of list) {
        for (const w of e.labelWordSet) this.labelVocabulary.add(w);
        const last = e.markers.at(-1);
        if (last) {
          push(this.byLastMarker, last, e);
          push(this.byDocLastMarker, `${e.documentSlug}\u0000${last}`, e);
        }
        if (e.labelTokens && e.markers.length > 0) push(this.byLabelTokens, e.labelTokens, e);
      }
    }
  }

  /**
   * Passages the question names by label, scored (higher is better); `textScore` (0..1 per
   * passage id) from the text search breaks ties.
   */
  lookup(refs: LabelRef[], question: string, inScope: (slug: string) => boolean, textScore: ReadonlyMap<number, number>, refDocs: string[]): { e: Entry; s: number }[] {
    const qTokens = ` ${question.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(" ")} `;
    const exact = (e: Entry) => e.labelTokens !== "" && e.markers.length > 0 && qTokens.includes(e.labelTokens);
    // only a question with a counter in it (a digit, "IV.", "d)") can type a label in full
    const exactHits: Entry[] = [];
    if (/\d|\b[ivxlc]{1,4}\b\s*[.)]|\b[a-z]\)/i.test(question)) {
      const toks = qTokens.trim().split(" ");
      for (let i = 0; i < toks.length; i++) {
        for (let n = 2; n <= 12 && i + n <= toks.length; n++) {
          for (const e of this.byLabelTokens.get(` ${toks.slice(i, i + n).join(" ")} `) ?? []) if (inScope(e.documentSlug) && exact(e)) exactHits.push(e);
        }
      }
    }
    if (refs.length === 0 && exactHits.length === 0) return [];
    const qWords = new Set(question.toLowerCase().split(/[^a-z]+/).filter(Boolean));
    // "recital 3" is how delegates name the numbered considerations of a resolution
    if (qWords.has("recital") || qWords.has("recitals")) for (const w of ["recognising", "recalling", "whereas", "considering"]) qWords.add(w);
    const scored: { e: Entry; s: number }[] = [];
    for (const ref of this.usable(refs)) {
      for (const e of this.candidates(ref, refDocs)) {
        if (!inScope(e.documentSlug)) continue;
        let s = 10 + ref.markers.length * 3;
        if (e.markers.length === ref.markers.length) s += 4;
        // "(5)" typed as the document writes it points at "2.(5)" rather than section 5
        if (ref.parenthesised && e.label.toLowerCase().endsWith(`(${ref.markers.at(-1)})`)) s += 8;
        for (const w of e.labelWordSet) if (qWords.has(w)) s += 3;
        // "action 22" points at numbered actions; a paragraph label with words needs them said
        if (e.labelWordSet.size > 0 && ![...e.labelWordSet].some((w) => qWords.has(w)) && ref.markers.length === 1) s -= 2;
        s += 4 * (textScore.get(e.id) ?? 0);
        scored.push({ e, s });
      }
    }
    // the whole label typed as written ("II.1 C For the CCWP d)") beats any partial reading,
    // unless the question names more counters than it ("II.1 C d)" is not "II.1 C")
    const longest = Math.max(0, ...exactHits.map((e) => e.label.length));
    const mostCounters = Math.max(0, ...refs.map((r) => r.markers.length));
    for (const e of exactHits) if (e.label.length === longest && e.markers.length >= mostCounters) scored.push({ e, s: 100 + 4 * (textScore.get(e.id) ?? 0) });
    return scored.sort((a, b) => b.s - a.s || a.e.ord - b.e.ord);
  }

  /**
   * When the question names a label the documents it names (or, naming none, every document)
   * lack: what to say instead, with the nearest labels there are. Undefined when the label exists
   * or the question names none that must exist.
   */
  missing(refs: LabelRef[], refDocs: string[], namedByTitle = false): Refusal | undefined {
    const strong = this.usable(refs).filter((r) => r.keyworded || r.markers.length >= 2);
    if (strong.length === 0 || strong.some((r) => this.candidates(r, refDocs).length > 0)) return undefined;
    const ref = strong.reduce((a, b) => (b.markers.length > a.markers.length ? b : a));
    const scope = refDocs.length > 0 ? refDocs : [...this.byDoc.keys()];
    const nearest = scope.flatMap((slug) => nearestLabels(this.byDoc.get(slug) ?? [], ref.markers)).sort((a, b) => b.s - a.s).slice(0, 6);
    const typed = ref.typed;
    const one = refDocs.length === 1 ? this.docs.get(refDocs[0]!) : undefined;
    // "The 2012 strategy" when that names it; otherwise the document's slug and title
    const sameKindAndYear = one ? [...this.docs.values()].filter((d) => d.kind === one.kind && d.year === one.year).length : 0;
    const where = one ? (one.year && one.kind !== "other" && sameKindAndYear === 1 && !namedByTitle ? `The ${one.year} ${one.kind}` : `${one.slug} (${one.title})`) : refDocs.length > 1 ? "The documents you named" : "No document";
    const verb = refDocs.length === 1 ? "has" : "have";
    const top = refDocs.length === 1 ? topLevelSummary(this.byDoc.get(refDocs[0]!) ?? []) : "";
    // "; " between labels: a bare "3" after "HEREBY RESOLVES 1.(a), " would read as one label
    const offer = nearest.length ? ` Nearest labels: ${nearest.map((n) => (refDocs.length === 1 ? n.e.label : `${n.e.documentSlug} ${n.e.label}`)).join("; ")}.` : "";
    const message = refDocs.length === 0 ? `No document has ${typed}.${offer}` : `${where} ${verb} no ${typed}${top ? `; its numbered points are ${top}` : ""}.${offer}`;
    return { kind: "missing-label", message, nearest: nearest.map((n) => ({ document: n.e.documentSlug, label: n.e.label })) };
  }

  /** Refs that can name a label here ("Article 36 Committee" cannot when no document numbers articles). */
  private usable(refs: LabelRef[]): LabelRef[] {
    return refs.filter((ref) => !(ref.context.at(-1)?.startsWith("article") && !this.labelVocabulary.has("article")));
  }

  /** Passages whose label ends with the ref's counters, in the named documents (or all). */
  private candidates(ref: LabelRef, refDocs: string[]): Entry[] {
    const last = ref.markers.at(-1)!;
    const pool = refDocs.length > 0 ? refDocs.flatMap((slug) => this.byDocLastMarker.get(`${slug}\u0000${last}`) ?? []) : (this.byLastMarker.get(last) ?? []);
    return pool.filter((e) => {
      if (e.markers.length < ref.markers.length) return false;
      for (let k = 1; k <= ref.markers.length; k++) if (e.markers[e.markers.length - k] !== ref.markers[ref.markers.length - k]) return false;
      return true;
    });
  }
}

/** Labels of a document most like the counters asked for: same depth first, shared counters next. */
function nearestLabels(entries: Entry[], wanted: string[]): { e: Entry; s: number }[] {
  const seen = new Set<string>();
  const out: { e: Entry; s: number }[] = [];
  for (const e of entries) {
    if (e.markers.length === 0 || seen.has(e.label)) continue;
    seen.add(e.label);
    const tail = e.markers.slice(-wanted.length);
    let s = e.markers.length === wanted.length ? 2 : e.markers.length === wanted.length + 1 ? 1 : 0;
    tail.forEach((m, i) => {
      if (m === wanted[i]) s += 1.5;
    });
    if (e.markers[0] === wanted[0]) s += 0.5;
    out.push({ e, s: s - e.ord / 100000 });
  }
  return out.sort((a, b) => b.s - a.s).slice(0, 6);
}

/** The document's top-level numbered labels, shortened: "IV 1–3", "1–4", "HEREBY RESOLVES 1–3". */
function topLevelSummary(entries: Entry[]): string {
  const body = entries.filter((e) => e.markers.length > 0);
  if (body.length === 0) return "";
  // the deepest level that still has few labels reads best: "IV 1", "IV 2", "IV 3"
  const byPrefix = new Map<string, string[]>();
  for (const e of body) {
    if (e.markers.length !== 2 && !(e.markers.length === 1 && labelWords(e.label).length > 0)) continue;
    const last = e.label.split(/\s+/).at(-1)!;
    const prefix = e.label.slice(0, e.label.length - last.length).trim();
    const list = byPrefix.get(prefix) ?? [];
    if (!list.includes(last) && labelMarkers(last).length === 1) list.push(last);
    byPrefix.set(prefix, list);
  }
  // every group, so the summary never leaves a part out (a resolution has five or six at most)
  const groups = [...byPrefix].filter(([, l]) => l.length >= 2);
  const shown = groups.slice(0, 6).map(([p, l]) => `${p ? `${p} ` : ""}${l[0]}–${l.at(-1)}`);
  return `${shown.join(", ")}${groups.length > shown.length ? ", …" : ""}`;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
