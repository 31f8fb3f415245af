import { processEnv } from "../config/index.js";
export const processIO = () => ({
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
    stdin: process.stdin,
    now: () => new Date(),
    env: processEnv(),
});
/** A failure to report as one line and a non-zero exit. */
export class CliError extends Error {
    exitCode;
    options;
    name = "CliError";
    constructor(message, exitCode = 1, 
    /** the command already printed its output; only the error line is left to write */
    options = {}) {
        super(message);
        this.exitCode = exitCode;
        this.options = options;
    }
}
