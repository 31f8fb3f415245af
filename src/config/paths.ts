/**
 * Where the project's own files are (prisma/, data/), found from this module's location so it works
 * both from the TypeScript sources and from the compiled copy in dist/.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "prisma"))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error("cannot find the project root (package.json beside prisma/)");
}

/** The project root: the folder with package.json, prisma/ and data/. */
export const projectRoot = findRoot();

/** A path inside the project, e.g. `projectPath("data", "corpus")`. */
export const projectPath = (...parts: string[]) => path.join(projectRoot, ...parts);
