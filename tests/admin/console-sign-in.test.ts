import { afterEach, describe, expect, it } from "vitest";
import { IDLE_MINUTES, LINK_MINUTES, SESSION_HOURS, issueSignInLink, openSession, sessionPerson, signOut } from "../../src/admin/console-sign-in.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.dispose();
  rt = undefined;
});

const t0 = new Date("2026-11-23T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const tokenOf = (url: string) => url.split("/").pop()!;

async function member(user: string, role = "secretariat") {
  const wp = await rt!.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await rt!.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: user, displayName: user, role } });
}

describe("console sign-in", () => {
  it("opens one session per link: the same link again is refused", async () => {
    rt = await testRuntime();
    await member("U1");
    const link = await issueSignInLink(rt.store, { platform: "slack", platformUserId: "U1" }, { base: "http://127.0.0.1:3000/", now: t0, actor: "cli" });
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/console\/sign-in\//);
    expect(link.expires).toBe(at(LINK_MINUTES).toISOString());
    const { sessionToken, person } = await openSession(rt.store, tokenOf(link.url), at(1));
    expect(person).toEqual({ platform: "slack", platformUserId: "U1" });
    expect(await sessionPerson(rt.store.repos, sessionToken, at(2))).toEqual(person);
    await expect(openSession(rt.store, tokenOf(link.url), at(2))).rejects.toThrow(/already used or has expired/);
    expect(await rt.store.db.consoleSession.count()).toBe(1);
  });

  it("refuses an expired link and a forged one, opening no session", async () => {
    rt = await testRuntime();
    await member("U1");
    const link = await issueSignInLink(rt.store, { platform: "slack", platformUserId: "U1" }, { base: "http://x", now: t0, actor: "cli" });
    await expect(openSession(rt.store, tokenOf(link.url), at(LINK_MINUTES))).rejects.toThrow(/already used or has expired/);
    await expect(openSession(rt.store, "A".repeat(43), at(1))).rejects.toThrow(/not a sign-in link the bot issued/);
    await expect(openSession(rt.store, "../../etc/passwd", at(1))).rejects.toThrow(/not a sign-in link the bot issued/);
    expect(await rt.store.db.consoleSession.count()).toBe(0);
  });

  it("ends a session left idle, one past its absolute end, and one signed out", async () => {
    rt = await testRuntime();
    await member("U1");
    const open = async (m: number) => openSession(rt!.store, tokenOf((await issueSignInLink(rt!.store, { platform: "slack", platformUserId: "U1" }, { base: "http://x", now: at(m), actor: "cli" })).url), at(m));
    const idle = await open(0);
    expect(await sessionPerson(rt.store.repos, idle.sessionToken, at(IDLE_MINUTES))).not.toBeNull();
    expect(await sessionPerson(rt.store.repos, idle.sessionToken, at(2 * IDLE_MINUTES + 1))).toBeNull();
    // Once ended it stays ended, even if asked at an earlier moment.
    expect(await sessionPerson(rt.store.repos, idle.sessionToken, at(IDLE_MINUTES + 1))).toBeNull();

    const busy = await open(0);
    for (let m = 20; m < SESSION_HOURS * 60; m += 20) expect(await sessionPerson(rt.store.repos, busy.sessionToken, at(m))).not.toBeNull();
    expect(await sessionPerson(rt.store.repos, busy.sessionToken, at(SESSION_HOURS * 60))).toBeNull();

    const out = await open(0);
    await signOut(rt.store.repos, out.sessionToken, at(1));
    expect(await sessionPerson(rt.store.repos, out.sessionToken, at(2))).toBeNull();
  });

  it("gives a link only to members, and only in a direct message", async () => {
    rt = await testRuntime();
    await expect(issueSignInLink(rt.store, { platform: "slack", platformUserId: "U404" }, { base: "http://x", now: t0, actor: "cli" })).rejects.toThrow(/not a member/);
    const dm = await rt.bot.handle(consoleText("console", "alice", { role: "chair" }));
    expect(replyToPlainText(dm.replies[0]!)).toMatch(/http:\/\/127\.0\.0\.1:3000\/console\/sign-in\/[A-Za-z0-9_-]{43}/);
    const inChannel = await rt.bot.handle({ ...consoleText("console", "alice"), conversation: { kind: "channel", id: "#ccwp" } });
    expect(replyToPlainText(inChannel.replies[0]!)).toMatch(/direct message/);
    expect(await rt.store.db.consoleSignIn.count()).toBe(1);
  });
});
