#!/usr/bin/env node
// Entry point of the `secretariat` command. It runs the TypeScript sources as they are: Node strips
// the types itself (22.18 and later), so there is no build step, nothing that a production install
// (`npm ci --omit=dev`) cannot do, and what runs is always what is there.
import fs from "node:fs";
import v8 from "node:v8";

const args = process.argv.slice(2);

// Older Node cannot read the TypeScript sources; say so in one line rather than with a stack trace.
const [major, minor] = process.versions.node.split(".").map(Number);
const supported = (major === 22 && minor >= 18) || major >= 24;

// `--version` loads nothing: a script asking for it should not pay for the bot.
if (!supported) {
  process.stderr.write(`secretariat: needs Node.js 22.18 or later (this is ${process.version}); see README "Install and run"\n`);
  process.exitCode = 1;
} else if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
} else {
  await run();
}

async function run() {
  // Compile WebAssembly (Prisma's query compiler, Node's type stripper) with the baseline compiler
  // only. Optimising it in the background costs more CPU and memory than it wins back: a one-shot
  // command saves about 0.4 s of CPU and 70 MB; `start`, whose query plans are compiled once and
  // cached, stays about 45 MB smaller and serves the console's heaviest pages on no more CPU.
  v8.setFlagsFromString("--liftoff-only");
  if (args[0] !== "start") v8.setFlagsFromString("--max-semi-space-size=1");

  const { main } = await import("../src/cli/main.ts");
  // The platform adapters are loaded only by the commands that talk to a platform (start, say, ticks).
  const code = await main(args, async () => (await import("../adapters/index.ts")).adapterKit);
  // The process ends on its own once stdout and stderr have drained: process.exit() here would cut
  // output still queued for a pipe (a script reading `--json` got 64 KB of 700). Should a handle
  // outlive the command (an idle pool socket), an unref'd timer ends it once the output is out.
  process.exitCode = code;
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => (s.writableLength === 0 ? resolve() : s.write("", resolve)))));
  if (args[0] !== "start") setTimeout(() => process.exit(code), 1000).unref();
}
