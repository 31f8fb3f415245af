import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountCalendarRoute } from "../../adapters/http/calendar-route.ts";
import { HttpServer } from "../../adapters/http/server.ts";
import { buildCalendar } from "../../src/planning/calendar/calendar.ts";
import { ensureFeed, feedUrl } from "../../src/planning/calendar/calendar-feeds.ts";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { runCli } from "../support/cli.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
const ymd = (x: Date | undefined) => { const d = x!; return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; };

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime("sqlite");
});
afterAll(() => rt.dispose());

describe("iCalendar feeds", () => {
  it("makes every deadline an all-day event on its due day, with the original words in the summary", async () => {
    const text = await buildCalendar(rt.store.repos, "CCWP", { kind: "wp" }, "1998-01-15");
    const ev = events(text);
    expect(ev).toHaveLength(27 + 2); // 27 deadlines, the plan's end, adopt the next plan by
    const a41 = ev.find((e) => e.uid === "ccwp-plan1-action-41-deadline-0@secretariat-bot")!;
    expect(String(a41.summary)).toMatch(/^CCWP 41: Early 1998 — Customs administrations shall send/);
    expect(a41.datetype).toBe("date");
    expect(ymd(a41.start)).toBe("1998-03-31");
    expect(ymd(a41.end)).toBe("1998-04-01");
    const end = ev.find((e) => e.uid === "ccwp-plan1-end@secretariat-bot")!;
    const adopt = ev.find((e) => e.uid === "ccwp-plan1-adopt-next@secretariat-bot")!;
    expect(ymd(end.start)).toBe("1998-12-31");
    expect(ymd(adopt.start)).toBe("1998-10-31");
    expect(String(adopt.summary)).toMatch(/adopt the next action plan/);
    expect(new Set(ev.map((e) => e.uid)).size).toBe(ev.length);
  });

  it("keeps the same UIDs when a plan is re-imported, so calendars update instead of duplicating", async () => {
    const yaml = (due: string) =>
      `workingParty: CCWP\nnumber: 5\ntitle: Plan five\nstart: 2026-01-01\nactions:\n  - code: "5.1"\n    title: Study\n    lead: { delegation: FR }\n    deadlines:\n      - { due: "${due}" }\n`;
    const load = async (due: string) => {
      const p = parsePlanFile(yaml(due), "p.yaml");
      if (!p.ok) throw new Error(p.errors.join());
      await importPlan(rt.store, p.plan, { actor: "test", now: new Date("2026-01-01T00:00:00Z") });
      return events(await buildCalendar(rt.store.repos, "CCWP", { kind: "plan", number: 5 }, "2026-01-01"));
    };
    const before = await load("June 2026");
    const after = await load("September 2026");
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const uid = "ccwp-plan5-action-5.1-deadline-0@secretariat-bot";
    expect(ymd(after.find((e) => e.uid === uid)!.start)).toBe("2026-09-30");
    const fr = events(await buildCalendar(rt.store.repos, "CCWP", { kind: "delegation", code: "FR" }, "2026-01-01"));
    expect(fr.map((e) => e.uid)).toEqual([uid]);
    const de = await buildCalendar(rt.store.repos, "CCWP", { kind: "delegation", code: "DE" }, "2026-01-01");
    expect(events(de)).toEqual([]);
    expect(de).toMatch(/^BEGIN:VCALENDAR/);
  });

  it("serves a feed over HTTP by its unguessable token, and nothing for a wrong one", async () => {
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    const feed = await ensureFeed(rt.store.repos, wp.id, { kind: "wp" });
    expect(feed.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await ensureFeed(rt.store.repos, wp.id, { kind: "wp" })).token).toBe(feed.token);
    expect((await ensureFeed(rt.store.repos, wp.id, { kind: "plan", number: 1 })).token).not.toBe(feed.token);
    const server = new HttpServer(rt.logger);
    // The route's day comes from the clock it is given: on 1 July 1997 no deadline of plan 1 is overdue yet.
    mountCalendarRoute(server, rt, () => new Date("1997-07-01T09:00:00Z"));
    const addr = await server.listen(0, "127.0.0.1");
    try {
      const base = `http://127.0.0.1:${addr.port}`;
      const res = await fetch(feedUrl(base, feed));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
      const text = await res.text();
      expect(events(text).length).toBeGreaterThanOrEqual(29);
      expect(text).not.toContain(",overdue");
      for (const bad of ["/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", "/calendar/../../etc/passwd", `/calendar/${feed.token}.txt`]) {
        expect((await fetch(base + bad)).status).toBe(404);
      }
    } finally {
      await server.close();
    }
  });

  it("prints a calendar from the CLI that a real parser reads", async () => {
    const r = await runCli(["calendar", "--wp", "CCWP", "--plan", "1"], { env: { DATABASE_URL: rt.database.url } });
    expect(r.code).toBe(0);
    expect(events(r.stdout)).toHaveLength(29);
    const url = await runCli(["calendar", "--wp", "CCWP", "--feed", "--json"], { env: { DATABASE_URL: rt.database.url, PUBLIC_URL: "https://bot.example.eu" } });
    expect(JSON.parse(url.stdout).url).toMatch(/^https:\/\/bot\.example\.eu\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
  });
});

describe("iCalendar lines", () => {
  it("folds every line at 75 octets, not characters, and a parser reads the words back whole (issue 14 item 17)", async () => {
    // the 1997 plan's titles with "—" and "✓" (3 octets each) pushed lines to 77-79 octets
    const plan1 = await rt.store.db.actionPlan.findFirstOrThrow({ where: { number: 1 } });
    await rt.store.db.action.update({ where: { planId_code: { planId: plan1.id, code: "41" } }, data: { status: "done", doneAt: new Date("1998-01-10T10:00:00Z") } });
    const text = await buildCalendar(rt.store.repos, "CCWP", { kind: "wp" }, "1998-01-15");
    const lines = text.split("\r\n");
    const long = lines.filter((l) => Buffer.byteLength(l, "utf8") > 75);
    expect(long).toEqual([]);
    expect(text).toContain("✓");
    // no line break inside a UTF-8 sequence: every line is valid text on its own
    for (const l of lines) expect(Buffer.from(Buffer.from(l, "utf8").toString("utf8"), "utf8").equals(Buffer.from(l, "utf8"))).toBe(true);
    const a41 = events(text).find((e) => e.uid === "ccwp-plan1-action-41-deadline-0@secretariat-bot")!;
    expect(String(a41.summary)).toMatch(/^✓ CCWP 41: Early 1998 — Customs administrations shall send/);
    const full = events(text).find((e) => e.uid === "ccwp-plan1-adopt-next@secretariat-bot")!;
    expect(String(full.summary)).toBe("CCWP: adopt the next action plan (plan 1 ends 31 December 1998)");
  });
});

describe("iCalendar titles", () => {
  const load = async (number: number, title: string, due: string) => {
    const p = parsePlanFile(
      `workingParty: CCWP\nnumber: ${number}\ntitle: Plan ${number}\nstart: 2026-01-01\nactions:\n  - code: "${number}.1"\n    title: "${title}"\n    lead: { delegation: DE }\n    deadlines:\n      - { due: "${due}" }\n`,
      "p.yaml",
    );
    if (!p.ok) throw new Error(p.errors.join());
    await importPlan(rt.store, p.plan, { actor: "test", now: new Date("2026-01-01T00:00:00Z") });
    const text = await buildCalendar(rt.store.repos, "CCWP", { kind: "plan", number }, "2026-01-01");
    return { text, event: events(text).find((e) => e.uid === `ccwp-plan${number}-action-${number}.1-deadline-0@secretariat-bot`)! };
  };

  it("does not repeat a deadline typed as a date in the title: the calendar shows the day (issue 14 item 17)", async () => {
    const { event } = await load(61, "Joint training", "2026-12-20");
    expect(String(event.summary)).toBe("CCWP 61.1: Joint training");
    expect(ymd(event.start)).toBe("2026-12-20");
  });

  it("folds a German title at 75 octets and reads it back whole", async () => {
    const title = "Zusammenarbeit für Zölle – Überprüfung der Risikoanalyse an Grenzübergängen"; // ü, ö, – take 2-3 octets each
    const { text, event } = await load(62, title, "June 2026");
    expect(text.split("\r\n").filter((l) => Buffer.byteLength(l, "utf8") > 75)).toEqual([]);
    expect(text.split("\r\n").filter((l) => l.length > 60 && Buffer.byteLength(l, "utf8") > l.length).length).toBeGreaterThan(0);
    expect(String(event.summary)).toBe(`CCWP 62.1: June 2026 — ${title}`);
  });
});
