/**
 * Installing like any Node service (issue 14 items 7 and 8): `npm ci --omit=dev` must work, so
 * nothing that runs at install needs a dev dependency; and the install is free of EBADENGINE
 * warnings, so `engines` admits only Node versions that every locked package supports.
 */
import fs from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { root } from "../support/cli.ts";

interface Manifest {
  engines?: { node?: string };
  scripts: Record<string, string>;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
const pkg = read(path.join(root, "package.json"));
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: Record<string, string> | string[]; dev?: boolean; optionalDependencies?: Record<string, string> } & Partial<Record<"dependencies" | "devDependencies", Record<string, string>>>>;
};

/** The commands a package script runs, following `npm run X` into X. */
function commandsOf(script: string, seen = new Set<string>()): string[] {
  return script.split(/&&|\|\||;/).flatMap((part) => {
    const words = part.trim().split(/\s+/);
    const run = words[0] === "npm" && words[1] === "run" ? words[2] : undefined;
    if (run) {
      if (seen.has(run)) return [];
      seen.add(run);
      return commandsOf(pkg.scripts[run] ?? "", seen);
    }
    return words[0] ? [words[0]] : [];
  });
}

/** The binaries that the production dependencies put on PATH for package scripts. */
function productionBinaries(): Set<string> {
  const bins = new Set<string>();
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const m = read(path.join(root, "node_modules", name, "package.json"));
    if (typeof m.bin === "string") bins.add(name.replace(/^@[^/]+\//, ""));
    else for (const b of Object.keys(m.bin ?? {})) bins.add(b);
  }
  return bins;
}

describe("installing the package", () => {
  it("has a lock file `npm ci` accepts: every dependency of package.json as written, every optional platform package listed", () => {
    // npm ci refuses a lock whose root differs from package.json, or that lacks the optional
    // packages of another platform (the 24 @rollup/* entries `npm install` on one machine dropped).
    const rootEntry = lock.packages[""]!;
    const differ = (["dependencies", "devDependencies", "optionalDependencies"] as const).flatMap((field) =>
      Object.entries((pkg as unknown as Record<string, Record<string, string> | undefined>)[field] ?? {}).flatMap(([name, spec]) =>
        (rootEntry[field] as Record<string, string> | undefined)?.[name] === spec ? [] : [`${field} ${name} ${spec}`],
      ),
    );
    expect(differ).toEqual([]);
    const listed = new Set(Object.keys(lock.packages).map((k) => k.replace(/^.*node_modules\//, "")));
    const missing = Object.entries(lock.packages).flatMap(([where, p]) => Object.keys(p.optionalDependencies ?? {}).filter((d) => !listed.has(d)).map((d) => `${where || "(root)"} → ${d}`));
    expect(missing).toEqual([]);
  });

  it("runs nothing at install that needs a dev dependency (npm ci --omit=dev works)", () => {
    const bins = productionBinaries();
    const lifecycle = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"];
    const commands = lifecycle.flatMap((s) => (pkg.scripts[s] ? commandsOf(pkg.scripts[s]) : []));
    expect(commands.filter((c) => c !== "node" && !bins.has(c))).toEqual([]);
  });

  it("needs no dev dependency to start: the binary is the sources themselves, not a build", () => {
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.build).toBeUndefined();
    expect(pkg.bin).toEqual({ secretariat: "bin/secretariat.js" });
  });

  it("admits only Node versions that every locked package supports (no EBADENGINE)", () => {
    const ours = pkg.engines?.node;
    expect(ours && semver.validRange(ours)).toBeTruthy();
    const refused = Object.entries(lock.packages).flatMap(([where, p]) => {
      const theirs = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      return where && theirs && !semver.subset(ours!, theirs) ? [`${where.replace(/^.*node_modules\//, "")} wants ${theirs}`] : [];
    });
    expect(refused).toEqual([]);
  });

  it("admits only Node versions that run TypeScript without a loader (type stripping, 22.18 and later)", () => {
    expect(semver.subset(pkg.engines!.node!, ">=22.18")).toBe(true);
    expect(semver.satisfies(process.version, pkg.engines!.node!)).toBe(true);
  });
});
