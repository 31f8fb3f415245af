/** A Word file (.docx) as text lines: mammoth turns it into HTML, read like any HTML page. */
import { InputError } from "../../core/errors.ts";
import { htmlText } from "./html-text.ts";

/** The text of a .docx file; InputError when it is not one mammoth can read. */
export async function docxText(bytes: Uint8Array, name: string): Promise<string> {
  const mammoth = await import("mammoth");
  try {
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return htmlText(value);
  } catch (e) {
    throw new InputError(`${name} looks like a Word file but cannot be read (${(e as Error).message.split("\n")[0]}): save it again as .docx, or export it as PDF or text.`);
  }
}
