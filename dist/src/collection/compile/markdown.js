/** Escapes text for a Markdown table cell or line: pipes, and markup a lead typed by accident. */
const md = (s) => s.replace(/\\/g, "\\\\").replace(/([*_`#|<>[\]])/g, "\\$1");
const cell = (s) => md(s).replace(/\r?\n/g, "<br>");
const para = (s) => md(s).replace(/\r?\n/g, "  \n");
/** Renders the report as a Markdown document. */
export function renderMarkdown(d) {
    const out = [];
    out.push(`# ${md(d.workingParty.name)} (${d.workingParty.code})`, "");
    out.push(`**NOTE**`, "");
    out.push(`| | |`, `|---|---|`);
    out.push(`| From: | Secretariat of the ${cell(d.workingParty.code)} |`);
    out.push(`| To: | Delegations |`);
    out.push(`| Subject: | Action plan ${d.plan.number}: ${cell(d.plan.title)} — progress report |`);
    out.push(`| Period: | ${d.plan.period} |`);
    out.push(`| Date: | ${d.date} |`, "");
    out.push(intro(d), "");
    out.push(`## Overview`, "", `| Action | Title | Lead | Status |`, `|---|---|---|---|`);
    for (const o of d.overview)
        out.push(`| ${cell(o.code)} | ${cell(o.title)} | ${cell(o.lead)} | ${cell(o.status)} |`);
    out.push("");
    for (const g of d.groups) {
        out.push(`## ${g.label ? `Objective ${md(g.label)} — ${md(g.title)}` : md(g.title)}`, "");
        if (g.text)
            out.push(`> ${para(g.text).replace(/\n/g, "\n> ")}`, "");
        if (g.label)
            out.push(`*Source: ${[g.document, g.context, g.label].filter(Boolean).map((x) => md(x)).join(", ")}*`, "");
        for (const a of g.actions) {
            out.push(`### Action ${md(a.code)}: ${md(a.title)}`, "");
            out.push(`- **Lead:** ${para(a.lead)}`);
            out.push(`- **Status:** ${a.status}${a.late ? " (reported late)" : ""}`);
            if (a.alsoImplements.length)
                out.push(`- **Also implements:** ${a.alsoImplements.map(md).join(", ")}`);
            out.push("", `**Summary.** ${para(a.summary)}`, "");
            out.push(`**Next steps.** ${a.nextSteps ? para(a.nextSteps) : "None given."}`, "");
            out.push(`**Risks.** ${a.risks ? para(a.risks) : "None reported."}`, "");
        }
    }
    out.push(`## Actions with no report received`, "");
    if (d.unreported.length === 0)
        out.push("A report was received for every action.", "");
    else {
        out.push(`| Action | Title | Lead |`, `|---|---|---|`);
        for (const u of d.unreported)
            out.push(`| ${cell(u.code)} | ${cell(u.title)} | ${cell(u.lead)} |`);
        out.push("");
    }
    return `${out.join("\n").trimEnd()}\n`;
}
/** The paragraph under the cover, shared by both formats. */
export function intro(d) {
    return (`The ${d.workingParty.code} evaluates the results of each action plan. The leads of the ${d.total} action${d.total === 1 ? "" : "s"} ` +
        `of action plan ${d.plan.number} were asked to report on progress by ${d.dueDate}; ${d.reported} of ${d.total} have reported. ` +
        `Delegations will find below the reports received, grouped by the strategic objective each action implements, followed by the actions for which no report was received.`);
}
