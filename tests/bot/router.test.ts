import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand, type AnyCommand } from "../../src/core/command.ts";
import { CommandRouter, normalizeCommandText } from "../../src/bot/router.ts";
import type { Phrase } from "../../src/bot/grammar.ts";
import { textReply } from "../../src/core/reply.ts";
import type { Actor } from "../../src/core/actor.ts";
import type { IncomingMessage, Role } from "../../src/core/message.ts";

const echo = defineCommand({
  id: "echo",
  group: "Test",
  summary: "Echo a number.",
  usage: "echo N",
  examples: ["echo 3"],
  args: z.object({ n: z.coerce.number().int().min(1) }),
  handler: async ({ n }) => textReply(String(n)),
});
const close = defineCommand({
  id: "collect.close",
  group: "Test",
  summary: "Close a collection.",
  usage: "collect close",
  examples: ["collect close"],
  roles: ["chair", "secretariat"],
  args: z.object({}),
  handler: async () => textReply("closed"),
});
const grammar: Phrase[] = [
  { pattern: /^echo\s+(?<n>\S+)$/i, command: "echo" },
  { pattern: /^collect close$/i, command: "collect.close" },
];
const router = new CommandRouter([echo, close] as AnyCommand[], grammar);
const actor = (role: Role) => ({ role, delegation: "FR", member: { displayName: "m" } }) as unknown as Actor;
const text = (t: string): IncomingMessage => ({ platform: "console", kind: "text", text: t, user: { id: "u" }, conversation: { kind: "direct", id: "d" }, receivedAt: new Date(0) });

describe("CommandRouter", () => {
  it.each([
    ["echo 3", "echo", { n: 3 }],
    ["  ECHO   7 ", "echo", { n: 7 }],
  ])("routes %j to %s with validated arguments", (input, id, args) => {
    const r = router.route(text(input), actor("delegate"));
    expect(r.command.id).toBe(id);
    expect(r.args).toEqual(args);
  });

  it("refuses invalid arguments with the usage", () => {
    expect(() => router.route(text("echo zero"), actor("delegate"))).toThrow(/n: .*Usage: echo N/);
  });

  it("refuses a delegate a chair's command, naming who may", () => {
    expect(() => router.route(text("collect close"), actor("delegate"))).toThrow(/Only chairs and the secretariat can close a collection/);
    expect(router.route(text("collect close"), actor("chair")).command.id).toBe("collect.close");
  });

  it("routes a button press by command id and validates its arguments", () => {
    const press: IncomingMessage = { ...text(""), kind: "action", command: "echo", args: { n: "5" } } as IncomingMessage;
    expect(router.route(press, actor("delegate")).args).toEqual({ n: 5 });
  });

  it("says plainly when nothing matches and there is no fallback", () => {
    expect(() => router.route(text("sing a song"), actor("delegate"))).toThrow(/I did not understand "sing a song". Type help/);
  });

  it("maps a phrase's groups through its argument mapping", () => {
    const mapped = new CommandRouter([echo] as AnyCommand[], [{ pattern: /^twice (?<n>\d+)$/, command: "echo", args: (g) => ({ n: Number(g.n) * 2 }) }]);
    expect(mapped.route(text("twice 4"), actor("delegate")).args).toEqual({ n: 8 });
  });

  it("refuses at construction a phrase that names no registered command", () => {
    expect(() => new CommandRouter([echo] as AnyCommand[], [{ pattern: /^x$/, command: "nope" }])).toThrow(/names command nope/);
  });

  it("strips control characters before matching", () => {
    expect(normalizeCommandText("echo\u0007 4")).toBe("echo 4");
  });
});
