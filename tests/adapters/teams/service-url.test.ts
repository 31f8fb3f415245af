/** Which serviceUrls the bot may call. */
import { describe, expect, it } from "vitest";
import { isTrustedServiceUrl } from "../../../adapters/teams/service-url.ts";

describe("isTrustedServiceUrl", () => {
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
    ["not a url", false],
    ["", false],
  ])("%s → %s", (url, trusted) => {
    expect(isTrustedServiceUrl(url, false)).toBe(trusted);
  });

  it("trusts loopback stand-ins only in test mode, and never a non-HTTP scheme", () => {
    expect(isTrustedServiceUrl("http://127.0.0.1:3978/", true)).toBe(true);
    expect(isTrustedServiceUrl("file:///etc/passwd", true)).toBe(false);
  });
});
