/**
 * The shapes of progress-report collection: report statuses, field limits and the zod schemas that
 * check what a lead submits (typed, or through the form).
 */
import { z } from "zod";

/** The four statuses a lead may give an action, as stored. */
export const REPORT_STATUSES = ["on_track", "delayed", "completed", "not_started"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** How each status reads in chat and in the compiled report. */
export const STATUS_LABELS: Record<ReportStatus, string> = {
  on_track: "On track",
  delayed: "Delayed",
  completed: "Completed",
  not_started: "Not started",
};

/** Field limits: long enough for a paragraph or two; a Slack modal input holds at most 3,000. */
export const LIMITS = { summary: 2000, nextSteps: 1500, risks: 1500 } as const;

/** "on track", "On-Track", "on_track" → "on_track". */
export const ReportStatusSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => (s === "done" ? "completed" : s.replace(/[\s-]+/g, "_")))
  .pipe(z.enum(REPORT_STATUSES, "the status must be on track, delayed, completed or not started"));

/** An action code as plans number them: "11.4", "99.1", "3a". */
export const ActionCodeSchema = z
  .string()
  .trim()
  .min(1, "name the action, e.g. 99.1")
  .max(20, "an action code has at most 20 characters")
  .regex(/^[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*$/, "an action code such as 99.1");

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} can be at most ${max.toLocaleString("en-GB")} characters; please shorten it`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** The content of one report, as a lead writes it. */
export const ReportContentSchema = z.object({
  status: ReportStatusSchema,
  summary: z
    .string("write a summary of the progress")
    .trim()
    .min(1, "write a summary of the progress")
    .max(LIMITS.summary, `the summary can be at most ${LIMITS.summary.toLocaleString("en-GB")} characters; please shorten it`),
  nextSteps: optionalText(LIMITS.nextSteps, "next steps"),
  risks: optionalText(LIMITS.risks, "risks"),
});
export type ReportContent = z.infer<typeof ReportContentSchema>;

