/** Dependencies point inward: the core knows no platform, only the store knows Prisma. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./support/cli.ts";

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : files(rel);
    return /\.tsx?$/.test(d.name) ? [rel] : [];
  });
}
const imports = (file: string) => [...fs.readFileSync(path.join(root, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);

/** src/<folder> → the src/ folders its files import (relative imports, types included). */
function folderGraph(sources: string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const f of sources) {
    const from = f.split(path.sep)[1]!;
    for (const i of imports(f).filter((x) => x.startsWith("."))) {
      const target = path.normalize(path.join(path.dirname(f), i)).split(path.sep);
      if (target[0] !== "src" || target.length < 3 || target[1] === from || target[1] === "generated") continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(target[1]!)) edges.set(target[1]!, f); // one file that makes the edge, to name it
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle between folders, each as "a → b → a" with the files that make its edges. */
function folderCycles(graph: Map<string, Map<string, string>>): string[] {
  const cycles = new Set<string>();
  const walk = (node: string, trail: string[]) => {
    for (const next of graph.get(node)?.keys() ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) {
        const loop = [...trail.slice(at), next];
        const start = loop.indexOf([...loop.slice(0, -1)].sort()[0]!); // one spelling per cycle
        const turned = [...loop.slice(start, -1), ...loop.slice(0, start), loop[start]!];
        cycles.add(turned.map((n, k) => (k === turned.length - 1 ? n : `${n} (${graph.get(n)!.get(turned[k + 1]!)})`)).join(" → "));
      } else if (trail.length < 12) walk(next, [...trail, next]);
    }
  };
  for (const node of graph.keys()) walk(node, [node]);
  return [...cycles].sort();
}

describe("architecture", () => {
  const core = files("src");

  it("has no cycle between the folders of src/: each folder depends only on folders below it", () => {
    expect(folderCycles(folderGraph(core))).toEqual([]);
  });

  it("keeps Slack, Teams and the adapters out of src/", () => {
    const offenders = core.flatMap((f) => imports(f).filter((i) => /^@slack\/|^botbuilder|adapters\//.test(i)).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it("lets only src/store import Prisma", () => {
    const offenders = [...core.filter((f) => !f.startsWith("src/store/")), ...files("adapters")].flatMap((f) =>
      imports(f)
        .filter((i) => /^@prisma\/|generated\//.test(i))
        .map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  // Any Prisma model reached outside src/store, whatever the client is called (`db.member.findMany(`,
  // `client.collection\n  .findFirst(`, `this.prisma.delivery.count(`): the model names are read from
  // the schema, so a new model is covered. Repositories are named for aggregates (`members`,
  // `collections`), never for a model, so `uow.members.inWorkingParty(` does not match.
  it("reaches Prisma's models only from src/store, however the client is named", () => {
    const schema = fs.readFileSync(path.join(root, "prisma", "schema.base.prisma"), "utf8");
    const models = [...schema.matchAll(/^model\s+(\w+)/gm)].map((m) => m[1]![0]!.toLowerCase() + m[1]!.slice(1));
    expect(models).toContain("member");
    const ops = "findMany|findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy";
    const access = new RegExp(`\\.\\s*(?:${models.join("|")})\\s*\\.\\s*(?:${ops})\\s*\\(|\\$(?:queryRaw|executeRaw)\\w*\\b`, "g");
    const offenders = [...core.filter((f) => !f.startsWith("src/store/")), ...files("adapters")].flatMap((f) => {
      const text = fs.readFileSync(path.join(root, f), "utf8");
      return [...text.matchAll(access)].map((m) => `${f}:${text.slice(0, m.index).split("\n").length}: ${m[0].replace(/\s+/g, "")}`);
    });
    expect(offenders).toEqual([]);
  });

  // A Prisma query outside src/store, through the store's client (`store.db.member.`) or a
  // transaction client (`tx.action.update`), or a transaction opened by hand (`db.$transaction`).
  // Jobs and adapters call repositories and the store's unit of work instead, so each query and
  // rule lives once, in src/store, and what a command writes commits together.
  it("lets only src/store query the database or open a transaction", () => {
    const query = /\.db\.[a-z]\w*\.|\$transaction\b|\btx\.[a-z]\w*\.(?:find|create|update|delete|upsert|count|aggregate|groupBy)/;
    const offenders = [...core.filter((f) => !f.startsWith("src/store/")), ...files("adapters")].flatMap((f) =>
      fs
        .readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .flatMap((line, i) => (query.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 80)}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  // The store's client handed on outside src/store (`store.db`, `ctx.deps.store.db`, `uow.store.db`):
  // whoever receives it can query any model, so the repositories stop being the only way in.
  // Code outside src/store takes `store.repos`, a unit of work, or the store itself.
  it("hands the store's client to nothing outside src/store", () => {
    const handed = /\bstore\.db\b/;
    const offenders = [...core.filter((f) => !f.startsWith("src/store/")), ...files("adapters")].flatMap((f) =>
      fs
        .readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .flatMap((line, i) => (handed.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 80)}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it("lets only src/config read process.env", () => {
    const offenders = core.filter((f) => !f.startsWith("src/config/") && /process\.env/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("uses named exports only", () => {
    const offenders = [...core, ...files("adapters")].filter((f) => /^export default/m.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  // One rule for how a day is written for people (issue 14 item 17): longDate in src/time/civil-date.ts.
  // A second formatter (toLocaleDateString, Intl month names) is how "20 December 2026" and another form drift apart.
  it("writes a day in words in one place", () => {
    const formatter = /toLocaleDateString|\bmonth:\s*["'](?:long|short)["']|export function longDate/;
    const offenders = [...core, ...files("adapters")].filter((f) => f !== "src/time/civil-date.ts" && formatter.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
