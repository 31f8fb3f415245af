/** botbuilder stays inside adapters/teams, so moving to the Microsoft 365 Agents SDK touches that folder only. */
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

describe("botbuilder boundary", () => {
  it("is imported only under adapters/teams", () => {
    const offenders = ["src", "adapters", "tests", "bench", "scripts", "bin"]
      .flatMap(files)
      .filter((f) => !f.startsWith(path.join("adapters", "teams") + path.sep) && f !== path.join("tests", "adapters", "teams", "boundaries.test.ts"))
      .filter((f) => /(?:from|import)\s*\(?\s*["'](?:botbuilder|botframework-)[^"']*["']/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("is really used there (the check looks at the right files)", () => {
    const users = files(path.join("adapters", "teams")).filter((f) => /from "botbuilder"/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(users.length).toBeGreaterThan(3);
  });
});
