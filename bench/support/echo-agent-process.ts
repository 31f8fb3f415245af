/**
 * The Agents SDK echo agent in its own process, so the bench's baseline runs as the bot does: not
 * in the load driver's event loop. Prints "echo agent listening on URL" once it serves.
 */
import { startEchoBaseline } from "../../adapters/teams/echo-baseline.ts";

const echo = await startEchoBaseline();
process.stdout.write(`echo agent listening on ${echo.url.href}\n`);
process.on("SIGTERM", () => void echo.close().then(() => process.exit(0)));
