/**
 * What a refused value should have been, in words a person reads after the field's name
 * ("--limit: a whole number", "kind: one of before, on, after or escalate"). zod's own messages
 * ("Invalid input: expected number, received NaN") are written for developers; every parse of
 * user input (chat and form arguments in the router, CLI options) passes this as its error map.
 * A schema's own message ("a delegation code such as FR") still wins: zod asks this map only for
 * issues whose schema gave none.
 */
import type { z } from "zod";

const list = (values: readonly unknown[]) => {
  const words = values.map(String);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
};

const TYPES: Record<string, string> = { number: "a number", int: "a whole number", string: "text", boolean: "yes or no", array: "a list", date: "a date", object: "a set of fields" };

const noun = (origin: string, n: number | bigint) => (origin === "string" ? `${n} character${n === 1 ? "" : "s"}` : origin === "array" || origin === "set" ? `${n} item${n === 1 ? "" : "s"}` : String(n));

export const plainIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "missing" : (TYPES[issue.expected] ?? `a value of type ${issue.expected}`);
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `one of ${list(issue.values)}`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      if (issue.exact) return `exactly ${noun(issue.origin, issue.minimum)}`;
      return issue.inclusive === false ? `more than ${noun(issue.origin, issue.minimum)}` : `at least ${noun(issue.origin, issue.minimum)}`;
    case "too_big":
      if (issue.exact) return `exactly ${noun(issue.origin, issue.maximum)}`;
      return issue.inclusive === false ? `less than ${noun(issue.origin, issue.maximum)}` : `at most ${noun(issue.origin, issue.maximum)}`;
    case "invalid_format":
      return issue.format === "regex" ? "not in the expected form" : `a valid ${issue.format.replace(/_/g, " ")}`;
    case "not_multiple_of":
      return `a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `unknown ${issue.keys.length === 1 ? "field" : "fields"} ${list(issue.keys)}`;
    default:
      return "not a value that can be used here";
  }
};
