/** Validates a command's options with zod; a bad one is a usage error naming the option. */
import type { z } from "zod";
import { CliError } from "./io.ts";

export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.length ? `--${String(issue.path[0])}: ` : "";
  throw new CliError(`${name}${issue.message}`, 2);
}
