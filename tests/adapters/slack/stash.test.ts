import { describe, expect, it } from "vitest";
import { SlackStash } from "../../../adapters/slack/stash.ts";
import { databaseKinds } from "../../support/databases.ts";
import { testRuntime } from "../../support/runtime.ts";

describe.each(databaseKinds)("slack stash on %s", (kind) => {
  it("stores values under tokens, claims an id once, and prunes by age", async () => {
    const rt = await testRuntime(kind);
    try {
      const stash = new SlackStash(rt.store);
      const token = await stash.put("form", { command: "x" });
      expect(await stash.get("form", token)).toEqual({ command: "x" });
      expect(await stash.get("share", token)).toBeNull();
      expect(await stash.get("form", "../../etc")).toBeNull();
      expect(await stash.claimOnce("event", "Ev1")).toBe(true);
      expect(await stash.claimOnce("event", "Ev1")).toBe(false);
      expect(await Promise.all([stash.claimOnce("event", "Ev2"), stash.claimOnce("event", "Ev2")])).toEqual(expect.arrayContaining([true, false]));
      expect(await stash.prune(new Date(Date.now() + 2 * 86_400_000))).toBe(2); // events live a day, forms 90 (real-clock: stash rows carry the database's real write time)
      expect(await stash.get("form", token)).toEqual({ command: "x" });
      expect(await stash.claimOnce("event", "Ev1")).toBe(true);
    } finally {
      await rt.dispose();
    }
  });
});
