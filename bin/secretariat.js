#!/usr/bin/env node
// Entry point of the `secretariat` command: TypeScript sources run through tsx's loader.
import { register } from "tsx/esm/api";

register();
const [{ main }, { adapterKit }] = await Promise.all([import("../src/cli/main.ts"), import("../adapters/index.ts")]);
const code = await main(process.argv.slice(2), adapterKit);
// Database pools may keep idle sockets open for a while; a finished command should not wait for them.
process.exit(code);
