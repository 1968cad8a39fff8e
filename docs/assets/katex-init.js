// Typeset the formulas pymdownx.arithmatex marked (`\(...\)`, `\[...\]` inside .arithmatex) with the vendored KaTeX,
// on every page material loads (its instant loading swaps pages without a reload: `document$`).
function typeset(root) {
  root.querySelectorAll('.arithmatex').forEach(el => renderMathInElement(el, {
    delimiters: [{ left: '\\(', right: '\\)', display: false }, { left: '\\[', right: '\\]', display: true }],
    throwOnError: false }));
}
if (typeof document$ !== 'undefined') document$.subscribe(({ body }) => typeset(body));
else document.addEventListener('DOMContentLoaded', () => typeset(document.body));
