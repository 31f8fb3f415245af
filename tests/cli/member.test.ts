import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { seededDatabase } from "../support/databases.ts";

describe("secretariat member set", () => {
  it("creates a Slack member with a role and delegation, then updates it, and audits both", async () => {
    const env = { DATABASE_URL: (await seededDatabase("sqlite")).url };
    const a = await runCli(["member", "set", "--platform", "slack", "--user", "U0123ABCD", "--role", "secretariat", "--delegation", "gsc", "--json"], { env });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual({ workingParty: "CCWP", platform: "slack", user: "U0123ABCD", name: "U0123ABCD", role: "secretariat", delegation: "GSC" });
    const b = await runCli(["member", "set", "--platform", "slack", "--user", "U0123ABCD", "--name", "Ines", "--json"], { env });
    expect(JSON.parse(b.stdout)).toMatchObject({ name: "Ines", role: "secretariat", delegation: "GSC" });
    const audit = JSON.parse((await runCli(["audit", "--json"], { env })).stdout) as { actor: string; action: string; subject: string }[];
    expect(audit.filter((e) => e.action === "member.set").map((e) => [e.actor, e.subject])).toEqual([["cli", "slack:U0123ABCD"], ["cli", "slack:U0123ABCD"]]);
  });

  it("refuses a bad role or platform with a usage error naming the option", async () => {
    const env = { DATABASE_URL: (await seededDatabase("sqlite")).url };
    const r = await runCli(["member", "set", "--platform", "slack", "--user", "U1", "--role", "king"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--role/);
    const p = await runCli(["member", "set", "--platform", "irc", "--user", "U1"], { env });
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/--platform/);
  });
});
