/**
 * From a file's bytes to a labelled document, whatever its format: PDF, .docx, HTML (as saved
 * from EUR-Lex) or plain text and Markdown. Each format's reader gives text lines; the cleaner,
 * labeller and metadata reader are the same for all.
 */
import { parseDocument, type ImportOverrides, type ParsedDocument } from "./parse-document.ts";

/** Reads, labels and checks a document; throws InputError with what is wrong. */
export async function readDocument(bytes: Uint8Array, name: string, overrides: ImportOverrides = {}): Promise<ParsedDocument> {
  return parseDocument(bytes, name, overrides);
}
