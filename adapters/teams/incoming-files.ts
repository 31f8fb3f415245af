/**
 * Files a user sends the bot ("import this" with a PDF in the personal chat) → the core's neutral
 * attachments. Teams hands a bot such a file as a `file.download.info` attachment whose
 * `downloadUrl` is a short-lived, pre-authorised link to the user's OneDrive (SharePoint); the bot
 * fetches it only when a command asks (the core's `Attachment.fetch`). The link comes from the
 * activity, so it is followed only to SharePoint hosts (loopback ones in local mode), without
 * redirects and with a size cap: the bot never fetches an arbitrary URL a message names.
 */
import type { Activity, Attachment as ActivityAttachment } from "@microsoft/agents-activity";
import type { Attachment } from "../../src/core/message.ts";
import { InputError } from "../../src/core/errors.ts";
import { isLoopbackHost, type ServiceUrlTrust } from "./service-url.ts";

/** The content type of a file a user sent in a Teams chat. */
export const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";
/** The largest file the bot downloads (the importer's limit). */
export const MAX_INCOMING_FILE_BYTES = 25 * 1024 * 1024;

/** Hosts OneDrive and SharePoint serve Teams files from, public and government clouds. */
const FILE_HOST_SUFFIXES = [".sharepoint.com", ".sharepoint.us", ".sharepoint-mil.us", ".sharepoint.cn"];

/** True when the bot may download from `url` under `trust`. */
export function isTrustedFileUrl(url: string, trust: ServiceUrlTrust): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (trust === "loopback") return (u.protocol === "http:" || u.protocol === "https:") && isLoopbackHost(u.hostname);
  return u.protocol === "https:" && FILE_HOST_SUFFIXES.some((s) => u.hostname.toLowerCase().endsWith(s));
}

/** The files of an activity as the core's attachments (nothing is downloaded yet). */
export function incomingFiles(activity: Activity, trust: ServiceUrlTrust, fetchImpl: typeof fetch = fetch): Attachment[] {
  return (activity.attachments ?? []).flatMap((a: ActivityAttachment) => {
    if (a.contentType !== FILE_DOWNLOAD_INFO) return [];
    const content = a.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
    const url = typeof content?.downloadUrl === "string" ? content.downloadUrl : undefined;
    if (!url) return [];
    const name = (a.name ?? `document.${typeof content?.fileType === "string" ? content.fileType : "bin"}`).slice(0, 200);
    return [{ name, fetch: () => download(url, name, trust, fetchImpl) }];
  });
}

async function download(url: string, name: string, trust: ServiceUrlTrust, fetchImpl: typeof fetch): Promise<Uint8Array> {
  if (!isTrustedFileUrl(url, trust)) throw new InputError(`${name} is not a file Teams stored: send the document itself in this chat.`);
  let res: Response;
  try {
    res = await fetchImpl(url, { redirect: "error", signal: AbortSignal.timeout(60_000) });
  } catch {
    throw new InputError(`Teams did not hand over ${name} (the download failed): send it again.`);
  }
  if (!res.ok || !res.body) throw new InputError(`Teams did not hand over ${name} (HTTP ${res.status}): send it again.`);
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > MAX_INCOMING_FILE_BYTES) throw tooLarge(name, declared);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_INCOMING_FILE_BYTES) throw tooLarge(name, size);
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const tooLarge = (name: string, bytes: number) => new InputError(`${name} is ${(bytes / 1048576).toFixed(1)} MB or more; the limit is ${MAX_INCOMING_FILE_BYTES / 1048576} MB.`);
