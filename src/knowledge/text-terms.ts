/**
 * How words become search terms: lower case, "co-operation" = "cooperation", stop words out, a
 * light English stemmer (cooperation, cooperate, cooperating → cooper), and the acronyms of the
 * field mapped both ways (CIS ↔ Customs Information System).
 */

const STOP = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing done down during each " +
    "few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own " +
    "same she should so some such than that the their theirs them then there these they this those through to too under until up upon very was we were what when where which while who whom why " +
    "will with would you your yours shall may might must also within whether e.g i.e etc per via thereof therein whose ie eg " +
    // words of the question, not of the answer
    "say says said tell please know want wanted explain describe give show find anything something document documents text texts mention mentions mentioned talk talks " +
    "stand stands acronym abbreviation define definition far advance often happen happens need needs needed required require supposed expected possible currently anyone somebody someone " +
    "one two three four five six seven eight nine ten main key list enumerate name named summarise summarize overview quote quoted " +
    "regarding concerning according mean meaning exactly kind sort thing things there's whats what's do does did hi hello thanks thank bot us let lets can't cannot"
  ).split(/\s+/),
);

/** Acronyms as the documents use them, with their expansions. */
export const ACRONYMS: Record<string, string> = {
  cis: "customs information system",
  jco: "joint customs operation",
  olaf: "european anti-fraud office",
  ccwp: "customs cooperation working party",
  lewp: "law enforcement working party",
  cosi: "standing committee on operational cooperation on internal security",
  europol: "european police office law enforcement cooperation agency",
  eurojust: "eurojust judicial cooperation",
  frontex: "european border coast guard agency external borders",
  empact: "european multidisciplinary platform against criminal threats",
  afis: "anti-fraud information system",
  siena: "secure information exchange network application",
  celbet: "customs eastern south-eastern land border expert team",
  jha: "justice home affairs",
  ms: "member states",
  eu: "european union",
  tfeu: "treaty functioning european union",
  teu: "treaty european union",
  octa: "organised crime threat assessment",
  socta: "serious organised crime threat assessment",
  fide: "customs files identification database",
  sis: "schengen information system",
  wco: "world customs organisation",
  pcwp: "police cooperation working party",
  mou: "memorandum understanding",
  naples: "naples convention mutual assistance cooperation customs administrations",
  uclaf: "unit coordination fraud prevention",
  coreper: "permanent representatives committee",
  scent: "system customs enforcement network",
  ict: "information communication technology",
};

/** Spelling variants delegates type for the same word. */
const VARIANTS: Record<string, string> = {
  organization: "organisation", organizations: "organisations", organized: "organised", organize: "organise", program: "programme", programs: "programmes",
  analyze: "analyse", analyzed: "analysed", harmonize: "harmonise", prioritize: "prioritise", prioritized: "prioritised", utilize: "utilise", recognize: "recognise",
  recognizing: "recognising", kept: "keep", centers: "centres", center: "centre", favor: "favour", labor: "labour", defense: "defence", licence: "license", trafficking: "traffic", smugglers: "smuggling", smuggle: "smuggling",
  aims: "aim", duration: "month", long: "month", months: "month", goals: "objective", goal: "objective", targets: "objective", priorities: "objective", priority: "objective", timeline: "timetable", catalog: "catalogue", catalogs: "catalogue", schedule: "timetable",
};

/**
 * Words delegates type for what the documents say in other words (question word → document
 * words). They join the typed word as alternatives, so "buying" also finds "purchase" and counts
 * as covered by it. Keep entries general: everyday words for the field's concepts, not phrasings
 * of particular passages.
 */
export const SYNONYMS: Record<string, string> = {
  buy: "purchase procure", buying: "purchase procure", bought: "purchase procure", procurement: "purchase", purchases: "purchase",
  gear: "equipment", kit: "equipment", devices: "equipment", device: "equipment", scanners: "equipment", tools: "equipment instruments",
  parcel: "postal courier", parcels: "postal courier", package: "postal courier", packages: "postal courier", post: "postal", mail: "postal",
  online: "internet digital electronic", web: "internet", cyber: "internet digital", website: "internet",
  shopping: "commerce", shop: "commerce", shops: "commerce", ecommerce: "commerce electronic", webshop: "commerce", webshops: "commerce", marketplaces: "commerce",
  check: "control", checks: "controls", checking: "controlling", inspection: "control", inspections: "controls", screening: "control",
  outer: "external", outside: "external", borders: "frontier", border: "frontier", frontiers: "border", frontier: "border",
  chosen: "identified designated", picked: "identified", selected: "identified", designated: "identified nominated",
  appoint: "nominate designate", appointed: "nominate", designate: "nominate", contact: "liaison",
  hiding: "concealment", hide: "concealment", hidden: "concealment", concealed: "concealment",
  trial: "pilot", trials: "pilot", experimental: "pilot", experiment: "pilot",
  talks: "discussions negotiations", negotiations: "discussions", negotiation: "discussions",
  finish: "conclude", finalise: "conclude", finalize: "conclude", complete: "conclude", completed: "conclude",
  money: "funding financial", funds: "funding financial", fund: "funding", finance: "financial funding", financing: "funding financial", pay: "funding", paid: "funding",
  child: "paedophile", children: "paedophile", abuse: "paedophile",
  change: "amend update revise", changed: "amended updated revised", changes: "amended updated", modify: "amend", modified: "amended", amendments: "amended",
  revising: "revised revision", revise: "revised revision", review: "reviewing evaluate", evaluation: "evaluate",
  teach: "training tuition", course: "training", courses: "training", train: "training", trained: "training", education: "training",
  together: "joint jointly", jointly: "joint",
  staff: "officials officers", agents: "officers officials", employees: "officials", personnel: "officials officers",
  narcotics: "drugs", cocaine: "drugs", heroin: "drugs",
  weapons: "arms", weapon: "arms", guns: "arms firearms", firearms: "arms",
  contraband: "smuggling illicit", smuggled: "smuggling",
  harbours: "ports", harbors: "ports", harbour: "port", harbor: "port", seaports: "ports",
  planes: "air", aviation: "air", airports: "air", flights: "air",
  rules: "legislation", regulations: "legislation",
  help: "assistance support", aid: "assistance", assist: "assistance", supporting: "support",
  intel: "intelligence", info: "information",
  swap: "exchange", sharing: "exchange", share: "exchange",
  tackle: "combat fight", tackling: "combating fighting", combat: "fight", fighting: "combating",
  terror: "terrorism", terrorists: "terrorism", terrorist: "terrorism",
  assess: "evaluate", assessing: "evaluating", monitoring: "evaluate", monitor: "evaluate",
  confiscate: "seizure", confiscation: "seizure", seize: "seizure", seized: "seizures",
  danger: "threat risk", dangers: "threats risks",
  countries: "states", country: "state",
  decide: "resolve", decided: "resolves",
  visits: "visit", trip: "visit", trips: "visits", mission: "visit",
  firms: "business economic operators", companies: "business economic operators", traders: "economic operators business", industry: "business",
  cops: "police", policing: "police",
  powers: "competences competencies", power: "competence competencies", competences: "powers", competencies: "powers", competence: "powers",
  job: "duties tasks", jobs: "duties tasks", role: "tasks", roles: "tasks", beyond: "exceed", exceeding: "exceed",
  tech: "technologies technology technical", later: "future subsequently",
  // what a resolution "asks" of someone, it "invites" them to do
  asks: "invites requested", asked: "invites requested", urges: "invites", urged: "invites",
  crooks: "criminals", gangs: "criminal organisations groups", mafia: "organised crime",
  prosecutors: "prosecution prosecutor", courts: "judicial", judges: "judicial",
};

/**
 * Two-word expressions replaced before the words are split: their words alone mean something
 * else ("write up" is not "write").
 */
export const PHRASES: [RegExp, string][] = [
  [/\bwr(?:ite|ote|itten|iting) up\b/gi, "report"],
  [/\bwrap(?:ped|ping)? up\b/gi, "conclude"],
  [/\bup[- ]to[- ]date\b/gi, "updated current"],
  [/\be-commerce\b/gi, "electronic commerce"],
  [/\bon[- ]line\b/gi, "online"],
  [/\bset up\b/gi, "establish"],
  [/\b(?:ask|asks|asked|call|calls|called) (?:on|upon) (?=\w)/gi, "invites "],
  [/\bask (?=(?:the )?(?:commission|member|customs|council|agenc|coreper|ccwp|lewp))/gi, "invites "],
  [/\bfollow[- ]up\b/gi, "follow-up"],
  // chat abbreviations, written out so that every later step (document names, labels) sees the word
  [/\bres\b(?!\.)/gi, "resolution"], [/\bstrats?\b/gi, "strategy"], [/\bprog\b/gi, "programme"], [/\bcomms\b/gi, "communication"],
  [/\badmins?\b/gi, "administration"], [/\bmgmt\b/gi, "management"], [/\bops\b/gi, "operations"], [/\bgovt\b/gi, "government"],
  [/\bregs?\b(?!\.)/gi, "regulation"], [/\breqs?\b/gi, "request"], [/\bintl\b/gi, "international"], [/\bnatl\b/gi, "national"],
  [/\bw\/o\b/gi, "without"], [/\bw\/\s?/gi, "with "], [/\binfo\b/gi, "information"],
];

/** Splits text into raw words, keeping "naples ii" style numerals as words. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/co-(?=op|ord)/g, "co")
    .replace(/[’']s\b/g, "")
    .split(/[^a-z0-9à-ÿ]+/)
    .filter((w) => w.length > 0);
}

const stemCache = new Map<string, string>();

/** The stem of one lower-case word (cached: a corpus has a few thousand distinct words). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = computeStem(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

function computeStem(word: string): string {
  let w = VARIANTS[word] ?? word;
  // plural acronyms: JCOs, MoUs
  if (w.endsWith("s") && ACRONYMS[w.slice(0, -1)]) return w.slice(0, -1);
  // short plurals ("ends", "arms") join their singular; "this", "bus", "gas" stay
  if (w.length === 4 && w.endsWith("s") && !/(?:ss|us|is|ys)$/.test(w)) return w.slice(0, -1);
  if (w.length <= 4 || /\d/.test(w)) return w;
  w = w.replace(/ys(?:is|es|e|ed|ing)$|yz(?:e|ed|ing)$|ytic(?:al)?$/, "ys");
  for (let round = 0; round < 3; round++) {
    const before = w;
    for (const [suffix, repl] of SUFFIXES) {
      if (w.endsWith(suffix) && w.length - suffix.length + repl.length >= 4) {
        w = w.slice(0, w.length - suffix.length) + repl;
        break;
      }
    }
    if (w.endsWith("at") && w.length > 6) w = w.slice(0, -2);
    if (w === before) break;
  }
  return w;
}

const SUFFIXES: [string, string][] = [
  // organise, organised, organising join organisation (organ); expertise joins expert
  ["ising", ""], ["ised", ""], ["ises", ""], ["ise", ""], ["izing", ""], ["ized", ""], ["izes", ""], ["ize", ""],
  ["ifications", "if"], ["ification", "if"], ["ifies", "if"], ["ified", "if"], ["ify", "if"], ["isations", ""], ["izations", ""], ["isation", ""], ["ization", ""], ["ational", ""], ["ations", ""], ["ation", ""], ["atives", ""], ["ative", ""], ["ities", ""],
  ["ments", ""], ["ment", ""], ["ness", ""], ["ings", ""], ["ing", ""], ["ions", ""], ["ion", ""], ["ives", ""], ["ive", ""], ["ies", "y"], ["ied", "y"], ["ity", ""],
  ["ates", ""], ["ate", ""], ["ers", ""], ["er", ""], ["ed", ""], ["ly", ""], ["al", ""], ["ic", ""], ["es", ""], ["s", ""], ["e", ""], ["y", ""],
];

/** Whether a lower-case word carries no meaning for retrieval. */
export const isStopWord = (w: string) => STOP.has(w);

/** Question words delegates often mistype ("waht", "whta", "wich"); a slip of one is no topic. */
export const QUESTION_WORDS: readonly string[] = ["what", "when", "where", "which", "does", "that", "this", "with", "have", "about", "there", "their", "could", "would", "should", "whats"];

/** The stems of the document words a question word stands for ("buying" → purchas, procur). */
export function synonymStems(w: string): string[] {
  const s = synonymsOf(w);
  return s ? s.split(" ").map((x) => stem(x)) : [];
}

let synonymForms: Map<string, string> | undefined;

/**
 * The document words for a question word, looked up as typed, else as an inflection of an entry
 * ("shops", "buys", "checked"). Not by stem: "plans" and "planes" share one.
 */
export function synonymsOf(w: string): string | undefined {
  const direct = SYNONYMS[w];
  if (direct !== undefined) return direct;
  if (!synonymForms) {
    synonymForms = new Map();
    for (const [k, v] of Object.entries(SYNONYMS)) {
      const base = k.endsWith("e") ? k.slice(0, -1) : k;
      for (const f of [`${k}s`, `${k}es`, `${k}d`, `${k}ed`, `${base}ing`, `${base}ed`]) if (!SYNONYMS[f] && !synonymForms.has(f)) synonymForms.set(f, v);
    }
  }
  return synonymForms.get(w);
}

/** The question with its two-word expressions rewritten ("write up" → "report"). */
export function rewritePhrases(question: string): string {
  let q = question;
  for (const [re, to] of PHRASES) q = q.replace(re, to);
  return q;
}

/** Search terms of a text: stems of its words, stop words removed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP.has(w))
    .map(stem);
}

/** Damerau–Levenshtein distance of two short words, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length]!;
}

/** Acronyms whose expansion appears in `text` (so "Joint Customs Operations" also finds "JCO"). */
export function acronymsIn(text: string): string[] {
  return acronymsInStems(terms(text));
}

let expansionStems: [string, string][] | undefined;

/** Same as acronymsIn, for text already turned into terms. */
export function acronymsInStems(stems: string[]): string[] {
  expansionStems ??= Object.entries(ACRONYMS)
    .map(([acr, expansion]): [string, string[]] => [acr, expansion.split(" ").filter((w) => !STOP.has(w)).map(stem)])
    .filter(([, e]) => e.length >= 2)
    .map(([acr, e]) => [acr, ` ${e.join(" ")} `]);
  const found: string[] = [];
  const t = ` ${stems.join(" ")} `;
  for (const [acr, exp] of expansionStems) if (t.includes(exp)) found.push(acr);
  return found;
}

/** Expands the acronyms among `ws` (raw lower-case words) into the stems of their expansions. */
export function expandAcronyms(ws: string[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    const exp = ACRONYMS[w];
    if (exp) for (const e of words(exp)) if (!STOP.has(e)) out.push(stem(e));
  }
  return out;
}
