export class BotError extends Error {
    code;
    userMessage;
    cause;
    name = "BotError";
    constructor(code, userMessage, cause) {
        super(userMessage);
        this.code = code;
        this.userMessage = userMessage;
        this.cause = cause;
    }
}
/** The input cannot be used as given; nothing was changed. */
export class InputError extends BotError {
    fieldErrors;
    name = "InputError";
    constructor(userMessage, fieldErrors = {}) {
        super("input", userMessage);
        this.fieldErrors = fieldErrors;
    }
}
/** The actor may not do this; nothing was changed. */
export class PermissionError extends BotError {
    name = "PermissionError";
    constructor(userMessage) {
        super("permission", userMessage);
    }
}
export class NotFoundError extends BotError {
    name = "NotFoundError";
    constructor(userMessage) {
        super("not_found", userMessage);
    }
}
/** Someone else changed the same thing at the same moment; try again. */
export class ConflictError extends BotError {
    name = "ConflictError";
    constructor(userMessage) {
        super("conflict", userMessage);
    }
}
/** Wraps anything that is not a BotError, keeping it as the cause. */
export function asBotError(error, ref) {
    if (error instanceof BotError)
        return error;
    return new BotError("internal", `Something went wrong (ref ${ref}); nothing was changed. Please try again, or tell the secretariat the ref.`, error);
}
