/**
 * A pino JSON line as one line of text for the console chat: "· 09:00:01 info secretariat-bot
 * serving (listening: calendar feeds …, http 127.0.0.1:3000)". A person reads the chat; JSON
 * belongs in a log file or a log collector, where stderr goes when it is not the chat's terminal.
 */
const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warning", 50: "error", 60: "fatal" };
const OMIT = new Set(["level", "time", "pid", "hostname", "app", "msg", "v"]);

const value = (v: unknown): string => {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(value).join(", ");
  // errors: their message, not their stack
  if (v && typeof v === "object" && "message" in v) return String((v as { message: unknown }).message);
  return JSON.stringify(v);
};

/** The text of one log line; anything that is not JSON is shown as it is. */
export function logLineText(line: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  if (!o || typeof o !== "object") return line.trimEnd();
  const time = typeof o.time === "number" ? new Date(o.time).toTimeString().slice(0, 8) : "";
  const level = LEVELS[Number(o.level)] ?? String(o.level ?? "log");
  const fields = Object.entries(o)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => `${k}: ${value(v)}`);
  return `· ${[time, level, String(o.msg ?? "")].filter(Boolean).join(" ")}${fields.length ? ` (${fields.join("; ")})` : ""}`;
}
