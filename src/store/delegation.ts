/**
 * The one delegation rule: what a delegation code is. Chat commands, the CLI, the plan importer and
 * the stored members and actions all use it, so a code accepted in one place is accepted in all.
 * Today: a member state's two- or three-letter code (FR, DE, EL), or one of the bodies that sit in
 * working parties (COM, EUROPOL, OLAF, GSC).
 */
import { z } from "zod";

/** The bodies other than member states that speak in a working party. */
export const BODIES = ["COM", "EUROPOL", "OLAF", "GSC"] as const;

const CODE = /^[A-Z]{2,3}$/;

/** The delegation `text` names, as stored (upper case), or null when it names none. */
export function delegationCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return CODE.test(code) || (BODIES as readonly string[]).includes(code) ? code : null;
}

/** Zod schema for a delegation typed by a user or written in a file; yields the stored code. */
export const Delegation = z
  .string()
  .transform((s, ctx) => {
    const code = delegationCode(s);
    if (code === null) {
      ctx.addIssue({ code: "custom", message: "a delegation code such as FR, DE or COM" });
      return z.NEVER;
    }
    return code;
  });
