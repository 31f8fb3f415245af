/** Thrown for a bad environment; its message is the one line to print. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
