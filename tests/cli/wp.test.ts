import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { FIXED_NOW } from "../support/clock.ts";
import { seededDatabase } from "../support/databases.ts";

describe("secretariat wp and console link", () => {
  it("creates, lists and changes working parties with the contract's JSON, refusing bad input with exit 2", async () => {
    const env = { DATABASE_URL: (await seededDatabase("sqlite")).url };
    const created = await runCli(["wp", "create", "lewp", "Law Enforcement Working Party", "--tz", "Europe/Lisbon", "--months", "24", "--lead", "3", "--json"], { env });
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({ code: "LEWP", name: "Law Enforcement Working Party", timeZone: "Europe/Lisbon", planMonths: 24, adoptLeadMonths: 3 });
    const changed = await runCli(["wp", "set", "LEWP", "--months", "18", "--lead", "2", "--json"], { env });
    expect(JSON.parse(changed.stdout)).toMatchObject({ code: "LEWP", planMonths: 18, adoptLeadMonths: 2 });
    const badLead = await runCli(["wp", "set", "LEWP", "--lead", "18"], { env });
    expect([badLead.code, badLead.stderr.trim()]).toEqual([2, "secretariat: The adoption lead must be shorter than the plan."]);
    const list = await runCli(["wp", "list", "--json"], { env });
    const parties = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(parties.map((p) => Object.keys(p))).toEqual([
      ["code", "name", "timeZone", "planMonths", "adoptLeadMonths"],
      ["code", "name", "timeZone", "planMonths", "adoptLeadMonths"],
    ]);
    expect(parties.map((p) => [p.code, p.timeZone, p.planMonths])).toEqual([
      ["CCWP", "Europe/Brussels", 18],
      ["LEWP", "Europe/Lisbon", 18],
    ]);
    const again = await runCli(["wp", "create", "LEWP", "Another"], { env });
    expect([again.code, again.stderr.trim()]).toEqual([2, "secretariat: Working party LEWP exists already."]);
  });

  it("prints a single-use console link for a member, built on PUBLIC_URL, and refuses a stranger", async () => {
    const env = { DATABASE_URL: (await seededDatabase("sqlite")).url, PUBLIC_URL: "https://bot.example.eu" };
    await runCli(["member", "set", "--platform", "slack", "--user", "U0SEC", "--role", "secretariat"], { env });
    const link = await runCli(["console", "link", "--user", "U0SEC", "--platform", "slack", "--json"], { env });
    expect(link.code).toBe(0);
    const out = JSON.parse(link.stdout) as { url: string; expires: string };
    expect(Object.keys(out)).toEqual(["url", "expires"]);
    expect(out.url).toMatch(/^https:\/\/bot\.example\.eu\/console\/sign-in\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(out.expires) - FIXED_NOW.getTime()).toBeGreaterThan(60_000);
    const stranger = await runCli(["console", "link", "--user", "U0NOBODY", "--platform", "slack"], { env });
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toMatch(/not a member of any working party/);
  });
});
