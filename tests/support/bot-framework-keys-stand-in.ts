/**
 * A loopback stand-in for the signing keys the Agents SDK checks tokens against, and a token
 * issuer: lets tests post activities with a properly signed channel token (accepted) next to
 * forged ones (refused). The SDK hard-codes Bot Framework's key URL for tokens issued by
 * `https://api.botframework.com`; for any other issuer it reads
 * `{authorityEndpoint}/{tenant}/discovery/v2.0/keys` and accepts `{authorityEndpoint}/{tenant}/v2.0`,
 * so the stand-in is the authority (the SDK's `authorityEndpoint` setting) and issues tokens as it.
 * `blackHole()` accepts connections and never answers, like an unreachable endpoint.
 */
import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** The tenant the SDK puts in a multi-tenant bot's authority. */
const TENANT = "botframework.com";

const b64url = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

/** Signs a JWT with RS256; `kid` names the key in the JWKS. */
export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url({ alg: "RS256", typ: "JWT", kid });
  const body = b64url(claims);
  const sig = createSign("RSA-SHA256").update(`${head}.${body}`).sign(key).toString("base64url");
  return `${head}.${body}.${sig}`;
}

export class BotFrameworkKeysStandIn {
  readonly kid = "stand-in-key-1";
  private readonly pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** What to set as the SDK's `authorityEndpoint`. */
  get authorityEndpoint(): string {
    return this.url;
  }

  /** The issuer the SDK accepts for this authority (a multi-tenant bot's tenant is botframework.com). */
  get issuer(): string {
    return `${this.url}/${TENANT}/v2.0`;
  }

  /** A channel token for `appId` and `serviceUrl`, valid now, signed by the stand-in's key (or `key`). */
  channelToken(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}, key: KeyObject = this.pair.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt({ iss: this.issuer, aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...overrides }, key, this.kid);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
      const jwk = this.pair.publicKey.export({ format: "jwk" });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: "sig", endorsements: ["msteams"] }] }));
      return;
    }
    res.writeHead(404).end();
  }
}

/** An authority that accepts connections and never answers: Microsoft's key endpoints when unreachable. */
export async function blackHole(): Promise<{ url: string; issuer: string; close(): Promise<void> }> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    issuer: `${url}/${TENANT}/v2.0`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
