/**
 * The labeller's stack of open levels (keyword headings, sub-headings, captions, list markers):
 * where a marker lands in it, and how a passage's label and heading chain are read off it. The
 * grammar is in docs/knowledge.md; label-passages.ts walks the document and keeps the stack.
 */
import type { LabelledPassage } from "./label-passages.ts";
import type { Marker } from "./markers.ts";

/** One open level of the stack. */
export type Node =
  | { kind: "keyword"; text: string; inLabel: boolean | undefined; passage?: LabelledPassage }
  | { kind: "subhead"; text: string; passage?: LabelledPassage }
  | { kind: "caption"; text: string; passage?: LabelledPassage }
  | { kind: "marker"; marker: Marker; heading: boolean; capsHeading: boolean; passage?: LabelledPassage };

export function popWhile(stack: Node[], pred: (n: Node) => boolean): void {
  while (stack.length > 0 && pred(stack.at(-1)!)) stack.pop();
}

export function nearestKeyword(stack: Node[]): Extract<Node, { kind: "keyword" }> | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const n = stack[i]!;
    if (n.kind === "keyword") return n;
  }
  return undefined;
}

/**
 * Where a marker goes: the stack index it takes (replacing what is there and everything below).
 * A marker that continues an open level (value + 1) returns to it, the outermost such level
 * when several could; "1" under a heading of the same style opens a child list; a style not
 * open yet opens a child level.
 */
export function landing(stack: Node[], m: Marker, next: Marker | undefined): number {
  const same: number[] = [];
  stack.forEach((n, i) => {
    if (n.kind === "marker" && n.marker.style === m.style) same.push(i);
  });
  if (same.length === 0) return stack.length;
  const cont = same.filter((i) => (stack[i] as Extract<Node, { kind: "marker" }>).marker.value === m.value - 1);
  // Several open levels could continue ("5." after 4.4 under 4): the inner one, when the next
  // marker of this style repeats the value (that one then continues the outer level).
  if (cont.length > 1 && next?.value === m.value) return cont.at(-1)!;
  if (cont.length > 0) return cont[0]!;
  const nearest = same.at(-1)!;
  const near = stack[nearest] as Extract<Node, { kind: "marker" }>;
  if (m.value === 1 && near.heading) return stack.length;
  return nearest;
}

/**
 * The marker styles whose numbers never repeat in the document ("Article 20" in a convention
 * whose articles run on across its titles, "2.1" in a strategy whose points run on across its
 * policy areas): a label starts at such a marker, as the document itself cites it.
 */
export function standaloneStyles(markers: (Marker | undefined)[]): Set<string> {
  const seen = new Map<string, Set<string>>();
  const repeated = new Set<string>();
  for (const m of markers) {
    if (!m || (m.kind !== "named" && m.kind !== "decimal")) continue;
    const cores = seen.get(m.style) ?? new Set<string>();
    seen.set(m.style, cores);
    if (cores.has(m.core)) repeated.add(m.style);
    cores.add(m.core);
  }
  return new Set([...seen.keys()].filter((s) => !repeated.has(s) && seen.get(s)!.size >= 2));
}

/** Renders the label of the node on top of `stack` (grammar in docs/knowledge.md). */
export function renderLabel(full: Node[], standalone: Set<string>): string {
  const from = full.findLastIndex((n) => n.kind === "marker" && standalone.has(n.marker.style));
  const stack = from > 0 ? full.slice(from) : full;
  let out = "";
  let prev: Extract<Node, { kind: "marker" }> | undefined;
  let prevPart = "";
  for (const n of stack) {
    if (n.kind === "caption") continue;
    if (n.kind === "keyword") {
      if (n.inLabel === false) continue;
      out = out ? `${out} ${n.text}` : n.text;
      prev = undefined;
      continue;
    }
    if (n.kind === "subhead") {
      out = out ? `${out} ${n.text}` : n.text;
      prev = undefined;
      continue;
    }
    const m = n.marker;
    let part: string;
    if (!prev) {
      part = m.raw.replace(/\.$/, "");
      out = out ? `${out} ${part}` : part;
    } else if (m.kind === "decimal" && prev.marker.kind !== "ROMAN" && m.core.startsWith(`${prevPart}.`)) {
      // "1.2" under "1": the decimal number already says where it stands.
      out = out.slice(0, out.length - prevPart.length) + m.core;
      part = m.core;
    } else {
      const spaced =
        m.kind === "ALPHA" ||
        m.kind === "named" ||
        prev.marker.kind === "named" ||
        (prev.marker.kind === "ROMAN" && !n.capsHeading) ||
        (/\)$/.test(prevPart) && !/^\(/.test(prevPart));
      if (spaced) {
        part = m.raw.replace(/\.$/, "");
        out = `${out} ${part}`;
      } else {
        part = /^\(/.test(m.raw) ? m.raw : m.raw.replace(/[.)]$/, "");
        out = `${out}.${part}`;
      }
    }
    prev = n;
    prevPart = part;
  }
  return out;
}

export function headingChain(stack: Node[]): string[] {
  return stack.map((n) => {
    if (n.kind === "marker") {
      const t = `${n.marker.raw} ${n.marker.rest}`.trim();
      return t.length > 140 ? `${t.slice(0, 139)}…` : t;
    }
    return n.text;
  });
}
