/** The progress report as Markdown: the same content as the .docx, for chat, e-mail or a wiki. */
import { sourceLine, type ProgressDocument } from "./model.ts";

/** Escapes text for a Markdown table cell or line: pipes, and markup a lead typed by accident. */
const md = (s: string) => s.replace(/\\/g, "\\\\").replace(/([*_`#|<>[\]])/g, "\\$1");
const cell = (s: string) => md(s).replace(/\r?\n/g, "<br>");
const para = (s: string) => md(s).replace(/\r?\n/g, "  \n");

/** Renders the report as a Markdown document. */
export function renderMarkdown(d: ProgressDocument): string {
  const out: string[] = [];
  out.push(`**${md(d.classification)}**`, "");
  out.push(`# ${md(d.workingParty.name)} (${d.workingParty.code})`, "");
  out.push(`**NOTE**`, "");
  out.push(`| | |`, `|---|---|`);
  out.push(`| Document: | ${cell(d.reference)} |`);
  out.push(`| Classification: | ${cell(d.classification)} |`);
  out.push(`| From: | Secretariat of the ${cell(d.workingParty.code)} |`);
  out.push(`| To: | Delegations |`);
  out.push(`| Subject: | Action plan ${d.plan.number}: ${cell(d.plan.title)} — progress report |`);
  out.push(`| Period: | ${d.plan.period} |`);
  out.push(`| Date: | ${d.date} |`);
  out.push(`| Reports received: | ${receivedLine(d)} |`, "");
  out.push(intro(d), "");
  out.push(`## Overview`, "", `| Action | Title | Lead | Status |`, `|---|---|---|---|`);
  for (const o of d.overview) out.push(`| ${cell(o.code)} | ${cell(o.title)} | ${cell(o.lead)} | ${cell(o.status)} |`);
  out.push("");
  for (const g of d.groups) {
    out.push(`## ${g.label ? `Objective ${md(g.label)} — ${md(g.title)}` : md(g.title)}`, "");
    if (g.text) out.push(`> ${para(g.text).replace(/\n/g, "\n> ")}`, "");
    if (g.label) out.push(`*${md(sourceLine(g))}*`, "");
    for (const a of g.actions) {
      out.push(`### Action ${md(a.code)}: ${md(a.title)}`, "");
      out.push(`- **Lead:** ${para(a.lead)}`);
      out.push(`- **Status:** ${a.status}${a.late ? " (reported late)" : ""}`);
      if (a.enteredBy) out.push(`- **Reported by:** ${md(a.enteredBy)}`);
      if (a.alsoImplements.length) out.push(`- **Also implements:** ${a.alsoImplements.map(md).join(", ")}`);
      out.push("", `**Summary.** ${para(a.summary)}`, "");
      out.push(`**Next steps.** ${a.nextSteps ? para(a.nextSteps) : "None given."}`, "");
      out.push(`**Risks.** ${a.risks ? para(a.risks) : "None reported."}`, "");
    }
  }
  out.push(`## Actions with no report received`, "");
  if (d.unreported.length === 0) out.push("A report was received for every action.", "");
  else {
    out.push(`| Action | Title | Lead |`, `|---|---|---|`);
    for (const u of d.unreported) out.push(`| ${cell(u.code)} | ${cell(u.title)} | ${cell(u.lead)} |`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "2 of 2 actions, 1 entered by the secretariat (collection still open)", shared by both formats. */
export function receivedLine(d: ProgressDocument): string {
  const entered = d.enteredForLeads ? `, ${d.enteredForLeads} entered by the secretariat` : "";
  return `${d.reported} of ${count(d.total, "action")}${entered} (collection ${d.closed ? "closed" : "still open"})`;
}

/** Who the bot asked, as it was: never "the leads were asked" when nobody could be. */
function askedSentence(d: ProgressDocument): string {
  const plan = `action plan ${d.plan.number}`;
  const by = `to report on progress by ${d.dueDate}`;
  if (d.asked === 0) return `No lead was asked through the bot: no member of the lead ${d.total === 1 ? "delegation" : "delegations"} was known to it.`;
  if (d.asked === d.total) return d.total === 1 ? `The lead of the one action of ${plan} was asked ${by}.` : `The leads of the ${d.total} actions of ${plan} were asked ${by}.`;
  const rest = d.total - d.asked;
  return (
    `The ${d.asked === 1 ? "lead" : "leads"} of ${d.asked} of the ${d.total} actions of ${plan} ${d.asked === 1 ? "was" : "were"} asked ${by}; ` +
    `for the other${rest === 1 ? "" : ` ${rest}`}, no member of the lead ${rest === 1 ? "delegation" : "delegations"} was known to the bot.`
  );
}

/** The paragraph under the cover, shared by both formats. */
export function intro(d: ProgressDocument): string {
  const below =
    d.reported > 0
      ? "Delegations will find below the reports received, grouped by the strategic objective each action implements, followed by the actions for which no report was received."
      : `No report has been received${d.closed ? "" : " so far"}; the actions are listed below.`;
  return `The ${d.workingParty.code} evaluates the results of each action plan. ${askedSentence(d)} ${below}`;
}
