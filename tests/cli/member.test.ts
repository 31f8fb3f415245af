import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase } from "../support/databases.ts";

describe.each(databaseKinds)("secretariat member set (%s)", (kind) => {
  it("creates a Slack member with a role and delegation, then updates it, and audits both", async () => {
    const env = { DATABASE_URL: (await seededDatabase(kind)).url };
    const a = await runCli(["member", "set", "--platform", "slack", "--user", "U0123ABCD", "--role", "secretariat", "--delegation", "gsc", "--json"], { env });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual({ workingParty: "CCWP", platform: "slack", user: "U0123ABCD", name: "U0123ABCD", role: "secretariat", delegation: "GSC" });
    const b = await runCli(["member", "set", "--platform", "slack", "--user", "U0123ABCD", "--name", "Ines", "--json"], { env });
    expect(JSON.parse(b.stdout)).toMatchObject({ name: "Ines", role: "secretariat", delegation: "GSC" });
    const audit = JSON.parse((await runCli(["audit", "--json"], { env })).stdout) as { actor: string; action: string; subject: string }[];
    expect(audit.filter((e) => e.action === "member.set").map((e) => [e.actor, e.subject])).toEqual([["cli", "slack:U0123ABCD"], ["cli", "slack:U0123ABCD"]]);
  });

  it("refuses a bad role or platform with a usage error naming the option", async () => {
    const env = { DATABASE_URL: (await seededDatabase(kind)).url };
    const r = await runCli(["member", "set", "--platform", "slack", "--user", "U1", "--role", "king"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--role/);
    const p = await runCli(["member", "set", "--platform", "irc", "--user", "U1"], { env });
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/--platform/);
  });
});

describe.each(databaseKinds)("secretariat member list (%s)", (kind) => {
  it("lists the working party's members with role and delegation, and a working party with none says so", async () => {
    const env = { DATABASE_URL: (await seededDatabase(kind)).url };
    await runCli(["member", "set", "--platform", "slack", "--user", "U0123ABCD", "--role", "secretariat", "--delegation", "GSC", "--name", "Ines"], { env });
    await runCli(["member", "set", "--platform", "teams", "--user", "aad-7", "--delegation", "FR", "--name", "Marie"], { env });
    const r = await runCli(["member", "list", "--json"], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { workingParty: "CCWP", platform: "slack", user: "U0123ABCD", name: "Ines", role: "secretariat", delegation: "GSC" },
      { workingParty: "CCWP", platform: "teams", user: "aad-7", name: "Marie", role: "delegate", delegation: "FR" },
    ]);
    const text = await runCli(["member", "list"], { env });
    expect(text.stdout).toBe("Ines (slack:U0123ABCD) in CCWP: secretariat, GSC\nMarie (teams:aad-7) in CCWP: delegate, FR\n");
    await runCli(["wp", "create", "LEWP", "Law Enforcement Working Party"], { env });
    const empty = await runCli(["member", "list", "--wp", "lewp"], { env });
    expect([empty.code, empty.stdout]).toEqual([0, "LEWP has no members yet.\n"]);
    const unknown = await runCli(["member", "list", "--wp", "NOPE"], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/NOPE/);
  });
});
