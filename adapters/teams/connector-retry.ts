/**
 * Retries of connector calls that never got an answer. The SDK's HTTP client (native fetch) does
 * not retry at all; about 2 in 100 replies in the Agents Playground failed with "socket hang up"
 * (a keep-alive connection the other side had just closed), and the user was told nothing had
 * changed although the command had run (issue 16, item 1). Only failures without an HTTP
 * response are retried, a bounded number of times and with the same activity (its delivery key
 * in channelData). The connector keeps no key, so when the connection dropped after it had
 * accepted the message, the retry posts it a second time (scripts/fault t6b measures it; README
 * says so); one dropped before the post was read costs nothing. A status (429, 5xx, 403…) is
 * never retried here: it goes back to the caller, and the outbox decides (Retry-After honoured, lease kept).
 * A timeout is not retried either: the request may have arrived.
 */

/** How often and how soon a call that got no answer is tried again. */
export interface RetryPolicy {
  /** pause before each retry, in ms; its length is the number of retries */
  delaysMs: readonly number[];
}

/** Two retries within a third of a second: dropped sockets are replaced at once, a dead connector is not waited for. */
export const DEFAULT_RETRY: RetryPolicy = { delaysMs: [50, 250] };

/** Socket-level error codes (Node and undici) that mean the request got no answer. */
const TRANSPORT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_CONNECT_TIMEOUT"]);

/** True for a failure that happened below HTTP: no status came back and the request did not time out. */
export function isTransportFailure(e: unknown): boolean {
  const err = e as { response?: unknown; name?: string; code?: string; cause?: { code?: string; cause?: { code?: string } } } | null;
  if (!err || err.response !== undefined) return false;
  if (err.name === "TimeoutError" || err.name === "AbortError") return false;
  const code = err.code ?? err.cause?.code ?? err.cause?.cause?.code;
  if (code && TRANSPORT_CODES.has(code)) return true;
  // undici's fetch wraps every network failure as TypeError("fetch failed") with the cause attached.
  return e instanceof TypeError && /fetch failed|terminated|other side closed/i.test(String(err instanceof Error ? err.message : ""));
}

/** Runs `call`, retrying it after transport failures as `policy` says; other failures are thrown at once. */
export async function retryTransportFailures<T>(call: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const delay = policy.delaysMs[attempt];
      if (delay === undefined || !isTransportFailure(e)) throw e;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
