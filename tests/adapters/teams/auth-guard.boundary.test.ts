/** The checks in front of Bot Framework authentication: bad tokens refused without a network call, and a bound on time. */
import { describe, expect, it } from "vitest";
import { precheckAuthorization, TeamsAuthError, withAuthTimeout } from "../../../adapters/teams/auth-guard.ts";

const APP = "app-id";
const NOW = 1_800_000_000;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const token = (head: unknown, claims: unknown) => `Bearer ${b64(head)}.${b64(claims)}.c2ln`;
const good = { alg: "RS256", kid: "k1", typ: "JWT" };

const reason = (f: () => void): string => {
  try {
    f();
    return "accepted";
  } catch (e) {
    return e instanceof TeamsAuthError ? e.reason : `other: ${String(e)}`;
  }
};

describe("precheckAuthorization", () => {
  it.each([
    ["no header", undefined, "missing"],
    ["empty header", "", "missing"],
    ["Basic auth", "Basic dXNlcjpwYXNz", "malformed"],
    ["two parts", "Bearer a.b", "malformed"],
    ["whitespace inside", "Bearer a.b .c", "malformed"],
    ["non-JSON parts", "Bearer aaaa.bbbb.cccc", "malformed"],
    ["alg none", token({ alg: "none", kid: "k" }, { aud: APP, exp: NOW + 60 }), "malformed"],
    ["HS256 (a shared-secret forgery)", token({ alg: "HS256", kid: "k" }, { aud: APP, exp: NOW + 60 }), "malformed"],
    ["no key id", token({ alg: "RS256" }, { aud: APP, exp: NOW + 60 }), "malformed"],
    ["another audience", token(good, { aud: "someone-else", exp: NOW + 60 }), "audience"],
    ["no audience", token(good, { exp: NOW + 60 }), "audience"],
    ["no expiry", token(good, { aud: APP }), "expired"],
    ["expired beyond the 5-minute skew", token(good, { aud: APP, exp: NOW - 301 }), "expired"],
    ["expired within the skew", token(good, { aud: APP, exp: NOW - 299 }), "accepted"],
    ["well formed", token(good, { aud: APP, exp: NOW + 3600 }), "accepted"],
    ["audience list including ours", token(good, { aud: ["x", APP], exp: NOW + 3600 }), "accepted"],
  ])("%s → %s", (_name, header, expected) => {
    expect(reason(() => precheckAuthorization(header, APP, NOW))).toBe(expected);
  });
});

describe("withAuthTimeout", () => {
  it("turns a check that never ends into a timeout refusal", async () => {
    await expect(withAuthTimeout(() => new Promise(() => undefined), 50)).rejects.toMatchObject({ reason: "timeout" });
  });

  it("turns any failure (a 500 from a key endpoint, a network error) into a refusal", async () => {
    await expect(withAuthTimeout(() => Promise.reject(new Error("Failed to load openID config: 500")), 1000)).rejects.toMatchObject({ reason: "invalid" });
  });

  it("passes a successful check through", async () => {
    await expect(withAuthTimeout(async () => "ok", 1000)).resolves.toBe("ok");
  });
});
