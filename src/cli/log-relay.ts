/**
 * Log lines held until `secretariat start` knows where they go: stderr as JSON when it serves Slack
 * or Teams, or the console chat, as text above the prompt, when a person chats in the terminal that
 * stderr also writes to. Lines logged while starting (migrations, what is served) are kept and
 * passed on once the place is known, so none lands in the middle of the chat as JSON.
 */
export class LogRelay {
  private held: string[] = [];
  private target: ((line: string) => void) | undefined;

  /** pino's destination interface: one JSON line per call */
  write(line: string): void {
    if (this.target) this.target(line);
    else this.held.push(line);
  }

  /** Sends held and future lines to `target`. */
  sendTo(target: (line: string) => void): void {
    this.target = target;
    for (const line of this.held.splice(0)) target(line);
  }

  /** Whether a target was chosen. */
  get routed(): boolean {
    return this.target !== undefined;
  }
}

/** The default place: stderr, as the JSON lines they are. */
export const toStderr = (line: string): void => void process.stderr.write(line);
