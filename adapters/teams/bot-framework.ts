/**
 * The botbuilder wiring: CloudAdapter with Bot Framework authentication from our Config. This file
 * and the others in adapters/teams are the only ones that import botbuilder; a move to the
 * Microsoft 365 Agents SDK replaces them and nothing else.
 */
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import type { Config } from "../../src/config/index.ts";

// Types of botframework-connector, reached through botbuilder (our only direct dependency).
type BotFrameworkAuthentication = ConfigurationBotFrameworkAuthentication;
/** What a successful authentication yields: the caller's claims and a connector factory for replies. */
export type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication["authenticateRequest"]>>;

type ConnectorFactory = ReturnType<BotFrameworkAuthentication["createConnectorFactory"]>;

/**
 * Connector clients without the HTTP pipeline's retry policy. Azure's default pipeline silently
 * retries 429s (sleeping for Retry-After) and 5xx; a retry inside a send would hold the outbox
 * lease and could outlive it. We report the failure instead and the Dispatcher reschedules.
 * Clients are shared per serviceUrl (at most 100 kept): their credentials refresh tokens themselves.
 */
function sharedWithoutRetries(factory: ConnectorFactory, cache: Map<string, ReturnType<ConnectorFactory["create"]>>): ConnectorFactory {
  return {
    create(serviceUrl: string, audience?: string) {
      // One client per endpoint: building a client and its pipeline costs more than a turn's own work.
      const key = `${serviceUrl}\n${audience ?? ""}`;
      const cached = cache.get(key);
      if (cached) return cached;
      if (cache.size >= 100) cache.clear();
      const created = factory.create(serviceUrl, audience).then((client) => {
        (client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }).client?.pipeline?.removePolicy({ phase: "Retry" });
        return client;
      });
      cache.set(key, created);
      created.catch(() => cache.delete(key));
      return created;
    },
  };
}

/** Bot Framework authentication whose connector clients are shared per endpoint and never retry (see sharedWithoutRetries). */
class NoRetryBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, ReturnType<ConnectorFactory["create"]>>();

  override createConnectorFactory(...args: Parameters<BotFrameworkAuthentication["createConnectorFactory"]>): ConnectorFactory {
    return sharedWithoutRetries(super.createConnectorFactory(...args), this.clients);
  }

  override async authenticateRequest(...args: Parameters<BotFrameworkAuthentication["authenticateRequest"]>): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(...args);
    return { ...result, connectorFactory: result.connectorFactory && sharedWithoutRetries(result.connectorFactory, this.clients) };
  }
}

/** CloudAdapter that lets the endpoint authenticate first (bounded in time) and then run the turn. */
export class TeamsCloudAdapter extends CloudAdapter {
  private readonly auth: BotFrameworkAuthentication;

  constructor(auth: BotFrameworkAuthentication) {
    super(auth);
    this.auth = auth;
  }

  /** Bot Framework's own check of a request: token signature, issuer, audience, serviceUrl claim. */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.auth.authenticateRequest(activity, authHeader);
  }

  /** Runs one turn for an already authenticated request; returns the invoke response, if any. */
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** Extra settings for tests: where to fetch Bot Framework's signing keys (a loopback stand-in). */
export interface BotFrameworkOverrides {
  openIdMetadataUrl?: string;
}

/** The adapter for our Config: authenticated when MicrosoftAppId is set, anonymous otherwise. */
export function createTeamsAdapter(config: Config, overrides: BotFrameworkOverrides = {}): TeamsCloudAdapter {
  const appId = config.MicrosoftAppId ?? "";
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? "",
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? "",
  });
  const auth = new NoRetryBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? "",
      // Overriding one endpoint makes botbuilder expect all of them: the public cloud's values.
      ...(overrides.openIdMetadataUrl
        ? {
            ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl,
            ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
            ToChannelFromBotOAuthScope: "https://api.botframework.com",
            ToBotFromChannelTokenIssuer: "https://api.botframework.com",
            OAuthUrl: "https://api.botframework.com",
            ToBotFromEmulatorOpenIdMetadataUrl: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
            CallerId: CallerIdConstants.PublicAzureChannel,
            ValidateAuthority: true,
          }
        : {}),
    },
    credentials,
  );
  return new TeamsCloudAdapter(auth);
}
