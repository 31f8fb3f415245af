/**
 * bin/secretariat.js as a script reads it: through a pipe. Output larger than a pipe's buffer
 * (64 KB on Linux) must arrive whole, with the command's own exit status.
 */
import { describe, expect, it } from "vitest";
import { spawnCli } from "../support/cli.ts";
import { seededDatabase } from "../support/databases.ts";

describe("secretariat binary", () => {
  it("writes --json output of several hundred kilobytes whole through a pipe, then exits 0", async () => {
    const env = { DATABASE_URL: (await seededDatabase("sqlite")).url };
    // The bundled plan's reminders over a long period: far more than one pipe buffer.
    const r = await spawnCli(["reminders", "list", "--from", "1997-01-01", "--until", "2030-12-31", "--json"], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(4 * 65_536);
    const parsed = JSON.parse(r.stdout) as { planned: unknown[]; sent: unknown[] };
    expect(parsed.planned.length).toBeGreaterThan(1000);
  });

  it("keeps a failing command's exit status and its one-line error", async () => {
    const r = await spawnCli(["reminders", "list", "--from", "1997-13-01", "--json"], { env: { DATABASE_URL: (await seededDatabase("sqlite")).url } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
