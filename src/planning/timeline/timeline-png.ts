/**
 * SVG to PNG with @resvg/resvg-js, no browser. Fonts are found at run time: the usual font
 * directories are scanned and DejaVu Sans (Debian's fonts-dejavu-core) is preferred; any other
 * TrueType/OpenType font found is used otherwise. Nothing is bundled.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// The native renderer is loaded on first use, not by every command that imports planning.
const load = createRequire(import.meta.url);

const FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "/usr/X11R6/lib/X11/fonts", "/System/Library/Fonts", "/Library/Fonts", "C:\\Windows\\Fonts"];
const PREFERRED = [/DejaVuSans\.ttf$/, /DejaVuSans-Bold\.ttf$/, /LiberationSans-Regular\.ttf$/, /LiberationSans-Bold\.ttf$/, /NotoSans-Regular\.ttf$/, /Arial\.ttf$/i];

let found: string[] | undefined;

/** Font files on this machine, the preferred ones first (scanned once). */
export function fontFiles(extraDirs: string[] = []): string[] {
  if (found && extraDirs.length === 0) return found;
  const all: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4 || all.length > 2000) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (/\.(ttf|otf)$/i.test(e.name)) all.push(p);
    }
  };
  for (const d of [...extraDirs, ...FONT_DIRS]) walk(d, 0);
  const rank = (f: string) => {
    const i = PREFERRED.findIndex((re) => re.test(f));
    return i < 0 ? PREFERRED.length : i;
  };
  const sorted = all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  if (extraDirs.length === 0) found = sorted;
  return sorted;
}

/** Renders SVG text to PNG bytes with the fonts found. */
export function svgToPng(svg: string): Buffer {
  return rasterise(svg).asPng();
}

/** Renders SVG text to an image (RGBA pixels and PNG) with the fonts found. */
export function rasterise(svg: string, width = 1600) {
  const files = fontFiles();
  const dejavu = files.filter((f) => /DejaVuSans(-Bold)?\.ttf$/.test(f));
  // With DejaVu Sans present only its two files are loaded (scanning every system font costs more
  // than drawing); otherwise every font found, and resvg picks by the SVG's family list.
  const font = dejavu.length
    ? { loadSystemFonts: false, fontFiles: dejavu, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" }
    : { loadSystemFonts: true, fontFiles: files.slice(0, 50) };
  const { Resvg } = load("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  return new Resvg(svg, { background: "#ffffff", font, fitTo: { mode: "width", value: width } }).render();
}
