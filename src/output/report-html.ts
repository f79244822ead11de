// report.html: one self-contained page (inline CSS and SVG, no script, no font or image from
// elsewhere) that opens from a mail attachment or a bucket with no network at all.
import type { ChangeRow } from '../analyze/diff.js';
import type { GrowthRow } from '../analyze/growth.js';
import { barChart, esc, lineChart, timeLabel, type BarSeries } from './svg-chart.js';

export interface ReportInput {
  tenancyId: string;
  tenancyName: string | null;
  rows: readonly GrowthRow[];
  /** The changes between the last two runs. */
  latestChanges: readonly ChangeRow[];
  /** A compartment's path in the older and the newer of the last two runs, to show moves by path. */
  oldPath?: (id: string) => string;
  newPath?: (id: string) => string;
  generatedAt: Date;
  version: string;
}

/** Rows shown in the latest-changes table; the rest is one `oci-growth diff` away. */
export const LATEST_CHANGES_SHOWN = 200;

interface CountChart {
  key: keyof GrowthRow;
  title: string;
  color: string;
}

const COUNT_CHARTS: readonly CountChart[] = [
  { key: 'compartments', title: 'Compartments', color: '#1a73e8' },
  { key: 'compartments_with_defaults', title: 'Compartments with tag defaults', color: '#12b5cb' },
  { key: 'tag_defaults', title: 'Tag defaults', color: '#9334e6' },
  { key: 'tag_definitions', title: 'Tag definitions', color: '#e8710a' },
  { key: 'tag_namespaces', title: 'Tag namespaces', color: '#188038' },
];

/** Drawn only when every run collected resources: a chart has one point per run or none. */
const RESOURCE_CHARTS: readonly CountChart[] = [
  { key: 'resources', title: 'Resources (Resource Search)', color: '#5f6368' },
  { key: 'resources_untagged', title: 'Untagged resources', color: '#d93025' },
];

const COMPARTMENT_SERIES: BarSeries[] = [
  { key: 'compartments_added', label: 'compartments added', color: '#188038', sign: 1 },
  { key: 'compartments_removed', label: 'compartments removed', color: '#d93025', sign: -1 },
];
const DEFAULT_SERIES: BarSeries[] = [
  { key: 'tag_defaults_added', label: 'tag defaults added', color: '#188038', sign: 1 },
  { key: 'tag_defaults_changed', label: 'tag defaults changed', color: '#f9ab00', sign: 1 },
  { key: 'tag_defaults_removed', label: 'tag defaults removed', color: '#d93025', sign: -1 },
];

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const fmt = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : typeof v === 'number' ? v.toLocaleString('en-US') : esc(String(v)));
const day = (iso: string) => iso.slice(0, 10);
const when = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');

const STYLE = `
:root{--ink:#202124;--muted:#5f6368;--line:#dadce0;--bg:#f8f9fa;--warn:#b06000;--warnbg:#fef7e0}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:24px 20px 40px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.sub{color:var(--muted);margin:0}.sub code{font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-top:18px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.card .v{font-size:26px;font-weight:600;margin-top:2px}
.card .d{font-size:12px;color:var(--muted)}.up{color:#188038}.down{color:#d93025}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:12px}
figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px 6px}
figcaption{font-weight:600;font-size:13px}
svg.chart{width:100%;height:auto;display:block;font-size:11px}
.grid{stroke:#eceff1}.zero{stroke:#9aa0a6}.tick{fill:var(--muted)}
.line{fill:none;stroke-width:2}
.point{fill:var(--c);stroke:#fff;stroke-width:1.5}.point.partial{fill:#fff;stroke:var(--warn);stroke-width:2}
.legend{font-size:12px;color:var(--muted);margin:6px 0 0}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px;vertical-align:-1px}
.legend i.partial{border:2px solid var(--warn);border-radius:50%;background:#fff}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px;font-size:13px}
th,td{padding:6px 8px;border-bottom:1px solid #eceff1;text-align:left;vertical-align:top}
th{background:#f1f3f4;font-weight:600}
#runs{font-size:12px}#runs th{vertical-align:bottom}#runs th,#runs td{padding:5px 6px}#runs td:first-child{white-space:nowrap}
#latest-changes{table-layout:fixed}#latest-changes td{overflow-wrap:anywhere}
#latest-changes col.kind{width:11%}#latest-changes col.change{width:8%}#latest-changes col.name{width:16%}#latest-changes col.path{width:23%}#latest-changes col.field{width:9%}#latest-changes col.val{width:16.5%}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.partial td{background:var(--warnbg)}
.badge{display:inline-block;padding:0 6px;border-radius:9px;font-size:11px;font-weight:600;background:#e8f0fe;color:#1967d2}
.badge.partial{background:var(--warnbg);color:var(--warn);border:1px solid #f9ab00}
.badge.added{background:#e6f4ea;color:#137333}.badge.removed{background:#fce8e6;color:#c5221f}.badge.changed{background:#fef7e0;color:#b06000}
.note{color:var(--muted);font-size:12px}
.wrap{overflow-x:auto}
td.v{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
footer{margin-top:28px;color:var(--muted);font-size:12px}
@media print{body{background:#fff}figure,.card,table{break-inside:avoid}}
`;

function card(title: string, rows: readonly GrowthRow[], key: keyof GrowthRow): string {
  const last = rows[rows.length - 1]!;
  const prev = rows[rows.length - 2];
  const d = prev ? num(last[key]) - num(prev[key]) : 0;
  const delta = prev ? `<span class="${d > 0 ? 'up' : d < 0 ? 'down' : ''}">${d > 0 ? '+' : ''}${d.toLocaleString('en-US')}</span> since ${day(String(prev.finished_at))}` : 'first run';
  return `<div class="card"><div class="k">${esc(title)}</div><div class="v">${fmt(last[key])}</div><div class="d">${delta}</div></div>`;
}

/** A parent OCID shown as the parent's path (the OCID on hover), which is what a reader recognises. */
function parentCell(id: string, path: ((id: string) => string) | undefined): string {
  const p = path?.(id);
  return p ? `<td title="${esc(id)}">${esc(p)}</td>` : `<td class="v">${esc(id)}</td>`;
}

function changesTable(input: ReportInput): string {
  const changes = input.latestChanges;
  if (!changes.length) return '<p class="note">No changes between the last two runs.</p>';
  const shown = changes.slice(0, LATEST_CHANGES_SHOWN);
  const values = (c: ChangeRow) =>
    c.field === 'compartment_id'
      ? parentCell(c.old_value, input.oldPath) + parentCell(c.new_value, input.newPath)
      : `<td class="v">${esc(c.old_value)}</td><td class="v">${esc(c.new_value)}</td>`;
  const body = shown
    .map(
      (c) =>
        `<tr><td>${esc(c.kind.replace('_', ' '))}</td><td><span class="badge ${c.change}">${c.change}</span></td><td>${esc(c.name)}</td><td>${esc(c.path)}</td>` +
        `<td>${c.field === 'compartment_id' ? 'parent (moved)' : esc(c.field)}</td>${values(c)}</tr>`,
    )
    .join('\n');
  const more = changes.length > shown.length ? `<p class="note">${shown.length} of ${changes.length} changes shown; <code>oci-growth diff</code> on the last two runs writes them all to changes.csv.</p>` : '';
  return `<div class="wrap"><table id="latest-changes"><colgroup><col class="kind"><col class="change"><col class="name"><col class="path"><col class="field"><col class="val"><col class="val"></colgroup><thead><tr><th>Kind</th><th>Change</th><th>Name</th><th>Path</th><th>Field</th><th>Old</th><th>New</th></tr></thead><tbody>\n${body}\n</tbody></table></div>${more}`;
}

function runsTable(rows: readonly GrowthRow[]): string {
  const cols: [keyof GrowthRow, string][] = [
    ['compartments', 'Compartments'],
    ['tag_namespaces', 'Namespaces'],
    ['tag_definitions', 'Definitions'],
    ['tag_defaults', 'Defaults'],
    ['compartments_with_defaults', 'With defaults'],
    ['compartments_added', 'Compartments +'],
    ['compartments_removed', 'Compartments −'],
    ['tag_defaults_added', 'Defaults +'],
    ['tag_defaults_removed', 'Defaults −'],
    ['tag_defaults_changed', 'Defaults changed'],
  ];
  const withResources = rows.some((r) => r.resources !== null);
  if (withResources) cols.push(['resources', 'Resources'], ['resources_untagged', 'Untagged resources']);
  const head = `<tr><th>Finished</th><th>Run</th>${cols.map(([, t]) => `<th>${t}</th>`).join('')}</tr>`;
  const body = [...rows]
    .reverse()
    .map(
      (r) =>
        `<tr class="${r.complete ? '' : 'partial'}"><td>${esc(when(String(r.finished_at)))}${r.complete ? '' : ' <span class="badge partial">partial</span>'}</td><td>${esc(String(r.run_id))}</td>` +
        cols.map(([k]) => `<td class="n">${fmt(r[k])}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  return `<div class="wrap"><table id="runs"><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

export function renderReportHtml(input: ReportInput): string {
  const { rows } = input;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const partial = rows.filter((r) => !r.complete).length;
  const title = `Tag governance growth — ${input.tenancyName ?? input.tenancyId}`;
  const points = (key: keyof GrowthRow) => rows.map((r) => ({ x: Date.parse(String(r.finished_at)), y: num(r[key]), partial: !r.complete, label: when(String(r.finished_at)) }));
  const span = Date.parse(String(last.finished_at)) - Date.parse(String(first.finished_at));
  const periods = rows.slice(1).map((r) => ({ label: timeLabel(Date.parse(String(r.finished_at)), span), values: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v)])) }));
  const legend = (series: BarSeries[]) => `<p class="legend">${series.map((s) => `<i style="background:${s.color}"></i>${esc(s.label)}`).join('')}</p>`;
  const withResources = rows.every((r) => r.resources !== null);
  const countCharts = [...COUNT_CHARTS, ...(withResources ? RESOURCE_CHARTS : [])].map((c) => `<figure><figcaption>${c.title}</figcaption>${lineChart({ id: c.key, title: c.title, color: c.color, points: points(c.key) })}</figure>`).join('\n');
  const changeCharts =
    rows.length < 2
      ? '<p class="note">One run so far: changes appear from the second run on.</p>'
      : `<div class="grid2">
<figure><figcaption>Compartments added and removed, per period</figcaption>${barChart({ id: 'compartment-changes', title: 'Compartments added and removed', series: COMPARTMENT_SERIES, periods })}${legend(COMPARTMENT_SERIES)}</figure>
<figure><figcaption>Tag defaults added, changed and removed, per period</figcaption>${barChart({ id: 'tag-default-changes', title: 'Tag defaults added, changed and removed', series: DEFAULT_SERIES, periods })}${legend(DEFAULT_SERIES)}</figure>
</div>`;
  const prev = rows[rows.length - 2];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body><main>
<h1>${esc(title)}</h1>
<p class="sub">Tenancy <code>${esc(input.tenancyId)}</code> · ${rows.length} run${rows.length === 1 ? '' : 's'} from ${esc(when(String(first.finished_at)))} to ${esc(when(String(last.finished_at)))}${
    partial ? ` · <span class="badge partial">${partial} partial</span> (data missing; counts are lower bounds)` : ''
  }</p>
<div class="cards">
${card('Compartments', rows, 'compartments')}
${card('With tag defaults', rows, 'compartments_with_defaults')}
${card('Tag defaults', rows, 'tag_defaults')}
${card('Tag definitions', rows, 'tag_definitions')}
${card('Tag namespaces', rows, 'tag_namespaces')}
${withResources ? card('Untagged resources', rows, 'resources_untagged') : ''}
</div>
<h2>Counts over time</h2>
<div class="grid2">
${countCharts}
</div>
<p class="legend">One marker per run${partial ? '<i class="partial"></i>partial run (some scopes failed: see its failures.csv)' : ''}. Compartments include the root (the tenancy).${
    withResources ? ' Resource counts are what Resource Search returned to the collecting user; its index can lag a little behind the services.' : ''
  }</p>
<h2>Changes per period</h2>
${changeCharts}
<h2>Latest changes${prev ? ` <span class="note">(${esc(when(String(prev.finished_at)))} → ${esc(when(String(last.finished_at)))})</span>` : ''}</h2>
${rows.length < 2 ? '<p class="note">One run so far.</p>' : changesTable(input)}
<h2>Runs</h2>
${runsTable(rows)}
<footer>Generated ${esc(when(input.generatedAt.toISOString()))} by oci-growth ${esc(input.version)} from the runs' growth_collection_tags.json. Tag defaults of compartments that failed in either run of a period are left out of that period's changes.</footer>
</main></body></html>
`;
}
