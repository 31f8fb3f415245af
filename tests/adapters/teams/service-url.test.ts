/** Which serviceUrls the bot may call: Bot Framework hosts when authenticated, this machine only in local mode. */
import { describe, expect, it } from "vitest";
import { isLoopbackHost, isTrustedServiceUrl, serviceUrlPolicy } from "../../../adapters/teams/service-url.ts";

describe("isTrustedServiceUrl for an authenticated bot", () => {
  it.each([
    ["https://smba.trafficmanager.net/emea/", true],
    ["https://smba.trafficmanager.net/amer/", true],
    ["https://smba.infra.gcc.teams.microsoft.com/", true],
    ["https://smba.infra.gov.teams.microsoft.us/", true],
    ["https://europe.webchat.botframework.com/", true],
    ["http://smba.trafficmanager.net/emea/", false],
    ["https://smba.trafficmanager.net.evil.example/", false],
    ["https://evilbotframework.com/", false],
    ["https://user:pw@smba.trafficmanager.net/", false],
    ["http://127.0.0.1:3978/", false],
    ["http://localhost:56150/_connector", false],
    ["not a url", false],
    ["", false],
  ])("%s → %s", (url, trusted) => {
    expect(isTrustedServiceUrl(url, "bot-framework")).toBe(trusted);
  });
});

describe("isTrustedServiceUrl in local mode", () => {
  it.each([
    ["http://127.0.0.1:3978/", true],
    ["http://localhost:56150/_connector", true],
    ["http://[::1]:56150/_connector", true],
    ["https://127.0.0.5/", true],
    // Not this machine: a local-mode activity must not make the bot post anywhere else.
    ["https://smba.trafficmanager.net/emea/", false],
    ["http://10.0.0.8:5432/", false],
    ["http://localhost.evil.example/", false],
    ["http://127.0.0.1.nip.io/", false],
    ["http://user:pw@127.0.0.1/", false],
    ["file:///etc/passwd", false],
    ["gopher://127.0.0.1:5432/", false],
  ])("%s → %s", (url, trusted) => {
    expect(isTrustedServiceUrl(url, "loopback")).toBe(trusted);
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["127.0.0.1", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.5", false],
    ["example.org", false],
  ])("%s → %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe("serviceUrlPolicy", () => {
  it("is the SDK's outbound policy with the same rule, enabled", () => {
    const policy = serviceUrlPolicy("loopback");
    expect(policy.enabled).toBe(true);
    expect(policy.isAllowed(new URL("http://127.0.0.1:9/x"))).toBe(true);
    expect(policy.isAllowed("https://smba.trafficmanager.net/emea/")).toBe(false);
    expect(policy.isAllowed(undefined)).toBe(false);
  });
});
