/**
 * The interactive console chat (`npm start` with no Slack or Teams credentials): one line in, the
 * bot's replies out, proactive messages printed as they are sent. `exit` or Ctrl-D quits.
 */
import readline from "node:readline";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { consoleInbound } from "./inbound.ts";
import { ConsoleMessenger } from "./messenger.ts";
import { renderForConsole } from "./render.ts";
import { publicBase } from "../../src/admin/console-sign-in.ts";

export async function runConsoleChat(
  rt: Runtime,
  options: { user: string; input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<void> {
  const { output } = options;
  const write = (s: string) => output.write(`${s}\n`);
  const messenger = new ConsoleMessenger((m) => write(`\n[to ${m.to.kind === "user" ? "@" : ""}${m.to.id}]\n${renderForConsole(m.replies)}`));
  const dispatcher = new Dispatcher(rt.store, [messenger], rt.logger);
  const wp = await rt.store.db.workingParty.findUnique({ where: { code: rt.config.DEFAULT_WORKING_PARTY } });
  write(`secretariat-bot — console chat${wp ? ` with ${wp.code}` : ""}, as ${options.user} (secretariat).`);
  write("Type help to see what I understand; exit or Ctrl-D to quit.");
  write(`Web console: ${publicBase(rt.config)}/console/ (type console for a sign-in link).`);
  const rl = readline.createInterface({ input: options.input, output, prompt: "you> ", terminal: Boolean((options.input as { isTTY?: boolean }).isTTY) });
  rl.prompt();
  // Lines are handled one at a time, in order, even when pasted together.
  let queue = Promise.resolve();
  let quitting = false;
  await new Promise<void>((resolve) => {
    rl.on("line", (line) => {
      queue = queue.then(async () => {
        const text = line.trim();
        if (quitting) return;
        if (/^(exit|quit)$/i.test(text)) {
          quitting = true;
          rl.close();
          return;
        }
        if (text) {
          const now = new Date();
          // The person at the console runs this deployment: they act as its secretariat.
          const result = await rt.bot.handle(consoleInbound(text, { id: options.user, role: "secretariat" }, now));
          write(renderForConsole(result.replies));
          if (result.deliveryIds.length > 0) await dispatcher.dispatchDue({ now, only: result.deliveryIds });
        }
        rl.prompt();
      });
    });
    rl.on("close", () => void queue.then(() => resolve()));
  });
  write("Goodbye.");
}
