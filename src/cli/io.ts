/** Where the CLI writes: stdout for machine output only, stderr for errors and logs. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** standard input, for commands that read one item per line */
  stdin: NodeJS.ReadableStream;
  /** the clock; only src/cli and the adapters read it */
  now(): Date;
  env: Record<string, string | undefined>;
  /** where log lines go; default file descriptor 2 (stderr) */
  log?: (line: string) => void;
}

import { processEnv } from "../config/process-env.ts";

export const processIO = (): CliIO => ({
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  stdin: process.stdin,
  now: () => new Date(),
  env: processEnv(),
});

/** A failure to report as one line and a non-zero exit. */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: number;
  /** the command already printed its output; only the error line is left to write */
  readonly options: { printed?: boolean };
  constructor(message: string, exitCode = 1, options: { printed?: boolean } = {}) {
    super(message);
    this.exitCode = exitCode;
    this.options = options;
  }
}
