/** A browser without JavaScript, over fetch: a cookie jar and the console's forms, for HTTP-level console tests. */
import { expect } from "vitest";

/** A visitor with its cookies, enough for the console's forms. */
export class Visitor {
  private cookies = new Map<string, string>();
  private readonly base: string;
  constructor(base: string) {
    this.base = base;
  }
  async request(path: string, init: RequestInit = {}): Promise<{ status: number; text: string; location: string | null }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(path.startsWith("http") ? path : this.base + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [k, v] = pair!.split("=");
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || v === "") this.cookies.delete(k!);
      else this.cookies.set(k!, v!);
    }
    return { status: res.status, text: await res.text(), location: res.headers.get("location") };
  }
  /** The CSRF token of the form on a page. */
  async token(path: string): Promise<string> {
    const page = await this.request(path);
    return decodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? /_csrf=([^"&]+)/.exec(page.text)![1]!);
  }
  post(path: string, form: Record<string, string>) {
    return this.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
  }
  async signIn(link: string): Promise<void> {
    const res = await this.post(link, { _csrf: await this.token(link) });
    expect(res.status).toBe(303);
  }
}
