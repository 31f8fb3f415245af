/**
 * Which connector endpoints the bot may call. Bot Framework (and so Teams) only ever hands us
 * serviceUrls on a few Microsoft hosts; any other URL in an activity or a stored reference would
 * make the bot send its token and its messages somewhere else, so it is refused unless test mode
 * (TEAMS_TRUST_ANY_SERVICE_URL=1, loopback stand-ins) says otherwise.
 */

/** Hosts Bot Framework uses for the Teams connector, public and government clouds. */
const EXACT_HOSTS = new Set(["smba.trafficmanager.net", "api.botframework.com"]);
const HOST_SUFFIXES = [".botframework.com", ".botframework.azure.us", ".botframework.us", ".teams.microsoft.com", ".teams.microsoft.us"];

/** True when `serviceUrl` is an https URL on a Bot Framework host, or when any URL is trusted (test mode). */
export function isTrustedServiceUrl(serviceUrl: string | undefined | null, trustAny: boolean): boolean {
  if (!serviceUrl) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (trustAny) return url.protocol === "https:" || url.protocol === "http:";
  if (url.protocol !== "https:" || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return EXACT_HOSTS.has(host) || HOST_SUFFIXES.some((s) => host.endsWith(s));
}
