/**
 * Fail closed and fast in front of Bot Framework authentication. botbuilder verifies a token by
 * fetching Microsoft's OpenID metadata and keys; when those endpoints cannot be reached it may wait
 * for a long time or fail with a 500. Here an obviously bad request is refused before any network
 * call, and the real check is bounded by a timeout, so every refusal is a 401 within seconds.
 */

/** Why a request was refused, for the log (never for the caller). */
export type AuthRefusal = "missing" | "malformed" | "audience" | "expired" | "timeout" | "invalid";

/** Raised for every refused request; the endpoint answers 401. */
export class TeamsAuthError extends Error {
  override readonly name = "TeamsAuthError";
  readonly reason: AuthRefusal;
  constructor(reason: AuthRefusal, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

const base64UrlJson = (part: string): Record<string, unknown> | null => {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  try {
    const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * Checks what can be checked without keys: a `Bearer` JWT with an RS256-family header, a key id,
 * our app id as audience and a lifetime that has not ended. `nowSeconds` is the clock, passed in.
 */
export function precheckAuthorization(header: string | undefined, appId: string, nowSeconds: number): void {
  if (!header) throw new TeamsAuthError("missing", "no Authorization header");
  const m = /^Bearer ([^\s.]+)\.([^\s.]+)\.([^\s.]+)$/.exec(header.trim());
  if (!m) throw new TeamsAuthError("malformed", "Authorization is not a Bearer JWT");
  const head = base64UrlJson(m[1]!);
  const claims = base64UrlJson(m[2]!);
  if (!head || !claims) throw new TeamsAuthError("malformed", "token header or claims are not JSON");
  if (typeof head.alg !== "string" || !/^RS(256|384|512)$/.test(head.alg) || typeof head.kid !== "string")
    throw new TeamsAuthError("malformed", "token is not signed with an RSA key id");
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(appId)) throw new TeamsAuthError("audience", "token is for another audience");
  // Bot Framework allows five minutes of clock skew; so do we.
  if (typeof claims.exp !== "number" || claims.exp + 300 < nowSeconds) throw new TeamsAuthError("expired", "token has expired");
}

/** Runs `check`, turning any failure or a run longer than `timeoutMs` into a TeamsAuthError. */
export async function withAuthTimeout<T>(check: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TeamsAuthError("timeout", `authentication took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (e) {
    if (e instanceof TeamsAuthError) throw e;
    throw new TeamsAuthError("invalid", String((e as Error)?.message ?? e));
  } finally {
    clearTimeout(timer);
  }
}
