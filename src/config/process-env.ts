/** The process environment; the only read of process.env in the core. Apart from the schema so
 * that `secretariat --help` can start without loading zod. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
