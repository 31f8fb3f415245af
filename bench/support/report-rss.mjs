// Preloaded into a benchmarked process: reports its peak resident set size on exit, on stderr.
import fs from "node:fs";
process.on("exit", () => fs.writeSync(2, `\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`));
