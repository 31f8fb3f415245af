/**
 * The web console for tests: a real runtime on a fresh database, the one HTTP server with the
 * console and the calendar feeds mounted as `secretariat start` mounts them, and a fixed clock.
 */
import { HttpServer } from "../../adapters/http/server.ts";
import { mountCalendarRoute } from "../../adapters/http/calendar-route.ts";
import { mountWebConsole } from "../../adapters/web/index.ts";
import { issueSignInLink } from "../../src/admin/console-sign-in.ts";
import { testRuntime, type TestRuntime } from "./runtime.ts";

export interface ConsoleServer {
  rt: TestRuntime;
  base: string;
  clock: { now: Date };
  /** a sign-in link for a member, issued at the clock's time */
  link(platform: string, user: string): Promise<string>;
  close(): Promise<void>;
}

export async function startConsole(kind: "sqlite" | "postgresql" = "sqlite", at = new Date("2026-11-23T10:00:00Z")): Promise<ConsoleServer> {
  const rt = await testRuntime(kind, { PORT: "0", HOST: "127.0.0.1" });
  const clock = { now: at };
  const server = new HttpServer(rt.logger);
  mountCalendarRoute(server, rt);
  mountWebConsole(server, rt, () => clock.now);
  const addr = await server.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${addr.port}`;
  return {
    rt,
    base,
    clock,
    link: async (platform, user) => (await issueSignInLink(rt.store, { platform, platformUserId: user }, { base, now: clock.now, actor: "test" })).url,
    async close() {
      await server.close();
      await rt.dispose();
    },
  };
}
