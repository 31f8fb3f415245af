/**
 * The directory a command is about to write into (`collect compile --out DIR`, the folder of
 * `timeline --out FILE`), checked before anything is rendered: it is a directory, or can be made
 * under the nearest folder that exists, and a file can be written there. A refusal is one line
 * and exit 1, with nothing written. The levels are made one by one: Node's recursive mkdir spins
 * forever under a folder that refuses new entries without saying why (/proc/nope).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CliError } from "./io.ts";

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "a read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
};
const why = (e: unknown) => {
  const reason = REASONS[(e as NodeJS.ErrnoException).code ?? ""];
  return reason ? ` (${reason})` : "";
};

/** The entry at `p`, or null when nothing is there (or a file stands where a folder should be). */
function statOf(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return null;
    throw new CliError(`cannot read ${p}${why(e)}`, 1);
  }
}

/** Makes sure `dir` is a directory a file can be written into; its absolute path. `flag` names the option. */
export function prepareOutputDir(dir: string, flag: string): string {
  const target = path.resolve(dir);
  const missing: string[] = [];
  let existing = target;
  let st = statOf(existing);
  while (!st) {
    missing.unshift(existing);
    existing = path.dirname(existing);
    st = statOf(existing);
  }
  if (!st.isDirectory()) {
    throw new CliError(existing === target ? `${flag}: ${dir} is a file, not a directory` : `${flag}: ${existing} is a file, so ${dir} cannot be made a directory`, 1);
  }
  // Writing is the only sure test: permissions say nothing of read-only mounts or /proc.
  const probe = path.join(existing, `.secretariat-write-test-${randomBytes(4).toString("hex")}`);
  try {
    fs.writeFileSync(probe, "", { flag: "wx" });
    fs.rmSync(probe, { force: true });
  } catch (e) {
    throw new CliError(existing === target ? `${flag}: cannot write in ${dir}${why(e)}` : `${flag}: cannot make ${dir}: ${existing} does not take new files${why(e)}`, 1);
  }
  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new CliError(`${flag}: cannot make ${level}${why(e)}`, 1);
    }
  }
  return target;
}
