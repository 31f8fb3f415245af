import fs from "node:fs"; import os from "node:os"; import path from "node:path";
import { HttpServer } from "./adapters/http/server.ts";
import { startEchoBaseline } from "./adapters/teams/echo-baseline.ts";
import { teamsMountWith } from "./adapters/teams/mount.ts";
import { loadConfig } from "./src/config/index.ts";
import { createLogger } from "./src/log/logger.ts";
import { openRuntime } from "./src/runtime/open-runtime.ts";
import { TeamsConnectorStandIn } from "./tests/support/teams-connector-stand-in.ts";
const connector = await new TeamsConnectorStandIn().start();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seq-"));
const rt = await openRuntime(loadConfig({ DATABASE_URL: `file:${dir}/b.db`, TEAMS_ENABLE: "1", HOST: "127.0.0.1" }), createLogger("silent"));
const server = new HttpServer(rt.logger); await teamsMountWith().mount(server, rt); const a = await server.listen(0, "127.0.0.1");
const echo = await startEchoBaseline();
const act = (i: number, text: string) => JSON.stringify({ type: "message", id: `s-${i}`, channelId: "msteams", serviceUrl: connector.url, text, from: { id: `29:u${i % 20}`, name: `u${i % 20}`, aadObjectId: `aad-u${i % 20}` }, recipient: { id: "28:b", name: "s" }, conversation: { id: `a:personal-u${i % 20}`, conversationType: "personal", tenantId: "t" } });
async function run(url: string, text: string, n: number) {
  const lat: number[] = []; const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) { const t0 = performance.now(); const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: act(i, text) }); await r.text(); lat.push(performance.now() - t0); }
  const c = process.cpuUsage(cpu0); lat.sort((x, y) => x - y);
  return { p50: lat[Math.floor(n / 2)]!.toFixed(1), p99: lat[Math.floor(n * 0.99)]!.toFixed(1), cpuMsPerReq: ((c.user + c.system) / 1000 / n).toFixed(2) };
}
await run(`http://127.0.0.1:${a.port}/api/messages`, "whoami", 50); await run(echo.url.href, "hi", 50);
import { Session } from "node:inspector/promises";
const session = new Session(); session.connect(); await session.post("Profiler.enable"); await session.post("Profiler.start");
console.log("bot", await run(`http://127.0.0.1:${a.port}/api/messages`, "whoami", 300));
const { profile } = await session.post("Profiler.stop"); fs.writeFileSync("/tmp/T-prof/steady.cpuprofile", JSON.stringify(profile));

await echo.close(); await server.close(); await connector.close(); await rt.close();
