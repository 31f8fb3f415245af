/**
 * Writes the two provider schemas from the one source, prisma/schema.base.prisma.
 * Prisma takes one provider per schema file; the models must not drift apart, so nobody edits the
 * generated files (tests/store/schema-in-step.test.ts fails if they differ from what this writes).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];
const folder = (p: Provider) => (p === "sqlite" ? "sqlite" : "postgres");

/** The schema text for one provider, e.g. `providerSchema("sqlite")`. */
export function providerSchema(provider: Provider): string {
  const base = fs.readFileSync(path.join(root, "prisma/schema.base.prisma"), "utf8");
  return `// GENERATED from prisma/schema.base.prisma by \`npm run db:schemas\`. Do not edit.
generator client {
  provider = "prisma-client"
  output   = "../../src/generated/${folder(provider)}"
}

datasource db {
  provider = "${provider}"
}

${base}`;
}

export const schemaPath = (p: Provider) => path.join(root, "prisma", folder(p), "schema.prisma");

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const p of PROVIDERS) {
    fs.mkdirSync(path.dirname(schemaPath(p)), { recursive: true });
    fs.writeFileSync(schemaPath(p), providerSchema(p));
    console.log(`wrote ${path.relative(root, schemaPath(p))}`);
  }
}
