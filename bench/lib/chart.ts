// A hand-written SVG: one panel per scenario, one horizontal bar per contender (collect time, its own
// linear scale per panel), a dark tick at the contender's bound, and a label with seconds and speedup.
// No chart library: the picture is simple and the dependency would not be.
import type { Report } from './bench.js';
import type { RunRecord } from './metrics.js';

const W = 960;
const LABEL_W = 230;
const VALUE_W = 220;
const BAR_W = W - LABEL_W - VALUE_W - 20;
const ROW = 22;
const PANEL_HEAD = 46;
const GAP = 18;
const COLORS = { sdk: '#9aa0a6', engine: '#1a73e8', failed: '#d93025' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Bar length for a time. Linear unless the panel spans more than 20× (a sequential baseline next to
 * sub-second runs): then log10 from a decade below the shortest, so the fast bars stay comparable.
 */
function scaleFor(values: number[]): { x: (ms: number) => number; log: boolean; ticks: number[] } {
  const positive = values.filter((v) => v > 0);
  const max = Math.max(...positive, 1);
  const min = Math.min(...positive, max);
  if (max / min <= 20) return { x: (ms) => (ms / max) * BAR_W, log: false, ticks: [] };
  const lo = Math.floor(Math.log10(min)) - 0.3;
  const hi = Math.log10(max);
  const x = (ms: number) => (ms <= 0 ? 0 : Math.max(0, ((Math.log10(ms) - lo) / (hi - lo)) * BAR_W));
  const ticks: number[] = [];
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) ticks.push(10 ** e);
  return { x, log: true, ticks };
}

const tickLabel = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

function panel(title: string, runs: readonly RunRecord[], y0: number): { svg: string[]; height: number } {
  const times = runs.flatMap((r) => [r.collectMs ?? r.wallMs, r.derived.bound?.ms ?? 0]);
  const sc = scaleFor(times);
  const svg: string[] = [`<text x="10" y="${y0 + 24}" class="title">${esc(title)}${sc.log ? ' (log scale)' : ''}</text>`];
  const bottom = y0 + PANEL_HEAD + runs.length * ROW;
  for (const t of sc.ticks) {
    const tx = (LABEL_W + sc.x(t)).toFixed(1);
    svg.push(`<line x1="${tx}" x2="${tx}" y1="${y0 + PANEL_HEAD - 4}" y2="${bottom}" class="grid"/><text x="${tx}" y="${y0 + PANEL_HEAD - 7}" class="tick" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  runs.forEach((r, i) => {
    const y = y0 + PANEL_HEAD + i * ROW;
    const t = r.collectMs ?? r.wallMs;
    const color = r.status === 'ok' ? COLORS[r.kind] : COLORS.failed;
    svg.push(`<text x="${LABEL_W - 8}" y="${y + 15}" class="label" text-anchor="end">${esc(r.label)}</text>`);
    svg.push(`<rect x="${LABEL_W}" y="${y + 3}" width="${Math.max(1, sc.x(t)).toFixed(1)}" height="${ROW - 6}" fill="${color}"><title>${esc(`${r.label}: ${(t / 1000).toFixed(2)} s`)}</title></rect>`);
    if (r.derived.bound && r.derived.bound.ms > 0) {
      const bx = LABEL_W + sc.x(r.derived.bound.ms);
      svg.push(`<line x1="${bx.toFixed(1)}" x2="${bx.toFixed(1)}" y1="${y + 1}" y2="${y + ROW - 1}" class="bound"><title>${esc(`${r.derived.bound.kind} bound ${(r.derived.bound.ms / 1000).toFixed(2)} s`)}</title></line>`);
    }
    const value =
      r.status === 'ok'
        ? `${(t / 1000).toFixed(2)} s${r.derived.speedup ? ` · ${r.derived.speedup.toFixed(1)}×` : ''}${r.derived.efficiency !== undefined ? ` · ${Math.round(r.derived.efficiency * 100)}% of bound` : ''}`
        : 'FAILED';
    svg.push(`<text x="${LABEL_W + BAR_W + 8}" y="${y + 15}" class="value">${esc(value)}</text>`);
  });
  return { svg, height: PANEL_HEAD + runs.length * ROW + GAP };
}

export function chartSvg(report: Report): string {
  const body: string[] = [];
  let y = 0;
  for (const s of report.scenarios) {
    const runs = report.runs.filter((r) => r.scenario === s.id);
    if (!runs.length) continue;
    const p = panel(`${s.id}: ${s.title}`, runs, y);
    body.push(...p.svg);
    y += p.height;
  }
  const legend = y + 4;
  body.push(
    `<rect x="10" y="${legend}" width="12" height="12" fill="${COLORS.sdk}"/><text x="28" y="${legend + 11}" class="label">stock SDK</text>`,
    `<rect x="110" y="${legend}" width="12" height="12" fill="${COLORS.engine}"/><text x="128" y="${legend + 11}" class="label">oci-growth engine</text>`,
    `<rect x="260" y="${legend}" width="12" height="12" fill="${COLORS.failed}"/><text x="278" y="${legend + 11}" class="label">failed the correctness check</text>`,
    `<line x1="480" x2="480" y1="${legend}" y2="${legend + 12}" class="bound"/><text x="488" y="${legend + 11}" class="label">bound (latency or rate) at that concurrency</text>`,
    `<text x="10" y="${legend + 32}" class="label">collect time per contender; each panel has its own scale. ${esc(report.machine.cpuModel)}, ${report.machine.cores} cores, Node ${esc(report.machine.node)}, ${report.mode} mode</text>`,
  );
  const h = legend + 44;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="system-ui, sans-serif">`,
    '<style>.title{font-size:14px;font-weight:600}.label{font-size:12px;fill:#202124}.value{font-size:12px;fill:#3c4043}.bound{stroke:#202124;stroke-width:2}.grid{stroke:#dadce0;stroke-width:1}.tick{font-size:10px;fill:#5f6368}</style>',
    `<rect width="${W}" height="${h}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
