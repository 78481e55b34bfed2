// Inline SVG charts: no scripts, no external files, so they survive e-mail
// clients and print. Sizes are in px of a 180 mm wide A4 column.

export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const f1 = (x: number) => (Math.round(x * 10) / 10).toString();

/** A 12-point sparkline; the last point (this week) is marked. */
export function sparkline(values: readonly number[], label: string, w = 120, h = 26): string {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (w - 6) / (values.length - 1) : 0;
  const pts = values.map((v, i) => [3 + i * step, h - 3 - (v / max) * (h - 6)] as const);
  const last = pts[pts.length - 1];
  return (
    `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(label)}">` +
    `<polyline fill="none" stroke="#0b5cad" stroke-width="1.5" points="${pts.map(([x, y]) => `${f1(x)},${f1(y)}`).join(' ')}"/>` +
    (last ? `<circle cx="${f1(last[0])}" cy="${f1(last[1])}" r="2.5" fill="#c62828"/>` : '') +
    '</svg>'
  );
}

export interface BarRow {
  label: string;
  values: readonly number[];
}

/** Horizontal grouped bars: one row per label, one bar per series, value at the bar's end. */
export function barChart(
  rows: readonly BarRow[],
  series: ReadonlyArray<{ name: string; color: string }>,
  title: string,
  w = 660,
): string {
  const labelW = 110;
  const barH = 11;
  const rowH = series.length * (barH + 2) + 8;
  const legendH = 20;
  const h = legendH + rows.length * rowH + 4;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const plotW = w - labelW - 40;
  const parts: string[] = [];
  series.forEach((s, i) => {
    const x = labelW + i * 150;
    parts.push(
      `<rect x="${x}" y="4" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="13" font-size="11">${esc(s.name)}</text>`,
    );
  });
  rows.forEach((r, i) => {
    const y0 = legendH + i * rowH;
    parts.push(
      `<text x="${labelW - 6}" y="${y0 + rowH / 2 + 2}" font-size="12" text-anchor="end">${esc(r.label)}</text>`,
    );
    r.values.forEach((v, j) => {
      const y = y0 + 3 + j * (barH + 2);
      const bw = (v / max) * plotW;
      parts.push(
        `<rect x="${labelW}" y="${y}" width="${f1(bw)}" height="${barH}" fill="${series[j]?.color ?? '#888'}"/>` +
          `<text x="${f1(labelW + bw + 4)}" y="${y + barH - 2}" font-size="10">${v}</text>`,
      );
    });
  });
  return `<svg class="bars" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`;
}
