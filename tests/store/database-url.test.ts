import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../src/store/database-url.ts";

describe("parseDatabaseUrl", () => {
  it.each([
    ["file:./data/x.db", "sqlite"],
    ["file:/tmp/x.db", "sqlite"],
    ["postgresql://postgres@127.0.0.1:5432/test", "postgresql"],
    ["postgres://u:p@db:5432/app", "postgresql"],
  ])("reads %s as %s", (url, kind) => {
    const r = parseDatabaseUrl(url);
    expect(r.ok && r.target.kind).toBe(kind);
  });

  it.each([
    ["mysql://root@localhost/x", /scheme "mysql" is not supported/],
    ["./data/x.db", /not supported/],
    ["file:", /names no file/],
    ["postgresql://[bad", /not a valid PostgreSQL URL/],
  ])("refuses %s with a message", (url, message) => {
    const r = parseDatabaseUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
