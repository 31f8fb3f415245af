/**
 * The quick typed form of a report: "report 99.1 on track: what was done next: what comes risks:
 * what could go wrong". Splits the text after the status into summary, next steps and risks.
 */
/** Summary, next steps and risks from the text after "STATUS:". Markers are case-insensitive. */
export function splitReportText(rest) {
    const marker = /(?:^|\s|[.;,])\s*\[?\s*(next(?:\s+steps)?|risks?)\s*:/gi;
    const parts = [{ key: "summary", start: 0, end: 0 }];
    for (const m of rest.matchAll(marker)) {
        const key = m[1].toLowerCase().startsWith("next") ? "nextSteps" : "risks";
        // The first marker of each kind counts; a later "next:" inside the risks stays text.
        if (parts.some((p) => p.key === key))
            continue;
        const punct = /^[.;,]/.test(m[0]) ? 1 : 0;
        parts.push({ key, start: m.index + m[0].length, end: m.index + punct });
    }
    const out = { summary: "" };
    parts.forEach((p, i) => {
        const next = parts[i + 1];
        const text = rest.slice(p.start, next ? next.end : rest.length).trim().replace(/\]\s*$/, "").replace(/^\[/, "").replace(/[;,]\s*$/, "").trim();
        if (p.key === "summary")
            out.summary = text;
        else if (text)
            out[p.key] = text;
    });
    return out;
}
