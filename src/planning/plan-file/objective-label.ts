/**
 * How an objective label typed by a person is compared with a passage's label: without the part
 * numeral, dots, spaces or case, so "3.b", "IV 3.b" and "iv 3 b" are one objective. Used by the
 * chat question "which actions implement objective 3.b …" and by the plan importer's suggestion
 * for a label the strategy does not have.
 */

/** "3.b", "IV 3.b.(ii)" → "3b", "3b(ii)". */
export function labelKey(label: string): string {
  return label.toLowerCase().replace(/^(?:[ivx]+|timetable|part [ivx]+)\s+/, "").replace(/[.\s]/g, "");
}
