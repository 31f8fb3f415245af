/**
 * The real bot serving Teams over HTTP on loopback: a runtime on a fresh database, the shared
 * HttpServer and the Teams mount, exactly as `secretariat start` wires them. Activities are posted
 * as Bot Framework posts them; replies go to the connector stand-in at their serviceUrl.
 */
import type { AddressInfo } from "node:net";
import { HttpServer } from "../../adapters/http/server.ts";
import { teamsMountWith } from "../../adapters/teams/mount.ts";
import type { AgentsSdkOverrides } from "../../adapters/teams/agents-sdk.ts";
import type { Logger } from "../../src/log/logger.ts";
import type { Messenger } from "../../src/core/messenger.ts";
import { testRuntime, type TestRuntime } from "./runtime.ts";
import { TeamsConnectorStandIn } from "./teams-connector-stand-in.ts";

export interface TeamsTestServer {
  url: string;
  rt: TestRuntime;
  connector: TeamsConnectorStandIn;
  messenger: Messenger;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function teamsTestServer(
  options: { kind?: "sqlite" | "postgresql"; env?: Record<string, string>; overrides?: AgentsSdkOverrides; logger?: Logger } = {},
): Promise<TeamsTestServer> {
  const connector = await new TeamsConnectorStandIn().start();
  const rt = await testRuntime(options.kind ?? "sqlite", { TEAMS_ENABLE: "1", HOST: "127.0.0.1", ...options.env });
  const server = new HttpServer(rt.logger);
  const mountOn = options.logger ? { ...rt, logger: options.logger } : rt;
  // Dropped connections are retried at once: the tests have no time to wait, and no sleeps stand in for events.
  const mounted = await teamsMountWith({ retry: { delaysMs: [0, 0] }, ...options.overrides }).mount(server, mountOn);
  if (!mounted?.messenger) throw new Error("teams did not mount");
  const address: AddressInfo = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${address.port}/api/messages`;
  return {
    url,
    rt,
    connector,
    messenger: mounted.messenger,
    async post(activity, headers = {}) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        /* plain text body */
      }
      return { status: res.status, body };
    },
    async close() {
      await server.close();
      await connector.close();
      await rt.dispose();
    },
  };
}
