/**
 * An open-loop load driver: one request every 1/rate seconds, evenly spaced, each timed on its own
 * (send to response end), over keep-alive sockets. Load tools that fill a per-second quota send
 * each second's requests in a burst, so their tail latency measures queueing at the second
 * boundary as much as the server; this one keeps the schedule the figure is named for.
 */
import http from "node:http";
import { percentile } from "./measure.ts";

export interface OpenLoopResult {
  sent: number;
  failed: number;
  p50: number;
  p99: number;
}

export async function openLoop(url: string, request: () => { body: string; headers: Record<string, string> }, rate: number, seconds: number): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const latencies: number[] = [];
  let failed = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { body, headers } = request();
    inFlight.push(
      new Promise<void>((resolve) => {
        const t = performance.now();
        const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent }, (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) latencies.push(performance.now() - t);
            else failed++;
            resolve();
          });
        });
        req.on("error", () => {
          failed++;
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { sent: total, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
