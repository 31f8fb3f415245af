/**
 * The baseline for the Slack ack benchmark: a Bolt app with one command listener that only acks,
 * in its own process like the real bot. Prints "ready PORT" when listening.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? "", logLevel: LogLevel.ERROR });
const app = new App({ token: "xoxb-bare", receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.SLACK_API_URL }, deferInitialization: true });
await app.init();
app.command(/.+/, async ({ ack }) => ack());
const server = http.createServer((req, res) => receiver.requestListener(req, res));
server.listen(0, "127.0.0.1", () => process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`));
