// Hand-written inline SVG for report.html: a line chart (one marker per run) and a diverging bar chart
// (additions up, removals down). Two chart shapes do not earn a bundled library.

/**
 * HTML-escapes text. `//` becomes `/&#47;` (renders the same): a tag value holding a URL must not read
 * as a network reference to whoever scans the page for one.
 */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\/\//g, '/&#47;');

const W = 460;
const H = 200;
const PAD = { left: 52, right: 14, top: 14, bottom: 30 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

const fmt = (n: number) => (Math.abs(n) >= 10_000 ? `${(n / 1000).toFixed(n % 1000 === 0 ? 0 : 1)}k` : n.toLocaleString('en-US'));
/** A run's date; with the time of day when the runs span less than two days (tests, demos). */
export function timeLabel(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs >= 2 * 86_400_000 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** About `want` round ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, want = 4): number[] {
  if (hi === lo) return [lo];
  // Counts: never a step below one.
  const raw = Math.max(1, (hi - lo) / want);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  if (ticks[ticks.length - 1]! < hi) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

export interface LinePoint {
  /** Epoch ms. */
  x: number;
  y: number;
  partial: boolean;
  label: string;
}

function yAxis(ticks: number[], y: (v: number) => number): string[] {
  return ticks.map(
    (t) =>
      `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>` +
      `<text class="tick" x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`,
  );
}

function xLabels(xs: number[], x: (v: number) => number): string[] {
  if (!xs.length) return [];
  // First and last always; the middle one when there is room.
  const idx = [...new Set([0, xs.length > 2 ? Math.floor((xs.length - 1) / 2) : 0, xs.length - 1])];
  const anchor = (i: number) => (xs.length === 1 ? 'middle' : i === 0 ? 'start' : i === xs.length - 1 ? 'end' : 'middle');
  const span = Math.max(...xs) - Math.min(...xs);
  return idx.map((i) => `<text class="tick" x="${x(xs[i]!).toFixed(1)}" y="${H - 10}" text-anchor="${anchor(i)}">${timeLabel(xs[i]!, span)}</text>`);
}

export function lineChart(o: { id: string; title: string; color: string; points: readonly LinePoint[] }): string {
  const ys = o.points.map((p) => p.y);
  const lo0 = Math.min(...ys);
  const hi0 = Math.max(...ys);
  // Not from zero: growth of 2,000 → 2,040 compartments must be visible. Padded so a flat line is mid-plot.
  const span = hi0 - lo0 || Math.max(1, Math.abs(hi0) * 0.05);
  const ticks = niceTicks(Math.max(0, lo0 - span * 0.1), hi0 + span * 0.1);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]! === lo ? lo + 1 : ticks[ticks.length - 1]!;
  const xs = o.points.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const x = (v: number) => PAD.left + (x1 === x0 ? PLOT_W / 2 : ((v - x0) / (x1 - x0)) * PLOT_W);
  const y = (v: number) => PAD.top + PLOT_H - ((v - lo) / (hi - lo)) * PLOT_H;
  const line = o.points.map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
  const marks = o.points.map(
    (p) =>
      `<circle class="point${p.partial ? ' partial' : ''}" data-point="${esc(p.label)}" cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="${p.partial ? 4.5 : 3.5}" ` +
      `style="--c:${o.color}"><title>${esc(`${p.label}: ${p.y.toLocaleString('en-US')}${p.partial ? ' (partial run)' : ''}`)}</title></circle>`,
  );
  return [
    `<svg class="chart" data-chart="${esc(o.id)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(o.title)}">`,
    ...yAxis(ticks, y),
    ...xLabels(xs, x),
    o.points.length > 1 ? `<path class="line" d="${line}" stroke="${o.color}"/>` : '',
    ...marks,
    '</svg>',
  ].join('');
}

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  /** +1 draws above the zero line, -1 below. */
  sign: 1 | -1;
}

export function barChart(o: { id: string; title: string; series: readonly BarSeries[]; periods: readonly { label: string; values: Record<string, number> }[] }): string {
  const up = Math.max(0, ...o.periods.map((p) => Math.max(0, ...o.series.filter((s) => s.sign > 0).map((s) => p.values[s.key] ?? 0))));
  const down = Math.max(0, ...o.periods.map((p) => Math.max(0, ...o.series.filter((s) => s.sign < 0).map((s) => p.values[s.key] ?? 0))));
  const ticks = niceTicks(-down, Math.max(up, down === 0 ? 1 : 0));
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const y = (v: number) => PAD.top + PLOT_H - ((v - lo) / (hi - lo)) * PLOT_H;
  const slot = PLOT_W / Math.max(1, o.periods.length);
  const bar = Math.max(2, Math.min(14, (slot * 0.8) / o.series.length));
  const out = [`<svg class="chart" data-chart="${esc(o.id)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(o.title)}">`, ...yAxis(ticks, y)];
  o.periods.forEach((p, i) => {
    const left = PAD.left + i * slot + (slot - bar * o.series.length) / 2;
    o.series.forEach((s, j) => {
      const v = p.values[s.key] ?? 0;
      const top = s.sign > 0 ? y(v) : y(0);
      const h = Math.abs(y(v * s.sign) - y(0));
      out.push(
        `<rect class="bar" data-period="${esc(p.label)}" x="${(left + j * bar).toFixed(1)}" y="${top.toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${Math.max(v ? 1 : 0, h).toFixed(1)}" fill="${s.color}">` +
          `<title>${esc(`${p.label}: ${v.toLocaleString('en-US')} ${s.label}`)}</title></rect>`,
      );
    });
  });
  out.push(`<line class="zero" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>`);
  if (o.periods.length) {
    const first = o.periods[0]!.label;
    const last = o.periods[o.periods.length - 1]!.label;
    out.push(`<text class="tick" x="${PAD.left}" y="${H - 10}">${esc(first)}</text>`);
    if (o.periods.length > 1) out.push(`<text class="tick" x="${W - PAD.right}" y="${H - 10}" text-anchor="end">${esc(last)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
