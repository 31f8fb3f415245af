/** The collection `start` runs once it is up gives back the young generation start-up grew (issue 12). */
import v8 from "node:v8";
import vm from "node:vm";
import { expect, it } from "vitest";
import { releaseStartupMemory } from "../../src/cli/startup-memory.ts";

const youngMb = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!.space_size / 1048576;

it("shrinks the young generation that start-up grew, and leaves no gc behind", () => {
  // Objects that survive several scavenges make V8 grow the young generation, as loading modules does.
  let kept: object[][] = [];
  for (let round = 0; round < 40 && youngMb() <= 8; round++) kept.push(Array.from({ length: 100_000 }, (_, i) => ({ i, round })));
  kept = [];
  const before = youngMb();
  expect(before).toBeGreaterThan(8);
  releaseStartupMemory();
  expect(youngMb()).toBeLessThan(before / 2);
  expect(kept).toEqual([]);
  expect(vm.runInNewContext("typeof gc")).toBe("undefined");
});
