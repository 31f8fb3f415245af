/**
 * Validates Adaptive Cards with Microsoft's own parser (`adaptivecards`, the renderer Teams' web
 * client is built on), targeting schema 1.5: unknown element or action types, properties newer
 * than 1.5, missing input ids, duplicate ids… every parse or validation event is an error.
 */
import { createRequire } from "node:module";

// The package's ESM build uses extensionless imports Node cannot resolve; its UMD bundle loads everywhere.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as typeof import("adaptivecards");

/** Every problem the parser reports for `card` (empty when the card is valid 1.5). */
export function adaptiveCardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const c = card as { type?: unknown; version?: unknown };
  if (c?.type !== "AdaptiveCard") problems.push(`type is ${String(c?.type)}, not AdaptiveCard`);
  if (c?.version !== "1.5") problems.push(`version is ${String(c?.version)}, not 1.5`);
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as never, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}
