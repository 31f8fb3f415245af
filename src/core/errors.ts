/**
 * Errors that reach users. Each has a code and a message that says what to do next; they are
 * caught once, in handleMessage, and become an error reply.
 */
export type BotErrorCode = "input" | "permission" | "not_found" | "conflict" | "internal";

export class BotError extends Error {
  override readonly name: string = "BotError";
  constructor(
    readonly code: BotErrorCode,
    readonly userMessage: string,
    override readonly cause?: unknown,
  ) {
    super(userMessage);
  }
}

/** The input cannot be used as given; nothing was changed. */
export class InputError extends BotError {
  override readonly name = "InputError";
  constructor(userMessage: string, readonly fieldErrors: Record<string, string> = {}) {
    super("input", userMessage);
  }
}

/** The actor may not do this; nothing was changed. */
export class PermissionError extends BotError {
  override readonly name = "PermissionError";
  constructor(userMessage: string) {
    super("permission", userMessage);
  }
}

export class NotFoundError extends BotError {
  override readonly name = "NotFoundError";
  constructor(userMessage: string) {
    super("not_found", userMessage);
  }
}

/** Someone else changed the same thing at the same moment; try again. */
export class ConflictError extends BotError {
  override readonly name = "ConflictError";
  constructor(userMessage: string) {
    super("conflict", userMessage);
  }
}

/** Wraps anything that is not a BotError, keeping it as the cause. */
export function asBotError(error: unknown, ref: string): BotError {
  if (error instanceof BotError) return error;
  return new BotError("internal", `Something went wrong (ref ${ref}); nothing was changed. Please try again, or tell the secretariat the ref.`, error);
}
