// Preloaded with `node --import` by tests that check what a command loads: appends the URL of every
// module loaded (ES modules and require() alike) to the file named by LOAD_LOG.
import fs from "node:fs";
import { registerHooks } from "node:module";

const log = process.env.LOAD_LOG;
if (log) {
  registerHooks({
    load(url, context, next) {
      fs.appendFileSync(log, `${url}\n`);
      return next(url, context);
    },
  });
}
