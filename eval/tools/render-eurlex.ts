// EUR-Lex's HTML layout for Official Journal C texts, as a delegate saves the page: the site's
// banner, the OJ header row, titles as `doc-ti` paragraphs, each numbered point a table row whose
// first cell holds the marker alone (`1.`), sub-points as tables nested in the cell, footnote
// markers `(1)` linking to notes at the end.
import type { Block, DocumentSource } from './document-source.ts';
import { all, one } from './document-source.ts';

interface Node {
  block: Block;
  children: Node[];
}

function tree(blocks: Block[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const block of blocks) {
    if (block.kind === 'page') continue;
    const node: Node = { block, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.block.indent >= block.indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && block.indent > 0) parent.children.push(node);
    else roots.push(node);
    if (block.kind === 'point' || block.kind === 'dash') stack.push(node);
  }
  return roots;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderEurLex(source: DocumentSource): string {
  const celex = one(source, 'celex');
  const noteId = one(source, 'note-id', 'C_0000000EN.01000101');
  const inline = (text: string): string =>
    escape(text).replace(
      /\[\^(\w+)\]/g,
      (_m, n: string) =>
        `<a id="ntr${n}-${noteId}-E000${n}" href="#ntc${n}-${noteId}-E000${n}">&nbsp;(<span class="super">${n}</span>)</a>`,
    );
  // EUR-Lex's class names: 'normal', 'doc-ti'... before 2014, 'oj-normal', 'oj-doc-ti'... since.
  const px = one(source, 'class-prefix');
  const cls = px + 'normal';
  const oldLayout = one(source, 'layout') === 'old';
  const render = (nodes: Node[], depth: number): string => {
    const out: string[] = [];
    for (const node of nodes) {
      const { block } = node;
      if (block.kind === 'heading') out.push(`<p class="${px}ti-grseq-1">${inline(block.text)}</p>`);
      else if (block.kind === 'para') out.push(`<p class="${cls}">${inline(block.text)}</p>`);
      else if (oldLayout) {
        // The pre-2004 texts: the marker inline at the start of its paragraph, no tables.
        out.push(`<p class="${cls}">${escape(block.marker)} ${inline(block.text)}</p>`);
        out.push(render(node.children, depth + 1));
      }
      else {
        const width = depth === 0 ? ['4%', '96%'] : ['5%', '95%'];
        out.push(
          `<table width="100%" border="0" cellspacing="0" cellpadding="0"><col width="${width[0]}"/><col width="${width[1]}"/>` +
            `<tr><td valign="top"><p class="${cls}">${escape(block.marker)}</p></td>` +
            `<td valign="top"><p class="${cls}">${inline(block.text)}</p>${render(node.children, depth + 1)}</td></tr></table>`,
        );
      }
    }
    return out.join('\n');
  };
  const titles = all(source, 'title');
  const notes = [...source.footnotes].map(
    ([n, text]) =>
      `<p class="${px}note"><a id="ntc${n}-${noteId}-E000${n}" href="#ntr${n}-${noteId}-E000${n}">(<span class="super">${n}</span>)</a>&nbsp;&nbsp;${escape(text)}</p>`,
  );
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
<title>EUR-Lex - ${escape(celex)} - EN - EUR-Lex</title>
<link type="text/css" rel="stylesheet" href="/eurlex-frontoffice/css/oj.css"/>
</head>
<body>
<div class="PageTitle"><p>EUR-Lex Access to European Union law</p><p>This document is an excerpt from the EUR-Lex website</p></div>
<div id="PP1Contents"><p class="DocumentTitle">Document ${escape(celex)}</p>
<p class="title">${escape(one(source, 'eurlex-title'))}</p>
<p>${escape(one(source, 'eurlex-oj'))}</p>
<p>Legal status of the document ${escape(one(source, 'status', 'In force'))}</p></div>
<div id="document1" class="tabContent">
<table width="100%" border="0" cellspacing="0" cellpadding="0" summary="Official Journal"><tr>
<td class="${px}hd-date">${escape(one(source, 'oj-date'))}&nbsp;&nbsp;&nbsp;</td><td class="${px}hd-lg">EN</td>
<td class="${px}hd-ti">Official Journal of the European Union</td><td class="${px}hd-oj">${escape(one(source, 'oj-page'))}</td></tr></table>
<hr class="separator"/>
${titles.map((t) => `<p class="${px}doc-ti">${escape(t)}</p>`).join('\n')}
${render(tree(source.blocks), 0)}
${notes.length > 0 ? `<hr class="${px}note"/>\n` + notes.join('\n') : ''}
</div>
<div id="footer"><p>Top</p><p>© European Union, https://eur-lex.europa.eu/</p></div>
</body>
</html>
`;
}
