import { CliError } from "./io.js";
export function parseOptions(schema, raw) {
    const parsed = schema.safeParse(raw);
    if (parsed.success)
        return parsed.data;
    const issue = parsed.error.issues[0];
    const name = issue.path.length ? `--${String(issue.path[0])}: ` : "";
    throw new CliError(`${name}${issue.message}`, 2);
}
