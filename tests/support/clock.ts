/**
 * The fixed clock of the test suite. No test reads today's date: each passes a clock in (CLI
 * commands through their I/O, the core through `receivedAt`/`now`, adapters through their options),
 * so a test means the same thing in 2030 as today. tests/clock-discipline.test.ts enforces it.
 */

/** The suite's "now": Monday 23 November 2026, 11:00 in Brussels. */
export const FIXED_NOW = new Date("2026-11-23T10:00:00Z");

/** A clock that always says `at` (a fresh Date each call, so callers cannot change it). */
export function fixedClock(at: Date | string = FIXED_NOW): () => Date {
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) throw new Error(`fixedClock: not a date: ${String(at)}`);
  return () => new Date(ms);
}
