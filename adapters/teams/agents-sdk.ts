/**
 * The Microsoft 365 Agents SDK wiring: its CloudAdapter with an AuthConfiguration built from our
 * Config (the Bot Framework variable names deployments already set), our serviceUrl rule as the
 * SDK's outbound policy, and connector clients that fetch their token at their first call and
 * retry dropped connections. This file and the others in adapters/teams are the only ones that
 * import the SDK.
 */
import { AuthType, CloudAdapter, ConnectorClient, HttpClient, type AuthConfiguration, type HttpRequestConfig, type HttpResponse, type Request } from "@microsoft/agents-hosting";
import type { Activity } from "@microsoft/agents-activity";
import type { Config } from "../../src/config/index.ts";
import { ConfigError } from "../../src/config/index.ts";
import { retryTransportFailures, type RetryPolicy } from "./connector-retry.ts";
import { isTrustedServiceUrl, serviceUrlPolicy, type ServiceUrlTrust } from "./service-url.ts";

/** Extra settings for tests: where the SDK finds signing keys for non-Bot-Framework issuers (a loopback stand-in). */
export interface AgentsSdkOverrides {
  /**
   * The SDK hard-codes Bot Framework's key URL for tokens issued by `https://api.botframework.com`;
   * for every other issuer it reads keys from `{authorityEndpoint}/{tenant}/discovery/v2.0/keys`
   * and accepts `{authorityEndpoint}/{tenant}/v2.0` as issuer. Pointing it at a stand-in is the
   * SDK's own way to check tokens offline.
   */
  authorityEndpoint?: string;
  /** transport retries of connector calls (tests make them quick) */
  retry?: RetryPolicy;
}

/** The caller's verified token claims, as the SDK hands them around. */
type JwtPayload = NonNullable<Request["user"]>;

/** The one connection our configuration describes, under the SDK's default name. */
const CONNECTION = "serviceConnection";

/** The Agents SDK's auth settings for our Config: MicrosoftAppId → clientId, and so on. */
export function teamsAuthConfiguration(config: Config, overrides: AgentsSdkOverrides = {}): AuthConfiguration {
  const appId = config.MicrosoftAppId;
  if (!appId) return { connections: new Map([[CONNECTION, {}]]), connectionsMap: [{ serviceUrl: "*", connection: CONNECTION }] };
  const type = config.MicrosoftAppType;
  if (type !== "MultiTenant" && !config.MicrosoftAppTenantId) throw new ConfigError(`MicrosoftAppType=${type} needs MicrosoftAppTenantId (your Azure tenant id)`);
  if (type !== "UserAssignedMSI" && !config.MicrosoftAppPassword) throw new ConfigError("MicrosoftAppId is set but MicrosoftAppPassword is not: set the bot's client secret");
  const settings: AuthConfiguration = {
    clientId: appId,
    // MultiTenant bots get their tokens from the botframework.com tenant, the SDK's default without a tenant id.
    ...(type === "MultiTenant" ? {} : { tenantId: config.MicrosoftAppTenantId }),
    ...(type === "UserAssignedMSI" ? { authType: AuthType.UserManagedIdentity } : { authType: AuthType.ClientSecret, clientSecret: config.MicrosoftAppPassword }),
    // Off by default in the SDK; a token from another tenant must not pass on signature and audience alone.
    validateIssuer: true,
    ...(overrides.authorityEndpoint ? { authorityEndpoint: overrides.authorityEndpoint } : {}),
  };
  return { connections: new Map([[CONNECTION, settings]]), connectionsMap: [{ serviceUrl: "*", connection: CONNECTION }] };
}

/** Longest wait for one connector call. */
const CONNECTOR_TIMEOUT_MS = 15_000;

/** A connector client over our HTTP client (the SDK's constructor is protected). */
class TeamsConnectorClient extends ConnectorClient {
  static over(http: HttpClient): ConnectorClient {
    return new TeamsConnectorClient(http);
  }
}

/**
 * The SDK's HTTP client, with the token asked for at each call (MSAL caches it) instead of
 * before the turn, and connection-level failures retried (see connector-retry.ts). Asking
 * late keeps a turn that sends nothing (a channel message not for the bot) off the network.
 */
class ConnectorHttpClient extends HttpClient {
  private readonly token: (() => Promise<string>) | null;
  private readonly retry: RetryPolicy | undefined;

  constructor(from: HttpClient, token: (() => Promise<string>) | null, retry: RetryPolicy | undefined) {
    super({ baseURL: from.baseURL, headers: from.defaultHeaders });
    this.token = token;
    this.retry = retry;
  }

  override async request<T = unknown>(config: HttpRequestConfig): Promise<HttpResponse<T>> {
    if (this.token) this.setHeader("authorization", `Bearer ${await this.token()}`);
    // The SDK sets no timeout: a connector that accepts and never answers would hold the turn (and an outbox lease) for ever.
    return retryTransportFailures(() => super.request<T>({ timeout: CONNECTOR_TIMEOUT_MS, ...config }), this.retry);
  }
}

/** The Agents SDK's CloudAdapter with lazily authenticated, retrying connector clients. */
export class TeamsCloudAdapter extends CloudAdapter {
  /** which serviceUrls this adapter calls */
  readonly trust: ServiceUrlTrust;
  private readonly retry: RetryPolicy | undefined;

  constructor(authConfig: AuthConfiguration, trust: ServiceUrlTrust, retry?: RetryPolicy) {
    super(authConfig, undefined, undefined, { validateServiceUrl: true }, serviceUrlPolicy(trust));
    this.trust = trust;
    this.retry = retry;
  }

  /** True when requests must carry a Bot Framework token (MicrosoftAppId is set). */
  get authenticated(): boolean {
    return Boolean(this.getClientId());
  }

  protected override async createConnectorClientWithIdentity(identity: JwtPayload, activity: Activity): Promise<ConnectorClient> {
    const serviceUrl = this.checked(activity.serviceUrl);
    // Agentic identities (Copilot agents) need the SDK's own token exchange; Teams bots never get them.
    if (activity.isAgenticRequest()) return super.createConnectorClientWithIdentity(identity, activity);
    if (!identity?.aud || !this.authenticated) return this.client(serviceUrl, null);
    // Bot Framework tokens carry no azp/appid, so the scope is the connector's; as in the SDK.
    const scope = (identity.azp as string | undefined) ?? (identity.appid as string | undefined) ?? "https://api.botframework.com";
    const provider = this.connectionManager.getTokenProviderFromActivity(identity, activity);
    return this.client(serviceUrl, () => provider.getAccessToken(scope));
  }

  protected override async createConnectorClient(serviceUrl: string, scope: string, identity: JwtPayload): Promise<ConnectorClient> {
    this.checked(serviceUrl);
    if (!this.authenticated) return this.client(serviceUrl, null);
    const provider = this.connectionManager.getTokenProvider(identity, serviceUrl);
    return this.client(serviceUrl, () => provider.getAccessToken(scope));
  }

  private client(serviceUrl: string, token: (() => Promise<string>) | null): ConnectorClient {
    const plain = ConnectorClient.createClientWithToken(serviceUrl, "");
    return TeamsConnectorClient.over(new ConnectorHttpClient(plain.httpClient, token, this.retry));
  }

  private checked(serviceUrl: string | undefined): string {
    if (!serviceUrl || !isTrustedServiceUrl(serviceUrl, this.trust)) throw new Error(`refusing to call serviceUrl ${serviceUrl ?? "(none)"}: not a ${this.trust === "loopback" ? "loopback" : "Bot Framework"} endpoint`);
    return serviceUrl;
  }
}

/** The adapter for our Config: authenticated when MicrosoftAppId is set, local (loopback only) otherwise. */
export function createTeamsAdapter(config: Config, overrides: AgentsSdkOverrides = {}): TeamsCloudAdapter {
  const trust: ServiceUrlTrust = config.MicrosoftAppId ? "bot-framework" : "loopback";
  return new TeamsCloudAdapter(teamsAuthConfiguration(config, overrides), trust, overrides.retry);
}
