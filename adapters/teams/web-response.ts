/**
 * The SDK writes its answers (the JWT middleware's 401, `process()`'s status and invoke body)
 * through an Express-like response. The endpoint hands it this recorder instead of Node's
 * response, so one place decides what the caller gets: the SDK cannot answer after our timeout
 * has, nor write a stack or an internal error text.
 */

/** What the SDK wrote. */
export interface RecordedResponse {
  statusCode: number | null;
  headers: Record<string, string>;
  body: unknown;
  ended: boolean;
}

/** A WebResponse (the SDK's interface) that only records. */
export class ResponseRecorder {
  readonly recorded: RecordedResponse = { statusCode: null, headers: {}, body: undefined, ended: false };

  get headersSent(): boolean {
    return this.recorded.ended;
  }

  get writableEnded(): boolean {
    return this.recorded.ended;
  }

  status(code: number): this {
    this.recorded.statusCode = code;
    return this;
  }

  setHeader(name: string, value: string): this {
    this.recorded.headers[name.toLowerCase()] = value;
    return this;
  }

  send(body?: unknown): this {
    this.recorded.body = body;
    return this;
  }

  end(): this {
    this.recorded.ended = true;
    return this;
  }
}
