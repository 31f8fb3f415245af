/**
 * vitest globalSetup: builds this run's template databases before any worker starts, hands their
 * names to the workers (`inject("testDatabases")`), and drops them when the run ends. In watch mode
 * the templates are rebuilt before a rerun when migrations, bundled data or sources changed.
 */
import type { TestProject } from "vitest/node";
import { buildTemplates, dropTemplates, makeRunDir, newRunId, templateFingerprint, type TestDatabaseTemplates } from "./template-databases.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabases: TestDatabaseTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgresUrl = process.env.TEST_POSTGRES_URL || undefined;
  const build = async () => {
    const now = new Date(); // real-clock: names the run, so leftovers of a killed run can be told by their age
    const runId = newRunId(now);
    return buildTemplates({ runId, runDir: makeRunDir(runId), postgresUrl, now });
  };
  let templates = await build();
  project.provide("testDatabases", templates);
  project.onTestsRerun(async () => {
    if (templateFingerprint() === templates.fingerprint) return;
    const old = templates;
    templates = await build();
    project.provide("testDatabases", templates);
    await dropTemplates(old);
  });
  return () => dropTemplates(templates);
}
