/** A database problem explained in one line a user can act on. */
export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly code: "bad_url" | "unreachable" | "corrupt" | "migration" | "locked";
  override readonly cause?: unknown;
  constructor(message: string, code: StoreError["code"], cause?: unknown) {
    super(message);
    this.code = code;
    this.cause = cause;
  }
}

/** Turns a driver error into a StoreError with a message that names the database, or null. */
export function explainDriverError(error: unknown, where: string): StoreError | null {
  const text = errorText(error);
  const code = (error as { code?: string })?.code;
  if (/file is not a database|database disk image is malformed|SQLITE_NOTADB|SQLITE_CORRUPT/i.test(text))
    return new StoreError(`${where} is not a readable SQLite database (${firstLine(text)}); nothing was changed`, "corrupt", error);
  if (/unable to open database file|SQLITE_CANTOPEN|SQLITE_READONLY|readonly database/i.test(text))
    return new StoreError(`${where} cannot be opened for writing (${firstLine(text)})`, "unreachable", error);
  if (code === "ECONNREFUSED" || /Can't reach database server|DatabaseNotReachable|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|Connection terminated|connect ECONN/i.test(text))
    return new StoreError(`cannot reach the PostgreSQL server of ${where} (${firstLine(text)})`, "unreachable", error);
  if (/database ".*" does not exist|password authentication failed|role ".*" does not exist/i.test(text))
    return new StoreError(`PostgreSQL refused ${where}: ${firstLine(text)}`, "unreachable", error);
  return null;
}

const firstLine = (s: string) => s.split("\n")[0]!.slice(0, 200);

/** The most telling line of a driver or Prisma error (Prisma's messages start with a blank line). */
export function errorText(error: unknown): string {
  const e = error as { message?: string; meta?: { driverAdapterError?: { cause?: { originalMessage?: string; kind?: string } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.originalMessage) return cause.originalMessage;
  const message = String(e?.message ?? error);
  const quoted = /Message: `([^`]+)`/.exec(message)?.[1];
  if (quoted) return quoted;
  return message.split("\n").find((l) => l.trim().length > 0 && !/^Invalid `/.test(l.trim()))?.trim() ?? (cause?.kind ?? message);
}

/** A URL without its password, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
