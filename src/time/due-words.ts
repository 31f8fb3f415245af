/**
 * How a deadline's due day reads where people read it (chat, reminder digests, calendar titles):
 * the day in long form, "20 December 2026", with the words it came from only when they say more
 * than the day ("June 1998", "By 15 March 2027"). A deadline typed as "2026-12-20", and the
 * adopt-by date the importer stores as its own words, would otherwise read
 * `20 December 2026 ("2026-12-20")`: two date forms side by side (issue 14 item 17).
 */
import { longDate, type CivilDate } from "./civil-date.ts";

/** The words a deadline came from, or null when they only repeat its due day (ISO or long form). */
export function dueWords(dueText: string, due: CivilDate): string | null {
  const words = dueText.trim();
  if (words === "" || words === due || words.toLowerCase() === longDate(due).toLowerCase()) return null;
  return words;
}

/** "30 June 1998 ("June 1998")", or "20 December 2026" when the words are the day itself. */
export function dueWithWords(dueText: string, due: CivilDate): string {
  const words = dueWords(dueText, due);
  return words === null ? longDate(due) : `${longDate(due)} ("${words}")`;
}
