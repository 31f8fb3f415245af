/**
 * The variable names deployments already set (Bot Framework's: MicrosoftAppId, MicrosoftAppPassword,
 * MicrosoftAppType, MicrosoftAppTenantId) keep working on the Agents SDK: read from the
 * environment by our Config, they reach the SDK's own connection settings under its names
 * (clientId, clientSecret, tenantId, authType), as the SDK's connection manager reports them.
 */
import { AuthType } from "@microsoft/agents-hosting";
import { describe, expect, it } from "vitest";
import { createTeamsAdapter } from "../../../adapters/teams/agents-sdk.ts";
import { ConfigError, loadConfig } from "../../../src/config/index.ts";

const APP_ID = "00000000-1111-2222-3333-444444444444";
const TENANT = "99999999-8888-7777-6666-555555555555";

/** The SDK's view of the one connection: what its token providers and JWT checks will use. */
function sdkSettings(env: Record<string, string>) {
  const adapter = createTeamsAdapter(loadConfig(env));
  const manager = adapter.connectionManager as unknown as { getDefaultConnectionConfiguration(): Record<string, unknown> };
  return { adapter, settings: manager.getDefaultConnectionConfiguration() };
}

describe("the deployment's Bot Framework variables on the Agents SDK", () => {
  it("maps a single-tenant bot's id, secret and tenant to the SDK's clientId, clientSecret and tenantId", () => {
    const { adapter, settings } = sdkSettings({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: TENANT });
    expect(settings).toMatchObject({ clientId: APP_ID, clientSecret: "s3cret", tenantId: TENANT, authType: AuthType.ClientSecret });
    expect(adapter.getClientId()).toBe(APP_ID);
    expect(adapter.authenticated).toBe(true);
  });

  it("leaves a multi-tenant bot's tenant to the SDK's botframework.com default, even when a tenant id is set", () => {
    const { settings } = sdkSettings({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: TENANT });
    expect(settings).toMatchObject({ clientId: APP_ID, clientSecret: "s3cret", authType: AuthType.ClientSecret });
    expect(settings.tenantId === undefined || settings.tenantId === "botframework.com").toBe(true);
  });

  it("is multi-tenant when MicrosoftAppType is not set, as Bot Framework was", () => {
    const { settings } = sdkSettings({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret" });
    expect(settings).toMatchObject({ clientId: APP_ID, clientSecret: "s3cret", authType: AuthType.ClientSecret });
    expect(settings.tenantId === undefined || settings.tenantId === "botframework.com").toBe(true);
  });

  it("maps a user-assigned managed identity to the SDK's UserManagedIdentity, with no secret", () => {
    const { settings } = sdkSettings({ MicrosoftAppId: APP_ID, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: TENANT });
    expect(settings).toMatchObject({ clientId: APP_ID, tenantId: TENANT, authType: AuthType.UserManagedIdentity });
    expect(settings.clientSecret).toBeUndefined();
  });

  it("checks the issuer, which the SDK does not by default", () => {
    expect(sdkSettings({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret" }).settings.validateIssuer).toBe(true);
  });

  it.each([
    ["a single-tenant bot without its tenant", { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret", MicrosoftAppType: "SingleTenant" }, /MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId/],
    ["an app id without its secret", { MicrosoftAppId: APP_ID }, /MicrosoftAppPassword is not/],
  ])("refuses %s, naming the variable to set", (_name, env, message) => {
    expect(() => createTeamsAdapter(loadConfig(env))).toThrow(ConfigError);
    expect(() => createTeamsAdapter(loadConfig(env))).toThrow(message);
  });

  it("refuses an unknown MicrosoftAppType instead of guessing", () => {
    expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret", MicrosoftAppType: "Multitenant" })).toThrow(/MicrosoftAppType/);
  });

  it("is anonymous (local mode) without MicrosoftAppId: no client id for the SDK", () => {
    const { adapter, settings } = sdkSettings({ TEAMS_ENABLE: "1" });
    expect(settings.clientId).toBeUndefined();
    expect(adapter.authenticated).toBe(false);
    expect(adapter.trust).toBe("loopback");
  });
});
