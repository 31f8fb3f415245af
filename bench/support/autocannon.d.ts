/** The part of autocannon's API the benchmarks use (it ships no types). */
declare module "autocannon" {
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    overallRate?: number;
    duration?: number;
    /** total requests instead of a duration */
    amount?: number;
    /** per-request changes: each request signed afresh (the bot refuses a replayed signature) */
    requests?: { method?: string; setupRequest?(req: RequestParams): RequestParams; onResponse?(status: number, body: string): void }[];
  }
  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Histogram {
    average: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }
  interface Result {
    latency: Histogram;
    requests: { total: number; average: number };
    "2xx": number;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
