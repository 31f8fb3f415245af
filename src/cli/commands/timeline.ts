/** `secretariat timeline`: the picture of plans, adopt-by marks, deadlines and presidencies. */
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { todayIn } from "../../time/civil-date.ts";
import { svgToPng } from "../../planning/timeline/timeline-png.ts";
import { renderTimelineSvg, timelineData } from "../../planning/timeline/timeline.ts";
import { workingPartyOf } from "../operator.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { DayOption, parseOptions } from "../options.ts";
import { prepareOutputDir } from "../output-dir.ts";

const Options = z.object({
  wp: z.string().trim().toUpperCase().min(1),
  out: z.string().regex(/\.(png|svg)$/i, "a file name ending in .png or .svg"),
  today: DayOption.optional(),
  json: z.boolean().optional(),
});

/** Registers `timeline`. */
export function registerTimeline(program: Command, ctx: CliContext): void {
  program
    .command("timeline")
    .description("draw the working party's plans and deadlines as PNG or SVG")
    .requiredOption("--wp <code>", "working party")
    .requiredOption("--out <file>", "file.png or file.svg")
    .option("--today <YYYY-MM-DD>", "the day marked 'today' (default: today in the working party's time zone)")
    .option("--json", 'print {"file","format","bytes"}')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      await ctx.withRuntime(async (rt) => {
        const { store } = rt;
        const wp = await workingPartyOf(rt, o.wp);
        prepareOutputDir(path.dirname(o.out), "--out");
        if (fs.statSync(o.out, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`--out: ${o.out} is a directory; name a file in it, e.g. ${path.join(o.out, "timeline.png")}`, 1);
        const data = await timelineData(store.repos, wp.code, o.today ?? todayIn(ctx.io.now(), wp.timeZone));
        const svg = renderTimelineSvg(data!);
        const format = /\.png$/i.test(o.out) ? "png" : "svg";
        const bytes = format === "png" ? svgToPng(svg) : Buffer.from(svg, "utf8");
        try {
          fs.writeFileSync(o.out, bytes);
        } catch (e) {
          throw new CliError(`--out: cannot write ${o.out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 1);
        }
        emit(ctx.io, Boolean(o.json), { file: o.out, format, bytes: bytes.length }, () => `Wrote ${o.out} (${format}, ${bytes.length} bytes).`);
      });
    });
}
