/**
 * Validates a Teams manifest offline against Microsoft's published JSON schema for its
 * manifestVersion, bundled in @microsoft/app-manifest (its own validateManifest downloads the
 * schema from $schema, which this machine cannot reach).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ManifestUtil } from "@microsoft/app-manifest";

const require = createRequire(import.meta.url);

/** Problems Microsoft's schema reports for `manifest` (empty when valid). */
export async function validateTeamsManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const version = String(manifest.manifestVersion);
  const pkg = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = path.join(pkg, "build/json-schemas/teams", `v${version}`, "MicrosoftTeams.schema.json");
  if (!fs.existsSync(file)) return [`no bundled schema for manifestVersion ${version}`];
  // The published schema has an invalid "\a" escape in one regex; the package fixes it the same way when it downloads.
  const schema = JSON.parse(fs.readFileSync(file, "utf8").replace(/\\a/g, "\\x07"));
  return ManifestUtil.validateManifestAgainstSchema(manifest as never, schema);
}
