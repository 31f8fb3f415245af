// A Council register PDF from the evaluation markup (see eval/tools/document-source.ts), printed by
// Debian's Chromium through playwright-core because LibreOffice (which eval/tools/make-documents.ts
// uses) is not on every machine. The layout is the register's: "Council of the European Union"
// and "Brussels, <date> (OR. en)" on the first line, the reference and its codes on the right,
// the document kind, the From/To/No. prev. doc./Subject table between rules, footnotes at the end
// of the page run, and on every page a footer with reference, initials, page number, unit and EN.
import { chromium } from 'playwright-core';
import type { DocumentSource } from '../tools/document-source.ts';
import { all, one } from '../tools/document-source.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function html(source: DocumentSource): string {
  const order = [...source.footnotes.keys()];
  const inline = (text: string) => escape(text).replace(/\[\^(\w+)\]/g, (_m, n: string) => `<sup>${order.indexOf(n) + 1}</sup>`);
  const codes = all(source, 'code');
  const rows = (
    [
      ['from', 'From:'],
      ['to', 'To:'],
      ['prev', 'No. prev. doc.:'],
      ['subject', 'Subject:'],
    ] as const
  )
    .filter(([key]) => all(source, key).length > 0)
    .map(([key, label]) => `<tr><td class="k">${label}</td><td class="${key === 'subject' ? 'b' : ''}">${all(source, key).map(escape).join('<br/>')}</td></tr>`)
    .join('');
  const body = source.blocks
    .map((b) => {
      const left = `${b.indent * 0.5}cm`;
      if (b.kind === 'page') return '<div style="break-after: page"></div>';
      if (b.kind === 'heading') return `<p class="h" style="margin-left:${left}">${inline(b.text)}</p>`;
      if (b.kind === 'para') return `<p style="margin-left:${left}">${inline(b.text)}</p>`;
      return `<p class="pt" style="margin-left:${left}"><span class="m">${escape(b.marker)}</span>${inline(b.text)}</p>`;
    })
    .join('\n');
  const notes = [...source.footnotes.values()].map((t, i) => `<p class="fn"><sup>${i + 1}</sup> ${escape(t)}</p>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"/><title>${escape(one(source, 'doc-title'))}</title><style>
body { font-family: 'Times New Roman', serif; font-size: 12pt; }
table { width: 100%; border-collapse: collapse; }
.top td { vertical-align: top; } .b { font-weight: bold; } .r { text-align: right; }
.meta { border-top: 1px solid #000; border-bottom: 1px solid #000; margin: 12pt 0; }
.meta td { padding: 3pt 0; vertical-align: top; } .k { width: 22%; }
p { text-align: justify; margin: 0 0 8pt 0; } .h { font-weight: bold; margin-top: 12pt; }
.pt { padding-left: 1cm; text-indent: -1cm; } .m { display: inline-block; width: 1cm; text-indent: 0; }
.fn { font-size: 10pt; margin: 0 0 3pt 0; } hr.fn { width: 30%; margin-left: 0; }
</style></head><body>
<table class="top"><tr><td class="b">Council of the<br/>European Union</td><td class="r">${escape(one(source, 'brussels'))}<br/>(OR. en)</td></tr></table>
<table class="top" style="margin-top:12pt"><tr><td style="width:50%"></td><td class="b">${escape(one(source, 'ref'))}${one(source, 'limite') ? '<br/><br/>LIMITE' : ''}<br/><br/>${codes.map(escape).join('<br/>')}</td></tr></table>
<p class="b" style="font-size:14pt; margin-top:12pt">${escape(one(source, 'kind', 'NOTE'))}</p>
<table class="meta">${rows}</table>
${body}
${notes ? `<hr class="fn"/>${notes}` : ''}
</body></html>`;
}

export async function renderRegisterPdf(source: DocumentSource): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent(html(source));
    const cell = (text: string, align: string) => `<span style="display:inline-block;width:33%;text-align:${align}">${escape(text)}</span>`;
    const footer = `<div style="font-family:'Times New Roman',serif;font-size:9pt;width:100%;margin:0 2cm">
<div>${cell(one(source, 'ref') + ' ' + one(source, 'initials'), 'left')}<span style="display:inline-block;width:33%;text-align:center"></span><span style="display:inline-block;width:33%;text-align:right" class="pageNumber"></span></div>
<div>${cell(one(source, 'unit'), 'left')}${cell(one(source, 'limite') ? 'LIMITE' : '', 'center')}${cell('EN', 'right')}</div></div>`;
    return await page.pdf({
      format: 'A4',
      margin: { top: '2cm', bottom: '2.5cm', left: '2.5cm', right: '2.5cm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
    });
  } finally {
    await browser.close();
  }
}
