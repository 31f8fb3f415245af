/**
 * Reply → HTML, for the bot's own replies shown in the console (report forms, refusals). One
 * switch over the reply model ending in assertNever, escaping every piece of text at render time.
 * Buttons become forms that post their command, so they work without JavaScript.
 */
import { assertNever, type Block, type Form, type Reply } from "../../src/core/reply.ts";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface RenderOptions {
  /** the CSRF token the page's forms carry */
  csrf: string;
  /** where forms and buttons post (the working party's command route) */
  action: string;
}

let formSeq = 0;

export function renderReplies(replies: Reply[], o: RenderOptions): string {
  return replies.map((r) => `<div class="reply${r.tone === "error" ? " error" : ""}">${r.blocks.map((b) => renderBlock(b, o, r.fieldErrors ?? {})).join("\n")}</div>`).join("\n");
}

function renderBlock(b: Block, o: RenderOptions, errors: Record<string, string>): string {
  switch (b.type) {
    case "text":
      return b.style === "heading" ? `<h3>${escapeHtml(b.text)}</h3>` : `<p${b.style === "muted" ? ' class="small"' : ""}>${escapeHtml(b.text)}</p>`;
    case "quote":
      return `<blockquote><p>${escapeHtml(b.text)}</p><footer>${escapeHtml(b.source.title ?? b.source.document)}, ${escapeHtml(b.source.label)}</footer></blockquote>`;
    case "fields":
      return `<dl class="fields">${b.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join("")}</dl>`;
    case "section":
      return `<section><h3>${escapeHtml(b.title)}</h3>${b.text ? `<p>${escapeHtml(b.text)}</p>` : ""}${b.fields ? renderBlock({ type: "fields", fields: b.fields }, o, errors) : ""}</section>`;
    case "buttons":
      return `<div class="buttons">${b.buttons
        .map((btn) => `<form method="post" action="${escapeHtml(o.action)}">${hidden("_csrf", o.csrf)}${hidden("_command", btn.command)}${Object.entries(btn.args).map(([k, v]) => hidden(k, String(v))).join("")}<button type="submit">${escapeHtml(btn.label)}</button></form>`)
        .join("")}</div>`;
    case "form":
      return renderForm(b.form, o, errors);
    case "file":
      return `<p>${escapeHtml(b.file.title ?? b.file.name)}</p>`;
    case "divider":
      return "<hr>";
    default:
      return assertNever(b);
  }
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function renderForm(f: Form, o: RenderOptions, errors: Record<string, string>): string {
  const id = `rf${++formSeq}`;
  const fields = f.fields
    .map((x) => {
      const fid = `${id}-${x.name}`;
      const error = x.error ?? errors[x.name];
      const described = error ? ` aria-invalid="true" aria-describedby="${fid}-e"` : "";
      const common = `id="${fid}" name="${escapeHtml(x.name)}"${x.required ? " required" : ""}${x.maxLength ? ` maxlength="${x.maxLength}"` : ""}${described}`;
      const input =
        x.kind === "textarea"
          ? `<textarea ${common} rows="3"${x.placeholder ? ` placeholder="${escapeHtml(x.placeholder)}"` : ""}>${escapeHtml(x.value ?? "")}</textarea>`
          : x.kind === "select"
            ? `<select ${common}>${(x.options ?? []).map((op) => `<option value="${escapeHtml(op.value)}"${op.value === x.value ? " selected" : ""}>${escapeHtml(op.label)}</option>`).join("")}</select>`
            : `<input ${common} type="${x.kind === "date" ? "date" : "text"}" value="${escapeHtml(x.value ?? "")}"${x.placeholder ? ` placeholder="${escapeHtml(x.placeholder)}"` : ""}>`;
      return `<div class="field${error ? " invalid" : ""}"><label for="${fid}">${escapeHtml(x.label)}</label>${error ? `<span class="error" id="${fid}-e">${escapeHtml(error)}</span>` : ""}${input}</div>`;
    })
    .join("");
  const context = Object.entries(f.context).map(([k, v]) => hidden(k, v)).join("");
  return `<form method="post" action="${escapeHtml(o.action)}" class="form" aria-label="${escapeHtml(f.title)}"><h3>${escapeHtml(f.title)}</h3>${hidden("_csrf", o.csrf)}${hidden("_command", f.command)}${context}${fields}<button type="submit" class="primary">${escapeHtml(f.submitLabel)}</button></form>`;
}
