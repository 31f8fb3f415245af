/**
 * The Agents SDK's echo agent (its quickstart: `AgentApplication`, `onActivity("message")`,
 * `sendActivity(text)`, behind `authorizeJWT` and `CloudAdapter.process()` with a JSON body
 * parser), the baseline `npm run bench` measures the Teams adapter against. It lives here
 * because every SDK import stays in adapters/teams.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ActivityTypes } from "@microsoft/agents-activity";
import { AgentApplication, authorizeJWT, CloudAdapter, MemoryStorage, type AuthConfiguration, type Request } from "@microsoft/agents-hosting";
import { ResponseRecorder } from "./web-response.ts";

/** Starts the echo agent on loopback (anonymous, like the quickstart without a client id). */
export async function startEchoBaseline(): Promise<{ url: URL; close(): Promise<void> }> {
  const auth: AuthConfiguration = { connections: new Map([["serviceConnection", {}]]), connectionsMap: [{ serviceUrl: "*", connection: "serviceConnection" }] };
  const adapter = new CloudAdapter(auth);
  const agent = new AgentApplication({ storage: new MemoryStorage(), adapter });
  agent.onActivity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(`Echo: ${context.activity.text}`);
  });
  const jwt = authorizeJWT(auth);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      // The quickstart runs behind express.json(); this is its minimal equivalent.
      const request: Request = { method: req.method, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> };
      const out = new ResponseRecorder();
      void jwt(request, out, async () => {
        await adapter.process(request, out, (context) => agent.run(context));
        res.writeHead(out.recorded.statusCode ?? 200).end(out.recorded.body === undefined ? undefined : JSON.stringify(out.recorded.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
