/**
 * From a file's bytes to a labelled document, whatever its format: PDF, .docx, HTML (as saved
 * from EUR-Lex) or plain text and Markdown. Each format's reader gives plain text lines; the
 * cleaner, labeller and metadata reader are the same for all.
 */
import { detectFormat } from "./file-format.ts";
import { parseDocument, parseText, type ImportOverrides, type ParsedDocument } from "./parse-document.ts";

/** Reads, labels and checks a document; throws InputError with what is wrong. */
export async function readDocument(bytes: Uint8Array, name: string, overrides: ImportOverrides = {}): Promise<ParsedDocument> {
  const format = detectFormat(bytes, name);
  if (format === "text") return parseDocument(bytes, name, overrides);
  return parseText(await extractText(bytes, name), bytes, name, overrides, true);
}

/** The document's text as lines, paragraphs separated by blank lines (the baseline reads this too). */
export async function extractText(bytes: Uint8Array, name: string): Promise<string> {
  const format = detectFormat(bytes, name);
  switch (format) {
    case "pdf":
      return (await import("./pdf-text.ts")).pdfText(bytes, name);
    case "docx":
      return (await import("./docx-text.ts")).docxText(bytes, name);
    case "html":
      return (await import("./html-text.ts")).htmlText(new TextDecoder("utf-8").decode(bytes));
    case "text":
      return new TextDecoder("utf-8").decode(bytes);
  }
}
