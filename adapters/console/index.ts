/**
 * The interactive console chat (`npm start` with no Slack or Teams credentials): one line in, the
 * bot's replies out, proactive messages and log lines printed as they come, above the prompt, which
 * is drawn again after them with what the person had typed so far. `exit` or Ctrl-D quits.
 */
import readline from "node:readline";
import type { ConsoleChatOptions, ConsoleScreen } from "../../src/cli/adapter-kit.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { consoleInbound } from "./inbound.ts";
import { logLineText } from "./log-line.ts";
import { ConsoleMessenger } from "./messenger.ts";
import { renderForConsole } from "./render.ts";
import { publicBaseUrl } from "../../src/config/index.ts";

export async function runConsoleChat(rt: Runtime, options: ConsoleChatOptions): Promise<void> {
  const { output } = options;
  const write = (s: string) => output.write(`${s}\n`);
  const messenger = new ConsoleMessenger((m) => write(`\n[to ${m.to.kind === "user" ? "@" : ""}${m.to.id}]\n${renderForConsole(m.replies)}`));
  const dispatcher = options.dispatcher ?? new Dispatcher(rt.store, [messenger], rt.logger);
  const wp = await rt.store.repos.workingParties.find(rt.config.DEFAULT_WORKING_PARTY);
  write(`secretariat-bot — console chat${wp ? ` with ${wp.code}` : ""}, as ${options.user} (secretariat).`);
  write("Type help to see what I understand; exit or Ctrl-D to quit.");
  write(`Web console: ${publicBaseUrl(rt.config)}/console/ (type console for a sign-in link).`);
  const terminal = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const rl = readline.createInterface({ input: options.input, output, prompt: "you> ", terminal });
  // While a line is handled its reply ends with a fresh prompt; only output that arrives while the
  // person is typing (a reminder, a log line) has to clear the prompt and draw it again.
  let busy = false;
  let closed = false;
  const screen: ConsoleScreen = {
    print(text) {
      if (closed) return void write(text);
      if (terminal) {
        readline.clearLine(output, 0);
        readline.cursorTo(output, 0);
      }
      write(text);
      if (!busy) rl.prompt(true);
    },
    log(line) {
      screen.print(logLineText(line));
    },
  };
  options.attach?.(screen);
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
        busy = true;
        try {
          if (text) {
            const now = new Date();
            // The person at the console runs this deployment: they act as its secretariat.
            const result = await rt.bot.handle(consoleInbound(text, { id: options.user, role: "secretariat" }, now));
            write(renderForConsole(result.replies));
            if (result.deliveryIds.length > 0) await dispatcher.dispatchDue({ now, only: result.deliveryIds });
          }
        } finally {
          busy = false;
        }
        rl.prompt();
      });
    });
    rl.on("close", () => {
      closed = true;
      void queue.then(() => resolve());
    });
  });
  write("Goodbye.");
}
