/** A real runtime (store, bot) on its own seeded database, for tests that drive the core directly. */
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { openRuntime, type Runtime } from "../../src/runtime/open-runtime.ts";
import type { IncomingMessage, Role } from "../../src/core/message.ts";
import { seededDatabase, type TestDatabase } from "./databases.ts";

export interface TestRuntime extends Runtime {
  database: TestDatabase;
  dispose(): Promise<void>;
}

export async function testRuntime(kind: "sqlite" | "postgresql" = "sqlite", env: Record<string, string> = {}): Promise<TestRuntime> {
  const database = await seededDatabase(kind);
  const rt = await openRuntime(loadConfig({ DATABASE_URL: database.url, ...env }), createLogger("silent"));
  return {
    ...rt,
    database,
    async dispose() {
      await rt.close();
      await database.drop();
    },
  };
}

/** A console text message from `user`, as `secretariat say` builds it. */
export function consoleText(text: string, user: string, claims: { role?: Role; delegation?: string } = {}, at = new Date("2026-11-23T10:00:00Z")): IncomingMessage {
  return { platform: "console", kind: "text", text, user: { id: user, name: user, claims }, conversation: { kind: "direct", id: `dm:${user}` }, receivedAt: at };
}
