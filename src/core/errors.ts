/**
 * Errors that reach users. Each has a code and a message that says what to do next; they are
 * caught once, in handleMessage, and become an error reply.
 */
import { saidText, type Said } from "./reply.ts";

export type BotErrorCode = "input" | "permission" | "not_found" | "conflict" | "internal";

export class BotError extends Error {
  override readonly name: string = "BotError";
  readonly code: BotErrorCode;
  /** the message as chat shows it */
  readonly userMessage: string;
  /** the message in parts when it names a command (see CommandHint) */
  readonly said?: Said;
  override readonly cause?: unknown;
  constructor(code: BotErrorCode, userMessage: string | Said, cause?: unknown) {
    const text = saidText(userMessage);
    super(text);
    this.code = code;
    this.userMessage = text;
    if (typeof userMessage !== "string") this.said = userMessage;
    this.cause = cause;
  }
}

/** The input cannot be used as given; nothing was changed. */
export class InputError extends BotError {
  override readonly name = "InputError";
  readonly fieldErrors: Record<string, string>;
  constructor(userMessage: string | Said, fieldErrors: Record<string, string> = {}) {
    super("input", userMessage);
    this.fieldErrors = fieldErrors;
  }
}

/** What the audit log keeps of a refusal; by default "permission.refused" and the message text. */
export interface RefusalAudit {
  action?: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

/**
 * The actor may not do this; nothing was changed. The refusal itself is audited by handleMessage
 * after the command's unit of work was rolled back, as `audit` says.
 */
export class PermissionError extends BotError {
  override readonly name = "PermissionError";
  readonly audit: RefusalAudit;
  constructor(userMessage: string, audit: RefusalAudit = {}) {
    super("permission", userMessage);
    this.audit = audit;
  }
}

export class NotFoundError extends BotError {
  override readonly name = "NotFoundError";
  constructor(userMessage: string | Said) {
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
