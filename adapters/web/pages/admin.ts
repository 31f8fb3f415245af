/**
 * The secretariat's reference pages: strategy documents (list, upload, passages), reminder rules,
 * members, channels, the audit log and the timeline with its calendar feeds. Settings change
 * through the bot's own chat commands, run from a form as the signed-in member, so the grammar,
 * permissions and audit are those of chat.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BotError } from "../../../src/core/errors.ts";
import { readableDocument, readableDocuments } from "../../../src/knowledge/document-access.ts";
import { importDocument } from "../../../src/knowledge/import/import-document.ts";
import { MAX_DOCUMENT_BYTES } from "../../../src/knowledge/import/parse-document.ts";
import { knowledgeBase } from "../../../src/knowledge/knowledge-base.ts";
import { ensureFeed, feedUrl } from "../../../src/planning/calendar/calendar-feeds.ts";
import { renderTimelineSvg, timelineData } from "../../../src/planning/timeline/timeline.ts";
import { activeRules } from "../../../src/reminders/due-reminders.ts";
import { describeRule } from "../../../src/reminders/rules.ts";
import { parseHolidays } from "../../../src/store/index.ts";
import { publicBaseUrl } from "../../../src/config/index.ts";
import { longDate, todayIn } from "../../../src/time/civil-date.ts";
import type { ConsoleContext } from "../index.ts";
import { navFor, page, requireWorkingParty, setNotice, STAFF, summaryOf, type Nav } from "../page.ts";
import { actorRef, type Membership } from "../session.ts";

export function registerAdminPages(app: FastifyInstance, { rt, now }: ConsoleContext): void {
  const repos = rt.store.repos;
  type P = { Params: { wp: string } };

  const section = (name: Nav["section"], template: string, load: (m: Membership, request: FastifyRequest) => Promise<Record<string, unknown>>, roles = STAFF) =>
    app.get<P>(`/wp/:wp/${name}`, async (request, reply) => {
      const m = await requireWorkingParty(request, reply, roles);
      if (!m) return;
      return page(request, reply, template, { title: `${m.workingParty.code} ${name}`, nav: navFor(m, name), wp: m.workingParty, longDate, ...(await load(m, request)) });
    });

  // Which documents a page shows is the knowledge job's one rule (src/knowledge/document-access.ts).
  section("documents", "documents.eta", async (m) => ({ docs: await readableDocuments(repos, m.workingPartyId), maxMb: MAX_DOCUMENT_BYTES / 1024 / 1024 }));

  app.get<{ Params: { wp: string; slug: string } }>("/wp/:wp/documents/:slug", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const doc = await readableDocument(repos, m.workingPartyId, request.params.slug);
    if (!doc) return page(request, reply, "message.eta", { title: "No such document", heading: "No such document", text: `${m.workingParty.code} has no document ${request.params.slug}.`, nav: navFor(m, "documents") }, 404);
    return page(request, reply, "document.eta", { title: doc.title, nav: navFor(m, "documents"), wp: m.workingParty, doc });
  });

  // Upload: multipart, CSRF token in the URL (checked before the body is read); the import is the
  // knowledge job's, the same as `secretariat import strategy`, readers written in its transaction.
  app.post<P & { Querystring: Record<string, string> }>("/wp/:wp/documents", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, ["secretariat"]);
    if (!m) return;
    const back = `/console/wp/${m.workingParty.code}/documents`;
    if (!request.isMultipart()) return refuse(reply, back, "Choose a file to upload; nothing was imported.");
    let file: { name: string; bytes: Buffer } | null = null;
    const fields: Record<string, string> = {};
    for await (const part of request.parts()) {
      if (part.type === "file") file = { name: part.filename, bytes: await part.toBuffer() };
      else if (typeof part.value === "string") fields[part.fieldname] = part.value;
    }
    if (!file || file.bytes.length === 0) return refuse(reply, back, "Choose a file to upload; nothing was imported.");
    if (file.bytes.length > MAX_DOCUMENT_BYTES) return refuse(reply, back, `${file.name} is ${(file.bytes.length / 1048576).toFixed(1)} MB; documents of at most ${MAX_DOCUMENT_BYTES / 1048576} MB are imported. Nothing was imported.`);
    const mine = fields.owner === "mine";
    try {
      const stored = await importDocument(await knowledgeBase(rt.store, rt.config), rt.store, file.bytes, file.name, { title: fields.title?.trim() || undefined }, now(), {
        actor: actorRef(request.person!),
        workingPartyId: m.workingPartyId,
        readers: mine ? [m.workingPartyId] : [],
      });
      setNotice(reply, `Imported ${stored.title}: ${stored.passages} passages${mine ? `, for ${m.workingParty.code} only` : ", shared with every working party"}.`);
      return reply.redirect(`${back}/${stored.slug}`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      return refuse(reply, back, e.userMessage.endsWith("Nothing was imported.") ? e.userMessage : `${e.userMessage} Nothing was imported.`);
    }
  });

  section("reminders", "reminders.eta", async (m) => {
    const rules = await activeRules(repos, m.workingPartyId);
    return { rules: rules.map((r) => ({ id: r.id, text: describeRule(r) })), holidays: [...parseHolidays(m.workingParty.holidays)] };
  });
  section("members", "members.eta", async (m) => ({ members: await repos.members.byRole(m.workingPartyId) }));
  section("channels", "channels.eta", async (m) => ({ channels: await repos.channels.byPlatform(m.workingPartyId) }));
  section("audit", "audit.eta", async (m, request) => {
    const q = request.query as Record<string, string | undefined>;
    const filter = { action: q.action?.trim() || undefined, actor: q.actor?.trim() || undefined, from: /^\d{4}-\d{2}-\d{2}$/.test(q.from ?? "") ? q.from : undefined, until: /^\d{4}-\d{2}-\d{2}$/.test(q.until ?? "") ? q.until : undefined };
    const records = await repos.audit.list({
      workingPartyId: m.workingPartyId,
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(filter.from ? { since: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.until ? { before: new Date(Date.parse(`${filter.until}T00:00:00Z`) + 86_400_000) } : {}),
      limit: 200,
    });
    // the page shows the detail as the JSON it is stored as
    const entries = records.map((e) => ({ ...e, detail: JSON.stringify(e.detail) }));
    return { entries, filter };
  });
  section(
    "timeline",
    "timeline.eta",
    async (m) => {
      const data = await timelineData(repos, m.workingParty.code, todayIn(now(), m.workingParty.timeZone));
      const base = publicBaseUrl(rt.config);
      const feeds = [{ label: `Every deadline of ${m.workingParty.code}`, url: feedUrl(base, await ensureFeed(repos, m.workingPartyId, { kind: "wp" })) }];
      if (m.delegation) feeds.push({ label: `Deadlines led by ${m.delegation}`, url: feedUrl(base, await ensureFeed(repos, m.workingPartyId, { kind: "delegation", code: m.delegation })) });
      return { svg: data && data.plans.length ? renderTimelineSvg(data) : null, feeds };
    },
    ["delegate", "chair", "secretariat"],
  );

  // A chat command typed into a settings page, run as this member in this working party.
  app.post<P & { Body: Record<string, string> }>("/wp/:wp/say", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const back = /^(reminders|members|channels)$/.test(request.body.back ?? "") ? request.body.back : "reminders";
    const text = String(request.body.text ?? "").trim();
    // a page shows forms itself: a form in the reply is never asked field by field here
    const result = await rt.bot.handleAlone({
      platform: m.platform as "console",
      kind: "text",
      text,
      user: { id: m.platformUserId, name: m.displayName },
      conversation: { kind: "direct", id: `web:${m.platform}:${m.platformUserId}` },
      workingParty: m.workingParty.code,
      receivedAt: now(),
    });
    setNotice(reply, summaryOf(result.replies), result.replies.some((r) => r.tone === "error") ? "error" : "ok");
    return reply.redirect(`/console/wp/${m.workingParty.code}/${back}`, 303);
  });
}

function refuse(reply: FastifyReply, back: string, text: string) {
  setNotice(reply, text, "error");
  return reply.redirect(back, 303);
}
