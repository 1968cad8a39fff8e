// Typeset the formulas pymdownx.arithmatex marked (`\(...\)` in span.arithmatex, `\[...\]` in div.arithmatex) with the
// vendored KaTeX, on every page material shows (`document$`; plain DOMContentLoaded as a fallback).
import katex from './vendor/katex/katex.mjs';

function typeset(root) {
  root.querySelectorAll('.arithmatex').forEach(el => {
    if (el.querySelector('.katex')) return;
    const tex = el.textContent.trim(), display = tex.startsWith('\\[');
    katex.render(tex.replace(/^\\[([]/, '').replace(/\\[)\]]$/, ''), el, { displayMode: display, throwOnError: false });
  });
  // headings' formulas reach the table of contents as text
  document.querySelectorAll('.md-nav__link').forEach(a => {
    if (a.textContent.includes('\\(')) a.innerHTML = a.innerHTML.replace(/\\\((.+?)\\\)/g,
      (_, t) => katex.renderToString(t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), { throwOnError: false }));
  });
}
if (globalThis.document$) document$.subscribe(({ body }) => typeset(body));
else typeset(document.body);
