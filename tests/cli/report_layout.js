// Injected into a copy of a twotier report by report_layout.sh: measures every chart's text in
// the browser and writes what it finds into <pre id="layout-result">, which --dump-dom prints.
// A problem is text outside its chart (cut), two texts of a chart overlapping, a value or row
// label closer than 5 px to a whisker or point, or a table wider than the page.
(function () {
  const problems = [];
  const tolerance = 0.5;
  const inside = (r, box) =>
    r.left >= box.left - tolerance && r.right <= box.right + tolerance &&
    r.top >= box.top - tolerance && r.bottom <= box.bottom + tolerance;
  const overlap = (a, b) => {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 1 && h > 1;
  };
  const charts = document.querySelectorAll('svg.chart');
  charts.forEach((svg, i) => {
    const name = `chart ${i + 1} (${svg.getAttribute('class')}, "${svg.getAttribute('aria-label')}")`;
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '');
    const rects = texts.map(t => t.getBoundingClientRect());
    rects.forEach((r, j) => {
      if (!inside(r, box)) problems.push(`${name}: text "${texts[j].textContent}" is cut (outside the chart)`);
    });
    const slanted = t => (t.getAttribute('class') || '').includes('column-label');
    for (let a = 0; a < rects.length; ++a)
      for (let b = a + 1; b < rects.length; ++b)
        if (!(slanted(texts[a]) && slanted(texts[b])) && overlap(rects[a], rects[b]))
          problems.push(`${name}: "${texts[a].textContent}" overlaps "${texts[b].textContent}"`);
    const labels = texts.filter(t => /(^| )(value|row-label)( |$)/.test(t.getAttribute('class') || ''));
    svg.querySelectorAll('.whisker, .mark.point').forEach(mark => {
      const m = mark.getBoundingClientRect();
      labels.forEach(t => {
        const r = t.getBoundingClientRect();
        const w = Math.min(m.right, r.right) - Math.max(m.left, r.left);
        const h = Math.min(m.bottom, r.bottom) - Math.max(m.top, r.top);
        if (w > -5 && h > 0) problems.push(`${name}: a whisker or point touches "${t.textContent}"`);
      });
    });
  });
  const page = document.body.getBoundingClientRect();
  document.querySelectorAll('table, .cards, h1, h2, p').forEach(el => {
    const r = el.getBoundingClientRect();
    if (r.right > page.right + 1 || el.scrollWidth > el.clientWidth + 1)
      problems.push(`${el.tagName.toLowerCase()} "${el.textContent.slice(0, 40)}" is wider than the page`);
  });
  const out = document.createElement('pre');
  out.id = 'layout-result';
  out.textContent = `charts=${charts.length} problems=${problems.length}\n` + problems.join('\n');
  document.body.appendChild(out);
})();
