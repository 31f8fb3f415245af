/**
 * `file` blocks → what Teams can show. The connector API takes no uploads from a bot outside
 * personal chats (that needs the FileConsent flow and OneDrive), so:
 * - PNG/JPEG/GIF up to 1 MB travel inline as a base64 `data:` URL (Teams renders those in
 *   personal chats, group chats and channels);
 * - any other file (the compiled .docx report) becomes a card with a download button to a signed,
 *   expiring link served by this bot (`/teams/files/…` on PUBLIC_URL). Without PUBLIC_URL the card
 *   names the file only: never the server's path, nor instructions meant for its administrator.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import type { Attachment } from "@microsoft/agents-activity";
import type { FileRef, Reply } from "../../src/core/reply.ts";
import { ADAPTIVE_CARD_CONTENT_TYPE, cardText } from "./render.ts";

/** Teams' limit for inline images. */
const MAX_INLINE_IMAGE_BYTES = 1024 * 1024;
/** How long a download link stays valid. */
export const FILE_LINK_TTL_MS = 7 * 24 * 3600 * 1000;
/** Route prefix of signed file links. */
export const FILE_ROUTE = "/teams/files/";

/** Signs and checks download links; the key is per deployment. */
export class FileLinks {
  private readonly key: string;
  private readonly publicUrl: string | undefined;

  /** `publicUrl`: the config's PUBLIC_URL, which comes without its trailing slash. */
  constructor(key: string, publicUrl: string | undefined) {
    this.key = key;
    this.publicUrl = publicUrl;
  }

  /** A link to `file` valid until `now` + TTL, or null without PUBLIC_URL. */
  linkFor(file: FileRef, now: Date): string | null {
    if (!this.publicUrl) return null;
    const payload = Buffer.from(JSON.stringify({ p: file.path, t: file.mediaType, n: file.name, e: now.getTime() + FILE_LINK_TTL_MS })).toString("base64url");
    return `${this.publicUrl}${FILE_ROUTE}${payload}.${this.sign(payload)}`;
  }

  /** The file a token names, or null when the token is forged or expired. */
  verify(token: string, now: Date): { path: string; mediaType: string; name: string } | null {
    const [payload, sig] = token.split(".");
    if (!payload || !sig) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const v = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { p: string; t: string; n: string; e: number };
      return v.e >= now.getTime() ? { path: v.p, mediaType: v.t, name: v.n } : null;
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}

/** The attachments for the files among a message's replies. */
export function fileAttachments(replies: Reply[], links: FileLinks, now: Date): Attachment[] {
  return replies.flatMap((r) => r.blocks.flatMap((b) => (b.type === "file" ? [fileAttachment(b.file, links, now)] : [])));
}

function fileAttachment(file: FileRef, links: FileLinks, now: Date): Attachment {
  if (/^image\/(png|jpeg|gif)$/.test(file.mediaType)) {
    const stat = fs.statSync(file.path, { throwIfNoEntry: false });
    if (stat && stat.size <= MAX_INLINE_IMAGE_BYTES) {
      return { contentType: file.mediaType, contentUrl: `data:${file.mediaType};base64,${fs.readFileSync(file.path).toString("base64")}`, name: file.name };
    }
  }
  const url = links.linkFor(file, now);
  const title = file.title ?? file.name;
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: {
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: "1.5",
      fallbackText: cardText(`${title}: ${url ?? file.name}`),
      body: [
        { type: "TextBlock", text: cardText(`📎 ${title}`), wrap: true, weight: "Bolder" },
        {
          type: "TextBlock",
          // Without PUBLIC_URL there is no address Teams users can reach; the log tells the administrator (mount.ts).
          text: cardText(url ? `${file.name} — the link works for 7 days.` : `${file.name} cannot be downloaded in Teams; ask the secretariat for a copy.`),
          wrap: true,
          isSubtle: true,
        },
      ],
      ...(url ? { actions: [{ type: "Action.OpenUrl", title: `Download ${cardText(file.name)}`, url }] } : {}),
    },
  };
}
