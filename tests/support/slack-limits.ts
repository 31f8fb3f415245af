/**
 * Checks a Block Kit payload against Slack's published limits, independently of the renderer's
 * own constants (the numbers are written out again here on purpose: a wrong constant in the
 * adapter must not pass its own test).
 */

type Json = Record<string, unknown>;

/** Problems found in a message payload ({text, blocks}); empty when it is valid. */
export function messageViolations(payload: Json): string[] {
  const blocks = (payload.blocks ?? []) as Json[];
  const out: string[] = [];
  if (blocks.length > 50) out.push(`message has ${blocks.length} blocks (max 50)`);
  if (typeof payload.text === "string" && payload.text.length > 40_000) out.push("text over 40000");
  out.push(...blockViolations(blocks));
  if (blankTexts(blocks) > 0) out.push("blank text object");
  return out;
}

/** Problems found in a modal or home view. */
export function viewViolations(view: Json): string[] {
  const blocks = (view.blocks ?? []) as Json[];
  const out: string[] = [];
  if (blocks.length > 100) out.push(`view has ${blocks.length} blocks (max 100)`);
  for (const k of ["title", "submit", "close"]) {
    const t = (view[k] as Json | undefined)?.text;
    if (typeof t === "string" && t.length > 24) out.push(`view ${k} ${t.length} chars (max 24)`);
  }
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000) out.push("private_metadata over 3000");
  out.push(...blockViolations(blocks));
  if (blankTexts(blocks) > 0) out.push("blank text object");
  return out;
}

/** Every text object's text, to check none is blank (Slack refuses them). */
export function blankTexts(payload: unknown): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === "object") {
      const o = v as Json;
      if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string" && o.text.trim() === "") n++;
      Object.values(o).forEach(walk);
    }
  };
  walk(payload);
  return n;
}

function textLen(t: unknown): number {
  return typeof (t as Json | undefined)?.text === "string" ? ((t as Json).text as string).length : 0;
}

function elementViolations(e: Json, where: string): string[] {
  const out: string[] = [];
  if (typeof e.action_id === "string" && e.action_id.length > 255) out.push(`${where}: action_id over 255`);
  if (e.type === "button") {
    if (textLen(e.text) > 75) out.push(`${where}: button text ${textLen(e.text)} (max 75)`);
    if (typeof e.value === "string" && e.value.length > 2000) out.push(`${where}: button value over 2000`);
  }
  if (e.type === "static_select") {
    const options = (e.options ?? []) as Json[];
    if (options.length > 100) out.push(`${where}: ${options.length} options (max 100)`);
    for (const o of options) {
      if (textLen(o.text) > 75) out.push(`${where}: option text over 75`);
      if (typeof o.value === "string" && o.value.length > 150) out.push(`${where}: option value over 150`);
    }
  }
  if (e.type === "plain_text_input") {
    const max = (e.max_length as number | undefined) ?? 3000;
    if (max > 3000) out.push(`${where}: max_length over 3000`);
    if (typeof e.initial_value === "string" && e.initial_value.length > max) out.push(`${where}: initial_value over max_length`);
  }
  if (textLen(e.placeholder) > 150) out.push(`${where}: placeholder over 150`);
  return out;
}

function blockViolations(blocks: Json[]): string[] {
  const out: string[] = [];
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const where = `block ${i} (${String(b.type)})`;
    if (typeof b.block_id === "string") {
      if (b.block_id.length > 255) out.push(`${where}: block_id over 255`);
      if (blockIds.has(b.block_id)) out.push(`${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case "section": {
        if (textLen(b.text) > 3000) out.push(`${where}: text ${textLen(b.text)} (max 3000)`);
        if (!b.text && !b.fields) out.push(`${where}: neither text nor fields`);
        const fields = (b.fields ?? []) as Json[];
        if (fields.length > 10) out.push(`${where}: ${fields.length} fields (max 10)`);
        for (const f of fields) if (textLen({ text: f.text }) > 2000) out.push(`${where}: field over 2000`);
        if (b.accessory) out.push(...elementViolations(b.accessory as Json, where));
        break;
      }
      case "actions": {
        const els = (b.elements ?? []) as Json[];
        if (els.length > 25) out.push(`${where}: ${els.length} elements (max 25)`);
        for (const e of els) {
          out.push(...elementViolations(e, where));
          const id = e.action_id as string | undefined;
          if (id) {
            if (actionIds.has(id)) out.push(`${where}: duplicate action_id ${id}`);
            actionIds.add(id);
          }
        }
        break;
      }
      case "context": {
        const els = (b.elements ?? []) as Json[];
        if (els.length > 10) out.push(`${where}: ${els.length} elements (max 10)`);
        for (const e of els) if (textLen(e) > 3000) out.push(`${where}: element over 3000`);
        break;
      }
      case "header":
        if (textLen(b.text) > 150) out.push(`${where}: header over 150`);
        break;
      case "input":
        if (textLen(b.label) > 2000) out.push(`${where}: label over 2000`);
        out.push(...elementViolations(b.element as Json, where));
        break;
      case "divider":
        break;
      default:
        out.push(`${where}: unexpected block type`);
    }
  });
  return out;
}
