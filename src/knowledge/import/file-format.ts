/** Which reader a file needs, from its first bytes (a file's name can lie) and then its name. */

/** The formats the importer reads. */
export type FileFormat = "pdf" | "docx" | "html" | "text";

/** The file's format: "%PDF-" is a PDF, a ZIP is a Word file, markup is HTML, anything else text. */
export function detectFormat(bytes: Uint8Array, name: string): FileFormat {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.startsWith("%PDF-")) return "pdf";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "docx";
  if (/^\s*(?:\uFEFF)?\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body)/i.test(head)) return "html";
  if (/\.(?:html?|xhtml)$/i.test(name) && /<(?:p|div|table|h\d)\b/i.test(head)) return "html";
  return "text";
}
