/**
 * botbuilder's echo bot (BotBuilder-Samples 02.echo-bot: CloudAdapter, `sendActivity(text)`), the
 * baseline `npm run bench` measures the Teams adapter against. It lives here because every
 * botbuilder import stays in adapters/teams.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";

/** Starts the echo bot on loopback (unauthenticated, like the sample without an app id). */
export async function startEchoBaseline(): Promise<{ url: URL; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      // The sample runs behind restify's body parser; this is its minimal equivalent.
      const request = { method: req.method, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> };
      const response = {
        socket: res.socket,
        status: (code: number) => void (res.statusCode = code),
        header: (name: string, value: unknown) => void res.setHeader(name, String(value)),
        send: (body: unknown) => void res.write(typeof body === "string" ? body : JSON.stringify(body)),
        end: () => void res.end(),
      };
      void adapter.process(request, response, async (context) => {
        await context.sendActivity(`Echo: ${context.activity.text}`);
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
