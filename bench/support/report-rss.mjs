// Preloaded into a benchmarked process: reports its peak resident set size and CPU time on exit, on stderr.
import fs from "node:fs";
process.on("exit", () => {
  const u = process.resourceUsage();
  fs.writeSync(2, `\nBENCH_MAX_RSS_KB=${u.maxRSS}\nBENCH_CPU_US=${u.userCPUTime + u.systemCPUTime}\n`);
});
