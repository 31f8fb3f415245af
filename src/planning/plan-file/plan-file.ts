/**
 * The plan file (`secretariat import plan FILE`, /work/shared/DESIGN.md "Plan file"): YAML, or CSV
 * with one row per deadline. Validated with zod; unknown keys are refused; every error names the
 * line and the field, so the secretariat can fix the file and import it again.
 */
import { createRequire } from "node:module";
import type { LineCounter, Node as YamlNode } from "yaml";

// The parsers are loaded when a plan file is read, not by every command that imports planning.
const load = createRequire(import.meta.url);
const yaml = () => load("yaml") as typeof import("yaml");
import { z } from "zod";
import { Delegation } from "../../store/delegation.ts";
import { isCivilDate } from "../../time/civil-date.ts";
import { computeCycle } from "../cycle/cycle.ts";
import { parseDeadlinePhrase } from "../phrases/deadline-phrase.ts";

const Civil = z.string().refine(isCivilDate, "a calendar day written YYYY-MM-DD");
const Code = z.string().trim().min(1, "must not be empty").max(40).regex(/^[A-Za-z0-9._/-]+$/, "letters, digits, dots, dashes (e.g. 12.1)");
const Text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/** One deadline of an action: the words (any phrase the bot reads) and what is due. */
export const PlanDeadline = z.strictObject({ due: z.union([Text(200), z.number().int().transform(String)]), what: Text(500).optional() });

/** One action of a plan. */
export const PlanAction = z.strictObject({
  code: z.union([Code, z.number().transform(String)]),
  title: Text(2000),
  section: Text(300).optional(),
  terms: z.strictObject({ goals: Text(5000).optional(), outcome: Text(5000).optional() }).optional(),
  lead: z.strictObject({ delegation: Delegation.optional(), user: Text(100).optional() }).optional(),
  participants: z.array(Delegation).max(60).optional(),
  objectives: z.array(Text(100)).max(50).optional(),
  deadlines: z.array(PlanDeadline).max(50).optional(),
});

/** A whole plan file. */
export const PlanFileSchema = z
  .strictObject({
    workingParty: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{1,20}$/, "a working party code such as CCWP"),
    number: z.coerce.number().int().min(1).max(100_000),
    title: Text(300),
    start: Civil,
    end: Civil.optional(),
    adoptNextBy: Civil.optional(),
    strategy: Text(100).optional(),
    actions: z.array(PlanAction).min(1, "a plan needs at least one action").max(2000),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.actions.forEach((a, i) => {
      if (seen.has(a.code)) ctx.addIssue({ code: "custom", path: ["actions", i, "code"], message: `action code ${a.code} appears twice` });
      seen.add(a.code);
    });
    if (p.end && p.end < p.start) ctx.addIssue({ code: "custom", path: ["end"], message: "the end is before the start" });
    // Phrases are read against the plan's period: "under the Irish Presidency" is the term nearest
    // it. Without an end in the file, the default cycle's (the importer reads again with the
    // working party's own rule).
    const end = p.end ?? (isCivilDate(p.start) ? computeCycle({ start: p.start }).end : p.start);
    p.actions.forEach((a, i) =>
      a.deadlines?.forEach((d, j) => {
        const r = parseDeadlinePhrase(d.due, { reference: p.start, referenceEnd: end });
        if (!r.ok) ctx.addIssue({ code: "custom", path: ["actions", i, "deadlines", j, "due"], message: r.error });
      }),
    );
  });

/** A validated plan file. */
export type PlanFile = z.infer<typeof PlanFileSchema>;
/** A plan file before validation (what the 1997 extraction builds). */
export type PlanFileInput = z.input<typeof PlanFileSchema>;

/** Names where in the file a path is: "line 9, actions[0].objectives[0]" (YAML), "line 3, due" (CSV). */
export type PlanLocator = (path: PropertyKey[]) => string;

/**
 * Parsing a plan file gives a plan, with `where` to name a line and field in later findings (the
 * importer's warnings), or the list of errors, each naming a line and field.
 */
export type PlanFileResult = { ok: true; plan: PlanFile; where: PlanLocator } | { ok: false; errors: string[] };

/** Reads a plan file by name: ".csv" is CSV, anything else YAML (JSON is YAML too). */
export function parsePlanFile(text: string, fileName: string): PlanFileResult {
  return /\.csv$/i.test(fileName) ? parsePlanCsv(text) : parsePlanYaml(text);
}

/** Validates an object already built (the 1997 extraction uses this too). */
export function validatePlan(value: unknown, where: (path: PropertyKey[], lineAt?: PropertyKey[]) => string = pathText): PlanFileResult {
  const parsed = PlanFileSchema.safeParse(value);
  if (parsed.success) return { ok: true, plan: parsed.data, where: (path) => where(path) };
  // An unknown key is reported on its own line, under its parent's path.
  return {
    ok: false,
    errors: parsed.error.issues.slice(0, 20).map((i) => `${where(i.path, i.code === "unrecognized_keys" ? [...i.path, i.keys[0]!] : i.path)}: ${issueText(i)}`),
  };
}

function issueText(i: z.core.$ZodIssue): string {
  if (i.code === "unrecognized_keys") return `unknown key${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}`;
  if (i.code === "invalid_type" && i.input === undefined) return "missing";
  return i.message;
}

/** "actions[3].deadlines[0].due" */
export function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "file";
}

/** YAML: errors carry the line of the node (or of its parent, when a key is missing). */
export function parsePlanYaml(text: string): PlanFileResult {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.slice(0, 5).map((e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split("\n")[0]}`) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (e) {
    // An alias bomb ("billion laughs": anchors of anchors, each repeated) would expand a 1 KB file
    // into gigabytes; yaml stops it and throws. Say where, as for any other mistake in the file.
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return { ok: false, errors: [`line ${aliasLine(doc, lines)}: too many aliases: anchors that repeat anchors expand beyond ${MAX_ALIAS_COUNT} copies; write the values out`] };
    }
    return { ok: false, errors: [`line 1: ${(e as Error).message.split("\n")[0]}`] };
  }
  return validatePlan(value, (path, lineAt = path) => {
    let node: unknown = doc.contents;
    let line: number | undefined = lineOf(node as YamlNode, lines);
    for (const key of lineAt) {
      if (yaml().isMap(node)) node = node.get(key as string, true);
      else if (yaml().isSeq(node)) node = node.get(key as number, true);
      else break;
      const l = lineOf(node as YamlNode, lines);
      if (l !== undefined) line = l;
      else break;
    }
    return `line ${line ?? 1}, ${pathText(path)}`;
  });
}

/** How many copies aliases may make in one plan file (yaml's own default, kept explicit). */
const MAX_ALIAS_COUNT = 100;

/**
 * The line to name for an alias bomb: the first alias whose anchor itself holds aliases (where
 * the copies start to multiply), else the first alias.
 */
function aliasLine(doc: import("yaml").Document, lines: LineCounter): number {
  const { visit } = yaml();
  let first: number | undefined;
  let nested: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      const line = lineOf(node as unknown as YamlNode, lines);
      first ??= line;
      const target = node.resolve(doc);
      let holdsAlias = false;
      if (target) visit(target as never, { Alias: () => ((holdsAlias = true), visit.BREAK) });
      if (holdsAlias && nested === undefined) {
        nested = line;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return nested ?? first ?? 1;
}

function lineOf(node: YamlNode | undefined, lines: LineCounter): number | undefined {
  const offset = node && (node as { range?: [number, number, number] }).range?.[0];
  return offset === undefined || offset === null ? undefined : lines.linePos(offset).line;
}

/** Columns of a CSV plan file, one row per deadline (an action without deadlines: empty due). */
export const CSV_COLUMNS = [
  "workingParty", "number", "title", "start", "end", "adoptNextBy", "strategy",
  "code", "actionTitle", "section", "goals", "outcome", "leadDelegation", "leadUser", "participants", "objectives", "due", "what",
] as const;
const REQUIRED_COLUMNS = ["workingParty", "number", "title", "start", "code", "actionTitle"];

/**
 * CSV: plan columns repeat on every row and must agree; rows with the same code are one action;
 * lists (participants, objectives) are separated by ";". Errors name the line of the row.
 */
export function parsePlanCsv(text: string): PlanFileResult {
  let rows: Record<string, string>[];
  let header: string[] = [];
  try {
    const columns = (h: string[]) => (header = h.map((c) => c.trim()));
    const { parse: parseCsv } = load("csv-parse/sync") as typeof import("csv-parse/sync");
    rows = parseCsv(text, { columns, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  } catch (e) {
    return { ok: false, errors: [`CSV: ${(e as Error).message.split("\n")[0]}`] };
  }
  if (rows.length === 0) return { ok: false, errors: ["line 1: the file has a header but no rows"] };
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return { ok: false, errors: [`line 1: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; columns are ${CSV_COLUMNS.join(",")}`] };
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { ok: false, errors: [`line 1: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`] };
  const errors: string[] = [];
  const first = rows[0]!;
  const opt = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
  const list = (v: string | undefined) => (opt(v) ? v!.split(";").map((x) => x.trim()).filter(Boolean) : undefined);
  const actions = new Map<string, { value: Record<string, unknown>; line: number }>();
  const rowLine: { action: number; deadline: number; line: number }[] = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    for (const k of ["workingParty", "number", "title", "start", "end", "adoptNextBy", "strategy"])
      if ((r[k] ?? "") !== "" && (first[k] ?? "") !== "" && r[k] !== first[k]) errors.push(`line ${line}, ${k}: "${r[k]}" differs from line 2 ("${first[k]}"); a file holds one plan`);
    const code = r.code ?? "";
    let a = actions.get(code);
    if (!a) {
      const lead = opt(r.leadDelegation) || opt(r.leadUser) ? { delegation: opt(r.leadDelegation), user: opt(r.leadUser) } : undefined;
      const terms = opt(r.goals) || opt(r.outcome) ? { goals: opt(r.goals), outcome: opt(r.outcome) } : undefined;
      a = {
        line,
        value: { code, title: r.actionTitle ?? "", section: opt(r.section), terms, lead, participants: list(r.participants), objectives: list(r.objectives), deadlines: [] },
      };
      actions.set(code, a);
    }
    if (opt(r.due)) {
      const dl = a.value.deadlines as unknown[];
      rowLine.push({ action: [...actions.keys()].indexOf(code), deadline: dl.length, line });
      dl.push({ due: r.due, what: opt(r.what) });
    }
  });
  if (errors.length) return { ok: false, errors };
  const plan = {
    workingParty: first.workingParty,
    number: first.number,
    title: first.title,
    start: first.start,
    end: opt(first.end),
    adoptNextBy: opt(first.adoptNextBy),
    strategy: opt(first.strategy),
    actions: [...actions.values()].map((a) => a.value),
  };
  const actionLines = [...actions.values()].map((a) => a.line);
  return validatePlan(plan, (path) => {
    let line = 2;
    if (path[0] === "actions" && typeof path[1] === "number") {
      line = actionLines[path[1]] ?? 2;
      if (path[2] === "deadlines" && typeof path[3] === "number") line = rowLine.find((r) => r.action === path[1] && r.deadline === path[3])?.line ?? line;
    }
    const column = path[0] === "actions" ? ({ title: "actionTitle", lead: path[3] === "user" ? "leadUser" : "leadDelegation", terms: path[3] === "outcome" ? "outcome" : "goals", deadlines: path[4] === "what" ? "what" : "due" } as Record<string, string>)[String(path[2])] ?? String(path[2] ?? "code") : String(path[0]);
    return `line ${line}, ${column}`;
  });
}
