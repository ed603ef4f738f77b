/**
 * The HTML report's inline style and script: the page loads nothing else.
 * Colours keep a contrast of at least 4.5:1 on white.
 */
export const pageStyle = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --error: #a40e26; --warning: #7d4e00; --bar: #1a7f37; --bar-low: #bc4c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 80rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.summary, .shown { color: var(--muted); margin: 0 0 1rem; }
.controls { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: 0 0 .5rem; }
.controls input { font: inherit; padding: .3rem .5rem; min-width: 18rem; border: 1px solid var(--muted); border-radius: 4px; }
table { width: 100%; border-collapse: collapse; table-layout: auto; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
thead th { background: #f6f8fa; white-space: nowrap; }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--ink); }
th button:focus-visible, input:focus-visible, a:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
tbody th { font-weight: 600; min-width: 11rem; }
td.template { white-space: nowrap; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.errors-some { color: var(--error); font-weight: 600; }
.warnings-some { color: var(--warning); font-weight: 600; }
.coverage { display: flex; align-items: center; gap: .4rem; white-space: nowrap; }
.bar { width: 6rem; height: .7rem; border: 1px solid var(--muted); border-radius: 2px; background: #fff; }
.bar span { display: block; height: 100%; background: var(--bar); }
.bar.low span { background: var(--bar-low); }
ul.findings { margin: 0; padding-left: 1.1rem; }
ul.findings li { overflow-wrap: anywhere; }
.level-error { color: var(--error); font-weight: 600; }
.level-warning { color: var(--warning); font-weight: 600; }
.level-info { color: var(--muted); font-weight: 600; }
.place { color: var(--muted); font-variant-numeric: tabular-nums; }
a { color: #0550ae; }
@media (max-width: 60rem) { .bar { width: 3.5rem; } main { padding: 1rem .5rem; } }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .controls, .shown { display: none; }
  th button::after { content: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .bar, .bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`

/** Sorting by a column header, and the filter box: hides rows whose text does not contain the filter. */
export const pageScript = `
(() => {
  const table = document.getElementById('plans');
  const body = table.tBodies[0];
  const headers = Array.from(table.tHead.rows[0].cells);
  const keyOf = (row, index, numeric) => {
    const cell = row.cells[index];
    const value = cell.dataset.sort ?? cell.textContent.trim();
    return numeric ? Number(value) : value.toLowerCase();
  };
  headers.forEach((header, index) => {
    const button = header.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const direction = header.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', direction);
      const numeric = header.dataset.type === 'number';
      const sign = direction === 'ascending' ? 1 : -1;
      const rows = Array.from(body.rows).sort((a, b) => {
        const x = keyOf(a, index, numeric);
        const y = keyOf(b, index, numeric);
        const order = numeric ? x - y : x.localeCompare(y);
        return sign * order || keyOf(a, 0, false).localeCompare(keyOf(b, 0, false));
      });
      body.append(...rows);
    });
  });
  const filter = document.getElementById('filter');
  const shown = document.getElementById('shown');
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let count = 0;
    for (const row of body.rows) {
      const text = row.textContent.toLowerCase();
      const match = words.every((word) => text.includes(word));
      row.hidden = !match;
      if (match) count++;
    }
    shown.textContent = 'Showing ' + count + ' of ' + body.rows.length + ' files';
  };
  filter.addEventListener('input', apply);
  apply();
})();
`
