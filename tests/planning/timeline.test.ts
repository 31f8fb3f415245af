import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fontFiles, rasterise } from "../../src/planning/timeline/timeline-png.ts";
import { recentPlans, renderTimelineSvg, timelineData, type TimelineData } from "../../src/planning/timeline/timeline.ts";
import { runCli } from "../support/cli.ts";
import { tempDir } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime("sqlite");
});
afterAll(() => rt.dispose());

/** Dark pixels in a rendered image (text and marks), counted from the raw RGBA. */
function darkPixels(svg: string, width: number): number {
  const img = rasterise(svg, width);
  const px = img.pixels;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 128 && px[i + 1]! < 128 && px[i + 2]! < 128) n++;
  return n;
}

describe("timeline", () => {
  it("renders text with whatever font this machine has", () => {
    expect(fontFiles().length).toBeGreaterThan(0);
    const withText = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><text x="10" y="40" font-size="32" font-family="DejaVu Sans, sans-serif" fill="#000">Plan 1 ends</text></svg>`;
    expect(darkPixels(withText, 400)).toBeGreaterThan(200);
  });

  it("draws the plan bar, its adopt-by mark, deadlines grouped by day and the presidencies", async () => {
    const data = (await timelineData(rt.store.repos, "CCWP", "1998-03-15"))!;
    const svg = renderTimelineSvg(data);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("Plan 1: Strategic action programme");
    expect(svg).toContain("adopt next plan by 31 Oct 1998");
    expect(svg).toContain("30 Jun 1998 · actions 2, 5, 7, 8, 18, 30, 40, 42");
    expect(svg).toContain("31 Dec 1998 · actions 11, 12, 14, 19, 20, 22, 23, 35, 37, 38");
    expect(svg).toContain(">today<");
    expect(svg).toContain("no presidency data for these years");
  });

  it("shows presidency half-years above plans that have them, the current one highlighted", () => {
    const data: TimelineData = {
      workingParty: { code: "XWP", name: "Test party" },
      today: "2026-11-23",
      presidencies: [
        { start: "2026-01-01", end: "2026-06-30", country: "Cyprus" },
        { start: "2026-07-01", end: "2026-12-31", country: "Ireland" },
        { start: "2027-01-01", end: "2027-06-30", country: "Lithuania" },
      ],
      plans: [{ number: 12, title: "Plan 2026-2027", start: "2026-01-01", end: "2027-06-30", adoptNextBy: "2027-04-30", deadlines: [{ due: "2026-06-30", action: "12.1", status: "overdue" }, { due: "2026-12-31", action: "12.2", status: "open" }] }],
    };
    const svg = renderTimelineSvg(data);
    for (const c of ["Cyprus", "Ireland", "Lithuania", "30 Jun 2026 · action 12.1", "adopt next plan by 30 Apr 2027"]) expect(svg).toContain(c);
    expect(svg).toContain('fill="#fde68a"'); // Ireland, in office on 23 November 2026
  });

  it("draws the plans of the last two years, or the latest three when all are older", () => {
    const p = (n: number, start: string, end: string) => ({ number: n, startDate: start, endDate: end });
    const plans = [p(1, "1997-07-01", "1998-12-31"), p(2, "2023-01-01", "2024-06-30"), p(3, "2024-07-01", "2025-12-31"), p(4, "2026-01-01", "2027-06-30")];
    expect(recentPlans(plans, "2026-05-01").map((x) => x.number)).toEqual([2, 3, 4]);
    expect(recentPlans(plans, "2027-01-01").map((x) => x.number)).toEqual([3, 4]);
    expect(recentPlans([plans[0]!], "2026-11-23").map((x) => x.number)).toEqual([1]);
  });

  it("writes a PNG and an SVG from the CLI", async () => {
    const dir = tempDir();
    const png = path.join(dir, "ccwp.png");
    const svg = path.join(dir, "ccwp.svg");
    const env = { DATABASE_URL: rt.database.url };
    const a = await runCli(["timeline", "--wp", "CCWP", "--out", png, "--today", "1998-03-15", "--json"], { env });
    expect(a.stderr).toBe("");
    expect(JSON.parse(a.stdout)).toMatchObject({ file: png, format: "png" });
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(bytes.readUInt32BE(16)).toBe(1600); // IHDR width
    await runCli(["timeline", "--wp", "CCWP", "--out", svg], { env });
    expect(fs.readFileSync(svg, "utf8")).toContain("CCWP — action plans and deadlines");
    const bad = await runCli(["timeline", "--wp", "CCWP", "--out", path.join(dir, "x.gif")], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--out: a file name ending in .png or .svg/);
  });
});
