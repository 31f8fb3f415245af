/**
 * Web console: server time to answer the heaviest pages of a working party with 20 plans of 100
 * actions each (2 deadlines per action; a collection over one plan with half the actions
 * reported), signed in, beside a static file (the stylesheet) from the same server in the same
 * run. Sequential requests over one keep-alive connection, on loopback; the load average is
 * printed before and after. Goal: page p99 ≤ 50 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HttpServer } from "../adapters/http/server.ts";
import { mountWebConsole } from "../adapters/web/index.ts";
import { issueSignInLink } from "../src/admin/console-sign-in.ts";
import { loadConfig } from "../src/config/index.ts";
import { createLogger } from "../src/log/logger.ts";
import { openRuntime } from "../src/runtime/open-runtime.ts";
import { percentile, round, type Figure } from "./support/measure.ts";

const PLANS = 20;
const ACTIONS = 100;
const ROUNDS = 200;
const NOW = new Date("2026-11-23T10:00:00Z");

export async function* consoleBench(): AsyncGenerator<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secretariat-console-bench-"));
  const rt = await openRuntime(loadConfig({ DATABASE_URL: `file:${path.join(dir, "bench.db")}` }), createLogger("silent"));
  const server = new HttpServer(rt.logger);
  try {
    const db = rt.store.db;
    const wp = await db.workingParty.create({ data: { code: "BENCH", name: "Bench party" } });
    await db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U0BENCH", displayName: "Bench", role: "secretariat" } });
    for (let p = 1; p <= PLANS; p++) {
      const plan = await db.actionPlan.create({ data: { workingPartyId: wp.id, number: p, title: `Plan ${p}`, startDate: `20${10 + p}-01-01`, endDate: `20${11 + p}-06-30`, adoptNextBy: `20${11 + p}-04-30` } });
      await db.action.createMany({ data: Array.from({ length: ACTIONS }, (_, i) => ({ planId: plan.id, ord: i, code: `${p}.${i + 1}`, title: `Action ${p}.${i + 1} on joint customs operations`, leadDelegation: ["FR", "DE", "NL", "IT"][i % 4], goals: "Shared curriculum and joint courses" })) });
      const actions = await db.action.findMany({ where: { planId: plan.id }, select: { id: true } });
      await db.deadline.createMany({
        data: actions.flatMap((a, i) => [
          { planId: plan.id, actionId: a.id, ord: 0, text: "June 2026", precision: "month", dueDate: "2026-06-30" },
          { planId: plan.id, actionId: a.id, ord: 1, text: "by end 2026", precision: "year", dueDate: i % 2 ? "2026-12-31" : "2026-12-01" },
        ]),
      });
      if (p === PLANS) {
        const c = await db.collection.create({ data: { workingPartyId: wp.id, planId: plan.id, dueDate: "2026-12-15", startedBy: "bench", items: { create: actions.map((a) => ({ actionId: a.id })) } } });
        await db.progressReport.createMany({ data: actions.filter((_, i) => i % 2 === 0).map((a) => ({ collectionId: c.id, actionId: a.id, status: "on_track", summary: "Two joint courses held" })) });
      }
    }
    const collection = await db.collection.findFirstOrThrow();
    mountWebConsole(server, rt, () => NOW, { requestsPerMinute: 1_000_000 });
    const addr = await server.listen(0, "127.0.0.1");
    const base = `http://127.0.0.1:${addr.port}`;

    // Sign in as a browser would: the link's page, then its form.
    const link = (await issueSignInLink(rt.store, { platform: "slack", platformUserId: "U0BENCH" }, { base, now: NOW, actor: "bench" })).url;
    const first = await fetch(link);
    const csrfCookie = first.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const token = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
    const signed = await fetch(link, { method: "POST", redirect: "manual", headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: token }) });
    const cookie = [csrfCookie, ...signed.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");

    const pages: [string, string][] = [
      ["overview", "/console/wp/BENCH/"],
      ["plans", "/console/wp/BENCH/plans"],
      ["plan-100-actions", `/console/wp/BENCH/plans/${PLANS}`],
      ["collection-100-actions", `/console/wp/BENCH/collections/${collection.id}`],
      ["static-stylesheet", "/console/assets/console.css"],
    ];
    // The machine is shared: the load average beside the figures says how far they can be trusted.
    yield { name: "machine_load_average_1m_before", value: round(os.loadavg()[0]!, 2), unit: "processes" };
    const times = new Map<string, number[]>(pages.map(([n]) => [n, []]));
    // CPU time (this process: the server and the fetch client) depends far less on the other
    // processes on the machine than wall time does; the static file's is the client's share.
    const cpu = new Map<string, number>(pages.map(([n]) => [n, 0]));
    for (let r = 0; r < ROUNDS + 10; r++) {
      for (const [name, url] of pages) {
        const t = performance.now();
        const c = process.cpuUsage();
        const res = await fetch(base + url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        // The first rounds warm the template cache and the JIT; they are not counted.
        if (r >= 10) {
          times.get(name)!.push(performance.now() - t);
          const used = process.cpuUsage(c);
          cpu.set(name, cpu.get(name)! + (used.user + used.system) / 1000);
        }
      }
    }
    yield { name: "machine_load_average_1m_after", value: round(os.loadavg()[0]!, 2), unit: "processes" };
    const staticP99 = percentile(times.get("static-stylesheet")!, 99);
    for (const [name] of pages) {
      const ts = times.get(name)!;
      yield { name: `console.${name}.p50`, value: round(percentile(ts, 50)), unit: "ms" };
      yield { name: `console.${name}.p99`, value: round(percentile(ts, 99)), unit: "ms" };
      yield { name: `console.${name}.cpu_mean`, value: round(cpu.get(name)! / ROUNDS), unit: "ms" };
      if (name !== "static-stylesheet") yield { name: `console.${name}.p99_vs_static_file`, value: round(percentile(ts, 99) / staticP99, 1), unit: "x" };
    }
  } finally {
    await server.close();
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
