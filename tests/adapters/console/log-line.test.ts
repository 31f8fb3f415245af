import { describe, expect, it } from "vitest";
import { logLineText } from "../../../adapters/console/log-line.ts";

describe("logLineText", () => {
  it.each([
    [{ level: 30, time: 0, pid: 1, hostname: "h", app: "secretariat", msg: "secretariat-bot serving", listening: ["a", "http 127.0.0.1:3000"] }, /^· \d\d:\d\d:\d\d info secretariat-bot serving \(listening: a, http 127\.0\.0\.1:3000\)$/],
    [{ level: 50, time: 0, msg: "delivery failed", deliveryId: 7, err: { message: "not_in_channel", stack: "Error: not_in_channel\n    at x" } }, /^· \d\d:\d\d:\d\d error delivery failed \(deliveryId: 7; err: not_in_channel\)$/],
    [{ level: 40, msg: "slow" }, /^· warning slow$/],
  ])("reads %j as one line of text, without pid, host or stack", (o, text) => {
    const line = logLineText(`${JSON.stringify(o)}\n`);
    expect(line).toMatch(text);
    expect(line).not.toContain("\n");
  });

  it("passes a line that is not JSON through as it is", () => {
    expect(logLineText("plain words\n")).toBe("plain words");
  });
});
