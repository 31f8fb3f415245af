/** The Teams adapter runs on the Microsoft 365 Agents SDK: no botbuilder left, and the SDK stays inside adapters/teams. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../../support/cli.ts";

function files(dir: string): string[] {
  if (!fs.existsSync(path.join(root, dir))) return [];
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" || d.name === "node_modules" ? [] : files(rel);
    return /\.(ts|js|mjs)$/.test(d.name) ? [rel] : [];
  });
}
const importsOf = (f: string, pattern: RegExp) => [...fs.readFileSync(path.join(root, f), "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!).filter((i) => pattern.test(i));
const tree = ["src", "adapters", "tests", "bench", "scripts", "bin", "eval"].flatMap(files);

describe("the Teams SDK", () => {
  it("is no longer botbuilder: no import of botbuilder or botframework-* anywhere, and no such dependency", () => {
    expect(tree.filter((f) => importsOf(f, /^(?:botbuilder|botframework-)/).length > 0)).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(deps.filter((d) => /^botbuilder|^botframework-/.test(d))).toEqual([]);
  });

  it("is the Agents SDK, pinned exactly", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const name of ["@microsoft/agents-hosting", "@microsoft/agents-activity"]) expect(pkg.dependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("is imported only under adapters/teams (and by the Teams tests)", () => {
    const offenders = tree
      .filter((f) => !f.startsWith(path.join("adapters", "teams") + path.sep) && !f.startsWith(path.join("tests", "adapters", "teams") + path.sep))
      .filter((f) => importsOf(f, /^@microsoft\/agents-/).length > 0);
    expect(offenders).toEqual([]);
  });

  it("is really used there (the check looks at the right files)", () => {
    const users = files(path.join("adapters", "teams")).filter((f) => importsOf(f, /^@microsoft\/agents-/).length > 0);
    expect(users.length).toBeGreaterThan(5);
  });
});
