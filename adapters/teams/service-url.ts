/**
 * Which connector endpoints the bot may call. Bot Framework (and so Teams) only ever hands us
 * serviceUrls on a few Microsoft hosts; any other URL in an activity or a stored reference would
 * make the bot send its token and its messages somewhere else. In local mode (no MicrosoftAppId,
 * TEAMS_ENABLE=1) the only clients are on this machine (the Agents Playground, loopback test
 * stand-ins), so only loopback URLs are trusted there; nothing else is, in either mode (issue 13:
 * a "trust any" switch let an activity make the bot POST to any port, PostgreSQL's included).
 */

/** What a serviceUrl must be: a Bot Framework endpoint (authenticated mode) or a loopback one (local mode). */
export type ServiceUrlTrust = "bot-framework" | "loopback";

/** Hosts Bot Framework uses for the Teams connector, public and government clouds. */
const EXACT_HOSTS = new Set(["smba.trafficmanager.net", "api.botframework.com"]);
const HOST_SUFFIXES = [".botframework.com", ".botframework.azure.us", ".botframework.us", ".teams.microsoft.com", ".teams.microsoft.us"];

/** True for a host name or address that can only mean this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** True when `serviceUrl` is a URL the bot may send to under `trust`. */
export function isTrustedServiceUrl(serviceUrl: string | undefined | null, trust: ServiceUrlTrust): boolean {
  if (!serviceUrl) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (trust === "loopback") return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.hostname);
  if (url.protocol !== "https:") return false;
  const host = url.hostname.toLowerCase();
  return EXACT_HOSTS.has(host) || HOST_SUFFIXES.some((s) => host.endsWith(s));
}

/**
 * The same rule as the Agents SDK's outbound policy (`OutboundUrlPolicy`), so the SDK itself
 * refuses to build a connector client for any other URL, whatever path a send takes.
 */
export function serviceUrlPolicy(trust: ServiceUrlTrust): { readonly enabled: boolean; isAllowed(url: string | URL | null | undefined): boolean } {
  return { enabled: true, isAllowed: (url) => isTrustedServiceUrl(url === null || url === undefined ? url : String(url), trust) };
}
