#!/usr/bin/env node
// Entry point of the `secretariat` command. `npm install` compiles the TypeScript into dist/
// (npm run build); that copy starts about twice as fast. When any source is newer than the build
// (someone is editing), the sources run through tsx instead, so what runs is always what is there.
import fs from "node:fs";
import v8 from "node:v8";
import path from "node:path";
import { fileURLToPath } from "node:url";

// One-shot commands: compile Prisma's WebAssembly query compiler with the baseline compiler only.
// Optimising it in the background costs more CPU and memory than a short command ever wins back
// (measured: about 0.4 s of CPU and 70 MB less per command). The long-running `start` keeps it.
if (process.argv[2] !== "start") {
  v8.setFlagsFromString("--liftoff-only");
  v8.setFlagsFromString("--max-semi-space-size=1");
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stamp = path.join(root, "dist", ".built");

function newestSource(dir, newest = 0) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = newestSource(p, newest);
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  try {
    const built = fs.statSync(stamp).mtimeMs;
    return ["src", "adapters"].every((d) => newestSource(path.join(root, d)) <= built);
  } catch {
    return false;
  }
}

let modules;
if (buildIsFresh()) {
  modules = [path.join(root, "dist/src/cli/main.js"), path.join(root, "dist/adapters/index.js")];
} else {
  const { register } = await import("tsx/esm/api");
  register();
  modules = [path.join(root, "src/cli/main.ts"), path.join(root, "adapters/index.ts")];
}
const [{ main }, { adapterKit }] = await Promise.all(modules.map((m) => import(m)));
const code = await main(process.argv.slice(2), adapterKit);
// The process ends on its own once stdout and stderr have drained: process.exit() here would cut
// output still queued for a pipe (a script reading `--json` got 64 KB of 700). Should a handle
// outlive the command (an idle pool socket), an unref'd timer ends it once the output is out.
process.exitCode = code;
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => (s.writableLength === 0 ? resolve() : s.write("", resolve)))));
if (process.argv[2] !== "start") setTimeout(() => process.exit(code), 1000).unref();
