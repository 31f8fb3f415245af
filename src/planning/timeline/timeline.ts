/**
 * The timeline picture: presidency half-years on top, then one band per plan (a bar from start to
 * end with the "adopt the next plan by" mark) and its deadlines grouped by due day, with the
 * action codes beside each mark. Pure: data in, SVG text out; timeline-png.ts rasterises it.
 */
import type { Repositories } from "../../store/index.ts";
import { civilParts, daysBetween, MONTH_NAMES, type CivilDate } from "../../time/civil-date.ts";
import { listDeadlines, type DeadlineStatus } from "../deadlines/deadlines.ts";
import { bundledPresidencies, type PresidencyTerm } from "../cycle/presidencies.ts";

/** What the picture shows. */
export interface TimelineData {
  workingParty: { code: string; name: string };
  today: CivilDate;
  plans: {
    number: number;
    title: string;
    start: CivilDate;
    end: CivilDate;
    adoptNextBy: CivilDate;
    deadlines: { due: CivilDate; action: string; status: DeadlineStatus }[];
  }[];
  presidencies: readonly PresidencyTerm[];
}

/** Loads the timeline of a working party from the store. */
export async function timelineData(repos: Pick<Repositories, "workingParties" | "actionPlans">, workingPartyCode: string, today: CivilDate): Promise<TimelineData | null> {
  const wp = await repos.workingParties.find(workingPartyCode);
  if (!wp) return null;
  const all = await repos.actionPlans.inOrder(wp.id);
  const plans = recentPlans(all, today);
  const rows = await listDeadlines(repos, { workingPartyId: wp.id }, today);
  return {
    workingParty: { code: wp.code, name: wp.name },
    today,
    plans: plans.map((p) => ({
      number: p.number,
      title: p.title,
      start: p.startDate,
      end: p.endDate,
      adoptNextBy: p.adoptNextBy,
      deadlines: rows.filter((r) => r.planId === p.id && r.action !== null).map((r) => ({ due: r.due, action: r.action!, status: r.status })),
    })),
    presidencies: bundledPresidencies(),
  };
}

/**
 * The plans worth drawing: those that ended at most two years before today (a chair looks at the
 * current cycle and the one before), or the latest three when none did. Thirty years on one
 * picture make every label unreadable.
 */
export function recentPlans<P extends { endDate: string; startDate: string }>(plans: readonly P[], today: CivilDate): P[] {
  const cutoff = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  const recent = plans.filter((p) => p.endDate >= cutoff);
  return recent.length ? recent : [...plans].sort((a, b) => a.startDate.localeCompare(b.startDate)).slice(-3);
}

const W = 1600;
const LEFT = 40;
const RIGHT = 40;
const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const COLOUR = { open: "#1d4ed8", overdue: "#c2410c", done: "#15803d", bar: "#dbeafe", barEdge: "#1e3a8a", adopt: "#b91c1c", today: "#7c3aed", grid: "#e5e7eb", text: "#111827", muted: "#4b5563" };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const short = (d: CivilDate) => {
  const p = civilParts(d)!;
  return `${p.d} ${MONTH_NAMES[p.m - 1]!.slice(0, 3)} ${p.y}`;
};
/** Rough text width for layout (DejaVu Sans averages ~0.56 em). */
const textWidth = (s: string, size: number) => s.length * size * 0.56;

/** Renders the SVG. */
export function renderTimelineSvg(data: TimelineData): string {
  const days = [data.today, ...data.plans.flatMap((p) => [p.start, p.end, p.adoptNextBy, ...p.deadlines.map((d) => d.due)])].sort();
  const first = civilParts(data.plans.length ? [...data.plans.map((p) => p.start)].sort()[0]! : days[0]!)!;
  const lastDay = data.plans.length ? [...data.plans.map((p) => p.end)].sort().at(-1)! : days.at(-1)!;
  const last = civilParts(lastDay)!;
  // Whole months around the plans, one spare month each side.
  const from = `${first.m === 1 ? first.y - 1 : first.y}-${String(first.m === 1 ? 12 : first.m - 1).padStart(2, "0")}-01`;
  const toM = last.m === 12 ? 1 : last.m + 1;
  const toY = last.m === 12 ? last.y + 1 : last.y;
  const to = `${toY}-${String(toM).padStart(2, "0")}-${new Date(Date.UTC(toY, toM, 0)).getUTCDate()}`;
  const span = Math.max(1, daysBetween(from, to));
  const x = (d: CivilDate) => LEFT + ((W - LEFT - RIGHT) * Math.min(span, Math.max(0, daysBetween(from, d)))) / span;
  const inRange = (d: CivilDate) => d >= from && d <= to;

  const out: string[] = [];
  let y = 46;
  out.push(`<text x="${LEFT}" y="${y}" font-size="28" font-weight="bold" fill="${COLOUR.text}">${esc(data.workingParty.code)} — action plans and deadlines</text>`);
  y += 28;
  out.push(`<text x="${LEFT}" y="${y}" font-size="17" fill="${COLOUR.muted}">${esc(data.workingParty.name)} · as of ${short(data.today)}</text>`);
  y += 26;

  // Presidencies: one box per half-year in range.
  const presTop = y;
  const terms = data.presidencies.filter((t) => t.end >= from && t.start <= to);
  out.push(`<text x="${LEFT}" y="${y + 14}" font-size="14" font-weight="bold" fill="${COLOUR.muted}">COUNCIL PRESIDENCY</text>`);
  y += 22;
  if (terms.length === 0) {
    out.push(`<text x="${LEFT}" y="${y + 22}" font-size="15" fill="${COLOUR.muted}">(no presidency data for these years: the list starts in 2004)</text>`);
  }
  terms.forEach((t, i) => {
    const x0 = x(t.start < from ? from : t.start);
    const x1 = x(t.end > to ? to : t.end);
    const current = t.start <= data.today && data.today <= t.end;
    out.push(`<rect x="${x0.toFixed(1)}" y="${y}" width="${Math.max(0, x1 - x0).toFixed(1)}" height="34" fill="${current ? "#fde68a" : i % 2 ? "#f3f4f6" : "#e5e7eb"}" stroke="#9ca3af" stroke-width="0.5"/>`);
    const label = textWidth(t.country, 15) < x1 - x0 - 6 ? t.country : textWidth(t.country.slice(0, 3), 15) < x1 - x0 ? t.country.slice(0, 3) : "";
    if (label) out.push(`<text x="${((x0 + x1) / 2).toFixed(1)}" y="${y + 23}" font-size="15" text-anchor="middle" fill="${COLOUR.text}">${esc(label)}</text>`);
  });
  y += 46;

  // Axis: years, and months when the range is short enough to read them.
  const axisY = y;
  const months = Math.round(span / 30.4);
  for (let yy = Number(from.slice(0, 4)); yy <= Number(to.slice(0, 4)); yy++) {
    for (let mm = 1; mm <= 12; mm++) {
      const d = `${yy}-${String(mm).padStart(2, "0")}-01`;
      if (!inRange(d)) continue;
      const xx = x(d).toFixed(1);
      if (mm === 1) {
        out.push(`<line x1="${xx}" y1="${presTop}" x2="${xx}" y2="__BOTTOM__" stroke="#9ca3af" stroke-width="1.2"/>`);
        out.push(`<text x="${(Number(xx) + 4).toFixed(1)}" y="${axisY + 16}" font-size="16" font-weight="bold" fill="${COLOUR.text}">${yy}</text>`);
      } else if (months <= 40) {
        out.push(`<line x1="${xx}" y1="${axisY + 22}" x2="${xx}" y2="__BOTTOM__" stroke="${COLOUR.grid}" stroke-width="1"/>`);
      }
      if (months <= 40 && mm !== 1) out.push(`<text x="${(Number(xx) + 3).toFixed(1)}" y="${axisY + 34}" font-size="12" fill="${COLOUR.muted}">${MONTH_NAMES[mm - 1]!.slice(0, 3)}</text>`);
    }
  }
  // The first year is named at the left edge when the range starts mid-year.
  if (!from.endsWith("-01-01")) out.push(`<text x="${LEFT + 4}" y="${axisY + 16}" font-size="16" font-weight="bold" fill="${COLOUR.text}">${from.slice(0, 4)}</text>`);
  y += 78;
  const todayAt = out.length;

  for (const p of data.plans) {
    // The bar: plan number and title inside, dates below.
    const x0 = x(p.start);
    const x1 = x(p.end);
    out.push(`<rect x="${x0.toFixed(1)}" y="${y}" width="${(x1 - x0).toFixed(1)}" height="40" rx="6" fill="${COLOUR.bar}" stroke="${COLOUR.barEdge}" stroke-width="1.5"/>`);
    const title = `Plan ${p.number}: ${p.title}`;
    const room = x1 - x0 - 16;
    const shown = textWidth(title, 17) <= room ? title : `${title.slice(0, Math.max(8, Math.floor(room / (17 * 0.6)) - 1))}…`;
    out.push(`<text x="${(x0 + 10).toFixed(1)}" y="${y + 26}" font-size="17" font-weight="bold" fill="${COLOUR.barEdge}">${esc(shown)}</text>`);
    if (x1 - x0 > 2 * textWidth("starts 30 Sep 2026", 14) + 20) {
      out.push(`<text x="${x0.toFixed(1)}" y="${y + 60}" font-size="14" fill="${COLOUR.muted}">starts ${short(p.start)}</text>`);
      out.push(`<text x="${x1.toFixed(1)}" y="${y + 60}" font-size="14" text-anchor="end" fill="${COLOUR.muted}">ends ${short(p.end)}</text>`);
    } else {
      // A short bar: one line for both dates, kept inside the picture.
      const both = `${short(p.start)} – ${short(p.end)}`;
      const right = x0 + textWidth(both, 14) > W - RIGHT;
      out.push(`<text x="${(right ? x1 : x0).toFixed(1)}" y="${y + 60}" font-size="14" text-anchor="${right ? "end" : "start"}" fill="${COLOUR.muted}">${both}</text>`);
    }
    // The adopt-by mark: red line through the bar, a diamond and its date.
    const xa = x(p.adoptNextBy);
    out.push(`<line x1="${xa.toFixed(1)}" y1="${y - 8}" x2="${xa.toFixed(1)}" y2="${y + 48}" stroke="${COLOUR.adopt}" stroke-width="3"/>`);
    out.push(`<path d="M ${xa.toFixed(1)} ${y - 16} l 8 8 l -8 8 l -8 -8 z" fill="${COLOUR.adopt}"/>`);
    const adoptLabel = `adopt next plan by ${short(p.adoptNextBy)}`;
    const anchorEnd = xa + textWidth(adoptLabel, 14) > W - RIGHT;
    out.push(`<text x="${(anchorEnd ? xa - 12 : xa + 12).toFixed(1)}" y="${y - 10}" font-size="14" font-weight="bold" text-anchor="${anchorEnd ? "end" : "start"}" fill="${COLOUR.adopt}" stroke="#ffffff" stroke-width="5" paint-order="stroke">${esc(adoptLabel)}</text>`);
    y += 78;

    // Deadlines grouped by day; labels stacked into lanes so that none overlap.
    const groups = new Map<string, { due: CivilDate; codes: string[]; statuses: Set<DeadlineStatus> }>();
    for (const d of p.deadlines) {
      const g = groups.get(d.due) ?? { due: d.due, codes: [], statuses: new Set() };
      g.codes.push(d.action);
      g.statuses.add(d.status);
      groups.set(d.due, g);
    }
    const lanes: number[] = [];
    const lines: string[] = [];
    const marks: string[] = [];
    for (const g of [...groups.values()].sort((a, b) => a.due.localeCompare(b.due))) {
      const xd = x(g.due);
      const status: DeadlineStatus = g.statuses.has("overdue") ? "overdue" : g.statuses.has("open") ? "open" : "done";
      const label = `${short(g.due)} · ${g.codes.length === 1 ? "action" : "actions"} ${g.codes.join(", ")}`;
      const wLabel = textWidth(label, 14);
      const leftward = xd + 14 + wLabel > W - RIGHT;
      const a0 = leftward ? xd - 14 - wLabel : xd - 11;
      const a1 = leftward ? xd + 11 : xd + 14 + wLabel;
      let lane = lanes.findIndex((endX) => endX < a0);
      if (lane < 0) {
        lane = lanes.length;
        lanes.push(a1);
      } else lanes[lane] = a1;
      const ly = y + 16 + lane * 30;
      lines.push(`<line x1="${xd.toFixed(1)}" y1="${y - 4}" x2="${xd.toFixed(1)}" y2="${ly}" stroke="${COLOUR[status]}" stroke-width="1.5" stroke-dasharray="3 3"/>`);
      marks.push(`<circle cx="${xd.toFixed(1)}" cy="${ly}" r="10" fill="${COLOUR[status]}"/>`);
      marks.push(`<text x="${xd.toFixed(1)}" y="${ly + 5}" font-size="12" font-weight="bold" text-anchor="middle" fill="#ffffff">${g.codes.length}</text>`);
      // A white backing keeps the dashed lines of lower lanes and "today" from crossing out the label.
      marks.push(`<rect x="${(leftward ? xd - 16 - wLabel : xd + 12).toFixed(1)}" y="${ly - 10}" width="${(wLabel + 4).toFixed(1)}" height="20" fill="#ffffff" fill-opacity="0.9"/>`);
      marks.push(`<text x="${(leftward ? xd - 14 : xd + 14).toFixed(1)}" y="${ly + 5}" font-size="14" text-anchor="${leftward ? "end" : "start"}" fill="${COLOUR.text}" stroke="#ffffff" stroke-width="5" paint-order="stroke">${esc(label)}</text>`);
    }
    // Lines first, then circles and labels, so that no line is drawn over a label.
    out.push(...lines, ...marks);
    y += Math.max(1, lanes.length) * 30 + 30;
  }
  if (data.plans.length === 0) {
    out.push(`<text x="${LEFT}" y="${y + 20}" font-size="18" fill="${COLOUR.muted}">No action plans yet: import one with secretariat import plan FILE.</text>`);
    y += 50;
  }

  if (inRange(data.today)) {
    const xt = x(data.today).toFixed(1);
    // Drawn before the plans (see todayAt) so that labels stay on top of it.
    out.splice(todayAt, 0, `<line x1="${xt}" y1="${presTop}" x2="${xt}" y2="${y}" stroke="${COLOUR.today}" stroke-width="2.5" stroke-dasharray="8 5"/>`);
    out.push(`<text x="${xt}" y="${y + 16}" font-size="14" font-weight="bold" text-anchor="middle" fill="${COLOUR.today}">today</text>`);
  }
  y += 30;
  // Legend.
  const legend: [string, string][] = [
    [COLOUR.open, "open"],
    [COLOUR.overdue, "overdue"],
    [COLOUR.done, "done"],
  ];
  let lx = LEFT;
  for (const [c, t] of legend) {
    out.push(`<circle cx="${lx + 8}" cy="${y}" r="8" fill="${c}"/><text x="${lx + 22}" y="${y + 5}" font-size="14" fill="${COLOUR.text}">${t}</text>`);
    lx += 40 + textWidth(t, 14);
  }
  out.push(`<path d="M ${lx + 8} ${y - 10} l 8 8 l -8 8 l -8 -8 z" fill="${COLOUR.adopt}"/><text x="${lx + 24}" y="${y + 5}" font-size="14" fill="${COLOUR.text}">adopt the next plan by (${"at least 2 months before the plan ends"})</text>`);
  lx += 40 + textWidth("adopt the next plan by (at least 2 months before the plan ends)", 14);
  out.push(`<text x="${lx}" y="${y + 5}" font-size="14" fill="${COLOUR.text}">number in a circle: actions due that day</text>`);
  const H = Math.ceil(y + 24);
  const body = out.join("\n").replace(/__BOTTOM__/g, String(H - 50));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">\n<rect width="${W}" height="${H}" fill="#ffffff"/>\n${body}\n</svg>\n`;
}
