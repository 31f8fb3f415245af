/**
 * Once `start` is up, one full collection that also shrinks V8's young generation. Starting (the
 * modules, the query compiler, the runtime) grows that to its 32 MB maximum, and V8 keeps it, with
 * the start-up garbage, until its memory reducer runs after about half a minute idle. Node has no
 * API for a memory-reducing collection: `--expose-gc` set now gives `gc` to a new context only, and
 * is switched off again at once.
 */
import v8 from "node:v8";
import vm from "node:vm";

type Gc = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

export function releaseStartupMemory(): void {
  v8.setFlagsFromString("--expose-gc");
  try {
    (vm.runInNewContext("gc") as Gc)({ type: "major", execution: "sync", flavor: "last-resort" });
  } finally {
    v8.setFlagsFromString("--no-expose-gc");
  }
}
