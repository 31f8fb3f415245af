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

describe("architecture", () => {
  const core = files("src");

  it("keeps Slack, Teams and the adapters out of src/", () => {
    const offenders = core.flatMap((f) => imports(f).filter((i) => /^@slack\/|^botbuilder|adapters\//.test(i)).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it("lets only src/store import Prisma", () => {
    const offenders = core
      .filter((f) => !f.startsWith("src/store/"))
      .flatMap((f) => imports(f).filter((i) => /^@prisma\/|generated\//.test(i)).map((i) => `${f} → ${i}`));
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

  it("lets only src/config read process.env", () => {
    const offenders = core.filter((f) => !f.startsWith("src/config/") && /process\.env/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("uses named exports only", () => {
    const offenders = [...core, ...files("adapters")].filter((f) => /^export default/m.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
